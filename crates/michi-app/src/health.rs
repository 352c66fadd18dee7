//! An accounts file scored on a workspace's health model without storing anything (`michi health`):
//! each account's link scores, weakest link, quadrant and next action, as CSV (one row per account)
//! or JSON (with each account's explanation and next actions).

use std::path::Path;

use michi_core::health::read::{self, AccountLine, TableQuery};
use michi_core::health::{Bonfire, HealthModel, Verdict};
use michi_core::{Edit, ElementData, IdGen, Text, perform};

use crate::error::{AppError, ErrorCode};
use crate::files;
use crate::tables::{account_snapshots, guess_accounts_mapping, read_table};

/// How year-last dates order day and month (the CLI's `--dates`).
pub use michi_csv::DateOrder;

/// How `michi health` writes the scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

/// A file column read as an indicator (`--map 列名=indicator`): the column's header and the
/// indicator, by its key, its name (ja or en) or the column the model reads.
pub fn parse_map(arg: &str) -> Result<(String, String), AppError> {
    match arg.split_once('=') {
        Some((column, indicator)) if !column.trim().is_empty() && !indicator.trim().is_empty() => {
            Ok((column.trim().to_string(), indicator.trim().to_string()))
        }
        _ => Err(AppError::invalid(format!(
            "--map takes 列名=indicator (a column of the file = an indicator), not {arg:?}"
        ))),
    }
}

/// The scores, and what the user should know about the file (columns the model reads that it
/// lacks).
pub struct Scored {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
}

/// Renames the columns `map` names to the columns their indicators read.
fn apply_map(
    table: &mut michi_csv::Table,
    model: &HealthModel,
    map: &[(String, String)],
    path: &Path,
) -> Result<(), AppError> {
    for (column, wanted) in map {
        let indicator = model
            .indicators()
            .map(|(_, i)| i)
            .find(|i| {
                i.key == *wanted
                    || i.column == *wanted
                    || i.name.ja == *wanted
                    || i.name.en.eq_ignore_ascii_case(wanted)
            })
            .ok_or_else(|| {
                let keys: Vec<&str> = model.indicators().map(|(_, i)| i.key.as_str()).collect();
                AppError::invalid(format!(
                    "the health model has no indicator {wanted:?} (its indicators: {})",
                    keys.join(", ")
                ))
            })?;
        let at = table.headers.iter().position(|h| h == column).ok_or_else(|| {
            AppError::invalid(format!(
                "{} has no column {column:?} (its columns: {})",
                path.display(),
                table.headers.join(", ")
            ))
            .with_path(path)
        })?;
        table.headers[at] = indicator.column.clone();
    }
    Ok(())
}

/// How [`score_file`] reads the accounts and writes the scores.
#[derive(Debug, Clone)]
pub struct Scoring {
    /// The moment the file describes, seconds since 1970.
    pub as_of: f64,
    pub format: Format,
    pub japanese: bool,
    /// Other columns read as the model's: (column, indicator key, name or column).
    pub map: Vec<(String, String)>,
    /// How year-last dates order day and month, when the file does not show it.
    pub date_order: Option<DateOrder>,
}

/// The accounts of `accounts`, scored on the health model of the workspace file `workspace` (its
/// default model when it has none) as `how` says. The workspace file is not touched. Columns the
/// model reads that the file lacks are named in the warnings (their indicators are left out of the
/// scores).
pub fn score_file(workspace: &Path, accounts: &Path, how: &Scoring) -> Result<Scored, AppError> {
    let mut ws = crate::read(workspace)?.workspace;
    let model: HealthModel = read::model(&ws).map(|(_, m)| m.clone()).unwrap_or_default();
    let mut table = read_table(accounts)?;
    apply_map(&mut table, &model, &how.map, accounts)?;
    let missing: Vec<String> = model
        .indicators()
        .filter(|(_, i)| !table.headers.contains(&i.column))
        .map(|(_, i)| format!("{} ({})", i.column, i.key))
        .collect();
    let warnings = if missing.is_empty() {
        Vec::new()
    } else {
        vec![format!(
            "{} lacks {} column(s) the health model reads: {}; their indicators are left out of the scores (read another column as one with --map 列名=indicator)",
            accounts.display(),
            missing.len(),
            missing.join(", ")
        )]
    };
    let bytes = scores(&mut ws, &model, &table, accounts, how)?;
    Ok(Scored { bytes, warnings })
}

fn scores(
    ws: &mut michi_core::Workspace,
    model: &HealthModel,
    table: &michi_csv::Table,
    accounts: &Path,
    how: &Scoring,
) -> Result<Vec<u8>, AppError> {
    let Scoring { as_of, format, japanese, date_order, .. } = *how;
    let mapping = michi_csv::AccountMapping { date_order, ..guess_accounts_mapping(table, model, accounts)? };
    if let Some(c) = mapping.stage_since
        && date_order.is_none()
        && table.column_dates(c as usize).ambiguous
    {
        return Err(AppError::new(
            ErrorCode::BadCsv,
            format!(
                "the dates of column 「{}」 read either day first or month first (3/4/2026) and none is past the 12th to decide: say which with --dates day-first or --dates month-first",
                table.headers[c as usize]
            ),
        )
        .with_path(accounts));
    }
    let name = files::file_name(accounts);
    let (snapshot, _) = account_snapshots(ws, table, Some(accounts), &mapping, None, model, name.clone(), name, as_of)?;
    // Scored in memory, as the app would after importing: the workspace on disk is not touched.
    let mut ids = IdGen::random();
    if read::model(ws).is_none() {
        perform(ws, Edit::SetHealthModel { model: model.clone() }, &mut ids)?;
    }
    perform(ws, Edit::Create { data: ElementData::AccountSnapshot(snapshot) }, &mut ids)?;
    let pick = |t: &Text| t.pick(japanese).to_string();
    if format == Format::Json {
        // Every account's page in one pass (explanations and next actions included).
        let mut pages = read::accounts(ws);
        pages.sort_by(|a, b| a.line.id.cmp(&b.line.id));
        let rows: Vec<serde_json::Value> = pages
            .iter()
            .map(|p| {
                let l: &AccountLine = &p.line;
                serde_json::json!({
                    "id": l.id, "name": l.name, "segment": l.segment,
                    "stage": l.stage.as_ref().map(|s| s.name.clone()),
                    "scores": Bonfire::CHAIN.iter().map(|b| (format!("{b:?}").to_lowercase(), serde_json::json!(l.score.links[b.index()]))).collect::<serde_json::Map<_, _>>(),
                    "overall": l.score.overall,
                    "quadrant": l.quadrant,
                    "verdict": l.score.verdict,
                    "explanation": pick(&p.explanation),
                    "nextActions": p.next_actions.iter().map(|a| pick(&a.text)).collect::<Vec<_>>(),
                    // What the account's people said in conversations, cited.
                    "quotes": p.quotes.iter().map(|q| q.citation()).collect::<Vec<_>>(),
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&rows).expect("JSON values serialise");
        return Ok(format!("{text}\n").into_bytes());
    }
    let query = TableQuery { limit: u32::MAX, ..Default::default() };
    let mut table = read::table(ws, &query);
    // The file's ids in order, as a spreadsheet user sorts them.
    table.rows.sort_by(|a, b| a.id.cmp(&b.id));
    let score = |x: Option<f64>| x.map(|v| format!("{v:.0}")).unwrap_or_default();
    let verdict = |v: Verdict| match v {
        Verdict::Weak(l) => pick(&l.name()),
        Verdict::Unknown(l) => format!("{}?", pick(&l.name())),
        Verdict::Healthy => pick(&Text::new("なし", "none")),
    };
    let mut header: Vec<String> = [
        Text::new("顧客ID", "id"),
        Text::new("会社名", "name"),
        Text::new("セグメント", "segment"),
        Text::new("ステージ", "stage"),
    ]
    .iter()
    .map(pick)
    .collect();
    header.extend(Bonfire::CHAIN.iter().map(|b| pick(&b.name())));
    header.extend(
        [
            Text::new("総合", "overall"),
            Text::new("象限", "quadrant"),
            Text::new("弱い環", "weak link"),
            Text::new("次の一手", "next action"),
        ]
        .iter()
        .map(pick),
    );
    let mut out = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| AppError::invalid(e.to_string());
    // A cell a spreadsheet would run as a formula is written as text (`michi_core::cell`).
    let safe =
        |cells: Vec<String>| cells.into_iter().map(|c| michi_core::cell::guarded(&c).into_owned()).collect::<Vec<_>>();
    out.write_record(safe(header)).map_err(failed)?;
    for l in &table.rows {
        out.write_record(safe(vec![
            l.id.clone(),
            l.name.clone(),
            l.segment.clone(),
            l.stage.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
            score(l.score.links[0]),
            score(l.score.links[1]),
            score(l.score.links[2]),
            score(l.score.links[3]),
            score(l.score.overall),
            l.quadrant.map(|q| pick(&q.name())).unwrap_or_default(),
            verdict(l.score.verdict),
            l.next_action.as_ref().map(pick).unwrap_or_default(),
        ]))
        .map_err(failed)?;
    }
    out.into_inner().map_err(|e| AppError::invalid(e.to_string()))
}
