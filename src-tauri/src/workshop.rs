//! The workshop commands: start and stop the host on an address the facilitator picks, read the
//! panel (URL, QR code, PIN, the room and the board), and the facilitator's controls. The host
//! edits through the same open workspace as every other command; a participant's change tells the
//! window with the `workshop-activity` event.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use michi_app::workshop::{Control, Host};
use michi_app::{App, AppError, Session};
use michi_core::{ElementId, ViewId};
use michi_workshop::Panel;
use tauri::State;

use crate::commands::AppState;

/// The desktop's open workspace, as the host reaches it.
struct Desktop(Arc<Mutex<App>>);

impl michi_workshop::Workspace for Desktop {
    fn with(&self, f: &mut dyn FnMut(&mut Session)) -> Result<(), AppError> {
        let mut app = self.0.lock().unwrap_or_else(|e| e.into_inner());
        f(app.session()?);
        Ok(())
    }
}

/// Where a session starts.
#[derive(Clone, Debug, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StartWorkshop {
    /// An existing workshop, or none for a new one named `name`.
    pub workshop: Option<ElementId>,
    pub name: String,
    pub view: Option<ViewId>,
    /// One of [`workshop_addresses`].
    pub address: String,
    /// 0 picks a free port.
    pub port: u16,
}

fn not_running() -> AppError {
    AppError::new(michi_app::ErrorCode::NotFound, "no workshop session is running")
}

/// This machine's addresses participants could reach (loopback last).
#[tauri::command(async)]
#[specta::specta]
pub fn workshop_addresses() -> Vec<String> {
    michi_workshop::addresses().into_iter().map(|ip| ip.to_string()).collect()
}

/// Starts a workshop session: nothing listens until this is called, and only on `address`.
#[tauri::command(async)]
#[specta::specta]
pub fn start_workshop(state: State<'_, AppState>, request: StartWorkshop) -> Result<Panel, AppError> {
    state.end_workshop();
    let ip =
        request.address.parse().map_err(|_| AppError::invalid(format!("{} is not an address", request.address)))?;
    let host = {
        let mut guard = state.app();
        let session = guard.session()?;
        Host::start(session, request.workshop, &request.name, request.view)?
    };
    let language = state.app().language().unwrap_or(michi_app::Language::Ja);
    let running = michi_workshop::start(
        Arc::new(Desktop(state.shared_app())),
        host,
        SocketAddr::new(ip, request.port),
        language,
        state.activity.get().cloned(),
    )?;
    let panel = running.panel()?;
    *state.workshop.lock().unwrap_or_else(|e| e.into_inner()) = Some(running);
    Ok(panel)
}

/// Ends the session: participants are disconnected and nothing listens any more.
#[tauri::command(async)]
#[specta::specta]
pub fn stop_workshop(state: State<'_, AppState>) {
    state.end_workshop();
}

/// The panel of the running session, if one runs.
#[tauri::command(async)]
#[specta::specta]
pub fn workshop_panel(state: State<'_, AppState>) -> Result<Option<Panel>, AppError> {
    let running = state.workshop.lock().unwrap_or_else(|e| e.into_inner());
    running.as_ref().map(|r| r.panel()).transpose()
}

/// A facilitator's control: lock, private mode, the timer, "bring everyone to me", the view.
#[tauri::command(async)]
#[specta::specta]
pub fn workshop_control(state: State<'_, AppState>, control: Control) -> Result<Panel, AppError> {
    let running = state.workshop.lock().unwrap_or_else(|e| e.into_inner());
    running.as_ref().ok_or_else(not_running)?.control(control)
}

/// Writes the record of a workshop (the newest when none is named) as HTML, PDF or Markdown, by the
/// file's extension.
#[tauri::command(async)]
#[specta::specta]
pub fn export_workshop_summary(
    state: State<'_, AppState>,
    workshop: Option<ElementId>,
    language: michi_app::Language,
    path: String,
) -> Result<(), AppError> {
    let mut app = state.app();
    let session = app.session()?;
    let id = match workshop {
        Some(id) => id,
        None => michi_app::workshop::find(session.workspace(), None)?,
    };
    session.export_workshop_summary(&id, language, &michi_app::files::absolute(&path))
}
