//! Scores and the diagnosis of an account (domain.md §5), computed when read, never stored.
//!
//! **Indicator score**: the indicator's scoring function applied to its value, 0–100.
//!
//! **Missing values**: an indicator with no value (an empty cell, a column the snapshot does not
//! have, no judgement yet) is left out; the other indicators of its link carry its weight. A link
//! none of whose indicators has a value is *unknown*. The explanation names what is missing.
//!
//! **Link score**: the weighted mean of its indicators that have a value.
//!
//! **Overall score**: `weighted` (default) — the weighted mean of the known links, their weights
//! renormalised over them; `weakest` — the lowest known link. No known link: no overall score.
//!
//! **Weakest link** (the diagnosis): walking the chain in order — firewood, ember, wind, fire — the
//! first link scoring below its `weakBelow` threshold, even when a later link scores lower (an empty
//! firewood pile explains a dead fire before usage does). An unknown link met before any weak one
//! stops the walk: it may be what explains the rest, so the diagnosis asks for it to be judged.
//! Every link known and none weak: healthy.

use serde::{Deserialize, Serialize};

use crate::text::Text;

use crate::element::{Bonfire, HealthModel, Scoring};

/// The score of one account. Scores are 0–100; `None` where nothing is known.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AccountScore {
    /// Firewood, ember, wind, fire.
    pub links: [Option<f64>; 4],
    pub overall: Option<f64>,
    pub verdict: Verdict,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", content = "link", rename_all = "camelCase")]
pub enum Verdict {
    /// The first link in chain order below its threshold.
    Weak(Bonfire),
    /// A link with no value, met before any weak link.
    Unknown(Bonfire),
    Healthy,
}

impl Verdict {
    /// The link the next action is about, if any.
    pub fn link(self) -> Option<Bonfire> {
        match self {
            Verdict::Weak(l) | Verdict::Unknown(l) => Some(l),
            Verdict::Healthy => None,
        }
    }
}

/// One indicator, ready to score: where its value is in a row, its weight, its function.
struct Slot<'m> {
    column: Option<usize>,
    weight: f64,
    scoring: &'m Scoring,
}

/// A health model bound to a snapshot's columns, to score its rows quickly.
pub struct Scorer<'m> {
    model: &'m HealthModel,
    /// Per link in chain order: its slots, its weight in the overall, its threshold.
    links: [(Vec<Slot<'m>>, f64, f64, bool); 4],
    /// Per indicator in model order (link by link): its (link, slot) position.
    positions: Vec<(usize, usize)>,
}

impl<'m> Scorer<'m> {
    /// Binds `model` to a table whose value columns are `columns` (by header).
    pub fn new(model: &'m HealthModel, columns: &[String]) -> Scorer<'m> {
        let mut links: [(Vec<Slot<'m>>, f64, f64, bool); 4] = Default::default();
        let mut positions = Vec::new();
        for link in &model.links {
            let i = link.element.index();
            links[i].1 = link.weight;
            links[i].2 = link.weak_below;
            links[i].3 = true;
            for ind in &link.indicators {
                positions.push((i, links[i].0.len()));
                links[i].0.push(Slot {
                    column: columns.iter().position(|c| c == &ind.column),
                    weight: ind.weight.max(0.0),
                    scoring: &ind.scoring,
                });
            }
        }
        Scorer { model, links, positions }
    }

    pub fn model(&self) -> &'m HealthModel {
        self.model
    }

    /// The scores of a row of values (aligned with the columns), with `overrides` — (indicator
    /// index in model order, value) — taking the place of the row's values (manual judgements).
    pub fn score(&self, values: &[Option<f64>], overrides: &[(usize, f64)]) -> AccountScore {
        let mut link_scores = [None; 4];
        for (li, (slots, _, _, present)) in self.links.iter().enumerate() {
            if !present {
                continue;
            }
            let (mut sum, mut weights) = (0.0, 0.0);
            for (si, slot) in slots.iter().enumerate() {
                let over = overrides.iter().rev().find(|(ix, _)| self.positions.get(*ix) == Some(&(li, si)));
                let value = match over {
                    Some((_, v)) => Some(*v),
                    None => slot.column.and_then(|c| values.get(c).copied().flatten()),
                };
                if let Some(v) = value {
                    sum += slot.scoring.score(v) * slot.weight;
                    weights += slot.weight;
                }
            }
            if weights > 0.0 {
                link_scores[li] = Some(sum / weights);
            }
        }
        let overall = match self.model.overall {
            crate::element::Overall::Weighted => {
                let (mut sum, mut weights) = (0.0, 0.0);
                for (li, s) in link_scores.iter().enumerate() {
                    if let Some(s) = s {
                        sum += s * self.links[li].1;
                        weights += self.links[li].1;
                    }
                }
                (weights > 0.0).then(|| sum / weights)
            }
            crate::element::Overall::Weakest => link_scores.iter().flatten().copied().reduce(f64::min),
        };
        let mut verdict = Verdict::Healthy;
        for link in Bonfire::CHAIN {
            let (_, _, weak_below, present) = &self.links[link.index()];
            if !present {
                continue;
            }
            match link_scores[link.index()] {
                None => {
                    verdict = Verdict::Unknown(link);
                    break;
                }
                Some(s) if s < *weak_below => {
                    verdict = Verdict::Weak(link);
                    break;
                }
                Some(_) => {}
            }
        }
        AccountScore { links: link_scores, overall, verdict }
    }
}

/// The quadrant of an account on the firewood × fire plot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Quadrant {
    /// Firewood and fire both good.
    Success,
    /// Good firewood, weak fire: the people are there, usage is not yet.
    Kindling,
    /// Weak firewood, good fire: usage that can go out when a person moves on.
    AtRisk,
    /// Both weak.
    ChurnRisk,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [Quadrant::Success, Quadrant::Kindling, Quadrant::AtRisk, Quadrant::ChurnRisk];

    /// What people call the quadrant.
    pub fn name(self) -> Text {
        match self {
            Quadrant::Success => Text::new("成功", "Success"),
            Quadrant::Kindling => Text::new("薪はあるが火が弱い", "Wood without fire"),
            Quadrant::AtRisk => Text::new("火はあるが薪が弱い", "Fire without wood"),
            Quadrant::ChurnRisk => Text::new("解約リスク", "Churn risk"),
        }
    }

    /// Where `score` sits, against each link's threshold; `None` unless both are known.
    pub fn of(score: &AccountScore, model: &HealthModel) -> Option<Quadrant> {
        let threshold = |l: Bonfire| model.link(l).map(|x| x.weak_below).unwrap_or(50.0);
        let wood = score.links[Bonfire::Firewood.index()]? >= threshold(Bonfire::Firewood);
        let fire = score.links[Bonfire::Fire.index()]? >= threshold(Bonfire::Fire);
        Some(match (wood, fire) {
            (true, true) => Quadrant::Success,
            (true, false) => Quadrant::Kindling,
            (false, true) => Quadrant::AtRisk,
            (false, false) => Quadrant::ChurnRisk,
        })
    }
}
