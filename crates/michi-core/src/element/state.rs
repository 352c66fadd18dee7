//! State snapshots, stored as `stateSnapshot` elements: per activity or stage, the cases present
//! (with when they arrived), how many entered and completed, and how long a visit took. What is
//! derived from them (stuck cases, heat, what moved) is computed when read (`crate::state`).

use serde::{Deserialize, Serialize};

use crate::id::ElementId;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct StateSnapshot {
    pub name: String,
    /// The moment described, seconds since 1970.
    pub as_of: f64,
    /// Where it came from: a file name, or empty for counts typed by hand.
    pub source: String,
    /// Counts typed by hand, not computed from cases.
    pub manual: bool,
    /// Per node: what was there, what arrived and moved on in the snapshot's window (since the
    /// previous snapshot of the same cases, or since the start of the data), what is there now.
    pub entries: Vec<NodeState>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NodeState {
    pub element: ElementId,
    /// Cases already here when the snapshot's window opened (at the previous snapshot).
    #[serde(default)]
    pub carried: u32,
    /// Cases that arrived during the window.
    #[serde(default)]
    pub entered: u32,
    /// Cases that moved on during the window, of those carried or entered: never more than both.
    #[serde(default)]
    pub completed: u32,
    /// The cases here at the snapshot's moment.
    #[serde(default)]
    pub present: Vec<PresentCase>,
    /// A count typed by hand, when the cases are not known one by one.
    #[serde(default)]
    pub present_count: Option<u32>,
    #[serde(default)]
    pub median_hours: Option<f64>,
    #[serde(default)]
    pub p90_hours: Option<f64>,
}

impl NodeState {
    /// A state with nothing in it yet.
    pub fn empty(element: ElementId) -> NodeState {
        NodeState {
            element,
            carried: 0,
            entered: 0,
            completed: 0,
            present: Vec::new(),
            present_count: None,
            median_hours: None,
            p90_hours: None,
        }
    }
}

impl NodeState {
    pub fn present_total(&self) -> u32 {
        self.present_count.unwrap_or(self.present.len() as u32)
    }

    /// The cases that were here at some time in the window: carried over or entered.
    pub fn reached(&self) -> u32 {
        self.carried + self.entered
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PresentCase {
    pub case: String,
    #[serde(default)]
    pub account: Option<String>,
    /// When it arrived, seconds since 1970.
    pub since: f64,
}
