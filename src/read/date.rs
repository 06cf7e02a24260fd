//! Publication dates: RFC 2822, ISO 8601, `2022-03-26 07:06`, bare dates.
//! A date without a zone is Beijing time; every result is given in +08:00.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

/// Beijing time, the zone every date is reported in.
pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

/// Parse a date as found in front matter, feeds and pages.
pub fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(d) = bare_date(s) {
        return beijing()
            .from_local_datetime(&d.and_hms_opt(0, 0, 0)?)
            .single();
    }
    parse_formats(s)
}

/// Every format [`parse_date`] knows, tried in turn (the slow path).
fn parse_formats(s: &str) -> Option<DateTime<FixedOffset>> {
    let bj = beijing();
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return digits_date(s);
    }
    // JavaScript's `Date.toString()`, which scraped feeds and exports
    // carry: `Thu Sep 05 2024 10:30:00 GMT+0800 (中国标准时间)`.
    let js = s.split_once(" (").map_or(s, |(d, _)| d).trim();
    if let Ok(d) = DateTime::parse_from_str(js, "%a %b %d %Y %H:%M:%S GMT%z") {
        return Some(d.with_timezone(&bj));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&bj));
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&bj));
    }
    for f in [
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return Some(d.with_timezone(&bj));
        }
    }
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return bj.from_local_datetime(&d).single();
        }
    }
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return bj.from_local_datetime(&d.and_hms_opt(0, 0, 0)?).single();
        }
    }
    loose(s)
}

/// A date written in digits only: `20240905` (a compact date), or Unix
/// time in seconds (9 or 10 digits) or milliseconds (12 or 13), as
/// exporters and scraped feeds write it.
pub fn digits_date(d: &str) -> Option<DateTime<FixedOffset>> {
    let bj = beijing();
    let v: i64 = d.parse().ok()?;
    match d.len() {
        8 => bj
            .from_local_datetime(
                &NaiveDate::parse_from_str(d, "%Y%m%d")
                    .ok()?
                    .and_hms_opt(0, 0, 0)?,
            )
            .single(),
        9 | 10 => bj.timestamp_opt(v, 0).single(),
        12 | 13 => bj.timestamp_millis_opt(v).single(),
        _ => None,
    }
}

/// Forms that feeds and pages write by hand: an English date without a
/// time or zone (`26 Mar 2022`, `Sat, 26 Mar 2022`, `Mar 26, 2022`), or a
/// Chinese date with its time (`2022年03月26日 07:06`). Beijing time unless
/// a zone is given.
fn loose(s: &str) -> Option<DateTime<FixedOffset>> {
    let bj = beijing();
    // The weekday adds nothing and is often wrong.
    let s = match s.split_once(',') {
        Some((day, rest)) if day.len() <= 9 && day.chars().all(|c| c.is_ascii_alphabetic()) => {
            rest.trim()
        }
        _ => s,
    };
    for f in ["%d %b %Y %H:%M:%S %z", "%d %b %Y %H:%M %z"] {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return Some(d.with_timezone(&bj));
        }
    }
    for f in [
        "%d %b %Y %H:%M:%S",
        "%d %b %Y %H:%M",
        "%b %d, %Y %H:%M:%S",
        "%b %d, %Y %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return bj.from_local_datetime(&d).single();
        }
    }
    for f in ["%d %b %Y", "%b %d, %Y", "%B %d, %Y", "%d %B %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return bj.from_local_datetime(&d.and_hms_opt(0, 0, 0)?).single();
        }
    }
    // A Chinese date must be the whole string, as the formats above are.
    let d = find_date_in_text(s, false)?;
    let digits = |t: &str| t.chars().filter(char::is_ascii_digit).count();
    let found = d.format("%Y%m%d%H%M%S").to_string();
    (s.contains('年') && digits(s) <= found.len() && s.chars().count() <= 24).then_some(d)
}

/// `2022-03-26`, the form nearly every front matter date has, read
/// without trying the formats below first (each parses its format string
/// anew). Every format tried before `%Y-%m-%d` needs more characters than
/// these ten, so a valid date here is the one the slow path finds; an
/// invalid one (`2022-02-30`) is left to the slow path.
fn bare_date(s: &str) -> Option<NaiveDate> {
    let b: &[u8; 10] = s.as_bytes().try_into().ok()?;
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

/// A full date written in running text, as bylines give it: `2022年03月26日
/// 07:06`, `2022-03-26 07:06:00`, `2022/3/26`, `2022.03.26`. The first such
/// date in `s` whose year is plausible; `with_time` asks for a time of day
/// too (a bare date in a page's chrome is as often another story's).
pub fn find_date_in_text(s: &str, with_time: bool) -> Option<DateTime<FixedOffset>> {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = RE
        .get_or_init(|| {
            regex::Regex::new(
                r"(?:^|[^0-9])((?:19|20)[0-9]{2})\s*(?:年|-|/|\.)\s*([0-9]{1,2})\s*(?:月|-|/|\.)\s*([0-9]{1,2})(?:\s*日)?(?:\s*([0-9]{1,2})\s*[:：]\s*([0-9]{2})(?:\s*[:：]\s*([0-9]{2}))?)?",
            )
            .ok()
        })
        .as_ref()?;
    re.captures_iter(s).find_map(|c| {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = NaiveDate::from_ymd_opt(num(1)? as i32, num(2)?, num(3)?)?;
        let time = match (num(4), num(5)) {
            (Some(h), Some(m)) => date.and_hms_opt(h, m, num(6).unwrap_or(0))?,
            _ if with_time => return None,
            _ => date.and_hms_opt(0, 0, 0)?,
        };
        beijing().from_local_datetime(&time).single()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    /// [`parse_date`] without the fast path for bare dates.
    fn parse_date_slowly(s: &str) -> Option<DateTime<FixedOffset>> {
        parse_formats(s.trim())
    }

    #[test]
    fn bare_dates_read_as_the_formats_read_them() {
        let mut cases: Vec<String> = vec![
            "0000-01-01",
            "0001-12-31",
            "1899-12-31",
            "1900-02-29",
            "2000-02-29",
            "2023-02-29",
            "2024-02-30",
            "2024-00-10",
            "2024-13-01",
            "2024-12-00",
            "2024-12-32",
            "9999-12-31",
            "2024-1-101",
            "2024/01/01",
            "2024-01-0a",
            "+202-01-01",
            "-202-01-01",
            "2024-01-1 ",
            " 2024-01-01",
            "２０２４-01-01",
            "2024-01-01T",
            "20240-1-01",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        let mut day = NaiveDate::from_ymd_opt(1895, 1, 1).unwrap();
        while day.year() < 2105 {
            cases.push(day.format("%Y-%m-%d").to_string());
            day = day.succ_opt().unwrap();
        }
        for s in &cases {
            assert_eq!(parse_date(s), parse_date_slowly(s), "{s:?}");
        }
    }

    #[test]
    fn gmt_front_matter_date_is_next_day_in_beijing() {
        let d = parse_date("Fri, 25 Mar 2022 23:06:09 GMT").unwrap();
        assert_eq!(d.to_rfc3339(), "2022-03-26T07:06:09+08:00");
    }

    #[test]
    fn dates_in_bylines() {
        let f = |s: &str, t: bool| find_date_in_text(s, t).map(|d| d.to_rfc3339());
        assert_eq!(
            f("新浪科技 2022年03月26日 07:06 IT之家", true).as_deref(),
            Some("2022-03-26T07:06:00+08:00")
        );
        assert_eq!(
            f("发布时间：2022-3-26 7:06:09", true).as_deref(),
            Some("2022-03-26T07:06:09+08:00")
        );
        assert_eq!(
            f("日期 2022.03.26", false).as_deref(),
            Some("2022-03-26T00:00:00+08:00")
        );
        // A bare date when a time is asked for; an impossible date; a
        // number that is not a year.
        assert_eq!(f("2022年3月26日", true), None);
        assert_eq!(f("2022-13-40 10:00", true), None);
        assert_eq!(f("订单号 120220326 10:00", true), None);
    }

    #[test]
    fn hand_written_dates() {
        let f = |s: &str| parse_date(s).map(|d| d.to_rfc3339());
        for (s, want) in [
            ("26 Mar 2022", "2022-03-26T00:00:00+08:00"),
            ("Sat, 26 Mar 2022", "2022-03-26T00:00:00+08:00"),
            ("Mar 26, 2022", "2022-03-26T00:00:00+08:00"),
            ("26 Mar 2022 07:06", "2022-03-26T07:06:00+08:00"),
            (
                "Sun, 26 Mar 2022 07:06:00 +0800",
                "2022-03-26T07:06:00+08:00",
            ),
            ("2022年03月26日 07:06", "2022-03-26T07:06:00+08:00"),
            ("2022年3月26日 07:06:09", "2022-03-26T07:06:09+08:00"),
        ] {
            assert_eq!(f(s).as_deref(), Some(want), "{s}");
        }
        for s in [
            "2022年03月26日 07:06 来源：新浪科技 123",
            "昨天",
            "26 Foo 2022",
        ] {
            assert_eq!(f(s), None, "{s}");
        }
    }

    #[test]
    fn zoneless_dates_are_beijing() {
        assert_eq!(
            parse_date("2022-03-26 07:06").unwrap().to_rfc3339(),
            "2022-03-26T07:06:00+08:00"
        );
        assert_eq!(
            parse_date("2024-02-20").unwrap().to_rfc3339(),
            "2024-02-20T00:00:00+08:00"
        );
        assert_eq!(
            parse_date("2022-03-25T23:06:09Z").unwrap().to_rfc3339(),
            "2022-03-26T07:06:09+08:00"
        );
    }
}
