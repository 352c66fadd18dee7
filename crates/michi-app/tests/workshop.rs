//! The workshop use cases without a network: the agenda's timer, names made unique, wrong PINs
//! counted per address, and an action of a participant recorded with their name.

use michi_app::Session;
use michi_app::workshop::{Action, Control, Host};
use michi_core::element::{AgendaStep, ElementData, Workshop};
use michi_core::{Edit, ElementKind};

fn session() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let s = Session::create(&dir.path().join("w.michi"), true, false).unwrap();
    (dir, s)
}

#[test]
fn the_timer_runs_pauses_and_takes_a_minute_more() {
    let (_dir, mut s) = session();
    let host = Host::start(&mut s, None, "朝会", None).unwrap();
    let data = ElementData::Workshop(Workshop {
        name: "朝会".into(),
        agenda: vec![AgendaStep { name: "現状".into(), minutes: 10 }],
        dots: 3,
        ..Default::default()
    });
    s.edit_by("", Edit::Update { id: host.workshop().clone(), data }).unwrap();
    let room = host.control(&s, Control::Step { step: Some(0) }).unwrap();
    assert_eq!(room.timer.step, Some(0));
    assert!(room.timer.running);
    assert!((599_000.0..=600_000.0).contains(&room.timer.remaining_ms), "{}", room.timer.remaining_ms);
    let paused = host.control(&s, Control::Pause).unwrap();
    assert!(!paused.timer.running);
    let more = host.control(&s, Control::AddMinute).unwrap();
    assert!((more.timer.remaining_ms - paused.timer.remaining_ms - 60_000.0).abs() < 1.0);
    std::thread::sleep(std::time::Duration::from_millis(50));
    assert_eq!(host.room(&s).timer.remaining_ms, more.timer.remaining_ms, "a paused timer stands still");
    assert!(host.control(&s, Control::Resume).unwrap().timer.running);
    // The same name starts the same workshop again.
    let again = Host::start(&mut s, None, "朝会", None).unwrap();
    assert_eq!(again.workshop(), host.workshop());
    assert_eq!(s.workspace().elements_of_kind(ElementKind::Workshop).count(), 1);
}

#[test]
fn a_participants_note_is_an_edit_in_their_name_and_wrong_pins_are_counted_per_address() {
    let (_dir, mut s) = session();
    let host = Host::start(&mut s, None, "朝会", None).unwrap();
    let here = "192.0.2.1".parse().unwrap();
    for _ in 0..10 {
        assert!(host.join("nope", "x", here).is_err());
    }
    let refused = host.join(host.pin(), "佐藤", here).unwrap_err();
    assert_eq!(refused.reason.as_deref(), Some("tooMany"));
    let joined = host.join(host.pin(), "佐藤", "192.0.2.2".parse().unwrap()).unwrap();
    for bad in ["", &"長".repeat(41)] {
        assert!(host.join(host.pin(), bad, "192.0.2.3".parse().unwrap()).is_err(), "{bad:?}");
    }
    host.act(
        &mut s,
        &joined.token,
        Action::Note { client: "c1".into(), text: "  本音  ".into(), on: None, row: None, perspective: None },
    )
    .unwrap();
    let note = s.workspace().elements_of_kind(ElementKind::StickyNote).next().unwrap();
    match &note.data {
        ElementData::StickyNote(n) => {
            assert_eq!((n.text.as_str(), n.author.as_str()), ("本音", "佐藤"));
            assert!(n.at.is_some());
        }
        other => panic!("{other:?}"),
    }
    let state = s.state().unwrap();
    assert_eq!(state.undo.map(|t| t.ja), Some("付箋の追加".to_string()));
    // An unknown token does nothing.
    let err = host.act(
        &mut s,
        "0000",
        Action::Note { client: "c2".into(), text: "x".into(), on: None, row: None, perspective: None },
    );
    assert_eq!(err.unwrap_err().code, michi_app::ErrorCode::Unauthorized);
    assert_eq!(s.workspace().elements_of_kind(ElementKind::StickyNote).count(), 1);
}

#[test]
fn on_a_process_diagram_notes_go_on_lanes_and_become_activities() {
    let (_dir, mut s) = session();
    let view =
        s.workspace().views().find(|v| matches!(v.kind, michi_core::ViewKind::Process { .. })).unwrap().id.clone();
    let host = Host::start(&mut s, None, "業務の洗い出し", Some(view)).unwrap();
    let board = host.board(&s, None).unwrap();
    assert!(!board.places.is_empty() && board.places.iter().all(|p| p.kind == ElementKind::Lane), "{:?}", board.places);
    assert!(board.rows.is_empty(), "a process diagram has no journey rows");
    let lane = board.places[0].id.clone();
    let joined = host.join(host.pin(), "田中", "192.0.2.9".parse().unwrap()).unwrap();
    host.act(
        &mut s,
        &joined.token,
        Action::Note {
            client: "l1".into(),
            text: "請求書を確認する".into(),
            on: Some(lane.clone()),
            row: None,
            perspective: None,
        },
    )
    .unwrap();
    let note = michi_core::ElementId::new("sticky-l1").unwrap();
    let show = michi_app::Show {
        screen: michi_app::Screen::Home,
        overlay: None,
        compare: None,
        evidence: false,
        cited: None,
        held: None,
        held_diagnosis: None,
    };
    let done = s.edit(Edit::PromoteNote { note, kind: None, reason: None }, &show).unwrap();
    let activity = done.created[0].clone();
    assert_eq!(s.workspace().kind_of(&activity), Some(ElementKind::Activity));
    assert!(s.workspace().outgoing(&activity, michi_core::RelationKind::InLane).iter().any(|r| r.to == lane));
    assert_eq!(host.board(&s, None).unwrap().placed.len(), 1);
}
