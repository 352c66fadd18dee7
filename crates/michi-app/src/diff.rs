//! What changed between two files (`michi diff`): two BPMN files, or two workspaces, each read as
//! the diagnosis reads it ([`crate::lint::load`]), compared by [`michi_core::diff`], written as
//! JSON (ids as in the files) or as a Markdown change list.

use std::path::Path;

use michi_core::diff::outputs::{OutputChanges, compare};
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

/// What the derived outputs gain and lose from `old` to `new` (see [`michi_core::diff::outputs`]).
pub fn outputs(old: &Workspace, new: &Workspace) -> OutputChanges {
    compare(old, new)
}

/// The diff written out, with the change of the derived outputs: JSON or Markdown (in Japanese or
/// English).
pub fn write(d: &Diff, outputs: &OutputChanges, format: Format, japanese: bool) -> String {
    match format {
        Format::Json => {
            let mut json = json_of(d);
            json["outputs"] = outputs_json(outputs);
            let mut text = serde_json::to_string_pretty(&json).expect("JSON values serialise");
            text.push('\n');
            text
        }
        Format::Markdown => {
            let mut text = markdown(d, japanese);
            text.push_str(&outputs_markdown(outputs, japanese));
            text
        }
    }
}

/// `{"findingsAdded": [{"rule", "elements"}], "findingsRemoved": …, "functionsAdded": [function],
/// "functionsRemoved": …, "playsAdded": [{"journey", "stage", "firstStep"}], "playsRemoved": …,
/// "metricsAdded": [{"journey", "stage", "name", "old", "new"}], "metricsRemoved": …,
/// "metricsChanged": …}`.
fn outputs_json(o: &OutputChanges) -> Value {
    let findings = |v: &[michi_core::diagnose::Finding]| {
        v.iter().map(|f| json!({"rule": f.rule, "elements": f.elements})).collect::<Vec<_>>()
    };
    let functions =
        |v: &[michi_core::diff::outputs::FunctionChange]| v.iter().map(|f| json!(f.function)).collect::<Vec<_>>();
    let plays = |v: &[michi_core::diff::outputs::PlayChange]| {
        v.iter()
            .map(|p| json!({"journey": p.journey, "stage": p.stage, "firstStep": p.first_step.ja}))
            .collect::<Vec<_>>()
    };
    let metrics = |v: &[michi_core::diff::outputs::MetricChange]| {
        v.iter()
            .map(|m| json!({"journey": m.journey, "stage": m.stage, "name": m.name.ja, "old": m.old, "new": m.new}))
            .collect::<Vec<_>>()
    };
    json!({
        "findingsAdded": findings(&o.findings_added),
        "findingsRemoved": findings(&o.findings_removed),
        "functionsAdded": functions(&o.functions_added),
        "functionsRemoved": functions(&o.functions_removed),
        "playsAdded": plays(&o.plays_added),
        "playsRemoved": plays(&o.plays_removed),
        "metricsAdded": metrics(&o.metrics_added),
        "metricsRemoved": metrics(&o.metrics_removed),
        "metricsChanged": metrics(&o.metrics_changed),
    })
}

fn outputs_markdown(o: &OutputChanges, japanese: bool) -> String {
    if o.is_empty() {
        return String::new();
    }
    let t = |text: Text| text.pick(japanese).to_string();
    let mut out = format!("\n## {}\n\n", t(Text::new("導き出されるものの変化", "Derived outputs")));
    let mut line = |label: Text, items: Vec<String>| {
        if !items.is_empty() {
            out.push_str(&format!("- {} ({}): {}\n", t(label), items.len(), items.join("; ")));
        }
    };
    let finding = |f: &michi_core::diagnose::Finding| format!("{} — {}", f.rule, f.message.pick(japanese));
    let play = |p: &michi_core::diff::outputs::PlayChange| {
        format!("{} / {}: {}", p.journey, p.stage, p.first_step.pick(japanese))
    };
    line(Text::new("増える指摘", "Findings added"), o.findings_added.iter().map(finding).collect());
    line(Text::new("なくなる指摘", "Findings gone"), o.findings_removed.iter().map(finding).collect());
    line(
        Text::new("新たに必要な機能", "Functions now called for"),
        o.functions_added.iter().map(|f| t(f.name.clone())).collect(),
    );
    line(
        Text::new("不要になる機能", "Functions no longer called for"),
        o.functions_removed.iter().map(|f| t(f.name.clone())).collect(),
    );
    line(Text::new("増えるプレイ", "Plays added"), o.plays_added.iter().map(play).collect());
    line(Text::new("なくなるプレイ", "Plays gone"), o.plays_removed.iter().map(play).collect());
    let metric = |m: &michi_core::diff::outputs::MetricChange| {
        let mut s = format!("{} / {}: {}", m.journey, m.stage, m.name.pick(japanese));
        if !m.old.is_empty() && !m.new.is_empty() {
            s.push_str(&format!(" ({} → {})", m.old, m.new));
        }
        s
    };
    line(Text::new("増える指標", "Metrics added"), o.metrics_added.iter().map(metric).collect());
    line(Text::new("なくなる指標", "Metrics gone"), o.metrics_removed.iter().map(metric).collect());
    line(Text::new("定義が変わる指標", "Metrics redefined"), o.metrics_changed.iter().map(metric).collect());
    out
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
        out.push_str(&format!("\n## {} ({n})\n\n", t(class.name())));
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
