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
mod health;
mod index;
mod org;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use index::Index;

use crate::element::ElementData;
use crate::id::{ElementId, ViewId};
use crate::workspace::Workspace;

/// How much a finding matters. `Off` turns a rule off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    Off,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::Off, Severity::Info, Severity::Warning, Severity::Error];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Category {
    Journey,
    Process,
    CrossModel,
    Org,
    Health,
}

/// Text in both languages of the UI.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Text {
    pub ja: String,
    pub en: String,
}

impl Text {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Text {
        Text { ja: ja.into(), en: en.into() }
    }
}

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

/// What a rule reports while it checks; the engine adds the rule's id and severity.
#[derive(Default)]
pub struct Report {
    found: Vec<(Vec<ElementId>, Text, Option<Text>)>,
}

impl Report {
    pub fn new() -> Report {
        Report { found: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.found.len()
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    pub fn add(&mut self, elements: Vec<ElementId>, message: Text) {
        self.found.push((elements, message, None));
    }

    pub fn add_with_fix(&mut self, elements: Vec<ElementId>, message: Text, fix: Text) {
        self.found.push((elements, message, Some(fix)));
    }
}

/// A rule: its identity and documentation, and its check.
pub struct Rule {
    /// Stable id. Rules ported from bpmnlint keep bpmnlint's name.
    pub id: &'static str,
    pub category: Category,
    /// Severity in the `documentation` profile.
    pub documentation: Severity,
    /// Severity in the `bpmnlint-recommended` profile (`Off` for Michi's own rules).
    pub recommended: Severity,
    /// What it checks, in one line: [ja, en].
    pub title: [&'static str; 2],
    /// Why it matters: [ja, en].
    pub why: [&'static str; 2],
    /// How to fix a finding: [ja, en].
    pub fix: [&'static str; 2],
    pub check: fn(&Index, &mut Report),
}

impl Rule {
    pub fn is_ported(&self) -> bool {
        self.category == Category::Process && bpmn::RULES.iter().any(|r| r.id == self.id)
    }
}

/// Every rule, in catalog order: Michi's CS rules, the org-design rules, then the ported BPMN rules.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    cs::RULES.iter().chain(org::RULES.iter()).chain(health::RULES.iter()).chain(bpmn::RULES.iter())
}

pub fn rule(id: &str) -> Option<&'static Rule> {
    rules().find(|r| r.id == id)
}

/// A set of severities to start from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Profile {
    /// A model people read and run a business by: CS rules on; BPMN rules that matter only for an
    /// executable process are off.
    #[default]
    #[serde(rename = "documentation")]
    Documentation,
    /// The ported bpmnlint rules with the severities of bpmnlint's `recommended` configuration.
    #[serde(rename = "bpmnlint-recommended")]
    BpmnlintRecommended,
}

impl Profile {
    pub const ALL: [Profile; 2] = [Profile::Documentation, Profile::BpmnlintRecommended];

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Documentation => "documentation",
            Profile::BpmnlintRecommended => "bpmnlint-recommended",
        }
    }

    pub fn parse(s: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn severity(self, rule: &Rule) -> Severity {
        match self {
            Profile::Documentation => rule.documentation,
            Profile::BpmnlintRecommended => rule.recommended,
        }
    }
}

/// A workspace's diagnosis settings: a profile and per-rule overrides. Also the JSON file a
/// consulting team shares (`{"profile": "documentation", "rules": {"label-required": "warning"}}`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, deny_unknown_fields)]
pub struct LintConfig {
    pub profile: Profile,
    pub rules: BTreeMap<String, Severity>,
}

impl LintConfig {
    pub fn of_profile(profile: Profile) -> LintConfig {
        LintConfig { profile, rules: BTreeMap::new() }
    }

    pub fn severity(&self, rule: &Rule) -> Severity {
        self.rules.get(rule.id).copied().unwrap_or_else(|| self.profile.severity(rule))
    }

    /// Reads a shared profile file. Unknown rule ids are refused with their names, so that a typo
    /// does not silently leave a rule on.
    pub fn from_json(text: &str) -> Result<LintConfig, String> {
        let config: LintConfig = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let unknown: Vec<&str> = config.rules.keys().filter(|id| rule(id).is_none()).map(String::as_str).collect();
        if !unknown.is_empty() {
            return Err(format!("unknown rule: {}", unknown.join(", ")));
        }
        Ok(config)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a config serializes")
    }

    /// The config kept in a workspace (its `lintSettings` element), or the default.
    pub fn of_workspace(ws: &Workspace) -> LintConfig {
        ws.elements_of_kind(crate::element::ElementKind::LintSettings)
            .find_map(|e| match &e.data {
                ElementData::LintSettings(c) => Some(c.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }
}

/// All findings of the rules `config` turns on, most severe first, then by rule and element.
pub fn diagnose(ws: &Workspace, config: &LintConfig) -> Vec<Finding> {
    let index = Index::new(ws);
    let mut findings = Vec::new();
    for rule in rules() {
        let severity = config.severity(rule);
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

fn run(index: &Index, rule: &'static Rule, severity: Severity) -> impl Iterator<Item = Finding> {
    let mut report = Report::new();
    (rule.check)(index, &mut report);
    report.found.into_iter().map(move |(elements, message, fix)| Finding {
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
    let config = LintConfig::of_workspace(ws);
    let mut findings = diagnose(ws, &config);
    for f in &mut findings {
        f.views = crate::glossary::views_showing(ws, &f.elements[0]);
    }
    Diagnosis { counts: counts(&findings), findings, config }
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
            ported: r.is_ported(),
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
