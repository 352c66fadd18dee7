//! `npm run bench` figures for the semantic diff, one round (`--round`; `scripts/bench.sh`
//! alternates rounds with bpmn-js-differ's, `scripts/bench-differ.mjs`, the same number of each,
//! and reports the medians): B.2.0 tiled ×50 (about 10,000 elements) against the same file with
//! about 5% of its elements changed (`scripts/vary_bpmn.py`: names and shapes), both imported
//! first; `diff_10k_ms` is [`michi_core::diff::diff`] alone, once to warm up and once measured.

use std::path::{Path, PathBuf};
use std::time::Instant;

use michi_bpmn::{Limits, import};
use michi_core::{IdGen, Workspace, apply};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn file(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench").join(name);
    assert!(path.exists(), "{} is missing: scripts/bench.sh writes it", path.display());
    path
}

fn load(path: &Path) -> Workspace {
    let bytes = std::fs::read(path).unwrap();
    let mut ws = Workspace::new();
    let imported = import(&bytes, &ws, &mut IdGen::sequential(), &Limits::default()).unwrap();
    apply(&mut ws, imported.op).unwrap();
    ws
}

fn main() {
    if !std::env::args().any(|a| a == "--round") {
        return;
    }
    let (old, new) = (load(&file("B.2.0x50.bpmn")), load(&file("B.2.0x50-5pct.bpmn")));
    let mut ms = 0.0;
    let mut changes = 0;
    for _ in 0..2 {
        let t = Instant::now();
        let d = michi_core::diff::diff(&old, &new);
        ms = t.elapsed().as_secs_f64() * 1000.0;
        changes = d.changes.len();
    }
    assert!(changes > 0, "the variant differs from the base");
    if std::env::var_os("MICHI_BENCH_PARTS").is_some() {
        let t = Instant::now();
        let m = michi_core::diff::Matching::new(&old, &new);
        eprintln!("matching: {:.1} ms ({} pairs)", t.elapsed().as_secs_f64() * 1000.0, m.pairs().len());
    }
    println!("diff_10k_ms: {ms:.1}");
    println!("diff_elements: {}", old.element_count());
    println!("diff_changes: {changes}");
}
