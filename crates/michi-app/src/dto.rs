//! What the front ends read back from the use cases (besides the core's read models): the open
//! workspace's state, the result of a change, the app's own information.

use michi_core::diagnose::Diagnosis;
use michi_core::diagnose::patch::DiagnosisPatch;
use michi_core::{ElementId, Text, ViewId};
use serde::Serialize;

use crate::screen::Shown;
use crate::settings::Language;
pub use crate::version::VersionDto;

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// The OS locale, e.g. `ja-JP`.
    pub os_locale: Option<String>,
    /// The language the user chose in Michi, if any.
    pub language: Option<Language>,
    /// The file named on the command line.
    pub launch_file: Option<String>,
}

/// The open workspace: what the title bar, the saved indicator, undo/redo and the problems panel show.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceState {
    pub path: String,
    pub name: String,
    pub revision: u32,
    /// What Undo would undo, named in both languages.
    pub undo: Option<Text>,
    pub redo: Option<Text>,
    /// Open read-only (the file is write-protected): view, derive, export and save a copy only.
    pub read_only: bool,
    /// The model diagnosis after this change: findings under the workspace's own settings.
    pub diagnosis: DiagnosisSent,
    /// The workspace's versions (as-is, to-be…), in the order they were made, and the one shown.
    pub versions: Vec<VersionDto>,
    pub version: u32,
    /// A team workspace's connection and the edits waiting or refused; none for a file.
    pub team: Option<TeamDto>,
}

/// The diagnosis as sent to a front end: whole, stamped for `Show::held_diagnosis`; or, when the
/// front end holds the one this session sent last, what changed from it (on a large workspace an
/// edit changes a few findings of a thousand).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum DiagnosisSent {
    Whole { diagnosis: Diagnosis, stamp: u32 },
    Patch { patch: DiagnosisPatch, base: u32, stamp: u32 },
}

impl DiagnosisSent {
    /// The diagnosis when it was sent whole.
    pub fn whole(&self) -> Option<&Diagnosis> {
        match self {
            DiagnosisSent::Whole { diagnosis, .. } => Some(diagnosis),
            DiagnosisSent::Patch { .. } => None,
        }
    }
}

/// A team workspace as its status shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TeamDto {
    /// Where the database is (host:port/database), never the password.
    pub location: String,
    pub name: String,
    /// The name the others see on this person's changes.
    pub author: String,
    /// The database lets this user change it (else the workspace is open read-only).
    pub can_edit: bool,
    /// The database can be reached and nothing waits to be sent.
    pub online: bool,
    /// Edits made while the database could not be reached, waiting to be sent, oldest first.
    pub pending: Vec<Text>,
    /// Edits the database refused when they were sent, with why, until dismissed.
    pub rejected: Vec<RejectedDto>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RejectedDto {
    pub label: Text,
    /// Why, as the database or the model said it (English).
    pub reason: String,
    /// What the edit needed and someone deleted meanwhile (its name as this person saw it).
    pub gone: Option<String>,
    /// When the edit was made (milliseconds since 1970, UTC).
    pub at_ms: f64,
}

/// A change someone else committed to the team workspace.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RemoteDto {
    pub author: String,
    pub label: Text,
}

/// A workspace just opened or created, with what its first screen shows.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Opened {
    pub state: WorkspaceState,
    pub shown: Shown,
}

/// The result of a change (an edit, undo, redo, an import): saved when it is returned.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EditResult {
    pub state: WorkspaceState,
    /// Elements the edit created, in order (to select the new card, say).
    pub created: Vec<ElementId>,
    /// Diagrams the edit created (to open the new process diagram).
    pub created_views: Vec<ViewId>,
    /// Notes for the user about what was done (e.g. parts of an imported file Michi kept as is).
    pub warnings: Vec<String>,
    /// What the screen shows after the change, so one call is all a change costs the UI.
    pub shown: Shown,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RecentFile {
    pub path: String,
    pub name: String,
    pub exists: bool,
}

/// A team workspace brought up to date: what others changed, and the state and screen after.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TeamSynced {
    pub remote: Vec<RemoteDto>,
    pub state: WorkspaceState,
    pub shown: Shown,
}
