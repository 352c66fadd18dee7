//! What the method derives from the model (domain.md §3): computed from the workspace on every call,
//! never stored as truth, and traced to the elements each line comes from.

pub mod html;
pub mod metrics;
pub mod org;
pub mod playbook;
pub mod shared;
pub mod svg;
