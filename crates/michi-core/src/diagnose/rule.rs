//! What a diagnosis rule is: its identity, documentation and severities (the metadata the settings
//! panel and `docs/rules.md` show), and its check, which reads the model through the shared
//! [`Index`] and reports what it finds.

use serde::{Deserialize, Serialize};

use super::index::Index;
use crate::element::{ElementKind, LintConfig, Profile, Severity};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::text::Text;

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

    /// What was found, for the engine.
    pub(super) fn into_found(self) -> Vec<(Vec<ElementId>, Text, Option<Text>)> {
        self.found
    }
}

/// What a rule's findings may depend on: what the incremental diagnosis re-checks after an edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// One process part: elements joined by the relations that make up processes and collaborations
    /// ([`PART_RELATIONS`]). The findings about a part depend only on its elements, their
    /// properties, and which relations leave them (not on what is at the far end of one leaving the
    /// part); not on where anything is drawn. Re-checked on the parts an edit touched.
    Part,
    /// Like [`Reach::Part`], and the findings depend on where the part's shapes are drawn (their
    /// placements) too: re-checked also when shapes were only moved. A rule reads placements
    /// (`Index::placement`) only if it is of this reach (`run` holds it to that).
    Drawing,
    /// The whole workspace; it finds nothing while the workspace has no element of these kinds.
    /// Re-checked after every edit while one exists.
    Workspace(&'static [ElementKind]),
}

impl Reach {
    /// Whether the rule reads one process part (of [`Reach::Part`] or [`Reach::Drawing`]).
    pub fn of_part(self) -> bool {
        matches!(self, Reach::Part | Reach::Drawing)
    }
}

/// The relations that join a process part (see [`Reach::Part`]): what a BPMN process or
/// collaboration is made of. A process's link to a journey (`Serves`), to the model it was imported
/// with (`InModel`) or to the org design leaves its part.
pub const PART_RELATIONS: &[RelationKind] = &[
    RelationKind::PoolIn,
    RelationKind::ProcessOf,
    RelationKind::LaneIn,
    RelationKind::InLane,
    RelationKind::ChildOf,
    RelationKind::Source,
    RelationKind::Target,
    RelationKind::AttachedTo,
];

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
    /// Ported from bpmnlint: same name, same meaning (the parity test holds it to bpmnlint's fixtures).
    pub ported: bool,
    pub reach: Reach,
    pub check: fn(&Index, &mut Report),
}

impl Rule {
    /// The rule's severity in a profile.
    pub fn severity_in(&self, profile: Profile) -> Severity {
        match profile {
            Profile::Documentation => self.documentation,
            Profile::BpmnlintRecommended => self.recommended,
        }
    }

    /// The rule's severity under a workspace's settings: its override, else its profile's.
    pub fn severity(&self, config: &LintConfig) -> Severity {
        config.rules.get(self.id).copied().unwrap_or_else(|| self.severity_in(config.profile))
    }
}
