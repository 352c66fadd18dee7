//! The gap list (domain.md §2): what has to change to get from the as-is to the to-be, as items a
//! team plans and starts. An item stands for one difference between two versions of the model, or
//! is one the consultant adds by hand; it is linked to the elements it concerns (relation
//! `concerns`) and owned by an org function (relation `owns`).

use serde::{Deserialize, Serialize};

use crate::text::Text;

/// How far a gap item has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum GapStatus {
    #[default]
    Identified,
    Planned,
    Started,
    Done,
}

impl GapStatus {
    pub const ALL: [GapStatus; 4] = [GapStatus::Identified, GapStatus::Planned, GapStatus::Started, GapStatus::Done];

    pub fn name(self) -> Text {
        match self {
            GapStatus::Identified => Text::new("特定済み", "Identified"),
            GapStatus::Planned => Text::new("計画済み", "Planned"),
            GapStatus::Started => Text::new("着手", "Started"),
            GapStatus::Done => Text::new("完了", "Done"),
        }
    }
}

/// One item of the gap list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct GapItem {
    /// What changes, in the team's words (empty: the difference it stands for names it).
    pub title: String,
    pub note: String,
    /// The difference it stands for: the id of the element that differs (on the side that has it),
    /// or `None` for an item added by hand.
    pub change: Option<String>,
    /// The effort the team expects, 1 (small) to 5 (large); `None` until someone says.
    pub effort: Option<u8>,
    pub status: GapStatus,
}
