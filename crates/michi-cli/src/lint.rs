//! `michi lint`: the diagnosis of `.michi` workspaces and `.bpmn` files, as text or JSON.

use std::path::Path;
use std::process::ExitCode;

use michi_core::diagnose::{self, Finding, LintConfig, Profile, Severity};
use michi_core::{IdGen, Workspace};
use michi_store::Store;

/// A file's workspace: a `.michi` file as stored, a BPMN file imported into an empty workspace.
pub fn load(file: &Path) -> Result<Workspace, String> {
    let is_bpmn = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("bpmn") || e.eq_ignore_ascii_case("xml"));
    if !is_bpmn {
        return Store::read(file).map(|s| s.workspace).map_err(|e| e.to_string());
    }
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let mut ws = Workspace::new();
    let imported = michi_bpmn::import(&bytes, &ws, &mut IdGen::sequential(), &michi_bpmn::Limits::default())
        .map_err(|e| format!("{}: {e}", file.display()))?;
    michi_core::apply(&mut ws, imported.op).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(ws)
}

pub fn run(
    files: &[std::path::PathBuf],
    format: &str,
    config: Option<&Path>,
    profile: Option<&str>,
    lang: Option<&str>,
) -> ExitCode {
    let fail = |message: String| {
        eprintln!("michi: {message}");
        ExitCode::from(2)
    };
    let chosen: Option<LintConfig> = match (config, profile) {
        (Some(path), _) => match std::fs::read_to_string(path) {
            Ok(text) => match diagnose::read_config(&text) {
                Ok(c) => Some(c),
                Err(e) => return fail(format!("{}: {e}", path.display())),
            },
            Err(e) => return fail(format!("cannot read {}: {e}", path.display())),
        },
        (None, Some(name)) => match Profile::parse(name) {
            Some(p) => Some(LintConfig::of_profile(p)),
            None => return fail(format!("unknown profile {name} (documentation, bpmnlint-recommended)")),
        },
        (None, None) => None,
    };
    let japanese = match lang {
        Some(l) => l.starts_with("ja"),
        None => std::env::var("LANG").is_ok_and(|l| l.starts_with("ja")),
    };
    let mut results: Vec<(String, Vec<Finding>)> = Vec::new();
    for file in files {
        let ws = match load(file) {
            Ok(ws) => ws,
            Err(e) => return fail(e),
        };
        let config = chosen.clone().unwrap_or_else(|| ws.lint_config());
        results.push((file.display().to_string(), diagnose::diagnose(&ws, &config)));
    }
    let message = |f: &Finding| if japanese { f.message.ja.clone() } else { f.message.en.clone() };
    if format == "json" {
        let out: Vec<serde_json::Value> = results
            .iter()
            .flat_map(|(file, findings)| {
                findings.iter().map(move |f| {
                    serde_json::json!({
                        "file": file,
                        "rule": f.rule,
                        "severity": f.severity.as_str(),
                        "elements": f.elements,
                        "message": message(f),
                    })
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&out).expect("JSON values serialise"));
    } else {
        for (file, findings) in &results {
            if findings.is_empty() {
                continue;
            }
            println!("\n{file}");
            let width = findings.iter().map(|f| f.elements[0].as_str().len()).max().unwrap_or(0);
            for f in findings {
                println!(
                    "  {:<width$}  {:<7}  {}  {}",
                    f.elements[0].as_str(),
                    f.severity.as_str(),
                    message(f),
                    f.rule
                );
            }
        }
        let all: Vec<&Finding> = results.iter().flat_map(|(_, f)| f).collect();
        let counts = diagnose::counts(all.iter().copied());
        if all.is_empty() {
            println!("no problems");
        } else {
            println!(
                "\n✖ {} problems ({} errors, {} warnings, {} infos)",
                all.len(),
                counts.error,
                counts.warning,
                counts.info
            );
        }
    }
    let errors = results.iter().flat_map(|(_, f)| f).any(|f| f.severity == Severity::Error);
    if errors { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
