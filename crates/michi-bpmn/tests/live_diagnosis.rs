//! The diagnosis kept current edit by edit (`LiveDiagnosis`) equals the full diagnosis on real BPMN
//! models: every MIWG reference model and bpmnlint fixture imported, under both profiles, after each
//! of a run of random operations and edits (and on all the MIWG models in one workspace, where an
//! edit touches one process part among many).

use std::path::{Path, PathBuf};

use michi_bpmn::{Limits, import};
use michi_core::diagnose::live::LiveDiagnosis;
use michi_core::diagnose::{self, LintConfig, Profile};
use michi_core::element::{Element, ElementData};
use michi_core::id::ElementId;
use michi_core::testing::{Rng, diagnosis_difference, random_edit, random_op};
use michi_core::{IdGen, Op, Workspace, apply, perform};

fn files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/bpmn");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "bpmn") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Imports `path` into `ws`; false for a file Michi refuses (a malformed fixture).
fn add(ws: &mut Workspace, path: &Path, ids: &mut IdGen) -> bool {
    let bytes = std::fs::read(path).unwrap();
    match import(&bytes, ws, ids, &Limits::default()) {
        Ok(imported) => {
            apply(ws, imported.op).unwrap();
            true
        }
        Err(_) => false,
    }
}

fn with_profile(ws: &mut Workspace, profile: Profile) {
    let element = Element {
        id: ElementId::new("lint-settings").unwrap(),
        data: ElementData::LintSettings(LintConfig::of_profile(profile)),
    };
    apply(ws, Op::AddElement { element }).unwrap();
}

/// `steps` random operations and edits on `ws`, the live diagnosis compared with the full one after
/// each; returns how many changed the workspace.
fn compare(ws: &mut Workspace, rng: &mut Rng, ids: &mut IdGen, steps: usize, name: &str) -> usize {
    let mut live = LiveDiagnosis::new(ws);
    assert_eq!(live.diagnosis(), diagnose::diagnosis(ws), "{name}: at the start");
    let mut changed = 0;
    for i in 0..steps {
        let changes = if rng.chance(50) {
            let op = random_op(ws, rng, ids);
            apply(ws, op).ok().map(|a| a.changes)
        } else {
            let edit = random_edit(ws, rng);
            perform(ws, edit, ids).ok().map(|p| p.changes)
        };
        let Some(changes) = changes else { continue };
        changed += 1;
        live.update(ws, &changes);
        if let Some(difference) = diagnosis_difference(&live.diagnosis(), &diagnose::diagnosis(ws)) {
            panic!("{name}, step {i} ({changes:?}): {difference}");
        }
    }
    changed
}

#[test]
fn live_diagnosis_equals_the_full_one_on_every_reference_model() {
    let files = files();
    assert!(files.len() > 150, "the MIWG models and bpmnlint's fixtures: {} files", files.len());
    let mut rng = Rng::new(18);
    let mut imported = 0;
    for (n, path) in files.iter().enumerate() {
        let mut ids = IdGen::sequential();
        let mut ws = Workspace::new();
        if !add(&mut ws, path, &mut ids) {
            continue;
        }
        imported += 1;
        with_profile(&mut ws, if n % 2 == 0 { Profile::BpmnlintRecommended } else { Profile::Documentation });
        compare(&mut ws, &mut rng, &mut ids, 25, &path.display().to_string());
    }
    assert!(imported > 150, "{imported} files imported");
}

#[test]
fn live_diagnosis_equals_the_full_one_with_many_processes() {
    let miwg: Vec<PathBuf> = files().into_iter().filter(|p| p.to_string_lossy().contains("/miwg/")).collect();
    for (seed, profile) in [(1, Profile::BpmnlintRecommended), (2, Profile::Documentation), (3, Profile::Documentation)]
    {
        let mut rng = Rng::new(seed);
        let mut ids = IdGen::sequential();
        let mut ws = Workspace::new();
        for path in &miwg {
            assert!(add(&mut ws, path, &mut ids), "{}", path.display());
        }
        with_profile(&mut ws, profile);
        let changed = compare(&mut ws, &mut rng, &mut ids, 150, &format!("all MIWG models, seed {seed}"));
        assert!(changed > 50, "only {changed} steps changed the workspace");
    }
}
