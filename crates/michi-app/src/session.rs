//! One open workspace and the use cases that change it. Every change is committed to the file before
//! its method returns (the store's guarantee) and answers with what the screen redraws.

use std::path::Path;

use michi_core::{Edit, Workspace, sample};
use michi_store::{Outcome, Store};

use crate::dto::{EditResult, WorkspaceState};
use crate::error::AppError;
use crate::files;
use crate::screen::{Show, Shown, shown};

/// An open workspace file.
pub struct Session {
    store: Store,
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
        Ok(Session { store: Store::create(path, initial, replace)? })
    }

    /// Opens a workspace file for editing (upgrading an older format); a file that is not a
    /// workspace, is damaged, newer, read-only or open elsewhere is refused untouched.
    pub fn open(path: &Path) -> Result<Session, AppError> {
        Ok(Session { store: Store::open(path)? })
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    pub fn workspace(&self) -> &Workspace {
        self.store.workspace()
    }

    /// Ids from a fixed sequence from now on (tests compare files made twice).
    pub fn use_sequential_ids(&mut self) {
        self.store.set_id_gen(michi_core::IdGen::sequential());
    }

    /// The title, history and diagnosis of the workspace as it is now.
    pub fn state(&self) -> Result<WorkspaceState, AppError> {
        let history = self.store.history_info()?;
        Ok(WorkspaceState {
            path: self.store.path().display().to_string(),
            name: files::stem(self.store.path()),
            revision: u32::try_from(self.store.revision()).unwrap_or(u32::MAX),
            undo: history.undo.as_deref().map(michi_core::edit::history_name),
            redo: history.redo.as_deref().map(michi_core::edit::history_name),
            diagnosis: michi_core::diagnose::diagnosis(self.store.workspace()),
        })
    }

    /// What `show` shows now.
    pub fn show(&self, show: &Show) -> Shown {
        shown(self.workspace(), show)
    }

    /// Applies an edit; when this returns, the edit is saved.
    pub fn edit(&mut self, edit: Edit, show: &Show) -> Result<EditResult, AppError> {
        let outcome = self.store.edit(edit)?;
        self.changed(outcome, Vec::new(), show)
    }

    /// Applies an edit recorded in the history as `label` (an import of several edits is one step).
    pub(crate) fn edit_as(&mut self, label: &str, edit: Edit, show: &Show) -> Result<EditResult, AppError> {
        let outcome = self.store.edit_as(label, edit)?;
        self.changed(outcome, Vec::new(), show)
    }

    pub fn undo(&mut self, show: &Show) -> Result<EditResult, AppError> {
        let outcome = self.store.undo()?;
        self.changed(outcome, Vec::new(), show)
    }

    pub fn redo(&mut self, show: &Show) -> Result<EditResult, AppError> {
        let outcome = self.store.redo()?;
        self.changed(outcome, Vec::new(), show)
    }

    pub(crate) fn store(&mut self) -> &mut Store {
        &mut self.store
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
