//! What the method derives from the model (domain.md §3): computed from the workspace on every call,
//! never stored as truth, and traced to the elements each line comes from.

pub mod html;
pub mod metrics;
pub mod org;
pub mod playbook;
pub mod svg;

use std::borrow::Cow;

use crate::element::{Catalog, ElementData, ElementKind};
use crate::workspace::Workspace;

/// The workspace's catalog, or the built-in one when it has none.
pub fn catalog(ws: &Workspace) -> Cow<'_, Catalog> {
    match ws.elements_of_kind(ElementKind::Catalog).next().map(|e| &e.data) {
        Some(ElementData::Catalog(c)) => Cow::Borrowed(c),
        _ => Cow::Owned(Catalog::default()),
    }
}
