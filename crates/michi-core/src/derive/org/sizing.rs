//! Sizing: the CS work the journeys take and the people it takes, segment by segment, with the
//! arithmetic on every line.
//!
//! - A **one-to-one** touchpoint costs accounts × times × minutes, for each segment it is drawn for.
//!   Which accounts depends on its stage's phase: in onboarding, the segment's new accounts a year
//!   (each passes once); in renewal, the accounts renewing a year (as the segment says, else its
//!   accounts ÷ the contract term); in adoption, expansion or a stage without a phase, the accounts
//!   at the stage — the segment's accounts × the share the journey's latest state snapshot has at
//!   the stage, or all of them when there is no snapshot (and the line says so).
//! - A **program** (a touchpoint reaching many at once: a webinar series, a mail campaign, a
//!   help-centre article) costs runs a year × minutes a run, once for every segment.
//! - **Support** costs accounts × contacts per account a year × minutes a contact, per segment.
//!
//! Each line goes to the function that owns the touchpoint's stage, else the one the rules tie to
//! it (support to the Support function); each function's and each segment's hours are divided by
//! the hours of customer work one person gives in a year.

use serde::Serialize;

use super::design::{Ties, function_name_in};
use crate::derive::document::{Block, DocRole, Line, Row, Section, Span, SpanKind};
use crate::derive::shared::{Ref, latest_snapshot, suggested};
use crate::element::{Catalog, CsFunction, ElementData, ElementKind, Reach, Segment, SizingAssumptions, StagePhase};
use crate::id::{ElementId, ViewId};
use crate::relation::RelationKind;
use crate::text::Text;
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Sizing {
    pub assumptions: SizingAssumptions,
    /// The assumptions in one sentence.
    pub summary: Text,
    pub functions: Vec<FunctionLoad>,
    /// The hours and people of each segment; programs, which reach every segment at once, apart
    /// (`segment` empty).
    pub segments: Vec<SegmentLoad>,
    /// What could not be counted, and the number it lacks.
    pub unknown: Vec<Unknown>,
    pub hours: f64,
    pub headcount: f64,
    /// The headcount as the arithmetic shows it (two decimals).
    pub fte: String,
}

/// The load of one function (or of work no function takes yet: `function` and `element` empty).
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

/// What a line costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum LoadKind {
    /// A one-to-one touchpoint: accounts × times × minutes.
    PerAccount,
    /// A program: runs × minutes.
    Program,
    /// Support contacts: accounts × contacts × minutes.
    Support,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LoadLine {
    pub kind: LoadKind,
    /// The touchpoint (or, for support, the segment) the work comes from.
    pub source: Ref,
    pub stage: Option<Ref>,
    /// The segment whose accounts the line counts; empty for a program.
    pub segment: Option<Ref>,
    /// The accounts counted (none for a program), and what they are.
    pub accounts: Option<f64>,
    pub basis: Option<Text>,
    /// Times per account, runs of a program, or contacts per account.
    pub times: f64,
    pub minutes: u32,
    pub hours: f64,
    /// "basis × times × minutes = hours".
    pub arithmetic: Text,
    pub views: Vec<ViewId>,
}

/// The hours and people one segment's accounts take (or the programs', `segment` empty).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SegmentLoad {
    pub segment: Option<Ref>,
    pub hours: f64,
    pub headcount: f64,
    pub fte: String,
}

/// Work that could not be counted: the touchpoint or segment, and the number it lacks.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Unknown {
    pub element: Ref,
    pub missing: Text,
}

/// The sizing assumptions in one sentence.
pub fn assumptions_text(a: &SizingAssumptions) -> Text {
    let (share, hours, times) = (num(a.customer_share * 100.0), num(a.hours_per_fte), num(a.per_year));
    let (high, low, tech) = (a.minutes_high, a.minutes_low, a.minutes_tech);
    let (runs, run, contact, term) =
        (num(a.program_runs), a.program_minutes, a.minutes_per_contact, num(a.contract_years));
    Text::new(
        format!(
            "前提: 1人あたり年{hours}時間のうち顧客対応に{share}%。タッチポイントに指定がなければ、1社ずつのものは活用・拡大で1社あたり年{times}回（導入・更新は1回の通過に1回）、1回あたりハイタッチ{high}分・ロータッチ{low}分・テックタッチ{tech}分。多数に一度に届けるプログラムは年{runs}回、1回{run}分。問い合わせ1件{contact}分。更新対象数の指定がなければ契約{term}年。"
        ),
        format!(
            "Assumptions: {hours} working hours per person per year, {share}% of them on customer work. Where a touchpoint does not say: one-to-one, {times} times per account per year in adoption and expansion (once per pass in onboarding and renewal); {high} min per high touch, {low} per low touch, {tech} per tech touch. A program reaching many at once: {runs} runs a year, {run} min a run. A support contact: {contact} min. Where a segment does not say how many renew: a {term}-year contract."
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

/// The accounts a one-to-one touchpoint of a stage in `phase` meets in `segment`, or the number
/// the segment lacks. `share`: the accounts at the stage and in the journey, from the journey's
/// latest state snapshot.
fn basis(
    seg: &Segment,
    phase: Option<StagePhase>,
    share: Option<(u32, u32)>,
    a: &SizingAssumptions,
) -> Result<(f64, Text), Text> {
    let accounts = |n: f64| Text::new(format!("{}社", num(n)), format!("{} accounts", num(n)));
    match phase {
        Some(StagePhase::Onboarding) => match seg.new_per_year {
            Some(n) => Ok((
                n as f64,
                Text::new(format!("新規 {}社／年", num(n as f64)), format!("{} new accounts/year", num(n as f64))),
            )),
            None => Err(Text::new("年間の新規顧客数", "new accounts per year")),
        },
        Some(StagePhase::Renewal) => match (seg.renewals_per_year, seg.accounts) {
            (Some(n), _) => Ok((
                n as f64,
                Text::new(format!("更新 {}社／年", num(n as f64)), format!("{} renewals/year", num(n as f64))),
            )),
            (None, Some(n)) => {
                let renewing = n as f64 / a.contract_years;
                let (all, term) = (accounts(n as f64), num(a.contract_years));
                Ok((
                    renewing,
                    Text::new(format!("{} ÷ 契約{term}年", all.ja), format!("{} ÷ {term}-year contract", all.en)),
                ))
            }
            (None, None) => Err(Text::new("顧客数（または年間の更新対象数）", "accounts (or renewals per year)")),
        },
        _ => match (seg.accounts, share) {
            (Some(n), Some((at, of))) if of > 0 => {
                let all = accounts(n as f64);
                Ok((
                    n as f64 * at as f64 / of as f64,
                    Text::new(
                        format!("{} × {at}/{of}（このステージにいる割合）", all.ja),
                        format!("{} × {at}/{of} (the share at this stage)", all.en),
                    ),
                ))
            }
            (Some(n), _) => {
                let all = accounts(n as f64);
                Ok((
                    n as f64,
                    Text::new(
                        format!("{}（状態がないため全社）", all.ja),
                        format!("{} (all: no state snapshot)", all.en),
                    ),
                ))
            }
            (None, _) => Err(Text::new("顧客数", "accounts")),
        },
    }
}

/// The accounts at `stage` and in all of `stages`, from the journey's latest state snapshot.
fn stage_share(ws: &Workspace, stages: &[ElementId], stage: &ElementId) -> Option<(u32, u32)> {
    let snapshot = latest_snapshot(ws, stages)?;
    let Some(ElementData::StateSnapshot(s)) = ws.data(&snapshot) else { return None };
    let present = |id: &ElementId| s.entries.iter().find(|e| &e.element == id).map_or(0, |e| e.present_total());
    Some((present(stage), stages.iter().map(present).sum()))
}

/// "{basis} × {times}回 × {minutes}分 = {hours}時間".
fn arithmetic(basis: &Text, times: &Text, minutes: u32, hours: f64) -> Text {
    Text::new(
        format!("{} × {} × {minutes}分 = {}時間", basis.ja, times.ja, num(hours)),
        format!("{} × {} × {minutes} min = {} h", basis.en, times.en, num(hours)),
    )
}

/// Who takes a line: (adopted element, function, name, suggested).
type Taker = (Option<ElementId>, Option<CsFunction>, Text, bool);

pub(super) fn sizing(ws: &Workspace, catalog: &Catalog, ties: &Ties) -> Sizing {
    let a = &catalog.sizing;
    let per_person = a.hours_per_person();
    let mut lines: Vec<(Taker, LoadLine)> = Vec::new();
    let mut unknown = Vec::new();
    for journey in ws.elements_of_kind(ElementKind::Journey) {
        let journey_segments: Vec<ElementId> = ws
            .outgoing(&journey.id, RelationKind::IsFor)
            .into_iter()
            .map(|r| r.to)
            .filter(|t| ws.kind_of(t) == Some(ElementKind::Segment))
            .collect();
        let stages = ws.ordered_members(&journey.id, RelationKind::InJourney);
        for stage in &stages {
            let phase = match ws.data(stage) {
                Some(ElementData::Stage(s)) => s.phase,
                _ => None,
            };
            for card in ws.ordered_members(stage, RelationKind::InStage) {
                let Some(ElementData::Touchpoint(t)) = ws.data(&card) else { continue };
                let taker: Taker = match ties.owner(ws, catalog, stage, std::slice::from_ref(&card)) {
                    Some(o) => (o.element, o.function, o.name, o.suggested),
                    None => (None, None, Text::new("担当未定", "No function yet"), false),
                };
                let views = ws.views_showing(&card);
                if t.reach() == Reach::Program {
                    let minutes = t.minutes.unwrap_or(a.program_minutes);
                    let runs = t.per_year.unwrap_or(a.program_runs);
                    let hours = runs * minutes as f64 / 60.0;
                    if hours <= 0.0 {
                        continue;
                    }
                    let basis = Text::new("全セグメント共通", "every segment at once");
                    let times = Text::new(format!("年{}回", num(runs)), format!("{} runs/year", num(runs)));
                    lines.push((
                        taker,
                        LoadLine {
                            kind: LoadKind::Program,
                            source: Ref::of(ws, &card),
                            stage: Some(Ref::of(ws, stage)),
                            segment: None,
                            accounts: None,
                            arithmetic: Text::new(
                                format!("{} × {minutes}分 = {}時間（{}）", times.ja, num(hours), basis.ja),
                                format!("{} × {minutes} min = {} h ({})", times.en, num(hours), basis.en),
                            ),
                            basis: Some(basis),
                            times: runs,
                            minutes,
                            hours,
                            views,
                        },
                    ));
                    continue;
                }
                let minutes = t.minutes.unwrap_or_else(|| a.minutes(t.touch));
                if minutes == 0 {
                    continue;
                }
                let once = matches!(phase, Some(StagePhase::Onboarding | StagePhase::Renewal));
                let times = t.per_year.unwrap_or(if once { 1.0 } else { a.per_year });
                let times_text = if once {
                    Text::new(format!("{}回", num(times)), format!("{} times", num(times)))
                } else {
                    Text::new(format!("年{}回", num(times)), format!("{}/year", num(times)))
                };
                let own = ws.segments_of(&card);
                let segments = if own.is_empty() { &journey_segments } else { &own };
                if segments.is_empty() {
                    unknown.push(Unknown {
                        element: Ref::of(ws, &card),
                        missing: Text::new("対象のセグメント", "a segment it is for"),
                    });
                }
                let share = stage_share(ws, &stages, stage);
                for segment in segments {
                    let Some(ElementData::Segment(seg)) = ws.data(segment) else { continue };
                    match basis(seg, phase, share, a) {
                        Ok((accounts, basis)) => {
                            let hours = accounts * times * minutes as f64 / 60.0;
                            lines.push((
                                taker.clone(),
                                LoadLine {
                                    kind: LoadKind::PerAccount,
                                    source: Ref::of(ws, &card),
                                    stage: Some(Ref::of(ws, stage)),
                                    segment: Some(Ref::of(ws, segment)),
                                    accounts: Some(accounts),
                                    arithmetic: arithmetic(&basis, &times_text, minutes, hours),
                                    basis: Some(basis),
                                    times,
                                    minutes,
                                    hours,
                                    views: views.clone(),
                                },
                            ));
                        }
                        Err(missing) => {
                            let name = &seg.name;
                            unknown.push(Unknown {
                                element: Ref::of(ws, &card),
                                missing: Text::new(
                                    format!("「{name}」の{}", missing.ja),
                                    format!("the {} of \"{name}\"", missing.en),
                                ),
                            });
                        }
                    }
                }
            }
        }
    }
    // Support: each segment's contacts, to the Support function.
    let support: Taker = {
        let adopted = ws.elements_of_kind(ElementKind::OrgFunction).find_map(|e| match &e.data {
            ElementData::OrgFunction(f) if f.function == Some(CsFunction::Support) => {
                Some((e.id.clone(), function_name_in(f, catalog)))
            }
            _ => None,
        });
        match adopted {
            Some((id, name)) => (Some(id), Some(CsFunction::Support), name, false),
            None => (None, Some(CsFunction::Support), catalog.function(CsFunction::Support).0, true),
        }
    };
    for e in ws.elements_of_kind(ElementKind::Segment) {
        let ElementData::Segment(seg) = &e.data else { continue };
        let Some(contacts) = seg.contacts_per_account.filter(|c| *c > 0.0) else { continue };
        let Some(accounts) = seg.accounts else {
            unknown.push(Unknown {
                element: Ref::of(ws, &e.id),
                missing: Text::new(format!("「{}」の顧客数", seg.name), format!("the accounts of \"{}\"", seg.name)),
            });
            continue;
        };
        let minutes = a.minutes_per_contact;
        let hours = accounts as f64 * contacts * minutes as f64 / 60.0;
        let basis = Text::new(format!("{}社", num(accounts as f64)), format!("{} accounts", num(accounts as f64)));
        let times = Text::new(format!("年{}件", num(contacts)), format!("{} contacts/year", num(contacts)));
        lines.push((
            support.clone(),
            LoadLine {
                kind: LoadKind::Support,
                source: Ref::of(ws, &e.id),
                stage: None,
                segment: Some(Ref::of(ws, &e.id)),
                accounts: Some(accounts as f64),
                arithmetic: arithmetic(&basis, &times, minutes, hours),
                basis: Some(basis),
                times: contacts,
                minutes,
                hours,
                views: ws.views_showing(&e.id),
            },
        ));
    }

    // Per function, in the order of first appearance.
    let mut functions: Vec<FunctionLoad> = Vec::new();
    for ((element, function, name, suggested), line) in &lines {
        let at = functions.iter().position(|l| l.element == *element && (element.is_some() || l.function == *function));
        let load = match at {
            Some(i) => &mut functions[i],
            None => {
                functions.push(FunctionLoad {
                    name: name.clone(),
                    function: *function,
                    element: element.clone(),
                    suggested: *suggested,
                    lines: Vec::new(),
                    hours: 0.0,
                    headcount: 0.0,
                    fte: String::new(),
                    arithmetic: Text::new("", ""),
                });
                functions.last_mut().expect("just pushed")
            }
        };
        load.hours += line.hours;
        load.lines.push(line.clone());
    }
    let share = num(a.customer_share * 100.0);
    for load in &mut functions {
        load.headcount = load.hours / per_person;
        load.fte = fte(load.headcount);
        let (h, p, n) = (num(load.hours), num(a.hours_per_fte), fte(load.headcount));
        load.arithmetic = Text::new(
            format!("{h}時間 ÷ （{p}時間 × {share}%） = {n}人"),
            format!("{h} h ÷ ({p} h × {share}%) = {n} FTE"),
        );
    }
    // Per segment, in the workspace's order; programs last.
    let mut segments: Vec<SegmentLoad> = Vec::new();
    for (_, line) in &lines {
        let key = line.segment.as_ref().map(|s| &s.id);
        match segments.iter_mut().find(|s| s.segment.as_ref().map(|r| &r.id) == key) {
            Some(s) => s.hours += line.hours,
            None => segments.push(SegmentLoad {
                segment: line.segment.clone(),
                hours: line.hours,
                headcount: 0.0,
                fte: String::new(),
            }),
        }
    }
    segments.sort_by_key(|s| s.segment.is_none());
    for s in &mut segments {
        s.headcount = s.hours / per_person;
        s.fte = fte(s.headcount);
    }
    // Folded from +0.0: an empty f64 sum is −0.0, which would print as "-0.00 FTE".
    let hours = functions.iter().fold(0.0, |t, l| t + l.hours);
    let headcount = functions.iter().fold(0.0, |t, l| t + l.headcount);
    Sizing {
        assumptions: a.clone(),
        summary: assumptions_text(a),
        functions,
        segments,
        unknown,
        hours,
        headcount,
        fte: fte(headcount),
    }
}

/// The sizing as a section of the org document: the assumptions, each function's load with the
/// arithmetic of every line, the load of each segment, the total, and what could not be counted.
pub fn section(z: &Sizing) -> Section {
    let mut section = Section::new(Line::text(Text::new("必要な人数の見積もり", "Sizing"))).with_role(DocRole::Sizing);
    section.blocks.push(Block::muted(Line::text(z.summary.clone()).with_role(DocRole::SizingSummary)));
    if z.functions.is_empty() {
        section.blocks.push(Block::muted(Line::text(Text::new(
            "人の時間がかかるタッチポイントや問い合わせがまだありません。",
            "No touchpoint or support contact takes people's time yet.",
        ))));
    }
    let columns = vec![
        Text::new("仕事", "Work"),
        Text::new("ステージ", "Stage"),
        Text::new("セグメント", "Segment"),
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
            .map(|l| {
                let work = match l.kind {
                    LoadKind::Support => Line::text(Text::new("問い合わせ対応", "Support contacts")),
                    _ => Line::words(&l.source.name),
                };
                let dash = || Line::words("—");
                Row {
                    cells: vec![
                        work.traced([l.source.id.clone()]),
                        l.stage.as_ref().map_or_else(dash, |s| Line::words(&s.name)),
                        match &l.segment {
                            Some(s) => Line::words(&s.name),
                            None => Line::text(Text::new("全セグメント", "All segments")),
                        },
                        Line::text(l.arithmetic.clone()),
                    ],
                    trace: vec![l.source.id.clone()],
                    role: Some(DocRole::SizingLine),
                }
            })
            .collect();
        load_section.blocks.push(Block::Table { columns: columns.clone(), rows });
        load_section.blocks.push(Block::paragraph(Line::text(f.arithmetic.clone())));
        section.sections.push(load_section);
    }
    if !z.segments.is_empty() {
        let mut by_segment =
            Section::new(Line::text(Text::new("セグメント別", "By segment"))).with_role(DocRole::SizingSegments);
        let rows = z
            .segments
            .iter()
            .map(|s| Row {
                cells: vec![
                    match &s.segment {
                        Some(r) => Line::words(&r.name).traced([r.id.clone()]),
                        None => {
                            Line::text(Text::new("プログラム（全セグメント共通）", "Programs (every segment at once)"))
                        }
                    },
                    Line::text(load(s.hours, &s.fte)),
                ],
                trace: s.segment.iter().map(|r| r.id.clone()).collect(),
                role: None,
            })
            .collect();
        by_segment.blocks.push(Block::Table {
            columns: vec![Text::new("セグメント", "Segment"), Text::new("時間と人数", "Hours and people")],
            rows,
        });
        section.sections.push(by_segment);
    }
    let total = load(z.hours, &z.fte);
    let total = Text::new(format!("合計 {}", total.ja), format!("Total {}", total.en));
    section.closing.push(Block::strong(Line::text(total).with_role(DocRole::SizingTotal)));
    if !z.unknown.is_empty() {
        let items = |sep: &str, ja: bool| {
            z.unknown
                .iter()
                .map(|u| {
                    if ja {
                        format!("{}（{}）", u.element.name, u.missing.ja)
                    } else {
                        format!("{} ({})", u.element.name, u.missing.en)
                    }
                })
                .collect::<Vec<_>>()
                .join(sep)
        };
        let line = Line::text(Text::new(
            format!("数が分からないため数えていない仕事（足りない数を入れてください）: {}", items("、", true)),
            format!("Work not counted for lack of a number (enter it): {}", items("; ", false)),
        ))
        .traced(z.unknown.iter().map(|u| u.element.id.clone()))
        .with_role(DocRole::UnknownAccounts);
        section.closing.push(Block::muted(line));
    }
    section
}

/// "270 時間／年 ・ 0.17 人": hours a year and the people they take.
fn load(hours: f64, fte: &str) -> Text {
    Text::new(format!("{} 時間／年 ・ {fte} 人", num(hours)), format!("{} h/year · {fte} FTE", num(hours)))
}
