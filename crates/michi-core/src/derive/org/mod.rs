//! Which CS sub-functions the model calls for (domain.md §3, step 4: the organization comes last,
//! from the journey). The twelve functions of the method, and explicit rules that map what is in the
//! model to the functions it needs; each recommendation gives its reasons as links to elements.
//!
//! - `rules.rs`: the rules, a table (documented in `docs/org-rules.md`, generated from it);
//! - `sizing.rs`: the touch load and the headcount it takes, with the arithmetic;
//! - `design.rs`: the org design read back (adopted functions, what they own, roles) and who takes
//!   the work of a stage;
//! - here: the recommendation that puts them together.

use serde::Serialize;

pub mod design;
pub mod rules;
pub mod sizing;

pub use design::{Adopted, AdoptedRole, Owned, PlayOwner, function_name};
pub use sizing::{FunctionLoad, LoadLine, Sizing, assumptions_text, fte, num};

use crate::derive::shared::Ref;
use crate::element::CsFunction;
use crate::id::{ElementId, ViewId};
use crate::relation::RelationKind;
use crate::text::Text;
use crate::workspace::Workspace;

/// One reason a function is recommended: the element that calls for it and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Reason {
    pub element: Ref,
    pub why: Text,
    /// The views showing the element (to go there).
    pub views: Vec<ViewId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Recommendation {
    pub function: CsFunction,
    pub name: Text,
    pub description: Text,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OrgRecommendation {
    /// Recommended functions, in the catalog's order.
    pub recommended: Vec<Recommendation>,
    /// Functions nothing in the model calls for (yet).
    pub not_recommended: Vec<NamedFunction>,
    /// The org design: the functions adopted, what each owns, its roles.
    pub adopted: Vec<Adopted>,
    /// Stages no adopted function owns (empty until a function is adopted).
    pub unowned_stages: Vec<Ref>,
    /// Activities no adopted function owns (empty until a function is adopted).
    pub unowned_activities: Vec<Ref>,
    /// Every stage of every journey, in journey order (what a function can be given to own).
    pub stages: Vec<Ref>,
    /// The touch load and the headcount it takes.
    pub sizing: Sizing,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NamedFunction {
    pub function: CsFunction,
    pub name: Text,
}

pub fn recommend(ws: &Workspace) -> OrgRecommendation {
    let catalog = ws.catalog();
    let hits = rules::hits(ws, ws.elements());
    let sizing =
        sizing::sizing(ws, &catalog, &hits.iter().map(|h| (h.function, h.element.clone())).collect::<Vec<_>>());
    let reasons: Vec<(CsFunction, Reason)> = hits
        .into_iter()
        .map(|h| {
            let views = ws.views_showing(&h.element);
            (h.function, Reason { element: Ref::of(ws, &h.element), why: h.why, views })
        })
        .collect();
    let mut recommended: Vec<Recommendation> = CsFunction::ALL
        .iter()
        .filter_map(|&f| {
            let rs: Vec<Reason> = reasons.iter().filter(|(g, _)| *g == f).map(|(_, r)| r.clone()).collect();
            if rs.is_empty() {
                return None;
            }
            let (name, description) = catalog.function(f);
            Some(Recommendation { function: f, name, description, reasons: rs })
        })
        .collect();
    if recommended.len() >= 3 {
        let (name, description) = catalog.function(CsFunction::Leadership);
        // One reason per function led, traced to what called for that function.
        let why: Vec<Reason> = recommended
            .iter()
            .filter_map(|r| {
                let first = r.reasons.first()?;
                Some(Reason {
                    views: first.views.clone(),
                    element: first.element.clone(),
                    why: Text::new(format!("「{}」を束ねる", r.name.ja), format!("Leads {}", r.name.en)),
                })
            })
            .collect();
        recommended.insert(0, Recommendation { function: CsFunction::Leadership, name, description, reasons: why });
    }
    let not_recommended = CsFunction::ALL
        .iter()
        .filter(|f| !recommended.iter().any(|r| r.function == **f))
        .map(|&function| NamedFunction { function, name: catalog.function(function).0 })
        .collect();
    let (adopted, unowned_stages, unowned_activities) = design::adopted(ws);
    let stages = ws
        .elements_of_kind(crate::element::ElementKind::Journey)
        .flat_map(|j| ws.ordered_members(&j.id, RelationKind::InJourney))
        .map(|s| Ref::of(ws, &s))
        .collect();
    OrgRecommendation { recommended, not_recommended, adopted, unowned_stages, unowned_activities, stages, sizing }
}

/// The recommendation as Markdown in `ja` or `en`; each reason ends with the id it comes from.
pub fn markdown(org: &OrgRecommendation, japanese: bool) -> String {
    use std::fmt::Write;
    let pick = |t: &Text| if japanese { t.ja.clone() } else { t.en.clone() };
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", if japanese { "CS組織の機能（推奨）" } else { "CS functions (recommended)" });
    for r in &org.recommended {
        let _ = writeln!(md, "## {}\n\n{}\n", pick(&r.name), pick(&r.description));
        for reason in &r.reasons {
            let _ = writeln!(md, "- {} <!-- {} -->", pick(&reason.why), reason.element.id);
        }
        md.push('\n');
    }
    if !org.adopted.is_empty() {
        let _ = writeln!(md, "# {}\n", if japanese { "組織設計" } else { "Org design" });
        for a in &org.adopted {
            let _ = writeln!(md, "## {} <!-- {} -->\n", pick(&a.name), a.element.id);
            let owns: Vec<&str> = a.owns.iter().map(|o| o.element.name.as_str()).collect();
            let _ = writeln!(md, "- {}: {}", if japanese { "担当" } else { "Owns" }, owns.join(", "));
            let _ = writeln!(md, "- {}: {}\n", if japanese { "人数" } else { "Headcount" }, a.headcount);
        }
        if !org.unowned_stages.is_empty() {
            let names: Vec<&str> = org.unowned_stages.iter().map(|o| o.name.as_str()).collect();
            let _ = writeln!(
                md,
                "{}: {}\n",
                if japanese { "担当のないステージ" } else { "Stages nobody owns" },
                names.join(", ")
            );
        }
    }
    let z = &org.sizing;
    let _ = writeln!(
        md,
        "# {}\n\n{}\n",
        if japanese { "必要な人数の見積もり" } else { "Sizing" },
        assumptions_text(&z.assumptions, japanese)
    );
    for f in &z.functions {
        let mark = if f.suggested { if japanese { "（提案）" } else { " (suggested)" } } else { "" };
        let _ = writeln!(md, "## {}{mark}\n", pick(&f.name));
        for line in &f.lines {
            let _ = writeln!(
                md,
                "- {}（{}）: {} <!-- {} -->",
                line.touchpoint.name,
                line.stage.name,
                pick(&line.arithmetic),
                line.touchpoint.id
            );
        }
        let _ = writeln!(md, "\n**{}**\n", pick(&f.arithmetic));
    }
    let _ = writeln!(
        md,
        "**{}: {} {} / {} {}**\n",
        if japanese { "合計" } else { "Total" },
        num(z.hours),
        if japanese { "時間" } else { "h" },
        fte(z.headcount),
        if japanese { "人" } else { "FTE" }
    );
    if !z.unknown_accounts.is_empty() {
        let names: Vec<&str> = z.unknown_accounts.iter().map(|r| r.name.as_str()).collect();
        let _ = writeln!(
            md,
            "{}: {}\n",
            if japanese {
                "顧客数が分からないタッチポイント"
            } else {
                "Touchpoints with unknown accounts"
            },
            names.join(", ")
        );
    }
    if !org.not_recommended.is_empty() {
        let names: Vec<String> = org.not_recommended.iter().map(|f| pick(&f.name)).collect();
        let _ = writeln!(
            md,
            "{}: {}",
            if japanese { "今のモデルでは不要" } else { "Not called for by the model yet" },
            names.join(", ")
        );
    }
    md
}

/// The stages and activities a function adopted from its recommendation owns: the stage of each
/// reason's element (a stage, a card's stage, the stages a metric measures) and each activity.
pub fn owned_by(ws: &Workspace, function: CsFunction) -> Vec<ElementId> {
    // Leadership leads the other functions; it owns no stage of its own.
    if function == CsFunction::Leadership {
        return Vec::new();
    }
    let Some(rec) = recommend(ws).recommended.into_iter().find(|r| r.function == function) else { return Vec::new() };
    let mut owned: Vec<ElementId> = Vec::new();
    for reason in rec.reasons {
        let id = reason.element.id;
        let targets: Vec<ElementId> = match ws.kind_of(&id) {
            Some(crate::element::ElementKind::Stage | crate::element::ElementKind::Activity) => vec![id],
            Some(crate::element::ElementKind::Metric) => {
                ws.outgoing(&id, RelationKind::Measures).into_iter().map(|r| r.to).collect()
            }
            Some(k) if k.is_card() => ws.container(&id, RelationKind::InStage).into_iter().collect(),
            _ => Vec::new(),
        };
        for t in targets {
            if !owned.contains(&t) {
                owned.push(t);
            }
        }
    }
    owned
}
