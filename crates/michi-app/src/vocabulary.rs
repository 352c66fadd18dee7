//! The model's words as the front end translates them, gathered from where Rust keeps each one (one
//! author): element kinds, journey lanes, touch types, channels, stumbling reasons in short, metric
//! roles, stage phases, work tags, a touchpoint's reach, the bonfire's links, the health quadrants,
//! the classes of change between versions, a gap item's status, the five perspectives of a
//! conversation and the parts people play on the customer's side. The desktop shell writes them into the UI's
//! translations (`ui/src/i18n/vocabulary.ts`), so the screen, the documents and the pictures use
//! the same words.

use michi_core::diff::ChangeClass;
use michi_core::element::{
    Bonfire, Channel, ElementKind, GapStatus, MetricRole, PersonRole, Perspective, Reach, StagePhase, StumblingReason,
    TouchType, WorkTag,
};
use michi_core::health::Quadrant;
use michi_core::view::Lane;
use michi_core::{Text, look};
use serde::Serialize;
use serde_json::{Map, Value};

/// The key a value has in JSON (`customerGoal`, `high`).
fn key(value: impl Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn namespace<T: Serialize + Copy>(items: &[T], name: impl Fn(T) -> Text) -> [Map<String, Value>; 2] {
    let mut ja = Map::new();
    let mut en = Map::new();
    for &item in items {
        let text = name(item);
        ja.insert(key(item), text.ja.into());
        en.insert(key(item), text.en.into());
    }
    [ja, en]
}

/// `{"ja": {namespace: {key: word}}, "en": …}`.
pub fn vocabulary() -> Value {
    let namespaces = [
        ("kinds", namespace(ElementKind::ALL, ElementKind::name)),
        ("lanes", namespace(&Lane::ALL, |l| look::lane(l).name)),
        ("touch", namespace(&TouchType::ALL, TouchType::name)),
        ("channel", namespace(&Channel::ALL, Channel::name)),
        ("reasonShort", namespace(&StumblingReason::ALL, StumblingReason::short_name)),
        ("metricRole", namespace(&MetricRole::ALL, MetricRole::name)),
        ("phase", namespace(&StagePhase::ALL, StagePhase::name)),
        ("workTag", namespace(&WorkTag::ALL, WorkTag::name)),
        ("reach", namespace(&Reach::ALL, Reach::name)),
        ("bonfire", namespace(&Bonfire::CHAIN, Bonfire::name)),
        ("quadrant", namespace(&Quadrant::ALL, Quadrant::name)),
        ("changeClass", namespace(&ChangeClass::ALL, ChangeClass::name)),
        ("gapStatus", namespace(&GapStatus::ALL, GapStatus::name)),
        ("perspective", namespace(&Perspective::ALL, Perspective::name)),
        ("personRole", namespace(&PersonRole::ALL, PersonRole::name)),
    ];
    let mut ja = Map::new();
    let mut en = Map::new();
    for (name, [j, e]) in namespaces {
        ja.insert(name.into(), j.into());
        en.insert(name.into(), e.into());
    }
    serde_json::json!({ "ja": ja, "en": en })
}

/// The vocabulary as the TypeScript module the UI imports.
pub fn typescript() -> String {
    let json = serde_json::to_string_pretty(&vocabulary()).expect("words serialise");
    format!(
        "// Generated from Rust (michi_app::vocabulary) by the bindings test. Do not edit: change the words\n// where Rust keeps them.\n\nexport const vocabulary = {json};\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_there_in_both_languages() {
        let v = vocabulary();
        assert_eq!(v["ja"]["kinds"]["customerGoal"], "顧客のゴール");
        assert_eq!(v["en"]["lanes"]["touchpoint"], "Touchpoints");
        assert_eq!(v["ja"]["quadrant"]["churnRisk"], "解約リスク");
        assert_eq!(v["en"]["kinds"].as_object().unwrap().len(), ElementKind::ALL.len());
        for lang in ["ja", "en"] {
            for (_, words) in v[lang].as_object().unwrap() {
                assert!(words.as_object().unwrap().values().all(|w| !w.as_str().unwrap().is_empty()));
            }
        }
    }
}
