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

use crate::element::{Assessment, CsFunction, ElementData, ElementKind, Skill};
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
    pub skills: Vec<(&'a ElementId, &'a Skill)>,
    pub members: Vec<Member<'a>>,
    pub functions: Vec<Function<'a>>,
    /// What each role requires of its own: role → (skill index, level).
    pub role_requires: FxHashMap<&'a ElementId, Vec<(usize, u8)>>,
    /// The function of each role.
    pub role_function: FxHashMap<&'a ElementId, &'a ElementId>,
}

impl<'a> Team<'a> {
    /// The team as of `as_of` (a day: assessments made that day count), or as of the newest
    /// assessment.
    pub fn read(ws: &'a Workspace, as_of: Option<f64>) -> Team<'a> {
        let mut skills: Vec<(&ElementId, &Skill)> = ws
            .elements_of_kind(ElementKind::Skill)
            .filter_map(|e| match &e.data {
                ElementData::Skill(s) => Some((&e.id, &**s)),
                _ => None,
            })
            .collect();
        skills.sort_by(|a, b| {
            axis_rank(&a.1.axis)
                .cmp(&axis_rank(&b.1.axis))
                .then_with(|| a.1.axis.cmp(&b.1.axis))
                .then_with(|| a.1.position.cmp(&b.1.position))
                .then_with(|| a.1.name.ja.cmp(&b.1.name.ja))
                .then_with(|| a.0.cmp(b.0))
        });
        let skill_index: FxHashMap<&ElementId, usize> = skills.iter().enumerate().map(|(i, s)| (s.0, i)).collect();

        let mut role_function: FxHashMap<&ElementId, &ElementId> = FxHashMap::default();
        let mut functions: Vec<Function> = ws
            .elements_of_kind(ElementKind::OrgFunction)
            .map(|e| {
                let mut roles: Vec<&ElementId> = Vec::new();
                let mut headcount = 0.0;
                for r in ws.sources(&e.id, RelationKind::RoleIn) {
                    roles.push(&r.id);
                    role_function.insert(&r.id, &e.id);
                    if let ElementData::Role(role) = &r.data {
                        headcount += role.headcount.unwrap_or(0.0);
                    }
                }
                roles.sort();
                let function = match &e.data {
                    ElementData::OrgFunction(f) => f.function,
                    _ => None,
                };
                Function { id: &e.id, function, requires: Vec::new(), members: Vec::new(), headcount, roles }
            })
            .collect();
        functions.sort_by(|a, b| {
            let order = |f: &Function| f.function.map_or(CsFunction::ALL.len(), |g| g as usize);
            order(a).cmp(&order(b)).then_with(|| a.id.cmp(b.id))
        });
        let function_index: FxHashMap<&ElementId, usize> =
            functions.iter().enumerate().map(|(i, f)| (f.id, i)).collect();

        // Requirements.
        let mut role_requires: FxHashMap<&ElementId, Vec<(usize, u8)>> = FxHashMap::default();
        for e in ws.elements_of_kind(ElementKind::SkillRequirement) {
            let ElementData::SkillRequirement(r) = &e.data else { continue };
            let Some(skill) = ws.targets(&e.id, RelationKind::OnSkill).next().and_then(|s| skill_index.get(&s.id))
            else {
                continue;
            };
            let Some(holder) = ws.targets(&e.id, RelationKind::RequiredBy).next() else { continue };
            match function_index.get(&holder.id) {
                Some(&f) => functions[f].requires.push((*skill, r.level)),
                None => role_requires.entry(&holder.id).or_default().push((*skill, r.level)),
            }
        }
        for f in &mut functions {
            keep_highest(&mut f.requires);
        }
        for r in role_requires.values_mut() {
            keep_highest(r);
        }

        // People.
        let mut members: Vec<Member> = ws
            .elements_of_kind(ElementKind::TeamMember)
            .map(|e| {
                let name = match &e.data {
                    ElementData::TeamMember(m) => m.name.as_str(),
                    _ => "",
                };
                let mut roles: Vec<&ElementId> = ws.targets(&e.id, RelationKind::MemberOf).map(|r| &r.id).collect();
                roles.sort();
                let mut functions: Vec<&ElementId> =
                    roles.iter().filter_map(|r| role_function.get(r).copied()).collect();
                functions.sort();
                functions.dedup();
                Member { id: &e.id, name, roles, functions, standings: vec![Standing::default(); skills.len()] }
            })
            .collect();
        members.sort_by(|a, b| a.name.cmp(b.name).then_with(|| a.id.cmp(b.id)));
        let member_index: FxHashMap<&ElementId, usize> = members.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
        for (i, m) in members.iter().enumerate() {
            for f in &m.functions {
                if let Some(&fi) = function_index.get(f) {
                    functions[fi].members.push(i);
                }
            }
        }

        // Assessments: the latest on or before the date, per person and skill.
        let mut newest: Option<f64> = None;
        let assessments: Vec<(&ElementId, &Assessment)> = ws
            .elements_of_kind(ElementKind::Assessment)
            .filter_map(|e| match &e.data {
                ElementData::Assessment(a) => Some((&e.id, a)),
                _ => None,
            })
            .collect();
        for (_, a) in &assessments {
            newest = Some(newest.map_or(a.date, |n: f64| n.max(a.date)));
        }
        let as_of = as_of.or(newest);
        // The end of the day asked for: an assessment made that day counts.
        let limit = as_of.map(|d| (d / 86_400.0).floor() * 86_400.0 + 86_400.0);
        for (id, a) in assessments {
            if limit.is_some_and(|l| a.date >= l) {
                continue;
            }
            let Some(&m) = ws.targets(id, RelationKind::Assesses).next().and_then(|m| member_index.get(&m.id)) else {
                continue;
            };
            let Some(&s) = ws.targets(id, RelationKind::OnSkill).next().and_then(|s| skill_index.get(&s.id)) else {
                continue;
            };
            let slot = &mut members[m].standings[s].assessment;
            let newer = match slot {
                None => true,
                Some((oid, o)) => a.date > o.date || (a.date == o.date && id > *oid),
            };
            if newer {
                *slot = Some((id, a));
            }
        }
        Team { as_of, newest, skills, members, functions, role_requires, role_function }
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
        let member = &self.members[m];
        let from_roles = member
            .roles
            .iter()
            .filter_map(|r| self.role_requires.get(r))
            .flatten()
            .filter(|(k, _)| *k == s)
            .map(|(_, l)| *l);
        let from_functions = member
            .functions
            .iter()
            .filter_map(|f| self.functions.iter().find(|g| g.id == *f))
            .flat_map(|f| f.requires.iter())
            .filter(|(k, _)| *k == s)
            .map(|(_, l)| *l);
        from_roles.chain(from_functions).max().unwrap_or(0)
    }

    /// The function read for `id`, if adopted.
    pub fn function(&self, id: &ElementId) -> Option<&Function<'a>> {
        self.functions.iter().find(|f| f.id == id)
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
