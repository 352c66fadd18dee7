//! Rules on the evidence (domain.md §2: facts first, 20–30 customers across the segments), checked
//! once a conversation has been logged: before that, a model is not at fault for lacking evidence.

use super::index::Index;
use super::rule::{Category, Reach, Report, Rule};
use crate::derive::evidence::coverage;
use crate::element::{ElementData, ElementKind, Polarity, Severity};
use crate::relation::RelationKind;
use crate::text::Text;

pub static RULES: &[Rule] = &[
    Rule {
        id: "stumbling-point-evidence",
        category: Category::Journey,
        documentation: Severity::Warning,
        recommended: Severity::Off,
        title: ["つまずきに顧客の言葉の裏付けがある", "A stumbling point has a customer's words behind it"],
        why: [
            "裏付けのないつまずきは、想像かもしれません。事実（顧客の言葉）を先に、抽象化は後に。",
            "A stumbling point nobody said may be imagined. Facts first (the customer's words), abstraction later.",
        ],
        fix: ["会話の引用をこのつまずきに結び付けます。", "Link a quote from a conversation to this stumbling point."],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::StumblingPoint]),
        check: stumbling_evidence,
    },
    Rule {
        id: "segment-heard",
        category: Category::Journey,
        documentation: Severity::Warning,
        recommended: Severity::Off,
        title: ["セグメントごとに顧客の話を聞いている", "Every segment has been heard"],
        why: [
            "規模・業種・意欲とリテラシーの3つのセグメントを網羅しないと、現状は一部の顧客の姿になります。",
            "Without conversations in every segment (size, industry, motivation and literacy), the as-is describes some customers only.",
        ],
        fix: ["このセグメントの顧客との会話を記録します。", "Log a conversation with a customer of this segment."],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::Segment]),
        check: segment_heard,
    },
    Rule {
        id: "evidence-one-account",
        category: Category::Journey,
        documentation: Severity::Info,
        recommended: Severity::Off,
        title: ["1社だけの言葉に頼っていない", "An element rests on more than one account"],
        why: [
            "1社の言葉だけに支えられた要素は、その会社の事情かもしれません。",
            "An element only one account's words support may be that company's particular case.",
        ],
        fix: [
            "他の顧客の言葉で裏付けるか、1社の事情として扱います。",
            "Support it with another customer's words, or treat it as one company's case.",
        ],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::Quote]),
        check: one_account,
    },
    Rule {
        id: "evidence-stale",
        category: Category::Journey,
        documentation: Severity::Info,
        recommended: Severity::Off,
        title: ["裏付けが古すぎない", "The evidence is recent"],
        why: [
            "古い会話は、今の顧客の姿とは限りません（経過日数は最後に記録した会話から数えます）。",
            "An old conversation may no longer describe the customer (its age counts from the last conversation logged).",
        ],
        fix: ["改めて顧客の話を聞き、新しい引用を結び付けます。", "Hear the customers again and link newer quotes."],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::Quote]),
        check: stale,
    },
];

/// Whether evidence is being gathered (a conversation is logged).
fn gathering(ix: &Index) -> bool {
    ix.of_kind(ElementKind::Conversation).next().is_some()
}

fn stumbling_evidence(ix: &Index, r: &mut Report) {
    if !gathering(ix) {
        return;
    }
    for point in ix.of_kind(ElementKind::StumblingPoint) {
        // A positive one (something going better than planned) is welcome without proof.
        if matches!(ix.data(point), Some(ElementData::StumblingPoint(s)) if s.polarity == Polarity::Positive) {
            continue;
        }
        if ix.sources(point, RelationKind::Supports).next().is_none() {
            let name = ix.label(point);
            r.add(
                vec![point.clone()],
                Text::new(
                    format!("つまずき「{name}」を裏付ける顧客の言葉がありません"),
                    format!("No customer's words support stumbling point \"{name}\""),
                ),
            );
        }
    }
}

fn segment_heard(ix: &Index, r: &mut Report) {
    if !gathering(ix) {
        return;
    }
    for cell in coverage(ix.ws).cells.iter().filter(|c| c.conversations == 0) {
        let name = &cell.segment.name;
        r.add(
            vec![cell.segment.id.clone()],
            Text::new(
                format!("セグメント「{name}」の顧客との会話がありません"),
                format!("No conversation with a customer of segment \"{name}\""),
            ),
        );
    }
}

fn one_account(ix: &Index, r: &mut Report) {
    for b in coverage(ix.ws).elements.iter().filter(|b| b.accounts == 1) {
        let name = &b.element.name;
        r.add(
            vec![b.element.id.clone()],
            Text::new(
                format!("「{name}」を裏付けるのは1社の言葉だけです"),
                format!("Only one account's words support \"{name}\""),
            ),
        );
    }
}

fn stale(ix: &Index, r: &mut Report) {
    let c = coverage(ix.ws);
    let Some(latest) = c.latest else { return };
    let limit = f64::from(c.settings.stale_after_days) * 86_400.0;
    for b in c.elements.iter().filter(|b| b.newest.is_some_and(|n| latest - n > limit)) {
        let days = ((latest - b.newest.unwrap_or(latest)) / 86_400.0).floor();
        let name = &b.element.name;
        r.add(
            vec![b.element.id.clone()],
            Text::new(
                format!("「{name}」の裏付けは最新の会話より{days}日古いものだけです"),
                format!("The newest evidence for \"{name}\" is {days} days older than the latest conversation"),
            ),
        );
    }
}
