//! The IPC commands. Each is a few lines: take the open workspace, call the core or the store, map
//! the result. They run on the async runtime's threads (`#[tauri::command(async)]`), never on the UI
//! thread, and one at a time per workspace (the session mutex), so edits are applied in order.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use michi_core::element::ElementData;
use michi_core::glossary::Glossary;
use michi_core::process::clip::Clip;
use michi_core::process::read::ProcessDiagram;
use michi_core::read::{JourneyMap, Outline};
use michi_core::state::StateOverlay;
use michi_core::{Edit, ElementId, ViewId, Workspace, read, sample};
use michi_csv::{EventMapping, Preview};
use michi_store::Store;
use serde::Serialize;
use tauri::State;

use crate::error::{AppError, ErrorCode};
use crate::settings::{Language, Settings};

/// Everything the shell keeps between commands.
pub struct AppState {
    session: Mutex<Option<Store>>,
    settings: Mutex<Settings>,
    /// Known once the app has started (Tauri resolves the default); tests set it up front.
    config_dir: OnceLock<PathBuf>,
    launch_file: Option<PathBuf>,
    /// Prints the window to a PDF file; installed by the real app (see `lib.rs`), absent in tests
    /// on the mock runtime.
    printer: OnceLock<Printer>,
    snapshotter: OnceLock<Snapshotter>,
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
            session: Mutex::new(None),
            settings: Mutex::new(Settings::default()),
            config_dir: OnceLock::new(),
            launch_file,
            printer: OnceLock::new(),
            snapshotter: OnceLock::new(),
        }
    }

    /// Sets the config folder (once) and reads the settings kept there.
    pub fn use_config_dir(&self, dir: PathBuf) {
        if self.config_dir.set(dir.clone()).is_ok() {
            *self.settings() = Settings::load(&dir);
        }
    }

    pub fn has_config_dir(&self) -> bool {
        self.config_dir.get().is_some()
    }

    fn save_settings(&self, settings: &Settings) -> Result<(), AppError> {
        let dir = self.config_dir.get().ok_or_else(|| AppError::new(ErrorCode::Settings, "no config folder"))?;
        settings.save(dir)
    }

    fn session(&self) -> MutexGuard<'_, Option<Store>> {
        // A panic in another command is a bug, but the store keeps memory and file in step on its
        // own, so the workspace stays usable.
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn settings(&self) -> MutexGuard<'_, Settings> {
        self.settings.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn remember(&self, path: &Path) -> Result<(), AppError> {
        let mut settings = self.settings();
        settings.remember(path);
        self.save_settings(&settings)
    }
}

fn with_store<T>(state: &AppState, f: impl FnOnce(&mut Store) -> Result<T, AppError>) -> Result<T, AppError> {
    let mut session = state.session();
    let store = session.as_mut().ok_or_else(|| AppError::new(ErrorCode::NoWorkspace, "no workspace is open"))?;
    f(store)
}

#[derive(Clone, Debug, Serialize, specta::Type)]
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

/// The open workspace: what the title bar, the saved indicator and undo/redo show.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceState {
    pub path: String,
    pub name: String,
    pub revision: u32,
    /// The label of the edit Undo would undo (see `Edit::label`), if any.
    pub undo: Option<String>,
    pub redo: Option<String>,
    /// The model diagnosis after this change: findings under the workspace's own settings.
    pub diagnosis: michi_core::diagnose::Diagnosis,
}

#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EditResult {
    pub state: WorkspaceState,
    /// Elements the edit created, in order (to select the new card, say).
    pub created: Vec<ElementId>,
    /// Diagrams the edit created (to open the new process diagram).
    pub created_views: Vec<ViewId>,
    /// Notes for the user about what was done (e.g. parts of an imported file Michi kept as is).
    pub warnings: Vec<String>,
}

fn edit_result(store: &Store, outcome: michi_store::Outcome, warnings: Vec<String>) -> Result<EditResult, AppError> {
    Ok(EditResult { state: state_of(store)?, created: outcome.created, created_views: outcome.created_views, warnings })
}

#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RecentFile {
    pub path: String,
    pub name: String,
    pub exists: bool,
}

fn state_of(store: &Store) -> Result<WorkspaceState, AppError> {
    let history = store.history_info()?;
    Ok(WorkspaceState {
        path: store.path().display().to_string(),
        name: store.path().file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        revision: u32::try_from(store.revision()).unwrap_or(u32::MAX),
        undo: history.undo,
        redo: history.redo,
        diagnosis: michi_core::diagnose::diagnosis(store.workspace()),
    })
}

/// An absolute path for `path`, so that recent files and the "already open" check compare equal.
fn absolute(path: &str) -> PathBuf {
    let p = Path::new(path);
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Makes `store` the open workspace, closing the previous one.
fn install(state: &AppState, store: Store) -> Result<WorkspaceState, AppError> {
    let ws = state_of(&store)?;
    let path = store.path().to_path_buf();
    *state.session() = Some(store);
    // The workspace is open whatever happens to the recent-files list: failing the command here
    // would leave the UI believing it is not.
    if let Err(e) = state.remember(&path) {
        eprintln!("michi: {}", e.message);
    }
    Ok(ws)
}

#[tauri::command(async)]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        os_locale: sys_locale::get_locale(),
        language: state.settings().language,
        launch_file: state.launch_file.as_ref().map(|p| p.display().to_string()),
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_language(state: State<'_, AppState>, language: Option<Language>) -> Result<(), AppError> {
    let mut settings = state.settings();
    settings.language = language;
    state.save_settings(&settings)
}

#[tauri::command(async)]
#[specta::specta]
pub fn recent_files(state: State<'_, AppState>) -> Result<Vec<RecentFile>, AppError> {
    Ok(state
        .settings()
        .recent
        .iter()
        .map(|p| RecentFile {
            path: p.display().to_string(),
            name: p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            exists: p.is_file(),
        })
        .collect())
}

#[tauri::command(async)]
#[specta::specta]
pub fn forget_recent_file(state: State<'_, AppState>, path: String) -> Result<(), AppError> {
    let mut settings = state.settings();
    settings.forget(Path::new(&path));
    state.save_settings(&settings)
}

/// Creates a workspace file (empty, or holding the sample journeys) and opens it.
#[tauri::command(async)]
#[specta::specta]
pub fn new_workspace(
    state: State<'_, AppState>,
    path: String,
    with_sample: bool,
    replace: bool,
) -> Result<WorkspaceState, AppError> {
    let path = absolute(&path);
    let initial = if with_sample { sample::sample() } else { Workspace::new() };
    if !replace && path.exists() {
        return Err(michi_store::StoreError::AlreadyExists(path).into());
    }
    // The file being replaced may be the open one: close it first so it can be replaced.
    if replace {
        let mut session = state.session();
        if session.as_ref().is_some_and(|s| s.path() == path) {
            *session = None;
        }
    }
    let store = Store::create(&path, &initial, replace)?;
    install(&state, store)
}

#[tauri::command(async)]
#[specta::specta]
pub fn open_workspace(state: State<'_, AppState>, path: String) -> Result<WorkspaceState, AppError> {
    let path = absolute(&path);
    if let Some(store) = state.session().as_ref().filter(|s| s.path() == path) {
        return state_of(store);
    }
    let store = Store::open(&path)?;
    install(&state, store)
}

#[tauri::command(async)]
#[specta::specta]
pub fn close_workspace(state: State<'_, AppState>) -> Result<(), AppError> {
    *state.session() = None;
    Ok(())
}

#[tauri::command(async)]
#[specta::specta]
pub fn current_workspace(state: State<'_, AppState>) -> Result<Option<WorkspaceState>, AppError> {
    state.session().as_ref().map(state_of).transpose()
}

#[tauri::command(async)]
#[specta::specta]
pub fn outline(state: State<'_, AppState>) -> Result<Outline, AppError> {
    with_store(&state, |store| Ok(read::outline(store.workspace())))
}

#[tauri::command(async)]
#[specta::specta]
pub fn journey_map(state: State<'_, AppState>, view: ViewId) -> Result<JourneyMap, AppError> {
    with_store(&state, |store| {
        read::journey_map(store.workspace(), &view)
            .ok_or_else(|| AppError::new(ErrorCode::UnknownView, format!("there is no journey map {view}")))
    })
}

/// Applies an edit; when this returns, the edit is saved.
#[tauri::command(async)]
#[specta::specta]
pub fn edit(state: State<'_, AppState>, edit: Edit) -> Result<EditResult, AppError> {
    with_store(&state, |store| {
        let outcome = store.edit(edit)?;
        edit_result(store, outcome, Vec::new())
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn undo(state: State<'_, AppState>) -> Result<WorkspaceState, AppError> {
    with_store(&state, |store| {
        store.undo()?;
        state_of(store)
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn redo(state: State<'_, AppState>) -> Result<WorkspaceState, AppError> {
    with_store(&state, |store| {
        store.redo()?;
        state_of(store)
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn process_diagram(state: State<'_, AppState>, view: ViewId) -> Result<ProcessDiagram, AppError> {
    with_store(&state, |store| {
        michi_core::process::read::process_diagram(store.workspace(), &view)
            .ok_or_else(|| AppError::new(ErrorCode::UnknownView, format!("there is no process diagram {view}")))
    })
}

/// Copies shapes of a diagram (with the connectors between them) for [`Edit::Paste`].
#[tauri::command(async)]
#[specta::specta]
pub fn copy_shapes(state: State<'_, AppState>, view: ViewId, ids: Vec<ElementId>) -> Result<Clip, AppError> {
    with_store(&state, |store| Ok(michi_core::process::clip::copy(store.workspace(), &view, &ids)))
}

#[tauri::command(async)]
#[specta::specta]
pub fn glossary(state: State<'_, AppState>) -> Result<Glossary, AppError> {
    with_store(&state, |store| Ok(michi_core::glossary::glossary(store.workspace())))
}

/// What a state snapshot lays over the diagrams, compared with another snapshot if given.
#[tauri::command(async)]
#[specta::specta]
pub fn state_overlay(
    state: State<'_, AppState>,
    snapshot: ElementId,
    compare: Option<ElementId>,
) -> Result<StateOverlay, AppError> {
    with_store(&state, |store| {
        michi_core::state::overlay(store.workspace(), &snapshot, compare.as_ref())
            .ok_or_else(|| AppError::new(ErrorCode::InvalidEdit, format!("{snapshot} is not a state snapshot")))
    })
}

fn read_table(path: &Path) -> Result<michi_csv::Table, AppError> {
    let bytes = std::fs::read(path).map_err(|e| AppError::unreadable(path, e))?;
    michi_csv::read_table(&bytes).map_err(|e| AppError::from(e).with_path(path))
}

/// The start of a CSV file and a guessed column mapping, for the mapping dialog.
#[tauri::command(async)]
#[specta::specta]
pub fn csv_preview(path: String) -> Result<Preview, AppError> {
    Ok(michi_csv::preview(&read_table(Path::new(&path))?))
}

/// Imports a CSV of case events as a dated state snapshot of `target` (a process model, or a
/// journey for stage-level counts): all rows or none.
#[tauri::command(async)]
#[specta::specta]
pub fn import_state_csv(
    state: State<'_, AppState>,
    path: String,
    mapping: EventMapping,
    target: ElementId,
    name: String,
    as_of: Option<f64>,
) -> Result<EditResult, AppError> {
    let path = Path::new(&path);
    let table = read_table(path)?;
    with_store(&state, |store| {
        let source = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let snapshot = michi_csv::snapshot(&table, &mapping, store.workspace(), &target, name, source, as_of)
            .map_err(|e| AppError::from(e).with_path(path))?;
        let outcome = store.edit(Edit::Create { data: ElementData::StateSnapshot(snapshot) })?;
        edit_result(store, outcome, Vec::new())
    })
}

/// The start of an accounts CSV, a guessed mapping, and which of the health model's columns it has.
#[tauri::command(async)]
#[specta::specta]
pub fn accounts_preview(state: State<'_, AppState>, path: String) -> Result<michi_csv::AccountPreview, AppError> {
    let table = read_table(Path::new(&path))?;
    with_store(&state, |store| {
        let model = michi_core::health::read::model(store.workspace()).map(|(_, m)| m);
        Ok(michi_csv::account_preview(&table, model))
    })
}

/// Imports an accounts CSV as a dated account snapshot (and, with a stage column, the journeys'
/// state snapshot of where the accounts are): one undo step, all rows or none. A workspace with no
/// health model gets the default one in the same step.
#[tauri::command(async)]
#[specta::specta]
pub fn import_accounts_csv(
    state: State<'_, AppState>,
    path: String,
    mapping: michi_csv::AccountMapping,
    journey: Option<ElementId>,
    name: String,
    as_of: f64,
) -> Result<EditResult, AppError> {
    let path = Path::new(&path);
    let table = read_table(path)?;
    let source = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    with_store(&state, |store| {
        import_accounts(store, &table, Some(path), &mapping, journey.as_ref(), name, source, as_of)
    })
}

/// The sample accounts that ship with the app (40 companies of the sample's segments, October
/// 2026), imported as `import_accounts_csv` imports a file, with the guessed mapping: one undo step.
#[tauri::command(async)]
#[specta::specta]
pub fn import_sample_accounts(state: State<'_, AppState>) -> Result<EditResult, AppError> {
    use michi_core::sample::{SAMPLE_ACCOUNTS_AS_OF, SAMPLE_ACCOUNTS_CSV, SAMPLE_ACCOUNTS_NAME};
    let table = michi_csv::read_table(SAMPLE_ACCOUNTS_CSV.as_bytes()).map_err(AppError::from)?;
    let as_of = michi_csv::parse_datetime(SAMPLE_ACCOUNTS_AS_OF).unwrap_or_default();
    with_store(&state, |store| {
        let model = michi_core::health::read::model(store.workspace()).map(|(_, m)| m);
        let mapping = michi_csv::account_preview(&table, model)
            .guess
            .ok_or_else(|| AppError::new(ErrorCode::BadCsv, "the sample accounts have no id column"))?;
        let name = SAMPLE_ACCOUNTS_NAME.trim_end_matches(".csv").to_string();
        import_accounts(store, &table, None, &mapping, None, name, SAMPLE_ACCOUNTS_NAME.to_string(), as_of)
    })
}

/// One undoable edit: the account snapshot of `table`, the journeys' state snapshot it implies, and
/// the default health model when the workspace has none. A bad cell's error names `path`.
#[allow(clippy::too_many_arguments)]
fn import_accounts(
    store: &mut Store,
    table: &michi_csv::Table,
    path: Option<&Path>,
    mapping: &michi_csv::AccountMapping,
    journey: Option<&ElementId>,
    name: String,
    source: String,
    as_of: f64,
) -> Result<EditResult, AppError> {
    let ws = store.workspace();
    let stored = michi_core::health::read::model(ws).map(|(_, m)| m.clone());
    let model = stored.clone().unwrap_or_default();
    let (snapshot, state_snapshot, _) =
        michi_csv::account_snapshot(table, mapping, ws, journey, Some(&model), name, source, as_of).map_err(|e| {
            let e = AppError::from(e);
            match path {
                Some(p) => e.with_path(p),
                None => e,
            }
        })?;
    let mut edits = Vec::new();
    if stored.is_none() {
        edits.push(Edit::SetHealthModel { model });
    }
    edits.push(Edit::Create { data: ElementData::AccountSnapshot(snapshot) });
    edits.extend(state_snapshot.map(|s| Edit::Create { data: ElementData::StateSnapshot(s) }));
    let outcome = store.edit(Edit::Batch { edits })?;
    edit_result(store, outcome, Vec::new())
}

/// The accounts table (a page of it), the quadrant counts and the plot, as of the latest snapshot.
#[tauri::command(async)]
#[specta::specta]
pub fn health_table(
    state: State<'_, AppState>,
    query: michi_core::health::read::TableQuery,
) -> Result<michi_core::health::read::HealthTable, AppError> {
    with_store(&state, |store| Ok(michi_core::health::read::table(store.workspace(), &query)))
}

/// One account's page: scores, the weakest link explained, next actions, the trend.
#[tauri::command(async)]
#[specta::specta]
pub fn health_account(
    state: State<'_, AppState>,
    id: String,
) -> Result<michi_core::health::read::AccountPage, AppError> {
    with_store(&state, |store| {
        michi_core::health::read::account(store.workspace(), &id)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("no account {id} in the latest snapshot")))
    })
}

/// The workspace's health model, or the default one when it has none (`stored` says which).
#[tauri::command(async)]
#[specta::specta]
pub fn health_model(state: State<'_, AppState>) -> Result<HealthModelState, AppError> {
    with_store(&state, |store| {
        Ok(match michi_core::health::read::model(store.workspace()) {
            Some((_, m)) => HealthModelState { model: m.clone(), stored: true },
            None => HealthModelState { model: Default::default(), stored: false },
        })
    })
}

#[derive(Clone, Debug, serde::Serialize, specta::Type)]
pub struct HealthModelState {
    pub model: michi_core::health::HealthModel,
    pub stored: bool,
}

/// Imports a BPMN 2.0 file into the open workspace as one undo step.
#[tauri::command(async)]
#[specta::specta]
pub fn import_bpmn(state: State<'_, AppState>, path: String) -> Result<EditResult, AppError> {
    let path = Path::new(&path);
    let bytes = std::fs::read(path).map_err(|e| AppError::unreadable(path, e))?;
    with_store(&state, |store| {
        let imported = store
            .with_ids(|ws, ids| michi_bpmn::import(&bytes, ws, ids, &michi_bpmn::Limits::default()))
            .map_err(|e| AppError::new(ErrorCode::BadBpmn, e.to_string()).with_path(path))?;
        let created = vec![imported.model.clone()];
        let outcome = store.apply_op("importBpmn", imported.op, created, imported.views)?;
        edit_result(store, outcome, imported.warnings)
    })
}

/// Writes `contents` to `path` through a `.partial` file renamed into place, so that the file
/// appears complete or not at all; a failure is a `writeFailed` error naming the file.
fn write_whole(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), AppError> {
    let write_failed =
        |e: std::io::Error| AppError::new(ErrorCode::WriteFailed, format!("{}: {e}", path.display())).with_path(path);
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, contents).map_err(write_failed)?;
    std::fs::rename(&partial, path).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        write_failed(e)
    })
}

/// Writes process models as one BPMN 2.0 file. The file appears complete or not at all.
#[tauri::command(async)]
#[specta::specta]
pub fn export_bpmn(state: State<'_, AppState>, path: String, models: Vec<ElementId>) -> Result<(), AppError> {
    let path = absolute(&path);
    let xml = with_store(&state, |store| {
        michi_bpmn::export(store.workspace(), &models).map_err(|e| AppError::new(ErrorCode::InvalidEdit, e.to_string()))
    })?;
    write_whole(&path, xml)
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
    let path = absolute(&path);
    let json = with_store(&state, |store| Ok(store.workspace().lint_config().to_json()))?;
    write_whole(&path, json + "\n")
}

/// Reads a shared diagnosis settings file into the workspace (one undoable edit).
#[tauri::command(async)]
#[specta::specta]
pub fn import_lint_config(state: State<'_, AppState>, path: String) -> Result<EditResult, AppError> {
    let path = Path::new(&path);
    let text = std::fs::read_to_string(path).map_err(|e| AppError::unreadable(path, e))?;
    let config =
        michi_core::diagnose::read_config(&text).map_err(|e| AppError::new(ErrorCode::BadConfig, e).with_path(path))?;
    with_store(&state, |store| {
        let outcome = store.edit(Edit::SetLintConfig { config })?;
        edit_result(store, outcome, Vec::new())
    })
}

/// A journey's playbook, derived from the model now.
#[tauri::command(async)]
#[specta::specta]
pub fn derive_playbook(
    state: State<'_, AppState>,
    journey: ElementId,
    segment: Option<ElementId>,
) -> Result<michi_core::derive::playbook::Playbook, AppError> {
    with_store(&state, |store| {
        michi_core::derive::playbook::playbook_for(store.workspace(), &journey, segment.as_ref())
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("{journey} is not a journey")))
    })
}

/// The workspace's catalog with every entry present (built-in text where the workspace has none):
/// what the catalog editor shows.
#[tauri::command(async)]
#[specta::specta]
pub fn catalog(state: State<'_, AppState>) -> Result<michi_core::element::Catalog, AppError> {
    with_store(&state, |store| Ok(store.workspace().catalog().complete()))
}

/// A journey's metrics catalog and KPI tree, derived from the model now.
#[tauri::command(async)]
#[specta::specta]
pub fn derive_metrics(
    state: State<'_, AppState>,
    journey: ElementId,
) -> Result<michi_core::derive::metrics::MetricsCatalog, AppError> {
    with_store(&state, |store| {
        michi_core::derive::metrics::metrics(store.workspace(), &journey)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("{journey} is not a journey")))
    })
}

/// The CS functions the model calls for, each with its reasons.
#[tauri::command(async)]
#[specta::specta]
pub fn derive_org(state: State<'_, AppState>) -> Result<michi_core::derive::org::OrgRecommendation, AppError> {
    with_store(&state, |store| Ok(michi_core::derive::org::recommend(store.workspace())))
}

/// Which derived document to export.
#[derive(Clone, Copy, Debug, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum OutputKind {
    Playbook,
    Metrics,
    Org,
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
    use michi_core::derive::{html, metrics, org, playbook};
    let path = absolute(&path);
    let as_html = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let ja = matches!(language, Language::Ja);
    let text = with_store(&state, |store| {
        let ws = store.workspace();
        let missing = || AppError::new(ErrorCode::NotFound, format!("{journey} is not a journey"));
        Ok(match kind {
            OutputKind::Org => {
                let rec = org::recommend(ws);
                if as_html { html::org(&rec, ja) } else { org::markdown(&rec, ja) }
            }
            OutputKind::Metrics => {
                let c = metrics::metrics(ws, &journey).ok_or_else(missing)?;
                if as_html { html::metrics(&c, ja) } else { metrics::markdown(&c, ja) }
            }
            OutputKind::Playbook => {
                let b = playbook::playbook_for(ws, &journey, segment.as_ref()).ok_or_else(missing)?;
                if as_html { html::playbook(&b, ja) } else { playbook::markdown(&b, ja) }
            }
        })
    })?;
    write_whole(&path, text)
}

impl AppState {
    pub fn install_printer(&self, printer: Printer) {
        let _ = self.printer.set(printer);
    }

    pub fn install_snapshotter(&self, snapshotter: Snapshotter) {
        let _ = self.snapshotter.set(snapshotter);
    }
}

/// Prints what the window shows (the outputs view, laid out by its print style) to a PDF file with
/// the webview's own print engine, so Japanese text is typeset with the fonts seen on screen.
#[tauri::command(async)]
#[specta::specta]
pub fn export_pdf(state: State<'_, AppState>, path: String) -> Result<(), AppError> {
    let path = absolute(&path);
    let failed = |e: String| AppError::new(ErrorCode::WriteFailed, format!("{}: {e}", path.display())).with_path(&path);
    let printer = state.printer.get().ok_or_else(|| failed("printing is not available here".into()))?;
    printer(&path).map_err(failed)?;
    if std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) == 0 {
        return Err(failed("the printer wrote nothing".into()));
    }
    Ok(())
}

/// Writes a PNG of what the window shows inside `rect` (the diagram on screen, as drawn).
#[tauri::command(async)]
#[specta::specta]
pub fn export_png(state: State<'_, AppState>, path: String, rect: Rect) -> Result<(), AppError> {
    let path = absolute(&path);
    let failed = |e: String| AppError::new(ErrorCode::WriteFailed, format!("{}: {e}", path.display())).with_path(&path);
    let snap = state.snapshotter.get().ok_or_else(|| failed("pictures are not available here".into()))?;
    snap(&path, [rect.x, rect.y, rect.width, rect.height]).map_err(failed)
}

/// Writes a diagram (a process diagram or a journey map) as an SVG picture, drawn by Rust.
#[tauri::command(async)]
#[specta::specta]
pub fn export_svg(state: State<'_, AppState>, view: ViewId, language: Language, path: String) -> Result<(), AppError> {
    let path = absolute(&path);
    let svg = with_store(&state, |store| {
        michi_core::derive::svg::view(store.workspace(), &view, matches!(language, Language::Ja))
            .ok_or_else(|| AppError::new(ErrorCode::UnknownView, format!("{view} is not a diagram")))
    })?;
    write_whole(&path, svg)
}
