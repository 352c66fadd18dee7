//! What the diff reads from kinds: which relations contain, which order, which kinds are lanes of
//! the journey map, and an element's type.

use serde::Serialize;
use serde_json::Value;

use crate::element::ElementData;
use crate::relation::RelationKind;

/// Relations that place an element in a container: a change of container is a move.
pub(super) const CONTAINERS: &[RelationKind] = &[
    RelationKind::InJourney,
    RelationKind::InStage,
    RelationKind::InLane,
    RelationKind::ChildOf,
    RelationKind::PoolIn,
    RelationKind::LaneIn,
    RelationKind::AttachedTo,
];

/// Ordered relations: a change of place among the siblings is a reorder.
pub(super) const ORDERED: &[RelationKind] = &[
    RelationKind::InJourney,
    RelationKind::InStage,
    RelationKind::Measures,
    RelationKind::PoolIn,
    RelationKind::LaneIn,
];

/// Card kinds: each is a lane of the journey map, so a card given another of these kinds moved
/// to another lane.
pub(super) use crate::relation::CARDS_IN_STAGE as CARDS;

/// The JSON keys of an element's properties that say its type (besides its kind).
pub(super) const TYPE_KEYS: &[&str] = &["type", "position"];

/// The type of an element, as a person names it: `activity/userTask`, `event/start/timer`.
pub(super) fn type_of(data: &ElementData) -> String {
    let mut t = data.kind().as_str().to_string();
    if let ElementData::Activity(a) = data {
        t.push('/');
        t.push_str(enum_name(&a.kind).as_str());
    }
    if let ElementData::Gateway(g) = data {
        t.push('/');
        t.push_str(enum_name(&g.kind).as_str());
    }
    if let ElementData::DataObject(d) = data {
        t.push('/');
        t.push_str(enum_name(&d.kind).as_str());
    }
    if let ElementData::Event(e) = data {
        t.push('/');
        t.push_str(enum_name(&e.position).as_str());
        for d in &e.definitions {
            t.push('/');
            t.push_str(enum_name(&d.trigger).as_str());
        }
    }
    t
}

pub(super) fn enum_name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}
