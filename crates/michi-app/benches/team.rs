//! A team workspace on loopback: 20 clients on one PostgreSQL workspace (the sample), each hearing
//! the others through its watcher. `team_edit_p95_ms` is the 95th percentile, over every edit and
//! every other client, of the time from one client starting an edit (compiled and committed in the
//! database) to another client holding it in its model (notified, read, applied).
//! `team_edit_commit_p50_ms` is the editing client's own wait. The peer, `edit_commit_p50_ms`, is
//! the same edit committed to a local `.michi` file. Rounds of the two alternate; each figure is the
//! median of its rounds. A client that misses an edit fails the bench.
//!
//! Run by `npm run bench` (`cargo bench -p michi-app --bench team`).

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use michi_core::{Edit, ElementData, ElementId, ElementKind};
use michi_store_pg::testing::{Cluster, push_workspace};
use michi_store_pg::{Signal, TeamStore, watch};

// What the app and the CLI allocate with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CLIENTS: usize = 20;
const EDITS: usize = 100;
const ROUNDS: usize = 3;

fn percentile(values: &mut [f64], p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    values[((values.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    percentile(&mut v, 0.5)
}

/// The sample's customer actions, to rename one per edit.
fn cards(ws: &michi_core::Workspace) -> Vec<(ElementId, ElementData)> {
    ws.elements_of_kind(ElementKind::CustomerAction).map(|e| (e.id.clone(), e.data.clone())).collect()
}

fn renamed(data: &ElementData, text: String) -> ElementData {
    let ElementData::CustomerAction(mut card) = data.clone() else { unreachable!() };
    card.text = text;
    ElementData::CustomerAction(card)
}

/// One round with 20 clients: (every latency seen by another client, every commit wait).
fn team_round(url: &str, round: usize, dir: &std::path::Path) -> (Vec<f64>, Vec<f64>) {
    let name = format!("bench-{round}");
    push_workspace(url, &name, &michi_core::sample::sample());
    let stores: Vec<Arc<Mutex<TeamStore>>> = (0..CLIENTS)
        .map(|c| {
            Arc::new(Mutex::new(
                TeamStore::open(url, &name, &format!("c{c}"), &dir.join(format!("q{round}-{c}"))).unwrap(),
            ))
        })
        .collect();
    // What each client received, when.
    let received: Vec<Arc<Mutex<Vec<Instant>>>> = (0..CLIENTS).map(|_| Arc::new(Mutex::new(Vec::new()))).collect();
    let mut watchers = Vec::new();
    let mut threads = Vec::new();
    for c in 0..CLIENTS {
        let (tx, rx) = mpsc::channel();
        watchers.push(watch(&stores[c].lock().unwrap(), move |s| {
            let _ = tx.send(s);
        }));
        let store = stores[c].clone();
        let got = received[c].clone();
        threads.push(std::thread::spawn(move || {
            while let Ok(signal) = rx.recv() {
                if signal == Signal::Changed {
                    let mut s = store.lock().unwrap();
                    s.sync().unwrap();
                    let now = Instant::now();
                    let n = s.take_remote().len();
                    got.lock().unwrap().extend(std::iter::repeat_n(now, n));
                }
            }
        }));
    }
    // Every watcher is listening before the first edit.
    std::thread::sleep(Duration::from_millis(500));
    let targets = cards(stores[0].lock().unwrap().workspace());
    let (mut seen, mut commits) = (Vec::new(), Vec::new());
    let mut expected = [0usize; CLIENTS];
    for k in 0..EDITS {
        let c = k % CLIENTS;
        let (id, data) = &targets[k % targets.len()];
        let edit = Edit::Update { id: id.clone(), data: renamed(data, format!("r{round} e{k}")) };
        let t0 = Instant::now();
        stores[c].lock().unwrap().edit(edit).unwrap();
        commits.push(ms(t0.elapsed()));
        for (j, n) in expected.iter_mut().enumerate() {
            if j != c {
                *n += 1;
            }
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        for j in (0..CLIENTS).filter(|j| *j != c) {
            loop {
                if let Some(at) = received[j].lock().unwrap().get(expected[j] - 1) {
                    seen.push(ms(at.duration_since(t0)));
                    break;
                }
                assert!(Instant::now() < deadline, "client {j} did not receive edit {k}");
                std::thread::sleep(Duration::from_micros(200));
            }
        }
    }
    drop(watchers);
    for t in threads {
        t.join().unwrap();
    }
    (seen, commits)
}

/// The same edits on a local file.
fn local_round(dir: &std::path::Path, round: usize) -> Vec<f64> {
    let path = dir.join(format!("local-{round}.michi"));
    let mut store = michi_store::Store::create(&path, &michi_core::sample::sample(), true).unwrap();
    let targets = cards(store.workspace());
    (0..EDITS)
        .map(|k| {
            let (id, data) = &targets[k % targets.len()];
            let t0 = Instant::now();
            store.edit(Edit::Update { id: id.clone(), data: renamed(data, format!("r{round} e{k}")) }).unwrap();
            ms(t0.elapsed())
        })
        .collect()
}

fn main() {
    let cluster = Cluster::start();
    let url = cluster.database("bench");
    let dir = tempfile::tempdir().unwrap();
    let (mut p95, mut commit, mut local) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (mut seen, mut commits) = team_round(&url, round, dir.path());
        p95.push(percentile(&mut seen, 0.95));
        commit.push(percentile(&mut commits, 0.5));
        local.push(median(local_round(dir.path(), round)));
    }
    println!("team_clients: {CLIENTS}");
    println!("team_edit_p95_ms: {:.1}", median(p95));
    println!("team_edit_commit_p50_ms: {:.2}", median(commit));
    println!("edit_commit_p50_ms: {:.2}", median(local));
}
