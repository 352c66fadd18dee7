//! The workspace's one-of-a-kind elements, replaced whole: its diagnosis settings, its catalog, its
//! health model. Each is created by its first edit.

use super::shared::New;
use crate::element::{Element, ElementData, ElementKind};
use crate::op::Op;
use crate::workspace::Workspace;

/// Replaces the workspace's element of `data`'s kind with `data`, or adds it.
pub(super) fn set_singleton(ws: &Workspace, new: &mut New, data: ElementData) -> Vec<Op> {
    match ws.elements_of_kind(data.kind()).next() {
        Some(e) => vec![Op::SetElement { id: e.id.clone(), data }],
        // The diagnosis settings were made before ids were recorded as created: kept as they were.
        None if data.kind() == ElementKind::LintSettings => {
            vec![Op::AddElement {
                element: Element { id: new.ids.element(ElementKind::LintSettings.id_prefix()), data },
            }]
        }
        None => vec![Op::AddElement { element: new.element(data) }],
    }
}
