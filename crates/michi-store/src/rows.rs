//! The workspace as rows: loading a whole workspace, and writing exactly the keys an operation touched.
//!
//! Rows belong to a version (`version` column): the version's model, and version 0, the account data
//! and state snapshots every version shares ([`ElementKind::belongs_to_workspace`]).

use michi_core::{
    Changes, Element, ElementData, ElementId, ElementKind, Placement, Relation, RelationKind, View, ViewId, ViewKind,
};
use michi_core::{Workspace, WorkspaceData};
use rusqlite::{Connection, OptionalExtension, params};

/// Why rows could not become a workspace: a malformed row, or rows that break the graph's rules.
#[derive(Debug)]
pub enum LoadError {
    Sqlite(rusqlite::Error),
    Invalid(String),
}

impl From<rusqlite::Error> for LoadError {
    fn from(e: rusqlite::Error) -> Self {
        LoadError::Sqlite(e)
    }
}

fn json<T: serde::de::DeserializeOwned>(what: &str, key: &str, text: &str) -> Result<T, LoadError> {
    serde_json::from_str(text).map_err(|e| LoadError::Invalid(format!("{what} {key}: {e}")))
}

fn id<T: TryFrom<String, Error = String>>(s: String) -> Result<T, LoadError> {
    T::try_from(s).map_err(LoadError::Invalid)
}

/// The version of the workspace's own rows (account data, state snapshots).
pub const SHARED: i64 = 0;

/// The version a row of `kind` is stored under when `version` is being edited.
fn row_version(kind: ElementKind, version: i64) -> i64 {
    if kind.belongs_to_workspace() { SHARED } else { version }
}

/// Version `version` of the workspace, with the rows every version shares.
pub fn load(conn: &Connection, version: i64) -> Result<Workspace, LoadError> {
    let mut data = WorkspaceData::default();
    let mut stmt = conn.prepare("SELECT id, data FROM elements WHERE version IN (0, ?1)")?;
    let mut rows = stmt.query([version])?;
    while let Some(row) = rows.next()? {
        let key: String = row.get(0)?;
        let text: String = row.get(1)?;
        let element_data: ElementData = json("element", &key, &text)?;
        data.elements.push(Element { id: id(key)?, data: element_data });
    }
    let mut stmt = conn.prepare("SELECT kind, from_id, to_id, rank FROM relations WHERE version = ?1")?;
    let mut rows = stmt.query([version])?;
    while let Some(row) = rows.next()? {
        let kind: String = row.get(0)?;
        let kind: RelationKind = serde_json::from_value(serde_json::Value::String(kind.clone()))
            .map_err(|_| LoadError::Invalid(format!("unknown relation kind {kind:?}")))?;
        let rank: String = row.get(3)?;
        data.relations.push(Relation {
            kind,
            from: id(row.get(1)?)?,
            to: id(row.get(2)?)?,
            rank: rank.try_into().map_err(LoadError::Invalid)?,
        });
    }
    let mut stmt = conn.prepare("SELECT id, name, kind FROM views WHERE version = ?1")?;
    let mut rows = stmt.query([version])?;
    while let Some(row) = rows.next()? {
        let key: String = row.get(0)?;
        let kind: String = row.get(2)?;
        let kind: ViewKind = json("view", &key, &kind)?;
        data.views.push(View { id: id(key)?, name: row.get(1)?, kind, placements: Default::default() });
    }
    let mut stmt =
        conn.prepare("SELECT view_id, element_id, x, y, width, height, extra FROM placements WHERE version = ?1")?;
    let mut rows = stmt.query([version])?;
    while let Some(row) = rows.next()? {
        let view: ViewId = id(row.get(0)?)?;
        let element: ElementId = id(row.get(1)?)?;
        let extra: Option<String> = row.get(6)?;
        let extra = match extra {
            Some(text) => Some(Box::new(json("placement", element.as_str(), &text)?)),
            None => None,
        };
        let placement = Placement { x: row.get(2)?, y: row.get(3)?, width: row.get(4)?, height: row.get(5)?, extra };
        let target = data
            .views
            .iter_mut()
            .find(|v| v.id == view)
            .ok_or_else(|| LoadError::Invalid(format!("placement in unknown view {view}")))?;
        target.placements.insert(element, placement);
    }
    Workspace::from_data(data).map_err(|e| LoadError::Invalid(e.to_string()))
}

fn json_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("model types always serialise")
}

/// Writes the current state of every key in `changes` under `version`: the row if the key exists,
/// a deletion if not.
pub fn write_changes(conn: &Connection, ws: &Workspace, changes: &Changes, version: i64) -> rusqlite::Result<()> {
    for id in &changes.elements {
        match ws.element(id) {
            Some(e) => write_element(conn, e, version)?,
            None => {
                conn.prepare_cached("DELETE FROM elements WHERE id = ?1 AND version IN (0, ?2)")?
                    .execute(params![id.as_str(), version])?;
            }
        }
    }
    for key in &changes.relations {
        match ws.relation(key) {
            Some(r) => write_relation(conn, &r, version)?,
            None => {
                conn.prepare_cached(
                    "DELETE FROM relations WHERE version = ?1 AND kind = ?2 AND from_id = ?3 AND to_id = ?4",
                )?
                .execute(params![version, key.kind.as_str(), key.from.as_str(), key.to.as_str()])?;
            }
        }
    }
    for id in &changes.views {
        match ws.view(id) {
            Some(v) => write_view_row(conn, v, version)?,
            None => {
                conn.prepare_cached("DELETE FROM placements WHERE version = ?1 AND view_id = ?2")?
                    .execute(params![version, id.as_str()])?;
                conn.prepare_cached("DELETE FROM views WHERE version = ?1 AND id = ?2")?
                    .execute(params![version, id.as_str()])?;
            }
        }
    }
    for (view, element) in &changes.placements {
        match ws.view(view).and_then(|v| v.placements.get(element)) {
            Some(p) => write_placement(conn, view, element, p, version)?,
            None => {
                conn.prepare_cached("DELETE FROM placements WHERE version = ?1 AND view_id = ?2 AND element_id = ?3")?
                    .execute(params![version, view.as_str(), element.as_str()])?;
            }
        }
    }
    Ok(())
}

/// Writes a whole workspace into empty tables, as `version` (and the shared rows).
pub fn write_all(conn: &Connection, ws: &Workspace, version: i64) -> rusqlite::Result<()> {
    for e in ws.elements() {
        write_element(conn, e, version)?;
    }
    for r in ws.relations() {
        write_relation(conn, &r, version)?;
    }
    for v in ws.views() {
        write_view_row(conn, v, version)?;
        for (element, p) in &v.placements {
            write_placement(conn, &v.id, element, p, version)?;
        }
    }
    Ok(())
}

/// Copies the rows of version `from` (not the shared ones, nor the history) as version `to`.
pub fn copy_version(conn: &Connection, from: i64, to: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO elements (version, id, kind, data) SELECT ?2, id, kind, data FROM elements WHERE version = ?1",
        params![from, to],
    )?;
    conn.execute(
        "INSERT INTO relations (version, kind, from_id, to_id, rank)
         SELECT ?2, kind, from_id, to_id, rank FROM relations WHERE version = ?1",
        params![from, to],
    )?;
    conn.execute(
        "INSERT INTO views (version, id, name, kind) SELECT ?2, id, name, kind FROM views WHERE version = ?1",
        params![from, to],
    )?;
    conn.execute(
        "INSERT INTO placements (version, view_id, element_id, x, y, width, height, extra)
         SELECT ?2, view_id, element_id, x, y, width, height, extra FROM placements WHERE version = ?1",
        params![from, to],
    )?;
    Ok(())
}

/// Removes every row of version `version`, its history included (never the shared rows).
pub fn delete_version(conn: &Connection, version: i64) -> rusqlite::Result<()> {
    assert_ne!(version, SHARED, "the shared rows are no version");
    for table in ["placements", "relations", "views", "elements", "history"] {
        conn.execute(&format!("DELETE FROM {table} WHERE version = ?1"), [version])?;
    }
    Ok(())
}

fn write_element(conn: &Connection, e: &Element, version: i64) -> rusqlite::Result<()> {
    let kind = e.data.kind();
    conn.prepare_cached(
        "INSERT INTO elements (version, id, kind, data) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (version, id) DO UPDATE SET kind = excluded.kind, data = excluded.data",
    )?
    .execute(params![row_version(kind, version), e.id.as_str(), kind.as_str(), json_text(&e.data)])?;
    Ok(())
}

fn write_relation(conn: &Connection, r: &Relation, version: i64) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO relations (version, kind, from_id, to_id, rank) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (version, kind, from_id, to_id) DO UPDATE SET rank = excluded.rank",
    )?
    .execute(params![version, r.kind.as_str(), r.from.as_str(), r.to.as_str(), r.rank.as_str()])?;
    Ok(())
}

fn write_view_row(conn: &Connection, v: &View, version: i64) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO views (version, id, name, kind) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (version, id) DO UPDATE SET name = excluded.name, kind = excluded.kind",
    )?
    .execute(params![version, v.id.as_str(), v.name, json_text(&v.kind)])?;
    Ok(())
}

fn write_placement(
    conn: &Connection,
    view: &ViewId,
    element: &ElementId,
    p: &Placement,
    version: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO placements (version, view_id, element_id, x, y, width, height, extra)
         VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (version, view_id, element_id) DO UPDATE
         SET x = excluded.x, y = excluded.y, width = excluded.width, height = excluded.height, extra = excluded.extra",
    )?
    .execute(params![
        view.as_str(),
        element.as_str(),
        p.x,
        p.y,
        p.width,
        p.height,
        p.extra.as_deref().map(json_text),
        version
    ])?;
    Ok(())
}

pub fn meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()
}

pub fn set_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}
