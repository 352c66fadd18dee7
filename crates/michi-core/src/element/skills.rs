//! The skill matrix (domain.md §4): a capability model of skill elements, each with five levels
//! described by what a person at that level can do and the evidence that shows it; the people of
//! the CS team with dated assessments of their current and target levels; and the levels an org
//! function or a role requires.
//!
//! - A [`Skill`] stands on its own; its levels are cells of text, its axis says whether it is a CS
//!   skill, a skill of the customer's field, or one of the company's own axes.
//! - A [`TeamMember`] holds roles of the org design (relation `memberOf`).
//! - An [`Assessment`] is of one member (`assesses`) on one skill (`onSkill`) at one date: the
//!   matrix at a date is, for each member and skill, the latest assessment on or before it.
//! - A [`SkillRequirement`] is a level of one skill (`onSkill`) that a function or a role requires
//!   (`requiredBy`).

use serde::{Deserialize, Serialize};

use crate::text::Text;

/// The groups of Gainsight's CS Elements the default model follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SkillGroup {
    InsightsActions,
    Outcomes,
    Transform,
}

impl SkillGroup {
    pub const ALL: [SkillGroup; 3] = [SkillGroup::InsightsActions, SkillGroup::Outcomes, SkillGroup::Transform];

    pub fn name(self) -> Text {
        match self {
            SkillGroup::InsightsActions => Text::new("分析と行動", "Insights & Actions"),
            SkillGroup::Outcomes => Text::new("成果", "Outcomes"),
            SkillGroup::Transform => Text::new("全社一丸", "Transform"),
        }
    }
}

/// The axis a skill is on: `cs` and `domain` are built in; any other word is an axis the company
/// added (shown as written).
pub const AXIS_CS: &str = "cs";
pub const AXIS_DOMAIN: &str = "domain";

/// What people call an axis.
pub fn axis_name(axis: &str) -> Text {
    match axis {
        AXIS_CS => Text::new("CSのスキル", "CS skills"),
        AXIS_DOMAIN => Text::new("ドメインのスキル", "Domain skills"),
        other => Text::same(other),
    }
}

/// The levels of the model: 1–3 are a person's skills, 4–5 the organisation's.
pub const LEVELS: u8 = 5;
/// The first level that is about the organisation rather than the individual.
pub const ORGANISATIONAL_FROM: u8 = 4;

/// One skill element of the capability model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Skill {
    /// A stable key for the elements of the default model (`onboarding`), which default
    /// requirements and CSV files may name; empty for a skill the user added.
    pub key: String,
    pub name: Text,
    pub group: Option<SkillGroup>,
    /// `cs`, `domain`, or the company's own axis.
    pub axis: String,
    pub description: Text,
    /// The five levels, first to fifth (fewer when not written yet).
    pub levels: Vec<LevelText>,
    /// Where it stands in the model (ascending; ties by name).
    pub position: u32,
}

impl Skill {
    /// The text of `level` (1–5), if written.
    pub fn level(&self, level: u8) -> Option<&LevelText> {
        self.levels.get(usize::from(level).checked_sub(1)?)
    }
}

/// What a person at one level can do, and what shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct LevelText {
    pub can: Text,
    /// Observable evidence ("the customer agrees to appear in a case study").
    pub evidence: Text,
}

/// A person of the CS team.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct TeamMember {
    pub name: String,
    pub note: String,
}

/// One person's levels on one skill, as assessed on one day.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Assessment {
    /// The day: seconds since 1970 (UTC), the day's start.
    pub date: f64,
    /// 0 (not yet at the first level) to 5.
    pub current: u8,
    /// The level the person aims for, if set.
    pub target: Option<u8>,
    /// The skill does not apply to this person.
    pub not_applicable: bool,
    /// Who assessed.
    pub assessor: String,
    /// What was seen (the evidence noted).
    pub evidence: String,
}

/// A level of a skill that a function or a role requires.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct SkillRequirement {
    /// 1–5.
    pub level: u8,
}

/// Checks a level: 0–5 where `zero` allows "not yet", else 1–5.
pub(crate) fn check_level(what: &str, level: u8, zero: bool) -> Result<(), String> {
    let low = if zero { 0 } else { 1 };
    if (low..=LEVELS).contains(&level) {
        Ok(())
    } else {
        Err(format!("{what} is a level from {low} to {LEVELS}, not {level}"))
    }
}

/// The default capability model (`data/skills.json`): the skills a workspace starts from and the
/// levels each of the method's functions requires by default. Data, not code: editing the file
/// changes the model without touching a rule.
pub struct DefaultModel {
    pub skills: Vec<Skill>,
    /// For each function, the skill keys it requires and the level.
    pub requirements: Vec<(super::CsFunction, Vec<(String, u8)>)>,
}

impl DefaultModel {
    /// The levels `function` requires by default, by skill key.
    pub fn required_by(&self, function: super::CsFunction) -> &[(String, u8)] {
        self.requirements.iter().find(|(f, _)| *f == function).map(|(_, r)| r.as_slice()).unwrap_or(&[])
    }
}

#[derive(Deserialize)]
struct DefaultFile {
    skills: Vec<Skill>,
    requirements: serde_json::Map<String, serde_json::Value>,
}

pub fn default_model() -> &'static DefaultModel {
    static MODEL: std::sync::OnceLock<DefaultModel> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| {
        let file: DefaultFile =
            serde_json::from_str(include_str!("../../data/skills.json")).expect("data/skills.json is valid");
        let skills =
            file.skills.into_iter().enumerate().map(|(i, s)| Skill { position: (i as u32 + 1) * 10, ..s }).collect();
        let requirements = file
            .requirements
            .into_iter()
            .map(|(function, levels)| {
                let function: super::CsFunction =
                    serde_json::from_value(serde_json::Value::String(function)).expect("a function of the method");
                let levels: std::collections::BTreeMap<String, u8> =
                    serde_json::from_value(levels).expect("skill keys and levels");
                (function, levels.into_iter().collect())
            })
            .collect();
        DefaultModel { skills, requirements }
    })
}
