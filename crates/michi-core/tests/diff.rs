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
    let c = compare(&old, &new);
    // The sample calls for all twelve functions already: none comes or goes.
    assert!(c.functions_added.is_empty() && c.functions_removed.is_empty(), "{c:?}");
    assert!(c.plays_added.iter().any(|p| p.stage == "オンボーディング"), "{:?}", c.plays_added);
    assert!(!c.plays_removed.is_empty() && c.plays_removed.iter().all(|p| p.stage == "更新"), "{:?}", c.plays_removed);
    // The new stumbling point has no CS action answering it yet: a finding the as-is did not have.
    assert!(
        c.findings_added
            .iter()
            .any(|f| f.elements.iter().any(|e| new.data(e).is_some_and(|d| d.label().contains("帳票の項目")))),
        "{:?}",
        c.findings_added
    );
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
