//! The typed elements of a workspace. Each kind has its own properties; an element is an id plus the
//! properties of exactly one kind. Optional properties are `Option`s: a missing channel or reason is a
//! gap that validation reports, not something the model refuses.

use serde::{Deserialize, Serialize};

use crate::id::ElementId;

/// An element of the workspace graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Element {
    pub id: ElementId,
    pub data: ElementData,
}

/// The properties of an element, tagged by its kind (`{"kind": "stage", "name": …}` in JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ElementData {
    Journey(Journey),
    Stage(Stage),
    CustomerGoal(Card),
    CustomerAction(Card),
    Touchpoint(Touchpoint),
    Emotion(Emotion),
    StumblingPoint(StumblingPoint),
    CsAction(Card),
    Metric(Metric),
    Segment(Segment),
    Persona(Persona),
}

/// The kind of an element, without its properties.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ElementKind {
    Journey,
    Stage,
    CustomerGoal,
    CustomerAction,
    Touchpoint,
    Emotion,
    StumblingPoint,
    CsAction,
    Metric,
    Segment,
    Persona,
}

impl ElementKind {
    pub const ALL: [ElementKind; 11] = [
        ElementKind::Journey,
        ElementKind::Stage,
        ElementKind::CustomerGoal,
        ElementKind::CustomerAction,
        ElementKind::Touchpoint,
        ElementKind::Emotion,
        ElementKind::StumblingPoint,
        ElementKind::CsAction,
        ElementKind::Metric,
        ElementKind::Segment,
        ElementKind::Persona,
    ];

    /// The kind's name as written in files and JSON (`customerGoal`).
    pub fn as_str(self) -> &'static str {
        match self {
            ElementKind::Journey => "journey",
            ElementKind::Stage => "stage",
            ElementKind::CustomerGoal => "customerGoal",
            ElementKind::CustomerAction => "customerAction",
            ElementKind::Touchpoint => "touchpoint",
            ElementKind::Emotion => "emotion",
            ElementKind::StumblingPoint => "stumblingPoint",
            ElementKind::CsAction => "csAction",
            ElementKind::Metric => "metric",
            ElementKind::Segment => "segment",
            ElementKind::Persona => "persona",
        }
    }

    /// Prefix of generated ids (`stage-…`), so that logs and files are readable.
    pub fn id_prefix(self) -> &'static str {
        match self {
            ElementKind::Journey => "journey",
            ElementKind::Stage => "stage",
            ElementKind::CustomerGoal => "goal",
            ElementKind::CustomerAction => "action",
            ElementKind::Touchpoint => "touch",
            ElementKind::Emotion => "emotion",
            ElementKind::StumblingPoint => "stumble",
            ElementKind::CsAction => "csaction",
            ElementKind::Metric => "metric",
            ElementKind::Segment => "segment",
            ElementKind::Persona => "persona",
        }
    }

    /// Kinds that sit as cards in a stage of a journey map.
    pub fn is_card(self) -> bool {
        matches!(
            self,
            ElementKind::CustomerGoal
                | ElementKind::CustomerAction
                | ElementKind::Touchpoint
                | ElementKind::Emotion
                | ElementKind::StumblingPoint
                | ElementKind::CsAction
                | ElementKind::Metric
        )
    }
}

/// A customer journey: stages in order toward the customer's goal.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Journey {
    pub name: String,
    pub description: String,
}

/// A stage of a journey (onboarding, adoption…). Its order is kept on its relation to the journey.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Stage {
    pub name: String,
    /// What the stage must achieve, from the vendor's side.
    pub goal: String,
    /// What must be true for the customer to leave the stage.
    pub exit_criteria: String,
    /// Time-to-value target: days from stage entry to its exit criteria.
    pub ttv_target_days: Option<u32>,
}

/// A card with text and a note: a customer goal, a customer action or a CS action.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Card {
    pub text: String,
    /// Details, facts, a customer's own words.
    pub note: String,
}

/// A point where the customer meets the vendor: the "wind" of the bonfire model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Touchpoint {
    pub text: String,
    pub note: String,
    pub channel: Option<Channel>,
    pub touch: Option<TouchType>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
// `Channel` is taken in the bindings by Tauri's IPC channel type. A container rename changes only
// the type's name, not its JSON.
#[serde(rename = "TouchChannel", rename_all = "camelCase")]
pub enum Channel {
    Onsite,
    OnlineMeeting,
    Phone,
    Email,
    Chat,
    Webinar,
    InApp,
    HelpCenter,
    Community,
    Event,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 11] = [
        Channel::Onsite,
        Channel::OnlineMeeting,
        Channel::Phone,
        Channel::Email,
        Channel::Chat,
        Channel::Webinar,
        Channel::InApp,
        Channel::HelpCenter,
        Channel::Community,
        Channel::Event,
        Channel::Other,
    ];
}

/// How much a person is involved in a touchpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum TouchType {
    High,
    Low,
    Tech,
}

/// How the customer feels at this point, from −2 (very negative) to +2 (very positive).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Emotion {
    pub text: String,
    pub note: String,
    pub score: i8,
}

impl Emotion {
    pub const MIN_SCORE: i8 = -2;
    pub const MAX_SCORE: i8 = 2;
}

/// Where the customer stumbles (negative) or unexpectedly moves forward (positive).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct StumblingPoint {
    pub text: String,
    pub note: String,
    pub reason: Option<StumblingReason>,
    pub polarity: Polarity,
}

/// The four reasons a customer does not act on a CS proposal (domain.md §2), or another one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum StumblingReason {
    /// The benefit for their own company did not come across.
    BenefitUnclear,
    /// The timing is not "now" for them.
    NotNow,
    /// Guidance was lacking; the operation was too hard and they gave up.
    GuidanceLacking,
    /// CS did not face the customer's "we don't need it" bias.
    NoNeedBias,
    Other,
}

impl StumblingReason {
    pub const ALL: [StumblingReason; 5] = [
        StumblingReason::BenefitUnclear,
        StumblingReason::NotNow,
        StumblingReason::GuidanceLacking,
        StumblingReason::NoNeedBias,
        StumblingReason::Other,
    ];
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Polarity {
    #[default]
    Negative,
    Positive,
}

/// A measure of progress; it *measures* one or more stages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Metric {
    pub name: String,
    pub definition: String,
    pub data_source: String,
    pub target: String,
}

/// A group of customers the journey is drawn for (domain.md §2: size, industry, motivation/literacy).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Segment {
    pub name: String,
    pub size: Option<CompanySize>,
    pub industry: String,
    pub motivation: Option<Level>,
    pub literacy: Option<Level>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum CompanySize {
    Enterprise,
    MidMarket,
    Small,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Level {
    High,
    Medium,
    Low,
}

/// A person on the customer's side that a journey follows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Persona {
    pub name: String,
    pub role: String,
    pub description: String,
}

impl ElementData {
    pub fn kind(&self) -> ElementKind {
        match self {
            ElementData::Journey(_) => ElementKind::Journey,
            ElementData::Stage(_) => ElementKind::Stage,
            ElementData::CustomerGoal(_) => ElementKind::CustomerGoal,
            ElementData::CustomerAction(_) => ElementKind::CustomerAction,
            ElementData::Touchpoint(_) => ElementKind::Touchpoint,
            ElementData::Emotion(_) => ElementKind::Emotion,
            ElementData::StumblingPoint(_) => ElementKind::StumblingPoint,
            ElementData::CsAction(_) => ElementKind::CsAction,
            ElementData::Metric(_) => ElementKind::Metric,
            ElementData::Segment(_) => ElementKind::Segment,
            ElementData::Persona(_) => ElementKind::Persona,
        }
    }

    /// The element's name or text: what a person reads to recognise it.
    pub fn label(&self) -> &str {
        match self {
            ElementData::Journey(j) => &j.name,
            ElementData::Stage(s) => &s.name,
            ElementData::CustomerGoal(c) | ElementData::CustomerAction(c) | ElementData::CsAction(c) => &c.text,
            ElementData::Touchpoint(t) => &t.text,
            ElementData::Emotion(e) => &e.text,
            ElementData::StumblingPoint(s) => &s.text,
            ElementData::Metric(m) => &m.name,
            ElementData::Segment(s) => &s.name,
            ElementData::Persona(p) => &p.name,
        }
    }

    /// Properties of a new element of `kind` with the given label and defaults elsewhere.
    pub fn new_with_label(kind: ElementKind, label: impl Into<String>) -> ElementData {
        let label = label.into();
        let card = || Card { text: label.clone(), note: String::new() };
        match kind {
            ElementKind::Journey => ElementData::Journey(Journey { name: label, ..Default::default() }),
            ElementKind::Stage => ElementData::Stage(Stage { name: label, ..Default::default() }),
            ElementKind::CustomerGoal => ElementData::CustomerGoal(card()),
            ElementKind::CustomerAction => ElementData::CustomerAction(card()),
            ElementKind::CsAction => ElementData::CsAction(card()),
            ElementKind::Touchpoint => ElementData::Touchpoint(Touchpoint { text: label, ..Default::default() }),
            ElementKind::Emotion => ElementData::Emotion(Emotion { text: label, ..Default::default() }),
            ElementKind::StumblingPoint => {
                ElementData::StumblingPoint(StumblingPoint { text: label, ..Default::default() })
            }
            ElementKind::Metric => ElementData::Metric(Metric { name: label, ..Default::default() }),
            ElementKind::Segment => ElementData::Segment(Segment { name: label, ..Default::default() }),
            ElementKind::Persona => ElementData::Persona(Persona { name: label, ..Default::default() }),
        }
    }

    /// Checks the few value constraints the types cannot express. The model stays permissive
    /// otherwise: an empty name is a finding for validation, not a refused edit.
    pub fn check(&self) -> Result<(), String> {
        if let ElementData::Emotion(e) = self
            && !(Emotion::MIN_SCORE..=Emotion::MAX_SCORE).contains(&e.score)
        {
            return Err(format!(
                "an emotion's score must be between {} and {}, not {}",
                Emotion::MIN_SCORE,
                Emotion::MAX_SCORE,
                e.score
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_form_is_tagged_by_kind() {
        let data = ElementData::Stage(Stage {
            name: "オンボーディング".into(),
            ttv_target_days: Some(30),
            ..Default::default()
        });
        let json = serde_json::to_value(&data).unwrap();
        assert_eq!(json["kind"], "stage");
        assert_eq!(json["ttvTargetDays"], 30);
        assert_eq!(serde_json::from_value::<ElementData>(json).unwrap(), data);
    }

    #[test]
    fn missing_properties_take_defaults() {
        let data: ElementData = serde_json::from_str(r#"{"kind":"touchpoint","text":"定例会"}"#).unwrap();
        assert_eq!(data, ElementData::Touchpoint(Touchpoint { text: "定例会".into(), ..Default::default() }));
    }

    #[test]
    fn kind_names_match_the_json_tags() {
        for kind in ElementKind::ALL {
            let data = ElementData::new_with_label(kind, "x");
            assert_eq!(data.kind(), kind);
            let json = serde_json::to_value(&data).unwrap();
            assert_eq!(json["kind"], kind.as_str());
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
            assert_eq!(data.label(), "x");
        }
    }

    #[test]
    fn emotion_score_is_bounded() {
        let ok = ElementData::Emotion(Emotion { score: -2, ..Default::default() });
        let bad = ElementData::Emotion(Emotion { score: 3, ..Default::default() });
        assert!(ok.check().is_ok());
        assert!(bad.check().unwrap_err().contains("between -2 and 2"));
    }
}
