//! Case events: a table of (case, activity or stage, time) rows, previewed with a guessed mapping,
//! turned into the events of each case and then into a dated state snapshot.

use std::collections::HashMap;

use michi_core::element::{ElementData, ElementKind, StateSnapshot};
use michi_core::state::{CaseEvent, compute};
use michi_core::{ElementId, RelationKind, Workspace};
use serde::{Deserialize, Serialize};

use crate::dates::{ColumnDates, DateOrder, parse_column_datetime};
use crate::error::{CsvError, ProblemKind, Problems, RowProblem};
use crate::table::Table;

/// Which columns hold what (0-based indices into the header).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EventMapping {
    pub case: u32,
    /// The activity or stage: its name, or its id.
    pub node: u32,
    pub time: u32,
    pub account: Option<u32>,
    /// How dates written year last (3/4/2026) order day and month, when the column does not
    /// decide it (see [`Preview::dates`]). Empty: decided from the column.
    #[serde(default)]
    pub date_order: Option<DateOrder>,
}

/// What the mapping dialog shows: the table's start and a guess.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub encoding: String,
    pub delimiter: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub total_rows: u32,
    pub guess: Option<EventMapping>,
    /// Per column, the order its year-last dates show, read from every row.
    pub dates: Vec<ColumnDates>,
}

/// The first rows of a table and a guessed mapping.
pub fn preview(table: &Table) -> Preview {
    Preview {
        encoding: table.encoding.clone(),
        delimiter: table.delimiter.to_string(),
        headers: table.headers.clone(),
        rows: table.rows.iter().take(20).map(|r| r.cells.iter().map(str::to_string).collect()).collect(),
        total_rows: table.rows.len() as u32,
        guess: guess(&table.headers),
        dates: table.all_column_dates(),
    }
}

fn guess(headers: &[String]) -> Option<EventMapping> {
    let find = |words: &[&str], taken: &[usize]| {
        // The first header that names it and is not already another column.
        headers.iter().enumerate().position(|(i, h)| {
            let h = h.to_lowercase();
            !taken.contains(&i) && words.iter().any(|w| h.contains(w))
        })
    };
    let time = find(&["timestamp", "time", "date", "日時", "日付", "時刻", "発生"], &[])?;
    let node = find(
        &[
            "activity",
            "stage",
            "step",
            "status",
            "アクティビティ",
            "活動",
            "工程",
            "ステージ",
            "ステップ",
            "ステータス",
            "段階",
        ],
        &[time],
    )?;
    let case = find(&["case", "ケース", "案件", "チケット", "id"], &[time, node])?;
    let account =
        find(&["account", "customer", "company", "顧客", "企業", "会社", "取引先", "アカウント"], &[time, node, case]);
    Some(EventMapping {
        case: case as u32,
        node: node as u32,
        time: time as u32,
        account: account.map(|a| a as u32),
        date_order: None,
    })
}

/// The elements a table's node column may name: the activities of a process model (or of a
/// collaboration's or process's), or the stages of a journey.
fn targets(ws: &Workspace, target: &ElementId) -> Result<Vec<ElementId>, CsvError> {
    let kind = ws.kind_of(target).ok_or_else(|| CsvError::BadTarget(target.clone()))?;
    let mut processes = Vec::new();
    match kind {
        ElementKind::Journey => return Ok(ws.ordered_members(target, RelationKind::InJourney)),
        ElementKind::ProcessModel => {
            for root in ws.ordered_members(target, RelationKind::InModel) {
                if ws.kind_of(&root) == Some(ElementKind::Process) {
                    processes.push(root);
                }
            }
        }
        ElementKind::Collaboration => {
            for pool in ws.ordered_members(target, RelationKind::PoolIn) {
                processes.extend(michi_core::process::process_of_pool(ws, &pool));
            }
        }
        ElementKind::Process => processes.push(target.clone()),
        _ => return Err(CsvError::BadTarget(target.clone())),
    }
    // Activities at any depth (inside sub-processes too).
    let mut out = Vec::new();
    let mut queue = processes;
    while let Some(container) = queue.pop() {
        for child in ws.incoming(&container, RelationKind::ChildOf) {
            if let Some(ElementData::Activity(a)) = ws.data(&child.from) {
                out.push(child.from.clone());
                if a.kind.is_container() {
                    queue.push(child.from);
                }
            }
        }
    }
    Ok(out)
}

/// The case events of a table under `mapping`, with node names resolved among `target`'s
/// activities or stages (by id, else by name). All rows are checked; any problem refuses them all.
pub fn events(
    table: &Table,
    mapping: &EventMapping,
    ws: &Workspace,
    target: &ElementId,
) -> Result<Vec<CaseEvent>, CsvError> {
    for col in [Some(mapping.case), Some(mapping.node), Some(mapping.time), mapping.account].into_iter().flatten() {
        if col as usize >= table.headers.len() {
            return Err(CsvError::NoSuchColumn(col as usize));
        }
    }
    let order = table.date_order(mapping.time as usize, mapping.date_order)?;
    let candidates = targets(ws, target)?;
    let mut by_name: HashMap<String, Vec<ElementId>> = HashMap::new();
    for id in &candidates {
        if let Some(data) = ws.data(id) {
            by_name.entry(data.label().trim().to_string()).or_default().push(id.clone());
        }
        by_name.entry(id.to_string()).or_default().push(id.clone());
    }
    let header = |c: u32| table.headers[c as usize].clone();
    let mut problems = Problems::default();
    let mut out = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let cell = |c: u32| row.cells.get(c as usize).map(|s| s.trim()).unwrap_or("");
        let mut problem = |column: u32, value: &str, kind: ProblemKind, message: String| {
            problems.push(RowProblem {
                line: row.line,
                column: header(column),
                value: value.to_string(),
                kind,
                message,
            });
        };
        let case = cell(mapping.case);
        if case.is_empty() {
            problem(mapping.case, case, ProblemKind::EmptyCase, "the case id is empty".into());
        }
        let at = match parse_column_datetime(cell(mapping.time), order) {
            Some(t) => Some(t),
            None => {
                problem(
                    mapping.time,
                    cell(mapping.time),
                    ProblemKind::BadDate,
                    format!("「{}」 is not a date and time Michi reads", cell(mapping.time)),
                );
                None
            }
        };
        let name = cell(mapping.node);
        let element = match by_name.get(name).map(Vec::as_slice) {
            Some([one]) => Some(one.clone()),
            Some(many) => {
                problem(
                    mapping.node,
                    name,
                    ProblemKind::AmbiguousNode,
                    format!("「{name}」 names {} elements; use their ids", many.len()),
                );
                None
            }
            None => {
                problem(
                    mapping.node,
                    name,
                    ProblemKind::UnknownNode,
                    format!("「{name}」 is not an activity or stage of the chosen model"),
                );
                None
            }
        };
        if let (Some(at), Some(element)) = (at, element)
            && !case.is_empty()
        {
            let account = mapping.account.map(cell).filter(|a| !a.is_empty()).map(str::to_string);
            out.push(CaseEvent { case: case.to_string(), element, at, account });
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    Ok(out)
}

/// A snapshot of a table's events as of `as_of` (default: its last event).
pub fn snapshot(
    table: &Table,
    mapping: &EventMapping,
    ws: &Workspace,
    target: &ElementId,
    name: String,
    source: String,
    as_of: Option<f64>,
) -> Result<StateSnapshot, CsvError> {
    let events = events(table, mapping, ws, target)?;
    let (as_of, entries) = compute(&events, as_of);
    Ok(StateSnapshot { name, as_of, source, manual: false, entries })
}
