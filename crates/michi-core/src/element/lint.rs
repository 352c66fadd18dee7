//! The workspace's diagnosis settings, stored as its `lintSettings` element: a profile and per-rule
//! overrides. The rules themselves, and what a profile turns on, are the diagnosis's
//! (`crate::diagnose`); here is only what is kept.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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
}

/// A workspace's diagnosis settings: a profile and per-rule overrides. Also the JSON file a
/// consulting team shares (`{"profile": "documentation", "rules": {"label-required": "warning"}}`);
/// `crate::diagnose::read_config` reads one, refusing rule ids it does not know.
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

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a config serializes")
    }
}
