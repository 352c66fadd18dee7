//! bpmnlint parity: for every rule Michi ports, bpmnlint's own fixtures (`tests/data/bpmn/bpmnlint`,
//! from bpmnlint v11.13.0) give no finding when valid and exactly the element ids bpmnlint reports
//! when invalid (`expected-manifest.json`). Rules not ported are listed, with the reason, in
//! `crates/michi-core/src/diagnose/bpmn.rs`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use michi_bpmn::{Limits, import};
use michi_core::diagnose::{self, Severity};
use michi_core::{IdGen, Workspace, apply};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/bpmn/bpmnlint")
}

fn workspace_of(file: &str) -> Result<Workspace, String> {
    let bytes = std::fs::read(data().join("test-rules").join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut ws = Workspace::new();
    let imported = import(&bytes, &ws, &mut IdGen::sequential(), &Limits::default()).map_err(|e| e.to_string())?;
    apply(&mut ws, imported.op).unwrap_or_else(|e| panic!("{file}: the import does not apply: {e}"));
    Ok(ws)
}

/// The ids a rule reports in a file (a finding's first element is the one reported).
fn reported(rule: &str, file: &str) -> Result<BTreeSet<String>, String> {
    let ws = workspace_of(file)?;
    let rule = diagnose::rule(rule).unwrap();
    Ok(diagnose::check(&ws, rule, Severity::Error).into_iter().map(|f| f.elements[0].as_str().to_string()).collect())
}

/// Fixtures that are not well-formed XML: bpmn-moddle reads past an undeclared prefix, Michi refuses
/// the file with the position (as it must, with any malformed XML).
const MALFORMED: &[(&str, &str)] = &[("no-bpmndi/valid-no-lanes.bpmn", "unknown namespace prefix 'bpmn' at 4:6")];

#[test]
fn every_ported_rule_agrees_with_bpmnlint_on_its_fixtures() {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data().join("expected-manifest.json")).unwrap()).unwrap();
    let mut mismatches = Vec::new();
    let mut checked = 0;
    let mut ported = Vec::new();
    for (rule, cases) in manifest.as_object().unwrap() {
        if diagnose::rule(rule).is_none() {
            continue;
        }
        ported.push(rule.as_str());
        for valid in cases["valid"].as_array().unwrap() {
            let file = valid.as_str().unwrap();
            checked += 1;
            if let Some((_, why)) = MALFORMED.iter().find(|(f, _)| *f == file) {
                match workspace_of(file) {
                    Err(e) if e.contains(why) => continue,
                    other => panic!("{file} should be refused as malformed ({why}), got {:?}", other.map(|_| ())),
                }
            }
            let got = reported(rule, file);
            if got != Ok(BTreeSet::new()) {
                mismatches.push(format!("{rule}: {file}: expected nothing, got {got:?}"));
            }
        }
        for invalid in cases["invalid"].as_array().unwrap() {
            let file = invalid["file"].as_str().unwrap();
            let want: BTreeSet<String> =
                invalid["ids"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
            let got = reported(rule, file);
            checked += 1;
            if got != Ok(want.clone()) {
                mismatches.push(format!("{rule}: {file}: expected {want:?}, got {got:?}"));
            }
        }
    }
    assert_eq!(ported.len(), 25, "ported: {ported:?} (all but `global` and `standard-size`)");
    assert!(mismatches.is_empty(), "{} of {checked} fixtures disagree:\n{}", mismatches.len(), mismatches.join("\n"));
}
