//! Dates and times as people and spreadsheets write them.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

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
    fn nonsense_is_not_a_date() {
        for text in ["", "明日", "2026/13/45", "5/1/2026 9:05", "yesterday"] {
            assert_eq!(parse_datetime(text), None, "{text}");
        }
    }
}
