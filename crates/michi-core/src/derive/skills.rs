//! The skill matrix (domain.md §4) derived from the team (`team.rs`): the capability model, each
//! person's levels at a date against their target and what their roles need, a development plan
//! per person, and per adopted function the gap between the people it needs and those who meet its
//! requirement, with the call to train or to hire traced to the skills short; the plays whose
//! owner has too few qualified people; a comparison of two dates; the document of it all.

use serde::Serialize;

use super::document::{Block, DocRole, Document, Fact, Line, Row, Section, Span, SpanKind};
use super::evidence::iso_date;
use super::shared::Ref;
use super::team::{Function, Team};
use crate::element::{CsFunction, ElementKind, LevelText, SkillGroup, axis_name};
use crate::id::ElementId;
use crate::text::Text;
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SkillMatrix {
    /// The date the matrix shows (seconds since 1970, a day): the one asked for, else the newest
    /// assessment's; none before the first assessment.
    pub as_of: Option<f64>,
    /// Every day an assessment was made, ascending (what the matrix can be shown at).
    pub dates: Vec<f64>,
    pub skills: Vec<SkillRow>,
    /// The axes: CS and domain always, then the company's own in the model's order, each once.
    pub axes: Vec<SkillAxis>,
    pub people: Vec<TeamPersonRow>,
    pub functions: Vec<FunctionGap>,
    /// The roles of the org design, to filter the people by.
    pub roles: Vec<RoleRow>,
    pub plays: Vec<PlayCoverage>,
    pub stale_after_days: u32,
    pub min_qualified: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SkillAxis {
    pub axis: String,
    pub name: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SkillRow {
    pub id: ElementId,
    pub key: String,
    pub name: Text,
    pub group: Option<SkillGroup>,
    pub group_name: Option<Text>,
    pub axis: String,
    pub axis_name: Text,
    pub description: Text,
    pub levels: Vec<LevelText>,
    /// Where it stands in the model (what an edit of it keeps).
    pub position: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RoleRow {
    pub role: Ref,
    pub function: ElementId,
    /// The levels the role requires of its own (on top of its function's): skill index, level.
    pub requires: Vec<RoleLevel>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RoleLevel {
    /// The skill's index in [`SkillMatrix::skills`].
    pub skill: u32,
    pub level: u8,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TeamPersonRow {
    pub person: Ref,
    pub roles: Vec<ElementId>,
    pub functions: Vec<ElementId>,
    /// One per skill, in the order of [`SkillMatrix::skills`].
    pub cells: Vec<SkillCell>,
    /// The functions whose requirement they meet, of those they are in.
    pub meets: Vec<ElementId>,
    /// What to learn next, most needed first.
    pub plan: Vec<DevelopmentGoal>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SkillCell {
    /// The level assessed in force; none: not assessed by the matrix's date.
    pub current: Option<u8>,
    pub target: Option<u8>,
    pub not_applicable: bool,
    /// The level their roles need (0: none).
    pub needed: u8,
    /// When the assessment in force was made (its assessor and evidence: [`person`]).
    pub date: Option<f64>,
    /// Older than the stale age before the newest assessment.
    pub stale: bool,
}

/// One step of a person's development plan: the next level of a skill and what it asks.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DevelopmentGoal {
    /// The skill's index in [`SkillMatrix::skills`] (whose levels describe the next one).
    pub skill: u32,
    pub current: u8,
    /// The level aimed at: the higher of the target and what their roles need.
    pub goal: u8,
    pub next: u8,
    /// Their roles need it (not only their own target).
    pub required: bool,
}

/// What an adopted function should do about the people it lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum StaffingCall {
    /// Enough people meet the requirement.
    Covered,
    /// People in the function are within a level on every skill it requires: train them.
    Train,
    /// Nobody in it is near enough: hire (or move someone in).
    Hire,
    TrainAndHire,
    /// It requires no skill yet.
    NothingRequired,
}

impl StaffingCall {
    pub fn name(self) -> Text {
        match self {
            StaffingCall::Covered => Text::new("充足", "Covered"),
            StaffingCall::Train => Text::new("育成", "Train"),
            StaffingCall::Hire => Text::new("採用", "Hire"),
            StaffingCall::TrainAndHire => Text::new("育成と採用", "Train and hire"),
            StaffingCall::NothingRequired => Text::new("要件なし", "Nothing required"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FunctionGap {
    pub function: Ref,
    pub kind: Option<CsFunction>,
    pub name: Text,
    pub requires: Vec<RequiredLevel>,
    /// People holding a role in it.
    pub members: Vec<ElementId>,
    /// Those of them who meet its requirement.
    pub qualified: Vec<ElementId>,
    /// People outside it who meet its requirement (who could move in).
    pub qualified_elsewhere: Vec<ElementId>,
    /// People it needs: its roles' headcount rounded up, else as many as are in it (at least one).
    pub needed: u32,
    /// Needed minus qualified.
    pub short: u32,
    /// Levels missing over its members and its requirements.
    pub levels_short: u32,
    pub call: StaffingCall,
    /// The people to train (within a level on every required skill), nearest first.
    pub train: Vec<ElementId>,
    /// People to hire.
    pub hire: u32,
    /// Fewer than the minimum meet the requirement.
    pub marked: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RequiredLevel {
    pub skill: ElementId,
    pub name: Text,
    pub level: u8,
    /// Members at or above the level.
    pub meeting: u32,
    /// Levels missing, summed over the members below it.
    pub levels_short: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlayCoverage {
    pub journey: Ref,
    pub stage: Ref,
    pub play: Text,
    pub owner: Ref,
    pub owner_name: Text,
    pub qualified: u32,
    pub marked: bool,
    pub sources: Vec<ElementId>,
}

/// The matrix as of `as_of` (the newest assessment's day when none).
pub fn matrix(ws: &Workspace, as_of: Option<f64>) -> SkillMatrix {
    matrix_with(ws, as_of, true)
}

/// The matrix, with the plays' coverage or without it (the playbooks not derived: what the
/// assessments' tables need).
pub fn matrix_with(ws: &Workspace, as_of: Option<f64>, with_plays: bool) -> SkillMatrix {
    let catalog = ws.catalog();
    let settings = catalog.skills.clone();
    let team = Team::read(ws, as_of);
    let stale_limit = team.newest.map(|n| n - f64::from(settings.stale_after_days) * 86_400.0);

    let skills: Vec<SkillRow> = team
        .skills
        .iter()
        .map(|(id, s)| SkillRow {
            id: (*id).clone(),
            key: s.key.clone(),
            name: s.name.clone(),
            group: s.group,
            group_name: s.group.map(SkillGroup::name),
            axis: s.axis.clone(),
            axis_name: axis_name(&s.axis),
            description: s.description.clone(),
            levels: s.levels.clone(),
            position: s.position,
        })
        .collect();
    // The built-in axes always (what a new skill can be put on), then the company's own.
    let mut axes: Vec<SkillAxis> = [crate::element::AXIS_CS, crate::element::AXIS_DOMAIN]
        .into_iter()
        .map(|a| SkillAxis { axis: a.to_string(), name: axis_name(a) })
        .collect();
    for s in &skills {
        if !axes.iter().any(|a| a.axis == s.axis) {
            axes.push(SkillAxis { axis: s.axis.clone(), name: s.axis_name.clone() });
        }
    }

    let people: Vec<TeamPersonRow> = team
        .members
        .iter()
        .enumerate()
        .map(|(m, member)| {
            let mut cells = Vec::with_capacity(skills.len());
            let mut plan = Vec::new();
            for (s, st) in member.standings.iter().enumerate() {
                let needed = team.needed(m, s);
                let cell = match st.assessment {
                    Some((_, a)) => SkillCell {
                        current: Some(a.current),
                        target: a.target,
                        not_applicable: a.not_applicable,
                        needed,
                        date: Some(a.date),
                        stale: stale_limit.is_some_and(|l| a.date < l),
                    },
                    None => SkillCell { needed, ..SkillCell::default() },
                };
                if !cell.not_applicable {
                    let current = cell.current.unwrap_or(0);
                    let goal = cell.target.unwrap_or(0).max(needed);
                    if goal > current {
                        plan.push(DevelopmentGoal {
                            skill: s as u32,
                            current,
                            goal,
                            next: current + 1,
                            required: needed > current,
                        });
                    }
                }
                cells.push(cell);
            }
            plan.sort_by(|a, b| b.required.cmp(&a.required).then((b.goal - b.current).cmp(&(a.goal - a.current))));
            let meets: Vec<ElementId> = team
                .functions
                .iter()
                .filter(|f| member.functions.contains(&f.id) && team.meets(m, f))
                .map(|f| f.id.clone())
                .collect();
            TeamPersonRow {
                person: Ref { id: member.id.clone(), name: member.name.to_string() },
                roles: member.roles.iter().map(|r| (*r).clone()).collect(),
                functions: member.functions.iter().map(|f| (*f).clone()).collect(),
                cells,
                meets,
                plan,
            }
        })
        .collect();

    let functions: Vec<FunctionGap> =
        team.functions.iter().map(|f| function_gap(ws, &catalog, &team, f, settings.min_qualified)).collect();
    let roles = team
        .functions
        .iter()
        .flat_map(|f| {
            f.roles.iter().map(|r| RoleRow {
                role: Ref::of(ws, r),
                function: f.id.clone(),
                requires: team
                    .role_requires
                    .get(r)
                    .into_iter()
                    .flatten()
                    .map(|&(skill, level)| RoleLevel { skill: skill as u32, level })
                    .collect(),
            })
        })
        .collect();
    let plays =
        if with_plays && !people.is_empty() { plays(ws, &functions, settings.min_qualified) } else { Vec::new() };

    let dates = team.days.clone();

    SkillMatrix {
        as_of: team.as_of,
        dates,
        skills,
        axes,
        people,
        functions,
        roles,
        plays,
        stale_after_days: settings.stale_after_days,
        min_qualified: settings.min_qualified,
    }
}

fn function_gap(
    ws: &Workspace,
    catalog: &crate::element::Catalog,
    team: &Team,
    f: &Function,
    min_qualified: u32,
) -> FunctionGap {
    let name = match ws.data(f.id) {
        Some(crate::element::ElementData::OrgFunction(of)) => super::org::design::function_name_in(of, catalog),
        _ => Text::same(""),
    };
    let id_of = |m: usize| team.members[m].id.clone();
    let qualified = team.qualified(f);
    let mut inside = vec![false; team.members.len()];
    for &m in &f.members {
        inside[m] = true;
    }
    let mut meets = vec![false; team.members.len()];
    for &m in &qualified {
        meets[m] = true;
    }
    let qualified_elsewhere: Vec<ElementId> =
        (0..team.members.len()).filter(|&m| !inside[m] && team.meets(m, f)).map(id_of).collect();
    let requires: Vec<RequiredLevel> = f
        .requires
        .iter()
        .map(|&(s, level)| {
            let mut meeting = 0;
            let mut levels_short = 0;
            for &m in &f.members {
                let got = team.members[m].standings[s].level();
                if got >= level && !team.members[m].standings[s].not_applicable() {
                    meeting += 1;
                } else {
                    levels_short += u32::from(level.saturating_sub(got)).max(1);
                }
            }
            RequiredLevel {
                skill: team.skills[s].0.clone(),
                name: team.skills[s].1.name.clone(),
                level,
                meeting,
                levels_short,
            }
        })
        .collect();
    let needed = if f.headcount > 0.0 { f.headcount.ceil() as u32 } else { (f.members.len() as u32).max(1) };
    let short = needed.saturating_sub(qualified.len() as u32);
    // Within reach: in the function, not qualified, at most one level short on every required
    // skill, none N/A.
    let mut reach: Vec<(u32, usize)> = f
        .members
        .iter()
        .copied()
        .filter(|&m| !meets[m])
        .filter_map(|m| {
            let mut missing = 0u32;
            for &(s, level) in &f.requires {
                let st = &team.members[m].standings[s];
                if st.not_applicable() || st.level() + 1 < level {
                    return None;
                }
                missing += u32::from(level.saturating_sub(st.level()));
            }
            Some((missing, m))
        })
        .collect();
    reach.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| team.members[a.1].name.cmp(team.members[b.1].name)));
    let train: Vec<ElementId> = reach.iter().take(short as usize).map(|&(_, m)| id_of(m)).collect();
    let hire = short - train.len() as u32;
    let call = if f.requires.is_empty() {
        StaffingCall::NothingRequired
    } else if short == 0 {
        StaffingCall::Covered
    } else if hire == 0 {
        StaffingCall::Train
    } else if train.is_empty() {
        StaffingCall::Hire
    } else {
        StaffingCall::TrainAndHire
    };
    FunctionGap {
        function: Ref { id: f.id.clone(), name: name.ja.clone() },
        kind: f.function,
        name,
        levels_short: requires.iter().map(|r| r.levels_short).sum(),
        requires,
        members: f.members.iter().map(|&m| id_of(m)).collect(),
        marked: !f.requires.is_empty() && (qualified.len() as u32) < min_qualified,
        qualified: qualified.into_iter().map(id_of).collect(),
        qualified_elsewhere,
        needed,
        short,
        call,
        train,
        hire,
    }
}

/// Every play of every playbook whose owner is an adopted function, with how many of its people
/// meet the function's requirement.
fn plays(ws: &Workspace, functions: &[FunctionGap], min_qualified: u32) -> Vec<PlayCoverage> {
    let mut out = Vec::new();
    for journey in ws.elements_of_kind(ElementKind::Journey) {
        let Some(pb) = super::playbook::playbook_counted(ws, &journey.id, None, None) else { continue };
        for stage in &pb.stages {
            for play in &stage.plays {
                let Some(owner) = play.owner.as_ref().and_then(|o| o.element.as_ref()) else { continue };
                let Some(f) = functions.iter().find(|f| &f.function.id == owner) else { continue };
                let qualified = f.qualified.len() as u32;
                out.push(PlayCoverage {
                    journey: Ref::of(ws, &journey.id),
                    stage: stage.stage.clone(),
                    play: super::playbook::trigger_text(&play.trigger),
                    owner: f.function.clone(),
                    owner_name: f.name.clone(),
                    qualified,
                    marked: qualified < min_qualified,
                    sources: play.sources.clone(),
                });
            }
        }
    }
    out
}

/// One person's page: each skill's assessments (newest first) with who assessed and what was
/// seen, up to the matrix's day.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PersonDetail {
    pub person: Ref,
    pub note: String,
    /// One per skill, in the order of [`SkillMatrix::skills`].
    pub history: Vec<Vec<AssessmentEntry>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AssessmentEntry {
    pub assessment: ElementId,
    pub date: f64,
    pub current: u8,
    pub target: Option<u8>,
    pub not_applicable: bool,
    pub assessor: String,
    pub evidence: String,
}

/// The page of `person` in `m` (read from `ws` as of `m`'s day).
pub fn person(ws: &Workspace, m: &SkillMatrix, person: &ElementId) -> Option<PersonDetail> {
    let crate::element::ElementData::TeamMember(member) = ws.data(person)? else { return None };
    let index: std::collections::HashMap<&ElementId, usize> =
        m.skills.iter().enumerate().map(|(i, s)| (&s.id, i)).collect();
    let end = m.as_of.map(|d| (d / 86_400.0).floor() * 86_400.0 + 86_400.0);
    let mut history: Vec<Vec<AssessmentEntry>> = vec![Vec::new(); m.skills.len()];
    for e in ws.sources(person, crate::relation::RelationKind::Assesses) {
        let crate::element::ElementData::Assessment(a) = &e.data else { continue };
        if end.is_some_and(|end| a.date >= end) {
            continue;
        }
        let Some(&s) = ws.targets(&e.id, crate::relation::RelationKind::OnSkill).next().and_then(|s| index.get(&s.id))
        else {
            continue;
        };
        history[s].push(AssessmentEntry {
            assessment: e.id.clone(),
            date: a.date,
            current: a.current,
            target: a.target,
            not_applicable: a.not_applicable,
            assessor: a.assessor.clone(),
            evidence: a.evidence.clone(),
        });
    }
    for h in &mut history {
        h.sort_by(|a, b| b.date.total_cmp(&a.date).then_with(|| b.assessment.cmp(&a.assessment)));
    }
    Some(PersonDetail { person: Ref::of(ws, person), note: member.note.clone(), history })
}

/// What changed between the matrix at `from` and at `to`: each person and skill whose level,
/// target or N/A differs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MatrixChange {
    pub person: Ref,
    pub skill: ElementId,
    pub name: Text,
    pub from: Option<u8>,
    pub to: Option<u8>,
    pub from_target: Option<u8>,
    pub to_target: Option<u8>,
}

pub fn compare(ws: &Workspace, from: f64, to: f64) -> Vec<MatrixChange> {
    let a = Team::read(ws, Some(from));
    let b = Team::read(ws, Some(to));
    let level =
        |st: &super::team::Standing| st.assessment.map(|(_, x)| if x.not_applicable { None } else { Some(x.current) });
    let mut out = Vec::new();
    for (ma, mb) in a.members.iter().zip(&b.members) {
        for (s, (sa, sb)) in ma.standings.iter().zip(&mb.standings).enumerate() {
            let (la, lb) = (level(sa).flatten(), level(sb).flatten());
            let (ta, tb) = (sa.assessment.and_then(|(_, x)| x.target), sb.assessment.and_then(|(_, x)| x.target));
            if la != lb || ta != tb || sa.not_applicable() != sb.not_applicable() {
                out.push(MatrixChange {
                    person: Ref { id: ma.id.clone(), name: ma.name.to_string() },
                    skill: a.skills[s].0.clone(),
                    name: a.skills[s].1.name.clone(),
                    from: la,
                    to: lb,
                    from_target: ta,
                    to_target: tb,
                });
            }
        }
    }
    out
}

fn names(m: &SkillMatrix, ids: &[ElementId]) -> String {
    ids.iter()
        .filter_map(|id| m.people.iter().find(|p| &p.person.id == id).map(|p| p.person.name.clone()))
        .collect::<Vec<_>>()
        .join("、")
}

/// The skill matrix read as a document: the team gaps per function with the call to train or hire,
/// the plays short of qualified people, each person's development plan, the stale assessments.
pub fn document(ws: &Workspace, m: &SkillMatrix) -> Document {
    let mut doc = Document::new(Line::text(Text::new("スキルと体制のギャップ", "Skills and team gaps")));
    let mut facts = vec![
        Fact {
            label: Text::new("時点", "As of"),
            value: m
                .as_of
                .map_or_else(|| Line::text(Text::new("評価なし", "No assessment")), |d| Line::words(&iso_date(d))),
        },
        Fact {
            label: Text::new("メンバー", "People"),
            value: Line::text(Text::new(format!("{} 人", m.people.len()), format!("{}", m.people.len()))),
        },
        Fact { label: Text::new("スキル要素", "Skills"), value: Line::words(&m.skills.len().to_string()) },
    ];
    facts.push(Fact {
        label: Text::new("基準", "Rule"),
        value: Line::text(Text::new(
            format!(
                "機能の要件（必要なスキルとレベル）をすべて満たす人を数えます。{} 人未満に印を付けます。",
                m.min_qualified
            ),
            format!(
                "A person counts when they meet all of a function's required levels; fewer than {} is marked.",
                m.min_qualified
            ),
        )),
    });
    doc.intro.push(Block::Facts { facts });

    let mut gaps = Section::new(Line::text(Text::new("機能ごとのギャップ", "Gaps per function")));
    if m.functions.is_empty() {
        gaps.blocks.push(Block::muted(Line::text(Text::new(
            "採用した機能がまだありません（組織ビューで機能を採用します）",
            "No function adopted yet (adopt functions in the organization view)",
        ))));
    } else {
        gaps.blocks.push(Block::Table {
            columns: vec![
                Text::new("機能", "Function"),
                Text::new("必要な人数", "Needed"),
                Text::new("要件を満たす人", "Meeting"),
                Text::new("不足（人）", "Short (people)"),
                Text::new("不足（レベル）", "Short (levels)"),
                Text::new("判断", "Call"),
            ],
            rows: m
                .functions
                .iter()
                .map(|f| {
                    let mut meeting = Line::words(&f.qualified.len().to_string());
                    if f.marked {
                        meeting = meeting.push(Span::of(SpanKind::Chip, Text::new("要注意", "too few")));
                    }
                    Row {
                        cells: vec![
                            Line::text(f.name.clone()).traced([f.function.id.clone()]),
                            Line::words(&f.needed.to_string()),
                            meeting,
                            Line::words(&f.short.to_string()),
                            Line::words(&f.levels_short.to_string()),
                            Line::text(f.call.name()),
                        ],
                        trace: vec![f.function.id.clone()],
                        role: Some(DocRole::SkillGap),
                    }
                })
                .collect(),
        });
        for f in &m.functions {
            let mut s = Section::new(Line::text(f.name.clone()).traced([f.function.id.clone()]));
            s.element = Some(f.function.id.clone());
            s.function = f.kind;
            let mut facts = vec![Fact { label: Text::new("判断", "Call"), value: Line::text(f.call.name()) }];
            if !f.train.is_empty() {
                facts.push(Fact {
                    label: Text::new("育成する人", "Train"),
                    value: Line::words(&names(m, &f.train)).traced(f.train.iter().cloned()),
                });
            }
            if f.hire > 0 {
                facts.push(Fact {
                    label: Text::new("採用する人数", "Hire"),
                    value: Line::text(Text::new(format!("{} 人", f.hire), f.hire.to_string())),
                });
            }
            if !f.qualified_elsewhere.is_empty() {
                facts.push(Fact {
                    label: Text::new("他の機能にいる有資格者", "Qualified in other functions"),
                    value: Line::words(&names(m, &f.qualified_elsewhere)).traced(f.qualified_elsewhere.iter().cloned()),
                });
            }
            s.blocks.push(Block::Facts { facts });
            if f.requires.is_empty() {
                s.blocks.push(Block::muted(Line::text(Text::new(
                    "必要なスキルがまだ決まっていません",
                    "No required skill set yet",
                ))));
            } else {
                s.blocks.push(Block::Table {
                    columns: vec![
                        Text::new("スキル要素", "Skill"),
                        Text::new("必要なレベル", "Level"),
                        Text::new("満たす人", "Meeting"),
                        Text::new("不足（レベル）", "Short (levels)"),
                    ],
                    rows: f
                        .requires
                        .iter()
                        .map(|r| Row {
                            cells: vec![
                                Line::text(r.name.clone()).traced([r.skill.clone()]),
                                Line::words(&r.level.to_string()),
                                Line::words(&format!("{}/{}", r.meeting, f.members.len())),
                                Line::words(&r.levels_short.to_string()),
                            ],
                            trace: vec![r.skill.clone()],
                            role: None,
                        })
                        .collect(),
                });
            }
            gaps.sections.push(s);
        }
    }
    doc.sections.push(gaps);

    if !m.plays.is_empty() {
        let mut plays = Section::new(Line::text(Text::new("プレイの担い手", "Who can run each play")));
        plays.blocks.push(Block::Table {
            columns: vec![
                Text::new("ステージ", "Stage"),
                Text::new("プレイ", "Play"),
                Text::new("担当", "Owner"),
                Text::new("要件を満たす人", "Meeting"),
            ],
            rows: m
                .plays
                .iter()
                .map(|p| {
                    let mut meeting = Line::words(&p.qualified.to_string());
                    if p.marked {
                        meeting = meeting.push(Span::of(SpanKind::Chip, Text::new("要注意", "too few")));
                    }
                    Row {
                        cells: vec![
                            Line::words(&p.stage.name).traced([p.stage.id.clone()]),
                            Line::text(p.play.clone()).traced(p.sources.iter().cloned()),
                            Line::text(p.owner_name.clone()).traced([p.owner.id.clone()]),
                            meeting,
                        ],
                        trace: p.sources.clone(),
                        role: Some(DocRole::PlayCoverage),
                    }
                })
                .collect(),
        });
        doc.sections.push(plays);
    }

    let mut plans = Section::new(Line::text(Text::new("育成計画", "Development plans")));
    for p in m.people.iter().filter(|p| !p.plan.is_empty()) {
        let mut s = Section::new(Line::words(&p.person.name).traced([p.person.id.clone()]));
        s.element = Some(p.person.id.clone());
        s.blocks.push(Block::List {
            ordered: true,
            items: p
                .plan
                .iter()
                .map(|g| {
                    let skill = &m.skills[g.skill as usize];
                    let mut line = Line::text(Text::new(
                        format!("{}：レベル {} → {}（目標 {}）", skill.name.ja, g.current, g.next, g.goal),
                        format!("{}: level {} → {} (goal {})", skill.name.en, g.current, g.next, g.goal),
                    ))
                    .traced([skill.id.clone()]);
                    if let Some(next) = skill.levels.get(usize::from(g.next) - 1) {
                        line = line.push(Span::of(
                            SpanKind::Muted,
                            Text::new(
                                format!(" — {}（証拠：{}）", next.can.ja, next.evidence.ja),
                                format!(" — {} (evidence: {})", next.can.en, next.evidence.en),
                            ),
                        ));
                    }
                    if g.required {
                        line = line.push(Span::of(SpanKind::Chip, Text::new("役割に必要", "needed by the role")));
                    }
                    line
                })
                .collect(),
        });
        plans.sections.push(s);
    }
    if plans.sections.is_empty() {
        plans.blocks.push(Block::muted(Line::text(Text::new(
            "目標や役割に届いていないスキルはありません",
            "No one is below their target or what their role needs",
        ))));
    }
    doc.sections.push(plans);

    let stale: Vec<(&TeamPersonRow, usize)> = m
        .people
        .iter()
        .flat_map(|p| p.cells.iter().enumerate().filter(|(_, c)| c.stale).map(move |(s, _)| (p, s)))
        .collect();
    if !stale.is_empty() {
        let mut s = Section::new(Line::text(Text::new("古い評価", "Stale assessments")));
        s.blocks.push(Block::muted(Line::text(Text::new(
            format!("最新の評価より {} 日以上前の評価です。", m.stale_after_days),
            format!("Assessed more than {} days before the newest assessment.", m.stale_after_days),
        ))));
        s.blocks.push(Block::List {
            ordered: false,
            items: stale
                .iter()
                .map(|(p, i)| {
                    let skill = &m.skills[*i];
                    let date = p.cells[*i].date.map(iso_date).unwrap_or_default();
                    Line::text(Text::new(
                        format!("{}：{}（{}）", p.person.name, skill.name.ja, date),
                        format!("{}: {} ({})", p.person.name, skill.name.en, date),
                    ))
                    .traced([p.person.id.clone(), skill.id.clone()])
                })
                .collect(),
        });
        doc.sections.push(s);
    }
    doc.with_views(ws)
}

/// The shape of an assessments file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum AssessmentShape {
    /// One row per person × skill × date: every assessment, the history included.
    Long,
    /// The matrix at a date: a row per person, a column per skill, `current→target`.
    Wide,
}

/// What a level cell says: `N/A`, `3`, or `3→4` with a target.
fn level_cell(current: u8, target: Option<u8>, not_applicable: bool) -> String {
    match (not_applicable, target) {
        (true, _) => "N/A".to_string(),
        (false, Some(t)) => format!("{current}→{t}"),
        (false, None) => current.to_string(),
    }
}

/// The assessments as a table document (what an export writes, as CSV, Markdown or HTML), in
/// the shape `michi_csv::assessments` reads back.
pub fn assessments_document(ws: &Workspace, shape: AssessmentShape, as_of: Option<f64>) -> Document {
    let m = matrix_with(ws, as_of, false);
    let mut doc = Document::new(Line::text(Text::new("スキル評価", "Skill assessments")));
    let roles_of = |p: &TeamPersonRow| -> Line {
        let names: Vec<String> = p.roles.iter().map(|r| Ref::of(ws, r).name).collect();
        Line::words(&names.join("、"))
    };
    let (columns, rows) = match shape {
        AssessmentShape::Long => {
            let columns = vec![
                Text::new("名前", "name"),
                Text::new("役割", "role"),
                Text::new("スキル", "skill"),
                Text::new("日付", "date"),
                Text::new("現在", "current"),
                Text::new("目標", "target"),
                Text::new("評価者", "assessor"),
                Text::new("根拠", "evidence"),
            ];
            let skill_of: std::collections::HashMap<&ElementId, &SkillRow> =
                m.skills.iter().map(|s| (&s.id, s)).collect();
            let mut rows = Vec::new();
            for p in &m.people {
                let mut all: Vec<(&ElementId, &crate::element::Assessment, &SkillRow)> = ws
                    .sources(&p.person.id, crate::relation::RelationKind::Assesses)
                    .filter_map(|e| match &e.data {
                        crate::element::ElementData::Assessment(a) => {
                            let skill = ws.targets(&e.id, crate::relation::RelationKind::OnSkill).next()?;
                            Some((&e.id, a, *skill_of.get(&skill.id)?))
                        }
                        _ => None,
                    })
                    .filter(|(_, a, _)| m.as_of.is_none_or(|d| a.date < (d / 86_400.0).floor() * 86_400.0 + 86_400.0))
                    .collect();
                let position = |s: &SkillRow| m.skills.iter().position(|x| x.id == s.id);
                all.sort_by(|a, b| position(a.2).cmp(&position(b.2)).then(a.1.date.total_cmp(&b.1.date)));
                for (id, a, s) in all {
                    rows.push(Row {
                        cells: vec![
                            Line::words(&p.person.name),
                            roles_of(p),
                            Line::text(s.name.clone()),
                            Line::words(&iso_date(a.date)),
                            Line::words(&if a.not_applicable { "N/A".into() } else { a.current.to_string() }),
                            Line::words(&a.target.map(|t| t.to_string()).unwrap_or_default()),
                            Line::words(&a.assessor),
                            Line::words(&a.evidence),
                        ],
                        trace: vec![id.clone()],
                        role: None,
                    });
                }
            }
            (columns, rows)
        }
        AssessmentShape::Wide => {
            let mut columns = vec![Text::new("名前", "name"), Text::new("役割", "role"), Text::new("日付", "date")];
            columns.extend(m.skills.iter().map(|s| s.name.clone()));
            let date = m.as_of.map(iso_date).unwrap_or_default();
            let rows = m
                .people
                .iter()
                .map(|p| {
                    let mut cells = vec![Line::words(&p.person.name), roles_of(p), Line::words(&date)];
                    cells.extend(p.cells.iter().map(|c| match c.current {
                        Some(current) => Line::words(&level_cell(current, c.target, c.not_applicable)),
                        None => Line::words(""),
                    }));
                    Row { cells, trace: vec![p.person.id.clone()], role: None }
                })
                .collect();
            (columns, rows)
        }
    };
    doc.sections.push({
        let mut s = Section::new(Line::text(Text::new("評価", "Assessments")));
        s.blocks.push(Block::Table { columns, rows });
        s
    });
    doc
}
