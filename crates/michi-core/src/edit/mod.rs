//! Edits: what a person asks for ("add a stage after this one", "move this card to adoption",
//! "delete this stage"), compiled here into primitive [`Op`]s. The domain rules of an edit live in
//! this module (where a new stage's rank falls, what a deletion takes with it), so the UI and the CLI
//! only say what they want.
//!
//! The intents and their names are in `intent.rs`; the handlers are grouped by feature: `journey.rs`,
//! `elements.rs` (any element, relations, hand-typed counts), `org.rs`, `settings.rs` (the
//! workspace's one-of-a-kind elements) and, for process diagrams, `crate::process::edit`.

mod elements;
mod evidence;
mod gap;
mod intent;
mod journey;
mod org;
mod settings;
mod shared;
mod skills;
mod workshop;

pub use intent::{
    AssessmentImport, CardClip, ConversationImport, Edit, EditError, Performed, QuoteImport, QuoteIn, Restore,
    WorkshopError, history_name,
};
pub use workshop::{became, conversation_of, note_id};

use crate::element::ElementData;
use crate::id::IdGen;
use crate::op::{self, Changes, Op};
use crate::process::clip;
use crate::process::edit::{self as process_edit, Made};
use crate::workspace::Workspace;
use shared::New;

/// Compiles `edit` against `ws`, applies it, and returns the operation with its inverse.
/// On error `ws` is unchanged.
pub fn perform(ws: &mut Workspace, edit: Edit, ids: &mut IdGen) -> Result<Performed, EditError> {
    if let Edit::Batch { edits } = edit {
        return perform_batch(ws, edits, ids);
    }
    let mut made = Made::default();
    let ops = compile(ws, edit, ids, &mut made)?;
    let forward = Op::Batch { ops };
    let applied = op::apply(ws, forward.clone())?;
    Ok(Performed {
        forward,
        inverse: applied.inverse,
        changes: applied.changes,
        created: made.elements,
        created_views: made.views,
    })
}

fn perform_batch(ws: &mut Workspace, edits: Vec<Edit>, ids: &mut IdGen) -> Result<Performed, EditError> {
    let mut done: Vec<Performed> = Vec::new();
    for edit in edits {
        match perform(ws, edit, ids) {
            Ok(p) => done.push(p),
            Err(err) => {
                for p in done.into_iter().rev() {
                    op::apply(ws, p.inverse).expect("the inverse of an edit just performed applies");
                }
                return Err(err);
            }
        }
    }
    let mut all = Performed {
        forward: Op::Batch { ops: Vec::new() },
        inverse: Op::Batch { ops: Vec::new() },
        changes: Changes::default(),
        created: Vec::new(),
        created_views: Vec::new(),
    };
    let (mut forwards, mut inverses) = (Vec::new(), Vec::new());
    for p in done {
        forwards.push(p.forward);
        inverses.push(p.inverse);
        all.changes.merge(p.changes);
        all.created.extend(p.created);
        all.created_views.extend(p.created_views);
    }
    inverses.reverse();
    all.forward = Op::Batch { ops: forwards };
    all.inverse = Op::Batch { ops: inverses };
    Ok(all)
}

fn compile(ws: &Workspace, edit: Edit, ids: &mut IdGen, made: &mut Made) -> Result<Vec<Op>, EditError> {
    let mut new = New { ids, made };
    let new = &mut new;
    Ok(match edit {
        // journeys
        Edit::CreateJourney { name } => journey::create_journey(new, name),
        Edit::AddStage { journey, index, name } => journey::add_stage(ws, new, journey, index, name)?,
        Edit::MoveStage { stage, index } => journey::move_stage(ws, stage, index)?,
        Edit::AddCard { stage, index, data } => journey::add_card(ws, new, stage, index, data)?,
        Edit::PasteCards { stage, after, cards } => journey::paste_cards(ws, new, stage, after, cards)?,
        Edit::MoveCard { card, from, to, index } => journey::move_card(ws, card, from, to, index)?,
        Edit::SetLaneHidden { view, lane, hidden } => journey::set_lane_hidden(ws, view, lane, hidden)?,
        // any element
        Edit::Create { data } => elements::create(new, data)?,
        Edit::Update { id, data } => vec![Op::SetElement { id, data }],
        Edit::Delete { ids } => elements::deletion(ws, ids)?,
        Edit::Link { kind, from, to } => elements::link(ws, kind, from, to),
        Edit::Unlink { kind, from, to } => elements::unlink(kind, from, to),
        Edit::SetManualCount { snapshot, element, present } => {
            elements::set_manual_count(ws, snapshot, element, present)?
        }
        // the gap list
        Edit::AddGapItem { data, concerns, owner } => gap::add_item(ws, new, data, concerns, owner)?,
        Edit::SetGapOwner { item, owner } => gap::set_owner(ws, item, owner)?,
        Edit::TakeBack { restore } => gap::take_back(ws, *restore)?,
        // evidence
        Edit::SetEvidenceSettings { settings } => {
            settings::set_singleton(ws, new, ElementData::EvidenceSettings(settings))
        }
        Edit::MergeTags { from, into } => evidence::merge_tags(ws, from, into)?,
        Edit::ImportQuotes { quotes } => evidence::import_quotes(ws, new, quotes),
        Edit::ImportConversations { conversations } => evidence::import_conversations(ws, new, conversations)?,
        Edit::AddQuote { conversation, quote, tags, supports } => {
            evidence::add_quote(ws, new, conversation, quote, tags, supports)?
        }
        Edit::AddTag { name, parent, quotes } => evidence::add_tag(ws, new, name, parent, quotes)?,
        // the org design
        Edit::AcceptFunction { function } => org::accept_function(ws, new, function),
        Edit::AddRole { function, name } => org::add_role(ws, new, function, name)?,
        // the workspace's settings
        Edit::SetLintConfig { config } => settings::set_singleton(ws, new, ElementData::LintSettings(config)),
        Edit::SetCatalog { catalog } => settings::set_singleton(ws, new, ElementData::Catalog(catalog)),
        Edit::SetHealthModel { model } => settings::set_singleton(ws, new, ElementData::HealthModel(model)),
        // process diagrams
        Edit::CreateProcessDiagram { name, pools } => process_edit::create_diagram(new.ids, new.made, name, &pools),
        Edit::AddPool { view, pool } => process_edit::add_pool(ws, new.ids, new.made, &view, &pool)?,
        Edit::AddLane { view, pool, name } => process_edit::add_lane(ws, new.ids, new.made, &view, &pool, name)?,
        Edit::AddNode { view, data, at } => process_edit::add_node(ws, new.ids, new.made, &view, data, at)?,
        Edit::MoveShapes { view, moves } => process_edit::move_shapes(ws, &view, &moves)?,
        Edit::Arrange { view, moves } => process_edit::arrange(ws, &view, &moves)?,
        Edit::ResizeShape { view, id, width, height } => process_edit::resize_shape(ws, &view, &id, width, height)?,
        Edit::Connect { view, from, to } => process_edit::connect(ws, new.ids, new.made, &view, &from, &to)?,
        Edit::Reconnect { view, flow, source, to } => process_edit::reconnect(ws, &view, &flow, source, &to)?,
        Edit::Paste { view, clip, at } => clip::paste(ws, new.ids, &mut new.made.elements, &view, &clip, at)?,
        // workshops
        Edit::AddNote { workshop, client, note, on } => workshop::add_note(ws, new, workshop, client, note, on)?,
        Edit::MoveNote { note, on, row } => workshop::move_note(ws, note, on, row)?,
        Edit::RevealNotes { workshop } => workshop::reveal_notes(ws, workshop)?,
        Edit::PromoteNote { note, kind, reason } => workshop::promote_note(ws, new, note, kind, reason)?,
        Edit::StartVote { workshop, vote } => workshop::start_vote(ws, new, workshop, vote)?,
        Edit::CastVote { vote, voter, target } => workshop::cast_vote(ws, vote, voter, target)?,
        Edit::RetractVote { vote, voter, target } => workshop::retract_vote(ws, vote, voter, target)?,
        Edit::SetVoteOpen { vote, open } => workshop::set_vote_open(ws, vote, open)?,
        Edit::SeedSkills {} => skills::seed(ws, new),
        Edit::AddMember { name, roles } => skills::add_member(ws, new, name, roles)?,
        Edit::Assess { member, skill, assessment } => skills::assess(ws, new, member, skill, *assessment)?,
        Edit::SetRequirement { holder, skill, level } => skills::set_requirement(ws, new, holder, skill, level)?,
        Edit::ImportAssessments { rows } => skills::import(ws, new, rows)?,
        Edit::Batch { .. } => unreachable!("batches are performed edit by edit"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::element::{Card, ElementKind, StumblingPoint, StumblingReason};
    use crate::id::ElementId;
    use crate::op::OpError;
    use crate::relation::RelationKind;
    use crate::view::{Lane, ViewKind};
    use shared::lane_siblings;

    fn id(s: &str) -> ElementId {
        ElementId::new(s).unwrap()
    }

    fn run(ws: &mut Workspace, ids: &mut IdGen, edit: Edit) -> Performed {
        perform(ws, edit, ids).unwrap()
    }

    /// A journey with stages A, B, C; returns (journey, [stages]).
    fn journey_abc(ws: &mut Workspace, ids: &mut IdGen) -> (ElementId, Vec<ElementId>) {
        let j = run(ws, ids, Edit::CreateJourney { name: "J".into() }).created[0].clone();
        let stages = ["A", "B", "C"]
            .into_iter()
            .map(|n| {
                run(ws, ids, Edit::AddStage { journey: j.clone(), index: None, name: n.into() }).created[0].clone()
            })
            .collect();
        (j, stages)
    }

    fn stage_names(ws: &Workspace, journey: &ElementId) -> Vec<String> {
        ws.ordered_members(journey, RelationKind::InJourney)
            .iter()
            .map(|s| ws.data(s).unwrap().label().to_string())
            .collect()
    }

    #[test]
    fn stages_insert_and_move_by_index() {
        let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
        let (j, stages) = journey_abc(&mut ws, &mut ids);
        assert_eq!(stage_names(&ws, &j), ["A", "B", "C"]);
        run(&mut ws, &mut ids, Edit::AddStage { journey: j.clone(), index: Some(1), name: "X".into() });
        assert_eq!(stage_names(&ws, &j), ["A", "X", "B", "C"]);
        run(&mut ws, &mut ids, Edit::MoveStage { stage: stages[0].clone(), index: 3 });
        assert_eq!(stage_names(&ws, &j), ["X", "B", "C", "A"]);
        run(&mut ws, &mut ids, Edit::MoveStage { stage: stages[2].clone(), index: 0 });
        assert_eq!(stage_names(&ws, &j), ["C", "X", "B", "A"]);
        let noop = run(&mut ws, &mut ids, Edit::MoveStage { stage: stages[2].clone(), index: 0 });
        assert!(noop.changes.is_empty());
    }

    #[test]
    fn pasted_cards_follow_the_card_they_are_pasted_after_with_their_segments_in_one_step() {
        use crate::element::Segment;
        let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
        let (_, stages) = journey_abc(&mut ws, &mut ids);
        let seg =
            run(&mut ws, &mut ids, Edit::Create { data: ElementData::Segment(Segment::default()) }).created[0].clone();
        let add = |ws: &mut Workspace, ids: &mut IdGen, kind, text: &str| {
            let data = ElementData::new_with_label(kind, text);
            run(ws, ids, Edit::AddCard { stage: stages[0].clone(), index: None, data }).created[0].clone()
        };
        let a1 = add(&mut ws, &mut ids, ElementKind::CsAction, "a1");
        let a2 = add(&mut ws, &mut ids, ElementKind::CsAction, "a2");
        let lane = |ws: &Workspace, kind| -> Vec<String> {
            lane_siblings(ws, &stages[0], kind, RelationKind::InStage)
                .into_iter()
                .map(|r| ws.data(&r.from).unwrap().label().to_string())
                .collect()
        };
        let before = ws.clone();
        let clip = |kind, text: &str, segments: Vec<ElementId>| CardClip {
            data: ElementData::new_with_label(kind, text),
            segments,
        };
        let done = run(
            &mut ws,
            &mut ids,
            Edit::PasteCards {
                stage: stages[0].clone(),
                after: Some(a1.clone()),
                cards: vec![
                    clip(ElementKind::CsAction, "copy 1", vec![seg.clone()]),
                    clip(ElementKind::CsAction, "copy 2", vec![]),
                    clip(ElementKind::Touchpoint, "t", vec![seg.clone()]),
                ],
            },
        );
        // Right after a1, in order; a card of another lane at its lane's end.
        assert_eq!(lane(&ws, ElementKind::CsAction), ["a1", "copy 1", "copy 2", "a2"]);
        assert_eq!(lane(&ws, ElementKind::Touchpoint), ["t"]);
        assert_eq!(done.created.len(), 3);
        assert_eq!(ws.segments_of(&done.created[0]), std::slice::from_ref(&seg));
        assert!(ws.segments_of(&done.created[1]).is_empty());
        // One step to undo.
        op::apply(&mut ws, done.inverse).unwrap();
        assert_eq!(ws, before);
        // Pasted after a card of another stage (or nothing): at the end.
        let done = run(
            &mut ws,
            &mut ids,
            Edit::PasteCards {
                stage: stages[0].clone(),
                after: None,
                cards: vec![clip(ElementKind::CsAction, "end", vec![])],
            },
        );
        assert_eq!(lane(&ws, ElementKind::CsAction), ["a1", "a2", "end"]);
        assert!(ws.contains(&done.created[0]) && ws.contains(&a2));
        // Not a card: refused.
        let bad = Edit::PasteCards {
            stage: stages[0].clone(),
            after: None,
            cards: vec![clip(ElementKind::Segment, "s", vec![])],
        };
        assert!(matches!(perform(&mut ws, bad, &mut ids), Err(EditError::NotACard(ElementKind::Segment))));
    }

    #[test]
    fn cards_are_ordered_within_their_lane_and_move_between_stages() {
        let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
        let (_, stages) = journey_abc(&mut ws, &mut ids);
        let add = |ws: &mut Workspace, ids: &mut IdGen, kind, text: &str, index| {
            run(
                ws,
                ids,
                Edit::AddCard { stage: stages[0].clone(), index, data: ElementData::new_with_label(kind, text) },
            )
            .created[0]
                .clone()
        };
        let a1 = add(&mut ws, &mut ids, ElementKind::CustomerAction, "a1", None);
        let _t1 = add(&mut ws, &mut ids, ElementKind::Touchpoint, "t1", None);
        let a0 = add(&mut ws, &mut ids, ElementKind::CustomerAction, "a0", Some(0));
        let lane = |ws: &Workspace, stage: &ElementId| -> Vec<ElementId> {
            lane_siblings(ws, stage, ElementKind::CustomerAction, RelationKind::InStage)
                .into_iter()
                .map(|r| r.from)
                .collect()
        };
        assert_eq!(lane(&ws, &stages[0]), [a0.clone(), a1.clone()]);
        run(
            &mut ws,
            &mut ids,
            Edit::MoveCard { card: a0.clone(), from: stages[0].clone(), to: stages[1].clone(), index: 0 },
        );
        assert_eq!(lane(&ws, &stages[0]), vec![a1.clone()]);
        assert_eq!(lane(&ws, &stages[1]), vec![a0.clone()]);
        let err = perform(
            &mut ws,
            Edit::MoveCard { card: a0.clone(), from: stages[0].clone(), to: stages[2].clone(), index: 0 },
            &mut ids,
        );
        assert!(matches!(err, Err(EditError::NotInStage { .. })));
    }

    #[test]
    fn deleting_a_stage_takes_its_cards_but_not_a_metric_of_another_stage() {
        let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
        let (j, stages) = journey_abc(&mut ws, &mut ids);
        let before = ws.clone();
        let card = run(
            &mut ws,
            &mut ids,
            Edit::AddCard {
                stage: stages[1].clone(),
                index: None,
                data: ElementData::new_with_label(ElementKind::CsAction, "x"),
            },
        )
        .created[0]
            .clone();
        let only_b = run(
            &mut ws,
            &mut ids,
            Edit::AddCard {
                stage: stages[1].clone(),
                index: None,
                data: ElementData::new_with_label(ElementKind::Metric, "m1"),
            },
        )
        .created[0]
            .clone();
        let shared = run(
            &mut ws,
            &mut ids,
            Edit::AddCard {
                stage: stages[1].clone(),
                index: None,
                data: ElementData::new_with_label(ElementKind::Metric, "m2"),
            },
        )
        .created[0]
            .clone();
        run(
            &mut ws,
            &mut ids,
            Edit::Link { kind: RelationKind::Measures, from: shared.clone(), to: stages[2].clone() },
        );
        let after_adds = ws.clone();
        let deleted = run(&mut ws, &mut ids, Edit::Delete { ids: vec![stages[1].clone()] });
        assert!(!ws.contains(&stages[1]) && !ws.contains(&card) && !ws.contains(&only_b));
        assert!(ws.contains(&shared));
        assert_eq!(ws.ordered_members(&stages[2], RelationKind::Measures), vec![shared.clone()]);
        assert_eq!(stage_names(&ws, &j), ["A", "C"]);
        op::apply(&mut ws, deleted.inverse).unwrap();
        assert_eq!(ws, after_adds);
        assert_ne!(ws, before);
    }

    #[test]
    fn deleting_a_journey_removes_its_view_and_stages() {
        let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
        let (j, _) = journey_abc(&mut ws, &mut ids);
        let seg =
            run(&mut ws, &mut ids, Edit::Create { data: ElementData::new_with_label(ElementKind::Segment, "中堅") })
                .created[0]
                .clone();
        run(&mut ws, &mut ids, Edit::Link { kind: RelationKind::IsFor, from: j.clone(), to: seg.clone() });
        let before = ws.clone();
        let p = run(&mut ws, &mut ids, Edit::Delete { ids: vec![j.clone()] });
        assert_eq!(ws.element_count(), 1, "only the segment is left");
        assert_eq!(ws.views().count(), 0);
        op::apply(&mut ws, p.inverse).unwrap();
        assert_eq!(ws, before);
    }

    #[test]
    fn cs_actions_address_stumbling_points_only() {
        let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
        let (_, stages) = journey_abc(&mut ws, &mut ids);
        let sp = run(
            &mut ws,
            &mut ids,
            Edit::AddCard {
                stage: stages[0].clone(),
                index: None,
                data: ElementData::StumblingPoint(StumblingPoint {
                    text: "設定が難しい".into(),
                    reason: Some(StumblingReason::GuidanceLacking),
                    ..Default::default()
                }),
            },
        )
        .created[0]
            .clone();
        let cs = run(
            &mut ws,
            &mut ids,
            Edit::AddCard {
                stage: stages[0].clone(),
                index: None,
                data: ElementData::CsAction(Card { text: "操作説明会".into(), ..Default::default() }),
            },
        )
        .created[0]
            .clone();
        run(&mut ws, &mut ids, Edit::Link { kind: RelationKind::Addresses, from: cs.clone(), to: sp.clone() });
        assert_eq!(ws.incoming(&sp, RelationKind::Addresses).len(), 1);
        let wrong = perform(&mut ws, Edit::Link { kind: RelationKind::Addresses, from: sp, to: cs }, &mut ids);
        assert!(matches!(wrong, Err(EditError::Op(OpError::RelationNotAllowed { .. }))));
    }

    #[test]
    fn a_failing_batch_changes_nothing() {
        let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
        let (j, _) = journey_abc(&mut ws, &mut ids);
        let before = ws.clone();
        let err = perform(
            &mut ws,
            Edit::Batch {
                edits: vec![
                    Edit::AddStage { journey: j.clone(), index: None, name: "D".into() },
                    Edit::Delete { ids: vec![id("nope")] },
                ],
            },
            &mut ids,
        );
        assert!(err.is_err());
        assert_eq!(ws, before);
    }

    #[test]
    fn lanes_can_be_hidden_and_shown() {
        let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
        let (j, _) = journey_abc(&mut ws, &mut ids);
        let view = ws.views_about(&j)[0].id.clone();
        run(&mut ws, &mut ids, Edit::SetLaneHidden { view: view.clone(), lane: Lane::Emotion, hidden: true });
        let hidden = |ws: &Workspace| match &ws.view(&view).unwrap().kind {
            ViewKind::JourneyMap { hidden_lanes, .. } => hidden_lanes.clone(),
            ViewKind::Process { .. } => unreachable!("a journey's view is a journey map"),
        };
        assert_eq!(hidden(&ws), [Lane::Emotion]);
        run(&mut ws, &mut ids, Edit::SetLaneHidden { view: view.clone(), lane: Lane::Emotion, hidden: false });
        assert!(hidden(&ws).is_empty());
    }

    #[test]
    fn only_free_standing_kinds_are_created_alone() {
        let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
        let err =
            perform(&mut ws, Edit::Create { data: ElementData::new_with_label(ElementKind::Stage, "s") }, &mut ids);
        assert_eq!(err.unwrap_err(), EditError::NotFreeStanding(ElementKind::Stage));
    }
}
