//! The organization the user designs (domain.md §3, step 4): the CS functions they adopt, the
//! stages and activities each owns, and the roles (people) in each.

use serde::{Deserialize, Serialize};

/// The twelve CS sub-functions of the method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum CsFunction {
    Leadership,
    AccountManagement,
    DomainExpertise,
    Services,
    Education,
    Support,
    ProductLiaison,
    SolutionsEngineering,
    CustomerEnablement,
    CustomerMarketing,
    Operations,
    DataScience,
}

impl CsFunction {
    pub const ALL: [CsFunction; 12] = [
        CsFunction::Leadership,
        CsFunction::AccountManagement,
        CsFunction::DomainExpertise,
        CsFunction::Services,
        CsFunction::Education,
        CsFunction::Support,
        CsFunction::ProductLiaison,
        CsFunction::SolutionsEngineering,
        CsFunction::CustomerEnablement,
        CsFunction::CustomerMarketing,
        CsFunction::Operations,
        CsFunction::DataScience,
    ];
}

/// A CS function adopted in the org design. It owns stages and activities (relation `owns`) and
/// has roles (relation `roleIn`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct OrgFunction {
    /// Which of the method's functions it is, if any (a team may name its own).
    pub function: Option<CsFunction>,
    /// The team's own name; empty shows the function's name.
    pub name: String,
    pub note: String,
}

/// A role in a function: who does the work, and how many people.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct Role {
    pub name: String,
    /// Full-time equivalents.
    pub headcount: Option<f64>,
}
