//! What the method derives from the model (domain.md §3): computed from the workspace on every call,
//! never stored as truth, and traced to the elements each line comes from. Each derivation is also
//! read as a [`document::Document`], which every front end and file format renders.

pub mod document;
pub mod evidence;
pub mod metrics;
pub mod org;
pub mod playbook;
pub mod shared;
pub mod skills;
pub mod team;
pub mod workshop;
