//! One open workspace and the use cases that change it. Every change is committed to the file before
//! its method returns (the store's guarantee) and answers with what the screen redraws.

use std::path::{Path, PathBuf};

use michi_core::{Edit, Workspace, sample};
use michi_store::{Outcome, Store};

use crate::dto::{EditResult, WorkspaceState};
use crate::error::AppError;
use crate::files;
use crate::screen::{Show, Shown, shown};

/// An open workspace file: open for editing, or — when the file is write-protected — read-only,
/// to view, derive, export and save a copy of.
pub struct Session {
    backing: Backing,
}

enum Backing {
    Store(Store),
    ReadOnly { path: PathBuf, workspace: Workspace },
}

impl Session {
    /// Creates a workspace file (empty, or holding the sample journeys) and opens it. Refuses an
    /// existing file unless `replace`.
    pub fn create(path: &Path, with_sample: bool, replace: bool) -> Result<Session, AppError> {
        let initial = if with_sample { sample::sample() } else { Workspace::new() };
        Session::create_with(path, &initial, replace)
    }

    /// Creates a workspace file holding `initial` and opens it.
    pub fn create_with(path: &Path, initial: &Workspace, replace: bool) -> Result<Session, AppError> {
        if !replace && path.exists() {
            return Err(michi_store::StoreError::AlreadyExists(path.to_path_buf()).into());
        }
        Ok(Session { backing: Backing::Store(Store::create(path, initial, replace)?) })
    }

    /// Opens a workspace file for editing (upgrading an older format). A write-protected file opens
    /// read-only (its older format upgraded in memory only); a file that is not a workspace, is
    /// damaged, newer, or open in another Michi is refused untouched.
    pub fn open(path: &Path) -> Result<Session, AppError> {
        match Store::open(path) {
            Ok(store) => Ok(Session { backing: Backing::Store(store) }),
            Err(michi_store::StoreError::ReadOnly { .. }) => {
                let snapshot = Store::read(path)?;
                Ok(Session { backing: Backing::ReadOnly { path: path.to_path_buf(), workspace: snapshot.workspace } })
            }
            Err(e) => Err(e.into()),
        }
    }

    pub fn path(&self) -> &Path {
        match &self.backing {
            Backing::Store(store) => store.path(),
            Backing::ReadOnly { path, .. } => path,
        }
    }

    pub fn workspace(&self) -> &Workspace {
        match &self.backing {
            Backing::Store(store) => store.workspace(),
            Backing::ReadOnly { workspace, .. } => workspace,
        }
    }

    /// Whether the file is open read-only (write-protected): no edit, undo or redo.
    pub fn is_read_only(&self) -> bool {
        matches!(self.backing, Backing::ReadOnly { .. })
    }

    /// Ids from a fixed sequence from now on (tests compare files made twice).
    pub fn use_sequential_ids(&mut self) {
        if let Backing::Store(store) = &mut self.backing {
            store.set_id_gen(michi_core::IdGen::sequential());
        }
    }

    /// Writes the workspace as it is now to a new file at `path` (refusing an existing one unless
    /// `replace`); the copy starts its own history. The open file is not changed.
    pub fn save_copy(&self, path: &Path, replace: bool) -> Result<(), AppError> {
        if files::absolute(path) == files::absolute(self.path()) {
            return Err(AppError::invalid("a copy cannot replace the file it is a copy of"));
        }
        if !replace && path.exists() {
            return Err(michi_store::StoreError::AlreadyExists(path.to_path_buf()).into());
        }
        Store::create(path, self.workspace(), replace)?;
        Ok(())
    }

    /// The title, history and diagnosis of the workspace as it is now.
    pub fn state(&self) -> Result<WorkspaceState, AppError> {
        let (revision, undo, redo) = match &self.backing {
            Backing::Store(store) => {
                let history = store.history_info()?;
                (
                    u32::try_from(store.revision()).unwrap_or(u32::MAX),
                    history.undo.as_deref().map(michi_core::edit::history_name),
                    history.redo.as_deref().map(michi_core::edit::history_name),
                )
            }
            Backing::ReadOnly { .. } => (0, None, None),
        };
        Ok(WorkspaceState {
            path: self.path().display().to_string(),
            name: files::stem(self.path()),
            revision,
            undo,
            redo,
            read_only: self.is_read_only(),
            diagnosis: michi_core::diagnose::diagnosis(self.workspace()),
        })
    }

    /// What `show` shows now.
    pub fn show(&self, show: &Show) -> Shown {
        shown(self.workspace(), show)
    }

    /// Applies an edit; when this returns, the edit is saved.
    pub fn edit(&mut self, edit: Edit, show: &Show) -> Result<EditResult, AppError> {
        let outcome = self.store()?.edit(edit)?;
        self.changed(outcome, Vec::new(), show)
    }

    /// Applies an edit recorded in the history as `label` (an import of several edits is one step).
    pub(crate) fn edit_as(&mut self, label: &str, edit: Edit, show: &Show) -> Result<EditResult, AppError> {
        let outcome = self.store()?.edit_as(label, edit)?;
        self.changed(outcome, Vec::new(), show)
    }

    pub fn undo(&mut self, show: &Show) -> Result<EditResult, AppError> {
        let outcome = self.store()?.undo()?;
        self.changed(outcome, Vec::new(), show)
    }

    pub fn redo(&mut self, show: &Show) -> Result<EditResult, AppError> {
        let outcome = self.store()?.redo()?;
        self.changed(outcome, Vec::new(), show)
    }

    /// The store, to change the file; a read-only workspace refuses every change.
    pub(crate) fn store(&mut self) -> Result<&mut Store, AppError> {
        match &mut self.backing {
            Backing::Store(store) => Ok(store),
            Backing::ReadOnly { path, .. } => Err(AppError::new(
                crate::error::ErrorCode::ReadOnly,
                format!("{} is open read-only (the file is write-protected): save a copy to edit it", path.display()),
            )
            .with_path(path)),
        }
    }

    /// The result of a change just committed.
    pub(crate) fn changed(&self, outcome: Outcome, warnings: Vec<String>, show: &Show) -> Result<EditResult, AppError> {
        Ok(EditResult {
            state: self.state()?,
            created: outcome.created,
            created_views: outcome.created_views,
            warnings,
            shown: self.show(show),
        })
    }
}
