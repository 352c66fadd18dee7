//! Graph queries that the read models, the derivations, the diagnosis and health all ask: which
//! views show an element, the segments a card is drawn for, and the workspace's singleton settings
//! (its catalog, its diagnosis settings) with their defaults.

use std::borrow::Cow;

use super::Workspace;
use crate::element::{Catalog, ElementData, ElementKind, LintConfig};
use crate::id::{ElementId, ViewId};
use crate::relation::RelationKind;

impl Workspace {
    /// The views showing `id`: the journey map of its journey, and the diagrams placing it.
    pub fn views_showing(&self, id: &ElementId) -> Vec<ViewId> {
        let mut views: Vec<ViewId> =
            self.views().filter(|v| v.placements.contains_key(id)).map(|v| v.id.clone()).collect();
        let stage = match self.kind_of(id) {
            Some(ElementKind::Stage) => Some(id.clone()),
            Some(k) if k.is_card() => {
                self.container(id, RelationKind::InStage).or_else(|| self.container(id, RelationKind::Measures))
            }
            _ => None,
        };
        let journey = match self.kind_of(id) {
            Some(ElementKind::Journey) => Some(id.clone()),
            _ => stage.and_then(|s| self.container(&s, RelationKind::InJourney)),
        };
        if let Some(j) = journey {
            views.extend(self.views_about(&j).into_iter().map(|v| v.id.clone()));
        }
        views.sort();
        views.dedup();
        views
    }

    /// The segments a card is drawn for (none: for everyone the journey is for).
    pub fn segments_of(&self, card: &ElementId) -> Vec<ElementId> {
        self.outgoing(card, RelationKind::IsFor)
            .into_iter()
            .map(|r| r.to)
            .filter(|t| self.kind_of(t) == Some(ElementKind::Segment))
            .collect()
    }

    /// The workspace's catalog (default interventions, function texts, sizing assumptions), or the
    /// built-in one when it has none.
    pub fn catalog(&self) -> Cow<'_, Catalog> {
        match self.elements_of_kind(ElementKind::Catalog).next().map(|e| &e.data) {
            Some(ElementData::Catalog(c)) => Cow::Borrowed(c),
            _ => Cow::Owned(Catalog::default()),
        }
    }

    /// The diagnosis settings kept in the workspace (its `lintSettings` element), or the default.
    pub fn lint_config(&self) -> LintConfig {
        self.elements_of_kind(ElementKind::LintSettings)
            .find_map(|e| match &e.data {
                ElementData::LintSettings(c) => Some(c.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }
}
