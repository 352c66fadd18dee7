//! `npm run bench` figures for diagnosis: `name: value` lines.
//!
//! - With `--round`: one round against bpmnlint. B.2.0 tiled ×10, ×50, ×100 (`scripts/tile_bpmn.py`,
//!   written by `scripts/bench.sh` to `target/bench/`): the file read, imported into a workspace and
//!   diagnosed with the `bpmnlint-recommended` profile, in-process, once to warm up and once
//!   measured: `lint_940_ms`, `lint_4700_ms`, `lint_9400_ms`. `scripts/bench.sh` alternates these
//!   rounds with bpmnlint's (`scripts/bench-bpmnlint.mjs --round`), the same number of each, and
//!   reports the medians.
//! - Without: the phases at each size and their growth (`read_x10_ms` … `diagnose_x100_ms`,
//!   `scaling_read`, `scaling_import`, `scaling_apply`, `scaling_diagnose`: ×100 over ×10);
//!   `diagnose_only_9400_ms`, the diagnosis alone of the ×100 model already in a workspace;
//!   `lint_edit_10k_ms`, one edit (an activity renamed) on a workspace of about 10,000 elements, then
//!   its diagnosis under the default profile kept current by `LiveDiagnosis`, as the app does after
//!   every edit, beside `lint_edit_full_10k_ms`, the same with the whole diagnosis run again
//!   (alternated edit by edit); medians.
//! - With `--rules` (a probe, not part of `npm run bench`): where the diagnosis's growth from ×10 to
//!   ×100 lies: the index's build and each rule of the profile, timed alone at both sizes (taking
//!   turns, medians of 15 runs), with their ratio, slowest first.

use std::path::{Path, PathBuf};
use std::time::Instant;

use michi_bpmn::{Limits, import};
use michi_core::diagnose::{self, LintConfig, Profile};
use michi_core::element::{ElementData, ElementKind};
use michi_core::{Edit, IdGen, Workspace, apply, perform};

// What the app and the CLI allocate with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn tiled(copies: u32) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../target/bench/B.2.0x{copies}.bpmn"));
    assert!(path.exists(), "{} is missing: scripts/bench.sh writes it", path.display());
    path
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn load(path: &Path) -> Workspace {
    let bytes = std::fs::read(path).unwrap();
    let mut ws = Workspace::new();
    let imported = import(&bytes, &ws, &mut IdGen::sequential(), &Limits::default()).unwrap();
    apply(&mut ws, imported.op).unwrap();
    ws
}

fn main() {
    let config = LintConfig::of_profile(Profile::BpmnlintRecommended);
    if std::env::args().any(|a| a == "--rules") {
        return rules(&config);
    }
    if std::env::args().any(|a| a == "--round") {
        for (copies, name) in [(10, "lint_940_ms"), (50, "lint_4700_ms"), (100, "lint_9400_ms")] {
            let path = tiled(copies);
            let mut found = 0;
            let mut ms = 0.0;
            // Once to warm up (the file in the page cache, the allocator's pools), once measured.
            for _ in 0..2 {
                let t = Instant::now();
                let ws = load(&path);
                found = diagnose::diagnose(&ws, &config).len();
                ms = t.elapsed().as_secs_f64() * 1000.0;
            }
            println!("{name}: {ms:.1}");
            println!("{}_findings: {found}", name.trim_end_matches("_ms"));
        }
        return;
    }

    // How each phase grows with the model: read, import (operations), apply, diagnose at ×10, ×50
    // and ×100; `scaling_<phase>` is the ×100 time over the ×10 time (linear: 10; goal ≤ 12). The
    // sizes take turns, run after run (a machine that slows down or speeds up during the bench
    // then weighs on every size alike), and each figure is the median of 15 runs after 3 to warm
    // up (the first runs of a size pay for the allocator's growth and are several times slower).
    {
        const SIZES: [u32; 3] = [10, 50, 100];
        let mut runs: [[Vec<f64>; 4]; 3] = Default::default();
        for run in 0..18 {
            for (at, copies) in SIZES.iter().enumerate() {
                let path = tiled(*copies);
                let mut times = [0.0; 4];
                let t = Instant::now();
                let bytes = std::fs::read(&path).unwrap();
                times[0] = t.elapsed().as_secs_f64() * 1000.0;
                let t = Instant::now();
                let mut ws = Workspace::new();
                let imported = import(&bytes, &ws, &mut IdGen::sequential(), &Limits::default()).unwrap();
                times[1] = t.elapsed().as_secs_f64() * 1000.0;
                let t = Instant::now();
                apply(&mut ws, imported.op).unwrap();
                times[2] = t.elapsed().as_secs_f64() * 1000.0;
                let t = Instant::now();
                assert!(!diagnose::diagnose(&ws, &config).is_empty());
                times[3] = t.elapsed().as_secs_f64() * 1000.0;
                if run >= 3 {
                    for (phase, ms) in times.into_iter().enumerate() {
                        runs[at][phase].push(ms);
                    }
                }
            }
        }
        let at = runs.map(|phases| phases.map(median));
        for (i, copies) in SIZES.iter().enumerate() {
            for (phase, ms) in ["read", "import", "apply", "diagnose"].iter().zip(at[i]) {
                println!("{phase}_x{copies}_ms: {ms:.1}");
            }
        }
        for (i, phase) in ["read", "import", "apply", "diagnose"].iter().enumerate() {
            println!("scaling_{phase}: {:.1}", at[2][i] / at[0][i]);
        }
    }

    // The diagnosis alone, of a workspace already open (what the app runs after an edit).
    {
        let ws = load(&tiled(100));
        let mut runs = Vec::new();
        for _ in 0..7 {
            let t = Instant::now();
            let n = diagnose::diagnose(&ws, &config).len();
            runs.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(n > 0);
        }
        println!("diagnose_only_9400_ms: {:.1}", median(runs));
    }

    // MICHI_BENCH_RULES=1: where the time goes, rule by rule, on the largest input.
    if std::env::var_os("MICHI_BENCH_RULES").is_some() {
        let bytes = std::fs::read(tiled(100)).unwrap();
        let t = Instant::now();
        let mut ws = Workspace::new();
        let imported = import(&bytes, &ws, &mut IdGen::sequential(), &Limits::default()).unwrap();
        eprintln!("import (operations): {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        apply(&mut ws, imported.op).unwrap();
        eprintln!("apply: {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let all = diagnose::diagnose(&ws, &config);
        eprintln!("diagnose (all rules, one index): {:.1} ms ({})", t.elapsed().as_secs_f64() * 1000.0, all.len());
        let t = Instant::now();
        drop(diagnose::Index::new(&ws));
        eprintln!("index: {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
        let ix = diagnose::Index::new(&ws);
        for rule in diagnose::rules() {
            let t = Instant::now();
            let mut report = diagnose::Report::new();
            (rule.check)(&ix, &mut report);
            eprintln!("{}: {:.2} ms ({})", rule.id, t.elapsed().as_secs_f64() * 1000.0, report.len());
        }
    }

    // One edit on the ~10,000-element workspace, then its diagnosis as the app shows it: kept
    // current by `LiveDiagnosis` (the parts the edit touched checked again), beside the full
    // diagnosis of the same workspace after the same edits, alternated edit by edit.
    let mut ws = load(&tiled(50));
    let mut ids = IdGen::sequential();
    let activity = ws.elements_of_kind(ElementKind::Activity).next().unwrap().id.clone();
    let mut live = diagnose::live::LiveDiagnosis::new(&ws);
    let (mut runs, mut full_runs) = (Vec::new(), Vec::new());
    for i in 0..42 {
        let data = ElementData::new_with_label(ElementKind::Activity, format!("Task {i}"));
        let edit = Edit::Update { id: activity.clone(), data };
        let t = Instant::now();
        if i % 2 == 0 {
            let done = perform(&mut ws, edit, &mut ids).unwrap();
            live.update(&ws, &done.changes);
            let d = live.diagnosis();
            runs.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(!d.findings.is_empty());
        } else {
            let done = perform(&mut ws, edit, &mut ids).unwrap();
            let d = diagnose::diagnosis(&ws);
            full_runs.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(!d.findings.is_empty());
            // Keep the live one current for the next round (not timed).
            live.update(&ws, &done.changes);
        }
    }
    println!("lint_edit_elements: {}", ws.element_count());
    println!("lint_edit_10k_ms: {:.2}", median(runs));
    println!("lint_edit_full_10k_ms: {:.2}", median(full_runs));
}

/// `--rules`: the index and each rule at ×10 and ×100 (see the module's comment).
fn rules(config: &LintConfig) {
    let sizes = [load(&tiled(10)), load(&tiled(100))];
    let on: Vec<_> = diagnose::rules().filter(|r| r.severity(config) != diagnose::Severity::Off).collect();
    // [size][0 = index, 1.. = rules]
    let mut runs: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); on.len() + 1]; 2];
    for run in 0..18 {
        for (at, ws) in sizes.iter().enumerate() {
            let t = Instant::now();
            let index = diagnose::Index::new(ws);
            let built = t.elapsed().as_secs_f64() * 1000.0;
            let mut times = vec![built];
            for rule in &on {
                let t = Instant::now();
                std::hint::black_box(diagnose::check_indexed(&index, rule, rule.severity(config)));
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            if run >= 3 {
                for (i, ms) in times.into_iter().enumerate() {
                    runs[at][i].push(ms);
                }
            }
        }
    }
    let small: Vec<f64> = runs[0].iter().cloned().map(median).collect();
    let big: Vec<f64> = runs[1].iter().cloned().map(median).collect();
    let names: Vec<&str> = std::iter::once("(index)").chain(on.iter().map(|r| r.id)).collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| big[b].partial_cmp(&big[a]).unwrap());
    println!("{:<36} {:>9} {:>9} {:>7}", "", "x10 ms", "x100 ms", "ratio");
    for i in order {
        println!("{:<36} {:>9.3} {:>9.3} {:>7.1}", names[i], small[i], big[i], big[i] / small[i].max(1e-9));
    }
    let (s, b) = (small.iter().sum::<f64>(), big.iter().sum::<f64>());
    println!("{:<36} {:>9.3} {:>9.3} {:>7.1}", "all", s, b, b / s);
}
