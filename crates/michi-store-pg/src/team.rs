//! A team workspace open for editing: the model in memory, kept equal to the database's.
//!
//! **An edit** is one transaction: it locks the workspace's row (edits of one workspace take turns;
//! other workspaces are not held up), applies the entries other clients committed since this one
//! last looked, compiles the edit against that state, writes the rows it touched and its history
//! entry, advances the workspace's counter and notifies the other clients, then commits. So an edit
//! is never compiled against a stale copy: two people editing different elements both succeed, and
//! an edit whose target someone deleted meanwhile is refused with the reason.
//!
//! **Undo** takes back the author's own last edit (entries carry their author), as a new entry.
//! It is refused, saying by whom, when someone else has since changed what that edit touched, or
//! when its inverse no longer applies. Redo re-applies what the author undid, in reverse order,
//! until the author makes a new edit.
//!
//! **Disconnected**: an edit that cannot reach the database is applied here and kept in the
//! [`crate::queue`] on disk, then sent, compiled again, when the connection is back
//! ([`TeamStore::sync`]); one that no longer applies is kept with its reason for its author. Each
//! carries a token the database stores, so an edit whose commit was cut off is not applied twice.

use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use michi_core::archive::{self, HistoryInfo, Outcome, RowChange, VersionError, VersionInfo};
use michi_core::{Changes, Edit, IdGen, Op, Performed, Workspace, apply, perform};
use postgres::{Client, GenericClient};

use crate::conninfo::Target;

use crate::db::{self, PgError, blocking};
use crate::queue::{Queue, Queued, Rejected};

/// How long to wait before trying to reach a database that was unreachable.
const RETRY_AFTER: Duration = Duration::from_secs(1);

/// A change another client (or this person elsewhere) committed, as this client learnt of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Remote {
    pub seq: i64,
    pub author: String,
    pub label: String,
    pub version: i64,
}

/// Where the connection and the edits made offline stand.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamStatus {
    pub online: bool,
    /// The labels of the edits waiting to be sent, oldest first.
    pub pending: Vec<String>,
    /// Edits the database refused when they were sent, until dismissed.
    pub rejected: Vec<Rejected>,
}

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// Whether `e` means the connection is gone (the server stopped, the network cut), as opposed to a
/// statement the database refused.
pub(crate) fn is_lost(e: &postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    if let Some(state) = e.code() {
        // Class 08 (connection exception) and 57P01–57P03 (the server shutting down or starting).
        let code = state.code();
        return code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03");
    }
    std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>())
}

/// Why a transaction did not go through.
enum Fail {
    /// The database or the model refused it: nothing changed.
    Refused(PgError),
    /// The connection went. `performed`: the edit was applied in memory and may or may not have
    /// been committed (its token tells, later).
    Lost { performed: Option<Box<Performed>> },
}

impl From<postgres::Error> for Fail {
    fn from(e: postgres::Error) -> Self {
        if is_lost(&e) { Fail::Lost { performed: None } } else { Fail::Refused(db::refused(e)) }
    }
}

impl From<Fail> for PgError {
    /// What the caller is told: the refusal, or that the database is out of reach.
    fn from(f: Fail) -> Self {
        match f {
            Fail::Refused(e) => e,
            Fail::Lost { .. } => PgError::Offline,
        }
    }
}

impl From<PgError> for Fail {
    fn from(e: PgError) -> Self {
        Fail::Refused(e)
    }
}

/// The channel a workspace's commits are announced on.
pub(crate) fn channel(workspace: i64) -> String {
    format!("michi_ws_{workspace}")
}

/// The keys an operation touched, as text (what an undo is checked against).
fn keys(changes: &Changes) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(changes.elements.iter().map(|e| format!("e:{e}")));
    out.extend(changes.relations.iter().map(|r| format!("r:{}:{}:{}", r.kind.as_str(), r.from, r.to)));
    out.extend(changes.views.iter().map(|v| format!("v:{v}")));
    out.extend(changes.placements.iter().map(|(v, e)| format!("p:{v}:{e}")));
    out
}

/// The model and what this client knows of the database.
struct Replica {
    id: i64,
    name: String,
    author: String,
    version: i64,
    ws: Workspace,
    /// The last history entry applied (the workspace's counter when it was read).
    seen: i64,
    revision: u64,
    versions: Vec<VersionInfo>,
    history: HistoryInfo,
    remote: Vec<Remote>,
    /// The entry this transaction recorded: seen once it commits.
    recorded: Option<i64>,
    /// Whether the database lets this user change the workspace (read when opened).
    can_edit: bool,
}

/// A team workspace open for editing. See the module's comment.
pub struct TeamStore {
    target: Target,
    client: Option<Client>,
    retry_at: Option<Instant>,
    r: Replica,
    queue: Queue,
}

/// Every row of version `version` of workspace `id` (and the shared ones), as a model.
fn load(c: &mut impl GenericClient, id: i64, version: i64) -> Result<Workspace, Fail> {
    let elements = c
        .query(
            "SELECT version, id, kind, data FROM elements WHERE workspace = $1 AND version IN (0, $2)",
            &[&id, &version],
        )?
        .into_iter()
        .map(|r| db::element_row(&r));
    let relations = c
        .query(
            "SELECT version, kind, from_id, to_id, rank FROM relations WHERE workspace = $1 AND version = $2",
            &[&id, &version],
        )?
        .into_iter()
        .map(|r| db::relation_row(&r));
    let views = c
        .query("SELECT version, id, name, kind FROM views WHERE workspace = $1 AND version = $2", &[&id, &version])?
        .into_iter()
        .map(|r| db::view_row(&r));
    let placements = c
        .query(
            "SELECT version, view_id, element_id, x, y, width, height, extra FROM placements
             WHERE workspace = $1 AND version = $2",
            &[&id, &version],
        )?
        .into_iter()
        .map(|r| db::placement_row(&r));
    archive::load(elements, relations, views, placements).map_err(|e| Fail::Refused(PgError::Corrupt(e.0)))
}

fn read_versions(c: &mut impl GenericClient, id: i64) -> Result<Vec<VersionInfo>, postgres::Error> {
    Ok(c.query(
        "SELECT v.id, v.name, (SELECT f.id FROM versions f WHERE f.workspace = v.workspace AND f.id = v.forked_from),
                v.created
         FROM versions v WHERE v.workspace = $1 ORDER BY v.id",
        &[&id],
    )?
    .iter()
    .map(|r| VersionInfo { id: r.get(0), name: r.get(1), forked_from: r.get(2), created: r.get(3) })
    .collect())
}

/// What undo and redo would take for `r`'s author in `r`'s version.
fn own_history(c: &mut impl GenericClient, r: &Replica) -> Result<HistoryInfo, postgres::Error> {
    let undo = c
        .query_opt(
            "SELECT label FROM history WHERE workspace = $1 AND author = $2 AND version = $3 AND kind = 'edit'
             AND NOT undone ORDER BY seq DESC LIMIT 1",
            &[&r.id, &r.author, &r.version],
        )?
        .map(|row| row.get(0));
    let redo = redo_target(c, r)?.map(|(_, _, label)| label);
    Ok(HistoryInfo { undo, redo })
}

/// The entry redo would re-apply: `(undo entry, its target, label)`. The author's latest undo
/// whose target is still undone, made after the author's last edit.
fn redo_target(c: &mut impl GenericClient, r: &Replica) -> Result<Option<(i64, i64, String)>, postgres::Error> {
    Ok(c.query_opt(
        "SELECT u.seq, u.target, u.label FROM history u
         WHERE u.workspace = $1 AND u.author = $2 AND u.version = $3 AND u.kind = 'undo'
           AND u.seq > coalesce((SELECT max(seq) FROM history e WHERE e.workspace = $1 AND e.author = $2
                                 AND e.version = $3 AND e.kind = 'edit'), 0)
           AND (SELECT t.undone FROM history t WHERE t.workspace = $1 AND t.seq = u.target)
         ORDER BY u.seq DESC LIMIT 1",
        &[&r.id, &r.author, &r.version],
    )?
    .map(|row| (row.get(0), row.get(1), row.get(2))))
}

/// Applies the entries committed after `r.seen` (in `r`'s version; a change to the shared rows
/// from another version reloads the model), and notes them as remote changes.
fn catch_up(c: &mut impl GenericClient, r: &mut Replica) -> Result<bool, Fail> {
    let rows = c.query(
        "SELECT seq, version, author, label, forward, shared FROM history WHERE workspace = $1 AND seq > $2 ORDER BY seq",
        &[&r.id, &r.seen],
    )?;
    if rows.is_empty() {
        return Ok(false);
    }
    let mut reload = false;
    for row in &rows {
        let (seq, version): (i64, i64) = (row.get(0), row.get(1));
        if version == r.version && !reload {
            let forward: &str = row.get(4);
            let applied = serde_json::from_str::<Op>(forward).ok().and_then(|op| apply(&mut r.ws, op).ok());
            // An entry that does not fit means this copy went astray: read the database's.
            reload |= applied.is_none();
        } else if version != r.version && row.get::<_, bool>(5) {
            reload = true;
        }
        r.remote.push(Remote { seq, author: row.get(2), label: row.get(3), version });
        r.seen = seq;
    }
    if reload {
        r.ws = load(c, r.id, r.version)?;
    }
    r.revision += 1;
    Ok(true)
}

/// Writes `changes` (computed in `ws`) for workspace `id`; says whether a shared row changed.
fn write_rows(
    c: &mut impl GenericClient,
    id: i64,
    ws: &Workspace,
    changes: &Changes,
    version: i64,
) -> Result<bool, postgres::Error> {
    let mut shared = false;
    for change in archive::row_changes(ws, changes, version) {
        match change {
            RowChange::Element(row) => {
                shared |= row.version == archive::SHARED;
                c.execute(
                    "INSERT INTO elements (workspace, version, id, kind, data) VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (workspace, version, id) DO UPDATE SET kind = excluded.kind, data = excluded.data",
                    &[&id, &row.version, &row.id, &row.kind, &row.data],
                )?;
            }
            RowChange::DeleteElement { version, id: element } => {
                let gone = c.query(
                    "DELETE FROM elements WHERE workspace = $1 AND id = $2 AND version IN (0, $3) RETURNING version",
                    &[&id, &element, &version],
                )?;
                shared |= gone.iter().any(|r| r.get::<_, i64>(0) == archive::SHARED);
            }
            RowChange::Relation(row) => {
                c.execute(
                    "INSERT INTO relations (workspace, version, kind, from_id, to_id, rank) VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (workspace, version, kind, from_id, to_id) DO UPDATE SET rank = excluded.rank",
                    &[&id, &row.version, &row.kind, &row.from, &row.to, &row.rank],
                )?;
            }
            RowChange::DeleteRelation { version, kind, from, to } => {
                c.execute(
                    "DELETE FROM relations WHERE workspace = $1 AND version = $2 AND kind = $3 AND from_id = $4 AND to_id = $5",
                    &[&id, &version, &kind, &from, &to],
                )?;
            }
            RowChange::View(row) => {
                c.execute(
                    "INSERT INTO views (workspace, version, id, name, kind) VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (workspace, version, id) DO UPDATE SET name = excluded.name, kind = excluded.kind",
                    &[&id, &row.version, &row.id, &row.name, &row.kind],
                )?;
            }
            RowChange::DeleteView { version, id: view } => {
                c.execute(
                    "DELETE FROM placements WHERE workspace = $1 AND version = $2 AND view_id = $3",
                    &[&id, &version, &view],
                )?;
                c.execute(
                    "DELETE FROM views WHERE workspace = $1 AND version = $2 AND id = $3",
                    &[&id, &version, &view],
                )?;
            }
            RowChange::Placement(p) => {
                c.execute(
                    "INSERT INTO placements (workspace, version, view_id, element_id, x, y, width, height, extra)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                     ON CONFLICT (workspace, version, view_id, element_id) DO UPDATE
                     SET x = excluded.x, y = excluded.y, width = excluded.width, height = excluded.height,
                         extra = excluded.extra",
                    &[&id, &p.version, &p.view, &p.element, &p.x, &p.y, &p.width, &p.height, &p.extra],
                )?;
            }
            RowChange::DeletePlacement { version, view, element } => {
                c.execute(
                    "DELETE FROM placements WHERE workspace = $1 AND version = $2 AND view_id = $3 AND element_id = $4",
                    &[&id, &version, &view, &element],
                )?;
            }
        }
    }
    Ok(shared)
}

/// One history entry to record.
struct Entry<'a> {
    label: &'a str,
    /// Someone else than the store's author (a workshop participant), if so.
    author: Option<&'a str>,
    kind: &'a str,
    target: Option<i64>,
    forward: &'a Op,
    inverse: &'a Op,
    changes: &'a Changes,
    token: Option<&'a str>,
}

/// Writes a step just applied to `r.ws`: the rows it touched and its history entry; then reads
/// again what the author's undo and redo would take.
fn write_step(c: &mut impl GenericClient, r: &mut Replica, e: Entry) -> Result<(), postgres::Error> {
    let shared = write_rows(c, r.id, &r.ws, e.changes, r.version)?;
    record(c, r, e, shared)?;
    r.history = own_history(c, r)?;
    Ok(())
}

/// Records `e` as the workspace's next entry, moves the counter and announces it. Returns its seq.
fn record(c: &mut impl GenericClient, r: &mut Replica, e: Entry, shared: bool) -> Result<i64, postgres::Error> {
    let seq = r.seen + 1;
    // A pushed file's steps that were undone there (its redo) no longer make sense after a new step.
    c.execute(
        "DELETE FROM history WHERE workspace = $1 AND version = $2 AND kind = 'edit' AND seq >
         (SELECT history_cursor FROM versions WHERE workspace = $1 AND id = $2) AND token IS NULL",
        &[&r.id, &r.version],
    )?;
    let forward = serde_json::to_string(e.forward).expect("operations serialise");
    let inverse = serde_json::to_string(e.inverse).expect("operations serialise");
    let keys = serde_json::to_string(&keys(e.changes)).expect("keys serialise");
    c.execute(
        "INSERT INTO history (workspace, seq, version, label, author, forward, inverse, at, kind, target, keys, shared, token)
         VALUES ($1, $2, $3, $4, $5, $6, $7, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'),
                 $8, $9, $10, $11, $12)",
        &[&r.id, &seq, &r.version, &e.label, &e.author.unwrap_or(&r.author), &forward, &inverse, &e.kind, &e.target, &keys, &shared, &e.token],
    )?;
    c.execute("UPDATE workspaces SET last_seq = $2 WHERE id = $1", &[&r.id, &seq])?;
    c.execute("UPDATE versions SET history_cursor = $3 WHERE workspace = $1 AND id = $2", &[&r.id, &r.version, &seq])?;
    c.execute("SELECT pg_notify($1, $2)", &[&channel(r.id), &seq.to_string()])?;
    r.recorded = Some(seq);
    Ok(seq)
}

/// Locks workspace `r.id` for this transaction and brings `r` up to date with it.
fn lock_and_catch_up(c: &mut impl GenericClient, r: &mut Replica) -> Result<(), Fail> {
    let Some(row) = c.query_opt("SELECT last_seq FROM workspaces WHERE id = $1 FOR UPDATE", &[&r.id])? else {
        // Row-level security hides a workspace from who may not change it.
        let readable = c.query_opt("SELECT 1 FROM workspaces WHERE id = $1", &[&r.id])?.is_some();
        return Err(Fail::Refused(if readable {
            PgError::Forbidden(format!("you may read {}, not change it: ask its owner", r.name))
        } else {
            PgError::NoWorkspace { name: r.name.clone(), known: "—".into() }
        }));
    };
    catch_up(c, r)?;
    // Entries may be gone (a deleted version's): the counter, not the last entry, numbers the next.
    r.seen = r.seen.max(row.get(0));
    let exists = c.query_opt("SELECT 1 FROM versions WHERE workspace = $1 AND id = $2", &[&r.id, &r.version])?;
    if exists.is_none() {
        return Err(Fail::Refused(PgError::Version(VersionError::NotFound(r.version))));
    }
    Ok(())
}

impl Drop for TeamStore {
    fn drop(&mut self) {
        // Closing the connection blocks on the client's own runtime, which may not nest in a caller's.
        if let Some(client) = self.client.take() {
            blocking(move || drop(client));
        }
    }
}

impl TeamStore {
    /// Opens the team workspace `name` of the database at `url` for `author` (the name the others
    /// see on this person's changes), keeping edits made offline in `queue_dir`. Edits left there
    /// by an earlier session are sent now.
    pub fn open(url: &str, name: &str, author: &str, queue_dir: &Path) -> Result<TeamStore, PgError> {
        blocking(|| {
            let target = crate::conninfo::target(url)?;
            let config = &target.config;
            let mut client = target.connect().map_err(PgError::Connect)?;
            db::migrate(&mut client)?;
            let Some(row) = client.query_opt("SELECT id, current_version FROM workspaces WHERE name = $1", &[&name])?
            else {
                let known = db::workspaces(&mut client)?;
                let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
                return Err(PgError::NoWorkspace { name: name.to_string(), known });
            };
            let (id, current): (i64, i64) = (row.get(0), row.get(1));
            let identity = format!(
                "{:?}|{:?}|{:?}|{:?}|{id}|{author}",
                config.get_hosts(),
                config.get_ports(),
                config.get_dbname(),
                config.get_user()
            );
            let queue = Queue::open(queue_dir.join(format!("team-{:016x}.json", fnv1a(identity.as_bytes()))))
                .map_err(PgError::Queue)?;
            let mut r = Replica {
                id,
                name: name.to_string(),
                author: author.to_string(),
                version: current,
                ws: Workspace::new(),
                seen: 0,
                revision: 0,
                versions: Vec::new(),
                history: HistoryInfo { undo: None, redo: None },
                remote: Vec::new(),
                recorded: None,
                can_edit: false,
            };
            r.can_edit = client
                .query_one(
                    "SELECT michi_can_edit($1) OR (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user)
                     OR pg_has_role(current_user, (SELECT tableowner FROM pg_tables WHERE tablename = 'workspaces'
                                                   AND schemaname = current_schema()), 'MEMBER')",
                    &[&id],
                )?
                .get(0);
            read_all(&mut client, &mut r).map_err(PgError::from)?;
            let mut store = TeamStore { target, client: Some(client), retry_at: None, r, queue };
            if !store.queue.queued().is_empty() {
                // Ignored when the connection went again: the edits stay queued.
                let _ = store.sync_inner();
            }
            Ok(store)
        })
    }

    pub fn name(&self) -> &str {
        &self.r.name
    }

    pub(crate) fn target(&self) -> &Target {
        &self.target
    }

    pub(crate) fn workspace_id(&self) -> i64 {
        self.r.id
    }

    pub fn author(&self) -> &str {
        &self.r.author
    }

    /// Whether the database lets this user change the workspace (else: read it, derive, export,
    /// save a local copy).
    pub fn can_edit(&self) -> bool {
        self.r.can_edit
    }

    /// Where the database is (host, port, database), without the password.
    pub fn location(&self) -> String {
        let host = match self.target.config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(h)) => h.clone(),
            #[cfg(unix)]
            Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
            None => "localhost".to_string(),
        };
        let port = self.target.config.get_ports().first().copied().unwrap_or(5432);
        format!("{host}:{port}/{}", self.target.config.get_dbname().unwrap_or(""))
    }

    pub fn workspace(&self) -> &Workspace {
        &self.r.ws
    }

    pub fn version(&self) -> i64 {
        self.r.version
    }

    pub fn revision(&self) -> u64 {
        self.r.revision
    }

    pub fn versions(&self) -> &[VersionInfo] {
        &self.r.versions
    }

    /// What undo and redo would take: this person's own steps (offline: the last edit waiting).
    pub fn history_info(&self) -> HistoryInfo {
        match self.queue.queued().last() {
            Some(q) => HistoryInfo { undo: Some(q.label.clone()), redo: None },
            None => self.r.history.clone(),
        }
    }

    pub fn status(&self) -> TeamStatus {
        TeamStatus {
            online: self.client.is_some() && self.queue.queued().is_empty(),
            pending: self.queue.queued().iter().map(|q| q.label.clone()).collect(),
            rejected: self.queue.rejected().to_vec(),
        }
    }

    /// The changes of others learnt since the last call.
    pub fn take_remote(&mut self) -> Vec<Remote> {
        std::mem::take(&mut self.r.remote)
    }

    /// Forgets the refused edits once their author has seen them.
    pub fn dismiss_rejected(&mut self) -> Result<(), PgError> {
        self.queue.dismiss_rejected().map_err(PgError::Queue)
    }

    fn went_offline(&mut self) {
        self.client = None;
        self.retry_at = Some(Instant::now() + RETRY_AFTER);
    }

    /// Whether edits may go to the database now: connected, with nothing queued before them.
    /// Tries to reconnect (and send what is queued) once the retry time has come.
    fn ready(&mut self) -> bool {
        if self.client.is_none() && self.retry_at.is_none_or(|t| Instant::now() >= t) {
            let _ = self.sync_inner();
        }
        self.client.is_some() && self.queue.queued().is_empty()
    }

    /// Runs `body` in one transaction of the connection; a lost connection marks this store offline.
    fn transact<T>(
        &mut self,
        body: impl FnOnce(&mut postgres::Transaction, &mut Replica) -> Result<T, Fail>,
    ) -> Result<T, Fail> {
        let Some(client) = self.client.as_mut() else {
            return Err(Fail::Lost { performed: None });
        };
        let r = &mut self.r;
        r.recorded = None;
        let outcome = (|| {
            let mut tx = client.transaction()?;
            let value = body(&mut tx, r)?;
            tx.commit()?;
            Ok(value)
        })();
        if let Some(seq) = r.recorded.take()
            && outcome.is_ok()
        {
            r.seen = seq;
        }
        if let Err(Fail::Lost { .. }) = &outcome {
            self.went_offline();
        }
        outcome
    }

    /// Performs an edit, labelled `label` in the history. Online: committed when this returns.
    /// Offline: applied here and kept on disk until it can be sent.
    pub fn edit_as(&mut self, label: &str, edit: Edit) -> Result<Outcome, PgError> {
        blocking(|| self.edit_inner(label, None, edit))
    }

    /// [`TeamStore::edit`] made by `author` (a workshop participant), recorded with their name.
    pub fn edit_by(&mut self, author: &str, edit: Edit) -> Result<Outcome, PgError> {
        let label = edit.label();
        blocking(|| self.edit_inner(label, Some(author), edit))
    }

    /// Lends the model with an id generator, to build an operation [`TeamStore::apply_op`] applies.
    pub fn with_ids<T>(&mut self, f: impl FnOnce(&Workspace, &mut IdGen) -> T) -> T {
        f(&self.r.ws, &mut IdGen::random())
    }

    /// Every row of the workspace, read in one snapshot (to save a local copy).
    pub fn archive(&mut self) -> Result<michi_core::archive::Archive, PgError> {
        blocking(|| {
            let mut client = self.target.connect().map_err(|_| PgError::Offline)?;
            db::pull(&mut client, &self.r.name)
        })
    }

    pub fn edit(&mut self, edit: Edit) -> Result<Outcome, PgError> {
        let label = edit.label();
        self.edit_as(label, edit)
    }

    fn edit_inner(&mut self, label: &str, author: Option<&str>, edit: Edit) -> Result<Outcome, PgError> {
        let token = uuid::Uuid::new_v4().to_string();
        let mut ids = IdGen::recording();
        if self.ready() {
            match self.commit_edit(label, author, edit.clone(), &mut ids, &token) {
                Ok(outcome) => return Ok(outcome),
                Err(Fail::Refused(e)) => return Err(e),
                Err(Fail::Lost { performed: Some(performed) }) => {
                    // Applied here, perhaps committed there: queued under its token, sent again
                    // (or found) when the connection is back.
                    let drawn = ids.drawn().to_vec();
                    return self.keep_offline(label, author, edit, drawn, *performed, token);
                }
                Err(Fail::Lost { performed: None }) => ids = IdGen::recording(),
            }
        }
        let performed = perform(&mut self.r.ws, edit.clone(), &mut ids)?;
        let drawn = ids.drawn().to_vec();
        self.keep_offline(label, author, edit, drawn, performed, token)
    }

    /// Keeps an edit applied here (offline) in the queue on disk; undoes it here if that fails.
    fn keep_offline(
        &mut self,
        label: &str,
        author: Option<&str>,
        edit: Edit,
        drawn: Vec<String>,
        performed: Performed,
        token: String,
    ) -> Result<Outcome, PgError> {
        if performed.changes.is_empty() {
            return Ok(self.outcome(performed, false));
        }
        // The names of what it touched, as this person sees them now: if one is deleted before the
        // edit is sent, the refusal names it.
        let c = &performed.changes;
        let ids = c.elements.iter().chain(c.relations.iter().flat_map(|r| [&r.from, &r.to]));
        let names = ids
            .filter_map(|id| self.r.ws.element(id).map(|e| (id.as_str().to_string(), e.data.label().to_string())))
            .collect();
        let queued = Queued {
            token,
            version: self.r.version,
            label: label.to_string(),
            author: author.map(str::to_string),
            edit,
            drawn,
            inverse: performed.inverse.clone(),
            at_ms: now_ms(),
            names,
        };
        if let Err(e) = self.queue.push(queued) {
            apply(&mut self.r.ws, performed.inverse).expect("the inverse of an edit just performed applies");
            return Err(PgError::Queue(e));
        }
        self.r.revision += 1;
        Ok(self.outcome(performed, true))
    }

    fn outcome(&self, performed: Performed, changed: bool) -> Outcome {
        Outcome {
            revision: self.r.revision,
            created: performed.created,
            created_views: performed.created_views,
            changed,
            changes: Some(performed.changes),
        }
    }

    /// The edit transaction (see the module's comment).
    fn commit_edit(
        &mut self,
        label: &str,
        author: Option<&str>,
        edit: Edit,
        ids: &mut IdGen,
        token: &str,
    ) -> Result<Outcome, Fail> {
        let mut applied: Option<Performed> = None;
        let result = {
            let applied = &mut applied;
            self.transact(|tx, r| {
                lock_and_catch_up(tx, r)?;
                let performed = perform(&mut r.ws, edit, ids).map_err(|e| Fail::Refused(PgError::Edit(e)))?;
                if performed.changes.is_empty() {
                    *applied = Some(performed);
                    return Ok(false);
                }
                let written = write_step(
                    tx,
                    r,
                    Entry {
                        label,
                        author,
                        kind: "edit",
                        target: None,
                        forward: &performed.forward,
                        inverse: &performed.inverse,
                        changes: &performed.changes,
                        token: Some(token),
                    },
                );
                *applied = Some(performed);
                written?;
                Ok(true)
            })
        };
        match result {
            Ok(changed) => {
                let performed = applied.expect("set by the transaction");
                if changed {
                    self.r.revision += 1;
                }
                Ok(self.outcome(performed, changed))
            }
            Err(Fail::Lost { .. }) => {
                Err(Fail::Lost { performed: applied.filter(|p| !p.changes.is_empty()).map(Box::new) })
            }
            Err(Fail::Refused(e)) => {
                if let Some(p) = applied {
                    apply(&mut self.r.ws, p.inverse).expect("the inverse of an edit just performed applies");
                }
                // The entries of others applied before the refusal are committed: they stay.
                Err(Fail::Refused(e))
            }
        }
    }

    /// Applies an operation built outside the edit vocabulary (an imported BPMN file) as one step.
    /// It needs the connection: an import is not queued.
    pub fn apply_op(
        &mut self,
        label: &str,
        op: Op,
        created: Vec<michi_core::ElementId>,
        created_views: Vec<michi_core::ViewId>,
    ) -> Result<Outcome, PgError> {
        blocking(|| {
            if !self.ready() {
                return Err(PgError::Offline);
            }
            let result = self.transact(|tx, r| {
                lock_and_catch_up(tx, r)?;
                let done = apply(&mut r.ws, op.clone()).map_err(|e| Fail::Refused(PgError::Edit(e.into())))?;
                let written = write_step(
                    tx,
                    r,
                    Entry {
                        label,
                        author: None,
                        kind: "edit",
                        target: None,
                        forward: &op,
                        inverse: &done.inverse,
                        changes: &done.changes,
                        token: None,
                    },
                );
                if let Err(e) = written {
                    apply(&mut r.ws, done.inverse).expect("the inverse of an operation just applied applies");
                    return Err(e.into());
                }
                Ok(())
            });
            match result {
                Ok(()) => {
                    self.r.revision += 1;
                    Ok(Outcome { revision: self.r.revision, created, created_views, changed: true, changes: None })
                }
                Err(Fail::Refused(e)) => Err(e),
                Err(Fail::Lost { .. }) => {
                    // Whether it was committed is known when the model is read again.
                    let _ = self.sync_inner();
                    Err(PgError::Offline)
                }
            }
        })
    }

    /// Takes back this person's last edit (offline: the last one waiting to be sent).
    pub fn undo(&mut self) -> Result<Outcome, PgError> {
        blocking(|| {
            if !self.queue.queued().is_empty() {
                let q = self.queue.pop().map_err(PgError::Queue)?.expect("not empty");
                apply(&mut self.r.ws, q.inverse)
                    .map_err(|e| PgError::Corrupt(format!("a queued edit's inverse: {e}")))?;
                self.r.revision += 1;
                return Ok(Outcome::unkeyed(self.r.revision));
            }
            if !self.ready() {
                return Err(PgError::Offline);
            }
            self.step(true)
        })
    }

    /// Re-applies what this person undid last.
    pub fn redo(&mut self) -> Result<Outcome, PgError> {
        blocking(|| {
            if !self.ready() {
                return Err(PgError::Offline);
            }
            self.step(false)
        })
    }

    fn step(&mut self, undo: bool) -> Result<Outcome, PgError> {
        let result = self.transact(|tx, r| {
            lock_and_catch_up(tx, r)?;
            // The entry to take back or re-apply, and the step after which others' changes count.
            let (target, since, label, op_text, keys_text) = if undo {
                let Some(row) = tx.query_opt(
                    "SELECT seq, label, inverse, keys FROM history WHERE workspace = $1 AND author = $2
                     AND version = $3 AND kind = 'edit' AND NOT undone ORDER BY seq DESC LIMIT 1",
                    &[&r.id, &r.author, &r.version],
                )?
                else {
                    return Err(Fail::Refused(PgError::NothingToUndo));
                };
                let target: i64 = row.get(0);
                let since: i64 = tx
                    .query_one(
                        "SELECT max(seq) FROM history WHERE workspace = $1 AND (seq = $2 OR target = $2)",
                        &[&r.id, &target],
                    )?
                    .get(0);
                (target, since, row.get::<_, String>(1), row.get::<_, String>(2), row.get::<_, String>(3))
            } else {
                let Some((undo_seq, target, _)) = redo_target(tx, r)? else {
                    return Err(Fail::Refused(PgError::NothingToRedo));
                };
                let row = tx.query_one(
                    "SELECT label, forward, keys FROM history WHERE workspace = $1 AND seq = $2",
                    &[&r.id, &target],
                )?;
                (target, undo_seq, row.get::<_, String>(0), row.get::<_, String>(1), row.get::<_, String>(2))
            };
            let mine: HashSet<String> = serde_json::from_str(&keys_text).unwrap_or_default();
            for row in tx.query(
                // Others' steps since, but not those taken back: an edit undone, and its undo.
                "SELECT h.author, h.label, h.keys FROM history h WHERE h.workspace = $1 AND h.version = $2
                 AND h.seq > $3 AND h.author <> $4 AND NOT h.undone
                 AND NOT (h.kind = 'undo' AND coalesce((SELECT t.undone FROM history t
                          WHERE t.workspace = h.workspace AND t.seq = h.target), false))
                 ORDER BY h.seq",
                &[&r.id, &r.version, &since, &r.author],
            )? {
                let theirs: Vec<String> = serde_json::from_str(row.get(2)).unwrap_or_default();
                if theirs.iter().any(|k| mine.contains(k)) {
                    return Err(Fail::Refused(PgError::Overtaken { author: row.get(0), label: row.get(1) }));
                }
            }
            let op: Op = serde_json::from_str(&op_text)
                .map_err(|e| Fail::Refused(PgError::Corrupt(format!("history entry {target}: {e}"))))?;
            let done =
                apply(&mut r.ws, op.clone()).map_err(|e| Fail::Refused(PgError::NoLongerApplies(e.to_string())))?;
            let written = (|| -> Result<(), postgres::Error> {
                // Marked first: what undo and redo take next is read as the step is written.
                tx.execute(
                    "UPDATE history SET undone = $3 WHERE workspace = $1 AND seq = $2",
                    &[&r.id, &target, &undo],
                )?;
                write_step(
                    tx,
                    r,
                    Entry {
                        label: &label,
                        author: None,
                        kind: if undo { "undo" } else { "redo" },
                        target: Some(target),
                        forward: &op,
                        inverse: &done.inverse,
                        changes: &done.changes,
                        token: None,
                    },
                )
            })();
            if let Err(e) = written {
                apply(&mut r.ws, done.inverse).expect("the inverse of an operation just applied applies");
                return Err(e.into());
            }
            Ok(())
        });
        match result {
            Ok(()) => {
                self.r.revision += 1;
                Ok(Outcome::unkeyed(self.r.revision))
            }
            Err(Fail::Refused(e)) => Err(e),
            Err(Fail::Lost { .. }) => {
                let _ = self.sync_inner();
                Err(PgError::Offline)
            }
        }
    }

    /// Brings this copy up to date: reconnects if needed, sends the edits made offline (each
    /// compiled again; a refused one is kept with its reason) and applies what others committed.
    /// Errs with [`PgError::Offline`] while the database cannot be reached.
    pub fn sync(&mut self) -> Result<(), PgError> {
        blocking(|| self.sync_inner())
    }

    fn sync_inner(&mut self) -> Result<(), PgError> {
        let was_connected = self.client.is_some();
        match self.sync_once() {
            // The connection was found dead on the way: try a new one at once.
            Err(PgError::Offline) if was_connected => self.sync_once(),
            other => other,
        }
    }

    fn sync_once(&mut self) -> Result<(), PgError> {
        if self.client.is_none() {
            match self.target.connect() {
                Ok(c) => self.client = Some(c),
                Err(_) => {
                    self.retry_at = Some(Instant::now() + RETRY_AFTER);
                    return Err(PgError::Offline);
                }
            }
        }
        let lost = |s: &mut TeamStore, f: Fail| match f {
            Fail::Refused(e) => e,
            Fail::Lost { .. } => {
                s.went_offline();
                PgError::Offline
            }
        };
        if self.queue.queued().is_empty() {
            let client = self.client.as_mut().expect("connected above");
            let caught = (|| -> Result<(), Fail> {
                catch_up(client, &mut self.r)?;
                self.r.versions = read_versions(client, self.r.id)?;
                self.r.history = own_history(client, &self.r)?;
                Ok(())
            })();
            return caught.map_err(|f| lost(self, f));
        }
        // Edits were made offline on top of an older copy: start again from the database's, then
        // send them one by one.
        let client = self.client.as_mut().expect("connected above");
        if let Err(f) = read_all(client, &mut self.r) {
            return Err(lost(self, f));
        }
        while let Some(q) = self.queue.queued().first().cloned() {
            let client = self.client.as_mut().expect("connected");
            let known = match client
                .query_opt("SELECT 1 FROM history WHERE workspace = $1 AND token = $2", &[&self.r.id, &q.token])
            {
                Ok(row) => row.is_some(),
                Err(e) => {
                    let f = Fail::from(e);
                    self.reapply_queued_from(0);
                    return Err(lost(self, f));
                }
            };
            if known {
                // Committed before the connection went: the model read above has it.
                self.queue.settle_first(None).map_err(PgError::Queue)?;
                continue;
            }
            let rejected = |reason: String| Rejected { label: q.label.clone(), reason, at_ms: q.at_ms, gone: None };
            if q.version != self.r.version {
                self.queue
                    .settle_first(Some(rejected("it was made in another version".into())))
                    .map_err(PgError::Queue)?;
                continue;
            }
            let mut ids = IdGen::replaying(q.drawn.clone());
            match self.commit_edit(&q.label, q.author.as_deref(), q.edit.clone(), &mut ids, &q.token) {
                Ok(_) => self.queue.settle_first(None).map_err(PgError::Queue)?,
                Err(Fail::Refused(e)) => {
                    let gone = match &e {
                        PgError::Edit(michi_core::EditError::Op(michi_core::OpError::UnknownElement(id))) => {
                            q.names.get(id.as_str()).cloned()
                        }
                        _ => None,
                    };
                    self.queue
                        .settle_first(Some(Rejected { gone, ..rejected(e.to_string()) }))
                        .map_err(PgError::Queue)?
                }
                Err(Fail::Lost { performed }) => {
                    // The first may or may not be in; this copy shows it either way, and the rest.
                    let skip = usize::from(performed.is_some());
                    self.reapply_queued_from(skip);
                    return Err(PgError::Offline);
                }
            }
        }
        self.r.revision += 1;
        Ok(())
    }

    /// Applies the queued edits after the first `skip` to this copy again (after it was read
    /// afresh; the first `skip` are in it already).
    fn reapply_queued_from(&mut self, skip: usize) {
        for q in self.queue.queued().iter().skip(skip) {
            let mut ids = IdGen::replaying(q.drawn.clone());
            // One that no longer fits here is sent anyway, and refused there with its reason.
            let _ = perform(&mut self.r.ws, q.edit.clone(), &mut ids);
        }
        self.r.revision += 1;
    }

    /// The model of version `id` (to compare with), read from the database on a connection of
    /// its own (this store's may be busy or gone).
    pub fn version_workspace(&self, id: i64) -> Result<Workspace, PgError> {
        let (target, workspace) = (&self.target, self.r.id);
        blocking(|| {
            let mut client = target.connect().map_err(|_| PgError::Offline)?;
            load(&mut client, workspace, id).map_err(PgError::from)
        })
    }

    /// Edits version `id` from now on (this client only; the others stay where they are).
    pub fn switch_version(&mut self, id: i64) -> Result<Outcome, PgError> {
        blocking(|| {
            if !self.ready() {
                return Err(PgError::Offline);
            }
            if !self.r.versions.iter().any(|v| v.id == id) {
                self.r.versions = self.versions_now()?;
            }
            if !self.r.versions.iter().any(|v| v.id == id) {
                return Err(PgError::Version(VersionError::NotFound(id)));
            }
            let old = self.r.version;
            self.r.version = id;
            let client = self.client.as_mut().expect("ready");
            if let Err(f) = read_all(client, &mut self.r) {
                self.r.version = old;
                if matches!(f, Fail::Lost { .. }) {
                    self.went_offline();
                }
                return Err(f.into());
            }
            Ok(Outcome::unkeyed(self.r.revision))
        })
    }

    fn versions_now(&mut self) -> Result<Vec<VersionInfo>, PgError> {
        let id = self.r.id;
        self.transact(|tx, _| Ok(read_versions(tx, id)?)).map_err(PgError::from)
    }

    /// A new version named `name`, a copy of version `from`; returns its id.
    pub fn fork_version(&mut self, from: i64, name: &str) -> Result<i64, PgError> {
        blocking(|| {
            let name = name.trim().to_string();
            if name.is_empty() {
                return Err(VersionError::EmptyName.into());
            }
            if !self.ready() {
                return Err(PgError::Offline);
            }
            let result = self.transact(|tx, r| {
                tx.query_one("SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE", &[&r.id])?;
                if tx.query_opt("SELECT 1 FROM versions WHERE workspace = $1 AND name = $2", &[&r.id, &name])?.is_some() {
                    return Err(Fail::Refused(VersionError::NameTaken(name.clone()).into()));
                }
                if tx.query_opt("SELECT 1 FROM versions WHERE workspace = $1 AND id = $2", &[&r.id, &from])?.is_none() {
                    return Err(Fail::Refused(VersionError::NotFound(from).into()));
                }
                let id: i64 = tx
                    .query_one("SELECT coalesce(max(id), 0) + 1 FROM versions WHERE workspace = $1", &[&r.id])?
                    .get(0);
                tx.execute(
                    "INSERT INTO versions (workspace, id, name, forked_from, created, history_cursor)
                     VALUES ($1, $2, $3, $4, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), 0)",
                    &[&r.id, &id, &name, &from],
                )?;
                for sql in [
                    "INSERT INTO elements (workspace, version, id, kind, data)
                     SELECT workspace, $3, id, kind, data FROM elements WHERE workspace = $1 AND version = $2",
                    "INSERT INTO relations (workspace, version, kind, from_id, to_id, rank)
                     SELECT workspace, $3, kind, from_id, to_id, rank FROM relations WHERE workspace = $1 AND version = $2",
                    "INSERT INTO views (workspace, version, id, name, kind)
                     SELECT workspace, $3, id, name, kind FROM views WHERE workspace = $1 AND version = $2",
                    "INSERT INTO placements (workspace, version, view_id, element_id, x, y, width, height, extra)
                     SELECT workspace, $3, view_id, element_id, x, y, width, height, extra FROM placements
                     WHERE workspace = $1 AND version = $2",
                ] {
                    tx.execute(sql, &[&r.id, &from, &id])?;
                }
                tx.execute("SELECT pg_notify($1, 'versions')", &[&channel(r.id)])?;
                r.versions = read_versions(tx, r.id)?;
                Ok(id)
            });
            result.map_err(PgError::from)
        })
    }

    pub fn rename_version(&mut self, id: i64, name: &str) -> Result<(), PgError> {
        blocking(|| {
            let name = name.trim().to_string();
            if name.is_empty() {
                return Err(VersionError::EmptyName.into());
            }
            if !self.ready() {
                return Err(PgError::Offline);
            }
            self.transact(|tx, r| {
                tx.query_one("SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE", &[&r.id])?;
                if tx
                    .query_opt(
                        "SELECT 1 FROM versions WHERE workspace = $1 AND name = $2 AND id <> $3",
                        &[&r.id, &name, &id],
                    )?
                    .is_some()
                {
                    return Err(Fail::Refused(VersionError::NameTaken(name.clone()).into()));
                }
                if tx.execute("UPDATE versions SET name = $3 WHERE workspace = $1 AND id = $2", &[&r.id, &id, &name])?
                    == 0
                {
                    return Err(Fail::Refused(VersionError::NotFound(id).into()));
                }
                tx.execute("SELECT pg_notify($1, 'versions')", &[&channel(r.id)])?;
                r.versions = read_versions(tx, r.id)?;
                Ok(())
            })
            .map_err(PgError::from)
        })
    }

    /// Deletes version `id` with its rows and history (not the one edited here, nor the last).
    pub fn delete_version(&mut self, id: i64) -> Result<(), PgError> {
        blocking(|| {
            if id == self.r.version {
                return Err(VersionError::Current.into());
            }
            if !self.ready() {
                return Err(PgError::Offline);
            }
            self.transact(|tx, r| {
                tx.query_one("SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE", &[&r.id])?;
                let count: i64 = tx.query_one("SELECT count(*) FROM versions WHERE workspace = $1", &[&r.id])?.get(0);
                if count <= 1 {
                    return Err(Fail::Refused(VersionError::LastOne.into()));
                }
                for table in ["placements", "relations", "views", "elements", "history"] {
                    tx.execute(&format!("DELETE FROM {table} WHERE workspace = $1 AND version = $2"), &[&r.id, &id])?;
                }
                if tx.execute("DELETE FROM versions WHERE workspace = $1 AND id = $2", &[&r.id, &id])? == 0 {
                    return Err(Fail::Refused(VersionError::NotFound(id).into()));
                }
                tx.execute("SELECT pg_notify($1, 'versions')", &[&channel(r.id)])?;
                r.versions = read_versions(tx, r.id)?;
                Ok(())
            })
            .map_err(PgError::from)
        })
    }
}

/// Reads `r`'s version afresh in one snapshot: the model, the counter, the versions, the history.
fn read_all(c: &mut Client, r: &mut Replica) -> Result<(), Fail> {
    let mut tx =
        c.build_transaction().isolation_level(postgres::IsolationLevel::RepeatableRead).read_only(true).start()?;
    r.seen = tx.query_one("SELECT last_seq FROM workspaces WHERE id = $1", &[&r.id])?.get(0);
    r.versions = read_versions(&mut tx, r.id)?;
    if !r.versions.iter().any(|v| v.id == r.version) {
        r.version = r.versions.first().map_or(1, |v| v.id);
    }
    r.ws = load(&mut tx, r.id, r.version)?;
    r.history = own_history(&mut tx, r)?;
    tx.commit()?;
    r.revision += 1;
    Ok(())
}

/// FNV-1a: a stable name for a queue file from what identifies the workspace and the person.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}
