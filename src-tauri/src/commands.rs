//! The IPC commands: each takes its arguments from the UI, calls one use case of `michi-app` and
//! returns its result. They run on the async runtime's threads (`#[tauri::command(async)]`), never
//! on the UI thread, and one at a time (the app mutex), so edits are applied in order.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use michi_app::outputs::{Output, OutputKind};
use michi_app::{
    App, AppError, AppInfo, EditResult, Language, Opened, RecentFile, Session, Show, Shown, WorkspaceState,
};
use michi_core::process::clip::Clip;
use michi_core::read::Outline;
use michi_core::{Edit, ElementId, ViewId};
use michi_csv::{AccountMapping, AccountPreview, EventMapping, Preview};
use tauri::State;

/// Everything the shell keeps between commands.
pub struct AppState {
    /// Shared with the workshop host, which edits through the same open workspace.
    app: Arc<Mutex<App>>,
    /// The workshop session, while one runs.
    pub(crate) workshop: Mutex<Option<michi_workshop::Running>>,
    launch_file: Option<PathBuf>,
    /// Prints the window to a PDF file; installed by the real app (see `lib.rs`), absent in tests
    /// on the mock runtime.
    printer: OnceLock<Printer>,
    snapshotter: OnceLock<Snapshotter>,
    /// Tells the window a workshop participant joined or changed something.
    pub(crate) activity: OnceLock<michi_workshop::Activity>,
}

/// Prints what the window shows to a PDF file.
pub type Printer = Box<dyn Fn(&Path) -> Result<(), String> + Send + Sync>;

/// Writes a PNG of a rectangle of the window (CSS pixels: x, y, width, height).
pub type Snapshotter = Box<dyn Fn(&Path, [f64; 4]) -> Result<(), String> + Send + Sync>;

/// A rectangle of the window in CSS pixels.
#[derive(Clone, Copy, Debug, serde::Deserialize, specta::Type)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl AppState {
    pub fn new(launch_file: Option<PathBuf>) -> Self {
        Self {
            app: Arc::new(Mutex::new(App::new())),
            workshop: Mutex::new(None),
            launch_file,
            printer: OnceLock::new(),
            snapshotter: OnceLock::new(),
            activity: OnceLock::new(),
        }
    }

    /// The app. A panic in another command is a bug, but the store keeps memory and file in step on
    /// its own, so the workspace stays usable.
    pub fn app(&self) -> MutexGuard<'_, App> {
        self.app.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The open workspace as the workshop host reaches it.
    pub(crate) fn shared_app(&self) -> Arc<Mutex<App>> {
        self.app.clone()
    }

    /// Stops the workshop session, if one runs (before the workspace it edits is closed or replaced).
    pub(crate) fn end_workshop(&self) {
        let running = self.workshop.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(running) = running {
            running.stop();
        }
    }

    pub fn install_activity(&self, activity: michi_workshop::Activity) {
        let _ = self.activity.set(activity);
    }

    pub fn install_printer(&self, printer: Printer) {
        let _ = self.printer.set(printer);
    }

    pub fn install_snapshotter(&self, snapshotter: Snapshotter) {
        let _ = self.snapshotter.set(snapshotter);
    }
}

/// Runs `f` on the open workspace.
fn with_session<T>(state: &AppState, f: impl FnOnce(&mut Session) -> Result<T, AppError>) -> Result<T, AppError> {
    f(state.app().session()?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        os_locale: sys_locale::get_locale(),
        language: state.app().language(),
        launch_file: state.launch_file.as_ref().map(|p| p.display().to_string()),
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_language(state: State<'_, AppState>, language: Option<Language>) -> Result<(), AppError> {
    state.app().set_language(language)
}

#[tauri::command(async)]
#[specta::specta]
pub fn recent_files(state: State<'_, AppState>) -> Result<Vec<RecentFile>, AppError> {
    Ok(state.app().recent_files())
}

#[tauri::command(async)]
#[specta::specta]
pub fn forget_recent_file(state: State<'_, AppState>, path: String) -> Result<(), AppError> {
    state.app().forget_recent_file(Path::new(&path))
}

/// Creates a workspace file (empty, or holding the sample journeys) and opens it on `show`.
#[tauri::command(async)]
#[specta::specta]
pub fn new_workspace(
    state: State<'_, AppState>,
    path: String,
    with_sample: bool,
    replace: bool,
    show: Show,
) -> Result<Opened, AppError> {
    state.end_workshop();
    state.app().create(Path::new(&path), with_sample, replace, &show)
}

#[tauri::command(async)]
#[specta::specta]
pub fn open_workspace(state: State<'_, AppState>, path: String, show: Show) -> Result<Opened, AppError> {
    state.end_workshop();
    state.app().open(Path::new(&path), &show)
}

/// Save As: writes the open workspace to `path` and goes on in the copy.
#[tauri::command(async)]
#[specta::specta]
pub fn save_workspace_as(
    state: State<'_, AppState>,
    path: String,
    replace: bool,
    show: Show,
) -> Result<Opened, AppError> {
    state.end_workshop();
    state.app().save_as(Path::new(&path), replace, &show)
}

/// Writes a copy of the open workspace to `path`, staying in the open one.
#[tauri::command(async)]
#[specta::specta]
pub fn save_workspace_copy(state: State<'_, AppState>, path: String, replace: bool) -> Result<(), AppError> {
    state.app().save_copy(Path::new(&path), replace)
}

/// Opens the team workspace `name` of the PostgreSQL database at `url` (a connection string or URL).
#[tauri::command(async)]
#[specta::specta]
pub fn open_team_workspace(
    state: State<'_, AppState>,
    url: String,
    name: String,
    show: Show,
) -> Result<Opened, AppError> {
    state.end_workshop();
    state.app().open_team(&url, &name, &show)
}

/// "Share with a team…": the open workspace copied into the database at `url` as `name` (the file's
/// name when empty), then edited there.
#[tauri::command(async)]
#[specta::specta]
pub fn share_with_team(
    state: State<'_, AppState>,
    url: String,
    name: Option<String>,
    show: Show,
) -> Result<Opened, AppError> {
    state.end_workshop();
    state.app().share(&url, name.as_deref(), &show)
}

/// The team workspaces of the database at `url`.
#[tauri::command(async)]
#[specta::specta]
pub fn team_workspaces(url: String) -> Result<Vec<String>, AppError> {
    michi_app::team::list(&url)
}

/// The team workspaces opened before (their connections without passwords), most recent first.
#[tauri::command(async)]
#[specta::specta]
pub fn recent_teams(state: State<'_, AppState>) -> Result<Vec<michi_app::RecentTeam>, AppError> {
    Ok(state.app().recent_teams())
}

/// Brings the open team workspace up to date (after a `team-activity` event): what others changed,
/// and the state and screen after.
#[tauri::command(async)]
#[specta::specta]
pub fn sync_team(state: State<'_, AppState>, show: Show) -> Result<michi_app::TeamSynced, AppError> {
    with_session(&state, |s| s.sync_team_shown(&show))
}

/// Forgets the edits the database refused, once seen.
#[tauri::command(async)]
#[specta::specta]
pub fn dismiss_rejected(state: State<'_, AppState>) -> Result<WorkspaceState, AppError> {
    with_session(&state, |s| {
        s.dismiss_rejected()?;
        s.state()
    })
}

/// The name the others see on this person's changes in team workspaces.
#[tauri::command(async)]
#[specta::specta]
pub fn team_author(state: State<'_, AppState>) -> Result<String, AppError> {
    Ok(state.app().author())
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_team_author(state: State<'_, AppState>, author: Option<String>) -> Result<(), AppError> {
    state.app().set_author(author)
}

/// The `team-activity` event's payload: `changed`, `offline` or `online`.
pub fn team_signal(signal: michi_app::TeamSignal) -> &'static str {
    match signal {
        michi_app::TeamSignal::Changed => "changed",
        michi_app::TeamSignal::Offline => "offline",
        michi_app::TeamSignal::Online => "online",
    }
}

#[tauri::command(async)]
#[specta::specta]
pub fn close_workspace(state: State<'_, AppState>) -> Result<(), AppError> {
    state.end_workshop();
    state.app().close();
    Ok(())
}

#[tauri::command(async)]
#[specta::specta]
pub fn current_workspace(state: State<'_, AppState>) -> Result<Option<WorkspaceState>, AppError> {
    state.app().current().map(Session::state).transpose()
}

/// What a screen shows: the outline, the glossary, the state layer and the screen's read model.
#[tauri::command(async)]
#[specta::specta]
pub fn show(state: State<'_, AppState>, show: Show) -> Result<Shown, AppError> {
    with_session(&state, |s| s.show(&show))
}

#[tauri::command(async)]
#[specta::specta]
pub fn outline(state: State<'_, AppState>) -> Result<Outline, AppError> {
    with_session(&state, |s| Ok(michi_core::read::outline(s.workspace())))
}

/// Applies an edit; when this returns, the edit is saved, and the result holds what `show` shows now.
#[tauri::command(async)]
#[specta::specta]
pub fn edit(state: State<'_, AppState>, edit: Edit, show: Show) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.edit(edit, &show))
}

#[tauri::command(async)]
#[specta::specta]
pub fn undo(state: State<'_, AppState>, show: Show) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.undo(&show))
}

#[tauri::command(async)]
#[specta::specta]
pub fn redo(state: State<'_, AppState>, show: Show) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.redo(&show))
}

/// A new version copied from version `from` (the as-is forked into a to-be), edited from now on.
#[tauri::command(async)]
#[specta::specta]
pub fn fork_version(state: State<'_, AppState>, from: u32, name: String, show: Show) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.fork_version(from, &name, &show))
}

#[tauri::command(async)]
#[specta::specta]
pub fn switch_version(state: State<'_, AppState>, id: u32, show: Show) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.switch_version(id, &show))
}

#[tauri::command(async)]
#[specta::specta]
pub fn rename_version(state: State<'_, AppState>, id: u32, name: String, show: Show) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.rename_version(id, &name, &show))
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_version(state: State<'_, AppState>, id: u32, show: Show) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.delete_version(id, &show))
}

/// Takes one change of the diff from version `from` to the edited one back, as one undoable edit.
#[tauri::command(async)]
#[specta::specta]
pub fn take_back(
    state: State<'_, AppState>,
    from: u32,
    change: michi_core::diff::Change,
    show: Show,
) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.take_back(from, &change, &show))
}

/// Writes the gap list (against `against`, else the version this one was made from) as Markdown,
/// HTML, PDF, CSV or JSON by the file's extension.
#[tauri::command(async)]
#[specta::specta]
pub fn export_gaps(
    state: State<'_, AppState>,
    against: Option<u32>,
    language: Language,
    path: String,
) -> Result<(), AppError> {
    with_session(&state, |s| s.export_gaps(against, language, &michi_app::files::absolute(&path)))
}

/// The quotes behind an element, newest first.
#[tauri::command(async)]
#[specta::specta]
pub fn quotes_behind(
    state: State<'_, AppState>,
    element: ElementId,
) -> Result<Vec<michi_core::derive::evidence::QuoteRow>, AppError> {
    with_session(&state, |s| Ok(s.quotes_behind(&element)))
}

/// Writes the evidence (coverage and the quotes behind each element) by the file's extension.
#[tauri::command(async)]
#[specta::specta]
pub fn export_evidence(state: State<'_, AppState>, language: Language, path: String) -> Result<(), AppError> {
    with_session(&state, |s| s.export_evidence(language, &michi_app::files::absolute(&path)))
}

/// Imports quotes from a CSV file (date, account, perspective, quote, tags) as one undo step.
#[tauri::command(async)]
#[specta::specta]
pub fn import_quotes_csv(state: State<'_, AppState>, path: String, show: Show) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.import_quotes_csv(Path::new(&path), &show))
}

/// Imports conversations from a Markdown file as one undo step.
#[tauri::command(async)]
#[specta::specta]
pub fn import_conversations(state: State<'_, AppState>, path: String, show: Show) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.import_conversations(Path::new(&path), &show))
}

/// Imports skill assessments from a CSV file (long or wide) as one undo step.
#[tauri::command(async)]
#[specta::specta]
pub fn import_assessments_csv(state: State<'_, AppState>, path: String, show: Show) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.import_assessments_csv(Path::new(&path), &show))
}

/// Writes the skill matrix's gaps (Markdown, HTML, PDF, CSV or JSON by the file's extension).
#[tauri::command(async)]
#[specta::specta]
pub fn export_skill_gaps(
    state: State<'_, AppState>,
    as_of: Option<f64>,
    language: Language,
    path: String,
) -> Result<(), AppError> {
    with_session(&state, |s| s.export_skill_gaps(as_of, language, &michi_app::files::absolute(&path)))
}

/// Writes the assessments, long (every one) or wide (the matrix at a day), as CSV.
#[tauri::command(async)]
#[specta::specta]
pub fn export_assessments(
    state: State<'_, AppState>,
    shape: michi_core::derive::skills::AssessmentShape,
    as_of: Option<f64>,
    language: Language,
    path: String,
) -> Result<(), AppError> {
    with_session(&state, |s| s.export_assessments(shape, as_of, language, &michi_app::files::absolute(&path)))
}

/// Copies shapes of a diagram (with the connectors between them) for [`Edit::Paste`].
#[tauri::command(async)]
#[specta::specta]
pub fn copy_shapes(state: State<'_, AppState>, view: ViewId, ids: Vec<ElementId>) -> Result<Clip, AppError> {
    with_session(&state, |s| Ok(michi_core::process::clip::copy(s.workspace(), &view, &ids)))
}

/// The start of a CSV file of case events and a guessed column mapping, for the mapping dialog.
#[tauri::command(async)]
#[specta::specta]
pub fn csv_preview(path: String) -> Result<Preview, AppError> {
    michi_app::tables::events_preview(Path::new(&path))
}

/// Imports a CSV of case events as a dated state snapshot of `target`: all rows or none.
#[tauri::command(async)]
#[specta::specta]
#[allow(clippy::too_many_arguments)]
pub fn import_state_csv(
    state: State<'_, AppState>,
    path: String,
    mapping: EventMapping,
    target: ElementId,
    name: String,
    as_of: Option<f64>,
    show: Show,
) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.import_state_csv(Path::new(&path), &mapping, &target, name, as_of, &show))
}

/// The start of an accounts CSV, a guessed mapping, and which of the health model's columns it has.
#[tauri::command(async)]
#[specta::specta]
pub fn accounts_preview(state: State<'_, AppState>, path: String) -> Result<AccountPreview, AppError> {
    with_session(&state, |s| s.accounts_preview(Path::new(&path)))
}

/// Imports an accounts CSV as a dated account snapshot: one undo step, all rows or none.
#[tauri::command(async)]
#[specta::specta]
#[allow(clippy::too_many_arguments)]
pub fn import_accounts_csv(
    state: State<'_, AppState>,
    path: String,
    mapping: AccountMapping,
    journey: Option<ElementId>,
    name: String,
    as_of: f64,
    show: Show,
) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.import_accounts_csv(Path::new(&path), &mapping, journey.as_ref(), name, as_of, &show))
}

/// The sample accounts that ship with the app, imported as a file is: one undo step.
#[tauri::command(async)]
#[specta::specta]
pub fn import_sample_accounts(state: State<'_, AppState>, show: Show) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.import_sample_accounts(&show))
}

/// Imports a BPMN 2.0 file into the open workspace as one undo step.
#[tauri::command(async)]
#[specta::specta]
pub fn import_bpmn(state: State<'_, AppState>, path: String, show: Show) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.import_bpmn(Path::new(&path), &show))
}

/// Writes process models as one BPMN 2.0 file, whole or not at all.
#[tauri::command(async)]
#[specta::specta]
pub fn export_bpmn(state: State<'_, AppState>, path: String, models: Vec<ElementId>) -> Result<(), AppError> {
    with_session(&state, |s| s.export_bpmn(&michi_app::files::absolute(&path), &models))
}

/// Every diagnosis rule with its documentation, for the settings panel.
#[tauri::command(async)]
#[specta::specta]
pub fn rule_catalog() -> Vec<michi_core::diagnose::RuleInfo> {
    michi_core::diagnose::rule_infos()
}

/// Writes the workspace's diagnosis settings as a JSON file a team can share.
#[tauri::command(async)]
#[specta::specta]
pub fn export_lint_config(state: State<'_, AppState>, path: String) -> Result<(), AppError> {
    with_session(&state, |s| s.export_lint_config(&michi_app::files::absolute(&path)))
}

/// Reads a shared diagnosis settings file into the workspace (one undoable edit).
#[tauri::command(async)]
#[specta::specta]
pub fn import_lint_config(state: State<'_, AppState>, path: String, show: Show) -> Result<EditResult, AppError> {
    with_session(&state, |s| s.import_lint_config(Path::new(&path), &show))
}

/// The workspace's catalog with every entry present (built-in text where the workspace has none):
/// what the catalog editor shows.
#[tauri::command(async)]
#[specta::specta]
pub fn catalog(state: State<'_, AppState>) -> Result<michi_core::element::Catalog, AppError> {
    with_session(&state, |s| Ok(s.workspace().catalog().complete()))
}

/// Writes a derived document (a journey's playbook or metrics catalog, or the org recommendation)
/// as Markdown or self-contained HTML, chosen by the file's extension, in the UI's language.
#[tauri::command(async)]
#[specta::specta]
pub fn export_output(
    state: State<'_, AppState>,
    kind: OutputKind,
    journey: ElementId,
    segment: Option<ElementId>,
    language: Language,
    path: String,
) -> Result<(), AppError> {
    let output = Output::new(kind, journey, segment);
    with_session(&state, |s| s.export_output(&output, language, &michi_app::files::absolute(&path)))
}

/// Writes a diagram (a process diagram or a journey map) as an SVG picture, drawn by Rust.
#[tauri::command(async)]
#[specta::specta]
pub fn export_svg(state: State<'_, AppState>, view: ViewId, language: Language, path: String) -> Result<(), AppError> {
    with_session(&state, |s| s.export_svg(&view, language, &michi_app::files::absolute(&path)))
}

/// Prints what the window shows (the outputs view, laid out by its print style) to a PDF file with
/// the webview's own print engine, so Japanese text is typeset with the fonts seen on screen.
#[tauri::command(async)]
#[specta::specta]
pub fn export_pdf(state: State<'_, AppState>, path: String) -> Result<(), AppError> {
    let path = michi_app::files::absolute(&path);
    let printer = state.printer.get().ok_or_else(|| AppError::unwritable(&path, "printing is not available here"))?;
    printer(&path).map_err(|e| AppError::unwritable(&path, e))?;
    if std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) == 0 {
        return Err(AppError::unwritable(&path, "the printer wrote nothing"));
    }
    Ok(())
}

/// Writes a PNG of what the window shows inside `rect` (the diagram on screen, as drawn).
#[tauri::command(async)]
#[specta::specta]
pub fn export_png(state: State<'_, AppState>, path: String, rect: Rect) -> Result<(), AppError> {
    let path = michi_app::files::absolute(&path);
    let snap = state.snapshotter.get().ok_or_else(|| AppError::unwritable(&path, "pictures are not available here"))?;
    snap(&path, [rect.x, rect.y, rect.width, rect.height]).map_err(|e| AppError::unwritable(&path, e))
}
