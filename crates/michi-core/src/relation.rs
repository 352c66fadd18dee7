//! Typed relations between elements, and the schema that says which kinds each one may connect.
//!
//! A relation is identified by `(kind, from, to)`: two elements are related by a kind at most once.
//! Ordered kinds carry a [`Rank`] that orders the relations arriving at the same `to` element
//! (the stages of one journey, the cards of one stage).

use serde::{Deserialize, Serialize};

use crate::element::ElementKind;
use crate::id::ElementId;
use crate::rank::Rank;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum RelationKind {
    /// A stage belongs to a journey (ordered: the journey's stage order).
    InJourney,
    /// A card (goal, action, touchpoint, emotion, stumbling point, CS action) sits in a stage (ordered).
    InStage,
    /// A metric measures a stage (ordered among the stage's metrics).
    Measures,
    /// A CS action addresses a stumbling point.
    Addresses,
    /// A journey is drawn for a segment or a persona.
    IsFor,
}

/// What a relation kind allows.
pub struct RelationSchema {
    pub from: &'static [ElementKind],
    pub to: &'static [ElementKind],
    /// At most this many relations of the kind may leave one element (a card is in one stage).
    pub max_from_one: Option<usize>,
    /// Relations of this kind arriving at the same element are ordered by rank.
    pub ordered: bool,
    /// Removing the `to` element removes the `from` element too, when this is its only relation of
    /// the kind: a stage's cards go with the stage, a journey's stages with the journey.
    pub owned_by_target: bool,
}

const CARDS_IN_STAGE: &[ElementKind] = &[
    ElementKind::CustomerGoal,
    ElementKind::CustomerAction,
    ElementKind::Touchpoint,
    ElementKind::Emotion,
    ElementKind::StumblingPoint,
    ElementKind::CsAction,
];

impl RelationKind {
    pub const ALL: [RelationKind; 5] = [
        RelationKind::InJourney,
        RelationKind::InStage,
        RelationKind::Measures,
        RelationKind::Addresses,
        RelationKind::IsFor,
    ];

    pub fn schema(self) -> RelationSchema {
        match self {
            RelationKind::InJourney => RelationSchema {
                from: &[ElementKind::Stage],
                to: &[ElementKind::Journey],
                max_from_one: Some(1),
                ordered: true,
                owned_by_target: true,
            },
            RelationKind::InStage => RelationSchema {
                from: CARDS_IN_STAGE,
                to: &[ElementKind::Stage],
                max_from_one: Some(1),
                ordered: true,
                owned_by_target: true,
            },
            RelationKind::Measures => RelationSchema {
                from: &[ElementKind::Metric],
                to: &[ElementKind::Stage],
                max_from_one: None,
                ordered: true,
                owned_by_target: true,
            },
            RelationKind::Addresses => RelationSchema {
                from: &[ElementKind::CsAction],
                to: &[ElementKind::StumblingPoint],
                max_from_one: None,
                ordered: false,
                owned_by_target: false,
            },
            RelationKind::IsFor => RelationSchema {
                from: &[ElementKind::Journey],
                to: &[ElementKind::Segment, ElementKind::Persona],
                max_from_one: None,
                ordered: false,
                owned_by_target: false,
            },
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::InJourney => "inJourney",
            RelationKind::InStage => "inStage",
            RelationKind::Measures => "measures",
            RelationKind::Addresses => "addresses",
            RelationKind::IsFor => "isFor",
        }
    }

    /// The relation kind that places a card of `kind` in a stage, if it is a card kind.
    pub fn placing_in_stage(kind: ElementKind) -> Option<RelationKind> {
        if kind == ElementKind::Metric {
            Some(RelationKind::Measures)
        } else if CARDS_IN_STAGE.contains(&kind) {
            Some(RelationKind::InStage)
        } else {
            None
        }
    }
}

/// The identity of a relation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RelationKey {
    pub kind: RelationKind,
    pub from: ElementId,
    pub to: ElementId,
}

/// A relation between two elements, with its order key (empty for unordered kinds).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Relation {
    pub kind: RelationKind,
    pub from: ElementId,
    pub to: ElementId,
    #[serde(default)]
    pub rank: Rank,
}

impl Relation {
    pub fn key(&self) -> RelationKey {
        RelationKey { kind: self.kind, from: self.from.clone(), to: self.to.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_card_kind_has_a_way_into_a_stage() {
        for kind in ElementKind::ALL {
            assert_eq!(RelationKind::placing_in_stage(kind).is_some(), kind.is_card(), "{kind:?}");
        }
    }

    #[test]
    fn names_match_json() {
        for kind in RelationKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }
}
