//! CSV tables into Michi. A file is decoded (UTF-8 with or without a byte-order mark, else
//! Shift_JIS/CP932, what Excel writes in Japan), split (comma, tab or semicolon, whichever the
//! header uses), previewed with a guessed column mapping, and turned into case events for the
//! state layer, account snapshots, quotes from customer conversations, and skill assessments. Every problem names its line and column; nothing is half-imported.

mod accounts;
mod assessments;
mod conversations;
mod dates;
mod error;
mod events;
mod quotes;
mod table;

pub use accounts::{AccountMapping, AccountPreview, MAX_ACCOUNTS, account_preview, account_snapshot, parse_value};
pub use assessments::assessments;
pub use conversations::{ConversationDoc, conversations};
pub use dates::{ColumnDates, DateOrder, column_order, parse_column_datetime, parse_datetime};
pub use error::{CsvError, ProblemKind, RowProblem};
pub use events::{EventMapping, Preview, events, preview, snapshot};
pub use quotes::{QuoteRow, quotes};
pub use table::{LIMITS, Limits, Table, read_table, read_table_within};
