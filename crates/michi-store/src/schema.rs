//! The file format: how a Michi workspace is recognised, its schema version, and the migrations that
//! bring an older file up to date.
//!
//! The SQLite header is read with plain file IO before SQLite opens the file, so a file that is not
//! ours, or is newer than this build, is refused without SQLite ever touching it.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use rusqlite::Transaction;

use crate::error::{Result, StoreError};

/// SQLite `application_id` of Michi workspaces: "MICH" in ASCII.
pub const APPLICATION_ID: i32 = 0x4D49_4348;

/// Migrations in order; migration `i` brings a file from version `i` to `i + 1`.
/// Never edit a released migration: add one.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_foreign_key_indexes.sql"),
    include_str!("../migrations/0003_placement_extra.sql"),
    include_str!("../migrations/0004_versions.sql"),
    include_str!("../migrations/0005_history_author.sql"),
];

/// The schema version this build writes.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the file header says, read without SQLite.
pub struct Header {
    pub version: u32,
}

/// Reads the SQLite header of `path` and checks that it is a Michi workspace this build can read.
pub fn check_header(path: &Path) -> Result<Header> {
    let not_ours = |detail: &str| StoreError::NotAWorkspace { path: path.to_path_buf(), detail: detail.to_string() };
    let mut file = File::open(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound(path.to_path_buf()),
        _ => StoreError::Io { path: path.to_path_buf(), source },
    })?;
    let metadata = file.metadata().ok();
    if metadata.as_ref().is_some_and(|m| m.is_dir()) {
        return Err(not_ours("it is a folder"));
    }
    let limit = crate::limits::LIMITS.max_file_bytes;
    if metadata.is_some_and(|m| m.len() > limit) {
        return Err(StoreError::TooLarge { path: path.to_path_buf(), what: "bytes", limit });
    }
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => return Err(StoreError::Io { path: path.to_path_buf(), source }),
        }
    }
    if read == 0 {
        return Err(not_ours("the file is empty"));
    }
    if read < header.len() || &header[..16] != SQLITE_MAGIC {
        return Err(not_ours(""));
    }
    let be32 = |at: usize| u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    if be32(68) as i32 != APPLICATION_ID {
        return Err(not_ours("it is a database of another program"));
    }
    let version = be32(60);
    if version > CURRENT_VERSION {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found: version, supported: CURRENT_VERSION });
    }
    if version == 0 {
        return Err(not_ours("it has no schema version"));
    }
    Ok(Header { version })
}

/// Brings a file from `from` to [`CURRENT_VERSION`] inside the caller's transaction.
pub fn migrate(tx: &Transaction, from: u32) -> rusqlite::Result<()> {
    for sql in &MIGRATIONS[from as usize..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", CURRENT_VERSION)
}

/// Makes an empty database a Michi workspace of the current version.
pub fn initialise(tx: &Transaction) -> rusqlite::Result<()> {
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    migrate(tx, 0)
}
