//! A table of accounts into a dated account snapshot (domain.md §5): one row per account with its
//! id, name, segment attributes, current journey stage and the values its indicators read. Values
//! are numbers (`1,200`, `45%`, full-width digits), yes/no words (はい/いいえ, 有/無, ○/×, yes/no,
//! true/false, y/n) or empty (no value). Every problem names its line and column; a column an
//! indicator reads must parse in every row, other columns that do not are left out (and listed).

use std::collections::{HashMap, HashSet};

use michi_core::element::IndicatorKind;
use michi_core::element::StateSnapshot;
use michi_core::element::{CompanySize, ElementData, ElementKind, Level};
use michi_core::health::{AccountRow, AccountSnapshot, HealthModel};
use michi_core::state::AccountAt;
use michi_core::{ElementId, RelationKind, Workspace};
use serde::{Deserialize, Serialize};

use crate::dates::{ColumnDates, DateOrder, parse_column_datetime};
use crate::error::{CsvError, ProblemKind, Problems, RowProblem};
use crate::table::Table;

/// Which columns hold an account's identity, attributes and stage (0-based indices). The other
/// columns are values, kept by their header.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AccountMapping {
    pub id: u32,
    pub name: Option<u32>,
    pub segment: Option<u32>,
    pub size: Option<u32>,
    pub industry: Option<u32>,
    pub motivation: Option<u32>,
    pub literacy: Option<u32>,
    /// The journey stage the account is at: its name or id.
    pub stage: Option<u32>,
    /// Since when it is at that stage.
    pub stage_since: Option<u32>,
    /// How dates written year last (3/4/2026) order day and month, when the column does not
    /// decide it (see [`AccountPreview::dates`]). Empty: decided from the column.
    #[serde(default)]
    pub date_order: Option<DateOrder>,
}

impl AccountMapping {
    fn mapped(&self) -> Vec<u32> {
        [
            Some(self.id),
            self.name,
            self.segment,
            self.size,
            self.industry,
            self.motivation,
            self.literacy,
            self.stage,
            self.stage_since,
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// What the account import dialog shows: the table's start, a guessed mapping, and which of the
/// health model's columns the file has.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AccountPreview {
    pub encoding: String,
    pub delimiter: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub total_rows: u32,
    pub guess: Option<AccountMapping>,
    /// The model's columns the file has, and those it does not.
    pub model_columns: Vec<String>,
    pub missing_columns: Vec<String>,
    /// Per column, the order its year-last dates show, read from every row.
    pub dates: Vec<ColumnDates>,
}

fn find(headers: &[String], words: &[&str], taken: &[u32]) -> Option<u32> {
    headers
        .iter()
        .enumerate()
        .position(|(i, h)| {
            let h = h.to_lowercase();
            !taken.contains(&(i as u32)) && words.iter().any(|w| h.contains(w))
        })
        .map(|i| i as u32)
}

/// The first rows of an account table and a guessed mapping.
pub fn account_preview(table: &Table, model: Option<&HealthModel>) -> AccountPreview {
    let h = &table.headers;
    let guess = (|| {
        let mut taken = Vec::new();
        let take = |words: &[&str], taken: &mut Vec<u32>| {
            let found = find(h, words, taken);
            taken.extend(found);
            found
        };
        let stage_since = take(&["ステージ開始", "開始日", "移行日", "since"], &mut taken);
        let id = take(
            &["顧客id", "アカウントid", "企業id", "取引先コード", "顧客コード", "account id", "id", "コード"],
            &mut taken,
        )?;
        let name = take(&["会社名", "企業名", "顧客名", "アカウント名", "取引先名", "company", "name"], &mut taken);
        let segment = take(&["セグメント", "segment"], &mut taken);
        let size = take(&["規模", "size"], &mut taken);
        let industry = take(&["業種", "業界", "industry"], &mut taken);
        let motivation = take(&["意欲", "モチベーション", "motivation"], &mut taken);
        let literacy = take(&["リテラシー", "literacy"], &mut taken);
        let stage = take(&["ステージ", "フェーズ", "stage", "phase"], &mut taken);
        Some(AccountMapping {
            id,
            name,
            segment,
            size,
            industry,
            motivation,
            literacy,
            stage,
            stage_since,
            date_order: None,
        })
    })();
    let wanted: Vec<String> =
        model.map(|m| m.indicators().map(|(_, i)| i.column.clone()).collect()).unwrap_or_default();
    let (model_columns, missing_columns) = wanted.into_iter().partition(|c| h.contains(c));
    AccountPreview {
        encoding: table.encoding.clone(),
        delimiter: table.delimiter.to_string(),
        headers: h.clone(),
        rows: table.rows.iter().take(20).map(|r| r.cells.iter().map(str::to_string).collect()).collect(),
        total_rows: table.rows.len() as u32,
        guess,
        model_columns,
        missing_columns,
        dates: table.all_column_dates(),
    }
}

/// A cell that is neither a number nor a yes/no word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAValue;

/// A cell as a value: a number, a yes/no word, or nothing. `Err` when it is none of those.
pub fn parse_value(cell: &str) -> Result<Option<f64>, NotAValue> {
    let t = cell.trim();
    // The common cases first, without allocating: a plain number, a plain percentage.
    if let Ok(v) = t.parse::<f64>()
        && v.is_finite()
    {
        return Ok(Some(v));
    }
    if let Some(p) = t.strip_suffix('%')
        && let Ok(v) = p.parse::<f64>()
        && v.is_finite()
    {
        return Ok(Some(v / 100.0));
    }
    if t.is_empty() || matches!(t, "-" | "—" | "ー" | "－" | "N/A" | "n/a" | "NA" | "不明") {
        return Ok(None);
    }
    let lower = t.to_lowercase();
    if matches!(lower.as_str(), "はい" | "有" | "あり" | "○" | "〇" | "yes" | "y" | "true" | "済" | "◯") {
        return Ok(Some(1.0));
    }
    if matches!(lower.as_str(), "いいえ" | "無" | "なし" | "×" | "✕" | "no" | "n" | "false" | "未") {
        return Ok(Some(0.0));
    }
    // Full-width digits and signs, as typed in Japanese spreadsheets.
    let normal: String = t
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            '－' | '−' => Some('-'),
            '％' => Some('%'),
            ',' | '，' | ' ' | '　' => None,
            c => Some(c),
        })
        .collect();
    let (number, percent) = match normal.strip_suffix('%') {
        Some(n) => (n, true),
        None => (normal.as_str(), false),
    };
    let v: f64 = number.parse().map_err(|_| NotAValue)?;
    if !v.is_finite() {
        return Err(NotAValue);
    }
    Ok(Some(if percent { v / 100.0 } else { v }))
}

pub(crate) fn parse_size(t: &str) -> Result<Option<CompanySize>, ()> {
    let l = t.trim().to_lowercase();
    if l.is_empty() {
        return Ok(None);
    }
    if ["大企業", "大手", "エンタープライズ", "enterprise", "large"].iter().any(|w| l.contains(w)) {
        Ok(Some(CompanySize::Enterprise))
    } else if ["中堅", "ミッド", "mid"].iter().any(|w| l.contains(w)) {
        Ok(Some(CompanySize::MidMarket))
    } else if ["中小", "小規模", "スモール", "small", "smb"].iter().any(|w| l.contains(w)) {
        Ok(Some(CompanySize::Small))
    } else {
        Err(())
    }
}

/// Whether `v` can be a value of an indicator of `kind`: a judgement on the 1–5 scale, a yes/no
/// as 1 or 0; a number anything.
fn in_range(kind: Option<IndicatorKind>, v: f64) -> bool {
    match kind {
        Some(IndicatorKind::Judgement) => (1.0..=5.0).contains(&v),
        Some(IndicatorKind::YesNo) => v == 0.0 || v == 1.0,
        _ => true,
    }
}

pub(crate) fn parse_level(t: &str) -> Result<Option<Level>, ()> {
    let l = t.trim().to_lowercase();
    match l.as_str() {
        "" => Ok(None),
        "高" | "高い" | "high" | "h" | "3" => Ok(Some(Level::High)),
        "中" | "普通" | "medium" | "mid" | "m" | "2" => Ok(Some(Level::Medium)),
        "低" | "低い" | "low" | "l" | "1" => Ok(Some(Level::Low)),
        _ => Err(()),
    }
}

/// The most accounts one snapshot holds. A table may have a million rows (case events), but a
/// million accounts took `michi health` 4 s and 1.1 GB; the bench's 100,000 are the size it is
/// measured at.
pub const MAX_ACCOUNTS: usize = 200_000;

/// The snapshot of an account table under `mapping`: stages resolved among `journey`'s (by name
/// or id; without a journey, among every stage), values parsed. With a stage column, also a state
/// snapshot (which accounts are at each stage, since when), so the journeys' state layer shows them. All rows are
/// checked; any problem refuses them all. Also returns the columns left out (not values).
#[allow(clippy::too_many_arguments)]
pub fn account_snapshot(
    table: &Table,
    mapping: &AccountMapping,
    ws: &Workspace,
    journey: Option<&ElementId>,
    model: Option<&HealthModel>,
    name: String,
    source: String,
    as_of: f64,
) -> Result<(AccountSnapshot, Option<StateSnapshot>, Vec<String>), CsvError> {
    if table.rows.len() > MAX_ACCOUNTS {
        return Err(CsvError::TooLarge { what: "accounts", limit: MAX_ACCOUNTS });
    }
    for col in mapping.mapped() {
        if col as usize >= table.headers.len() {
            return Err(CsvError::NoSuchColumn(col as usize));
        }
    }
    if let Some(j) = journey
        && ws.kind_of(j) != Some(ElementKind::Journey)
    {
        return Err(CsvError::BadTarget(j.clone()));
    }
    let order = match mapping.stage_since {
        Some(c) => table.date_order(c as usize, mapping.date_order)?,
        None => None,
    };
    let stages: Vec<ElementId> = match journey {
        Some(j) => ws.ordered_members(j, RelationKind::InJourney),
        None => ws.elements_of_kind(ElementKind::Stage).map(|e| e.id.clone()).collect(),
    };
    let mut by_name: HashMap<String, Vec<ElementId>> = HashMap::new();
    for id in &stages {
        if let Some(ElementData::Stage(s)) = ws.data(id) {
            by_name.entry(s.name.trim().to_string()).or_default().push(id.clone());
        }
        by_name.entry(id.to_string()).or_default().push(id.clone());
    }
    let read: HashSet<&str> =
        model.map(|m| m.indicators().map(|(_, i)| i.column.as_str()).collect()).unwrap_or_default();
    // What kind of value each column read by an indicator holds (judgements 1–5, yes/no 0 or 1).
    let kind_of: HashMap<&str, IndicatorKind> =
        model.map(|m| m.indicators().map(|(_, i)| (i.column.as_str(), i.kind)).collect()).unwrap_or_default();
    let mapped = mapping.mapped();
    let value_columns: Vec<usize> = (0..table.headers.len()).filter(|c| !mapped.contains(&(*c as u32))).collect();
    // Every value cell parsed once, row by row (the order the rows are stored in: column by column
    // took ten times longer on a table of 999 columns); a column that does not parse is left out,
    // unless an indicator reads it (then its bad cells are problems).
    let mut columns: Vec<Vec<Result<Option<f64>, NotAValue>>> =
        value_columns.iter().map(|_| Vec::with_capacity(table.rows.len())).collect();
    for r in &table.rows {
        for (cells, &c) in columns.iter_mut().zip(&value_columns) {
            cells.push(parse_value(r.cells.get(c).unwrap_or("")));
        }
    }
    let mut kept: Vec<usize> = Vec::new();
    let mut parsed: Vec<Vec<Result<Option<f64>, NotAValue>>> = Vec::new();
    let mut dropped: Vec<String> = Vec::new();
    for (cells, &c) in columns.into_iter().zip(&value_columns) {
        let header = &table.headers[c];
        if cells.iter().all(Result::is_ok) || read.contains(header.as_str()) {
            kept.push(c);
            parsed.push(cells);
        } else {
            dropped.push(header.clone());
        }
    }
    // The kind of each kept column's values, looked up once rather than per cell.
    let kinds: Vec<Option<IndicatorKind>> =
        kept.iter().map(|&c| kind_of.get(table.headers[c].as_str()).copied()).collect();
    let mut problems = Problems::default();
    let mut seen: HashSet<String> = HashSet::new();
    let mut accounts = Vec::with_capacity(table.rows.len());
    for (n, row) in table.rows.iter().enumerate() {
        let cell = |c: u32| row.cells.get(c as usize).map(|s| s.trim()).unwrap_or("");
        let mut problem = |column: usize, value: &str, kind: ProblemKind, message: String| {
            problems.push(RowProblem {
                line: row.line,
                column: table.headers[column].clone(),
                value: value.to_string(),
                kind,
                message,
            });
        };
        let id = cell(mapping.id);
        if id.is_empty() {
            problem(mapping.id as usize, id, ProblemKind::EmptyAccount, "the account id is empty".into());
        } else if !seen.insert(id.to_string()) {
            problem(mapping.id as usize, id, ProblemKind::DuplicateAccount, format!("account 「{id}」 appears twice"));
        }
        let mut attr = |col: Option<u32>, f: fn(&str) -> bool, what: &str| {
            if let Some(c) = col
                && !f(cell(c))
            {
                problem(c as usize, cell(c), ProblemKind::BadValue, format!("「{}」 is not a {what}", cell(c)));
            }
        };
        attr(mapping.size, |t| parse_size(t).is_ok(), "company size (大企業/中堅/中小)");
        attr(mapping.motivation, |t| parse_level(t).is_ok(), "level (高/中/低)");
        attr(mapping.literacy, |t| parse_level(t).is_ok(), "level (高/中/低)");
        let stage = mapping.stage.and_then(|c| {
            let name = cell(c);
            if name.is_empty() {
                return None;
            }
            match by_name.get(name).map(Vec::as_slice) {
                Some([one]) => Some(one.clone()),
                Some(many) => {
                    problem(
                        c as usize,
                        name,
                        ProblemKind::AmbiguousNode,
                        format!("「{name}」 names {} stages; use their ids", many.len()),
                    );
                    None
                }
                None => {
                    problem(
                        c as usize,
                        name,
                        ProblemKind::UnknownNode,
                        format!("「{name}」 is not a stage of the journey"),
                    );
                    None
                }
            }
        });
        let stage_since = mapping.stage_since.and_then(|c| {
            let t = cell(c);
            if t.is_empty() {
                return None;
            }
            let d = parse_column_datetime(t, order);
            if d.is_none() {
                problem(c as usize, t, ProblemKind::BadDate, format!("「{t}」 is not a date Michi reads"));
            }
            d
        });
        let mut values = Vec::with_capacity(kept.len());
        for (k, &c) in kept.iter().enumerate() {
            match parsed[k][n] {
                Ok(Some(v)) if !in_range(kinds[k], v) => {
                    let t = cell(c as u32);
                    let (kind, what) = match kinds[k] {
                        Some(IndicatorKind::YesNo) => (ProblemKind::NotYesNo, "yes/no (1 or 0)"),
                        _ => (ProblemKind::OutOfScale, "judgement on the 1–5 scale"),
                    };
                    problem(c, t, kind, format!("「{t}」 is not a {what}"));
                    values.push(None);
                }
                Ok(v) => values.push(v),
                Err(NotAValue) => {
                    let t = cell(c as u32);
                    problem(c, t, ProblemKind::BadValue, format!("「{t}」 is not a number or yes/no"));
                    values.push(None);
                }
            }
        }
        accounts.push(AccountRow {
            id: id.to_string(),
            name: mapping.name.map(|c| cell(c).to_string()).unwrap_or_default(),
            segment: mapping.segment.map(|c| cell(c).to_string()).unwrap_or_default(),
            size: mapping.size.and_then(|c| parse_size(cell(c)).ok().flatten()),
            industry: mapping.industry.map(|c| cell(c).to_string()).unwrap_or_default(),
            motivation: mapping.motivation.and_then(|c| parse_level(cell(c)).ok().flatten()),
            literacy: mapping.literacy.and_then(|c| parse_level(cell(c)).ok().flatten()),
            stage,
            stage_since,
            values,
        });
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    let columns: Vec<String> = kept.iter().map(|&c| table.headers[c].clone()).collect();
    let state = mapping.stage.map(|_| {
        let at = |accounts: &[AccountRow]| -> Vec<AccountAt> {
            accounts
                .iter()
                .filter_map(|a| {
                    Some(AccountAt {
                        account: a.id.clone(),
                        name: (!a.name.is_empty()).then(|| a.name.clone()),
                        stage: a.stage.clone()?,
                        since: a.stage_since,
                    })
                })
                .collect()
        };
        // The window opens at the latest earlier account snapshot of the same journey (or of every
        // stage) that placed accounts at stages.
        let previous = ws
            .elements_of_kind(ElementKind::AccountSnapshot)
            .filter_map(|e| match &e.data {
                ElementData::AccountSnapshot(s)
                    if s.as_of < as_of
                        && s.journey.as_ref() == journey
                        && s.accounts.iter().any(|a| a.stage.is_some()) =>
                {
                    Some(s)
                }
                _ => None,
            })
            .max_by(|a, b| a.as_of.total_cmp(&b.as_of))
            .map(|s| at(&s.accounts));
        let entries = michi_core::state::from_accounts(ws, &at(&accounts), previous.as_deref(), as_of);
        StateSnapshot { name: name.clone(), as_of, source: source.clone(), manual: false, entries }
    });
    let journey = journey.cloned();
    Ok((AccountSnapshot { name, as_of, source, journey, columns, accounts }, state, dropped))
}
