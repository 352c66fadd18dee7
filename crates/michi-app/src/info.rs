//! What a workspace file holds (`michi info`): its versions, and of the one being edited, element
//! counts by kind, relations, views and history steps; the file format version.

use std::path::Path;

use michi_core::ElementKind;
use michi_store::CURRENT_VERSION;

use crate::error::AppError;

/// The file's contents counted, as text or JSON.
pub fn info(path: &Path, json: bool) -> Result<String, AppError> {
    let snapshot = crate::read(path)?;
    let ws = &snapshot.workspace;
    let counts = ws.count_by_kind();
    let count = |k: ElementKind| counts.get(&k).copied().unwrap_or(0);
    if json {
        let by_kind: serde_json::Map<String, serde_json::Value> =
            ElementKind::ALL.iter().map(|&k| (k.as_str().to_string(), count(k).into())).collect();
        let out = serde_json::json!({
            "file": path.display().to_string(),
            "schemaVersion": snapshot.file_version,
            "currentSchemaVersion": CURRENT_VERSION,
            "elements": ws.element_count(),
            "elementsByKind": by_kind,
            "relations": ws.relation_count(),
            "views": ws.views().count(),
            "historySteps": snapshot.history_len,
            "version": snapshot.version.name,
            "versions": snapshot.versions.iter().map(|v| serde_json::json!({
                "name": v.name,
                "created": v.created,
                "forkedFrom": snapshot.versions.iter().find(|f| Some(f.id) == v.forked_from).map(|f| f.name.clone()),
            })).collect::<Vec<_>>(),
        });
        return Ok(format!("{}\n", serde_json::to_string_pretty(&out).expect("JSON values serialise")));
    }
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "file:       {}", path.display());
    let upgrade = if snapshot.file_version < CURRENT_VERSION {
        format!(" (upgraded to {CURRENT_VERSION} when opened for editing)")
    } else {
        String::new()
    };
    let _ = writeln!(out, "schema:     version {}{upgrade}", snapshot.file_version);
    let names: Vec<String> = snapshot
        .versions
        .iter()
        .map(|v| if v.id == snapshot.version.id { format!("{} (edited)", v.name) } else { v.name.clone() })
        .collect();
    let _ = writeln!(out, "versions:   {}", names.join(", "));
    let _ = writeln!(out, "counts of:  {}", snapshot.version.name);
    let _ = writeln!(out, "elements:   {}", ws.element_count());
    for &kind in ElementKind::ALL.iter().filter(|&&k| count(k) > 0) {
        let _ = writeln!(out, "  {:<16}{}", kind.as_str(), count(kind));
    }
    let _ = writeln!(out, "relations:  {}", ws.relation_count());
    let _ = writeln!(out, "views:      {}", ws.views().count());
    let _ = writeln!(out, "history:    {} steps", snapshot.history_len);
    Ok(out)
}
