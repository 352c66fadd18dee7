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
//!   onboarding / 導入 / オンボーディング / 立ち上げ, or CS actions and high-touch touchpoints there.
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
use crate::element::{Catalog, Channel, ElementData, SizingAssumptions, StumblingReason, TouchType};
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
    /// Every stage of every journey, in journey order (what a function can be given to own).
    pub stages: Vec<Ref>,
    /// The touch load and the headcount it takes.
    pub sizing: Sizing,
}

/// The touch load and the people it takes: for each touchpoint, the accounts that meet it × times
/// per account per year × CS minutes each time; summed per function, and divided by the hours of
/// customer work one person gives in a year. Touchpoints taking no CS time (tech touch at 0
/// minutes) add nothing and are left out.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Sizing {
    pub assumptions: SizingAssumptions,
    /// The assumptions in one sentence.
    pub summary: Text,
    pub functions: Vec<FunctionLoad>,
    /// Touchpoints whose accounts are not known: no segment they are for gives a number of accounts.
    pub unknown_accounts: Vec<Ref>,
    pub hours: f64,
    pub headcount: f64,
    /// The headcount as the arithmetic shows it (two decimals).
    pub fte: String,
}

/// The load of one function (or of touchpoints no function takes yet: `function` and `element` empty).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FunctionLoad {
    pub name: Text,
    pub function: Option<CsFunction>,
    /// The adopted function that owns the touchpoints' stages, if any.
    pub element: Option<ElementId>,
    /// Assigned by the recommendation rules, not by the org design.
    pub suggested: bool,
    pub lines: Vec<LoadLine>,
    pub hours: f64,
    pub headcount: f64,
    /// The headcount as the arithmetic shows it (two decimals).
    pub fte: String,
    /// "hours ÷ (hours per person × share) = headcount".
    pub arithmetic: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LoadLine {
    pub touchpoint: Ref,
    pub stage: Ref,
    pub accounts: u32,
    pub per_year: f64,
    pub minutes: u32,
    pub hours: f64,
    /// "accounts × times × minutes = hours".
    pub arithmetic: Text,
    pub views: Vec<ViewId>,
}

/// The sizing assumptions in one sentence.
pub fn assumptions_text(a: &SizingAssumptions, japanese: bool) -> String {
    let share = num(a.customer_share * 100.0);
    if japanese {
        format!(
            "前提: 1人あたり年{}時間のうち顧客対応に{}%。タッチポイントに指定がなければ、1社あたり年{}回、1回あたりハイタッチ{}分・ロータッチ{}分・テックタッチ{}分。",
            num(a.hours_per_fte),
            share,
            num(a.per_year),
            a.minutes_high,
            a.minutes_low,
            a.minutes_tech
        )
    } else {
        format!(
            "Assumptions: {} working hours per person per year, {}% of them on customer work. Where a touchpoint does not say: {} times per account per year; {} min per high touch, {} per low touch, {} per tech touch.",
            num(a.hours_per_fte),
            share,
            num(a.per_year),
            a.minutes_high,
            a.minutes_low,
            a.minutes_tech
        )
    }
}

/// Who takes the work of `stage`: the adopted function owning it (among several, the first whose
/// function is in `wanted`, else the first); with none adopted, the first of `wanted`, suggested.
pub(crate) fn stage_owner(
    ws: &Workspace,
    catalog: &Catalog,
    stage: &ElementId,
    wanted: &[CsFunction],
) -> Option<super::playbook::PlayOwner> {
    let owners: Vec<(ElementId, &crate::element::OrgFunction)> = ws
        .incoming(stage, RelationKind::Owns)
        .into_iter()
        .filter_map(|r| match ws.data(&r.from) {
            Some(ElementData::OrgFunction(f)) => Some((r.from, f)),
            _ => None,
        })
        .collect();
    if let Some((id, f)) =
        owners.iter().find(|(_, f)| f.function.is_some_and(|g| wanted.contains(&g))).or(owners.first())
    {
        return Some(super::playbook::PlayOwner {
            name: function_name_in(f, catalog),
            function: f.function,
            element: Some(id.clone()),
            suggested: false,
        });
    }
    let f = *wanted.first()?;
    Some(super::playbook::PlayOwner { name: catalog.function(f).0, function: Some(f), element: None, suggested: true })
}

/// A headcount: two decimals (a fraction of a person is what a small load takes).
pub fn fte(x: f64) -> String {
    format!("{x:.2}")
}

/// A number as people read it: at most one decimal, thousands grouped.
pub fn num(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    let whole = rounded.trunc().abs() as u64;
    let mut digits = whole.to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(",{tail}{grouped}");
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    let frac = ((rounded.abs() - whole as f64) * 10.0).round() as u64;
    if frac == 0 { format!("{sign}{digits}{grouped}") } else { format!("{sign}{digits}{grouped}.{frac}") }
}

fn sizing(ws: &Workspace, catalog: &Catalog, hits: &[(CsFunction, ElementId)]) -> Sizing {
    use crate::element::ElementKind;
    let a = &catalog.sizing;
    let per_person = a.hours_per_person();
    // Key: (adopted element, function); the order of first appearance is kept.
    let mut loads: Vec<FunctionLoad> = Vec::new();
    let mut unknown_accounts = Vec::new();
    for journey in ws.elements_of_kind(ElementKind::Journey) {
        let journey_segments: Vec<ElementId> = ws
            .outgoing(&journey.id, RelationKind::IsFor)
            .into_iter()
            .map(|r| r.to)
            .filter(|t| ws.kind_of(t) == Some(ElementKind::Segment))
            .collect();
        for stage in ws.ordered_members(&journey.id, RelationKind::InJourney) {
            for card in ws.ordered_members(&stage, RelationKind::InStage) {
                let Some(ElementData::Touchpoint(t)) = ws.data(&card) else { continue };
                let minutes = t.minutes.unwrap_or_else(|| a.minutes(t.touch));
                if minutes == 0 {
                    continue;
                }
                let own = super::playbook::segments_of(ws, &card);
                let segments = if own.is_empty() { &journey_segments } else { &own };
                let known: Vec<u32> = segments
                    .iter()
                    .filter_map(|s| match ws.data(s) {
                        Some(ElementData::Segment(seg)) => seg.accounts,
                        _ => None,
                    })
                    .collect();
                if known.is_empty() {
                    unknown_accounts.push(Ref::of(ws, &card));
                    continue;
                }
                let accounts: u32 = known.iter().sum();
                let per_year = t.per_year.unwrap_or(a.per_year);
                let hours = accounts as f64 * per_year * minutes as f64 / 60.0;
                let line = LoadLine {
                    touchpoint: Ref::of(ws, &card),
                    stage: Ref::of(ws, &stage),
                    accounts,
                    per_year,
                    minutes,
                    hours,
                    arithmetic: Text::new(
                        format!(
                            "{}社 × 年{}回 × {}分 = {}時間",
                            num(accounts as f64),
                            num(per_year),
                            minutes,
                            num(hours)
                        ),
                        format!(
                            "{} accounts × {}/year × {} min = {} h",
                            num(accounts as f64),
                            num(per_year),
                            minutes,
                            num(hours)
                        ),
                    ),
                    views: crate::glossary::views_showing(ws, &card),
                };
                let wanted: Vec<CsFunction> = hits
                    .iter()
                    .filter(|(f, id)| *id == card && *f != CsFunction::Leadership)
                    .map(|(f, _)| *f)
                    .collect();
                let (element, function, name, suggested) = match stage_owner(ws, catalog, &stage, &wanted) {
                    Some(o) => (o.element, o.function, o.name, o.suggested),
                    None => (None, None, Text::new("担当未定", "No function yet"), false),
                };
                let at =
                    loads.iter().position(|l| l.element == element && (element.is_some() || l.function == function));
                let load = match at {
                    Some(i) => &mut loads[i],
                    None => {
                        loads.push(FunctionLoad {
                            name,
                            function,
                            element,
                            suggested,
                            lines: Vec::new(),
                            hours: 0.0,
                            headcount: 0.0,
                            fte: String::new(),
                            arithmetic: Text::new("", ""),
                        });
                        loads.last_mut().expect("just pushed")
                    }
                };
                load.hours += line.hours;
                load.lines.push(line);
            }
        }
    }
    let share = num(a.customer_share * 100.0);
    for load in &mut loads {
        load.headcount = load.hours / per_person;
        load.fte = fte(load.headcount);
        let (h, p, n) = (num(load.hours), num(a.hours_per_fte), fte(load.headcount));
        load.arithmetic = Text::new(
            format!("{h}時間 ÷ （{p}時間 × {share}%） = {n}人"),
            format!("{h} h ÷ ({p} h × {share}%) = {n} FTE"),
        );
    }
    let hours = loads.iter().map(|l| l.hours).sum();
    let headcount = loads.iter().map(|l| l.headcount).sum();
    let summary = Text::new(assumptions_text(a, true), assumptions_text(a, false));
    Sizing {
        assumptions: a.clone(),
        summary,
        functions: loads,
        unknown_accounts,
        hours,
        headcount,
        fte: fte(headcount),
    }
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
pub fn function_name(ws: &Workspace, of: &crate::element::OrgFunction) -> Text {
    function_name_in(of, &super::catalog(ws))
}

pub(crate) fn function_name_in(of: &crate::element::OrgFunction, catalog: &crate::element::Catalog) -> Text {
    let own = of.name.trim();
    if !own.is_empty() {
        return Text::new(own, own);
    }
    of.function.map(|f| catalog.function(f).0).unwrap_or_else(|| Text::new("組織の機能", "Org function"))
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
                ElementData::OrgFunction(f) => (f.function, function_name(ws, f)),
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

/// What the rules find: each function called for, the element that calls for it, and why.
fn rule_hits(ws: &Workspace) -> Vec<(CsFunction, ElementId, Text)> {
    rule_hits_of(ws, ws.elements())
}

/// What the rules find on `elements` only.
fn rule_hits_of<'a>(
    ws: &Workspace,
    elements: impl Iterator<Item = &'a crate::element::Element>,
) -> Vec<(CsFunction, ElementId, Text)> {
    let mut hits: Vec<(CsFunction, ElementId, Text)> = Vec::new();
    let mut add = |f: CsFunction, id: &ElementId, ja: String, en: String| hits.push((f, id.clone(), Text::new(ja, en)));
    let label = |id: &ElementId| ws.data(id).map(|d| d.label().to_string()).unwrap_or_default();

    for e in elements {
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
                {
                    let s = label(&stage);
                    if has_any(&s, ONBOARDING) {
                        add(
                            CsFunction::Services,
                            id,
                            format!("導入のステージ「{s}」のハイタッチ「{text}」"),
                            format!("High-touch \"{text}\" in the onboarding stage \"{s}\""),
                        );
                    }
                    if has_any(&s, GROWTH) {
                        add(
                            CsFunction::AccountManagement,
                            id,
                            format!("拡大・更新のステージ「{s}」のハイタッチ「{text}」"),
                            format!("High-touch \"{text}\" in the growth stage \"{s}\""),
                        );
                    }
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
    hits
}

/// The functions the rules call for on `ids` (Leadership aside), each with the element calling for it.
pub(crate) fn recommend_rules<'a>(
    ws: &Workspace,
    ids: impl Iterator<Item = &'a ElementId>,
) -> Vec<(CsFunction, ElementId)> {
    rule_hits_of(ws, ids.filter_map(|id| ws.element(id))).into_iter().map(|(f, id, _)| (f, id)).collect()
}

pub fn recommend(ws: &Workspace) -> OrgRecommendation {
    let catalog = super::catalog(ws);
    let hits = rule_hits(ws);
    let sizing = sizing(ws, &catalog, &hits.iter().map(|(f, id, _)| (*f, id.clone())).collect::<Vec<_>>());
    let reasons: Vec<(CsFunction, Reason)> = hits
        .into_iter()
        .map(|(f, id, why)| {
            let views = crate::glossary::views_showing(ws, &id);
            (f, Reason { element: Ref::of(ws, &id), why, views })
        })
        .collect();
    let mut recommended: Vec<Recommendation> = CsFunction::ALL
        .iter()
        .filter_map(|&f| {
            let rs: Vec<Reason> = reasons.iter().filter(|(g, _)| *g == f).map(|(_, r)| r.clone()).collect();
            if rs.is_empty() {
                return None;
            }
            let (name, description) = catalog.function(f);
            Some(Recommendation { function: f, name, description, reasons: rs })
        })
        .collect();
    if recommended.len() >= 3 {
        let (name, description) = catalog.function(CsFunction::Leadership);
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
        .map(|&function| NamedFunction { function, name: catalog.function(function).0 })
        .collect();
    let (adopted, unowned_stages, unowned_activities) = adopted(ws);
    let stages = ws
        .elements_of_kind(crate::element::ElementKind::Journey)
        .flat_map(|j| ws.ordered_members(&j.id, RelationKind::InJourney))
        .map(|s| Ref::of(ws, &s))
        .collect();
    OrgRecommendation { recommended, not_recommended, adopted, unowned_stages, unowned_activities, stages, sizing }
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
    let z = &org.sizing;
    let _ = writeln!(
        md,
        "# {}\n\n{}\n",
        if japanese { "必要な人数の見積もり" } else { "Sizing" },
        assumptions_text(&z.assumptions, japanese)
    );
    for f in &z.functions {
        let mark = if f.suggested { if japanese { "（提案）" } else { " (suggested)" } } else { "" };
        let _ = writeln!(md, "## {}{mark}\n", pick(&f.name));
        for line in &f.lines {
            let _ = writeln!(
                md,
                "- {}（{}）: {} <!-- {} -->",
                line.touchpoint.name,
                line.stage.name,
                pick(&line.arithmetic),
                line.touchpoint.id
            );
        }
        let _ = writeln!(md, "\n**{}**\n", pick(&f.arithmetic));
    }
    let _ = writeln!(
        md,
        "**{}: {} {} / {} {}**\n",
        if japanese { "合計" } else { "Total" },
        num(z.hours),
        if japanese { "時間" } else { "h" },
        fte(z.headcount),
        if japanese { "人" } else { "FTE" }
    );
    if !z.unknown_accounts.is_empty() {
        let names: Vec<&str> = z.unknown_accounts.iter().map(|r| r.name.as_str()).collect();
        let _ = writeln!(
            md,
            "{}: {}\n",
            if japanese {
                "顧客数が分からないタッチポイント"
            } else {
                "Touchpoints with unknown accounts"
            },
            names.join(", ")
        );
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
