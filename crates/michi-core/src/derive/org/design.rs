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

/// Who takes the work of `stage`: the adopted function owning it (among several, the first whose
/// function is in `wanted`, else the first); with none adopted, the first of `wanted`, suggested.
pub(crate) fn stage_owner(
    ws: &Workspace,
    catalog: &Catalog,
    stage: &ElementId,
    wanted: &[CsFunction],
) -> Option<PlayOwner> {
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
                headcount: roles.iter().filter_map(|r| r.headcount).sum(),
                roles,
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
