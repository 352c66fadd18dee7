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

// ---- What a store answers ----

/// What an edit, undo or redo did.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Increases with every change of the in-memory workspace, for the UI to drop stale reads.
    pub revision: u64,
    /// Elements the edit created, in order.
    pub created: Vec<crate::ElementId>,
    /// Views (diagrams) the edit created.
    pub created_views: Vec<crate::ViewId>,
    /// False when the edit changed nothing (moving a stage to where it is); nothing was recorded.
    pub changed: bool,
    /// The keys the change touched when it was one operation on the workspace as it was at
    /// `revision - 1` (what keeps a [`crate::diagnose::live::LiveDiagnosis`] current); `None` when the
    /// workspace was read afresh or changed in several steps (read it whole).
    pub changes: Option<crate::op::Changes>,
}

impl Outcome {
    /// A change that created nothing and whose keys are not known (a version switched to, a team's
    /// undo): whoever keeps something derived reads the workspace whole.
    pub fn unkeyed(revision: u64) -> Outcome {
        Outcome { revision, created: Vec::new(), created_views: Vec::new(), changed: true, changes: None }
    }
}

/// The undo and redo steps available, with the label of the edit each would undo or redo.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryInfo {
    pub undo: Option<String>,
    pub redo: Option<String>,
}

/// One version of a workspace (as-is, to-be…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionInfo {
    pub id: i64,
    pub name: String,
    /// The version it was copied from, while that one exists.
    pub forked_from: Option<i64>,
    /// When it was made (UTC, ISO 8601).
    pub created: String,
}

/// Why a change to the versions of a workspace was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VersionError {
    #[error("the workspace has no version {0}")]
    NotFound(i64),
    #[error("the workspace has no version named 「{name}」 (its versions: {})", .known.join(", "))]
    Unknown { name: String, known: Vec<String> },
    #[error("a version needs a name")]
    EmptyName,
    #[error("a version named 「{0}」 exists already")]
    NameTaken(String),
    #[error("the workspace's only version cannot be deleted")]
    LastOne,
    #[error("the version being edited cannot be deleted: switch to another one first")]
    Current,
}

// ---- One encoding of the model as rows, for every store ----
//
// The `.michi` file and the team database keep the same rows; how a model becomes rows and back
// is written once, here, and each store only moves the rows.

use crate::{
    Changes, Element, ElementData, ElementId, ElementKind, Placement, Relation, RelationKind, View, ViewId, ViewKind,
    Workspace, WorkspaceData,
};

/// The version of the workspace's own rows (account data, state snapshots), shared by its versions.
pub const SHARED: i64 = 0;

/// The version a row of `kind` is stored under when `version` is being edited.
pub fn row_version(kind: ElementKind, version: i64) -> i64 {
    if kind.belongs_to_workspace() { SHARED } else { version }
}

fn json_text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("model types always serialise")
}

pub fn element_row(e: &Element, version: i64) -> ElementRow {
    let kind = e.data.kind();
    ElementRow {
        version: row_version(kind, version),
        id: e.id.as_str().to_string(),
        kind: kind.as_str().to_string(),
        data: json_text(&e.data),
    }
}

pub fn relation_row(r: &Relation, version: i64) -> RelationRow {
    RelationRow {
        version,
        kind: r.kind.as_str().to_string(),
        from: r.from.as_str().to_string(),
        to: r.to.as_str().to_string(),
        rank: r.rank.as_str().to_string(),
    }
}

pub fn view_row(v: &View, version: i64) -> ViewRow {
    ViewRow { version, id: v.id.as_str().to_string(), name: v.name.clone(), kind: json_text(&v.kind) }
}

pub fn placement_row(view: &ViewId, element: &ElementId, p: &Placement, version: i64) -> PlacementRow {
    PlacementRow {
        version,
        view: view.as_str().to_string(),
        element: element.as_str().to_string(),
        x: p.x,
        y: p.y,
        width: p.width,
        height: p.height,
        extra: p.extra.as_deref().map(json_text),
    }
}

/// One row to write or remove after an operation.
#[derive(Clone, Debug, PartialEq)]
pub enum RowChange {
    Element(ElementRow),
    /// The element `id` is gone: its row under `version` or the shared version.
    DeleteElement {
        version: i64,
        id: String,
    },
    Relation(RelationRow),
    DeleteRelation {
        version: i64,
        kind: String,
        from: String,
        to: String,
    },
    View(ViewRow),
    /// The view `id` is gone, with its placements.
    DeleteView {
        version: i64,
        id: String,
    },
    Placement(PlacementRow),
    DeletePlacement {
        version: i64,
        view: String,
        element: String,
    },
}

/// The rows the keys in `changes` now have in `ws` (version `version` being edited): the row where
/// the key exists, its removal where it does not.
pub fn row_changes(ws: &Workspace, changes: &Changes, version: i64) -> Vec<RowChange> {
    let mut out = Vec::new();
    for id in &changes.elements {
        out.push(match ws.element(id) {
            Some(e) => RowChange::Element(element_row(e, version)),
            None => RowChange::DeleteElement { version, id: id.as_str().to_string() },
        });
    }
    for key in &changes.relations {
        out.push(match ws.relation(key) {
            Some(r) => RowChange::Relation(relation_row(&r, version)),
            None => RowChange::DeleteRelation {
                version,
                kind: key.kind.as_str().to_string(),
                from: key.from.as_str().to_string(),
                to: key.to.as_str().to_string(),
            },
        });
    }
    for id in &changes.views {
        out.push(match ws.view(id) {
            Some(v) => RowChange::View(view_row(v, version)),
            None => RowChange::DeleteView { version, id: id.as_str().to_string() },
        });
    }
    for (view, element) in &changes.placements {
        out.push(match ws.view(view).and_then(|v| v.placements.get(element)) {
            Some(p) => RowChange::Placement(placement_row(view, element, p, version)),
            None => RowChange::DeletePlacement {
                version,
                view: view.as_str().to_string(),
                element: element.as_str().to_string(),
            },
        });
    }
    out
}

/// Every row of `ws` as version `version` (and the shared rows).
pub fn rows_of(ws: &Workspace, version: i64) -> Archive {
    let mut a = Archive { current_version: version, ..Archive::default() };
    a.elements = ws.elements().map(|e| element_row(e, version)).collect();
    a.relations = ws.relations().map(|r| relation_row(&r, version)).collect();
    for v in ws.views() {
        a.views.push(view_row(v, version));
        a.placements.extend(v.placements.iter().map(|(e, p)| placement_row(&v.id, e, p, version)));
    }
    a
}

/// Why rows do not make a model: a malformed row, or rows that break the graph's rules.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LoadError(pub String);

fn parse<T: serde::de::DeserializeOwned>(what: &str, key: &str, text: &str) -> Result<T, LoadError> {
    serde_json::from_str(text).map_err(|e| LoadError(format!("{what} {key}: {e}")))
}

fn id<T: TryFrom<String, Error = String>>(s: String) -> Result<T, LoadError> {
    T::try_from(s).map_err(LoadError)
}

/// Builds a model from rows as [`rows_of`] writes them (the rows of one version and the shared ones).
/// Rows are taken by value, so a store can stream them.
pub fn load(
    elements: impl IntoIterator<Item = ElementRow>,
    relations: impl IntoIterator<Item = RelationRow>,
    views: impl IntoIterator<Item = ViewRow>,
    placements: impl IntoIterator<Item = PlacementRow>,
) -> Result<Workspace, LoadError> {
    let mut data = WorkspaceData::default();
    for row in elements {
        let element_data: ElementData = parse("element", &row.id, &row.data)?;
        data.elements.push(Element { id: id(row.id)?, data: element_data });
    }
    for row in relations {
        let kind: RelationKind = serde_json::from_value(serde_json::Value::String(row.kind.clone()))
            .map_err(|_| LoadError(format!("unknown relation kind {:?}", row.kind)))?;
        data.relations.push(Relation {
            kind,
            from: id(row.from)?,
            to: id(row.to)?,
            rank: row.rank.try_into().map_err(LoadError)?,
        });
    }
    for row in views {
        let kind: ViewKind = parse("view", &row.id, &row.kind)?;
        data.views.push(View { id: id(row.id)?, name: row.name, kind, placements: Default::default() });
    }
    let index: std::collections::HashMap<String, usize> =
        data.views.iter().enumerate().map(|(i, v)| (v.id.as_str().to_string(), i)).collect();
    for row in placements {
        let extra = match &row.extra {
            Some(text) => Some(Box::new(parse("placement", &row.element, text)?)),
            None => None,
        };
        let at = *index.get(&row.view).ok_or_else(|| LoadError(format!("placement in unknown view {}", row.view)))?;
        let element: ElementId = id(row.element)?;
        data.views[at]
            .placements
            .insert(element, Placement { x: row.x, y: row.y, width: row.width, height: row.height, extra });
    }
    Workspace::from_data(data).map_err(|e| LoadError(e.to_string()))
}
