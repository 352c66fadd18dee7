//! The glossary: the common language (共通言語) the vendor's team and the customer share. Terms are
//! linked explicitly to the elements that use them (relation `usesTerm`).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Term {
    /// The term as the team says it (usually Japanese).
    pub term: String,
    pub term_en: String,
    pub definition: String,
    pub definition_en: String,
}
