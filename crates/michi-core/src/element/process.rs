//! Process kinds: the structure of a business process (pools, lanes, activities, events, decisions,
//! hand-offs, systems, data) in BPMN 2.0's vocabulary, so that models travel to and from other tools.
//!
//! Connecting objects (sequence flows, message flows, associations) are elements, not relations:
//! they have ids, names and routes of their own, and two may join the same pair of elements. Their
//! ends are the relations `source` and `target`.
//!
//! Each kind born in BPMN carries a [`Foreign`]: what an imported file said about the element that
//! Michi does not model (vendor extensions, execution attributes), written back on export.

use serde::{Deserialize, Serialize};

/// What interchange keeps of an element without modelling it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Foreign {
    /// Attributes Michi does not model, in document order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attrs: Vec<ForeignAttr>,
    /// Child elements Michi does not model, each a self-contained XML fragment (it declares the
    /// namespaces it uses), in document order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<String>,
}

impl Foreign {
    pub fn is_empty(&self) -> bool {
        self.attrs.is_empty() && self.children.is_empty()
    }

    /// The value of an unmodelled attribute without namespace (e.g. `calledElement`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| a.ns.is_none() && a.name == name).map(|a| a.value.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ForeignAttr {
    /// Namespace URI; `None` for the unqualified attributes of BPMN elements.
    pub ns: Option<String>,
    /// The prefix the file used for `ns`, kept as the preferred one on export.
    pub prefix: Option<String>,
    pub name: String,
    pub value: String,
}

/// One BPMN document's worth of processes and diagrams (a `definitions` element).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct ProcessModel {
    pub name: String,
    pub target_namespace: String,
    pub foreign: Foreign,
}

/// The pools of a model and the hand-offs between them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Collaboration {
    pub name: String,
    pub foreign: Foreign,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Process {
    pub name: String,
    /// The id of the lane set holding the process's lanes, kept for interchange.
    pub lane_set_id: Option<String>,
    pub foreign: Foreign,
}

/// A participant: one side of the process (the customer's organisation, the vendor's).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Pool {
    pub name: String,
    pub side: Option<Side>,
    pub foreign: Foreign,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Side {
    Customer,
    Vendor,
    Partner,
}

/// A role inside a pool (営業, CS, 顧客の現場担当…). Activities in it are done by that role.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct ProcessLane {
    pub name: String,
    /// The id of the lane set holding this lane's nested lanes, kept for interchange.
    pub child_lane_set_id: Option<String>,
    pub foreign: Foreign,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Activity {
    pub name: String,
    /// Written `type` in JSON: `kind` is the element's own tag.
    #[serde(rename = "type")]
    pub kind: ActivityKind,
    /// A case still here after this many days is stuck (state layer).
    pub stuck_after_days: Option<f64>,
    pub foreign: Foreign,
}

/// The BPMN activity types, kept for interchange; the editor draws them all as activities.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ActivityKind {
    #[default]
    Task,
    UserTask,
    ServiceTask,
    ManualTask,
    ScriptTask,
    SendTask,
    ReceiveTask,
    BusinessRuleTask,
    SubProcess,
    CallActivity,
    Transaction,
    AdHocSubProcess,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 12] = [
        ActivityKind::Task,
        ActivityKind::UserTask,
        ActivityKind::ServiceTask,
        ActivityKind::ManualTask,
        ActivityKind::ScriptTask,
        ActivityKind::SendTask,
        ActivityKind::ReceiveTask,
        ActivityKind::BusinessRuleTask,
        ActivityKind::SubProcess,
        ActivityKind::CallActivity,
        ActivityKind::Transaction,
        ActivityKind::AdHocSubProcess,
    ];

    /// Whether the activity contains other elements (and may have a diagram of its own).
    pub fn is_container(self) -> bool {
        matches!(self, ActivityKind::SubProcess | ActivityKind::Transaction | ActivityKind::AdHocSubProcess)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Event {
    pub name: String,
    pub position: EventPosition,
    pub definitions: Vec<EventDefinition>,
    /// A boundary event cancels the activity (or a start event interrupts), as BPMN's default.
    pub interrupting: bool,
    pub foreign: Foreign,
}

impl Default for Event {
    fn default() -> Self {
        Event {
            name: String::new(),
            position: EventPosition::default(),
            definitions: Vec::new(),
            interrupting: true,
            foreign: Foreign::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum EventPosition {
    #[default]
    Start,
    End,
    IntermediateCatch,
    IntermediateThrow,
    Boundary,
}

/// What triggers or results from an event. `raw` keeps an imported definition exactly (its id,
/// its timer expression…); a definition made in Michi has none and is written fresh.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EventDefinition {
    pub trigger: Trigger,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Trigger {
    Message,
    Timer,
    Conditional,
    Signal,
    Error,
    Escalation,
    Compensation,
    Link,
    Terminate,
    Cancel,
}

impl Trigger {
    pub const ALL: [Trigger; 10] = [
        Trigger::Message,
        Trigger::Timer,
        Trigger::Conditional,
        Trigger::Signal,
        Trigger::Error,
        Trigger::Escalation,
        Trigger::Compensation,
        Trigger::Link,
        Trigger::Terminate,
        Trigger::Cancel,
    ];
}

/// A decision (exclusive), or a parallel split or join.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Gateway {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: GatewayKind,
    pub foreign: Foreign,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum GatewayKind {
    #[default]
    Exclusive,
    Parallel,
    Inclusive,
    EventBased,
    Complex,
}

/// A document or record the process reads or writes (a data object), or a store of them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct DataObject {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: DataKind,
    pub foreign: Foreign,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum DataKind {
    #[default]
    Object,
    Store,
}

/// An IT system a role uses (CRM, 基幹システム, Excel). BPMN has no such element: export writes a
/// data store reference marked as a system.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct System {
    pub name: String,
    pub description: String,
    pub foreign: Foreign,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Annotation {
    pub text: String,
    pub foreign: Foreign,
}

/// A visual grouping of elements.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Group {
    pub name: String,
    pub foreign: Foreign,
}

/// The order of work inside one pool. Its name labels a decision's outcome.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct SequenceFlow {
    pub name: String,
    pub foreign: Foreign,
}

/// A hand-off between pools.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct MessageFlow {
    pub name: String,
    pub foreign: Foreign,
}

/// Links an annotation (or a group) to what it comments on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Association {
    pub direction: AssociationDirection,
    pub foreign: Foreign,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum AssociationDirection {
    #[default]
    None,
    One,
    Both,
}

/// Data read by an activity (input: data → activity) or written by it (output: activity → data).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct DataAssociation {
    pub foreign: Foreign,
}
