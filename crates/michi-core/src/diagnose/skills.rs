//! Rules of the skill matrix (domain.md §4): an adopted function somebody can staff, plays with
//! enough people to run them, assessments kept fresh, targets that look ahead. The first two only
//! speak once the workspace has a team: a model without one is not at fault.

use super::index::Index;
use super::rule::{Category, Reach, Report, Rule};
use crate::derive::evidence::iso_date;
use crate::derive::team::Team;
use crate::element::{ElementKind, Severity};
use crate::text::Text;

pub static RULES: &[Rule] = &[
    Rule {
        id: "function-qualified",
        category: Category::Org,
        documentation: Severity::Warning,
        recommended: Severity::Off,
        title: ["採用した機能の要件を満たす人がいる", "Someone meets an adopted function's requirement"],
        why: [
            "必要なスキルのレベルを満たす人がチームに一人もいない機能は、誰にも担えません。",
            "A function whose required skill levels nobody in the team has can be run by nobody.",
        ],
        fix: [
            "スキルマトリクスで、この機能のギャップ（育成か採用か）を見ます。必要なレベルが高すぎないかも確かめます。",
            "Open the skill matrix and look at this function's gap (train or hire); check too that the required levels are not set too high.",
        ],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::TeamMember]),
        check: function_qualified,
    },
    Rule {
        id: "play-covered",
        category: Category::Org,
        documentation: Severity::Warning,
        recommended: Severity::Off,
        title: ["プレイの担い手が二人以上いる", "A play has at least two people who can run it"],
        why: [
            "担当の機能に要件を満たす人が一人しかいないプレイは、その人が休めば止まります。",
            "A play whose owning function has a single qualified person stops when that person is away.",
        ],
        fix: [
            "担当の機能の人を育成するか、要件を満たす人を役割に加えます（スキルマトリクスの育成計画）。",
            "Train people of the owning function, or give the role to someone who meets it (the skill matrix's development plans).",
        ],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::TeamMember]),
        check: play_covered,
    },
    Rule {
        id: "assessment-fresh",
        category: Category::Org,
        documentation: Severity::Info,
        recommended: Severity::Off,
        title: ["スキル評価が古くない", "An assessment is not stale"],
        why: [
            "古い評価は今の力を表しません。マトリクスは一時点のスナップショットです。",
            "An old assessment no longer tells what a person can do: the matrix is a snapshot of one time.",
        ],
        fix: [
            "この人のこのスキルを評価し直します。古いとみなす日数はカタログで変えられます。",
            "Assess this person on this skill again; the age counted as stale is set in the catalog.",
        ],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::Assessment]),
        check: assessment_fresh,
    },
    Rule {
        id: "target-above-current",
        category: Category::Org,
        documentation: Severity::Warning,
        recommended: Severity::Off,
        title: ["目標が今のレベル以上", "A target is not below the current level"],
        why: [
            "今のレベルより低い目標は、入力の誤りか、古い目標の残りです。",
            "A target below the current level is a typo or a goal left over from before.",
        ],
        fix: ["目標のレベルを直します。", "Correct the target level."],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::Assessment]),
        check: target_above_current,
    },
];

fn function_qualified(ix: &Index, r: &mut Report) {
    if ix.of_kind(ElementKind::TeamMember).next().is_none() {
        return;
    }
    let team = Team::read(ix.ws, None);
    for f in team.functions.iter().filter(|f| !f.requires.is_empty()) {
        if (0..team.members.len()).any(|m| team.meets(m, f)) {
            continue;
        }
        let name = ix.label(f.id);
        let name = if name.is_empty() {
            f.function.map(|g| ix.ws.catalog().function(g).0).unwrap_or_else(|| Text::same(""))
        } else {
            Text::same(name)
        };
        r.add(
            vec![f.id.clone()],
            Text::new(
                format!("機能「{}」の要件を満たす人がチームにいません", name.ja),
                format!("Nobody in the team meets the requirement of function \"{}\"", name.en),
            ),
        );
    }
}

fn play_covered(ix: &Index, r: &mut Report) {
    if ix.of_kind(ElementKind::TeamMember).next().is_none() {
        return;
    }
    use crate::derive::playbook;
    // One finding per stage and owner, naming its plays: the same few people run them all.
    for journey in ix.of_kind(ElementKind::Journey) {
        let Some(pb) = playbook::playbook(ix.ws, journey) else { continue };
        for stage in &pb.stages {
            let mut owners: Vec<(&crate::derive::org::PlayOwner, u32, Vec<&playbook::Play>)> = Vec::new();
            for play in &stage.plays {
                let (Some(c), Some(owner)) = (&play.coverage, &play.owner) else { continue };
                if !c.marked {
                    continue;
                }
                match owners.iter_mut().find(|o| o.0.element == owner.element) {
                    Some(o) => o.2.push(play),
                    None => owners.push((owner, c.qualified, vec![play])),
                }
            }
            for (owner, qualified, plays) in owners {
                let mut elements = vec![stage.stage.id.clone()];
                for p in &plays {
                    for s in &p.sources {
                        if !elements.contains(s) {
                            elements.push(s.clone());
                        }
                    }
                }
                let stage_name = &stage.stage.name;
                r.add(
                    elements,
                    Text::new(
                        format!(
                            "ステージ「{stage_name}」のプレイ {} 件を担う「{}」に、要件を満たす人が {qualified} 人しかいません",
                            plays.len(),
                            owner.name.ja
                        ),
                        format!(
                            "The {} plays of stage \"{stage_name}\" are owned by \"{}\", where only {qualified} meet the skill requirement",
                            plays.len(),
                            owner.name.en
                        ),
                    ),
                );
            }
        }
    }
}

fn assessment_fresh(ix: &Index, r: &mut Report) {
    if ix.of_kind(ElementKind::Assessment).next().is_none() {
        return;
    }
    let team = Team::read(ix.ws, None);
    let Some(newest) = team.newest else { return };
    let limit = newest - f64::from(ix.ws.catalog().skills.stale_after_days) * 86_400.0;
    for m in &team.members {
        for (s, st) in m.standings.iter().enumerate() {
            let Some((id, a)) = st.assessment else { continue };
            if a.date >= limit {
                continue;
            }
            let skill = &team.skills[s].1.name;
            let date = iso_date(a.date);
            r.add(
                vec![id.clone(), m.id.clone(), team.skills[s].0.clone()],
                Text::new(
                    format!("{}さんの「{}」の評価（{date}）は古くなっています", m.name, skill.ja),
                    format!("{}'s assessment of \"{}\" ({date}) is stale", m.name, skill.en),
                ),
            );
        }
    }
}

fn target_above_current(ix: &Index, r: &mut Report) {
    if ix.of_kind(ElementKind::Assessment).next().is_none() {
        return;
    }
    let team = Team::read(ix.ws, None);
    for m in &team.members {
        for (s, st) in m.standings.iter().enumerate() {
            let Some((id, a)) = st.assessment else { continue };
            let Some(target) = a.target.filter(|t| *t < a.current && !a.not_applicable) else { continue };
            let skill = &team.skills[s].1.name;
            r.add(
                vec![id.clone(), m.id.clone(), team.skills[s].0.clone()],
                Text::new(
                    format!("{}さんの「{}」の目標 {target} が今のレベル {} より低い", m.name, skill.ja, a.current),
                    format!(
                        "{}'s target on \"{}\" ({target}) is below the current level ({})",
                        m.name, skill.en, a.current
                    ),
                ),
            );
        }
    }
}
