//! The evidence behind a workspace (`michi evidence`): the coverage of the segments against the
//! target and the quotes behind each element, from [`michi_core::derive::evidence`], written as
//! Markdown or CSV from its document, or as JSON from its data (with each element's quotes).

use std::path::Path;

use michi_core::derive::evidence::{coverage, document};
use michi_core::{ElementData, Workspace};
use serde_json::json;

use crate::error::AppError;
use crate::outputs::{self, TableFormat};
use crate::settings::Language;

/// The evidence of `ws` as a file's bytes.
pub fn write(ws: &Workspace, format: TableFormat, language: Language) -> Result<Vec<u8>, AppError> {
    let c = coverage(ws);
    outputs::document_bytes(&document(&c), format, language, || {
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
