//! Workshops on the sample: notes added once per client id, private notes masked for everyone but
//! their author until revealed, notes turned into a stumbling point and an activity (and back with
//! the inverse), quotes from notes under the workshop's conversation, and dot votes.

use michi_core::derive::workshop::{Viewer, board};
use michi_core::element::{ElementData, ElementKind, Perspective, StickyNote, StumblingReason, Vote, Workshop};
use michi_core::view::ViewKind;
use michi_core::{
    Edit, EditError, ElementId, IdGen, RelationKind, ViewId, WorkshopError, Workspace, apply, perform, sample,
};

struct Room {
    ws: Workspace,
    ids: IdGen,
    workshop: ElementId,
    map: ViewId,
    diagram: ViewId,
}

impl Room {
    fn new() -> Room {
        let mut ws = sample::sample();
        let mut ids = IdGen::sequential();
        let workshop = perform(
            &mut ws,
            Edit::Create {
                data: ElementData::Workshop(Workshop { name: "現状整理".into(), dots: 3, ..Default::default() }),
            },
            &mut ids,
        )
        .unwrap()
        .created
        .remove(0);
        let map = ws.views().find(|v| matches!(v.kind, ViewKind::JourneyMap { .. })).unwrap().id.clone();
        let diagram = ws.views().find(|v| matches!(v.kind, ViewKind::Process { .. })).unwrap().id.clone();
        Room { ws, ids, workshop, map, diagram }
    }

    fn run(&mut self, edit: Edit) -> Result<michi_core::edit::Performed, EditError> {
        perform(&mut self.ws, edit, &mut self.ids)
    }

    fn note(&mut self, client: &str, author: &str, text: &str, on: Option<&ElementId>) -> michi_core::edit::Performed {
        self.run(Edit::AddNote {
            workshop: self.workshop.clone(),
            client: client.into(),
            note: StickyNote { text: text.into(), author: author.into(), ..Default::default() },
            on: on.cloned(),
        })
        .unwrap()
    }

    fn place(&self, kind: ElementKind, view: &ViewId) -> ElementId {
        let b = board(&self.ws, &self.workshop, Some(view), Viewer::default()).unwrap();
        b.places.iter().find(|p| p.kind == kind).unwrap().id.clone()
    }
}

#[test]
fn a_note_sent_twice_is_added_once() {
    let mut room = Room::new();
    let stage = room.place(ElementKind::Stage, &room.map.clone());
    let first = room.note("c-1", "佐藤", "権限設定が分からない", Some(&stage));
    assert!(!first.changes.is_empty());
    let again = room.note("c-1", "佐藤", "権限設定が分からない", Some(&stage));
    assert!(again.changes.is_empty(), "a resent note changes nothing");
    let b = board(&room.ws, &room.workshop, Some(&room.map), Viewer::default()).unwrap();
    assert_eq!(b.notes.len(), 1);
    assert_eq!(b.notes[0].on.as_ref(), Some(&stage));
    assert_eq!(b.notes[0].author, "佐藤");
    assert_eq!(b.notes[0].id.as_str(), "sticky-c-1");
}

#[test]
fn a_bad_client_id_is_refused() {
    let mut room = Room::new();
    for bad in ["", "a/b", "x y", &"a".repeat(65)] {
        let err = room
            .run(Edit::AddNote {
                workshop: room.workshop.clone(),
                client: bad.into(),
                note: StickyNote::default(),
                on: None,
            })
            .unwrap_err();
        assert!(matches!(err, EditError::Workshop(WorkshopError::BadClientId(_))), "{bad:?}: {err:?}");
    }
}

#[test]
fn private_notes_are_masked_for_all_but_their_author_until_revealed() {
    let mut room = Room::new();
    room.run(Edit::AddNote {
        workshop: room.workshop.clone(),
        client: "p-1".into(),
        note: StickyNote { text: "本音".into(), author: "鈴木".into(), hidden: true, ..Default::default() },
        on: None,
    })
    .unwrap();
    let seen_by = |room: &Room, name: Option<&str>| {
        board(&room.ws, &room.workshop, Some(&room.map), Viewer { name, voter: None }).unwrap().notes[0].clone()
    };
    assert_eq!(seen_by(&room, Some("鈴木")).text, "本音");
    assert!(seen_by(&room, Some("佐藤")).masked);
    assert_eq!(seen_by(&room, Some("佐藤")).text, "");
    assert_eq!(seen_by(&room, None).text, "", "the projector does not show it either");
    room.run(Edit::RevealNotes { workshop: room.workshop.clone() }).unwrap();
    assert_eq!(seen_by(&room, Some("佐藤")).text, "本音");
}

#[test]
fn a_note_on_a_stage_becomes_a_stumbling_point_and_comes_back_with_undo() {
    let mut room = Room::new();
    let stage = room.place(ElementKind::Stage, &room.map.clone());
    room.note("c-2", "佐藤", "他部署の協力が得られない", Some(&stage));
    let note = ElementId::new("sticky-c-2").unwrap();
    room.run(Edit::MoveNote { note: note.clone(), on: Some(stage.clone()), row: Some(ElementKind::StumblingPoint) })
        .unwrap();
    let before = room.ws.clone();
    let done =
        room.run(Edit::PromoteNote { note: note.clone(), kind: None, reason: Some(StumblingReason::NotNow) }).unwrap();
    let card = done.created[0].clone();
    match room.ws.data(&card) {
        Some(ElementData::StumblingPoint(s)) => {
            assert_eq!(s.text, "他部署の協力が得られない");
            assert_eq!(s.reason, Some(StumblingReason::NotNow));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(room.ws.container(&card, RelationKind::InStage).as_ref(), Some(&stage));
    let b = board(&room.ws, &room.workshop, Some(&room.map), Viewer::default()).unwrap();
    assert!(b.notes.is_empty(), "the note left the board");
    assert_eq!(b.placed[0].became.as_ref().unwrap().id, card);
    // A second promotion of the same note is refused.
    let again = room.run(Edit::PromoteNote { note: note.clone(), kind: None, reason: None }).unwrap_err();
    assert!(matches!(again, EditError::Workshop(WorkshopError::AlreadyBecame)));
    apply(&mut room.ws, done.inverse).unwrap();
    assert_eq!(room.ws, before, "the inverse takes the promotion back exactly");
}

#[test]
fn a_note_on_a_process_lane_becomes_an_activity_in_that_lane() {
    let mut room = Room::new();
    let diagram = room.diagram.clone();
    let lane = room.place(ElementKind::Lane, &diagram);
    room.note("c-3", "田中", "請求書を確認する", Some(&lane));
    let done =
        room.run(Edit::PromoteNote { note: ElementId::new("sticky-c-3").unwrap(), kind: None, reason: None }).unwrap();
    let activity = done.created[0].clone();
    assert_eq!(room.ws.kind_of(&activity), Some(ElementKind::Activity));
    assert!(room.ws.outgoing(&activity, RelationKind::InLane).iter().any(|r| r.to == lane));
    let placed = &room.ws.view(&diagram).unwrap().placements[&activity];
    let band = &room.ws.view(&diagram).unwrap().placements[&lane];
    assert!(placed.y >= band.y && placed.y + placed.height <= band.y + band.height, "{placed:?} in {band:?}");
}

#[test]
fn a_note_in_the_parking_lot_must_be_placed_before_it_becomes_anything() {
    let mut room = Room::new();
    room.note("c-4", "佐藤", "あとで", None);
    let err = room
        .run(Edit::PromoteNote { note: ElementId::new("sticky-c-4").unwrap(), kind: None, reason: None })
        .unwrap_err();
    assert!(matches!(err, EditError::Workshop(WorkshopError::NotPlaced)));
}

#[test]
fn notes_with_a_perspective_are_quotes_of_one_workshop_conversation() {
    let mut room = Room::new();
    for (client, author, text) in
        [("q-1", "佐藤", "毎朝の報告が手間"), ("q-2", "鈴木", "画面が多すぎる"), ("q-3", "佐藤", "研修がほしい")]
    {
        room.run(Edit::AddNote {
            workshop: room.workshop.clone(),
            client: client.into(),
            note: StickyNote {
                text: text.into(),
                author: author.into(),
                perspective: Some(Perspective::Problem),
                ..Default::default()
            },
            on: None,
        })
        .unwrap();
    }
    let talks = room.ws.incoming(&room.workshop, RelationKind::HeldAt);
    assert_eq!(talks.len(), 1, "one conversation for the workshop");
    let quotes = room.ws.incoming(&talks[0].from, RelationKind::QuoteOf);
    assert_eq!(quotes.len(), 3);
    match room.ws.data(&talks[0].from) {
        Some(ElementData::Conversation(c)) => {
            let names: Vec<&str> = c.people.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(names, ["佐藤", "鈴木"]);
            assert_eq!(c.account_name, "現状整理");
        }
        other => panic!("{other:?}"),
    }
    let b = board(&room.ws, &room.workshop, Some(&room.map), Viewer::default()).unwrap();
    assert_eq!(b.placed.len(), 3);
    assert!(b.placed.iter().all(|n| n.became_kind == Some(ElementKind::Quote)));
}

#[test]
fn dot_votes_count_dots_refuse_extra_and_show_results_only_when_closed() {
    let mut room = Room::new();
    let map = room.map.clone();
    let vote = room
        .run(Edit::StartVote {
            workshop: room.workshop.clone(),
            vote: Vote {
                question: "どこから直す？".into(),
                dots: 2,
                kinds: vec![ElementKind::StumblingPoint],
                ..Default::default()
            },
        })
        .unwrap()
        .created
        .remove(0);
    let b = board(&room.ws, &room.workshop, Some(&map), Viewer::default()).unwrap();
    let candidates: Vec<ElementId> = b.votes[0].candidates.iter().map(|c| c.id.clone()).collect();
    assert!(candidates.len() >= 2, "the sample's stumbling points are candidates: {candidates:?}");
    assert!(b.votes[0].candidates.iter().all(|c| c.kind == ElementKind::StumblingPoint));
    let cast = |room: &mut Room, voter: &str, target: &ElementId| {
        room.run(Edit::CastVote { vote: vote.clone(), voter: voter.into(), target: target.clone() })
    };
    cast(&mut room, "k1", &candidates[1]).unwrap();
    cast(&mut room, "k1", &candidates[1]).unwrap();
    let third = cast(&mut room, "k1", &candidates[0]).unwrap_err();
    assert!(matches!(third, EditError::Workshop(WorkshopError::NoDotsLeft(2))));
    cast(&mut room, "k2", &candidates[0]).unwrap();
    let workshop = room.workshop.clone();
    let wrong = cast(&mut room, "k2", &workshop).unwrap_err();
    assert!(matches!(wrong, EditError::Workshop(WorkshopError::NotACandidate(ElementKind::Workshop))));
    let open = board(&room.ws, &room.workshop, Some(&map), Viewer { name: None, voter: Some("k1") }).unwrap();
    assert!(open.votes[0].results.is_empty(), "no results while open");
    assert_eq!(open.votes[0].mine, vec![candidates[1].clone(), candidates[1].clone()]);
    assert_eq!((open.votes[0].voters, open.votes[0].placed), (2, 3));
    room.run(Edit::RetractVote { vote: vote.clone(), voter: "k2".into(), target: candidates[0].clone() }).unwrap();
    cast(&mut room, "k2", &candidates[1]).unwrap();
    room.run(Edit::SetVoteOpen { vote: vote.clone(), open: false }).unwrap();
    let closed = board(&room.ws, &room.workshop, Some(&map), Viewer::default()).unwrap();
    let results: Vec<(ElementId, u32)> = closed.votes[0].results.iter().map(|t| (t.id.clone(), t.dots)).collect();
    assert_eq!(results, vec![(candidates[1].clone(), 3)]);
    let late = cast(&mut room, "k3", &candidates[0]).unwrap_err();
    assert!(matches!(late, EditError::Workshop(WorkshopError::VoteClosed)));
    let json = serde_json::to_string(&closed.votes[0]).unwrap();
    assert!(!json.contains("k1") && !json.contains("k2"), "no voter key leaves in the board: {json}");
}

#[test]
fn the_record_says_who_added_what_what_went_into_the_model_the_votes_and_the_parking_lot() {
    use michi_core::derive::workshop::summary;
    let mut room = Room::new();
    let map = room.map.clone();
    let stage = room.place(ElementKind::Stage, &map);
    room.note("r-1", "佐藤", "他部署の協力が得られない", Some(&stage));
    room.note("r-2", "鈴木", "あとで考える", None);
    room.run(Edit::AddNote {
        workshop: room.workshop.clone(),
        client: "r-3".into(),
        note: StickyNote {
            text: "報告が手間".into(),
            author: "鈴木".into(),
            perspective: Some(Perspective::Problem),
            ..Default::default()
        },
        on: None,
    })
    .unwrap();
    room.run(Edit::PromoteNote {
        note: ElementId::new("sticky-r-1").unwrap(),
        kind: Some(ElementKind::StumblingPoint),
        reason: None,
    })
    .unwrap();
    let vote = room
        .run(Edit::StartVote {
            workshop: room.workshop.clone(),
            vote: Vote {
                question: "どこから？".into(),
                dots: 2,
                kinds: vec![ElementKind::StumblingPoint],
                ..Default::default()
            },
        })
        .unwrap()
        .created
        .remove(0);
    let card = michi_core::edit::became(&room.ws, &ElementId::new("sticky-r-1").unwrap()).unwrap();
    room.run(Edit::CastVote { vote: vote.clone(), voter: "k".into(), target: card.clone() }).unwrap();
    room.run(Edit::SetVoteOpen { vote, open: false }).unwrap();
    let doc = summary(&room.ws, &room.workshop).unwrap();
    let md = serde_json::to_string(&doc).unwrap();
    for want in [
        "ワークショップの記録：現状整理",
        "他部署の協力が得られない",
        "あとで考える（鈴木）",
        "「報告が手間」（鈴木",
        "他部署の協力が得られない：1 票",
    ] {
        assert!(md.contains(want), "{want} missing in {md}");
    }
    assert!(doc.traced().contains(&&card), "the element put into the model is traced");
}
