//! BPMN element names and Michi's kinds, both ways.

use michi_core::element::{ActivityKind, EventPosition, GatewayKind, Trigger};

pub const ACTIVITIES: &[(&str, ActivityKind)] = &[
    ("task", ActivityKind::Task),
    ("userTask", ActivityKind::UserTask),
    ("serviceTask", ActivityKind::ServiceTask),
    ("manualTask", ActivityKind::ManualTask),
    ("scriptTask", ActivityKind::ScriptTask),
    ("sendTask", ActivityKind::SendTask),
    ("receiveTask", ActivityKind::ReceiveTask),
    ("businessRuleTask", ActivityKind::BusinessRuleTask),
    ("subProcess", ActivityKind::SubProcess),
    ("callActivity", ActivityKind::CallActivity),
    ("transaction", ActivityKind::Transaction),
    ("adHocSubProcess", ActivityKind::AdHocSubProcess),
];

pub const EVENTS: &[(&str, EventPosition)] = &[
    ("startEvent", EventPosition::Start),
    ("endEvent", EventPosition::End),
    ("intermediateCatchEvent", EventPosition::IntermediateCatch),
    ("intermediateThrowEvent", EventPosition::IntermediateThrow),
    ("boundaryEvent", EventPosition::Boundary),
];

pub const GATEWAYS: &[(&str, GatewayKind)] = &[
    ("exclusiveGateway", GatewayKind::Exclusive),
    ("parallelGateway", GatewayKind::Parallel),
    ("inclusiveGateway", GatewayKind::Inclusive),
    ("eventBasedGateway", GatewayKind::EventBased),
    ("complexGateway", GatewayKind::Complex),
];

pub const TRIGGERS: &[(&str, Trigger)] = &[
    ("messageEventDefinition", Trigger::Message),
    ("timerEventDefinition", Trigger::Timer),
    ("conditionalEventDefinition", Trigger::Conditional),
    ("signalEventDefinition", Trigger::Signal),
    ("errorEventDefinition", Trigger::Error),
    ("escalationEventDefinition", Trigger::Escalation),
    ("compensateEventDefinition", Trigger::Compensation),
    ("linkEventDefinition", Trigger::Link),
    ("terminateEventDefinition", Trigger::Terminate),
    ("cancelEventDefinition", Trigger::Cancel),
];

pub fn find<T: Copy>(table: &[(&str, T)], name: &str) -> Option<T> {
    table.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

pub fn name_of<T: Copy + PartialEq>(table: &[(&'static str, T)], value: T) -> &'static str {
    table.iter().find(|(_, v)| *v == value).map(|(n, _)| *n).expect("every value has a name")
}

/// BPMN children that come before `incoming`/`outgoing` in a flow node's content model; the
/// others come after. Export keeps that order so that strict validators accept the file.
pub const LEADING_CHILDREN: &[&str] =
    &["documentation", "extensionElements", "auditing", "monitoring", "categoryValueRef"];
