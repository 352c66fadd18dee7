//! Which CS sub-functions the model calls for (domain.md §3, step 4: the organization comes last,
//! from the journey). The twelve functions of the method, and explicit rules that map what is in the
//! model to the functions it needs; each recommendation gives its reasons as links to elements.
//!
//! The rules (each reason names the element that triggered it):
//! - **Education**: a stumbling point whose reason is "guidance lacking"; a touchpoint or CS action
//!   that teaches (研修, 勉強会, 講習, トレーニング, ハンズオン, ワークショップ, training, workshop,
//!   lecture, hands-on).
//! - **Customer marketing / communications**: tech-touch touchpoints; low-touch touchpoints by email,
//!   webinar, in-app or help center.
//! - **Customer enablement**: touchpoints in a community or at an event; user groups and case
//!   sharing (ユーザー会, 事例, community).
//! - **Product liaison**: customer requests in the evidence: cards that mention 要望, 機能追加,
//!   feature request, or a stumbling point whose reason is "no-need bias" about a missing feature
//!   (要望 / 機能 in its text).
//! - **Solutions engineering**: technical stumbling points (連携, API, 設定, 移行, integration,
//!   setup, migration).
//! - **Support**: stumbling points about errors and trouble (エラー, 不具合, 障害, 問い合わせ, error,
//!   bug, outage, ticket); the help center channel.
//! - **Services**: implementation work in onboarding: process activities serving a stage named
//!   onboarding / 導入 / オンボーディング / 立ち上げ, or CS actions there.
//! - **Account management**: high-touch touchpoints in expansion or renewal stages (拡大, 更新,
//!   expansion, renewal, upsell).
//! - **Operations** and **Data science / analytics**: metrics to monitor (every metric attached to a
//!   stage), and state snapshots (journey monitoring; health, trends and at-risk accounts).
//! - **Domain expertise**: segments that name an industry.
//! - **Leadership**: once three or more other functions are recommended (someone leads them).

use serde::Serialize;

use super::playbook::Ref;
use crate::diagnose::Text;
pub use crate::element::CsFunction;
use crate::element::{Channel, ElementData, StumblingReason, TouchType};
use crate::id::{ElementId, ViewId};
use crate::relation::RelationKind;
use crate::workspace::Workspace;

impl CsFunction {
    pub const ALL: [CsFunction; 12] = [
        CsFunction::Leadership,
        CsFunction::AccountManagement,
        CsFunction::DomainExpertise,
        CsFunction::Services,
        CsFunction::Education,
        CsFunction::Support,
        CsFunction::ProductLiaison,
        CsFunction::SolutionsEngineering,
        CsFunction::CustomerEnablement,
        CsFunction::CustomerMarketing,
        CsFunction::Operations,
        CsFunction::DataScience,
    ];

    /// The function's name and what it does, [ja, en].
    pub fn describe(self) -> (Text, Text) {
        let (ja, en, dja, den) = match self {
            CsFunction::Leadership => (
                "リーダーシップ（CCO・責任者）",
                "Leadership (CCO, director)",
                "CS組織の方針と体制を決め、各機能を束ねる",
                "Sets the CS organization's direction and structure, and leads the functions",
            ),
            CsFunction::AccountManagement => (
                "アカウントマネジメント",
                "Account management",
                "担当顧客の関係を持ち、拡大・更新を進める",
                "Owns customer relationships and drives expansion and renewal",
            ),
            CsFunction::DomainExpertise => (
                "業界・業務の専門家",
                "Domain / subject-matter expertise",
                "顧客の業界と業務に通じ、使い方を業務の言葉で示す",
                "Knows the customer's industry and work, and shows the product in their terms",
            ),
            CsFunction::Services => (
                "サービス（導入・実装）",
                "Services (onboarding, implementation)",
                "導入・実装・プロフェッショナルサービスを担う",
                "Delivers onboarding, implementation and professional services",
            ),
            CsFunction::Education => (
                "教育・トレーニング",
                "Education",
                "研修・勉強会・教材で顧客が自走できるようにする",
                "Trains customers with courses, sessions and materials so they can run on their own",
            ),
            CsFunction::Support => {
                ("サポート", "Support", "問い合わせと不具合に対応する", "Answers questions and resolves problems")
            }
            CsFunction::ProductLiaison => (
                "プロダクト連携",
                "Product liaison",
                "顧客の要望をプロダクトのロードマップにつなぐ",
                "Brings customer requests into the product roadmap",
            ),
            CsFunction::SolutionsEngineering => (
                "ソリューションエンジニアリング",
                "Solutions engineering",
                "契約後の技術的な深掘り（連携・設定・移行）を担う",
                "Provides post-sale technical depth (integration, setup, migration)",
            ),
            CsFunction::CustomerEnablement => (
                "カスタマーイネーブルメント",
                "Customer enablement",
                "コミュニティ・イベント・NPS・事例・ナレッジベースを運営する",
                "Runs community, events, NPS, advocacy and the knowledge base",
            ),
            CsFunction::CustomerMarketing => (
                "カスタマーマーケティング",
                "Customer marketing / communications",
                "ロータッチ・テックタッチの施策を大規模に届ける",
                "Delivers low-touch and tech-touch programs at scale",
            ),
            CsFunction::Operations => (
                "CSオペレーション",
                "Operations",
                "ツール・レポート・ジャーニーの監視と継続的な改善を担う",
                "Runs tools, reporting, journey monitoring and continuous improvement",
            ),
            CsFunction::DataScience => (
                "データサイエンス・分析",
                "Data science / analytics",
                "ヘルススコア・ジャーニー指標・傾向・リスク顧客を分析し、プレイブックの改善を提案する",
                "Analyses health scores, journey metrics, trends and at-risk accounts, and proposes playbook changes",
            ),
        };
        (Text::new(ja, en), Text::new(dja, den))
    }
}

/// One reason a function is recommended: the element that calls for it and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Reason {
    pub element: Ref,
    pub why: Text,
    /// The views showing the element (to go there).
    pub views: Vec<ViewId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Recommendation {
    pub function: CsFunction,
    pub name: Text,
    pub description: Text,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OrgRecommendation {
    /// Recommended functions, in the catalog's order.
    pub recommended: Vec<Recommendation>,
    /// Functions nothing in the model calls for (yet).
    pub not_recommended: Vec<NamedFunction>,
    /// The org design: the functions adopted, what each owns, its roles.
    pub adopted: Vec<Adopted>,
    /// Stages no adopted function owns (empty until a function is adopted).
    pub unowned_stages: Vec<Ref>,
    /// Activities no adopted function owns (empty until a function is adopted).
    pub unowned_activities: Vec<Ref>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Adopted {
    pub element: Ref,
    pub function: Option<CsFunction>,
    /// The team's own name, else its function's.
    pub name: Text,
    /// The stages and activities it owns, with the views showing each (to go there).
    pub owns: Vec<Owned>,
    pub roles: Vec<AdoptedRole>,
    /// Full-time equivalents, summed over the roles.
    pub headcount: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Owned {
    pub element: Ref,
    pub views: Vec<ViewId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NamedFunction {
    pub function: CsFunction,
    pub name: Text,
}

/// What an adopted function is called: the team's own name, else its function's, in both languages.
pub fn function_name(of: &crate::element::OrgFunction) -> Text {
    let own = of.name.trim();
    if !own.is_empty() {
        return Text::new(own, own);
    }
    of.function.map(|f| f.describe().0).unwrap_or_else(|| Text::new("組織の機能", "Org function"))
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AdoptedRole {
    pub element: Ref,
    pub headcount: Option<f64>,
}

fn adopted(ws: &Workspace) -> (Vec<Adopted>, Vec<Ref>, Vec<Ref>) {
    use crate::element::ElementKind;
    let adopted: Vec<Adopted> = ws
        .elements_of_kind(ElementKind::OrgFunction)
        .map(|e| {
            let roles: Vec<AdoptedRole> = ws
                .incoming(&e.id, RelationKind::RoleIn)
                .iter()
                .map(|r| AdoptedRole {
                    element: Ref::of(ws, &r.from),
                    headcount: match ws.data(&r.from) {
                        Some(ElementData::Role(role)) => role.headcount,
                        _ => None,
                    },
                })
                .collect();
            let (function, name) = match &e.data {
                ElementData::OrgFunction(f) => (f.function, function_name(f)),
                _ => (None, Text::new("", "")),
            };
            Adopted {
                element: Ref::of(ws, &e.id),
                function,
                name,
                owns: ws
                    .outgoing(&e.id, RelationKind::Owns)
                    .iter()
                    .map(|r| Owned { element: Ref::of(ws, &r.to), views: crate::glossary::views_showing(ws, &r.to) })
                    .collect(),
                headcount: roles.iter().filter_map(|r| r.headcount).sum(),
                roles,
            }
        })
        .collect();
    if adopted.is_empty() {
        return (adopted, Vec::new(), Vec::new());
    }
    let unowned = |kind: ElementKind| -> Vec<Ref> {
        ws.elements_of_kind(kind)
            .filter(|e| ws.incoming(&e.id, RelationKind::Owns).is_empty())
            .map(|e| Ref::of(ws, &e.id))
            .collect()
    };
    (adopted, unowned(ElementKind::Stage), unowned(ElementKind::Activity))
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

fn stage_of(ws: &Workspace, card: &ElementId) -> Option<ElementId> {
    ws.container(card, RelationKind::InStage)
}

pub fn recommend(ws: &Workspace) -> OrgRecommendation {
    let mut reasons: Vec<(CsFunction, Reason)> = Vec::new();
    let mut add = |f: CsFunction, id: &ElementId, ja: String, en: String| {
        let views = crate::glossary::views_showing(ws, id);
        reasons.push((f, Reason { element: Ref::of(ws, id), why: Text::new(ja, en), views }));
    };
    let label = |id: &ElementId| ws.data(id).map(|d| d.label().to_string()).unwrap_or_default();

    for e in ws.elements() {
        let id = &e.id;
        let text = e.data.label();
        match &e.data {
            ElementData::StumblingPoint(sp) => {
                if sp.reason == Some(StumblingReason::GuidanceLacking) {
                    add(
                        CsFunction::Education,
                        id,
                        format!("つまずき「{text}」の理由はガイド不足"),
                        format!("Stumbling point \"{text}\" is a lack of guidance"),
                    );
                }
                if has_any(text, TECHNICAL) {
                    add(
                        CsFunction::SolutionsEngineering,
                        id,
                        format!("技術的なつまずき「{text}」"),
                        format!("Technical stumbling point \"{text}\""),
                    );
                }
                if has_any(text, TROUBLE) {
                    add(
                        CsFunction::Support,
                        id,
                        format!("不具合・問い合わせのつまずき「{text}」"),
                        format!("Stumbling point about trouble \"{text}\""),
                    );
                }
                if has_any(text, REQUESTS) || has_any(&sp.note, REQUESTS) {
                    add(
                        CsFunction::ProductLiaison,
                        id,
                        format!("つまずき「{text}」に顧客の要望がある"),
                        format!("Stumbling point \"{text}\" carries a customer request"),
                    );
                }
            }
            ElementData::Touchpoint(t) => {
                if has_any(text, TEACHING) {
                    add(
                        CsFunction::Education,
                        id,
                        format!("タッチポイント「{text}」は教える場"),
                        format!("Touchpoint \"{text}\" teaches"),
                    );
                }
                let scaled =
                    matches!(t.channel, Some(Channel::Email | Channel::Webinar | Channel::InApp | Channel::HelpCenter));
                if t.touch == Some(TouchType::Tech) || (t.touch == Some(TouchType::Low) && scaled) {
                    add(
                        CsFunction::CustomerMarketing,
                        id,
                        format!("「{text}」はロータッチ・テックタッチの施策"),
                        format!("\"{text}\" is a low- or tech-touch program"),
                    );
                }
                if matches!(t.channel, Some(Channel::Community | Channel::Event)) || has_any(text, COMMUNITY) {
                    add(
                        CsFunction::CustomerEnablement,
                        id,
                        format!("「{text}」はコミュニティ・イベント・事例の場"),
                        format!("\"{text}\" is a community, event or advocacy touchpoint"),
                    );
                }
                if t.channel == Some(Channel::HelpCenter) {
                    add(
                        CsFunction::Support,
                        id,
                        format!("「{text}」はヘルプセンター"),
                        format!("\"{text}\" is in the help center"),
                    );
                }
                if t.touch == Some(TouchType::High)
                    && let Some(stage) = stage_of(ws, id)
                    && has_any(&label(&stage), GROWTH)
                {
                    let s = label(&stage);
                    add(
                        CsFunction::AccountManagement,
                        id,
                        format!("拡大・更新のステージ「{s}」のハイタッチ「{text}」"),
                        format!("High-touch \"{text}\" in the growth stage \"{s}\""),
                    );
                }
            }
            ElementData::CsAction(_) => {
                if has_any(text, TEACHING) {
                    add(
                        CsFunction::Education,
                        id,
                        format!("CSのアクション「{text}」は教える場"),
                        format!("CS action \"{text}\" teaches"),
                    );
                }
                if let Some(stage) = stage_of(ws, id)
                    && has_any(&label(&stage), ONBOARDING)
                {
                    add(
                        CsFunction::Services,
                        id,
                        format!("導入のステージでの仕事「{text}」"),
                        format!("Onboarding work \"{text}\""),
                    );
                }
            }
            ElementData::CustomerGoal(_) | ElementData::CustomerAction(_) if has_any(text, REQUESTS) => {
                add(
                    CsFunction::ProductLiaison,
                    id,
                    format!("「{text}」は顧客の要望"),
                    format!("\"{text}\" is a customer request"),
                );
            }
            ElementData::Activity(_) => {
                for stage in ws.outgoing(id, RelationKind::Serves).iter().map(|r| &r.to) {
                    if has_any(&label(stage), ONBOARDING) {
                        let s = label(stage);
                        add(
                            CsFunction::Services,
                            id,
                            format!("業務「{text}」がステージ「{s}」の導入を支える"),
                            format!("Activity \"{text}\" implements stage \"{s}\""),
                        );
                    }
                }
            }
            ElementData::Metric(_) if !ws.outgoing(id, RelationKind::Measures).is_empty() => {
                add(
                    CsFunction::Operations,
                    id,
                    format!("指標「{text}」を継続して監視する"),
                    format!("Metric \"{text}\" is monitored"),
                );
                add(
                    CsFunction::DataScience,
                    id,
                    format!("指標「{text}」の傾向を分析する"),
                    format!("Metric \"{text}\" is analysed for trends"),
                );
            }
            ElementData::StateSnapshot(_) => {
                add(
                    CsFunction::Operations,
                    id,
                    format!("状態「{text}」でジャーニーを監視する"),
                    format!("State snapshot \"{text}\" monitors the journey"),
                );
                add(
                    CsFunction::DataScience,
                    id,
                    format!("状態「{text}」から滞留・リスク顧客を分析する"),
                    format!("State snapshot \"{text}\" shows stuck and at-risk accounts"),
                );
            }
            ElementData::Segment(s) if !s.industry.trim().is_empty() => {
                let industry = s.industry.trim();
                add(
                    CsFunction::DomainExpertise,
                    id,
                    format!("セグメント「{text}」は業界「{industry}」に向く"),
                    format!("Segment \"{text}\" is in the {industry} industry"),
                );
            }
            _ => {}
        }
    }
    let mut recommended: Vec<Recommendation> = CsFunction::ALL
        .iter()
        .filter_map(|&f| {
            let rs: Vec<Reason> = reasons.iter().filter(|(g, _)| *g == f).map(|(_, r)| r.clone()).collect();
            if rs.is_empty() {
                return None;
            }
            let (name, description) = f.describe();
            Some(Recommendation { function: f, name, description, reasons: rs })
        })
        .collect();
    if recommended.len() >= 3 {
        let (name, description) = CsFunction::Leadership.describe();
        // One reason per function led, traced to what called for that function.
        let why: Vec<Reason> = recommended
            .iter()
            .filter_map(|r| {
                let first = r.reasons.first()?;
                Some(Reason {
                    views: first.views.clone(),
                    element: first.element.clone(),
                    why: Text::new(format!("「{}」を束ねる", r.name.ja), format!("Leads {}", r.name.en)),
                })
            })
            .collect();
        recommended.insert(0, Recommendation { function: CsFunction::Leadership, name, description, reasons: why });
    }
    let not_recommended = CsFunction::ALL
        .iter()
        .filter(|f| !recommended.iter().any(|r| r.function == **f))
        .map(|&function| NamedFunction { function, name: function.describe().0 })
        .collect();
    let (adopted, unowned_stages, unowned_activities) = adopted(ws);
    OrgRecommendation { recommended, not_recommended, adopted, unowned_stages, unowned_activities }
}

/// The recommendation as Markdown in `ja` or `en`; each reason ends with the id it comes from.
pub fn markdown(org: &OrgRecommendation, japanese: bool) -> String {
    use std::fmt::Write;
    let pick = |t: &Text| if japanese { t.ja.clone() } else { t.en.clone() };
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", if japanese { "CS組織の機能（推奨）" } else { "CS functions (recommended)" });
    for r in &org.recommended {
        let _ = writeln!(md, "## {}\n\n{}\n", pick(&r.name), pick(&r.description));
        for reason in &r.reasons {
            let _ = writeln!(md, "- {} <!-- {} -->", pick(&reason.why), reason.element.id);
        }
        md.push('\n');
    }
    if !org.adopted.is_empty() {
        let _ = writeln!(md, "# {}\n", if japanese { "組織設計" } else { "Org design" });
        for a in &org.adopted {
            let _ = writeln!(md, "## {} <!-- {} -->\n", pick(&a.name), a.element.id);
            let owns: Vec<&str> = a.owns.iter().map(|o| o.element.name.as_str()).collect();
            let _ = writeln!(md, "- {}: {}", if japanese { "担当" } else { "Owns" }, owns.join(", "));
            let _ = writeln!(md, "- {}: {}\n", if japanese { "人数" } else { "Headcount" }, a.headcount);
        }
        if !org.unowned_stages.is_empty() {
            let names: Vec<&str> = org.unowned_stages.iter().map(|o| o.name.as_str()).collect();
            let _ = writeln!(
                md,
                "{}: {}\n",
                if japanese { "担当のないステージ" } else { "Stages nobody owns" },
                names.join(", ")
            );
        }
    }
    if !org.not_recommended.is_empty() {
        let names: Vec<String> = org.not_recommended.iter().map(|f| pick(&f.name)).collect();
        let _ = writeln!(
            md,
            "{}: {}",
            if japanese { "今のモデルでは不要" } else { "Not called for by the model yet" },
            names.join(", ")
        );
    }
    md
}

/// The stages and activities a function adopted from its recommendation owns: the stage of each
/// reason's element (a stage, a card's stage, the stages a metric measures) and each activity.
pub fn owned_by(ws: &Workspace, function: CsFunction) -> Vec<ElementId> {
    // Leadership leads the other functions; it owns no stage of its own.
    if function == CsFunction::Leadership {
        return Vec::new();
    }
    let Some(rec) = recommend(ws).recommended.into_iter().find(|r| r.function == function) else { return Vec::new() };
    let mut owned: Vec<ElementId> = Vec::new();
    for reason in rec.reasons {
        let id = reason.element.id;
        let targets: Vec<ElementId> = match ws.kind_of(&id) {
            Some(crate::element::ElementKind::Stage | crate::element::ElementKind::Activity) => vec![id],
            Some(crate::element::ElementKind::Metric) => {
                ws.outgoing(&id, RelationKind::Measures).into_iter().map(|r| r.to).collect()
            }
            Some(k) if k.is_card() => ws.container(&id, RelationKind::InStage).into_iter().collect(),
            _ => Vec::new(),
        };
        for t in targets {
            if !owned.contains(&t) {
                owned.push(t);
            }
        }
    }
    owned
}
