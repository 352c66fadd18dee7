//! A version of the workspace as the front ends name it (the store's [`michi_store::VersionInfo`]).

use serde::Serialize;

/// One version of the workspace.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct VersionDto {
    pub id: u32,
    pub name: String,
    /// The version it was made from, while that one exists.
    pub forked_from: Option<u32>,
    /// When it was made (UTC, ISO 8601).
    pub created: String,
}

impl From<&michi_store::VersionInfo> for VersionDto {
    fn from(v: &michi_store::VersionInfo) -> Self {
        let id = |x: i64| u32::try_from(x).unwrap_or(u32::MAX);
        VersionDto {
            id: id(v.id),
            name: v.name.clone(),
            forked_from: v.forked_from.map(id),
            created: v.created.clone(),
        }
    }
}
