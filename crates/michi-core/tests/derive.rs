//! Derivations on the sample and on small models: the playbook follows the journey, every play and
//! step traces to elements that exist, and gaps are filled by the default interventions, marked as
//! suggestions.

use michi_core::derive::playbook::{self, Trigger};
use michi_core::element::{Card, ElementData, ElementKind, Emotion, Stage, StumblingPoint, StumblingReason};
use michi_core::{Edit, ElementId, IdGen, RelationKind, Workspace, perform};

fn run(ws: &mut Workspace, ids: &mut IdGen, edit: Edit) -> Vec<ElementId> {
    perform(ws, edit, ids).unwrap().created
}

#[test]
fn the_samples_playbook_follows_the_journey_and_traces_every_line() {
    let ws = michi_core::sample::sample();
    let journey = ws.elements_of_kind(ElementKind::Journey).find(|j| j.data.label().contains("導入〜更新")).unwrap();
    let pb = playbook::playbook(&ws, &journey.id).unwrap();
    let names: Vec<&str> = pb.stages.iter().map(|s| s.stage.name.as_str()).collect();
    assert_eq!(names, ["オンボーディング", "活用・定着", "拡大", "更新"]);
    assert!(pb.stages[0].entry_criteria.is_none(), "the first stage has no previous stage");
    // Entry criteria are the previous stage's exit criteria, traced to that stage.
    let entry = pb.stages[1].entry_criteria.as_ref().unwrap();
    assert_eq!(entry.source, pb.stages[0].stage.id);
    assert_eq!(entry.text, pb.stages[0].exit_criteria);
    assert!(pb.audience.iter().any(|a| a.name == "中堅製造業"));
    let mut steps = 0;
    for stage in &pb.stages {
        assert!(ws.contains(&stage.stage.id));
        for play in &stage.plays {
            assert!(!play.sources.is_empty() && play.sources.iter().all(|s| ws.contains(s)), "{play:?}");
            assert!(!play.steps.is_empty(), "{play:?}");
            for step in &play.steps {
                steps += 1;
                assert!(!step.sources.is_empty() && step.sources.iter().all(|s| ws.contains(s)), "{step:?}");
                assert!(!step.text.ja.is_empty() && !step.text.en.is_empty());
            }
        }
    }
    assert!(steps >= 10, "{steps} steps");
    // The onboarding kick-off is a step of entering onboarding, with its channel and touch.
    let entered = pb.stages[0].plays.iter().find(|p| p.trigger == Trigger::StageEntered).unwrap();
    let kickoff = entered.steps.iter().find(|s| s.text.ja.contains("キックオフミーティング")).unwrap();
    assert!(kickoff.touch.is_some() && kickoff.channel.is_some());
    let md = playbook::markdown(&pb, true);
    assert!(md.starts_with("# プレイブック — 中堅製造業 導入〜更新ジャーニー"), "{md}");
    assert!(md.contains("## 1. オンボーディング"));
    assert!(playbook::markdown(&pb, false).contains("When the customer enters the stage"));
}

#[test]
fn stumbling_points_emotion_dips_and_late_stages_get_plays() {
    let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
    let j = run(&mut ws, &mut ids, Edit::CreateJourney { name: "導入".into() })[0].clone();
    let s = run(&mut ws, &mut ids, Edit::AddStage { journey: j.clone(), index: None, name: "オンボーディング".into() })
        [0]
    .clone();
    run(
        &mut ws,
        &mut ids,
        Edit::Update {
            id: s.clone(),
            data: ElementData::Stage(Stage {
                name: "オンボーディング".into(),
                ttv_target_days: Some(30),
                ..Default::default()
            }),
        },
    );
    let card = |data| Edit::AddCard { stage: s.clone(), index: None, data };
    let addressed = run(
        &mut ws,
        &mut ids,
        card(ElementData::StumblingPoint(StumblingPoint {
            text: "操作が難しい".into(),
            reason: Some(StumblingReason::GuidanceLacking),
            ..Default::default()
        })),
    )[0]
    .clone();
    let open = run(
        &mut ws,
        &mut ids,
        card(ElementData::StumblingPoint(StumblingPoint {
            text: "今は忙しい".into(),
            reason: Some(StumblingReason::NotNow),
            ..Default::default()
        })),
    )[0]
    .clone();
    let dip = run(
        &mut ws,
        &mut ids,
        card(ElementData::Emotion(Emotion { text: "不安".into(), note: String::new(), score: -1 })),
    )[0]
    .clone();
    let hands_on =
        run(&mut ws, &mut ids, card(ElementData::CsAction(Card { text: "ハンズオン".into(), note: String::new() })))[0]
            .clone();
    run(&mut ws, &mut ids, Edit::Link { kind: RelationKind::Addresses, from: hands_on.clone(), to: addressed.clone() });

    let pb = playbook::playbook(&ws, &j).unwrap();
    let plays = &pb.stages[0].plays;
    // The only CS action addresses a stumbling point: entering the stage has no play of its own.
    assert!(!plays.iter().any(|p| p.trigger == Trigger::StageEntered));
    let on = |point: &ElementId| {
        plays.iter().find(|p| matches!(&p.trigger, Trigger::StumblingPoint { point: r, .. } if &r.id == point)).unwrap()
    };
    assert_eq!(on(&addressed).steps[0].sources, *std::slice::from_ref(&hands_on));
    assert!(!on(&addressed).steps[0].suggested);
    // No CS action for "not now": the default intervention for that reason, as a suggestion.
    let gap = &on(&open).steps[0];
    assert!(gap.suggested && gap.text.en.contains("re-time"), "{gap:?}");
    assert_eq!(gap.sources, *std::slice::from_ref(&open));
    // The dip is answered by the stage's CS actions.
    let dip_play =
        plays.iter().find(|p| matches!(&p.trigger, Trigger::EmotionDip { emotion } if emotion.id == dip)).unwrap();
    assert_eq!(dip_play.steps[0].sources, [hands_on]);
    // Day 30: the exit criteria are late.
    let late = plays.iter().find(|p| matches!(p.trigger, Trigger::ExitCriteriaLate { after_days: 30 })).unwrap();
    assert_eq!(late.day, Some(30));
    assert!(late.steps[0].suggested);
    assert!(playbook::playbook(&ws, &s).is_none(), "a stage is not a journey");
}
