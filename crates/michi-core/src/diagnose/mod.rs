//! Model diagnosis: rules over the workspace graph, each with a stable id, a category, a severity per
//! profile and a description in Japanese and English. A rule reads the graph through one shared
//! [`Index`] and reports findings (the elements concerned, a message, where useful a fix). An invalid
//! model is data: diagnosing never fails.
//!
//! Two profiles ship: `documentation` (the default: Michi's CS rules, and of the BPMN rules only what
//! matters for a model people read) and `bpmnlint-recommended` (the rules ported from bpmnlint, under
//! bpmnlint's names and with the severities of its recommended configuration, and nothing else), so
//! findings can be compared one to one with bpmnlint's. A workspace keeps its profile and per-rule
//! overrides in its [`LintConfig`].

mod bpmn;
pub mod catalog;
mod cs;
mod evidence;
mod health;
mod index;
pub mod live;
mod org;
pub mod patch;
mod rule;
mod skills;
mod versions;

use serde::Serialize;

pub use index::Index;
pub use rule::{Category, PART_RELATIONS, Reach, Report, Rule};

pub use crate::element::{LintConfig, Profile, Severity};

use crate::id::{ElementId, ViewId};
use crate::text::Text;
use crate::workspace::Workspace;

/// One thing a rule found.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub category: Category,
    /// The elements concerned, the first one being the one to show.
    pub elements: Vec<ElementId>,
    pub message: Text,
    pub fix: Option<Text>,
    /// The views showing the first element (filled by [`diagnosis`], for the UI to go there).
    pub views: Vec<ViewId>,
}

impl Finding {
    /// What identifies a finding across two versions or two runs: its rule and its elements.
    pub fn key(&self) -> String {
        format!("{} {:?}", self.rule, self.elements)
    }
}

/// Every rule, in catalog order: Michi's CS rules, the org-design rules, then the ported BPMN rules.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    cs::RULES
        .iter()
        .chain(evidence::RULES.iter())
        .chain(org::RULES.iter())
        .chain(skills::RULES.iter())
        .chain(health::RULES.iter())
        .chain(versions::RULES.iter())
        .chain(bpmn::RULES.iter())
}

pub fn rule(id: &str) -> Option<&'static Rule> {
    rules().find(|r| r.id == id)
}

/// The largest diagnosis settings file read: every rule with options fits in a few kilobytes.
/// (Nesting is bounded by serde_json's own limit of 128 levels.)
pub const MAX_CONFIG_BYTES: usize = 1 << 20;

/// Reads a shared settings file. Unknown rule ids are refused with their names, so that a typo does
/// not silently leave a rule on.
pub fn read_config(text: &str) -> Result<LintConfig, String> {
    if text.len() > MAX_CONFIG_BYTES {
        return Err(format!("more than {MAX_CONFIG_BYTES} bytes, the most Michi reads as diagnosis settings"));
    }
    let config: LintConfig = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let unknown: Vec<&str> = config.rules.keys().filter(|id| rule(id).is_none()).map(String::as_str).collect();
    if !unknown.is_empty() {
        return Err(format!("unknown rule: {}", unknown.join(", ")));
    }
    Ok(config)
}

/// All findings of the rules `config` turns on, most severe first, then by rule and element.
pub fn diagnose(ws: &Workspace, config: &LintConfig) -> Vec<Finding> {
    let index = Index::new(ws);
    let mut findings = Vec::new();
    for rule in rules() {
        let severity = rule.severity(config);
        if severity == Severity::Off {
            continue;
        }
        findings.extend(run(&index, rule, severity));
    }
    findings.sort_by(|a, b| {
        b.severity.cmp(&a.severity).then_with(|| a.rule.cmp(&b.rule)).then_with(|| a.elements.cmp(&b.elements))
    });
    findings
}

/// The findings of one rule, at the severity given, whatever a configuration says.
pub fn check(ws: &Workspace, rule: &'static Rule, severity: Severity) -> Vec<Finding> {
    run(&Index::new(ws), rule, severity).collect()
}

/// The findings of one rule over an index already built (what `diagnose` does for each rule; the
/// lint bench's `--rules` times them one by one).
pub fn check_indexed(index: &Index, rule: &'static Rule, severity: Severity) -> Vec<Finding> {
    run(index, rule, severity).collect()
}

fn run(index: &Index, rule: &'static Rule, severity: Severity) -> impl Iterator<Item = Finding> {
    let mut report = Report::new();
    index.placements_read();
    (rule.check)(index, &mut report);
    // The incremental diagnosis re-checks a rule after a shape moved only if its findings may depend
    // on where shapes are drawn: a rule reading placements must say so (held in debug builds and
    // in every test, which builds the `testing` feature).
    if cfg!(any(debug_assertions, feature = "testing")) {
        assert!(
            !index.placements_read() || rule.reach == Reach::Drawing,
            "the rule {} reads where shapes are drawn: its reach is Reach::Drawing",
            rule.id
        );
    }
    report.into_found().into_iter().map(move |(elements, message, fix)| Finding {
        rule: rule.id.to_string(),
        severity,
        category: rule.category,
        elements,
        message,
        fix,
        views: Vec::new(),
    })
}

/// A workspace's diagnosis: its findings under its own settings, with the counts the status bar shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Diagnosis {
    pub findings: Vec<Finding>,
    pub counts: Counts,
    pub config: LintConfig,
}

pub fn diagnosis(ws: &Workspace) -> Diagnosis {
    let config = ws.lint_config();
    let mut findings = diagnose(ws, &config);
    for f in &mut findings {
        f.views = ws.views_showing(&f.elements[0]);
    }
    Diagnosis { counts: counts(&findings), findings, config }
}

/// The diagnosis of `ws` when it is compared with another version of the workspace (`base`, named
/// `base_name`: the as-is of a to-be): its own, plus each error finding `base` does not have,
/// reported again by `to-be-adds-errors`.
pub fn diagnosis_against(ws: &Workspace, base: &Workspace, base_name: &str) -> Diagnosis {
    let mut d = diagnosis(ws);
    let severity = versions::RULES[0].severity(&d.config);
    if severity == Severity::Off {
        return d;
    }
    let seen: std::collections::BTreeSet<String> =
        diagnose(base, &base.lint_config()).iter().map(Finding::key).collect();
    let added: Vec<Finding> = d
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && !seen.contains(&f.key()))
        .map(|f| {
            let rule = &versions::RULES[0];
            Finding {
                rule: rule.id.to_string(),
                severity,
                category: rule.category,
                elements: f.elements.clone(),
                message: Text::new(
                    format!("「{base_name}」にないエラー: {}", f.message.ja),
                    format!("An error \"{base_name}\" does not have: {}", f.message.en),
                ),
                fix: Some(Text::new(rule.fix[0], rule.fix[1])),
                views: f.views.clone(),
            }
        })
        .collect();
    d.findings.extend(added);
    d.findings.sort_by(|a, b| {
        b.severity.cmp(&a.severity).then_with(|| a.rule.cmp(&b.rule)).then_with(|| a.elements.cmp(&b.elements))
    });
    d.counts = counts(&d.findings);
    d
}

/// A rule as the settings panel and the docs show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    pub id: String,
    pub category: Category,
    pub documentation: Severity,
    pub recommended: Severity,
    pub ported: bool,
    pub title: Text,
    pub why: Text,
    pub fix: Text,
}

pub fn rule_infos() -> Vec<RuleInfo> {
    rules()
        .map(|r| RuleInfo {
            id: r.id.to_string(),
            category: r.category,
            documentation: r.documentation,
            recommended: r.recommended,
            ported: r.ported,
            title: Text::new(r.title[0], r.title[1]),
            why: Text::new(r.why[0], r.why[1]),
            fix: Text::new(r.fix[0], r.fix[1]),
        })
        .collect()
}

/// How many findings of each severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Counts {
    pub error: u32,
    pub warning: u32,
    pub info: u32,
}

pub fn counts<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
    let mut c = Counts::default();
    for f in findings {
        match f.severity {
            Severity::Error => c.error += 1,
            Severity::Warning => c.warning += 1,
            Severity::Info => c.info += 1,
            Severity::Off => {}
        }
    }
    c
}

/// A document section with the diagnosis of some elements (what a workshop put into the model):
/// the whole model's counts, then each finding on one of `ids`.
pub fn section_about(d: &Diagnosis, ids: &[ElementId]) -> crate::derive::document::Section {
    use crate::derive::document::{Block, Line, Section};
    let mut s = Section::new(Line::text(Text::new("診断", "Diagnosis")));
    s.blocks.push(Block::paragraph(Line::text(Text::new(
        format!("モデル全体：エラー {}・警告 {}・情報 {}", d.counts.error, d.counts.warning, d.counts.info),
        format!("The whole model: {} errors, {} warnings, {} notes", d.counts.error, d.counts.warning, d.counts.info),
    ))));
    let about: Vec<Line> = d
        .findings
        .iter()
        .filter(|f| f.elements.iter().any(|e| ids.contains(e)))
        .map(|f| {
            let sev = match f.severity {
                crate::element::Severity::Error => Text::new("エラー", "Error"),
                crate::element::Severity::Warning => Text::new("警告", "Warning"),
                _ => Text::new("情報", "Note"),
            };
            Line::text(Text::new(
                format!("{}：{}（{}）", sev.ja, f.message.ja, f.rule),
                format!("{}: {} ({})", sev.en, f.message.en, f.rule),
            ))
            .traced(f.elements.iter().cloned())
        })
        .collect();
    s.blocks.push(if about.is_empty() {
        Block::muted(Line::text(Text::new(
            "この回で加えた要素に指摘はありません",
            "No finding on what this session added",
        )))
    } else {
        Block::List { ordered: false, items: about }
    });
    s
}
