//! Rules of the health model (domain.md §5): every link of the chain has indicators, weights sum as
//! the formula expects, scoring functions are usable, and every indicator reads a column the data
//! has.

use super::index::Index;
use super::rule::{Category, Reach, Report, Rule};
use crate::element::Severity;
use crate::element::{Bonfire, HealthModel, IndicatorKind, Overall};
use crate::element::{ElementData, ElementKind};
use crate::text::Text;

pub static RULES: &[Rule] = &[
    Rule {
        id: "health-link-indicators",
        category: Category::Health,
        documentation: Severity::Warning,
        recommended: Severity::Off,
        title: ["焚き火の要素に指標がある", "Every bonfire link has indicators"],
        why: [
            "指標のない要素は測れず、鎖のどこが弱いかを説明できません。",
            "A link with no indicator cannot be measured, so the chain's weak link cannot be found.",
        ],
        fix: [
            "ヘルスモデルでこの要素に指標（判定・数値・はい/いいえ）を加えます。",
            "In the health model, add an indicator (a judgement, a number or a yes/no) to this link.",
        ],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::HealthModel]),
        check: link_indicators,
    },
    Rule {
        id: "health-weights",
        category: Category::Health,
        documentation: Severity::Warning,
        recommended: Severity::Off,
        title: ["重みの合計が100になる", "Weights sum to 100"],
        why: [
            "重みは割合として読まれます。合計が100でないと、どの指標がどれだけ効いているのか誤解されます。",
            "Weights are read as shares: when they do not sum to 100, people misread how much each one counts.",
        ],
        fix: [
            "要素の重み（加重平均のとき）と、各要素の中の指標の重みを、それぞれ合計100にします。",
            "Make the links' weights (for the weighted formula) and each link's indicator weights sum to 100.",
        ],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::HealthModel]),
        check: weights,
    },
    Rule {
        id: "health-scoring",
        category: Category::Health,
        documentation: Severity::Error,
        recommended: Severity::Off,
        title: ["点数の付け方が使える", "A scoring function can be used"],
        why: [
            "しきい値が昇順でない、または直線の両端が同じだと、値が点数になりません。",
            "Thresholds out of order, or a linear scale with equal ends, do not turn values into scores.",
        ],
        fix: [
            "しきい値を小さい順に並べるか、直線の両端を別の値にします。",
            "Put the thresholds in rising order, or give the linear scale two different ends.",
        ],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::HealthModel]),
        check: scoring,
    },
    Rule {
        id: "health-column-mapped",
        category: Category::Health,
        documentation: Severity::Warning,
        recommended: Severity::Off,
        title: ["指標の列がデータにある", "An indicator's column is in the data"],
        why: [
            "どのスナップショットにもない列を読む指標は、いつも値がなく、点数から外れます。",
            "An indicator reading a column no snapshot has never has a value and is left out of every score.",
        ],
        fix: [
            "指標の列名をCSVの見出しに合わせるか、その列を含むファイルを取り込みます。",
            "Match the indicator's column to the CSV's header, or import a file that has the column.",
        ],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::AccountSnapshot]),
        check: column_mapped,
    },
];

fn models<'a>(ix: &'a Index) -> impl Iterator<Item = (&'a crate::id::ElementId, &'a HealthModel)> {
    ix.of_kind(ElementKind::HealthModel).filter_map(|id| match ix.data(id) {
        Some(ElementData::HealthModel(m)) => Some((id, m)),
        _ => None,
    })
}

fn link_indicators(ix: &Index, r: &mut Report) {
    for (id, m) in models(ix) {
        for link in Bonfire::CHAIN {
            let empty = m.link(link).is_none_or(|l| l.indicators.is_empty());
            if empty {
                let n = link.name();
                r.add(
                    vec![id.clone()],
                    Text::new(format!("「{}」に指標がありません", n.ja), format!("{} has no indicator", n.en)),
                );
            }
        }
    }
}

fn off_100(sum: f64) -> bool {
    (sum - 100.0).abs() > 0.01
}

fn weights(ix: &Index, r: &mut Report) {
    for (id, m) in models(ix) {
        let total: f64 = m.links.iter().map(|l| l.weight).sum();
        if m.overall == Overall::Weighted && off_100(total) {
            r.add(
                vec![id.clone()],
                Text::new(
                    format!("4つの要素の重みの合計が{total}です（100にします）"),
                    format!("The links' weights sum to {total}, not 100"),
                ),
            );
        }
        for l in &m.links {
            let sum: f64 = l.indicators.iter().map(|i| i.weight).sum();
            if !l.indicators.is_empty() && off_100(sum) {
                let n = l.element.name();
                r.add(
                    vec![id.clone()],
                    Text::new(
                        format!("「{}」の指標の重みの合計が{sum}です（100にします）", n.ja),
                        format!("The weights of {}'s indicators sum to {sum}, not 100", n.en),
                    ),
                );
            }
        }
    }
}

fn scoring(ix: &Index, r: &mut Report) {
    for (id, m) in models(ix) {
        for (_, ind) in m.indicators() {
            if let Some(problem) = ind.scoring.problem() {
                r.add(
                    vec![id.clone()],
                    Text::new(
                        format!("指標「{}」の点数の付け方: {}", ind.name.ja, problem.ja),
                        format!("Indicator \"{}\" {}", ind.name.en, problem.en),
                    ),
                );
            }
        }
    }
}

fn column_mapped(ix: &Index, r: &mut Report) {
    let snapshots: Vec<&crate::health::AccountSnapshot> = ix
        .of_kind(ElementKind::AccountSnapshot)
        .filter_map(|id| match ix.data(id) {
            Some(ElementData::AccountSnapshot(s)) => Some(s),
            _ => None,
        })
        .collect();
    // Before any data is imported, the model is a design: nothing to check against.
    if snapshots.is_empty() {
        return;
    }
    let judged: Vec<&str> = ix
        .of_kind(ElementKind::Judgement)
        .filter_map(|id| match ix.data(id) {
            Some(ElementData::Judgement(j)) => Some(j.indicator.as_str()),
            _ => None,
        })
        .collect();
    for (id, m) in models(ix) {
        for (_, ind) in m.indicators() {
            let in_data = snapshots.iter().any(|s| s.columns.iter().any(|c| c == &ind.column));
            // A judgement may come from the app only.
            let judged_here = ind.kind == IndicatorKind::Judgement && judged.contains(&ind.key.as_str());
            if !in_data && !judged_here {
                r.add(
                    vec![id.clone()],
                    Text::new(
                        format!("指標「{}」の列「{}」がどのスナップショットにもありません", ind.name.ja, ind.column),
                        format!("Indicator \"{}\" reads column \"{}\", which no snapshot has", ind.name.en, ind.column),
                    ),
                );
            }
        }
    }
}
