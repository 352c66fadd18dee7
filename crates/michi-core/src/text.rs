//! Text in both languages of the UI. Everything Michi writes for people (rule messages, derived
//! sentences, default catalogs) carries Japanese and English side by side; the front end picks one.

use serde::{Deserialize, Serialize};

/// Text in both languages of the UI.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Text {
    pub ja: String,
    pub en: String,
}

impl Text {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Text {
        Text { ja: ja.into(), en: en.into() }
    }

    /// The same words in both languages (a name from the model).
    pub fn same(s: impl Into<String>) -> Text {
        let s = s.into();
        Text { ja: s.clone(), en: s }
    }

    /// The text in one language.
    pub fn pick(&self, japanese: bool) -> &str {
        if japanese { &self.ja } else { &self.en }
    }
}
