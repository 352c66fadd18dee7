//! `npm run bench` (or `cargo bench -p michi-store`): prints one `name: value` line per figure.
//!
//! - `open_10k_ms`: open a workspace of 10,000 elements for editing (checks, load, graph), median.
//! - `edit_commit_p50_ms` / `edit_commit_p99_ms`: one edit (a card's text) applied and committed
//!   with its history entry at that size.
//!
//! Peers, measured in the same run on the same file so that a noisy machine moves both:
//! - `sqlite_commit_p50_ms`: a bare one-row UPDATE + COMMIT with the same durability settings;
//!   `edit_vs_sqlite_commit_ratio` is what Michi adds on top of SQLite's own commit.
//! - `raw_read_10k_ms`: reading the same rows without building the model;
//!   `open_vs_raw_read_ratio` is what checking and building the graph cost on top.

use std::time::{Duration, Instant};

use michi_core::{Edit, ElementData, ElementKind};
use michi_store::Store;
use rusqlite::Connection;

// What the app and the CLI allocate with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TARGET_ELEMENTS: usize = 10_000;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let i = ((samples.len() - 1) as f64 * p).round() as usize;
    samples[i]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.michi");
    let ws = michi_core::testing::generated_workspace(TARGET_ELEMENTS);
    assert!(ws.element_count() >= TARGET_ELEMENTS);
    drop(Store::create(&path, &ws, false).unwrap());

    // open, and its peer: the same rows read raw
    let mut open = Vec::new();
    let mut raw = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        let store = Store::open(&path).unwrap();
        open.push(ms(t.elapsed()));
        assert_eq!(store.workspace().element_count(), ws.element_count());
        drop(store);

        let t = Instant::now();
        let conn = Connection::open(&path).unwrap();
        let mut n = 0usize;
        for sql in ["SELECT id, data FROM elements", "SELECT kind, from_id, to_id, rank FROM relations"] {
            let mut stmt = conn.prepare(sql).unwrap();
            let mut rows = stmt.query([]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                let text: String = row.get(1).unwrap();
                n += text.len();
            }
        }
        raw.push(ms(t.elapsed()));
        assert!(n > 0);
    }
    let open_p50 = percentile(&mut open, 0.5);
    let raw_p50 = percentile(&mut raw, 0.5);

    // One edit committed, and its peer (the same row updated in a bare SQLite transaction on a copy
    // of the file, synchronous=FULL), alternated edit by edit so both see the same machine.
    let peer_path = dir.path().join("peer.michi");
    std::fs::copy(&path, &peer_path).unwrap();
    let mut store = Store::open(&path).unwrap();
    let cards: Vec<_> = store
        .workspace()
        .elements_of_kind(ElementKind::CustomerAction)
        .map(|e| (e.id.clone(), e.data.clone()))
        .take(400)
        .collect();
    let mut conn = Connection::open(&peer_path).unwrap();
    conn.query_row("PRAGMA locking_mode = EXCLUSIVE", [], |_| Ok(())).unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    let (mut edit, mut sqlite) = (Vec::new(), Vec::new());
    for (i, (id, data)) in cards.iter().enumerate() {
        let ElementData::CustomerAction(mut card) = data.clone() else { unreachable!() };
        card.text = format!("編集 {i}: {}", card.text);
        let t = Instant::now();
        store.edit(Edit::Update { id: id.clone(), data: ElementData::CustomerAction(card) }).unwrap();
        edit.push(ms(t.elapsed()));

        let t = Instant::now();
        let tx = conn.transaction().unwrap();
        let changed = tx
            .execute(
                "UPDATE elements SET data = json_set(data, '$.text', ?1) WHERE id = ?2",
                rusqlite::params![format!("peer {i}"), id.as_str()],
            )
            .unwrap();
        tx.commit().unwrap();
        sqlite.push(ms(t.elapsed()));
        assert_eq!(changed, 1, "the peer updated no row");
    }
    drop(store);
    let edit_p50 = percentile(&mut edit, 0.5);
    let edit_p99 = percentile(&mut edit, 0.99);
    let sqlite_p50 = percentile(&mut sqlite, 0.5);

    println!("elements: {}", ws.element_count());
    println!("open_10k_ms: {open_p50:.1}");
    println!("edit_commit_p50_ms: {edit_p50:.2}");
    println!("edit_commit_p99_ms: {edit_p99:.2}");
    println!("raw_read_10k_ms: {raw_p50:.1}");
    println!("open_vs_raw_read_ratio: {:.2}", open_p50 / raw_p50);
    println!("sqlite_commit_p50_ms: {sqlite_p50:.2}");
    println!("edit_vs_sqlite_commit_ratio: {:.2}", edit_p50 / sqlite_p50);
}
