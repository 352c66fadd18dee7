//! What changed between two files (`michi diff`): two BPMN files, or two workspaces, each read as
//! the diagnosis reads it ([`crate::lint::load`]), compared by [`michi_core::diff`], written as
//! JSON (ids as in the files) or as a Markdown change list.

use std::path::Path;

use michi_core::diff::{Change, ChangeClass, Diff, diff};
use michi_core::{Text, Workspace};
use serde_json::{Map, Value, json};

use crate::error::AppError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Markdown,
}

/// One side of a diff: a BPMN file, or a workspace's version (the one being edited if unnamed).
fn side(file: &Path, version: Option<&str>) -> Result<Workspace, AppError> {
    let is_bpmn = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("bpmn") || e.eq_ignore_ascii_case("xml"));
    match version {
        None => crate::lint::load(file),
        Some(_) if is_bpmn => Err(AppError::invalid(format!(
            "{} is a BPMN file, which has no versions: --from and --to name versions of a .michi file",
            file.display()
        ))),
        Some(name) => Ok(michi_store::Store::read_version(file, Some(name))?.workspace),
    }
}

/// The diff from `old` to `new`: two files (each a BPMN file or a workspace), or, with `new`
/// absent, two versions of the workspace `old` (`from` and `to`; `to` defaults to the version being
/// edited). `from` names a version of `old`, `to` one of `new`.
pub fn diff_files(
    old: &Path,
    new: Option<&Path>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(Workspace, Workspace, Diff), AppError> {
    if new.is_none() && from.is_none() {
        return Err(AppError::invalid(
            "one file compares two of its versions: name the older one with --from (and the newer with --to)",
        ));
    }
    let o = side(old, from)?;
    let n = side(new.unwrap_or(old), to)?;
    let d = diff(&o, &n);
    Ok((o, n, d))
}

/// The diff written out: JSON or Markdown (in Japanese or English).
pub fn write(d: &Diff, format: Format, japanese: bool) -> String {
    match format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&json_of(d)).expect("JSON values serialise");
            text.push('\n');
            text
        }
        Format::Markdown => markdown(d, japanese),
    }
}

fn id(c: &Change) -> String {
    c.new.as_ref().or(c.old.as_ref()).map(ToString::to_string).unwrap_or_default()
}

/// `{"added": [ids], "removed": [ids], "changed": [{"id", "attrs": {path: {"old", "new"}}}],
/// "typeChanged": [{"id", "old", "new"}], "reconnected": [{"id", "source"|"target": {"old",
/// "new"}}], "moved": [{"id", "relation", "old", "new"}], "reordered": [{"id", "relation"}],
/// "layoutChanged": [ids]}`. A renamed element is in `changed` (its name); an element matched by
/// content under another id is in `changed` with its `id`'s old and new value.
pub fn json_of(d: &Diff) -> Value {
    let ids = |class| d.of(class).map(|c| Value::String(id(c))).collect::<Vec<_>>();
    // Renamed and attribute changes of one element, merged.
    let mut changed: Vec<(String, Map<String, Value>)> = Vec::new();
    for c in d.changes.iter().filter(|c| matches!(c.class, ChangeClass::Renamed | ChangeClass::AttributeChanged)) {
        let key = id(c);
        let at = match changed.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                changed.push((key, Map::new()));
                changed.len() - 1
            }
        };
        for a in &c.attrs {
            changed[at].1.insert(a.path.clone(), json!({"old": a.old, "new": a.new}));
        }
    }
    changed.sort_by(|a, b| a.0.cmp(&b.0));
    let ends = |c: &Change| {
        let mut o = Map::new();
        o.insert("id".into(), Value::String(id(c)));
        for e in &c.ends {
            o.insert(e.relation.clone(), json!({"old": e.old, "new": e.new}));
        }
        Value::Object(o)
    };
    json!({
        "added": ids(ChangeClass::Added),
        "removed": ids(ChangeClass::Removed),
        "changed": changed.into_iter().map(|(id, attrs)| json!({"id": id, "attrs": attrs})).collect::<Vec<_>>(),
        "typeChanged": d.of(ChangeClass::TypeChanged)
            .map(|c| json!({"id": id(c), "old": c.attrs[0].old, "new": c.attrs[0].new}))
            .collect::<Vec<_>>(),
        "reconnected": d.of(ChangeClass::Reconnected).map(ends).collect::<Vec<_>>(),
        "moved": d.of(ChangeClass::Moved)
            .flat_map(|c| c.ends.iter().map(move |e| json!({"id": id(c), "relation": e.relation, "old": e.old, "new": e.new})))
            .collect::<Vec<_>>(),
        "reordered": d.of(ChangeClass::Reordered)
            .map(|c| json!({"id": id(c), "relation": c.ends.first().map(|e| e.relation.clone()).unwrap_or_default()}))
            .collect::<Vec<_>>(),
        "layoutChanged": ids(ChangeClass::LayoutChanged),
    })
}

/// What people call each class of change.
pub fn class_name(class: ChangeClass) -> Text {
    match class {
        ChangeClass::Added => Text::new("追加", "Added"),
        ChangeClass::Removed => Text::new("削除", "Removed"),
        ChangeClass::Renamed => Text::new("名前の変更", "Renamed"),
        ChangeClass::AttributeChanged => Text::new("属性の変更", "Attributes changed"),
        ChangeClass::TypeChanged => Text::new("種類の変更", "Type changed"),
        ChangeClass::Reconnected => Text::new("つなぎ替え", "Reconnected"),
        ChangeClass::Moved => Text::new("移動（所属の変更）", "Moved"),
        ChangeClass::Reordered => Text::new("並べ替え", "Reordered"),
        ChangeClass::LayoutChanged => Text::new("配置だけの変更", "Layout only"),
    }
}

fn markdown(d: &Diff, japanese: bool) -> String {
    let t = |text: Text| text.pick(japanese).to_string();
    let mut out = format!("# {}\n\n", t(Text::new("変更点", "Changes")));
    if d.changes.is_empty() {
        out.push_str(&t(Text::new("違いはありません。\n", "No differences.\n")));
        return out;
    }
    let counts = d.counts();
    let total: usize = counts.values().sum();
    out.push_str(&format!("{}\n", t(Text::new(format!("{total} 件の変更。"), format!("{total} change(s).")))));
    for (class, n) in counts {
        out.push_str(&format!("\n## {} ({n})\n\n", t(class_name(class))));
        for c in d.of(class) {
            let name = if c.label.is_empty() { t(c.element_kind.name()) } else { c.label.clone() };
            out.push_str(&format!("- {name} `{}`", id(c)));
            let details: Vec<String> = c
                .attrs
                .iter()
                .map(|a| format!("{}: {} → {}", a.path, quoted(&a.old), quoted(&a.new)))
                .chain(
                    c.ends
                        .iter()
                        .filter(|_| class != ChangeClass::Reordered)
                        .map(|e| format!("{}: {} → {}", e.relation, e.old.join(", "), e.new.join(", "))),
                )
                .collect();
            if !details.is_empty() {
                out.push_str(&format!(" — {}", details.join("; ")));
            }
            out.push('\n');
        }
    }
    out
}

fn quoted(s: &str) -> String {
    if s.is_empty() { "—".into() } else { format!("「{}」", s.replace('\n', " ")) }
}
