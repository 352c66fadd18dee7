//! What every derivation shares: how it names an element (a [`Ref`], to jump to it) and a text
//! traced to the element it comes from; the few words every document uses.

use serde::Serialize;

use super::document::{Span, SpanKind};
use crate::id::ElementId;
use crate::text::Text;
use crate::workspace::Workspace;

/// An element named in a derivation: its id (to jump to it) and its label when derived.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Ref {
    pub id: ElementId,
    pub name: String,
}

impl Ref {
    pub fn of(ws: &Workspace, id: &ElementId) -> Ref {
        Ref { id: id.clone(), name: ws.data(id).map(|d| d.label().to_string()).unwrap_or_default() }
    }
}

/// A text with the element it comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Traced {
    pub text: String,
    pub source: ElementId,
}

/// The words for "suggested", on a play's owner or a step the model does not say.
pub fn suggested() -> Text {
    Text::new("提案", "suggested")
}

/// A value the model does not give yet.
pub fn missing() -> Span {
    Span::of(SpanKind::Missing, Text::new("まだ決まっていません", "Not decided yet"))
}

/// A number of days.
pub fn days(n: impl std::fmt::Display) -> Text {
    Text::new(format!("{n}日"), format!("{n} days"))
}

/// The latest snapshot whose entries include a stage of `stages`.
pub(crate) fn latest_snapshot(ws: &Workspace, stages: &[ElementId]) -> Option<ElementId> {
    ws.elements_of_kind(crate::element::ElementKind::StateSnapshot)
        .filter_map(|e| match &e.data {
            crate::element::ElementData::StateSnapshot(s) if s.entries.iter().any(|n| stages.contains(&n.element)) => {
                Some((s.as_of, &e.id))
            }
            _ => None,
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, id)| id.clone())
}
