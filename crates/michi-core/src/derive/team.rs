//! The team read back for the skill matrix: the capability model in order, the people with the
//! roles and functions they hold, each person's levels at a date, the levels each function and
//! role requires, and who meets each function's requirement. The skill matrix (`skills.rs`), the
//! playbook's and the org view's coverage marks and the diagnosis all read it from here.
//!
//! Definitions (the same everywhere):
//! - a person's level on a skill at a date is their latest assessment of it on or before that
//!   date; none is "not assessed" (level 0 for every comparison);
//! - a person **meets** a function's requirement when, on every skill the function requires, their
//!   level is at least the level required and the skill is not marked N/A for them;
//! - the level a person **needs** on a skill is the highest that any role they hold, or that
//!   role's function, requires.

use rustc_hash::FxHashMap;

use crate::element::{Assessment, CsFunction, Element, ElementData, ElementKind, Skill};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::workspace::Workspace;

/// A person's standing on one skill.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Standing<'a> {
    /// The assessment in force, and its id.
    pub assessment: Option<(&'a ElementId, &'a Assessment)>,
}

impl Standing<'_> {
    /// The level for comparisons: 0 when not assessed or N/A.
    pub fn level(&self) -> u8 {
        match self.assessment {
            Some((_, a)) if !a.not_applicable => a.current,
            _ => 0,
        }
    }

    pub fn not_applicable(&self) -> bool {
        self.assessment.is_some_and(|(_, a)| a.not_applicable)
    }
}

pub struct Member<'a> {
    pub id: &'a ElementId,
    pub name: &'a str,
    pub roles: Vec<&'a ElementId>,
    /// The functions of their roles (each once).
    pub functions: Vec<&'a ElementId>,
    /// One per skill of [`Team::skills`].
    pub standings: Vec<Standing<'a>>,
    /// One per skill: the level their roles and those roles' functions require (0: none).
    pub needs: Vec<u8>,
}

pub struct Function<'a> {
    pub id: &'a ElementId,
    pub function: Option<CsFunction>,
    /// (skill index, level), in the model's order.
    pub requires: Vec<(usize, u8)>,
    /// Indexes of [`Team::members`] holding a role in it.
    pub members: Vec<usize>,
    /// Full-time equivalents of its roles.
    pub headcount: f64,
    pub roles: Vec<&'a ElementId>,
}

pub struct Team<'a> {
    /// The matrix's date: the one asked for, else the newest assessment's.
    pub as_of: Option<f64>,
    /// The newest assessment in the workspace.
    pub newest: Option<f64>,
    /// Every day an assessment was made, ascending.
    pub days: Vec<f64>,
    pub skills: Vec<(&'a ElementId, &'a Skill)>,
    pub members: Vec<Member<'a>>,
    pub functions: Vec<Function<'a>>,
    /// What each role requires of its own: role → (skill index, level).
    pub role_requires: FxHashMap<&'a ElementId, Vec<(usize, u8)>>,
}

impl<'a> Team<'a> {
    /// The team as of `as_of` (a day: assessments made that day count), or as of the newest
    /// assessment.
    ///
    /// One pass over the elements and one over the relations; elements are told apart by their
    /// address in the graph (stable while `ws` is borrowed), so nothing is looked up by id.
    pub fn read(ws: &'a Workspace, as_of: Option<f64>) -> Team<'a> {
        let at = |e: &Element| std::ptr::from_ref(e) as usize;
        let mut skills: Vec<(&Element, &Skill)> = Vec::new();
        let mut function_elements: Vec<(&Element, Option<CsFunction>)> = Vec::new();
        let mut member_elements: Vec<(&Element, &str)> = Vec::new();
        let mut headcounts: FxHashMap<usize, f64> = FxHashMap::default();
        let mut newest: Option<f64> = None;
        let mut days: rustc_hash::FxHashSet<i64> = Default::default();
        for e in ws.elements() {
            match &e.data {
                ElementData::Skill(s) => skills.push((e, s)),
                ElementData::OrgFunction(f) => function_elements.push((e, f.function)),
                ElementData::TeamMember(m) => member_elements.push((e, m.name.as_str())),
                ElementData::Role(r) => {
                    headcounts.insert(at(e), r.headcount.unwrap_or(0.0));
                }
                ElementData::Assessment(a) => {
                    newest = Some(newest.map_or(a.date, |n: f64| n.max(a.date)));
                    days.insert((a.date / 86_400.0).floor() as i64);
                }
                _ => {}
            }
        }
        skills.sort_by(|a, b| {
            axis_rank(&a.1.axis)
                .cmp(&axis_rank(&b.1.axis))
                .then_with(|| a.1.axis.cmp(&b.1.axis))
                .then_with(|| a.1.position.cmp(&b.1.position))
                .then_with(|| a.1.name.ja.cmp(&b.1.name.ja))
                .then_with(|| a.0.id.cmp(&b.0.id))
        });
        let order = |f: Option<CsFunction>| f.map_or(CsFunction::ALL.len(), |g| g as usize);
        function_elements.sort_by(|a, b| order(a.1).cmp(&order(b.1)).then_with(|| a.0.id.cmp(&b.0.id)));
        member_elements.sort_by(|a, b| a.1.cmp(b.1).then_with(|| a.0.id.cmp(&b.0.id)));
        let skill_at: FxHashMap<usize, usize> = skills.iter().enumerate().map(|(i, s)| (at(s.0), i)).collect();
        let function_at: FxHashMap<usize, usize> =
            function_elements.iter().enumerate().map(|(i, f)| (at(f.0), i)).collect();
        let member_at: FxHashMap<usize, usize> =
            member_elements.iter().enumerate().map(|(i, m)| (at(m.0), i)).collect();

        let mut functions: Vec<Function> = function_elements
            .iter()
            .map(|(e, function)| Function {
                id: &e.id,
                function: *function,
                requires: Vec::new(),
                members: Vec::new(),
                headcount: 0.0,
                roles: Vec::new(),
            })
            .collect();
        let mut role_index: FxHashMap<usize, usize> = FxHashMap::default();
        let mut member_roles: Vec<Vec<&Element>> = vec![Vec::new(); member_elements.len()];
        // Assessment and requirement → (member, skill, holder) as the relations say.
        let mut assessed: FxHashMap<usize, (&Element, Option<usize>, Option<usize>)> = FxHashMap::default();
        let mut required: FxHashMap<usize, (&Element, Option<usize>, Option<&Element>)> = FxHashMap::default();
        for (kind, from, to) in ws.relation_elements() {
            match kind {
                RelationKind::RoleIn => {
                    if let Some(&f) = function_at.get(&at(to)) {
                        functions[f].roles.push(&from.id);
                        functions[f].headcount += headcounts.get(&at(from)).copied().unwrap_or(0.0);
                        role_index.insert(at(from), f);
                    }
                }
                RelationKind::MemberOf => {
                    if let Some(&m) = member_at.get(&at(from)) {
                        member_roles[m].push(to);
                    }
                }
                RelationKind::Assesses => {
                    assessed.entry(at(from)).or_insert((from, None, None)).1 = member_at.get(&at(to)).copied();
                }
                RelationKind::OnSkill => {
                    let skill = skill_at.get(&at(to)).copied();
                    match from.data.kind() {
                        ElementKind::Assessment => assessed.entry(at(from)).or_insert((from, None, None)).2 = skill,
                        _ => required.entry(at(from)).or_insert((from, None, None)).1 = skill,
                    }
                }
                RelationKind::RequiredBy => {
                    required.entry(at(from)).or_insert((from, None, None)).2 = Some(to);
                }
                _ => {}
            }
        }

        // Requirements.
        let mut role_requires: FxHashMap<&ElementId, Vec<(usize, u8)>> = FxHashMap::default();
        for (e, skill, holder) in required.into_values() {
            let (ElementData::SkillRequirement(r), Some(skill), Some(holder)) = (&e.data, skill, holder) else {
                continue;
            };
            match function_at.get(&at(holder)) {
                Some(&f) => functions[f].requires.push((skill, r.level)),
                None => role_requires.entry(&holder.id).or_default().push((skill, r.level)),
            }
        }
        for f in &mut functions {
            keep_highest(&mut f.requires);
            f.roles.sort();
        }
        for r in role_requires.values_mut() {
            keep_highest(r);
        }

        // People, with their roles, functions and what those need of them.
        let mut members: Vec<Member> = member_elements
            .iter()
            .zip(member_roles)
            .enumerate()
            .map(|(i, ((e, name), roles))| {
                let mut function_indexes: Vec<usize> =
                    roles.iter().filter_map(|r| role_index.get(&at(r)).copied()).collect();
                function_indexes.sort_unstable();
                function_indexes.dedup();
                for &f in &function_indexes {
                    functions[f].members.push(i);
                }
                let mut needs = vec![0u8; skills.len()];
                let from_roles = roles.iter().filter_map(|r| role_requires.get(&r.id)).flatten();
                let from_functions = function_indexes.iter().flat_map(|&f| functions[f].requires.iter());
                for &(s, level) in from_roles.chain(from_functions) {
                    needs[s] = needs[s].max(level);
                }
                let mut roles: Vec<&ElementId> = roles.iter().map(|r| &r.id).collect();
                roles.sort();
                let mut function_ids: Vec<&ElementId> = function_indexes.iter().map(|&f| functions[f].id).collect();
                function_ids.sort();
                Member {
                    id: &e.id,
                    name,
                    roles,
                    functions: function_ids,
                    standings: vec![Standing::default(); skills.len()],
                    needs,
                }
            })
            .collect();

        // Assessments: the latest on or before the date, per person and skill.
        let as_of = as_of.or(newest);
        // The end of the day asked for: an assessment made that day counts.
        let limit = as_of.map(|d| (d / 86_400.0).floor() * 86_400.0 + 86_400.0);
        for (e, member, skill) in assessed.into_values() {
            let (ElementData::Assessment(a), Some(m), Some(s)) = (&e.data, member, skill) else { continue };
            if limit.is_some_and(|l| a.date >= l) {
                continue;
            }
            let slot = &mut members[m].standings[s].assessment;
            let newer = match slot {
                None => true,
                Some((oid, o)) => a.date > o.date || (a.date == o.date && &e.id > *oid),
            };
            if newer {
                *slot = Some((&e.id, a));
            }
        }
        let skills = skills.into_iter().map(|(e, s)| (&e.id, s)).collect();
        let mut days: Vec<f64> = days.into_iter().map(|d| d as f64 * 86_400.0).collect();
        days.sort_by(f64::total_cmp);
        Team { as_of, newest, days, skills, members, functions, role_requires }
    }

    /// Whether member `m` meets function `f`'s requirement.
    pub fn meets(&self, m: usize, f: &Function) -> bool {
        let member = &self.members[m];
        f.requires.iter().all(|&(s, level)| {
            let st = &member.standings[s];
            !st.not_applicable() && st.level() >= level
        })
    }

    /// The members of `f` who meet its requirement (all of them when it requires nothing).
    pub fn qualified(&self, f: &Function) -> Vec<usize> {
        f.members.iter().copied().filter(|&m| self.meets(m, f)).collect()
    }

    /// The level member `m` needs on skill `s`: the highest their roles and those roles'
    /// functions require (0: none).
    pub fn needed(&self, m: usize, s: usize) -> u8 {
        self.members[m].needs[s]
    }
}

/// Built-in axes first (CS, then domain), then the company's own.
fn axis_rank(axis: &str) -> u8 {
    match axis {
        crate::element::AXIS_CS => 0,
        crate::element::AXIS_DOMAIN => 1,
        _ => 2,
    }
}

/// One entry per skill, the highest level, in skill order.
fn keep_highest(reqs: &mut Vec<(usize, u8)>) {
    reqs.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    reqs.dedup_by_key(|r| r.0);
}

/// How many people meet each adopted function's requirement, when the workspace has a team (none:
/// the skill matrix is not in use, and nothing is marked).
pub fn qualified_counts(ws: &Workspace) -> Option<FxHashMap<ElementId, usize>> {
    ws.elements_of_kind(ElementKind::TeamMember).next()?;
    let team = Team::read(ws, None);
    Some(team.functions.iter().map(|f| (f.id.clone(), team.qualified(f).len())).collect())
}
