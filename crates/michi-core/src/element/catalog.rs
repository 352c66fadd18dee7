//! The workspace's catalog (at most one element): the editable data the derivations read — the
//! default intervention for each reason a customer does not act, the names and descriptions of the
//! twelve CS functions, and the assumptions of the sizing. A workspace without one, or an entry
//! missing from it, uses the built-in text (`Catalog::default()`), in Japanese and English.

use serde::{Deserialize, Serialize};

use super::{CsFunction, StumblingReason, TouchType};
use crate::text::Text;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Catalog {
    /// One per reason (no reason: a stumbling point whose reason is not known).
    pub interventions: Vec<Intervention>,
    pub functions: Vec<FunctionText>,
    pub sizing: SizingAssumptions,
    pub skills: SkillAssumptions,
}

/// What the skill matrix's judgements assume.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct SkillAssumptions {
    /// An assessment older than this many days before the newest one is stale.
    pub stale_after_days: u32,
    /// A play, or a function, with fewer people meeting its requirement than this is marked.
    pub min_qualified: u32,
}

impl SkillAssumptions {
    /// Why the assumptions cannot be used, if they cannot.
    pub fn check(&self) -> Result<(), String> {
        if self.stale_after_days == 0 {
            return Err("an assessment goes stale after 1 day or more, not 0".into());
        }
        if self.min_qualified == 0 {
            return Err("the fewest people who must meet a requirement is 1 or more, not 0".into());
        }
        Ok(())
    }
}

impl Default for SkillAssumptions {
    fn default() -> Self {
        SkillAssumptions { stale_after_days: 365, min_qualified: 2 }
    }
}

/// What the playbook suggests when the model has no CS action for a stumbling point of `reason`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Intervention {
    pub reason: Option<StumblingReason>,
    pub text: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FunctionText {
    pub function: CsFunction,
    pub name: Text,
    pub description: Text,
}

/// The assumptions of the sizing: how much CS time a touch takes and how many hours a person has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct SizingAssumptions {
    /// Working hours of one full-time person per year.
    pub hours_per_fte: f64,
    /// The share of those hours spent on customer work (0–1); the rest is meetings, admin, training.
    pub customer_share: f64,
    /// Times per account per year in an adoption or expansion stage, for a one-to-one touchpoint
    /// that does not say (in onboarding and renewal: once per pass).
    pub per_year: f64,
    /// CS minutes per account per touch, for a one-to-one touchpoint that does not say, by touch type.
    pub minutes_high: u32,
    pub minutes_low: u32,
    pub minutes_tech: u32,
    /// Runs per year of a program (a touchpoint reaching many at once) that does not say.
    pub program_runs: f64,
    /// CS minutes to prepare and run a program once, where it does not say.
    pub program_minutes: u32,
    /// CS minutes per support contact (a ticket, a call).
    pub minutes_per_contact: u32,
    /// Contract term in years: a segment that does not say how many accounts renew a year renews
    /// its accounts ÷ this.
    pub contract_years: f64,
}

impl Default for SizingAssumptions {
    fn default() -> Self {
        SizingAssumptions {
            hours_per_fte: 1800.0,
            customer_share: 0.6,
            per_year: 1.0,
            minutes_high: 60,
            minutes_low: 15,
            minutes_tech: 0,
            program_runs: 4.0,
            program_minutes: 240,
            minutes_per_contact: 20,
            contract_years: 1.0,
        }
    }
}

impl SizingAssumptions {
    pub fn minutes(&self, touch: Option<TouchType>) -> u32 {
        match touch {
            Some(TouchType::High) => self.minutes_high,
            Some(TouchType::Low) | None => self.minutes_low,
            Some(TouchType::Tech) => self.minutes_tech,
        }
    }

    /// Hours of customer work one full-time person gives in a year.
    pub fn hours_per_person(&self) -> f64 {
        self.hours_per_fte * self.customer_share
    }

    /// Why the assumptions cannot be used, if they cannot.
    pub fn check(&self) -> Result<(), String> {
        if !(self.hours_per_fte.is_finite() && self.hours_per_fte > 0.0) {
            return Err(format!("hours per person must be more than 0, not {}", self.hours_per_fte));
        }
        if !(self.customer_share > 0.0 && self.customer_share <= 1.0) {
            return Err(format!(
                "the share of customer work must be above 0 and at most 1, not {}",
                self.customer_share
            ));
        }
        if !(self.per_year.is_finite() && self.per_year >= 0.0) {
            return Err(format!("times per year must be 0 or more, not {}", self.per_year));
        }
        if !(self.program_runs.is_finite() && self.program_runs >= 0.0) {
            return Err(format!("runs of a program per year must be 0 or more, not {}", self.program_runs));
        }
        if !(self.contract_years.is_finite() && self.contract_years > 0.0) {
            return Err(format!("the contract term must be more than 0 years, not {}", self.contract_years));
        }
        Ok(())
    }
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog {
            interventions: [None]
                .into_iter()
                .chain(StumblingReason::ALL.map(Some))
                .filter(|r| *r != Some(StumblingReason::Other))
                .map(|reason| Intervention { reason, text: builtin_intervention(reason) })
                .collect(),
            functions: CsFunction::ALL
                .iter()
                .map(|&function| {
                    let (name, description) = builtin_function(function);
                    FunctionText { function, name, description }
                })
                .collect(),
            sizing: SizingAssumptions::default(),
            skills: SkillAssumptions::default(),
        }
    }
}

impl Catalog {
    /// The default intervention for `reason` (`Other` reads the entry for an unknown reason).
    pub fn intervention(&self, reason: Option<StumblingReason>) -> Text {
        let reason = reason.filter(|r| *r != StumblingReason::Other);
        self.interventions
            .iter()
            .find(|i| i.reason == reason && !(i.text.ja.trim().is_empty() && i.text.en.trim().is_empty()))
            .map(|i| i.text.clone())
            .unwrap_or_else(|| builtin_intervention(reason))
    }

    /// A function's name and what it does.
    pub fn function(&self, function: CsFunction) -> (Text, Text) {
        let builtin = builtin_function(function);
        match self.functions.iter().find(|f| f.function == function) {
            Some(f) => (or(&f.name, builtin.0), or(&f.description, builtin.1)),
            None => builtin,
        }
    }

    /// Every entry present, in the built-in order, with the built-in text where this one has none:
    /// what an editor shows.
    pub fn complete(&self) -> Catalog {
        let builtin = Catalog::default();
        Catalog {
            interventions: builtin
                .interventions
                .iter()
                .map(|i| Intervention { reason: i.reason, text: self.intervention(i.reason) })
                .collect(),
            functions: CsFunction::ALL
                .iter()
                .map(|&function| {
                    let (name, description) = self.function(function);
                    FunctionText { function, name, description }
                })
                .collect(),
            sizing: self.sizing.clone(),
            skills: self.skills.clone(),
        }
    }
}

/// `text`, with each empty language taken from `builtin`.
fn or(text: &Text, builtin: Text) -> Text {
    let pick = |own: &str, b: String| if own.trim().is_empty() { b } else { own.to_string() };
    Text { ja: pick(&text.ja, builtin.ja), en: pick(&text.en, builtin.en) }
}

/// The built-in default intervention per reason (domain.md §2: the four reasons customers do not act).
fn builtin_intervention(reason: Option<StumblingReason>) -> Text {
    let (ja, en) = match reason {
        Some(StumblingReason::BenefitUnclear) => (
            "顧客の業務の言葉で、得られる成果を具体的に示す（同業の事例、数字での効果）",
            "Show the outcome in the customer's own business terms (a peer's case, the effect in numbers)",
        ),
        Some(StumblingReason::NotNow) => (
            "顧客の予定（繁忙期・決算・体制変更）を聞き、提案の時期を決め直す",
            "Ask about the customer's calendar (busy season, year end, reorganisation) and re-time the proposal",
        ),
        Some(StumblingReason::GuidanceLacking) => (
            "操作を一緒にやる場（ハンズオン・個別サポート）を設け、手順書を渡す",
            "Hold a hands-on session or one-to-one support, and hand over a step-by-step guide",
        ),
        Some(StumblingReason::NoNeedBias) => (
            "「不要」という思い込みに正面から向き合う：小さな試行を一緒に設計する",
            "Face the 'we don't need it' bias: design a small trial together",
        ),
        Some(StumblingReason::Other) | None => (
            "つまずきの理由を顧客と確かめ、理由に合う打ち手を選ぶ",
            "Confirm with the customer why they stumble, then pick the remedy that fits the reason",
        ),
    };
    Text::new(ja, en)
}

/// The built-in name and description of each of the twelve functions (domain.md §4).
fn builtin_function(function: CsFunction) -> (Text, Text) {
    let (ja, en, dja, den) = match function {
        CsFunction::Leadership => (
            "リーダーシップ（CCO・責任者）",
            "Leadership (CCO, director)",
            "CS組織の方針と体制を決め、各機能を束ねる",
            "Sets the CS organization's direction and structure, and leads the functions",
        ),
        CsFunction::AccountManagement => (
            "アカウントマネジメント",
            "Account management",
            "担当顧客の関係を持ち、拡大・更新を進める",
            "Owns customer relationships and drives expansion and renewal",
        ),
        CsFunction::DomainExpertise => (
            "業界・業務の専門家",
            "Domain / subject-matter expertise",
            "顧客の業界と業務に通じ、使い方を業務の言葉で示す",
            "Knows the customer's industry and work, and shows the product in their terms",
        ),
        CsFunction::Services => (
            "サービス（導入・実装）",
            "Services (onboarding, implementation)",
            "導入・実装・プロフェッショナルサービスを担う",
            "Delivers onboarding, implementation and professional services",
        ),
        CsFunction::Education => (
            "教育・トレーニング",
            "Education",
            "研修・勉強会・教材で顧客が自走できるようにする",
            "Trains customers with courses, sessions and materials so they can run on their own",
        ),
        CsFunction::Support => {
            ("サポート", "Support", "問い合わせと不具合に対応する", "Answers questions and resolves problems")
        }
        CsFunction::ProductLiaison => (
            "プロダクト連携",
            "Product liaison",
            "顧客の要望をプロダクトのロードマップにつなぐ",
            "Brings customer requests into the product roadmap",
        ),
        CsFunction::SolutionsEngineering => (
            "ソリューションエンジニアリング",
            "Solutions engineering",
            "契約後の技術的な深掘り（連携・設定・移行）を担う",
            "Provides post-sale technical depth (integration, setup, migration)",
        ),
        CsFunction::CustomerEnablement => (
            "カスタマーイネーブルメント",
            "Customer enablement",
            "コミュニティ・イベント・NPS・事例・ナレッジベースを運営する",
            "Runs community, events, NPS, advocacy and the knowledge base",
        ),
        CsFunction::CustomerMarketing => (
            "カスタマーマーケティング",
            "Customer marketing / communications",
            "ロータッチ・テックタッチの施策を大規模に届ける",
            "Delivers low-touch and tech-touch programs at scale",
        ),
        CsFunction::Operations => (
            "CSオペレーション",
            "Operations",
            "ツール・レポート・ジャーニーの監視と継続的な改善を担う",
            "Runs tools, reporting, journey monitoring and continuous improvement",
        ),
        CsFunction::DataScience => (
            "データサイエンス・分析",
            "Data science / analytics",
            "ヘルススコア・ジャーニー指標・傾向・リスク顧客を分析し、プレイブックの改善を提案する",
            "Analyses health scores, journey metrics, trends and at-risk accounts, and proposes playbook changes",
        ),
    };
    (Text::new(ja, en), Text::new(dja, den))
}
