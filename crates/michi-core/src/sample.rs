//! Journey documents: a nested, hand-editable JSON form of journeys (journey → stages → cards) with
//! the segments and personas they are for. The sample workspace is kept in this form in the repo and
//! built through the same [`Edit`]s the editor sends, so it can never hold what the editor could not.
//!
//! ```json
//! { "segments": [{ "key": "mid", "name": "中堅製造業", "size": "midMarket" }],
//!   "personas": [],
//!   "journeys": [{ "name": "導入", "isFor": ["mid"],
//!                  "stages": [{ "name": "オンボーディング", "ttvTargetDays": 30,
//!                               "cards": [{ "kind": "stumblingPoint", "key": "sp1", "text": "…",
//!                                           "reason": "guidanceLacking" },
//!                                         { "kind": "csAction", "text": "…", "addresses": ["sp1"],
//!                                           "isFor": ["mid"] },
//!                                         { "kind": "metric", "name": "…", "role": "leading",
//!                                           "drives": ["grr"] }] }] }] }
//! ```
//! `key`s name elements inside the document only; the elements get ordinary ids.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;
use thiserror::Error;

use crate::edit::{Edit, EditError, perform};
use crate::element::{ElementData, ElementKind, Journey, Stage};
use crate::id::{ElementId, IdGen};
use crate::process::edit::NewPool;
use crate::relation::RelationKind;
use crate::view::Point;
use crate::workspace::Workspace;

/// The sample workspace: a B2B SaaS onboarding → adoption → expansion → renewal journey, in Japanese.
pub const SAMPLE_JA: &str = include_str!("../samples/saas-journey.ja.json");

/// The sample accounts: 40 Japanese companies of the sample's three segments at the end of October
/// 2026 (`scripts/make-sample-accounts.py`), with the default health model's columns and a stage of
/// the sample journeys each. The app imports them on request, to try the health views.
pub const SAMPLE_ACCOUNTS_CSV: &str = include_str!("../samples/accounts-2026-10.csv");
/// The sample accounts' file name and date (its day, read as the end of that day in UTC).
pub const SAMPLE_ACCOUNTS_NAME: &str = "accounts-2026-10.csv";
pub const SAMPLE_ACCOUNTS_AS_OF: &str = "2026-10-31 23:59:59";

#[derive(Debug, Error)]
pub enum DocumentError {
    #[error("the journey document is not valid: {0}")]
    Format(String),
    #[error("the journey document refers to {0:?}, which it does not define")]
    UnknownKey(String),
    #[error("the journey document uses the key {0:?} twice")]
    DuplicateKey(String),
    #[error(transparent)]
    Edit(#[from] EditError),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    #[serde(default)]
    segments: Vec<Value>,
    #[serde(default)]
    personas: Vec<Value>,
    #[serde(default)]
    journeys: Vec<JourneyDoc>,
    #[serde(default)]
    processes: Vec<ProcessDoc>,
    /// The bonfire health model (`{}` for the default one).
    #[serde(default, rename = "healthModel")]
    health_model: Option<crate::health::HealthModel>,
    /// Conversations with customers: a conversation's properties (`date` as `YYYY-MM-DD`), the
    /// segments it is in (`isFor`), and its quotes with their tags (paths, `親/子`) and the keys of
    /// what they support.
    #[serde(default)]
    conversations: Vec<Value>,
    /// The CS team: functions adopted (each requiring its default skill levels) with their roles,
    /// and people with their dated assessments (skills named by the default model's keys).
    #[serde(default)]
    team: Option<TeamDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamDoc {
    functions: Vec<FunctionDoc>,
    members: Vec<MemberDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FunctionDoc {
    function: crate::element::CsFunction,
    roles: Vec<RoleDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleDoc {
    key: String,
    name: String,
    headcount: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberDoc {
    name: String,
    roles: Vec<String>,
    assessments: Vec<AssessmentDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssessmentDoc {
    skill: String,
    date: String,
    current: u8,
    target: Option<u8>,
    #[serde(default)]
    assessor: String,
    #[serde(default)]
    evidence: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteDoc {
    text: String,
    #[serde(default)]
    perspective: Option<crate::element::Perspective>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    supports: Vec<String>,
}

/// A process diagram: pools with lanes, nodes on a grid (`col`, global `lane` index, optional
/// `dx`/`dy` offsets), and flows `[from, to, name?]` (the connector's kind follows from the ends).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcessDoc {
    name: String,
    pools: Vec<NewPool>,
    #[serde(default)]
    nodes: Vec<Value>,
    #[serde(default)]
    flows: Vec<Vec<String>>,
}

const COLUMN: f64 = 180.0;
const LEFT: f64 = 140.0;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JourneyDoc {
    #[serde(flatten)]
    journey: Journey,
    #[serde(default)]
    is_for: Vec<String>,
    #[serde(default)]
    stages: Vec<StageDoc>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StageDoc {
    #[serde(default)]
    key: Option<String>,
    #[serde(flatten)]
    stage: Stage,
    #[serde(default)]
    cards: Vec<Value>,
}

/// Splits a keyed entry into its key, its `addresses` list and its element properties.
fn element(
    mut value: Value,
    kind: Option<ElementKind>,
) -> Result<(Option<String>, Vec<String>, ElementData), DocumentError> {
    let format = |e: String| DocumentError::Format(e);
    let obj = value.as_object_mut().ok_or_else(|| format("an entry is not an object".into()))?;
    let key = match obj.remove("key") {
        Some(Value::String(k)) => Some(k),
        None => None,
        Some(_) => return Err(format("a key must be a string".into())),
    };
    let addresses = match obj.remove("addresses") {
        Some(v) => serde_json::from_value(v).map_err(|e| format(e.to_string()))?,
        None => Vec::new(),
    };
    if let Some(kind) = kind {
        obj.insert("kind".into(), Value::String(kind.as_str().into()));
    }
    let data: ElementData = serde_json::from_value(value).map_err(|e| format(e.to_string()))?;
    Ok((key, addresses, data))
}

/// Builds a workspace from a journey document. Ids are sequential, so the same document always
/// gives the same workspace.
pub fn load(json: &str) -> Result<Workspace, DocumentError> {
    let doc: Document = serde_json::from_str(json).map_err(|e| DocumentError::Format(e.to_string()))?;
    let mut ws = Workspace::new();
    let mut ids = IdGen::sequential();
    let mut keys: HashMap<String, ElementId> = HashMap::new();
    let remember = |keys: &mut HashMap<String, ElementId>, key: Option<String>, id: &ElementId| match key {
        Some(k) if keys.contains_key(&k) => Err(DocumentError::DuplicateKey(k)),
        Some(k) => {
            keys.insert(k, id.clone());
            Ok(())
        }
        None => Ok(()),
    };
    let mut run = |ws: &mut Workspace, edit: Edit| perform(ws, edit, &mut ids).map(|p| p.created);

    for (entries, kind) in [(doc.segments, ElementKind::Segment), (doc.personas, ElementKind::Persona)] {
        for entry in entries {
            let (key, _, data) = element(entry, Some(kind))?;
            let id = run(&mut ws, Edit::Create { data })?.remove(0);
            remember(&mut keys, key, &id)?;
        }
    }
    // Links are made once every card exists, so a CS action may address a later stumbling point
    // and a metric drive a later stage's.
    let mut links: Vec<(RelationKind, ElementId, String)> = Vec::new();
    for j in doc.journeys {
        let journey = run(&mut ws, Edit::CreateJourney { name: j.journey.name.clone() })?.remove(0);
        run(&mut ws, Edit::Update { id: journey.clone(), data: ElementData::Journey(j.journey) })?;
        for target in j.is_for {
            let to = keys.get(&target).cloned().ok_or(DocumentError::UnknownKey(target))?;
            run(&mut ws, Edit::Link { kind: RelationKind::IsFor, from: journey.clone(), to })?;
        }
        for s in j.stages {
            let stage =
                run(&mut ws, Edit::AddStage { journey: journey.clone(), index: None, name: String::new() })?.remove(0);
            remember(&mut keys, s.key, &stage)?;
            run(&mut ws, Edit::Update { id: stage.clone(), data: ElementData::Stage(s.stage) })?;
            for mut card in s.cards {
                // A touchpoint or CS action drawn for some segments only.
                let is_for: Vec<String> = match card.as_object_mut().and_then(|o| o.remove("isFor")) {
                    Some(v) => serde_json::from_value(v).map_err(|e| DocumentError::Format(e.to_string()))?,
                    None => Vec::new(),
                };
                // A leading metric driving a lagging one.
                let drives: Vec<String> = match card.as_object_mut().and_then(|o| o.remove("drives")) {
                    Some(v) => serde_json::from_value(v).map_err(|e| DocumentError::Format(e.to_string()))?,
                    None => Vec::new(),
                };
                let (key, addresses, data) = element(card, None)?;
                let id = run(&mut ws, Edit::AddCard { stage: stage.clone(), index: None, data })?.remove(0);
                remember(&mut keys, key, &id)?;
                links.extend(addresses.into_iter().map(|a| (RelationKind::Addresses, id.clone(), a)));
                links.extend(drives.into_iter().map(|a| (RelationKind::Drives, id.clone(), a)));
                for target in is_for {
                    let to = keys.get(&target).cloned().ok_or(DocumentError::UnknownKey(target))?;
                    run(&mut ws, Edit::Link { kind: RelationKind::IsFor, from: id.clone(), to })?;
                }
            }
        }
    }
    for (kind, from, target) in links {
        let to = keys.get(&target).cloned().ok_or(DocumentError::UnknownKey(target))?;
        run(&mut ws, Edit::Link { kind, from, to })?;
    }
    for process in doc.processes {
        load_process(&mut ws, &mut ids, &mut keys, process)?;
    }
    if let Some(model) = doc.health_model {
        perform(&mut ws, Edit::SetHealthModel { model }, &mut ids)?;
    }
    load_conversations(&mut ws, &mut ids, &keys, doc.conversations)?;
    if let Some(team) = doc.team {
        load_team(&mut ws, &mut ids, team)?;
    }
    Ok(ws)
}

/// The document's conversations, imported as a file's are (`Edit::ImportConversations`): tags by
/// path, segments and supported elements by key.
/// The default skill model, the functions adopted with their roles, the people and their
/// assessments, through the edits the skill matrix sends.
fn load_team(ws: &mut Workspace, ids: &mut IdGen, team: TeamDoc) -> Result<(), DocumentError> {
    let format = |e: String| DocumentError::Format(e);
    perform(ws, Edit::SeedSkills {}, ids)?;
    let mut roles: HashMap<String, ElementId> = HashMap::new();
    for f in team.functions {
        let function = perform(ws, Edit::AcceptFunction { function: f.function }, ids)?.created.remove(0);
        for r in f.roles {
            let role =
                perform(ws, Edit::AddRole { function: function.clone(), name: r.name.clone() }, ids)?.created.remove(0);
            let data = ElementData::Role(crate::element::Role { name: r.name, headcount: r.headcount });
            perform(ws, Edit::Update { id: role.clone(), data }, ids)?;
            if roles.insert(r.key.clone(), role).is_some() {
                return Err(DocumentError::DuplicateKey(r.key));
            }
        }
    }
    let skills: HashMap<String, ElementId> = ws
        .elements_of_kind(ElementKind::Skill)
        .filter_map(|e| match &e.data {
            ElementData::Skill(s) => Some((s.key.clone(), e.id.clone())),
            _ => None,
        })
        .collect();
    for m in team.members {
        let member_roles =
            m.roles.iter().map(|k| roles.get(k).cloned().ok_or_else(|| DocumentError::UnknownKey(k.clone())));
        let member_roles = member_roles.collect::<Result<Vec<_>, _>>()?;
        let member = perform(ws, Edit::AddMember { name: m.name, roles: member_roles }, ids)?.created.remove(0);
        for a in m.assessments {
            let skill = skills.get(&a.skill).cloned().ok_or_else(|| DocumentError::UnknownKey(a.skill.clone()))?;
            let date =
                crate::derive::evidence::parse_iso_date(&a.date).ok_or_else(|| format(format!("date {:?}", a.date)))?;
            let assessment = crate::element::Assessment {
                date,
                current: a.current,
                target: a.target,
                not_applicable: false,
                assessor: a.assessor,
                evidence: a.evidence,
            };
            perform(ws, Edit::Assess { member: member.clone(), skill, assessment: Box::new(assessment) }, ids)?;
        }
    }
    Ok(())
}

fn load_conversations(
    ws: &mut Workspace,
    ids: &mut IdGen,
    keys: &HashMap<String, ElementId>,
    conversations: Vec<Value>,
) -> Result<(), DocumentError> {
    let format = |e: String| DocumentError::Format(e);
    let key = |k: &String| keys.get(k).cloned().ok_or_else(|| DocumentError::UnknownKey(k.clone()));
    let mut imports = Vec::new();
    for mut entry in conversations {
        let obj = entry.as_object_mut().ok_or_else(|| format("a conversation is not an object".into()))?;
        let mut take = |name: &str| obj.remove(name).unwrap_or(Value::Null);
        let is_for: Vec<String> = serde_json::from_value(take("isFor")).unwrap_or_default();
        let quotes: Vec<QuoteDoc> = match take("quotes") {
            Value::Null => Vec::new(),
            v => serde_json::from_value(v).map_err(|e| format(e.to_string()))?,
        };
        let date = match take("date") {
            Value::Null => None,
            Value::String(d) => {
                Some(crate::derive::evidence::parse_iso_date(&d).ok_or_else(|| format(format!("date {d:?}")))?)
            }
            other => return Err(format(format!("date {other}"))),
        };
        let mut conversation: crate::element::Conversation =
            serde_json::from_value(entry).map_err(|e| format(e.to_string()))?;
        conversation.date = date;
        let quotes = quotes
            .into_iter()
            .map(|q| {
                Ok(crate::edit::QuoteIn {
                    quote: crate::element::Quote { text: q.text, perspective: q.perspective },
                    tags: q.tags,
                    supports: q.supports.iter().map(key).collect::<Result<_, _>>()?,
                })
            })
            .collect::<Result<_, DocumentError>>()?;
        let segments = is_for.iter().map(key).collect::<Result<_, _>>()?;
        imports.push(crate::edit::ConversationImport { conversation, segments, quotes });
    }
    if !imports.is_empty() {
        perform(ws, Edit::ImportConversations { conversations: imports }, ids)?;
    }
    Ok(())
}

fn load_process(
    ws: &mut Workspace,
    ids: &mut IdGen,
    keys: &mut HashMap<String, ElementId>,
    doc: ProcessDoc,
) -> Result<(), DocumentError> {
    let created = perform(ws, Edit::CreateProcessDiagram { name: doc.name, pools: doc.pools }, ids)?;
    let view = created.created_views[0].clone();
    let lanes: Vec<ElementId> =
        created.created.iter().filter(|id| ws.kind_of(id) == Some(ElementKind::Lane)).cloned().collect();
    // Pools wide enough for every column.
    let columns = doc.nodes.iter().filter_map(|n| n.get("col").and_then(Value::as_f64)).fold(0.0, f64::max);
    let width = LEFT + (columns + 1.0) * COLUMN;
    let pools: Vec<ElementId> =
        created.created.iter().filter(|id| ws.kind_of(id) == Some(ElementKind::Pool)).cloned().collect();
    for pool in &pools {
        let height = ws.view(&view).expect("created").placements[pool].height;
        perform(ws, Edit::ResizeShape { view: view.clone(), id: pool.clone(), width, height }, ids)?;
    }
    for mut node in doc.nodes {
        let obj = node.as_object_mut().ok_or_else(|| DocumentError::Format("a node is not an object".into()))?;
        let number = |obj: &mut serde_json::Map<String, Value>, name: &str| {
            obj.remove(name).and_then(|v| v.as_f64()).unwrap_or(0.0)
        };
        let (col, lane, dx, dy) = (number(obj, "col"), number(obj, "lane"), number(obj, "dx"), number(obj, "dy"));
        let serves: Vec<String> = match obj.remove("serves") {
            Some(v) => serde_json::from_value(v).map_err(|e| DocumentError::Format(e.to_string()))?,
            None => Vec::new(),
        };
        let (key, _, data) = element(node, None)?;
        let lane = lanes.get(lane as usize).ok_or_else(|| DocumentError::Format(format!("no lane {lane}")))?;
        let lane_box = &ws.view(&view).expect("created").placements[lane];
        let at = Point { x: LEFT + col * COLUMN + dx, y: lane_box.y + lane_box.height / 2.0 + dy };
        let id = perform(ws, Edit::AddNode { view: view.clone(), data, at }, ids)?.created.remove(0);
        for stage in serves {
            let to = keys.get(&stage).cloned().ok_or(DocumentError::UnknownKey(stage))?;
            perform(ws, Edit::Link { kind: RelationKind::Serves, from: id.clone(), to }, ids)?;
        }
        match key {
            Some(k) if keys.contains_key(&k) => return Err(DocumentError::DuplicateKey(k)),
            Some(k) => {
                keys.insert(k, id);
            }
            None => {}
        }
    }
    for flow in doc.flows {
        let [from, to, rest @ ..] = flow.as_slice() else {
            return Err(DocumentError::Format("a flow needs a source and a target".into()));
        };
        let end = |k: &String| keys.get(k).cloned().ok_or_else(|| DocumentError::UnknownKey(k.clone()));
        let (from, to) = (end(from)?, end(to)?);
        let connector = perform(ws, Edit::Connect { view: view.clone(), from, to }, ids)?.created.remove(0);
        if let Some(name) = rest.first() {
            let data = ws.data(&connector).cloned().expect("just created");
            let named = match data {
                ElementData::SequenceFlow(mut f) => ElementData::SequenceFlow({
                    f.name = name.clone();
                    f
                }),
                ElementData::MessageFlow(mut f) => ElementData::MessageFlow({
                    f.name = name.clone();
                    f
                }),
                _ => return Err(DocumentError::Format(format!("only flows have names ({name})"))),
            };
            perform(ws, Edit::Update { id: connector, data: named }, ids)?;
        }
    }
    Ok(())
}

/// The name of the sample's as-is and to-be versions.
pub const AS_IS: &str = "現状";
pub const TO_BE: &str = "あるべき姿";

/// The sample's to-be: the as-is with what the consultant and the customer agreed to change, so a
/// new user sees a diff and a gap list at once. In 拡大, a CS action for the stumbling point no
/// one addressed; in 活用・定着, a time-to-value target of 60 days; in the onboarding process, a
/// usage health check done by CS between the finished template and the review, and the customer's
/// usage data handed to it instead of the review.
pub fn sample_to_be(as_is: &Workspace) -> Result<Workspace, DocumentError> {
    let mut ws = as_is.clone();
    let mut ids = IdGen::sequential_from(100_000);
    let named = |ws: &Workspace, label: &str| {
        ws.elements()
            .find(|e| e.data.label().starts_with(label))
            .map(|e| e.id.clone())
            .ok_or_else(|| DocumentError::UnknownKey(label.to_string()))
    };
    let adoption = named(&ws, "活用・定着")?;
    let expansion = named(&ws, "拡大")?;
    let point = named(&ws, "他工場の担当者が決まらない")?;
    let action = ElementData::CsAction(crate::element::Card {
        text: "工場長に各工場の推進担当の指名を依頼し、指名された担当者とキックオフを行う".into(),
        ..Default::default()
    });
    let e = Edit::AddCard { stage: expansion, index: None, data: action };
    let action = perform(&mut ws, e, &mut ids)?.created.remove(0);
    perform(&mut ws, Edit::Link { kind: RelationKind::Addresses, from: action, to: point }, &mut ids)?;
    if let Some(ElementData::Stage(mut stage)) = ws.data(&adoption).cloned() {
        stage.ttv_target_days = Some(60);
        perform(&mut ws, Edit::Update { id: adoption.clone(), data: ElementData::Stage(stage) }, &mut ids)?;
    }

    let review = named(&ws, "利用状況レビュー")?;
    let view = ws
        .views()
        .find(|v| v.placements.contains_key(&review))
        .map(|v| v.id.clone())
        .ok_or_else(|| DocumentError::UnknownKey("利用状況レビュー".into()))?;
    let at = ws.view(&view).expect("found").placements[&review].clone();
    let check = ElementData::Activity(crate::element::Activity {
        name: "利用データでヘルスチェック".into(),
        kind: crate::element::ActivityKind::UserTask,
        ..Default::default()
    });
    // In the CS lane, the column before the review.
    let point = Point { x: at.x + at.width / 2.0 - COLUMN, y: at.y + at.height / 2.0 };
    let check =
        perform(&mut ws, Edit::AddNode { view: view.clone(), data: check, at: point }, &mut ids)?.created.remove(0);
    perform(&mut ws, Edit::Link { kind: RelationKind::Serves, from: check.clone(), to: adoption }, &mut ids)?;
    // Into the flow: the finished template goes to the check, then to the review.
    let yes = named(&ws, "はい")?;
    perform(&mut ws, Edit::Reconnect { view: view.clone(), flow: yes, source: false, to: check.clone() }, &mut ids)?;
    perform(&mut ws, Edit::Connect { view: view.clone(), from: check.clone(), to: review }, &mut ids)?;
    let usage = named(&ws, "利用データ")?;
    perform(&mut ws, Edit::Reconnect { view, flow: usage, source: false, to: check }, &mut ids)?;
    Ok(ws)
}

/// The sample workspace (see [`SAMPLE_JA`]).
pub fn sample() -> Workspace {
    load(SAMPLE_JA).expect("the bundled sample is a valid journey document")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::element::{Polarity, StumblingReason, TouchType};
    use crate::read;

    #[test]
    fn the_sample_is_a_rich_japanese_journey() {
        let ws = sample();
        let counts = ws.count_by_kind();
        for &kind in ElementKind::ALL.iter().filter(|k| {
            k.is_card()
                || matches!(k, ElementKind::Journey | ElementKind::Stage | ElementKind::Segment | ElementKind::Persona)
        }) {
            assert!(counts.get(&kind).copied().unwrap_or(0) > 0, "the sample has no {kind:?}");
        }
        let outline = read::outline(&ws);
        assert!(outline.journeys.len() >= 2, "several journeys");
        let main = outline.journeys.iter().max_by_key(|j| j.stage_count).unwrap();
        let map = read::journey_map(&ws, main.view.as_ref().unwrap()).unwrap();
        let stage_names: Vec<&str> = map.stages.iter().map(|s| s.stage.data.label()).collect();
        assert_eq!(stage_names, ["オンボーディング", "活用・定着", "拡大", "更新"]);

        let mut reasons = std::collections::BTreeSet::new();
        let mut touches = std::collections::BTreeSet::new();
        let mut polarities = std::collections::BTreeSet::new();
        for e in ws.elements() {
            match &e.data {
                ElementData::StumblingPoint(sp) => {
                    reasons.extend(sp.reason);
                    polarities.insert(sp.polarity);
                }
                ElementData::Touchpoint(t) => touches.extend(t.touch),
                _ => {}
            }
        }
        for r in [
            StumblingReason::BenefitUnclear,
            StumblingReason::NotNow,
            StumblingReason::GuidanceLacking,
            StumblingReason::NoNeedBias,
        ] {
            assert!(reasons.contains(&r), "no stumbling point of reason {r:?}");
        }
        for t in [TouchType::High, TouchType::Low, TouchType::Tech] {
            assert!(touches.contains(&t), "no {t:?} touchpoint");
        }
        assert!(polarities.contains(&Polarity::Positive));
        assert!(ws.relations().filter(|r| r.kind == RelationKind::Addresses).count() >= 4);

        // The onboarding process: two pools, roles as lanes, hand-offs, activities serving stages.
        let diagrams = crate::process::read::top_diagrams(&ws);
        assert_eq!(diagrams.len(), 1);
        let diagram = crate::process::read::process_diagram(&ws, &diagrams[0].view).unwrap();
        let count = |k: ElementKind| {
            diagram.shapes.iter().filter(|s| s.element.data.kind() == k).count()
                + diagram.edges.iter().filter(|e| e.element.data.kind() == k).count()
        };
        assert_eq!(count(ElementKind::Pool), 2);
        assert_eq!(count(ElementKind::Lane), 5);
        assert_eq!(count(ElementKind::MessageFlow), 3);
        assert!(count(ElementKind::SequenceFlow) >= 10);
        assert!(diagram.shapes.iter().filter(|s| !s.serves.is_empty()).count() >= 4);
        for s in &diagram.shapes {
            assert!(s.element.data.kind() == ElementKind::Pool || s.pool.is_some(), "{:?} is in no pool", s.element);
        }
    }

    #[test]
    fn loading_is_deterministic() {
        assert_eq!(sample(), sample());
    }

    #[test]
    fn documents_with_dangling_or_duplicate_keys_are_refused() {
        let dangling = r#"{"journeys":[{"name":"J","isFor":["nobody"]}]}"#;
        assert!(matches!(load(dangling), Err(DocumentError::UnknownKey(k)) if k == "nobody"));
        let twice = r#"{"segments":[{"key":"a","name":"A"},{"key":"a","name":"B"}]}"#;
        assert!(matches!(load(twice), Err(DocumentError::DuplicateKey(_))));
        assert!(matches!(load("{\"journeys\": 3}"), Err(DocumentError::Format(_))));
    }
}
