//! A whole workspace as the rows a store keeps: every version's elements, relations, views and
//! placements (version 0: the workspace's own data), the versions and the history, each row as the
//! store wrote it (JSON as text). It is what moves a workspace between a `.michi` file and a team
//! database (`michi push`, `michi pull`) unchanged, history included; no store reads it as a model.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Archive {
    pub versions: Vec<ArchivedVersion>,
    /// The version edited when it was archived.
    pub current_version: i64,
    pub elements: Vec<ElementRow>,
    pub relations: Vec<RelationRow>,
    pub views: Vec<ViewRow>,
    pub placements: Vec<PlacementRow>,
    pub history: Vec<HistoryRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArchivedVersion {
    pub id: i64,
    pub name: String,
    pub forked_from: Option<i64>,
    pub created: String,
    pub history_cursor: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ElementRow {
    pub version: i64,
    pub id: String,
    pub kind: String,
    pub data: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationRow {
    pub version: i64,
    pub kind: String,
    pub from: String,
    pub to: String,
    pub rank: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ViewRow {
    pub version: i64,
    pub id: String,
    pub name: String,
    pub kind: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlacementRow {
    pub version: i64,
    pub view: String,
    pub element: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub extra: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub seq: i64,
    pub version: i64,
    pub label: String,
    pub author: String,
    pub forward: String,
    pub inverse: String,
    pub at: String,
}

impl Archive {
    /// The rows in a canonical order (what two archives are compared in).
    pub fn sorted(mut self) -> Archive {
        self.versions.sort_by_key(|v| v.id);
        self.elements.sort_by(|a, b| (a.version, &a.id).cmp(&(b.version, &b.id)));
        self.relations.sort_by(|a, b| (a.version, &a.kind, &a.from, &a.to).cmp(&(b.version, &b.kind, &b.from, &b.to)));
        self.views.sort_by(|a, b| (a.version, &a.id).cmp(&(b.version, &b.id)));
        self.placements.sort_by(|a, b| (a.version, &a.view, &a.element).cmp(&(b.version, &b.view, &b.element)));
        self.history.sort_by_key(|h| h.seq);
        self
    }
}
