//! The XML namespaces of BPMN 2.0 files, and Michi's own.

/// The BPMN 2.0 model namespace.
pub const BPMN_NS: &str = "http://www.omg.org/spec/BPMN/20100524/MODEL";
pub const BPMNDI_NS: &str = "http://www.omg.org/spec/BPMN/20100524/DI";
pub const DC_NS: &str = "http://www.omg.org/spec/DD/20100524/DC";
pub const DI_NS: &str = "http://www.omg.org/spec/DD/20100524/DI";
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// Michi's own extension attributes (a pool's side, a system).
pub const MICHI_NS: &str = "https://michi.app/schema/bpmn/1";
