//! Journey kinds: journeys, stages and the cards of a journey map, and segments and personas.

use serde::{Deserialize, Serialize};

use crate::text::Text;

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
    /// An account still in the stage after this many days is stuck (state layer).
    pub stuck_after_days: Option<f64>,
    /// Where the stage sits in the customer's lifecycle (what the org rules and the sizing read).
    pub phase: Option<StagePhase>,
}

/// Where a stage sits in the customer's lifecycle. Onboarding is met once by each new account,
/// renewal once per contract term, adoption and expansion by the accounts that are there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum StagePhase {
    Onboarding,
    Adoption,
    Expansion,
    Renewal,
}

impl StagePhase {
    pub const ALL: [StagePhase; 4] =
        [StagePhase::Onboarding, StagePhase::Adoption, StagePhase::Expansion, StagePhase::Renewal];

    pub fn name(self) -> Text {
        match self {
            StagePhase::Onboarding => Text::new("導入", "Onboarding"),
            StagePhase::Adoption => Text::new("活用・定着", "Adoption"),
            StagePhase::Expansion => Text::new("拡大", "Expansion"),
            StagePhase::Renewal => Text::new("更新", "Renewal"),
        }
    }
}

/// What a card is about, as the user tags it. The org rules read these tags, never the card's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum WorkTag {
    /// Teaching: training, a workshop, a hands-on session.
    Teaching,
    /// Technical depth: an integration, an API, configuration, a data migration.
    Technical,
    /// Trouble: an error, a bug, an outage, a support ticket.
    Trouble,
    /// A request for the product (a feature, a change): for the roadmap.
    ProductRequest,
    /// Knowledge of the customer's field: its work, its rules and law.
    DomainKnowledge,
    /// Advocacy: case studies, references, a user group.
    Advocacy,
}

impl WorkTag {
    pub const ALL: [WorkTag; 6] = [
        WorkTag::Teaching,
        WorkTag::Technical,
        WorkTag::Trouble,
        WorkTag::ProductRequest,
        WorkTag::DomainKnowledge,
        WorkTag::Advocacy,
    ];

    pub fn name(self) -> Text {
        match self {
            WorkTag::Teaching => Text::new("教える場", "Teaching"),
            WorkTag::Technical => Text::new("技術（連携・設定・移行）", "Technical (integration, setup, migration)"),
            WorkTag::Trouble => Text::new("不具合・問い合わせ", "Trouble (errors, tickets)"),
            WorkTag::ProductRequest => Text::new("製品への要望", "Product request"),
            WorkTag::DomainKnowledge => Text::new("業界・業務の知識", "Domain knowledge"),
            WorkTag::Advocacy => Text::new("事例・推薦", "Advocacy (case studies, references)"),
        }
    }
}

/// A card with text and a note: a customer goal, a customer action or a CS action.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Card {
    pub text: String,
    /// Details, facts, a customer's own words.
    pub note: String,
    pub tags: Vec<WorkTag>,
    /// For a CS action: when it is done, in days after the customer enters the stage (none: on
    /// entering, or when the stumbling point it addresses is seen).
    pub day: Option<u32>,
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
    /// One account at a time, or many at once (a program); `None`: by its touch and channel.
    pub reach: Option<Reach>,
    pub tags: Vec<WorkTag>,
    /// When it happens, in days after the customer enters the stage (none: on entering).
    pub day: Option<u32>,
    /// How often it happens (sizing; the catalog's default when absent): for a one-to-one
    /// touchpoint, times per account — per year in adoption and expansion, per pass through an
    /// onboarding or renewal stage; for a program, runs per year.
    pub per_year: Option<f64>,
    /// CS working minutes each time: per account, or per run of a program (sizing; the catalog's
    /// default for the touch type when absent).
    pub minutes: Option<u32>,
}

impl Touchpoint {
    /// Whom it reaches each time: as set, else a program when it is tech touch, or low touch by a
    /// channel that reaches many at once (email, webinar, in-app, help center, community, event).
    pub fn reach(&self) -> Reach {
        self.reach.unwrap_or(match (self.touch, self.channel) {
            (Some(TouchType::Tech), _) => Reach::Program,
            (
                Some(TouchType::Low),
                Some(
                    Channel::Email
                    | Channel::Webinar
                    | Channel::InApp
                    | Channel::HelpCenter
                    | Channel::Community
                    | Channel::Event,
                ),
            ) => Reach::Program,
            _ => Reach::PerAccount,
        })
    }
}

/// Whom a touchpoint reaches each time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Reach {
    /// One account at a time: a meeting, a call, a visit.
    PerAccount,
    /// Many accounts at once: a webinar series, a mail campaign, a help-centre article.
    Program,
}

impl Reach {
    pub const ALL: [Reach; 2] = [Reach::PerAccount, Reach::Program];

    pub fn name(self) -> Text {
        match self {
            Reach::PerAccount => Text::new("1社ずつ", "One account at a time"),
            Reach::Program => Text::new("多数に一度に（プログラム）", "Many at once (a program)"),
        }
    }
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
    /// What people call the channel.
    pub fn name(self) -> Text {
        let (ja, en) = match self {
            Channel::Onsite => ("訪問", "On-site visit"),
            Channel::OnlineMeeting => ("オンライン会議", "Online meeting"),
            Channel::Phone => ("電話", "Phone"),
            Channel::Email => ("メール", "Email"),
            Channel::Chat => ("チャット", "Chat"),
            Channel::Webinar => ("ウェビナー", "Webinar"),
            Channel::InApp => ("アプリ内", "In-app"),
            Channel::HelpCenter => ("ヘルプセンター", "Help center"),
            Channel::Community => ("コミュニティ", "Community"),
            Channel::Event => ("イベント", "Event"),
            Channel::Other => ("その他", "Other"),
        };
        Text::new(ja, en)
    }

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

impl TouchType {
    pub const ALL: [TouchType; 3] = [TouchType::High, TouchType::Low, TouchType::Tech];

    pub fn name(self) -> Text {
        match self {
            TouchType::High => Text::new("ハイタッチ", "High touch"),
            TouchType::Low => Text::new("ロータッチ", "Low touch"),
            TouchType::Tech => Text::new("テックタッチ", "Tech touch"),
        }
    }
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
    pub tags: Vec<WorkTag>,
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
    /// The reason in a few words (a chip beside a play).
    pub fn short_name(self) -> Text {
        let (ja, en) = match self {
            StumblingReason::BenefitUnclear => ("ベネフィット", "Benefit"),
            StumblingReason::NotNow => ("タイミング", "Timing"),
            StumblingReason::GuidanceLacking => ("ガイダンス", "Guidance"),
            StumblingReason::NoNeedBias => ("必要性バイアス", "No-need bias"),
            StumblingReason::Other => ("その他", "Other"),
        };
        Text::new(ja, en)
    }

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
    /// Whether it moves before the outcome (leading) or records it (lagging).
    pub role: Option<MetricRole>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum MetricRole {
    Leading,
    Lagging,
}

impl MetricRole {
    pub const ALL: [MetricRole; 2] = [MetricRole::Leading, MetricRole::Lagging];

    pub fn name(self) -> Text {
        match self {
            MetricRole::Leading => Text::new("先行指標", "Leading"),
            MetricRole::Lagging => Text::new("遅行指標", "Lagging"),
        }
    }
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
    /// How many customer accounts the segment has (sizing).
    pub accounts: Option<u32>,
    /// How many new accounts it wins a year: they each pass through onboarding (sizing).
    pub new_per_year: Option<u32>,
    /// How many accounts come up for renewal a year (sizing; the catalog's contract term divides
    /// the accounts when absent).
    pub renewals_per_year: Option<u32>,
    /// Support contacts (tickets, calls) per account per year (sizing: the support load).
    pub contacts_per_account: Option<f64>,
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
