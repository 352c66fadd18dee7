//! Michi's workspace files. One workspace is one SQLite file (`.michi`).
//!
//! A [`Store`] holds the open file and the workspace in memory. Every edit, undo and redo is applied
//! in memory, then written in one SQLite transaction (rows it touched + the history entry + the
//! history cursor) before the call returns; if writing fails, the in-memory change is reverted, so
//! memory and file never disagree. The history is part of the file, so undo survives a restart.
//!
//! Durability choices: rollback journal (the file is a single file at rest, safe on network and
//! synced folders), `synchronous = FULL` (an acknowledged edit survives a crash or power loss), and
//! `locking_mode = EXCLUSIVE` (one process edits a workspace at a time).

mod archive;
mod error;
mod limits;
mod rows;
pub mod schema;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use michi_core::{Edit, ElementId, IdGen, Op, Performed, ViewId, Workspace, apply, perform};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior, params};

pub use error::{Result, StoreError, VersionError, WriteCause};
pub use limits::{LIMITS, Limits};
pub use michi_core::archive::{HistoryInfo, Outcome, VersionInfo};
pub use rows::SHARED;
pub use schema::CURRENT_VERSION;

/// Entries older than this many steps are dropped from the undo history.
const HISTORY_LIMIT: i64 = 10_000;

/// How long opening waits for another process to release the file (e.g. a window that is closing).
const OPEN_BUSY_TIMEOUT: Duration = Duration::from_secs(3);

/// An open workspace file, editing one of its versions.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The version being edited.
    version: i64,
    ws: Workspace,
    ids: IdGen,
    history: History,
    revision: u64,
    /// The file's identity when it was opened (device and inode), to notice it moved, deleted or
    /// replaced under us before writing to a file no one will open again.
    identity: Option<(u64, u64)>,
}

/// The device and inode `path` names now (`None` where the platform has none).
fn identity_of(path: &Path) -> std::io::Result<Option<(u64, u64)>> {
    let metadata = fs::metadata(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Ok(Some((metadata.dev(), metadata.ino())))
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        Ok(None)
    }
}

/// Where the history stands: entries `floor..=cursor` can be undone, `cursor+1..=newest` redone.
#[derive(Clone, Copy, Debug)]
struct History {
    cursor: i64,
    floor: i64,
    newest: i64,
}

/// A workspace read from a file without opening it for editing (the CLI's read-only commands).
pub struct Snapshot {
    pub workspace: Workspace,
    /// The version read, and all of them.
    pub version: VersionInfo,
    pub versions: Vec<VersionInfo>,
    /// The file's schema version on disk (it was migrated in memory if older).
    pub file_version: u32,
    pub history_len: u64,
}

enum Access {
    Read,
    Write,
}

/// Turns a SQLite error into what it means for the person using the file.
fn classify(path: &Path, e: rusqlite::Error, access: Access) -> StoreError {
    let path = path.to_path_buf();
    let detail = e.to_string();
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked { path },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt { path, detail },
        Some(ErrorCode::DiskFull) => {
            StoreError::WriteFailed { path, detail: "the disk is full".into(), cause: WriteCause::Disk }
        }
        // EFBIG, EIO and the like: SQLite rolled the transaction back.
        Some(ErrorCode::SystemIoFailure) if matches!(access, Access::Write) => StoreError::WriteFailed {
            path,
            detail: "the disk refused the write: it may be full or failing, or the file may not grow larger; this edit was not saved".into(),
            cause: WriteCause::Disk,
        },
        Some(ErrorCode::CannotOpen) => StoreError::Io { path, source: std::io::Error::other(detail) },
        Some(ErrorCode::TooBig) => match access {
            Access::Read => {
                StoreError::TooLarge { path, what: "bytes in one value", limit: LIMITS.max_value_bytes as u64 }
            }
            Access::Write => StoreError::WriteFailed {
                path,
                detail: format!(
                    "this edit is larger than {} MB, the most Michi stores in one step; it was not saved",
                    LIMITS.max_value_bytes >> 20
                ),
                cause: WriteCause::Other,
            },
        },
        _ => match access {
            Access::Read => StoreError::Corrupt { path, detail },
            Access::Write => StoreError::WriteFailed { path, detail, cause: WriteCause::Other },
        },
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    limit_values(conn)?;
    conn.busy_timeout(OPEN_BUSY_TIMEOUT)?;
    conn.query_row("PRAGMA locking_mode = EXCLUSIVE", [], |_| Ok(()))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// SQLite refuses values longer than [`LIMITS`]' (its own default is a billion bytes).
fn limit_values(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_LENGTH, LIMITS.max_value_bytes)?;
    Ok(())
}

fn quick_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let problems: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(if problems == ["ok"] { None } else { Some(problems.join("; ")) })
}

/// Copies the database `src` into `dst`, giving up with [`StoreError::Locked`] if another process
/// holds `src` (an open Michi window holds its file exclusively).
fn copy_into(src: &Connection, dst: &mut Connection, path: &Path) -> Result<()> {
    use rusqlite::backup::{Backup, StepResult};
    let backup = Backup::new(src, dst).map_err(|e| classify(path, e, Access::Read))?;
    let deadline = std::time::Instant::now() + Duration::from_secs(1);
    loop {
        match backup.step(-1).map_err(|e| classify(path, e, Access::Read))? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ if std::time::Instant::now() >= deadline => return Err(StoreError::Locked { path: path.to_path_buf() }),
            _ => std::thread::sleep(Duration::from_millis(25)),
        }
    }
}

/// `VACUUM INTO` a file beside `dest`, synced and renamed into place.
fn copy_database(conn: &Connection, src: &Path, dest: &Path, replace: bool) -> Result<()> {
    if dest.exists() && !replace {
        return Err(StoreError::AlreadyExists(dest.to_path_buf()));
    }
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(StoreError::NotFound(dir));
    }
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.copy", std::process::id()));
    let _ = fs::remove_file(&tmp);
    let written = conn
        .execute("VACUUM INTO ?1", [tmp.to_string_lossy()])
        .map_err(|e| match e.sqlite_error_code() {
            Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly) => StoreError::WriteFailed {
                path: dest.to_path_buf(),
                detail: format!("cannot write in the folder {}", dir.display()),
                cause: WriteCause::Other,
            },
            _ => classify(src, e, Access::Read),
        })
        .and_then(|_| {
            let sync = || fs::File::open(&tmp)?.sync_all();
            let sync_dir = || fs::File::open(&dir).and_then(|d| d.sync_all());
            sync()
                .and_then(|_| fs::rename(&tmp, dest))
                .and_then(|_| sync_dir())
                .map_err(|source| StoreError::Io { path: dest.to_path_buf(), source })
        });
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

fn read_history(conn: &Connection, version: i64) -> rusqlite::Result<History> {
    let cursor: i64 = conn.query_row("SELECT history_cursor FROM versions WHERE id = ?1", [version], |r| r.get(0))?;
    let (floor, newest): (Option<i64>, Option<i64>) =
        conn.query_row("SELECT min(seq), max(seq) FROM history WHERE version = ?1", [version], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(History { cursor, floor: floor.unwrap_or(cursor + 1), newest: newest.unwrap_or(cursor) })
}

fn read_versions(conn: &Connection) -> rusqlite::Result<Vec<VersionInfo>> {
    let mut stmt = conn.prepare(
        "SELECT v.id, v.name, (SELECT f.id FROM versions f WHERE f.id = v.forked_from), v.created
         FROM versions v ORDER BY v.id",
    )?;
    stmt.query_map([], |r| {
        Ok(VersionInfo { id: r.get(0)?, name: r.get(1)?, forked_from: r.get(2)?, created: r.get(3)? })
    })?
    .collect()
}

/// Version `version` of the workspace in `conn` (the file at `path`), within [`LIMITS`].
fn load_version(conn: &Connection, path: &Path, version: i64) -> Result<Workspace> {
    rows::load(conn, version, LIMITS.max_rows).map_err(|e| match e {
        rows::LoadError::Sqlite(e) => classify(path, e, Access::Read),
        rows::LoadError::Invalid(detail) => StoreError::Corrupt { path: path.to_path_buf(), detail },
        rows::LoadError::TooManyRows => StoreError::TooLarge {
            path: path.to_path_buf(),
            what: "rows in one version",
            limit: LIMITS.max_rows as u64,
        },
    })
}

/// A copy of the file in memory, checked and brought to the current schema (the file is only
/// read): what the read-only reads work on. Returns the header found on disk.
fn read_into_memory(path: &Path) -> Result<(Connection, schema::Header)> {
    let header = schema::check_header(path)?;
    let read_err = |e| classify(path, e, Access::Read);
    let src = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(read_err)?;
    src.busy_timeout(Duration::from_millis(500)).map_err(read_err)?;
    let mut mem = Connection::open_in_memory().map_err(read_err)?;
    limit_values(&mem).map_err(read_err)?;
    copy_into(&src, &mut mem, path)?;
    if let Some(problems) = quick_check(&mem).map_err(read_err)? {
        return Err(StoreError::Corrupt { path: path.to_path_buf(), detail: problems });
    }
    if header.version < CURRENT_VERSION {
        let tx = mem.transaction().map_err(read_err)?;
        schema::migrate(&tx, header.version).map_err(read_err)?;
        tx.commit().map_err(read_err)?;
    }
    Ok((mem, header))
}

/// Writes a new workspace file at `path`: its schema, then what `fill` writes, in one transaction,
/// beside the path and renamed into place, so the file appears complete or not at all.
fn create_file(
    path: &Path,
    replace: bool,
    fill: impl FnOnce(&rusqlite::Transaction) -> rusqlite::Result<()>,
) -> Result<()> {
    if path.exists() && !replace {
        return Err(StoreError::AlreadyExists(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(StoreError::NotFound(dir));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.new", std::process::id()));
    let _ = fs::remove_file(&tmp);
    let write = || -> rusqlite::Result<()> {
        let mut conn = Connection::open(&tmp)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        let tx = conn.transaction()?;
        schema::initialise(&tx)?;
        fill(&tx)?;
        tx.commit()?;
        conn.execute_batch("VACUUM")?;
        Ok(())
    };
    if let Err(e) = write() {
        let _ = fs::remove_file(&tmp);
        return Err(match e.sqlite_error_code() {
            Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly) => StoreError::WriteFailed {
                path: path.to_path_buf(),
                detail: format!("cannot write in the folder {}", dir.display()),
                cause: WriteCause::Other,
            },
            _ => classify(path, e, Access::Write),
        });
    }
    let sync_dir = || fs::File::open(&dir).and_then(|d| d.sync_all());
    if let Err(source) = fs::rename(&tmp, path).and_then(|_| sync_dir()) {
        let _ = fs::remove_file(&tmp);
        return Err(StoreError::Io { path: path.to_path_buf(), source });
    }
    Ok(())
}

/// The version the file says is being edited (the first one if it names none that exists).
fn current_version(conn: &Connection) -> rusqlite::Result<i64> {
    let named: Option<i64> = rows::meta(conn, "current_version")?.and_then(|v| v.parse().ok());
    let versions = read_versions(conn)?;
    Ok(match named {
        Some(v) if versions.iter().any(|x| x.id == v) => v,
        _ => versions.first().map_or(1, |v| v.id),
    })
}

impl Store {
    /// Creates a new workspace file holding `initial` (with an empty history) and opens it.
    /// The file appears complete or not at all: it is written beside `path` and renamed into place.
    pub fn create(path: impl AsRef<Path>, initial: &Workspace, replace: bool) -> Result<Store> {
        Store::create_versions(path, initial, &[], replace)
    }

    /// Creates a workspace file like [`Store::create`], holding `initial` as its first version (現状,
    /// the as-is) and each of `more` as a version made from the one before it, each with an empty
    /// history; the first is the one edited.
    pub fn create_versions(
        path: impl AsRef<Path>,
        initial: &Workspace,
        more: &[(&str, &Workspace)],
        replace: bool,
    ) -> Result<Store> {
        let path = path.as_ref();
        create_file(path, replace, |tx| {
            rows::write_all(tx, initial, 1)?;
            for (i, (name, ws)) in more.iter().enumerate() {
                let id = i as i64 + 2;
                tx.execute(
                    "INSERT INTO versions (id, name, forked_from, created, history_cursor)
                     VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 0)",
                    params![id, name, id - 1],
                )?;
                rows::write_all(tx, ws, id)?;
            }
            Ok(())
        })?;
        Store::open(path)
    }

    /// Every row of a workspace file — all its versions, the workspace's own data, the history —
    /// read without opening it for editing (an older file is upgraded in memory only).
    pub fn archive(path: impl AsRef<Path>) -> Result<michi_core::archive::Archive> {
        let path = path.as_ref().to_path_buf();
        let (mut mem, _) = read_into_memory(&path)?;
        let read_err = |e| classify(&path, e, Access::Read);
        let tx = mem.transaction().map_err(read_err)?;
        let current = current_version(&tx).map_err(read_err)?;
        archive::read(&tx, current).map_err(read_err)
    }

    /// Every row of the open file, as [`Store::archive`] reads a closed one.
    pub fn to_archive(&self) -> Result<michi_core::archive::Archive> {
        archive::read(&self.conn, self.version).map_err(|e| classify(&self.path, e, Access::Read))
    }

    /// Creates a workspace file holding `archive` exactly (every row as it is, the history
    /// included), complete or not at all, and checks that each version loads. It is not opened.
    pub fn create_from_archive(
        path: impl AsRef<Path>,
        archive: &michi_core::archive::Archive,
        replace: bool,
    ) -> Result<()> {
        let path = path.as_ref();
        create_file(path, replace, |tx| {
            archive::write(tx, archive)?;
            Ok(())
        })?;
        // Every version must load as a model; a broken archive leaves no file behind.
        let check = || -> Result<()> {
            for v in &archive.versions {
                Store::read_version(path, Some(&v.name))?;
            }
            Ok(())
        };
        if let Err(e) = check() {
            let _ = fs::remove_file(path);
            return Err(e);
        }
        Ok(())
    }

    /// Opens a workspace file for editing, upgrading an older format. Refuses, leaving the file as it
    /// was, a file that is not a Michi workspace, is damaged, is newer than this build, is read-only,
    /// or is open elsewhere.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let header = schema::check_header(&path)?;
        let metadata = fs::metadata(&path).map_err(|source| StoreError::Io { path: path.clone(), source })?;
        // Checked by hand: SQLite would open a write-protected file read-only without saying so,
        // and root (as in CI) may write it anyway.
        if metadata.permissions().readonly() {
            return Err(StoreError::ReadOnly { path });
        }
        let read_err = |e| classify(&path, e, Access::Read);
        let mut conn =
            Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(read_err)?;
        configure(&conn).map_err(read_err)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive).map_err(read_err)?;
        if let Some(problems) = quick_check(&tx).map_err(read_err)? {
            return Err(StoreError::Corrupt { path, detail: problems });
        }
        if header.version < CURRENT_VERSION {
            schema::migrate(&tx, header.version).map_err(|e| classify(&path, e, Access::Write))?;
        }
        let version = current_version(&tx).map_err(read_err)?;
        let ws = load_version(&tx, &path, version)?;
        let history = read_history(&tx, version).map_err(read_err)?;
        tx.commit().map_err(|e| classify(&path, e, Access::Write))?;
        // Later transactions never wait: this connection holds the file exclusively.
        conn.busy_timeout(Duration::ZERO).map_err(read_err)?;
        let identity = identity_of(&path).map_err(|source| StoreError::Io { path: path.clone(), source })?;
        Ok(Store { conn, path, version, ws, ids: IdGen::random(), history, revision: 0, identity })
    }

    /// Reads a workspace file without opening it for editing: the version being edited, or the one
    /// named `version`; an older format is upgraded in memory only. The file is never written.
    pub fn read(path: impl AsRef<Path>) -> Result<Snapshot> {
        Store::read_version(path, None)
    }

    /// [`Store::read`] of the version named `name` (the one being edited when `None`).
    pub fn read_version(path: impl AsRef<Path>, name: Option<&str>) -> Result<Snapshot> {
        let path = path.as_ref().to_path_buf();
        let (mut mem, header) = read_into_memory(&path)?;
        let read_err = |e| classify(&path, e, Access::Read);
        let tx = mem.transaction().map_err(read_err)?;
        let versions = read_versions(&tx).map_err(read_err)?;
        let version = match name {
            Some(name) => versions.iter().find(|v| v.name == name).cloned().ok_or_else(|| {
                StoreError::Version(VersionError::Unknown {
                    name: name.to_string(),
                    known: versions.iter().map(|v| v.name.clone()).collect(),
                })
            })?,
            None => {
                let current = current_version(&tx).map_err(read_err)?;
                versions.iter().find(|v| v.id == current).cloned().ok_or(VersionError::NotFound(current))?
            }
        };
        let workspace = load_version(&tx, &path, version.id)?;
        let history_len: i64 = tx
            .query_row("SELECT count(*) FROM history WHERE version = ?1", [version.id], |r| r.get(0))
            .map_err(read_err)?;
        Ok(Snapshot { workspace, version, versions, file_version: header.version, history_len: history_len as u64 })
    }

    /// Replaces where new ids come from (random by default). Scripted runs and tests use
    /// [`IdGen::sequential`] so that a replay creates the same ids.
    pub fn set_id_gen(&mut self, ids: IdGen) {
        self.ids = ids;
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// The version being edited.
    pub fn version(&self) -> i64 {
        self.version
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn can_undo(&self) -> bool {
        self.history.cursor >= 1 && self.history.cursor >= self.history.floor
    }

    pub fn can_redo(&self) -> bool {
        self.history.cursor < self.history.newest
    }

    /// The labels of the steps undo and redo would take (see [`Edit::label`]).
    pub fn history_info(&self) -> Result<HistoryInfo> {
        let label = |seq: i64| -> Result<Option<String>> {
            self.conn
                .prepare_cached("SELECT label FROM history WHERE seq = ?1")
                .and_then(|mut s| s.query_row([seq], |r| r.get(0)))
                .map(Some)
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    e => Err(classify(&self.path, e, Access::Read)),
                })
        };
        Ok(HistoryInfo {
            undo: if self.can_undo() { label(self.history.cursor)? } else { None },
            redo: if self.can_redo() {
                label(self.next_seq().map_err(|e| classify(&self.path, e, Access::Read))?)?
            } else {
                None
            },
        })
    }

    /// Performs an edit and commits it with its inverse. When this returns `Ok`, the edit is on disk.
    pub fn edit(&mut self, edit: Edit) -> Result<Outcome> {
        let label = edit.label();
        self.edit_as(label, edit)
    }

    /// [`Store::edit`], recorded in the history under `label` (an import made of several edits is
    /// undone as "import accounts", not as "several edits").
    pub fn edit_as(&mut self, label: &str, edit: Edit) -> Result<Outcome> {
        let performed = perform(&mut self.ws, edit, &mut self.ids)?;
        self.record(label, "", performed)
    }

    /// [`Store::edit`] made by `author` (a workshop participant), who is recorded with the step.
    pub fn edit_by(&mut self, author: &str, edit: Edit) -> Result<Outcome> {
        let label = edit.label();
        let performed = perform(&mut self.ws, edit, &mut self.ids)?;
        self.record(label, author, performed)
    }

    /// Who made the step undo would take back ("" for the person at this machine), if any.
    pub fn undo_author(&self) -> Result<Option<String>> {
        if !self.can_undo() {
            return Ok(None);
        }
        self.conn
            .prepare_cached("SELECT author FROM history WHERE seq = ?1")
            .and_then(|mut s| s.query_row([self.history.cursor], |r| r.get(0)))
            .map(Some)
            .map_err(|e| classify(&self.path, e, Access::Read))
    }

    /// Applies an operation built outside the edit vocabulary (an imported file, say) as one undo
    /// step labelled `label`, committed like an edit. `created` is reported back as is.
    pub fn apply_op(
        &mut self,
        label: &str,
        op: Op,
        created: Vec<ElementId>,
        created_views: Vec<ViewId>,
    ) -> Result<Outcome> {
        let applied = apply(&mut self.ws, op.clone()).map_err(|e| StoreError::Edit(e.into()))?;
        self.record(
            label,
            "",
            Performed { forward: op, inverse: applied.inverse, changes: applied.changes, created, created_views },
        )
    }

    /// Lends the workspace with the id generator, to build an operation that [`Store::apply_op`] then applies.
    pub fn with_ids<T>(&mut self, f: impl FnOnce(&Workspace, &mut IdGen) -> T) -> T {
        f(&self.ws, &mut self.ids)
    }

    /// Refuses to write when the file this store opened is no longer at its path (moved or deleted,
    /// or replaced by another program, as a sync tool does): the write would go to a file no one
    /// opens again. The workspace stays in memory, and `save_copy` still writes all of it.
    fn check_in_place(&self) -> Result<()> {
        let Some(opened) = self.identity else { return Ok(()) };
        let gone = |detail: &str, cause| StoreError::WriteFailed {
            path: self.path.clone(),
            detail: detail.to_string(),
            cause,
        };
        match identity_of(&self.path) {
            Ok(Some(now)) if now == opened => Ok(()),
            Ok(_) => Err(gone(
                "another program replaced the file while it was open; this edit was not saved (save a copy to keep the work of this window)",
                WriteCause::Replaced,
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(gone(
                "the file was moved or deleted while it was open; this edit was not saved (save a copy to keep the work of this window)",
                WriteCause::Moved,
            )),
            Err(source) => Err(StoreError::Io { path: self.path.clone(), source }),
        }
    }

    /// Writes an edit just applied in memory, with its inverse, in one transaction; on failure the
    /// memory is put back as it was.
    fn record(&mut self, label: &str, author: &str, performed: Performed) -> Result<Outcome> {
        if performed.changes.is_empty() {
            return Ok(Outcome {
                revision: self.revision,
                created: performed.created,
                created_views: performed.created_views,
                changed: false,
                changes: Some(performed.changes),
            });
        }
        if let Err(e) = self.check_in_place() {
            apply(&mut self.ws, performed.inverse).expect("the inverse of an edit just performed applies");
            return Err(e);
        }
        let version = self.version;
        let cursor = self.history.cursor;
        let written = (|| -> rusqlite::Result<(i64, i64)> {
            let tx = self.conn.transaction()?;
            rows::write_changes(&tx, &self.ws, &performed.changes, version)?;
            // This version's redo steps go; the entry takes the next number of the whole file.
            tx.prepare_cached("DELETE FROM history WHERE version = ?1 AND seq > ?2")?.execute([version, cursor])?;
            let seq: i64 = tx.query_row("SELECT coalesce(max(seq), 0) + 1 FROM history", [], |r| r.get(0))?;
            tx.prepare_cached(
                "INSERT INTO history (seq, version, label, forward, inverse, at, author)
                 VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?6)",
            )?
            .execute(params![
                seq,
                version,
                label,
                serde_json::to_string(&performed.forward).expect("operations serialise"),
                serde_json::to_string(&performed.inverse).expect("operations serialise"),
                author,
            ])?;
            if seq % 256 == 0 {
                // The version's oldest entries beyond the limit go.
                tx.prepare_cached(
                    "DELETE FROM history WHERE version = ?1 AND seq <
                     (SELECT seq FROM history WHERE version = ?1 ORDER BY seq DESC LIMIT 1 OFFSET ?2)",
                )?
                .execute([version, HISTORY_LIMIT - 1])?;
            }
            let floor: i64 =
                tx.query_row("SELECT min(seq) FROM history WHERE version = ?1", [version], |r| r.get(0))?;
            tx.prepare_cached("UPDATE versions SET history_cursor = ?1 WHERE id = ?2")?.execute([seq, version])?;
            tx.commit()?;
            Ok((seq, floor))
        })();
        let (seq, floor) = match written {
            Ok(w) => w,
            Err(e) => {
                apply(&mut self.ws, performed.inverse).expect("the inverse of an edit just performed applies");
                return Err(classify(&self.path, e, Access::Write));
            }
        };
        self.history = History { cursor: seq, floor, newest: seq };
        self.revision += 1;
        Ok(Outcome {
            revision: self.revision,
            created: performed.created,
            created_views: performed.created_views,
            changed: true,
            changes: Some(performed.changes),
        })
    }

    pub fn undo(&mut self) -> Result<Outcome> {
        if !self.can_undo() {
            return Err(StoreError::NothingToUndo);
        }
        let seq = self.history.cursor;
        let before: i64 = self
            .conn
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM history WHERE version = ?1 AND seq < ?2")
            .and_then(|mut s| s.query_row([self.version, seq], |r| r.get(0)))
            .map_err(|e| classify(&self.path, e, Access::Read))?;
        self.step(seq, "inverse", before)
    }

    pub fn redo(&mut self) -> Result<Outcome> {
        if !self.can_redo() {
            return Err(StoreError::NothingToRedo);
        }
        let seq = self.next_seq().map_err(|e| classify(&self.path, e, Access::Read))?;
        self.step(seq, "forward", seq)
    }

    /// The entry redo would apply: this version's first after the cursor.
    fn next_seq(&self) -> rusqlite::Result<i64> {
        self.conn
            .prepare_cached("SELECT min(seq) FROM history WHERE version = ?1 AND seq > ?2")?
            .query_row([self.version, self.history.cursor], |r| r.get(0))
    }

    /// Applies the `column` operation of history entry `seq` and moves the cursor to `cursor`.
    fn step(&mut self, seq: i64, column: &str, cursor: i64) -> Result<Outcome> {
        let corrupt = |detail: String| StoreError::Corrupt { path: self.path.clone(), detail };
        let sql = format!("SELECT {column} FROM history WHERE seq = ?1");
        let text: String = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row([seq], |r| r.get(0)))
            .map_err(|e| classify(&self.path, e, Access::Read))?;
        let op: Op = serde_json::from_str(&text).map_err(|e| corrupt(format!("history entry {seq}: {e}")))?;
        self.check_in_place()?;
        let applied = apply(&mut self.ws, op)
            .map_err(|e| corrupt(format!("history entry {seq} does not fit the workspace: {e}")))?;
        let version = self.version;
        let written = (|| -> rusqlite::Result<()> {
            let tx = self.conn.transaction()?;
            rows::write_changes(&tx, &self.ws, &applied.changes, version)?;
            tx.prepare_cached("UPDATE versions SET history_cursor = ?1 WHERE id = ?2")?.execute([cursor, version])?;
            tx.commit()
        })();
        if let Err(e) = written {
            apply(&mut self.ws, applied.inverse).expect("the inverse of a step just applied applies");
            return Err(classify(&self.path, e, Access::Write));
        }
        self.history.cursor = cursor;
        self.revision += 1;
        Ok(Outcome {
            revision: self.revision,
            created: Vec::new(),
            created_views: Vec::new(),
            changed: true,
            changes: Some(applied.changes),
        })
    }

    /// Writes a copy of the whole file (every version with its history, the shared data) to `dest`,
    /// compacted, appearing whole or not at all; refuses an existing file unless `replace`.
    pub fn save_copy(&self, dest: &Path, replace: bool) -> Result<()> {
        copy_database(&self.conn, &self.path, dest, replace)
    }

    /// [`Store::save_copy`] of a file that is not open for editing (a write-protected one, say).
    pub fn copy_file(src: &Path, dest: &Path, replace: bool) -> Result<()> {
        schema::check_header(src)?;
        let conn = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| classify(src, e, Access::Read))?;
        conn.busy_timeout(Duration::from_millis(500)).map_err(|e| classify(src, e, Access::Read))?;
        copy_database(&conn, src, dest, replace)
    }

    /// The workspace's versions, in the order they were made.
    pub fn versions(&self) -> Result<Vec<VersionInfo>> {
        read_versions(&self.conn).map_err(|e| classify(&self.path, e, Access::Read))
    }

    fn check_name(&self, name: &str, except: Option<i64>) -> Result<String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(VersionError::EmptyName.into());
        }
        if self.versions()?.iter().any(|v| v.name == name && Some(v.id) != except) {
            return Err(VersionError::NameTaken(name.to_string()).into());
        }
        Ok(name.to_string())
    }

    fn check_exists(&self, id: i64) -> Result<()> {
        if self.versions()?.iter().any(|v| v.id == id) { Ok(()) } else { Err(VersionError::NotFound(id).into()) }
    }

    /// A new version named `name`, a copy of version `from` (its model; its undo history starts
    /// empty), written in one transaction. The version being edited stays the same.
    pub fn fork_version(&mut self, from: i64, name: &str) -> Result<i64> {
        self.check_in_place()?;
        self.check_exists(from)?;
        let name = self.check_name(name, None)?;
        let written = (|| -> rusqlite::Result<i64> {
            let tx = self.conn.transaction()?;
            let id: i64 = tx.query_row("SELECT max(id) + 1 FROM versions", [], |r| r.get(0))?;
            tx.execute(
                "INSERT INTO versions (id, name, forked_from, created, history_cursor)
                 VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 0)",
                params![id, name, from],
            )?;
            rows::copy_version(&tx, from, id)?;
            tx.commit()?;
            Ok(id)
        })();
        written.map_err(|e| classify(&self.path, e, Access::Write))
    }

    /// The model of version `id` as it is in the file (the one edited is [`Store::workspace`]).
    pub fn version_workspace(&self, id: i64) -> Result<Workspace> {
        if id == self.version {
            return Ok(self.ws.clone());
        }
        self.check_exists(id)?;
        load_version(&self.conn, &self.path, id)
    }

    /// Edits version `id` from now on (and on the next open): its model, with the shared account
    /// data and snapshots, and its own undo history.
    pub fn switch_version(&mut self, id: i64) -> Result<Outcome> {
        self.check_in_place()?;
        let ws = self.version_workspace(id)?;
        let path = self.path.clone();
        let read_err = |e| classify(&path, e, Access::Read);
        let history = read_history(&self.conn, id).map_err(read_err)?;
        rows::set_meta(&self.conn, "current_version", &id.to_string())
            .map_err(|e| classify(&self.path, e, Access::Write))?;
        self.version = id;
        self.ws = ws;
        self.history = history;
        self.revision += 1;
        Ok(Outcome::unkeyed(self.revision))
    }

    pub fn rename_version(&mut self, id: i64, name: &str) -> Result<()> {
        self.check_in_place()?;
        self.check_exists(id)?;
        let name = self.check_name(name, Some(id))?;
        self.conn
            .execute("UPDATE versions SET name = ?1 WHERE id = ?2", params![name, id])
            .map(|_| ())
            .map_err(|e| classify(&self.path, e, Access::Write))
    }

    /// Deletes version `id` with its history, in one transaction. The version being edited and the
    /// only one are refused.
    pub fn delete_version(&mut self, id: i64) -> Result<()> {
        self.check_in_place()?;
        self.check_exists(id)?;
        if id == self.version {
            return Err(VersionError::Current.into());
        }
        if self.versions()?.len() <= 1 {
            return Err(VersionError::LastOne.into());
        }
        let written = (|| -> rusqlite::Result<()> {
            let tx = self.conn.transaction()?;
            rows::delete_version(&tx, id)?;
            tx.execute("DELETE FROM versions WHERE id = ?1", [id])?;
            tx.commit()
        })();
        written.map_err(|e| classify(&self.path, e, Access::Write))
    }

    /// Runs SQLite's full integrity check on the open file (for tests and diagnostics).
    pub fn integrity_check(&self) -> Result<Option<String>> {
        let mut stmt =
            self.conn.prepare("PRAGMA integrity_check").map_err(|e| classify(&self.path, e, Access::Read))?;
        let problems: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| classify(&self.path, e, Access::Read))?;
        Ok(if problems == ["ok"] { None } else { Some(problems.join("; ")) })
    }
}

#[cfg(test)]
mod tests {
    use michi_core::{ElementData, ElementKind};

    use super::*;

    /// A write that fails (here: the file may not grow, as on a full disk) is reported, and the
    /// in-memory workspace is rolled back so that it still matches the file.
    #[test]
    fn a_failed_write_reverts_memory_and_reports_a_full_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("full.michi");
        let mut store = Store::create(&path, &Workspace::new(), false).unwrap();
        let journey = store.edit(Edit::CreateJourney { name: "J".into() }).unwrap().created[0].clone();
        let stage = store.edit(Edit::AddStage { journey, index: None, name: "S".into() }).unwrap().created[0].clone();
        let pages: i64 = store.conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        store.conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(())).unwrap();

        let before = store.workspace().clone();
        let revision = store.revision();
        let mut failure = None;
        for i in 0..500 {
            let data =
                ElementData::new_with_label(ElementKind::CustomerAction, "長い説明 ".repeat(50) + &i.to_string());
            match store.edit(Edit::AddCard { stage: stage.clone(), index: None, data }) {
                Ok(_) => {}
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        let failure = failure.expect("the file could not grow, so an edit must fail");
        assert!(
            matches!(&failure, StoreError::WriteFailed { detail, .. } if detail.contains("disk is full")),
            "{failure}"
        );
        let in_memory = store.workspace().clone();
        assert_ne!(in_memory, before, "some edits fitted before the limit");
        assert!(store.revision() > revision);
        drop(store);
        assert_eq!(Store::open(&path).unwrap().workspace(), &in_memory, "memory and file agree after the failure");
    }
}
