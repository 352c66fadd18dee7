//! The diagnosis kept current edit by edit: what the app shows after every keystroke that changes
//! the model, without diagnosing the whole workspace again.
//!
//! The graph is cut into process parts (elements joined by [`PART_RELATIONS`]: a process with its
//! lanes, flows and sub-processes, or a collaboration with its pools). A rule of [`Reach::Part`]
//! finds on a part what it finds on the whole workspace about that part, so after an edit only the
//! parts the edit touched (before and after it) are checked again, each on an [`Index`] of its own
//! elements. Rules of [`Reach::Workspace`] are checked again on the whole workspace, but only while
//! it holds an element of the kinds they are about (a workspace of imported processes has none).
//!
//! The full [`super::diagnosis`] stays the reference: `tests/live_diagnosis.rs` checks that this one
//! equals it after every edit of random edit sequences.

use rustc_hash::{FxHashMap, FxHashSet};

use super::index::Index;
use super::rule::{PART_RELATIONS, Reach, Rule};
use super::{Diagnosis, Finding, LintConfig, Severity, counts, rules, run};
use crate::element::ElementKind;
use crate::id::ElementId;
use crate::op::Changes;
use crate::workspace::Workspace;

/// The part of the findings of workspace-reach rules.
const WORKSPACE: u32 = u32::MAX;

/// A workspace's diagnosis, kept current by [`LiveDiagnosis::update`] after each change.
pub struct LiveDiagnosis {
    config: LintConfig,
    /// Each element's part and kind.
    known: FxHashMap<ElementId, (u32, ElementKind)>,
    /// The elements of each part.
    members: FxHashMap<u32, Vec<ElementId>>,
    next_part: u32,
    /// How many elements of each kind the workspace holds.
    kinds: FxHashMap<ElementKind, usize>,
    /// The findings with the part each is about, in the diagnosis's order.
    findings: Vec<(u32, Finding)>,
}

fn joins_part(kind: crate::relation::RelationKind) -> bool {
    PART_RELATIONS.contains(&kind)
}

/// The slots of the part holding `start`, in slot order (the graph's order, which rules follow).
fn part_of(ws: &Workspace, start: usize, seen: &mut FxHashSet<usize>) -> Vec<usize> {
    let mut part = vec![start];
    seen.insert(start);
    let mut i = 0;
    while i < part.len() {
        let at = part[i];
        i += 1;
        for (_, kind, from, to) in ws.relation_slots_of(at) {
            let other = if from == at { to } else { from };
            if joins_part(kind) && seen.insert(other) {
                part.push(other);
            }
        }
    }
    part.sort_unstable();
    part
}

fn order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    b.severity.cmp(&a.severity).then_with(|| a.rule.cmp(&b.rule)).then_with(|| a.elements.cmp(&b.elements))
}

impl LiveDiagnosis {
    /// The diagnosis of `ws` as it is (one full pass).
    pub fn new(ws: &Workspace) -> LiveDiagnosis {
        let mut live = LiveDiagnosis {
            config: ws.lint_config(),
            known: FxHashMap::default(),
            members: FxHashMap::default(),
            next_part: 0,
            kinds: FxHashMap::default(),
            findings: Vec::new(),
        };
        let mut seen = FxHashSet::default();
        let slots: Vec<usize> = ws.slotted().map(|(s, _)| s).collect();
        for s in slots {
            if !seen.contains(&s) {
                let part = part_of(ws, s, &mut seen);
                live.add_part(ws, &part);
            }
        }
        let index = Index::new(ws);
        for (rule, severity) in live.on(Reach::Part) {
            for f in run(&index, rule, severity) {
                let part = live.known.get(&f.elements[0]).map_or(WORKSPACE, |k| k.0);
                live.findings.push((part, f));
            }
        }
        live.check_workspace_rules(ws, Some(&index));
        for (_, f) in &mut live.findings {
            f.views = ws.views_showing(&f.elements[0]);
        }
        live.findings.sort_by(|a, b| order(&a.1, &b.1));
        live
    }

    /// Brings the diagnosis up to date after a change of `ws` that touched `changes` (an edit, an
    /// undo, a redo, someone else's edit of a team workspace).
    pub fn update(&mut self, ws: &Workspace, changes: &Changes) {
        if changes.is_empty() {
            return;
        }
        // A view added or removed changes where findings are shown, the settings (below) every
        // severity: both are rare, and diagnosed afresh.
        if !changes.views.is_empty() {
            *self = LiveDiagnosis::new(ws);
            return;
        }
        let mut touched: FxHashSet<&ElementId> = changes.elements.iter().collect();
        for key in &changes.relations {
            touched.insert(&key.from);
            touched.insert(&key.to);
        }
        touched.extend(changes.placements.iter().map(|(_, e)| e));
        let settings = |kind: Option<ElementKind>| kind == Some(ElementKind::LintSettings);
        if touched.iter().any(|id| settings(self.known.get(*id).map(|k| k.1)) || settings(ws.kind_of(id))) {
            *self = LiveDiagnosis::new(ws);
            return;
        }

        // Shapes only moved (or were placed or unplaced): the parts stay as they are, and only the
        // rules that read where shapes are drawn are checked again, on the parts holding them.
        if changes.elements.is_empty() && changes.relations.is_empty() {
            self.update_drawing(ws, &touched);
            return;
        }

        // The parts touched, as they were: forget them.
        let affected: FxHashSet<u32> = touched.iter().filter_map(|id| self.known.get(*id).map(|k| k.0)).collect();
        let mut again: Vec<ElementId> = touched.iter().map(|id| (*id).clone()).collect();
        for part in &affected {
            for id in self.members.remove(part).unwrap_or_default() {
                if let Some((_, kind)) = self.known.remove(&id) {
                    self.count(kind, -1);
                }
                again.push(id);
            }
        }
        // The parts now holding what was touched or was in a touched part.
        let mut seen = FxHashSet::default();
        let mut parts = Vec::new();
        for id in &again {
            if let Some(s) = ws.slot(id)
                && !seen.contains(&s)
            {
                let part = part_of(ws, s, &mut seen);
                parts.push((self.add_part(ws, &part), part));
            }
        }

        // Their findings, and the workspace rules' again.
        self.findings.retain(|(p, _)| !affected.contains(p) && *p != WORKSPACE);
        let part_rules = self.on(Reach::Part);
        let start = self.findings.len();
        for (id, slots) in &parts {
            let index = Index::of_slots(ws, slots);
            for &(rule, severity) in &part_rules {
                self.findings.extend(run(&index, rule, severity).map(|f| (*id, f)));
            }
        }
        self.check_workspace_rules(ws, None);
        for (_, f) in &mut self.findings[start..] {
            f.views = ws.views_showing(&f.elements[0]);
        }
        // Already in order but for what was just added: a stable sort merges it in.
        self.findings.sort_by(|a, b| order(&a.1, &b.1));
    }

    /// After a change of placements alone: the findings of [`Reach::Drawing`] rules about the parts
    /// holding `touched`, made again.
    fn update_drawing(&mut self, ws: &Workspace, touched: &FxHashSet<&ElementId>) {
        let mut affected: Vec<u32> = touched.iter().filter_map(|id| self.known.get(*id).map(|k| k.0)).collect();
        affected.sort_unstable();
        affected.dedup();
        // The rules turned on that read placements (a rule turned off has no findings to drop).
        let due: Vec<(&'static Rule, Severity)> =
            self.on(Reach::Part).into_iter().filter(|(r, _)| r.reach == Reach::Drawing).collect();
        self.findings.retain(|(p, f)| !(affected.contains(p) && due.iter().any(|(r, _)| r.id == f.rule)));
        // A shape placed in a view or taken out of one changes where the findings about it are shown.
        for (_, f) in &mut self.findings {
            if touched.contains(&f.elements[0]) {
                f.views = ws.views_showing(&f.elements[0]);
            }
        }
        let start = self.findings.len();
        for part in affected {
            let mut slots: Vec<usize> =
                self.members.get(&part).into_iter().flatten().filter_map(|id| ws.slot(id)).collect();
            slots.sort_unstable();
            let index = Index::of_slots(ws, &slots);
            for &(rule, severity) in &due {
                self.findings.extend(run(&index, rule, severity).map(|f| (part, f)));
            }
        }
        for (_, f) in &mut self.findings[start..] {
            f.views = ws.views_showing(&f.elements[0]);
        }
        // Already in order but for what was just added: a stable sort merges it in.
        self.findings.sort_by(|a, b| order(&a.1, &b.1));
    }

    /// The diagnosis now.
    pub fn diagnosis(&self) -> Diagnosis {
        let findings: Vec<Finding> = self.findings.iter().map(|(_, f)| f.clone()).collect();
        Diagnosis { counts: counts(&findings), findings, config: self.config.clone() }
    }

    /// The rules the settings turn on, with their severity: of part reach, or, for any
    /// `Reach::Workspace`, of workspace reach.
    fn on(&self, reach: Reach) -> Vec<(&'static Rule, Severity)> {
        let part = reach.of_part();
        rules()
            .filter(|r| r.reach.of_part() == part)
            .map(|r| (r, r.severity(&self.config)))
            .filter(|(_, severity)| *severity != Severity::Off)
            .collect()
    }

    /// Checks the workspace rules whose kinds the workspace holds (on `index`, or on a new index of
    /// the whole workspace if one is needed).
    fn check_workspace_rules<'a>(&mut self, ws: &'a Workspace, index: Option<&Index<'a>>) {
        let held = |kinds: &[ElementKind]| kinds.iter().any(|k| self.kinds.get(k).is_some_and(|&n| n > 0));
        let due: Vec<(&'static Rule, Severity)> = self
            .on(Reach::Workspace(&[]))
            .into_iter()
            .filter(|(r, _)| matches!(r.reach, Reach::Workspace(kinds) if held(kinds)))
            .collect();
        if due.is_empty() {
            return;
        }
        let built;
        let index = match index {
            Some(index) => index,
            None => {
                built = Index::new(ws);
                &built
            }
        };
        for (rule, severity) in due {
            self.findings.extend(run(index, rule, severity).map(|f| (WORKSPACE, f)));
        }
    }

    /// Records a part (slots from [`part_of`]); returns its number.
    fn add_part(&mut self, ws: &Workspace, slots: &[usize]) -> u32 {
        let id = self.next_part;
        self.next_part += 1;
        let mut members = Vec::with_capacity(slots.len());
        for &s in slots {
            let e = ws.at_slot(s).expect("a slot of the part");
            self.known.insert(e.id.clone(), (id, e.data.kind()));
            self.count(e.data.kind(), 1);
            members.push(e.id.clone());
        }
        self.members.insert(id, members);
        id
    }

    fn count(&mut self, kind: ElementKind, by: isize) {
        let n = self.kinds.entry(kind).or_default();
        *n = n.saturating_add_signed(by);
    }
}
