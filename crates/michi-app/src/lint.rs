//! The diagnosis of files (`michi lint`): `.michi` workspaces as stored, `.bpmn` files imported into
//! an empty workspace, each under the settings given (a shared settings file, a profile, or the
//! workspace's own); and the settings file a team shares, to and from a workspace.

use std::path::{Path, PathBuf};

use michi_core::diagnose::{self, Finding, LintConfig, Profile, Severity};
use michi_core::{Edit, IdGen, Workspace};

use crate::dto::EditResult;
use crate::error::{AppError, ErrorCode};
use crate::files;
use crate::screen::Show;
use crate::session::Session;

/// Reads a shared diagnosis settings file; unknown rules and bad JSON are `badConfig`.
pub fn read_config(path: &Path) -> Result<LintConfig, AppError> {
    let bytes = files::read_within(path, diagnose::MAX_CONFIG_BYTES, ErrorCode::BadConfig, "diagnosis settings")?;
    let text = String::from_utf8_lossy(&bytes);
    diagnose::read_config(&text)
        .map_err(|e| AppError::new(ErrorCode::BadConfig, format!("{}: {e}", path.display())).with_path(path))
}

/// The settings to diagnose with: a file's, a built-in profile's, or (`None`) each workspace's own.
pub fn choose_config(config: Option<&Path>, profile: Option<&str>) -> Result<Option<LintConfig>, AppError> {
    match (config, profile) {
        (Some(path), _) => read_config(path).map(Some),
        (None, Some(name)) => match Profile::parse(name) {
            Some(p) => Ok(Some(LintConfig::of_profile(p))),
            None => Err(AppError::invalid(format!("unknown profile {name} (documentation, bpmnlint-recommended)"))),
        },
        (None, None) => Ok(None),
    }
}

/// A file's workspace: a `.michi` file as stored, a BPMN file imported into an empty workspace.
pub fn load(file: &Path) -> Result<Workspace, AppError> {
    let is_bpmn = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("bpmn") || e.eq_ignore_ascii_case("xml"));
    if is_bpmn {
        Ok(crate::bpmn::read_bpmn(file, &mut IdGen::sequential())?.workspace)
    } else {
        Ok(crate::read(file)?.workspace)
    }
}

/// One file's findings, or why it could not be read.
pub struct FileFindings {
    pub file: PathBuf,
    pub outcome: Result<Vec<Finding>, AppError>,
}

impl FileFindings {
    fn findings(&self) -> &[Finding] {
        self.outcome.as_deref().unwrap_or(&[])
    }
}

/// Every finding of every readable file, under `config` or each workspace's own settings; a file
/// that cannot be read has its error instead, and the others are still diagnosed.
pub fn lint(files: &[PathBuf], config: Option<&LintConfig>) -> Vec<FileFindings> {
    files
        .iter()
        .map(|file| {
            let outcome = load(file).map(|ws| {
                let config = config.cloned().unwrap_or_else(|| ws.lint_config());
                diagnose::diagnose(&ws, &config)
            });
            FileFindings { file: file.clone(), outcome }
        })
        .collect()
}

/// Whether an error-level finding exists (bpmnlint's exit status 1).
pub fn has_errors(results: &[FileFindings]) -> bool {
    results.iter().flat_map(|r| r.findings()).any(|f| f.severity == Severity::Error)
}

/// Whether a file could not be read (exit status 2).
pub fn has_unreadable(results: &[FileFindings]) -> bool {
    results.iter().any(|r| r.outcome.is_err())
}

/// The findings as an array of `{file, rule, severity, elements, message}`; a file that could not
/// be read as `{file, error}`.
pub fn json(results: &[FileFindings], japanese: bool) -> String {
    let out: Vec<serde_json::Value> = results
        .iter()
        .flat_map(|r| match &r.outcome {
            Err(e) => vec![serde_json::json!({ "file": r.file.display().to_string(), "error": e.message })],
            Ok(findings) => findings
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "file": r.file.display().to_string(),
                        "rule": f.rule,
                        "severity": f.severity.as_str(),
                        "elements": f.elements,
                        "message": f.message.pick(japanese),
                    })
                })
                .collect(),
        })
        .collect();
    format!("{}\n", serde_json::to_string_pretty(&out).expect("JSON values serialise"))
}

/// The findings as text, one line per finding under each file (or the file's error), and a count
/// at the end.
pub fn text(results: &[FileFindings], japanese: bool) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for r in results {
        match &r.outcome {
            Err(e) => {
                let _ = writeln!(out, "\n{}\n  cannot be read: {}", r.file.display(), e.message);
            }
            Ok(findings) if findings.is_empty() => {}
            Ok(findings) => {
                let _ = writeln!(out, "\n{}", r.file.display());
                let width = findings.iter().map(|f| f.elements[0].as_str().len()).max().unwrap_or(0);
                for f in findings {
                    let _ = writeln!(
                        out,
                        "  {:<width$}  {:<7}  {}  {}",
                        f.elements[0].as_str(),
                        f.severity.as_str(),
                        f.message.pick(japanese),
                        f.rule
                    );
                }
            }
        }
    }
    let all: Vec<&Finding> = results.iter().flat_map(|r| r.findings()).collect();
    let unreadable = results.iter().filter(|r| r.outcome.is_err()).count();
    let counts = diagnose::counts(all.iter().copied());
    if all.is_empty() && unreadable == 0 {
        out.push_str("no problems\n");
    } else if !all.is_empty() {
        let _ = writeln!(
            out,
            "\n✖ {} problems ({} errors, {} warnings, {} infos)",
            all.len(),
            counts.error,
            counts.warning,
            counts.info
        );
    }
    if unreadable > 0 {
        let _ = writeln!(out, "{}✖ {unreadable} file(s) could not be read", if all.is_empty() { "\n" } else { "" });
    }
    out
}

impl Session {
    /// Writes the workspace's diagnosis settings as a JSON file a team can share.
    pub fn export_lint_config(&self, path: &Path) -> Result<(), AppError> {
        files::write_whole(path, self.workspace().lint_config().to_json() + "\n")
    }

    /// Reads a shared diagnosis settings file into the workspace (one undoable edit).
    pub fn import_lint_config(&mut self, path: &Path, show: &Show) -> Result<EditResult, AppError> {
        let config = read_config(path)?;
        self.edit(Edit::SetLintConfig { config }, show)
    }
}
