//! The desktop app's state: its settings (kept in its config folder) and the one open workspace.
//! Opening, creating and closing workspaces, the recent files and the language are use cases here,
//! so the shell only forwards.

use std::path::{Path, PathBuf};

use crate::dto::{Opened, RecentFile};
use crate::error::{AppError, ErrorCode};
use crate::files;
use crate::screen::Show;
use crate::session::Session;
use crate::settings::{Language, Settings};

/// Told when something happens to the open team workspace (see [`Session::watch_team`]).
pub type TeamListener = std::sync::Arc<dyn Fn(michi_store_pg::Signal) + Send + Sync>;

#[derive(Default)]
pub struct App {
    session: Option<Session>,
    team_listener: Option<TeamListener>,
    settings: Settings,
    /// Known once the shell has started (it resolves the default); tests set it up front.
    config_dir: Option<PathBuf>,
}

impl App {
    pub fn new() -> App {
        App::default()
    }

    /// Sets the config folder (once) and reads the settings kept there.
    pub fn use_config_dir(&mut self, dir: PathBuf) {
        if self.config_dir.is_none() {
            self.settings = Settings::load(&dir);
            self.config_dir = Some(dir);
        }
    }

    /// Who hears of a team workspace's changes from now on (the desktop's window).
    pub fn set_team_listener(&mut self, listener: TeamListener) {
        self.team_listener = Some(listener);
    }

    pub fn has_config_dir(&self) -> bool {
        self.config_dir.is_some()
    }

    fn save_settings(&self) -> Result<(), AppError> {
        let dir = self.config_dir.as_ref().ok_or_else(|| AppError::new(ErrorCode::Settings, "no config folder"))?;
        self.settings.save(dir)
    }

    pub fn language(&self) -> Option<Language> {
        self.settings.language
    }

    /// The language chosen in Michi; `None` follows the OS.
    pub fn set_language(&mut self, language: Option<Language>) -> Result<(), AppError> {
        self.settings.language = language;
        self.save_settings()
    }

    pub fn recent_files(&self) -> Vec<RecentFile> {
        self.settings
            .recent
            .iter()
            .map(|p| RecentFile { path: p.display().to_string(), name: files::stem(p), exists: p.is_file() })
            .collect()
    }

    pub fn forget_recent_file(&mut self, path: &Path) -> Result<(), AppError> {
        self.settings.forget(path);
        self.save_settings()
    }

    /// The open workspace, or `noWorkspace`.
    pub fn session(&mut self) -> Result<&mut Session, AppError> {
        self.session.as_mut().ok_or_else(|| AppError::new(ErrorCode::NoWorkspace, "no workspace is open"))
    }

    pub fn current(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// Creates a workspace file (empty, or holding the sample journeys) and opens it, closing the
    /// one open before. Replacing the open file closes it first.
    pub fn create(&mut self, path: &Path, with_sample: bool, replace: bool, show: &Show) -> Result<Opened, AppError> {
        let path = files::absolute(path);
        if replace && self.session.as_ref().is_some_and(|s| s.path() == Some(path.as_path())) {
            self.session = None;
        }
        let session = Session::create(&path, with_sample, replace)?;
        self.install(session, show)
    }

    /// Opens a workspace file, closing the one open before; on failure the open one stays open.
    /// The file already open is shown as it is.
    pub fn open(&mut self, path: &Path, show: &Show) -> Result<Opened, AppError> {
        let path = files::absolute(path);
        if let Some(session) = self.session.as_ref().filter(|s| s.path() == Some(path.as_path())) {
            return Ok(Opened { state: session.state_for(show.held_diagnosis)?, shown: session.show(show)? });
        }
        let session = Session::open(&path)?;
        self.install(session, show)
    }

    /// Save As: writes the open workspace to `path` (its history starts afresh there) and goes on
    /// in the copy — a read-only workspace becomes editable this way. The file it came from is not
    /// changed.
    pub fn save_as(&mut self, path: &Path, replace: bool, show: &Show) -> Result<Opened, AppError> {
        let path = files::absolute(path);
        self.session()?.save_copy(&path, replace)?;
        let session = Session::open(&path)?;
        self.install(session, show)
    }

    /// The name the others see on this person's changes in team workspaces: the one chosen, else
    /// the login name.
    pub fn author(&self) -> String {
        self.settings
            .author
            .clone()
            .filter(|a| !a.trim().is_empty())
            .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| "michi".to_string())
    }

    pub fn set_author(&mut self, author: Option<String>) -> Result<(), AppError> {
        self.settings.author = author.map(|a| a.trim().to_string()).filter(|a| !a.is_empty());
        self.save_settings()
    }

    /// Where a team workspace's edits made offline wait (the config folder; a temporary one when
    /// there is none, as in some tests).
    fn queue_dir(&self) -> PathBuf {
        self.config_dir.clone().unwrap_or_else(std::env::temp_dir).join("team-queue")
    }

    /// Opens the team workspace `name` of the database at `url`, closing the one open before; on
    /// failure the open one stays open.
    pub fn open_team(&mut self, url: &str, name: &str, show: &Show) -> Result<Opened, AppError> {
        let session = Session::open_team(url, name, &self.author(), &self.queue_dir())?;
        let opened = self.install(session, show)?;
        self.settings.remember_team(url, name);
        if let Err(e) = self.save_settings() {
            eprintln!("michi: {}", e.message);
        }
        Ok(opened)
    }

    /// The team workspaces opened before, most recent first.
    pub fn recent_teams(&self) -> Vec<crate::settings::RecentTeam> {
        self.settings.recent_teams.clone()
    }

    /// "Share with a team…": copies the open workspace (every version, the history) into the
    /// database at `url` as `name` (the file's name by default), then goes on in the team
    /// workspace. The file stays as it was.
    pub fn share(&mut self, url: &str, name: Option<&str>, show: &Show) -> Result<Opened, AppError> {
        let session = self.session()?;
        let name = match name.map(str::trim).filter(|n| !n.is_empty()) {
            Some(n) => n.to_string(),
            None => session.path().map(crate::team::default_name).unwrap_or_default(),
        };
        if name.is_empty() {
            return Err(AppError::invalid("a team workspace needs a name"));
        }
        let archive = session.archive()?;
        michi_store_pg::push_to(url, &name, &archive)?;
        self.open_team(url, &name, show)
    }

    /// Writes a copy of the open workspace to `path` and stays in the open one.
    pub fn save_copy(&mut self, path: &Path, replace: bool) -> Result<(), AppError> {
        let path = files::absolute(path);
        self.session()?.save_copy(&path, replace)
    }

    pub fn close(&mut self) {
        self.session = None;
    }

    fn install(&mut self, mut session: Session, show: &Show) -> Result<Opened, AppError> {
        if let Some(listener) = &self.team_listener {
            let listener = listener.clone();
            session.watch_team(move |signal| listener(signal));
        }
        let opened = Opened { state: session.state_for(show.held_diagnosis)?, shown: session.show(show)? };
        let path = session.path().map(Path::to_path_buf);
        self.session = Some(session);
        // The workspace is open whatever happens to the recent-files list: failing here would leave
        // the front end believing it is not.
        if let Some(path) = path {
            self.settings.remember(&path);
            if let Err(e) = self.save_settings() {
                eprintln!("michi: {}", e.message);
            }
        }
        Ok(opened)
    }
}
