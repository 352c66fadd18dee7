//! A spreadsheet cell's text as Michi writes it to CSV and reads it back. A cell beginning with
//! `=`, `+`, `-` or `@` (or with a tab or a carriage return before one) is a formula to Excel,
//! LibreOffice and Google Sheets, so a label such as `=HYPERLINK("http://…")` written out as it is
//! would run when the file is opened. Written, such a cell gets a leading apostrophe, which
//! spreadsheets show as text and hide; a number (`-3`, `+1.5`) is left as it is. Read back, that
//! apostrophe is dropped again, so what Michi exports imports unchanged.

use std::borrow::Cow;

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` as it is safe to write to a CSV file.
pub fn guarded(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(TRIGGERS) && cell.trim().parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell read from a CSV file, without the apostrophe [`guarded`] put before a formula's start.
pub fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(TRIGGERS) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_written_as_text_and_read_back_as_written() {
        for cell in ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=", "-"]
        {
            let written = guarded(cell);
            assert_eq!(written, format!("'{cell}"), "{cell:?}");
            assert_eq!(unguarded(&written), cell);
        }
    }

    #[test]
    fn numbers_and_plain_text_are_left_alone() {
        for cell in ["-3", "+1.5", "-0.25", "1e3", "キックオフ", "a=b", "'quoted", "", "'x"] {
            assert_eq!(guarded(cell), cell);
            assert_eq!(unguarded(cell), cell);
        }
        // A cell that starts with an apostrophe and a trigger reads without the apostrophe: written
        // by Michi, it held a formula's text.
        assert_eq!(unguarded("'=1"), "=1");
    }
}
