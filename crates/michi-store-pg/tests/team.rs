//! Editing a team workspace together, on a PostgreSQL server the test starts itself: edits compiled
//! against the database's state, others' changes heard through notifications, undo of one's own
//! steps, edits made while the server is down kept and sent afterwards.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use michi_core::{Edit, ElementData, ElementId, ElementKind, Workspace};
use michi_store_pg::testing::{Cluster, push_workspace};
use michi_store_pg::{PgError, Signal, TeamStore, watch};

fn journey_with(names: &[&str]) -> (Workspace, ElementId, Vec<ElementId>) {
    let mut ws = Workspace::new();
    let mut ids = michi_core::IdGen::sequential();
    let journey =
        michi_core::perform(&mut ws, Edit::CreateJourney { name: "J".into() }, &mut ids).unwrap().created[0].clone();
    let stages = names
        .iter()
        .map(|n| {
            michi_core::perform(
                &mut ws,
                Edit::AddStage { journey: journey.clone(), index: None, name: n.to_string() },
                &mut ids,
            )
            .unwrap()
            .created[0]
                .clone()
        })
        .collect();
    (ws, journey, stages)
}

fn name_of(ws: &Workspace, id: &ElementId) -> Option<String> {
    ws.element(id).map(|e| e.data.label().to_string())
}

fn rename(id: &ElementId, name: &str) -> Edit {
    Edit::Update { id: id.clone(), data: ElementData::new_with_label(ElementKind::Stage, name) }
}

/// A fresh read of the workspace as the database holds it.
fn fresh(url: &str, name: &str) -> Workspace {
    let dir = tempfile::tempdir().unwrap();
    TeamStore::open(url, name, "reader", dir.path()).unwrap().workspace().clone()
}

struct Setup {
    cluster: Cluster,
    url: String,
    journey: ElementId,
    stages: Vec<ElementId>,
    dir: tempfile::TempDir,
}

fn setup(db: &str) -> Setup {
    let cluster = Cluster::start();
    let url = cluster.database(db);
    let (ws, journey, stages) = journey_with(&["認知", "導入", "活用"]);
    push_workspace(&url, "team", &ws);
    Setup { cluster, url, journey, stages, dir: tempfile::tempdir().unwrap() }
}

impl Setup {
    fn open(&self, author: &str) -> TeamStore {
        TeamStore::open(&self.url, "team", author, &self.dir.path().join(author)).unwrap()
    }
}

#[test]
fn two_people_edit_different_elements_and_each_sees_the_other_within_a_second() {
    let s = setup("together");
    let mut sato = s.open("佐藤");
    let mut suzuki = s.open("鈴木");
    let (tx, rx) = mpsc::channel();
    let _watcher = watch(&suzuki, move |signal| {
        let _ = tx.send((signal, Instant::now()));
    });
    assert_eq!(rx.recv_timeout(Duration::from_secs(5)).unwrap().0, Signal::Online);

    let committed = Instant::now();
    let added =
        sato.edit(Edit::AddStage { journey: s.journey.clone(), index: None, name: "更新".into() }).unwrap().created[0]
            .clone();
    let (signal, heard) = rx.recv_timeout(Duration::from_secs(1)).expect("suzuki hears of it within a second");
    assert_eq!(signal, Signal::Changed);
    assert!(heard - committed < Duration::from_secs(1));
    suzuki.sync().unwrap();
    assert_eq!(name_of(suzuki.workspace(), &added).as_deref(), Some("更新"));
    let remote = suzuki.take_remote();
    assert_eq!(remote.len(), 1);
    assert_eq!((remote[0].author.as_str(), remote[0].label.as_str()), ("佐藤", "addStage"));

    // Suzuki edits another element from what is now the database's state; both edits stand.
    suzuki.edit(rename(&s.stages[0], "認知・検討")).unwrap();
    sato.edit(rename(&s.stages[1], "オンボーディング")).unwrap();
    let db = fresh(&s.url, "team");
    assert_eq!(name_of(&db, &s.stages[0]).as_deref(), Some("認知・検討"));
    assert_eq!(name_of(&db, &s.stages[1]).as_deref(), Some("オンボーディング"));
    assert_eq!(name_of(&db, &added).as_deref(), Some("更新"));
    // Sato's edit was compiled after catching up: his copy has Suzuki's change too.
    assert_eq!(sato.workspace(), &db);
}

#[test]
fn an_edit_of_something_deleted_meanwhile_is_refused_with_the_reason() {
    let s = setup("deleted");
    let mut sato = s.open("佐藤");
    let mut suzuki = s.open("鈴木");
    suzuki.edit(Edit::Delete { ids: vec![s.stages[2].clone()] }).unwrap();
    // Sato's copy still shows the stage; the edit is compiled against the database's state.
    assert!(sato.workspace().element(&s.stages[2]).is_some());
    let e = sato.edit(rename(&s.stages[2], "活用と定着")).unwrap_err();
    assert!(matches!(e, PgError::Edit(_)), "{e:?}");
    assert!(e.to_string().contains(s.stages[2].as_str()), "the reason names the element: {e}");
    assert!(sato.workspace().element(&s.stages[2]).is_none(), "and sato now sees it gone");
    assert_eq!(sato.workspace(), &fresh(&s.url, "team"));
}

#[test]
fn undo_takes_back_ones_own_edit_and_says_who_changed_it_since() {
    let s = setup("undo");
    let mut sato = s.open("佐藤");
    let mut suzuki = s.open("鈴木");
    sato.edit(rename(&s.stages[0], "A1")).unwrap();
    suzuki.edit(rename(&s.stages[1], "B1")).unwrap();
    assert_eq!(sato.history_info().undo.as_deref(), Some("update"));
    assert_eq!(suzuki.history_info().undo.as_deref(), Some("update"));
    // Sato's undo takes back his rename only, though Suzuki's came after.
    sato.undo().unwrap();
    let db = fresh(&s.url, "team");
    assert_eq!(name_of(&db, &s.stages[0]).as_deref(), Some("認知"));
    assert_eq!(name_of(&db, &s.stages[1]).as_deref(), Some("B1"));
    assert_eq!(sato.history_info().redo.as_deref(), Some("update"));
    sato.redo().unwrap();
    assert_eq!(name_of(&fresh(&s.url, "team"), &s.stages[0]).as_deref(), Some("A1"));

    // Suzuki renames the same stage afterwards: Sato's undo would overwrite it, so it is refused.
    suzuki.edit(rename(&s.stages[0], "B2")).unwrap();
    let e = sato.undo().unwrap_err();
    assert!(matches!(&e, PgError::Overtaken { author, .. } if author == "鈴木"), "{e:?}");
    assert!(e.to_string().contains("鈴木"), "{e}");
    assert_eq!(name_of(&fresh(&s.url, "team"), &s.stages[0]).as_deref(), Some("B2"));
    // Suzuki may undo his own; then nothing stands in Sato's way.
    suzuki.undo().unwrap();
    sato.undo().unwrap();
    assert_eq!(name_of(&fresh(&s.url, "team"), &s.stages[0]).as_deref(), Some("認知"));
    // Nothing of his own left to undo: entries made before the push belong to nobody here.
    assert!(matches!(sato.undo(), Err(PgError::NothingToUndo)));
}

#[test]
fn redo_goes_back_in_the_order_of_the_undos_until_a_new_edit() {
    let s = setup("redo");
    let mut sato = s.open("佐藤");
    sato.edit(rename(&s.stages[0], "1")).unwrap();
    sato.edit(rename(&s.stages[1], "2")).unwrap();
    sato.undo().unwrap();
    sato.undo().unwrap();
    sato.redo().unwrap();
    let db = fresh(&s.url, "team");
    assert_eq!(name_of(&db, &s.stages[0]).as_deref(), Some("1"));
    assert_eq!(name_of(&db, &s.stages[1]).as_deref(), Some("導入"));
    sato.edit(rename(&s.stages[2], "3")).unwrap();
    assert!(matches!(sato.redo(), Err(PgError::NothingToRedo)), "a new edit ends the redo");
    assert_eq!(sato.workspace(), &fresh(&s.url, "team"));
}

#[test]
fn edits_made_while_the_server_is_down_are_kept_and_sent_when_it_is_back() {
    let s = setup("offline");
    let mut sato = s.open("佐藤");
    let mut suzuki = s.open("鈴木");
    s.cluster.kill();
    let started = Instant::now();
    // Acknowledged here and kept on disk: a new stage, a card on it (naming the stage's new id),
    // and a rename that will no longer apply (Suzuki deletes that stage once the server is back).
    let stage =
        sato.edit(Edit::AddStage { journey: s.journey.clone(), index: None, name: "更新".into() }).unwrap().created[0]
            .clone();
    let card = sato
        .edit(Edit::AddCard {
            stage: stage.clone(),
            index: None,
            data: ElementData::new_with_label(ElementKind::CsAction, "更新の提案"),
        })
        .unwrap()
        .created[0]
        .clone();
    sato.edit(rename(&s.stages[2], "活用と定着")).unwrap();
    assert!(started.elapsed() < Duration::from_secs(5), "offline edits do not wait for the server");
    let status = sato.status();
    assert!(!status.online);
    assert_eq!(status.pending, ["addStage", "addCard", "update"]);
    // Undo offline takes the last waiting edit back.
    sato.undo().unwrap();
    assert_eq!(sato.status().pending.len(), 2);
    sato.edit(rename(&s.stages[2], "活用と定着")).unwrap();

    // The app closes; its queue stays on disk.
    drop(sato);
    s.cluster.restart();
    suzuki.sync().unwrap();
    suzuki.edit(Edit::Delete { ids: vec![s.stages[2].clone()] }).unwrap();

    // Opening again sends what waited, each compiled again; the rename is refused, with why.
    let sato = s.open("佐藤");
    let status = sato.status();
    assert!(status.online && status.pending.is_empty(), "{status:?}");
    assert_eq!(status.rejected.len(), 1, "{status:?}");
    assert_eq!(status.rejected[0].label, "update");
    assert!(status.rejected[0].reason.contains(s.stages[2].as_str()), "{}", status.rejected[0].reason);
    assert_eq!(status.rejected[0].gone.as_deref(), Some("活用と定着"), "named as sato last saw it");
    let db = fresh(&s.url, "team");
    assert_eq!(name_of(&db, &stage).as_deref(), Some("更新"), "the stage keeps the id it had offline");
    assert_eq!(name_of(&db, &card).as_deref(), Some("更新の提案"));
    assert_eq!(sato.workspace(), &db);
}

/// A small deterministic generator (the test picks edits at random but repeatably).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn stages_of(ws: &Workspace) -> Vec<ElementId> {
    ws.elements().filter(|e| e.data.kind() == ElementKind::Stage).map(|e| e.id.clone()).collect()
}

/// Acknowledged edits by `author` as the database records them.
fn entries_by(url: &str, author: &str) -> i64 {
    let mut c = michi_store_pg::connect(url).unwrap();
    c.query_one("SELECT count(*) FROM history WHERE author = $1 AND kind = 'edit'", &[&author]).unwrap().get(0)
}

#[test]
fn several_clients_editing_at_once_end_in_the_databases_state_with_every_acknowledged_edit_once() {
    let s = setup("concurrent");
    const CLIENTS: usize = 6;
    const EDITS: usize = 40;
    let results: Vec<(String, usize, TeamStore)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..CLIENTS)
            .map(|i| {
                let s = &s;
                scope.spawn(move || {
                    let author = format!("client{i}");
                    let mut store = s.open(&author);
                    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (i as u64 + 1));
                    let mut acknowledged = 0;
                    for n in 0..EDITS {
                        let stages = stages_of(store.workspace());
                        let pick = |rng: &mut Rng| stages[rng.below(stages.len())].clone();
                        let edit = match rng.below(10) {
                            0..=2 => Edit::AddStage {
                                journey: s.journey.clone(),
                                index: None,
                                name: format!("{author}-{n}"),
                            },
                            3..=5 if !stages.is_empty() => rename(&pick(&mut rng), &format!("{author}-{n}")),
                            6..=7 if !stages.is_empty() => Edit::AddCard {
                                stage: pick(&mut rng),
                                index: None,
                                data: ElementData::new_with_label(ElementKind::CsAction, format!("{author}-{n}")),
                            },
                            8 if stages.len() > 3 => Edit::Delete { ids: vec![pick(&mut rng)] },
                            _ => Edit::AddStage {
                                journey: s.journey.clone(),
                                index: Some(0),
                                name: format!("{author}-{n}"),
                            },
                        };
                        match store.edit(edit) {
                            Ok(o) => acknowledged += usize::from(o.changed),
                            // Refused edits (a stage another client deleted meanwhile) carry their reason.
                            Err(PgError::Edit(e)) => assert!(!e.to_string().is_empty()),
                            Err(e) => panic!("{author}: an edit failed for another reason: {e:?}"),
                        }
                    }
                    (author, acknowledged, store)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let db = fresh(&s.url, "team");
    let mut total = 0;
    for (author, acknowledged, mut store) in results {
        assert_eq!(entries_by(&s.url, &author) as usize, acknowledged, "{author}'s acknowledged edits, each once");
        assert!(acknowledged > EDITS / 2, "{author}: most edits went through ({acknowledged})");
        total += acknowledged;
        store.sync().unwrap();
        assert_eq!(store.workspace(), &db, "{author} ends in the database's state");
    }
    let mut c = michi_store_pg::connect(&s.url).unwrap();
    let (entries, last): (i64, i64) = {
        let row = c.query_one("SELECT count(*), max(seq) FROM history", &[]).unwrap();
        (row.get(0), row.get(1))
    };
    assert_eq!(entries as usize, total);
    assert_eq!(last as usize, total, "numbered without gaps or repeats");
}

#[test]
fn a_server_stopped_and_restarted_mid_edits_loses_nothing_acknowledged() {
    let s = setup("fault");
    const CLIENTS: usize = 4;
    let stop_at = Instant::now() + Duration::from_millis(600);
    let restart_at = stop_at + Duration::from_millis(800);
    let end_at = restart_at + Duration::from_millis(2500);
    /// A client's name, its stages with their last names, its store and how many edits it made
    /// while the server was down.
    type Run = (String, Vec<(ElementId, String)>, TeamStore, usize);
    let results: Vec<Run> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..CLIENTS)
            .map(|i| {
                let s = &s;
                scope.spawn(move || {
                    let author = format!("client{i}");
                    let mut store = s.open(&author);
                    // Each client adds stages and renames its own: nothing of one conflicts with
                    // another's, so every acknowledged edit must end in the database.
                    let mut mine: Vec<(ElementId, String)> = Vec::new();
                    let mut n = 0;
                    let mut offline = 0;
                    while Instant::now() < end_at {
                        n += 1;
                        let name = format!("{author}-{n}");
                        if n % 3 == 0 && !mine.is_empty() {
                            let k = n % mine.len();
                            store.edit(rename(&mine[k].0, &name)).expect("acknowledged, online or not");
                            mine[k].1 = name;
                        } else {
                            let created = store
                                .edit(Edit::AddStage { journey: s.journey.clone(), index: None, name: name.clone() })
                                .expect("acknowledged, online or not")
                                .created[0]
                                .clone();
                            mine.push((created, name));
                        }
                        offline += usize::from(!store.status().pending.is_empty());
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    (author, mine, store, offline)
                })
            })
            .collect();
        while Instant::now() < stop_at {
            std::thread::sleep(Duration::from_millis(10));
        }
        s.cluster.kill();
        while Instant::now() < restart_at {
            std::thread::sleep(Duration::from_millis(10));
        }
        s.cluster.restart();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let db = fresh(&s.url, "team");
    for (author, mine, store, _) in &results {
        let status = store.status();
        // They reconnected by themselves (an edit after the retry time sends what waited).
        assert!(status.online && status.pending.is_empty() && status.rejected.is_empty(), "{author}: {status:?}");
        for (id, name) in mine {
            assert_eq!(name_of(&db, id).as_deref(), Some(name.as_str()), "{author}'s {id}");
        }
    }
    // Each acknowledged stage once: the journey holds the three it started with and every one added.
    let added: usize = results.iter().map(|(_, mine, _, _)| mine.len()).sum();
    assert_eq!(stages_of(&db).len(), 3 + added);
    let offline: usize = results.iter().map(|(_, _, _, offline)| offline).sum();
    assert!(offline > 0, "some edits were made while the server was down");
}

/// The desktop calls the store from an async runtime's threads, where the client's own runtime may
/// not nest: opening, editing and closing there work (and do not panic).
#[test]
fn a_team_workspace_is_used_from_inside_an_async_runtime() {
    let s = setup("async");
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let url = s.url.clone();
    let dir = s.dir.path().to_path_buf();
    let journey = s.journey.clone();
    let names = runtime.block_on(async move {
        let mut store = TeamStore::open(&url, "team", "佐藤", &dir).unwrap();
        store.edit(Edit::AddStage { journey, index: None, name: "非同期".into() }).unwrap();
        assert_eq!(michi_store_pg::list(&url).unwrap(), ["team"]);
        let names: Vec<String> =
            stages_of(store.workspace()).iter().filter_map(|id| name_of(store.workspace(), id)).collect();
        drop(store);
        names
    });
    assert!(names.contains(&"非同期".to_string()));
}

/// Readers and editors per workspace, enforced by the database's row-level security: a stranger
/// does not see the workspace, a reader sees it and cannot change a row (through Michi or in SQL),
/// an editor changes it, and only the owner gives access.
#[test]
fn readers_and_editors_are_enforced_by_the_database() {
    let cluster = Cluster::start();
    let admin = cluster.database("access");
    michi_store_pg::migrate(&mut michi_store_pg::connect(&admin).unwrap()).unwrap();
    let mut c = michi_store_pg::connect(&admin).unwrap();
    for role in ["owner_o", "reader_r", "editor_e", "stranger_s"] {
        c.batch_execute(&format!("CREATE ROLE {role} LOGIN")).unwrap();
    }
    let as_user = |role: &str| admin.replace("user=michi", &format!("user={role}"));
    let (ws, _journey, stages) = journey_with(&["認知", "導入"]);
    // The owner pushes it (Michi's users need no grants of their own).
    push_workspace(&as_user("owner_o"), "team", &ws);
    let mut owner = michi_store_pg::connect(&as_user("owner_o")).unwrap();
    michi_store_pg::grant(&mut owner, "team", "reader_r", michi_store_pg::Access::Read).unwrap();
    michi_store_pg::grant(&mut owner, "team", "editor_e", michi_store_pg::Access::Edit).unwrap();
    let e = michi_store_pg::grant(&mut owner, "team", "nobody", michi_store_pg::Access::Read).unwrap_err();
    assert!(matches!(e, PgError::NoRole(_)), "{e:?}");

    let dir = tempfile::tempdir().unwrap();
    // A stranger sees no workspace at all.
    assert!(michi_store_pg::list(&as_user("stranger_s")).unwrap().is_empty());
    assert!(matches!(
        TeamStore::open(&as_user("stranger_s"), "team", "s", dir.path()),
        Err(PgError::NoWorkspace { .. })
    ));

    // A reader reads, and may not edit: the database refuses, whatever the client does.
    let mut reader = TeamStore::open(&as_user("reader_r"), "team", "r", dir.path()).unwrap();
    assert_eq!(reader.workspace(), &ws);
    assert!(!reader.can_edit());
    let e = reader.edit(rename(&stages[0], "読むだけ")).unwrap_err();
    assert!(matches!(e, PgError::Forbidden(_)), "{e:?}");
    let mut sql = michi_store_pg::connect(&as_user("reader_r")).unwrap();
    let deleted = sql.execute("DELETE FROM elements", &[]).unwrap();
    let renamed = sql.execute("UPDATE workspaces SET name = 'taken'", &[]).unwrap();
    assert_eq!((deleted, renamed), (0, 0), "row-level security leaves the rows alone");
    let e = michi_store_pg::grant(&mut sql, "team", "reader_r", michi_store_pg::Access::Edit).unwrap_err();
    assert!(matches!(e, PgError::Forbidden(_)), "{e:?}");
    let e =
        sql.execute("INSERT INTO members (workspace, role, can_edit) SELECT id, 'reader_r', true FROM workspaces", &[]);
    assert_eq!(e.unwrap_err().code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE));

    // An editor edits; the reader sees it.
    let mut editor = TeamStore::open(&as_user("editor_e"), "team", "e", dir.path()).unwrap();
    assert!(editor.can_edit());
    editor.edit(rename(&stages[0], "認知・検討")).unwrap();
    reader.sync().unwrap();
    assert_eq!(name_of(reader.workspace(), &stages[0]).as_deref(), Some("認知・検討"));
    // Access taken away: the editor's next edit is refused.
    michi_store_pg::grant(&mut owner, "team", "editor_e", michi_store_pg::Access::Read).unwrap();
    assert!(matches!(editor.edit(rename(&stages[1], "x")), Err(PgError::Forbidden(_))));
    michi_store_pg::grant(&mut owner, "team", "editor_e", michi_store_pg::Access::None).unwrap();
    assert!(michi_store_pg::list(&as_user("editor_e")).unwrap().is_empty());
}
