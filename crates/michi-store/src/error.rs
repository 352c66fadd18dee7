use std::path::PathBuf;

use michi_core::EditError;
use thiserror::Error;

/// Why a workspace file could not be opened, created or written. Every variant that concerns a file
/// names it, and none of them leaves the file changed.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{} does not exist", .0.display())]
    NotFound(PathBuf),
    #[error("{} already exists", .0.display())]
    AlreadyExists(PathBuf),
    #[error("{} is not a Michi workspace{}", .path.display(), detail_suffix(.detail))]
    NotAWorkspace { path: PathBuf, detail: String },
    #[error("{} is damaged and cannot be read: {detail}", .path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{} was saved by a newer version of Michi (file format {found}; this version reads up to {supported})",
        .path.display()
    )]
    TooNew { path: PathBuf, found: u32, supported: u32 },
    #[error("{} is read-only (write-protected)", .path.display())]
    ReadOnly { path: PathBuf },
    #[error("{} is open in another Michi window or program", .path.display())]
    Locked { path: PathBuf },
    #[error("could not save to {}: {detail}", .path.display())]
    WriteFailed { path: PathBuf, detail: String },
    #[error("could not read or write {}: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error(transparent)]
    Version(#[from] VersionError),
}

/// Why a change to the versions of a workspace was refused.
#[derive(Debug, Error, PartialEq, Eq)]
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

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() { String::new() } else { format!(" ({detail})") }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
