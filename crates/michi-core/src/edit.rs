//! Edits: what a person asks for ("add a stage after this one", "move this card to adoption",
//! "delete this stage"), compiled here into primitive [`Op`]s. The domain rules of an edit live in
//! this module (where a new stage's rank falls, what a deletion takes with it), so the UI and the CLI
//! only say what they want.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::diagnose::LintConfig;
use crate::element::NodeState;
use crate::element::{Element, ElementData, ElementKind};
use crate::id::{ElementId, IdGen, ViewId};
use crate::op::{self, Changes, Op, OpError};
use crate::process::clip::{self, Clip};
use crate::process::edit::{self as process_edit, Made, NewPool, ProcessError, ShapeMove};
use crate::rank::Rank;
use crate::relation::{Relation, RelationKey, RelationKind};
use crate::text::Text;
use crate::view::{Lane, Point, View, ViewKind};
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Edit {
    /// A new journey with its journey-map view.
    CreateJourney {
        name: String,
    },
    /// A new stage at `index` among the journey's stages (at the end when absent or too large).
    AddStage {
        journey: ElementId,
        index: Option<u32>,
        name: String,
    },
    MoveStage {
        stage: ElementId,
        index: u32,
    },
    /// A new card in a stage, at `index` among the stage's cards of the same kind.
    AddCard {
        stage: ElementId,
        index: Option<u32>,
        data: ElementData,
    },
    /// Moves a card to `index` among the cards of its kind in `to`; `from` is the stage it leaves
    /// (a metric can measure several stages, so the stage it leaves must be named).
    MoveCard {
        card: ElementId,
        from: ElementId,
        to: ElementId,
        index: u32,
    },
    /// A new element that stands on its own: a segment, a persona, a metric, a glossary term or a
    /// state snapshot.
    Create {
        data: ElementData,
    },
    /// Replaces an element's properties.
    Update {
        id: ElementId,
        data: ElementData,
    },
    /// Deletes elements with what they own: a journey's stages and views, a stage's cards.
    Delete {
        ids: Vec<ElementId>,
    },
    Link {
        kind: RelationKind,
        from: ElementId,
        to: ElementId,
    },
    Unlink {
        kind: RelationKind,
        from: ElementId,
        to: ElementId,
    },
    SetLaneHidden {
        view: ViewId,
        lane: Lane,
        hidden: bool,
    },
    /// A new process diagram: a model with a collaboration of `pools`, each with its process and lanes.
    CreateProcessDiagram {
        name: String,
        pools: Vec<NewPool>,
    },
    /// A pool below the others in a collaboration diagram.
    AddPool {
        view: ViewId,
        pool: NewPool,
    },
    /// A lane at the bottom of a pool.
    AddLane {
        view: ViewId,
        pool: ElementId,
        name: String,
    },
    /// A node centred at `at`, in the pool and lane it lands in.
    AddNode {
        view: ViewId,
        data: ElementData,
        at: Point,
    },
    /// Moves shapes' top-left corners; pools bring what they hold, lanes follow their content.
    MoveShapes {
        view: ViewId,
        moves: Vec<ShapeMove>,
    },
    /// An automatic layout's result: shapes move but keep their pool and lane, and lanes grow
    /// (pushing the lanes below down) to hold them.
    Arrange {
        view: ViewId,
        moves: Vec<ShapeMove>,
    },
    ResizeShape {
        view: ViewId,
        id: ElementId,
        width: f64,
        height: f64,
    },
    /// Joins two shapes with the connector their kinds call for.
    Connect {
        view: ViewId,
        from: ElementId,
        to: ElementId,
    },
    /// Pastes a clip with its top-left corner at `at`.
    Paste {
        view: ViewId,
        clip: Clip,
        at: Point,
    },
    /// Sets the count typed by hand for an element in a manual snapshot (`None` clears it).
    SetManualCount {
        snapshot: ElementId,
        element: ElementId,
        present: Option<u32>,
    },
    /// Adopts a recommended CS function into the org design: the function, owning the stages and
    /// activities its recommendation's reasons point at.
    AcceptFunction {
        function: crate::element::CsFunction,
    },
    /// A new role (people) in an adopted function.
    AddRole {
        function: ElementId,
        name: String,
    },
    /// Replaces the workspace's diagnosis settings (profile and per-rule severities).
    SetLintConfig {
        config: LintConfig,
    },
    /// Replaces the workspace's catalog (default interventions, function texts, sizing assumptions).
    SetCatalog {
        catalog: crate::element::Catalog,
    },
    /// Replaces the workspace's health model (creating it the first time).
    SetHealthModel {
        model: crate::health::HealthModel,
    },
    /// Several edits as one undo step, all or nothing.
    Batch {
        edits: Vec<Edit>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("{id} is a {found:?}, where a {expected:?} is needed")]
    WrongKind { id: ElementId, expected: ElementKind, found: ElementKind },
    #[error("a {0:?} cannot be placed in a stage")]
    NotACard(ElementKind),
    #[error("a {0:?} cannot be created on its own; use the edit that places it")]
    NotFreeStanding(ElementKind),
    #[error("{card} is not in stage {stage}")]
    NotInStage { card: ElementId, stage: ElementId },
    #[error("stage {0} belongs to no journey")]
    NoJourney(ElementId),
    #[error("view {0} is not a journey map")]
    NotAJourneyMap(ViewId),
    #[error(transparent)]
    Process(#[from] ProcessError),
    #[error(transparent)]
    Op(#[from] OpError),
}

/// The result of [`perform`]: what to record so that the edit can be undone and redone.
#[derive(Clone, Debug, PartialEq)]
pub struct Performed {
    pub forward: Op,
    pub inverse: Op,
    pub changes: Changes,
    /// Ids of the elements the edit created, in the order of creation.
    pub created: Vec<ElementId>,
    /// Ids of the views (diagrams) the edit created.
    pub created_views: Vec<ViewId>,
}

/// Declares each edit's history label (a stable key stored with its history entry) and its name in
/// both languages, for "Undo …"; one row per variant, so a new edit cannot go without a name.
macro_rules! edit_names {
    ($($variant:ident => $key:literal, $ja:literal, $en:literal;)*) => {
        impl Edit {
            /// The key naming the edit in the history.
            pub fn label(&self) -> &'static str {
                match self {
                    $(Edit::$variant { .. } => $key,)*
                }
            }
        }

        const EDIT_NAMES: &[(&str, &str, &str)] = &[$(($key, $ja, $en),)*];
    };
}

edit_names! {
    CreateJourney => "createJourney", "ジャーニーの作成", "create a journey";
    AddStage => "addStage", "ステージの追加", "add a stage";
    MoveStage => "moveStage", "ステージの移動", "move a stage";
    AddCard => "addCard", "カードの追加", "add a card";
    MoveCard => "moveCard", "カードの移動", "move a card";
    Create => "create", "要素の作成", "create an element";
    Update => "update", "編集", "edit";
    Delete => "delete", "削除", "delete";
    Link => "link", "関連付け", "link";
    Unlink => "unlink", "関連付けの解除", "unlink";
    SetLaneHidden => "setLaneHidden", "レーンの表示切替", "show or hide a lane";
    SetLintConfig => "setLintConfig", "診断の設定", "diagnosis settings";
    SetCatalog => "setCatalog", "カタログの編集", "edit the catalog";
    SetHealthModel => "setHealthModel", "ヘルスモデルの編集", "edit the health model";
    AcceptFunction => "acceptFunction", "組織への機能の追加", "adopt a function";
    AddRole => "addRole", "役割の追加", "add a role";
    CreateProcessDiagram => "createProcessDiagram", "プロセス図の作成", "create a process diagram";
    AddPool => "addPool", "プールの追加", "add a pool";
    AddLane => "addLane", "レーンの追加", "add a lane";
    AddNode => "addNode", "要素の配置", "place an element";
    MoveShapes => "moveShapes", "移動", "move";
    Arrange => "arrange", "自動レイアウト", "auto layout";
    ResizeShape => "resizeShape", "サイズ変更", "resize";
    Connect => "connect", "接続", "connect";
    Paste => "paste", "貼り付け", "paste";
    SetManualCount => "setManualCount", "件数の入力", "enter a count";
    Batch => "batch", "まとめて編集", "several edits";
}

/// History labels of steps that are not edits: files imported as one step.
const IMPORT_NAMES: &[(&str, &str, &str)] = &[
    ("importBpmn", "BPMNの読み込み", "import a BPMN file"),
    ("importState", "状態の取り込み", "import a state snapshot"),
    ("importAccounts", "アカウントの取り込み", "import accounts"),
];

/// What a history step is called ("Undo: add a stage"), from its label; a label this version does
/// not know (written by a newer one) is shown as it is.
pub fn history_name(label: &str) -> Text {
    EDIT_NAMES
        .iter()
        .chain(IMPORT_NAMES)
        .find(|(key, _, _)| *key == label)
        .map(|(_, ja, en)| Text::new(*ja, *en))
        .unwrap_or_else(|| Text::same(label))
}

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

fn expect_kind(ws: &Workspace, id: &ElementId, expected: ElementKind) -> Result<(), EditError> {
    let found = ws.kind_of(id).ok_or_else(|| OpError::UnknownElement(id.clone()))?;
    if found != expected {
        return Err(EditError::WrongKind { id: id.clone(), expected, found });
    }
    Ok(())
}

/// The rank that puts a new item at `index` in `siblings` (clamped to the end).
fn rank_at(siblings: &[Relation], index: Option<u32>) -> Rank {
    let i = index.map_or(siblings.len(), |i| (i as usize).min(siblings.len()));
    let lo = i.checked_sub(1).map(|j| &siblings[j].rank);
    Rank::between(lo, siblings.get(i).map(|r| &r.rank))
}

/// The relations ordering the cards of `kind` in `stage`.
fn lane_siblings(ws: &Workspace, stage: &ElementId, kind: ElementKind, rel: RelationKind) -> Vec<Relation> {
    ws.incoming(stage, rel).into_iter().filter(|r| ws.kind_of(&r.from) == Some(kind)).collect()
}

fn compile(ws: &Workspace, edit: Edit, ids: &mut IdGen, made: &mut Made) -> Result<Vec<Op>, EditError> {
    // Process diagram edits have their own module.
    let edit = match edit {
        Edit::CreateProcessDiagram { name, pools } => return Ok(process_edit::create_diagram(ids, made, name, &pools)),
        Edit::AddPool { view, pool } => return Ok(process_edit::add_pool(ws, ids, made, &view, &pool)?),
        Edit::AddLane { view, pool, name } => return Ok(process_edit::add_lane(ws, ids, made, &view, &pool, name)?),
        Edit::AddNode { view, data, at } => return Ok(process_edit::add_node(ws, ids, made, &view, data, at)?),
        Edit::MoveShapes { view, moves } => return Ok(process_edit::move_shapes(ws, &view, &moves)?),
        Edit::Arrange { view, moves } => return Ok(process_edit::arrange(ws, &view, &moves)?),
        Edit::ResizeShape { view, id, width, height } => {
            return Ok(process_edit::resize_shape(ws, &view, &id, width, height)?);
        }
        Edit::Connect { view, from, to } => return Ok(process_edit::connect(ws, ids, made, &view, &from, &to)?),
        Edit::Paste { view, clip, at } => return Ok(clip::paste(ws, ids, &mut made.elements, &view, &clip, at)?),
        other => other,
    };
    let created_views = &mut made.views;
    let created = &mut made.elements;
    let mut new_element = |data: ElementData| {
        let id = ids.element(data.kind().id_prefix());
        created.push(id.clone());
        Element { id, data }
    };
    Ok(match edit {
        Edit::CreateJourney { name } => {
            let journey = new_element(ElementData::new_with_label(ElementKind::Journey, name));
            let view_id = ids.view();
            created_views.push(view_id.clone());
            let view = View {
                id: view_id,
                name: String::new(),
                kind: ViewKind::JourneyMap { journey: journey.id.clone(), hidden_lanes: Vec::new() },
                placements: Default::default(),
            };
            vec![Op::AddElement { element: journey }, Op::AddView { view }]
        }
        Edit::AddStage { journey, index, name } => {
            expect_kind(ws, &journey, ElementKind::Journey)?;
            let rank = rank_at(&ws.incoming(&journey, RelationKind::InJourney), index);
            let stage = new_element(ElementData::new_with_label(ElementKind::Stage, name));
            let relation = Relation { kind: RelationKind::InJourney, from: stage.id.clone(), to: journey, rank };
            vec![Op::AddElement { element: stage }, Op::Relate { relation }]
        }
        Edit::MoveStage { stage, index } => {
            expect_kind(ws, &stage, ElementKind::Stage)?;
            let journey =
                ws.container(&stage, RelationKind::InJourney).ok_or_else(|| EditError::NoJourney(stage.clone()))?;
            let siblings = ws.incoming(&journey, RelationKind::InJourney);
            reorder(siblings, &stage, index)
        }
        Edit::AddCard { stage, index, data } => {
            expect_kind(ws, &stage, ElementKind::Stage)?;
            let kind = data.kind();
            let rel = RelationKind::placing_in_stage(kind).ok_or(EditError::NotACard(kind))?;
            let rank = rank_at(&lane_siblings(ws, &stage, kind, rel), index);
            let card = new_element(data);
            let relation = Relation { kind: rel, from: card.id.clone(), to: stage, rank };
            vec![Op::AddElement { element: card }, Op::Relate { relation }]
        }
        Edit::MoveCard { card, from, to, index } => {
            let kind = ws.kind_of(&card).ok_or_else(|| OpError::UnknownElement(card.clone()))?;
            let rel = RelationKind::placing_in_stage(kind).ok_or(EditError::NotACard(kind))?;
            expect_kind(ws, &to, ElementKind::Stage)?;
            let old = RelationKey { kind: rel, from: card.clone(), to: from.clone() };
            if ws.relation(&old).is_none() {
                return Err(EditError::NotInStage { card, stage: from });
            }
            if from == to {
                reorder(lane_siblings(ws, &to, kind, rel), &card, index)
            } else {
                let siblings = lane_siblings(ws, &to, kind, rel);
                let rank = rank_at(&siblings, Some(index));
                vec![Op::Unrelate { key: old }, Op::Relate { relation: Relation { kind: rel, from: card, to, rank } }]
            }
        }
        Edit::Create { data } => {
            let kind = data.kind();
            if !matches!(
                kind,
                ElementKind::Segment
                    | ElementKind::Persona
                    | ElementKind::Metric
                    | ElementKind::Term
                    | ElementKind::StateSnapshot
                    | ElementKind::OrgFunction
                    | ElementKind::AccountSnapshot
                    | ElementKind::Judgement
            ) {
                return Err(EditError::NotFreeStanding(kind));
            }
            vec![Op::AddElement { element: new_element(data) }]
        }
        Edit::Update { id, data } => vec![Op::SetElement { id, data }],
        Edit::Delete { ids } => deletion(ws, ids)?,
        Edit::Link { kind, from, to } => {
            let rank = if kind.schema().ordered {
                Rank::between(ws.incoming(&to, kind).last().map(|r| &r.rank), None)
            } else {
                Rank::unordered()
            };
            vec![Op::Relate { relation: Relation { kind, from, to, rank } }]
        }
        Edit::Unlink { kind, from, to } => vec![Op::Unrelate { key: RelationKey { kind, from, to } }],
        Edit::SetManualCount { snapshot, element, present } => {
            let Some(ElementData::StateSnapshot(mut s)) = ws.data(&snapshot).cloned() else {
                let found = ws.kind_of(&snapshot).ok_or_else(|| OpError::UnknownElement(snapshot.clone()))?;
                return Err(EditError::WrongKind { id: snapshot, expected: ElementKind::StateSnapshot, found });
            };
            if !ws.contains(&element) {
                return Err(OpError::UnknownElement(element).into());
            }
            match (s.entries.iter_mut().find(|e| e.element == element), present) {
                (Some(e), _) => e.present_count = present,
                (None, Some(_)) => {
                    s.entries.push(NodeState { present_count: present, ..NodeState::empty(element) });
                }
                (None, None) => {}
            }
            s.entries.retain(|e| e.present_count.is_some() || !e.present.is_empty() || e.entered > 0);
            vec![Op::SetElement { id: snapshot, data: ElementData::StateSnapshot(s) }]
        }
        Edit::SetLaneHidden { view, lane, hidden } => {
            let v = ws.view(&view).ok_or_else(|| OpError::UnknownView(view.clone()))?;
            let ViewKind::JourneyMap { journey, hidden_lanes } = &v.kind else {
                return Err(EditError::NotAJourneyMap(view));
            };
            let mut lanes: BTreeSet<Lane> = hidden_lanes.iter().copied().collect();
            if hidden {
                lanes.insert(lane);
            } else {
                lanes.remove(&lane);
            }
            let kind = ViewKind::JourneyMap { journey: journey.clone(), hidden_lanes: lanes.into_iter().collect() };
            vec![Op::SetView { id: view, name: v.name.clone(), kind }]
        }
        Edit::AcceptFunction { function } => {
            let owned = crate::derive::org::owned_by(ws, function);
            let f = new_element(ElementData::OrgFunction(crate::element::OrgFunction {
                function: Some(function),
                ..Default::default()
            }));
            let id = f.id.clone();
            let mut ops = vec![Op::AddElement { element: f }];
            ops.extend(owned.into_iter().map(|to| Op::Relate {
                relation: Relation { kind: RelationKind::Owns, from: id.clone(), to, rank: Rank::default() },
            }));
            ops
        }
        Edit::AddRole { function, name } => {
            if ws.kind_of(&function) != Some(ElementKind::OrgFunction) {
                let found = ws.kind_of(&function).ok_or_else(|| OpError::UnknownElement(function.clone()))?;
                return Err(EditError::WrongKind { id: function, expected: ElementKind::OrgFunction, found });
            }
            let role = new_element(ElementData::new_with_label(ElementKind::Role, name));
            let id = role.id.clone();
            vec![
                Op::AddElement { element: role },
                Op::Relate {
                    relation: Relation { kind: RelationKind::RoleIn, from: id, to: function, rank: Rank::default() },
                },
            ]
        }
        Edit::SetLintConfig { config } => {
            let data = ElementData::LintSettings(config);
            match ws.elements_of_kind(ElementKind::LintSettings).next() {
                Some(e) => vec![Op::SetElement { id: e.id.clone(), data }],
                None => vec![Op::AddElement {
                    element: Element { id: ids.element(ElementKind::LintSettings.id_prefix()), data },
                }],
            }
        }
        Edit::SetCatalog { catalog } => {
            let data = ElementData::Catalog(catalog);
            match ws.elements_of_kind(ElementKind::Catalog).next() {
                Some(e) => vec![Op::SetElement { id: e.id.clone(), data }],
                None => vec![Op::AddElement { element: new_element(data) }],
            }
        }
        Edit::SetHealthModel { model } => {
            let data = ElementData::HealthModel(model);
            match ws.elements_of_kind(ElementKind::HealthModel).next() {
                Some(e) => vec![Op::SetElement { id: e.id.clone(), data }],
                None => vec![Op::AddElement { element: new_element(data) }],
            }
        }
        Edit::Batch { .. } => unreachable!("batches are performed edit by edit"),
        Edit::CreateProcessDiagram { .. }
        | Edit::AddPool { .. }
        | Edit::AddLane { .. }
        | Edit::AddNode { .. }
        | Edit::MoveShapes { .. }
        | Edit::Arrange { .. }
        | Edit::ResizeShape { .. }
        | Edit::Connect { .. }
        | Edit::Paste { .. } => unreachable!("process edits are compiled above"),
    })
}

/// Moves `item` to `index` among `siblings` (ordered relations arriving at one element).
/// Moving to where it already is produces no operation.
fn reorder(siblings: Vec<Relation>, item: &ElementId, index: u32) -> Vec<Op> {
    let Some(current) = siblings.iter().position(|r| &r.from == item) else { return Vec::new() };
    let key = siblings[current].key();
    let others: Vec<Relation> = siblings.into_iter().filter(|r| &r.from != item).collect();
    let target = (index as usize).min(others.len());
    if target == current {
        return Vec::new();
    }
    vec![Op::SetRank { key, rank: rank_at(&others, Some(target as u32)) }]
}

/// The operations deleting `ids` and everything they own, in a deterministic order.
fn deletion(ws: &Workspace, ids: Vec<ElementId>) -> Result<Vec<Op>, EditError> {
    let mut doomed: BTreeSet<ElementId> = BTreeSet::new();
    let mut queue = ids;
    while let Some(id) = queue.pop() {
        if !ws.contains(&id) {
            return Err(OpError::UnknownElement(id).into());
        }
        if !doomed.insert(id.clone()) {
            continue;
        }
        for kind in RelationKind::ALL.into_iter().filter(|k| k.schema().owned_by_target) {
            for member in ws.incoming(&id, kind) {
                // Owned only if every container it has of this kind is going too (a metric that still
                // measures another stage stays).
                let all_doomed = ws.outgoing(&member.from, kind).iter().all(|r| doomed.contains(&r.to));
                if all_doomed && !doomed.contains(&member.from) {
                    queue.push(member.from);
                }
            }
        }
    }
    let mut ops = Vec::new();
    let mut views: BTreeSet<ViewId> = BTreeSet::new();
    for id in &doomed {
        views.extend(ws.views_about(id).into_iter().map(|v| v.id.clone()));
    }
    ops.extend(views.into_iter().map(|id| Op::RemoveView { id }));
    ops.extend(process_edit::absorb_deleted_lanes(ws, &doomed));
    ops.extend(doomed.into_iter().map(|id| Op::RemoveElement { id }));
    Ok(ops)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::element::{Card, StumblingPoint, StumblingReason};

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
                data: ElementData::CsAction(Card { text: "操作説明会".into(), note: String::new() }),
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
