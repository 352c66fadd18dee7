//! Errors as the UI receives them: a code from a closed set (the UI translates it, never parsing
//! messages) and an English message with the details (shown beneath the translation).

use michi_store::StoreError;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    NotFound,
    AlreadyExists,
    NotAWorkspace,
    Corrupt,
    TooNew,
    ReadOnly,
    Locked,
    WriteFailed,
    Io,
    NothingToUndo,
    NothingToRedo,
    /// The edit does not fit the model (e.g. linking kinds that cannot be linked).
    InvalidEdit,
    /// A command that needs an open workspace was called without one.
    NoWorkspace,
    UnknownView,
    Settings,
    /// Not produced by Michi's commands: the UI's code for failures outside them (a denied or
    /// malformed IPC call, a dialog that failed).
    Unexpected,
}

#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// The file concerned, when there is one.
    pub path: Option<String>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), path: None }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        let message = e.to_string();
        let (code, path) = match e {
            StoreError::NotFound(p) => (ErrorCode::NotFound, Some(p)),
            StoreError::AlreadyExists(p) => (ErrorCode::AlreadyExists, Some(p)),
            StoreError::NotAWorkspace { path, .. } => (ErrorCode::NotAWorkspace, Some(path)),
            StoreError::Corrupt { path, .. } => (ErrorCode::Corrupt, Some(path)),
            StoreError::TooNew { path, .. } => (ErrorCode::TooNew, Some(path)),
            StoreError::ReadOnly { path } => (ErrorCode::ReadOnly, Some(path)),
            StoreError::Locked { path } => (ErrorCode::Locked, Some(path)),
            StoreError::WriteFailed { path, .. } => (ErrorCode::WriteFailed, Some(path)),
            StoreError::Io { path, .. } => (ErrorCode::Io, Some(path)),
            StoreError::NothingToUndo => (ErrorCode::NothingToUndo, None),
            StoreError::NothingToRedo => (ErrorCode::NothingToRedo, None),
            StoreError::Edit(_) => (ErrorCode::InvalidEdit, None),
        };
        AppError { code, message, path: path.map(|p| p.display().to_string()) }
    }
}
