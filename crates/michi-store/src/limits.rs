//! The limits every workspace file is read within.

/// What a workspace file may hold before Michi refuses to read it, saying which limit: files come
/// from colleagues and may have been crafted to exhaust memory. A workspace of 100,000 elements
/// (BPMN import's own limit) with its diagram and a long history is far below each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The file's size in bytes.
    pub max_file_bytes: u64,
    /// One value (an element's data, one history entry) in bytes: SQLite refuses to read or write
    /// a longer one (`SQLITE_LIMIT_LENGTH`).
    pub max_value_bytes: i32,
    /// The rows making up one version (its elements, relations, views and placements, and the
    /// shared rows).
    pub max_rows: i64,
}

/// The limits every workspace file is read within.
pub const LIMITS: Limits = Limits { max_file_bytes: 1 << 30, max_value_bytes: 256 << 20, max_rows: 2_000_000 };
