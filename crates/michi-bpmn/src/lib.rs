//! BPMN 2.0 XML interchange: import a file into a workspace, export a process model back to a file.
//!
//! Import maps what Michi models (pools, lanes, activities, events, gateways, data, artifacts, flows,
//! diagrams) to elements, relations and views, and keeps everything else (vendor extensions,
//! execution details, elements Michi does not model) as [`michi_core::element::Foreign`] records
//! on the element they belong to, so that export writes them back. No IO here: bytes in, an
//! operation out; a workspace in, text out.
//!
//! Safety: DTDs are refused (no entity expansion), input size and node count are capped, and
//! malformed input is an error with a position, never a panic.

mod decode;
mod error;
mod export;
mod import;
mod names;
mod xml;

pub use decode::decode;
pub use error::BpmnError;
pub use export::export;
pub use import::{Imported, Limits, import};

/// The BPMN 2.0 model namespace.
pub const BPMN_NS: &str = "http://www.omg.org/spec/BPMN/20100524/MODEL";
pub const BPMNDI_NS: &str = "http://www.omg.org/spec/BPMN/20100524/DI";
pub const DC_NS: &str = "http://www.omg.org/spec/DD/20100524/DC";
pub const DI_NS: &str = "http://www.omg.org/spec/DD/20100524/DI";
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// Michi's own extension attributes (a pool's side, a system).
pub const MICHI_NS: &str = "https://michi.app/schema/bpmn/1";
