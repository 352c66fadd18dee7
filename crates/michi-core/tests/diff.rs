//! The semantic diff on the sample's journeys: a copy of the sample edited as a consultant would
//! draw a to-be (a stage moved, a card moved to another stage or lane, exit criteria rewritten, a
//! card added and one removed), each change found in its class and nothing else reported.

use michi_core::diff::{ChangeClass, Diff, diff};
use michi_core::element::{ElementData, ElementKind};
use michi_core::{Edit, ElementId, IdGen, RelationKind, Workspace, perform};

use ChangeClass::*;

fn sample() -> Workspace {
    michi_core::sample::sample()
}

fn named(ws: &Workspace, label: &str) -> ElementId {
    ws.elements().find(|e| e.data.label() == label).unwrap_or_else(|| panic!("no {label}")).id.clone()
}

fn journey(ws: &Workspace) -> ElementId {
    named(ws, "中堅製造業 導入〜更新ジャーニー")
}

fn summary(d: &Diff) -> Vec<(ChangeClass, String)> {
    d.changes.iter().map(|c| (c.class, c.label.clone())).collect()
}

#[test]
fn a_copy_of_the_sample_has_no_changes() {
    let ws = sample();
    let d = diff(&ws, &ws.clone());
    assert!(d.is_empty(), "{:?}", summary(&d));
}

#[test]
fn a_stage_moved_to_the_front_is_the_one_reordered() {
    let old = sample();
    let mut new = old.clone();
    let stages = new.ordered_members(&journey(&new), RelationKind::InJourney);
    let last = stages.last().unwrap().clone();
    perform(&mut new, Edit::MoveStage { stage: last.clone(), index: 0 }, &mut IdGen::sequential()).unwrap();
    let d = diff(&old, &new);
    assert_eq!(summary(&d), [(Reordered, "更新".to_string())]);
    let c = &d.changes[0];
    assert_eq!((c.ends[0].relation.as_str(), c.ends[0].new[0].as_str()), ("inJourney", last.as_str()));
}

#[test]
fn a_card_moved_to_another_stage_is_moved_and_its_old_neighbours_are_not_reordered() {
    let old = sample();
    let mut new = old.clone();
    let stages = new.ordered_members(&journey(&new), RelationKind::InJourney);
    let card = new.ordered_members(&stages[0], RelationKind::InStage)[0].clone();
    perform(
        &mut new,
        Edit::MoveCard { card: card.clone(), from: stages[0].clone(), to: stages[1].clone(), index: 0 },
        &mut IdGen::sequential(),
    )
    .unwrap();
    let d = diff(&old, &new);
    let label = old.data(&card).unwrap().label().to_string();
    assert_eq!(summary(&d), [(Moved, label)]);
    let c = &d.changes[0];
    assert_eq!(c.ends[0].relation, "inStage");
    assert_eq!(
        (c.ends[0].old.as_slice(), c.ends[0].new.as_slice()),
        (&[stages[0].to_string()][..], &[stages[1].to_string()][..])
    );
}

#[test]
fn rewritten_exit_criteria_are_an_attribute_change_with_both_texts() {
    let old = sample();
    let mut new = old.clone();
    let stage = named(&new, "オンボーディング");
    let Some(ElementData::Stage(mut s)) = new.data(&stage).cloned() else { panic!() };
    let before = s.exit_criteria.clone();
    s.exit_criteria = "全ラインで2週間、紙を使わずに記録できている".into();
    perform(&mut new, Edit::Update { id: stage.clone(), data: ElementData::Stage(s) }, &mut IdGen::sequential())
        .unwrap();
    let d = diff(&old, &new);
    assert_eq!(summary(&d), [(AttributeChanged, "オンボーディング".to_string())]);
    let a = &d.changes[0].attrs[0];
    assert_eq!(
        (a.path.as_str(), a.old.as_str(), a.new.as_str()),
        ("exitCriteria", before.as_str(), "全ラインで2週間、紙を使わずに記録できている")
    );
}

#[test]
fn a_customer_action_made_a_touchpoint_moved_to_another_lane_of_the_map() {
    let old = sample();
    let mut data = old.to_data();
    let card = named(&old, "ダッシュボードで異常値を確認する");
    let e = data.elements.iter_mut().find(|e| e.id == card).unwrap();
    let ElementData::CustomerAction(c) = &e.data else { panic!("{:?}", e.data.kind()) };
    e.data = ElementData::Touchpoint(michi_core::element::Touchpoint { text: c.text.clone(), ..Default::default() });
    let new = Workspace::from_data(data).unwrap();
    let d = diff(&old, &new);
    assert_eq!(summary(&d), [(Moved, "ダッシュボードで異常値を確認する".to_string())]);
    let end = &d.changes[0].ends[0];
    assert_eq!(
        (end.relation.as_str(), end.old[0].as_str(), end.new[0].as_str()),
        ("lane", "customerAction", "touchpoint")
    );
}

#[test]
fn a_card_added_and_a_stage_removed_with_its_cards() {
    let old = sample();
    let mut new = old.clone();
    let mut ids = IdGen::sequential();
    let stages = new.ordered_members(&journey(&new), RelationKind::InJourney);
    let added = perform(
        &mut new,
        Edit::AddCard {
            stage: stages[0].clone(),
            index: None,
            data: ElementData::new_with_label(ElementKind::CustomerAction, "工場長が導入目的を現場に説明する"),
        },
        &mut ids,
    )
    .unwrap()
    .created[0]
        .clone();
    let gone: Vec<ElementId> = new.ordered_members(&stages[3], RelationKind::InStage);
    perform(&mut new, Edit::Delete { ids: vec![stages[3].clone()] }, &mut ids).unwrap();
    let d = diff(&old, &new);
    assert_eq!(d.of(Added).map(|c| c.new.clone().unwrap()).collect::<Vec<_>>(), [added]);
    let removed: Vec<ElementId> = d.of(Removed).map(|c| c.old.clone().unwrap()).collect();
    assert!(removed.contains(&stages[3]), "{removed:?}");
    for card in &gone {
        assert!(removed.contains(card) || new.contains(card), "{card} neither removed nor kept");
    }
    assert_eq!(d.of(Reordered).count(), 0, "{:?}", summary(&d));
}

#[test]
fn the_outputs_say_which_plays_functions_and_findings_a_to_be_adds_and_drops() {
    use michi_core::diff::outputs::compare;
    use michi_core::element::{StumblingPoint, WorkTag};
    let old = sample();
    assert!(compare(&old, &old.clone()).is_empty());

    // The to-be adds a stumbling point tagged as a product request in onboarding (a play, and the
    // product liaison function it calls for), and deletes the renewal stage with its cards.
    let mut new = old.clone();
    let mut ids = IdGen::sequential();
    let stages = new.ordered_members(&journey(&new), RelationKind::InJourney);
    let point = StumblingPoint {
        text: "帳票の項目を増やしたいが製品でできない".into(),
        tags: vec![WorkTag::ProductRequest],
        ..Default::default()
    };
    perform(
        &mut new,
        Edit::AddCard { stage: stages[0].clone(), index: None, data: ElementData::StumblingPoint(point) },
        &mut ids,
    )
    .unwrap();
    perform(&mut new, Edit::Delete { ids: vec![stages[3].clone()] }, &mut ids).unwrap();
    // And gives the second stage a time-to-value target of 14 days.
    let Some(ElementData::Stage(mut second)) = new.data(&stages[1]).cloned() else { panic!("a stage") };
    let second_name = second.name.clone();
    second.ttv_target_days = Some(14);
    perform(&mut new, Edit::Update { id: stages[1].clone(), data: ElementData::Stage(second) }, &mut ids).unwrap();
    let c = compare(&old, &new);
    // The sample calls for all twelve functions already: none comes or goes.
    assert!(c.functions_added.is_empty() && c.functions_removed.is_empty(), "{c:?}");
    assert!(c.plays_added.iter().any(|p| p.stage == "オンボーディング"), "{:?}", c.plays_added);
    assert!(c.plays_added.iter().any(|p| p.stage == second_name), "{:?}", c.plays_added);
    // The renewal's plays go; the second stage's late review is now due on another day (gone, and added).
    assert!(c.plays_removed.iter().filter(|p| p.stage == "更新").count() >= 2, "{:?}", c.plays_removed);
    assert!(c.plays_removed.iter().all(|p| p.stage != "オンボーディング"), "{:?}", c.plays_removed);
    // The new stumbling point has no CS action answering it yet: a finding the as-is did not have.
    assert!(
        c.findings_added
            .iter()
            .any(|f| f.elements.iter().any(|e| new.data(e).is_some_and(|d| d.label().contains("帳票の項目")))),
        "{:?}",
        c.findings_added
    );
    // Metrics: the renewal stage's go with it (and the conversion into it from the stage before);
    // the second stage's time in stage now has a target.
    assert!(c.metrics_removed.iter().any(|m| m.stage == "更新"), "{:?}", c.metrics_removed);
    assert!(
        c.metrics_removed.iter().all(|m| m.new.is_empty() && m.stage != "オンボーディング"),
        "{:?}",
        c.metrics_removed
    );
    let ttv: Vec<_> = c.metrics_changed.iter().filter(|m| m.stage == second_name).collect();
    assert_eq!(ttv.len(), 1, "{:?}", c.metrics_changed);
    assert_eq!((ttv[0].name.en.as_str(), ttv[0].new.as_str()), ("Days in stage (median)", "14"), "{ttv:?}");
    assert!(c.metrics_added.is_empty(), "{:?}", c.metrics_added);
}

#[test]
fn a_card_tagged_as_a_product_request_calls_for_product_liaison_in_the_to_be() {
    use michi_core::diff::outputs::compare;
    use michi_core::element::{CsFunction, StumblingPoint, WorkTag};
    let mut old = Workspace::new();
    let mut ids = IdGen::sequential();
    let j = perform(&mut old, Edit::CreateJourney { name: "導入".into() }, &mut ids).unwrap().created[0].clone();
    let stage = perform(&mut old, Edit::AddStage { journey: j, index: None, name: "活用".into() }, &mut ids)
        .unwrap()
        .created[0]
        .clone();
    let mut new = old.clone();
    let point =
        StumblingPoint {
            text: "CSV出力がほしい".into(), tags: vec![WorkTag::ProductRequest], ..Default::default()
        };
    perform(&mut new, Edit::AddCard { stage, index: None, data: ElementData::StumblingPoint(point) }, &mut ids)
        .unwrap();
    let c = compare(&old, &new);
    assert!(c.functions_added.iter().any(|f| f.function == CsFunction::ProductLiaison), "{:?}", c.functions_added);
    let back = compare(&new, &old);
    assert!(
        back.functions_removed.iter().any(|f| f.function == CsFunction::ProductLiaison),
        "{:?}",
        back.functions_removed
    );
}

/// The sample edited into a to-be the way a consultant would, on both canvases.
fn to_be(old: &Workspace) -> Workspace {
    use michi_core::element::{Activity, ActivityKind};
    use michi_core::process::edit::ShapeMove;
    use michi_core::view::{Point, ViewKind};
    let mut new = old.clone();
    let mut ids = IdGen::sequential();
    let stages = new.ordered_members(&journey(&new), RelationKind::InJourney);
    perform(&mut new, Edit::MoveStage { stage: stages[3].clone(), index: 1 }, &mut ids).unwrap();
    let cards = new.ordered_members(&stages[0], RelationKind::InStage);
    perform(
        &mut new,
        Edit::MoveCard { card: cards[0].clone(), from: stages[0].clone(), to: stages[1].clone(), index: 0 },
        &mut ids,
    )
    .unwrap();
    let mut renamed = new.data(&cards[1]).unwrap().clone();
    if let ElementData::CustomerAction(c) | ElementData::CustomerGoal(c) | ElementData::CsAction(c) = &mut renamed {
        c.text = "書き直した".into();
    }
    perform(&mut new, Edit::Update { id: cards[1].clone(), data: renamed }, &mut ids).unwrap();
    perform(&mut new, Edit::Delete { ids: vec![cards[2].clone()] }, &mut ids).unwrap();
    let view = new.views().find(|v| matches!(v.kind, ViewKind::Process { .. })).unwrap().id.clone();
    let activity = new.elements_of_kind(ElementKind::Activity).next().unwrap().id.clone();
    let at = new.view(&view).unwrap().placements[&activity].clone();
    perform(
        &mut new,
        Edit::MoveShapes { view: view.clone(), moves: vec![ShapeMove { id: activity, x: at.x + 40.0, y: at.y }] },
        &mut ids,
    )
    .unwrap();
    let hand_off = new.elements_of_kind(ElementKind::MessageFlow).next().unwrap().id.clone();
    perform(&mut new, Edit::Delete { ids: vec![hand_off] }, &mut ids).unwrap();
    // A sequence flow now ends at the target of the next flow; an activity becomes a manual task.
    let flows: Vec<ElementId> = new.elements_of_kind(ElementKind::SequenceFlow).map(|e| e.id.clone()).collect();
    let target = |ws: &Workspace, f: &ElementId| ws.container(f, RelationKind::Target).unwrap();
    let (t0, t1) = (target(&new, &flows[0]), target(&new, &flows[1]));
    assert_ne!(t0, t1);
    let relink = vec![
        Edit::Unlink { kind: RelationKind::Target, from: flows[0].clone(), to: t0 },
        Edit::Link { kind: RelationKind::Target, from: flows[0].clone(), to: t1 },
    ];
    perform(&mut new, Edit::Batch { edits: relink }, &mut ids).unwrap();
    let task = new.elements_of_kind(ElementKind::Activity).nth(1).unwrap().id.clone();
    let Some(ElementData::Activity(mut a)) = new.data(&task).cloned() else { panic!() };
    a.kind = if a.kind == ActivityKind::ManualTask { ActivityKind::Task } else { ActivityKind::ManualTask };
    perform(&mut new, Edit::Update { id: task, data: ElementData::Activity(a) }, &mut ids).unwrap();
    let added = ElementData::Activity(Activity {
        name: "オンボーディング計画の共有".into(), ..Default::default()
    });
    perform(&mut new, Edit::AddNode { view, data: added, at: Point { x: at.x, y: at.y + 5.0 } }, &mut ids).unwrap();
    new
}

#[test]
fn every_change_taken_back_one_at_a_time_leaves_no_difference() {
    use michi_core::diff::take::take_back;
    let old = sample();
    let mut new = to_be(&old);
    let first = diff(&old, &new);
    let classes: std::collections::BTreeSet<_> = first.changes.iter().map(|c| c.class).collect();
    for class in [Added, Removed, Renamed, TypeChanged, Reconnected, Moved, Reordered, LayoutChanged] {
        assert!(classes.contains(&class), "{class:?} missing from {:?}", summary(&first));
    }
    let mut ids = IdGen::sequential();
    for round in 0..first.changes.len() + 5 {
        let d = diff(&old, &new);
        let Some(change) = d.changes.first() else { break };
        let restore = take_back(&old, &new, &d, change).unwrap_or_else(|| panic!("nothing to take for {change:?}"));
        let before = d.changes.len();
        perform(&mut new, Edit::TakeBack { restore: Box::new(restore) }, &mut ids)
            .unwrap_or_else(|e| panic!("{change:?}: {e}"));
        let after = diff(&old, &new);
        assert!(after.changes.len() < before, "round {round}: taking {change:?} back left {:?}", summary(&after));
        assert!(!after.changes.contains(change), "round {round}: {change:?} still there");
    }
    let d = diff(&old, &new);
    assert!(d.is_empty(), "{:?}", summary(&d));
}

#[test]
fn taking_a_change_back_is_one_edit_undone_in_one_step() {
    use michi_core::diff::take::take_back;
    let old = sample();
    let mut new = to_be(&old);
    let d = diff(&old, &new);
    let moved = d.of(Reordered).next().unwrap().clone();
    let restore = take_back(&old, &new, &d, &moved).unwrap();
    let before = new.clone();
    let done = perform(&mut new, Edit::TakeBack { restore: Box::new(restore) }, &mut IdGen::sequential()).unwrap();
    let j = journey(&new);
    assert_eq!(new.ordered_members(&j, RelationKind::InJourney), old.ordered_members(&j, RelationKind::InJourney));
    michi_core::op::apply(&mut new, done.inverse).unwrap();
    assert_eq!(diff(&before, &new).changes, Vec::new());
}

/// A journey of three stages 導入 → 活用 → 更新, with 7 accounts at 導入 and 2 at 更新 in a state
/// snapshot, and an unaddressed stumbling point in 導入: (workspace, stages, stumbling point).
fn three_stages() -> (Workspace, Vec<ElementId>, ElementId, IdGen) {
    use michi_core::element::{StateSnapshot, StumblingPoint, StumblingReason};
    let mut ws = Workspace::new();
    let mut ids = IdGen::sequential();
    let j = perform(&mut ws, Edit::CreateJourney { name: "導入から更新".into() }, &mut ids).unwrap().created[0].clone();
    let stages: Vec<ElementId> = ["導入", "活用", "更新"]
        .into_iter()
        .map(|name| {
            let e = Edit::AddStage { journey: j.clone(), index: None, name: name.into() };
            perform(&mut ws, e, &mut ids).unwrap().created[0].clone()
        })
        .collect();
    let point = StumblingPoint {
        text: "設定が難しい".into(),
        reason: Some(StumblingReason::GuidanceLacking),
        ..Default::default()
    };
    let e = Edit::AddCard { stage: stages[0].clone(), index: None, data: ElementData::StumblingPoint(point) };
    let point = perform(&mut ws, e, &mut ids).unwrap().created[0].clone();
    let snapshot = StateSnapshot { name: "11月".into(), as_of: 1_700_000_000.0, ..Default::default() };
    let s = perform(&mut ws, Edit::Create { data: ElementData::StateSnapshot(snapshot) }, &mut ids).unwrap().created[0]
        .clone();
    for (stage, n) in [(&stages[0], 7), (&stages[2], 2)] {
        let e = Edit::SetManualCount { snapshot: s.clone(), element: stage.clone(), present: Some(n) };
        perform(&mut ws, e, &mut ids).unwrap();
    }
    (ws, stages, point, ids)
}

#[test]
fn the_gap_list_has_an_item_per_difference_with_an_impact_checked_by_hand() {
    use michi_core::diff::gaps::gap_list;
    use michi_core::element::{Card, GapItem, GapStatus};
    let (mut as_is, stages, point, mut ids) = three_stages();
    let e = Edit::Create { data: ElementData::new_with_label(ElementKind::OrgFunction, "CSM") };
    let f = perform(&mut as_is, e, &mut ids).unwrap().created[0].clone();
    let mut to_be = as_is.clone();
    // A CS action in 導入 addressing the stumbling point, and 更新 renamed.
    let action = ElementData::CsAction(Card { text: "設定代行".into(), ..Default::default() });
    let e = Edit::AddCard { stage: stages[0].clone(), index: None, data: action };
    let action = perform(&mut to_be, e, &mut ids).unwrap().created[0].clone();
    let e = Edit::Link { kind: RelationKind::Addresses, from: action.clone(), to: point.clone() };
    perform(&mut to_be, e, &mut ids).unwrap();
    let e = Edit::Update { id: stages[2].clone(), data: ElementData::new_with_label(ElementKind::Stage, "継続") };
    perform(&mut to_be, e, &mut ids).unwrap();

    let list = gap_list(&as_is, &to_be, &diff(&as_is, &to_be));
    let rows: Vec<(&str, f64)> = list.rows.iter().map(|r| (r.title.en.as_str(), r.impact.score)).collect();
    // The action: 7 accounts at 導入, two warnings gone there (stage-cs-action on 導入,
    // stumbling-point-addressed on its point), the first of three stages:
    // (1 + 7 + 0 + 5·0 + 2·2) × (1 + 3/3) = 24. The rename: 2 accounts at 更新, the third stage:
    // (1 + 2) × (1 + 1/3) = 4.
    assert_eq!(rows, [("Added: 設定代行", 24.0), ("Renamed: 継続", 4.0)]);
    let first = &list.rows[0];
    assert_eq!(
        (first.impact.accounts, first.impact.warnings_removed, first.impact.stage_position),
        (7, 2, Some((1, 3)))
    );
    assert_eq!(first.stages.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["導入"]);
    assert!(list.rows.iter().all(|r| r.item.is_none() && r.owner.is_none() && r.status == GapStatus::Identified));

    // Kept with an owner, a status and an effort: still one row for the rename, now stored.
    let kept = GapItem {
        change: Some(stages[2].to_string()),
        effort: Some(2),
        status: GapStatus::Planned,
        ..Default::default()
    };
    let e = Edit::AddGapItem { data: kept, concerns: vec![stages[2].clone()], owner: Some(f.clone()) };
    let item = perform(&mut to_be, e, &mut ids).unwrap().created[0].clone();
    // And one added by hand, about 活用: (1 + 0) × (1 + 2/3) = 1.7.
    let free = GapItem { title: "活用の定例を設計する".into(), ..Default::default() };
    let e = Edit::AddGapItem { data: free, concerns: vec![stages[1].clone()], owner: None };
    perform(&mut to_be, e, &mut ids).unwrap();
    let list = gap_list(&as_is, &to_be, &diff(&as_is, &to_be));
    let rows: Vec<(&str, f64, bool)> =
        list.rows.iter().map(|r| (r.title.en.as_str(), r.impact.score, r.item.is_some())).collect();
    assert_eq!(
        rows,
        [("Added: 設定代行", 24.0, false), ("Renamed: 継続", 4.0, true), ("活用の定例を設計する", 1.7, true)]
    );
    let renamed = &list.rows[1];
    assert_eq!(renamed.item.as_ref(), Some(&item));
    assert_eq!(
        (renamed.effort, renamed.status, renamed.owner.as_ref().map(|o| &o.id)),
        (Some(2), GapStatus::Planned, Some(&f))
    );
    assert!(!renamed.settled);

    // The rename taken back: the kept item says its difference is gone.
    let e = Edit::Update { id: stages[2].clone(), data: ElementData::new_with_label(ElementKind::Stage, "更新") };
    perform(&mut to_be, e, &mut ids).unwrap();
    let list = gap_list(&as_is, &to_be, &diff(&as_is, &to_be));
    let renamed = list.rows.iter().find(|r| r.item.as_ref() == Some(&item)).unwrap();
    assert!(renamed.settled && renamed.classes.is_empty(), "{renamed:?}");
}

#[test]
fn the_gap_list_document_is_the_table_sorted_by_impact() {
    use michi_core::diff::gaps::{document, gap_list};
    let old = sample();
    let new = to_be(&old);
    let list = gap_list(&old, &new, &diff(&old, &new));
    // Every element that differs but only in layout is an item; the activity only moved is not.
    let d = diff(&old, &new);
    let layout_only: Vec<_> = d.of(LayoutChanged).filter(|c| d.layout_only(c.new.as_ref().unwrap())).collect();
    assert!(!layout_only.is_empty());
    for c in layout_only {
        assert!(list.rows.iter().all(|r| r.change.as_deref() != Some(c.new.as_ref().unwrap().as_str())), "{c:?}");
    }
    assert!(list.rows.windows(2).all(|w| w[0].impact.score >= w[1].impact.score));
    let doc = document(&list, "現状", "あるべき姿");
    assert_eq!(doc.title.plain_text(true), "ギャップ一覧（現状 → あるべき姿）");
    let michi_core::derive::document::Block::Table { rows, .. } = &doc.sections[0].blocks[0] else { panic!() };
    assert_eq!(rows.len(), list.rows.len());
    assert_eq!(rows[0].cells[3].plain_text(false), list.rows[0].impact.score.to_string());
}

#[test]
fn taking_back_a_swap_of_two_stages_restores_the_order_whichever_the_diff_names() {
    use michi_core::diff::take::take_back;
    let old = sample();
    let mut new = old.clone();
    let j = journey(&new);
    let stages = new.ordered_members(&j, RelationKind::InJourney);
    // The last stage one to the left: the diff may name either of the two as the one reordered.
    perform(&mut new, Edit::MoveStage { stage: stages[3].clone(), index: 2 }, &mut IdGen::sequential()).unwrap();
    let d = diff(&old, &new);
    let change = d.of(Reordered).next().unwrap().clone();
    let restore = take_back(&old, &new, &d, &change).unwrap();
    perform(&mut new, Edit::TakeBack { restore: Box::new(restore) }, &mut IdGen::sequential()).unwrap();
    assert_eq!(new.ordered_members(&j, RelationKind::InJourney), stages);
    assert!(diff(&old, &new).is_empty(), "{:?}", summary(&diff(&old, &new)));
}
