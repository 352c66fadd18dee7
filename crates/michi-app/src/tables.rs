//! Tables into the workspace: case events as a dated state snapshot, and accounts as a dated account
//! snapshot (with the journeys' state snapshot of where the accounts are). All rows or none; a bad
//! cell's error names the file, its line and its column.

use std::path::Path;

use michi_core::element::{AccountSnapshot, ElementData, StateSnapshot};
use michi_core::health::HealthModel;
use michi_core::{Edit, ElementId, Workspace};
use michi_csv::{AccountMapping, AccountPreview, EventMapping, Preview, Table};

use crate::dto::EditResult;
use crate::error::{AppError, ErrorCode};
use crate::files;
use crate::screen::Show;
use crate::session::Session;

/// A date or date and time as people write them (`2026-11-30`, `2026/11/30 9:00`), as seconds since
/// 1970.
pub fn parse_date(s: &str) -> Result<f64, AppError> {
    michi_csv::parse_datetime(s).ok_or_else(|| AppError::invalid(format!("{s} is not a date")))
}

/// A CSV file as a table.
pub fn read_table(path: &Path) -> Result<Table, AppError> {
    let bytes = files::read_within(path, michi_csv::LIMITS.max_bytes, ErrorCode::BadCsv, "a CSV file")?;
    michi_csv::read_table(&bytes).map_err(|e| AppError::from(e).with_path(path))
}

/// The start of a CSV file of case events and a guessed column mapping, for the mapping dialog.
pub fn events_preview(path: &Path) -> Result<Preview, AppError> {
    Ok(michi_csv::preview(&read_table(path)?))
}

/// An accounts file made into an account snapshot scored on `model`, and the journeys' state
/// snapshot of where the accounts are (when the file has stages). Nothing is stored.
#[allow(clippy::too_many_arguments)]
pub fn account_snapshots(
    ws: &Workspace,
    table: &Table,
    path: Option<&Path>,
    mapping: &AccountMapping,
    journey: Option<&ElementId>,
    model: &HealthModel,
    name: String,
    source: String,
    as_of: f64,
) -> Result<(AccountSnapshot, Option<StateSnapshot>), AppError> {
    let (snapshot, state, _) =
        michi_csv::account_snapshot(table, mapping, ws, journey, Some(model), name, source, as_of).map_err(|e| {
            let e = AppError::from(e);
            match path {
                Some(p) => e.with_path(p),
                None => e,
            }
        })?;
    Ok((snapshot, state))
}

/// The guessed mapping of an accounts table on `model`, or why there is none.
pub fn guess_accounts_mapping(table: &Table, model: &HealthModel, path: &Path) -> Result<AccountMapping, AppError> {
    michi_csv::account_preview(table, Some(model)).guess.ok_or_else(|| {
        AppError::new(
            ErrorCode::BadCsv,
            format!("{}: no column looks like an account id (顧客ID, account id…)", path.display()),
        )
        .with_path(path)
    })
}

impl Session {
    /// Imports a CSV of case events as a dated state snapshot of `target` (a process model, or a
    /// journey for stage-level counts): one undo step, all rows or none.
    pub fn import_state_csv(
        &mut self,
        path: &Path,
        mapping: &EventMapping,
        target: &ElementId,
        name: String,
        as_of: Option<f64>,
        show: &Show,
    ) -> Result<EditResult, AppError> {
        let table = read_table(path)?;
        let snapshot =
            michi_csv::snapshot(&table, mapping, self.workspace(), target, name, files::file_name(path), as_of)
                .map_err(|e| AppError::from(e).with_path(path))?;
        self.edit_as("importState", Edit::Create { data: ElementData::StateSnapshot(snapshot) }, show)
    }

    /// Imports quotes from a CSV file (one row per quote: date, account, perspective, quote, tags)
    /// as one undoable step: a conversation per account and date, tags by path. A bad cell refuses
    /// the whole file, naming its line and column.
    pub fn import_quotes_csv(&mut self, path: &Path, show: &Show) -> Result<EditResult, AppError> {
        let table = read_table(path)?;
        let rows = michi_csv::quotes(&table).map_err(|e| AppError::from(e).with_path(path))?;
        let quotes = rows
            .into_iter()
            .map(|r| michi_core::edit::QuoteImport {
                date: r.date,
                account: r.account,
                perspective: r.perspective,
                text: r.text,
                tags: r.tags,
            })
            .collect();
        self.edit(Edit::ImportQuotes { quotes }, show)
    }

    /// Imports conversations from a Markdown file (a `#` heading per conversation, a `##` heading
    /// per perspective, `>` lines as quotes) as one undoable step. A segment the file names must
    /// exist; any problem refuses the whole file, naming its line.
    pub(crate) fn import_conversations_markdown(&mut self, path: &Path, show: &Show) -> Result<EditResult, AppError> {
        let bytes = crate::files::read_within(
            path,
            michi_csv::LIMITS.max_bytes,
            crate::error::ErrorCode::BadCsv,
            "a conversations file",
        )?;
        let docs = michi_csv::conversations(&bytes).map_err(|e| AppError::from(e).with_path(path))?;
        let segments: Vec<(String, michi_core::ElementId)> = self
            .workspace()
            .elements_of_kind(michi_core::ElementKind::Segment)
            .map(|e| (e.data.label().trim().to_string(), e.id.clone()))
            .collect();
        let mut unknown = Vec::new();
        let mut conversations = Vec::new();
        for d in docs {
            let mut named = Vec::new();
            if let Some(name) = &d.segment {
                match segments.iter().find(|(n, _)| n == name.trim()) {
                    Some((_, id)) => named.push(id.clone()),
                    None => unknown.push(michi_csv::RowProblem {
                        line: d.line,
                        column: "セグメント".into(),
                        value: name.clone(),
                        kind: michi_csv::ProblemKind::BadValue,
                        message: format!("segment 「{name}」 is not one of this workspace's"),
                    }),
                }
            }
            let quotes = d
                .quotes
                .into_iter()
                .map(|quote| michi_core::edit::QuoteIn { quote, tags: Vec::new(), supports: Vec::new() })
                .collect();
            conversations.push(michi_core::edit::ConversationImport {
                conversation: d.conversation,
                segments: named,
                quotes,
            });
        }
        if !unknown.is_empty() {
            let total = unknown.len() as u32;
            return Err(AppError::from(michi_csv::CsvError::Rows { problems: unknown, total }).with_path(path));
        }
        self.edit(Edit::ImportConversations { conversations }, show)
    }

    /// The start of an accounts CSV, a guessed mapping, and which of the health model's columns it has.
    pub fn accounts_preview(&self, path: &Path) -> Result<AccountPreview, AppError> {
        let table = read_table(path)?;
        let model = michi_core::health::read::model(self.workspace()).map(|(_, m)| m);
        Ok(michi_csv::account_preview(&table, model))
    }

    /// Imports an accounts CSV as a dated account snapshot (and, with a stage column, the journeys'
    /// state snapshot of where the accounts are): one undo step, all rows or none. A workspace with
    /// no health model gets the default one in the same step.
    #[allow(clippy::too_many_arguments)]
    pub fn import_accounts_csv(
        &mut self,
        path: &Path,
        mapping: &AccountMapping,
        journey: Option<&ElementId>,
        name: String,
        as_of: f64,
        show: &Show,
    ) -> Result<EditResult, AppError> {
        let table = read_table(path)?;
        self.import_accounts(&table, Some(path), mapping, journey, name, files::file_name(path), as_of, show)
    }

    /// The sample accounts that ship with the app (40 companies of the sample's segments, October
    /// 2026), imported as a file is, with the guessed mapping: one undo step.
    pub fn import_sample_accounts(&mut self, show: &Show) -> Result<EditResult, AppError> {
        use michi_core::sample::{SAMPLE_ACCOUNTS_AS_OF, SAMPLE_ACCOUNTS_CSV, SAMPLE_ACCOUNTS_NAME};
        let table = michi_csv::read_table(SAMPLE_ACCOUNTS_CSV.as_bytes()).map_err(AppError::from)?;
        let as_of = michi_csv::parse_datetime(SAMPLE_ACCOUNTS_AS_OF).unwrap_or_default();
        let model = michi_core::health::read::model(self.workspace()).map(|(_, m)| m);
        let mapping = michi_csv::account_preview(&table, model)
            .guess
            .ok_or_else(|| AppError::new(ErrorCode::BadCsv, "the sample accounts have no id column"))?;
        let name = SAMPLE_ACCOUNTS_NAME.trim_end_matches(".csv").to_string();
        self.import_accounts(&table, None, &mapping, None, name, SAMPLE_ACCOUNTS_NAME.to_string(), as_of, show)
    }

    /// One undoable edit: the account snapshot of `table`, the journeys' state snapshot it implies,
    /// and the default health model when the workspace has none.
    #[allow(clippy::too_many_arguments)]
    fn import_accounts(
        &mut self,
        table: &Table,
        path: Option<&Path>,
        mapping: &AccountMapping,
        journey: Option<&ElementId>,
        name: String,
        source: String,
        as_of: f64,
        show: &Show,
    ) -> Result<EditResult, AppError> {
        let ws = self.workspace();
        let stored = michi_core::health::read::model(ws).map(|(_, m)| m.clone());
        let model = stored.clone().unwrap_or_default();
        let (snapshot, state) = account_snapshots(ws, table, path, mapping, journey, &model, name, source, as_of)?;
        let mut edits = Vec::new();
        if stored.is_none() {
            edits.push(Edit::SetHealthModel { model });
        }
        edits.push(Edit::Create { data: ElementData::AccountSnapshot(snapshot) });
        edits.extend(state.map(|s| Edit::Create { data: ElementData::StateSnapshot(s) }));
        self.edit_as("importAccounts", Edit::Batch { edits }, show)
    }
}
