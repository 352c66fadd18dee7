//! Views: the diagrams of a workspace. A view holds no domain facts; it says which elements a diagram
//! shows and where. A journey map derives its layout from the graph (stage order, card kinds), so its
//! view only keeps presentation choices; canvas diagrams keep a placement per element.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::element::{ElementKind, Foreign};
use crate::id::{ElementId, ViewId};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct View {
    pub id: ViewId,
    pub name: String,
    pub kind: ViewKind,
    /// Where each shown element sits, for views laid out by hand.
    #[serde(default)]
    pub placements: BTreeMap<ElementId, Placement>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ViewKind {
    /// A journey map: the journey's stages as columns and the card lanes as rows.
    #[serde(rename_all = "camelCase")]
    JourneyMap {
        journey: ElementId,
        #[serde(default)]
        hidden_lanes: Vec<Lane>,
    },
    /// A process diagram of a collaboration (its pools), a process, or a sub-process's inside.
    #[serde(rename_all = "camelCase")]
    Process {
        root: ElementId,
        #[serde(default)]
        interchange: DiagramInterchange,
    },
}

/// What a BPMN diagram element said that Michi keeps for export only.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct DiagramInterchange {
    /// Ids of the `BPMNDiagram` and `BPMNPlane` elements.
    pub diagram_id: Option<String>,
    pub plane_id: Option<String>,
    /// Unmodelled attributes and children of the diagram (label styles).
    pub foreign: Foreign,
    /// Unmodelled attributes and children of its plane (shapes of elements Michi does not map).
    pub plane: Foreign,
}

impl ViewKind {
    /// The element a view is about; removing it requires removing the view first.
    pub fn subject(&self) -> Option<&ElementId> {
        match self {
            ViewKind::JourneyMap { journey, .. } => Some(journey),
            ViewKind::Process { root, .. } => Some(root),
        }
    }
}

/// Where an element sits in a view: its bounds, and for a connector its route.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Box<PlacementExtra>>,
}

/// The less common parts of a placement, kept apart so that a plain box stays small.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct PlacementExtra {
    /// A connector's route, from its source to its target.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waypoints: Vec<Point>,
    /// Where the label is drawn, when the diagram says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Bounds>,
    /// The label style the diagram gives the label (BPMN `BPMNLabel@labelStyle`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_style: Option<String>,
    /// The label's other attributes (its id…) and children, kept for interchange.
    #[serde(skip_serializing_if = "Foreign::is_empty")]
    pub label_foreign: Foreign,
    /// A sub-process drawn open (BPMN `isExpanded`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expanded: Option<bool>,
    /// A pool or lane laid out left to right (BPMN `isHorizontal`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub horizontal: Option<bool>,
    /// An exclusive gateway drawn with its X (BPMN `isMarkerVisible`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker_visible: Option<bool>,
    /// The id of the diagram element in an imported file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub di_id: Option<String>,
    /// Unmodelled attributes and children of the diagram element (colours, label styles).
    #[serde(skip_serializing_if = "Foreign::is_empty")]
    pub foreign: Foreign,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Bounds {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Placement {
    pub fn rect(x: f64, y: f64, width: f64, height: f64) -> Placement {
        Placement { x, y, width, height, extra: None }
    }

    /// Moves the shape or connector by (`dx`, `dy`), with its waypoints and label.
    pub fn translate(&mut self, dx: f64, dy: f64) {
        self.x += dx;
        self.y += dy;
        if let Some(extra) = self.extra.as_mut() {
            for w in &mut extra.waypoints {
                w.x += dx;
                w.y += dy;
            }
            if let Some(label) = extra.label.as_mut() {
                label.x += dx;
                label.y += dy;
            }
        }
    }

    pub fn extra(&self) -> Option<&PlacementExtra> {
        self.extra.as_deref()
    }

    pub fn waypoints(&self) -> &[Point] {
        self.extra().map_or(&[], |e| &e.waypoints)
    }

    pub fn extra_mut(&mut self) -> &mut PlacementExtra {
        self.extra.get_or_insert_with(Default::default)
    }
}

/// The rows of a journey map, top to bottom. Each lane shows the cards of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Lane {
    CustomerGoal,
    CustomerAction,
    Touchpoint,
    Emotion,
    StumblingPoint,
    CsAction,
    Metric,
}

impl Lane {
    pub const ALL: [Lane; 7] = [
        Lane::CustomerGoal,
        Lane::CustomerAction,
        Lane::Touchpoint,
        Lane::Emotion,
        Lane::StumblingPoint,
        Lane::CsAction,
        Lane::Metric,
    ];

    pub fn card_kind(self) -> ElementKind {
        match self {
            Lane::CustomerGoal => ElementKind::CustomerGoal,
            Lane::CustomerAction => ElementKind::CustomerAction,
            Lane::Touchpoint => ElementKind::Touchpoint,
            Lane::Emotion => ElementKind::Emotion,
            Lane::StumblingPoint => ElementKind::StumblingPoint,
            Lane::CsAction => ElementKind::CsAction,
            Lane::Metric => ElementKind::Metric,
        }
    }

    pub fn of_kind(kind: ElementKind) -> Option<Lane> {
        Lane::ALL.into_iter().find(|lane| lane.card_kind() == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_cover_exactly_the_card_kinds() {
        for &kind in ElementKind::ALL {
            assert_eq!(Lane::of_kind(kind).is_some(), kind.is_card(), "{kind:?}");
        }
    }

    #[test]
    fn view_json_shape() {
        let view = View {
            id: ViewId::new("view-1").unwrap(),
            name: "導入ジャーニー".into(),
            kind: ViewKind::JourneyMap { journey: ElementId::new("journey-1").unwrap(), hidden_lanes: vec![] },
            placements: BTreeMap::new(),
        };
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["kind"]["type"], "journeyMap");
        assert_eq!(json["kind"]["journey"], "journey-1");
        assert_eq!(serde_json::from_value::<View>(json).unwrap(), view);
    }
}
