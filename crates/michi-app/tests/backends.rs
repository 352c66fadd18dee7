//! The use cases on both stores: every test here runs once on a `.michi` file and once on a team
//! workspace in PostgreSQL (a cluster the test starts itself). What is above the store — edits,
//! undo, versions, shared account data, derivations and diagnosis — must not tell them apart.

use michi_app::{ErrorCode, Screen, Session, Show};
use michi_core::{Edit, ElementId, ElementKind, Workspace};
use michi_store_pg::testing::Cluster;

#[derive(Clone, Copy, Debug)]
enum Kind {
    File,
    Team,
}

/// The sample workspace (as-is and to-be) in a file, and for a team pushed into a database.
struct Fixture {
    dir: tempfile::TempDir,
    file: std::path::PathBuf,
    cluster: Option<(Cluster, String)>,
}

impl Fixture {
    fn new(kind: Kind) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sample.michi");
        drop(Session::create(&file, true, false).unwrap());
        let cluster = match kind {
            Kind::File => None,
            Kind::Team => {
                let cluster = Cluster::start();
                let url = cluster.database("team");
                michi_app::team::push(&file, &url, None).unwrap();
                Some((cluster, url))
            }
        };
        Fixture { dir, file, cluster }
    }

    /// Opens the workspace (again).
    fn open(&self) -> Session {
        match &self.cluster {
            None => Session::open(&self.file).unwrap(),
            Some((_, url)) => Session::open_team(url, "sample", "tester", &self.dir.path().join("queue")).unwrap(),
        }
    }
}

fn show() -> Show {
    Show::screen(Screen::Home)
}

fn journey(ws: &Workspace) -> ElementId {
    ws.elements_of_kind(ElementKind::Journey).next().unwrap().id.clone()
}

fn label(ws: &Workspace, id: &ElementId) -> Option<String> {
    ws.element(id).map(|e| e.data.label().to_string())
}

fn rename(ws: &Workspace, id: &ElementId, name: &str) -> Edit {
    let mut data = ws.element(id).unwrap().data.clone();
    if let michi_core::ElementData::Stage(s) = &mut data {
        s.name = name.to_string();
    }
    Edit::Update { id: id.clone(), data }
}

fn edits_undo_and_redo_survive_reopening(kind: Kind) {
    let f = Fixture::new(kind);
    let mut s = f.open();
    let j = journey(s.workspace());
    let r = s.edit(Edit::AddStage { journey: j, index: None, name: "更新".into() }, &show()).unwrap();
    let stage = r.created[0].clone();
    let renamed = rename(s.workspace(), &stage, "更新・拡大");
    s.edit(renamed, &show()).unwrap();
    let r = s.undo(&show()).unwrap();
    assert_eq!(label(s.workspace(), &stage).as_deref(), Some("更新"), "{kind:?}");
    assert_eq!(r.state.redo.as_ref().map(|t| t.en.as_str()), Some("edit"), "{kind:?}");
    s.redo(&show()).unwrap();
    let state = s.state().unwrap();
    assert_eq!(state.undo.as_ref().map(|t| t.en.as_str()), Some("edit"), "{kind:?}");
    assert_eq!(state.team.is_some(), matches!(kind, Kind::Team));
    let before = s.workspace().clone();
    drop(s);

    let mut s = f.open();
    assert_eq!(s.workspace(), &before, "{kind:?}: reopened as it was");
    // The undo history is kept: undo still takes the rename back, then the new stage.
    s.undo(&show()).unwrap();
    assert_eq!(label(s.workspace(), &stage).as_deref(), Some("更新"), "{kind:?}");
    s.undo(&show()).unwrap();
    assert!(s.workspace().element(&stage).is_none(), "{kind:?}");
}

fn a_refused_edit_changes_nothing(kind: Kind) {
    let f = Fixture::new(kind);
    let mut s = f.open();
    let before = s.workspace().clone();
    let revision = s.revision();
    let missing = ElementId::new("journey-missing").unwrap();
    let e = s.edit(Edit::AddStage { journey: missing, index: None, name: "x".into() }, &show()).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidEdit, "{kind:?}: {e:?}");
    assert_eq!(s.workspace(), &before);
    assert_eq!(s.revision(), revision);
    drop(s);
    assert_eq!(f.open().workspace(), &before, "{kind:?}: nothing was written");
}

fn versions_are_forked_edited_and_switched_on_their_own(kind: Kind) {
    let f = Fixture::new(kind);
    let mut s = f.open();
    let (versions, as_is) = s.versions().unwrap();
    assert_eq!(versions.len(), 2, "{kind:?}: the sample's as-is and to-be");
    let r = s.fork_version(as_is, "案B", &show()).unwrap();
    let fork = r.state.version;
    assert_ne!(fork, as_is);
    assert!(r.state.versions.iter().any(|v| v.name == "案B" && v.forked_from == Some(as_is)), "{kind:?}");
    let j = journey(s.workspace());
    let stage =
        s.edit(Edit::AddStage { journey: j, index: None, name: "案Bだけ".into() }, &show()).unwrap().created[0].clone();
    s.switch_version(as_is, &show()).unwrap();
    assert!(s.workspace().element(&stage).is_none(), "{kind:?}: the as-is stays as it was");
    // Comparing with the fork reads it.
    assert!(s.version_workspace(fork).unwrap().element(&stage).is_some(), "{kind:?}");
    let e = s.fork_version(as_is, "案B", &show()).unwrap_err();
    assert_eq!((e.code, e.reason.as_deref()), (ErrorCode::Version, Some("nameTaken")), "{kind:?}");
    s.rename_version(fork, "案C", &show()).unwrap();
    let e = s.delete_version(as_is, &show()).unwrap_err();
    assert_eq!((e.code, e.reason.as_deref()), (ErrorCode::Version, Some("current")), "{kind:?}");
    let r = s.delete_version(fork, &show()).unwrap();
    assert_eq!(r.state.versions.len(), 2, "{kind:?}");
    drop(s);
    let s = f.open();
    assert_eq!(s.versions().unwrap().0.len(), 2, "{kind:?}");
}

fn account_data_is_seen_from_every_version(kind: Kind) {
    let f = Fixture::new(kind);
    let mut s = f.open();
    let (versions, current) = s.versions().unwrap();
    let other = versions.iter().find(|v| v.id != current).unwrap().id;
    let count = |s: &Session| s.workspace().elements_of_kind(ElementKind::AccountSnapshot).count();
    let before = count(&s);
    s.import_sample_accounts(&show()).unwrap();
    assert!(count(&s) > before, "{kind:?}");
    let imported = count(&s);
    s.switch_version(other, &show()).unwrap();
    assert_eq!(count(&s), imported, "{kind:?}: the other version sees the same accounts");
}

fn an_edit_that_changes_nothing_is_not_recorded(kind: Kind) {
    let f = Fixture::new(kind);
    let mut s = f.open();
    let j = journey(s.workspace());
    s.edit(Edit::AddStage { journey: j.clone(), index: None, name: "最後".into() }, &show()).unwrap();
    let stage =
        s.workspace().elements_of_kind(ElementKind::Stage).find(|e| e.data.label() == "最後").unwrap().id.clone();
    let before = (s.revision(), s.state().unwrap().undo);
    // Moving a stage to where it is changes nothing: no step to undo, nothing written.
    let r = s.edit(Edit::MoveStage { stage, index: u32::MAX }, &show()).unwrap();
    assert_eq!((s.revision(), r.state.undo), before, "{kind:?}");
}

/// Random edits, then the workspace opened again: the same model, on both stores.
fn random_edits_read_back_the_same(kind: Kind) {
    let f = Fixture::new(kind);
    let mut s = f.open();
    let j = journey(s.workspace());
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for i in 0..40 {
        // The diagnosis the session keeps current edit by edit (undo and redo included) is the full one.
        assert_eq!(s.diagnosis(), michi_core::diagnose::diagnosis(s.workspace()), "{kind:?}, before step {i}");
        let stages: Vec<ElementId> = s.workspace().elements_of_kind(ElementKind::Stage).map(|e| e.id.clone()).collect();
        let pick = stages[next(stages.len())].clone();
        let edit = match next(5) {
            0 => Edit::AddStage { journey: j.clone(), index: Some(next(4) as u32), name: format!("段階{i}") },
            1 => rename(s.workspace(), &pick, &format!("名前{i}")),
            2 => Edit::AddCard {
                stage: pick,
                index: None,
                data: michi_core::ElementData::new_with_label(ElementKind::CsAction, format!("施策{i}")),
            },
            3 if stages.len() > 4 => Edit::Delete { ids: vec![pick] },
            4 => {
                let _ = s.undo(&show());
                if next(2) == 0 {
                    let _ = s.redo(&show());
                }
                continue;
            }
            _ => {
                let _ = s.undo(&show());
                continue;
            }
        };
        let _ = s.edit(edit, &show());
    }
    assert_eq!(s.diagnosis(), michi_core::diagnose::diagnosis(s.workspace()), "{kind:?}");
    let before = s.workspace().clone();
    drop(s);
    assert_eq!(f.open().workspace(), &before, "{kind:?}");
}

macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {
        mod file {
            $( #[test] fn $name() { super::$name(super::Kind::File) } )*
        }
        mod team {
            $( #[test] fn $name() { super::$name(super::Kind::Team) } )*
        }
    };
}

on_both_stores!(
    edits_undo_and_redo_survive_reopening,
    a_refused_edit_changes_nothing,
    versions_are_forked_edited_and_switched_on_their_own,
    account_data_is_seen_from_every_version,
    an_edit_that_changes_nothing_is_not_recorded,
    random_edits_read_back_the_same,
);

/// The same edits on a file and on a team workspace give the same model, diagnosis and outputs.
#[test]
fn the_same_edits_derive_the_same_diagnosis_and_outputs_on_both() {
    let file = Fixture::new(Kind::File);
    let team = Fixture::new(Kind::Team);
    let mut a = file.open();
    let mut b = team.open();
    assert_eq!(a.workspace(), b.workspace());
    let j = journey(a.workspace());
    let edit = Edit::AddStage { journey: j, index: Some(1), name: "検討".into() };
    let made_a = a.edit(edit.clone(), &show()).unwrap().created[0].clone();
    let made_b = b.edit(edit, &show()).unwrap().created[0].clone();
    // New ids are random in each store; what they name agrees.
    assert_eq!(label(a.workspace(), &made_a), label(b.workspace(), &made_b));
    let rules = |s: &Session| {
        let mut r: Vec<(String, usize)> = Vec::new();
        for f in s.state().unwrap().diagnosis.whole().unwrap().findings.clone() {
            match r.iter_mut().find(|(rule, _)| *rule == f.rule) {
                Some((_, n)) => *n += 1,
                None => r.push((f.rule, 1)),
            }
        }
        r.sort();
        r
    };
    assert_eq!(rules(&a), rules(&b));
    let dir = tempfile::tempdir().unwrap();
    let (pa, pb) = (dir.path().join("a.md"), dir.path().join("b.md"));
    for (s, path) in [(&a, &pa), (&b, &pb)] {
        let output = michi_app::outputs::Output::Playbook { journey: journey(a.workspace()), segment: None };
        s.export_output(&output, michi_app::Language::Ja, path).unwrap();
    }
    let b_as_a = std::fs::read_to_string(pb).unwrap().replace(made_b.as_str(), made_a.as_str());
    assert_eq!(std::fs::read_to_string(pa).unwrap(), b_as_a);
}
