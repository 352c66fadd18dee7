//! Versions of a workspace in one file (as-is, to-be): a fork copies the model, each version keeps
//! its own edits and undo history, account data and state snapshots are the workspace's and seen
//! from every version, the version being edited is remembered, and renaming and deleting refuse
//! what would lose work.

use std::path::Path;

use michi_core::element::StateSnapshot;
use michi_core::{Edit, ElementData, ElementId, RelationKind, Workspace};
use michi_store::{Store, StoreError, VersionError};

fn stages(ws: &Workspace) -> Vec<String> {
    let journey = ws.elements_of_kind(michi_core::ElementKind::Journey).next().unwrap().id.clone();
    ws.ordered_members(&journey, RelationKind::InJourney)
        .iter()
        .map(|s| ws.data(s).unwrap().label().to_string())
        .collect()
}

/// A file with a journey of two stages, made in version 1 (現状).
fn as_is(dir: &Path) -> (std::path::PathBuf, Store, ElementId) {
    let path = dir.join("ws.michi");
    let mut store = Store::create(&path, &Workspace::new(), false).unwrap();
    let j = store.edit(Edit::CreateJourney { name: "導入".into() }).unwrap().created[0].clone();
    for name in ["オンボーディング", "活用"] {
        store.edit(Edit::AddStage { journey: j.clone(), index: None, name: name.into() }).unwrap();
    }
    (path, store, j)
}

fn rows_of_version(path: &Path, version: i64) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    ["elements", "relations", "views", "placements", "history"]
        .iter()
        .map(|t| {
            conn.query_row(&format!("SELECT count(*) FROM {t} WHERE version = ?1"), [version], |r| r.get::<_, i64>(0))
                .unwrap()
        })
        .sum()
}

#[test]
fn a_new_file_has_one_version_named_as_is() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = as_is(dir.path());
    let versions = store.versions().unwrap();
    assert_eq!(versions.iter().map(|v| (v.id, v.name.as_str())).collect::<Vec<_>>(), [(1, "現状")]);
    assert_eq!(store.version(), 1);
}

#[test]
fn a_fork_is_edited_and_undone_on_its_own_and_the_as_is_stays_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, journey) = as_is(dir.path());
    let to_be = store.fork_version(1, "あるべき姿").unwrap();
    assert_eq!(store.version(), 1, "a fork does not switch");
    store.switch_version(to_be).unwrap();
    // The copy starts with the model and an empty history of its own.
    assert_eq!(stages(store.workspace()), ["オンボーディング", "活用"]);
    assert!(!store.can_undo());
    store.edit(Edit::AddStage { journey: journey.clone(), index: None, name: "拡大".into() }).unwrap();
    store.edit(Edit::AddStage { journey: journey.clone(), index: None, name: "更新".into() }).unwrap();
    store.undo().unwrap();
    assert_eq!(stages(store.workspace()), ["オンボーディング", "活用", "拡大"]);
    assert_eq!(store.history_info().unwrap().redo.as_deref(), Some("addStage"));

    // The as-is: its model and its own undo history (its last edit is undone first).
    store.switch_version(1).unwrap();
    assert_eq!(stages(store.workspace()), ["オンボーディング", "活用"]);
    assert!(!store.can_redo(), "the to-be's redo step is not the as-is's");
    store.undo().unwrap();
    assert_eq!(stages(store.workspace()), ["オンボーディング"]);
    // An edit here does not drop the to-be's redo step.
    store.edit(Edit::AddStage { journey: journey.clone(), index: None, name: "定着".into() }).unwrap();

    // After a restart: the version being edited is remembered; each keeps its state and history.
    store.switch_version(to_be).unwrap();
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.version(), to_be);
    assert_eq!(stages(store.workspace()), ["オンボーディング", "活用", "拡大"]);
    store.redo().unwrap();
    assert_eq!(stages(store.workspace()), ["オンボーディング", "活用", "拡大", "更新"]);
    while store.can_undo() {
        store.undo().unwrap();
    }
    assert_eq!(stages(store.workspace()), ["オンボーディング", "活用"], "the to-be's history starts at the fork");
    store.switch_version(1).unwrap();
    assert_eq!(stages(store.workspace()), ["オンボーディング", "定着"]);
    assert_eq!(store.integrity_check().unwrap(), None);
}

#[test]
fn account_data_and_state_snapshots_belong_to_the_workspace_not_to_a_version() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, _) = as_is(dir.path());
    let to_be = store.fork_version(1, "あるべき姿").unwrap();
    let snapshot = ElementData::StateSnapshot(StateSnapshot {
        name: "11月末".into(),
        as_of: 1_795_996_800.0,
        source: "accounts-2026-11.csv".into(),
        manual: false,
        entries: Vec::new(),
    });
    let id = store.edit(Edit::Create { data: snapshot }).unwrap().created[0].clone();
    store.switch_version(to_be).unwrap();
    assert!(store.workspace().contains(&id), "the to-be sees the snapshot imported in the as-is");
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 =
        conn.query_row("SELECT version FROM elements WHERE id = ?1", [id.as_str()], |r| r.get(0)).unwrap();
    assert_eq!(version, michi_store::SHARED);
}

#[test]
fn names_are_checked_and_deleting_refuses_the_current_and_the_last_version() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, _) = as_is(dir.path());
    assert!(matches!(store.fork_version(1, "  "), Err(StoreError::Version(VersionError::EmptyName))));
    assert!(
        matches!(store.fork_version(1, "現状"), Err(StoreError::Version(VersionError::NameTaken(n))) if n == "現状")
    );
    assert!(matches!(store.fork_version(7, "x"), Err(StoreError::Version(VersionError::NotFound(7)))));
    let to_be = store.fork_version(1, " あるべき姿 ").unwrap();
    assert_eq!(store.versions().unwrap()[1].name, "あるべき姿", "names are trimmed");
    assert_eq!(store.versions().unwrap()[1].forked_from, Some(1));
    store.rename_version(to_be, "あるべき姿 2027").unwrap();
    assert!(matches!(store.rename_version(to_be, "現状"), Err(StoreError::Version(VersionError::NameTaken(_)))));
    assert!(matches!(store.delete_version(1), Err(StoreError::Version(VersionError::Current))));
    drop(store);
    assert!(rows_of_version(&path, to_be) > 0);
    let mut store = Store::open(&path).unwrap();
    store.delete_version(to_be).unwrap();
    drop(store);
    assert_eq!(rows_of_version(&path, to_be), 0, "nothing of the deleted version is left");
    let mut store = Store::open(&path).unwrap();
    assert!(matches!(store.delete_version(1), Err(StoreError::Version(VersionError::Current))));
    let other = store.fork_version(1, "案B").unwrap();
    store.switch_version(other).unwrap();
    store.delete_version(1).unwrap();
    assert!(matches!(store.delete_version(other), Err(StoreError::Version(VersionError::Current))));
    assert_eq!(store.versions().unwrap().len(), 1);
    assert_eq!(stages(store.workspace()), ["オンボーディング", "活用"]);
}

#[test]
fn a_version_is_read_by_name_without_opening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, journey) = as_is(dir.path());
    let to_be = store.fork_version(1, "あるべき姿").unwrap();
    store.switch_version(to_be).unwrap();
    store.edit(Edit::AddStage { journey, index: None, name: "拡大".into() }).unwrap();
    drop(store);
    let as_is = Store::read_version(&path, Some("現状")).unwrap();
    assert_eq!(stages(&as_is.workspace), ["オンボーディング", "活用"]);
    assert_eq!(as_is.versions.len(), 2);
    let current = Store::read(&path).unwrap();
    assert_eq!((current.version.name.as_str(), stages(&current.workspace).len()), ("あるべき姿", 3));
    let Err(e) = Store::read_version(&path, Some("案C")) else { panic!() };
    assert_eq!(e.to_string(), "the workspace has no version named 「案C」 (its versions: 現状, あるべき姿)");
}
