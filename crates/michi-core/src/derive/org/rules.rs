//! The rules that recommend CS functions, as a table like the diagnosis rules: each has a stable id,
//! the function it calls for, the kinds of element it reads, what it looks for (ja/en, the text of
//! `docs/org-rules.md`, generated from this table) and its check, which gives the reason shown for
//! each element it fires on.
//!
//! Rules read typed facts of the model, never its words: kinds, channels, touch types and reach,
//! stumbling reasons, stage phases, the work tags a user sets on a card, links (an activity serving
//! a stage, a metric measuring one), metric roles and the health model.
//!
//! Rules run element by element, in table order; Leadership is not a row: it is recommended once
//! three or more other functions are (someone leads them), in `super::recommend`.

use crate::element::{
    Channel, CsFunction, Element, ElementData, ElementKind, MetricRole, Reach, StagePhase, StumblingReason, TouchType,
    WorkTag,
};
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

/// The work tags of a card, a touchpoint or a stumbling point.
fn tags(e: &Element) -> &[WorkTag] {
    match &e.data {
        ElementData::CustomerGoal(c) | ElementData::CustomerAction(c) | ElementData::CsAction(c) => &c.tags,
        ElementData::Touchpoint(t) => &t.tags,
        ElementData::StumblingPoint(sp) => &sp.tags,
        _ => &[],
    }
}

/// "Stumbling point", "Touchpoint"…: what the element is, in both languages.
fn what(e: &Element) -> Text {
    e.data.kind().name()
}

/// A rule firing on a card tagged `tag`: "<kind>「<label>」は<tag>".
fn tagged(e: &Element, tag: WorkTag) -> Vec<Text> {
    if !tags(e).contains(&tag) {
        return Vec::new();
    }
    let (t, k, n) = (e.data.label(), what(e), tag.name());
    vec![Text::new(format!("{}「{t}」: {}", k.ja, n.ja), format!("{} \"{t}\": {}", k.en, n.en.to_lowercase()))]
}

/// The phase of the stage holding a card, with the stage's name.
fn stage_phase(ws: &Workspace, card: &ElementId) -> Option<(StagePhase, String)> {
    let stage = ws.container(card, RelationKind::InStage)?;
    match ws.data(&stage)? {
        ElementData::Stage(s) => s.phase.map(|p| (p, s.name.clone())),
        _ => None,
    }
}

fn one(fires: bool, ja: impl FnOnce() -> String, en: impl FnOnce() -> String) -> Vec<Text> {
    if fires { vec![Text::new(ja(), en())] } else { Vec::new() }
}

fn high_touch(e: &Element) -> bool {
    matches!(&e.data, ElementData::Touchpoint(t) if t.touch == Some(TouchType::High))
}

/// A high-touch touchpoint in a stage of one of `phases`.
fn high_touch_in(ws: &Workspace, e: &Element, phases: &[StagePhase]) -> Vec<Text> {
    match stage_phase(ws, &e.id).filter(|(p, _)| high_touch(e) && phases.contains(p)) {
        Some((p, s)) => {
            let (t, n) = (e.data.label(), p.name());
            vec![Text::new(
                format!("{}のステージ「{s}」のハイタッチ「{t}」", n.ja),
                format!("High-touch \"{t}\" in the {} stage \"{s}\"", n.en.to_lowercase()),
            )]
        }
        None => Vec::new(),
    }
}

/// Cards a work tag can be set on.
const TAGGABLE: &[ElementKind] = &[
    ElementKind::CustomerGoal,
    ElementKind::CustomerAction,
    ElementKind::CsAction,
    ElementKind::Touchpoint,
    ElementKind::StumblingPoint,
];

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
        id: "education/teaching",
        function: CsFunction::Education,
        kinds: TAGGABLE,
        looks_for: ["「教える場」のタグが付いたカード", "a card tagged \"teaching\""],
        check: |_, e| tagged(e, WorkTag::Teaching),
    },
    OrgRule {
        id: "solutions-engineering/technical",
        function: CsFunction::SolutionsEngineering,
        kinds: TAGGABLE,
        looks_for: [
            "「技術（連携・設定・移行）」のタグが付いたカード",
            "a card tagged \"technical\" (integration, setup, migration)",
        ],
        check: |_, e| tagged(e, WorkTag::Technical),
    },
    OrgRule {
        id: "support/trouble",
        function: CsFunction::Support,
        kinds: TAGGABLE,
        looks_for: ["「不具合・問い合わせ」のタグが付いたカード", "a card tagged \"trouble\" (errors, tickets)"],
        check: |_, e| tagged(e, WorkTag::Trouble),
    },
    OrgRule {
        id: "support/help-center",
        function: CsFunction::Support,
        kinds: &[ElementKind::Touchpoint],
        looks_for: ["チャネルがヘルプセンターのタッチポイント", "a touchpoint whose channel is the help center"],
        check: |_, e| {
            let t = e.data.label();
            let fires = matches!(&e.data, ElementData::Touchpoint(tp) if tp.channel == Some(Channel::HelpCenter));
            one(fires, || format!("「{t}」はヘルプセンター"), || format!("\"{t}\" is in the help center"))
        },
    },
    OrgRule {
        id: "support/contact-volume",
        function: CsFunction::Support,
        kinds: &[ElementKind::Segment],
        looks_for: [
            "問い合わせ件数（1社あたり年何件）が入ったセグメント",
            "a segment with a support volume (contacts per account per year)",
        ],
        check: |_, e| match &e.data {
            ElementData::Segment(s) if s.contacts_per_account.is_some_and(|c| c > 0.0) => {
                let t = e.data.label();
                vec![Text::new(
                    format!("セグメント「{t}」に問い合わせがある"),
                    format!("Segment \"{t}\" has support contacts"),
                )]
            }
            _ => Vec::new(),
        },
    },
    OrgRule {
        id: "product-liaison/request",
        function: CsFunction::ProductLiaison,
        kinds: TAGGABLE,
        looks_for: ["「製品への要望」のタグが付いたカード", "a card tagged \"product request\""],
        check: |_, e| tagged(e, WorkTag::ProductRequest),
    },
    OrgRule {
        id: "customer-marketing/program",
        function: CsFunction::CustomerMarketing,
        kinds: &[ElementKind::Touchpoint],
        looks_for: [
            "多数に一度に届けるタッチポイント（テックタッチ、メール・ウェビナー・アプリ内などのロータッチ）",
            "a touchpoint that reaches many at once (tech touch; low touch by email, webinar, in-app…)",
        ],
        check: |_, e| {
            let t = e.data.label();
            let fires = matches!(&e.data, ElementData::Touchpoint(tp) if tp.reach() == Reach::Program);
            one(
                fires,
                || format!("「{t}」は多数に一度に届ける施策"),
                || format!("\"{t}\" is a program reaching many at once"),
            )
        },
    },
    OrgRule {
        id: "customer-enablement/community",
        function: CsFunction::CustomerEnablement,
        kinds: &[ElementKind::Touchpoint],
        looks_for: ["チャネルがコミュニティ・イベントのタッチポイント", "a touchpoint in a community or at an event"],
        check: |_, e| {
            let t = e.data.label();
            let fires = matches!(&e.data, ElementData::Touchpoint(tp)
                if matches!(tp.channel, Some(Channel::Community | Channel::Event)));
            one(
                fires,
                || format!("「{t}」はコミュニティ・イベントの場"),
                || format!("\"{t}\" is a community or event touchpoint"),
            )
        },
    },
    OrgRule {
        id: "customer-enablement/advocacy",
        function: CsFunction::CustomerEnablement,
        kinds: TAGGABLE,
        looks_for: ["「事例・推薦」のタグが付いたカード", "a card tagged \"advocacy\" (case studies, references)"],
        check: |_, e| tagged(e, WorkTag::Advocacy),
    },
    OrgRule {
        id: "services/onboarding-high-touch",
        function: CsFunction::Services,
        kinds: &[ElementKind::Touchpoint],
        looks_for: ["導入のステージのハイタッチ", "a high-touch touchpoint in an onboarding stage"],
        check: |ws, e| high_touch_in(ws, e, &[StagePhase::Onboarding]),
    },
    OrgRule {
        id: "services/onboarding-action",
        function: CsFunction::Services,
        kinds: &[ElementKind::CsAction],
        looks_for: ["導入のステージでのCSのアクション", "a CS action in an onboarding stage"],
        check: |ws, e| {
            let t = e.data.label();
            match stage_phase(ws, &e.id) {
                Some((StagePhase::Onboarding, s)) => vec![Text::new(
                    format!("導入のステージ「{s}」での仕事「{t}」"),
                    format!("Onboarding work \"{t}\" in stage \"{s}\""),
                )],
                _ => Vec::new(),
            }
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
                .filter_map(|r| match ws.data(&r.to) {
                    Some(ElementData::Stage(s)) if s.phase == Some(StagePhase::Onboarding) => Some(s.name.clone()),
                    _ => None,
                })
                .map(|s| {
                    Text::new(
                        format!("業務「{t}」が導入のステージ「{s}」を支える"),
                        format!("Activity \"{t}\" serves the onboarding stage \"{s}\""),
                    )
                })
                .collect()
        },
    },
    OrgRule {
        id: "account-management/relationship-action",
        function: CsFunction::AccountManagement,
        kinds: &[ElementKind::CsAction],
        looks_for: [
            "活用・拡大・更新のステージでのCSのアクション（顧客との関係を持つ人の仕事）",
            "a CS action in an adoption, expansion or renewal stage (the work of whoever holds the relationship)",
        ],
        check: |ws, e| {
            let t = e.data.label();
            match stage_phase(ws, &e.id) {
                Some((p @ (StagePhase::Adoption | StagePhase::Expansion | StagePhase::Renewal), s)) => {
                    let n = p.name();
                    vec![Text::new(
                        format!("{}のステージ「{s}」での顧客との仕事「{t}」", n.ja),
                        format!("Work with the customer \"{t}\" in the {} stage \"{s}\"", n.en.to_lowercase()),
                    )]
                }
                _ => Vec::new(),
            }
        },
    },
    OrgRule {
        id: "account-management/relationship-high-touch",
        function: CsFunction::AccountManagement,
        kinds: &[ElementKind::Touchpoint],
        looks_for: [
            "活用・拡大・更新のステージのハイタッチ（顧客との関係を持つ人の仕事）",
            "a high-touch touchpoint in an adoption, expansion or renewal stage (whoever holds the relationship)",
        ],
        check: |ws, e| high_touch_in(ws, e, &[StagePhase::Adoption, StagePhase::Expansion, StagePhase::Renewal]),
    },
    OrgRule {
        id: "domain-expertise/domain-knowledge",
        function: CsFunction::DomainExpertise,
        kinds: TAGGABLE,
        looks_for: ["「業界・業務の知識」のタグが付いたカード", "a card tagged \"domain knowledge\""],
        check: |_, e| tagged(e, WorkTag::DomainKnowledge),
    },
    OrgRule {
        id: "operations/metric-data",
        function: CsFunction::Operations,
        kinds: &[ElementKind::Metric],
        looks_for: [
            "データソースのある、ステージに付いた指標（データを保ち、報告する）",
            "a metric attached to a stage with a data source (data to keep flowing and report)",
        ],
        check: |ws, e| {
            let t = e.data.label();
            let fires = matches!(&e.data, ElementData::Metric(m) if !m.data_source.trim().is_empty())
                && !ws.outgoing(&e.id, RelationKind::Measures).is_empty();
            one(
                fires,
                || format!("指標「{t}」のデータを保ち、報告する"),
                || format!("Metric \"{t}\" has data to keep flowing and report"),
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
        id: "operations/health-model",
        function: CsFunction::Operations,
        kinds: &[ElementKind::HealthModel],
        looks_for: [
            "システムのデータ（数値・はい/いいえ）を読む指標のあるヘルスモデル（データを新しく保つ）",
            "a health model with indicators read from system data (numbers, yes/no): data to keep fresh",
        ],
        check: |_, e| {
            let t = e.data.label();
            let fires = matches!(&e.data, ElementData::HealthModel(m)
                if m.indicators().any(|(_, i)| i.kind != crate::element::IndicatorKind::Judgement));
            one(
                fires,
                || format!("ヘルスモデル「{t}」の指標のデータを新しく保つ"),
                || format!("The indicators of health model \"{t}\" need fresh data"),
            )
        },
    },
    OrgRule {
        id: "data-science/leading-metric",
        function: CsFunction::DataScience,
        kinds: &[ElementKind::Metric],
        looks_for: [
            "ステージに付いた先行指標（成果を動かすかを分析する）",
            "a leading metric attached to a stage (analysed: does it drive the outcome?)",
        ],
        check: |ws, e| {
            let t = e.data.label();
            let fires = matches!(&e.data, ElementData::Metric(m) if m.role == Some(MetricRole::Leading))
                && !ws.outgoing(&e.id, RelationKind::Measures).is_empty();
            one(
                fires,
                || format!("先行指標「{t}」が成果を動かすかを分析する"),
                || format!("Leading metric \"{t}\": does it drive the outcome?"),
            )
        },
    },
    OrgRule {
        id: "data-science/health-model",
        function: CsFunction::DataScience,
        kinds: &[ElementKind::HealthModel],
        looks_for: [
            "指標のあるヘルスモデル（スコアとリスク顧客を分析する）",
            "a health model with indicators (the score and at-risk accounts are analysed)",
        ],
        check: |_, e| {
            let t = e.data.label();
            let fires = matches!(&e.data, ElementData::HealthModel(m) if m.indicators().next().is_some());
            one(
                fires,
                || format!("ヘルスモデル「{t}」のスコアとリスク顧客を分析する"),
                || format!("Health model \"{t}\": the score and at-risk accounts are analysed"),
            )
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
