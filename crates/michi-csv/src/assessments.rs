//! Skill assessments from a CSV file, in one of two shapes (headers in Japanese or English):
//!
//! - **long**: one row per person × skill: name, role (optional), skill, date, current level,
//!   target (optional), assessor (optional), evidence (optional);
//! - **wide**: the matrix: name, role (optional), date, then one column per skill whose cells read
//!   `3`, `3→4` (current → target; `3->4` and `3/4` too) or `N/A`; an empty cell is not assessed.
//!
//! A file with a skill column is long, else wide. Skills are found by key or by name (either
//! language), roles by name; a level is 0–5, `N/A` (or 対象外, `-`) when it does not apply. Every
//! bad cell is named by line and column, and nothing is read unless everything is.

use std::collections::HashMap;

use michi_core::edit::AssessmentImport;
use michi_core::element::{Assessment, ElementData, ElementKind, LEVELS};
use michi_core::{ElementId, Workspace};

use crate::dates::parse_column_datetime;
use crate::error::{CsvError, ProblemKind, Problems, RowProblem};
use crate::table::Table;

const NAME: &[&str] = &["名前", "氏名", "メンバー", "name", "person", "member"];
const ROLE: &[&str] = &["役割", "role", "roles"];
const SKILL: &[&str] = &["スキル", "スキル要素", "skill", "element"];
const DATE: &[&str] = &["日付", "評価日", "date"];
const CURRENT: &[&str] = &["現在", "現在のレベル", "レベル", "current", "level"];
const TARGET: &[&str] = &["目標", "目標のレベル", "target"];
const ASSESSOR: &[&str] = &["評価者", "assessor", "assessed by"];
const EVIDENCE: &[&str] = &["根拠", "証拠", "evidence", "note"];
const NOT_APPLICABLE: &[&str] = &["n/a", "na", "対象外", "-", "－"];

fn column(table: &Table, names: &[&str]) -> Option<usize> {
    table.headers.iter().position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
}

/// The skills of `ws` by what a file may call them: key, Japanese name, English name.
fn skill_names(ws: &Workspace) -> HashMap<String, ElementId> {
    let mut names = HashMap::new();
    for e in ws.elements_of_kind(ElementKind::Skill) {
        let ElementData::Skill(s) = &e.data else { continue };
        for n in [&s.key, &s.name.ja, &s.name.en] {
            let n = n.trim();
            if !n.is_empty() {
                names.entry(n.to_lowercase()).or_insert_with(|| e.id.clone());
            }
        }
    }
    names
}

fn role_names(ws: &Workspace) -> HashMap<String, ElementId> {
    ws.elements_of_kind(ElementKind::Role)
        .filter(|e| !e.data.label().trim().is_empty())
        .map(|e| (e.data.label().trim().to_lowercase(), e.id.clone()))
        .collect()
}

/// A level cell: `Some(None)` for N/A, `Some(Some(n))` for a level, `None` when unreadable.
fn level(cell: &str) -> Option<Option<u8>> {
    let cell = cell.trim();
    if NOT_APPLICABLE.iter().any(|n| cell.eq_ignore_ascii_case(n)) {
        return Some(None);
    }
    let n: u8 = cell.parse().ok()?;
    (n <= LEVELS).then_some(Some(n))
}

/// The assessments a file gives, ready for `Edit::ImportAssessments`.
pub fn assessments(table: &Table, ws: &Workspace) -> Result<Vec<AssessmentImport>, CsvError> {
    let name_col = column(table, NAME)
        .ok_or_else(|| CsvError::Malformed(format!("no name column (one of: {})", NAME.join(", "))))?;
    let date_col = column(table, DATE)
        .ok_or_else(|| CsvError::Malformed(format!("no date column (one of: {})", DATE.join(", "))))?;
    let role_col = column(table, ROLE);
    let order = table.date_order(date_col, None)?;
    let skills = skill_names(ws);
    let roles = role_names(ws);
    let long = column(table, SKILL);
    let mut problems = Problems::default();
    let mut out = Vec::new();
    // Wide: every column that is not one of the others is a skill; unknown ones are refused.
    let wide_skills: Vec<(usize, Option<ElementId>)> = match long {
        Some(_) => Vec::new(),
        None => {
            let known = [Some(name_col), Some(date_col), role_col];
            (0..table.headers.len())
                .filter(|c| !known.contains(&Some(*c)))
                .map(|c| (c, skills.get(&table.headers[c].trim().to_lowercase()).cloned()))
                .collect()
        }
    };
    if long.is_none() {
        if wide_skills.is_empty() {
            return Err(CsvError::Malformed(format!(
                "no skill column (one of: {}), and no column named after a skill",
                SKILL.join(", ")
            )));
        }
        for (c, skill) in &wide_skills {
            if skill.is_none() {
                return Err(CsvError::Malformed(format!(
                    "column 「{}」 is not a skill of this workspace (name a skill by its key or its name)",
                    table.headers[*c]
                )));
            }
        }
    }
    let (current_col, target_col, assessor_col, evidence_col) =
        (column(table, CURRENT), column(table, TARGET), column(table, ASSESSOR), column(table, EVIDENCE));
    if long.is_some() && current_col.is_none() {
        return Err(CsvError::Malformed(format!("no level column (one of: {})", CURRENT.join(", "))));
    }
    for row in &table.rows {
        let cell = |c: usize| row.cells.get(c).map(|s| s.trim()).unwrap_or("");
        let mut problem = |c: usize, kind: ProblemKind, message: String| {
            problems.push(RowProblem {
                line: row.line,
                column: table.headers[c].clone(),
                value: cell(c).to_string(),
                kind,
                message,
            });
        };
        let member = cell(name_col).to_string();
        if member.is_empty() {
            problem(name_col, ProblemKind::EmptyName, "the name is empty".into());
        }
        let date = parse_column_datetime(cell(date_col), order);
        if date.is_none() {
            problem(date_col, ProblemKind::BadDate, format!("「{}」 is not a date Michi reads", cell(date_col)));
        }
        let mut row_roles = Vec::new();
        if let Some(c) = role_col {
            for name in cell(c).split([';', '、', ',']).map(str::trim).filter(|n| !n.is_empty()) {
                match roles.get(&name.to_lowercase()) {
                    Some(id) => row_roles.push(id.clone()),
                    None => problem(c, ProblemKind::UnknownRole, format!("「{name}」 is not a role of the org design")),
                }
            }
        }
        let date = date.map(|d| (d / 86_400.0).floor() * 86_400.0).unwrap_or(0.0);
        let mut push = |skill: ElementId, current: Option<u8>, target: Option<u8>| {
            out.push(AssessmentImport {
                member: member.clone(),
                roles: row_roles.clone(),
                skill,
                assessment: Assessment {
                    date,
                    current: current.unwrap_or(0),
                    target,
                    not_applicable: current.is_none(),
                    assessor: assessor_col.map(|c| cell(c).to_string()).unwrap_or_default(),
                    evidence: evidence_col.map(|c| cell(c).to_string()).unwrap_or_default(),
                },
            })
        };
        match long {
            Some(skill_col) => {
                let skill = skills.get(&cell(skill_col).to_lowercase()).cloned();
                if skill.is_none() {
                    problem(
                        skill_col,
                        ProblemKind::UnknownSkill,
                        format!("「{}」 is not a skill of this workspace", cell(skill_col)),
                    );
                }
                let current_col = current_col.expect("checked above");
                let current = level(cell(current_col));
                if current.is_none() {
                    problem(
                        current_col,
                        ProblemKind::BadLevel,
                        format!("「{}」 is not a level (0–{LEVELS}, or N/A)", cell(current_col)),
                    );
                }
                let target = target_col.filter(|&c| !cell(c).is_empty()).and_then(|c| match level(cell(c)) {
                    Some(Some(t)) => Some(t),
                    _ => {
                        problem(c, ProblemKind::BadLevel, format!("「{}」 is not a level (0–{LEVELS})", cell(c)));
                        None
                    }
                });
                if let (Some(skill), Some(current)) = (skill, current) {
                    push(skill, current, target);
                }
            }
            None => {
                for (c, skill) in &wide_skills {
                    let text = cell(*c);
                    if text.is_empty() {
                        continue;
                    }
                    let na = NOT_APPLICABLE.iter().any(|n| text.eq_ignore_ascii_case(n));
                    let split = if na { None } else { text.split_once("->").or_else(|| text.split_once(['→', '/'])) };
                    let (now, goal) = match split {
                        Some((a, b)) => (a.trim(), Some(b.trim())),
                        None => (text, None),
                    };
                    let current = level(now);
                    let target = match goal.map(level) {
                        None => Some(None),
                        Some(Some(Some(t))) => Some(Some(t)),
                        Some(_) => None,
                    };
                    match (current, target) {
                        (Some(current), Some(target)) => {
                            push(skill.clone().expect("checked above"), current, target);
                        }
                        _ => problem(
                            *c,
                            ProblemKind::BadLevel,
                            format!("「{text}」 is not a level (0–{LEVELS}, N/A, or current→target like 2→3)"),
                        ),
                    }
                }
            }
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems.into_error()) }
}
