//! Evidence (domain.md §2): conversations with customers, each logged under the five perspectives,
//! and the quotes taken from them, tagged and linked to the parts of the model they support
//! (relations `quoteOf`, `taggedWith`, `supports`; tags nest by `tagIn`). Facts first: a quote keeps
//! the customer's words; what it supports is a link, not a copy.

use serde::{Deserialize, Serialize};

use super::journey::{CompanySize, Level};
use crate::text::Text;

/// The five perspectives a conversation is logged under, most important first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Perspective {
    /// The customer's problem and its background: what is going wrong.
    Problem,
    /// What the product solves, and what an operational proposal solves.
    ProductOrOperation,
    /// The proposal or explanation CS gave for that problem.
    Proposal,
    /// The customer's behaviour and stumbling points, positive and negative.
    Behaviour,
    /// The customer's requests.
    Request,
}

impl Perspective {
    /// A perspective as people write it: its number (1–5), its key (`productOrOperation`), its
    /// name in either language, or a short form one name holds and no other (`要望`, `Requests`).
    pub fn parse(text: &str) -> Option<Perspective> {
        let t = text.trim();
        if let Ok(n) = t.parse::<usize>() {
            return n.checked_sub(1).and_then(|i| Perspective::ALL.get(i).copied());
        }
        let exact = Perspective::ALL.into_iter().find(|p| {
            let name = p.name();
            // The JSON key is the variant's name with a small first letter.
            t == name.ja || t.eq_ignore_ascii_case(&name.en) || t.eq_ignore_ascii_case(&format!("{p:?}"))
        });
        exact.or_else(|| {
            let l = t.to_lowercase();
            let mut found = Perspective::ALL.into_iter().filter(|p| {
                let name = p.name();
                l.chars().count() >= 2 && (name.ja.contains(t) || name.en.to_lowercase().contains(&l))
            });
            found.next().filter(|_| found.next().is_none())
        })
    }

    pub const ALL: [Perspective; 5] = [
        Perspective::Problem,
        Perspective::ProductOrOperation,
        Perspective::Proposal,
        Perspective::Behaviour,
        Perspective::Request,
    ];

    pub fn name(self) -> Text {
        match self {
            Perspective::Problem => Text::new("顧客の課題と背景", "The customer's problem and its background"),
            Perspective::ProductOrOperation => Text::new(
                "製品で解決すること・運用提案で解決すること",
                "What the product solves, what an operational proposal solves",
            ),
            Perspective::Proposal => Text::new("CSの提案・説明", "What CS proposed or explained"),
            Perspective::Behaviour => {
                Text::new("顧客の行動とつまずき", "The customer's behaviour and stumbling points")
            }
            Perspective::Request => Text::new("顧客の要望", "The customer's requests"),
        }
    }
}

/// A person's part on the customer's side (the firewood of the bonfire model).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum PersonRole {
    /// Owns the project on the customer's side.
    Owner,
    DecisionMaker,
    Member,
    Opponent,
}

impl PersonRole {
    pub const ALL: [PersonRole; 4] =
        [PersonRole::Owner, PersonRole::DecisionMaker, PersonRole::Member, PersonRole::Opponent];

    pub fn name(self) -> Text {
        match self {
            PersonRole::Owner => Text::new("推進担当", "Project owner"),
            PersonRole::DecisionMaker => Text::new("決裁者", "Decision maker"),
            PersonRole::Member => Text::new("メンバー", "Member"),
            PersonRole::Opponent => Text::new("反対者", "Opponent"),
        }
    }
}

/// Someone met in a conversation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Person {
    pub name: String,
    pub title: String,
    pub role: Option<PersonRole>,
}

/// The notes of a conversation, one per perspective.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Notes {
    pub problem: String,
    pub product_or_operation: String,
    pub proposal: String,
    pub behaviour: String,
    pub request: String,
}

impl Notes {
    pub fn get(&self, p: Perspective) -> &str {
        match p {
            Perspective::Problem => &self.problem,
            Perspective::ProductOrOperation => &self.product_or_operation,
            Perspective::Proposal => &self.proposal,
            Perspective::Behaviour => &self.behaviour,
            Perspective::Request => &self.request,
        }
    }
}

/// A conversation with a customer account.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Conversation {
    /// When it took place: seconds since 1970 (UTC), the day's start.
    pub date: Option<f64>,
    /// The account: its id in the account data, or a name for one not there yet.
    pub account: String,
    pub account_name: String,
    pub people: Vec<Person>,
    /// Who interviewed (the CS side).
    pub interviewer: String,
    /// The account's segment attributes, which place the conversation in the segment cells.
    pub size: Option<CompanySize>,
    pub industry: String,
    pub motivation: Option<Level>,
    pub literacy: Option<Level>,
    pub notes: Notes,
}

/// Words of a customer, from a conversation's notes or typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Quote {
    pub text: String,
    pub perspective: Option<Perspective>,
}

/// A tag for quotes; tags nest (relation `tagIn`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Tag {
    pub name: String,
}

/// The workspace's evidence settings (at most one): how many customers to hear, and when evidence
/// is too old.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct EvidenceSettings {
    /// Customers (distinct accounts) to hear overall.
    pub target: u32,
    /// Evidence older than this many days is stale.
    pub stale_after_days: u32,
}

impl Default for EvidenceSettings {
    fn default() -> Self {
        // domain.md §2: at least 20–30 customers; a year-old conversation describes another company.
        EvidenceSettings { target: 20, stale_after_days: 365 }
    }
}
