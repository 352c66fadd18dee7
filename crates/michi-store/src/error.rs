use std::path::PathBuf;

use michi_core::EditError;
use thiserror::Error;

pub use michi_core::archive::VersionError;

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
    #[error("{} holds more than {limit} {what}, more than Michi reads", .path.display())]
    TooLarge { path: PathBuf, what: &'static str, limit: u64 },
    #[error("{} is read-only (write-protected)", .path.display())]
    ReadOnly { path: PathBuf },
    #[error("{} is open in another Michi window or program", .path.display())]
    Locked { path: PathBuf },
    #[error("could not save to {}: {detail}", .path.display())]
    WriteFailed { path: PathBuf, detail: String, cause: WriteCause },
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

/// Why a write failed, as the person can act on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteCause {
    /// The disk refused the write: full, failing, or a file-size limit.
    Disk,
    /// The file was moved or deleted while open.
    Moved,
    /// Another program replaced the file while open.
    Replaced,
    Other,
}

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() { String::new() } else { format!(" ({detail})") }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
