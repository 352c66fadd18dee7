//! The org design read back: the functions adopted, what each owns, its roles and headcount, the
//! stages and activities nobody owns; and who takes the work of a stage (its owner, else a
//! suggested function), which the playbook and the sizing share.

use serde::Serialize;

use crate::derive::shared::Ref;
use crate::element::{Catalog, CsFunction, ElementData, OrgFunction};
use crate::id::{ElementId, ViewId};
use crate::relation::RelationKind;
use crate::text::Text;
use crate::workspace::Workspace;

/// The function that runs a play (or takes a touchpoint's load).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlayOwner {
    pub name: Text,
    pub function: Option<CsFunction>,
    /// The adopted function that owns the stage (org design); `None` for a suggestion.
    pub element: Option<ElementId>,
    /// Recommended by the rules, not (yet) adopted.
    pub suggested: bool,
}

/// The functions the recommendation rules tie to each element (Leadership aside): what a play's
/// owner and a sizing line's taker are chosen by.
pub(crate) struct Ties(std::collections::HashMap<ElementId, Vec<CsFunction>>);

impl Ties {
    /// The ties the rules find on `elements`.
    pub(crate) fn of<'a>(ws: &Workspace, elements: impl Iterator<Item = &'a ElementId>) -> Ties {
        Ties::from_pairs(super::rules::functions_for(ws, elements))
    }

    /// The ties of (function, element) pairs the rules found.
    pub(crate) fn from_pairs(pairs: impl IntoIterator<Item = (CsFunction, ElementId)>) -> Ties {
        let mut ties: std::collections::HashMap<ElementId, Vec<CsFunction>> = Default::default();
        for (function, element) in pairs {
            if function != CsFunction::Leadership {
                ties.entry(element).or_default().push(function);
            }
        }
        Ties(ties)
    }

    /// The functions tied to `ids`, the most often tied first (ties keep the order met).
    fn tally<'a>(&self, ids: impl Iterator<Item = &'a ElementId>) -> Vec<CsFunction> {
        let mut tally: Vec<(CsFunction, usize)> = Vec::new();
        for id in ids {
            for f in self.0.get(id).into_iter().flatten() {
                match tally.iter_mut().find(|(g, _)| g == f) {
                    Some((_, n)) => *n += 1,
                    None => tally.push((*f, 1)),
                }
            }
        }
        tally.sort_by_key(|t| std::cmp::Reverse(t.1));
        tally.into_iter().map(|(f, _)| f).collect()
    }

    /// Who takes work of `stage` coming from `elements`: the stage's owner (among several, the
    /// one tied to the elements), else the function tied most to the elements — or, when none
    /// is, to the stage and its cards — suggested.
    pub(crate) fn owner(
        &self,
        ws: &Workspace,
        catalog: &Catalog,
        stage: &ElementId,
        elements: &[ElementId],
    ) -> Option<PlayOwner> {
        let mut wanted = self.tally(elements.iter());
        if wanted.is_empty() {
            let cards = ws.ordered_members(stage, RelationKind::InStage);
            wanted = self.tally(std::iter::once(stage).chain(cards.iter()));
        }
        stage_owner(ws, catalog, stage, &wanted)
    }
}

/// Who takes the work of `stage`: the adopted function owning it (among several, the first whose
/// function is in `wanted`, else the first); with none adopted, the first of `wanted`, suggested.
fn stage_owner(ws: &Workspace, catalog: &Catalog, stage: &ElementId, wanted: &[CsFunction]) -> Option<PlayOwner> {
    let owners: Vec<(ElementId, &OrgFunction)> = ws
        .incoming(stage, RelationKind::Owns)
        .into_iter()
        .filter_map(|r| match ws.data(&r.from) {
            Some(ElementData::OrgFunction(f)) => Some((r.from, f)),
            _ => None,
        })
        .collect();
    if let Some((id, f)) =
        owners.iter().find(|(_, f)| f.function.is_some_and(|g| wanted.contains(&g))).or(owners.first())
    {
        return Some(PlayOwner {
            name: function_name_in(f, catalog),
            function: f.function,
            element: Some(id.clone()),
            suggested: false,
        });
    }
    let f = *wanted.first()?;
    Some(PlayOwner { name: catalog.function(f).0, function: Some(f), element: None, suggested: true })
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Adopted {
    pub element: Ref,
    pub function: Option<CsFunction>,
    /// The team's own name, else its function's.
    pub name: Text,
    /// The stages and activities it owns, with the views showing each (to go there).
    pub owns: Vec<Owned>,
    pub roles: Vec<AdoptedRole>,
    /// Full-time equivalents, summed over the roles.
    pub headcount: f64,
    /// How many of its people meet its skill requirement, when the workspace has a team.
    pub qualified: Option<u32>,
    /// Fewer meet it than the catalog's minimum (two by default).
    pub short_of_qualified: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Owned {
    pub element: Ref,
    pub views: Vec<ViewId>,
}

/// What an adopted function is called: the team's own name, else its function's, in both languages.
pub fn function_name(ws: &Workspace, of: &OrgFunction) -> Text {
    function_name_in(of, &ws.catalog())
}

/// [`function_name`] with the catalog already read (for a list of many).
pub fn function_name_in_catalog(of: &OrgFunction, catalog: &Catalog) -> Text {
    function_name_in(of, catalog)
}

pub(crate) fn function_name_in(of: &OrgFunction, catalog: &Catalog) -> Text {
    let own = of.name.trim();
    if !own.is_empty() {
        return Text::new(own, own);
    }
    of.function.map(|f| catalog.function(f).0).unwrap_or_else(|| Text::new("組織の機能", "Org function"))
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AdoptedRole {
    pub element: Ref,
    pub headcount: Option<f64>,
}

pub(super) fn adopted(ws: &Workspace) -> (Vec<Adopted>, Vec<Ref>, Vec<Ref>) {
    use crate::element::ElementKind;
    let counts = crate::derive::team::qualified_counts(ws);
    let min = ws.catalog().skills.min_qualified;
    let adopted: Vec<Adopted> = ws
        .elements_of_kind(ElementKind::OrgFunction)
        .map(|e| {
            let roles: Vec<AdoptedRole> = ws
                .incoming(&e.id, RelationKind::RoleIn)
                .iter()
                .map(|r| AdoptedRole {
                    element: Ref::of(ws, &r.from),
                    headcount: match ws.data(&r.from) {
                        Some(ElementData::Role(role)) => role.headcount,
                        _ => None,
                    },
                })
                .collect();
            let (function, name) = match &e.data {
                ElementData::OrgFunction(f) => (f.function, function_name(ws, f)),
                _ => (None, Text::new("", "")),
            };
            Adopted {
                element: Ref::of(ws, &e.id),
                function,
                name,
                owns: ws
                    .outgoing(&e.id, RelationKind::Owns)
                    .iter()
                    .map(|r| Owned { element: Ref::of(ws, &r.to), views: ws.views_showing(&r.to) })
                    .collect(),
                headcount: roles.iter().filter_map(|r| r.headcount).fold(0.0, |t, h| t + h),
                roles,
                qualified: counts.as_ref().and_then(|c| c.get(&e.id)).map(|n| *n as u32),
                short_of_qualified: counts.as_ref().and_then(|c| c.get(&e.id)).is_some_and(|n| (*n as u32) < min),
            }
        })
        .collect();
    if adopted.is_empty() {
        return (adopted, Vec::new(), Vec::new());
    }
    let unowned = |kind: ElementKind| -> Vec<Ref> {
        ws.elements_of_kind(kind)
            .filter(|e| ws.incoming(&e.id, RelationKind::Owns).is_empty())
            .map(|e| Ref::of(ws, &e.id))
            .collect()
    };
    (adopted, unowned(ElementKind::Stage), unowned(ElementKind::Activity))
}
