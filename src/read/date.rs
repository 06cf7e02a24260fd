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
    let bj = beijing();
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&bj));
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&bj));
    }
    for f in ["%Y-%m-%d %H:%M:%S%.f%:z", "%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S %z"] {
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
            return bj
                .from_local_datetime(&d.and_hms_opt(0, 0, 0)?)
                .single();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmt_front_matter_date_is_next_day_in_beijing() {
        let d = parse_date("Fri, 25 Mar 2022 23:06:09 GMT").unwrap();
        assert_eq!(d.to_rfc3339(), "2022-03-26T07:06:09+08:00");
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
