//! Michi's application layer: the use cases every front end shares, over the core, the store and
//! the file formats. The desktop shell (Tauri), the `michi` CLI and any server are thin adapters:
//! they parse their input, call one method here and print or send what it returns.
//!
//! - [`App`]: the desktop app's state (its settings and the open workspace): open, create, close,
//!   recent files, language.
//! - [`Session`]: one open workspace and its use cases: edit, undo and redo answering with what the
//!   screen redraws ([`Show`] → [`Shown`]); imports (BPMN, case events, accounts, diagnosis
//!   settings); exports (BPMN, documents, pictures).
//! - Read-only use cases over a workspace, for the CLI and the session alike: [`outputs`] (derived
//!   documents and pictures in every format), [`lint`] (the diagnosis of files), [`health`]
//!   (accounts scored without storing them), [`info`].
//! - [`AppError`]: the one error, a closed set of codes with an English message.
//!
//! Errors are [`AppError`]; files are written whole or not at all ([`files::write_whole`]).

mod app;
pub mod bpmn;
pub mod diff;
mod dto;
mod error;
pub mod evidence;
pub mod files;
pub mod gaps;
pub mod health;
pub mod info;
pub mod lint;
pub mod outputs;
mod screen;
mod session;
mod settings;
pub mod skills;
pub mod tables;
pub mod team;
mod version;
pub mod vocabulary;
pub mod workshop;

pub use app::App;
pub use dto::{
    AppInfo, DiagnosisSent, EditResult, Opened, RecentFile, RejectedDto, RemoteDto, TeamDto, TeamSynced, VersionDto,
    WorkspaceState,
};
pub use error::{AppError, ErrorCode};
pub use michi_store_pg::Signal as TeamSignal;
pub use screen::{HealthModelState, OverlayRequest, RoleChoice, Screen, ScreenData, Show, Shown, ShownOverlay};
pub use session::Session;
pub use settings::{Language, RecentTeam, Settings};

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// The workspace in a file, read without opening it for editing (nothing is locked or written): what
/// the CLI's read-only commands work on.
pub fn read(path: &std::path::Path) -> Result<michi_store::Snapshot> {
    Ok(michi_store::Store::read(path)?)
}
