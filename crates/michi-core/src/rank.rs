//! Order keys for ordered relations (the stages of a journey, the cards of a stage).
//!
//! A rank is a string of base-62 digits compared byte by byte. Between any two ranks there is always
//! another one, so moving an item rewrites one relation, never its siblings, and the inverse of a move
//! is just the old rank. Ranks never end in the zero digit; that keeps "between" always possible.

use std::fmt;

use serde::{Deserialize, Serialize};

const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE: u8 = 62;

fn digit_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'Z' => Some(b - b'A' + 10),
        b'a'..=b'z' => Some(b - b'a' + 36),
        _ => None,
    }
}

/// An order key. The empty rank means "unordered" and is used by relation kinds that have no order.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(try_from = "String", into = "String")]
pub struct Rank(String);

impl Rank {
    pub fn unordered() -> Self {
        Self(String::new())
    }

    pub fn is_unordered(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A rank strictly between `lo` and `hi`; `None` stands for the start or the end of the list.
    /// `lo` must sort before `hi`; if it does not (a corrupt order), the result still sorts after `lo`.
    pub fn between(lo: Option<&Rank>, hi: Option<&Rank>) -> Rank {
        let lo: Vec<u8> = lo.map(|r| r.digits()).unwrap_or_default();
        let mut hi: Option<Vec<u8>> = hi.map(|r| r.digits()).filter(|h| *h > lo);
        let mut out = Vec::new();
        for i in 0.. {
            let a = lo.get(i).copied().unwrap_or(0);
            let Some(h) = &hi else {
                // No upper bound left: step up by one, which keeps appended keys short.
                if a + 1 < BASE {
                    out.push(a + 1);
                    break;
                }
                out.push(a);
                continue;
            };
            let b = h.get(i).copied().unwrap_or(0);
            if b > a + 1 {
                out.push((a + b) / 2);
                break;
            }
            out.push(a);
            if b == a + 1 {
                // The prefix is now below `hi` whatever follows.
                hi = None;
            }
        }
        Rank(out.into_iter().map(|d| DIGITS[d as usize] as char).collect())
    }

    /// `n` ranks in increasing order, for laying out a fresh list.
    pub fn sequence(n: usize) -> Vec<Rank> {
        let mut out: Vec<Rank> = Vec::with_capacity(n);
        for _ in 0..n {
            let next = Rank::between(out.last(), None);
            out.push(next);
        }
        out
    }

    fn digits(&self) -> Vec<u8> {
        self.0.bytes().filter_map(digit_value).collect()
    }
}

impl TryFrom<String> for Rank {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        if s.bytes().any(|b| digit_value(b).is_none()) {
            return Err(format!("rank {s:?} has a character outside 0-9A-Za-z"));
        }
        if s.ends_with('0') {
            return Err(format!("rank {s:?} ends with 0"));
        }
        Ok(Rank(s))
    }
}

impl From<Rank> for String {
    fn from(r: Rank) -> String {
        r.0
    }
}

impl fmt::Debug for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn r(s: &str) -> Rank {
        Rank::try_from(s.to_string()).unwrap()
    }

    #[test]
    fn first_ranks() {
        assert_eq!(Rank::between(None, None).as_str(), "1");
        assert_eq!(Rank::sequence(3).iter().map(Rank::as_str).collect::<Vec<_>>(), ["1", "2", "3"]);
        assert_eq!(Rank::between(None, Some(&r("1"))).as_str(), "01");
        assert_eq!(Rank::between(Some(&r("1")), Some(&r("2"))).as_str(), "11");
        assert_eq!(Rank::between(Some(&r("z")), None).as_str(), "z1");
    }

    #[test]
    fn rejects_bad_ranks() {
        assert!(Rank::try_from("a-b".to_string()).is_err());
        assert!(Rank::try_from("10".to_string()).is_err());
        assert!(Rank::try_from(String::new()).unwrap().is_unordered());
    }

    #[test]
    fn appending_a_thousand_keeps_keys_short() {
        let seq = Rank::sequence(1000);
        assert!(seq.windows(2).all(|w| w[0] < w[1]));
        assert!(seq.last().unwrap().as_str().len() <= 20, "{:?}", seq.last());
    }

    proptest! {
        /// Inserting anywhere, any number of times, always yields a key strictly between its neighbours.
        #[test]
        fn insertion_keeps_strict_order(positions in proptest::collection::vec(0usize..1000, 1..300)) {
            let mut list: Vec<Rank> = Vec::new();
            for p in positions {
                let i = p % (list.len() + 1);
                let lo = if i == 0 { None } else { list.get(i - 1) };
                let new = Rank::between(lo, list.get(i));
                if let Some(lo) = lo { prop_assert!(*lo < new); }
                if let Some(hi) = list.get(i) { prop_assert!(new < *hi); }
                prop_assert!(!new.as_str().ends_with('0'));
                list.insert(i, new);
            }
        }
    }
}
