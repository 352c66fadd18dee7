//! The one error of the team store.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum PgError {
    #[error("cannot reach the database: {0}")]
    Connect(#[source] postgres::Error),
    #[error("the database's Michi schema is version {found}, newer than this build ({supported}): update Michi")]
    Newer { found: i32, supported: i32 },
    #[error("the database refused: {0}")]
    Query(#[from] postgres::Error),
    #[error("the database has a workspace named {0} already: pick another name")]
    Exists(String),
    #[error("the database has no workspace named {name} (it has: {known})")]
    NoWorkspace { name: String, known: String },
    #[error("the connection settings are not right: {0}")]
    Settings(String),
    #[error("the database has no role named {0}")]
    NoRole(String),
    #[error("the team database cannot be reached just now")]
    Offline,
    #[error("the database does not let this user do that: {0}")]
    Forbidden(String),
    #[error(transparent)]
    Edit(#[from] michi_core::EditError),
    #[error(transparent)]
    Version(#[from] michi_core::archive::VersionError),
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
    #[error("{author} has changed the same thing since (「{label}」): undoing would overwrite it")]
    Overtaken { author: String, label: String },
    #[error("this step no longer applies to the workspace as it is now: {0}")]
    NoLongerApplies(String),
    #[error("the database holds rows Michi cannot read: {0}")]
    Corrupt(String),
    #[error("cannot keep the edit on this machine until the database is back: {0}")]
    Queue(#[source] std::io::Error),
}
