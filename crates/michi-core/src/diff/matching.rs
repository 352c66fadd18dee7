//! Which element of the old workspace is which of the new one.
//!
//! By id first. The leftovers, in rounds until a round matches nothing more (a match found in one
//! round is evidence for the next):
//! 1. named elements by kind and name, several of the same name told apart by their container;
//! 2. connectors by kind and their (matched) source and target;
//! 3. unnamed elements by kind, type and the (matched) elements around them;
//! 4. the one unmatched process, collaboration or model of each side.
//!
//! Every step buckets by a key, so matching stays linear in the size of the models.

use std::collections::{BTreeMap, HashMap};

use crate::element::ElementKind;
use crate::id::{ElementId, ViewId};
use crate::relation::RelationKind;
use crate::view::View;
use crate::workspace::Workspace;

use super::facts::{CONTAINERS, type_of};

/// Old ↔ new element ids, and new → old views.
#[derive(Debug, Default)]
pub struct Matching {
    o2n: HashMap<ElementId, ElementId>,
    n2o: HashMap<ElementId, ElementId>,
    views: HashMap<ViewId, ViewId>,
}

/// Kinds of which a side usually has one, matched when each side has one left.
const ONE_OF: &[ElementKind] = &[ElementKind::ProcessModel, ElementKind::Collaboration, ElementKind::Process];

impl Matching {
    pub fn new(old: &Workspace, new: &Workspace) -> Matching {
        let mut m = Matching::default();
        for e in old.elements() {
            if new.contains(&e.id) {
                m.pair(e.id.clone(), e.id.clone());
            }
        }
        for _ in 0..4 {
            if m.o2n.len() == old.element_count() || m.n2o.len() == new.element_count() {
                break;
            }
            let before = m.o2n.len();
            m.by_name(old, new);
            m.connectors(old, new);
            m.by_neighbours(old, new);
            m.one_of(old, new);
            if m.o2n.len() == before {
                break;
            }
        }
        m.match_views(old, new);
        m
    }

    fn pair(&mut self, o: ElementId, n: ElementId) {
        self.o2n.insert(o.clone(), n.clone());
        self.n2o.insert(n, o);
    }

    /// The new side's element matched to `old`'s.
    pub fn new_of(&self, old: &ElementId) -> Option<&ElementId> {
        self.o2n.get(old)
    }

    /// The old side's element matched to `new`'s.
    pub fn old_of(&self, new: &ElementId) -> Option<&ElementId> {
        self.n2o.get(new)
    }

    /// Every matched pair (old, new), by the new id.
    pub fn pairs(&self) -> Vec<(&ElementId, &ElementId)> {
        let mut v: Vec<_> = self.n2o.iter().map(|(n, o)| (o, n)).collect();
        v.sort_by(|a, b| a.1.cmp(b.1));
        v
    }

    /// Pairs whose ids differ, by the new id.
    pub fn rematched(&self) -> Vec<(ElementId, ElementId)> {
        self.pairs().into_iter().filter(|(o, n)| o != n).map(|(o, n)| (o.clone(), n.clone())).collect()
    }

    /// The old side's view matched to `view`.
    pub fn old_view<'a>(&self, old: &'a Workspace, view: &View) -> Option<&'a View> {
        self.views.get(&view.id).and_then(|o| old.view(o))
    }

    /// An element's container on its side, as an id of the new side (None if unmatched or none).
    fn container_key(&self, ws: &Workspace, id: &ElementId, is_old: bool) -> Option<ElementId> {
        CONTAINERS.iter().find_map(|&kind| {
            let to = ws.container(id, kind)?;
            if is_old { self.o2n.get(&to).cloned() } else { Some(to) }
        })
    }

    fn by_name(&mut self, old: &Workspace, new: &Workspace) {
        type Key = (ElementKind, String);
        let bucket = |ws: &Workspace, matched: &HashMap<ElementId, ElementId>| {
            let mut b: BTreeMap<Key, Vec<ElementId>> = BTreeMap::new();
            for e in ws.elements() {
                let label = e.data.label().trim();
                if !matched.contains_key(&e.id) && !label.is_empty() {
                    b.entry((e.data.kind(), label.to_string())).or_default().push(e.id.clone());
                }
            }
            b
        };
        let olds = bucket(old, &self.o2n);
        let mut news = bucket(new, &self.n2o);
        for (key, os) in olds {
            let Some(ns) = news.remove(&key) else { continue };
            if let ([o], [n]) = (os.as_slice(), ns.as_slice()) {
                self.pair(o.clone(), n.clone());
                continue;
            }
            // Several of one name: those in the same (matched) container first, then in order.
            let mut left: Vec<ElementId> = Vec::new();
            let mut by_container: HashMap<Option<ElementId>, Vec<ElementId>> = HashMap::new();
            for n in &ns {
                by_container.entry(self.container_key(new, n, false)).or_default().push(n.clone());
            }
            let mut unpaired_old = Vec::new();
            for o in &os {
                let key = self.container_key(old, o, true);
                match by_container.get_mut(&key).filter(|v| !v.is_empty()) {
                    Some(v) => {
                        let n = v.remove(0);
                        self.pair(o.clone(), n);
                    }
                    None => unpaired_old.push(o.clone()),
                }
            }
            for n in ns {
                if !self.n2o.contains_key(&n) {
                    left.push(n);
                }
            }
            for (o, n) in unpaired_old.into_iter().zip(left) {
                self.pair(o, n);
            }
        }
    }

    fn connectors(&mut self, old: &Workspace, new: &Workspace) {
        type Key = (ElementKind, ElementId, ElementId);
        let ends = |ws: &Workspace, id: &ElementId| {
            Some((ws.container(id, RelationKind::Source)?, ws.container(id, RelationKind::Target)?))
        };
        let mut olds: BTreeMap<Key, Vec<ElementId>> = BTreeMap::new();
        for e in old.elements() {
            if self.o2n.contains_key(&e.id) {
                continue;
            }
            let Some((s, t)) = ends(old, &e.id) else { continue };
            let (Some(s), Some(t)) = (self.o2n.get(&s), self.o2n.get(&t)) else { continue };
            olds.entry((e.data.kind(), s.clone(), t.clone())).or_default().push(e.id.clone());
        }
        if olds.is_empty() {
            return;
        }
        let mut news: BTreeMap<Key, Vec<ElementId>> = BTreeMap::new();
        for e in new.elements() {
            if self.n2o.contains_key(&e.id) {
                continue;
            }
            let Some((s, t)) = ends(new, &e.id) else { continue };
            news.entry((e.data.kind(), s, t)).or_default().push(e.id.clone());
        }
        for (key, os) in olds {
            if let Some(ns) = news.remove(&key) {
                for (o, n) in os.into_iter().zip(ns) {
                    self.pair(o, n);
                }
            }
        }
    }

    /// The matched elements related to `id` (through a connector: the connector's other end too),
    /// as ids of the new side, sorted.
    fn neighbours(&self, ws: &Workspace, id: &ElementId, is_old: bool) -> Vec<ElementId> {
        let map = |e: &ElementId| {
            if is_old { self.o2n.get(e).cloned() } else { self.n2o.contains_key(e).then(|| e.clone()) }
        };
        let mut out = Vec::new();
        for r in ws.relations_of(id) {
            let other = if &r.from == id { &r.to } else { &r.from };
            out.extend(map(other));
            // A connector touching `id`: the element at its other end.
            if matches!(r.kind, RelationKind::Source | RelationKind::Target) && &r.to == id {
                let far = if r.kind == RelationKind::Source { RelationKind::Target } else { RelationKind::Source };
                if let Some(end) = ws.container(&r.from, far) {
                    out.extend(map(&end));
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    fn by_neighbours(&mut self, old: &Workspace, new: &Workspace) {
        type Key = (String, Vec<ElementId>);
        let mut olds: HashMap<Key, Vec<ElementId>> = HashMap::new();
        for e in old.elements() {
            if self.o2n.contains_key(&e.id) || !e.data.label().trim().is_empty() {
                continue;
            }
            let around = self.neighbours(old, &e.id, true);
            if !around.is_empty() {
                olds.entry((type_of(&e.data), around)).or_default().push(e.id.clone());
            }
        }
        if olds.is_empty() {
            return;
        }
        let mut news: HashMap<Key, Vec<ElementId>> = HashMap::new();
        for e in new.elements() {
            if self.n2o.contains_key(&e.id) || !e.data.label().trim().is_empty() {
                continue;
            }
            let around = self.neighbours(new, &e.id, false);
            if !around.is_empty() {
                news.entry((type_of(&e.data), around)).or_default().push(e.id.clone());
            }
        }
        let mut pairs = Vec::new();
        for (key, os) in olds {
            if let (Some(ns), [o]) = (news.get(&key), os.as_slice())
                && let [n] = ns.as_slice()
            {
                pairs.push((o.clone(), n.clone()));
            }
        }
        pairs.sort();
        for (o, n) in pairs {
            self.pair(o, n);
        }
    }

    fn one_of(&mut self, old: &Workspace, new: &Workspace) {
        for &kind in ONE_OF {
            let os: Vec<_> = old.elements_of_kind(kind).filter(|e| !self.o2n.contains_key(&e.id)).collect();
            let ns: Vec<_> = new.elements_of_kind(kind).filter(|e| !self.n2o.contains_key(&e.id)).collect();
            if let ([o], [n]) = (os.as_slice(), ns.as_slice()) {
                let (o, n) = (o.id.clone(), n.id.clone());
                self.pair(o, n);
            }
        }
    }

    fn match_views(&mut self, old: &Workspace, new: &Workspace) {
        let mut unmatched_old: BTreeMap<(String, String), Vec<ViewId>> = BTreeMap::new();
        for v in old.views() {
            if new.view(&v.id).is_some() {
                self.views.insert(v.id.clone(), v.id.clone());
            } else {
                unmatched_old.entry((v.name.clone(), view_tag(v))).or_default().push(v.id.clone());
            }
        }
        for v in new.views() {
            if self.views.contains_key(&v.id) {
                continue;
            }
            let key = (v.name.clone(), view_tag(v));
            if unmatched_old.get(&key).is_some_and(|os| os.len() == 1)
                && let Some(mut os) = unmatched_old.remove(&key)
            {
                self.views.insert(v.id.clone(), os.remove(0));
            }
        }
    }
}

/// The kind of a view, without its settings.
fn view_tag(v: &View) -> String {
    match serde_json::to_value(&v.kind) {
        Ok(serde_json::Value::Object(o)) => o.get("type").and_then(|t| t.as_str()).unwrap_or_default().to_string(),
        _ => String::new(),
    }
}
