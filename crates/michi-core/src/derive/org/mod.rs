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
pub use sizing::{FunctionLoad, LoadKind, LoadLine, SegmentLoad, Sizing, Unknown, assumptions_text, fte, num};

use crate::derive::document::{Block, DocRole, Document, Fact, Line, Section, Span, SpanKind};
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
    let ties = design::Ties::from_pairs(hits.iter().map(|h| (h.function, h.element.clone())));
    let sizing = sizing::sizing(ws, &catalog, &ties);
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

/// Names joined as a list in each language.
fn names<'a>(items: impl Iterator<Item = &'a str> + Clone) -> Text {
    Text::new(items.clone().collect::<Vec<_>>().join("、"), items.collect::<Vec<_>>().join(", "))
}

/// "label: names" with the names traced.
fn listing(label: Text, refs: &[Ref], role: DocRole) -> Line {
    let n = names(refs.iter().map(|r| r.name.as_str()));
    Line::text(Text::new(format!("{}: {}", label.ja, n.ja), format!("{}: {}", label.en, n.en)))
        .traced(refs.iter().map(|r| r.id.clone()))
        .with_role(role)
}

/// The recommendation as a document: each function called for with its reasons, the org design
/// when functions are adopted, the sizing with its arithmetic, and what the model does not call for.
pub fn document(ws: &Workspace, org: &OrgRecommendation) -> Document {
    let mut doc = Document::new(Line::text(Text::new("CS組織の機能（推奨）", "CS functions (recommended)")));
    doc.intro.push(Block::muted(Line::text(Text::new(
        "モデルに描かれたものから、必要なCSの機能とその理由を導いています。",
        "Derived from what the model shows: the CS functions it calls for, and why.",
    ))));
    for r in &org.recommended {
        let mut heading = Line::text(r.name.clone());
        if org.adopted.iter().any(|a| a.function == Some(r.function)) {
            heading = heading.push(Span::of(SpanKind::Chip, Text::new("組織にあります", "Adopted")));
        }
        let mut section = Section::new(heading).with_role(DocRole::OrgFunction);
        section.function = Some(r.function);
        section.blocks.push(Block::muted(Line::text(r.description.clone())));
        let items = r
            .reasons
            .iter()
            .map(|reason| Line::text(reason.why.clone()).traced([reason.element.id.clone()]).with_role(DocRole::Reason))
            .collect();
        section.blocks.push(Block::List { ordered: false, items });
        doc.sections.push(section);
    }
    if !org.adopted.is_empty() {
        let min_qualified = ws.catalog().skills.min_qualified;
        let mut design = Section::new(Line::text(Text::new("組織設計", "Org design"))).with_role(DocRole::OrgDesign);
        for a in &org.adopted {
            let heading = Line::text(a.name.clone())
                .traced([a.element.id.clone()])
                .push(Span::of(SpanKind::Chip, people(a.headcount)));
            let mut section = Section::new(heading).with_role(DocRole::AdoptedFunction);
            section.function = a.function;
            section.element = Some(a.element.id.clone());
            let owned: Vec<Ref> = a.owns.iter().map(|o| o.element.clone()).collect();
            let roles = a.roles.iter().map(|r| format!("{} ({})", r.element.name, num(r.headcount.unwrap_or(0.0))));
            let roles: Vec<String> = roles.collect();
            section.blocks.push(Block::Facts {
                facts: vec![
                    Fact {
                        label: Text::new("担当するステージ・業務", "Owns"),
                        value: Line::text(names(owned.iter().map(|r| r.name.as_str())))
                            .traced(owned.iter().map(|r| r.id.clone())),
                    },
                    Fact {
                        label: Text::new("役割", "Roles"),
                        value: Line::text(names(roles.iter().map(String::as_str)))
                            .traced(a.roles.iter().map(|r| r.element.id.clone())),
                    },
                ],
            });
            if let Some(n) = a.qualified {
                let mut value =
                    Line::text(Text::new(format!("{n} 人"), n.to_string())).with_role(DocRole::PlayCoverage);
                if a.short_of_qualified {
                    value = value.push(Span::of(
                        SpanKind::Missing,
                        Text::new(
                            format!("　{min_qualified} 人に届きません"),
                            format!(" — fewer than {min_qualified}"),
                        ),
                    ));
                }
                let label = Text::new("スキル要件を満たす人", "People meeting its skill requirement");
                if let Some(Block::Facts { facts }) = section.blocks.last_mut() {
                    facts.push(Fact { label, value });
                }
            }
            design.sections.push(section);
        }
        if !org.unowned_stages.is_empty() {
            let label = Text::new("担当のないステージ", "Stages nobody owns");
            design.closing.push(Block::paragraph(listing(label, &org.unowned_stages, DocRole::UnownedStages)));
        }
        doc.sections.push(design);
    }
    doc.sections.push(sizing::section(&org.sizing));
    if !org.not_recommended.is_empty() {
        let heading = Line::text(Text::new("今のモデルでは不要", "Not called for by the model yet"));
        let mut section = Section::new(heading).with_role(DocRole::NotRecommended);
        let (ja, en) = (
            names(org.not_recommended.iter().map(|f| f.name.ja.as_str())),
            names(org.not_recommended.iter().map(|f| f.name.en.as_str())),
        );
        section.blocks.push(Block::muted(Line::text(Text::new(ja.ja, en.en))));
        doc.sections.push(section);
    }
    doc.with_views(ws)
}

/// "2 人" / "2 FTE": a headcount as people read it.
pub fn people(n: f64) -> Text {
    Text::new(format!("{} 人", num(n)), format!("{} FTE", num(n)))
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
