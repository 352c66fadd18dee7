//! Account health on the bonfire model (domain.md §5). The model (`model.rs`) and the data —
//! dated snapshots of accounts imported from files, and judgements typed in the app — are elements
//! of the workspace; scores and diagnoses (`score.rs`) are computed when read.
//!
//! An account's value of an indicator *as of* a date is the newest of: the value in the latest
//! snapshot up to that date, and the judgements of that indicator up to that date. The current
//! view is as of the latest snapshot, with every judgement made since.

pub mod model;
pub mod read;
pub mod score;

use serde::{Deserialize, Serialize};

use crate::element::{CompanySize, Level};
use crate::id::ElementId;

pub use model::{Bonfire, HealthModel, Indicator, IndicatorKind, Link, Overall, Scoring, Threshold};
pub use score::{AccountScore, Quadrant, Scorer, Verdict};

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
