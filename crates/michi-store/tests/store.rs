//! The store against real files in a temporary folder.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use michi_core::testing::{Rng, random_edit};
use michi_core::{Edit, ElementData, ElementKind, IdGen, RelationKind, Workspace, perform};
use michi_store::{CURRENT_VERSION, LIMITS, Store, StoreError};
use proptest::prelude::*;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn new_store(dir: &Path) -> (PathBuf, Store) {
    let path = dir.join("ws.michi");
    let store = Store::create(&path, &Workspace::new(), false).unwrap();
    (path, store)
}

fn journey_with_stages(store: &mut Store, names: &[&str]) -> Vec<michi_core::ElementId> {
    let j = store.edit(Edit::CreateJourney { name: "導入ジャーニー".into() }).unwrap().created[0].clone();
    let mut ids = vec![j.clone()];
    for name in names {
        let s = store.edit(Edit::AddStage { journey: j.clone(), index: None, name: (*name).into() }).unwrap();
        ids.push(s.created[0].clone());
    }
    ids
}

fn stage_names(ws: &Workspace, journey: &michi_core::ElementId) -> Vec<String> {
    ws.ordered_members(journey, RelationKind::InJourney)
        .iter()
        .map(|s| ws.data(s).unwrap().label().to_string())
        .collect()
}

#[test]
fn edits_and_history_survive_a_restart() {
    let dir = temp();
    let (path, mut store) = new_store(dir.path());
    let ids = journey_with_stages(&mut store, &["オンボーディング", "活用", "更新"]);
    store.edit(Edit::MoveStage { stage: ids[3].clone(), index: 0 }).unwrap();
    store.undo().unwrap();
    let expected = store.workspace().clone();
    assert_eq!(store.history_info().unwrap().redo.as_deref(), Some("moveStage"));
    drop(store);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.workspace(), &expected);
    assert_eq!(stage_names(store.workspace(), &ids[0]), ["オンボーディング", "活用", "更新"]);
    // The redo step is still there after the restart, and so is the undo history.
    store.redo().unwrap();
    assert_eq!(stage_names(store.workspace(), &ids[0]), ["更新", "オンボーディング", "活用"]);
    for _ in 0..5 {
        store.undo().unwrap();
    }
    assert_eq!(store.workspace(), &Workspace::new());
    assert!(matches!(store.undo(), Err(StoreError::NothingToUndo)));
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.workspace(), &Workspace::new());
    while store.can_redo() {
        store.redo().unwrap();
    }
    assert_eq!(stage_names(store.workspace(), &ids[0]), ["更新", "オンボーディング", "活用"]);
    assert!(store.integrity_check().unwrap().is_none());
}

#[test]
fn a_new_edit_drops_the_redo_steps() {
    let dir = temp();
    let (path, mut store) = new_store(dir.path());
    let ids = journey_with_stages(&mut store, &["A", "B"]);
    store.undo().unwrap();
    assert!(store.can_redo());
    store.edit(Edit::AddStage { journey: ids[0].clone(), index: None, name: "C".into() }).unwrap();
    assert!(!store.can_redo());
    drop(store);
    let store = Store::open(&path).unwrap();
    assert!(!store.can_redo());
    assert_eq!(stage_names(store.workspace(), &ids[0]), ["A", "C"]);
}

#[test]
fn an_edit_that_changes_nothing_is_not_recorded() {
    let dir = temp();
    let (_, mut store) = new_store(dir.path());
    let ids = journey_with_stages(&mut store, &["A", "B"]);
    let before = store.history_info().unwrap();
    let outcome = store.edit(Edit::MoveStage { stage: ids[1].clone(), index: 0 }).unwrap();
    assert!(!outcome.changed);
    assert_eq!(store.history_info().unwrap(), before);
}

#[test]
fn a_refused_edit_leaves_memory_and_file_unchanged() {
    let dir = temp();
    let (path, mut store) = new_store(dir.path());
    let ids = journey_with_stages(&mut store, &["A"]);
    let before = store.workspace().clone();
    let err = store.edit(Edit::Link { kind: RelationKind::Addresses, from: ids[0].clone(), to: ids[1].clone() });
    assert!(matches!(err, Err(StoreError::Edit(_))));
    assert_eq!(store.workspace(), &before);
    drop(store);
    assert_eq!(Store::open(&path).unwrap().workspace(), &before);
}

#[test]
fn create_refuses_to_overwrite_unless_asked_and_replaces_atomically() {
    let dir = temp();
    let (path, mut store) = new_store(dir.path());
    journey_with_stages(&mut store, &["A"]);
    drop(store);
    assert!(matches!(Store::create(&path, &Workspace::new(), false), Err(StoreError::AlreadyExists(_))));
    let store = Store::create(&path, &Workspace::new(), true).unwrap();
    assert_eq!(store.workspace().element_count(), 0);
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["ws.michi"], "no temporary or journal files are left");
}

#[test]
fn create_in_a_missing_folder_says_so() {
    let dir = temp();
    let err = Store::create(dir.path().join("nope/ws.michi"), &Workspace::new(), false);
    assert!(matches!(err, Err(StoreError::NotFound(p)) if p.ends_with("nope")));
}

// ---- bad input: a clear error, and the file exactly as it was ----

/// Opens `path` expecting an error, and checks that the file's bytes and the folder are unchanged.
fn refused(path: &Path) -> StoreError {
    let before = fs::read(path).ok();
    let listing = |p: &Path| -> Vec<_> {
        let mut v: Vec<_> = fs::read_dir(p.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        v.sort();
        v
    };
    let files_before = listing(path);
    let err = Store::open(path).err().expect("opening must fail");
    assert_eq!(fs::read(path).ok(), before, "the file was changed by a failed open");
    assert_eq!(listing(path), files_before, "a failed open left files behind");
    err
}

fn saved_workspace(dir: &Path) -> PathBuf {
    let (path, mut store) = new_store(dir);
    let ids = journey_with_stages(&mut store, &["A", "B", "C"]);
    for i in 0..200 {
        let data = ElementData::new_with_label(ElementKind::CustomerAction, format!("行動 {i} ").repeat(20));
        store.edit(Edit::AddCard { stage: ids[1 + i % 3].clone(), index: None, data }).unwrap();
    }
    drop(store);
    path
}

#[test]
fn a_text_file_is_not_a_workspace() {
    let dir = temp();
    let path = dir.path().join("notes.michi");
    fs::write(&path, "これはメモです。\n").unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::NotAWorkspace { .. }), "{err}");
    assert!(err.to_string().contains("is not a Michi workspace"));
}

#[test]
fn an_empty_file_is_not_a_workspace() {
    let dir = temp();
    let path = dir.path().join("empty.michi");
    fs::write(&path, b"").unwrap();
    assert!(matches!(refused(&path), StoreError::NotAWorkspace { detail, .. } if detail.contains("empty")));
}

#[test]
fn another_programs_database_is_not_a_workspace() {
    let dir = temp();
    let path = dir.path().join("other.db");
    drop(Store::create(&path, &Workspace::new(), false).unwrap());
    // The same SQLite file without Michi's application id: a database of some other program.
    let mut bytes = fs::read(&path).unwrap();
    bytes[68..72].copy_from_slice(&0u32.to_be_bytes());
    fs::write(&path, bytes).unwrap();
    assert!(matches!(refused(&path), StoreError::NotAWorkspace { detail, .. } if detail.contains("another program")));
}

#[test]
fn a_folder_is_not_a_workspace() {
    let dir = temp();
    let path = dir.path().join("folder.michi");
    fs::create_dir(&path).unwrap();
    assert!(matches!(Store::open(&path), Err(StoreError::NotAWorkspace { .. })));
}

#[test]
fn a_missing_file_is_reported_as_missing() {
    let dir = temp();
    assert!(matches!(Store::open(dir.path().join("gone.michi")), Err(StoreError::NotFound(_))));
}

#[test]
fn a_truncated_file_is_damaged() {
    let dir = temp();
    let path = saved_workspace(dir.path());
    let bytes = fs::read(&path).unwrap();
    assert!(bytes.len() > 16 * 1024, "the workspace spans several pages");
    fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

#[test]
fn overwritten_pages_are_damage() {
    let dir = temp();
    let path = saved_workspace(dir.path());
    let mut bytes = fs::read(&path).unwrap();
    let page = 4096;
    for b in &mut bytes[page..3 * page] {
        *b = 0xA5;
    }
    fs::write(&path, &bytes).unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

#[test]
fn a_newer_file_is_refused_with_both_versions() {
    let dir = temp();
    let path = saved_workspace(dir.path());
    let mut bytes = fs::read(&path).unwrap();
    bytes[60..64].copy_from_slice(&(CURRENT_VERSION + 1).to_be_bytes());
    fs::write(&path, &bytes).unwrap();
    let err = refused(&path);
    assert!(
        matches!(err, StoreError::TooNew { found, supported, .. } if found == CURRENT_VERSION + 1 && supported == CURRENT_VERSION)
    );
    assert!(err.to_string().contains("newer version of Michi"));
}

#[test]
fn a_read_only_file_is_refused() {
    let dir = temp();
    let path = saved_workspace(dir.path());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    // Still readable without editing.
    assert_eq!(Store::read(&path).unwrap().workspace.element_count(), 204);
}

#[test]
fn a_file_open_for_editing_cannot_be_opened_twice() {
    let dir = temp();
    let path = saved_workspace(dir.path());
    let first = Store::open(&path).unwrap();
    let err = Store::open(&path).err().expect("second open must fail");
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    // Reading is refused too, promptly, rather than reading a file that is being written.
    assert!(matches!(Store::read(&path), Err(StoreError::Locked { .. })));
    drop(first);
    assert!(Store::open(&path).is_ok());
}

#[test]
fn read_gives_the_workspace_without_writing() {
    let dir = temp();
    let path = saved_workspace(dir.path());
    let bytes = fs::read(&path).unwrap();
    let snapshot = Store::read(&path).unwrap();
    assert_eq!(snapshot.workspace.element_count(), 204);
    assert_eq!(snapshot.file_version, CURRENT_VERSION);
    assert_eq!(snapshot.history_len, 204);
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

// ---- limits: a file crafted to exhaust memory is refused, naming the limit ----

/// Opening for editing and reading both refuse `path` with `TooLarge` of `what`; the file is left
/// as it was (its size, and no file beside it).
fn too_large(path: &Path, what: &str, limit: u64) {
    let len = fs::metadata(path).unwrap().len();
    let files = fs::read_dir(path.parent().unwrap()).unwrap().count();
    for err in [Store::open(path).err().expect("open must fail"), Store::read(path).err().expect("read must fail")] {
        assert!(matches!(&err, StoreError::TooLarge { what: w, limit: l, .. } if *w == what && *l == limit), "{err}");
        assert!(err.to_string().contains(&format!("holds more than {limit} {what}, more than Michi reads")), "{err}");
    }
    assert_eq!(fs::metadata(path).unwrap().len(), len);
    assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), files);
}

#[test]
fn a_file_past_the_size_limit_is_refused_before_it_is_read() {
    let dir = temp();
    let path = saved_workspace(dir.path());
    // Past the workspace's pages, a sparse gigabyte: no disk used, and nothing SQLite would read.
    let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(LIMITS.max_file_bytes).unwrap();
    assert_eq!(Store::read(&path).unwrap().workspace.element_count(), 204, "at the limit it is read");
    file.set_len(LIMITS.max_file_bytes + 1).unwrap();
    too_large(&path, "bytes", LIMITS.max_file_bytes);
}

#[test]
fn a_value_past_the_length_limit_is_refused() {
    let dir = temp();
    let path = saved_workspace(dir.path());
    // A crafted file: one element's data one byte longer than Michi reads (zeroblob: no memory).
    let conn = rusqlite::Connection::open(&path).unwrap();
    let set = |len: i64| {
        conn.execute("UPDATE elements SET data = zeroblob(?1) WHERE id = (SELECT min(id) FROM elements)", [len])
            .unwrap()
    };
    set(LIMITS.max_value_bytes as i64 + 1);
    drop(conn);
    too_large(&path, "bytes in one value", LIMITS.max_value_bytes as u64);
}

#[test]
fn a_version_past_the_row_limit_is_refused() {
    let dir = temp();
    let path = saved_workspace(dir.path());
    // Relations are the cheapest rows to craft: one more than the limit allows, counted before
    // any is read (204 elements, 3 views or fewer, and the cards' placements are already there).
    let conn = rusqlite::Connection::open(&path).unwrap();
    let have: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM elements) + (SELECT count(*) FROM relations)
                  + (SELECT count(*) FROM views) + (SELECT count(*) FROM placements)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO relations (version, kind, from_id, to_id, rank)
         SELECT 1, 'crafted', 'a' || i, 'b', '' FROM n",
        [LIMITS.max_rows - have + 1],
    )
    .unwrap();
    drop(conn);
    too_large(&path, "rows in one version", LIMITS.max_rows as u64);
}

// ---- every earlier file format still opens ----

/// The workspace every fixture holds: built by edits with sequential ids, so it is the same every
/// time. A fixture of version N was written by the build whose CURRENT_VERSION was N.
fn fixture_content(store: &mut Store) {
    let ids = journey_with_stages(store, &["オンボーディング", "活用", "拡大", "更新"]);
    let sp = store
        .edit(Edit::AddCard {
            stage: ids[1].clone(),
            index: None,
            data: ElementData::new_with_label(ElementKind::StumblingPoint, "設定が難しい"),
        })
        .unwrap()
        .created[0]
        .clone();
    let cs = store
        .edit(Edit::AddCard {
            stage: ids[1].clone(),
            index: None,
            data: ElementData::new_with_label(ElementKind::CsAction, "操作説明会"),
        })
        .unwrap()
        .created[0]
        .clone();
    store.edit(Edit::Link { kind: RelationKind::Addresses, from: cs, to: sp }).unwrap();
    store.edit(Edit::MoveStage { stage: ids[4].clone(), index: 0 }).unwrap();
    store.undo().unwrap();
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn files_of_every_schema_version_open() {
    let current = fixtures_dir().join(format!("v{CURRENT_VERSION}.michi"));
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        let dir = temp();
        let (path, mut store) = new_store(dir.path());
        fixture_content(&mut store);
        drop(store);
        fs::create_dir_all(fixtures_dir()).unwrap();
        fs::copy(&path, &current).unwrap();
    }
    assert!(
        current.exists(),
        "no fixture for schema {CURRENT_VERSION}: run `UPDATE_FIXTURES=1 cargo test -p michi-store` and commit it"
    );
    let fresh_dir = temp();
    let (fresh, store) = new_store(fresh_dir.path());
    drop(store);
    for version in 1..=CURRENT_VERSION {
        let fixture = fixtures_dir().join(format!("v{version}.michi"));
        let dir = temp();
        let path = dir.path().join("old.michi");
        fs::copy(&fixture, &path).unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
        let snapshot = Store::read(&path).unwrap();
        assert_eq!(snapshot.file_version, version);
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.workspace(), &snapshot.workspace);
        // Before versions (schema 4), the file held one: it is the as-is now.
        assert_eq!(store.versions().unwrap().iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["現状"]);
        let journey = store.workspace().elements_of_kind(ElementKind::Journey).next().unwrap().id.clone();
        assert_eq!(stage_names(store.workspace(), &journey), ["オンボーディング", "活用", "拡大", "更新"]);
        assert_eq!(store.workspace().relation_count(), 4 + 2 + 1);
        // Its history works after the upgrade: redo the move, undo everything.
        store.redo().unwrap();
        assert_eq!(stage_names(store.workspace(), &journey)[0], "更新");
        while store.can_undo() {
            store.undo().unwrap();
        }
        assert_eq!(store.workspace().element_count(), 0);
        drop(store);
        assert_eq!(Store::read(&path).unwrap().file_version, CURRENT_VERSION, "the upgrade was saved");
        assert_eq!(schema_of(&path), schema_of(&fresh), "v{version} upgraded has the schema of a new file");
    }
}

/// Tables, indexes and their SQL, as SQLite records them.
fn schema_of(path: &Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn.prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
}

// ---- persistence matches the in-memory algebra ----

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Any workspace the operations can build (process views, routes, foreign BPMN content…) is
    /// written and read back exactly.
    #[test]
    fn any_workspace_survives_the_file(seed: u64) {
        let mut rng = Rng::new(seed);
        let mut ids = IdGen::sequential();
        let mut ws = Workspace::new();
        for _ in 0..300 {
            let op = michi_core::testing::random_op(&ws, &mut rng, &mut ids);
            let _ = michi_core::apply(&mut ws, op);
        }
        let dir = temp();
        let path = dir.path().join("any.michi");
        drop(Store::create(&path, &ws, false).unwrap());
        let store = Store::open(&path).unwrap();
        prop_assert_eq!(store.workspace(), &ws);
    }

    /// Random edits, undos, redos and restarts: the store always holds what a shadow history of
    /// whole-workspace snapshots says it should, and so does the file after each restart.
    #[test]
    fn the_file_follows_the_model_through_restarts(seed: u64) {
        let dir = temp();
        let (path, mut store) = new_store(dir.path());
        let mut rng = Rng::new(seed);
        let mut ids = IdGen::sequential();
        // (state before, state after) of each undoable step.
        let mut done: Vec<(Workspace, Workspace)> = Vec::new();
        let mut undone: Vec<(Workspace, Workspace)> = Vec::new();
        let mut shadow = Workspace::new();
        for _ in 0..60 {
            match rng.below(10) {
                0 => {
                    drop(store);
                    store = Store::open(&path).unwrap();
                }
                1 | 2 => {
                    let result = store.undo();
                    match done.pop() {
                        Some(step) => {
                            result.unwrap();
                            shadow = step.0.clone();
                            undone.push(step);
                        }
                        None => prop_assert!(matches!(result, Err(StoreError::NothingToUndo))),
                    }
                }
                3 => {
                    let result = store.redo();
                    match undone.pop() {
                        Some(step) => {
                            result.unwrap();
                            shadow = step.1.clone();
                            done.push(step);
                        }
                        None => prop_assert!(matches!(result, Err(StoreError::NothingToRedo))),
                    }
                }
                _ => {
                    let edit = random_edit(store.workspace(), &mut rng);
                    // The same edit on a copy, to know whether the store must accept it.
                    let mut probe = store.workspace().clone();
                    let expected = perform(&mut probe, edit.clone(), &mut ids);
                    match store.edit(edit) {
                        Ok(outcome) => {
                            prop_assert!(expected.is_ok());
                            if outcome.changed {
                                done.push((shadow.clone(), store.workspace().clone()));
                                undone.clear();
                                shadow = store.workspace().clone();
                            }
                        }
                        Err(_) => prop_assert!(expected.is_err()),
                    }
                }
            }
            prop_assert_eq!(store.workspace(), &shadow);
            prop_assert_eq!(store.can_undo(), !done.is_empty());
            prop_assert_eq!(store.can_redo(), !undone.is_empty());
        }
        drop(store);
        let store = Store::open(&path).unwrap();
        prop_assert_eq!(store.workspace(), &shadow);
        prop_assert!(store.integrity_check().unwrap().is_none());
    }
}

/// The file moved or deleted while open: the next edit is refused saying so, memory stays as the
/// last acknowledged edit left it, undo is refused too, and a copy saved then holds every
/// acknowledged edit; the same when another program replaced the file (as a sync tool does).
#[test]
fn a_file_moved_deleted_or_replaced_while_open_refuses_writes_and_a_copy_keeps_every_edit() {
    for how in ["deleted", "moved", "replaced"] {
        let dir = temp();
        let (path, mut store) = new_store(dir.path());
        let journey = journey_with_stages(&mut store, &["準備", "実行"])[0].clone();
        let acknowledged = store.workspace().clone();
        match how {
            "deleted" => std::fs::remove_file(&path).unwrap(),
            "moved" => std::fs::rename(&path, dir.path().join("elsewhere.michi")).unwrap(),
            _ => {
                let other = dir.path().join("other.michi");
                drop(Store::create(&other, &Workspace::new(), false).unwrap());
                std::fs::rename(&other, &path).unwrap();
            }
        }
        let err =
            store.edit(Edit::AddStage { journey: journey.clone(), index: None, name: "定着".into() }).unwrap_err();
        let said = if how == "replaced" { "another program replaced the file" } else { "moved or deleted" };
        assert!(matches!(&err, StoreError::WriteFailed { detail, .. } if detail.contains(said)), "{how}: {err}");
        assert!(err.to_string().contains("this edit was not saved"), "{err}");
        assert_eq!(store.workspace(), &acknowledged, "{how}: memory is as the last acknowledged edit left it");
        assert!(matches!(store.undo(), Err(StoreError::WriteFailed { .. })), "{how}");
        assert_eq!(store.workspace(), &acknowledged);
        let copy = dir.path().join("kept.michi");
        store.save_copy(&copy, false).unwrap();
        drop(store);
        let kept = Store::open(&copy).unwrap();
        assert_eq!(kept.workspace(), &acknowledged, "{how}: the copy holds every acknowledged edit");
        assert_eq!(stage_names(kept.workspace(), &journey), ["準備", "実行"]);
        assert!(kept.can_undo(), "{how}: the history came along");
    }
}
