//! The workspace as rows: loading a whole workspace, and writing exactly the keys an operation touched.
//!
//! Rows belong to a version (`version` column): the version's model, and version 0, the account data
//! and state snapshots every version shares ([`ElementKind::belongs_to_workspace`]).

use michi_core::archive::{self, ElementRow, PlacementRow, RelationRow, RowChange, ViewRow};
use michi_core::{Changes, Workspace};
use rusqlite::{Connection, OptionalExtension, params};

/// Why rows could not become a workspace: a malformed row, or rows that break the graph's rules.
#[derive(Debug)]
pub enum LoadError {
    Sqlite(rusqlite::Error),
    Invalid(String),
    /// More rows than the limit given (see `crate::Limits::max_rows`).
    TooManyRows,
}

impl From<rusqlite::Error> for LoadError {
    fn from(e: rusqlite::Error) -> Self {
        LoadError::Sqlite(e)
    }
}

pub use michi_core::archive::SHARED;

// The model's rows as the queries select them, in the order of the tables' columns: elements
// (version, id, kind, data), relations (version, kind, from_id, to_id, rank), views (version, id,
// name, kind), placements (version, view_id, element_id, x, y, width, height, extra).

pub(crate) fn element_row(r: &rusqlite::Row) -> rusqlite::Result<ElementRow> {
    Ok(ElementRow { version: r.get(0)?, id: r.get(1)?, kind: r.get(2)?, data: r.get(3)? })
}

pub(crate) fn relation_row(r: &rusqlite::Row) -> rusqlite::Result<RelationRow> {
    Ok(RelationRow { version: r.get(0)?, kind: r.get(1)?, from: r.get(2)?, to: r.get(3)?, rank: r.get(4)? })
}

pub(crate) fn view_row(r: &rusqlite::Row) -> rusqlite::Result<ViewRow> {
    Ok(ViewRow { version: r.get(0)?, id: r.get(1)?, name: r.get(2)?, kind: r.get(3)? })
}

pub(crate) fn placement_row(r: &rusqlite::Row) -> rusqlite::Result<PlacementRow> {
    Ok(PlacementRow {
        version: r.get(0)?,
        view: r.get(1)?,
        element: r.get(2)?,
        x: r.get(3)?,
        y: r.get(4)?,
        width: r.get(5)?,
        height: r.get(6)?,
        extra: r.get(7)?,
    })
}

/// Version `version` of the workspace, with the rows every version shares; refused, before any is
/// read, when there are more than `max_rows` of them.
pub fn load(conn: &Connection, version: i64, max_rows: i64) -> Result<Workspace, LoadError> {
    let count: i64 = conn.query_row(
        "SELECT (SELECT count(*) FROM elements WHERE version IN (0, ?1))
              + (SELECT count(*) FROM relations WHERE version = ?1)
              + (SELECT count(*) FROM views WHERE version = ?1)
              + (SELECT count(*) FROM placements WHERE version = ?1)",
        [version],
        |r| r.get(0),
    )?;
    if count > max_rows {
        return Err(LoadError::TooManyRows);
    }
    fn rows<T>(
        conn: &Connection,
        sql: &str,
        version: i64,
        row: fn(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Vec<T>> {
        conn.prepare(sql)?.query_map([version], row)?.collect()
    }
    let elements =
        rows(conn, "SELECT version, id, kind, data FROM elements WHERE version IN (0, ?1)", version, element_row)?;
    let relations = rows(
        conn,
        "SELECT version, kind, from_id, to_id, rank FROM relations WHERE version = ?1",
        version,
        relation_row,
    )?;
    let views = rows(conn, "SELECT version, id, name, kind FROM views WHERE version = ?1", version, view_row)?;
    let placements = rows(
        conn,
        "SELECT version, view_id, element_id, x, y, width, height, extra FROM placements WHERE version = ?1",
        version,
        placement_row,
    )?;
    archive::load(elements, relations, views, placements).map_err(|e| LoadError::Invalid(e.0))
}

/// Writes the current state of every key in `changes` under `version`: the row if the key exists,
/// a deletion if not.
pub fn write_changes(conn: &Connection, ws: &Workspace, changes: &Changes, version: i64) -> rusqlite::Result<()> {
    for change in archive::row_changes(ws, changes, version) {
        match change {
            RowChange::Element(row) => write_element(conn, &row)?,
            RowChange::DeleteElement { version, id } => {
                conn.prepare_cached("DELETE FROM elements WHERE id = ?1 AND version IN (0, ?2)")?
                    .execute(params![id, version])?;
            }
            RowChange::Relation(row) => write_relation(conn, &row)?,
            RowChange::DeleteRelation { version, kind, from, to } => {
                conn.prepare_cached(
                    "DELETE FROM relations WHERE version = ?1 AND kind = ?2 AND from_id = ?3 AND to_id = ?4",
                )?
                .execute(params![version, kind, from, to])?;
            }
            RowChange::View(row) => write_view_row(conn, &row)?,
            RowChange::DeleteView { version, id } => {
                conn.prepare_cached("DELETE FROM placements WHERE version = ?1 AND view_id = ?2")?
                    .execute(params![version, id])?;
                conn.prepare_cached("DELETE FROM views WHERE version = ?1 AND id = ?2")?
                    .execute(params![version, id])?;
            }
            RowChange::Placement(row) => write_placement(conn, &row)?,
            RowChange::DeletePlacement { version, view, element } => {
                conn.prepare_cached("DELETE FROM placements WHERE version = ?1 AND view_id = ?2 AND element_id = ?3")?
                    .execute(params![version, view, element])?;
            }
        }
    }
    Ok(())
}

/// Writes a whole workspace into empty tables, as `version` (and the shared rows).
pub fn write_all(conn: &Connection, ws: &Workspace, version: i64) -> rusqlite::Result<()> {
    let rows = archive::rows_of(ws, version);
    for row in &rows.elements {
        write_element(conn, row)?;
    }
    for row in &rows.relations {
        write_relation(conn, row)?;
    }
    for row in &rows.views {
        write_view_row(conn, row)?;
    }
    for row in &rows.placements {
        write_placement(conn, row)?;
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

fn write_element(conn: &Connection, row: &ElementRow) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO elements (version, id, kind, data) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (version, id) DO UPDATE SET kind = excluded.kind, data = excluded.data",
    )?
    .execute(params![row.version, row.id, row.kind, row.data])?;
    Ok(())
}

fn write_relation(conn: &Connection, row: &RelationRow) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO relations (version, kind, from_id, to_id, rank) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (version, kind, from_id, to_id) DO UPDATE SET rank = excluded.rank",
    )?
    .execute(params![row.version, row.kind, row.from, row.to, row.rank])?;
    Ok(())
}

fn write_view_row(conn: &Connection, row: &ViewRow) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO views (version, id, name, kind) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (version, id) DO UPDATE SET name = excluded.name, kind = excluded.kind",
    )?
    .execute(params![row.version, row.id, row.name, row.kind])?;
    Ok(())
}

fn write_placement(conn: &Connection, row: &PlacementRow) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO placements (version, view_id, element_id, x, y, width, height, extra)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (version, view_id, element_id) DO UPDATE
         SET x = excluded.x, y = excluded.y, width = excluded.width, height = excluded.height, extra = excluded.extra",
    )?
    .execute(params![row.version, row.view, row.element, row.x, row.y, row.width, row.height, row.extra])?;
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
