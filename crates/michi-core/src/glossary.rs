//! The glossary read model: every term, with the elements that use it and where they are drawn.

use serde::Serialize;

use crate::element::{Element, ElementKind};
use crate::id::{ElementId, ViewId};
use crate::relation::RelationKind;
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Glossary {
    pub terms: Vec<TermEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TermEntry {
    pub term: Element,
    pub usages: Vec<Usage>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Usage {
    pub element: ElementId,
    pub kind: ElementKind,
    pub label: String,
    /// The views (journey maps, process diagrams) that show the element.
    pub views: Vec<ViewId>,
}

pub fn glossary(ws: &Workspace) -> Glossary {
    let mut terms: Vec<TermEntry> = ws
        .elements_of_kind(ElementKind::Term)
        .map(|t| {
            let mut usages: Vec<Usage> = ws
                .incoming(&t.id, RelationKind::UsesTerm)
                .into_iter()
                .filter_map(|r| {
                    let e = ws.element(&r.from)?;
                    Some(Usage {
                        kind: e.data.kind(),
                        label: e.data.label().to_string(),
                        views: ws.views_showing(&e.id),
                        element: e.id.clone(),
                    })
                })
                .collect();
            usages.sort_by(|a, b| (&a.label, &a.element).cmp(&(&b.label, &b.element)));
            TermEntry { term: t.clone(), usages }
        })
        .collect();
    terms.sort_by(|a, b| (a.term.data.label(), &a.term.id).cmp(&(b.term.data.label(), &b.term.id)));
    Glossary { terms }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Edit, perform};
    use crate::element::{ElementData, Term};
    use crate::id::IdGen;
    use crate::sample;

    #[test]
    fn terms_list_where_they_are_used_and_drawn() {
        let mut ws = sample::sample();
        let mut ids = IdGen::sequential();
        let term = ElementData::Term(Term {
            term: "帳票".into(),
            term_en: "Form".into(),
            definition: "現場の点検記録に使う書式".into(),
            definition_en: "The form used for inspection records".into(),
        });
        let t = perform(&mut ws, Edit::Create { data: term }, &mut ids).unwrap().created[0].clone();
        let stage = ws.elements_of_kind(ElementKind::Stage).next().unwrap().id.clone();
        let activity = ws.elements_of_kind(ElementKind::Activity).next().unwrap().id.clone();
        for from in [&stage, &activity] {
            perform(&mut ws, Edit::Link { kind: RelationKind::UsesTerm, from: from.clone(), to: t.clone() }, &mut ids)
                .unwrap();
        }
        let g = glossary(&ws);
        let entry = g.terms.iter().find(|e| e.term.id == t).unwrap();
        assert_eq!(entry.usages.len(), 2);
        for usage in &entry.usages {
            assert_eq!(usage.views.len(), 1, "{} is drawn in one view", usage.label);
        }
        // Deleting a term leaves the elements that used it.
        perform(&mut ws, Edit::Delete { ids: vec![t] }, &mut ids).unwrap();
        assert!(ws.contains(&stage) && ws.contains(&activity));
    }
}
