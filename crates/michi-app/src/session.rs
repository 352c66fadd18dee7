//! One open workspace and the use cases that change it. Every change is committed to the file before
//! its method returns (the store's guarantee) and answers with what the screen redraws.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use michi_core::diagnose::Diagnosis;
use michi_core::diagnose::live::LiveDiagnosis;
use michi_core::{Edit, Workspace, sample};
use michi_store::{Outcome, Store};
use michi_store_pg::TeamStore;

use crate::dto::{DiagnosisSent, EditResult, RejectedDto, RemoteDto, TeamDto, VersionDto, WorkspaceState};
use crate::error::AppError;
use crate::files;
use crate::screen::{Show, Shown, shown};

/// An open workspace: a file open for editing, or — when the file is write-protected — read-only,
/// to view, derive, export and save a copy of; or a team workspace in a PostgreSQL database.
pub struct Session {
    backing: Backing,
    /// Told after every change committed (a workshop host wakes its participants with it).
    listener: Option<Box<dyn Fn() + Send + Sync>>,
    /// Other versions read for comparison; cleared whenever another version becomes the edited one
    /// (only the edited version changes, so the others read stay true until then).
    others: Mutex<BTreeMap<u32, Arc<Workspace>>>,
    /// A team workspace's ear on the database, while someone listens (stopped with the session).
    watcher: Option<michi_store_pg::Watcher>,
    /// The diagnosis of the edited version at a revision, kept current edit by edit (only the parts
    /// an edit touched are checked again); read afresh when the revision moved otherwise.
    live: Mutex<Option<(u64, LiveDiagnosis)>>,
    /// The process diagram last shown, to send the next one of the same view as a patch.
    sent: Mutex<crate::screen::Sent>,
    /// The diagnosis last sent, and its stamp, to send the next one as a patch.
    sent_diagnosis: Mutex<Option<(u32, Diagnosis)>>,
}

enum Backing {
    Store(Box<Store>),
    Team(Box<TeamStore>),
    ReadOnly { path: PathBuf, workspace: Workspace, versions: Vec<VersionDto>, version: u32 },
}

/// Where a change goes: the file, or the team database.
pub(crate) enum Writer<'a> {
    File(&'a mut Store),
    Team(&'a mut TeamStore),
}

impl Session {
    fn new(backing: Backing) -> Session {
        Session {
            backing,
            listener: None,
            others: Mutex::new(BTreeMap::new()),
            watcher: None,
            live: Mutex::new(None),
            sent: Mutex::default(),
            sent_diagnosis: Mutex::new(None),
        }
    }

    /// Creates a workspace file (empty, or holding the sample journeys) and opens it. Refuses an
    /// existing file unless `replace`.
    /// The sample holds two versions: its as-is (edited first) and a to-be made from it.
    pub fn create(path: &Path, with_sample: bool, replace: bool) -> Result<Session, AppError> {
        if !with_sample {
            return Session::create_with(path, &Workspace::new(), replace);
        }
        if !replace && path.exists() {
            return Err(michi_store::StoreError::AlreadyExists(path.to_path_buf()).into());
        }
        let as_is = sample::sample();
        let to_be = sample::sample_to_be(&as_is).map_err(|e| AppError::invalid(format!("the sample's to-be: {e}")))?;
        let store = Store::create_versions(path, &as_is, &[(sample::TO_BE, &to_be)], replace)?;
        Ok(Session::new(Backing::Store(Box::new(store))))
    }

    /// Creates a workspace file holding `initial` and opens it.
    pub fn create_with(path: &Path, initial: &Workspace, replace: bool) -> Result<Session, AppError> {
        if !replace && path.exists() {
            return Err(michi_store::StoreError::AlreadyExists(path.to_path_buf()).into());
        }
        Ok(Session::new(Backing::Store(Box::new(Store::create(path, initial, replace)?))))
    }

    /// Opens a workspace file for editing (upgrading an older format). A write-protected file opens
    /// read-only (its older format upgraded in memory only); a file that is not a workspace, is
    /// damaged, newer, or open in another Michi is refused untouched.
    pub fn open(path: &Path) -> Result<Session, AppError> {
        match Store::open(path) {
            Ok(store) => Ok(Session::new(Backing::Store(Box::new(store)))),
            Err(michi_store::StoreError::ReadOnly { .. }) => {
                let snapshot = Store::read(path)?;
                Ok(Session::new(Backing::ReadOnly {
                    path: path.to_path_buf(),
                    workspace: snapshot.workspace,
                    versions: snapshot.versions.iter().map(VersionDto::from).collect(),
                    version: VersionDto::from(&snapshot.version).id,
                }))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Opens the team workspace `name` of the database at `url`, editing as `author` (the name the
    /// others see on this person's changes); edits made while the database cannot be reached are
    /// kept in `queue_dir` until they are sent.
    pub fn open_team(url: &str, name: &str, author: &str, queue_dir: &Path) -> Result<Session, AppError> {
        if author.trim().is_empty() {
            return Err(AppError::invalid("a team workspace needs the name others will see on your changes"));
        }
        let store = TeamStore::open(url, name, author.trim(), queue_dir)?;
        Ok(Session::new(Backing::Team(Box::new(store))))
    }

    /// The workspace file (none for a team workspace).
    pub fn path(&self) -> Option<&Path> {
        match &self.backing {
            Backing::Store(store) => Some(store.path()),
            Backing::Team(_) => None,
            Backing::ReadOnly { path, .. } => Some(path),
        }
    }

    /// The team workspace, when this is one.
    pub fn team(&self) -> Option<&TeamStore> {
        match &self.backing {
            Backing::Team(team) => Some(team),
            _ => None,
        }
    }

    pub fn workspace(&self) -> &Workspace {
        match &self.backing {
            Backing::Store(store) => store.workspace(),
            Backing::Team(team) => team.workspace(),
            Backing::ReadOnly { workspace, .. } => workspace,
        }
    }

    /// How many changes were made since the workspace was opened (0 for a read-only one); a team
    /// workspace counts others' changes too.
    pub fn revision(&self) -> u64 {
        match &self.backing {
            Backing::Store(store) => store.revision(),
            Backing::Team(team) => team.revision(),
            Backing::ReadOnly { .. } => 0,
        }
    }

    /// Whether the file is open read-only (write-protected): no edit, undo or redo.
    pub fn is_read_only(&self) -> bool {
        match &self.backing {
            Backing::ReadOnly { .. } => true,
            Backing::Team(team) => !team.can_edit(),
            Backing::Store(_) => false,
        }
    }

    /// Ids from a fixed sequence from now on (tests compare files made twice).
    pub fn use_sequential_ids(&mut self) {
        if let Backing::Store(store) = &mut self.backing {
            store.set_id_gen(michi_core::IdGen::sequential());
        }
    }

    /// Writes the workspace as it is now to a new file at `path` (refusing an existing one unless
    /// `replace`): every version with its undo history, and the account data. The open workspace is
    /// not changed. For a team workspace ("Save a local copy…") the database's state is written,
    /// which needs the connection.
    pub fn save_copy(&mut self, path: &Path, replace: bool) -> Result<(), AppError> {
        if self.path().is_some_and(|p| files::absolute(path) == files::absolute(p)) {
            return Err(AppError::invalid("a copy cannot replace the file it is a copy of"));
        }
        match &mut self.backing {
            Backing::Store(store) => store.save_copy(path, replace)?,
            Backing::Team(team) => {
                let archive = team.archive()?;
                Store::create_from_archive(path, &archive, replace)?;
            }
            Backing::ReadOnly { path: src, .. } => Store::copy_file(src, path, replace)?,
        }
        Ok(())
    }

    /// The workspace as rows, every version and the history (what "Share with a team…" sends).
    pub fn archive(&mut self) -> Result<michi_core::archive::Archive, AppError> {
        Ok(match &mut self.backing {
            Backing::Store(store) => store.to_archive()?,
            Backing::Team(team) => team.archive()?,
            Backing::ReadOnly { path, .. } => Store::archive(path)?,
        })
    }

    /// A team workspace: brings it up to date (reconnecting, sending the edits made offline,
    /// reading what others committed) and tells what others changed since the last call. A file
    /// has nothing to do. The database being unreachable is no error here: the state says so.
    pub fn sync_team(&mut self) -> Result<Vec<RemoteDto>, AppError> {
        let Backing::Team(team) = &mut self.backing else {
            return Ok(Vec::new());
        };
        match team.sync() {
            Ok(()) | Err(michi_store_pg::PgError::Offline) => {}
            Err(e) => return Err(e.into()),
        }
        let me = team.author().to_string();
        let version = team.version();
        let remote = team.take_remote();
        if !remote.is_empty() {
            self.forget_others();
            // A workshop running on this workspace redraws its participants' boards too.
            self.notify_listener();
        }
        Ok(remote
            .into_iter()
            .filter(|r| r.author != me && r.version == version)
            .map(|r| RemoteDto { author: r.author, label: michi_core::edit::history_name(&r.label) })
            .collect())
    }

    /// A team workspace: calls `on` (from a thread of its own) when someone else commits a change,
    /// when the database goes out of reach and when it is back, until the session closes. The
    /// caller then calls [`Session::sync_team`]. A file has nobody else to hear.
    pub fn watch_team(&mut self, on: impl Fn(michi_store_pg::Signal) + Send + 'static) {
        if let Backing::Team(team) = &self.backing {
            self.watcher = Some(michi_store_pg::watch(team, on));
        }
    }

    /// [`Session::sync_team`] answering with the state and what `show` shows after.
    pub fn sync_team_shown(&mut self, show: &Show) -> Result<crate::dto::TeamSynced, AppError> {
        let remote = self.sync_team()?;
        Ok(crate::dto::TeamSynced { remote, state: self.state_for(show.held_diagnosis)?, shown: self.show(show)? })
    }

    /// Forgets the edits the database refused once their author has seen them.
    pub fn dismiss_rejected(&mut self) -> Result<(), AppError> {
        if let Backing::Team(team) = &mut self.backing {
            team.dismiss_rejected()?;
        }
        Ok(())
    }

    fn team_dto(&self) -> Option<TeamDto> {
        let team = self.team()?;
        let status = team.status();
        Some(TeamDto {
            location: team.location(),
            name: team.name().to_string(),
            author: team.author().to_string(),
            can_edit: team.can_edit(),
            online: status.online,
            pending: status.pending.iter().map(|l| michi_core::edit::history_name(l)).collect(),
            rejected: status
                .rejected
                .into_iter()
                .map(|r| RejectedDto {
                    label: michi_core::edit::history_name(&r.label),
                    reason: r.reason,
                    gone: r.gone,
                    at_ms: r.at_ms as f64,
                })
                .collect(),
        })
    }

    /// The title, history and diagnosis of the workspace as it is now, the diagnosis sent whole.
    pub fn state(&self) -> Result<WorkspaceState, AppError> {
        self.state_for(None)
    }

    /// The same for a front end that holds the diagnosis stamped `held` (`Show::held_diagnosis`):
    /// when that is the one this session sent last, the diagnosis is sent as what changed from it.
    pub fn state_for(&self, held: Option<u32>) -> Result<WorkspaceState, AppError> {
        let (revision, undo, redo) = match &self.backing {
            Backing::Store(store) => {
                let history = store.history_info()?;
                (
                    u32::try_from(store.revision()).unwrap_or(u32::MAX),
                    history.undo.as_deref().map(michi_core::edit::history_name),
                    history.redo.as_deref().map(michi_core::edit::history_name),
                )
            }
            Backing::Team(team) => {
                let history = team.history_info();
                (
                    u32::try_from(team.revision()).unwrap_or(u32::MAX),
                    history.undo.as_deref().map(michi_core::edit::history_name),
                    history.redo.as_deref().map(michi_core::edit::history_name),
                )
            }
            Backing::ReadOnly { .. } => (0, None, None),
        };
        let (versions, version) = self.versions()?;
        let (path, name) = match (self.path(), self.team()) {
            (Some(path), _) => (path.display().to_string(), files::stem(path)),
            (None, Some(team)) => (format!("{}/{}", team.location(), team.name()), team.name().to_string()),
            (None, None) => (String::new(), String::new()),
        };
        Ok(WorkspaceState {
            path,
            name,
            team: self.team_dto(),
            revision,
            undo,
            redo,
            read_only: self.is_read_only(),
            diagnosis: self.send_diagnosis(
                match self.base_version(&versions, version, None)? {
                    Some((base, ws)) => michi_core::diagnose::diagnosis_against(self.workspace(), &ws, &base.name),
                    None => self.diagnosis(),
                },
                held,
            ),
            versions,
            version,
        })
    }

    /// Stamps `diagnosis` and keeps it; sends what changed from the one kept before when the front
    /// end holds that one.
    fn send_diagnosis(&self, diagnosis: Diagnosis, held: Option<u32>) -> DiagnosisSent {
        use michi_core::diagnose::patch::diagnosis_patch;
        let stamp = crate::screen::STAMPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut sent = self.sent_diagnosis.lock().unwrap_or_else(|e| e.into_inner());
        let patch = match (&*sent, held) {
            (Some((base, old)), Some(held)) if *base == held => diagnosis_patch(old, &diagnosis).map(|p| (p, held)),
            _ => None,
        };
        let answer = match patch {
            Some((patch, base)) => DiagnosisSent::Patch { patch, base, stamp },
            None => DiagnosisSent::Whole { diagnosis: diagnosis.clone(), stamp },
        };
        *sent = Some((stamp, diagnosis));
        answer
    }

    /// The diagnosis of the workspace as it is now (as [`michi_core::diagnose::diagnosis`] gives it).
    pub fn diagnosis(&self) -> Diagnosis {
        let revision = self.revision();
        let mut live = self.live.lock().unwrap_or_else(|e| e.into_inner());
        match &*live {
            Some((at, kept)) if *at == revision => kept.diagnosis(),
            _ => {
                let kept = LiveDiagnosis::new(self.workspace());
                let d = kept.diagnosis();
                *live = Some((revision, kept));
                d
            }
        }
    }

    /// Brings the kept diagnosis to a change's revision when the change was one operation on the
    /// revision it is at.
    fn keep_diagnosis(&self, outcome: &Outcome) {
        let mut live = self.live.lock().unwrap_or_else(|e| e.into_inner());
        if let (Some((at, kept)), Some(changes)) = (&mut *live, &outcome.changes)
            && *at + 1 == outcome.revision
        {
            kept.update(self.workspace(), changes);
            *at = outcome.revision;
        }
    }

    /// The versions and the one edited.
    pub fn versions(&self) -> Result<(Vec<VersionDto>, u32), AppError> {
        Ok(match &self.backing {
            Backing::Store(store) => (
                store.versions()?.iter().map(VersionDto::from).collect(),
                u32::try_from(store.version()).unwrap_or(u32::MAX),
            ),
            Backing::Team(team) => (
                team.versions().iter().map(VersionDto::from).collect(),
                u32::try_from(team.version()).unwrap_or(u32::MAX),
            ),
            Backing::ReadOnly { versions, version, .. } => (versions.clone(), *version),
        })
    }

    /// The model of version `id` (read once, then kept until another version is edited).
    pub fn version_workspace(&self, id: u32) -> Result<Arc<Workspace>, AppError> {
        let (versions, current) = self.versions()?;
        if id == current {
            return Ok(Arc::new(self.workspace().clone()));
        }
        let mut others = self.others.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(ws) = others.get(&id) {
            return Ok(ws.clone());
        }
        let ws = match &self.backing {
            Backing::Store(store) => store.version_workspace(i64::from(id))?,
            Backing::Team(team) => team.version_workspace(i64::from(id))?,
            Backing::ReadOnly { path, .. } => {
                let name = versions.iter().find(|v| v.id == id).map(|v| v.name.clone()).ok_or_else(|| {
                    AppError::from(michi_store::StoreError::from(michi_store::VersionError::NotFound(i64::from(id))))
                })?;
                Store::read_version(path, Some(&name))?.workspace
            }
        };
        let ws = Arc::new(ws);
        others.insert(id, ws.clone());
        Ok(ws)
    }

    /// The version the edited one is compared with: `wanted` if given, else the one it was forked
    /// from, else none.
    pub(crate) fn base_version(
        &self,
        versions: &[VersionDto],
        current: u32,
        wanted: Option<u32>,
    ) -> Result<Option<(VersionDto, Arc<Workspace>)>, AppError> {
        let base = match wanted {
            Some(id) => versions.iter().find(|v| v.id == id),
            None => versions
                .iter()
                .find(|v| v.id == current)
                .and_then(|c| c.forked_from)
                .and_then(|f| versions.iter().find(|v| v.id == f)),
        };
        match base.filter(|b| b.id != current) {
            Some(b) => Ok(Some((b.clone(), self.version_workspace(b.id)?))),
            None => Ok(None),
        }
    }

    fn forget_others(&self) {
        self.others.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// A new version named `name`, a copy of version `from` (its model, with an empty undo
    /// history), which is then the one edited: the consultant forks the as-is to draw the to-be.
    pub fn fork_version(&mut self, from: u32, name: &str, show: &Show) -> Result<EditResult, AppError> {
        let outcome = match self.writer()? {
            Writer::File(store) => {
                let id = store.fork_version(i64::from(from), name)?;
                store.switch_version(id)?
            }
            Writer::Team(team) => {
                let id = team.fork_version(i64::from(from), name)?;
                team.switch_version(id)?
            }
        };
        self.forget_others();
        self.changed(outcome, Vec::new(), show)
    }

    /// Edits version `id` from now on: its model, its undo history.
    pub fn switch_version(&mut self, id: u32, show: &Show) -> Result<EditResult, AppError> {
        // A team's reader may look at another version too: switching changes nothing shared.
        let outcome = match &mut self.backing {
            Backing::Team(team) => team.switch_version(i64::from(id))?,
            _ => match self.writer()? {
                Writer::File(store) => store.switch_version(i64::from(id))?,
                Writer::Team(team) => team.switch_version(i64::from(id))?,
            },
        };
        self.forget_others();
        self.changed(outcome, Vec::new(), show)
    }

    pub fn rename_version(&mut self, id: u32, name: &str, show: &Show) -> Result<EditResult, AppError> {
        match self.writer()? {
            Writer::File(store) => store.rename_version(i64::from(id), name)?,
            Writer::Team(team) => team.rename_version(i64::from(id), name)?,
        }
        let outcome = self.unchanged();
        self.changed(outcome, Vec::new(), show)
    }

    /// Deletes version `id` and its history (not the one being edited, nor the only one).
    pub fn delete_version(&mut self, id: u32, show: &Show) -> Result<EditResult, AppError> {
        match self.writer()? {
            Writer::File(store) => store.delete_version(i64::from(id))?,
            Writer::Team(team) => team.delete_version(i64::from(id))?,
        }
        let outcome = self.unchanged();
        self.forget_others();
        self.changed(outcome, Vec::new(), show)
    }

    fn unchanged(&self) -> Outcome {
        Outcome {
            revision: self.revision(),
            created: Vec::new(),
            created_views: Vec::new(),
            changed: false,
            changes: None,
        }
    }

    /// What `show` shows now.
    pub fn show(&self, show: &Show) -> Result<Shown, AppError> {
        let (versions, current) = self.versions()?;
        let compare = match show.compare {
            Some(id) => self.base_version(&versions, current, Some(id))?,
            None if matches!(show.screen, crate::screen::Screen::Gaps) => {
                self.base_version(&versions, current, None)?
            }
            None => None,
        };
        let name = versions.iter().find(|v| v.id == current).map(|v| v.name.clone()).unwrap_or_default();
        let mut shown = shown(self.workspace(), show, compare.as_ref().map(|(v, ws)| (v, ws.as_ref())), &name);
        self.sent.lock().unwrap_or_else(|e| e.into_inner()).stamp(&mut shown.screen, show.held);
        Ok(shown)
    }

    /// Takes `change` (of the diff from version `from` to this one) back into this version, as one
    /// undoable edit.
    pub fn take_back(
        &mut self,
        from: u32,
        change: &michi_core::diff::Change,
        show: &Show,
    ) -> Result<EditResult, AppError> {
        let other = self.version_workspace(from)?;
        let d = michi_core::diff::diff(&other, self.workspace());
        let found = d
            .changes
            .iter()
            .find(|c| c.class == change.class && c.old == change.old && c.new == change.new)
            .ok_or_else(|| AppError::invalid("this change is no longer there: the versions agree on it now"))?;
        let restore = michi_core::diff::take::take_back(&other, self.workspace(), &d, found)
            .ok_or_else(|| AppError::invalid("this change cannot be taken back: it is only a new id"))?;
        self.edit(Edit::TakeBack { restore: Box::new(restore) }, show)
    }

    /// Calls `listener` after every change committed from now on (one listener; a new one replaces
    /// it, `None` removes it).
    pub fn set_listener(&mut self, listener: Option<Box<dyn Fn() + Send + Sync>>) {
        self.listener = listener;
    }

    /// Applies an edit made by `author` (a workshop participant), recorded with their name; answers
    /// with the ids it made, not with a screen (the host redraws its participants' boards itself).
    pub fn edit_by(&mut self, author: &str, edit: Edit) -> Result<Vec<michi_core::ElementId>, AppError> {
        let outcome = match self.writer()? {
            Writer::File(store) => store.edit_by(author, edit)?,
            Writer::Team(team) => team.edit_by(author, edit)?,
        };
        if outcome.changed {
            self.keep_diagnosis(&outcome);
            self.notify_listener();
        }
        Ok(outcome.created)
    }

    /// Tells the listener something changed (the workshop host's room changes too).
    pub fn notify_listener(&self) {
        if let Some(listener) = &self.listener {
            listener();
        }
    }

    /// Applies an edit; when this returns, the edit is saved.
    pub fn edit(&mut self, edit: Edit, show: &Show) -> Result<EditResult, AppError> {
        let label = edit.label();
        self.edit_as(label, edit, show)
    }

    /// Applies an edit recorded in the history as `label` (an import of several edits is one step).
    pub(crate) fn edit_as(&mut self, label: &str, edit: Edit, show: &Show) -> Result<EditResult, AppError> {
        let outcome = match self.writer()? {
            Writer::File(store) => store.edit_as(label, edit)?,
            Writer::Team(team) => team.edit_as(label, edit)?,
        };
        self.changed(outcome, Vec::new(), show)
    }

    pub fn undo(&mut self, show: &Show) -> Result<EditResult, AppError> {
        let outcome = match self.writer()? {
            Writer::File(store) => store.undo()?,
            Writer::Team(team) => team.undo()?,
        };
        self.changed(outcome, Vec::new(), show)
    }

    pub fn redo(&mut self, show: &Show) -> Result<EditResult, AppError> {
        let outcome = match self.writer()? {
            Writer::File(store) => store.redo()?,
            Writer::Team(team) => team.redo()?,
        };
        self.changed(outcome, Vec::new(), show)
    }

    /// The store to change, a file's or a team's; a read-only workspace refuses every change.
    pub(crate) fn writer(&mut self) -> Result<Writer<'_>, AppError> {
        match &mut self.backing {
            Backing::Store(store) => Ok(Writer::File(store)),
            // A reader's edit would be refused by the database anyway; say so before trying.
            Backing::Team(team) if !team.can_edit() => Err(AppError::new(
                crate::error::ErrorCode::Forbidden,
                format!("you may read the team workspace {}, not change it: ask its owner", team.name()),
            )),
            Backing::Team(team) => Ok(Writer::Team(team)),
            Backing::ReadOnly { path, .. } => Err(AppError::new(
                crate::error::ErrorCode::ReadOnly,
                format!("{} is open read-only (the file is write-protected): save a copy to edit it", path.display()),
            )
            .with_path(path)),
        }
    }

    /// The result of a change just committed.
    pub(crate) fn changed(&self, outcome: Outcome, warnings: Vec<String>, show: &Show) -> Result<EditResult, AppError> {
        self.keep_diagnosis(&outcome);
        self.notify_listener();
        Ok(EditResult {
            state: self.state_for(show.held_diagnosis)?,
            created: outcome.created,
            created_views: outcome.created_views,
            warnings,
            shown: self.show(show)?,
        })
    }
}
