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
    /// A process or collaboration belongs to a process model (one BPMN document).
    InModel,
    /// A pool is part of a collaboration (ordered: top to bottom).
    PoolIn,
    /// A process is what happens inside a pool (BPMN's participant `processRef`).
    ProcessOf,
    /// A lane belongs to a process or, nested, to another lane (ordered: top to bottom).
    LaneIn,
    /// A flow node is done by a lane's role (BPMN's `flowNodeRef`; nested lanes list it at each level).
    InLane,
    /// A flow node, flow or artifact is contained in a process, a sub-process or a collaboration.
    ChildOf,
    /// Where a connector starts.
    Source,
    /// Where a connector ends.
    Target,
    /// A boundary event sits on an activity's border.
    AttachedTo,
    /// A process activity serves a journey stage: the journey and the process are two views of one model.
    Serves,
    /// An element uses a glossary term.
    UsesTerm,
    /// An org function owns a journey stage or a process activity.
    Owns,
    /// A role belongs to an org function (deleting the function deletes its roles).
    RoleIn,
    /// A leading metric drives a lagging one (an outcome of its stage or of a later one).
    Drives,
    /// A gap item concerns an element of the model: where the change happens.
    Concerns,
    /// A quote was said in a conversation (deleting the conversation deletes its quotes).
    QuoteOf,
    /// A quote is evidence for an element of the model.
    Supports,
    /// A quote carries a tag.
    TaggedWith,
    /// A tag sits under another (a hierarchy of tags).
    TagIn,
    /// A sticky note or a vote belongs to a workshop (deleting the workshop deletes them).
    InWorkshop,
    /// A sticky note sits on a stage of a journey map or a lane of a process (none: the parking lot).
    NoteOn,
    /// A sticky note was turned into an element of the model (a card, an activity, a quote).
    Became,
    /// A conversation took place in a workshop (where participants' quotes are kept).
    HeldAt,
    /// A team member holds a role of the org design.
    MemberOf,
    /// An assessment is of a team member (deleting the member deletes their assessments).
    Assesses,
    /// An assessment or a requirement is on a skill (deleting the skill deletes them).
    OnSkill,
    /// A requirement belongs to an org function or a role (deleting it deletes the requirement).
    RequiredBy,
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

/// The card kinds, one per lane of the journey map.
pub(crate) const CARDS_IN_STAGE: &[ElementKind] = &[
    ElementKind::CustomerGoal,
    ElementKind::CustomerAction,
    ElementKind::Touchpoint,
    ElementKind::Emotion,
    ElementKind::StumblingPoint,
    ElementKind::CsAction,
];

const FLOW_NODES_AND_DATA: &[ElementKind] =
    &[ElementKind::Activity, ElementKind::Event, ElementKind::Gateway, ElementKind::DataObject, ElementKind::System];

/// What a process, sub-process or collaboration contains.
const CONTAINED: &[ElementKind] = &[
    ElementKind::Activity,
    ElementKind::Event,
    ElementKind::Gateway,
    ElementKind::DataObject,
    ElementKind::System,
    ElementKind::Annotation,
    ElementKind::Group,
    ElementKind::SequenceFlow,
    ElementKind::MessageFlow,
    ElementKind::Association,
    ElementKind::DataAssociation,
];

const CONNECTORS: &[ElementKind] =
    &[ElementKind::SequenceFlow, ElementKind::MessageFlow, ElementKind::Association, ElementKind::DataAssociation];

/// What a connector may end on; which connector fits which pair is the editor's rule, not the graph's.
const CONNECTABLE: &[ElementKind] = &[
    ElementKind::Activity,
    ElementKind::Event,
    ElementKind::Gateway,
    ElementKind::DataObject,
    ElementKind::System,
    ElementKind::Annotation,
    ElementKind::Group,
    ElementKind::Pool,
    ElementKind::SequenceFlow,
    ElementKind::MessageFlow,
];

/// Everything a glossary term can be used by.
const TERM_USERS: &[ElementKind] = &[
    ElementKind::Journey,
    ElementKind::Stage,
    ElementKind::CustomerGoal,
    ElementKind::CustomerAction,
    ElementKind::Touchpoint,
    ElementKind::Emotion,
    ElementKind::StumblingPoint,
    ElementKind::CsAction,
    ElementKind::Metric,
    ElementKind::Segment,
    ElementKind::Persona,
    ElementKind::Pool,
    ElementKind::Lane,
    ElementKind::Activity,
    ElementKind::Event,
    ElementKind::Gateway,
    ElementKind::DataObject,
    ElementKind::System,
    ElementKind::SequenceFlow,
    ElementKind::MessageFlow,
];

/// What a gap item may concern: anything of the model drawn in a version.
const CONCERNED: &[ElementKind] = &[
    ElementKind::Journey,
    ElementKind::Stage,
    ElementKind::CustomerGoal,
    ElementKind::CustomerAction,
    ElementKind::Touchpoint,
    ElementKind::Emotion,
    ElementKind::StumblingPoint,
    ElementKind::CsAction,
    ElementKind::Metric,
    ElementKind::Segment,
    ElementKind::Persona,
    ElementKind::Pool,
    ElementKind::Lane,
    ElementKind::Activity,
    ElementKind::Event,
    ElementKind::Gateway,
    ElementKind::DataObject,
    ElementKind::System,
    ElementKind::SequenceFlow,
    ElementKind::MessageFlow,
    ElementKind::Term,
    ElementKind::OrgFunction,
    ElementKind::Role,
];

/// What a quote can be evidence for: the model's stages, cards, activities, gap items and more.
const SUPPORTED: &[ElementKind] = &[
    ElementKind::Journey,
    ElementKind::Stage,
    ElementKind::CustomerGoal,
    ElementKind::CustomerAction,
    ElementKind::Touchpoint,
    ElementKind::Emotion,
    ElementKind::StumblingPoint,
    ElementKind::CsAction,
    ElementKind::Metric,
    ElementKind::Segment,
    ElementKind::Persona,
    ElementKind::Activity,
    ElementKind::Event,
    ElementKind::Gateway,
    ElementKind::MessageFlow,
    ElementKind::GapItem,
    ElementKind::HealthModel,
    ElementKind::OrgFunction,
];

/// What a sticky note can be turned into.
pub const BECOMES: &[ElementKind] = &[
    ElementKind::CustomerGoal,
    ElementKind::CustomerAction,
    ElementKind::Touchpoint,
    ElementKind::Emotion,
    ElementKind::StumblingPoint,
    ElementKind::CsAction,
    ElementKind::Activity,
    ElementKind::Quote,
];

impl RelationKind {
    pub const ALL: [RelationKind; 32] = [
        RelationKind::InJourney,
        RelationKind::InStage,
        RelationKind::Measures,
        RelationKind::Addresses,
        RelationKind::IsFor,
        RelationKind::InModel,
        RelationKind::PoolIn,
        RelationKind::ProcessOf,
        RelationKind::LaneIn,
        RelationKind::InLane,
        RelationKind::ChildOf,
        RelationKind::Source,
        RelationKind::Target,
        RelationKind::AttachedTo,
        RelationKind::Serves,
        RelationKind::UsesTerm,
        RelationKind::Owns,
        RelationKind::RoleIn,
        RelationKind::Drives,
        RelationKind::Concerns,
        RelationKind::QuoteOf,
        RelationKind::Supports,
        RelationKind::TaggedWith,
        RelationKind::TagIn,
        RelationKind::InWorkshop,
        RelationKind::NoteOn,
        RelationKind::Became,
        RelationKind::HeldAt,
        RelationKind::MemberOf,
        RelationKind::Assesses,
        RelationKind::OnSkill,
        RelationKind::RequiredBy,
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
            // A journey is for its segments and personas; a touchpoint or CS action drawn for some
            // segments only makes a segment variant of the playbook.
            RelationKind::IsFor => RelationSchema {
                from: &[
                    ElementKind::Journey,
                    ElementKind::Touchpoint,
                    ElementKind::CsAction,
                    ElementKind::Conversation,
                ],
                to: &[ElementKind::Segment, ElementKind::Persona],
                max_from_one: None,
                ordered: false,
                owned_by_target: false,
            },
            RelationKind::InModel => RelationSchema {
                from: &[ElementKind::Process, ElementKind::Collaboration],
                to: &[ElementKind::ProcessModel],
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: true,
            },
            RelationKind::PoolIn => RelationSchema {
                from: &[ElementKind::Pool],
                to: &[ElementKind::Collaboration],
                max_from_one: Some(1),
                ordered: true,
                owned_by_target: true,
            },
            RelationKind::ProcessOf => RelationSchema {
                from: &[ElementKind::Process],
                to: &[ElementKind::Pool],
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: true,
            },
            RelationKind::LaneIn => RelationSchema {
                from: &[ElementKind::Lane],
                to: &[ElementKind::Process, ElementKind::Lane],
                max_from_one: Some(1),
                ordered: true,
                owned_by_target: true,
            },
            RelationKind::InLane => RelationSchema {
                from: FLOW_NODES_AND_DATA,
                to: &[ElementKind::Lane],
                max_from_one: None,
                ordered: false,
                owned_by_target: false,
            },
            RelationKind::ChildOf => RelationSchema {
                from: CONTAINED,
                to: &[ElementKind::Process, ElementKind::Activity, ElementKind::Collaboration],
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: true,
            },
            RelationKind::Source | RelationKind::Target => RelationSchema {
                from: CONNECTORS,
                to: CONNECTABLE,
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: true,
            },
            RelationKind::AttachedTo => RelationSchema {
                from: &[ElementKind::Event],
                to: &[ElementKind::Activity],
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: true,
            },
            RelationKind::Serves => RelationSchema {
                from: &[ElementKind::Activity],
                to: &[ElementKind::Stage],
                max_from_one: None,
                ordered: false,
                owned_by_target: false,
            },
            RelationKind::Owns => RelationSchema {
                from: &[ElementKind::OrgFunction],
                to: &[ElementKind::Stage, ElementKind::Activity, ElementKind::GapItem],
                max_from_one: None,
                ordered: false,
                owned_by_target: false,
            },
            RelationKind::RoleIn => RelationSchema {
                from: &[ElementKind::Role],
                to: &[ElementKind::OrgFunction],
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: true,
            },
            RelationKind::Drives => RelationSchema {
                from: &[ElementKind::Metric],
                to: &[ElementKind::Metric],
                max_from_one: None,
                ordered: false,
                owned_by_target: false,
            },
            RelationKind::Concerns => RelationSchema {
                from: &[ElementKind::GapItem],
                to: CONCERNED,
                max_from_one: None,
                ordered: false,
                owned_by_target: false,
            },
            RelationKind::QuoteOf => RelationSchema {
                from: &[ElementKind::Quote],
                to: &[ElementKind::Conversation],
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: true,
            },
            RelationKind::Supports => RelationSchema {
                from: &[ElementKind::Quote],
                to: SUPPORTED,
                max_from_one: None,
                ordered: false,
                owned_by_target: false,
            },
            RelationKind::TaggedWith => RelationSchema {
                from: &[ElementKind::Quote],
                to: &[ElementKind::Tag],
                max_from_one: None,
                ordered: false,
                owned_by_target: false,
            },
            RelationKind::TagIn => RelationSchema {
                from: &[ElementKind::Tag],
                to: &[ElementKind::Tag],
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: false,
            },
            RelationKind::InWorkshop => RelationSchema {
                from: &[ElementKind::StickyNote, ElementKind::Vote],
                to: &[ElementKind::Workshop],
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: true,
            },
            RelationKind::NoteOn => RelationSchema {
                from: &[ElementKind::StickyNote],
                to: &[ElementKind::Stage, ElementKind::Lane],
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: false,
            },
            RelationKind::Became => RelationSchema {
                from: &[ElementKind::StickyNote],
                to: BECOMES,
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: false,
            },
            RelationKind::HeldAt => RelationSchema {
                from: &[ElementKind::Conversation],
                to: &[ElementKind::Workshop],
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: false,
            },
            RelationKind::MemberOf => RelationSchema {
                from: &[ElementKind::TeamMember],
                to: &[ElementKind::Role],
                max_from_one: None,
                ordered: false,
                owned_by_target: false,
            },
            RelationKind::Assesses => RelationSchema {
                from: &[ElementKind::Assessment],
                to: &[ElementKind::TeamMember],
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: true,
            },
            RelationKind::OnSkill => RelationSchema {
                from: &[ElementKind::Assessment, ElementKind::SkillRequirement],
                to: &[ElementKind::Skill],
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: true,
            },
            RelationKind::RequiredBy => RelationSchema {
                from: &[ElementKind::SkillRequirement],
                to: &[ElementKind::OrgFunction, ElementKind::Role],
                max_from_one: Some(1),
                ordered: false,
                owned_by_target: true,
            },
            RelationKind::UsesTerm => RelationSchema {
                from: TERM_USERS,
                to: &[ElementKind::Term],
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
            RelationKind::InModel => "inModel",
            RelationKind::PoolIn => "poolIn",
            RelationKind::ProcessOf => "processOf",
            RelationKind::LaneIn => "laneIn",
            RelationKind::InLane => "inLane",
            RelationKind::ChildOf => "childOf",
            RelationKind::Source => "source",
            RelationKind::Target => "target",
            RelationKind::AttachedTo => "attachedTo",
            RelationKind::Serves => "serves",
            RelationKind::UsesTerm => "usesTerm",
            RelationKind::Owns => "owns",
            RelationKind::RoleIn => "roleIn",
            RelationKind::Drives => "drives",
            RelationKind::Concerns => "concerns",
            RelationKind::QuoteOf => "quoteOf",
            RelationKind::Supports => "supports",
            RelationKind::TaggedWith => "taggedWith",
            RelationKind::TagIn => "tagIn",
            RelationKind::InWorkshop => "inWorkshop",
            RelationKind::NoteOn => "noteOn",
            RelationKind::Became => "became",
            RelationKind::HeldAt => "heldAt",
            RelationKind::MemberOf => "memberOf",
            RelationKind::Assesses => "assesses",
            RelationKind::OnSkill => "onSkill",
            RelationKind::RequiredBy => "requiredBy",
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
        for &kind in ElementKind::ALL {
            assert_eq!(RelationKind::placing_in_stage(kind).is_some(), kind.is_card(), "{kind:?}");
        }
    }

    #[test]
    fn names_match_json() {
        for kind in RelationKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }

    #[test]
    fn every_connector_kind_can_have_ends_and_every_kind_a_place() {
        for &kind in ElementKind::ALL {
            if kind.is_connector() {
                assert!(RelationKind::Source.schema().from.contains(&kind), "{kind:?}");
            }
            if kind.is_flow_node() {
                assert!(RelationKind::ChildOf.schema().from.contains(&kind), "{kind:?}");
                assert!(RelationKind::InLane.schema().from.contains(&kind), "{kind:?}");
            }
        }
    }
}
