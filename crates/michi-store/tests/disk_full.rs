//! A full disk, for real: a child process opens a workspace file with the size its files may grow
//! to limited (RLIMIT_FSIZE, SIGXFSZ ignored, so a write past it fails with EFBIG as on a full
//! disk, possibly halfway through a commit), adds cards until an edit fails, printing `ack N` after
//! each acknowledged one, then the error, then tries again. The parent reopens the file without the
//! limit: it opens (SQLite's check passes), holds exactly the acknowledged cards, and takes edits
//! again. Repeated with the limit at several sizes, so that the failing write falls at different
//! points of a commit (the journal, the pages, the history row).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use michi_core::element::{ElementData, ElementKind};
use michi_core::{Edit, ElementId, Workspace};
use michi_store::{Store, StoreError, WriteCause};

const MARK: &str = "カード";

fn card(i: usize) -> ElementData {
    ElementData::new_with_label(ElementKind::CustomerAction, format!("{MARK} {i}: {}", "長い説明の行。".repeat(120)))
}

fn child(path: &Path, stage: ElementId, limit: u64) {
    // SAFETY: plain libc calls on this process before it opens the file.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &libc::rlimit { rlim_cur: limit, rlim_max: limit }), 0);
    }
    let mut store = Store::open(path).expect("the child opens the file");
    let mut out = std::io::stdout().lock();
    for i in 1..=5_000 {
        match store.edit(Edit::AddCard { stage: stage.clone(), index: None, data: card(i) }) {
            Ok(_) => writeln!(out, "ack {i}").unwrap(),
            Err(e) => {
                writeln!(out, "err {e}").unwrap();
                writeln!(out, "cause {:?}", matches!(e, StoreError::WriteFailed { cause: WriteCause::Disk, .. }))
                    .unwrap();
                // The store is still usable: the next edit is refused the same way, not a panic.
                let again = store.edit(Edit::AddCard { stage: stage.clone(), index: None, data: card(i) });
                writeln!(out, "again {}", again.is_err()).unwrap();
                return;
            }
        }
        out.flush().unwrap();
    }
    writeln!(out, "no failure").unwrap();
}

/// The cards this test added.
fn cards(ws: &Workspace) -> usize {
    ws.elements_of_kind(ElementKind::CustomerAction).filter(|e| e.data.label().starts_with(MARK)).count()
}

fn main() {
    if let (Ok(path), Ok(stage), Ok(limit)) =
        (std::env::var("MICHI_FULL_CHILD"), std::env::var("MICHI_FULL_STAGE"), std::env::var("MICHI_FULL_LIMIT"))
    {
        child(Path::new(&path), ElementId::parse(&stage).unwrap(), limit.parse().unwrap());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut runs = 0;
    for (run, extra_kb) in [40u64, 77, 123, 190, 257, 333].into_iter().enumerate() {
        let path = dir.path().join(format!("full-{run}.michi"));
        let mut store = Store::create(&path, &Workspace::new(), false).unwrap();
        let journey = store.edit(Edit::CreateJourney { name: "J".into() }).unwrap().created[0].clone();
        let stage = store.edit(Edit::AddStage { journey, index: None, name: "S".into() }).unwrap().created[0].clone();
        drop(store);
        let limit = std::fs::metadata(&path).unwrap().len() + extra_kb * 1024;
        let out = Command::new(&exe)
            .env("MICHI_FULL_CHILD", &path)
            .env("MICHI_FULL_STAGE", stage.as_str())
            .env("MICHI_FULL_LIMIT", limit.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "run {run}: the child ended with {:?}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let lines: Vec<String> = BufReader::new(&out.stdout[..]).lines().map_while(Result::ok).collect();
        let acked = lines.iter().filter_map(|l| l.strip_prefix("ack ")?.parse::<usize>().ok()).max().unwrap_or(0);
        let err = lines
            .iter()
            .find_map(|l| l.strip_prefix("err "))
            .unwrap_or_else(|| panic!("run {run}: no edit failed: {lines:?}"));
        assert!(err.contains("could not save to") && err.contains(&format!("full-{run}.michi")), "run {run}: {err}");
        assert!(
            err.contains("the disk refused the write") && err.contains("this edit was not saved"),
            "run {run}: {err}"
        );
        assert!(lines.iter().any(|l| l == "again true"), "run {run}: {lines:?}");
        // The app tells the person it was the disk (AppError's reason `diskRefused`).
        assert!(lines.iter().any(|l| l == "cause true"), "run {run}: {lines:?}");
        assert!(acked > 0, "run {run}: some cards fitted under the limit");
        // Without the limit: the file opens (its check passes), with every acknowledged card and
        // no other, and takes an edit again.
        let mut store = Store::open(&path).unwrap_or_else(|e| panic!("run {run}: reopening failed: {e}"));
        assert_eq!(cards(store.workspace()), acked, "run {run}: the acknowledged cards, no more, no fewer");
        store.edit(Edit::AddCard { stage: stage.clone(), index: None, data: card(0) }).unwrap();
        assert_eq!(cards(store.workspace()), acked + 1);
        println!("run {run}: limit +{extra_kb} KB, {acked} cards acknowledged, then: {err}");
        runs += 1;
    }
    println!("disk_full: {runs} runs, each refused cleanly and reopened with every acknowledged edit");
}
