//! What goes wrong reading a table: the file as a whole, or cells, each named by line and column.

use michi_core::ElementId;
use serde::Serialize;
use thiserror::Error;

/// How many problems an import reports before it stops looking.
pub(crate) const MAX_PROBLEMS: usize = 20;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum CsvError {
    #[error("the file is neither UTF-8 nor Shift_JIS text")]
    Encoding,
    #[error("the file is empty")]
    Empty,
    /// Past one of [`crate::Limits`]: `what` names it ("bytes", "columns", "characters in one cell", "rows").
    #[error("the file has more than {limit} {what}, more than Michi reads")]
    TooLarge { what: &'static str, limit: usize },
    #[error("the file is not a readable table: {0}")]
    Malformed(String),
    #[error("column {0} does not exist")]
    NoSuchColumn(usize),
    #[error("{0} is not a process model, collaboration, process or journey of this workspace")]
    BadTarget(ElementId),
    #[error("the dates of column 「{0}」 (like 3/4/2026) can be read day-first or month-first: choose which")]
    AmbiguousDates(String),
    /// Bad cells: the first `MAX_PROBLEMS` of them, and how many there are in all.
    #[error("{}", describe(problems, *total))]
    Rows { problems: Vec<RowProblem>, total: u32 },
}

fn describe(problems: &[RowProblem], total: u32) -> String {
    let Some(first) = problems.first() else { return format!("{total} problems") };
    let more = match total.saturating_sub(1) {
        0 => String::new(),
        1 => " (and 1 more problem)".to_string(),
        n => format!(" (and {n} more problems)"),
    };
    format!("line {}, column {}: {}{more}", first.line, first.column, first.message)
}

/// The problems of an import: every one counted, the first `MAX_PROBLEMS` kept.
#[derive(Default)]
pub(crate) struct Problems {
    kept: Vec<RowProblem>,
    total: u32,
}

impl Problems {
    pub(crate) fn push(&mut self, problem: RowProblem) {
        self.total += 1;
        if self.kept.len() < MAX_PROBLEMS {
            self.kept.push(problem);
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.total == 0
    }

    pub(crate) fn into_error(self) -> CsvError {
        CsvError::Rows { problems: self.kept, total: self.total }
    }
}

/// A problem in one cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    /// Line number in the file (the header is line 1).
    pub line: u32,
    /// The column's header.
    pub column: String,
    pub value: String,
    pub kind: ProblemKind,
    pub message: String,
}

/// What is wrong with a cell, for the UI's translations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ProblemKind {
    EmptyCase,
    BadDate,
    AmbiguousNode,
    UnknownNode,
    EmptyAccount,
    DuplicateAccount,
    BadValue,
    /// A judgement outside the 1–5 scale.
    OutOfScale,
    /// A yes/no indicator's value that is neither 1 nor 0.
    NotYesNo,
    /// A skill level that is not 0–5 or N/A (a target: not 0–5).
    BadLevel,
    /// A skill the workspace's capability model does not have.
    UnknownSkill,
    /// A role the org design does not have.
    UnknownRole,
    /// A person's name left empty.
    EmptyName,
}
