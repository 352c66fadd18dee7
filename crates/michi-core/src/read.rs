//! Read models: the shapes the UI renders, computed from the graph. The UI never orders, groups or
//! joins the graph itself; it draws what these functions return.

use serde::Serialize;

use crate::element::{Element, ElementData, ElementKind, Emotion};
use crate::id::{ElementId, ViewId};
use crate::look::{self, EmotionPoint, LaneLook};
use crate::relation::RelationKind;
use crate::text::Text;
use crate::view::{Lane, Point, ViewKind};
use crate::workspace::Workspace;

/// A workspace at a glance: its journeys and the shared elements journeys refer to.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Outline {
    pub journeys: Vec<JourneySummary>,
    pub segments: Vec<Element>,
    pub personas: Vec<Element>,
    /// Process diagrams of collaborations and processes, by name.
    pub diagrams: Vec<DiagramSummary>,
    /// Glossary terms, by term.
    pub terms: Vec<Element>,
    /// State snapshots, oldest first.
    pub snapshots: Vec<SnapshotSummary>,
    pub element_count: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DiagramSummary {
    pub view: ViewId,
    pub name: String,
    /// The process model (BPMN file) the diagram belongs to: what is exported.
    pub model: Option<ElementId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SnapshotSummary {
    pub id: ElementId,
    pub name: String,
    /// Seconds since 1970.
    pub as_of: f64,
    pub source: String,
    pub manual: bool,
    /// The elements it has counts for.
    pub elements: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JourneySummary {
    pub id: ElementId,
    pub name: String,
    pub stage_count: u32,
    /// Its stages in order (for linking an activity to the stage it serves).
    pub stages: Vec<StageRef>,
    /// The journey-map view that draws it.
    pub view: Option<ViewId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StageRef {
    pub id: ElementId,
    pub name: String,
}

/// One journey map, ready to draw: stages in order, each with its cards lane by lane.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JourneyMap {
    pub journey: Element,
    pub view: ViewId,
    /// Segments and personas the journey is drawn for.
    pub is_for: Vec<ElementId>,
    /// All lanes in display order, with whether the view hides them.
    pub lanes: Vec<LaneState>,
    pub stages: Vec<StageColumn>,
    /// The emotion curve: one point per emotion card, as the canvas and the exported picture draw it.
    pub emotion: EmotionCurve,
}

/// The emotion curve of a journey map (see [`crate::look`] for its units).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EmotionCurve {
    pub points: Vec<EmotionPoint>,
    /// SVG path data through the points, in the points' units.
    pub path: String,
    /// Where each score's line runs across the band (its `y`), from +2 down to −2.
    pub levels: Vec<EmotionLevel>,
}

/// A score's line across the emotion band.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EmotionLevel {
    pub score: i8,
    pub y: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LaneState {
    pub lane: Lane,
    pub hidden: bool,
    /// Its name and colour (the canvas and the exported picture use the same).
    pub look: LaneLook,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StageColumn {
    pub stage: Element,
    /// One cell per lane, in the order of [`Lane::ALL`].
    pub cells: Vec<LaneCell>,
    /// The time-to-value target as the header shows it ("TTV 45日"), if the stage has one.
    pub ttv: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LaneCell {
    pub lane: Lane,
    pub cards: Vec<CardView>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CardView {
    pub element: Element,
    /// For a CS action: the stumbling points it addresses. For a stumbling point: the CS actions
    /// addressing it. For a metric: the metrics it drives.
    pub links: Vec<ElementId>,
    /// For a metric: the other stages it measures.
    pub also_in: Vec<ElementId>,
    /// For a touchpoint or CS action: the segments it is drawn for (none: everyone).
    pub segments: Vec<ElementId>,
    /// For a touchpoint: whom it reaches each time, as set or as its touch and channel imply.
    pub reach: Option<crate::element::Reach>,
}

fn sort_by_label(elements: &mut [Element]) {
    elements.sort_by(|a, b| (a.data.label(), &a.id).cmp(&(b.data.label(), &b.id)));
}

pub fn outline(ws: &Workspace) -> Outline {
    let mut journeys: Vec<JourneySummary> = ws
        .elements_of_kind(ElementKind::Journey)
        .map(|j| JourneySummary {
            id: j.id.clone(),
            name: j.data.label().to_string(),
            stage_count: ws.incoming(&j.id, RelationKind::InJourney).len() as u32,
            stages: ws
                .ordered_members(&j.id, RelationKind::InJourney)
                .into_iter()
                .map(|s| StageRef { name: ws.data(&s).map(|d| d.label().to_string()).unwrap_or_default(), id: s })
                .collect(),
            view: ws.views_about(&j.id).first().map(|v| v.id.clone()),
        })
        .collect();
    journeys.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    let mut segments: Vec<Element> = ws.elements_of_kind(ElementKind::Segment).cloned().collect();
    let mut personas: Vec<Element> = ws.elements_of_kind(ElementKind::Persona).cloned().collect();
    sort_by_label(&mut segments);
    sort_by_label(&mut personas);
    let diagrams = crate::process::read::top_diagrams(ws)
        .into_iter()
        .map(|d| {
            let model = match ws.view(&d.view).map(|v| &v.kind) {
                Some(ViewKind::Process { root, .. }) => ws.container(root, RelationKind::InModel),
                _ => None,
            };
            DiagramSummary { view: d.view, name: d.name, model }
        })
        .collect();
    let mut terms: Vec<Element> = ws.elements_of_kind(ElementKind::Term).cloned().collect();
    sort_by_label(&mut terms);
    let mut snapshots: Vec<SnapshotSummary> = ws
        .elements_of_kind(ElementKind::StateSnapshot)
        .filter_map(|e| match &e.data {
            ElementData::StateSnapshot(s) => Some(SnapshotSummary {
                id: e.id.clone(),
                name: s.name.clone(),
                as_of: s.as_of,
                source: s.source.clone(),
                manual: s.manual,
                elements: s.entries.len() as u32,
            }),
            _ => None,
        })
        .collect();
    snapshots.sort_by(|a, b| a.as_of.total_cmp(&b.as_of).then_with(|| a.id.cmp(&b.id)));
    Outline { journeys, segments, personas, diagrams, terms, snapshots, element_count: ws.element_count() as u32 }
}

/// The journey map drawn by `view`, or `None` if there is no such journey-map view.
pub fn journey_map(ws: &Workspace, view: &ViewId) -> Option<JourneyMap> {
    let v = ws.view(view)?;
    let ViewKind::JourneyMap { journey, hidden_lanes } = &v.kind else { return None };
    let journey = ws.element(journey)?.clone();
    let lanes = Lane::ALL
        .iter()
        .map(|&lane| LaneState { lane, hidden: hidden_lanes.contains(&lane), look: look::lane(lane) })
        .collect();
    let stages: Vec<StageColumn> = ws
        .ordered_members(&journey.id, RelationKind::InJourney)
        .into_iter()
        .filter_map(|id| ws.element(&id).cloned())
        .map(|stage| stage_column(ws, stage))
        .collect();
    let is_for = ws.outgoing(&journey.id, RelationKind::IsFor).into_iter().map(|r| r.to).collect();
    let emotion = emotion_curve(&stages);
    Some(JourneyMap { journey, view: view.clone(), is_for, lanes, stages, emotion })
}

fn emotion_curve(stages: &[StageColumn]) -> EmotionCurve {
    let mut points = Vec::new();
    for (column, s) in stages.iter().enumerate() {
        let cards = s.cells.iter().find(|c| c.lane == Lane::Emotion).map(|c| c.cards.as_slice()).unwrap_or(&[]);
        for (i, card) in cards.iter().enumerate() {
            let ElementData::Emotion(e) = &card.element.data else { continue };
            points.push(EmotionPoint {
                card: card.element.id.clone(),
                stage: s.stage.id.clone(),
                score: e.score,
                text: e.text.clone(),
                x: look::emotion_x(column, i, cards.len()),
                y: look::emotion_y(e.score),
                colour: look::emotion_colour(e.score).into(),
            });
        }
    }
    let path = look::emotion_curve(&points.iter().map(|p| Point { x: p.x, y: p.y }).collect::<Vec<_>>());
    let levels = (Emotion::MIN_SCORE..=Emotion::MAX_SCORE)
        .rev()
        .map(|score| EmotionLevel { score, y: look::emotion_y(score) })
        .collect();
    EmotionCurve { points, path, levels }
}

fn stage_column(ws: &Workspace, stage: Element) -> StageColumn {
    let mut cells: Vec<LaneCell> = Lane::ALL.iter().map(|&lane| LaneCell { lane, cards: Vec::new() }).collect();
    for rel in [RelationKind::InStage, RelationKind::Measures] {
        for card in ws.ordered_members(&stage.id, rel) {
            let Some(element) = ws.element(&card).cloned() else { continue };
            let Some(lane) = Lane::of_kind(element.data.kind()) else { continue };
            let links = match &element.data {
                ElementData::CsAction(_) => {
                    ws.outgoing(&card, RelationKind::Addresses).into_iter().map(|r| r.to).collect()
                }
                ElementData::StumblingPoint(_) => {
                    ws.incoming(&card, RelationKind::Addresses).into_iter().map(|r| r.from).collect()
                }
                ElementData::Metric(_) => ws.outgoing(&card, RelationKind::Drives).into_iter().map(|r| r.to).collect(),
                _ => Vec::new(),
            };
            let also_in = if rel == RelationKind::Measures {
                ws.outgoing(&card, rel).into_iter().map(|r| r.to).filter(|s| *s != stage.id).collect()
            } else {
                Vec::new()
            };
            let segments = ws.segments_of(&card);
            let reach = match &element.data {
                ElementData::Touchpoint(t) => Some(t.reach()),
                _ => None,
            };
            let cell = cells.iter_mut().find(|c| c.lane == lane).expect("every lane has a cell");
            cell.cards.push(CardView { element, links, also_in, segments, reach });
        }
    }
    let ttv = match &stage.data {
        ElementData::Stage(s) => s.ttv_target_days.map(look::ttv),
        _ => None,
    };
    StageColumn { stage, cells, ttv }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Edit, perform};
    use crate::id::IdGen;

    #[test]
    fn journey_map_groups_cards_by_lane_in_rank_order() {
        let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
        let j = perform(&mut ws, Edit::CreateJourney { name: "導入".into() }, &mut ids).unwrap().created[0].clone();
        let s = perform(&mut ws, Edit::AddStage { journey: j.clone(), index: None, name: "開始".into() }, &mut ids)
            .unwrap()
            .created[0]
            .clone();
        for (kind, text, index) in [
            (ElementKind::CustomerAction, "second", None),
            (ElementKind::Touchpoint, "tp", None),
            (ElementKind::CustomerAction, "first", Some(0)),
            (ElementKind::Metric, "m", None),
        ] {
            let data = ElementData::new_with_label(kind, text);
            perform(&mut ws, Edit::AddCard { stage: s.clone(), index, data }, &mut ids).unwrap();
        }
        let view = ws.views_about(&j)[0].id.clone();
        let map = journey_map(&ws, &view).unwrap();
        assert_eq!(map.stages.len(), 1);
        let labels = |lane: Lane| -> Vec<String> {
            map.stages[0]
                .cells
                .iter()
                .find(|c| c.lane == lane)
                .unwrap()
                .cards
                .iter()
                .map(|c| c.element.data.label().to_string())
                .collect()
        };
        assert_eq!(labels(Lane::CustomerAction), ["first", "second"]);
        assert_eq!(labels(Lane::Touchpoint), ["tp"]);
        assert_eq!(labels(Lane::Metric), ["m"]);
        assert!(labels(Lane::Emotion).is_empty());
        let outline = outline(&ws);
        assert_eq!(outline.journeys[0].stage_count, 1);
        assert_eq!(outline.journeys[0].view.as_ref(), Some(&view));
    }
}
