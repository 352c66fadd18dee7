//! The rules that recommend CS functions, as a table like the diagnosis rules: each has a stable id,
//! the function it calls for, the kinds of element it reads, what it looks for (ja/en, the text of
//! `docs/org-rules.md`, generated from this table) and its check, which gives the reason shown for
//! each element it fires on.
//!
//! Rules run element by element, in table order; Leadership is not a row: it is recommended once
//! three or more other functions are (someone leads them), in `super::recommend`.

use crate::element::{Channel, CsFunction, Element, ElementData, ElementKind, StumblingReason, TouchType};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::text::Text;
use crate::workspace::Workspace;

/// One recommendation rule.
pub struct OrgRule {
    /// Stable id, `function/what` (e.g. `education/guidance-lacking`).
    pub id: &'static str,
    pub function: CsFunction,
    /// The kinds of element the rule reads.
    pub kinds: &'static [ElementKind],
    /// What it looks for: [ja, en].
    pub looks_for: [&'static str; 2],
    /// The reasons it gives for `element` (none when it does not fire; an activity serving two
    /// onboarding stages gives two).
    pub check: fn(&Workspace, &Element) -> Vec<Text>,
}

fn has_any(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|w| lower.contains(w))
}

const TEACHING: &[&str] = &[
    "研修",
    "勉強会",
    "講習",
    "トレーニング",
    "ハンズオン",
    "ワークショップ",
    "training",
    "workshop",
    "lecture",
    "hands-on",
];
const COMMUNITY: &[&str] = &["ユーザー会", "事例", "コミュニティ", "community", "user group", "case stud"];
const REQUESTS: &[&str] = &["要望", "機能追加", "feature request", "feature"];
const TECHNICAL: &[&str] = &["連携", "api", "設定", "移行", "integration", "setup", "migration"];
const TROUBLE: &[&str] = &["エラー", "不具合", "障害", "問い合わせ", "error", "bug", "outage", "ticket"];
const ONBOARDING: &[&str] = &["オンボーディング", "導入", "立ち上げ", "onboarding", "implementation"];
const GROWTH: &[&str] = &["拡大", "更新", "expansion", "renewal", "upsell"];

fn label(ws: &Workspace, id: &ElementId) -> String {
    ws.data(id).map(|d| d.label().to_string()).unwrap_or_default()
}

/// The name of the stage holding a card, when its name has one of `words`.
fn stage_named(ws: &Workspace, card: &ElementId, words: &[&str]) -> Option<String> {
    let stage = ws.container(card, RelationKind::InStage)?;
    let name = label(ws, &stage);
    has_any(&name, words).then_some(name)
}

fn one(fires: bool, ja: impl FnOnce() -> String, en: impl FnOnce() -> String) -> Vec<Text> {
    if fires { vec![Text::new(ja(), en())] } else { Vec::new() }
}

fn high_touch(e: &Element) -> bool {
    matches!(&e.data, ElementData::Touchpoint(t) if t.touch == Some(TouchType::High))
}

/// Every rule, in the order they run on an element (and reasons are listed).
pub static RULES: &[OrgRule] = &[
    OrgRule {
        id: "education/guidance-lacking",
        function: CsFunction::Education,
        kinds: &[ElementKind::StumblingPoint],
        looks_for: ["理由が「ガイド不足」のつまずき", "a stumbling point whose reason is \"guidance lacking\""],
        check: |_, e| {
            let t = e.data.label();
            let fires = matches!(&e.data, ElementData::StumblingPoint(sp) if sp.reason == Some(StumblingReason::GuidanceLacking));
            one(
                fires,
                || format!("つまずき「{t}」の理由はガイド不足"),
                || format!("Stumbling point \"{t}\" is a lack of guidance"),
            )
        },
    },
    OrgRule {
        id: "solutions-engineering/technical-stumble",
        function: CsFunction::SolutionsEngineering,
        kinds: &[ElementKind::StumblingPoint],
        looks_for: [
            "技術的なつまずき（連携、API、設定、移行）",
            "a technical stumbling point (integration, API, setup, migration)",
        ],
        check: |_, e| {
            let t = e.data.label();
            one(
                has_any(t, TECHNICAL),
                || format!("技術的なつまずき「{t}」"),
                || format!("Technical stumbling point \"{t}\""),
            )
        },
    },
    OrgRule {
        id: "support/trouble-stumble",
        function: CsFunction::Support,
        kinds: &[ElementKind::StumblingPoint],
        looks_for: [
            "エラー・不具合・障害・問い合わせのつまずき",
            "a stumbling point about errors and trouble (error, bug, outage, ticket)",
        ],
        check: |_, e| {
            let t = e.data.label();
            one(
                has_any(t, TROUBLE),
                || format!("不具合・問い合わせのつまずき「{t}」"),
                || format!("Stumbling point about trouble \"{t}\""),
            )
        },
    },
    OrgRule {
        id: "product-liaison/request-stumble",
        function: CsFunction::ProductLiaison,
        kinds: &[ElementKind::StumblingPoint],
        looks_for: [
            "顧客の要望（要望、機能追加）が書かれたつまずき",
            "a stumbling point that carries a customer request (feature request)",
        ],
        check: |_, e| {
            let t = e.data.label();
            let fires = matches!(&e.data, ElementData::StumblingPoint(sp) if has_any(t, REQUESTS) || has_any(&sp.note, REQUESTS));
            one(
                fires,
                || format!("つまずき「{t}」に顧客の要望がある"),
                || format!("Stumbling point \"{t}\" carries a customer request"),
            )
        },
    },
    OrgRule {
        id: "education/teaching-touchpoint",
        function: CsFunction::Education,
        kinds: &[ElementKind::Touchpoint],
        looks_for: [
            "教える場のタッチポイント（研修、勉強会、講習、トレーニング、ハンズオン、ワークショップ）",
            "a touchpoint that teaches (training, workshop, lecture, hands-on)",
        ],
        check: |_, e| {
            let t = e.data.label();
            one(
                has_any(t, TEACHING),
                || format!("タッチポイント「{t}」は教える場"),
                || format!("Touchpoint \"{t}\" teaches"),
            )
        },
    },
    OrgRule {
        id: "customer-marketing/scaled-touchpoint",
        function: CsFunction::CustomerMarketing,
        kinds: &[ElementKind::Touchpoint],
        looks_for: [
            "テックタッチのタッチポイント、メール・ウェビナー・アプリ内・ヘルプセンターのロータッチ",
            "a tech-touch touchpoint, or a low-touch one by email, webinar, in-app or help center",
        ],
        check: |_, e| {
            let t = e.data.label();
            let fires = matches!(&e.data, ElementData::Touchpoint(tp) if {
                let scaled = matches!(tp.channel, Some(Channel::Email | Channel::Webinar | Channel::InApp | Channel::HelpCenter));
                tp.touch == Some(TouchType::Tech) || (tp.touch == Some(TouchType::Low) && scaled)
            });
            one(
                fires,
                || format!("「{t}」はロータッチ・テックタッチの施策"),
                || format!("\"{t}\" is a low- or tech-touch program"),
            )
        },
    },
    OrgRule {
        id: "customer-enablement/community-touchpoint",
        function: CsFunction::CustomerEnablement,
        kinds: &[ElementKind::Touchpoint],
        looks_for: [
            "コミュニティ・イベントのタッチポイント、ユーザー会・事例の場",
            "a touchpoint in a community or at an event; user groups and case sharing",
        ],
        check: |_, e| {
            let t = e.data.label();
            let fires = matches!(&e.data, ElementData::Touchpoint(tp)
                if matches!(tp.channel, Some(Channel::Community | Channel::Event)) || has_any(t, COMMUNITY));
            one(
                fires,
                || format!("「{t}」はコミュニティ・イベント・事例の場"),
                || format!("\"{t}\" is a community, event or advocacy touchpoint"),
            )
        },
    },
    OrgRule {
        id: "support/help-center",
        function: CsFunction::Support,
        kinds: &[ElementKind::Touchpoint],
        looks_for: ["ヘルプセンターのタッチポイント", "a touchpoint in the help center"],
        check: |_, e| {
            let t = e.data.label();
            let fires = matches!(&e.data, ElementData::Touchpoint(tp) if tp.channel == Some(Channel::HelpCenter));
            one(fires, || format!("「{t}」はヘルプセンター"), || format!("\"{t}\" is in the help center"))
        },
    },
    OrgRule {
        id: "services/onboarding-high-touch",
        function: CsFunction::Services,
        kinds: &[ElementKind::Touchpoint],
        looks_for: [
            "導入のステージ（オンボーディング、導入、立ち上げ）のハイタッチ",
            "a high-touch touchpoint in an onboarding stage (onboarding, implementation)",
        ],
        check: |ws, e| match stage_named(ws, &e.id, ONBOARDING).filter(|_| high_touch(e)) {
            Some(s) => {
                let t = e.data.label();
                vec![Text::new(
                    format!("導入のステージ「{s}」のハイタッチ「{t}」"),
                    format!("High-touch \"{t}\" in the onboarding stage \"{s}\""),
                )]
            }
            None => Vec::new(),
        },
    },
    OrgRule {
        id: "account-management/growth-high-touch",
        function: CsFunction::AccountManagement,
        kinds: &[ElementKind::Touchpoint],
        looks_for: [
            "拡大・更新のステージ（拡大、更新）のハイタッチ",
            "a high-touch touchpoint in an expansion or renewal stage (expansion, renewal, upsell)",
        ],
        check: |ws, e| match stage_named(ws, &e.id, GROWTH).filter(|_| high_touch(e)) {
            Some(s) => {
                let t = e.data.label();
                vec![Text::new(
                    format!("拡大・更新のステージ「{s}」のハイタッチ「{t}」"),
                    format!("High-touch \"{t}\" in the growth stage \"{s}\""),
                )]
            }
            None => Vec::new(),
        },
    },
    OrgRule {
        id: "education/teaching-action",
        function: CsFunction::Education,
        kinds: &[ElementKind::CsAction],
        looks_for: ["教える場のCSのアクション", "a CS action that teaches"],
        check: |_, e| {
            let t = e.data.label();
            one(
                has_any(t, TEACHING),
                || format!("CSのアクション「{t}」は教える場"),
                || format!("CS action \"{t}\" teaches"),
            )
        },
    },
    OrgRule {
        id: "services/onboarding-action",
        function: CsFunction::Services,
        kinds: &[ElementKind::CsAction],
        looks_for: ["導入のステージでのCSのアクション", "a CS action in an onboarding stage"],
        check: |ws, e| {
            let t = e.data.label();
            one(
                stage_named(ws, &e.id, ONBOARDING).is_some(),
                || format!("導入のステージでの仕事「{t}」"),
                || format!("Onboarding work \"{t}\""),
            )
        },
    },
    OrgRule {
        id: "product-liaison/request-card",
        function: CsFunction::ProductLiaison,
        kinds: &[ElementKind::CustomerGoal, ElementKind::CustomerAction],
        looks_for: ["顧客の要望が書かれた顧客の目標・行動", "a customer goal or action that is a request"],
        check: |_, e| {
            let t = e.data.label();
            one(has_any(t, REQUESTS), || format!("「{t}」は顧客の要望"), || format!("\"{t}\" is a customer request"))
        },
    },
    OrgRule {
        id: "services/onboarding-activity",
        function: CsFunction::Services,
        kinds: &[ElementKind::Activity],
        looks_for: ["導入のステージを支える業務（アクティビティ）", "a process activity serving an onboarding stage"],
        check: |ws, e| {
            let t = e.data.label();
            ws.outgoing(&e.id, RelationKind::Serves)
                .iter()
                .map(|r| label(ws, &r.to))
                .filter(|s| has_any(s, ONBOARDING))
                .map(|s| {
                    Text::new(
                        format!("業務「{t}」がステージ「{s}」の導入を支える"),
                        format!("Activity \"{t}\" implements stage \"{s}\""),
                    )
                })
                .collect()
        },
    },
    OrgRule {
        id: "operations/stage-metric",
        function: CsFunction::Operations,
        kinds: &[ElementKind::Metric],
        looks_for: ["ステージに付いた指標（継続して監視する）", "a metric attached to a stage (monitored)"],
        check: |ws, e| {
            let t = e.data.label();
            one(
                !ws.outgoing(&e.id, RelationKind::Measures).is_empty(),
                || format!("指標「{t}」を継続して監視する"),
                || format!("Metric \"{t}\" is monitored"),
            )
        },
    },
    OrgRule {
        id: "data-science/stage-metric",
        function: CsFunction::DataScience,
        kinds: &[ElementKind::Metric],
        looks_for: ["ステージに付いた指標（傾向を分析する）", "a metric attached to a stage (analysed for trends)"],
        check: |ws, e| {
            let t = e.data.label();
            one(
                !ws.outgoing(&e.id, RelationKind::Measures).is_empty(),
                || format!("指標「{t}」の傾向を分析する"),
                || format!("Metric \"{t}\" is analysed for trends"),
            )
        },
    },
    OrgRule {
        id: "operations/state-snapshot",
        function: CsFunction::Operations,
        kinds: &[ElementKind::StateSnapshot],
        looks_for: ["状態のスナップショット（ジャーニーを監視する）", "a state snapshot (the journey is monitored)"],
        check: |_, e| {
            let t = e.data.label();
            vec![Text::new(
                format!("状態「{t}」でジャーニーを監視する"),
                format!("State snapshot \"{t}\" monitors the journey"),
            )]
        },
    },
    OrgRule {
        id: "data-science/state-snapshot",
        function: CsFunction::DataScience,
        kinds: &[ElementKind::StateSnapshot],
        looks_for: [
            "状態のスナップショット（滞留・リスク顧客を分析する）",
            "a state snapshot (stuck and at-risk accounts are analysed)",
        ],
        check: |_, e| {
            let t = e.data.label();
            vec![Text::new(
                format!("状態「{t}」から滞留・リスク顧客を分析する"),
                format!("State snapshot \"{t}\" shows stuck and at-risk accounts"),
            )]
        },
    },
    OrgRule {
        id: "domain-expertise/industry-segment",
        function: CsFunction::DomainExpertise,
        kinds: &[ElementKind::Segment],
        looks_for: ["業界を名指すセグメント", "a segment that names an industry"],
        check: |_, e| match &e.data {
            ElementData::Segment(s) if !s.industry.trim().is_empty() => {
                let (t, industry) = (e.data.label(), s.industry.trim());
                vec![Text::new(
                    format!("セグメント「{t}」は業界「{industry}」に向く"),
                    format!("Segment \"{t}\" is in the {industry} industry"),
                )]
            }
            _ => Vec::new(),
        },
    },
];

/// One rule firing: the function it calls for, the element, the reason, and the rule.
pub struct Hit {
    pub function: CsFunction,
    pub element: ElementId,
    pub why: Text,
    pub rule: &'static str,
}

/// What the rules find on `elements`, element by element, each element's rules in table order.
pub fn hits<'a>(ws: &Workspace, elements: impl Iterator<Item = &'a Element>) -> Vec<Hit> {
    let mut hits = Vec::new();
    for e in elements {
        let kind = e.data.kind();
        for rule in RULES.iter().filter(|r| r.kinds.contains(&kind)) {
            for why in (rule.check)(ws, e) {
                hits.push(Hit { function: rule.function, element: e.id.clone(), why, rule: rule.id });
            }
        }
    }
    hits
}

/// The functions the rules call for on `ids` (Leadership aside), each with the element calling for it.
pub(crate) fn functions_for<'a>(
    ws: &Workspace,
    ids: impl Iterator<Item = &'a ElementId>,
) -> Vec<(CsFunction, ElementId)> {
    hits(ws, ids.filter_map(|id| ws.element(id))).into_iter().map(|h| (h.function, h.element)).collect()
}

/// `docs/org-rules.md`: every rule, what it looks for and the function it calls for.
pub fn catalog_markdown() -> String {
    use std::fmt::Write;
    let catalog = crate::element::Catalog::default();
    let mut md = String::from(
        "# Org recommendation rules\n\n\
         Generated from `crates/michi-core/src/derive/org/rules.rs` by \
         `UPDATE_DOCS=1 cargo test -p michi-core --test derive`; do not edit.\n\n\
         Each rule reads one element of the model and, when it fires, recommends a CS function with \
         a reason that links to the element. **Leadership** is recommended once three or more other \
         functions are.\n\n\
         | rule | function | reads | looks for | 見るもの |\n|---|---|---|---|---|\n",
    );
    for r in RULES {
        let (name, _) = catalog.function(r.function);
        let kinds: Vec<&str> = r.kinds.iter().map(|k| k.as_str()).collect();
        let _ = writeln!(
            md,
            "| `{}` | {} ({}) | {} | {} | {} |",
            r.id,
            name.en,
            name.ja,
            kinds.join(", "),
            r.looks_for[1],
            r.looks_for[0]
        );
    }
    md
}
