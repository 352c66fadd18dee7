//! Skill matrix edits: the default capability model, people, dated assessments, requirements, and
//! assessments imported from a file.

use std::collections::{HashMap, HashSet};

use super::intent::{AssessmentImport, EditError};
use super::shared::{New, expect_kind, relate};
use crate::element::{Assessment, CsFunction, ElementData, ElementKind, SkillRequirement, TeamMember, default_model};
use crate::id::ElementId;
use crate::op::{Op, OpError};
use crate::relation::RelationKind;
use crate::workspace::Workspace;

/// The skills of the default model not yet in the workspace (by key), and the default
/// requirements of every adopted function of the method that requires nothing yet.
pub(super) fn seed(ws: &Workspace, new: &mut New) -> Vec<Op> {
    let model = default_model();
    let mut by_key: HashMap<String, ElementId> = skills_by_key(ws);
    let mut ops = Vec::new();
    let last = ws
        .elements_of_kind(ElementKind::Skill)
        .filter_map(|e| match &e.data {
            ElementData::Skill(s) => Some(s.position),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    for skill in &model.skills {
        if by_key.contains_key(&skill.key) {
            continue;
        }
        let mut skill = skill.clone();
        skill.position += last;
        let key = skill.key.clone();
        let element = new.element(ElementData::Skill(Box::new(skill)));
        by_key.insert(key, element.id.clone());
        ops.push(Op::AddElement { element });
    }
    for f in ws.elements_of_kind(ElementKind::OrgFunction) {
        let ElementData::OrgFunction(of) = &f.data else { continue };
        let Some(function) = of.function else { continue };
        if ws.sources(&f.id, RelationKind::RequiredBy).next().is_some() {
            continue;
        }
        ops.extend(default_requirements(new, &by_key, &f.id, function));
    }
    ops
}

/// The default requirements of `function`, for `holder`, on the skills found by key.
pub(super) fn default_requirements(
    new: &mut New,
    by_key: &HashMap<String, ElementId>,
    holder: &ElementId,
    function: CsFunction,
) -> Vec<Op> {
    let mut ops = Vec::new();
    for (key, level) in default_model().required_by(function) {
        let Some(skill) = by_key.get(key) else { continue };
        let req = new.element(ElementData::SkillRequirement(SkillRequirement { level: *level }));
        let id = req.id.clone();
        ops.push(Op::AddElement { element: req });
        ops.push(relate(RelationKind::OnSkill, &id, skill));
        ops.push(relate(RelationKind::RequiredBy, &id, holder));
    }
    ops
}

/// The skills that carry a key, by key.
pub(super) fn skills_by_key(ws: &Workspace) -> HashMap<String, ElementId> {
    ws.elements_of_kind(ElementKind::Skill)
        .filter_map(|e| match &e.data {
            ElementData::Skill(s) if !s.key.is_empty() => Some((s.key.clone(), e.id.clone())),
            _ => None,
        })
        .collect()
}

pub(super) fn add_member(
    ws: &Workspace,
    new: &mut New,
    name: String,
    roles: Vec<ElementId>,
) -> Result<Vec<Op>, EditError> {
    for role in &roles {
        expect_kind(ws, role, ElementKind::Role)?;
    }
    let member =
        new.element(ElementData::TeamMember(TeamMember { name: name.trim().to_string(), note: String::new() }));
    let id = member.id.clone();
    let mut ops = vec![Op::AddElement { element: member }];
    let unique: HashSet<&ElementId> = roles.iter().collect();
    let mut unique: Vec<&ElementId> = unique.into_iter().collect();
    unique.sort();
    ops.extend(unique.into_iter().map(|role| relate(RelationKind::MemberOf, &id, role)));
    Ok(ops)
}

/// The assessment of `member` on `skill` made the same day as `date`, if any.
fn same_day(ws: &Workspace, member: &ElementId, skill: &ElementId, date: f64) -> Option<ElementId> {
    let day = (date / 86_400.0).floor();
    ws.sources(member, RelationKind::Assesses)
        .filter(|a| matches!(&a.data, ElementData::Assessment(x) if (x.date / 86_400.0).floor() == day))
        .find(|a| ws.targets(&a.id, RelationKind::OnSkill).any(|s| &s.id == skill))
        .map(|a| a.id.clone())
}

pub(super) fn assess(
    ws: &Workspace,
    new: &mut New,
    member: ElementId,
    skill: ElementId,
    assessment: Assessment,
) -> Result<Vec<Op>, EditError> {
    expect_kind(ws, &member, ElementKind::TeamMember)?;
    expect_kind(ws, &skill, ElementKind::Skill)?;
    let date = assessment.date;
    let data = ElementData::Assessment(assessment);
    if let Some(id) = same_day(ws, &member, &skill, date) {
        return Ok(vec![Op::SetElement { id, data }]);
    }
    let element = new.element(data);
    let id = element.id.clone();
    Ok(vec![
        Op::AddElement { element },
        relate(RelationKind::Assesses, &id, &member),
        relate(RelationKind::OnSkill, &id, &skill),
    ])
}

pub(super) fn set_requirement(
    ws: &Workspace,
    new: &mut New,
    holder: ElementId,
    skill: ElementId,
    level: Option<u8>,
) -> Result<Vec<Op>, EditError> {
    let kind = ws.kind_of(&holder).ok_or_else(|| OpError::UnknownElement(holder.clone()))?;
    if !matches!(kind, ElementKind::OrgFunction | ElementKind::Role) {
        return Err(EditError::WrongKind { id: holder, expected: ElementKind::OrgFunction, found: kind });
    }
    expect_kind(ws, &skill, ElementKind::Skill)?;
    let existing: Vec<ElementId> = ws
        .sources(&holder, RelationKind::RequiredBy)
        .filter(|r| ws.targets(&r.id, RelationKind::OnSkill).any(|s| s.id == skill))
        .map(|r| r.id.clone())
        .collect();
    let Some(level) = level else {
        return if existing.is_empty() { Ok(Vec::new()) } else { super::elements::deletion(ws, existing) };
    };
    let data = ElementData::SkillRequirement(SkillRequirement { level });
    if let Some(id) = existing.into_iter().next() {
        return Ok(vec![Op::SetElement { id, data }]);
    }
    let element = new.element(data);
    let id = element.id.clone();
    Ok(vec![
        Op::AddElement { element },
        relate(RelationKind::OnSkill, &id, &skill),
        relate(RelationKind::RequiredBy, &id, &holder),
    ])
}

/// Rows of a file: one step, refused whole when one row is (the row is named in the error).
pub(super) fn import(ws: &Workspace, new: &mut New, rows: Vec<AssessmentImport>) -> Result<Vec<Op>, EditError> {
    let mut members: HashMap<String, ElementId> = ws
        .elements_of_kind(ElementKind::TeamMember)
        .filter_map(|e| match &e.data {
            ElementData::TeamMember(m) => Some((m.name.trim().to_string(), e.id.clone())),
            _ => None,
        })
        .collect();
    let mut held: HashSet<(ElementId, ElementId)> = HashSet::new();
    // (member, skill, day) → the assessment written for it in this import.
    let mut written: HashMap<(ElementId, ElementId, i64), usize> = HashMap::new();
    let mut ops: Vec<Op> = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        let invalid = |reason: String| EditError::BadRow { row: i + 1, reason };
        expect_kind(ws, &row.skill, ElementKind::Skill)?;
        let data = ElementData::Assessment(row.assessment);
        data.check().map_err(invalid)?;
        let name = row.member.trim().to_string();
        if name.is_empty() {
            return Err(invalid("a person needs a name".into()));
        }
        let member = match members.get(&name) {
            Some(id) => id.clone(),
            None => {
                let element =
                    new.element(ElementData::TeamMember(TeamMember { name: name.clone(), note: String::new() }));
                let id = element.id.clone();
                ops.push(Op::AddElement { element });
                members.insert(name, id.clone());
                id
            }
        };
        for role in row.roles {
            expect_kind(ws, &role, ElementKind::Role)?;
            let exists = ws.targets(&member, RelationKind::MemberOf).any(|r| r.id == role);
            if !exists && held.insert((member.clone(), role.clone())) {
                ops.push(relate(RelationKind::MemberOf, &member, &role));
            }
        }
        let ElementData::Assessment(a) = &data else { unreachable!() };
        let day = (a.date / 86_400.0).floor() as i64;
        if let Some(&at) = written.get(&(member.clone(), row.skill.clone(), day)) {
            // The file says it twice: the later row wins.
            match &mut ops[at] {
                Op::AddElement { element } => element.data = data,
                Op::SetElement { data: d, .. } => *d = data,
                _ => unreachable!("written points at the assessment's op"),
            }
            continue;
        }
        written.insert((member.clone(), row.skill.clone(), day), ops.len());
        if ws.contains(&member)
            && let Some(id) = same_day(ws, &member, &row.skill, a.date)
        {
            ops.push(Op::SetElement { id, data });
            continue;
        }
        let element = new.element(data);
        let id = element.id.clone();
        ops.push(Op::AddElement { element });
        ops.push(relate(RelationKind::Assesses, &id, &member));
        ops.push(relate(RelationKind::OnSkill, &id, &row.skill));
    }
    Ok(ops)
}
