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
    #[error("the file is not a readable table: {0}")]
    Malformed(String),
    #[error("column {0} does not exist")]
    NoSuchColumn(usize),
    #[error("{0} is not a process model, collaboration, process or journey of this workspace")]
    BadTarget(ElementId),
    #[error("{}", describe(.0))]
    Rows(Vec<RowProblem>),
}

fn describe(problems: &[RowProblem]) -> String {
    let first = &problems[0];
    let more = if problems.len() > 1 { format!(" (and {} more problems)", problems.len() - 1) } else { String::new() };
    format!("line {}, column {}: {}{more}", first.line, first.column, first.message)
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
}
