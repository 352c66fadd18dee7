//! The `michi` binary, run as a script would run it.

use std::process::Command;

fn michi(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_michi")).args(args).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn new_sample_then_info() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.michi");
    let f = file.to_str().unwrap();
    let (code, out, _) = michi(&["new", f, "--sample"]);
    assert_eq!(code, 0);
    assert!(out.contains("created"));

    let (code, out, _) = michi(&["info", f]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("schema:     version {}\n", michi_store::CURRENT_VERSION)), "{out}");
    assert!(out.contains("  journey         2"), "{out}");
    assert!(out.contains("  stage           6"), "{out}");

    let (code, out, _) = michi(&["info", f, "--json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["elementsByKind"]["journey"], 2);
    assert_eq!(json["historySteps"], 0);
    assert_eq!(json["schemaVersion"], michi_store::CURRENT_VERSION);
    let total: u64 = json["elementsByKind"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(json["elements"].as_u64().unwrap(), total);
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.michi");
    let f = f.to_str().unwrap();
    assert_eq!(michi(&["new", f]).0, 0);
    let (code, _, err) = michi(&["new", f, "--sample"]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(michi(&["new", f, "--sample", "--force"]).0, 0);
}

#[test]
fn info_on_a_file_that_is_not_a_workspace_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("notes.txt");
    std::fs::write(&f, "hello").unwrap();
    let (code, _, err) = michi(&["info", f.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a Michi workspace"), "{err}");
}
