//! The evidence behind a workspace (`michi evidence`): the coverage of the segments against the
//! target and the quotes behind each element, from [`michi_core::derive::evidence`], written as
//! Markdown or CSV from its document, or as JSON from its data (with each element's quotes).

use std::path::Path;

use michi_core::derive::evidence::{coverage, document_with_quotes};
use michi_core::{ElementData, Workspace};
use serde_json::json;

use crate::error::AppError;
use crate::outputs::{self, TableFormat};
use crate::settings::Language;

/// The evidence of `ws` as a file's bytes.
pub fn write(ws: &Workspace, format: TableFormat, language: Language) -> Result<Vec<u8>, AppError> {
    let c = coverage(ws);
    outputs::document_bytes(&document_with_quotes(ws, &c), format, language, || {
        let quote = |id: &michi_core::ElementId| match ws.data(id) {
            Some(ElementData::Quote(q)) => json!({"id": id, "text": q.text, "perspective": q.perspective}),
            _ => json!({"id": id}),
        };
        let elements: Vec<_> = c
            .elements
            .iter()
            .map(|b| {
                json!({
                    "element": b.element.id, "name": b.element.name, "kind": b.kind,
                    "quotes": b.quote_ids.iter().map(quote).collect::<Vec<_>>(),
                    "accounts": b.accounts, "segments": b.segments, "newest": b.newest,
                })
            })
            .collect();
        json!({
            "conversations": c.conversations, "accountsHeard": c.accounts_heard, "target": c.settings.target,
            "cells": c.cells, "unplaced": c.unplaced, "elements": elements,
        })
    })
}

/// The evidence of a workspace file (the version being edited).
pub fn evidence_file(file: &Path, format: TableFormat, language: Language) -> Result<Vec<u8>, AppError> {
    write(&crate::read(file)?.workspace, format, language)
}

impl crate::session::Session {
    /// The quotes behind `element`, newest first (what the properties panel cites).
    pub fn quotes_behind(&self, element: &michi_core::ElementId) -> Vec<michi_core::derive::evidence::QuoteRow> {
        michi_core::derive::evidence::quotes_behind(self.workspace(), element)
    }

    /// Writes the evidence (coverage, quotes behind each element) by the file's extension: a
    /// document, or a REFI-QDA project (`.qdpx`).
    pub fn export_evidence(&self, language: Language, path: &Path) -> Result<(), AppError> {
        let bytes = if is_qdpx(path) {
            michi_qda::export(self.workspace(), &project_name(path))?
        } else {
            write(self.workspace(), TableFormat::of_path(path), language)?
        };
        crate::files::write_whole(path, bytes)
    }

    /// Imports conversations from a Markdown file or a REFI-QDA project (`.qdpx`), as one undo
    /// step; a project's links to elements or segments this workspace lacks are left out, each
    /// named in the result's warnings.
    pub fn import_conversations(
        &mut self,
        path: &Path,
        show: &crate::screen::Show,
    ) -> Result<crate::dto::EditResult, AppError> {
        if !is_qdpx(path) {
            return self.import_conversations_markdown(path, show);
        }
        let bytes = crate::files::read_within(
            path,
            michi_qda::MAX_FILE as usize,
            crate::error::ErrorCode::BadProject,
            "a REFI-QDA project",
        )?;
        let imported = michi_qda::import(&bytes, self.workspace()).map_err(|e| AppError::from(e).with_path(path))?;
        let mut result =
            self.edit(michi_core::Edit::ImportConversations { conversations: imported.conversations }, show)?;
        result.warnings.extend(imported.notes);
        Ok(result)
    }
}

fn is_qdpx(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("qdpx"))
}

fn project_name(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("Michi").to_string()
}

/// The evidence of a workspace file as a REFI-QDA project (`michi evidence --format qdpx`).
pub fn qdpx_file(file: &Path, name: &str) -> Result<Vec<u8>, AppError> {
    Ok(michi_qda::export(&crate::read(file)?.workspace, name)?)
}
