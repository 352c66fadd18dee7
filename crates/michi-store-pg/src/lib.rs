//! Team workspaces in PostgreSQL (issue: "Team workspaces on PostgreSQL"): the same rows and
//! operation log as a `.michi` file, in one schema holding several workspaces, with migrations
//! like the SQLite ones.
//!
//! - [`db`]: connecting, the schema and its migrations (numbered SQL files applied in order, each
//!   once, under an advisory lock), a workspace copied in whole from an [`michi_core::archive::Archive`]
//!   (`push`) and out (`pull`), and [`PgError`].
//! - [`TeamStore`] (`team.rs`): a team workspace open for editing, each edit one transaction
//!   compiled against the database's state; undo of one's own steps; the edits made offline kept in
//!   a queue on disk (`queue.rs`) and sent when the connection is back.
//! - [`watch`] (`watch.rs`): a thread that LISTENs for the others' commits and tells when the
//!   database goes and comes back.
//! - `testing` (feature `testing`): a PostgreSQL cluster the tests start themselves.
//!
//! Every function that talks to the database may be called from async code: the synchronous
//! client runs a runtime of its own, so such calls move to a thread of their own ([`blocking`]).

pub mod conninfo;
pub mod db;
mod error;
mod queue;
mod team;
#[cfg(feature = "testing")]
pub mod testing;
mod watch;

pub use db::{
    Access, PgError, SCHEMA_VERSION, blocking, connect, grant, list, migrate, pull, pull_from, push, push_to,
    schema_version, workspaces,
};
pub use queue::Rejected;
pub use team::{Remote, TeamStatus, TeamStore};
pub use watch::{Signal, Watcher, watch};
