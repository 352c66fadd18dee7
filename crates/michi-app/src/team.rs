//! Team workspaces (`michi push`, `michi pull`; "Share with a team…" and "Save a local copy…" to
//! come): a workspace file copied whole into a team database and back, every version and the
//! history with it, so a pushed then pulled workspace equals the original row for row.

use std::path::Path;

use crate::error::AppError;

/// The name a file goes by in a team database when none is given: its name without `.michi`.
pub fn default_name(file: &Path) -> String {
    file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Copies the workspace file `file` into the database at `url` as `name` (its file name by
/// default), in one transaction. Returns the name used.
pub fn push(file: &Path, url: &str, name: Option<&str>) -> Result<String, AppError> {
    let name = name.map(str::to_string).unwrap_or_else(|| default_name(file));
    if name.trim().is_empty() {
        return Err(AppError::invalid("a team workspace needs a name: give one with --name"));
    }
    let archive = michi_store::Store::archive(file)?;
    michi_store_pg::push_to(url, &name, &archive)?;
    Ok(name)
}

/// Writes the team workspace `name` of the database at `url` to a new file `file` (replacing one
/// only when `replace`), complete or not at all.
pub fn pull(url: &str, name: &str, file: &Path, replace: bool) -> Result<(), AppError> {
    let archive = michi_store_pg::pull_from(url, name)?;
    michi_store::Store::create_from_archive(file, &archive, replace)?;
    Ok(())
}

/// The team workspaces of the database at `url`.
pub fn list(url: &str) -> Result<Vec<String>, AppError> {
    Ok(michi_store_pg::list(url)?)
}

/// Gives `role` (a PostgreSQL user or group) `access` (`read`, `edit` or `none`) to the team
/// workspace `name`; only its owner may, and the database enforces it.
pub fn grant(url: &str, name: &str, role: &str, access: &str) -> Result<(), AppError> {
    let access = match access {
        "read" => michi_store_pg::Access::Read,
        "edit" => michi_store_pg::Access::Edit,
        "none" => michi_store_pg::Access::None,
        other => return Err(AppError::invalid(format!("access is read, edit or none, not {other}"))),
    };
    michi_store_pg::blocking(|| michi_store_pg::grant(&mut michi_store_pg::connect(url)?, name, role, access))?;
    Ok(())
}
