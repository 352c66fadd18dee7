//! The desktop app's own settings (language, recent files), kept as JSON in its config folder.
//! Workspace content never lives here.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{AppError, ErrorCode};

const RECENT_LIMIT: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Language {
    Ja,
    En,
}

impl Language {
    /// From a `--lang` value or a locale (`ja`, `ja_JP.UTF-8`, `en-US`): Japanese for `ja…`.
    pub fn from_locale(locale: &str) -> Language {
        if locale.starts_with("ja") { Language::Ja } else { Language::En }
    }

    pub fn is_japanese(self) -> bool {
        self == Language::Ja
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Settings {
    /// The language chosen by the user; `None` follows the OS.
    pub language: Option<Language>,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// The name the others see on this person's changes in team workspaces; `None`: the login name.
    pub author: Option<String>,
    /// Team workspaces opened, most recent first: where (never with a password) and which.
    pub recent_teams: Vec<RecentTeam>,
}

/// A team workspace opened before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RecentTeam {
    /// The connection string or URL, its password taken out.
    pub url: String,
    pub name: String,
}

impl Settings {
    fn file(dir: &Path) -> PathBuf {
        dir.join("settings.json")
    }

    /// Reads the settings; a missing or unreadable file gives defaults (settings are never worth
    /// refusing to start over).
    pub fn load(dir: &Path) -> Settings {
        fs::read_to_string(Self::file(dir)).ok().and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default()
    }

    /// Writes the settings atomically (temporary file, then rename).
    pub fn save(&self, dir: &Path) -> Result<(), AppError> {
        let fail = |e: std::io::Error| AppError::new(ErrorCode::Settings, format!("could not save settings: {e}"));
        fs::create_dir_all(dir).map_err(fail)?;
        let tmp = dir.join("settings.json.tmp");
        fs::write(&tmp, serde_json::to_vec_pretty(self).expect("settings serialise")).map_err(fail)?;
        fs::rename(&tmp, Self::file(dir)).map_err(fail)
    }

    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_LIMIT);
    }

    /// Remembers a team workspace, its connection without the password.
    pub fn remember_team(&mut self, url: &str, name: &str) {
        let team = RecentTeam { url: michi_store_pg::conninfo::without_password(url), name: name.to_string() };
        self.recent_teams.retain(|t| *t != team);
        self.recent_teams.insert(0, team);
        self.recent_teams.truncate(RECENT_LIMIT);
    }

    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_most_recent_first_and_bounded() {
        let mut s = Settings::default();
        for i in 0..15 {
            s.remember(Path::new(&format!("/w/{i}.michi")));
        }
        s.remember(Path::new("/w/12.michi"));
        assert_eq!(s.recent.len(), RECENT_LIMIT);
        assert_eq!(s.recent[0], Path::new("/w/12.michi"));
        assert_eq!(s.recent[1], Path::new("/w/14.michi"));
        assert_eq!(s.recent.iter().filter(|p| p.ends_with("12.michi")).count(), 1);
    }

    #[test]
    fn a_team_is_remembered_without_its_password() {
        let mut s = Settings::default();
        s.remember_team("host=db user=sato password=secret", "顧客A");
        s.remember_team("host=db user=sato", "顧客A");
        assert_eq!(s.recent_teams, [RecentTeam { url: "host=db user=sato".into(), name: "顧客A".into() }]);
        let dir = tempfile::tempdir().unwrap();
        s.save(dir.path()).unwrap();
        assert!(!fs::read_to_string(dir.path().join("settings.json")).unwrap().contains("secret"));
    }

    #[test]
    fn settings_survive_a_round_trip_and_garbage_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Settings { language: Some(Language::En), ..Default::default() };
        s.remember(Path::new("/a.michi"));
        s.save(dir.path()).unwrap();
        assert_eq!(Settings::load(dir.path()), s);
        fs::write(dir.path().join("settings.json"), "{not json").unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
    }
}
