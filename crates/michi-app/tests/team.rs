//! Team workspaces on a real PostgreSQL server the test starts itself: a workspace file pushed and
//! pulled back equals the original row for row — every version, the workspace's own data, the
//! history with its authors — and opens with its undo; names taken or unknown, and a server that is
//! down, are refused with what went wrong.

use michi_app::{ErrorCode, Screen, Session, Show, team};
use michi_core::{Edit, ElementKind};
use michi_store::Store;
use michi_store_pg::testing::Cluster;

#[test]
fn a_pushed_then_pulled_workspace_equals_the_original_history_included() {
    let cluster = Cluster::start();
    let url = cluster.database("team");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("顧客A.michi");
    let mut s = Session::create(&file, true, false).unwrap();
    let show = Show::screen(Screen::Home);
    // History in two versions, by two authors, and account data shared by both.
    let journey = s.workspace().elements_of_kind(ElementKind::Journey).next().unwrap().id.clone();
    s.edit(Edit::AddStage { journey: journey.clone(), index: None, name: "定着".into() }, &show).unwrap();
    s.import_sample_accounts(&show).unwrap();
    let member = s.workspace().elements_of_kind(ElementKind::TeamMember).next().unwrap().id.clone();
    s.edit_by("山本", Edit::Delete { ids: vec![member] }).unwrap();
    let path = s.path().unwrap().to_path_buf();
    drop(s);
    let original = Store::archive(&path).unwrap();
    assert!(original.versions.len() >= 2, "the sample holds an as-is and a to-be");
    assert!(original.history.iter().any(|h| h.author == "山本"));
    assert!(original.elements.iter().any(|e| e.version == 0), "the workspace's own rows");

    assert_eq!(team::push(&path, &url, None).unwrap(), "顧客A");
    assert_eq!(team::list(&url).unwrap(), ["顧客A"]);
    let back = dir.path().join("back.michi");
    team::pull(&url, "顧客A", &back, false).unwrap();
    assert_eq!(Store::archive(&back).unwrap(), original);

    // The copy is a workspace like any: it opens where it was, and undo takes the last step back.
    let mut copy = Session::open(&back).unwrap();
    let r = copy.undo(&show).unwrap();
    assert!(copy.workspace().elements_of_kind(ElementKind::TeamMember).count() == 4, "{:?}", r.state.undo);

    // A name taken, a name unknown, a file in the way.
    let e = team::push(&path, &url, Some("顧客A")).unwrap_err();
    assert_eq!(e.code, ErrorCode::AlreadyExists);
    assert!(e.message.contains("pick another name"), "{e}");
    let e = team::pull(&url, "顧客B", &dir.path().join("b.michi"), false).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    assert!(e.message.contains("it has: 顧客A"), "{e}");
    assert!(!dir.path().join("b.michi").exists());
    let e = team::pull(&url, "顧客A", &back, false).unwrap_err();
    assert_eq!(e.code, ErrorCode::AlreadyExists);
}

#[test]
fn a_database_that_is_down_is_told_as_unreachable() {
    let cluster = Cluster::start();
    let url = cluster.database("down");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.michi");
    drop(Session::create(&file, true, false).unwrap());
    cluster.kill();
    let e = team::push(&file, &url, None).unwrap_err();
    assert_eq!(e.code, ErrorCode::Unreachable);
    assert!(e.message.starts_with("cannot reach the database"), "{e}");
}

/// Who may do what comes from the database: the owner grants a reader, whose session opens
/// read-only and whose edits are refused as forbidden; an editor's go through.
#[test]
fn a_reader_opens_a_team_workspace_read_only_and_an_editor_edits() {
    let cluster = Cluster::start();
    let admin = cluster.database("access");
    let mut c = michi_store_pg::connect(&admin).unwrap();
    michi_store_pg::migrate(&mut c).unwrap();
    for role in ["owner_o", "reader_r", "editor_e"] {
        c.batch_execute(&format!("CREATE ROLE {role} LOGIN")).unwrap();
    }
    let as_user = |role: &str| admin.replace("user=michi", &format!("user={role}"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("顧客B.michi");
    drop(Session::create(&file, true, false).unwrap());
    team::push(&file, &as_user("owner_o"), None).unwrap();
    team::grant(&as_user("owner_o"), "顧客B", "reader_r", "read").unwrap();
    team::grant(&as_user("owner_o"), "顧客B", "editor_e", "edit").unwrap();
    let e = team::grant(&as_user("reader_r"), "顧客B", "reader_r", "edit").unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);

    let show = Show::screen(Screen::Home);
    let mut reader = Session::open_team(&as_user("reader_r"), "顧客B", "読む人", &dir.path().join("q")).unwrap();
    assert!(reader.is_read_only());
    let state = reader.state().unwrap();
    assert!(state.read_only && !state.team.as_ref().unwrap().can_edit);
    let journey = reader.workspace().elements_of_kind(ElementKind::Journey).next().unwrap().id.clone();
    let e = reader.edit(Edit::AddStage { journey: journey.clone(), index: None, name: "x".into() }, &show).unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    // Reading goes on: another version, a local copy.
    let other = reader.versions().unwrap().0.iter().map(|v| v.id).max().unwrap();
    reader.switch_version(other, &show).unwrap();
    reader.save_copy(&dir.path().join("copy.michi"), false).unwrap();

    let mut editor = Session::open_team(&as_user("editor_e"), "顧客B", "編集する人", &dir.path().join("q")).unwrap();
    assert!(!editor.is_read_only());
    editor.edit(Edit::AddStage { journey, index: None, name: "編集できる".into() }, &show).unwrap();
}

/// Another client's change reaches this session through `sync_team`: it names who changed what,
/// and wakes the session's listener (a workshop running on the team workspace redraws its boards).
#[test]
fn others_changes_are_named_and_wake_the_listener() {
    let cluster = Cluster::start();
    let url = cluster.database("listen");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("顧客C.michi");
    drop(Session::create(&file, true, false).unwrap());
    team::push(&file, &url, None).unwrap();
    let show = Show::screen(Screen::Home);
    let mut mine = Session::open_team(&url, "顧客C", "佐藤", &dir.path().join("q")).unwrap();
    let woken = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = woken.clone();
    mine.set_listener(Some(Box::new(move || {
        count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    })));
    let mut theirs = Session::open_team(&url, "顧客C", "鈴木", &dir.path().join("q")).unwrap();
    let journey = theirs.workspace().elements_of_kind(ElementKind::Journey).next().unwrap().id.clone();
    let made = theirs.edit(Edit::AddStage { journey, index: None, name: "鈴木の追加".into() }, &show).unwrap().created
        [0]
    .clone();

    let synced = mine.sync_team_shown(&show).unwrap();
    assert_eq!(synced.remote.len(), 1);
    assert_eq!(synced.remote[0].author, "鈴木");
    assert_eq!(synced.remote[0].label.ja, "ステージの追加");
    assert!(mine.workspace().element(&made).is_some());
    assert_eq!(woken.load(std::sync::atomic::Ordering::SeqCst), 1);
    // Nothing new: nobody named, nobody woken.
    assert!(mine.sync_team().unwrap().is_empty());
    assert_eq!(woken.load(std::sync::atomic::Ordering::SeqCst), 1);
    // Sato renames the stage, Suzuki renames it after him: Sato's undo is refused, naming Suzuki.
    let rename = |s: &Session, name: &str| {
        let mut data = s.workspace().element(&made).unwrap().data.clone();
        if let michi_core::ElementData::Stage(st) = &mut data {
            st.name = name.into();
        }
        Edit::Update { id: made.clone(), data }
    };
    let edit = rename(&mine, "佐藤の名前");
    mine.edit(edit, &show).unwrap();
    let edit = rename(&theirs, "鈴木の名前");
    theirs.edit(edit, &show).unwrap();
    let e = mine.undo(&show).unwrap_err();
    assert_eq!((e.code, e.reason.as_deref()), (ErrorCode::Refused, Some("overtaken")));
    assert!(e.message.starts_with("鈴木 has changed the same thing since (編集 / edit)"), "{}", e.message);
}
