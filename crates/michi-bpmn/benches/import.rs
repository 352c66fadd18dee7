//! `npm run bench` figures for BPMN import: `name: value` lines.
//!
//! - `bpmn_import_9400_ms`: B.2.0 tiled a hundred times (9,400 flow nodes, `scripts/tile_bpmn.py`)
//!   decoded, parsed, mapped and applied to a workspace; median of runs.
//! - `xml_parse_9400_ms`: the same file parsed by the XML library alone (the peer, same run), and
//!   `bpmn_import_vs_parse_ratio`: what mapping to Michi's model costs on top.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use michi_bpmn::{Limits, import};
use michi_core::{ElementKind, IdGen, Workspace, apply};

// What the app and the CLI allocate with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn tiled() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = root.join("target/bench/B.2.0x100.bpmn");
    if !out.exists() {
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        let status = Command::new("python3")
            .arg(root.join("scripts/tile_bpmn.py"))
            .arg(root.join("tests/data/bpmn/miwg/B.2.0.bpmn"))
            .arg("100")
            .arg(&out)
            .status()
            .expect("python3 runs scripts/tile_bpmn.py");
        assert!(status.success());
    }
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let bytes = std::fs::read(tiled()).unwrap();
    let text = std::str::from_utf8(&bytes).unwrap();
    let (mut imports, mut parses) = (Vec::new(), Vec::new());
    let mut flow_nodes = 0;
    for _ in 0..7 {
        let t = Instant::now();
        let doc = roxmltree::Document::parse(text).unwrap();
        parses.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(doc.descendants().count() > 100_000);
        drop(doc);

        let t = Instant::now();
        let mut ws = Workspace::new();
        let imported = import(&bytes, &ws, &mut IdGen::sequential(), &Limits::default()).unwrap();
        apply(&mut ws, imported.op).unwrap();
        imports.push(t.elapsed().as_secs_f64() * 1000.0);
        let counts = ws.count_by_kind();
        flow_nodes = [ElementKind::Activity, ElementKind::Event, ElementKind::Gateway]
            .iter()
            .map(|k| counts.get(k).copied().unwrap_or(0))
            .sum();
    }
    let (import_ms, parse_ms) = (median(imports), median(parses));
    println!("bpmn_flow_nodes: {flow_nodes}");
    println!("bpmn_import_9400_ms: {import_ms:.1}");
    println!("xml_parse_9400_ms: {parse_ms:.1}");
    println!("bpmn_import_vs_parse_ratio: {:.2}", import_ms / parse_ms);
}
