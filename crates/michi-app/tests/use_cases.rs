//! The use cases, run as a front end runs them but without one: real workspace files in a temporary
//! folder, no Tauri. Each change answers with what the screen shows after it.

use std::path::{Path, PathBuf};

use michi_app::outputs::{self, Format, Output, OutputKind};
use michi_app::{App, ErrorCode, Language, OverlayRequest, Screen, ScreenData, Session, Show};
use michi_core::element::{CsFunction, ElementData, Stage};
use michi_core::health::read::TableQuery;
use michi_core::{Edit, ElementId, ElementKind, ViewId};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn sample(&self, name: &str) -> Session {
        Session::create(&self.path(name), true, false).unwrap()
    }
}

fn journey_with_stages(s: &Session, n: usize) -> (ElementId, ViewId) {
    let outline = michi_core::read::outline(s.workspace());
    let j = outline.journeys.iter().find(|j| j.stages.len() == n).unwrap();
    (j.id.clone(), j.view.clone().unwrap())
}

fn map(shown: &michi_app::Shown) -> &michi_core::read::JourneyMap {
    match &shown.screen {
        ScreenData::JourneyMap { map } => map,
        other => panic!("not a journey map: {other:?}"),
    }
}

#[test]
fn an_edit_answers_with_its_saved_state_and_what_the_screen_shows() {
    let f = Fixture::new();
    let mut s = f.sample("a.michi");
    let state = s.state().unwrap();
    assert_eq!((state.name.as_str(), state.undo.clone()), ("a", None));
    assert!(state.diagnosis.whole().unwrap().counts.warning > 0);
    // Home is the first journey's map.
    let home = s.show(&Show::home()).unwrap();
    assert!(matches!(home.screen, ScreenData::JourneyMap { .. }));

    let (journey, view) = journey_with_stages(&s, 4);
    let on_map = Show::screen(Screen::JourneyMap { view: view.clone() });
    let r =
        s.edit(Edit::AddStage { journey: journey.clone(), index: Some(1), name: "導入準備".into() }, &on_map).unwrap();
    assert_eq!(r.state.undo.as_ref().map(|t| t.en.as_str()), Some("add a stage"));
    assert_eq!(map(&r.shown).stages[1].stage.data.label(), "導入準備");
    assert_eq!(r.shown.outline.journeys.iter().find(|j| j.id == journey).unwrap().stage_count, 5);
    // Saved when it returned: another process cannot read it while it is open, but it is in the file.
    assert_eq!(michi_app::read(s.path().unwrap()).err().unwrap().code, ErrorCode::Locked);

    let r = s.undo(&on_map).unwrap();
    assert_eq!(map(&r.shown).stages.len(), 4);
    assert_eq!(r.state.redo.as_ref().map(|t| t.ja.as_str()), Some("ステージの追加"));
    let r = s.redo(&on_map).unwrap();
    assert_eq!(map(&r.shown).stages.len(), 5);
    assert_eq!(s.undo(&on_map).and_then(|_| s.undo(&on_map)).unwrap_err().code, ErrorCode::NothingToUndo);
    let path = s.path().unwrap().to_path_buf();
    s.redo(&on_map).unwrap();
    drop(s);
    let on_disk = michi_app::read(&path).unwrap();
    assert!(on_disk.workspace.elements().any(|e| e.data.label() == "導入準備"));
}

#[test]
fn a_screen_whose_subject_is_gone_gives_way_to_the_first_screen() {
    let f = Fixture::new();
    let mut s = f.sample("b.michi");
    let (journey, view) = journey_with_stages(&s, 4);
    let r = s.edit(Edit::Delete { ids: vec![journey.clone()] }, &Show::screen(Screen::JourneyMap { view })).unwrap();
    // The other journey's map.
    assert_ne!(map(&r.shown).journey.id, journey);
    // Outputs of the deleted journey: the first screen too.
    let gone = s.show(&Show::screen(Screen::Outputs { journey, segment: None })).unwrap();
    assert!(matches!(gone.screen, ScreenData::JourneyMap { .. }));
    // A workspace with nothing to draw.
    let empty = Session::create(&f.path("empty.michi"), false, false).unwrap();
    assert!(matches!(empty.show(&Show::home()).unwrap().screen, ScreenData::Empty));
}

#[test]
fn outputs_are_documents_and_a_variant_gone_gives_the_whole_playbook() {
    let f = Fixture::new();
    let s = f.sample("c.michi");
    let (journey, _) = journey_with_stages(&s, 4);
    let ScreenData::Outputs { variants, segment, playbook, metrics, org, design, .. } =
        s.show(&Show::screen(Screen::Outputs { journey: journey.clone(), segment: None })).unwrap().screen
    else {
        panic!("outputs")
    };
    assert_eq!((variants.len(), segment), (2, None));
    assert_eq!(playbook.sections.len(), 4);
    assert!(!metrics.sections.is_empty() && !org.sections.is_empty());
    assert!(design.recommended.len() >= 5);
    let ent = variants.iter().find(|v| v.name == "大手製造業").unwrap().id.clone();
    let shown =
        s.show(&Show::screen(Screen::Outputs { journey: journey.clone(), segment: Some(ent.clone()) })).unwrap();
    let ScreenData::Outputs { segment, playbook, .. } = shown.screen else { panic!("outputs") };
    assert_eq!(segment, Some(ent));
    assert!(playbook.title.plain_text(true).ends_with("（大手製造業）"));
    // A segment without a variant of this journey: the whole playbook.
    let stage = s.workspace().elements_of_kind(ElementKind::Stage).next().unwrap().id.clone();
    let shown = s.show(&Show::screen(Screen::Outputs { journey, segment: Some(stage) })).unwrap();
    let ScreenData::Outputs { segment, .. } = shown.screen else { panic!("outputs") };
    assert_eq!(segment, None);
}

#[test]
fn the_app_and_the_cli_path_write_the_same_bytes() {
    let f = Fixture::new();
    let s = f.sample("d.michi");
    let (journey, _) = journey_with_stages(&s, 4);
    for (kind, ext) in [(OutputKind::Playbook, "md"), (OutputKind::Metrics, "html"), (OutputKind::Org, "md")] {
        let output = Output::new(kind, journey.clone(), None);
        let path = f.path(&format!("out.{ext}"));
        s.export_output(&output, Language::En, &path).unwrap();
        let doc = outputs::document(s.workspace(), &output).unwrap();
        let expected = outputs::text(&doc, Format::of_path(&path), Language::En);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected, "{kind:?}");
    }
    let err = s.export_output(
        &Output::new(OutputKind::Playbook, ElementId::new("stage-x").unwrap(), None),
        Language::Ja,
        &f.path("x.md"),
    );
    assert_eq!(err.unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn a_state_snapshot_is_laid_over_the_screen_until_it_is_gone() {
    let f = Fixture::new();
    let mut s = f.sample("e.michi");
    let outline = michi_core::read::outline(s.workspace());
    let diagram = outline.diagrams[0].clone();
    let csv = repo("tests/data/state/onboarding-cases.cp932.csv");
    let preview = michi_app::tables::events_preview(&csv).unwrap();
    let screen = Screen::ProcessDiagram { view: diagram.view.clone() };
    let r = s
        .import_state_csv(
            &csv,
            &preview.guess.unwrap(),
            diagram.model.as_ref().unwrap(),
            "11月20日".into(),
            None,
            &Show::screen(screen.clone()),
        )
        .unwrap();
    assert_eq!(r.state.undo.unwrap().en, "import a state snapshot");
    let snapshot = r.created[0].clone();
    let show = Show {
        screen: screen.clone(),
        overlay: Some(OverlayRequest { snapshot: snapshot.clone(), compare: None }),
        compare: None,
        evidence: false,
        cited: None,
        held: None,
        held_diagnosis: None,
    };
    let shown = s.show(&show).unwrap();
    let overlay = shown.overlay.expect("the snapshot is laid over the diagram");
    assert!(overlay.data.nodes.iter().any(|n| n.present > 0));
    // Undone: the overlay goes with it, the screen stays.
    let r = s.undo(&show).unwrap();
    assert!(r.shown.overlay.is_none());
    assert!(matches!(r.shown.screen, ScreenData::ProcessDiagram { .. }));
}

#[test]
fn accounts_are_imported_in_one_named_step_and_read_on_the_health_screen() {
    let f = Fixture::new();
    let mut s = f.sample("f.michi");
    let health = Show::screen(Screen::Health { query: TableQuery { limit: 5, ..Default::default() }, account: None });
    let r = s.import_sample_accounts(&health).unwrap();
    assert_eq!(r.state.undo.as_ref().unwrap().ja, "アカウントの取り込み");
    let ScreenData::Health { table, model, account, .. } = &r.shown.screen else { panic!("health") };
    assert_eq!((table.total, table.rows.len(), account.is_none()), (40, 5, true));
    assert!(model.stored);
    let id = table.rows[0].id.clone();
    let page = Show::screen(Screen::Health { query: TableQuery::default(), account: Some(id.clone()) });
    let ScreenData::Health { account, .. } = s.show(&page).unwrap().screen else { panic!("health") };
    assert_eq!(account.unwrap().line.id, id);
    // A file with a bad cell: refused with its line and column, nothing imported.
    let bad = f.path("bad.csv");
    std::fs::write(&bad, "顧客ID,会社名,ログイン率\nC-1,山田製作所,たくさん\n").unwrap();
    let mapping = s.accounts_preview(&bad).unwrap().guess.unwrap();
    let e = s.import_accounts_csv(&bad, &mapping, None, "x".into(), 0.0, &health).unwrap_err();
    assert_eq!((e.code, e.path.clone()), (ErrorCode::BadCsv, Some(bad.display().to_string())));
    assert_eq!((e.problems[0].line, e.more_problems), (2, 0));
    // Thirty bad cells: the first twenty listed, the rest counted.
    let rows: String = (0..30).map(|i| format!("C-{i},会社{i},たくさん\n")).collect();
    std::fs::write(&bad, format!("顧客ID,会社名,ログイン率\n{rows}")).unwrap();
    let e = s.import_accounts_csv(&bad, &mapping, None, "x".into(), 0.0, &health).unwrap_err();
    assert_eq!((e.problems.len(), e.more_problems), (20, 10));
    let r = s.undo(&page).unwrap();
    let ScreenData::Health { table, account, .. } = r.shown.screen else { panic!("health") };
    assert_eq!((table.total, account.is_none()), (0, true));
}

#[test]
fn bpmn_files_come_in_as_one_step_and_go_out_whole() {
    let f = Fixture::new();
    let mut s = f.sample("g.michi");
    let model = s.workspace().elements_of_kind(ElementKind::ProcessModel).next().unwrap().id.clone();
    let bpmn = f.path("out.bpmn");
    s.export_bpmn(&bpmn, std::slice::from_ref(&model)).unwrap();
    let r = s.import_bpmn(&bpmn, &Show::home()).unwrap();
    assert_eq!(r.state.undo.unwrap().en, "import a BPMN file");
    assert_eq!(r.shown.outline.diagrams.len(), 2);
    // What came in is shown: its diagram, in the same answer.
    let ScreenData::ProcessDiagram { diagram, .. } = &r.shown.screen else { panic!("the imported diagram is shown") };
    assert_eq!(Some(&diagram.view), r.created_views.first());
    assert_eq!(s.undo(&Show::home()).unwrap().shown.outline.diagrams.len(), 1);
    let not_bpmn = f.path("notes.bpmn");
    std::fs::write(&not_bpmn, "<html/>").unwrap();
    let e = s.import_bpmn(&not_bpmn, &Show::home()).unwrap_err();
    assert_eq!((e.code, e.path), (ErrorCode::BadBpmn, Some(not_bpmn.display().to_string())));
    // Into a new workspace file, as `michi import` does.
    let read = michi_app::bpmn::import_into_new(&bpmn, &f.path("new.michi"), false).unwrap();
    assert!(read.elements > 10 && read.diagrams == 1);
    assert_eq!(michi_app::bpmn::export_all(&f.path("new.michi"), &f.path("again.bpmn")).unwrap(), 1);
}

#[test]
fn the_app_opens_one_workspace_remembers_it_and_keeps_it_when_an_open_fails() {
    let f = Fixture::new();
    let mut app = App::new();
    app.use_config_dir(f.path("config"));
    let a = f.path("a.michi");
    let opened = app.create(&a, true, false, &Show::home()).unwrap();
    assert_eq!(opened.state.path, a.display().to_string());
    assert!(matches!(opened.shown.screen, ScreenData::JourneyMap { .. }));
    // The same file again: the open session, not a second lock on it.
    let again = app.open(&a, &Show::home()).unwrap();
    assert_eq!(again.state.revision, opened.state.revision);
    let notes = f.path("notes.michi");
    std::fs::write(&notes, "会議メモ").unwrap();
    assert_eq!(app.open(&notes, &Show::home()).unwrap_err().code, ErrorCode::NotAWorkspace);
    assert_eq!(app.current().unwrap().path(), Some(a.as_path()));
    // Replacing the open file closes it first.
    app.create(&a, false, true, &Show::home()).unwrap();
    assert_eq!(app.current().unwrap().workspace().element_count(), 0);
    assert_eq!(app.recent_files()[0].path, a.display().to_string());
    app.set_language(Some(Language::En)).unwrap();
    let mut later = App::new();
    later.use_config_dir(f.path("config"));
    assert_eq!(later.language(), Some(Language::En));
    app.close();
    assert_eq!(app.session().err().unwrap().code, ErrorCode::NoWorkspace);
}

#[test]
fn adopting_a_function_shows_in_the_org_design_at_once() {
    let f = Fixture::new();
    let mut s = f.sample("h.michi");
    let (journey, _) = journey_with_stages(&s, 4);
    let outputs = Show::screen(Screen::Outputs { journey, segment: None });
    let r = s.edit(Edit::AcceptFunction { function: CsFunction::Education }, &outputs).unwrap();
    let ScreenData::Outputs { design, org, .. } = r.shown.screen else { panic!("outputs") };
    // The sample has Account Management already, with its team.
    assert_eq!(design.adopted.len(), 2);
    assert!(design.adopted.iter().any(|a| a.function == Some(CsFunction::Education)));
    assert!(org.sections.iter().any(|s| s.role == Some(michi_core::derive::document::DocRole::OrgDesign)));
    assert_eq!(r.state.undo.unwrap().en, "adopt a function");
}

#[test]
fn files_are_linted_scored_and_counted_without_being_opened() {
    let f = Fixture::new();
    let s = f.sample("i.michi");
    let path = s.path().unwrap().to_path_buf();
    drop(s);
    let bpmn = repo("tests/data/bpmn/bpmnlint/test-rules/label-required/invalid-task.bpmn");
    let config = michi_app::lint::choose_config(None, Some("bpmnlint-recommended")).unwrap();
    let results = michi_app::lint::lint(&[bpmn, path.clone()], config.as_ref());
    assert!(michi_app::lint::has_errors(&results) && !michi_app::lint::has_unreadable(&results));
    assert!(michi_app::lint::text(&results, false).contains("problems"));
    assert_eq!(michi_app::lint::choose_config(None, Some("strict")).unwrap_err().code, ErrorCode::InvalidRequest);
    let csv = repo("crates/michi-core/samples/accounts-2026-10.csv");
    let how = michi_app::health::Scoring {
        as_of: 1_793_404_800.0,
        format: michi_app::health::Format::Csv,
        japanese: true,
        map: Vec::new(),
        date_order: None,
    };
    let scores = michi_app::health::score_file(&path, &csv, &how).unwrap();
    assert!(scores.warnings.is_empty(), "{:?}", scores.warnings);
    let text = String::from_utf8(scores.bytes).unwrap();
    assert!(
        text.starts_with("顧客ID,会社名,セグメント,ステージ,薪,種火,送風,焚き火の状態,総合,象限,弱い環,次の一手"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 41);
    // Nothing was stored.
    assert_eq!(michi_app::read(&path).unwrap().workspace.elements_of_kind(ElementKind::AccountSnapshot).count(), 0);
    assert!(michi_app::info::info(&path, false).unwrap().contains("journey         2"));
}

#[test]
fn an_edit_the_model_refuses_changes_nothing_and_says_why() {
    let f = Fixture::new();
    let mut s = f.sample("j.michi");
    let revision = s.state().unwrap().revision;
    let stage = s.workspace().elements_of_kind(ElementKind::Stage).next().unwrap().id.clone();
    let e = s
        .edit(
            Edit::Update {
                id: stage,
                data: ElementData::Stage(Stage { stuck_after_days: Some(-1.0), ..Default::default() }),
            },
            &Show::home(),
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidEdit);
    assert_eq!(s.state().unwrap().revision, revision);
}

#[test]
fn a_write_protected_file_opens_read_only_and_save_as_goes_on_in_an_editable_copy() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new();
    let path = f.path("protected.michi");
    drop(f.sample("protected.michi"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut app = App::new();
    let opened = app.open(&path, &Show::home()).unwrap();
    assert!(opened.state.read_only && opened.state.undo.is_none());
    assert!(matches!(opened.shown.screen, ScreenData::JourneyMap { .. }), "it shows as any workspace");
    // View and derive: yes. Change: refused, saying how to edit.
    let s = app.session().unwrap();
    let (journey, _) = journey_with_stages(s, 4);
    let doc = outputs::derive(
        s.workspace(),
        "protected.michi",
        OutputKind::Playbook,
        Some(journey.as_str()),
        None,
        Format::Markdown,
        Language::Ja,
    )
    .unwrap();
    assert!(String::from_utf8(doc).unwrap().starts_with("# プレイブック"));
    let e =
        s.edit(Edit::AddStage { journey: journey.clone(), index: None, name: "x".into() }, &Show::home()).unwrap_err();
    assert_eq!(e.code, ErrorCode::ReadOnly);
    assert!(e.message.contains("save a copy to edit it"), "{}", e.message);
    assert_eq!(s.undo(&Show::home()).unwrap_err().code, ErrorCode::ReadOnly);
    // Save a copy: the copy is written, this stays read-only.
    let copy = f.path("copy.michi");
    app.save_copy(&copy, false).unwrap();
    assert!(app.session().unwrap().is_read_only());
    assert_eq!(app.save_copy(&copy, false).unwrap_err().code, ErrorCode::AlreadyExists);
    assert_eq!(app.save_copy(&path, true).unwrap_err().code, ErrorCode::InvalidRequest, "not over itself");
    // Save As: goes on in an editable copy; the protected file is untouched.
    let mine = f.path("mine.michi");
    let opened = app.save_as(&mine, false, &Show::home()).unwrap();
    assert!(!opened.state.read_only);
    assert_eq!(opened.state.name, "mine");
    let s = app.session().unwrap();
    s.edit(Edit::AddStage { journey: journey.clone(), index: None, name: "更新後".into() }, &Show::home()).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(michi_app::read(&copy).unwrap().workspace.elements().all(|e| e.data.label() != "更新後"));
    app.close();
    assert!(michi_app::read(&mine).unwrap().workspace.elements().any(|e| e.data.label() == "更新後"));
}

#[test]
fn a_file_open_in_another_michi_is_refused_as_locked_and_the_open_one_stays() {
    let f = Fixture::new();
    let held = f.sample("held.michi");
    let mut app = App::new();
    let e = app.open(held.path().unwrap(), &Show::home()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Locked);
    assert_eq!(e.path.as_deref(), Some(held.path().unwrap().display().to_string().as_str()));
    // Another file opens; the locked one still refuses a second opener, and a copy of it too.
    drop(f.sample("other.michi"));
    app.open(&f.path("other.michi"), &Show::home()).unwrap();
    assert_eq!(app.open(held.path().unwrap(), &Show::home()).unwrap_err().code, ErrorCode::Locked);
    assert_eq!(app.current().unwrap().state().unwrap().name, "other");
    drop(held);
    app.open(&f.path("held.michi"), &Show::home()).unwrap();
}

#[test]
fn a_to_be_is_forked_from_the_as_is_edited_on_its_own_and_versions_are_renamed_and_deleted() {
    let f = Fixture::new();
    let mut s = f.sample("v.michi");
    let state = s.state().unwrap();
    // The sample holds its as-is (edited first) and a to-be made from it.
    assert_eq!(state.versions.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["現状", "あるべき姿"]);
    assert_eq!(state.versions[1].forked_from, Some(1));
    assert_eq!(state.version, 1);
    let (journey, view) = journey_with_stages(&s, 4);
    let on_map = Show::screen(Screen::JourneyMap { view: view.clone() });

    // Forking switches to the copy, which shows the same map and has no undo step yet.
    let r = s.fork_version(1, "案B", &on_map).unwrap();
    assert_eq!((r.state.version, r.state.versions.len(), r.state.undo.clone()), (3, 3, None));
    assert_eq!(r.state.versions[2].forked_from, Some(1));
    assert_eq!(map(&r.shown).stages.len(), 4);
    let r = s.edit(Edit::AddStage { journey: journey.clone(), index: None, name: "推奨".into() }, &on_map).unwrap();
    assert_eq!(map(&r.shown).stages.len(), 5);

    // The as-is is as it was, with its own (empty) history; the to-be keeps its edit.
    let r = s.switch_version(1, &on_map).unwrap();
    assert_eq!((map(&r.shown).stages.len(), r.state.undo.clone()), (4, None));
    let r = s.switch_version(3, &on_map).unwrap();
    assert_eq!(map(&r.shown).stages.len(), 5);
    assert_eq!(r.state.undo.as_ref().map(|t| t.en.as_str()), Some("add a stage"));

    // Rename; a taken or empty name, deleting the current version, are refused with a reason.
    let r = s.rename_version(3, "案B 2027", &on_map).unwrap();
    assert_eq!(r.state.versions[2].name, "案B 2027");
    // A copy of the file holds every version, each with its history.
    let copy = f.path("copy.michi");
    s.save_copy(&copy, false).unwrap();
    let read = michi_app::read(&copy).unwrap();
    assert_eq!(read.versions.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["現状", "あるべき姿", "案B 2027"]);
    assert_eq!((read.version.name.as_str(), read.history_len), ("案B 2027", 1));
    let e = s.rename_version(3, "現状", &on_map).unwrap_err();
    assert_eq!((e.code, e.reason.as_deref()), (ErrorCode::Version, Some("nameTaken")));
    let e = s.delete_version(3, &on_map).unwrap_err();
    assert_eq!((e.code, e.reason.as_deref()), (ErrorCode::Version, Some("current")));
    let r = s.delete_version(1, &on_map).unwrap();
    assert_eq!(r.state.versions.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["あるべき姿", "案B 2027"]);
    assert_eq!(r.state.versions[1].forked_from, None, "the version it came from is gone");

    // A write-protected file shows its versions and refuses to switch.
    let path = s.path().unwrap().to_path_buf();
    drop(s);
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o444);
    std::fs::set_permissions(&path, perms).unwrap();
    let mut ro = Session::open(&path).unwrap();
    assert_eq!(ro.state().unwrap().versions.len(), 2);
    assert_eq!(ro.switch_version(2, &on_map).unwrap_err().code, ErrorCode::ReadOnly);
    let copy = f.path("copy-of-read-only.michi");
    ro.save_copy(&copy, false).unwrap();
    let mut editable = Session::open(&copy).unwrap();
    assert!(!editable.is_read_only(), "the copy can be edited");
    let state = editable.state().unwrap();
    assert_eq!(state.versions.iter().find(|v| v.id == state.version).unwrap().name, "案B 2027");
    assert!(editable.undo(&on_map).is_ok(), "and its history came along");
}

#[test]
fn the_to_be_is_compared_with_its_as_is_a_change_taken_back_and_the_gap_list_kept_and_exported() {
    use michi_core::diff::ChangeClass;
    use michi_core::element::{GapItem, GapStatus};
    let f = Fixture::new();
    let mut s = f.sample("gaps.michi");
    let (_, view) = journey_with_stages(&s, 4);
    let r = s.switch_version(2, &Show::home()).unwrap();
    assert_eq!(r.state.version, 2);
    // The sample's to-be brings in no error the as-is lacks.
    assert!(r.state.diagnosis.whole().unwrap().findings.iter().all(|f| f.rule != "to-be-adds-errors"));

    // The journey map compared with the as-is: the changes, and the as-is's map beside it.
    let compared = Show { compare: Some(1), ..Show::screen(Screen::JourneyMap { view: view.clone() }) };
    let shown = s.show(&compared).unwrap();
    let c = shown.compare.as_ref().expect("compared with the as-is");
    assert_eq!(c.version.name, "現状");
    let added: Vec<&str> =
        c.changes.iter().filter(|c| c.class == ChangeClass::Added).map(|c| c.label.as_str()).collect();
    assert!(added.iter().any(|l| l.starts_with("工場長に")), "{added:?}");
    // Each changed element comes with the diagrams showing it, to go there from the list.
    let added_action = c.changes.iter().find(|c| c.label.starts_with("工場長に")).unwrap().new.clone().unwrap();
    assert_eq!(c.views[&added_action], std::slice::from_ref(&view));
    let Some(ScreenData::JourneyMap { map: other }) = &c.other else { panic!("the as-is's map") };
    assert_eq!(other.stages.len(), 4);
    // Not asked for, not computed.
    assert!(s.show(&Show::screen(Screen::JourneyMap { view: view.clone() })).unwrap().compare.is_none());

    // Taking the added CS action back is one edit, undone in one step.
    let action = c.changes.iter().find(|c| c.label.starts_with("工場長に")).unwrap().clone();
    let r = s.take_back(1, &action, &compared).unwrap();
    assert_eq!(r.state.undo.as_ref().map(|t| t.en.as_str()), Some("take a change back"));
    let after = r.shown.compare.unwrap();
    assert!(after.changes.iter().all(|c| !c.label.starts_with("工場長に")), "{:?}", after.changes);
    let e = s.take_back(1, &action, &compared).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidRequest);
    let r = s.undo(&compared).unwrap();
    assert!(r.shown.compare.unwrap().changes.iter().any(|c| c.label.starts_with("工場長に")));

    // The gap list against the version it was made from, with the functions to own an item.
    let gaps = Show::screen(Screen::Gaps);
    let ScreenData::Gaps { base, list, functions, .. } = s.show(&gaps).unwrap().screen else { panic!("gaps") };
    assert_eq!(base.map(|b| b.name), Some("現状".to_string()));
    assert_eq!(list.rows.len(), 3);
    assert!(list.rows.iter().all(|r| r.item.is_none()));
    // Keeping the first with an owner (a function adopted first, itself a change of the to-be's
    // org: one more item) and a status; the diagnosis no longer reports it once owned.
    let r = s.edit(Edit::AcceptFunction { function: CsFunction::AccountManagement }, &gaps).unwrap();
    let ScreenData::Gaps { functions: now, list, .. } = r.shown.screen else { panic!() };
    assert_eq!(now.len(), functions.len() + 1);
    assert_eq!(list.rows.len(), 4);
    let owner = now.iter().find(|f| !functions.contains(f)).unwrap().id.clone();
    let row = &list.rows[0];
    assert!(row.title.en.starts_with("Added: 工場長に"), "{:?}", row.title);
    let data =
        GapItem { change: row.change.clone(), status: GapStatus::Planned, effort: Some(3), ..Default::default() };
    let concerns = row.concerns.iter().map(|c| c.id.clone()).collect();
    let r = s.edit(Edit::AddGapItem { data, concerns, owner: Some(owner.clone()) }, &gaps).unwrap();
    let ScreenData::Gaps { list: kept, .. } = &r.shown.screen else { panic!() };
    assert_eq!(kept.rows.len(), 4, "kept, not added again");
    // The kept item is not a change of the model drawn on the canvases.
    let on_map = s.show(&compared).unwrap().compare.unwrap();
    assert!(on_map.changes.iter().all(|c| c.element_kind != ElementKind::GapItem), "{:?}", on_map.changes);
    let first = &kept.rows[0];
    assert_eq!(
        (first.status, first.effort, first.owner.as_ref().map(|o| &o.id)),
        (GapStatus::Planned, Some(3), Some(&owner))
    );
    assert!(r.state.diagnosis.whole().unwrap().findings.iter().all(|f| f.rule != "gap-owned"));

    // Exported in each format, by extension.
    for ext in ["md", "html", "csv", "pdf", "json"] {
        let path = f.path(&format!("gaps.{ext}"));
        s.export_gaps(None, Language::En, &path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.len() > 200, "{ext}: {} bytes", bytes.len());
    }
    let md = std::fs::read_to_string(f.path("gaps.md")).unwrap();
    assert!(md.contains("| Planned |") && md.contains("| 3 |"), "{md}");
    assert!(std::fs::read(f.path("gaps.pdf")).unwrap().starts_with(b"%PDF"));

    // The as-is has no version it was made from: nothing to list until one is picked.
    s.switch_version(1, &gaps).unwrap();
    let ScreenData::Gaps { base, list, .. } = s.show(&gaps).unwrap().screen else { panic!() };
    assert!(base.is_none() && list.rows.is_empty());
    assert_eq!(s.export_gaps(None, Language::En, &f.path("none.md")).unwrap_err().code, ErrorCode::InvalidRequest);
}

#[test]
fn a_to_be_that_brings_in_an_error_is_told_so_against_its_as_is() {
    let f = Fixture::new();
    let mut s = f.sample("errors.michi");
    s.switch_version(2, &Show::home()).unwrap();
    // The to-be's health model gets a linear scale with equal ends: an error of the documentation
    // profile (`health-scoring`) the as-is does not have.
    let (_, model) = michi_core::health::read::model(s.workspace()).unwrap();
    let mut model = model.clone();
    model.links[0].indicators[0].scoring = michi_core::element::Scoring::Linear { from: 5.0, to: 5.0 };
    let r = s.edit(Edit::SetHealthModel { model }, &Show::home()).unwrap();
    let added: Vec<_> =
        r.state.diagnosis.whole().unwrap().findings.iter().filter(|f| f.rule == "to-be-adds-errors").collect();
    assert!(!added.is_empty(), "{:?}", r.state.diagnosis.whole().unwrap().findings);
    assert!(added.iter().all(|f| f.message.ja.starts_with("「現状」にないエラー")));
    // The as-is itself is compared with nothing.
    let r = s.switch_version(1, &Show::home()).unwrap();
    assert!(r.state.diagnosis.whole().unwrap().findings.iter().all(|f| f.rule != "to-be-adds-errors"));
}

#[test]
fn quotes_come_in_from_a_csv_as_one_step_with_their_conversations_and_tags() {
    let f = Fixture::new();
    let mut s = f.sample("quotes.michi");
    let csv = f.path("quotes.csv");
    std::fs::write(
        &csv,
        "日付,顧客,観点,引用,タグ\n2026/01/15,山田製作所,1,現場が忙しくて入力が後回しになる,定着/朝礼\n2026/01/15,山田製作所,5,ライン別のグラフが欲しい,要望\n2026/02/01,B社,4,朝礼で画面を見ている,定着/朝礼\n",
    )
    .unwrap();
    // The sample's own evidence, before.
    let counts = |ws: &michi_core::Workspace| {
        let count = |k: ElementKind| ws.elements_of_kind(k).count();
        (count(ElementKind::Conversation), count(ElementKind::Quote), count(ElementKind::Tag))
    };
    let before = counts(s.workspace());
    let heard = michi_core::derive::evidence::coverage(s.workspace()).accounts_heard;
    let r = s.import_quotes_csv(&csv, &Show::home()).unwrap();
    assert_eq!(r.state.undo.as_ref().map(|t| t.en.as_str()), Some("import quotes"));
    let ws = s.workspace();
    // Two conversations (山田製作所 on one day, B社), three quotes, tags 定着 › 朝礼 (要望, the
    // sample's own tag, is reused).
    assert_eq!(counts(ws), (before.0 + 2, before.1 + 3, before.2 + 2));
    let coverage = michi_core::derive::evidence::coverage(ws);
    assert_eq!(coverage.accounts_heard, heard + 2);

    // A bad row refuses the file, named by line and column; nothing changes.
    std::fs::write(&csv, "日付,顧客,観点,引用\n2026/01/15,A,9,x\n").unwrap();
    let e = s.import_quotes_csv(&csv, &Show::home()).unwrap_err();
    assert_eq!(e.problems.first().map(|p| (p.line, p.column.as_str())), Some((2, "観点")), "{e:?}");
    assert_eq!(counts(s.workspace()).1, before.1 + 3);
    // Undone in one step.
    s.undo(&Show::home()).unwrap();
    assert_eq!(counts(s.workspace()), before);
}

#[test]
fn conversations_come_in_from_markdown_and_from_a_refi_qda_project_as_one_step_each() {
    let f = Fixture::new();
    let mut s = f.sample("talks.michi");
    let talks = |s: &Session| s.workspace().elements_of_kind(ElementKind::Conversation).count();
    let before = talks(&s);
    let md = f.path("talks.md");
    std::fs::write(
        &md,
        "# 日本重機工業 2026-11-20\n- 顧客ID: C-1018\n- セグメント: 大手製造業\n- 参加者: 佐々木 剛（品質保証部長・決裁者）\n\n## 顧客の行動とつまずき\n> 他の工場は誰が見るのか決まっていない\n",
    )
    .unwrap();
    let r = s.import_conversations(&md, &Show::home()).unwrap();
    assert_eq!(r.state.undo.as_ref().map(|t| t.en.as_str()), Some("import conversations"));
    assert_eq!(talks(&s), before + 1);
    // The enterprise segment is heard now.
    let c = michi_core::derive::evidence::coverage(s.workspace());
    assert!(c.cells.iter().all(|cell| cell.conversations > 0), "{:?}", c.cells);

    // A segment the workspace lacks refuses the file by its line.
    std::fs::write(&md, "# A社\n- セグメント: 存在しない\n").unwrap();
    let e = s.import_conversations(&md, &Show::home()).unwrap_err();
    assert_eq!(e.problems.first().map(|p| p.line), Some(1), "{e:?}");

    // The evidence exported as a REFI-QDA project and imported back doubles every conversation.
    let qdpx = f.path("talks.qdpx");
    s.export_evidence(michi_app::Language::Ja, &qdpx).unwrap();
    let now = talks(&s);
    let r = s.import_conversations(&qdpx, &Show::home()).unwrap();
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(talks(&s), 2 * now);
    s.undo(&Show::home()).unwrap();
    assert_eq!(talks(&s), now);
}

#[test]
fn a_process_diagram_the_front_end_holds_is_sent_again_as_what_changed() {
    use michi_core::process::read::{apply_patch, process_diagram};
    let f = Fixture::new();
    let mut s = f.sample("p.michi");
    let view = michi_core::read::outline(s.workspace()).diagrams[0].view.clone();
    let on = |held| Show { held, ..Show::screen(Screen::ProcessDiagram { view: view.clone() }) };
    let ScreenData::ProcessDiagram { diagram: held, stamp } = s.show(&on(None)).unwrap().screen else {
        panic!("a diagram not held is sent whole")
    };
    let shape = held.shapes.iter().find(|x| x.element.data.kind() == ElementKind::Activity).unwrap();
    let (id, x, y) = (shape.element.id.clone(), shape.bounds.x + 10.0, shape.bounds.y);
    let moves = vec![michi_core::process::edit::ShapeMove { id: id.clone(), x, y }];
    let r = s.edit(Edit::MoveShapes { view: view.clone(), moves }, &on(Some(stamp))).unwrap();
    let ScreenData::ProcessPatch { patch, base, stamp: next } = r.shown.screen else {
        panic!("a held diagram is patched")
    };
    assert_eq!(base, stamp);
    assert_ne!(next, stamp);
    assert!(patch.shapes.iter().any(|x| x.element.id == id) && patch.shapes.len() < held.shapes.len());
    let now = apply_patch(&held, &patch);
    assert_eq!(now, process_diagram(s.workspace(), &view).unwrap());
    // A stamp that is no longer the last sent (an answer the front end did not take) gets the whole.
    assert!(matches!(s.show(&on(Some(stamp))).unwrap().screen, ScreenData::ProcessDiagram { .. }));
    // Nor does another session take this one's stamp for its own diagram.
    let ScreenData::ProcessDiagram { stamp: last, .. } = s.show(&on(None)).unwrap().screen else { panic!() };
    let other = f.sample("q.michi");
    assert!(matches!(other.show(&on(Some(last))).unwrap().screen, ScreenData::ProcessDiagram { .. }));
}

#[test]
fn a_diagnosis_the_front_end_holds_is_sent_again_as_what_changed() {
    use michi_app::DiagnosisSent;
    use michi_core::diagnose::patch::apply_patch;
    let f = Fixture::new();
    let mut s = f.sample("p.michi");
    let view = michi_core::read::outline(s.workspace()).diagrams[0].view.clone();
    let DiagnosisSent::Whole { diagnosis: held, stamp } = s.state().unwrap().diagnosis else {
        panic!("a state not asked with a held diagnosis sends it whole")
    };
    let on = |held_diagnosis| Show { held_diagnosis, ..Show::screen(Screen::ProcessDiagram { view: view.clone() }) };
    // A task on its own: a finding more (it is connected to nothing).
    let data = michi_core::element::ElementData::new_with_label(ElementKind::Activity, "孤立したタスク");
    let diagram = michi_core::process::read::process_diagram(s.workspace(), &view).unwrap();
    let lane = diagram.shapes.iter().find(|x| x.element.data.kind() == ElementKind::Lane).unwrap().bounds;
    let at = michi_core::view::Point { x: lane.x + lane.width - 80.0, y: lane.y + lane.height / 2.0 };
    let r = s.edit(Edit::AddNode { view: view.clone(), data, at }, &on(Some(stamp))).unwrap();
    let DiagnosisSent::Patch { patch, base, stamp: next } = r.state.diagnosis else {
        panic!("a held diagnosis is patched")
    };
    assert_eq!(base, stamp);
    assert!(!patch.added.is_empty() && patch.added.iter().all(|a| a.finding.elements.contains(&r.created[0])));
    assert!(patch.added.len() + patch.removed.len() < held.findings.len());
    let now = apply_patch(&held, &patch).unwrap();
    assert_eq!(Some(&now), s.state().unwrap().diagnosis.whole());
    // A stamp that is no longer the last sent gets the whole diagnosis.
    assert_ne!(next, stamp);
    let r = s.undo(&on(Some(stamp))).unwrap();
    assert_eq!(r.state.diagnosis.whole(), Some(&held));
}
