//! Normalization: turn recognized expressions into TIMEX3 values, anchoring
//! deictic ones on the reference (publication time) and anaphoric ones on
//! the narrative (the last absolute time before them).

use super::calendar::{self, add_days, add_months, quarter_of, quarter_start};
use super::lexicon::Fest;
use super::recognize::{
    Century, DaySpec, Dur, Kind, MonthSpec, Part, Point, Raw, Sub, YearSpec, D, H, MI, MO, S, W, Y,
};
use crate::model::{Span, Timex, TimexMod, TimexType};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

/// A resolved calendar value.
#[derive(Debug, Clone, PartialEq)]
struct Val {
    /// `None` for a generic year (XXXX).
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    quarter: Option<u32>,
    half: Option<u32>,
    /// (ISO year, ISO week), with a weekend flag.
    week: Option<(i32, u32, bool)>,
    /// `T10`, `TMO`, `T17:44`.
    time: Option<String>,
    season: Option<&'static str>,
}

impl Val {
    fn year(y: Option<i32>) -> Val {
        Val {
            year: y,
            month: None,
            day: None,
            quarter: None,
            half: None,
            week: None,
            time: None,
            season: None,
        }
    }
    fn date(d: NaiveDate) -> Val {
        Val {
            month: Some(d.month()),
            day: Some(d.day()),
            ..Val::year(Some(d.year()))
        }
    }
    fn naive_date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)
    }
    fn format(&self) -> String {
        // One buffer written in place: this runs for every expression, and
        // a `format!` per part allocated each time.
        let mut s = String::with_capacity(16);
        if let Some((wy, w, we)) = self.week {
            push_padded(&mut s, i64::from(wy), 4);
            s.push_str("-W");
            push_padded(&mut s, i64::from(w), 2);
            if we {
                s.push_str("-WE");
            }
            return s;
        }
        match self.year {
            Some(y) => push_padded(&mut s, i64::from(y), 4),
            None => s.push_str("XXXX"),
        }
        if let Some(q) = self.quarter {
            s.push_str("-Q");
            push_padded(&mut s, i64::from(q), 1);
        } else if let Some(se) = self.season {
            s.push('-');
            s.push_str(se);
        } else if let Some(h) = self.half {
            s.push_str("-H");
            push_padded(&mut s, i64::from(h), 1);
        } else if let Some(m) = self.month {
            s.push('-');
            push_padded(&mut s, i64::from(m), 2);
            if let Some(d) = self.day {
                s.push('-');
                push_padded(&mut s, i64::from(d), 2);
            }
        }
        if let Some(t) = &self.time {
            s.push_str(t);
        }
        s
    }
    /// The quarter this value lies in, if it is that fine.
    fn quarter_of(&self) -> Option<(i32, u32)> {
        let y = self.year?;
        if let Some(q) = self.quarter {
            return Some((y, q));
        }
        self.month.map(|m| (y, quarter_of(m)))
    }
}

/// `n` as `format!("{n:0width$}")` writes it: the digits by hand for the
/// small non-negative numbers of calendar values, the formatter for the rest.
pub(crate) fn push_padded(s: &mut String, n: i64, width: usize) {
    if !(0..10_000).contains(&n) || width > 4 {
        use std::fmt::Write;
        let _ = write!(s, "{n:0width$}");
        return;
    }
    let digits = match n {
        0..10 => 1,
        10..100 => 2,
        100..1000 => 3,
        _ => 4,
    };
    for _ in digits..width {
        s.push('0');
    }
    let mut div = [1, 10, 100, 1000].get(digits - 1).copied().unwrap_or(1);
    while div > 0 {
        s.push(char::from(b'0' + (n / div % 10) as u8));
        div /= 10;
    }
}

#[cfg(test)]
#[test]
fn push_padded_writes_what_format_writes() {
    for n in [
        -12_345, -10, -1, 0, 1, 9, 10, 42, 99, 100, 999, 1000, 2024, 9999, 10_000, 123_456,
    ] {
        for width in 0..6 {
            let mut s = String::new();
            push_padded(&mut s, n, width);
            assert_eq!(s, format!("{n:0width$}"), "{n} {width}");
        }
    }
}

/// The cue tests read each clause once; they must say what a search per
/// cue word says.
#[cfg(test)]
#[test]
fn one_pass_cues_agree_with_a_search_per_word() {
    fn future_plain(c: &str) -> bool {
        if FUTURE_CUES.iter().any(|w| c.contains(w)) {
            return true;
        }
        let cs: Vec<char> = c.chars().collect();
        cs.iter().enumerate().any(|(k, &ch)| {
            ch == '会'
                && k.checked_sub(1).and_then(|p| cs.get(p)).is_none_or(|p| {
                    !"社机协员大年开峰博都学工商省委理董总约聚例宴晚舞盛庙".contains(*p)
                })
                && cs
                    .get(k + 1)
                    .is_none_or(|n| !"议员长谈展上场计所务面见费同商签话堂馆".contains(*n))
        })
    }
    fn past_plain(c: &str) -> (bool, bool) {
        let strong = c.contains("以来");
        (
            strong || ["已", "曾", "了"].iter().any(|w| c.contains(w)),
            strong,
        )
    }
    let alphabet: Vec<char> = "将预计划即拟有望准备打算会议社员以来已曾了年月在的，"
        .chars()
        .collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut texts: Vec<String> = [
        "",
        "会",
        "社会",
        "会议",
        "将于",
        "预计将",
        "以来",
        "以",
        "来",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for _ in 0..20_000 {
        let len = 1 + next(8);
        texts.push((0..len).map(|_| alphabet[next(alphabet.len())]).collect());
    }
    for t in &texts {
        let r = Resolver::new(t, None);
        let c = r.clause(0, 0);
        assert_eq!(r.future_cue(0, 0), future_plain(c), "{t}");
        assert_eq!(r.past_cue(0, 0), past_plain(c), "{t}");
    }
}

/// Walks the expressions in order and keeps the narrative state.
pub struct Resolver<'a> {
    text: &'a str,
    reference: Option<NaiveDateTime>,
    /// Last absolute time mentioned.
    anchor: Option<(Val, usize)>,
    /// Year of the last expression with a year, in the current paragraph.
    para_year: Option<i32>,
    para_start: usize,
    /// The period being reported on (for 同期, 本季度): the latest absolute
    /// period, not lowered by comparisons with earlier years.
    reported: Option<Val>,
    /// Dates before this byte are generic (每年4月1日).
    generic_until: usize,
    /// The last period told plainly (no day, no mod: 2023年三季度, not
    /// 2020年以来), and where: what a 同期 later in its sentence compares
    /// with.
    period: Option<(Val, usize)>,
    /// The last date with a day, and where it was written: 当晚 and 次日
    /// after 1月8日 mean that day even when a coarser time (今年前三季度)
    /// came between.
    day_anchor: Option<(NaiveDate, usize)>,
    /// (clause start, end) of the last bare year: a second year in the same
    /// clause is a comparison (今年…在去年高位运行的基础上).
    clause_year: Option<(usize, usize, i32)>,
    /// In undated text, the last month-day with no year and where it was
    /// written: a time after it (2月10日…10:00) is on that day.
    undated_day: Option<(u32, u32, usize)>,
    /// Where the last time on every day (营业时间10:00-19:00) ended: a time
    /// after it in the paragraph with no date told between (，下午14:00至
    /// 16:00; 当日19:00前离校) is on every day too.
    daily_at: Option<usize>,
}

/// The marks that end a clause; a pattern rather than `str::contains`, as
/// the clause searches test every character they pass.
fn is_clause_stop(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '！' | '？' | ',' | ';' | '!' | '?' | '\n' | '：' | ':'
    )
}

fn is_sentence_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '\n')
}

const FUTURE_CUES: &[&str] = &["将", "预计", "计划", "即将", "拟", "有望", "准备", "打算"];

impl<'a> Resolver<'a> {
    pub fn new(text: &'a str, reference: Option<NaiveDateTime>) -> Self {
        Resolver {
            text,
            reference,
            anchor: None,
            para_year: None,
            para_start: 0,
            reported: None,
            generic_until: 0,
            period: None,
            day_anchor: None,
            clause_year: None,
            undated_day: None,
            daily_at: None,
        }
    }

    fn ref_date(&self) -> Option<NaiveDate> {
        self.reference.map(|r| r.date())
    }

    /// The clause around `start..end` (between ，。；！？ and line breaks).
    fn clause(&self, start: usize, end: usize) -> &'a str {
        let t = self.text;
        let a = t
            .get(..start)
            .and_then(|s| {
                s.char_indices()
                    .rev()
                    .find(|(_, c)| is_clause_stop(*c))
                    .map(|(i, c)| i + c.len_utf8())
            })
            .unwrap_or(0);
        let b = t
            .get(end..)
            .and_then(|s| {
                s.char_indices()
                    .find(|(_, c)| is_clause_stop(*c))
                    .map(|(i, _)| end + i)
            })
            .unwrap_or(t.len());
        t.get(a..b).unwrap_or("")
    }

    fn future_cue(&self, start: usize, end: usize) -> bool {
        let c = self.clause(start, end);
        // One pass for the words and 会: a word anywhere, or a 会 that says
        // "will", is a cue, so the first found decides.
        let mut prev: Option<char> = None;
        let mut it = c.char_indices().peekable();
        while let Some((k, ch)) = it.next() {
            if matches!(ch, '将' | '预' | '计' | '即' | '拟' | '有' | '准' | '打')
                && c.get(k..)
                    .is_some_and(|r| FUTURE_CUES.iter().any(|w| r.starts_with(w)))
            {
                return true;
            }
            // 会 as "will" (会在, 会逐步), not in 会议, 社会, 委员会.
            if ch == '会' {
                let next = it.peek().map(|&(_, n)| n);
                let p_ok = prev.is_none_or(|p| {
                    !"社机协员大年开峰博都学工商省委理董总约聚例宴晚舞盛庙".contains(p)
                });
                let n_ok =
                    next.is_none_or(|n| !"议员长谈展上场计所务面见费同商签话堂馆".contains(n));
                if p_ok && n_ok {
                    return true;
                }
            }
            prev = Some(ch);
        }
        false
    }

    /// The clause speaks of many years (连续多年, 历年): a holiday in it is
    /// every year's.
    fn many_years(&self, raw: &Raw) -> bool {
        let c = self.clause(raw.start, raw.end);
        ["多年", "历年", "每年", "往年", "历届", "每届"]
            .iter()
            .any(|w| c.contains(w))
    }

    /// A fixed-date holiday in a sentence that has moved past the story's
    /// point (此后…仅限于618或双十一期间, 在之后的发展中，前有双11压场)
    /// names no one year: it is every year's (XXXX-11-11). A holiday with
    /// its own year (当年双十一, 2023年双11) is that year's.
    fn yearly_after(&self, raw: &Raw, f: Fest) -> bool {
        if !matches!(f, Fest::Fixed(..)) {
            return false;
        }
        let before = self.text.get(..raw.start).unwrap_or("");
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| is_sentence_stop(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let sentence = before.get(start..).unwrap_or("");
        ["此后", "之后", "以后", "此後", "之後"]
            .iter()
            .any(|w| sentence.contains(w))
    }

    /// In undated text, what a deictic day or weekday can still say: 今天
    /// is the writer's present (`PRESENT_REF`), 昨天 and 明天 lie on either
    /// side of it, 28日 is `XXXX-XX-28` and 周三 `XXXX-WXX-3` (TIMEX3 leaves
    /// unknown parts as X). `None` leaves the expression to the ordinary
    /// rules (a story's own date, or nothing).
    fn undated_deictic(&self, p: &Point, raw: &Raw) -> Option<String> {
        if p.year != YearSpec::None
            || p.month.is_some()
            || p.fest.is_some()
            || p.sub.is_some()
            || p.nth_week.is_some()
        {
            return None;
        }
        let side = |n: i32| {
            if n < 0 {
                "PAST_REF"
            } else {
                "FUTURE_REF"
            }
        };
        let timed = p.clock.is_some() || p.part.is_some();
        // The time of day on an unknown date: T10 after the given prefix.
        let time = |prefix: String, d: NaiveDate| -> Option<String> {
            if !timed {
                return Some(prefix);
            }
            let (d2, t) = time_of_day(d, p.part, p.clock, true, None)?;
            (d2 == d).then(|| prefix + &t)
        };
        let base = NaiveDate::from_ymd_opt(2000, 1, 3)?;
        match (p.day, p.weekday) {
            (Some(DaySpec::Rel(0)), None) if !timed => Some("PRESENT_REF".to_string()),
            (Some(DaySpec::Rel(0)), None) => time("XXXX-XX-XX".to_string(), base),
            (Some(DaySpec::Rel(n)), None) => Some(side(n).to_string()),
            (Some(DaySpec::Abs(dd)), None) => {
                // A month told in the paragraph dates it the ordinary way.
                if matches!(&self.anchor, Some((a, at)) if *at >= self.para_start && a.month.is_some() && a.year.is_some())
                {
                    return None;
                }
                let told = self
                    .undated_day
                    .filter(|(_, _, at)| *at >= self.para_start)
                    .map(|(m, _, _)| m);
                // Read on a leap year's month of 31 days unless one is told.
                let d = NaiveDate::from_ymd_opt(2000, told.unwrap_or(1), dd)?;
                let prefix = match told {
                    Some(m) => format!("XXXX-{m:02}-{dd:02}"),
                    None => format!("XXXX-XX-{dd:02}"),
                };
                time(prefix, d)
            }
            (None, Some((rel, wd))) => {
                // 7月8日（周六）: the date just told.
                let bracketed = self
                    .text
                    .get(..raw.start)
                    .is_some_and(|b| b.ends_with('（') || b.ends_with('('));
                if bracketed && rel.is_none() {
                    if matches!(&self.anchor, Some((a, _)) if a.naive_date().is_some_and(|d| d.weekday() == wd))
                    {
                        return None;
                    }
                    if let Some((m, d, _)) = self.undated_day {
                        return Some(format!("XXXX-{m:02}-{d:02}"));
                    }
                }
                match rel {
                    Some(n) if n != 0 => Some(side(n).to_string()),
                    _ => {
                        let d = base + Duration::days(i64::from(wd.num_days_from_monday()));
                        time(format!("XXXX-WXX-{}", wd.number_from_monday()), d)
                    }
                }
            }
            _ => None,
        }
    }

    /// A time on every day was told in this paragraph and no date since.
    fn after_daily(&self) -> bool {
        self.daily_at.is_some_and(|d| {
            d >= self.para_start && self.anchor.as_ref().is_none_or(|(_, at)| *at < d)
        })
    }

    /// A daily cue (每天, 营业时间) earlier in the clause of `at`; a colon
    /// does not end it (营业时间：10:00).
    fn daily(&self, at: usize) -> bool {
        let before = self.text.get(..at).unwrap_or("");
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| "，。；！？,;!?\n".contains(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let clause = before.get(start..).unwrap_or("");
        // 每日经济新闻 is a newspaper.
        let every_day = clause.match_indices("每日").any(|(i, w)| {
            !clause
                .get(i + w.len()..)
                .is_some_and(|r| r.starts_with("经济"))
        });
        every_day
            || [
                "每天",
                "每晚",
                "每早",
                "天天",
                "营业时间",
                "营业时段",
                "开放时间",
                "服务时间",
                "办公时间",
                "工作时间",
                "开馆时间",
                "时段",
                "开放日",
            ]
            .iter()
            .any(|w| clause.contains(w))
    }

    /// Completed-action cues in the clause: (any, strong). 以来 (since)
    /// cannot point ahead; 已, 曾, 了 usually do not.
    fn past_cue(&self, start: usize, end: usize) -> (bool, bool) {
        let c = self.clause(start, end);
        // One pass over the clause rather than a search per cue.
        let mut any = false;
        let mut prev = None;
        for ch in c.chars() {
            match ch {
                '来' if prev == Some('以') => return (true, true),
                '已' | '曾' | '了' => any = true,
                _ => {}
            }
            prev = Some(ch);
        }
        (any, false)
    }

    /// Resolve one expression; `None` when it cannot be valued.
    pub fn resolve(&mut self, raw: &Raw) -> Option<Timex> {
        // A new paragraph drops the paragraph's year.
        if let Some(nl) = self
            .text
            .get(self.para_start..raw.start)
            .and_then(|s| s.rfind('\n'))
        {
            self.para_start += nl + 1;
            self.para_year = None;
        }
        let span = Span::new(raw.start, raw.end);
        let text = self.text.get(raw.start..raw.end).unwrap_or("");
        let mk = |kind, value: String, modifier| Timex {
            span,
            text: text.to_string(),
            kind,
            value,
            modifier,
        };
        match &raw.kind {
            Kind::GenericMarker => {
                self.generic_until = self.sentence_end(raw.end);
                None
            }
            Kind::Ref(v) => {
                if text == "往年" {
                    self.generic_until = self.clause_end(raw.end);
                }
                Some(mk(TimexType::Date, (*v).to_string(), None))
            }
            Kind::Near => {
                let v = if self.future_cue(raw.start, raw.end) {
                    "FUTURE_REF"
                } else {
                    "PAST_REF"
                };
                Some(mk(TimexType::Date, v.to_string(), None))
            }
            Kind::Set(v) => Some(mk(TimexType::Set, v.clone(), None)),
            Kind::Era(c, d) => {
                let ry = self.ref_date().map(|r| r.year());
                let v = match (c, d) {
                    (Century::Abs(c), None) => format!("{c:02}"),
                    (Century::Abs(c), Some(d)) => format!("{c:02}{d}"),
                    (Century::Rel(n), d) => {
                        let c = ry? / 100 + n;
                        match d {
                            Some(d) => format!("{c:02}{d}"),
                            None => format!("{c:02}"),
                        }
                    }
                    (Century::None, Some(d)) => {
                        let ry = ry.unwrap_or(2000);
                        let mut c = ry / 100;
                        if c * 100 + *d as i32 * 10 > ry {
                            c -= 1;
                        }
                        format!("{c:02}{d}")
                    }
                    (Century::None, None) => return None,
                };
                Some(mk(TimexType::Date, v, raw.modifier))
            }
            Kind::Duration(d) => Some(mk(TimexType::Duration, d.value(), raw.modifier)),
            Kind::Anaphor => {
                let v = match &self.anchor {
                    Some((a, _)) => a.format(),
                    None => "PAST_REF".to_string(),
                };
                Some(mk(TimexType::Date, v, None))
            }
            Kind::AfterAnaphor => {
                let (a, _) = self.anchor.as_ref()?;
                Some(mk(TimexType::Date, a.format(), Some(TimexMod::After)))
            }
            Kind::Offset(d, sign) => {
                let Some(v) = self.offset(d, *sign, raw) else {
                    // Undated text with no story date to count from: all
                    // that is known is the side of the present (三天后).
                    if self.reference.is_some() {
                        return None;
                    }
                    let v = if *sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
                    return Some(mk(TimexType::Date, v.to_string(), None));
                };
                let kind = if v.time.is_some() {
                    TimexType::Time
                } else {
                    TimexType::Date
                };
                let out = mk(kind, v.format(), raw.modifier);
                // 一个月前 is a point of the story: 此后 and 一年后 after it
                // count from there.
                self.set_anchor(v, raw.start);
                Some(out)
            }
            Kind::Point(p) => {
                if self.reference.is_none() {
                    if let Some(v) = self.undated_deictic(p, raw) {
                        return Some(mk(TimexType::Date, v, raw.modifier));
                    }
                }
                let generic = raw.start < self.generic_until;
                let v = self.point(p, raw, generic)?;
                if v.year.is_none() && v.time.as_deref().is_some_and(|t| t.starts_with("-XX-XX")) {
                    self.daily_at = Some(raw.end);
                }
                let kind = if v.time.is_some() {
                    TimexType::Time
                } else {
                    TimexType::Date
                };
                let out = mk(kind, v.format(), raw.modifier);
                if self.reference.is_none() && v.year.is_none() {
                    if let (Some(m), Some(d)) = (v.month, v.day) {
                        self.undated_day = Some((m, d, raw.start));
                    }
                }
                self.remember(p, v, raw.start, raw.end, raw.modifier.is_none());
                Some(out)
            }
        }
    }

    fn sentence_end(&self, from: usize) -> usize {
        self.text
            .get(from..)
            .and_then(|s| {
                s.char_indices()
                    .find(|(_, c)| is_sentence_stop(*c))
                    .map(|(i, _)| from + i)
            })
            .unwrap_or(self.text.len())
    }

    fn clause_end(&self, from: usize) -> usize {
        self.text
            .get(from..)
            .and_then(|s| {
                s.char_indices()
                    .find(|(_, c)| matches!(c, '，' | '。' | '；' | '！' | '？' | '\n'))
                    .map(|(i, _)| from + i)
            })
            .unwrap_or(self.text.len())
    }

    /// Keep the narrative state after a resolved point.
    fn remember(&mut self, p: &Point, v: Val, at: usize, end: usize, plain: bool) {
        let Some(y) = v.year else { return };
        // 比去年同期 is a comparison, not the year the paragraph speaks of;
        // 去年同期 opening a clause does move the story there.
        if self.compared(p, y, at, end) {
            return;
        }
        if !matches!(p.year, YearSpec::None | YearSpec::Narrative) {
            self.para_year = Some(y);
            if v.month.is_none() && v.quarter.is_none() && v.half.is_none() {
                self.clause_year = Some((self.clause_start(at), end, y));
            }
        }
        if p.sub == Some(Sub::SamePeriod) {
            return;
        }
        // 年内 is a span up to the year's end, not a point of the story: the
        // month told before it stays the one 当时 refers to (今年8月…在年内…当时).
        if p.year == YearSpec::Narrative && self.text.get(at..end) == Some("年内") {
            return;
        }
        // Plans (2030年之前) are not the period being reported on.
        let not_future = self.ref_date().is_none_or(|r| y <= r.year());
        if not_future
            && self
                .reported
                .as_ref()
                .is_none_or(|r| r.year.is_none_or(|ry| y >= ry))
        {
            self.reported = Some(Val {
                time: None,
                ..v.clone()
            });
        }
        // “今年双十一期间…” in someone's words is the selling season around
        // the day, not a day the story stands on: a later 当日 keeps the
        // date told before it.
        if p.fest.is_some()
            && self.text.get(end..).is_some_and(|s| s.starts_with("期间"))
            && self.quoted(at)
        {
            return;
        }
        if plain && v.day.is_none() && v.time.is_none() {
            self.period = Some((v.clone(), at));
        }
        self.set_anchor(v, at);
    }

    /// Whether byte `at` is inside a quotation opened in its paragraph.
    fn quoted(&self, at: usize) -> bool {
        let before = self.text.get(self.para_start.min(at)..at).unwrap_or("");
        let open = before.matches('“').count();
        open > before.matches('”').count()
    }

    fn set_anchor(&mut self, mut v: Val, at: usize) {
        v.time = None;
        if let Some(d) = v.naive_date() {
            self.day_anchor = Some((d, at));
        }
        self.anchor = Some((v, at));
    }

    /// A year that compares rather than tells (比2019年, 于2019年水平,
    /// 与去年同期相比, or a second bare year in a clause that has one):
    /// it does not move the story.
    fn compared(&self, p: &Point, y: i32, at: usize, end: usize) -> bool {
        let before = self.text.get(..at).unwrap_or("");
        let after = self.text.get(end..).unwrap_or("");
        let after = after.strip_prefix('的').unwrap_or(after);
        let prev = before.chars().next_back();
        if p.sub == Some(Sub::SamePeriod) {
            return prev.is_some_and(|c| "比较与于到至".contains(c));
        }
        // 创2021年3月以来新低: a record against that date, not the story's.
        // 2020年初以来最差的…: the same record, written after.
        let since = self.text.get(..end).is_some_and(|t| t.ends_with("以来"));
        let (since, rest) = match after.strip_prefix("以来") {
            Some(rest) => (true, rest),
            None => (since, after),
        };
        let record_since = since
            && (rest.starts_with('最') || rest.starts_with("新高") || rest.starts_with("新低"));
        if ["比", "较", "相比", "相较", "对比", "创"]
            .iter()
            .any(|w| before.ends_with(w))
            || record_since
            || after.starts_with("水平")
            || after.starts_with("同期")
        {
            return true;
        }
        // 与2022年第三季度持平, 和去年相比.
        if prev.is_some_and(|c| "与和同跟".contains(c)) {
            let rest = self.clause(at, end);
            if [
                "持平", "相比", "相较", "相当", "相同", "一致", "一样", "相近",
            ]
            .iter()
            .any(|w| rest.contains(w))
            {
                return true;
            }
        }
        let bare = p.month.is_none()
            && p.day.is_none()
            && p.sub.is_none()
            && p.fest.is_none()
            && p.clock.is_none()
            && p.part.is_none();
        if !bare {
            return false;
        }
        let Some((cs, ce, cy)) = self.clause_year else {
            return false;
        };
        let gap = self.text.get(ce..at).unwrap_or("");
        // Ranges and lists (2018年和2019年, 2019年至2020年) tell both.
        let joined = gap
            .trim()
            .chars()
            .all(|c| "至到-—~～、和与及或 ".contains(c));
        cs == self.clause_start(at) && cy != y && !joined
    }

    fn clause_start(&self, at: usize) -> usize {
        self.text
            .get(..at)
            .and_then(|s| {
                s.char_indices()
                    .rev()
                    .find(|(_, c)| is_clause_stop(*c))
                    .map(|(i, c)| i + c.len_utf8())
            })
            .unwrap_or(0)
    }

    fn anchor_year(&self) -> Option<i32> {
        self.anchor.as_ref().and_then(|(a, _)| a.year)
    }

    fn year_of(&self, spec: YearSpec) -> Option<Option<i32>> {
        let ry = self.ref_date().map(|d| d.year());
        Some(match spec {
            YearSpec::None => return None,
            YearSpec::Abs(y) => Some(y),
            YearSpec::Short(yy) => {
                // The century that puts the year nearest the reference.
                let r = ry.unwrap_or(2000);
                let base = r - r.rem_euclid(100);
                [base - 100 + yy, base + yy, base + 100 + yy]
                    .into_iter()
                    .min_by_key(|y| ((y - r).abs(), *y > r))
            }
            YearSpec::Rel(n) => Some(ry.or(self.anchor_year())? + n),
            YearSpec::Anaphor(n) => Some(self.anchor_year().or(ry)? + n),
            YearSpec::Narrative => Some(self.para_year.or(self.anchor_year()).or(ry)?),
        })
    }

    /// The year that puts (month, day) nearest the reference; a future cue
    /// in the clause prefers the coming one.
    fn nearest_year(
        &self,
        month: u32,
        day: Option<u32>,
        raw: &Raw,
        fest: Option<Fest>,
    ) -> Option<i32> {
        let r = match self.ref_date() {
            Some(r) => r,
            None => return self.para_year.or(self.anchor_year()),
        };
        let future = self.future_cue(raw.start, raw.end);
        let (past, strong_past) = self.past_cue(raw.start, raw.end);
        if let Some(y) = self.para_year {
            // A narrative year is a calendar year: its 除夕 is the one that
            // falls in it, the eve of its own lunar new year, and so is its
            // 腊月二十八 (2023年春节…腊月二十八至正月初三 is January 2023's),
            // of the lunar year before (a year written on the word itself,
            // 2023年除夕, names the lunar year instead).
            let y = match fest {
                Some(f)
                    if fest_date(f, y).is_some_and(|d| d.year() > y)
                        && fest_date(f, y - 1).is_some_and(|d| d.year() == y) =>
                {
                    y - 1
                }
                _ => y,
            };
            // The paragraph's year, unless it is the reference's own and the
            // clause says done (已支持) of a date still to come.
            let probe = match fest {
                Some(f) => fest_date(f, y),
                None => NaiveDate::from_ymd_opt(
                    y,
                    month,
                    day.unwrap_or(1).min(calendar::month_len(y, month)),
                ),
            };
            let contradicts = y == r.year() && past && !future && probe.is_some_and(|d| d > r);
            if !contradicts {
                return Some(y);
            }
        }
        // A lunar date written out (正月初三, 腊月初十, 大年初十) is a
        // year-less date like any other: the nearest.
        let written = matches!(fest, Some(Fest::LunarDate(..) | Fest::Lunar(..)))
            && self
                .text
                .get(raw.start..raw.end)
                .is_some_and(|w| w.contains('月') || w.contains('初'));
        if let Some(f) = fest.filter(|_| !written) {
            // A holiday is its next occurrence, unless it has just passed
            // (news after 双十一 speaks of the one just gone), the last one
            // is the nearer and the clause does not look ahead (五一 in late
            // May, 国庆 in late October: the one just gone, as GOLD.md's
            // nearest year for a year-less date), or the clause speaks of
            // the past and the last one is not much farther (春节 with 了 in
            // January is the coming one, not last year's).
            // (festival year, date): 除夕 of a year falls in the next one.
            let dated = |y: i32| fest_date(f, y).map(|d| (y, d));
            let last = [r.year(), r.year() - 1, r.year() - 2]
                .into_iter()
                .filter_map(dated)
                .find(|(_, d)| *d <= r);
            let next = [r.year() - 1, r.year(), r.year() + 1]
                .into_iter()
                .filter_map(dated)
                .find(|(_, d)| *d >= r);
            let told_past = past && !future;
            return match (last, next) {
                (Some((y, l)), _) if l == r => Some(y),
                (Some((y, l)), _) if (r - l).num_days() <= 15 => Some(y),
                (Some((y, l)), Some((_, n))) if !future && (r - l) < (n - r) => Some(y),
                (Some((y, l)), Some((_, n)))
                    if told_past
                        && (strong_past || (r - l).num_days() <= (n - r).num_days() + 100) =>
                {
                    Some(y)
                }
                (_, Some((y, _))) => Some(y),
                (Some((y, _)), None) => Some(y),
                (None, None) => None,
            };
        }
        let mut best: Option<(i64, i32)> = None;
        for y in [r.year() - 1, r.year(), r.year() + 1] {
            let d = match fest {
                Some(f) => fest_date(f, y),
                None => {
                    let dd = day.unwrap_or(15).min(calendar::month_len(y, month));
                    NaiveDate::from_ymd_opt(y, month, dd)
                }
            };
            let Some(d) = d else { continue };
            let mut dist = (d - r).num_days().abs();
            let before = if day.is_some() || fest.is_some() {
                d < r
            } else {
                (y, month) < (r.year(), r.month())
            };
            let after = if day.is_some() || fest.is_some() {
                d > r
            } else {
                (y, month) > (r.year(), r.month())
            };
            if strong_past && after {
                dist += 400;
            } else if (past && !future && after) || (future && !past && before) {
                dist += 100;
            }
            // Near ties go to the reference's own year.
            let better = match best {
                None => true,
                Some((bd, by)) => {
                    if (dist - bd).abs() <= 15 {
                        y == r.year() && by != r.year()
                    } else {
                        dist < bd
                    }
                }
            };
            if better {
                best = Some((dist, y));
            }
        }
        best.map(|(_, y)| y)
    }

    fn point(&self, p: &Point, raw: &Raw, generic: bool) -> Option<Val> {
        let rd = self.ref_date();
        let explicit = self.year_of(p.year);
        // In a generic stretch (每年4月1日至次年3月31日) relative years are
        // generic too.
        let explicit = if generic && matches!(p.year, YearSpec::Anaphor(_)) {
            Some(None)
        } else {
            explicit
        };
        let year_for = |v: Option<i32>| {
            if generic && explicit.is_none() {
                None
            } else {
                v
            }
        };
        let mut v: Val;
        if let Some(f) = p.fest {
            let y = match explicit {
                Some(y) => y,
                None if generic || self.many_years(raw) || self.yearly_after(raw, f) => None,
                // Undated text: the story's year if it has one, else no year.
                None if rd.is_none() => self.nearest_year(1, None, raw, Some(f)),
                None => Some(self.nearest_year(1, None, raw, Some(f))?),
            };
            v = match y {
                Some(y) => {
                    // 除夕 of a year is the eve of the next lunar new year.
                    Val::date(fest_date(f, y)?)
                }
                None => {
                    // Only a fixed date has a generic value (XXXX-02-14); a
                    // lunar or movable one has none.
                    if !matches!(f, Fest::Fixed(..)) {
                        return None;
                    }
                    let d = fest_date(f, 2001)?;
                    Val {
                        month: Some(d.month()),
                        day: Some(d.day()),
                        ..Val::year(None)
                    }
                }
            };
        } else if p.sub == Some(Sub::SamePeriod) {
            v = self.same_period(p.year, explicit, raw)?;
        } else if let Some(sub) = p.sub {
            v = self.sub_value(sub, explicit, raw)?;
        } else if let Some(m) = p.month {
            let (y, month) = match m {
                MonthSpec::Abs(mm) => {
                    let y = match explicit {
                        Some(y) => y,
                        None if generic => None,
                        None => {
                            let d = match p.day {
                                Some(DaySpec::Abs(d)) => Some(d),
                                _ => None,
                            };
                            let y = self.nearest_year(mm, d, raw, None);
                            // Undated text with no year told: XXXX-02-10,
                            // as TIMEX3 leaves what it cannot know.
                            if rd.is_none() {
                                y
                            } else {
                                Some(y?)
                            }
                        }
                    };
                    (y, mm)
                }
                MonthSpec::Rel(n) => {
                    let r = rd?;
                    let (y, mm) = add_months(r.year(), r.month(), n);
                    (Some(y), mm)
                }
                MonthSpec::Anaphor(n) => {
                    // 当月 and 次月 right after a noun or a verb count from
                    // an event (领取待遇的次月起, 被查当月), or are generic
                    // (骑手当月完成): nothing to write. After a pause or a
                    // preposition (，当月, 在次月) they point back to a month
                    // told; 同月 always does, as 同年.
                    let word = self.text.get(raw.start..raw.end).unwrap_or("");
                    let after_event = self.text.get(..raw.start).is_some_and(|b| {
                        b.chars()
                            .next_back()
                            .is_some_and(|c| c.is_alphanumeric() && !"在于自从到至即及".contains(c))
                    });
                    if p.day.is_none()
                        && p.year == YearSpec::None
                        && (word.starts_with('当') || word.starts_with('次'))
                        && after_event
                    {
                        return None;
                    }
                    let (by, bm) = match &self.anchor {
                        Some((a, _)) if a.month.is_some() => (a.year?, a.month?),
                        _ => (rd?.year(), rd?.month()),
                    };
                    let (y, mm) = add_months(explicit.flatten().unwrap_or(by), bm, n);
                    (Some(y), mm)
                }
            };
            v = Val {
                month: Some(month),
                ..Val::year(year_for(y))
            };
            if let (Some((n, wd)), Some(y)) = (p.nth_week, v.year) {
                let date = match wd {
                    Some(wd) => calendar::nth_weekday(y, month, wd, n)?,
                    None => calendar::nth_weekday(y, month, chrono::Weekday::Mon, 1)?
                        .checked_add_signed(Duration::try_days(7 * (i64::from(n) - 1))?)?,
                };
                if wd.is_some() {
                    return Some(Val::date(date));
                }
                let w = date.iso_week();
                return Some(Val {
                    week: Some((w.year(), w.week(), false)),
                    ..Val::year(Some(w.year()))
                });
            }
            match p.day {
                Some(DaySpec::Abs(d)) => {
                    if let Some(y) = v.year {
                        NaiveDate::from_ymd_opt(y, month, d)?;
                    } else if d > 31 {
                        return None;
                    }
                    v.day = Some(d);
                }
                Some(_) => return None,
                None => {}
            }
        } else if let Some(d) = p.day.filter(|d| {
            !(*d == DaySpec::Anaphor(0)
                && p.clock.is_some()
                && p.weekday.is_none()
                && self.after_daily())
        }) {
            let date = match d {
                DaySpec::Rel(n) => add_days(rd?, i64::from(n))?,
                DaySpec::Anaphor(n) => {
                    let base = self
                        .anchor
                        .as_ref()
                        .and_then(|(a, _)| a.naive_date())
                        .or_else(|| {
                            self.day_anchor
                                .filter(|(_, at)| *at >= self.para_start)
                                .map(|(d, _)| d)
                        })
                        .or(rd)?;
                    add_days(base, i64::from(n))?
                }
                DaySpec::Abs(dd) => {
                    // 28日: the month of the narrative in this paragraph, else
                    // the reference's.
                    match &self.anchor {
                        Some((a, at))
                            if *at >= self.para_start && a.month.is_some() && a.year.is_some() =>
                        {
                            NaiveDate::from_ymd_opt(a.year?, a.month?, dd)?
                        }
                        _ => {
                            // News reports days gone by: a day after the
                            // reference with no future cue is last month's.
                            let r = rd?;
                            let this = NaiveDate::from_ymd_opt(r.year(), r.month(), dd);
                            match this {
                                Some(d) if d <= r || self.future_cue(raw.start, raw.end) => d,
                                _ => {
                                    let (y, m) = add_months(r.year(), r.month(), -1);
                                    NaiveDate::from_ymd_opt(y, m, dd)?
                                }
                            }
                        }
                    }
                }
            };
            v = Val::date(date);
        } else if let Some((rel, wd)) = p.weekday {
            // 7月8日（周六）: the bracketed weekday of the date just before.
            let bracketed = self
                .text
                .get(..raw.start)
                .is_some_and(|b| b.ends_with('（') || b.ends_with('('));
            let told = match &self.anchor {
                Some((a, _)) if bracketed && rel.is_none() => {
                    a.naive_date().filter(|d| d.weekday() == wd)
                }
                _ => None,
            };
            let date = match rel {
                None if told.is_some() => told?,
                None => {
                    let r = rd?;
                    // The next one, as a bare weekday reads on its own; the
                    // last one when the clause reports something done.
                    let (past, _) = self.past_cue(raw.start, raw.end);
                    let back = past && !self.future_cue(raw.start, raw.end);
                    let step = if back { -1 } else { 1 };
                    let mut d = add_days(r, if back { 0 } else { 1 })?;
                    while d.weekday() != wd {
                        d = add_days(d, step)?;
                    }
                    d
                }
                Some(n) => {
                    let r = rd?;
                    let monday = add_days(r, -i64::from(r.weekday().num_days_from_monday()))?;
                    add_days(
                        monday,
                        7 * i64::from(n) + i64::from(wd.num_days_from_monday()),
                    )?
                }
            };
            v = Val::date(date);
        } else if let Some(y) = explicit {
            v = Val::year(y);
        } else if p.clock.is_some() || p.part.is_some() {
            // Opening hours and daily routines (每天10:00-22:00, 营业时间：
            // 10:00) are on every day, none of them the publication's.
            // A time right after a day and its name in brackets (通行时段
            // 为2月9日（除夕）00:00至…) is on that day, daily cue or not.
            let clause = self.clause_start(raw.start);
            let bracketed = self
                .text
                .get(..raw.start)
                .is_some_and(|b| b.trim_end().ends_with(['）', ')']));
            let day_told = bracketed
                && matches!(&self.anchor, Some((a, at)) if *at >= clause && a.day.is_some());
            if (self.daily(raw.start) || self.after_daily()) && !day_told {
                let d = NaiveDate::from_ymd_opt(2000, 1, 1)?;
                let (d2, t) = time_of_day(d, p.part, p.clock, false, None)?;
                if d2 != d {
                    return None;
                }
                let mut v = Val::year(None);
                v.time = Some(format!("-XX-XX{t}"));
                return Some(v);
            }
            // A time alone: the day under discussion in this paragraph, else
            // the reference day.
            let base = match &self.anchor {
                Some((a, at)) if *at >= self.para_start && a.day.is_some() => a.naive_date(),
                _ => None,
            };
            match base.or(rd) {
                Some(d) => v = Val::date(d),
                None => {
                    // Undated text: a time on the month-day just told in
                    // the paragraph (XXXX-02-10T10:00), else on an unknown
                    // day (XXXX-XX-XXT10:00).
                    let told = self
                        .undated_day
                        .filter(|(_, _, at)| *at >= self.para_start)
                        .map(|(m, d, _)| (m, d));
                    let (m, dd) = told.unwrap_or((1, 1));
                    let d = NaiveDate::from_ymd_opt(2000, m, dd)?;
                    let (d2, t) = time_of_day(d, p.part, p.clock, false, None)?;
                    if d2 != d {
                        return None;
                    }
                    let mut v = Val::year(None);
                    if told.is_some() {
                        v.month = Some(m);
                        v.day = Some(dd);
                        v.time = Some(t);
                    } else {
                        v.time = Some(format!("-XX-XX{t}"));
                    }
                    return Some(v);
                }
            }
        } else {
            return None;
        }
        // Time of day.
        if p.clock.is_some() || p.part.is_some() {
            if rd.is_none() && v.year.is_none() && v.day.is_some() {
                // Undated text: XXXX-02-10T10:00, read on a leap year so
                // that 2月29日 has its day.
                let date = NaiveDate::from_ymd_opt(2000, v.month?, v.day?)?;
                let (d2, t) = time_of_day(date, p.part, p.clock, true, None)?;
                if d2 != date {
                    return None;
                }
                v.time = Some(t);
                return Some(v);
            }
            let date = v.naive_date()?;
            let date_given = p.day.is_some()
                || p.fest.is_some()
                || p.weekday.is_some()
                || matches!(p.sub, Some(Sub::DayOfYear(_)));
            let (date, t) = time_of_day(date, p.part, p.clock, date_given, self.reference)?;
            v = Val::date(date);
            v.time = Some(t);
        }
        Some(v)
    }

    fn sub_value(&self, sub: Sub, explicit: Option<Option<i32>>, raw: &Raw) -> Option<Val> {
        let rd = self.ref_date();
        Some(match sub {
            Sub::Quarter(q) => {
                let y = match explicit {
                    Some(y) => y,
                    None => {
                        let r = rd?;
                        // A past year the story has moved to (从2016年开始…
                        // 曾在第四季度) is the quarter's year when the clause
                        // tells of the past; a bare 第三季度 in a report is
                        // the current one. (去年同期为87亿元 sets the
                        // paragraph's year, not the story's point, so the
                        // anchor decides.)
                        let told = self.past_cue(raw.start, raw.end).0
                            && !self.future_cue(raw.start, raw.end);
                        if let Some(y) = self.anchor_year().filter(|y| told && *y < r.year()) {
                            return Some(Val {
                                quarter: Some(q),
                                ..Val::year(Some(y))
                            });
                        }
                        let started = quarter_start(r.year(), q)? <= r;
                        if started || self.future_cue(raw.start, raw.end) {
                            Some(r.year())
                        } else {
                            Some(r.year() - 1)
                        }
                    }
                };
                Val {
                    quarter: Some(q),
                    ..Val::year(y)
                }
            }
            Sub::Fiscal => {
                let r = rd?;
                let (y, q) = shift_quarter(r.year(), quarter_of(r.month()), -1);
                Val {
                    quarter: Some(q),
                    ..Val::year(Some(y))
                }
            }
            Sub::QuarterRel(n) => {
                let (y, q) = self
                    .reported
                    .as_ref()
                    .and_then(Val::quarter_of)
                    .or_else(|| rd.map(|r| (r.year(), quarter_of(r.month()))))?;
                let (y, q) = shift_quarter(y, q, n);
                Val {
                    quarter: Some(q),
                    ..Val::year(Some(y))
                }
            }
            Sub::Half(h) => {
                let y = match explicit {
                    Some(y) => y,
                    None => Some(self.para_year.or(rd.map(|d| d.year()))?),
                };
                Val {
                    half: Some(h),
                    ..Val::year(y)
                }
            }
            Sub::Week(n) => {
                let d = add_days(rd?, 7 * i64::from(n))?;
                let w = d.iso_week();
                Val {
                    week: Some((w.year(), w.week(), false)),
                    ..Val::year(Some(w.year()))
                }
            }
            Sub::Weekend(n) => {
                let d = add_days(rd?, 7 * i64::from(n))?;
                let w = d.iso_week();
                Val {
                    week: Some((w.year(), w.week(), true)),
                    ..Val::year(Some(w.year()))
                }
            }
            Sub::Season(code) => {
                let y = match explicit {
                    Some(y) => y,
                    None => Some(self.para_year.or(rd.map(|d| d.year()))?),
                };
                Val {
                    season: Some(code),
                    ..Val::year(y)
                }
            }
            Sub::DayOfYear(n) => {
                let y = explicit.flatten().or(rd.map(|d| d.year()))?;
                Val::date(NaiveDate::from_yo_opt(y, n)?)
            }
            Sub::IsoWeek(n) => {
                let y = explicit.flatten().or(rd.map(|d| d.year()))?;
                NaiveDate::from_isoywd_opt(y, n, chrono::Weekday::Mon)?;
                Val {
                    week: Some((y, n, false)),
                    ..Val::year(Some(y))
                }
            }
            Sub::SamePeriod => self.same_period(YearSpec::None, explicit, raw)?,
        })
    }

    /// 同期: the period compared with. A period told earlier in the same
    /// sentence is the one (2023年三季度…达2019年同期的155%), else the
    /// period being reported on. 去年同期, 上年同期 are a year before that
    /// period, which in a report on last year is not the reference's year
    /// minus one (快手2023年营收…而去年同期亏损: 2022).
    fn same_period(&self, spec: YearSpec, explicit: Option<Option<i32>>, raw: &Raw) -> Option<Val> {
        let rd = self.ref_date();
        let sentence = self.sentence_start(raw.start);
        let base = self
            .period
            .as_ref()
            .filter(|(a, at)| *at >= sentence && a.year.is_some())
            .map(|(a, _)| a)
            .or(self.reported.as_ref());
        let ry = rd.map_or(i32::MAX, |d| d.year());
        let y = match (spec, base.and_then(|b| b.year)) {
            (YearSpec::Rel(n), Some(by)) if n < 0 && by < ry => by + n,
            _ => explicit.flatten().or(rd.map(|d| d.year() - 1))?,
        };
        Some(match base {
            Some(r) => {
                let mut v = r.clone();
                v.year = Some(y);
                if let (Some(m), Some(d)) = (v.month, v.day) {
                    // 2月29日 a year earlier.
                    if NaiveDate::from_ymd_opt(y, m, d).is_none() {
                        v.day = Some(28);
                    }
                }
                v
            }
            None => Val::year(Some(y)),
        })
    }

    fn sentence_start(&self, at: usize) -> usize {
        self.text
            .get(..at)
            .and_then(|s| {
                s.char_indices()
                    .rev()
                    .find(|(_, c)| is_sentence_stop(*c))
                    .map(|(i, c)| i + c.len_utf8())
            })
            .unwrap_or(0)
    }

    fn offset(&self, d: &Dur, sign: i32, raw: &Raw) -> Option<Val> {
        let unit = d.finest();
        // 一年后 after a past point of the story (一年前, 2018年) counts from
        // it, unless the clause looks ahead (将, 预计): then from now.
        let from_story = || {
            let (a, _) = self.anchor.as_ref()?;
            // Undated text counts from its story's last date.
            let ry = self.ref_date().map_or(i32::MAX, |r| r.year());
            if sign < 0 || a.year? >= ry || self.future_cue(raw.start, raw.end) {
                return None;
            }
            let d = match unit {
                Y => NaiveDate::from_ymd_opt(a.year?, a.month.unwrap_or(1), a.day.unwrap_or(1)),
                MO => NaiveDate::from_ymd_opt(a.year?, a.month?, a.day.unwrap_or(1)),
                W | D => a.naive_date(),
                _ => None,
            }?;
            d.and_hms_opt(0, 0, 0)
        };
        let r = from_story().or(self.reference)?;
        let s = f64::from(sign);
        let months = (d.0[Y] * 12.0 + d.0[MO]) * s;
        let days = (d.0[W] * 7.0 + d.0[D]) * s;
        let secs = (d.0[H] * 3600.0 + d.0[MI] * 60.0 + d.0[S]) * s;
        if months.fract() != 0.0 || days.fract() != 0.0 {
            return None;
        }
        let (y, m) = add_months(r.year(), r.month(), months as i32);
        let day = r.day().min(calendar::month_len(y, m));
        let base = NaiveDate::from_ymd_opt(y, m, day)?.and_time(r.time());
        let t = base
            .checked_add_signed(Duration::try_days(days as i64)?)?
            .checked_add_signed(Duration::try_seconds(secs as i64)?)?;
        Some(match unit {
            Y => Val::year(Some(t.year())),
            MO => Val {
                month: Some(t.month()),
                ..Val::year(Some(t.year()))
            },
            W => {
                let w = t.date().iso_week();
                Val {
                    week: Some((w.year(), w.week(), false)),
                    ..Val::year(Some(w.year()))
                }
            }
            D => Val::date(t.date()),
            _ => {
                let mut v = Val::date(t.date());
                v.time = Some(if unit == H {
                    format!("T{:02}", t.hour())
                } else {
                    format!("T{:02}:{:02}", t.hour(), t.minute())
                });
                v
            }
        })
    }
}

fn shift_quarter(y: i32, q: u32, n: i32) -> (i32, u32) {
    let idx = y * 4 + q as i32 - 1 + n;
    (idx.div_euclid(4), (idx.rem_euclid(4) + 1) as u32)
}

/// Date of a festival in a Gregorian year.
pub fn fest_date(f: Fest, y: i32) -> Option<NaiveDate> {
    match f {
        Fest::Fixed(m, d) => NaiveDate::from_ymd_opt(y, m, d),
        Fest::Lunar(l, off) => calendar::lunar_festival(y, l).map(|d| d + Duration::days(off)),
        Fest::Eve => {
            calendar::lunar_festival(y + 1, calendar::Lunar::NewYear).and_then(|d| d.pred_opt())
        }
        Fest::Easter(off) => calendar::easter(y).map(|d| d + Duration::days(off)),
        Fest::Orthodox(off) => calendar::orthodox_easter(y).map(|d| d + Duration::days(off)),
        Fest::Nth(m, wd, n) => calendar::nth_weekday(y, m, wd, n),
        Fest::Table(t, off) => calendar::table_date(y, t).map(|d| d + Duration::days(off)),
        Fest::TuBishvat(off) => calendar::tu_bishvat(y).map(|d| d + Duration::days(off)),
        Fest::SolarTerm(k) => calendar::solar_term(y, k),
        Fest::LunarDate(m, d, leap) => calendar::lunar_to_solar(y, m, d, leap),
    }
}

/// Apply a part of day and a clock time to a date: (date, `T..` suffix).
fn time_of_day(
    date: NaiveDate,
    part: Option<Part>,
    clock: Option<super::recognize::Clock>,
    date_given: bool,
    reference: Option<NaiveDateTime>,
) -> Option<(NaiveDate, String)> {
    let Some(c) = clock else {
        return Some((date, part?.code().to_string()));
    };
    let mut h = c.h;
    let mut date = date;
    match part {
        Some(Part::Af | Part::Ev) if h < 12 => h += 12,
        Some(Part::Ni) => {
            if h == 12 || h == 24 {
                h = 0;
                date = date.succ_opt()?;
            } else if (6..12).contains(&h) {
                h += 12;
            }
        }
        Some(Part::Mi) if h < 6 => h += 12,
        None if c.ambiguous && !date_given && h <= 12 => {
            // A bare hour is the next time it comes after the reference.
            if let Some(r) = reference {
                let now = r.hour() * 60 + r.minute();
                if h * 60 + c.m.unwrap_or(0) < now && h < 12 {
                    h += 12;
                }
            }
        }
        _ => {}
    }
    // 24:00 written with its minutes is the end of that day (TIMEX3 keeps
    // T24:00); a spoken 24点 is read as midnight starting the next.
    let end_of_day = h == 24 && !c.ambiguous && c.m == Some(0) && c.s.is_none();
    if h == 24 && !end_of_day {
        h = 0;
        date = date.succ_opt()?;
    }
    if h > 23 && !end_of_day {
        return None;
    }
    let mut t = format!("T{h:02}");
    if let Some(m) = c.m {
        t.push_str(&format!(":{m:02}"));
        if let Some(s) = c.s {
            t.push_str(&format!(":{s:02}"));
        }
    }
    Some((date, t))
}
