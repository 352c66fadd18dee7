//! The workspace as rows: loading a whole workspace, and writing exactly the keys an operation touched.

use michi_core::{Changes, Element, ElementData, ElementId, Placement, Relation, RelationKind, View, ViewId, ViewKind};
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

pub fn load(conn: &Connection) -> Result<Workspace, LoadError> {
    let mut data = WorkspaceData::default();
    let mut stmt = conn.prepare("SELECT id, data FROM elements")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let key: String = row.get(0)?;
        let text: String = row.get(1)?;
        let element_data: ElementData = json("element", &key, &text)?;
        data.elements.push(Element { id: id(key)?, data: element_data });
    }
    let mut stmt = conn.prepare("SELECT kind, from_id, to_id, rank FROM relations")?;
    let mut rows = stmt.query([])?;
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
    let mut stmt = conn.prepare("SELECT id, name, kind FROM views")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let key: String = row.get(0)?;
        let kind: String = row.get(2)?;
        let kind: ViewKind = json("view", &key, &kind)?;
        data.views.push(View { id: id(key)?, name: row.get(1)?, kind, placements: Default::default() });
    }
    let mut stmt = conn.prepare("SELECT view_id, element_id, x, y, width, height, extra FROM placements")?;
    let mut rows = stmt.query([])?;
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

/// Writes the current state of every key in `changes`: the row if the key exists, a deletion if not.
pub fn write_changes(conn: &Connection, ws: &Workspace, changes: &Changes) -> rusqlite::Result<()> {
    for id in &changes.elements {
        match ws.element(id) {
            Some(e) => write_element(conn, e)?,
            None => {
                conn.prepare_cached("DELETE FROM elements WHERE id = ?1")?.execute([id.as_str()])?;
            }
        }
    }
    for key in &changes.relations {
        match ws.relation(key) {
            Some(r) => write_relation(conn, &r)?,
            None => {
                conn.prepare_cached("DELETE FROM relations WHERE kind = ?1 AND from_id = ?2 AND to_id = ?3")?
                    .execute([key.kind.as_str(), key.from.as_str(), key.to.as_str()])?;
            }
        }
    }
    for id in &changes.views {
        match ws.view(id) {
            Some(v) => write_view_row(conn, v)?,
            None => {
                conn.prepare_cached("DELETE FROM placements WHERE view_id = ?1")?.execute([id.as_str()])?;
                conn.prepare_cached("DELETE FROM views WHERE id = ?1")?.execute([id.as_str()])?;
            }
        }
    }
    for (view, element) in &changes.placements {
        match ws.view(view).and_then(|v| v.placements.get(element)) {
            Some(p) => write_placement(conn, view, element, p)?,
            None => {
                conn.prepare_cached("DELETE FROM placements WHERE view_id = ?1 AND element_id = ?2")?
                    .execute([view.as_str(), element.as_str()])?;
            }
        }
    }
    Ok(())
}

/// Writes a whole workspace into empty tables.
pub fn write_all(conn: &Connection, ws: &Workspace) -> rusqlite::Result<()> {
    for e in ws.elements() {
        write_element(conn, e)?;
    }
    for r in ws.relations() {
        write_relation(conn, &r)?;
    }
    for v in ws.views() {
        write_view_row(conn, v)?;
        for (element, p) in &v.placements {
            write_placement(conn, &v.id, element, p)?;
        }
    }
    Ok(())
}

fn write_element(conn: &Connection, e: &Element) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO elements (id, kind, data) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, data = excluded.data",
    )?
    .execute(params![e.id.as_str(), e.data.kind().as_str(), json_text(&e.data)])?;
    Ok(())
}

fn write_relation(conn: &Connection, r: &Relation) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO relations (kind, from_id, to_id, rank) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (kind, from_id, to_id) DO UPDATE SET rank = excluded.rank",
    )?
    .execute(params![r.kind.as_str(), r.from.as_str(), r.to.as_str(), r.rank.as_str()])?;
    Ok(())
}

fn write_view_row(conn: &Connection, v: &View) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO views (id, name, kind) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind",
    )?
    .execute(params![v.id.as_str(), v.name, json_text(&v.kind)])?;
    Ok(())
}

fn write_placement(conn: &Connection, view: &ViewId, element: &ElementId, p: &Placement) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO placements (view_id, element_id, x, y, width, height, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (view_id, element_id) DO UPDATE
         SET x = excluded.x, y = excluded.y, width = excluded.width, height = excluded.height, extra = excluded.extra",
    )?
    .execute(params![
        view.as_str(),
        element.as_str(),
        p.x,
        p.y,
        p.width,
        p.height,
        p.extra.as_deref().map(json_text)
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
