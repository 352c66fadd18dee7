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
mod ns;
mod xml;

pub use decode::decode;
pub use error::BpmnError;
pub use export::export;
pub use import::{Imported, Limits, import};
pub use ns::{BPMN_NS, BPMNDI_NS, DC_NS, DI_NS, MICHI_NS, XSI_NS};
