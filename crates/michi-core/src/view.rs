//! Views: the diagrams of a workspace. A view holds no domain facts; it says which elements a diagram
//! shows and where. A journey map derives its layout from the graph (stage order, card kinds), so its
//! view only keeps presentation choices; canvas diagrams keep a placement per element.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::element::ElementKind;
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
}

impl ViewKind {
    /// The element a view is about; removing it requires removing the view first.
    pub fn subject(&self) -> Option<&ElementId> {
        match self {
            ViewKind::JourneyMap { journey, .. } => Some(journey),
        }
    }
}

/// A rectangle in view coordinates.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Placement {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
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
        for kind in ElementKind::ALL {
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
