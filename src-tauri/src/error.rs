//! Errors as the UI receives them: a code from a closed set (the UI translates it, never parsing
//! messages) and an English message with the details (shown beneath the translation).

use michi_core::EditError;
use michi_csv::{CsvError, RowProblem};
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
    /// A CSV file that cannot be read as a table, or rows that do not fit the mapping (see `problems`).
    BadCsv,
    /// A file that is not a BPMN 2.0 file Michi can import.
    BadBpmn,
    /// A diagnosis settings file that is not valid JSON or names rules Michi does not have.
    BadConfig,
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
    /// Why an edit was refused, as a key the UI translates (e.g. `connectIntoStartEvent`).
    pub reason: Option<String>,
    /// The cells at fault in an imported table, each with its line and column.
    pub problems: Vec<RowProblem>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), path: None, reason: None, problems: Vec::new() }
    }

    pub fn with_path(mut self, path: &std::path::Path) -> Self {
        self.path = Some(path.display().to_string());
        self
    }

    /// A file that could not be read.
    pub fn unreadable(path: &std::path::Path, e: std::io::Error) -> Self {
        let code = if e.kind() == std::io::ErrorKind::NotFound { ErrorCode::NotFound } else { ErrorCode::Io };
        AppError::new(code, format!("{}: {e}", path.display())).with_path(path)
    }
}

impl From<CsvError> for AppError {
    fn from(e: CsvError) -> Self {
        let message = e.to_string();
        let problems = match e {
            CsvError::Rows(rows) => rows,
            _ => Vec::new(),
        };
        AppError { problems, ..AppError::new(ErrorCode::BadCsv, message) }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        let message = e.to_string();
        let reason = match &e {
            StoreError::Edit(EditError::Process(p)) => Some(p.reason_key().to_string()),
            _ => None,
        };
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
        AppError { code, message, path: path.map(|p| p.display().to_string()), reason, problems: Vec::new() }
    }
}
