//! Bytes to a table: decoding and splitting.

use encoding_rs::SHIFT_JIS;
use michi_core::cell::unguarded;

use crate::dates::{ColumnDates, ColumnOrder, DateOrder, column_order};
use crate::error::CsvError;

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// "UTF-8" or "Shift_JIS".
    pub encoding: String,
    pub delimiter: char,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Line number in the file where the row starts (the header is line 1).
    pub line: u32,
    /// The row's cells in one buffer (a cell each as a `String` took 660 MB for the ten million
    /// cells a 20 MB file can hold).
    pub cells: csv::StringRecord,
}

impl Table {
    /// The order the year-last dates of column `c` show, read from every row.
    pub fn column_dates(&self, c: usize) -> ColumnDates {
        column_order(self.rows.iter().map(|r| r.cells.get(c).unwrap_or("")))
    }

    /// [`Table::column_dates`] of every column, in one pass over the rows (in the order they are
    /// stored: column by column was the slowest part of reading a table of 999 columns).
    pub fn all_column_dates(&self) -> Vec<ColumnDates> {
        let mut orders = vec![ColumnOrder::default(); self.headers.len()];
        for r in &self.rows {
            for (c, order) in orders.iter_mut().enumerate() {
                if !order.decided() {
                    order.see(r.cells.get(c).unwrap_or(""));
                }
            }
        }
        orders.into_iter().map(ColumnOrder::finish).collect()
    }

    /// The day/month order to read column `c` with: the one `chosen`, else the one the column
    /// decides; a column whose dates read either way with no choice made is refused.
    pub(crate) fn date_order(&self, c: usize, chosen: Option<DateOrder>) -> Result<Option<DateOrder>, CsvError> {
        if chosen.is_some() {
            return Ok(chosen);
        }
        let dates = self.column_dates(c);
        if dates.ambiguous {
            return Err(CsvError::AmbiguousDates(self.headers.get(c).cloned().unwrap_or_default()));
        }
        Ok(dates.order)
    }
}

pub(crate) fn decode(bytes: &[u8]) -> Result<(String, &'static str), CsvError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), "UTF-8"));
    }
    // Excel in Japan writes CP932 (encoding_rs's Shift_JIS is that superset).
    SHIFT_JIS
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| (t.into_owned(), "Shift_JIS"))
        .ok_or(CsvError::Encoding)
}

/// The delimiter the header line uses most: comma, tab or semicolon.
fn sniff(text: &str) -> char {
    let header = text.lines().next().unwrap_or("");
    [',', '\t', ';'].into_iter().max_by_key(|d| header.matches(*d).count()).unwrap_or(',')
}

/// What a CSV file may hold; past any of these it is refused with an error naming the limit.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_columns: usize,
    /// Characters in one cell (a conversation's transcript is the longest kind).
    pub max_cell_chars: usize,
    pub max_rows: usize,
}

/// The limits `read_table` applies: 64 MB, 1,000 columns, 1,000,000 characters in a cell, 1,000,000
/// rows (the bench's 100,000 accounts with 21 columns are 13 MB).
pub const LIMITS: Limits =
    Limits { max_bytes: 64 << 20, max_columns: 1_000, max_cell_chars: 1_000_000, max_rows: 1_000_000 };

/// A CSV file as a table, within [`LIMITS`].
pub fn read_table(bytes: &[u8]) -> Result<Table, CsvError> {
    read_table_within(bytes, &LIMITS)
}

/// A CSV file as a table, within `limits`.
pub fn read_table_within(bytes: &[u8], limits: &Limits) -> Result<Table, CsvError> {
    let too_large = |what, limit| CsvError::TooLarge { what, limit };
    if bytes.len() > limits.max_bytes {
        return Err(too_large("bytes", limits.max_bytes));
    }
    // A cell's characters are at most its bytes: only a longer one needs counting.
    let check = |cells: &csv::StringRecord| -> Result<(), CsvError> {
        if cells.len() > limits.max_columns {
            return Err(too_large("columns", limits.max_columns));
        }
        if cells.iter().any(|c| c.len() > limits.max_cell_chars && c.chars().count() > limits.max_cell_chars) {
            return Err(too_large("characters in one cell", limits.max_cell_chars));
        }
        Ok(())
    };
    let (text, encoding) = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    let delimiter = sniff(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| CsvError::Malformed(e.to_string()))?;
    check(header)?;
    let headers: Vec<String> = header.iter().map(|h| unguarded(h.trim()).to_string()).collect();
    let mut rows = Vec::new();
    // Line numbers come from byte offsets: the reader's own count skips blank lines.
    let (mut counted_to, mut line) = (0usize, 1u32);
    for record in reader.records() {
        let record = record.map_err(|e| CsvError::Malformed(e.to_string()))?;
        check(&record)?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() == limits.max_rows {
            return Err(too_large("rows", limits.max_rows));
        }
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize);
        // The reader's position includes blank lines it skipped before the record.
        while matches!(text.as_bytes().get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        line += text.as_bytes()[counted_to..start].iter().filter(|&&b| b == b'\n').count() as u32;
        counted_to = start;
        // A formula's text Michi wrote out as text (`michi_core::cell`) reads as it was.
        rows.push(Row { line, cells: record.iter().map(unguarded).collect() });
    }
    Ok(Table { encoding: encoding.to_string(), delimiter, headers, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_limit_is_refused_by_name_at_its_boundary() {
        let limits = Limits { max_bytes: 200, max_columns: 3, max_cell_chars: 5, max_rows: 2 };
        let read = |t: &str| read_table_within(t.as_bytes(), &limits);
        assert!(read("a,b,c\n1,2,3\n4,5,6\n").is_ok());
        assert_eq!(read("a,b,c,d\n1,2,3,4\n").unwrap_err(), CsvError::TooLarge { what: "columns", limit: 3 });
        assert_eq!(read("a,b,c\n1,2,3,4\n").unwrap_err(), CsvError::TooLarge { what: "columns", limit: 3 });
        assert!(read("a\n長い長い長\n").is_ok(), "five characters, fifteen bytes");
        assert_eq!(
            read("a\n長い長い長い\n").unwrap_err(),
            CsvError::TooLarge { what: "characters in one cell", limit: 5 }
        );
        assert_eq!(read("a\n1\n2\n3\n").unwrap_err(), CsvError::TooLarge { what: "rows", limit: 2 });
        assert_eq!(read(&"a\n1\n".repeat(51)).unwrap_err(), CsvError::TooLarge { what: "bytes", limit: 200 });
        assert_eq!(
            read("a,b,c,d\n").unwrap_err().to_string(),
            "the file has more than 3 columns, more than Michi reads"
        );
    }

    #[test]
    fn utf8_with_bom_and_shift_jis_read_the_same() {
        let text = "案件ID,工程,日時\nA-1,キックオフを実施,2026/11/02 10:00\n";
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        let (sjis, _, unmappable) = SHIFT_JIS.encode(text);
        assert!(!unmappable);
        let a = read_table(&with_bom).unwrap();
        let b = read_table(&sjis).unwrap();
        assert_eq!(a.encoding, "UTF-8");
        assert_eq!(b.encoding, "Shift_JIS");
        assert_eq!(a.headers, ["案件ID", "工程", "日時"]);
        assert_eq!((a.headers.clone(), a.rows.clone()), (b.headers, b.rows));
        assert_eq!(a.rows[0].line, 2);
    }

    #[test]
    fn tabs_and_semicolons_are_sniffed_and_quotes_hold_delimiters() {
        let t = read_table("case\tstep\ttime\n1\t\"a, b\"\t2026-01-01\n".as_bytes()).unwrap();
        assert_eq!(t.delimiter, '\t');
        assert_eq!(&t.rows[0].cells[1], "a, b");
        let t = read_table(b"case;step;time\n1;a;2026-01-01\n").unwrap();
        assert_eq!(t.delimiter, ';');
    }

    #[test]
    fn line_numbers_count_multi_line_cells_and_skip_blank_rows() {
        let t = read_table("a,b\n1,\"two\nlines\"\n\n3,x\n".as_bytes()).unwrap();
        assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 5]);
    }

    #[test]
    fn bad_bytes_and_empty_files_are_refused() {
        assert_eq!(read_table(&[0x81, 0x20, 0xFF, 0xFF]), Err(CsvError::Encoding));
        assert_eq!(read_table(b"  \n"), Err(CsvError::Empty));
    }
}
