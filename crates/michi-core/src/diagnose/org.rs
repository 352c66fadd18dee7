//! Rules of the org design (domain.md §3, step 4): every play of a playbook has someone to run it;
//! once the user adopts functions, every stage has an owner and every adopted function has people.

use super::index::Index;
use super::rule::{Category, Reach, Report, Rule};
use crate::element::Severity;
use crate::element::{ElementData, ElementKind};
use crate::relation::RelationKind;
use crate::text::Text;

pub static RULES: &[Rule] = &[
    Rule {
        id: "play-owned",
        category: Category::Org,
        documentation: Severity::Warning,
        recommended: Severity::Off,
        title: ["プレイに担当がいる", "A play has an owner"],
        why: [
            "担当のいないプレイは、誰にも実行されません。担当は、ステージを担当する採用済みの機能か、推奨ルールがプレイやステージの要素に結び付ける機能です。",
            "A play nobody owns is run by nobody. Its owner is the adopted function owning its stage, or the function the recommendation rules tie to the play's or the stage's elements.",
        ],
        fix: [
            "組織ビューで機能にこのステージを担当させます。または、カードにタグ（教える場、技術など）を付けるか、ステージにフェーズを設定して、推奨ルールが機能を結び付けられるようにします。",
            "Make a function own this stage in the organization view; or tag the cards (teaching, technical…) or set the stage's phase, so the recommendation rules can tie a function to it.",
        ],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::Journey]),
        check: play_owned,
    },
    Rule {
        id: "gap-owned",
        category: Category::Org,
        documentation: Severity::Warning,
        recommended: Severity::Off,
        title: ["ギャップに担当の機能がある", "A gap item has an owning function"],
        why: [
            "担当のいないギャップは、計画されても誰も着手しません。",
            "A gap item nobody owns is planned and then started by nobody.",
        ],
        fix: [
            "ギャップ一覧で、この項目の担当に機能を選びます。",
            "In the gap list, pick the function that owns this item.",
        ],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::GapItem]),
        check: gap_owned,
    },
    Rule {
        id: "stage-owned",
        category: Category::Org,
        documentation: Severity::Warning,
        recommended: Severity::Off,
        title: ["ステージに担当の機能がある", "A stage has an owning function"],
        why: [
            "担当のないステージでは、プレイブックを誰も実行しません。",
            "In a stage nobody owns, nobody runs the playbook.",
        ],
        fix: [
            "組織ビューで機能を選び、このステージを担当に加えます。",
            "In the organization view, pick a function and make it own this stage.",
        ],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::Stage]),
        check: stage_owned,
    },
    Rule {
        id: "function-staffed",
        category: Category::Org,
        documentation: Severity::Warning,
        recommended: Severity::Off,
        title: ["採用した機能に人がいる", "An adopted function has people"],
        why: [
            "人のいない機能は、組織図の上にしかありません。",
            "A function with no one in it exists only on the chart.",
        ],
        fix: [
            "組織ビューで役割を加え、人数を入れます。",
            "Add a role in the organization view and enter its headcount.",
        ],
        ported: false,
        reach: Reach::Workspace(&[ElementKind::OrgFunction]),
        check: function_staffed,
    },
];

fn play_owned(ix: &Index, r: &mut Report) {
    use crate::derive::playbook;
    for journey in ix.of_kind(ElementKind::Journey) {
        let Some(pb) = playbook::playbook(ix.ws, journey) else { continue };
        for stage in &pb.stages {
            for play in stage.plays.iter().filter(|p| p.owner.is_none()) {
                let trigger = playbook::trigger_text(&play.trigger);
                let name = &stage.stage.name;
                r.add(
                    play.sources.clone(),
                    Text::new(
                        format!("ステージ「{name}」のプレイ「{}」に担当がいません", trigger.ja),
                        format!("The play \"{}\" of stage \"{name}\" has no owner", trigger.en),
                    ),
                );
            }
        }
    }
}

fn stage_owned(ix: &Index, r: &mut Report) {
    // Only once an org is being designed: a journey workshop is not at fault.
    if ix.of_kind(ElementKind::OrgFunction).next().is_none() {
        return;
    }
    for stage in ix.of_kind(ElementKind::Stage) {
        if ix.sources(stage, RelationKind::Owns).next().is_none() {
            let name = ix.label(stage);
            r.add(
                vec![stage.clone()],
                Text::new(
                    format!("ステージ「{name}」を担当する機能がありません"),
                    format!("No function owns stage \"{name}\""),
                ),
            );
        }
    }
}

fn gap_owned(ix: &Index, r: &mut Report) {
    for item in ix.of_kind(ElementKind::GapItem) {
        if ix.sources(item, RelationKind::Owns).next().is_none() {
            let name = ix.label(item);
            r.add(
                vec![item.clone()],
                Text::new(
                    format!("ギャップ「{name}」を担当する機能がありません"),
                    format!("No function owns gap item \"{name}\""),
                ),
            );
        }
    }
}

fn function_staffed(ix: &Index, r: &mut Report) {
    for f in ix.of_kind(ElementKind::OrgFunction) {
        let people: f64 = ix
            .sources(f, RelationKind::RoleIn)
            .filter_map(|role| match ix.data(role) {
                Some(ElementData::Role(role)) => Some(role.headcount.unwrap_or(0.0)),
                _ => None,
            })
            .sum();
        if people <= 0.0 {
            let Some(ElementData::OrgFunction(of)) = ix.data(f) else { continue };
            let Text { ja: name, en } = crate::derive::org::function_name(ix.ws, of);
            r.add(
                vec![f.clone()],
                Text::new(format!("機能「{name}」に人がいません"), format!("Function \"{en}\" has no one in it")),
            );
        }
    }
}
