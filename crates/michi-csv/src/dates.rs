//! Dates and times as people and spreadsheets write them: year first (2026/1/5, 2026年1月5日,
//! ISO 8601), day or month first with the year last (5/1/2026 — which of the two is decided from the
//! whole column, or asked), and Excel's serial day numbers (46027 is 2026-01-05).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// How a date with the year last orders its day and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum DateOrder {
    /// 31/12/2026
    DayFirst,
    /// 12/31/2026
    MonthFirst,
}

/// What a column's dates say about their order: the order a cell decides (a day above 12), and
/// whether some cells could be read either way while none decides (then the person is asked).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ColumnDates {
    pub order: Option<DateOrder>,
    pub ambiguous: bool,
}

/// The two numbers before the year of a date written year last (`a/b/yyyy`, `a-b-yyyy`,
/// `a.b.yyyy`, a time may follow), if it is one.
fn year_last(text: &str) -> Option<(u32, u32, i32, &str)> {
    // The shortest is `1/1/2026`: shorter cells (most values) are not looked at further.
    if text.len() < 8 {
        return None;
    }
    let text = text.trim();
    let (date, time) = match text.split_once([' ', 'T']) {
        Some((d, t)) => (d, t.trim()),
        None => (text, ""),
    };
    let sep = date.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let mut parts = date.split(sep);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, y.parse().ok()?, time))
}

/// The order the cells of a column show: a first number above 12 says day first, a second above
/// 12 month first; the first cell that says decides. Cells that could be either, with nothing
/// deciding, make the column ambiguous.
pub fn column_order<'a>(cells: impl IntoIterator<Item = &'a str>) -> ColumnDates {
    let mut order = ColumnOrder::default();
    for cell in cells {
        order.see(cell);
        if order.decided() {
            break;
        }
    }
    order.finish()
}

/// [`column_order`] cell by cell, for reading many columns in one pass over the rows.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ColumnOrder {
    order: Option<DateOrder>,
    either: bool,
}

impl ColumnOrder {
    pub(crate) fn decided(&self) -> bool {
        self.order.is_some()
    }

    /// Looks at the column's next cell (none after a cell decided).
    pub(crate) fn see(&mut self, cell: &str) {
        if let Some((a, b, _, _)) = year_last(cell) {
            if a > 12 && b <= 12 {
                self.order = Some(DateOrder::DayFirst);
            } else if b > 12 && a <= 12 {
                self.order = Some(DateOrder::MonthFirst);
            } else {
                self.either |= a != b;
            }
        }
    }

    pub(crate) fn finish(self) -> ColumnDates {
        match self.order {
            Some(order) => ColumnDates { order: Some(order), ambiguous: false },
            None => ColumnDates { order: None, ambiguous: self.either },
        }
    }
}

/// Excel's serial day number (days since 1899-12-30, a fraction for the time of day), for values a
/// date column plausibly holds (1927–2173).
fn excel_serial(text: &str) -> Option<f64> {
    let v: f64 = text.trim().parse().ok()?;
    if !(10_000.0..100_000.0).contains(&v) {
        return None;
    }
    Some((v - 25_569.0) * 86_400.0)
}

/// A date in a column whose order is `order`: as [`parse_datetime`], and also year-last dates in
/// that order and Excel serial numbers.
pub fn parse_column_datetime(text: &str, order: Option<DateOrder>) -> Option<f64> {
    if let Some(t) = parse_datetime(text) {
        return Some(t);
    }
    if let Some((a, b, y, time)) = year_last(text) {
        // Day and month the same: either order reads it.
        let order = if a == b { DateOrder::DayFirst } else { order? };
        let (day, month) = match order {
            DateOrder::DayFirst => (a, b),
            DateOrder::MonthFirst => (b, a),
        };
        let date = NaiveDate::from_ymd_opt(y, month, day)?;
        let time = if time.is_empty() {
            NaiveTime::MIN
        } else {
            NaiveTime::parse_from_str(time, "%H:%M:%S").or_else(|_| NaiveTime::parse_from_str(time, "%H:%M")).ok()?
        };
        return Some(date.and_time(time).and_utc().timestamp() as f64);
    }
    excel_serial(text).map(|s| (s * 1000.0).round() / 1000.0)
}

/// Formats tried in order (chrono's numeric fields accept missing leading zeros: 2026/1/5 9:05).
const DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S%.f",
    "%Y/%m/%d %H:%M",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日 %H時%M分",
];

const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"];

/// Seconds since 1970 of a date and time written in a common way. Times with an offset are taken
/// in UTC; times without one as they are written. A date alone is its midnight.
pub fn parse_datetime(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.timestamp() as f64);
    }
    for f in DATETIME_FORMATS {
        if let Ok(dt) = NaiveDateTime::parse_from_str(text, f) {
            return Some(dt.and_utc().timestamp() as f64 + f64::from(dt.and_utc().timestamp_subsec_millis()) / 1000.0);
        }
    }
    for f in DATE_FORMATS {
        if let Ok(d) = NaiveDate::parse_from_str(text, f) {
            return Some(d.and_hms_opt(0, 0, 0)?.and_utc().timestamp() as f64);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const JAN_5_2026_0905: f64 = 1_767_603_900.0;

    #[test]
    fn common_formats_agree() {
        for text in [
            "2026-01-05T09:05:00",
            "2026-01-05 09:05",
            "2026/1/5 9:05",
            "2026/01/05 09:05:00",
            "2026.01.05 09:05",
            "2026年1月5日 9:05",
            "2026年1月5日 9時05分",
            "2026-01-05T09:05:00Z",
            "2026-01-05T18:05:00+09:00",
        ] {
            assert_eq!(parse_datetime(text), Some(JAN_5_2026_0905), "{text}");
        }
    }

    #[test]
    fn dates_alone_are_midnight() {
        let midnight = JAN_5_2026_0905 - 9.0 * 3600.0 - 5.0 * 60.0;
        for text in ["2026-01-05", "2026/1/5", "2026年1月5日", "20260105"] {
            assert_eq!(parse_datetime(text), Some(midnight), "{text}");
        }
    }

    #[test]
    fn a_column_decides_day_or_month_first_and_says_when_it_cannot() {
        let order = |cells: &[&str]| column_order(cells.iter().copied());
        let day = ColumnDates { order: Some(DateOrder::DayFirst), ambiguous: false };
        let month = ColumnDates { order: Some(DateOrder::MonthFirst), ambiguous: false };
        // One day above 12 anywhere decides the column.
        assert_eq!(order(&["3/4/2026", "1/2/2026", "25/4/2026 9:00"]), day);
        assert_eq!(order(&["3/4/2026", "4/25/2026"]), month);
        // Nothing decides: asked. Equal day and month, or year-first dates only: nothing to ask.
        assert_eq!(order(&["3/4/2026", "1/2/2026"]), ColumnDates { order: None, ambiguous: true });
        assert_eq!(order(&["3/3/2026", "2026/4/25"]), ColumnDates::default());
        // Read in the order given.
        let march_4 = parse_datetime("2026-03-04").unwrap();
        assert_eq!(parse_column_datetime("4/3/2026", Some(DateOrder::DayFirst)), Some(march_4));
        assert_eq!(parse_column_datetime("3/4/2026", Some(DateOrder::MonthFirst)), Some(march_4));
        assert_eq!(parse_column_datetime("04-03-2026 09:30", Some(DateOrder::DayFirst)), Some(march_4 + 9.5 * 3600.0));
        assert_eq!(parse_column_datetime("3/4/2026", None), None, "never guessed");
        assert_eq!(parse_column_datetime("31/4/2026", Some(DateOrder::DayFirst)), None, "no 31 April");
    }

    #[test]
    fn excel_serial_numbers_are_dates() {
        let jan_5 = JAN_5_2026_0905 - 9.0 * 3600.0 - 5.0 * 60.0;
        assert_eq!(parse_column_datetime("46027", None), Some(jan_5));
        assert_eq!(parse_column_datetime("46027.5", None), Some(jan_5 + 12.0 * 3600.0));
        // Too small or large to be a date a CSV holds; and yyyymmdd stays a date.
        assert_eq!(parse_column_datetime("2026", None), None);
        assert_eq!(parse_column_datetime("20260105", None), Some(jan_5));
    }

    #[test]
    fn nonsense_is_not_a_date() {
        for text in ["", "明日", "2026/13/45", "5/1/2026 9:05", "yesterday"] {
            assert_eq!(parse_datetime(text), None, "{text}");
        }
    }
}
