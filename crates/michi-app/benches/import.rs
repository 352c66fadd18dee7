//! `npm run bench` figure for BPMN import as the CLI and the app store it: `name: value` lines.
//!
//! - `bpmn_import_store_9400_ms`: B.2.0 tiled a hundred times (`target/bench/B.2.0x100.bpmn`,
//!   written by `scripts/bench.sh`) read, imported and committed to a new `.michi` file, which is
//!   then opened — `michi import`'s path (`michi_app::bpmn::import_into_new`); median of 7 after a
//!   run to warm up.
//! - `xml_parse_store_peer_9400_ms`: its peer, the same file parsed by the XML library alone,
//!   alternated with it run by run; `bpmn_import_store_vs_parse_ratio`.
//!
//! Run by `npm run bench` (`cargo bench -p michi-app --bench import`).

use std::path::Path;
use std::time::Instant;

// What the app and the CLI allocate with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench/B.2.0x100.bpmn");
    assert!(input.exists(), "{} is missing: scripts/bench.sh writes it", input.display());
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("imported.michi");
    let (mut stored, mut parsed) = (Vec::new(), Vec::new());
    // MICHI_BENCH_PHASES=1: the store's part apart (the model read from the file, then the new
    // file written and opened).
    if std::env::var_os("MICHI_BENCH_PHASES").is_some() {
        for _ in 0..3 {
            let t = Instant::now();
            let read = michi_app::bpmn::read_bpmn(&input, &mut michi_core::IdGen::random()).unwrap();
            let read_ms = t.elapsed().as_secs_f64() * 1000.0;
            let t = Instant::now();
            let store = michi_store::Store::create(&output, &read.workspace, true).unwrap();
            let create_ms = t.elapsed().as_secs_f64() * 1000.0;
            drop(store);
            let t = Instant::now();
            drop(michi_store::Store::open(&output).unwrap());
            eprintln!(
                "read {read_ms:.0} ms, create and open {create_ms:.0} ms, open again {:.0} ms",
                t.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
    for run in 0..8 {
        let t = Instant::now();
        let read = michi_app::bpmn::import_into_new(&input, &output, true).unwrap();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        assert!(read.elements > 10_000, "imported {} elements", read.elements);

        let t = Instant::now();
        let text = std::fs::read_to_string(&input).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let peer = t.elapsed().as_secs_f64() * 1000.0;
        assert!(doc.descendants().count() > 100_000);
        if run > 0 {
            stored.push(ms);
            parsed.push(peer);
        }
    }
    let (store_ms, parse_ms) = (median(stored), median(parsed));
    println!("bpmn_import_store_9400_ms: {store_ms:.1}");
    println!("xml_parse_store_peer_9400_ms: {parse_ms:.1}");
    println!("bpmn_import_store_vs_parse_ratio: {:.2}", store_ms / parse_ms);
}
