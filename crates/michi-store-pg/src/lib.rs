//! Team workspaces in PostgreSQL (issue: "Team workspaces on PostgreSQL"): the same rows and
//! operation log as a `.michi` file, in one schema holding several workspaces, with migrations
//! like the SQLite ones. This first part holds the schema and its migrations and, behind the
//! `testing` feature, a PostgreSQL cluster the tests start themselves.
//!
//! Migrations are numbered SQL files (`migrations/000N_*.sql`) applied in order, each in its own
//! transaction together with its row in `michi_migrations`, under an advisory lock, so two clients
//! starting at once apply each one exactly once.

#[cfg(feature = "testing")]
pub mod testing;

use postgres::{Client, NoTls};
use thiserror::Error;

/// The migrations, in order: (number, name, SQL).
const MIGRATIONS: &[(i32, &str, &str)] = &[(1, "initial", include_str!("../migrations/0001_initial.sql"))];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// A key for `pg_advisory_xact_lock`: Michi's migrations, whoever runs them.
const MIGRATION_LOCK: i64 = 0x6d69_6368_6900_0001;

#[derive(Debug, Error)]
pub enum PgError {
    #[error("cannot reach the database: {0}")]
    Connect(#[source] postgres::Error),
    #[error("the database's Michi schema is version {found}, newer than this build ({supported}): update Michi")]
    Newer { found: i32, supported: i32 },
    #[error("the database refused: {0}")]
    Query(#[from] postgres::Error),
}

/// Connects to `url` (a PostgreSQL connection string or URL).
pub fn connect(url: &str) -> Result<Client, PgError> {
    Client::connect(url, NoTls).map_err(PgError::Connect)
}

/// Brings the database's schema to [`SCHEMA_VERSION`]: applies the migrations it lacks, each once
/// even when several clients migrate at the same time. Returns the version found before. Refuses
/// a database migrated by a newer build, changing nothing.
pub fn migrate(client: &mut Client) -> Result<i32, PgError> {
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
