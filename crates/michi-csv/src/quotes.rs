//! Quotes from a CSV file, one row per quote: date, account, perspective, text, tags (the columns
//! found by their headers, in Japanese or English). Every bad cell is named by line and column;
//! nothing is half-read.

use michi_core::element::Perspective;

use crate::dates::parse_column_datetime;
use crate::error::{CsvError, ProblemKind, Problems, RowProblem};
use crate::table::Table;

/// One quote as the file gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRow {
    pub line: u32,
    /// The conversation's date, seconds since 1970 (UTC).
    pub date: Option<f64>,
    pub account: String,
    pub perspective: Option<Perspective>,
    pub text: String,
    /// Tags, each a path of names from the top (`定着/朝礼`).
    pub tags: Vec<String>,
}

const DATE: &[&str] = &["日付", "日時", "date"];
const ACCOUNT: &[&str] = &["顧客", "アカウント", "account", "customer"];
const PERSPECTIVE: &[&str] = &["観点", "perspective"];
const TEXT: &[&str] = &["引用", "発言", "quote", "text"];
const TAGS: &[&str] = &["タグ", "tags", "tag"];

fn column(table: &Table, names: &[&str]) -> Option<usize> {
    table.headers.iter().position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
}

pub fn quotes(table: &Table) -> Result<Vec<QuoteRow>, CsvError> {
    let need = |names: &[&str], what: &str| {
        column(table, names)
            .ok_or_else(|| CsvError::Malformed(format!("no {what} column (one of: {})", names.join(", "))))
    };
    let (text_col, account_col) = (need(TEXT, "quote")?, need(ACCOUNT, "account")?);
    let (date_col, perspective_col, tags_col) = (column(table, DATE), column(table, PERSPECTIVE), column(table, TAGS));
    let order = match date_col {
        Some(c) => table.date_order(c, None)?,
        None => None,
    };
    let mut problems = Problems::default();
    let mut out = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let cell = |c: usize| row.cells.get(c).map(|s| s.trim()).unwrap_or("");
        let mut problem = |c: usize, kind: ProblemKind, message: String| {
            problems.push(RowProblem {
                line: row.line,
                column: table.headers[c].clone(),
                value: cell(c).to_string(),
                kind,
                message,
            });
        };
        let text = cell(text_col);
        if text.is_empty() {
            problem(text_col, ProblemKind::BadValue, "the quote is empty".into());
        }
        let account = cell(account_col);
        if account.is_empty() {
            problem(account_col, ProblemKind::EmptyAccount, "the account is empty".into());
        }
        let date = date_col.filter(|&c| !cell(c).is_empty()).and_then(|c| {
            let d = parse_column_datetime(cell(c), order);
            if d.is_none() {
                problem(c, ProblemKind::BadDate, format!("「{}」 is not a date Michi reads", cell(c)));
            }
            d
        });
        let perspective = perspective_col.filter(|&c| !cell(c).is_empty()).and_then(|c| {
            let p = Perspective::parse(cell(c));
            if p.is_none() {
                problem(c, ProblemKind::BadValue, format!("「{}」 is not one of the five perspectives (1–5)", cell(c)));
            }
            p
        });
        let tags = tags_col
            .map(|c| {
                cell(c).split([';', '、', ',']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
            })
            .unwrap_or_default();
        out.push(QuoteRow {
            line: row.line,
            date,
            account: account.to_string(),
            perspective,
            text: text.to_string(),
            tags,
        });
    }
    if problems.is_empty() { Ok(out) } else { Err(problems.into_error()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::read_table;

    #[test]
    fn quotes_are_read_by_their_headers_with_perspectives_by_number_or_name_and_tags_split() {
        let csv = "日付,顧客,観点,引用,タグ\n2026/01/15,山田製作所,1,現場が忙しくて入力が後回しになる,定着;定着/朝礼\n,B社,顧客の要望,グラフが欲しい,\n";
        let rows = quotes(&read_table(csv.as_bytes()).unwrap()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].perspective, Some(Perspective::Problem));
        assert_eq!(rows[0].tags, ["定着", "定着/朝礼"]);
        assert_eq!(rows[0].date, Some(1_768_435_200.0));
        assert_eq!(
            (rows[1].perspective, rows[1].date, rows[1].account.as_str()),
            (Some(Perspective::Request), None, "B社")
        );
        let en = "account,perspective,quote\nA,productOrOperation,It works\n";
        assert_eq!(
            quotes(&read_table(en.as_bytes()).unwrap()).unwrap()[0].perspective,
            Some(Perspective::ProductOrOperation)
        );
    }

    #[test]
    fn bad_cells_are_named_by_line_and_column_and_nothing_is_read() {
        let csv = "日付,顧客,観点,引用\n2026/13/45,A,1,ok\n2026/01/02,,6,\n";
        let Err(CsvError::Rows { problems, total }) = quotes(&read_table(csv.as_bytes()).unwrap()) else { panic!() };
        assert_eq!(total, 4);
        let at: Vec<(u32, &str)> = problems.iter().map(|p| (p.line, p.column.as_str())).collect();
        assert_eq!(at, [(2, "日付"), (3, "引用"), (3, "顧客"), (3, "観点")]);
        let missing = quotes(&read_table("日付,顧客\n2026/01/02,A\n".as_bytes()).unwrap()).unwrap_err();
        assert!(missing.to_string().contains("no quote column"), "{missing}");
    }
}
