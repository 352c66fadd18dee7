//! A `.michi` file as an [`Archive`] (every row, all versions, the history) and back: what
//! `michi push` and `michi pull` carry to and from a team database.

use michi_core::archive::{Archive, ArchivedVersion, HistoryRow};
use rusqlite::{Connection, params};

use crate::rows;

/// Every row of the database `conn` (already at the current schema), `current` the version edited.
pub(crate) fn read(conn: &Connection, current: i64) -> rusqlite::Result<Archive> {
    fn all<T>(
        conn: &Connection,
        sql: &str,
        row: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Vec<T>> {
        conn.prepare(sql)?.query_map([], row)?.collect()
    }
    Ok(Archive {
        versions: all(conn, "SELECT id, name, forked_from, created, history_cursor FROM versions", |r| {
            Ok(ArchivedVersion {
                id: r.get(0)?,
                name: r.get(1)?,
                forked_from: r.get(2)?,
                created: r.get(3)?,
                history_cursor: r.get(4)?,
            })
        })?,
        current_version: current,
        elements: all(conn, "SELECT version, id, kind, data FROM elements", rows::element_row)?,
        relations: all(conn, "SELECT version, kind, from_id, to_id, rank FROM relations", rows::relation_row)?,
        views: all(conn, "SELECT version, id, name, kind FROM views", rows::view_row)?,
        placements: all(
            conn,
            "SELECT version, view_id, element_id, x, y, width, height, extra FROM placements",
            rows::placement_row,
        )?,
        history: all(conn, "SELECT seq, version, label, author, forward, inverse, at FROM history", |r| {
            Ok(HistoryRow {
                seq: r.get(0)?,
                version: r.get(1)?,
                label: r.get(2)?,
                author: r.get(3)?,
                forward: r.get(4)?,
                inverse: r.get(5)?,
                at: r.get(6)?,
            })
        })?,
    }
    .sorted())
}

/// Writes `archive` into a freshly initialised database (its schema made, no version yet).
pub(crate) fn write(conn: &Connection, archive: &Archive) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM versions", [])?;
    for v in &archive.versions {
        conn.execute(
            "INSERT INTO versions (id, name, forked_from, created, history_cursor) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![v.id, v.name, v.forked_from, v.created, v.history_cursor],
        )?;
    }
    crate::rows::set_meta(conn, "current_version", &archive.current_version.to_string())?;
    let mut insert = conn.prepare("INSERT INTO elements (version, id, kind, data) VALUES (?1, ?2, ?3, ?4)")?;
    for e in &archive.elements {
        insert.execute(params![e.version, e.id, e.kind, e.data])?;
    }
    let mut insert =
        conn.prepare("INSERT INTO relations (version, kind, from_id, to_id, rank) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for r in &archive.relations {
        insert.execute(params![r.version, r.kind, r.from, r.to, r.rank])?;
    }
    let mut insert = conn.prepare("INSERT INTO views (version, id, name, kind) VALUES (?1, ?2, ?3, ?4)")?;
    for v in &archive.views {
        insert.execute(params![v.version, v.id, v.name, v.kind])?;
    }
    let mut insert = conn.prepare(
        "INSERT INTO placements (version, view_id, element_id, x, y, width, height, extra)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for p in &archive.placements {
        insert.execute(params![p.version, p.view, p.element, p.x, p.y, p.width, p.height, p.extra])?;
    }
    let mut insert = conn.prepare(
        "INSERT INTO history (seq, version, label, author, forward, inverse, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for h in &archive.history {
        insert.execute(params![h.seq, h.version, h.label, h.author, h.forward, h.inverse, h.at])?;
    }
    Ok(())
}
