//! The skill matrix (`michi skills`, the app's skills screen and its imports and exports): the
//! gaps derived by [`michi_core::derive::skills`], written as Markdown, HTML, PDF, CSV or JSON;
//! assessments read from CSV (long or wide, UTF-8 or CP932) as one undoable step and written back
//! in either shape.

use std::path::Path;

use michi_core::derive::skills::{self, AssessmentShape, SkillMatrix};
use michi_core::{Edit, Workspace};

use crate::dto::EditResult;
use crate::error::AppError;
use crate::files;
use crate::outputs::{self, TableFormat};
use crate::screen::Show;
use crate::session::Session;
use crate::settings::Language;

/// The gaps of `ws` as of `as_of` (the newest assessment's day when `None`) as a file's bytes:
/// the document (Markdown, HTML, PDF; CSV of its tables) or, as JSON, the matrix itself.
pub fn gaps_bytes(
    ws: &Workspace,
    as_of: Option<f64>,
    format: TableFormat,
    language: Language,
) -> Result<Vec<u8>, AppError> {
    let m = skills::matrix(ws, as_of);
    let doc = skills::document(ws, &m);
    outputs::document_bytes(&doc, format, language, || serde_json::json!(m))
}

/// The assessments of `ws` as a file's bytes: CSV (what [`Session::import_assessments_csv`]
/// reads back) or the same table as Markdown, HTML or PDF.
pub fn assessments_bytes(
    ws: &Workspace,
    shape: AssessmentShape,
    as_of: Option<f64>,
    format: TableFormat,
    language: Language,
) -> Result<Vec<u8>, AppError> {
    let doc = skills::assessments_document(ws, shape, as_of);
    outputs::document_bytes(&doc, format, language, || serde_json::json!(skills::matrix(ws, as_of)))
}

/// `michi skills`: the gaps of a workspace file (the version being edited), or with `assessments`
/// (`long` or `wide`) its assessments.
pub fn skills_file(
    file: &Path,
    as_of: Option<f64>,
    assessments: Option<&str>,
    format: TableFormat,
    language: Language,
) -> Result<Vec<u8>, AppError> {
    let read = michi_store::Store::read_version(file, None)?;
    match assessments {
        None => gaps_bytes(&read.workspace, as_of, format, language),
        Some(shape) => {
            let shape = match shape {
                "long" => AssessmentShape::Long,
                "wide" => AssessmentShape::Wide,
                other => return Err(AppError::invalid(format!("--assessments {other}: long or wide"))),
            };
            assessments_bytes(&read.workspace, shape, as_of, format, language)
        }
    }
}

/// A date typed by a person (`2026-10-15`), as Michi keeps days.
pub fn parse_day(text: &str) -> Result<f64, AppError> {
    michi_core::derive::evidence::parse_iso_date(text)
        .ok_or_else(|| AppError::invalid(format!("「{text}」 is not a date (write it as 2026-10-15)")))
}

impl Session {
    /// The skill matrix of the edited version.
    pub fn skills(&self, as_of: Option<f64>) -> SkillMatrix {
        skills::matrix(self.workspace(), as_of)
    }

    /// Imports assessments from a CSV file (long or wide) as one undoable step: people found by
    /// name or added, skills by key or name, roles by name. A bad cell refuses the whole file,
    /// naming its line and column.
    pub fn import_assessments_csv(&mut self, path: &Path, show: &Show) -> Result<EditResult, AppError> {
        let table = crate::tables::read_table(path)?;
        let rows = michi_csv::assessments(&table, self.workspace()).map_err(|e| AppError::from(e).with_path(path))?;
        if rows.is_empty() {
            return Err(AppError::invalid(format!("{}: no assessment in the file", path.display())));
        }
        self.edit(Edit::ImportAssessments { rows }, show)
    }

    /// Writes the gaps (Markdown, HTML, PDF, CSV or JSON, by the file's extension).
    pub fn export_skill_gaps(&self, as_of: Option<f64>, language: Language, path: &Path) -> Result<(), AppError> {
        files::write_whole(path, gaps_bytes(self.workspace(), as_of, TableFormat::of_path(path), language)?)
    }

    /// Writes the assessments in `shape` (CSV, or Markdown, HTML or PDF by the file's extension).
    pub fn export_assessments(
        &self,
        shape: AssessmentShape,
        as_of: Option<f64>,
        language: Language,
        path: &Path,
    ) -> Result<(), AppError> {
        let format = TableFormat::of_path(path);
        files::write_whole(path, assessments_bytes(self.workspace(), shape, as_of, format, language)?)
    }
}
