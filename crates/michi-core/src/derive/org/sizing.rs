//! Sizing: the touch load and the people it takes. For each touchpoint, the accounts that meet it ×
//! times per account per year × CS minutes each time; summed per function (the function that owns
//! the touchpoint's stage, else the one the rules tie to it), and divided by the hours of customer
//! work one person gives in a year. The arithmetic is shown on every line.

use serde::Serialize;

use super::design::stage_owner;
use crate::derive::document::{Block, DocRole, Line, Row, Section, Span, SpanKind};
use crate::derive::shared::Ref;
use crate::derive::shared::suggested;
use crate::element::{Catalog, CsFunction, ElementData, SizingAssumptions};
use crate::id::{ElementId, ViewId};
use crate::relation::RelationKind;
use crate::text::Text;
use crate::workspace::Workspace;

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
pub fn assumptions_text(a: &SizingAssumptions) -> Text {
    let (share, hours, times) = (num(a.customer_share * 100.0), num(a.hours_per_fte), num(a.per_year));
    let (high, low, tech) = (a.minutes_high, a.minutes_low, a.minutes_tech);
    Text::new(
        format!(
            "前提: 1人あたり年{hours}時間のうち顧客対応に{share}%。タッチポイントに指定がなければ、1社あたり年{times}回、1回あたりハイタッチ{high}分・ロータッチ{low}分・テックタッチ{tech}分。"
        ),
        format!(
            "Assumptions: {hours} working hours per person per year, {share}% of them on customer work. Where a touchpoint does not say: {times} times per account per year; {high} min per high touch, {low} per low touch, {tech} per tech touch."
        ),
    )
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

pub(super) fn sizing(ws: &Workspace, catalog: &Catalog, hits: &[(CsFunction, ElementId)]) -> Sizing {
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
                let own = ws.segments_of(&card);
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
                    views: ws.views_showing(&card),
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
    let summary = assumptions_text(a);
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

/// The sizing as a section of the org document: the assumptions, each function's load with the
/// arithmetic of every line, the total, and the touchpoints whose accounts are not known.
pub fn section(z: &Sizing) -> Section {
    let mut section = Section::new(Line::text(Text::new("必要な人数の見積もり", "Sizing"))).with_role(DocRole::Sizing);
    section.blocks.push(Block::muted(Line::text(z.summary.clone()).with_role(DocRole::SizingSummary)));
    if z.functions.is_empty() {
        section.blocks.push(Block::muted(Line::text(Text::new(
            "人の時間がかかるタッチポイントがまだありません。",
            "No touchpoint takes people's time yet.",
        ))));
    }
    let columns = vec![
        Text::new("タッチポイント", "Touchpoint"),
        Text::new("ステージ", "Stage"),
        Text::new("計算", "Arithmetic"),
    ];
    for f in &z.functions {
        let mut heading = Line::text(f.name.clone()).traced(f.element.iter().cloned());
        if f.suggested {
            heading = heading.push(Span::of(SpanKind::Suggested, suggested()));
        }
        heading = heading.push(Span::of(SpanKind::Chip, load(f.hours, &f.fte)).with_role(DocRole::SizingFte));
        let mut load_section = Section::new(heading).with_role(DocRole::SizingFunction);
        load_section.function = f.function;
        load_section.element = f.element.clone();
        let rows = f
            .lines
            .iter()
            .map(|l| Row {
                cells: vec![
                    Line::words(&l.touchpoint.name).traced([l.touchpoint.id.clone()]),
                    Line::words(&l.stage.name),
                    Line::text(l.arithmetic.clone()),
                ],
                trace: vec![l.touchpoint.id.clone()],
                role: Some(DocRole::SizingLine),
            })
            .collect();
        load_section.blocks.push(Block::Table { columns: columns.clone(), rows });
        load_section.blocks.push(Block::paragraph(Line::text(f.arithmetic.clone())));
        section.sections.push(load_section);
    }
    let total = load(z.hours, &z.fte);
    let total = Text::new(format!("合計 {}", total.ja), format!("Total {}", total.en));
    section.closing.push(Block::strong(Line::text(total).with_role(DocRole::SizingTotal)));
    if !z.unknown_accounts.is_empty() {
        let names = |sep: &str| z.unknown_accounts.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(sep);
        let line = Line::text(Text::new(
            format!("顧客数が分からないタッチポイント（対象セグメントに顧客数を入れてください）: {}", names("、")),
            format!("Touchpoints with unknown accounts (give their segments a number of accounts): {}", names(", ")),
        ))
        .traced(z.unknown_accounts.iter().map(|r| r.id.clone()))
        .with_role(DocRole::UnknownAccounts);
        section.closing.push(Block::muted(line));
    }
    section
}

/// "270 時間／年 ・ 0.17 人": hours a year and the people they take.
fn load(hours: f64, fte: &str) -> Text {
    Text::new(format!("{} 時間／年 ・ {fte} 人", num(hours)), format!("{} h/year · {fte} FTE", num(hours)))
}
