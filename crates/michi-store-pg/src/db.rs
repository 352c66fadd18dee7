//! The database itself: connecting (callable from async code), the schema and its migrations, a
//! workspace copied in and out whole, and the one error.

pub use crate::error::PgError;
use michi_core::archive::{Archive, ArchivedVersion, ElementRow, HistoryRow, PlacementRow, RelationRow, ViewRow};
use postgres::Client;

/// The migrations, in order: (number, name, SQL).
const MIGRATIONS: &[(i32, &str, &str)] = &[
    (1, "initial", include_str!("../migrations/0001_initial.sql")),
    (2, "editing together", include_str!("../migrations/0002_editing_together.sql")),
    (3, "access", include_str!("../migrations/0003_access.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// A key for `pg_advisory_xact_lock`: Michi's migrations, whoever runs them.
const MIGRATION_LOCK: i64 = 0x6d69_6368_6900_0001;

/// Runs `f` where the synchronous client may block: on this thread, or on a thread of its own when
/// this one drives an async runtime (the client runs one of its own, which may not nest).
pub fn blocking<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    if tokio::runtime::Handle::try_current().is_err() {
        return f();
    }
    std::thread::scope(|s| match s.spawn(f).join() {
        Ok(v) => v,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}

/// [`push`] to the database at `url`, on a connection of its own (callable from async code).
pub fn push_to(url: &str, name: &str, archive: &Archive) -> Result<i64, PgError> {
    blocking(|| push(&mut connect(url)?, name, archive))
}

/// [`pull`] from the database at `url`, on a connection of its own (callable from async code).
pub fn pull_from(url: &str, name: &str) -> Result<Archive, PgError> {
    blocking(|| pull(&mut connect(url)?, name))
}

/// [`workspaces`] of the database at `url`, on a connection of its own (callable from async code).
pub fn list(url: &str) -> Result<Vec<String>, PgError> {
    blocking(|| workspaces(&mut connect(url)?))
}

/// What a member may do in a workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// See it, derive and export from it, save a local copy.
    Read,
    /// Read and change it.
    Edit,
    /// Nothing any more (the member is removed).
    None,
}

/// Gives `role` (a PostgreSQL user or group) `access` to the workspace `name`. Only its owner may:
/// the database refuses anyone else ([`PgError::Forbidden`]).
pub fn grant(client: &mut Client, name: &str, role: &str, access: Access) -> Result<(), PgError> {
    migrate(client)?;
    let mut tx = client.transaction()?;
    let Some(row) = tx.query_opt("SELECT id FROM workspaces WHERE name = $1", &[&name])? else {
        return Err(PgError::NoWorkspace { name: name.to_string(), known: workspaces_in(&mut tx)?.join(", ") });
    };
    let ws: i64 = row.get(0);
    if tx.query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&role])?.is_none() {
        return Err(PgError::NoRole(role.to_string()));
    }
    let owner: bool = tx.query_one("SELECT michi_is_owner($1)", &[&ws])?.get(0);
    let bypass: bool =
        tx.query_one("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user", &[])?.get(0);
    if !owner && !bypass {
        return Err(PgError::Forbidden(format!("only the owner of {name} gives access to it")));
    }
    match access {
        Access::None => {
            tx.execute("DELETE FROM members WHERE workspace = $1 AND role = $2", &[&ws, &role]).map_err(refused)?;
        }
        Access::Read | Access::Edit => {
            tx.execute(
                "INSERT INTO members (workspace, role, can_edit) VALUES ($1, $2, $3)
                 ON CONFLICT (workspace, role) DO UPDATE SET can_edit = excluded.can_edit",
                &[&ws, &role, &(access == Access::Edit)],
            )
            .map_err(refused)?;
        }
    }
    tx.commit()?;
    Ok(())
}

fn workspaces_in(c: &mut impl postgres::GenericClient) -> Result<Vec<String>, PgError> {
    Ok(c.query("SELECT name FROM workspaces ORDER BY name", &[])?.iter().map(|r| r.get(0)).collect())
}

/// What a statement the database refused means.
pub(crate) fn refused(e: postgres::Error) -> PgError {
    match e.code().map(|c| c.code()) {
        // insufficient_privilege; a row-level security check
        Some("42501") => PgError::Forbidden(e.as_db_error().map_or_else(|| e.to_string(), |d| d.message().to_string())),
        _ => PgError::Query(e),
    }
}

/// Connects to `url` (a PostgreSQL connection string or URL).
pub fn connect(url: &str) -> Result<Client, PgError> {
    crate::conninfo::target(url)?.connect().map_err(PgError::Connect)
}

/// Brings the database's schema to [`SCHEMA_VERSION`]: applies the migrations it lacks, each once
/// even when several clients migrate at the same time. Returns the version found before. Refuses
/// a database migrated by a newer build, changing nothing.
pub fn migrate(client: &mut Client) -> Result<i32, PgError> {
    // Up to date already: nothing to create (Michi's users need no right to create tables).
    let found = schema_version(client)?;
    if found == SCHEMA_VERSION {
        return Ok(found);
    }
    if found > SCHEMA_VERSION {
        return Err(PgError::Newer { found, supported: SCHEMA_VERSION });
    }
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS michi_migrations (
             version INTEGER PRIMARY KEY,
             name    TEXT NOT NULL,
             applied TIMESTAMPTZ NOT NULL DEFAULT now()
         )",
    )?;
    let found: i32 = tx.query_one("SELECT coalesce(max(version), 0) FROM michi_migrations", &[])?.get(0);
    if found > SCHEMA_VERSION {
        return Err(PgError::Newer { found, supported: SCHEMA_VERSION });
    }
    for (version, name, sql) in MIGRATIONS.iter().filter(|(v, _, _)| *v > found) {
        tx.batch_execute(sql)?;
        tx.execute("INSERT INTO michi_migrations (version, name) VALUES ($1, $2)", &[version, name])?;
    }
    tx.commit()?;
    Ok(found)
}

/// The schema version of the database (0 before any migration).
pub fn schema_version(client: &mut Client) -> Result<i32, PgError> {
    let exists: bool = client.query_one("SELECT to_regclass('michi_migrations') IS NOT NULL", &[])?.get(0);
    if !exists {
        return Ok(0);
    }
    Ok(client.query_one("SELECT coalesce(max(version), 0) FROM michi_migrations", &[])?.get(0))
}

/// The names of the database's workspaces, in order.
pub fn workspaces(client: &mut Client) -> Result<Vec<String>, PgError> {
    migrate(client)?;
    Ok(client.query("SELECT name FROM workspaces ORDER BY name", &[])?.iter().map(|r| r.get(0)).collect())
}

/// Copies `archive` into the database as a new workspace named `name`, in one transaction (all or
/// nothing). Refuses a name taken.
pub fn push(client: &mut Client, name: &str, archive: &Archive) -> Result<i64, PgError> {
    migrate(client)?;
    let mut tx = client.transaction()?;
    let taken = tx.query_opt("SELECT id FROM workspaces WHERE name = $1", &[&name])?.is_some();
    if taken {
        return Err(PgError::Exists(name.to_string()));
    }
    // A name taken by a workspace this user may not see is still taken.
    let inserted = tx.execute(
        "INSERT INTO workspaces (name, current_version, last_seq) VALUES ($1, $2, $3)",
        &[&name, &archive.current_version, &archive.history.iter().map(|h| h.seq).max().unwrap_or(0)],
    );
    match inserted {
        Err(e) if e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION) => {
            return Err(PgError::Exists(name.to_string()));
        }
        other => other.map_err(refused)?,
    };
    // Read back in a statement of its own: the row-level checks see the new row from there on.
    let ws: i64 = tx.query_one("SELECT id FROM workspaces WHERE name = $1", &[&name])?.get(0);
    let insert = tx.prepare(
        "INSERT INTO versions (workspace, id, name, forked_from, created, history_cursor) VALUES ($1, $2, $3, $4, $5, $6)",
    )?;
    for v in &archive.versions {
        tx.execute(&insert, &[&ws, &v.id, &v.name, &v.forked_from, &v.created, &v.history_cursor])?;
    }
    let insert = tx.prepare("INSERT INTO elements (workspace, version, id, kind, data) VALUES ($1, $2, $3, $4, $5)")?;
    for e in &archive.elements {
        tx.execute(&insert, &[&ws, &e.version, &e.id, &e.kind, &e.data])?;
    }
    let insert = tx.prepare(
        "INSERT INTO relations (workspace, version, kind, from_id, to_id, rank) VALUES ($1, $2, $3, $4, $5, $6)",
    )?;
    for r in &archive.relations {
        tx.execute(&insert, &[&ws, &r.version, &r.kind, &r.from, &r.to, &r.rank])?;
    }
    let insert = tx.prepare("INSERT INTO views (workspace, version, id, name, kind) VALUES ($1, $2, $3, $4, $5)")?;
    for v in &archive.views {
        tx.execute(&insert, &[&ws, &v.version, &v.id, &v.name, &v.kind])?;
    }
    let insert = tx.prepare(
        "INSERT INTO placements (workspace, version, view_id, element_id, x, y, width, height, extra)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )?;
    for p in &archive.placements {
        tx.execute(&insert, &[&ws, &p.version, &p.view, &p.element, &p.x, &p.y, &p.width, &p.height, &p.extra])?;
    }
    let insert = tx.prepare(
        "INSERT INTO history (workspace, seq, version, label, author, forward, inverse, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )?;
    for h in &archive.history {
        tx.execute(&insert, &[&ws, &h.seq, &h.version, &h.label, &h.author, &h.forward, &h.inverse, &h.at])?;
    }
    tx.commit()?;
    Ok(ws)
}

/// Every row of the workspace named `name`, as an [`Archive`] (read in one snapshot).
pub fn pull(client: &mut Client, name: &str) -> Result<Archive, PgError> {
    migrate(client)?;
    let mut tx = client.build_transaction().isolation_level(postgres::IsolationLevel::RepeatableRead).start()?;
    let Some(row) = tx.query_opt("SELECT id, current_version FROM workspaces WHERE name = $1", &[&name])? else {
        let known: Vec<String> =
            tx.query("SELECT name FROM workspaces ORDER BY name", &[])?.iter().map(|r| r.get(0)).collect();
        let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
        return Err(PgError::NoWorkspace { name: name.to_string(), known });
    };
    let ws: i64 = row.get(0);
    let archive = Archive {
        current_version: row.get(1),
        versions: tx
            .query("SELECT id, name, forked_from, created, history_cursor FROM versions WHERE workspace = $1", &[&ws])?
            .iter()
            .map(|r| ArchivedVersion {
                id: r.get(0),
                name: r.get(1),
                forked_from: r.get(2),
                created: r.get(3),
                history_cursor: r.get(4),
            })
            .collect(),
        elements: tx
            .query("SELECT version, id, kind, data FROM elements WHERE workspace = $1", &[&ws])?
            .iter()
            .map(element_row)
            .collect(),
        relations: tx
            .query("SELECT version, kind, from_id, to_id, rank FROM relations WHERE workspace = $1", &[&ws])?
            .iter()
            .map(relation_row)
            .collect(),
        views: tx
            .query("SELECT version, id, name, kind FROM views WHERE workspace = $1", &[&ws])?
            .iter()
            .map(view_row)
            .collect(),
        placements: tx
            .query(
                "SELECT version, view_id, element_id, x, y, width, height, extra FROM placements WHERE workspace = $1",
                &[&ws],
            )?
            .iter()
            .map(placement_row)
            .collect(),
        history: tx
            .query(
                "SELECT seq, version, label, author, forward, inverse, at FROM history WHERE workspace = $1",
                &[&ws],
            )?
            .iter()
            .map(|r| HistoryRow {
                seq: r.get(0),
                version: r.get(1),
                label: r.get(2),
                author: r.get(3),
                forward: r.get(4),
                inverse: r.get(5),
                at: r.get(6),
            })
            .collect(),
    };
    tx.commit()?;
    Ok(archive.sorted())
}

// The model's rows as the queries select them: (version, id, kind, data) and so on, in the order of
// the tables' columns.

pub(crate) fn element_row(r: &postgres::Row) -> ElementRow {
    ElementRow { version: r.get(0), id: r.get(1), kind: r.get(2), data: r.get(3) }
}

pub(crate) fn relation_row(r: &postgres::Row) -> RelationRow {
    RelationRow { version: r.get(0), kind: r.get(1), from: r.get(2), to: r.get(3), rank: r.get(4) }
}

pub(crate) fn view_row(r: &postgres::Row) -> ViewRow {
    ViewRow { version: r.get(0), id: r.get(1), name: r.get(2), kind: r.get(3) }
}

pub(crate) fn placement_row(r: &postgres::Row) -> PlacementRow {
    PlacementRow {
        version: r.get(0),
        view: r.get(1),
        element: r.get(2),
        x: r.get(3),
        y: r.get(4),
        width: r.get(5),
        height: r.get(6),
        extra: r.get(7),
    }
}
