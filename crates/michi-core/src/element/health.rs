//! Account health data (domain.md §5). The health model: the bonfire's four elements in chain
//! order, each with its indicators, and how indicator values become scores; it is one element of
//! the workspace (`healthModel`), edited as a whole and undone as a whole. The account data: dated
//! snapshots of accounts imported from files (`accountSnapshot`) and judgements typed in the app
//! (`judgement`). Scores and what is read from them are `crate::health`'s.

use serde::{Deserialize, Serialize};

use super::journey::{CompanySize, Level};
use crate::id::ElementId;
use crate::text::Text;

/// The four links of the bonfire chain, in the order one explains the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Bonfire {
    /// 薪: the customer's people and structure (project owner, decision maker, members, opponents).
    Firewood,
    /// 種火: why the customer does this at all (company-driven or personal).
    Ember,
    /// 送風: our touchpoints (meetings, visits, calls, email, chat).
    Wind,
    /// 焚き火の状態: the result (login rate, feature usage, onboarding on schedule).
    Fire,
}

impl Bonfire {
    pub const CHAIN: [Bonfire; 4] = [Bonfire::Firewood, Bonfire::Ember, Bonfire::Wind, Bonfire::Fire];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn name(self) -> Text {
        match self {
            Bonfire::Firewood => Text::new("薪", "Firewood"),
            Bonfire::Ember => Text::new("種火", "Ember"),
            Bonfire::Wind => Text::new("送風", "Wind"),
            Bonfire::Fire => Text::new("焚き火の状態", "Fire"),
        }
    }
}

/// What an indicator reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum IndicatorKind {
    /// A CS member's judgement on a 1–5 scale.
    #[default]
    Judgement,
    /// A number from data (a rate, a count, days).
    Number,
    /// Yes or no (1 or 0 in the data).
    YesNo,
}

/// How a value becomes a score from 0 to 100.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Scoring {
    /// The score of the last step whose `atLeast` the value reaches (steps in rising `atLeast`);
    /// below the first step, 0. Scores may fall along the steps ("days since contact").
    Thresholds { steps: Vec<Threshold> },
    /// 0 at `from`, 100 at `to`, straight in between, clamped outside. `from > to` when less is
    /// better.
    Linear { from: f64, to: f64 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Threshold {
    pub at_least: f64,
    pub score: f64,
}

impl Scoring {
    /// The score of `value`, 0–100.
    pub fn score(&self, value: f64) -> f64 {
        match self {
            Scoring::Thresholds { steps } => {
                let mut score = 0.0;
                for s in steps {
                    if value >= s.at_least {
                        score = s.score;
                    } else {
                        break;
                    }
                }
                score.clamp(0.0, 100.0)
            }
            Scoring::Linear { from, to } => {
                if from == to {
                    return if value >= *to { 100.0 } else { 0.0 };
                }
                // `+ 0.0` makes a falling scale's −0 a plain 0.
                ((value - from) / (to - from)).clamp(0.0, 1.0) * 100.0 + 0.0
            }
        }
    }

    /// Why the scoring cannot be used as written, if so.
    pub fn problem(&self) -> Option<Text> {
        match self {
            Scoring::Thresholds { steps } if steps.is_empty() => {
                Some(Text::new("しきい値が一つもありません", "has no thresholds"))
            }
            Scoring::Thresholds { steps } => steps.windows(2).find(|w| w[0].at_least >= w[1].at_least).map(|w| {
                Text::new(
                    format!("しきい値が昇順ではありません（{} の次が {}）", w[0].at_least, w[1].at_least),
                    format!("has thresholds out of order ({} then {})", w[0].at_least, w[1].at_least),
                )
            }),
            Scoring::Linear { from, to } if from == to || !from.is_finite() || !to.is_finite() => Some(Text::new(
                format!("直線の両端が同じです（{from}）"),
                format!("has a linear scale with equal ends ({from})"),
            )),
            Scoring::Linear { .. } => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Indicator {
    /// Stable within the model: judgements and explanations name it.
    pub key: String,
    pub name: Text,
    pub kind: IndicatorKind,
    /// The header of the data column it reads.
    pub column: String,
    pub scoring: Scoring,
    /// Its share of its element's score (the weights of an element sum to 100).
    pub weight: f64,
}

/// One link of the chain with its indicators.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Link {
    pub element: Bonfire,
    /// Its share of the overall score when the formula is weighted (the four sum to 100).
    pub weight: f64,
    /// Below this score the link is weak: the diagnosis looks for the first weak link.
    pub weak_below: f64,
    /// What to do when this link is the weakest, before the playbook's own plays.
    pub next_action: Text,
    pub indicators: Vec<Indicator>,
}

/// How the overall score comes from the four element scores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Overall {
    /// The weighted mean of the elements known (weights renormalised over them).
    #[default]
    Weighted,
    /// The lowest element: a chain is as strong as its weakest link.
    Weakest,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct HealthModel {
    pub name: String,
    /// The four links, in chain order.
    pub links: Vec<Link>,
    pub overall: Overall,
}

impl Default for HealthModel {
    /// The default model, built from the seed article on the bonfire theory.
    fn default() -> Self {
        let t = Text::new;
        let judgement = |key: &str, name: Text, column: &str, weight: f64| Indicator {
            key: key.into(),
            name,
            kind: IndicatorKind::Judgement,
            column: column.into(),
            scoring: Scoring::Linear { from: 1.0, to: 5.0 },
            weight,
        };
        let yes_no = |key: &str, name: Text, column: &str, weight: f64, yes_is_good: bool| Indicator {
            key: key.into(),
            name,
            kind: IndicatorKind::YesNo,
            column: column.into(),
            scoring: if yes_is_good {
                Scoring::Linear { from: 0.0, to: 1.0 }
            } else {
                Scoring::Linear { from: 1.0, to: 0.0 }
            },
            weight,
        };
        let number = |key: &str, name: Text, column: &str, weight: f64, scoring: Scoring| Indicator {
            key: key.into(),
            name,
            kind: IndicatorKind::Number,
            column: column.into(),
            scoring,
            weight,
        };
        let steps = |s: &[(f64, f64)]| Scoring::Thresholds {
            steps: s.iter().map(|&(at_least, score)| Threshold { at_least, score }).collect(),
        };
        HealthModel {
            name: "焚き火ヘルススコア".into(),
            overall: Overall::Weighted,
            links: vec![
                Link {
                    element: Bonfire::Firewood,
                    weight: 30.0,
                    weak_below: 50.0,
                    next_action: t(
                        "決裁者に会い、プロジェクトの体制（推進担当・現場リーダー）の組み直しをお願いする",
                        "Meet the decision maker and ask them to re-form the project team (owner, field leaders)",
                    ),
                    indicators: vec![
                        yes_no(
                            "owner-named",
                            t("推進担当が決まっている", "A project owner is named"),
                            "推進担当",
                            40.0,
                            true,
                        ),
                        judgement(
                            "decision-maker",
                            t("決裁者が関与している", "The decision maker is engaged"),
                            "決裁者の関与",
                            40.0,
                        ),
                        yes_no("opponent", t("強い反対者がいる", "An active opponent"), "反対者", 20.0, false),
                    ],
                },
                Link {
                    element: Bonfire::Ember,
                    weight: 30.0,
                    weak_below: 50.0,
                    next_action: t(
                        "プロジェクトリーダーと1on1を持ち、取り組む理由（会社の方針・個人の想い）を聞き直す",
                        "Hold a one-to-one with the project leader and hear again why they do this (company plan, personal drive)",
                    ),
                    indicators: vec![
                        judgement(
                            "business-reason",
                            t("事業上の理由が言葉になっている", "A stated business reason"),
                            "事業上の理由",
                            60.0,
                        ),
                        yes_no(
                            "champion",
                            t("個人の推進者（チャンピオン）がいる", "A personal champion"),
                            "チャンピオン",
                            40.0,
                            true,
                        ),
                    ],
                },
                Link {
                    element: Bonfire::Wind,
                    weight: 20.0,
                    weak_below: 50.0,
                    next_action: t(
                        "薪と種火に合った接点に組み直す（定例の再設定、現場向けのレクチャー会）",
                        "Re-plan the touchpoints to fit the firewood and ember (reset the regular meeting, a lecture for the field)",
                    ),
                    indicators: vec![
                        number(
                            "meetings",
                            t("定例が予定どおり開かれた割合", "Meetings held as planned"),
                            "定例実施率",
                            40.0,
                            Scoring::Linear { from: 0.3, to: 1.0 },
                        ),
                        number(
                            "days-since-contact",
                            t("最後の接点からの日数", "Days since last contact"),
                            "最終接点からの日数",
                            40.0,
                            steps(&[(0.0, 100.0), (15.0, 70.0), (31.0, 35.0), (61.0, 0.0)]),
                        ),
                        number(
                            "channels",
                            t("使っているチャネルの数", "Channels used"),
                            "チャネル数",
                            20.0,
                            steps(&[(0.0, 0.0), (1.0, 40.0), (2.0, 75.0), (3.0, 100.0)]),
                        ),
                    ],
                },
                Link {
                    element: Bonfire::Fire,
                    weight: 20.0,
                    weak_below: 50.0,
                    next_action: t(
                        "現場向けのレクチャー会を開き、使われていない機能を一緒に使ってみる",
                        "Hold a lecture for the field on site and try the unused features together",
                    ),
                    indicators: vec![
                        number(
                            "login-rate",
                            t("ログイン率", "Login rate"),
                            "ログイン率",
                            40.0,
                            Scoring::Linear { from: 0.2, to: 0.9 },
                        ),
                        number(
                            "key-feature",
                            t("主要機能の利用率", "Key-feature usage"),
                            "主要機能利用率",
                            40.0,
                            Scoring::Linear { from: 0.1, to: 0.8 },
                        ),
                        yes_no(
                            "onboarding-on-time",
                            t("オンボーディングが予定どおり", "Onboarding on schedule"),
                            "オンボーディング予定どおり",
                            20.0,
                            true,
                        ),
                    ],
                },
            ],
        }
    }
}

impl HealthModel {
    /// The link of `element`, if the model has it.
    pub fn link(&self, element: Bonfire) -> Option<&Link> {
        self.links.iter().find(|l| l.element == element)
    }

    /// Every indicator with the link it belongs to.
    pub fn indicators(&self) -> impl Iterator<Item = (&Link, &Indicator)> {
        self.links.iter().flat_map(|l| l.indicators.iter().map(move |i| (l, i)))
    }
}

/// Accounts and their indicator values at a moment, as imported from a file (one element).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct AccountSnapshot {
    pub name: String,
    /// The moment described, seconds since 1970.
    pub as_of: f64,
    /// The file it came from.
    pub source: String,
    /// The journey whose stages the accounts are at, when the file says.
    pub journey: Option<ElementId>,
    /// The value columns, by header; each account's `values` follow them.
    pub columns: Vec<String>,
    pub accounts: Vec<AccountRow>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct AccountRow {
    /// The account's id in the customer's systems: what joins snapshots and judgements.
    pub id: String,
    pub name: String,
    /// The segment's name as the file gives it.
    pub segment: String,
    pub size: Option<CompanySize>,
    pub industry: String,
    pub motivation: Option<Level>,
    pub literacy: Option<Level>,
    /// The journey stage the account is at.
    pub stage: Option<ElementId>,
    /// Since when, seconds since 1970.
    pub stage_since: Option<f64>,
    pub values: Vec<Option<f64>>,
}

/// A CS member's judgement of one indicator of one account, typed in the app.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Judgement {
    pub account: String,
    /// The indicator's key in the health model.
    pub indicator: String,
    pub value: f64,
    /// When it was judged, seconds since 1970.
    pub at: f64,
    /// Who judged it.
    pub by: String,
    pub note: String,
}
