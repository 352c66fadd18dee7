//! Account health on the bonfire model (domain.md §5). The model and the data (`crate::element::health`) —
//! dated snapshots of accounts imported from files, and judgements typed in the app — are elements
//! of the workspace; scores and diagnoses (`score.rs`) are computed when read.
//!
//! An account's value of an indicator *as of* a date is the newest of: the value in the latest
//! snapshot up to that date, and the judgements of that indicator up to that date. The current
//! view is as of the latest snapshot, with every judgement made since.

pub mod read;
pub mod score;

pub use crate::element::{
    AccountRow, AccountSnapshot, Bonfire, HealthModel, Indicator, IndicatorKind, Judgement, Link, Overall, Scoring,
    Threshold,
};
pub use score::{AccountScore, Quadrant, Scorer, Verdict};
