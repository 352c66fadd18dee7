//! BPMN 2.0 interchange: a file imported into the open workspace as one undo step, or into a new
//! workspace file; process models exported as one file.

use std::path::Path;

use michi_core::{ElementId, ElementKind, IdGen, Workspace};

use crate::dto::EditResult;
use crate::error::{AppError, ErrorCode};
use crate::files;
use crate::screen::{Screen, Show};
use crate::session::Session;

/// A BPMN file read into an empty workspace.
pub struct BpmnWorkspace {
    pub workspace: Workspace,
    /// Elements and diagrams the file made.
    pub elements: usize,
    pub diagrams: usize,
    /// Parts of the file Michi kept as they were (see `michi_bpmn::Imported::warnings`).
    pub warnings: Vec<String>,
}

/// A BPMN file's bytes, refused past `michi_bpmn::Limits`' size before it is read.
fn read_bpmn_file(path: &Path) -> Result<Vec<u8>, AppError> {
    files::read_within(path, michi_bpmn::Limits::default().max_bytes, ErrorCode::BadBpmn, "a BPMN file")
}

/// The workspace a BPMN file makes on its own: what `michi lint` diagnoses and `michi import` stores.
pub fn read_bpmn(path: &Path, ids: &mut IdGen) -> Result<BpmnWorkspace, AppError> {
    let bytes = read_bpmn_file(path)?;
    let mut workspace = Workspace::new();
    let imported = michi_bpmn::import(&bytes, &workspace, ids, &michi_bpmn::Limits::default()).map_err(|e| {
        let e = AppError::from(e);
        AppError { message: format!("{}: {}", path.display(), e.message), ..e }.with_path(path)
    })?;
    michi_core::apply(&mut workspace, imported.op)
        .map_err(|e| AppError::from(michi_core::EditError::from(e)).with_path(path))?;
    Ok(BpmnWorkspace {
        workspace,
        elements: imported.element_count,
        diagrams: imported.views.len(),
        warnings: imported.warnings,
    })
}

/// Imports a BPMN file into a new workspace file at `output` (refusing an existing one unless
/// `replace`).
pub fn import_into_new(bpmn: &Path, output: &Path, replace: bool) -> Result<BpmnWorkspace, AppError> {
    let read = read_bpmn(bpmn, &mut IdGen::random())?;
    Session::create_with(output, &read.workspace, replace)?;
    Ok(read)
}

/// Writes every process model of the workspace file at `workspace` to one BPMN file; returns how
/// many models were written.
pub fn export_all(workspace: &Path, output: &Path) -> Result<usize, AppError> {
    let snapshot = crate::read(workspace)?;
    let mut models: Vec<ElementId> =
        snapshot.workspace.elements_of_kind(ElementKind::ProcessModel).map(|e| e.id.clone()).collect();
    if models.is_empty() {
        return Err(AppError::not_found(format!("{} has no process model to export", workspace.display())));
    }
    models.sort();
    write(&snapshot.workspace, &models, output)?;
    Ok(models.len())
}

fn write(ws: &Workspace, models: &[ElementId], path: &Path) -> Result<(), AppError> {
    let xml = michi_bpmn::export(ws, models).map_err(|e| AppError::new(ErrorCode::InvalidEdit, e.to_string()))?;
    files::write_whole(path, xml)
}

use crate::session::Writer;

impl Session {
    /// Imports a BPMN 2.0 file into the workspace as one undo step, and shows its first diagram
    /// (what a person importing a file wants to see; `show` is kept for the rest: the overlay, the
    /// comparison).
    pub fn import_bpmn(&mut self, path: &Path, show: &Show) -> Result<EditResult, AppError> {
        let bytes = read_bpmn_file(path)?;
        let import = |ws: &michi_core::Workspace, ids: &mut michi_core::IdGen| {
            michi_bpmn::import(&bytes, ws, ids, &michi_bpmn::Limits::default())
        };
        let imported = match self.writer()? {
            Writer::File(store) => store.with_ids(import),
            Writer::Team(team) => team.with_ids(import),
        }
        .map_err(|e| AppError::from(e).with_path(path))?;
        let created = vec![imported.model.clone()];
        let outcome = match self.writer()? {
            Writer::File(store) => store.apply_op("importBpmn", imported.op, created, imported.views)?,
            Writer::Team(team) => team.apply_op("importBpmn", imported.op, created, imported.views)?,
        };
        let show = match outcome.created_views.first() {
            Some(view) => Show { screen: Screen::ProcessDiagram { view: view.clone() }, ..show.clone() },
            None => show.clone(),
        };
        self.changed(outcome, imported.warnings, &show)
    }

    /// Writes process models as one BPMN 2.0 file, whole or not at all.
    pub fn export_bpmn(&self, path: &Path, models: &[ElementId]) -> Result<(), AppError> {
        write(self.workspace(), models, path)
    }
}
