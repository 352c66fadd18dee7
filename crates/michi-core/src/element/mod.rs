//! The typed elements of a workspace. Each kind has its own properties; an element is an id plus the
//! properties of exactly one kind. Optional properties are `Option`s: a missing channel or reason is a
//! gap that validation reports, not something the model refuses.

mod catalog;
mod evidence;
mod gap;
mod glossary;
mod health;
mod journey;
mod lint;
mod org;
mod process;
mod skills;
mod state;

use serde::{Deserialize, Serialize};

pub use catalog::{Catalog, FunctionText, Intervention, SizingAssumptions, SkillAssumptions};
pub use evidence::{Conversation, EvidenceSettings, Notes, Person, PersonRole, Perspective, Quote, Tag};
pub use gap::{GapItem, GapStatus};
pub use glossary::Term;
pub use health::{
    AccountRow, AccountSnapshot, Bonfire, HealthModel, Indicator, IndicatorKind, Judgement, Link, Overall, Scoring,
    Threshold,
};
pub use journey::{
    Card, Channel, CompanySize, Emotion, Journey, Level, Metric, MetricRole, Persona, Polarity, Reach, Segment, Stage,
    StagePhase, StumblingPoint, StumblingReason, TouchType, Touchpoint, WorkTag,
};
pub use lint::{LintConfig, Profile, Severity};
pub use org::{CsFunction, OrgFunction, Role};
pub use process::{
    Activity, ActivityKind, Annotation, Association, AssociationDirection, Collaboration, DataAssociation, DataKind,
    DataObject, Event, EventDefinition, EventPosition, Foreign, ForeignAttr, Gateway, GatewayKind, Group, MessageFlow,
    Pool, Process, ProcessLane, ProcessModel, SequenceFlow, Side, System, Trigger,
};
pub use skills::{
    AXIS_CS, AXIS_DOMAIN, Assessment, LEVELS, LevelText, ORGANISATIONAL_FROM, Skill, SkillGroup, SkillRequirement,
    TeamMember, axis_name, default_model,
};
pub use state::{NodeState, PresentCase, StateSnapshot};

use crate::id::ElementId;
use crate::text::Text;

/// An element of the workspace graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Element {
    pub id: ElementId,
    pub data: ElementData,
}

/// Declares every kind once: its variant, the struct of its properties, its JSON name and the prefix
/// of its generated ids.
macro_rules! kinds {
    ($($variant:ident($ty:ty) = $name:literal, $prefix:literal, $ja:literal, $en:literal;)*) => {
        /// The properties of an element, tagged by its kind (`{"kind": "stage", "name": …}` in JSON).
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(tag = "kind", rename_all = "camelCase")]
        pub enum ElementData {
            $($variant($ty),)*
        }

        /// The kind of an element, without its properties.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(rename_all = "camelCase")]
        pub enum ElementKind {
            $($variant,)*
        }

        impl ElementKind {
            pub const ALL: &'static [ElementKind] = &[$(ElementKind::$variant,)*];

            /// The kind's name as written in files and JSON (`customerGoal`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ElementKind::$variant => $name,)*
                }
            }

            /// What people call the kind, in both languages (the UI's and the documents' word).
            pub fn name(self) -> Text {
                match self {
                    $(ElementKind::$variant => Text::new($ja, $en),)*
                }
            }

            /// Prefix of generated ids (`stage-…`), so that logs and files are readable.
            pub fn id_prefix(self) -> &'static str {
                match self {
                    $(ElementKind::$variant => $prefix,)*
                }
            }
        }

        impl ElementData {
            pub fn kind(&self) -> ElementKind {
                match self {
                    $(ElementData::$variant(_) => ElementKind::$variant,)*
                }
            }
        }
    };
}

kinds! {
    // journeys
    Journey(Journey) = "journey", "journey", "ジャーニー", "Journey";
    Stage(Stage) = "stage", "stage", "ステージ", "Stage";
    CustomerGoal(Card) = "customerGoal", "goal", "顧客のゴール", "Customer goal";
    CustomerAction(Card) = "customerAction", "action", "顧客の行動", "Customer action";
    Touchpoint(Touchpoint) = "touchpoint", "touch", "タッチポイント", "Touchpoint";
    Emotion(Emotion) = "emotion", "emotion", "感情", "Emotion";
    StumblingPoint(StumblingPoint) = "stumblingPoint", "stumble", "つまずきポイント", "Stumbling point";
    CsAction(Card) = "csAction", "csaction", "CSアクション", "CS action";
    Metric(Metric) = "metric", "metric", "指標", "Metric";
    Segment(Segment) = "segment", "segment", "セグメント", "Segment";
    Persona(Persona) = "persona", "persona", "ペルソナ", "Persona";
    // processes
    ProcessModel(ProcessModel) = "processModel", "model", "プロセスモデル", "Process model";
    Collaboration(Collaboration) = "collaboration", "collab", "コラボレーション", "Collaboration";
    Process(Process) = "process", "process", "プロセス", "Process";
    Pool(Pool) = "pool", "pool", "プール", "Pool";
    Lane(ProcessLane) = "lane", "lane", "レーン（役割）", "Lane (role)";
    Activity(Activity) = "activity", "activity", "アクティビティ", "Activity";
    Event(Event) = "event", "event", "イベント", "Event";
    Gateway(Gateway) = "gateway", "gateway", "分岐・合流", "Gateway";
    DataObject(DataObject) = "dataObject", "data", "データ", "Data";
    System(System) = "system", "system", "システム", "System";
    Annotation(Annotation) = "annotation", "note", "注記", "Note";
    Group(Group) = "group", "group", "グループ", "Group";
    SequenceFlow(SequenceFlow) = "sequenceFlow", "flow", "流れ", "Sequence flow";
    MessageFlow(MessageFlow) = "messageFlow", "handoff", "受け渡し", "Hand-off";
    Association(Association) = "association", "assoc", "関連線", "Association";
    DataAssociation(DataAssociation) = "dataAssociation", "dataflow", "データの入出力", "Data association";
    // the common language
    Term(Term) = "term", "term", "用語", "Term";
    // the state layer
    StateSnapshot(StateSnapshot) = "stateSnapshot", "state", "状態スナップショット", "State snapshot";
    // the org design
    OrgFunction(OrgFunction) = "orgFunction", "function", "組織の機能", "Org function";
    Role(Role) = "role", "role", "役割", "Role";
    // the workspace's diagnosis settings (at most one)
    LintSettings(LintConfig) = "lintSettings", "lint", "診断の設定", "Diagnosis settings";
    // the derivations' editable catalog (at most one)
    Catalog(Catalog) = "catalog", "catalog", "カタログ", "Catalog";
    // account health: the bonfire model (at most one), account snapshots, judgements
    HealthModel(HealthModel) = "healthModel", "health", "ヘルスモデル", "Health model";
    AccountSnapshot(AccountSnapshot) = "accountSnapshot", "accounts", "アカウントの取り込み", "Accounts import";
    Judgement(Judgement) = "judgement", "judgement", "判定", "Judgement";
    // the gap list between versions
    GapItem(GapItem) = "gapItem", "gap", "ギャップ", "Gap item";
    // evidence from customer conversations
    Conversation(Box<Conversation>) = "conversation", "talk", "顧客との会話", "Conversation";
    Quote(Quote) = "quote", "quote", "引用", "Quote";
    Tag(Tag) = "tag", "tag", "タグ", "Tag";
    EvidenceSettings(EvidenceSettings) = "evidenceSettings", "evidence", "エビデンスの設定", "Evidence settings";
    // workshops: the agenda, participants' sticky notes, dot votes
    Workshop(Workshop) = "workshop", "workshop", "ワークショップ", "Workshop";
    StickyNote(StickyNote) = "stickyNote", "sticky", "付箋", "Sticky note";
    Vote(Vote) = "vote", "vote", "投票", "Vote";
    // the skill matrix: the capability model, the team, assessments, what functions and roles require
    Skill(Box<Skill>) = "skill", "skill", "スキル要素", "Skill";
    TeamMember(TeamMember) = "teamMember", "member", "メンバー", "Team member";
    Assessment(Assessment) = "assessment", "assess", "スキル評価", "Assessment";
    SkillRequirement(SkillRequirement) = "skillRequirement", "require", "必要なスキル", "Skill requirement";
}

impl ElementKind {
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

    /// Kinds that connect two elements (their ends are the `source` and `target` relations).
    pub fn is_connector(self) -> bool {
        matches!(
            self,
            ElementKind::SequenceFlow
                | ElementKind::MessageFlow
                | ElementKind::Association
                | ElementKind::DataAssociation
        )
    }

    /// Account data and state snapshots: facts about the customers, which belong to the workspace
    /// and are the same in each of its versions (as-is, to-be), unlike the model drawn in them.
    pub fn belongs_to_workspace(self) -> bool {
        matches!(self, ElementKind::AccountSnapshot | ElementKind::StateSnapshot | ElementKind::Judgement)
    }

    /// Kinds that a sequence flow may join (BPMN's flow nodes).
    pub fn is_flow_node(self) -> bool {
        matches!(self, ElementKind::Activity | ElementKind::Event | ElementKind::Gateway)
    }
}

impl ElementData {
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
            ElementData::ProcessModel(m) => &m.name,
            ElementData::Collaboration(c) => &c.name,
            ElementData::Process(p) => &p.name,
            ElementData::Pool(p) => &p.name,
            ElementData::Lane(l) => &l.name,
            ElementData::Activity(a) => &a.name,
            ElementData::Event(e) => &e.name,
            ElementData::Gateway(g) => &g.name,
            ElementData::DataObject(d) => &d.name,
            ElementData::System(s) => &s.name,
            ElementData::Annotation(a) => &a.text,
            ElementData::Group(g) => &g.name,
            ElementData::SequenceFlow(f) => &f.name,
            ElementData::MessageFlow(f) => &f.name,
            ElementData::Association(_) | ElementData::DataAssociation(_) => "",
            ElementData::Term(t) => &t.term,
            ElementData::StateSnapshot(s) => &s.name,
            ElementData::LintSettings(_) | ElementData::Catalog(_) | ElementData::Judgement(_) => "",
            ElementData::HealthModel(m) => &m.name,
            ElementData::AccountSnapshot(s) => &s.name,
            ElementData::OrgFunction(f) => &f.name,
            ElementData::Role(r) => &r.name,
            ElementData::GapItem(g) => &g.title,
            ElementData::Conversation(c) => &c.account_name,
            ElementData::Quote(q) => &q.text,
            ElementData::Tag(t) => &t.name,
            ElementData::EvidenceSettings(_) => "",
            ElementData::Workshop(w) => &w.name,
            ElementData::StickyNote(n) => &n.text,
            ElementData::Vote(v) => &v.question,
            ElementData::Skill(s) => &s.name.ja,
            ElementData::TeamMember(m) => &m.name,
            ElementData::Assessment(_) | ElementData::SkillRequirement(_) => "",
        }
    }

    /// Properties of a new element of `kind` with the given label and defaults elsewhere.
    pub fn new_with_label(kind: ElementKind, label: impl Into<String>) -> ElementData {
        let label = label.into();
        let card = || Card { text: label.clone(), ..Default::default() };
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
            ElementKind::ProcessModel => ElementData::ProcessModel(ProcessModel { name: label, ..Default::default() }),
            ElementKind::Collaboration => {
                ElementData::Collaboration(Collaboration { name: label, ..Default::default() })
            }
            ElementKind::Process => ElementData::Process(Process { name: label, ..Default::default() }),
            ElementKind::Pool => ElementData::Pool(Pool { name: label, ..Default::default() }),
            ElementKind::Lane => ElementData::Lane(ProcessLane { name: label, ..Default::default() }),
            ElementKind::Activity => ElementData::Activity(Activity { name: label, ..Default::default() }),
            ElementKind::Event => ElementData::Event(Event { name: label, ..Default::default() }),
            ElementKind::Gateway => ElementData::Gateway(Gateway { name: label, ..Default::default() }),
            ElementKind::DataObject => ElementData::DataObject(DataObject { name: label, ..Default::default() }),
            ElementKind::System => ElementData::System(System { name: label, ..Default::default() }),
            ElementKind::Annotation => ElementData::Annotation(Annotation { text: label, ..Default::default() }),
            ElementKind::Group => ElementData::Group(Group { name: label, ..Default::default() }),
            ElementKind::SequenceFlow => ElementData::SequenceFlow(SequenceFlow { name: label, ..Default::default() }),
            ElementKind::MessageFlow => ElementData::MessageFlow(MessageFlow { name: label, ..Default::default() }),
            ElementKind::Association => ElementData::Association(Association::default()),
            ElementKind::DataAssociation => ElementData::DataAssociation(DataAssociation::default()),
            ElementKind::Term => ElementData::Term(Term { term: label, ..Default::default() }),
            ElementKind::StateSnapshot => {
                ElementData::StateSnapshot(StateSnapshot { name: label, ..Default::default() })
            }
            ElementKind::LintSettings => ElementData::LintSettings(LintConfig::default()),
            ElementKind::Catalog => ElementData::Catalog(Catalog::default()),
            ElementKind::HealthModel => ElementData::HealthModel(HealthModel { name: label, ..Default::default() }),
            ElementKind::AccountSnapshot => {
                ElementData::AccountSnapshot(AccountSnapshot { name: label, ..Default::default() })
            }
            ElementKind::Judgement => ElementData::Judgement(Judgement::default()),
            ElementKind::OrgFunction => ElementData::OrgFunction(OrgFunction { name: label, ..Default::default() }),
            ElementKind::Role => ElementData::Role(Role { name: label, ..Default::default() }),
            ElementKind::GapItem => ElementData::GapItem(GapItem { title: label, ..Default::default() }),
            ElementKind::Conversation => {
                ElementData::Conversation(Box::new(Conversation { account_name: label, ..Default::default() }))
            }
            ElementKind::Quote => ElementData::Quote(Quote { text: label, ..Default::default() }),
            ElementKind::Tag => ElementData::Tag(Tag { name: label }),
            ElementKind::EvidenceSettings => ElementData::EvidenceSettings(EvidenceSettings::default()),
            ElementKind::Workshop => ElementData::Workshop(Workshop { name: label, dots: 3, ..Default::default() }),
            ElementKind::StickyNote => ElementData::StickyNote(StickyNote { text: label, ..Default::default() }),
            ElementKind::Vote => ElementData::Vote(Vote { question: label, dots: 3, ..Default::default() }),
            ElementKind::Skill => ElementData::Skill(Box::new(Skill {
                name: crate::text::Text::same(label),
                axis: AXIS_CS.into(),
                ..Default::default()
            })),
            ElementKind::TeamMember => ElementData::TeamMember(TeamMember { name: label, ..Default::default() }),
            ElementKind::Assessment => ElementData::Assessment(Assessment::default()),
            ElementKind::SkillRequirement => ElementData::SkillRequirement(SkillRequirement { level: 1 }),
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
        if let ElementData::Catalog(c) = self {
            c.sizing.check()?;
            c.skills.check()?;
        }
        if let ElementData::Judgement(j) = self
            && !j.value.is_finite()
        {
            return Err(format!("a judgement needs a number, not {}", j.value));
        }
        if let ElementData::GapItem(g) = self
            && let Some(e) = g.effort
            && !(1..=5).contains(&e)
        {
            return Err(format!("a gap item's effort is from 1 to 5, not {e}"));
        }
        if let ElementData::Vote(v) = self
            && !(1..=Vote::MAX_DOTS).contains(&v.dots)
        {
            return Err(format!("a vote gives from 1 to {} dots each, not {}", Vote::MAX_DOTS, v.dots));
        }
        if let ElementData::Workshop(w) = self
            && w.dots > Vote::MAX_DOTS
        {
            return Err(format!("a vote gives from 1 to {} dots each, not {}", Vote::MAX_DOTS, w.dots));
        }
        match self {
            ElementData::Assessment(a) => {
                skills::check_level("a current level", a.current, true)?;
                if let Some(t) = a.target {
                    skills::check_level("a target", t, true)?;
                }
                if !a.date.is_finite() {
                    return Err(format!("an assessment needs a date, not {}", a.date));
                }
            }
            ElementData::SkillRequirement(r) => skills::check_level("a required level", r.level, false)?,
            ElementData::Skill(s) if s.levels.len() > usize::from(LEVELS) => {
                return Err(format!("a skill has at most {LEVELS} levels, not {}", s.levels.len()));
            }
            _ => {}
        }
        let threshold = match self {
            ElementData::Activity(a) => a.stuck_after_days,
            ElementData::Stage(s) => s.stuck_after_days,
            _ => None,
        };
        if let Some(days) = threshold
            && !(days.is_finite() && days >= 0.0)
        {
            return Err(format!("a stuck threshold must be a number of days of 0 or more, not {days}"));
        }
        Ok(())
    }
}

// Workshops (domain.md §1, "mild" modeling with the customer in the room): the agenda the
// facilitator runs, the sticky notes participants add, and dot votes. What leaves the room is the
// model itself: a note is turned into a card, a stumbling point or an activity (relation
// `became`), and stays as the record of who said what.
//
// A workshop's notes and votes belong to it (relation `inWorkshop`); a note sits on a stage
// (relation `noteOn`, with the journey map's row in `row`), on a process lane (`noteOn` a lane), or
// in the parking lot (no `noteOn`).
// (Here rather than in a file of their own: they name element kinds, which this module defines.)

/// One workshop: a name, a day and the agenda.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Workshop {
    pub name: String,
    /// The day: seconds since 1970 (UTC), the day's start.
    pub date: Option<f64>,
    pub agenda: Vec<AgendaStep>,
    /// Dots each participant has in a new vote.
    pub dots: u32,
}

/// A timeboxed step of the agenda.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct AgendaStep {
    pub name: String,
    pub minutes: u32,
}

/// A sticky note added in a workshop.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct StickyNote {
    pub text: String,
    /// Who wrote it: the name a participant joined with, or the facilitator's.
    pub author: String,
    /// On a journey map: the row it was put in (a card kind), which is what it becomes by default.
    pub row: Option<ElementKind>,
    /// Added in private mode and not revealed yet: only its author sees it.
    pub hidden: bool,
    /// A customer's words under one of the five perspectives: the note is also a quote
    /// (relation `became` to it).
    pub perspective: Option<Perspective>,
    /// When it was added: seconds since 1970 (UTC), as the host's clock read it.
    pub at: Option<f64>,
}

/// A dot vote: each participant places up to `dots` dots on the candidates (one element may take
/// several). Results are shown once it is closed; who placed which dot is never shown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Vote {
    pub question: String,
    pub dots: u32,
    /// What may take dots: cards, stumbling points, activities, gap items, notes…
    pub kinds: Vec<ElementKind>,
    pub open: bool,
    pub ballots: Vec<Ballot>,
}

/// One dot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Ballot {
    /// An opaque key of the participant (not their name): enough to count their dots.
    pub voter: String,
    pub target: ElementId,
}

impl Vote {
    pub const MAX_DOTS: u32 = 20;

    /// The dots `voter` has placed.
    pub fn placed_by(&self, voter: &str) -> usize {
        self.ballots.iter().filter(|b| b.voter == voter).count()
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
        for &kind in ElementKind::ALL {
            let data = ElementData::new_with_label(kind, "x");
            assert_eq!(data.kind(), kind);
            let json = serde_json::to_value(&data).unwrap();
            assert_eq!(json["kind"], kind.as_str());
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
            let labelled = !kind.is_connector()
                && !matches!(
                    kind,
                    ElementKind::LintSettings
                        | ElementKind::Catalog
                        | ElementKind::Judgement
                        | ElementKind::EvidenceSettings
                        | ElementKind::Assessment
                        | ElementKind::SkillRequirement
                );
            if labelled || matches!(kind, ElementKind::SequenceFlow | ElementKind::MessageFlow) {
                assert_eq!(data.label(), "x", "{kind:?}");
            }
            assert_eq!(serde_json::from_value::<ElementData>(json).unwrap(), data);
        }
    }

    #[test]
    fn a_kind_field_does_not_clash_with_the_tag() {
        let data =
            ElementData::Activity(Activity {
                name: "受注".into(), kind: ActivityKind::UserTask, ..Default::default()
            });
        let json = serde_json::to_value(&data).unwrap();
        assert_eq!(json["kind"], "activity");
        assert_eq!(json["type"], "userTask");
        assert_eq!(serde_json::from_value::<ElementData>(json).unwrap(), data);
    }

    #[test]
    fn emotion_score_is_bounded() {
        let ok = ElementData::Emotion(Emotion { score: -2, ..Default::default() });
        let bad = ElementData::Emotion(Emotion { score: 3, ..Default::default() });
        assert!(ok.check().is_ok());
        assert!(bad.check().unwrap_err().contains("between -2 and 2"));
    }
}
