//! `npm run bench` figures for the big hostile inputs (`tests/support/big.rs`: BPMN, CSV, settings
//! and workspace files of up to 20 MB): how long `michi` (release build, limited to 1 GB of
//! address space as in `tests/hostile.rs`) takes to read or refuse each, against the same file read
//! by Python's standard parser for its format (ElementTree, csv, json, sqlite3), alternated run by
//! run with the one going first swapped each round, the same number of runs, medians.
//!
//! - `hostile_<input>_ms` and `hostile_<input>_peer_ms` for each input;
//! - `hostile_max_ms`: the slowest input's median (the bound: 1,000 ms).
//!
//! A peer that fails fails the bench, as does `michi` giving other than the outcome the test
//! expects (exit 2 and the error named for a refused input, 0 or 1 for one read).
//!
//! Run by `npm run bench` (`cargo bench -p michi-cli --bench hostile`).

#[path = "../tests/support/big.rs"]
mod big;

use std::process::{Command, Output};
use std::time::Instant;

const ROUNDS: usize = 5;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Milliseconds `cmd` takes, checking its output with `ok`.
fn timed(what: &str, mut cmd: Command, ok: impl Fn(&Output) -> bool) -> f64 {
    let t = Instant::now();
    let out = cmd.output().unwrap();
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    assert!(ok(&out), "{what}: exit {:?}: {}", out.status, String::from_utf8_lossy(&out.stderr));
    ms
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = big::write_all(dir.path());
    let mut slowest = 0f64;
    for input in &inputs {
        // What the test expects of `michi`; the peer must succeed.
        let expected = |out: &Output| input.wrong(out).is_none();
        let succeeded = |out: &Output| out.status.success();
        let peer = || {
            let mut c = Command::new(&input.peer[0]);
            c.args(&input.peer[1..]);
            c
        };
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for round in 0..ROUNDS {
            if round % 2 == 0 {
                ours.push(timed(input.name, big::michi_limited(&input.args), expected));
                theirs.push(timed(input.name, peer(), succeeded));
            } else {
                theirs.push(timed(input.name, peer(), succeeded));
                ours.push(timed(input.name, big::michi_limited(&input.args), expected));
            }
        }
        let key = input.name.replace(['.', '-'], "_");
        let (m, p) = (median(ours), median(theirs));
        println!("hostile_{key}_ms: {m:.1}");
        println!("hostile_{key}_peer_ms: {p:.1}");
        slowest = slowest.max(m);
    }
    println!("hostile_max_ms: {slowest:.1}");
}
