//! Calendar arithmetic the tagger needs beyond chrono: lunar festivals,
//! Easter, n-th weekdays, quarters and ISO weeks.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The lunar festivals the table below knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lunar {
    NewYear,
    DragonBoat,
    MidAutumn,
    DoubleNinth,
}

/// Gregorian date of a lunar festival in Gregorian `year` (the festival of
/// the lunar year that starts in `year`).
pub fn lunar_festival(year: i32, f: Lunar) -> Option<NaiveDate> {
    let row = LUNAR_FESTIVALS.get(usize::try_from(year - LUNAR_FIRST_YEAR).ok()?)?;
    let (m, d) = row[f as usize];
    NaiveDate::from_ymd_opt(year, u32::from(m), u32::from(d))
}

/// Western Easter Sunday (anonymous Gregorian algorithm).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Orthodox Easter Sunday in the Gregorian calendar (Meeus' Julian
/// algorithm; the 13-day offset holds for 1900-2099).
pub fn orthodox_easter(year: i32) -> Option<NaiveDate> {
    let a = year % 4;
    let b = year % 7;
    let c = year % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    let julian = NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)?;
    Some(julian + Duration::days(13))
}

/// The `n`-th `wd` of a month (n >= 1).
pub fn nth_weekday(year: i32, month: u32, wd: Weekday, n: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, wd, u8::try_from(n).ok()?)
}

/// First day of quarter `q` (1-4).
pub fn quarter_start(year: i32, q: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, q.checked_sub(1)? * 3 + 1, 1)
}

/// Last day of quarter `q` (1-4).
pub fn quarter_end(year: i32, q: u32) -> Option<NaiveDate> {
    let next = if q >= 4 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, q * 3 + 1, 1)?
    };
    next.pred_opt()
}

/// Quarter (1-4) of a month.
pub fn quarter_of(month: u32) -> u32 {
    (month.clamp(1, 12) - 1) / 3 + 1
}

/// Shift a (year, month) by `delta` months.
pub fn add_months(year: i32, month: u32, delta: i32) -> (i32, u32) {
    let idx = year * 12 + month as i32 - 1 + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// Last day of a month.
pub fn month_len(year: i32, month: u32) -> u32 {
    let (y, m) = add_months(year, month, 1);
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| d.day())
}

/// Gregorian (month, day) of the lunar festivals, one row per year from
/// [`LUNAR_FIRST_YEAR`]: 春节 (1/1), 端午 (5/5), 中秋 (8/15), 重阳 (9/9).
pub const LUNAR_FIRST_YEAR: i32 = 1950;
#[rustfmt::skip]
pub const LUNAR_FESTIVALS: [[(u8, u8); 4]; 101] = [
    [(2, 17), (6, 19), (9, 26), (10, 19)], // 1950
    [(2, 6), (6, 9), (9, 15), (10, 9)], // 1951
    [(1, 27), (5, 28), (10, 3), (10, 27)], // 1952
    [(2, 14), (6, 15), (9, 22), (10, 16)], // 1953
    [(2, 3), (6, 5), (9, 11), (10, 5)], // 1954
    [(1, 24), (6, 24), (9, 30), (10, 24)], // 1955
    [(2, 12), (6, 13), (9, 19), (10, 12)], // 1956
    [(1, 31), (6, 2), (9, 8), (10, 31)], // 1957
    [(2, 18), (6, 21), (9, 27), (10, 21)], // 1958
    [(2, 8), (6, 10), (9, 17), (10, 10)], // 1959
    [(1, 28), (5, 29), (10, 5), (10, 28)], // 1960
    [(2, 15), (6, 17), (9, 24), (10, 18)], // 1961
    [(2, 5), (6, 6), (9, 13), (10, 7)], // 1962
    [(1, 25), (6, 25), (10, 2), (10, 25)], // 1963
    [(2, 13), (6, 14), (9, 20), (10, 14)], // 1964
    [(2, 2), (6, 4), (9, 10), (10, 3)], // 1965
    [(1, 21), (6, 23), (9, 29), (10, 22)], // 1966
    [(2, 9), (6, 12), (9, 18), (10, 12)], // 1967
    [(1, 30), (5, 31), (10, 6), (10, 30)], // 1968
    [(2, 17), (6, 19), (9, 26), (10, 19)], // 1969
    [(2, 6), (6, 8), (9, 15), (10, 8)], // 1970
    [(1, 27), (5, 28), (10, 3), (10, 27)], // 1971
    [(2, 15), (6, 15), (9, 22), (10, 15)], // 1972
    [(2, 3), (6, 5), (9, 11), (10, 4)], // 1973
    [(1, 23), (6, 24), (9, 30), (10, 23)], // 1974
    [(2, 11), (6, 14), (9, 20), (10, 13)], // 1975
    [(1, 31), (6, 2), (9, 8), (10, 31)], // 1976
    [(2, 18), (6, 21), (9, 27), (10, 21)], // 1977
    [(2, 7), (6, 10), (9, 17), (10, 10)], // 1978
    [(1, 28), (5, 30), (10, 5), (10, 29)], // 1979
    [(2, 16), (6, 17), (9, 23), (10, 17)], // 1980
    [(2, 5), (6, 6), (9, 12), (10, 6)], // 1981
    [(1, 25), (6, 25), (10, 1), (10, 25)], // 1982
    [(2, 13), (6, 15), (9, 21), (10, 14)], // 1983
    [(2, 2), (6, 4), (9, 10), (10, 3)], // 1984
    [(2, 20), (6, 22), (9, 29), (10, 22)], // 1985
    [(2, 9), (6, 11), (9, 18), (10, 12)], // 1986
    [(1, 29), (5, 31), (10, 7), (10, 31)], // 1987
    [(2, 17), (6, 18), (9, 25), (10, 19)], // 1988
    [(2, 6), (6, 8), (9, 14), (10, 8)], // 1989
    [(1, 27), (5, 28), (10, 3), (10, 26)], // 1990
    [(2, 15), (6, 16), (9, 22), (10, 16)], // 1991
    [(2, 4), (6, 5), (9, 11), (10, 4)], // 1992
    [(1, 23), (6, 24), (9, 30), (10, 23)], // 1993
    [(2, 10), (6, 13), (9, 20), (10, 13)], // 1994
    [(1, 31), (6, 2), (9, 9), (11, 1)], // 1995
    [(2, 19), (6, 20), (9, 27), (10, 20)], // 1996
    [(2, 7), (6, 9), (9, 16), (10, 10)], // 1997
    [(1, 28), (5, 30), (10, 5), (10, 28)], // 1998
    [(2, 16), (6, 18), (9, 24), (10, 17)], // 1999
    [(2, 5), (6, 6), (9, 12), (10, 6)], // 2000
    [(1, 24), (6, 25), (10, 1), (10, 25)], // 2001
    [(2, 12), (6, 15), (9, 21), (10, 14)], // 2002
    [(2, 1), (6, 4), (9, 11), (10, 4)], // 2003
    [(1, 22), (6, 22), (9, 28), (10, 22)], // 2004
    [(2, 9), (6, 11), (9, 18), (10, 11)], // 2005
    [(1, 29), (5, 31), (10, 6), (10, 30)], // 2006
    [(2, 18), (6, 19), (9, 25), (10, 19)], // 2007
    [(2, 7), (6, 8), (9, 14), (10, 7)], // 2008
    [(1, 26), (5, 28), (10, 3), (10, 26)], // 2009
    [(2, 14), (6, 16), (9, 22), (10, 16)], // 2010
    [(2, 3), (6, 6), (9, 12), (10, 5)], // 2011
    [(1, 23), (6, 23), (9, 30), (10, 23)], // 2012
    [(2, 10), (6, 12), (9, 19), (10, 13)], // 2013
    [(1, 31), (6, 2), (9, 8), (10, 2)], // 2014
    [(2, 19), (6, 20), (9, 27), (10, 21)], // 2015
    [(2, 8), (6, 9), (9, 15), (10, 9)], // 2016
    [(1, 28), (5, 30), (10, 4), (10, 28)], // 2017
    [(2, 16), (6, 18), (9, 24), (10, 17)], // 2018
    [(2, 5), (6, 7), (9, 13), (10, 7)], // 2019
    [(1, 25), (6, 25), (10, 1), (10, 25)], // 2020
    [(2, 12), (6, 14), (9, 21), (10, 14)], // 2021
    [(2, 1), (6, 3), (9, 10), (10, 4)], // 2022
    [(1, 22), (6, 22), (9, 29), (10, 23)], // 2023
    [(2, 10), (6, 10), (9, 17), (10, 11)], // 2024
    [(1, 29), (5, 31), (10, 6), (10, 29)], // 2025
    [(2, 17), (6, 19), (9, 25), (10, 18)], // 2026
    [(2, 6), (6, 9), (9, 15), (10, 8)], // 2027
    [(1, 26), (5, 28), (10, 3), (10, 26)], // 2028
    [(2, 13), (6, 16), (9, 22), (10, 16)], // 2029
    [(2, 3), (6, 5), (9, 12), (10, 5)], // 2030
    [(1, 23), (6, 24), (10, 1), (10, 24)], // 2031
    [(2, 11), (6, 12), (9, 19), (10, 12)], // 2032
    [(1, 31), (6, 1), (9, 8), (10, 1)], // 2033
    [(2, 19), (6, 20), (9, 27), (10, 20)], // 2034
    [(2, 8), (6, 10), (9, 16), (10, 9)], // 2035
    [(1, 28), (5, 30), (10, 4), (10, 27)], // 2036
    [(2, 15), (6, 18), (9, 24), (10, 17)], // 2037
    [(2, 4), (6, 7), (9, 13), (10, 7)], // 2038
    [(1, 24), (5, 27), (10, 2), (10, 26)], // 2039
    [(2, 12), (6, 14), (9, 20), (10, 14)], // 2040
    [(2, 1), (6, 3), (9, 10), (10, 3)], // 2041
    [(1, 22), (6, 22), (9, 28), (10, 22)], // 2042
    [(2, 10), (6, 11), (9, 17), (10, 11)], // 2043
    [(1, 30), (5, 31), (10, 5), (10, 29)], // 2044
    [(2, 17), (6, 19), (9, 25), (10, 18)], // 2045
    [(2, 6), (6, 8), (9, 15), (10, 8)], // 2046
    [(1, 26), (5, 29), (10, 4), (10, 27)], // 2047
    [(2, 14), (6, 15), (9, 22), (10, 16)], // 2048
    [(2, 2), (6, 4), (9, 11), (10, 5)], // 2049
    [(1, 23), (6, 23), (9, 30), (10, 24)], // 2050
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lunar_festivals_of_2023() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(lunar_festival(2023, Lunar::NewYear), d(2023, 1, 22));
        assert_eq!(lunar_festival(2023, Lunar::DragonBoat), d(2023, 6, 22));
        assert_eq!(lunar_festival(2023, Lunar::MidAutumn), d(2023, 9, 29));
        assert_eq!(lunar_festival(1800, Lunar::MidAutumn), None);
    }

    #[test]
    fn easter_dates() {
        assert_eq!(easter(2013), NaiveDate::from_ymd_opt(2013, 3, 31));
        assert_eq!(easter(2024), NaiveDate::from_ymd_opt(2024, 3, 31));
        assert_eq!(orthodox_easter(2013), NaiveDate::from_ymd_opt(2013, 5, 5));
    }

    #[test]
    fn month_arithmetic() {
        assert_eq!(add_months(2022, 1, -2), (2021, 11));
        assert_eq!(add_months(2022, 12, 1), (2023, 1));
        assert_eq!(month_len(2024, 2), 29);
        assert_eq!(quarter_end(2023, 3), NaiveDate::from_ymd_opt(2023, 9, 30));
    }
}
