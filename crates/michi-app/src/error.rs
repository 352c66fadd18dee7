//! The one error of the use cases, as every front end receives it: a code from a closed set (the UI
//! translates it, never parsing messages) and an English message with the details (shown beneath
//! the translation; the CLI prints it).

use michi_core::EditError;
use michi_csv::{CsvError, RowProblem};
use michi_store::StoreError;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    NotFound,
    AlreadyExists,
    NotAWorkspace,
    Corrupt,
    TooNew,
    /// A workspace file past one of Michi's limits (its size, a value's length, a version's rows;
    /// the message names it).
    TooLarge,
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
    /// A REFI-QDA project (.qdpx) Michi cannot read.
    BadProject,
    /// A diagnosis settings file that is not valid JSON or names rules Michi does not have.
    BadConfig,
    /// A request that does not fit the use case (an unknown output format, an ambiguous name).
    InvalidRequest,
    /// A picture or document that could not be drawn (no Japanese font installed, a picture too large).
    RenderFailed,
    /// A change to the workspace's versions that was refused (`reason`: `emptyName`, `nameTaken`,
    /// `lastOne`, `current`, `notFound`, `unknown`).
    Version,
    /// A workshop participant without a valid token, or a wrong PIN.
    Unauthorized,
    /// A workshop participant's action refused (`reason`: `locked`, `tooLong`, `tooMany`, `name`,
    /// `full`), or an undo in a team workspace (`overtaken`: someone changed the same thing since;
    /// `noLongerApplies`).
    Refused,
    /// The team database cannot be reached (down, wrong address, refused the login).
    Unreachable,
    /// The team database refused or failed a request (a name taken or unknown, a newer schema).
    Database,
    /// The team database does not let this user do that (a reader editing, no access at all).
    Forbidden,
    /// Not produced by Michi's commands: the UI's code for failures outside them (a denied or
    /// malformed IPC call, a dialog that failed).
    Unexpected,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// The file concerned, when there is one.
    pub path: Option<String>,
    /// Why an edit was refused, as a key the UI translates (e.g. `connectIntoStartEvent`).
    pub reason: Option<String>,
    /// The cells at fault in an imported table, each with its line and column (the first ones).
    pub problems: Vec<RowProblem>,
    /// How many more cells are at fault than `problems` lists.
    pub more_problems: u32,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), path: None, reason: None, problems: Vec::new(), more_problems: 0 }
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

    /// A file that could not be written.
    pub fn unwritable(path: &std::path::Path, detail: impl std::fmt::Display) -> Self {
        AppError::new(ErrorCode::WriteFailed, format!("cannot write {}: {detail}", path.display())).with_path(path)
    }

    /// Something asked for that is not there (a journey, an account, a diagram).
    pub fn not_found(message: impl Into<String>) -> Self {
        AppError::new(ErrorCode::NotFound, message)
    }

    /// A workshop action refused, with the reason the participant's page translates.
    pub fn refused(reason: &str, message: impl Into<String>) -> Self {
        AppError { reason: Some(reason.to_string()), ..AppError::new(ErrorCode::Refused, message) }
    }

    /// A request that does not make sense as given (a format the use case does not write, say).
    pub fn invalid(message: impl Into<String>) -> Self {
        AppError::new(ErrorCode::InvalidRequest, message)
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}

impl From<michi_bpmn::BpmnError> for AppError {
    fn from(e: michi_bpmn::BpmnError) -> Self {
        AppError::new(ErrorCode::BadBpmn, e.to_string())
    }
}

impl From<michi_store_pg::PgError> for AppError {
    fn from(e: michi_store_pg::PgError) -> Self {
        use michi_store_pg::PgError;
        let (code, reason) = match e {
            // The same refusals as a file's, with the same codes and reasons.
            PgError::Edit(e) => return StoreError::Edit(e).into(),
            PgError::Version(v) => return StoreError::Version(v).into(),
            PgError::NothingToUndo => return StoreError::NothingToUndo.into(),
            PgError::NothingToRedo => return StoreError::NothingToRedo.into(),
            PgError::Connect(_) | PgError::Offline => (ErrorCode::Unreachable, None),
            PgError::Exists(_) => (ErrorCode::AlreadyExists, None),
            PgError::NoWorkspace { .. } | PgError::NoRole(_) => (ErrorCode::NotFound, None),
            PgError::Newer { .. } => (ErrorCode::TooNew, None),
            PgError::Query(_) => (ErrorCode::Database, None),
            PgError::Forbidden(_) => (ErrorCode::Forbidden, None),
            PgError::Overtaken { author, label } => {
                let what = michi_core::edit::history_name(&label);
                let message = format!(
                    "{author} has changed the same thing since ({} / {}): undoing would overwrite it",
                    what.ja, what.en
                );
                return AppError { reason: Some("overtaken".into()), ..AppError::new(ErrorCode::Refused, message) };
            }
            PgError::NoLongerApplies(_) => (ErrorCode::Refused, Some("noLongerApplies")),
            PgError::Corrupt(_) => (ErrorCode::Corrupt, None),
            PgError::Settings(_) => (ErrorCode::InvalidRequest, None),
            PgError::Queue(_) => (ErrorCode::WriteFailed, None),
        };
        AppError { reason: reason.map(str::to_string), ..AppError::new(code, e.to_string()) }
    }
}

impl From<michi_qda::QdaError> for AppError {
    fn from(e: michi_qda::QdaError) -> Self {
        AppError::new(ErrorCode::BadProject, e.to_string())
    }
}

impl From<michi_render::RenderError> for AppError {
    fn from(e: michi_render::RenderError) -> Self {
        AppError::new(ErrorCode::RenderFailed, e.to_string())
    }
}

impl From<michi_core::EditError> for AppError {
    fn from(e: michi_core::EditError) -> Self {
        StoreError::Edit(e).into()
    }
}

impl From<CsvError> for AppError {
    fn from(e: CsvError) -> Self {
        let message = e.to_string();
        let (problems, total) = match e {
            CsvError::Rows { problems, total } => (problems, total),
            _ => (Vec::new(), 0),
        };
        let more_problems = total.saturating_sub(problems.len() as u32);
        AppError { problems, more_problems, ..AppError::new(ErrorCode::BadCsv, message) }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        let message = e.to_string();
        let reason = match &e {
            StoreError::Edit(EditError::Process(p)) => Some(p.reason_key().to_string()),
            StoreError::Edit(EditError::Workshop(w)) => Some(w.reason_key().to_string()),
            StoreError::Version(v) => Some(
                match v {
                    michi_store::VersionError::NotFound(_) => "notFound",
                    michi_store::VersionError::Unknown { .. } => "unknown",
                    michi_store::VersionError::EmptyName => "emptyName",
                    michi_store::VersionError::NameTaken(_) => "nameTaken",
                    michi_store::VersionError::LastOne => "lastOne",
                    michi_store::VersionError::Current => "current",
                }
                .to_string(),
            ),
            StoreError::WriteFailed { cause, .. } => match cause {
                michi_store::WriteCause::Disk => Some("diskRefused".to_string()),
                michi_store::WriteCause::Moved => Some("fileMoved".to_string()),
                michi_store::WriteCause::Replaced => Some("fileReplaced".to_string()),
                michi_store::WriteCause::Other => None,
            },
            _ => None,
        };
        let (code, path) = match e {
            StoreError::NotFound(p) => (ErrorCode::NotFound, Some(p)),
            StoreError::AlreadyExists(p) => (ErrorCode::AlreadyExists, Some(p)),
            StoreError::NotAWorkspace { path, .. } => (ErrorCode::NotAWorkspace, Some(path)),
            StoreError::Corrupt { path, .. } => (ErrorCode::Corrupt, Some(path)),
            StoreError::TooNew { path, .. } => (ErrorCode::TooNew, Some(path)),
            StoreError::TooLarge { path, .. } => (ErrorCode::TooLarge, Some(path)),
            StoreError::ReadOnly { path } => (ErrorCode::ReadOnly, Some(path)),
            StoreError::Locked { path } => (ErrorCode::Locked, Some(path)),
            StoreError::WriteFailed { path, .. } => (ErrorCode::WriteFailed, Some(path)),
            StoreError::Io { path, .. } => (ErrorCode::Io, Some(path)),
            StoreError::NothingToUndo => (ErrorCode::NothingToUndo, None),
            StoreError::NothingToRedo => (ErrorCode::NothingToRedo, None),
            StoreError::Edit(_) => (ErrorCode::InvalidEdit, None),
            StoreError::Version(_) => (ErrorCode::Version, None),
        };
        AppError {
            code,
            message,
            path: path.map(|p| p.display().to_string()),
            reason,
            problems: Vec::new(),
            more_problems: 0,
        }
    }
}
