//! The gap list (`michi gaps`, the app's gap list and its Export…): one version of a workspace
//! against another, derived by [`michi_core::diff::gaps`], written as Markdown, HTML, PDF or CSV
//! from its document, or as JSON from its data.

use std::path::Path;

use michi_core::diff::diff;
use michi_core::diff::gaps::{GapList, document, gap_list};

use crate::error::AppError;
use crate::files;
use crate::outputs::{self, TableFormat};
use crate::session::Session;
use crate::settings::Language;

/// The list of version `name` against `base_name`, as a file's bytes.
pub fn write(
    list: &GapList,
    base_name: &str,
    name: &str,
    format: TableFormat,
    language: Language,
) -> Result<Vec<u8>, AppError> {
    outputs::document_bytes(&document(list, base_name, name), format, language, || serde_json::json!(list))
}

/// The gap list of a workspace file's version `version` (the one being edited if `None`) against
/// `against` (the version it was forked from if `None`): the list, the base's name and the version's.
pub fn gaps_file(
    file: &Path,
    version: Option<&str>,
    against: Option<&str>,
) -> Result<(GapList, String, String), AppError> {
    let this = michi_store::Store::read_version(file, version)?;
    let base_name = match against {
        Some(name) => name.to_string(),
        None => {
            let from = this.version.forked_from.and_then(|f| this.versions.iter().find(|v| v.id == f));
            match from {
                Some(v) => v.name.clone(),
                None => {
                    let names: Vec<&str> = this.versions.iter().map(|v| v.name.as_str()).collect();
                    return Err(AppError::invalid(format!(
                        "{}: version {} was not made from another; name the one to compare it with with --against (versions: {})",
                        file.display(),
                        this.version.name,
                        names.join(", ")
                    )));
                }
            }
        }
    };
    let base = michi_store::Store::read_version(file, Some(&base_name))?;
    let list = gap_list(&base.workspace, &this.workspace, &diff(&base.workspace, &this.workspace));
    Ok((list, base.version.name, this.version.name))
}

impl Session {
    /// The gap list of the edited version against `against` (else the version it was forked from):
    /// the list, the base's name and the edited version's; an error when there is nothing to compare.
    pub fn gaps(&self, against: Option<u32>) -> Result<(GapList, String, String), AppError> {
        let (versions, current) = self.versions()?;
        let name = versions.iter().find(|v| v.id == current).map(|v| v.name.clone()).unwrap_or_default();
        let Some((base, old)) = self.base_version(&versions, current, against)? else {
            return Err(AppError::invalid(format!(
                "version {name} was not made from another: pick the version to compare it with"
            )));
        };
        let list = gap_list(&old, self.workspace(), &diff(&old, self.workspace()));
        Ok((list, base.name, name))
    }

    /// Writes the gap list as Markdown, HTML, PDF, CSV or JSON, by the file's extension.
    pub fn export_gaps(&self, against: Option<u32>, language: Language, path: &Path) -> Result<(), AppError> {
        let (list, base, name) = self.gaps(against)?;
        files::write_whole(path, write(&list, &base, &name, TableFormat::of_path(path), language)?)
    }
}
