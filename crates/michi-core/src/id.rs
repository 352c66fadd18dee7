//! Stable identifiers. An id is given once, when its element or view is created, and never changes:
//! it is what the store writes, what the history refers to and what BPMN export will use as an XML id.

use std::fmt;

use serde::{Deserialize, Serialize};
use smol_str::{SmolStr, format_smolstr};

/// Longest id accepted. Generated ids are about 20 characters; interchange formats bring longer ones
/// (BPMN tools write 50 and more, and tiling prefixes them).
const MAX_ID_LEN: usize = 256;

/// Checks the id grammar shared by elements and views: an XML NCName, so that ids from BPMN files are
/// kept as they are and ids made here are valid XML ids. A letter or `_` first, then letters,
/// digits, `-`, `_`, `.` or `·`.
fn check_id(s: &str) -> Result<(), String> {
    let mut chars = s.chars();
    match chars.next() {
        None => return Err("an id cannot be empty".into()),
        Some(c) if !(c.is_alphabetic() || c == '_') => {
            return Err(format!("id {s:?} must start with a letter or _"));
        }
        _ => {}
    }
    if s.len() > MAX_ID_LEN {
        return Err(format!("id {s:?} is longer than {MAX_ID_LEN} bytes"));
    }
    if let Some(bad) = chars.find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '·'))) {
        return Err(format!("id {s:?} contains {bad:?}"));
    }
    Ok(())
}

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        // Held as a `SmolStr`: an id of up to 23 bytes (most ids from BPMN tools, generated ids
        // with a short prefix) lives inside the value itself, so a clone allocates nothing and a
        // hash map's key comparison reads no memory elsewhere; a longer one is shared, and a clone
        // counts a reference. Large models hash, compare and clone ids millions of times.
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        pub struct $name(SmolStr);

        impl $name {
            /// Parses an id, rejecting what the id grammar does not allow.
            pub fn new(s: impl Into<String>) -> Result<Self, String> {
                Self::parse(&s.into())
            }

            /// Parses an id from borrowed text (no allocation for a short id).
            pub fn parse(s: &str) -> Result<Self, String> {
                check_id(s)?;
                Ok(Self(SmolStr::new(s)))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        /// Hashes and compares as its text, so maps keyed by ids are looked up with a `&str`.
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> {
                Self::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.into()
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("an id")
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<$name, E> {
                        $name::parse(s).map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:?}", self.0.as_str())
            }
        }
    };
}

string_id!(
    /// Identifies an element of the workspace graph.
    ElementId
);
string_id!(
    /// Identifies a view (a diagram) of the workspace.
    ViewId
);

/// Where new ids come from. The core does no IO, so randomness is a choice of the caller:
/// the app and the CLI use [`IdGen::random`]; tests use [`IdGen::sequential`] for repeatable ids.
pub struct IdGen {
    source: Source,
    /// The suffixes drawn so far, when asked to keep them ([`IdGen::recording`]).
    drawn: Option<Vec<String>>,
}

enum Source {
    Random,
    Sequential(u64),
    /// These suffixes first, in order, then random ones.
    Replay(std::collections::VecDeque<String>),
}

impl IdGen {
    pub fn random() -> Self {
        Self { source: Source::Random, drawn: None }
    }

    pub fn sequential() -> Self {
        Self { source: Source::Sequential(0), drawn: None }
    }

    /// Sequential ids after `n`: for a second set of ids that must not meet the first's.
    pub fn sequential_from(n: u64) -> Self {
        Self { source: Source::Sequential(n), drawn: None }
    }

    /// Random ids, keeping what was drawn ([`IdGen::drawn`]): an edit made offline is compiled
    /// again later with [`IdGen::replaying`] those, so the ids it made (and that later edits name)
    /// stay the same.
    pub fn recording() -> Self {
        Self { source: Source::Random, drawn: Some(Vec::new()) }
    }

    /// The ids `drawn` first, in order, then random ones.
    pub fn replaying(drawn: Vec<String>) -> Self {
        Self { source: Source::Replay(drawn.into()), drawn: None }
    }

    /// The suffixes drawn since [`IdGen::recording`] (empty for other sources).
    pub fn drawn(&self) -> &[String] {
        self.drawn.as_deref().unwrap_or(&[])
    }

    fn next_suffix(&mut self) -> String {
        let suffix = self.draw();
        if let Some(drawn) = &mut self.drawn {
            drawn.push(suffix.clone());
        }
        suffix
    }

    fn draw(&mut self) -> String {
        match &mut self.source {
            Source::Replay(queue) => match queue.pop_front() {
                Some(s) => s,
                None => {
                    self.source = Source::Random;
                    self.draw()
                }
            },
            Source::Random => {
                // 64 random bits: collisions are out of reach for any workspace a person builds.
                let bits = uuid::Uuid::new_v4().as_u64_pair().0;
                format!("{bits:016x}")
            }
            Source::Sequential(n) => {
                *n += 1;
                format!("{n}")
            }
        }
    }

    /// A new element id whose prefix names its kind, e.g. `stage-3f9c0a…`, to make logs readable.
    pub fn element(&mut self, prefix: &str) -> ElementId {
        ElementId(format_smolstr!("{prefix}-{}", self.next_suffix()))
    }

    pub fn view(&mut self) -> ViewId {
        ViewId(format_smolstr!("view-{}", self.next_suffix()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replay_draws_the_recorded_ids_then_new_ones() {
        let mut rec = IdGen::recording();
        let a = rec.element("stage");
        let v = rec.view();
        let mut replay = IdGen::replaying(rec.drawn().to_vec());
        assert_eq!(replay.element("stage"), a);
        assert_eq!(replay.view(), v);
        assert_ne!(replay.element("stage"), a, "past the recording, ids are new");
    }

    #[test]
    fn id_grammar() {
        assert!(ElementId::new("stage-1").is_ok());
        assert!(ElementId::new("a.b_c-9").is_ok());
        assert!(ElementId::new("").is_err());
        assert!(ElementId::new("_ab851300-b5de-4ad3").is_ok(), "BPMN ids often start with _");
        assert!(ElementId::new("ステージ1").is_ok(), "an NCName may be in any script");
        assert!(ElementId::new("1abc").is_err());
        assert!(ElementId::new("-abc").is_err());
        assert!(ElementId::new("a b").is_err());
        assert!(ElementId::new("a:b").is_err(), "no colon in an NCName");
        assert!(ElementId::new("a".repeat(256)).is_ok());
        assert!(ElementId::new("a".repeat(257)).is_err());
    }

    #[test]
    fn ids_round_trip_through_json_and_reject_bad_input() {
        let id = ElementId::new("journey-1").unwrap();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"journey-1\"");
        assert_eq!(serde_json::from_str::<ElementId>(&json).unwrap(), id);
        assert!(serde_json::from_str::<ElementId>("\"9lives\"").is_err());
    }

    #[test]
    fn generated_ids_are_valid_and_distinct() {
        let mut random = IdGen::random();
        let a = random.element("stage");
        let b = random.element("stage");
        assert_ne!(a, b);
        assert!(ElementId::new(a.as_str()).is_ok());
        assert!(ViewId::new(random.view().as_str()).is_ok());
        let mut seq = IdGen::sequential();
        assert_eq!(seq.element("card").as_str(), "card-1");
        assert_eq!(seq.element("card").as_str(), "card-2");
    }
}
