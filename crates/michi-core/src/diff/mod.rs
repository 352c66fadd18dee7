//! What changed between two workspaces (two versions of one, or two imported BPMN files), as a
//! person reads a model: which elements were added or removed, renamed, given other attribute
//! values or another type, reconnected, moved to another container, reordered, or only laid out
//! differently.
//!
//! Elements are matched by id first, then the leftovers by content ([`matching`]): the same kind and
//! name, a connector between the same (matched) ends, an unnamed node between the same neighbours.
//! So an element deleted and drawn again, or a whole process whose ids were all regenerated, is
//! matched, and its change is what really changed (its id, say), not "removed and added".
//!
//! Attribute changes are found on the element's stored properties as JSON, field by field (nested
//! objects and lists by path: `definitions.0.raw` is a timer's definition, `foreign.children` the
//! extension elements kept from BPMN), so no property escapes the diff. The type of an element is
//! its kind, plus a BPMN element's `type` (user task, exclusive gateway…), an event's position and
//! its triggers.

mod facts;
pub mod gaps;
mod matching;
pub mod outputs;
pub mod take;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::element::{ElementData, ElementKind};
use crate::id::{ElementId, ViewId};
use crate::relation::RelationKind;
use crate::workspace::Workspace;

pub use matching::Matching;

use facts::{CARDS, CONTAINERS, ORDERED, TYPE_KEYS, enum_name, type_of};

/// The classes of change, in the order a change list shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ChangeClass {
    Added,
    Removed,
    /// Its name or text.
    Renamed,
    /// Another property (a timer's duration, a stage's exit criteria, extension elements…).
    AttributeChanged,
    /// Another kind, or another BPMN type (user task → task), event position or trigger.
    TypeChanged,
    /// A connector's source or target is another element.
    Reconnected,
    /// In another lane, pool, process, stage or journey; a journey card in another lane of the map.
    Moved,
    /// Another place among its siblings (a stage in its journey, a card in its stage).
    Reordered,
    /// Its position, size or route on a diagram.
    LayoutChanged,
}

impl ChangeClass {
    pub const ALL: [ChangeClass; 9] = [
        ChangeClass::Added,
        ChangeClass::Removed,
        ChangeClass::Renamed,
        ChangeClass::AttributeChanged,
        ChangeClass::TypeChanged,
        ChangeClass::Reconnected,
        ChangeClass::Moved,
        ChangeClass::Reordered,
        ChangeClass::LayoutChanged,
    ];

    /// What people call the class (the change list's headings, the gap list's titles).
    pub fn name(self) -> crate::text::Text {
        use crate::text::Text;
        match self {
            ChangeClass::Added => Text::new("追加", "Added"),
            ChangeClass::Removed => Text::new("削除", "Removed"),
            ChangeClass::Renamed => Text::new("名前の変更", "Renamed"),
            ChangeClass::AttributeChanged => Text::new("属性の変更", "Attributes changed"),
            ChangeClass::TypeChanged => Text::new("種類の変更", "Type changed"),
            ChangeClass::Reconnected => Text::new("つなぎ替え", "Reconnected"),
            ChangeClass::Moved => Text::new("移動（所属の変更）", "Moved"),
            ChangeClass::Reordered => Text::new("並べ替え", "Reordered"),
            ChangeClass::LayoutChanged => Text::new("配置の変更", "Layout changed"),
        }
    }
}

/// One property's old and new value: a text as it is, anything else as compact JSON, nothing as
/// an empty string.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AttrChange {
    /// The property's path: `name`, `exitCriteria`, `definitions.0.raw`, `id` (matched by content).
    pub path: String,
    pub old: String,
    pub new: String,
}

impl AttrChange {
    fn new(path: impl Into<String>, old: &Value, new: &Value) -> AttrChange {
        AttrChange { path: path.into(), old: shown(old), new: shown(new) }
    }
}

fn shown(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Where one end or container of an element went: a connector's `source` or `target`, or the
/// container it is `inLane`, `childOf`, `inStage`…, or its journey `lane` (a card's kind).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EndChange {
    pub relation: String,
    /// Ids on each side as in that side's workspace (the old one's ids for `old`).
    pub old: Vec<String>,
    pub new: Vec<String>,
    /// What those are called on their side (the same order; a kind's name for a journey `lane`).
    #[serde(default)]
    pub old_labels: Vec<String>,
    #[serde(default)]
    pub new_labels: Vec<String>,
}

/// One change of one element. An element changed in several ways has one change per class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub class: ChangeClass,
    /// The element in the old workspace (none when added).
    pub old: Option<ElementId>,
    /// The element in the new workspace (none when removed).
    pub new: Option<ElementId>,
    /// Its kind on the side that has it (the new side when both do).
    pub element_kind: ElementKind,
    /// Its name or text on that side.
    pub label: String,
    /// Renamed, attribute changed, type changed: each property's old and new value.
    pub attrs: Vec<AttrChange>,
    /// Reconnected, moved, reordered: which end or container, and where it was and is.
    pub ends: Vec<EndChange>,
    /// Layout changed: the diagrams (views of the new side) where it is drawn differently.
    pub views: Vec<ViewId>,
}

/// What changed from `old` to `new`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Diff {
    /// Ordered by class, then by the element's id.
    pub changes: Vec<Change>,
    /// Elements matched although their ids differ (old, new): re-created or re-imported.
    pub rematched: Vec<(ElementId, ElementId)>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.rematched.is_empty()
    }

    /// The changes of one class.
    pub fn of(&self, class: ChangeClass) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.class == class)
    }

    /// Whether the only change of the new side's `id` is its layout.
    pub fn layout_only(&self, id: &ElementId) -> bool {
        let mine = |c: &&Change| c.new.as_ref() == Some(id);
        self.changes.iter().filter(mine).all(|c| c.class == ChangeClass::LayoutChanged)
            && self.changes.iter().any(|c| mine(&c) && c.class == ChangeClass::LayoutChanged)
    }

    /// How many changes of each class.
    pub fn counts(&self) -> BTreeMap<ChangeClass, usize> {
        let mut counts = BTreeMap::new();
        for c in &self.changes {
            *counts.entry(c.class).or_default() += 1;
        }
        counts
    }
}

/// An element's outgoing relations of the kinds the diff compares: (kind, target).
type Ends<'a> = [(RelationKind, &'a ElementId)];

/// Each element's outgoing relations of the kinds the diff compares (ends and containers), read
/// once per side.
struct Outgoing<'a>(HashMap<&'a ElementId, Vec<(RelationKind, &'a ElementId)>>);

impl<'a> Outgoing<'a> {
    fn of(ws: &'a Workspace) -> Outgoing<'a> {
        let mut map: HashMap<&ElementId, Vec<(RelationKind, &ElementId)>> = HashMap::new();
        for (kind, from, to) in ws.relation_ends() {
            if matches!(kind, RelationKind::Source | RelationKind::Target) || CONTAINERS.contains(&kind) {
                map.entry(from).or_default().push((kind, to));
            }
        }
        Outgoing(map)
    }

    fn of_element(&self, from: &ElementId) -> &Ends<'a> {
        self.0.get(from).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The differences between two workspaces.
pub fn diff(old: &Workspace, new: &Workspace) -> Diff {
    let m = Matching::new(old, new);
    let (old_out, new_out) = (Outgoing::of(old), Outgoing::of(new));
    let mut changes = Vec::new();

    for e in new.elements() {
        if m.old_of(&e.id).is_none() {
            changes.push(change(ChangeClass::Added, None, Some(&e.id), &e.data));
        }
    }
    for e in old.elements() {
        if m.new_of(&e.id).is_none() {
            changes.push(change(ChangeClass::Removed, Some(&e.id), None, &e.data));
        }
    }

    for (o, n) in m.pairs() {
        let (Some(od), Some(nd)) = (old.data(o), new.data(n)) else { continue };
        element_changes((&old_out, &new_out), &m, o, n, od, nd, &mut changes);
    }
    reorders(old, new, &m, &mut changes);

    // Layout: matched elements drawn differently in a matched view (whatever else changed; an
    // element whose only change is this is "layout only", see `Diff::layout_only`).
    let mut layout: BTreeMap<ElementId, Vec<ViewId>> = BTreeMap::new();
    for nv in new.views() {
        let Some(ov) = m.old_view(old, nv) else { continue };
        for (n, np) in &nv.placements {
            let Some(o) = m.old_of(n) else { continue };
            let Some(op) = ov.placements.get(o) else { continue };
            if op != np {
                layout.entry(n.clone()).or_default().push(nv.id.clone());
            }
        }
    }
    for (n, views) in layout {
        let (Some(o), Some(nd)) = (m.old_of(&n), new.data(&n)) else { continue };
        let mut c = change(ChangeClass::LayoutChanged, Some(o), Some(&n), nd);
        c.views = views;
        changes.push(c);
    }

    changes.sort_by(|a, b| {
        (a.class, a.new.as_ref().or(a.old.as_ref())).cmp(&(b.class, b.new.as_ref().or(b.old.as_ref())))
    });
    // The ends and containers by name, for people.
    let label = |ws: &Workspace, id: &String| {
        ElementId::new(id.clone())
            .ok()
            .and_then(|id| ws.data(&id).map(|d| d.label().to_string()))
            .unwrap_or_else(|| id.clone())
    };
    for c in &mut changes {
        for e in &mut c.ends {
            e.old_labels = e.old.iter().map(|id| label(old, id)).collect();
            e.new_labels = e.new.iter().map(|id| label(new, id)).collect();
        }
    }
    Diff { changes, rematched: m.rematched() }
}

fn change(class: ChangeClass, old: Option<&ElementId>, new: Option<&ElementId>, data: &ElementData) -> Change {
    Change {
        class,
        old: old.cloned(),
        new: new.cloned(),
        element_kind: data.kind(),
        label: data.label().to_string(),
        attrs: Vec::new(),
        ends: Vec::new(),
        views: Vec::new(),
    }
}

/// The key of the property that holds an element's label (`name` or `text`).
fn label_key(json: &serde_json::Map<String, Value>, label: &str) -> Option<String> {
    ["name", "text"].into_iter().find(|k| json.get(*k).and_then(Value::as_str) == Some(label)).map(str::to_string)
}

/// Every leaf of `a` and `b` that differs, by path (objects by key, arrays by index; an array of
/// another length differs as a whole).
fn json_differences(path: &str, a: &Value, b: &Value, out: &mut Vec<AttrChange>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                json_differences(&p, x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null), out);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                json_differences(&format!("{path}.{i}"), u, v, out);
            }
        }
        _ if a != b => out.push(AttrChange::new(path, a, b)),
        _ => {}
    }
}

#[allow(clippy::too_many_arguments)]
fn element_changes(
    out_of: (&Outgoing, &Outgoing),
    m: &Matching,
    o: &ElementId,
    n: &ElementId,
    od: &ElementData,
    nd: &ElementData,
    out: &mut Vec<Change>,
) {
    let (ok, nk) = (od.kind(), nd.kind());
    let card_lane = ok != nk && CARDS.contains(&ok) && CARDS.contains(&nk);

    // Properties: compared only when they differ (most matched elements are equal).
    if od != nd || o != n {
        property_changes(o, n, od, nd, card_lane, out);
    }

    // Ends and containers.
    let mut reconnected = Vec::new();
    let ends = (out_of.0.of_element(o), out_of.1.of_element(n));
    for kind in [RelationKind::Source, RelationKind::Target] {
        if let Some(e) = end_change(ends, m, kind) {
            reconnected.push(e);
        }
    }
    if !reconnected.is_empty() {
        let mut c = change(ChangeClass::Reconnected, Some(o), Some(n), nd);
        c.ends = reconnected;
        out.push(c);
    }
    let mut moved = Vec::new();
    for &kind in CONTAINERS {
        if let Some(e) = end_change(ends, m, kind) {
            moved.push(e);
        }
    }
    if card_lane {
        moved.push(EndChange {
            relation: "lane".into(),
            old: vec![ok.as_str().into()],
            new: vec![nk.as_str().into()],
            old_labels: Vec::new(),
            new_labels: Vec::new(),
        });
    }
    if !moved.is_empty() {
        let mut c = change(ChangeClass::Moved, Some(o), Some(n), nd);
        c.ends = moved;
        out.push(c);
    }
}

/// The type, label and other property changes of a matched pair.
fn property_changes(
    o: &ElementId,
    n: &ElementId,
    od: &ElementData,
    nd: &ElementData,
    card_lane: bool,
    out: &mut Vec<Change>,
) {
    // Type.
    let (ot, nt) = (type_of(od), type_of(nd));
    if ot != nt && !card_lane {
        let mut c = change(ChangeClass::TypeChanged, Some(o), Some(n), nd);
        c.attrs.push(AttrChange { path: "type".into(), old: ot, new: nt });
        out.push(c);
    }

    // Label and other properties, compared as stored JSON.
    let (oj, nj) = (serde_json::to_value(od).unwrap_or(Value::Null), serde_json::to_value(nd).unwrap_or(Value::Null));
    let (Value::Object(mut oj), Value::Object(mut nj)) = (oj, nj) else { return };
    let (ol, nl) = (od.label(), nd.label());
    let (olk, nlk) = (label_key(&oj, ol), label_key(&nj, nl));
    if ol != nl {
        let mut c = change(ChangeClass::Renamed, Some(o), Some(n), nd);
        c.attrs.push(AttrChange {
            path: nlk.clone().or(olk.clone()).unwrap_or_else(|| "name".into()),
            old: ol.to_string(),
            new: nl.to_string(),
        });
        out.push(c);
    }
    for key in ["kind"].iter().chain(TYPE_KEYS).map(|k| k.to_string()).chain(olk).chain(nlk) {
        oj.remove(&key);
        nj.remove(&key);
    }
    // An event's triggers are its type; what else a definition holds (a timer's duration) is not.
    for j in [&mut oj, &mut nj] {
        if let Some(Value::Array(defs)) = j.get_mut("definitions") {
            for d in defs {
                if let Value::Object(d) = d {
                    d.remove("trigger");
                }
            }
        }
    }
    let mut attrs = Vec::new();
    json_differences("", &Value::Object(oj), &Value::Object(nj), &mut attrs);
    if o != n {
        attrs.insert(0, AttrChange { path: "id".into(), old: o.to_string(), new: n.to_string() });
    }
    if !attrs.is_empty() {
        let mut c = change(ChangeClass::AttributeChanged, Some(o), Some(n), nd);
        c.attrs = attrs;
        out.push(c);
    }
}

pub(crate) fn kind_name(kind: RelationKind) -> String {
    enum_name(&kind)
}

/// The elements a matched pair points to by `kind` (`ends`: its outgoing relations on each side),
/// when they differ once the old side's are matched to the new side's (named by the relation:
/// `source`, `inLane`…).
fn end_change((old, new): (&Ends, &Ends), m: &Matching, kind: RelationKind) -> Option<EndChange> {
    let of = |side: &Ends| -> Vec<ElementId> {
        side.iter().filter(|(k, _)| *k == kind).map(|(_, to)| (*to).clone()).collect()
    };
    let before_n = old.iter().filter(|(k, _)| *k == kind).count();
    let after_n = new.iter().filter(|(k, _)| *k == kind).count();
    if before_n == 0 && after_n == 0 {
        return None;
    }
    // The common case, one end on each side: compared without collecting.
    if before_n == 1 && after_n == 1 {
        let b = old.iter().find(|(k, _)| *k == kind).map(|(_, to)| *to)?;
        let a = new.iter().find(|(k, _)| *k == kind).map(|(_, to)| *to)?;
        if m.new_of(b) == Some(a) {
            return None;
        }
    }
    let (before, after) = (of(old), of(new));
    let mapped: BTreeSet<Option<&ElementId>> = before.iter().map(|b| m.new_of(b)).collect();
    let now: BTreeSet<Option<&ElementId>> = after.iter().map(Some).collect();
    if mapped == now {
        return None;
    }
    Some(EndChange {
        relation: kind_name(kind),
        old: before.iter().map(ToString::to_string).collect(),
        new: after.iter().map(ToString::to_string).collect(),
        old_labels: Vec::new(),
        new_labels: Vec::new(),
    })
}

/// Elements whose place among their siblings changed, in containers both sides have: the fewest
/// elements whose moving explains the new order (those off a longest common ordering).
fn reorders(old: &Workspace, new: &Workspace, m: &Matching, out: &mut Vec<Change>) {
    for &kind in ORDERED {
        let mut containers: BTreeSet<ElementId> = BTreeSet::new();
        for (k, _, to) in new.relation_ends() {
            if k == kind {
                containers.insert(to.clone());
            }
        }
        for nc in containers {
            let Some(oc) = m.old_of(&nc) else { continue };
            let after = new.ordered_members(&nc, kind);
            let position: HashMap<&ElementId, usize> = after.iter().enumerate().map(|(i, e)| (e, i)).collect();
            // The old order, as positions in the new one, of the members both sides have there.
            let before: Vec<(usize, ElementId)> = old
                .ordered_members(oc, kind)
                .iter()
                .filter_map(|e| m.new_of(e))
                .filter_map(|e| position.get(e).map(|&i| (i, e.clone())))
                .collect();
            let keep = longest_increasing(&before.iter().map(|(i, _)| *i).collect::<Vec<_>>());
            for (k, (_, e)) in before.iter().enumerate() {
                if keep.contains(&k) {
                    continue;
                }
                let (Some(o), Some(nd)) = (m.old_of(e), new.data(e)) else { continue };
                let mut c = change(ChangeClass::Reordered, Some(o), Some(e), nd);
                let names = |ids: Vec<ElementId>| ids.iter().map(ToString::to_string).collect();
                c.ends.push(EndChange {
                    relation: kind_name(kind),
                    old: names(old.ordered_members(oc, kind)),
                    new: names(after.clone()),
                    old_labels: Vec::new(),
                    new_labels: Vec::new(),
                });
                out.push(c);
            }
        }
    }
}

/// The indices of one longest strictly increasing subsequence of `v` (patience sorting).
fn longest_increasing(v: &[usize]) -> BTreeSet<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index into v of the smallest tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; v.len()];
    for (i, &x) in v.iter().enumerate() {
        let at = tails.partition_point(|&t| v[t] < x);
        prev[i] = at.checked_sub(1).map(|a| tails[a]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut keep = BTreeSet::new();
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        keep.insert(i);
        cur = prev[i];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_increasing_run_keeps_the_most_in_place() {
        assert_eq!(longest_increasing(&[0, 1, 2, 3]), BTreeSet::from([0, 1, 2, 3]));
        // One stage moved from first to last: only it is off the run.
        assert_eq!(longest_increasing(&[3, 0, 1, 2]), BTreeSet::from([1, 2, 3]));
        assert_eq!(longest_increasing(&[]), BTreeSet::new());
    }

    #[test]
    fn json_differences_go_down_to_the_leaf() {
        let a = serde_json::json!({"definitions": [{"raw": "<timer>PT1H</timer>"}], "foreign": {"children": []}});
        let b = serde_json::json!({"definitions": [{"raw": "<timer>PT2H</timer>"}], "foreign": {"children": ["<x/>"]}});
        let mut out = Vec::new();
        json_differences("", &a, &b, &mut out);
        assert_eq!(out.iter().map(|c| c.path.as_str()).collect::<Vec<_>>(), ["definitions.0.raw", "foreign.children"]);
    }
}
