//! Random operations and edits for property tests, here and in the store. Compiled for tests and under
//! the `testing` feature only.
//!
//! Generated operations follow the current workspace, so most are valid and reach deep states; a share
//! are deliberately invalid (unknown ids, relations the schema refuses) to check that a refused
//! operation changes nothing.

use std::collections::BTreeMap;

use crate::edit::{Edit, perform};
use crate::element::{
    Activity, ActivityKind, Annotation, Association, AssociationDirection, Card, Channel, Collaboration, CompanySize,
    DataAssociation, DataKind, DataObject, Element, ElementData, ElementKind, Emotion, Event, EventDefinition,
    EventPosition, Foreign, ForeignAttr, Gateway, GatewayKind, Group, Journey, Level, MessageFlow, Metric, MetricRole,
    Persona, Polarity, Pool, Process, ProcessLane, ProcessModel, Reach, Segment, SequenceFlow, Side, Stage, StagePhase,
    StumblingPoint, StumblingReason, System, Term, TouchType, Touchpoint, Trigger, WorkTag,
};
use crate::id::{ElementId, IdGen, ViewId};
use crate::op::Op;
use crate::rank::Rank;
use crate::relation::{Relation, RelationKey, RelationKind};
use crate::view::{Bounds, DiagramInterchange, Lane, Placement, Point, View, ViewKind};
use crate::workspace::Workspace;

/// SplitMix64: small, deterministic, good enough to drive test generation from one seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() { None } else { Some(&items[self.below(items.len())]) }
    }
}

const WORDS: &[&str] =
    &["オンボーディング", "活用", "更新", "定例会", "kickoff", "ログイン率", "<b>x</b>", "", "改善 ✓"];

fn text(rng: &mut Rng) -> String {
    rng.pick(WORDS).unwrap().to_string()
}

fn option<T: Copy>(rng: &mut Rng, items: &[T]) -> Option<T> {
    if rng.chance(20) { None } else { rng.pick(items).copied() }
}

/// None, one or two work tags.
fn tags(rng: &mut Rng) -> Vec<WorkTag> {
    let mut tags: Vec<WorkTag> = (0..rng.below(3)).filter_map(|_| rng.pick(&WorkTag::ALL).copied()).collect();
    tags.sort();
    tags.dedup();
    tags
}

/// Properties of a random element of `kind`.
pub fn random_data(rng: &mut Rng, kind: ElementKind) -> ElementData {
    let card = |rng: &mut Rng| Card {
        text: text(rng),
        note: text(rng),
        tags: tags(rng),
        day: if rng.chance(30) { Some(rng.below(60) as u32) } else { None },
    };
    match kind {
        ElementKind::Journey => ElementData::Journey(Journey { name: text(rng), description: text(rng) }),
        ElementKind::Stage => ElementData::Stage(Stage {
            name: text(rng),
            goal: text(rng),
            exit_criteria: text(rng),
            ttv_target_days: if rng.chance(50) { Some(rng.below(120) as u32) } else { None },
            stuck_after_days: if rng.chance(30) { Some(rng.below(60) as f64 / 2.0) } else { None },
            phase: option(rng, &StagePhase::ALL),
        }),
        ElementKind::CustomerGoal => ElementData::CustomerGoal(card(rng)),
        ElementKind::CustomerAction => ElementData::CustomerAction(card(rng)),
        ElementKind::CsAction => ElementData::CsAction(card(rng)),
        ElementKind::Touchpoint => ElementData::Touchpoint(Touchpoint {
            text: text(rng),
            note: text(rng),
            channel: option(rng, &Channel::ALL),
            touch: option(rng, &[TouchType::High, TouchType::Low, TouchType::Tech]),
            per_year: if rng.chance(50) { Some(rng.below(24) as f64 / 2.0) } else { None },
            minutes: if rng.chance(50) { Some(rng.below(120) as u32) } else { None },
            reach: option(rng, &Reach::ALL),
            tags: tags(rng),
            day: if rng.chance(30) { Some(rng.below(60) as u32) } else { None },
        }),
        ElementKind::Emotion => {
            ElementData::Emotion(Emotion { text: text(rng), note: text(rng), score: rng.below(5) as i8 - 2 })
        }
        ElementKind::StumblingPoint => ElementData::StumblingPoint(StumblingPoint {
            text: text(rng),
            note: text(rng),
            reason: option(rng, &StumblingReason::ALL),
            polarity: *rng.pick(&[Polarity::Negative, Polarity::Positive]).unwrap(),
            tags: tags(rng),
        }),
        ElementKind::Metric => ElementData::Metric(Metric {
            name: text(rng),
            definition: text(rng),
            data_source: text(rng),
            target: text(rng),
            role: option(rng, &[MetricRole::Leading, MetricRole::Lagging]),
        }),
        ElementKind::Segment => ElementData::Segment(Segment {
            name: text(rng),
            size: option(rng, &[CompanySize::Enterprise, CompanySize::MidMarket, CompanySize::Small]),
            industry: text(rng),
            motivation: option(rng, &[Level::High, Level::Medium, Level::Low]),
            literacy: option(rng, &[Level::High, Level::Medium, Level::Low]),
            accounts: if rng.chance(50) { Some(rng.below(1000) as u32) } else { None },
            new_per_year: if rng.chance(30) { Some(rng.below(200) as u32) } else { None },
            renewals_per_year: if rng.chance(30) { Some(rng.below(200) as u32) } else { None },
            contacts_per_account: if rng.chance(30) { Some(rng.below(20) as f64 / 2.0) } else { None },
        }),
        ElementKind::Persona => {
            ElementData::Persona(Persona { name: text(rng), role: text(rng), description: text(rng) })
        }
        ElementKind::ProcessModel => ElementData::ProcessModel(ProcessModel {
            name: text(rng),
            target_namespace: "http://example.com/bpmn".into(),
            foreign: foreign(rng),
        }),
        ElementKind::Collaboration => {
            ElementData::Collaboration(Collaboration { name: text(rng), foreign: foreign(rng) })
        }
        ElementKind::Process => ElementData::Process(Process {
            name: text(rng),
            lane_set_id: rng.chance(30).then(|| "LaneSet_1".to_string()),
            foreign: foreign(rng),
        }),
        ElementKind::Pool => ElementData::Pool(Pool {
            name: text(rng),
            side: option(rng, &[Side::Customer, Side::Vendor, Side::Partner]),
            foreign: foreign(rng),
        }),
        ElementKind::Lane => ElementData::Lane(ProcessLane {
            name: text(rng),
            child_lane_set_id: rng.chance(20).then(|| "LaneSet_2".to_string()),
            foreign: foreign(rng),
        }),
        ElementKind::Activity => ElementData::Activity(Activity {
            name: text(rng),
            kind: *rng.pick(&ActivityKind::ALL).unwrap(),
            stuck_after_days: if rng.chance(30) { Some(rng.below(30) as f64) } else { None },
            foreign: foreign(rng),
        }),
        ElementKind::Event => ElementData::Event(Event {
            name: text(rng),
            position: *rng
                .pick(&[
                    EventPosition::Start,
                    EventPosition::End,
                    EventPosition::IntermediateCatch,
                    EventPosition::IntermediateThrow,
                    EventPosition::Boundary,
                ])
                .unwrap(),
            definitions: (0..rng.below(3))
                .map(|_| EventDefinition {
                    trigger: *rng.pick(&Trigger::ALL).unwrap(),
                    raw: if rng.chance(50) { Some("<bpmn:timerEventDefinition id=\"t\"/>".into()) } else { None },
                })
                .collect(),
            interrupting: rng.chance(70),
            foreign: foreign(rng),
        }),
        ElementKind::Gateway => ElementData::Gateway(Gateway {
            name: text(rng),
            kind: *rng
                .pick(&[
                    GatewayKind::Exclusive,
                    GatewayKind::Parallel,
                    GatewayKind::Inclusive,
                    GatewayKind::EventBased,
                    GatewayKind::Complex,
                ])
                .unwrap(),
            foreign: foreign(rng),
        }),
        ElementKind::DataObject => ElementData::DataObject(DataObject {
            name: text(rng),
            kind: *rng.pick(&[DataKind::Object, DataKind::Store]).unwrap(),
            foreign: foreign(rng),
        }),
        ElementKind::System => {
            ElementData::System(System { name: text(rng), description: text(rng), foreign: foreign(rng) })
        }
        ElementKind::Annotation => ElementData::Annotation(Annotation { text: text(rng), foreign: foreign(rng) }),
        ElementKind::Group => ElementData::Group(Group { name: text(rng), foreign: foreign(rng) }),
        ElementKind::SequenceFlow => ElementData::SequenceFlow(SequenceFlow { name: text(rng), foreign: foreign(rng) }),
        ElementKind::MessageFlow => ElementData::MessageFlow(MessageFlow { name: text(rng), foreign: foreign(rng) }),
        ElementKind::Association => ElementData::Association(Association {
            direction: *rng
                .pick(&[AssociationDirection::None, AssociationDirection::One, AssociationDirection::Both])
                .unwrap(),
            foreign: foreign(rng),
        }),
        ElementKind::DataAssociation => ElementData::DataAssociation(DataAssociation { foreign: foreign(rng) }),
        ElementKind::StateSnapshot => ElementData::StateSnapshot(crate::element::StateSnapshot {
            name: text(rng),
            as_of: rng.below(1_000_000) as f64,
            source: text(rng),
            manual: rng.chance(30),
            entries: Vec::new(),
        }),
        ElementKind::OrgFunction => ElementData::OrgFunction(crate::element::OrgFunction {
            function: option(rng, &crate::element::CsFunction::ALL),
            name: text(rng),
            note: text(rng),
        }),
        ElementKind::Role => ElementData::Role(crate::element::Role {
            name: text(rng),
            headcount: if rng.chance(50) { Some(rng.below(8) as f64 / 2.0) } else { None },
        }),
        ElementKind::LintSettings => {
            let mut config =
                crate::diagnose::LintConfig::of_profile(*rng.pick(&crate::diagnose::Profile::ALL).unwrap());
            if rng.chance(50) {
                let rule = crate::diagnose::rules().nth(rng.below(10)).unwrap();
                config.rules.insert(rule.id.to_string(), *rng.pick(&crate::diagnose::Severity::ALL).unwrap());
            }
            ElementData::LintSettings(config)
        }
        ElementKind::Catalog => {
            let mut catalog = crate::element::Catalog::default();
            if rng.chance(50) {
                catalog.interventions[0].text = crate::text::Text::new(text(rng), text(rng));
            }
            catalog.sizing.minutes_high = rng.below(120) as u32;
            ElementData::Catalog(catalog)
        }
        ElementKind::HealthModel => {
            let mut model = crate::health::HealthModel::default();
            if rng.chance(50) {
                model.links[0].weight = rng.below(100) as f64;
            }
            ElementData::HealthModel(model)
        }
        ElementKind::AccountSnapshot => ElementData::AccountSnapshot(crate::health::AccountSnapshot {
            name: text(rng),
            as_of: rng.below(1_000_000) as f64,
            columns: vec!["ログイン率".into()],
            accounts: (0..rng.below(4))
                .map(|i| crate::health::AccountRow {
                    id: format!("A-{i}"),
                    name: text(rng),
                    values: vec![if rng.chance(70) { Some(rng.below(100) as f64 / 100.0) } else { None }],
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }),
        ElementKind::Judgement => ElementData::Judgement(crate::health::Judgement {
            account: format!("A-{}", rng.below(4)),
            indicator: "decision-maker".into(),
            value: (1 + rng.below(5)) as f64,
            at: rng.below(1_000_000) as f64,
            by: text(rng),
            note: text(rng),
        }),
        ElementKind::GapItem => ElementData::GapItem(crate::element::GapItem {
            title: text(rng),
            note: text(rng),
            change: if rng.chance(50) { Some(format!("stage-{}", rng.below(9))) } else { None },
            effort: if rng.chance(50) { Some(1 + rng.below(5) as u8) } else { None },
            status: *rng.pick(&crate::element::GapStatus::ALL).unwrap(),
        }),
        ElementKind::Conversation => ElementData::Conversation(Box::new(crate::element::Conversation {
            date: if rng.chance(80) { Some(1_700_000_000.0 + rng.below(100) as f64 * 86_400.0) } else { None },
            account: format!("A-{}", rng.below(4)),
            account_name: text(rng),
            industry: text(rng),
            size: option(rng, &[CompanySize::Enterprise, CompanySize::MidMarket, CompanySize::Small]),
            notes: crate::element::Notes { problem: text(rng), ..Default::default() },
            ..Default::default()
        })),
        ElementKind::Quote => ElementData::Quote(crate::element::Quote {
            text: text(rng),
            perspective: option(rng, &crate::element::Perspective::ALL),
        }),
        ElementKind::Tag => ElementData::Tag(crate::element::Tag { name: text(rng) }),
        ElementKind::EvidenceSettings => ElementData::EvidenceSettings(crate::element::EvidenceSettings {
            target: 20 + rng.below(10) as u32,
            stale_after_days: 30 + rng.below(400) as u32,
        }),
        ElementKind::Workshop => ElementData::Workshop(crate::element::Workshop {
            name: text(rng),
            date: if rng.chance(50) { Some(1_700_000_000.0 + rng.below(100) as f64 * 86_400.0) } else { None },
            agenda: (0..rng.below(4))
                .map(|_| crate::element::AgendaStep { name: text(rng), minutes: 5 + rng.below(40) as u32 })
                .collect(),
            dots: 1 + rng.below(5) as u32,
        }),
        ElementKind::StickyNote => ElementData::StickyNote(crate::element::StickyNote {
            text: text(rng),
            author: text(rng),
            row: option(rng, &[ElementKind::CustomerAction, ElementKind::StumblingPoint, ElementKind::CsAction]),
            hidden: rng.chance(20),
            perspective: option(rng, &crate::element::Perspective::ALL),
            at: if rng.chance(80) { Some(1_700_000_000.0 + rng.below(1000) as f64) } else { None },
        }),
        ElementKind::Vote => ElementData::Vote(crate::element::Vote {
            question: text(rng),
            dots: 1 + rng.below(5) as u32,
            kinds: vec![ElementKind::StumblingPoint],
            open: rng.chance(50),
            ballots: (0..rng.below(4))
                .map(|i| crate::element::Ballot {
                    voter: format!("p{i}"),
                    target: ElementId::new(format!("stumble-{i}")).unwrap(),
                })
                .collect(),
        }),
        ElementKind::Skill => ElementData::Skill(Box::new(crate::element::Skill {
            key: if rng.chance(50) { format!("k{}", rng.below(20)) } else { String::new() },
            name: crate::text::Text::new(text(rng), text(rng)),
            group: option(rng, &crate::element::SkillGroup::ALL),
            axis: (*rng.pick(&["cs", "domain", "営業"]).unwrap()).into(),
            description: crate::text::Text::new(text(rng), text(rng)),
            levels: (0..rng.below(6))
                .map(|_| crate::element::LevelText {
                    can: crate::text::Text::new(text(rng), text(rng)),
                    evidence: crate::text::Text::new(text(rng), text(rng)),
                })
                .collect(),
            position: rng.below(200) as u32,
        })),
        ElementKind::TeamMember => {
            ElementData::TeamMember(crate::element::TeamMember { name: text(rng), note: text(rng) })
        }
        ElementKind::Assessment => ElementData::Assessment(crate::element::Assessment {
            date: 1_700_000_000.0 + rng.below(400) as f64 * 86_400.0,
            current: rng.below(6) as u8,
            target: if rng.chance(60) { Some(rng.below(6) as u8) } else { None },
            not_applicable: rng.chance(10),
            assessor: text(rng),
            evidence: text(rng),
        }),
        ElementKind::SkillRequirement => {
            ElementData::SkillRequirement(crate::element::SkillRequirement { level: 1 + rng.below(5) as u8 })
        }
        ElementKind::Term => ElementData::Term(Term {
            term: text(rng),
            term_en: text(rng),
            definition: text(rng),
            definition_en: text(rng),
        }),
    }
}

/// Unmodelled BPMN content, sometimes.
fn foreign(rng: &mut Rng) -> Foreign {
    if rng.chance(70) {
        return Foreign::default();
    }
    Foreign {
        attrs: vec![ForeignAttr {
            ns: Some("http://camunda.org/schema/1.0/bpmn".into()),
            prefix: Some("camunda".into()),
            name: "asyncBefore".into(),
            value: "true".into(),
        }],
        children: vec!["<bpmn:extensionElements xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>".into()],
    }
}

fn ids_of(ws: &Workspace) -> Vec<ElementId> {
    let mut ids: Vec<ElementId> = ws.elements().map(|e| e.id.clone()).collect();
    ids.sort();
    ids
}

fn ids_of_kind(ws: &Workspace, kind: ElementKind) -> Vec<ElementId> {
    let mut ids: Vec<ElementId> = ws.elements_of_kind(kind).map(|e| e.id.clone()).collect();
    ids.sort();
    ids
}

fn some_element(ws: &Workspace, rng: &mut Rng) -> ElementId {
    let ids = ids_of(ws);
    match rng.pick(&ids) {
        Some(id) if rng.chance(95) => id.clone(),
        _ => ElementId::new(format!("missing-{}", rng.below(3))).unwrap(),
    }
}

fn some_view(ws: &Workspace, rng: &mut Rng) -> ViewId {
    let ids: Vec<ViewId> = ws.views().map(|v| v.id.clone()).collect();
    match rng.pick(&ids) {
        Some(id) if rng.chance(95) => id.clone(),
        _ => ViewId::new("view-missing").unwrap(),
    }
}

fn some_relation(ws: &Workspace, rng: &mut Rng) -> RelationKey {
    let mut keys: Vec<RelationKey> = ws.relations().map(|r| r.key()).collect();
    keys.sort();
    match rng.pick(&keys) {
        Some(k) if rng.chance(95) => k.clone(),
        _ => RelationKey { kind: RelationKind::Addresses, from: some_element(ws, rng), to: some_element(ws, rng) },
    }
}

fn placement(rng: &mut Rng) -> Placement {
    let mut p = Placement::rect(
        rng.below(2000) as f64 - 500.0,
        rng.below(2000) as f64,
        40.0 + rng.below(200) as f64,
        30.0 + rng.below(100) as f64,
    );
    if rng.chance(40) {
        let extra = p.extra_mut();
        extra.waypoints = (0..rng.below(4)).map(|i| Point { x: i as f64 * 10.5, y: rng.below(300) as f64 }).collect();
        extra.label = rng.chance(50).then_some(Bounds { x: 1.0, y: 2.0, width: 30.0, height: 14.0 });
        extra.expanded = rng.chance(30).then_some(rng.chance(50));
        extra.horizontal = rng.chance(30).then_some(true);
        extra.di_id = rng.chance(50).then(|| format!("Shape_{}", rng.below(99)));
        extra.foreign = foreign(rng);
    }
    p
}

/// A view of a random kind on a random subject (usually one that fits).
fn view_kind(ws: &Workspace, rng: &mut Rng) -> ViewKind {
    if rng.chance(50) {
        let roots: Vec<ElementId> =
            [ElementKind::Collaboration, ElementKind::Process].into_iter().flat_map(|k| ids_of_kind(ws, k)).collect();
        let root = match rng.pick(&roots) {
            Some(r) if rng.chance(90) => r.clone(),
            _ => some_element(ws, rng),
        };
        let interchange = DiagramInterchange {
            diagram_id: rng.chance(50).then(|| "Diagram_1".to_string()),
            plane_id: None,
            foreign: foreign(rng),
            plane: foreign(rng),
        };
        return ViewKind::Process { root, interchange };
    }
    let journeys = ids_of_kind(ws, ElementKind::Journey);
    let journey = match rng.pick(&journeys) {
        Some(j) if rng.chance(90) => j.clone(),
        _ => some_element(ws, rng),
    };
    ViewKind::JourneyMap { journey, hidden_lanes: Lane::ALL.iter().copied().filter(|_| rng.chance(20)).collect() }
}

/// A random primitive operation for `ws`.
pub fn random_op(ws: &Workspace, rng: &mut Rng, ids: &mut IdGen) -> Op {
    match rng.below(12) {
        0 | 1 => {
            let kind = *rng.pick(ElementKind::ALL).unwrap();
            let id = if rng.chance(5) && ws.element_count() > 0 {
                some_element(ws, rng)
            } else {
                ids.element(kind.id_prefix())
            };
            Op::AddElement { element: Element { id, data: random_data(rng, kind) } }
        }
        2 => Op::RemoveElement { id: some_element(ws, rng) },
        3 => {
            let id = some_element(ws, rng);
            let kind = match ws.kind_of(&id) {
                Some(k) if rng.chance(95) => k,
                _ => *rng.pick(ElementKind::ALL).unwrap(),
            };
            let mut data = random_data(rng, kind);
            if let ElementData::Emotion(e) = &mut data
                && rng.chance(5)
            {
                e.score = 7;
            }
            Op::SetElement { id, data }
        }
        4 | 5 => {
            // Relate: pick a kind, then endpoints that fit its schema most of the time.
            let kind = *rng.pick(&RelationKind::ALL).unwrap();
            let schema = kind.schema();
            let mut endpoint = |kinds: &[ElementKind]| {
                let fitting: Vec<ElementId> = kinds.iter().flat_map(|&k| ids_of_kind(ws, k)).collect();
                match rng.pick(&fitting) {
                    Some(id) if rng.chance(90) => id.clone(),
                    _ => some_element(ws, rng),
                }
            };
            let from = endpoint(schema.from);
            let to = endpoint(schema.to);
            let rank = if schema.ordered {
                Rank::between(ws.incoming(&to, kind).last().map(|r| &r.rank), None)
            } else {
                Rank::unordered()
            };
            Op::Relate { relation: Relation { kind, from, to, rank } }
        }
        6 => Op::Unrelate { key: some_relation(ws, rng) },
        7 => {
            let key = some_relation(ws, rng);
            let siblings = ws.incoming(&key.to, key.kind);
            let i = rng.below(siblings.len() + 1);
            let lo = i.checked_sub(1).and_then(|j| siblings.get(j)).map(|r| &r.rank);
            let rank = if key.kind.schema().ordered || rng.chance(90) {
                Rank::between(lo, siblings.get(i).map(|r| &r.rank))
            } else {
                Rank::unordered()
            };
            Op::SetRank { key, rank }
        }
        8 => {
            let mut placements = BTreeMap::new();
            for _ in 0..rng.below(4) {
                placements.insert(some_element(ws, rng), placement(rng));
            }
            let id = if rng.chance(5) { some_view(ws, rng) } else { ids.view() };
            Op::AddView { view: View { id, name: text(rng), kind: view_kind(ws, rng), placements } }
        }
        9 => {
            let id = some_view(ws, rng);
            if rng.chance(40) {
                Op::RemoveView { id }
            } else {
                Op::SetView { id, name: text(rng), kind: view_kind(ws, rng) }
            }
        }
        10 => {
            let view = some_view(ws, rng);
            let element = some_element(ws, rng);
            if rng.chance(60) {
                Op::Place { view, element, placement: placement(rng) }
            } else {
                // Unplace something that is placed, most of the time.
                let placed: Vec<(ViewId, ElementId)> = ws
                    .views()
                    .flat_map(|v| v.placements.keys().map(|e| (v.id.clone(), e.clone())).collect::<Vec<_>>())
                    .collect();
                match rng.pick(&placed) {
                    Some((v, e)) if rng.chance(85) => Op::Unplace { view: v.clone(), element: e.clone() },
                    _ => Op::Unplace { view, element },
                }
            }
        }
        _ => {
            // A batch built against the current state: later parts may fail, exercising rollback.
            let n = 1 + rng.below(3);
            Op::Batch { ops: (0..n).map(|_| random_op(ws, rng, ids)).collect() }
        }
    }
}

fn stage_and_index(ws: &Workspace, rng: &mut Rng) -> Option<(ElementId, u32)> {
    let stages = ids_of_kind(ws, ElementKind::Stage);
    let stage = rng.pick(&stages)?.clone();
    Some((stage, rng.below(5) as u32))
}

/// A random process diagram edit, when `ws` has a process diagram (else a new diagram).
fn random_process_edit(ws: &Workspace, rng: &mut Rng) -> Edit {
    use crate::process::edit::{NewPool, ShapeMove};
    let mut views: Vec<(ViewId, Vec<(ElementId, Placement)>)> = ws
        .views()
        .filter(|v| matches!(v.kind, ViewKind::Process { .. }))
        .map(|v| (v.id.clone(), v.placements.iter().map(|(e, p)| (e.clone(), p.clone())).collect()))
        .collect();
    views.sort_by(|a, b| a.0.cmp(&b.0));
    let Some((view, placed)) = rng.pick(&views).cloned() else {
        let pools = (0..1 + rng.below(2))
            .map(|i| NewPool {
                name: text(rng),
                side: option(rng, &[Side::Customer, Side::Vendor]),
                lanes: (0..1 + rng.below(2)).map(|_| format!("lane {i}")).collect(),
            })
            .collect();
        return Edit::CreateProcessDiagram { name: text(rng), pools };
    };
    let point = |rng: &mut Rng| -> Point {
        match rng.pick(&placed) {
            Some((_, p)) if rng.chance(85) => Point {
                x: p.x + rng.below(p.width.max(1.0) as usize + 1) as f64,
                y: p.y + rng.below(p.height.max(1.0) as usize + 1) as f64,
            },
            _ => Point { x: rng.below(2000) as f64, y: rng.below(1500) as f64 },
        }
    };
    let nodes: Vec<ElementId> = placed
        .iter()
        .filter(|(e, _)| ws.kind_of(e).is_some_and(|k| !k.is_connector() && k != ElementKind::Lane))
        .map(|(e, _)| e.clone())
        .collect();
    match rng.below(8) {
        0..=2 => {
            let kind = *rng
                .pick(&[
                    ElementKind::Activity,
                    ElementKind::Event,
                    ElementKind::Gateway,
                    ElementKind::DataObject,
                    ElementKind::System,
                    ElementKind::Annotation,
                    ElementKind::Group,
                ])
                .unwrap();
            Edit::AddNode { view, data: random_data(rng, kind), at: point(rng) }
        }
        3 => {
            let mut moves = Vec::new();
            for _ in 0..1 + rng.below(2) {
                if let Some(id) = rng.pick(&nodes).cloned() {
                    let p = point(rng);
                    moves.push(ShapeMove { id, x: p.x, y: p.y });
                }
            }
            Edit::MoveShapes { view, moves }
        }
        4 | 5 => match (rng.pick(&nodes).cloned(), rng.pick(&nodes).cloned()) {
            (Some(from), Some(to)) => Edit::Connect { view, from, to },
            _ => Edit::AddNode { view, data: random_data(rng, ElementKind::Activity), at: point(rng) },
        },
        6 => {
            let pools: Vec<ElementId> =
                nodes.iter().filter(|e| ws.kind_of(e) == Some(ElementKind::Pool)).cloned().collect();
            match rng.pick(&pools) {
                Some(pool) => Edit::AddLane { view, pool: pool.clone(), name: text(rng) },
                None => Edit::AddPool { view, pool: NewPool { name: text(rng), side: None, lanes: vec![text(rng)] } },
            }
        }
        _ => {
            if rng.chance(50) {
                let chosen: Vec<ElementId> = nodes.iter().filter(|_| rng.chance(40)).cloned().collect();
                let clip = crate::process::clip::copy(ws, &view, &chosen);
                Edit::Paste { view, clip, at: point(rng) }
            } else {
                match rng.pick(&nodes) {
                    Some(id) => Edit::ResizeShape {
                        view,
                        id: id.clone(),
                        width: 20.0 + rng.below(300) as f64,
                        height: 20.0 + rng.below(200) as f64,
                    },
                    None => Edit::AddNode { view, data: random_data(rng, ElementKind::Event), at: point(rng) },
                }
            }
        }
    }
}

/// A workspace made by `n` random edits (those refused are skipped): where a property test starts.
pub fn edited_workspace(rng: &mut Rng, ids: &mut IdGen, n: usize) -> Workspace {
    let mut ws = Workspace::new();
    for _ in 0..n {
        let edit = random_edit(&ws, rng);
        let _ = perform(&mut ws, edit, ids);
    }
    ws
}

/// From a workspace of `warmup` random edits (seeded with `seed`), `steps` more, those refused
/// skipped: `each(step, before, after)` gets what `read` makes of the workspace before and after
/// each edit done (`step` names the edit, for a failure's message).
pub fn walk_edits<T, E>(
    seed: u64,
    warmup: usize,
    steps: usize,
    read: impl Fn(&Workspace) -> T,
    mut each: impl FnMut(&str, &T, &T) -> Result<(), E>,
) -> Result<(), E> {
    let mut rng = Rng::new(seed);
    let mut ids = IdGen::sequential();
    let mut ws = edited_workspace(&mut rng, &mut ids, warmup);
    let mut before = read(&ws);
    for i in 0..steps {
        let edit = random_edit(&ws, &mut rng);
        let step = format!("edit {i} {edit:?}");
        if perform(&mut ws, edit, &mut ids).is_err() {
            continue;
        }
        let after = read(&ws);
        each(&step, &before, &after)?;
        before = after;
    }
    Ok(())
}

/// A random user edit for `ws`: what the journey and process editors can send.
pub fn random_edit(ws: &Workspace, rng: &mut Rng) -> Edit {
    if rng.chance(35) {
        return random_process_edit(ws, rng);
    }
    let journeys = ids_of_kind(ws, ElementKind::Journey);
    let card_kinds: Vec<ElementKind> = ElementKind::ALL.iter().copied().filter(|k| k.is_card()).collect();
    match rng.below(11) {
        0 => Edit::CreateJourney { name: text(rng) },
        1 | 2 => match rng.pick(&journeys) {
            Some(j) => Edit::AddStage {
                journey: j.clone(),
                index: if rng.chance(50) { None } else { Some(rng.below(6) as u32) },
                name: text(rng),
            },
            None => Edit::CreateJourney { name: text(rng) },
        },
        3 | 4 => match stage_and_index(ws, rng) {
            Some((stage, _)) if rng.chance(20) => {
                // A paste of one or two cards after some card of the workspace (maybe elsewhere).
                let cards = (0..1 + rng.below(2))
                    .map(|_| {
                        let kind = *rng.pick(&card_kinds).unwrap();
                        crate::edit::CardClip {
                            data: random_data(rng, kind),
                            segments: ids_of_kind(ws, ElementKind::Segment).into_iter().take(rng.below(2)).collect(),
                        }
                    })
                    .collect();
                Edit::PasteCards { stage, after: Some(some_element(ws, rng)), cards }
            }
            Some((stage, index)) => {
                let kind = *rng.pick(&card_kinds).unwrap();
                Edit::AddCard { stage, index: Some(index), data: random_data(rng, kind) }
            }
            None => Edit::CreateJourney { name: text(rng) },
        },
        5 => match stage_and_index(ws, rng) {
            Some((stage, index)) => Edit::MoveStage { stage, index },
            None => Edit::Create { data: random_data(rng, ElementKind::Segment) },
        },
        6 => {
            // Sorted: generation must depend on the workspace's content, not its internal order.
            let mut cards: Vec<Relation> =
                ws.relations().filter(|r| matches!(r.kind, RelationKind::InStage | RelationKind::Measures)).collect();
            cards.sort_by_key(Relation::key);
            match (rng.pick(&cards), stage_and_index(ws, rng)) {
                (Some(r), Some((to, index))) => Edit::MoveCard { card: r.from.clone(), from: r.to.clone(), to, index },
                _ => Edit::Create { data: random_data(rng, ElementKind::Persona) },
            }
        }
        7 => {
            let id = some_element(ws, rng);
            let kind = ws.kind_of(&id).unwrap_or(ElementKind::Segment);
            Edit::Update { id, data: random_data(rng, kind) }
        }
        8 => Edit::Delete { ids: vec![some_element(ws, rng)] },
        9 => {
            let cs = ids_of_kind(ws, ElementKind::CsAction);
            let sp = ids_of_kind(ws, ElementKind::StumblingPoint);
            match (rng.pick(&cs), rng.pick(&sp)) {
                (Some(c), Some(s)) => {
                    let (from, to) = (c.clone(), s.clone());
                    let linked =
                        ws.relation(&RelationKey { kind: RelationKind::Addresses, from: from.clone(), to: to.clone() });
                    if linked.is_some() {
                        Edit::Unlink { kind: RelationKind::Addresses, from, to }
                    } else {
                        Edit::Link { kind: RelationKind::Addresses, from, to }
                    }
                }
                _ => Edit::Create { data: random_data(rng, ElementKind::Metric) },
            }
        }
        _ => {
            let n = 1 + rng.below(3);
            Edit::Batch { edits: (0..n).map(|_| random_edit(ws, rng)).collect() }
        }
    }
}

/// The keys whose content differs between two workspaces: what a correct [`crate::op::Changes`]
/// must include for the store to write the right rows.
pub fn differing_keys(before: &Workspace, after: &Workspace) -> crate::op::Changes {
    use std::collections::BTreeSet;
    let mut changes = crate::op::Changes::default();
    let (b, a) = (before.to_data(), after.to_data());
    let elements = |d: &crate::workspace::WorkspaceData| -> BTreeMap<ElementId, ElementData> {
        d.elements.iter().map(|e| (e.id.clone(), e.data.clone())).collect()
    };
    let (eb, ea) = (elements(&b), elements(&a));
    let ids: BTreeSet<&ElementId> = eb.keys().chain(ea.keys()).collect();
    changes.elements = ids.into_iter().filter(|id| eb.get(*id) != ea.get(*id)).cloned().collect();
    let relations = |d: &crate::workspace::WorkspaceData| -> BTreeMap<RelationKey, Rank> {
        d.relations.iter().map(|r| (r.key(), r.rank.clone())).collect()
    };
    let (rb, ra) = (relations(&b), relations(&a));
    let keys: BTreeSet<&RelationKey> = rb.keys().chain(ra.keys()).collect();
    changes.relations = keys.into_iter().filter(|k| rb.get(*k) != ra.get(*k)).cloned().collect();
    let views = |d: &crate::workspace::WorkspaceData| -> BTreeMap<ViewId, View> {
        d.views.iter().map(|v| (v.id.clone(), v.clone())).collect()
    };
    let (vb, va) = (views(&b), views(&a));
    for id in vb.keys().chain(va.keys()).collect::<BTreeSet<_>>() {
        let (x, y) = (vb.get(id), va.get(id));
        if x.map(|v| (&v.name, &v.kind)) != y.map(|v| (&v.name, &v.kind)) {
            changes.views.insert(id.clone());
        }
        let empty = BTreeMap::new();
        let (px, py) = (x.map_or(&empty, |v| &v.placements), y.map_or(&empty, |v| &v.placements));
        for e in px.keys().chain(py.keys()).collect::<BTreeSet<_>>() {
            if px.get(e) != py.get(e) {
                changes.placements.insert((id.clone(), e.clone()));
            }
        }
    }
    changes
}

/// Whether `changes` names at least every key in `needed`.
pub fn covers(changes: &crate::op::Changes, needed: &crate::op::Changes) -> bool {
    needed.elements.is_subset(&changes.elements)
        && needed.relations.is_subset(&changes.relations)
        && needed.views.is_subset(&changes.views)
        && needed.placements.is_subset(&changes.placements)
}

/// A workspace shaped like real ones, of about `target` elements: journeys of eight stages full of
/// cards, CS actions addressing stumbling points (benchmarks of the store and of derivations).
pub fn generated_workspace(target: usize) -> Workspace {
    let mut ws = Workspace::new();
    let mut ids = IdGen::sequential();
    let kinds: Vec<ElementKind> = ElementKind::ALL.iter().copied().filter(|k| k.is_card()).collect();
    let mut run = |ws: &mut Workspace, edit| perform(ws, edit, &mut ids).expect("generated edits are valid").created;
    let mut j = 0;
    while ws.element_count() < target {
        j += 1;
        let journey = run(&mut ws, Edit::CreateJourney { name: format!("ジャーニー {j}") })[0].clone();
        for s in 0..8 {
            if ws.element_count() >= target {
                break;
            }
            let stage =
                run(&mut ws, Edit::AddStage { journey: journey.clone(), index: None, name: format!("ステージ {s}") })
                    [0]
                .clone();
            let mut stumbles = Vec::new();
            for c in 0..60 {
                if ws.element_count() >= target {
                    break;
                }
                let kind = kinds[c % kinds.len()];
                let text = format!("{}のカード {c}: 顧客の言葉と事実を添えた説明", kind.as_str());
                let data = ElementData::new_with_label(kind, text);
                let id = run(&mut ws, Edit::AddCard { stage: stage.clone(), index: None, data })[0].clone();
                match kind {
                    ElementKind::StumblingPoint => stumbles.push(id),
                    ElementKind::CsAction => {
                        if let Some(sp) = stumbles.last() {
                            run(&mut ws, Edit::Link { kind: RelationKind::Addresses, from: id, to: sp.clone() });
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    ws
}

/// What differs between a diagnosis kept current edit by edit and the full one (`None`: equal): the
/// counts, and the findings (by key) one has and the other lacks.
pub fn diagnosis_difference(kept: &crate::diagnose::Diagnosis, full: &crate::diagnose::Diagnosis) -> Option<String> {
    if kept == full {
        return None;
    }
    let keys = |d: &crate::diagnose::Diagnosis| d.findings.iter().map(|f| f.key()).collect::<Vec<_>>();
    let (k, f) = (keys(kept), keys(full));
    let missing: Vec<&String> = f.iter().filter(|x| !k.contains(x)).collect();
    let extra: Vec<&String> = k.iter().filter(|x| !f.contains(x)).collect();
    Some(format!(
        "kept {} findings, full {}; missing {missing:?}; extra {extra:?}",
        kept.findings.len(),
        full.findings.len()
    ))
}
