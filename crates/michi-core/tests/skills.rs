//! The skill matrix on a hand-checked team: the sample's account managers against Account
//! Management's default requirement (stakeholder 3, risk 3, expansion 3, renewal 3, health 2).
//!
//! | person    | stakeholder | risk | expansion | renewal | health            |
//! |-----------|-------------|------|-----------|---------|-------------------|
//! | 佐藤 美咲 | 4           | 3    | 3         | 4       | 3                 |
//! | 鈴木 健太 | 3           | 2    | 3         | 3       | 2                 |
//! | 高橋 綾   | 2           | 2    | 2         | 2       | 1 (2025-06-20)    |
//!
//! Only 佐藤 meets it; the role's headcount is 3, so two are short. 鈴木 is one level short on
//! risk, 高橋 one level short on all five: both are within reach, so the call is to train them.

use michi_core::derive::evidence::parse_iso_date;
use michi_core::derive::skills::{self, StaffingCall};
use michi_core::diagnose::{self, LintConfig};
use michi_core::edit::AssessmentImport;
use michi_core::element::{Assessment, Catalog, ElementData, ElementKind};
use michi_core::{Edit, EditError, ElementId, IdGen, Workspace, apply, perform, sample};

struct Team {
    ws: Workspace,
    ids: IdGen,
}

impl Team {
    fn new() -> Team {
        Team { ws: sample::sample(), ids: IdGen::sequential_from(100_000) }
    }

    fn run(&mut self, edit: Edit) -> Result<michi_core::edit::Performed, EditError> {
        perform(&mut self.ws, edit, &mut self.ids)
    }

    fn member(&self, name: &str) -> ElementId {
        self.ws
            .elements_of_kind(ElementKind::TeamMember)
            .find(|e| e.data.label() == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .id
            .clone()
    }

    fn skill(&self, key: &str) -> ElementId {
        self.ws
            .elements_of_kind(ElementKind::Skill)
            .find(|e| matches!(&e.data, ElementData::Skill(s) if s.key == key))
            .unwrap()
            .id
            .clone()
    }

    fn assess(&mut self, name: &str, key: &str, date: &str, current: u8, target: Option<u8>) {
        let (member, skill) = (self.member(name), self.skill(key));
        let assessment = Assessment { date: day(date), current, target, ..Default::default() };
        self.run(Edit::Assess { member, skill, assessment: Box::new(assessment) }).unwrap();
    }

    fn findings(&self, rule: &str) -> Vec<diagnose::Finding> {
        diagnose::diagnose(&self.ws, &LintConfig::default()).into_iter().filter(|f| f.rule == rule).collect()
    }

    fn names(&self, ids: &[ElementId]) -> Vec<String> {
        ids.iter().map(|id| self.ws.data(id).unwrap().label().to_string()).collect()
    }
}

fn day(s: &str) -> f64 {
    parse_iso_date(s).unwrap()
}

#[test]
fn the_sample_team_is_short_two_account_managers_and_should_train_them() {
    let t = Team::new();
    let m = skills::matrix(&t.ws, None);
    assert_eq!(m.as_of, Some(day("2026-10-15")));
    assert_eq!(m.skills.len(), 16, "the default model: 14 CS elements and 2 of the field");
    assert_eq!(m.skills[0].group_name.as_ref().unwrap().en, "Insights & Actions");
    assert_eq!(m.axes.iter().map(|a| a.axis.as_str()).collect::<Vec<_>>(), ["cs", "domain"]);
    assert_eq!(m.people.len(), 4);
    assert_eq!(m.functions.len(), 1);
    let am = &m.functions[0];
    assert_eq!(am.name.en, "Account management");
    let required: Vec<(&str, u8, u32, u32)> =
        am.requires.iter().map(|r| (r.name.en.as_str(), r.level, r.meeting, r.levels_short)).collect();
    assert_eq!(
        required,
        [
            ("Health monitoring", 2, 2, 1),
            ("Stakeholder alignment", 3, 2, 1),
            ("Risk escalation", 3, 1, 2),
            ("Expansion", 3, 2, 1),
            ("Renewal", 3, 2, 1),
        ]
    );
    assert_eq!(t.names(&am.qualified), ["佐藤 美咲"]);
    assert_eq!((am.needed, am.short, am.levels_short), (3, 2, 6));
    assert_eq!(am.call, StaffingCall::Train);
    assert_eq!(t.names(&am.train), ["鈴木 健太", "高橋 綾"], "the nearest first");
    assert_eq!(am.hire, 0);
    assert!(am.marked, "one qualified is fewer than two");

    // Every play Account Management owns is marked; plays of stages it does not own are not listed.
    assert!(!m.plays.is_empty());
    assert!(m.plays.iter().all(|p| p.marked && p.qualified == 1 && p.owner.id == am.function.id));
    assert!(m.plays.iter().all(|p| p.stage.name != "オンボーディング"));

    // 鈴木's plan starts with what the role needs: risk, 2 → 3, with the level's evidence.
    let suzuki = m.people.iter().find(|p| p.person.name == "鈴木 健太").unwrap();
    let first = &suzuki.plan[0];
    let skill = &m.skills[first.skill as usize];
    assert_eq!((skill.name.en.as_str(), first.current, first.next, first.required), ("Risk escalation", 2, 3, true));
    assert_eq!(skill.levels[usize::from(first.next) - 1].evidence.en, "An account judged high-risk renewed");
    // His page: the history of each skill, newest first, with who assessed and what was seen.
    let page = skills::person(&t.ws, &m, &suzuki.person.id).unwrap();
    let risk_history: Vec<(u8, &str)> =
        page.history[first.skill as usize].iter().map(|a| (a.current, a.evidence.as_str())).collect();
    assert_eq!(risk_history, [(2, "解約の兆しを報告し打ち手を実行"), (1, "")]);
    assert!(page.history[first.skill as usize].iter().all(|a| a.assessor == "山本 部長"));
    // The cell against the role's need.
    let risk = m.skills.iter().position(|s| s.key == "risk").unwrap();
    assert_eq!((suzuki.cells[risk].current, suzuki.cells[risk].needed), (Some(2), 3));
    // A role's own requirement adds to its function's: the account managers also need
    // onboarding 2, which 高橋 has not been assessed on.
    let role = m.roles[0].role.id.clone();
    let mut t2 = Team::new();
    let onboarding = t2.skill("onboarding");
    t2.run(Edit::SetRequirement { holder: role.clone(), skill: onboarding, level: Some(2) }).unwrap();
    let m2 = skills::matrix(&t2.ws, None);
    assert_eq!(m2.roles[0].requires.len(), 1);
    let at = m2.skills.iter().position(|s| s.key == "onboarding").unwrap();
    let takahashi = m2.people.iter().find(|p| p.person.name == "高橋 綾").unwrap();
    assert_eq!((takahashi.cells[at].current, takahashi.cells[at].needed), (None, 2));
    assert!(takahashi.plan.iter().any(|g| g.skill as usize == at && g.required && g.next == 1));
    // …but not to who meets the function's requirement.
    assert_eq!(m2.functions[0].qualified.len(), 1);
    // 田中 holds no role: nothing is needed of him, his plan follows his targets only.
    let tanaka = m.people.iter().find(|p| p.person.name == "田中 誠").unwrap();
    assert!(tanaka.plan.iter().all(|g| !g.required));
    assert!(tanaka.meets.is_empty() && tanaka.functions.is_empty());

    // The diagnosis: the plays short of people (one finding per stage), the stale assessment.
    let covered = t.findings("play-covered");
    assert_eq!(covered.len(), 3, "adoption, expansion and renewal: {covered:#?}");
    assert!(covered[0].message.en.contains("only 1 meet"));
    assert_eq!(t.findings("function-qualified").len(), 0, "佐藤 meets it");
}

#[test]
fn raising_a_level_clears_the_marks_and_the_call_follows() {
    let mut t = Team::new();
    t.assess("鈴木 健太", "risk", "2026-11-20", 3, Some(4));
    let m = skills::matrix(&t.ws, None);
    assert_eq!(m.as_of, Some(day("2026-11-20")));
    let am = &m.functions[0];
    assert_eq!(t.names(&am.qualified), ["佐藤 美咲", "鈴木 健太"]);
    assert_eq!((am.short, am.call), (1, StaffingCall::Train));
    assert_eq!(t.names(&am.train), ["高橋 綾"]);
    assert!(!am.marked);
    assert!(m.plays.iter().all(|p| !p.marked && p.qualified == 2));
    assert!(t.findings("play-covered").is_empty());
    // The playbook's own plays say so too.
    let journey = t.ws.elements_of_kind(ElementKind::Journey).next().unwrap().id.clone();
    let pb = michi_core::derive::playbook::playbook(&t.ws, &journey).unwrap();
    let covered: Vec<_> = pb.stages.iter().flat_map(|s| &s.plays).filter_map(|p| p.coverage.as_ref()).collect();
    assert!(!covered.is_empty() && covered.iter().all(|c| c.qualified == 2 && !c.marked));

    // The same day again replaces that day's assessment instead of adding one.
    let before = t.ws.elements_of_kind(ElementKind::Assessment).count();
    t.assess("鈴木 健太", "risk", "2026-11-20", 2, Some(4));
    assert_eq!(t.ws.elements_of_kind(ElementKind::Assessment).count(), before);
    assert!(skills::matrix(&t.ws, None).functions[0].marked);
}

#[test]
fn train_or_hire_depends_on_how_far_the_people_are() {
    let mut t = Team::new();
    // 高橋 two levels short on risk: out of reach; 鈴木 still within reach.
    t.assess("高橋 綾", "risk", "2026-10-16", 1, Some(3));
    let am = skills::matrix(&t.ws, None).functions.remove(0);
    assert_eq!((am.call, am.hire), (StaffingCall::TrainAndHire, 1));
    assert_eq!(t.names(&am.train), ["鈴木 健太"]);
    // Both out of reach: hire two.
    t.assess("鈴木 健太", "risk", "2026-10-16", 1, Some(3));
    let am = skills::matrix(&t.ws, None).functions.remove(0);
    assert_eq!((am.call, am.hire, am.train.len()), (StaffingCall::Hire, 2, 0));
    // N/A on a required skill is never within reach, and never meets.
    t.run(Edit::Assess {
        member: t.member("佐藤 美咲"),
        skill: t.skill("risk"),
        assessment: Box::new(Assessment {
            date: day("2026-10-17"),
            current: 5,
            not_applicable: true,
            ..Default::default()
        }),
    })
    .unwrap();
    let m = skills::matrix(&t.ws, None);
    assert!(m.functions[0].qualified.is_empty());
    assert_eq!(t.findings("function-qualified").len(), 1, "nobody in the team meets Account Management");
    // A role needing nothing of a function that requires nothing: nothing required.
    let function = m.functions[0].function.id.clone();
    for r in m.functions[0].requires.clone() {
        t.run(Edit::SetRequirement { holder: function.clone(), skill: r.skill, level: None }).unwrap();
    }
    let am = skills::matrix(&t.ws, None).functions.remove(0);
    assert_eq!((am.call, am.marked, am.qualified.len()), (StaffingCall::NothingRequired, false, 3));
    assert!(t.findings("function-qualified").is_empty());
}

#[test]
fn the_matrix_has_a_history_and_two_dates_compare() {
    let t = Team::new();
    let spring = skills::matrix(&t.ws, Some(day("2026-05-01")));
    let sato = spring.people.iter().find(|p| p.person.name == "佐藤 美咲").unwrap();
    let stakeholder = spring.skills.iter().position(|s| s.key == "stakeholder").unwrap();
    assert_eq!(sato.cells[stakeholder].current, Some(3));
    let renewal = spring.skills.iter().position(|s| s.key == "renewal").unwrap();
    assert_eq!(sato.cells[renewal].current, None, "not assessed yet in May");
    assert_eq!(spring.dates, [day("2025-06-20"), day("2026-04-01"), day("2026-10-15")]);

    let changes = skills::compare(&t.ws, day("2026-05-01"), day("2026-10-15"));
    let sato_stakeholder =
        changes.iter().find(|c| c.person.name == "佐藤 美咲" && c.name.en == "Stakeholder alignment");
    let c = sato_stakeholder.unwrap();
    assert_eq!((c.from, c.to, c.from_target, c.to_target), (Some(3), Some(4), Some(4), Some(5)));
    let suzuki_risk = changes.iter().find(|c| c.person.name == "鈴木 健太" && c.name.en == "Risk escalation").unwrap();
    assert_eq!((suzuki_risk.from, suzuki_risk.to), (Some(1), Some(2)));
    // 高橋's health was assessed in 2025: the same on both dates.
    assert!(!changes.iter().any(|c| c.person.name == "高橋 綾" && c.name.en == "Health monitoring"));
    assert!(skills::compare(&t.ws, day("2026-10-15"), day("2026-10-15")).is_empty());
}

#[test]
fn stale_assessments_and_targets_below_the_level_are_found() {
    let mut t = Team::new();
    // 高橋's health assessment (2025-06-20) is 482 days before the newest (2026-10-15).
    let stale = t.findings("assessment-fresh");
    assert_eq!(stale.len(), 1);
    assert!(stale[0].message.en.contains("高橋 綾's assessment of \"Health monitoring\" (2025-06-20)"));
    let m = skills::matrix(&t.ws, None);
    let health = m.skills.iter().position(|s| s.key == "health").unwrap();
    assert!(m.people.iter().find(|p| p.person.name == "高橋 綾").unwrap().cells[health].stale);
    // A longer age, set in the catalog: not stale any more.
    let mut catalog = Catalog::default();
    catalog.skills.stale_after_days = 500;
    t.run(Edit::SetCatalog { catalog: catalog.clone() }).unwrap();
    assert!(t.findings("assessment-fresh").is_empty());
    let mut nobody = catalog;
    nobody.skills.min_qualified = 0;
    let refused = t.run(Edit::SetCatalog { catalog: nobody }).unwrap_err();
    assert!(refused.to_string().contains("1 or more, not 0"), "{refused}");

    assert!(t.findings("target-above-current").is_empty());
    t.assess("田中 誠", "adoption", "2026-10-16", 3, Some(2));
    let below = t.findings("target-above-current");
    assert_eq!(below.len(), 1);
    assert!(below[0].message.ja.contains("田中 誠さんの「活用支援」の目標 2 が今のレベル 3 より低い"));
}

#[test]
fn an_import_is_one_step_all_or_nothing_and_people_are_found_by_name() {
    let mut t = Team::new();
    let before = t.ws.clone();
    let role = t.ws.elements_of_kind(ElementKind::Role).next().unwrap().id.clone();
    let a = |current: u8| Assessment { date: day("2026-11-01"), current, target: Some(4), ..Default::default() };
    let rows = vec![
        AssessmentImport { member: "鈴木 健太".into(), roles: vec![], skill: t.skill("risk"), assessment: a(3) },
        AssessmentImport {
            member: "伊藤 花".into(),
            roles: vec![role.clone()],
            skill: t.skill("renewal"),
            assessment: a(2),
        },
        // The file says the same twice: the later row wins.
        AssessmentImport {
            member: "伊藤 花".into(),
            roles: vec![role.clone()],
            skill: t.skill("renewal"),
            assessment: a(3),
        },
    ];
    let mut bad = rows.clone();
    bad.push(AssessmentImport { member: "伊藤 花".into(), roles: vec![], skill: t.skill("risk"), assessment: a(9) });
    let err = t.run(Edit::ImportAssessments { rows: bad }).unwrap_err();
    assert_eq!(err.to_string(), "row 4: a current level is a level from 0 to 5, not 9");
    assert_eq!(t.ws, before, "nothing of a refused import stays");

    let done = t.run(Edit::ImportAssessments { rows }).unwrap();
    let m = skills::matrix(&t.ws, None);
    assert_eq!(m.people.len(), 5, "伊藤 added once");
    let ito = m.people.iter().find(|p| p.person.name == "伊藤 花").unwrap();
    assert_eq!(ito.roles, [role]);
    let renewal = m.skills.iter().position(|s| s.key == "renewal").unwrap();
    assert_eq!(ito.cells[renewal].current, Some(3));
    assert_eq!(m.functions[0].members.len(), 4);
    assert_eq!(t.names(&m.functions[0].qualified), ["佐藤 美咲", "鈴木 健太"]);
    // One undo step takes it all back.
    apply(&mut t.ws, done.inverse).unwrap();
    assert_eq!(t.ws, before);
}

#[test]
fn the_default_model_is_added_once_and_deletions_take_what_belongs() {
    let mut t = Team::new();
    let skills_before = t.ws.elements_of_kind(ElementKind::Skill).count();
    let again = t.run(Edit::SeedSkills {}).unwrap();
    assert!(again.created.is_empty(), "nothing to add twice");
    assert_eq!(t.ws.elements_of_kind(ElementKind::Skill).count(), skills_before);

    // Deleting a skill deletes its assessments and requirements; deleting a person theirs.
    let risk = t.skill("risk");
    let assessments = t.ws.elements_of_kind(ElementKind::Assessment).count();
    t.run(Edit::Delete { ids: vec![risk] }).unwrap();
    assert_eq!(t.ws.elements_of_kind(ElementKind::Assessment).count(), assessments - 4);
    let am = skills::matrix(&t.ws, None).functions.remove(0);
    assert_eq!(am.requires.len(), 4);
    assert_eq!(t.names(&am.qualified), ["佐藤 美咲", "鈴木 健太"], "risk was 鈴木's only gap");
    let suzuki = t.member("鈴木 健太");
    t.run(Edit::Delete { ids: vec![suzuki] }).unwrap();
    assert_eq!(t.ws.elements_of_kind(ElementKind::Assessment).count(), assessments - 4 - 4);

    // A workspace without skills: adopting a function requires nothing, seeding gives it its
    // defaults afterwards.
    let mut ws = Workspace::new();
    let mut ids = IdGen::sequential();
    let f = perform(&mut ws, Edit::AcceptFunction { function: michi_core::element::CsFunction::Support }, &mut ids)
        .unwrap()
        .created
        .remove(0);
    assert_eq!(ws.elements_of_kind(ElementKind::SkillRequirement).count(), 0);
    perform(&mut ws, Edit::SeedSkills {}, &mut ids).unwrap();
    let m = skills::matrix(&ws, None);
    let f = m.functions.iter().find(|g| g.function.id == f).unwrap();
    let levels: Vec<(&str, u8)> = f.requires.iter().map(|r| (r.name.en.as_str(), r.level)).collect();
    assert_eq!(levels, [("Experience management", 3), ("Voice of the customer", 2), ("Product feedback", 2)]);
    assert!(m.people.is_empty() && m.plays.is_empty());
}

#[test]
fn the_document_says_the_call_and_the_plans() {
    let t = Team::new();
    let m = skills::matrix(&t.ws, None);
    let doc = skills::document(&t.ws, &m);
    let text = serde_json::to_string(&doc).unwrap();
    for needle in ["育成", "鈴木 健太、高橋 綾", "要注意", "リスクの把握：レベル 2 → 3（目標 3）", "古い評価"]
    {
        assert!(text.contains(needle), "{needle}");
    }
}
