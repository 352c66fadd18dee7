//! Rules of the org design (domain.md §3, step 4): once the user adopts functions, every stage has
//! an owner and every adopted function has people.

use super::index::Index;
use super::rule::{Category, Report, Rule};
use crate::element::Severity;
use crate::element::{ElementData, ElementKind};
use crate::relation::RelationKind;
use crate::text::Text;

pub static RULES: &[Rule] = &[
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
        check: function_staffed,
    },
];

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
