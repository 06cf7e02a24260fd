//! Recognition: a hand-written scanner that finds temporal expressions and
//! records what they say, before any anchoring. Normalization (values
//! against the reference and the narrative) is in `normalize`.

use super::calendar::Lunar;
use super::lexicon::{self, Fest, Kw};
use crate::model::TimexMod;
use chrono::Weekday;
use std::cell::Cell;

/// How an expression names its year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum YearSpec {
    None,
    /// Written out: 2021年, 二〇二一年.
    Abs(i32),
    /// Two digits (21年): the century comes from the reference.
    Short(i32),
    /// Relative to the reference: 今年 0, 去年 -1.
    Rel(i32),
    /// Relative to the last year of the narrative: 同年 0, 次年 +1, 上一年 -1.
    Anaphor(i32),
    /// The year under discussion (全年, 年初 alone).
    Narrative,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MonthSpec {
    Abs(u32),
    Rel(i32),
    Anaphor(i32),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DaySpec {
    Abs(u32),
    Rel(i32),
    Anaphor(i32),
}

/// Units below a year that are not months.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sub {
    Quarter(u32),
    /// 本季度 0, 上季度 -1: relative to the reported quarter.
    QuarterRel(i32),
    /// 第N财季: fiscal quarters, read as the latest reported quarter.
    Fiscal,
    Half(u32),
    /// 本周 0, 上周 -1 (ISO weeks).
    Week(i32),
    Weekend(i32),
    /// 同期: the reported period of the expression's year.
    SamePeriod,
    /// 第N个星期 of a year: ISO week N.
    IsoWeek(u32),
    /// 第N天 of a year.
    DayOfYear(u32),
    /// Seasons: SP, SU, FA, WI.
    Season(&'static str),
}

/// Parts of the day (TIMEX3 TMO, TAF, TEV, TNI, TDT) and noon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Mo,
    Mi,
    Af,
    Ev,
    Ni,
    Dt,
}

impl Part {
    pub fn code(self) -> &'static str {
        match self {
            Part::Mo => "TMO",
            Part::Mi => "T12",
            Part::Af => "TAF",
            Part::Ev => "TEV",
            Part::Ni => "TNI",
            Part::Dt => "TDT",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clock {
    pub h: u32,
    pub m: Option<u32>,
    pub s: Option<u32>,
    /// Written as a bare hour (`3点`), so a 12-hour reading is open.
    pub ambiguous: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub year: YearSpec,
    pub month: Option<MonthSpec>,
    pub day: Option<DaySpec>,
    pub sub: Option<Sub>,
    /// (week relative to the reference, weekday).
    pub weekday: Option<(Option<i32>, Weekday)>,
    pub fest: Option<Fest>,
    pub part: Option<Part>,
    pub clock: Option<Clock>,
    /// 第N周 of a month (weeks from its first Monday), or the N-th weekday.
    pub nth_week: Option<(u32, Option<Weekday>)>,
    /// A year with nothing else may be a count (10年): set when the year was
    /// two digits.
    pub explicit_year: bool,
}

impl Point {
    fn new() -> Self {
        Point {
            year: YearSpec::None,
            month: None,
            day: None,
            sub: None,
            weekday: None,
            fest: None,
            part: None,
            clock: None,
            nth_week: None,
            explicit_year: false,
        }
    }
    fn is_empty(&self) -> bool {
        self.year == YearSpec::None
            && self.month.is_none()
            && self.day.is_none()
            && self.sub.is_none()
            && self.weekday.is_none()
            && self.fest.is_none()
            && self.part.is_none()
            && self.clock.is_none()
            && self.nth_week.is_none()
    }
}

/// A length of time: years, months, weeks, days, hours, minutes, seconds.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Dur(pub [f64; 7]);

pub const Y: usize = 0;
pub const MO: usize = 1;
pub const W: usize = 2;
pub const D: usize = 3;
pub const H: usize = 4;
pub const MI: usize = 5;
pub const S: usize = 6;

impl Dur {
    /// Add `n` of `unit`, moving a half into the next smaller unit
    /// (半年 P6M, 一个半小时 PT90M) as TIMEX3 values avoid fractions.
    fn add(&mut self, unit: usize, n: f64) {
        let whole = n.trunc();
        let frac = n - whole;
        if (frac - 0.5).abs() < 1e-9 && unit < S {
            self.0[unit] += whole;
            let (to, k) = match unit {
                Y => (MO, 6.0),
                MO => (D, 15.0),
                W => (H, 84.0),
                D => (H, 12.0),
                H => (MI, 30.0),
                _ => (S, 30.0),
            };
            // Keep the whole part in the smaller unit too, so the value is
            // one number (一个半小时 PT90M rather than PT1H30M).
            let mult = match unit {
                Y => 12.0,
                MO => 30.0,
                W => 168.0,
                D => 24.0,
                _ => 60.0,
            };
            self.0[unit] -= whole;
            self.0[to] += whole * mult + k;
        } else {
            self.0[unit] += n;
        }
    }

    /// TIMEX3 value: `P3M`, `PT30M`, `P4Y6M`, `P36DT5H30M`.
    pub fn value(&self) -> String {
        use std::fmt::Write;
        let mut out = String::with_capacity(8);
        out.push('P');
        // Written into `out`: a `format!` per unit allocated each time.
        let fmt = |out: &mut String, v: f64| {
            if (v - v.round()).abs() < 1e-9 {
                super::normalize::push_padded(out, v.round() as i64, 1);
            } else {
                let _ = write!(out, "{v}");
            }
        };
        for (i, c) in [(Y, 'Y'), (MO, 'M'), (W, 'W'), (D, 'D')] {
            if self.0[i] != 0.0 {
                fmt(&mut out, self.0[i]);
                out.push(c);
            }
        }
        if self.0[H] != 0.0 || self.0[MI] != 0.0 || self.0[S] != 0.0 {
            out.push('T');
            for (i, c) in [(H, 'H'), (MI, 'M'), (S, 'S')] {
                if self.0[i] != 0.0 {
                    fmt(&mut out, self.0[i]);
                    out.push(c);
                }
            }
        }
        if out.len() == 1 {
            out.push_str("0D");
        }
        out
    }

    /// The smallest unit used.
    pub fn finest(&self) -> usize {
        (0..7).rev().find(|&i| self.0[i] != 0.0).unwrap_or(D)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Point(Point),
    Duration(Dur),
    Set(String),
    Ref(&'static str),
    /// 近期: FUTURE_REF with a future cue in its clause, else PAST_REF.
    Near,
    /// 当时, 彼时: the last absolute time.
    Anaphor,
    /// 此后: the last absolute time, AFTER.
    AfterAnaphor,
    /// 两年前 (-1), 三天后 (+1): an offset from the reference.
    Offset(Dur, i32),
    /// 每年, 每逢 before a date: what follows in the clause is generic.
    GenericMarker,
    /// Centuries and decades: 18世纪, 上世纪80年代, 90年代.
    Era(Century, Option<u32>),
}

/// The century of an era expression.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Century {
    /// Its two leading digits (18世纪 is 17).
    Abs(i32),
    /// Relative to the reference's century (上世纪 -1).
    Rel(i32),
    /// Not written (80年代): the latest decade not after the reference.
    None,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Raw {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub modifier: Option<TimexMod>,
}

/// Text cursor helpers over a `&str`, all bounds-checked.
struct Sc<'a> {
    s: &'a str,
    b: &'a [u8],
    /// The last numbers read, by position: the parsers of one candidate
    /// read the same number again and again (as a year, a month, a day, a
    /// clock hour, a count), and `num` depends on the text alone.
    keys: [Cell<usize>; NUM_MEMO],
    nums: [Cell<Option<Num>>; NUM_MEMO],
    /// Where the next number read goes in `nums`.
    slot: Cell<usize>,
    /// Whether the fast paths are on: the memo in `nums` and the tests of
    /// the first character in front of some parsers (the reference scanner
    /// runs without them).
    fast: bool,
}

const NUM_MEMO: usize = 4;

fn digit_of(c: char) -> Option<u32> {
    match c {
        '〇' | '零' | '○' => Some(0),
        '一' => Some(1),
        '二' | '两' | '兩' | '俩' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

#[inline]
pub fn is_cn_numeral(c: char) -> bool {
    // The characters of `digit_of` and the multipliers, in one pattern.
    matches!(
        c,
        '〇' | '零'
            | '○'
            | '一'
            | '二'
            | '两'
            | '兩'
            | '俩'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '廿'
            | '卅'
    )
}

/// A parsed number.
#[derive(Debug, Clone, Copy)]
struct Num {
    val: f64,
    end: usize,
    /// Count of ASCII digits (0 for Chinese numerals).
    digits: usize,
    /// Chinese digits written one by one (二〇二一), and how many.
    seq: usize,
    /// Two Chinese digits read as "three or four" (三四, 三五, 三两).
    approx: bool,
    chinese: bool,
}

impl<'a> Sc<'a> {
    fn at(&self, i: usize) -> Option<char> {
        self.s.get(i..)?.chars().next()
    }
    fn before(&self, i: usize) -> Option<char> {
        self.s.get(..i)?.chars().next_back()
    }
    fn lit(&self, i: usize, w: &str) -> Option<usize> {
        let rest = self.b.get(i..)?;
        rest.starts_with(w.as_bytes()).then_some(i + w.len())
    }
    fn any(&self, i: usize, ws: &[&str]) -> Option<usize> {
        ws.iter().find_map(|w| self.lit(i, w))
    }
    /// Skip at most two ASCII spaces (the spaced style `3 月 26 日`).
    fn sp(&self, i: usize) -> usize {
        let mut j = i;
        while j < i + 2 && self.b.get(j) == Some(&b' ') {
            j += 1;
        }
        j
    }

    fn new(s: &'a str) -> Self {
        Sc {
            s,
            b: s.as_bytes(),
            keys: Default::default(),
            nums: Default::default(),
            slot: Cell::new(0),
            fast: true,
        }
    }

    fn num(&self, i: usize) -> Option<Num> {
        // Neither a digit nor the lead byte of a Chinese numeral (all in
        // U+2xxx, U+3xxx, U+4xxx, U+5xxx, U+7xxx, U+9xxx).
        match self.b.get(i) {
            Some(b'0'..=b'9' | 0xE2..=0xE5 | 0xE7 | 0xE9) => {}
            _ => return None,
        }
        if !self.fast {
            return self.read_num(i);
        }
        for (k, n) in self.keys.iter().zip(&self.nums) {
            if k.get() == i + 1 {
                return n.get();
            }
        }
        let n = self.read_num(i);
        let slot = self.slot.get() % NUM_MEMO;
        if let (Some(k), Some(m)) = (self.keys.get(slot), self.nums.get(slot)) {
            // Keys are positions plus one, so the default 0 matches nothing.
            k.set(i + 1);
            m.set(n);
        }
        self.slot.set(slot + 1);
        n
    }

    fn read_num(&self, i: usize) -> Option<Num> {
        let c = self.at(i)?;
        if c.is_ascii_digit() {
            let mut j = i;
            let mut val = 0f64;
            while let Some(d) = self.b.get(j).filter(|d| d.is_ascii_digit()) {
                val = val * 10.0 + f64::from(d - b'0');
                j += 1;
            }
            let digits = j - i;
            // Thousands separators: 35,000.
            while self.b.get(j) == Some(&b',')
                && (1..=3).all(|k| self.b.get(j + k).is_some_and(u8::is_ascii_digit))
                && !self.b.get(j + 4).is_some_and(u8::is_ascii_digit)
            {
                for k in 1..=3 {
                    val = val * 10.0 + f64::from(self.b.get(j + k).map_or(0, |d| d - b'0'));
                }
                j += 4;
            }
            // `2.7天` after a list boundary is item 2, then 7天.
            let list_item = digits <= 2 && self.before(i).is_some_and(|c| "\n；;".contains(c));
            if !list_item
                && self.b.get(j) == Some(&b'.')
                && self.b.get(j + 1).is_some_and(u8::is_ascii_digit)
            {
                let mut k = j + 1;
                let mut scale = 0.1;
                let mut frac = 0.0;
                while let Some(d) = self.b.get(k).filter(|d| d.is_ascii_digit()) {
                    frac += f64::from(d - b'0') * scale;
                    scale /= 10.0;
                    k += 1;
                }
                // 2019.9.6 is a date, not a number.
                if self.b.get(k) != Some(&b'.') {
                    val += frac;
                    j = k;
                }
            }
            // 2000万小时: a count in ten thousands.
            if let Some(e) = self.lit(j, "万") {
                if self.lit(e, "小时").is_some() || self.lit(e, "年").is_some_and(|_| digits < 4)
                {
                    val *= 10_000.0;
                    j = e;
                }
            }
            return Some(Num {
                val,
                end: j,
                digits,
                seq: 0,
                approx: false,
                chinese: false,
            });
        }
        if !is_cn_numeral(c) {
            return None;
        }
        // One pass: read the characters once, keeping both readings (digit
        // by digit, and with 十/百/千/万).
        let mut j = i;
        let mut count = 0usize;
        let mut all_digits = true;
        let mut seq_val = 0f64;
        let (mut first, mut second) = (None, None);
        let mut first_zero = false;
        let (mut total, mut section, mut cur) = (0u64, 0u64, 0u64);
        while let Some(c) = self.at(j) {
            if !is_cn_numeral(c) || count >= 12 {
                break;
            }
            match digit_of(c) {
                Some(d) => {
                    seq_val = seq_val * 10.0 + f64::from(d);
                    match count {
                        0 => {
                            first = Some(d);
                            first_zero = matches!(c, '〇' | '零' | '○');
                        }
                        1 => second = Some(d),
                        _ => {}
                    }
                    cur = u64::from(d);
                }
                None => {
                    all_digits = false;
                    match c {
                        '十' => {
                            section += if cur == 0 { 10 } else { cur * 10 };
                            cur = 0;
                        }
                        '百' => {
                            section += cur.max(1) * 100;
                            cur = 0;
                        }
                        '千' => {
                            section += cur.max(1) * 1000;
                            cur = 0;
                        }
                        '万' => {
                            total += (section + cur).max(1) * 10_000;
                            section = 0;
                            cur = 0;
                        }
                        '廿' => section += 20,
                        _ => section += 30,
                    }
                }
            }
            count += 1;
            j += c.len_utf8();
        }
        if all_digits && count >= 2 {
            // 三四, and the idioms 三五 and 三两: "a few", not 35 or 32.
            let approx = count == 2
                && !first_zero
                && matches!((first, second), (Some(a), Some(b))
                    if a >= 1 && (b == a + 1 || (a, b) == (3, 5) || (a, b) == (3, 2)));
            return Some(Num {
                val: if approx {
                    f64::from(first.unwrap_or(0).min(second.unwrap_or(0)))
                } else {
                    seq_val
                },
                end: j,
                digits: 0,
                seq: count,
                approx,
                chinese: true,
            });
        }
        Some(Num {
            val: (total + section + cur) as f64,
            end: j,
            digits: 0,
            seq: 0,
            approx: false,
            chinese: true,
        })
    }

    /// An integer 1..=max written with at most two ASCII digits or Chinese
    /// numerals.
    fn small(&self, i: usize, max: u32) -> Option<(u32, usize)> {
        let n = self.num(i)?;
        if n.val.fract() != 0.0 || n.digits > 2 || n.seq > 2 || n.approx {
            return None;
        }
        let v = n.val as u32;
        (1..=max).contains(&v).then_some((v, n.end))
    }
}

fn weekday_of(c: char) -> Option<Weekday> {
    Some(match c {
        '一' | '1' => Weekday::Mon,
        '二' | '2' => Weekday::Tue,
        '三' | '3' => Weekday::Wed,
        '四' | '4' => Weekday::Thu,
        '五' | '5' => Weekday::Fri,
        '六' | '6' => Weekday::Sat,
        '日' | '天' | '7' => Weekday::Sun,
        _ => return None,
    })
}

const BEFORE: &[&str] = &["之前", "以前", "前"];
const AFTER: &[&str] = &["之后", "以后", "以来", "后", "起"];
const APPROX: &[&str] = &["左右", "前后", "许"];

/// Find every temporal expression of `text`, in order, without overlaps.
pub fn scan(text: &str) -> Vec<Raw> {
    let sc = Sc::new(text);
    let gate = lexicon::Gate::get();
    let b = sc.b;
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        // Most characters start nothing: pass over them on the bytes.
        i = gate.skip(b, i);
        let Some(&x) = b.get(i) else {
            break;
        };
        let (c, len) = match decode(b, i, x) {
            Some((c, len)) if gate.may_start(c) => (c, len),
            Some((_, len)) => {
                i += len;
                continue;
            }
            // Outside the Basic Multilingual Plane: nothing starts there.
            None => {
                i += utf8_len(x);
                continue;
            }
        };
        // Numbers have their own gate; words must open with a known pair.
        if !c.is_ascii_digit() && !is_cn_numeral(c) {
            let next = b
                .get(i + len)
                .and_then(|&y| decode_any(text, b, i + len, y));
            if !gate.may_open(c, next)
                || !gate.may_lead(text, i, c)
                || !hand_opening_may_lead(&sc, &gate, i, c)
            {
                i += len;
                continue;
            }
        }
        // A digit glued to a letter or a digit before it never starts an
        // expression (see `expr`); skipping it here spares the call on
        // every digit of a long number.
        if c.is_ascii_digit() && i > 0 && b.get(i - 1).is_some_and(u8::is_ascii_alphanumeric) {
            i += len;
            continue;
        }
        if let Some(r) = expr(&sc, i) {
            if r.end > i && text.is_char_boundary(r.end) {
                i = r.end;
                out.push(r);
                continue;
            }
        }
        i += len;
    }
    out
}

/// For the characters that open few forms built by hand and many words
/// that are no time (第一次, 第3条, 这个问题), whether one of those forms,
/// asked itself, or a word of the lists is at `i`. The plain scanner runs
/// without this test, and the differential tests put these characters
/// before numbers and units, so a new form opening with them shows there.
fn hand_opening_may_lead(sc: &Sc, gate: &lexicon::Gate, i: usize, c: char) -> bool {
    let by_hand = match c {
        // An ordinal quarter: 第三季度, 第2财季.
        '第' => sub_year(sc, i).is_some(),
        // A week (这周, 这个星期五) or a century (这个世纪).
        '这' | '這' => week_part(sc, i).is_some() || era_expr(sc, i).is_some(),
        _ => return true,
    };
    by_hand || gate.opens_word(sc.s, i)
}

/// The length of the UTF-8 sequence a lead byte opens.
fn utf8_len(x: u8) -> usize {
    match x.leading_ones() {
        0 => 1,
        n => n as usize,
    }
}

/// The character at byte `i` (lead byte `x`) of valid UTF-8 and its length,
/// for characters of the Basic Multilingual Plane; read straight from the
/// bytes, as the scanner visits every character.
fn decode(b: &[u8], i: usize, x: u8) -> Option<(char, usize)> {
    let cont = |k: usize| u32::from(b.get(i + k).copied().unwrap_or(0x80) & 0x3F);
    let (cp, len) = match x {
        0..0x80 => return Some((char::from(x), 1)),
        0x80..0xE0 => ((u32::from(x & 0x1F) << 6) | cont(1), 2),
        0xE0..0xF0 => ((u32::from(x & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3),
        _ => return None,
    };
    char::from_u32(cp).map(|c| (c, len))
}

/// The character at byte `i`, of any plane.
fn decode_any(s: &str, b: &[u8], i: usize, x: u8) -> Option<char> {
    match decode(b, i, x) {
        Some((c, _)) => Some(c),
        None => s.get(i..)?.chars().next(),
    }
}

/// The scanner in its plain form: every character decoded, the word gates
/// only, numbers read afresh each time, and the number gate without its
/// look-ahead past 个 and decimal points. The fast paths of [`scan`] must find exactly what
/// this finds.
#[cfg(test)]
pub(crate) fn scan_reference(text: &str) -> Vec<Raw> {
    let mut sc = Sc::new(text);
    sc.fast = false;
    let mut out = Vec::new();
    let mut next = 0;
    for (i, c) in text.char_indices() {
        if i < next || !lexicon::may_start(c) {
            continue;
        }
        if !c.is_ascii_digit() && !is_cn_numeral(c) {
            let b = text.get(i + c.len_utf8()..).and_then(|r| r.chars().next());
            if !lexicon::may_open(c, b) {
                continue;
            }
        }
        if let Some(r) = expr_with(&sc, i, false) {
            if r.end > i && text.is_char_boundary(r.end) {
                next = r.end;
                out.push(r);
            }
        }
    }
    out
}

/// The longest expression starting at `i`.
fn expr(sc: &Sc, i: usize) -> Option<Raw> {
    expr_with(sc, i, true)
}

/// [`expr`]; `past_ge` turns on the number gate's look-ahead past 个 and
/// past a decimal point.
#[inline(always)]
fn expr_with(sc: &Sc, i: usize, past_ge: bool) -> Option<Raw> {
    let mut r = expr_inner(sc, i, past_ge)?;
    zodiac_year(sc, &mut r);
    Some(r)
}

/// 兔年春节, 龙年除夕: the zodiac year before a lunar festival is part of
/// the expression; it names the festival's own lunar year, the one the
/// festival is read as anyway.
fn zodiac_year(sc: &Sc, r: &mut Raw) {
    let Kind::Point(p) = &r.kind else { return };
    if p.year != YearSpec::None || !matches!(p.fest, Some(Fest::Lunar(..) | Fest::Eve)) {
        return;
    }
    let Some(before) = sc.s.get(..r.start).and_then(|b| b.strip_suffix('年')) else {
        return;
    };
    if let Some(z) = before
        .chars()
        .next_back()
        .filter(|c| "鼠牛虎兔龙龍蛇马馬羊猴鸡雞狗猪豬".contains(*c))
    {
        r.start = before.len() - z.len_utf8();
    }
}

#[inline(always)]
fn expr_inner(sc: &Sc, i: usize, past_ge: bool) -> Option<Raw> {
    // A number glued to letters or digits before it is a name or a
    // version (iOS 15, A14), not a time.
    if let Some(c) = sc.at(i) {
        if c.is_ascii_digit() {
            if let Some(p) = sc.before(i) {
                let list_dot = p == '.' && {
                    let mut k = i - 1;
                    while k > 0 && sc.b.get(k - 1).is_some_and(u8::is_ascii_digit) {
                        k -= 1;
                    }
                    k < i - 1 && sc.before(k).is_some_and(|c| "\n；;".contains(c))
                };
                // 2026 in 2024-2026 年 closes a range of years.
                let range_tail = p == '-' && (year_range_tail(sc, i) || clock_range_tail(sc, i));
                if !(list_dot || range_tail)
                    && (p.is_ascii_alphanumeric()
                        || p == '.'
                        || p == '¥'
                        || p == '$'
                        || p == '-'
                        || p == '/')
                {
                    return None;
                }
            }
        } else if is_cn_numeral(c) && sc.before(i).is_some_and(is_cn_numeral) {
            return None;
        }
        if (c.is_ascii_digit() || is_cn_numeral(c)) && !number_may_lead(sc, i, c, past_ge) {
            return None;
        }
        // A character that opens no form built by hand opens only words of
        // the lists (the premise of the scanner's word gate): no era,
        // numeric date, bare year or duration starts there, and a point
        // only where one of its words does.
        if past_ge && !c.is_ascii_digit() && !is_cn_numeral(c) && !lexicon::by_hand(c) {
            let point = if lexicon::point_word_at(sc.s, i) {
                point_expr(sc, i)
            } else {
                None
            };
            return point.or_else(|| keyword_expr(sc, i));
        }
    }
    fn take(best: &mut Option<Raw>, r: Option<Raw>) {
        if let Some(r) = r {
            if best.as_ref().is_none_or(|b| r.end > b.end) {
                *best = Some(r);
            }
        }
    }
    let mut best: Option<Raw> = None;
    take(&mut best, era_expr(sc, i));
    take(&mut best, numeric_date(sc, i));
    take(&mut best, point_expr(sc, i));
    if best.is_none() {
        take(&mut best, bare_year(sc, i));
    }
    if best.is_none() {
        take(&mut best, duration_expr(sc, i));
    }
    if best.is_none() {
        take(&mut best, keyword_expr(sc, i));
    }
    best
}

/// The year of four ASCII digits at `i` that could be a calendar year.
fn bare_year_value(sc: &Sc, i: usize) -> Option<i32> {
    let digits =
        sc.b.get(i..)?
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
    if digits != 4 {
        return None;
    }
    let y: i32 = sc.s.get(i..i + 4)?.parse().ok()?;
    (1990..=2099).contains(&y).then_some(y)
}

/// `11:00` in `09:00-11:00`: the end of a range of clock times.
fn clock_range_tail(sc: &Sc, i: usize) -> bool {
    let before = sc.s.get(..i - 1).unwrap_or("");
    let mut rev = before.chars().rev();
    let closes_clock = rev.next().is_some_and(|c| c.is_ascii_digit())
        && rev.next().is_some_and(|c| c.is_ascii_digit())
        && rev.next().is_some_and(|c| c == ':' || c == '：');
    closes_clock && clock(sc, i).is_some_and(|(c, _)| c.m.is_some())
}

/// `2026` in `2024-2026 年`: the end of a range of years.
fn year_range_tail(sc: &Sc, i: usize) -> bool {
    bare_year_value(sc, i).is_some()
        && sc.lit(sc.sp(i + 4), "年").is_some()
        && i >= 5
        && sc.s.is_char_boundary(i - 5)
        && bare_year_value(sc, i - 5).is_some()
}

/// A year written as four digits with no 年, glued to the name it dates
/// (2023环球旅讯峰会, 《…2022酒旅专题报告》, 2023 全年, 2022财年) or opening
/// a range of years (2024-2026 年). Counts and prices (2000元, 2023家) are
/// not years.
fn bare_year(sc: &Sc, i: usize) -> Option<Raw> {
    let y = bare_year_value(sc, i)?;
    if sc
        .before(i)
        .is_some_and(|c| "第共约超达近逾有号为至到".contains(c))
    {
        return None;
    }
    let e = i + 4;
    let k = sc.sp(e);
    let range = sc
        .any(k, &["-", "—", "~", "～", "至", "到"])
        .map(|k2| sc.sp(k2))
        .is_some_and(|k2| {
            bare_year_value(sc, k2).is_some() && sc.lit(sc.sp(k2 + 4), "年").is_some()
        });
    let named = match sc.at(k) {
        None => true,
        Some(c) => {
            ('\u{4e00}'..='\u{9fff}').contains(&c)
                && !is_cn_numeral(c)
                && !"年月日号號点點时時分秒周週天个個多余元万亿家人次件名位条款项只台辆部场届期批倍米克吨斤股份户套座所枚张页篇字首种类起例岁度级版亩平层楼款期"
                    .contains(c)
        }
    };
    if !(range || named) {
        return None;
    }
    Some(Raw {
        start: i,
        end: e,
        kind: Kind::Point(Point {
            year: YearSpec::Abs(y),
            explicit_year: true,
            ..Point::new()
        }),
        modifier: None,
    })
}

/// 18世纪, 上世纪80年代, 二十世纪九十年代末期, 90年代初.
fn era_expr(sc: &Sc, i: usize) -> Option<Raw> {
    // Opening with a number, an era has 世纪 or 年代 right after it (the
    // century words below open with no number): most numbers count other
    // things, and go no further.
    if let Some(n) = sc.num(i) {
        sc.any(sc.sp(n.end), &["世纪", "世紀", "年代"])?;
    }
    let mut j = i;
    let mut century = Century::None;
    if let Some(e) = sc.any(i, &["上世纪", "上个世纪", "上個世紀"]) {
        century = Century::Rel(-1);
        j = e;
    } else if let Some(e) = sc.any(i, &["本世纪", "这个世纪"]) {
        century = Century::Rel(0);
        j = e;
    } else if let Some((n, e)) = sc.small(i, 21) {
        if let Some(e2) = sc.any(sc.sp(e), &["世纪", "世紀"]) {
            if sc.any(e2, lexicon::CENTURY_NAMES).is_some() {
                return None;
            }
            century = Century::Abs(n as i32 - 1);
            j = e2;
        }
    }
    let mut decade = None;
    let k = sc.sp(j);
    if let Some(n) = sc.num(k) {
        let v = n.val;
        let ok = v.fract() == 0.0
            && (v as u32).is_multiple_of(10)
            && (n.digits == 2 || n.digits == 4 || n.chinese);
        if ok {
            if let Some(e) = sc.lit(sc.sp(n.end), "年代") {
                let v = v as i32;
                if n.digits == 4 {
                    century = Century::Abs(v / 100);
                    decade = Some((v % 100 / 10) as u32);
                } else if v < 100 {
                    decade = Some((v / 10) as u32);
                }
                if decade.is_some() {
                    j = e;
                }
            }
        }
    }
    if century == Century::None && decade.is_none() {
        return None;
    }
    if j == i {
        return None;
    }
    let mut modifier = None;
    for (w, m) in [
        ("初期", TimexMod::Start),
        ("前期", TimexMod::Start),
        ("中期", TimexMod::Mid),
        ("中叶", TimexMod::Mid),
        ("末期", TimexMod::End),
        ("后期", TimexMod::End),
        ("初", TimexMod::Start),
        ("末", TimexMod::End),
    ] {
        if let Some(e) = sc.lit(j, w) {
            modifier = Some(m);
            j = e;
            break;
        }
    }
    Some(Raw {
        start: i,
        end: j,
        kind: Kind::Era(century, decade),
        modifier,
    })
}

/// Whether a number at `i` is followed by something a time could be built
/// on (a unit, a separator): most numbers in news are counts and prices,
/// and this test spares them the full parse.
fn number_may_lead(sc: &Sc, i: usize, c: char, past_ge: bool) -> bool {
    // Festivals named by numbers: 五一, 三八妇女节, 618, 十一黄金周.
    if lexicon::FESTIVAL_IDX.find(sc.s, i).is_some()
        || sc.lit(i, "618").is_some()
        || national_day(sc, i).is_some()
    {
        return true;
    }
    let mut j = i;
    if c.is_ascii_digit() {
        while sc.b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        // 8 digits may be a date (20240307); 4 a bare year (2023峰会).
        if j - i == 8 || (j - i == 4 && bare_year_value(sc, i).is_some()) {
            return true;
        }
        // 2.5天: `num` reads a decimal whole, and what follows it decides.
        // A dot with no digit after it, after a list number (；1.) or after
        // the decimals (3.5.6) ends the number at the dot, where only a
        // date of four digits (2019.9.6) goes on.
        if past_ge && sc.b.get(j) == Some(&b'.') && j - i != 4 {
            let list_item = j - i <= 2 && sc.before(i).is_some_and(|c| "\n；;".contains(c));
            let mut k = j + 1;
            while sc.b.get(k).is_some_and(u8::is_ascii_digit) {
                k += 1;
            }
            if list_item || k == j + 1 || sc.b.get(k) == Some(&b'.') {
                return false;
            }
            j = k;
        }
    } else {
        while let Some(d) = sc.at(j).filter(|d| is_cn_numeral(*d)) {
            j += d.len_utf8();
        }
    }
    let j = sc.sp(j);
    match sc.at(j) {
        // 一个人, 两个方面: after 个 only a unit (三个月), 个半 (一个半小时)
        // or 个多 (四个多月) makes a time; nothing but a duration reads a
        // count with 个.
        Some(n @ ('个' | '個')) if past_ge => sc.at(j + n.len_utf8()).is_some_and(|u| {
            matches!(
                u,
                '年' | '季'
                    | '月'
                    | '星'
                    | '礼'
                    | '禮'
                    | '周'
                    | '週'
                    | '天'
                    | '日'
                    | '小'
                    | '钟'
                    | '鐘'
                    | '刻'
                    | '分'
                    | '秒'
                    | '半'
                    | '多'
                    | '余'
            )
        }),
        // 100万元: after ASCII digits 万 is part of a time only where `num`
        // reads it into the number (2000万小时); a count in ten thousands of
        // anything else never is one.
        Some('万') if past_ge && c.is_ascii_digit() => sc.num(i).is_some_and(|n| n.end > j),
        // A pattern rather than `str::contains`: this runs on every number.
        Some(n) => matches!(
            n,
            '年' | '月'
                | '日'
                | '号'
                | '號'
                | '点'
                | '點'
                | '时'
                | '時'
                | '分'
                | '秒'
                | '周'
                | '週'
                | '天'
                | '个'
                | '個'
                | '小'
                | '刻'
                | '星'
                | '礼'
                | '禮'
                | '季'
                | '世'
                | '半'
                | '多'
                | '余'
                | '来'
                | '、'
                | '~'
                | '～'
                | '-'
                | '—'
                | '至'
                | '到'
                | ':'
                | '：'
                | '/'
                | '.'
                | '·'
                | ','
                | '第'
                | '钟'
                | '鐘'
                | 'Q'
                | 'q'
                | 'H'
                | 'h'
                | 'p'
                | 'P'
                | 'a'
                | 'A'
                | '万'
        ),
        None => false,
    }
}

/// 2021-09-21, 2019/04/19, 2019.9.6, 20240307, 3/3/2015, with an optional
/// time after it; 6·30.
fn numeric_date(sc: &Sc, i: usize) -> Option<Raw> {
    let b = sc.b;
    let digits = |j: usize| {
        let mut k = j;
        while b.get(k).is_some_and(u8::is_ascii_digit) {
            k += 1;
        }
        k - j
    };
    let int = |j: usize, n: usize| -> Option<u32> { sc.s.get(j..j + n)?.parse().ok() };
    let n0 = digits(i);
    if n0 == 0 {
        return None;
    }
    let mut pt = Point::new();
    let mut end;
    if n0 == 8 && !b.get(i + 8).is_some_and(|c| c.is_ascii_alphanumeric()) {
        let (y, m, d) = (int(i, 4)? as i32, int(i + 4, 2)?, int(i + 6, 2)?);
        if !(1900..=2100).contains(&y) || chrono::NaiveDate::from_ymd_opt(y, m, d).is_none() {
            return None;
        }
        pt.year = YearSpec::Abs(y);
        pt.month = Some(MonthSpec::Abs(m));
        pt.day = Some(DaySpec::Abs(d));
        end = i + 8;
    } else if n0 == 4 {
        let y = int(i, 4)? as i32;
        let sep = *b.get(i + 4)?;
        if !matches!(sep, b'-' | b'/' | b'.') || !(1900..=2100).contains(&y) {
            return None;
        }
        let j = i + 5;
        let nm = digits(j);
        if nm == 0 || nm > 2 {
            return None;
        }
        let m = int(j, nm)?;
        let sep2 = *b.get(j + nm)?;
        if !matches!(sep2, b'-' | b'/' | b'.') {
            return None;
        }
        let k = j + nm + 1;
        let nd = digits(k).min(2);
        if nd == 0 {
            return None;
        }
        let d = int(k, nd)?;
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        pt.year = YearSpec::Abs(y);
        pt.month = Some(MonthSpec::Abs(m));
        pt.day = Some(DaySpec::Abs(d));
        end = k + nd;
        // A date glued to a time (2018-12-1209:03) or a stray separator.
        if digits(end) > 0 && digits(k) == 4 {
            // 2018-12-1209:03: the day's two digits then the hour.
        } else if digits(end) > 0 {
            return None;
        }
        if matches!(b.get(end), Some(b'-')) && digits(end + 1) > 0 {
            end += 1;
        }
    } else if n0 <= 2 && matches!(b.get(i + n0), Some(b'/')) {
        // Month/day/year, as written in English: 3/3/2015, 10/31/74.
        let m = int(i, n0)?;
        let j = i + n0 + 1;
        let nd = digits(j);
        if nd == 0 || nd > 2 || b.get(j + nd) != Some(&b'/') {
            // 11/3号
            if nd > 0 && nd <= 2 && sc.any(j + nd, &["号", "號"]).is_some() {
                let d = int(j, nd)?;
                if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                    return None;
                }
                pt.month = Some(MonthSpec::Abs(m));
                pt.day = Some(DaySpec::Abs(d));
                end = sc.any(j + nd, &["号", "號"]).unwrap_or(j + nd);
                if let Some((p, e)) = part_of_day(sc, end) {
                    if e - end > 3 {
                        pt.part = Some(p);
                        end = e;
                    }
                }
                return finish_point(sc, i, end, pt);
            }
            return None;
        }
        let d = int(j, nd)?;
        let k = j + nd + 1;
        let ny = digits(k);
        let y = match ny {
            4 => int(k, 4)? as i32,
            2 => {
                let yy = int(k, 2)? as i32;
                if yy < 50 {
                    2000 + yy
                } else {
                    1900 + yy
                }
            }
            _ => return None,
        };
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        pt.year = YearSpec::Abs(y);
        pt.month = Some(MonthSpec::Abs(m));
        pt.day = Some(DaySpec::Abs(d));
        end = k + ny;
    } else if n0 <= 2 && sc.lit(i + n0, "·").is_some() {
        let m = int(i, n0)?;
        let j = i + n0 + "·".len();
        let nd = digits(j);
        if nd == 0 || nd > 2 || !(1..=12).contains(&m) {
            return None;
        }
        let d = int(j, nd)?;
        if !(1..=31).contains(&d) || digits(j + nd) > 0 {
            return None;
        }
        pt.month = Some(MonthSpec::Abs(m));
        pt.day = Some(DaySpec::Abs(d));
        end = j + nd;
    } else if n0 == 2 && b.get(i + 2) == Some(&b'-') && digits(i + 3) == 2 {
        // 09-01 20:01: month-day only with a time after it.
        let (m, d) = (int(i, 2)?, int(i + 3, 2)?);
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || digits(i + 5) > 0 {
            return None;
        }
        let k = sc.sp(i + 5);
        let (clk, e) = clock(sc, k)?;
        pt.month = Some(MonthSpec::Abs(m));
        pt.day = Some(DaySpec::Abs(d));
        pt.clock = Some(clk);
        return finish_point(sc, i, e, pt);
    } else {
        return None;
    }
    // An optional time: `2024-04-10 17:03`, `2018-12-1209:03`.
    let k = sc.sp(end);
    let k = sc.lit(k, "T").unwrap_or(k);
    if let Some((clk, e)) = clock(sc, k) {
        if !clk.ambiguous || k == end {
            pt.clock = Some(clk);
            end = e;
        }
    }
    finish_point(sc, i, end, pt)
}

/// `HH:MM[:SS]`, `下午3:00`-style digits or `N点M分`, `N时`, with 半, 刻.
fn clock(sc: &Sc, i: usize) -> Option<(Clock, usize)> {
    let b = sc.b;
    let two = |j: usize| -> Option<(u32, usize)> {
        let mut k = j;
        while k < j + 2 && b.get(k).is_some_and(u8::is_ascii_digit) {
            k += 1;
        }
        if k == j || b.get(k).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        Some((sc.s.get(j..k)?.parse().ok()?, k))
    };
    // Typeset text may put a space after the colon (10： 00).
    let colon = |j: usize| sc.any(j, &[":", "："]).map(|k| sc.sp(k));
    if let Some((h, j)) = two(i) {
        if let Some(j2) = colon(j) {
            let (m, mut e) = two(j2)?;
            if e - j2 != 2 || m > 59 {
                return None;
            }
            let mut s = None;
            if let Some(j3) = colon(e) {
                if let Some((sv, e3)) = two(j3) {
                    if e3 - j3 == 2 && sv <= 59 {
                        s = Some(sv);
                        e = e3;
                    }
                }
            }
            // 35:37 reads as minutes:seconds of the current hour elsewhere;
            // keep to real clock times.
            if h > 24 {
                return None;
            }
            let mut clk = Clock {
                h,
                m: Some(m),
                s,
                ambiguous: false,
            };
            // 3:15pm
            if let Some(e2) = sc.any(e, &["pm", "PM", "p"]) {
                if clk.h < 12 {
                    clk.h += 12;
                }
                e = e2;
            } else if let Some(e2) = sc.any(e, &["am", "AM"]) {
                e = e2;
            }
            // 11:00时
            if let Some(e2) = sc.any(e, &["时", "時"]) {
                e = e2;
            }
            return Some((clk, e));
        }
        if let Some(e2) = sc.any(j, &["pm", "PM"]) {
            let h = if h < 12 { h + 12 } else { h };
            return Some((
                Clock {
                    h,
                    m: None,
                    s: None,
                    ambiguous: false,
                },
                e2,
            ));
        }
    }
    // N点/N时 with Chinese or Arabic numerals.
    let n = sc.num(i)?;
    if n.val.fract() != 0.0 || n.val > 24.0 || n.approx || n.seq > 2 || n.digits > 2 {
        return None;
    }
    let h = n.val as u32;
    let hour_sym = sc.any(n.end, &["点", "點", "时", "時"])?;
    // 小时 is a duration.
    if sc.before(n.end).is_some_and(|c| c == '小') {
        return None;
    }
    let with_shi = sc.any(n.end, &["时", "時"]).is_some();
    let mut e = sc.any(hour_sym, &["钟", "鐘"]).unwrap_or(hour_sym);
    let mut m = None;
    let mut s = None;
    if let Some((mv, e2)) = cantonese_minutes(sc, n.end, e) {
        m = Some(mv);
        e = e2;
    } else if let Some(e2) = sc.lit(e, "半") {
        m = Some(30);
        e = e2;
    } else if let Some(e2) = sc.any(e, &["一刻", "1刻"]) {
        m = Some(15);
        e = e2;
    } else if let Some(e2) = sc.any(e, &["三刻", "3刻"]) {
        m = Some(45);
        e = e2;
    } else if let Some(mn) = sc.num(e) {
        let mv = mn.val;
        let written_zero = sc.any(e, &["零", "0", "〇"]).is_some();
        if mv.fract() != 0.0 || mv > 59.0 || mn.approx {
            return None;
        }
        let with_fen = sc.any(mn.end, &["分", "min"]);
        if with_fen.is_none() && mv < 10.0 && !written_zero {
            // 二十点六, 24点5度: a decimal number.
            return None;
        }
        if sc
            .at(mn.end)
            .is_some_and(|c| c == '度' || c == '%' || c == '倍')
        {
            return None;
        }
        m = Some(mv as u32);
        e = with_fen.unwrap_or(mn.end);
        if let Some(sn) = sc.num(e) {
            if let Some(e2) = sc.lit(sn.end, "秒") {
                if sn.val <= 59.0 && sn.val.fract() == 0.0 {
                    s = Some(sn.val as u32);
                    e = e2;
                }
            }
        }
    } else if sc.at(e).is_some_and(|c| c == '度' || c == '%') {
        return None;
    }
    let e = sc.lit(e, "整").unwrap_or(e);
    // Arabic hour written with 时 (8时) is an exact time on the hour.
    if m.is_none() && with_shi && !n.chinese {
        m = Some(0);
    }
    Some((
        Clock {
            h,
            m,
            s,
            ambiguous: true,
        },
        e,
    ))
}

/// Cantonese minutes after 點 at `e` (`hour_end` is where the hour's
/// number ends): 三點踏三, 三點搭半, 三點三個字, 三點一, where a 字 is five
/// minutes. The bare form (三點三) only with the traditional 點 and a
/// single digit after it, so 3点3 (a decimal) stays a number.
fn cantonese_minutes(sc: &Sc, hour_end: usize, e: usize) -> Option<(u32, usize)> {
    let step = sc.any(e, &["踏", "搭"]);
    let k = step.unwrap_or(e);
    if step.is_some() {
        if let Some(e2) = sc.lit(k, "半") {
            return Some((30, e2));
        }
    }
    let c = sc.at(k)?;
    // 三點零五 writes the minutes out.
    if !is_cn_numeral(c) || "零〇○".contains(c) {
        return None;
    }
    let (n, e2) = sc.small(k, 11)?;
    let ge = sc.any(e2, &["個字", "个字"]);
    let bare = sc.lit(hour_end, "點").is_some()
        && sc.at(e2).is_none_or(|c| {
            !is_cn_numeral(c) && !c.is_ascii_digit() && !"分秒點点刻鐘钟".contains(c)
        });
    (step.is_some() || ge.is_some() || bare).then_some((n * 5, ge.unwrap_or(e2)))
}

/// A part of day word at `i`.
fn part_of_day(sc: &Sc, i: usize) -> Option<(Part, usize)> {
    lexicon::PART_IDX.find(sc.s, i)
}

/// The composite date/time expression starting at `i`: year, month, day,
/// weekday, festival, part of day, clock, and the mods around them.
fn point_expr(sc: &Sc, i: usize) -> Option<Raw> {
    let mut pt = Point::new();
    let mut j = i;
    let mut modifier: Option<TimexMod> = None;
    let mut weak_year = false;

    // Year.
    if let Some((y, e, weak)) = year_part(sc, j) {
        pt.year = y;
        pt.explicit_year = matches!(y, YearSpec::Abs(_) | YearSpec::Short(_));
        weak_year = weak;
        j = e;
    }
    if pt.year == YearSpec::None {
        // 年初, 年底 alone: of the year under discussion.
        // The word first: it is rare, the test of what precedes it is not.
        if let Some((m, e)) = lexicon::LONE_YEAR_MOD_IDX.find(sc.s, j) {
            let prev_ok = sc.before(i).is_none_or(|c| {
                !c.is_ascii_digit()
                    && !is_cn_numeral(c)
                    && !"今去明近多周当同全每前后次上下本新数历逐".contains(c)
            });
            if prev_ok {
                pt.year = YearSpec::Narrative;
                modifier = Some(m);
                j = e;
            }
        }
    }
    let after_year = j;
    let k = if pt.year != YearSpec::None {
        sc.sp(j)
    } else {
        j
    };
    // Below the year: quarter, half, 同期, parts of the year.
    if pt.year != YearSpec::None {
        if let Some((n, None, e)) = nth_week(sc, k) {
            pt.sub = Some(Sub::IsoWeek(n));
            j = e;
        } else if let Some(e) = sc.lit(k, "首月") {
            pt.month = Some(MonthSpec::Abs(1));
            j = e;
        } else if let Some((m, e)) = sc
            .lit(k, "第")
            .and_then(|k2| sc.small(k2, 12))
            .and_then(|(m, e)| sc.any(e, &["个月", "個月"]).map(|e2| (m, e2)))
        {
            // 70年第8个月
            pt.month = Some(MonthSpec::Abs(m));
            j = e;
        } else if let Some((n, e)) = sc.lit(k, "第").and_then(|k2| day_of_year(sc, k2)) {
            pt.sub = Some(Sub::DayOfYear(n));
            j = e;
        } else if let Some((sub, e)) = sub_year(sc, k).or_else(|| season(sc, k, true)) {
            pt.sub = Some(sub);
            j = e;
        } else if let Some((m, e)) = year_mod(sc, k, true) {
            modifier = Some(m);
            j = e;
        }
    } else if let Some((sub, e)) = sub_year(sc, k).or_else(|| season(sc, k, false)) {
        // 前三季度, 后两个季度: counts of quarters, not one quarter; 同期
        // needs a year (同期上映 is "at the same time").
        if !matches!(sc.before(i), Some('前' | '后')) && sub != Sub::SamePeriod {
            pt.sub = Some(sub);
            j = e;
        }
    }
    if let Some(Sub::Quarter(_) | Sub::QuarterRel(_) | Sub::Fiscal) = pt.sub {
        if modifier.is_none() {
            if let Some((m, e)) = part_mod(sc, sc.sp(j)) {
                modifier = Some(m);
                j = e;
            }
        }
    }
    // A lunar date: 农历八月十五, 腊月初十, 五月廿二.
    if pt.sub.is_none() && modifier.is_none() {
        let k = if pt.year != YearSpec::None {
            sc.sp(j)
        } else {
            j
        };
        if let Some((f, e)) = lunar_date(sc, k) {
            pt.fest = Some(f);
            j = e;
        }
    }
    // Month.
    if pt.sub.is_none() && modifier.is_none() && pt.fest.is_none() {
        let k = if pt.year != YearSpec::None {
            sc.sp(j)
        } else {
            j
        };
        if let Some((m, e)) = month_part(sc, k) {
            pt.month = Some(m);
            j = e;
            if let Some((md, e2)) = part_mod(sc, sc.sp(j)) {
                modifier = Some(md);
                j = e2;
            } else if let Some((d, e2)) = day_part(sc, sc.sp(j), true) {
                pt.day = Some(d);
                j = e2;
            } else if let Some((n, wd, e2)) = nth_week(sc, j) {
                pt.nth_week = Some((n, wd));
                j = e2;
            }
        }
    }
    // Festival after a year (2023年春节, 今年双十一) or alone.
    if pt.month.is_none() && pt.sub.is_none() && modifier.is_none() {
        let k = if pt.year != YearSpec::None {
            sc.sp(j)
        } else {
            j
        };
        // 今年“双11”: the name may be quoted.
        let q = if pt.year != YearSpec::None {
            sc.any(k, &["“", "\"", "「"])
        } else {
            None
        };
        if let Some((f, e)) = festival(sc, q.unwrap_or(k)) {
            // An opening quote is taken only with its closing one: in
            // 2023年“春节不打烊” the quote names a campaign, and the year and
            // the festival are two expressions.
            let closed = match q {
                Some(_) => sc.any(e, &["”", "\"", "」"]),
                None => Some(e),
            };
            if let Some(e) = closed {
                pt.fest = Some(f);
                j = e;
            }
        }
    }
    // Day alone: 28日, 今天, 当天.
    if pt.year == YearSpec::None && pt.month.is_none() && pt.sub.is_none() && pt.fest.is_none() {
        if let Some((d, e, part)) = day_word(sc, j) {
            pt.day = Some(d);
            pt.part = part;
            j = e;
        } else if let Some((d, e)) = day_part(sc, j, false) {
            pt.day = Some(d);
            j = e;
        }
    }
    // Weekday: 周三, 上周五, 本周.
    if pt.year == YearSpec::None
        && pt.month.is_none()
        && pt.sub.is_none()
        && pt.fest.is_none()
        && pt.day.is_none()
    {
        if let Some((w, e)) = week_part(sc, j) {
            match w {
                WeekPart::Day(rel, wd) => pt.weekday = Some((rel, wd)),
                WeekPart::Week(rel) => pt.sub = Some(Sub::Week(rel)),
                WeekPart::Weekend(rel) => pt.sub = Some(Sub::Weekend(rel)),
            }
            j = e;
        }
    } else if pt.day.is_some() {
        // 6月1日周六: a weekday repeating the date. In brackets, 7月8日（周六）,
        // the weekday is an expression of its own (dated by the one before).
        if let Some((WeekPart::Day(None, _), e)) = week_part(sc, j) {
            j = e;
        }
    }
    // Part of day and clock.
    let has_date = !pt.is_empty();
    let day_sub = matches!(pt.sub, Some(Sub::DayOfYear(_)));
    if (pt.sub.is_none() || day_sub)
        && pt.month.is_none_or(|_| pt.day.is_some())
        && modifier.is_none()
    {
        let k = sc.sp(j);
        let part = part_of_day(sc, k);
        // 早, 晚 alone are adverbs (早已, 晚些); only before a clock time.
        let single = part.is_some_and(|(_, e)| e - k <= 3);
        let ck = part.map_or(k, |(_, e)| e);
        if let Some((clk, e)) = clock(sc, ck) {
            let lone_bare = !has_date && part.is_none();
            if !lone_bare || clock_alone_ok(sc, i, e, &clk) {
                pt.clock = Some(clk);
                if let Some((p, _)) = part {
                    pt.part = Some(p);
                }
                j = e;
            }
        } else if let Some((p, e)) = part {
            // 17日晚: after a day of the month 晚 is its evening (but 晚些,
            // 晚于, 晚宴 are other words).
            let evening_after_day = single
                && p == Part::Ev
                && matches!(pt.day, Some(DaySpec::Abs(_)))
                && sc
                    .at(e)
                    .is_none_or(|c| !"些于了点饭餐会宴报年期安间上".contains(c));
            if has_date && pt.part.is_none() && (!single || evening_after_day) {
                pt.part = Some(p);
                j = e;
            } else if !has_date && lone_part_ok(sc, k, e) {
                // 下午，腾讯表示: the part of the day under discussion.
                pt.part = Some(p);
                j = e;
            }
        }
    }
    if pt.is_empty() {
        return None;
    }
    if let Some(clk) = pt.clock {
        if !has_date && pt.part.is_none() && clk.ambiguous && !bare_clock_end_ok(sc, j) {
            return None;
        }
    }
    // A two-digit year with nothing after it is a count (10年).
    if weak_year
        && pt.month.is_none()
        && pt.sub.is_none()
        && modifier.is_none()
        && pt.fest.is_none()
    {
        return None;
    }
    if weak_year && j == after_year {
        return None;
    }
    finish_point_mod(sc, i, j, pt, modifier)
}

/// A part of the day standing alone: the plain words, not the ones that
/// start names (下午茶, 白天鹅, 夜间模式, 深夜食堂).
fn lone_part_ok(sc: &Sc, k: usize, e: usize) -> bool {
    let word = sc.s.get(k..e).unwrap_or("");
    matches!(
        word,
        "凌晨"
            | "早上"
            | "早晨"
            | "清晨"
            | "上午"
            | "中午"
            | "下午"
            | "午后"
            | "傍晚"
            | "晚上"
            | "白天"
    ) && sc.at(e).is_none_or(|c| !"茶鹅场班档市盘好".contains(c))
}

/// What may follow a bare clock time (八点健闻 is a name, 十一点的事 a time).
fn bare_clock_end_ok(sc: &Sc, e: usize) -> bool {
    sc.at(e).is_none_or(|c| {
        !c.is_alphanumeric() || c.is_ascii() || "的钟整前后左半多起至到开结过准许以之在".contains(c)
    })
}

/// A bare clock time needs to look like one: 十一点, 3点半, 15:30.
fn clock_alone_ok(sc: &Sc, start: usize, end: usize, clk: &Clock) -> bool {
    if clk.m.is_some() && !clk.ambiguous {
        return true;
    }
    let text = sc.s.get(start..end).unwrap_or("");
    // 一点 (a little) and 零点 (zero point) are not times on their own.
    if clk.m.is_none() && clk.h <= 1 {
        return false;
    }
    // A lone 时 (8时) is too often part of a word.
    !(text.ends_with('时') || text.ends_with('時')) || clk.m.is_some()
}

fn finish_point(sc: &Sc, i: usize, j: usize, pt: Point) -> Option<Raw> {
    finish_point_mod(sc, i, j, pt, None)
}

/// Attach the mods written after a point: 前, 之后, 起, 以来, 左右.
fn finish_point_mod(
    sc: &Sc,
    i: usize,
    mut j: usize,
    pt: Point,
    mut modifier: Option<TimexMod>,
) -> Option<Raw> {
    let k = sc.sp(j);
    // 国庆假期前: the holiday's name and 假期 carry the mod together.
    let holiday = if pt.fest.is_some() {
        sc.any(k, &["假期", "长假", "黄金周"])
    } else {
        None
    };
    let k2 = holiday.unwrap_or(k);
    if let Some(e) = sc.any(k2, APPROX) {
        // 许多, 许久, 许可: 许 opens the next word, not "about".
        let word_xu =
            sc.s.get(k2..e) == Some("许") && sc.at(e).is_some_and(|c| "多久可诺愿".contains(c));
        if !followed_by_count(sc, e) && !word_xu {
            modifier = Some(TimexMod::Approx);
            j = e;
        }
    } else if let Some(e) = sc.any(k2, BEFORE) {
        if !followed_by_count(sc, e) && modifier.is_none() {
            modifier = Some(TimexMod::Before);
            j = e;
        } else if !followed_by_count(sc, e) && modifier == Some(TimexMod::End) {
            // 年底前 (by the year's end) is one expression; its mod stays
            // END: BEFORE on the year would put it before the year began.
            j = e;
        }
    } else if let Some(e) = sc.any(k2, AFTER) {
        let word = sc.s.get(k2..e).unwrap_or("");
        // 起 starting a word (起诉, 起步) is not "from".
        let bad_qi = word == "起" && sc.at(e).is_some_and(|c| "诉步来草初飞点航售".contains(c));
        if !followed_by_count(sc, e) && !bad_qi && modifier.is_none() {
            modifier = Some(TimexMod::After);
            j = e;
        }
    }
    Some(Raw {
        start: i,
        end: j,
        kind: Kind::Point(pt),
        modifier,
    })
}

/// 2021年前三季度, 前两个月: 前/后 start a count, not a mod.
fn followed_by_count(sc: &Sc, e: usize) -> bool {
    sc.at(e)
        .is_some_and(|c| is_cn_numeral(c) || c.is_ascii_digit() || c == '几')
}

/// The year at `i`: (spec, end, weak) where weak marks a two-digit year
/// that needs a month or a part after it.
fn year_part(sc: &Sc, i: usize) -> Option<(YearSpec, usize, bool)> {
    if let Some(n) = sc.num(i) {
        let k = sc.sp(n.end);
        // 2023Q3, 2024H1: the year with no 年, right before the part.
        // 2023三季度, 2023第三季度 too.
        let cn_quarter = sc.at(k).is_some_and(|c| c == '第' || is_cn_numeral(c))
            && sc
                .at(k)
                .map(|c| k + c.len_utf8())
                .and_then(|k2| {
                    sc.any(k2, &["季度", "季"]).or_else(|| {
                        sc.at(k2)
                            .filter(|c| is_cn_numeral(*c))
                            .and_then(|c| sc.lit(k2 + c.len_utf8(), "季度"))
                    })
                })
                .is_some();
        if n.digits == 4 && (matches!(sc.b.get(k), Some(b'Q' | b'q' | b'H' | b'h')) || cn_quarter) {
            let y = n.val as i32;
            if (1900..=2100).contains(&y) && n.val.fract() == 0.0 {
                return Some((YearSpec::Abs(y), k, false));
            }
        }
        let e = sc.lit(k, "年")?;
        // 周年 etc. are not years; 年代 is a decade; 年级 a grade.
        if sc.at(e).is_some_and(|c| {
            c == '代' || c == '级' || c == '龄' || c == '薪' || c == '均' || c == '费'
        }) {
            return None;
        }
        // 公告2023年第2号: a document number, not a date.
        if sc
            .lit(e, "第")
            .and_then(|k2| sc.num(k2))
            .is_some_and(|d| sc.any(d.end, &["号", "號"]).is_some())
        {
            return None;
        }
        if n.digits == 4 {
            let y = n.val as i32;
            if (1900..=2100).contains(&y) && n.val.fract() == 0.0 {
                return Some((YearSpec::Abs(y), e, false));
            }
            return None;
        }
        if n.seq == 4 {
            return Some((YearSpec::Abs(n.val as i32), e, false));
        }
        if (n.digits == 2 || n.seq == 2) && !n.approx {
            // 10年 alone may be a count; 九八年, digit by digit, never is.
            return Some((YearSpec::Short(n.val as i32), e, n.seq == 0));
        }
        return None;
    }
    let (y, e) = lexicon::YEAR_IDX.find(sc.s, i)?;
    if sc.s.get(i..e) == Some("全年") {
        // 2023 全年: the year is written before it; 全年一次性奖金 is a
        // name.
        let k = if sc.before(i) == Some(' ') { i - 1 } else { i };
        // 全年无休 is "all year round", no year of its own.
        if sc.before(k).is_some_and(|c| c.is_ascii_digit())
            || sc.any(e, &["一次性", "无休", "無休"]).is_some()
        {
            return None;
        }
    }
    // 在年内, 力争年内: standing alone after a verb or a preposition; 多年内
    // and 数年内 are vague lengths, not this year.
    if sc.s.get(i..e) == Some("年内")
        && !sc
            .before(i)
            .is_none_or(|c| is_clause_mark(c) || "在于将争望计划或并至".contains(c))
    {
        return None;
    }
    // 以下年轻人, 上年纪: 年 starts another word.
    if sc.at(e).is_some_and(|c| "轻级龄纪代薪".contains(c)) {
        return None;
    }
    if sc.before(i).is_some_and(|c| "以之".contains(c))
        && matches!(y, YearSpec::Rel(_))
        && sc
            .s
            .get(i..e)
            .is_some_and(|w| w.chars().count() == 2 && (w.starts_with('上') || w.starts_with('下')))
    {
        return None;
    }
    Some((y, e, false))
}

/// Quarter, half or 同期 after a year (or alone).
fn season(sc: &Sc, i: usize, after_year: bool) -> Option<(Sub, usize)> {
    let (code, e) = [("春", "SP"), ("夏", "SU"), ("秋", "FA"), ("冬", "WI")]
        .iter()
        .find_map(|(w, c)| sc.lit(i, w).map(|e| (*c, e)))?;
    if let Some(e2) = sc.any(e, &["季", "天"]) {
        // 春季, 冬天; 春天 alone is too often figurative.
        if after_year || sc.lit(e, "季").is_some() {
            return Some((Sub::Season(code), e2));
        }
        return None;
    }
    // 2021年春: only right after a year, and not the start of a word (春节).
    let next_ok = sc
        .at(e)
        .is_none_or(|c| !c.is_alphanumeric() || c.is_ascii() || "，。、".contains(c));
    (after_year && next_ok).then_some((Sub::Season(code), e))
}

fn sub_year(sc: &Sc, i: usize) -> Option<(Sub, usize)> {
    // Each form below opens with a number or one of these characters.
    if sc.fast {
        let c = sc.at(i)?;
        let opens = c.is_ascii_digit()
            || is_cn_numeral(c)
            || matches!(
                c,
                '上' | '下' | '同' | '前' | '首' | 'H' | 'h' | 'Q' | 'q' | '第'
            )
            || lexicon::QUARTER_IDX.may_start(c);
        if !opens {
            return None;
        }
    }
    if let Some(e) = sc.lit(i, "上半年") {
        return Some((Sub::Half(1), e));
    }
    if let Some(e) = sc.lit(i, "下半年") {
        return Some((Sub::Half(2), e));
    }
    if let Some(e) = sc.lit(i, "同期") {
        return Some((Sub::SamePeriod, e));
    }
    if let Some(e) = sc.any(i, &["前两个季度", "前2个季度"]) {
        return Some((Sub::Half(1), e));
    }
    if let Some(e) = sc.any(i, &["首季度", "首季"]) {
        return Some((Sub::Quarter(1), e));
    }
    if let Some((r, e)) = lexicon::QUARTER_IDX.find(sc.s, i) {
        return Some((Sub::QuarterRel(r), e));
    }
    // H1, H2 (halves) after a year.
    if matches!(sc.b.get(i), Some(b'H' | b'h')) {
        let d = *sc.b.get(i + 1)?;
        let prev_digit = sc.before(i).is_some_and(|c| c.is_ascii_digit());
        if (d == b'1' || d == b'2')
            && prev_digit
            && !sc.b.get(i + 2).is_some_and(u8::is_ascii_alphanumeric)
        {
            return Some((Sub::Half(u32::from(d - b'0')), i + 2));
        }
        return None;
    }
    // Q3, Q3季度
    if matches!(sc.b.get(i), Some(b'Q' | b'q')) {
        let d = *sc.b.get(i + 1)?;
        if (b'1'..=b'4').contains(&d) && !sc.b.get(i + 2).is_some_and(u8::is_ascii_alphanumeric) {
            let e = sc.lit(i + 2, "季度").unwrap_or(i + 2);
            // A4Q3 is a name; 2023Q3 a year and its quarter.
            if sc.before(i).is_some_and(|c| c.is_ascii_alphabetic()) {
                return None;
            }
            return Some((Sub::Quarter(u32::from(d - b'0')), e));
        }
        return None;
    }
    let (k, ordinal) = match sc.lit(i, "第") {
        Some(k) => (k, true),
        None => (i, false),
    };
    // 两季度 is two quarters, a length: 两 counts, it never orders.
    if !ordinal && sc.at(k) == Some('两') {
        return None;
    }
    let (q, e) = sc.small(k, 4)?;
    let e = sc.sp(e);
    // 2022年三季报: the quarter of a quarterly report.
    if sc.lit(e, "季报").is_some() {
        return Some((Sub::Quarter(q), e + "季".len()));
    }
    if let Some(e2) = sc.lit(e, "财季").or_else(|| sc.lit(e, "财政季度")) {
        return ordinal.then_some((Sub::Fiscal, e2));
    }
    if let Some(e2) = sc.lit(e, "季度") {
        return Some((Sub::Quarter(q), e2));
    }
    if ordinal {
        if let Some(e2) = sc.lit(e, "季") {
            return Some((Sub::Quarter(q), e2));
        }
    }
    None
}

/// N天 after 第: a day of the year.
fn day_of_year(sc: &Sc, i: usize) -> Option<(u32, usize)> {
    let n = sc.num(i)?;
    let v = n.val as u32;
    if n.val.fract() != 0.0 || !(1..=366).contains(&v) {
        return None;
    }
    sc.lit(n.end, "天").map(|e| (v, e))
}

/// [的]第N[个]周[X] after a month: (N, weekday).
fn nth_week(sc: &Sc, i: usize) -> Option<(u32, Option<Weekday>, usize)> {
    let j = sc.lit(i, "的").unwrap_or(i);
    let j = sc.lit(j, "第")?;
    let (n, e) = sc.small(j, 53)?;
    let e = sc.any(e, &["个", "個"]).unwrap_or(e);
    let e = sc.any(e, &["星期", "礼拜", "禮拜", "周", "週"])?;
    if let Some(c) = sc.at(e) {
        if let Some(wd) = weekday_of(c) {
            return Some((n, Some(wd), e + c.len_utf8()));
        }
    }
    Some((n, None, e))
}

/// A date of the lunar calendar. Without 农历 it needs a lunar month name
/// (正月, 腊月) or a lunar day (初五, 廿二, or a Chinese day with no 日).
fn lunar_date(sc: &Sc, i: usize) -> Option<(Fest, usize)> {
    let mut j = i;
    let prefixed = match sc.any(j, &["农历", "阴历", "農曆"]) {
        Some(e) => {
            j = e;
            true
        }
        None => false,
    };
    let leap = match sc.lit(j, "闰") {
        Some(e) => {
            j = e;
            true
        }
        None => false,
    };
    let (month, named, e) = if let Some(e) = sc.lit(j, "正月") {
        (1, true, e)
    } else if let Some(e) = sc.lit(j, "腊月") {
        (12, true, e)
    } else if let Some(e) = sc.lit(j, "冬月") {
        (11, true, e)
    } else {
        let (m, e) = sc.small(j, 12)?;
        let e = sc.lit(sc.sp(e), "月")?;
        (m, false, e)
    };
    let mut k = e;
    let (day, lunar_form) = if let Some(e2) = sc.lit(k, "初") {
        let (d, e3) = sc.small(e2, 10)?;
        // 10月初一个宝宝, 四月初一起访问: 初 closes the month (early
        // October) and the numeral starts a word of its own.
        if sc
            .at(e3)
            .is_some_and(|c| "个個起些次家点位种项条款批场轮份".contains(c))
        {
            return None;
        }
        k = e3;
        (d, true)
    } else {
        let n = sc.num(k)?;
        let (d, e3) = sc.small(k, 30)?;
        let marked = sc.any(e3, &["日", "号", "號"]);
        let starts_ninan = sc.lit(k, "廿").is_some();
        k = marked.unwrap_or(e3);
        (d, starts_ninan && n.chinese)
    };
    if !(prefixed || named || lunar_form) {
        return None;
    }
    // 腊月18000吨: the day must end the number.
    if sc.at(k).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((Fest::LunarDate(month, day, leap), k))
}

/// 初, 底, 中旬 after a month or quarter.
fn part_mod(sc: &Sc, i: usize) -> Option<(TimexMod, usize)> {
    lexicon::PART_MOD_IDX.find(sc.s, i)
}

/// 初, 底, 年底, 伊始 right after a year.
fn year_mod(sc: &Sc, i: usize, _after_year: bool) -> Option<(TimexMod, usize)> {
    lexicon::YEAR_MOD_IDX.find(sc.s, i)
}

fn month_part(sc: &Sc, i: usize) -> Option<(MonthSpec, usize)> {
    if let Some((m, e)) = sc.small(i, 12) {
        let k = sc.sp(e);
        let e2 = sc.lit(k, "月")?;
        // 月均, 月薪: monthly figures, not months; 个月 never reaches here.
        if sc
            .at(e2)
            .is_some_and(|c| "均薪费租供息度活票卡球".contains(c))
        {
            return None;
        }
        let e3 = sc.lit(e2, "份").unwrap_or(e2);
        return Some((MonthSpec::Abs(m), e3));
    }
    lexicon::MONTH_IDX.find(sc.s, i)
}

/// The day after a month (`with_month`) or alone (28日).
fn day_part(sc: &Sc, i: usize, with_month: bool) -> Option<(DaySpec, usize)> {
    let n = sc.num(i)?;
    if n.val.fract() != 0.0 || n.approx || n.digits > 2 || n.seq > 2 {
        return None;
    }
    let d = n.val as u32;
    if !(1..=31).contains(&d) {
        return None;
    }
    let k = sc.sp(n.end);
    if let Some(e) = sc.lit(k, "日") {
        if !with_month && !day_alone_ok(sc, i, e, n.chinese, d) {
            return None;
        }
        return Some((DaySpec::Abs(d), e));
    }
    if let Some(e) = sc.any(k, &["号", "號"]) {
        // A bare 5号 is a number (5号线, 5号文); only after a month, or
        // before a part of the day (8号晚上9点).
        let k2 = sc.sp(e);
        // (早 and 晚 alone are too often adverbs: 5号早已停运.)
        if !with_month && part_of_day(sc, k2).is_none_or(|(_, pe)| pe <= k2 + 3) {
            return None;
        }
        return Some((DaySpec::Abs(d), e));
    }
    if with_month && k == n.end {
        // 10月22: the day without 日, where nothing after it is counted.
        let next = sc.at(n.end);
        let ok = match next {
            None => true,
            Some(c) => {
                // Digits only: a Chinese numeral right after a month is
                // mostly a word of its own (十二月份一定).
                !n.chinese
                    && !c.is_ascii_alphanumeric()
                    && !is_cn_numeral(c)
                    && !"个家人元万亿次件名位年月%.条款项只台辆部场届期批".contains(c)
            }
        };
        if ok {
            return Some((DaySpec::Abs(d), n.end));
        }
    }
    None
}

/// Whether a bare `N日` is a day of the month rather than a count of days.
fn day_alone_ok(sc: &Sc, i: usize, e: usize, chinese: bool, d: u32) -> bool {
    if chinese && (d < 2 || sc.any(i, &["两", "兩", "俩"]).is_some()) {
        return false;
    }
    // 14日内, 5日以内, 15日之内: a count of days.
    if sc
        .any(e, &["内", "以内", "之内", "以上", "之后", "后", "起"])
        .is_some()
    {
        return sc.any(e, &["起"]).is_some();
    }
    if let Some(p) = sc.before(i) {
        if "超过满前近约达长共逾连续计每隔至少多第".contains(p) {
            return false;
        }
    }
    true
}

/// 今天, 昨日, 当天, 今晚.
fn day_word(sc: &Sc, i: usize) -> Option<(DaySpec, usize, Option<Part>)> {
    let ((d, p), e) = lexicon::DAY_IDX.find(sc.s, i)?;
    // 今日头条, 明日方舟: names.
    if sc
        .any(e, &["头条", "方舟", "之星", "影视", "香港"])
        .is_some()
    {
        return None;
    }
    Some((d, e, p))
}

enum WeekPart {
    Day(Option<i32>, Weekday),
    Week(i32),
    Weekend(i32),
}

fn week_part(sc: &Sc, i: usize) -> Option<(WeekPart, usize)> {
    // Each form below opens with one of these characters.
    if sc.fast
        && !sc.at(i).is_some_and(|c| {
            matches!(
                c,
                '上' | '下' | '这' | '這' | '本' | '今' | '星' | '礼' | '禮' | '周' | '週'
            )
        })
    {
        return None;
    }
    let mut j = i;
    let mut rel: Option<i32> = None;
    loop {
        if let Some(e) = sc.lit(j, "上") {
            rel = Some(rel.unwrap_or(0) - 1);
            j = e;
        } else if let Some(e) = sc.lit(j, "下") {
            rel = Some(rel.unwrap_or(0) + 1);
            j = e;
        } else {
            break;
        }
    }
    if rel.is_none() {
        if let Some(e) = sc.any(
            j,
            &[
                "这一", "這一", "这个", "這個", "本", "这", "這", "今個", "今个", "今",
            ],
        ) {
            rel = Some(0);
            j = e;
        }
    } else if let Some(e) = sc.any(j, &["一个", "一個", "个", "個", "一"]) {
        j = e;
    }
    let e = sc.any(j, &["星期", "礼拜", "禮拜", "周", "週"])?;
    // 周年, 周期, 周边: not weeks.
    if let Some(c) = sc.at(e) {
        if let Some(wd) = weekday_of(c) {
            // 周日均: a weekly figure.
            let e2 = e + c.len_utf8();
            if c.is_ascii_digit() && sc.b.get(e2).is_some_and(u8::is_ascii_digit) {
                return None;
            }
            return Some((WeekPart::Day(rel, wd), e2));
        }
        if c == '末' {
            return Some((WeekPart::Weekend(rel?), e + c.len_utf8()));
        }
    }
    // 本周, 上周: a week, but a bare 周 is not.
    let r = rel?;
    // 下周周六
    if let Some(k) = sc.any(e, &["周", "週", "星期"]) {
        if let Some(c) = sc.at(k) {
            if let Some(wd) = weekday_of(c) {
                return Some((WeekPart::Day(Some(r), wd), k + c.len_utf8()));
            }
        }
    }
    if sc.at(e).is_some_and(|c| "年期边岁刊报围".contains(c)) {
        return None;
    }
    Some((WeekPart::Week(r), e))
}

/// Common surnames that are not also common words before a holiday's name
/// (于, 在, 过 and the like are left out: 于国庆期间).
const SURNAMES: &str = "李王张刘陈杨赵黄周吴徐孙胡朱林何郭罗梁宋郑谢韩唐冯董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪姜范姚谭廖邹熊陆郝孔崔邱秦顾侯邵孟段雷汤尹黎龚赖贺乔";

/// 十一 before the words of its holiday (十一黄金周, 十一长假, 十一期间) is
/// National Day, as 国庆; elsewhere it is eleven. The end of 十一.
fn national_day(sc: &Sc, i: usize) -> Option<usize> {
    let e = sc.lit(i, "十一")?;
    // 第十一, 双十一, 三十一, 11十一: another number or festival.
    if sc
        .before(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || is_cn_numeral(c) || "第双雙".contains(c))
    {
        return None;
    }
    sc.any(
        e,
        &["黄金周", "长假", "小长假", "假期", "期间", "国庆", "前后"],
    )?;
    Some(e)
}

fn festival(sc: &Sc, i: usize) -> Option<(Fest, usize)> {
    if let Some(e) = national_day(sc, i) {
        return Some((Fest::Fixed(10, 1), e));
    }
    // 618, 双11: shopping days are numbers too; check they are not prices.
    if let Some(e) = sc.lit(i, "618") {
        let prev_ok = sc
            .before(i)
            .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '.' && c != '¥');
        let next = sc.at(e);
        let next_ok = next.is_none_or(|c| {
            !c.is_ascii_alphanumeric()
                && !"元万亿千百个件次人家号米克斤吨年月日天岁分位台部条%.块股起期".contains(c)
        });
        return (prev_ok && next_ok).then_some((Fest::Fixed(6, 18), e));
    }
    if let Some(k) = sc.any(i, &["大年初", "正月初", "农历正月初"]) {
        if let Some((n, e)) = sc.small(k, 10) {
            return Some((Fest::Lunar(Lunar::NewYear, i64::from(n) - 1), e));
        }
    }
    let (f, e) = lexicon::FESTIVAL_IDX.find(sc.s, i)?;
    // 政治清明 (clean politics), 清明上河图, 大寒潮 (a cold wave): words.
    let word = sc.s.get(i..e).unwrap_or("");
    let bad = match word {
        "清明" => {
            sc.before(i).is_some_and(|c| "治气廉明".contains(c)) || sc.lit(e, "上河").is_some()
        }
        "大寒" | "小寒" => sc.at(e) == Some('潮'),
        // 国庆 is a common given name (李国庆): after a surname that is no
        // common word, and not followed by the holiday's own words, it is a
        // person.
        "国庆" => {
            sc.before(i).is_some_and(|c| SURNAMES.contains(c))
                && sc
                    .any(
                        e,
                        &[
                            "节",
                            "假",
                            "期间",
                            "长假",
                            "黄金周",
                            "档",
                            "前",
                            "后",
                            "当天",
                            "之际",
                            "小长假",
                            "出游",
                        ],
                    )
                    .is_none()
        }
        _ => false,
    };
    (!bad).then_some((f, e))
}

/// Durations with a number: 三个月, 两周, 近两年, 二十多年, 3、4分钟.
fn duration_expr(sc: &Sc, i: usize) -> Option<Raw> {
    let mut j = i;
    // 近两年, 过去一年: the prefix belongs to the expression.
    if let Some(e) = sc.any(
        j,
        &["近", "过去", "最近", "未来", "今后", "下一个", "下个", "前"],
    ) {
        // The spaced style (近 20 年, 过去 9 年); 过去这一年 is 过去一年.
        j = sc.sp(e);
        j = sc.lit(j, "这").unwrap_or(j);
        if j == i {
            return None;
        }
    }
    let prefixed = j != i;
    // 最后一天, 最初两年: which stretch, not how long.
    if !prefixed
        && sc
            .s
            .get(..i)
            .is_some_and(|b| b.ends_with("最后") || b.ends_with("最初"))
    {
        return None;
    }
    let (dur, e, approx, vague) = duration_core(sc, j)?;
    let word = sc.s.get(j..e).unwrap_or("");
    // 公告2023年第2号: a year in a document number, never a length.
    if dur.0[Y] >= 1000.0 {
        return None;
    }
    // 百年, 千年 alone are figures of speech (固化了百年的习惯).
    if matches!(word, "百年" | "千年" | "万年") {
        return None;
    }
    // 至今10周年, 10周年纪念: an anniversary, not a length of time.
    if word.ends_with("周年") {
        let before = sc.s.get(..j).unwrap_or("");
        let after = sc.s.get(e..).unwrap_or("");
        if [
            "至今", "迎来", "成立", "是", "为", "第", "庆祝", "纪念", "届满",
        ]
        .iter()
        .any(|w| before.ends_with(w))
            || ["纪念", "庆", "之际", "华诞", "生日", "的日子"]
                .iter()
                .any(|w| after.starts_with(w))
        {
            return None;
        }
    }
    // 艰难的一年, 美好的一天: the year or day itself, described, not a
    // length (过去的一年, 上线后的一年里 stay lengths).
    if !prefixed && matches!(word, "一年" | "一天" | "一日") {
        let before = sc.s.get(..j).unwrap_or("");
        let after = sc.s.get(e..).unwrap_or("");
        if let Some(b) = before.strip_suffix('的') {
            let span_word = [
                "过去",
                "未来",
                "最近",
                "今后",
                "接下来",
                "近",
                "这",
                "那",
                "后",
                "前",
            ]
            .iter()
            .any(|w| b.ends_with(w));
            let length_after = after
                .chars()
                .next()
                .is_some_and(|c| "里裡内中时多后前以来之半零".contains(c));
            if !span_word && !length_after {
                return None;
            }
        }
    }
    let word_prefix = sc.s.get(i..j).unwrap_or("").trim_end_matches(' ');
    if prefixed && word_prefix == "前" {
        // 前5日: the prefix is not part of the expression.
        return None;
    }
    let mut end = e;
    // 两年前, 三天后: an offset from the reference; with 多 it stays a length.
    // Hours and minutes after (1个半小时后) count from an event, not from
    // the publication, so they stay lengths too.
    if !prefixed && !vague && dur.finest() <= D {
        let k = sc.sp(end);
        if let Some(e2) = sc.any(k, &["之前", "以前", "前"]) {
            if !followed_by_count(sc, e2) && !approx && sc.at(e2) != Some('夕') {
                return Some(Raw {
                    start: i,
                    end: e2,
                    kind: Kind::Offset(dur, -1),
                    modifier: None,
                });
            }
        }
        if let Some(e2) = sc.any(k, &["之后", "以后", "后"]) {
            if !followed_by_count(sc, e2) && !approx && !counts_from_event(sc, j, e2) {
                return Some(Raw {
                    start: i,
                    end: e2,
                    kind: Kind::Offset(dur, 1),
                    modifier: None,
                });
            }
        }
    }
    end = end.max(e);
    // 两个月左右: about that long.
    let mut approx = approx;
    if let Some(e2) = sc.lit(sc.sp(end), "左右") {
        approx = true;
        end = e2;
    }
    Some(Raw {
        start: if prefixed { i } else { j },
        end,
        kind: Kind::Duration(dur),
        modifier: approx.then_some(TimexMod::Approx),
    })
}

/// A length written right after an event (决裂三年后，…; 在上线4个月后，…;
/// 开业一年半后就盈利) counts from that event, whose date is not told: it
/// stays a length rather than a point counted from the publication. The
/// event is the clause's own words before the length, framed by 在 or
/// closed by a pause or 就/便/才 after 后; a subject alone before it
/// (公司三年后将上市) keeps the offset.
fn counts_from_event(sc: &Sc, j: usize, e2: usize) -> bool {
    // The spaced style (盒马成立 5 年后) puts a space before the number.
    let before = sc.s.get(..j).unwrap_or("").trim_end_matches(' ');
    let Some(prev) = before.chars().next_back() else {
        return false;
    };
    let ideograph = ('\u{4e00}'..='\u{9fff}').contains(&prev);
    // Adverbs of time and quantity (仅20天后, 孰料7年后, 时隔两年后, 满一年后)
    // count from a date told before, not from an event.
    if !ideograph
        || is_cn_numeral(prev)
        || "在于从自到至距离的约近再这那第前后年月日天号了仅只才就又继料隔短整足刚满过时"
            .contains(prev)
    {
        return false;
    }
    let clause_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| "，。；！？,;!?：:\n".contains(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = before.get(clause_start..).unwrap_or("").trim_start();
    let clause = clause
        .strip_prefix(|c: char| "并而但也且".contains(c))
        .unwrap_or(clause);
    // Nothing but a conjunction before it (但 3 个月后，…): no event.
    if clause.is_empty() {
        return false;
    }
    let framed = clause.starts_with('在') || clause.starts_with('于');
    let closed = sc.at(e2).is_some_and(|c| "，,就便才".contains(c));
    framed || closed
}

/// (duration, end, approx, vague) where vague marks 多/余 ("more than").
fn duration_core(sc: &Sc, i: usize) -> Option<(Dur, usize, bool, bool)> {
    let mut dur = Dur::default();
    let mut j = i;
    let mut approx = false;
    let mut vague = false;
    let mut parts = 0;
    let mut last_unit = usize::MAX;
    loop {
        // 半年, 半小时: a bare half.
        let (n, e, first_approx) = if let Some(e) = sc.lit(j, "半") {
            (0.5, e, false)
        } else if let (0, Some(e)) = (parts, sc.any(j, &["个半", "個半"])) {
            // 個半小時: one and a half.
            (1.5, e, false)
        } else if let Some(n) = sc.num(j) {
            // 三三年, 九八年: Chinese digits written one by one name a year,
            // never a count (三四年, "three or four", is approx).
            if n.seq >= 2 && !n.approx {
                break;
            }
            let mut e = n.end;
            let mut a = n.approx;
            // 3、4分钟
            if !n.chinese {
                if let Some(k) = sc.any(e, &["、", "~", "-", "～", "到", "至"]) {
                    if let Some(n2) = sc.num(k) {
                        if n2.val > n.val && !n2.chinese {
                            e = n2.end;
                            a = true;
                        }
                    }
                }
            }
            (n.val, e, a)
        } else {
            break;
        };
        let mut n = n;
        let mut k = sc.sp(e);
        let mut more = false;
        if let Some(e2) = sc.any(k, &["多", "余", "来"]) {
            more = true;
            k = e2;
        }
        // 个/個 before months, hours and weeks; 个半 adds a half.
        let mut half_after_ge = false;
        if let Some(e2) = sc.any(k, &["个半", "個半"]) {
            half_after_ge = true;
            k = e2;
        } else if let Some(e2) = sc.any(k, &["个", "個"]) {
            k = e2;
            // 四个多月: "more than", as 四月多.
            if !more {
                if let Some(e3) = sc.any(k, &["多", "余"]) {
                    more = true;
                    k = e3;
                }
            }
        }
        let Some((unit, mult, e3)) = unit_at(sc, k, parts > 0) else {
            break;
        };
        // Units must go down in compound durations (四年六个月).
        if parts > 0 && unit <= last_unit && last_unit != usize::MAX {
            break;
        }
        let mut e3 = e3;
        if half_after_ge {
            n += 0.5;
        }
        if let Some(e4) = sc.lit(e3, "半") {
            // 两年半, 五分半
            if !half_after_ge && n.fract() == 0.0 {
                n += 0.5;
                e3 = e4;
            }
        }
        if let Some(e4) = sc.any(e3, &["多", "余"]) {
            // 两年多, 半年多: "more than", no mod in GOLD.
            if !more && !sc.at(e4).is_some_and(|c| c == '万' || c == '亿') {
                more = true;
                e3 = e4;
            }
        }
        // A bare 日 count needs the right context; 月 alone is a month.
        if unit == D
            && sc.s.get(e3.saturating_sub(3)..e3) == Some("日")
            && parts == 0
            && !day_count_ok(sc, i, e3, n)
        {
            return None;
        }
        if first_approx {
            approx = true;
        }
        if more {
            vague = true;
        }
        dur.add(unit, n * mult);
        parts += 1;
        last_unit = unit;
        j = e3;
        // 两年零三个月
        if let Some(e5) = sc.lit(j, "零") {
            if sc.num(e5).is_some() {
                j = e5;
                continue;
            }
        }
        if sc.num(j).is_none() && sc.lit(j, "半").is_none() {
            break;
        }
    }
    if parts == 0 {
        return None;
    }
    // 时间 after a count (有10年时间) is not part of the expression.
    Some((dur, j, approx, vague))
}

/// Whether `N日` at `i..e` counts days (14日内, 超过14日, 前5日).
fn day_count_ok(sc: &Sc, i: usize, e: usize, n: f64) -> bool {
    // 两日, 半日: never a day of the month.
    if sc.any(i, &["两", "兩", "俩", "半"]).is_some() || n.fract() != 0.0 {
        return true;
    }
    if sc
        .any(
            e,
            &[
                "内", "以内", "之内", "以上", "后", "之后", "以后", "前", "之前",
            ],
        )
        .is_some()
    {
        return true;
    }
    if n > 31.0 {
        return true;
    }
    sc.before(i)
        .is_some_and(|p| "超过满前近约达长共逾连续计隔少多".contains(p))
}

/// The unit of a duration at `i`: (unit index, multiplier, end).
fn unit_at(sc: &Sc, i: usize, in_compound: bool) -> Option<(usize, f64, usize)> {
    const UNITS: &[(&str, usize, f64)] = &[
        ("周年", Y, 1.0),
        ("年", Y, 1.0),
        ("季度", MO, 3.0),
        ("月", MO, 1.0),
        ("星期", W, 1.0),
        ("礼拜", W, 1.0),
        ("禮拜", W, 1.0),
        ("周", W, 1.0),
        ("週", W, 1.0),
        ("天", D, 1.0),
        ("日", D, 1.0),
        ("小时", H, 1.0),
        ("小時", H, 1.0),
        ("钟头", H, 1.0),
        ("鐘頭", H, 1.0),
        ("刻钟", MI, 15.0),
        ("分钟", MI, 1.0),
        ("分鐘", MI, 1.0),
        ("秒钟", S, 1.0),
        ("秒鐘", S, 1.0),
        ("秒", S, 1.0),
        ("钟", H, 1.0),
        ("鐘", H, 1.0),
        ("分", MI, 1.0),
    ];
    for (w, u, m) in UNITS {
        if let Some(e) = sc.lit(i, w) {
            let prev = sc.before(i);
            let ge = |c: char| c == '个' || c == '個';
            // 四个多月 counts months as 四个月 does.
            let after_ge = prev.is_some_and(|c| ge(c) || c == '半')
                || (prev.is_some_and(|c| c == '多' || c == '余')
                    && sc.before(i - '多'.len_utf8()).is_some_and(ge));
            match *w {
                // 3月 is March; only 个月 or 月 after a number in a compound
                // (两年三月) is a length.
                "月" if !after_ge && !in_compound => return None,
                // 钟 alone only after 个 (三個鐘); 三季度 is the third quarter,
                // but 两 counts and never orders (连续两季度盈利).
                "季度" if !after_ge && prev != Some('两') => return None,
                "钟" | "鐘" if !after_ge => return None,
                // 分 alone only inside a compound (五分三十秒, 两小时十分, 一分半).
                "分" if !in_compound
                    && sc.lit(e, "半").is_none()
                    && sc.num(e).is_none_or(|n| sc.lit(n.end, "秒").is_none()) =>
                {
                    return None
                }
                // 周/週 after 个 is fine; bare 周 before a weekday digit is not.
                "周" | "週"
                    if sc
                        .at(e)
                        .is_some_and(|c| weekday_of(c).is_some() && !c.is_ascii_digit()) =>
                {
                    return None
                }
                // 年 followed by 级/代/龄: not a length.
                "年" if sc
                    .at(e)
                    .is_some_and(|c| "级代龄薪均费轻初底末中".contains(c)) =>
                {
                    return None
                }
                _ => {}
            }
            return Some((*u, *m, e));
        }
    }
    None
}

/// Keywords: deictic words, sets, markers.
fn keyword_expr(sc: &Sc, i: usize) -> Option<Raw> {
    // 每隔3天, 每3个月: a set with its period.
    if let Some(k) = sc.any(i, &["每隔", "每"]) {
        if let Some((dur, e, false, false)) = duration_core(sc, k) {
            return Some(Raw {
                start: i,
                end: e,
                kind: Kind::Set(dur.value()),
                modifier: None,
            });
        }
    }
    // 每周一, 每个星期天: a weekday of every week.
    if let Some(k) = sc.any(
        i,
        &[
            "每个星期",
            "每個星期",
            "每星期",
            "每周",
            "每週",
            "每个礼拜",
            "每礼拜",
        ],
    ) {
        if let Some(wd) = sc.at(k).and_then(weekday_of) {
            let e = k + sc.at(k).map_or(0, char::len_utf8);
            // 每周一次, 每周五天: counts, not weekdays.
            let count = sc
                .at(e)
                .is_some_and(|c| is_cn_numeral(c) || "次回遍天日周个個小分场起到至".contains(c));
            if !sc.at(k).is_some_and(|c| c.is_ascii_digit()) && !count {
                return Some(Raw {
                    start: i,
                    end: e,
                    kind: Kind::Set(format!("XXXX-WXX-{}", wd.number_from_monday())),
                    modifier: None,
                });
            }
        }
    }
    for ((w, kw), e) in lexicon::KEYWORD_IDX.iter_at(sc.s, i) {
        let kind = match kw {
            Kw::Ref(v) => {
                if !ref_word_ok(sc, i, e, w) {
                    continue;
                }
                Kind::Ref(v)
            }
            Kw::Near => Kind::Near,
            Kw::Anaphor => Kind::Anaphor,
            // 之后 after an event (通车之后) has no date; opening a clause
            // or after 在 (在之后的发展中) it is "after the last time told".
            // 自此之后 and 从此之后 say it once more, left unmarked.
            Kw::AfterAnaphor
                if w == "之后" && !sc.before(i).is_none_or(|c| is_clause_mark(c) || c == '在') =>
            {
                continue
            }
            Kw::AfterAnaphor if w == "自此" && sc.any(e, &["之后", "以后"]).is_some() => {
                continue
            }
            Kw::AfterAnaphor => Kind::AfterAnaphor,
            Kw::Set(_)
                if w == "每日" && sc.at(e).is_some_and(|c| "快经新邮电优商头".contains(c)) =>
            {
                continue
            }
            Kw::Set(v) => {
                // 每年4月1日: the dates after it are generic, 每年 is no set.
                let k = sc.sp(e);
                let k = sc.lit(k, "的").unwrap_or(k);
                if month_part(sc, k).is_some() || festival(sc, k).is_some() {
                    Kind::GenericMarker
                } else {
                    Kind::Set(v.to_string())
                }
            }
            Kw::Generic => Kind::GenericMarker,
        };
        return Some(Raw {
            start: i,
            end: e,
            kind,
            modifier: None,
        });
    }
    None
}

/// Context checks for deictic words that are also parts of other words.
fn ref_word_ok(sc: &Sc, i: usize, e: usize, w: &str) -> bool {
    let next = sc.at(e);
    let prev = sc.before(i);
    match w {
        // 后续还会 is later on; 后续还款 is a repayment.
        "后续" => next.is_none_or(|c| {
            let repay = c == '还' && sc.at(e + c.len_utf8()) == Some('款');
            !repay && !"诊治疗服工发报处措事问操步影资的环阶流动跟追进效安维投融费".contains(c)
        }),
        "接下来" => next != Some('的'),
        // 截至发稿前, 截至发稿时: 发稿前 tells the time by itself and 截至 is
        // a preposition, as in 截至2023年底.
        "截至发稿" | "截止发稿" => next.is_none_or(|c| c != '前' && c != '时'),
        // 发稿前不久 is shortly before: the past.
        "发稿前" => next != Some('不'),
        // 截至今年4月末, 截至今天: 今 opens the next word, not 至今.
        "至今" => next.is_none_or(|c| !"年天日晚早晨".contains(c)),
        // 在前期进行的 (earlier), not 在前期的扶持 (the early stage).
        "前期" => prev == Some('在') && next != Some('的'),
        "现在" => prev.is_none_or(|c| !"出实发表体呈展兑浮显再".contains(c)),
        "现" => {
            next.is_some_and(|c| "涨跌报".contains(c))
                && prev.is_none_or(|c| !"出实发表体呈再展兑重浮显".contains(c))
        }
        // 过去 opening a clause (过去，各地…) is "in the past"; 5年过去了 is a
        // verb.
        "过去" => {
            // 跳过去, 送过去, 挺过去: a verb's direction (over, through), and
            // 三年过去, 说得过去 a verb: no time word.
            let verb = prev.is_some_and(|c| PASS_OVER_VERBS.contains(c));
            // 过去几年, 过去数年: a vague length, no timex; 经过去年, 超过去年:
            // 去年 is the word. After a preposition or a comparison
            // (比过去其他产品, 从过去直营的40城) it is the past, as 以前 is.
            !verb
                && next.is_none_or(|c| !"几数多年".contains(c))
                && (next.is_some_and(|c| "，,的".contains(c))
                    || ((prev.is_none_or(is_clause_mark)
                        || prev.is_some_and(|c| "从比较于".contains(c)))
                        && next.is_some_and(|c| c != '了'))
                    || (next.is_some_and(|c| c != '了') && now_follows(sc, e)))
        }
        // After an event (实行以后, 开通之前) these date nothing; alone, or
        // after a preposition or a comparison (不如以前), they are the past
        // or the future.
        "以前" | "以后" | "之前" => {
            prev.is_none_or(|c| is_clause_mark(c) || "在和与为除从如比较于".contains(c))
                && !(w == "之前" && next == Some('的'))
        }
        // 3日后, 节日后, 工作日后, 交易日后: 日 closes another word.
        "日后" => prev.is_none_or(|c| {
            !c.is_ascii_digit()
                && !is_cn_numeral(c)
                && !"多数几节生假周今明次当每昨翌前工作易业念期".contains(c)
        }),
        "未来" => next.is_none_or(|c| c != '城' && c != '人'),
        // 离客户最近: nearest, not recently.
        "最近" => {
            (next.is_none_or(|c| !"的距一点".contains(c)) || next == Some('，'))
                && !sc
                    .s
                    .get(..i)
                    .and_then(|b| b.rsplit(|c: char| "，。；！？\n".contains(c)).next())
                    .is_some_and(|cl| cl.contains('离') || cl.contains('距'))
        }
        _ => true,
    }
}

/// What stands before 过去 when it is a verb or a verb's direction, not
/// "in the past": motion and sending (跳过去, 发过去), getting through
/// (熬过去), time passing (三年过去, 时间过去, 已经过去, 刚过去) and 说得过去,
/// 说不过去.
const PASS_OVER_VERBS: &str =
    "跳走跑飞游爬冲奔扑送传发打寄递赶挺熬扛撑混骗转绕翻跨穿闯睡昏晕搬推扔抛划拖得不年月天日周间经刚";

/// Whether the rest of the sentence after `e` names the present (如今,
/// 现在, 目前): 过去 in its first half is then "in the past", set against
/// it (两家过去互不往来，如今…).
fn now_follows(sc: &Sc, e: usize) -> bool {
    let rest = sc.s.get(e..).unwrap_or("");
    let end = rest
        .char_indices()
        .find(|&(_, c)| "。！？!?\n".contains(c))
        .map_or(rest.len(), |(i, _)| i);
    let sentence = rest.get(..end).unwrap_or("");
    ["如今", "现在", "目前", "而今"]
        .iter()
        .any(|w| sentence.contains(w))
}

/// Punctuation or a line break: what may stand before a word opening a
/// clause.
fn is_clause_mark(c: char) -> bool {
    !c.is_alphanumeric()
}
