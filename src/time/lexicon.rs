//! The words the scanner knows: deictic words, parts of the day, festivals.
//! Lists are sorted longest first once, so a prefix never hides a longer
//! word.

use super::calendar::{Lunar, Table};
use super::recognize::{DaySpec, MonthSpec, Part, YearSpec};
use crate::model::TimexMod;
use chrono::Weekday;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A multiplicative hash for `char` keys: the lookups sit on the scanner's
/// hot path, where SipHash would cost more than the comparisons it guards.
#[derive(Default, Clone, Copy)]
pub struct CharHasher(u64);

impl Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type CharMap<V> = HashMap<char, V, BuildHasherDefault<CharHasher>>;
type CharSet = HashSet<char, BuildHasherDefault<CharHasher>>;
use std::sync::LazyLock;

/// How a festival's date is found in a given year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fest {
    Fixed(u32, u32),
    /// Days after a lunar festival (元宵 is 春节 + 14).
    Lunar(Lunar, i64),
    /// 除夕: the day before the next lunar new year.
    Eve,
    Easter(i64),
    Orthodox(i64),
    /// The n-th weekday of a month (母亲节).
    Nth(u32, Weekday, u32),
    /// Days after a holiday of another calendar (Islamic, Hebrew, Vesak);
    /// Hebrew holidays are dated from their eve, as they begin then.
    Table(Table, i64),
    TuBishvat(i64),
    /// A solar term, by index into [`super::calendar::SOLAR_TERMS`].
    SolarTerm(usize),
    /// A date of the lunar calendar: (month, day, leap month).
    LunarDate(u32, u32, bool),
}

/// What a keyword means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kw {
    Ref(&'static str),
    Near,
    Anaphor,
    AfterAnaphor,
    Set(&'static str),
    Generic,
}

/// Words grouped by their first character, longest first, so a lookup
/// costs one hash probe and a few byte comparisons.
pub struct WordIndex<T: 'static> {
    map: CharMap<Vec<(&'static str, T)>>,
    /// The first characters of the words, a bit each over the Basic
    /// Multilingual Plane: most lookups miss, and a bit test is cheaper
    /// than the hash probe.
    first: Box<[u64; 1024]>,
}

impl<T: Copy> WordIndex<T> {
    fn new(words: &[(&'static str, T)]) -> Self {
        let mut map: CharMap<Vec<(&'static str, T)>> = CharMap::default();
        for &(w, v) in words {
            if let Some(c) = w.chars().next() {
                map.entry(c).or_default().push((w, v));
            }
        }
        for list in map.values_mut() {
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        let mut first = Box::new([0u64; 1024]);
        for &c in map.keys() {
            let i = c as usize;
            if let Some(w) = first.get_mut(i >> 6) {
                *w |= 1 << (i & 63);
            }
        }
        WordIndex { map, first }
    }

    /// Whether a word may start with `c`; characters beyond the Basic
    /// Multilingual Plane always may (they go to the map).
    #[inline]
    pub fn may_start(&self, c: char) -> bool {
        let i = c as usize;
        self.first
            .get(i >> 6)
            .is_none_or(|w| w >> (i & 63) & 1 == 1)
    }

    /// The longest word at byte `i` of `s`: (value, end).
    pub fn find(&self, s: &str, i: usize) -> Option<(T, usize)> {
        if self.misses(s, i) {
            return None;
        }
        self.iter_at(s, i).next()
    }

    /// Whether the three-byte character at byte `i` of `s` cannot start a
    /// word, read from the bytes: the common miss, without decoding.
    #[inline]
    fn misses(&self, s: &str, i: usize) -> bool {
        match s.as_bytes().get(i..) {
            Some(&[x @ 0xE0..=0xEF, y, z, ..]) => {
                let word = (usize::from(x & 0x0F) << 6) | usize::from(y & 0x3F);
                self.first[word & 1023] >> (z & 0x3F) & 1 == 0
            }
            _ => false,
        }
    }

    /// Every word at byte `i` of `s`, longest first: (value, end).
    pub fn iter_at<'a>(&'a self, s: &'a str, i: usize) -> impl Iterator<Item = (T, usize)> + 'a {
        let rest = s.get(i..).unwrap_or("");
        let list = rest
            .chars()
            .next()
            .filter(|&c| self.may_start(c))
            .and_then(|c| self.map.get(&c))
            .map_or(&[][..], |v| v.as_slice());
        list.iter()
            .filter(move |(w, _)| rest.starts_with(w))
            .map(move |(w, v)| (*v, i + w.len()))
    }
}

macro_rules! index {
    ($name:ident, $t:ty, $list:expr) => {
        pub static $name: LazyLock<WordIndex<$t>> = LazyLock::new(|| WordIndex::new($list));
    };
}

index!(YEAR_IDX, YearSpec, YEAR_WORDS);
index!(LONE_YEAR_MOD_IDX, TimexMod, LONE_YEAR_MODS);
index!(YEAR_MOD_IDX, TimexMod, YEAR_MODS);
index!(PART_MOD_IDX, TimexMod, PART_MODS);
index!(QUARTER_IDX, i32, QUARTER_WORDS);
index!(MONTH_IDX, MonthSpec, MONTH_WORDS);
index!(DAY_IDX, (DaySpec, Option<Part>), DAY_WORDS);
index!(PART_IDX, Part, PARTS);
index!(FESTIVAL_IDX, Fest, FESTIVAL_LIST);
index!(KEYWORD_IDX, (&'static str, Kw), &KEYWORD_PAIRS);

/// Keywords with their own text, so context checks can name them.
static KEYWORD_PAIRS: LazyLock<Vec<(&'static str, (&'static str, Kw))>> =
    LazyLock::new(|| KEYWORD_LIST.iter().map(|&(w, k)| (w, (w, k))).collect());

pub const YEAR_WORDS: &[(&str, YearSpec)] = &[
    ("新的一年", YearSpec::Rel(0)),
    ("大前年", YearSpec::Rel(-3)),
    ("大后年", YearSpec::Rel(3)),
    // 这一年 after 2019年1月… is 2019: the year just told, as 那一年.
    ("這一年", YearSpec::Anaphor(0)),
    ("这一年", YearSpec::Anaphor(0)),
    ("上一年", YearSpec::Anaphor(-1)),
    ("下一年", YearSpec::Rel(1)),
    ("新一年", YearSpec::Rel(0)),
    ("前年", YearSpec::Rel(-2)),
    ("后年", YearSpec::Rel(2)),
    ("今年", YearSpec::Rel(0)),
    ("本年", YearSpec::Rel(0)),
    ("去年", YearSpec::Rel(-1)),
    ("上年", YearSpec::Rel(-1)),
    ("明年", YearSpec::Rel(1)),
    ("下年", YearSpec::Rel(1)),
    // 来年 and 翌年 follow the story's year (于来年5月被调往… after 2020年).
    ("来年", YearSpec::Anaphor(1)),
    ("翌年", YearSpec::Anaphor(1)),
    ("那一年", YearSpec::Anaphor(0)),
    ("那年", YearSpec::Anaphor(0)),
    ("次年", YearSpec::Anaphor(1)),
    ("同年", YearSpec::Anaphor(0)),
    ("当年", YearSpec::Anaphor(0)),
    ("全年", YearSpec::Narrative),
    // 将在年内上线: within the year under discussion (2017年…在年内投入).
    ("年内", YearSpec::Narrative),
];

/// Words that make a century the start of a name (21世纪经济报道, a
/// newspaper; 21世纪海上丝绸之路, a programme), not a time.
pub const CENTURY_NAMES: &[&str] = &[
    "经济报道",
    "经济导报",
    "商业评论",
    "教育研究院",
    "贸易倡议",
    "海上丝绸之路",
    "不动产",
    "集团",
    "公司",
    "出版社",
    "报",
    "网",
];

/// Parts of the year standing alone (年初 of the year under discussion).
pub const LONE_YEAR_MODS: &[(&str, TimexMod)] = &[
    ("年初", TimexMod::Start),
    ("年底", TimexMod::End),
    ("年末", TimexMod::End),
];

pub const YEAR_MODS: &[(&str, TimexMod)] = &[
    ("年初", TimexMod::Start),
    ("年底", TimexMod::End),
    ("年末", TimexMod::End),
    ("年中", TimexMod::Mid),
    ("中旬", TimexMod::Mid),
    ("伊始", TimexMod::Start),
    ("初", TimexMod::Start),
    ("底", TimexMod::End),
    ("末", TimexMod::End),
];

pub const PART_MODS: &[(&str, TimexMod)] = &[
    ("上旬", TimexMod::Start),
    ("中旬", TimexMod::Mid),
    ("下旬", TimexMod::End),
    ("月初", TimexMod::Start),
    ("月中", TimexMod::Mid),
    ("月底", TimexMod::End),
    ("月末", TimexMod::End),
    ("伊始", TimexMod::Start),
    ("初", TimexMod::Start),
    ("底", TimexMod::End),
    ("末", TimexMod::End),
];

pub const QUARTER_WORDS: &[(&str, i32)] = &[
    ("上上个季度", -2),
    ("下下个季度", 2),
    ("上一个季度", -1),
    ("这个季度", 0),
    ("上个季度", -1),
    ("上一季度", -1),
    ("下个季度", 1),
    ("下一季度", 1),
    ("本季度", 0),
    ("上季度", -1),
    ("下季度", 1),
    ("当季", 0),
];

pub const MONTH_WORDS: &[(&str, MonthSpec)] = &[
    ("上上个月", MonthSpec::Rel(-2)),
    ("上上個月", MonthSpec::Rel(-2)),
    ("下下个月", MonthSpec::Rel(2)),
    ("下下個月", MonthSpec::Rel(2)),
    ("上一个月", MonthSpec::Rel(-1)),
    ("上一個月", MonthSpec::Rel(-1)),
    ("下一个月", MonthSpec::Rel(1)),
    ("下一個月", MonthSpec::Rel(1)),
    ("上个月", MonthSpec::Rel(-1)),
    ("上個月", MonthSpec::Rel(-1)),
    ("下个月", MonthSpec::Rel(1)),
    ("下個月", MonthSpec::Rel(1)),
    ("这个月", MonthSpec::Rel(0)),
    ("這個月", MonthSpec::Rel(0)),
    ("今個月", MonthSpec::Rel(0)),
    ("上月", MonthSpec::Rel(-1)),
    ("下月", MonthSpec::Rel(1)),
    ("本月", MonthSpec::Rel(0)),
    ("当月", MonthSpec::Anaphor(0)),
    ("同月", MonthSpec::Anaphor(0)),
    ("次月", MonthSpec::Anaphor(1)),
];

pub const DAY_WORDS: &[(&str, (DaySpec, Option<Part>))] = &[
    ("大大后天", (DaySpec::Rel(4), None)),
    ("大后天", (DaySpec::Rel(3), None)),
    ("大後天", (DaySpec::Rel(3), None)),
    ("大後日", (DaySpec::Rel(3), None)),
    ("大前天", (DaySpec::Rel(-3), None)),
    ("今天", (DaySpec::Rel(0), None)),
    ("今日", (DaySpec::Rel(0), None)),
    ("本日", (DaySpec::Rel(0), None)),
    // 即日起: from the day of the notice on.
    ("即日", (DaySpec::Rel(0), None)),
    ("昨天", (DaySpec::Rel(-1), None)),
    ("昨日", (DaySpec::Rel(-1), None)),
    ("尋日", (DaySpec::Rel(-1), None)),
    ("明天", (DaySpec::Rel(1), None)),
    ("明日", (DaySpec::Rel(1), None)),
    ("聽日", (DaySpec::Rel(1), None)),
    ("前天", (DaySpec::Rel(-2), None)),
    ("前日", (DaySpec::Rel(-2), None)),
    ("后天", (DaySpec::Rel(2), None)),
    ("後天", (DaySpec::Rel(2), None)),
    ("後日", (DaySpec::Rel(2), None)),
    ("当天", (DaySpec::Anaphor(0), None)),
    ("当日", (DaySpec::Anaphor(0), None)),
    ("同日", (DaySpec::Anaphor(0), None)),
    ("同一天", (DaySpec::Anaphor(0), None)),
    ("次日", (DaySpec::Anaphor(1), None)),
    ("第二天", (DaySpec::Anaphor(1), None)),
    ("此前一天", (DaySpec::Anaphor(-1), None)),
    ("此前一日", (DaySpec::Anaphor(-1), None)),
    ("前一天", (DaySpec::Anaphor(-1), None)),
    ("前一日", (DaySpec::Anaphor(-1), None)),
    ("翌日", (DaySpec::Anaphor(1), None)),
    ("今晚", (DaySpec::Rel(0), Some(Part::Ev))),
    ("今早", (DaySpec::Rel(0), Some(Part::Mo))),
    ("今晨", (DaySpec::Rel(0), Some(Part::Mo))),
    ("昨晚", (DaySpec::Rel(-1), Some(Part::Ev))),
    ("昨夜", (DaySpec::Rel(-1), Some(Part::Ni))),
    ("明晚", (DaySpec::Rel(1), Some(Part::Ev))),
    ("明早", (DaySpec::Rel(1), Some(Part::Mo))),
    ("当晚", (DaySpec::Anaphor(0), Some(Part::Ev))),
];

/// Parts of the day; single characters only count before a clock time.
pub const PARTS: &[(&str, Part)] = &[
    ("凌晨", Part::Mo),
    ("早上", Part::Mo),
    ("早晨", Part::Mo),
    ("清晨", Part::Mo),
    ("早间", Part::Mo),
    ("上午", Part::Mo),
    ("中午", Part::Mi),
    ("午间", Part::Mi),
    ("正午", Part::Mi),
    ("下午", Part::Af),
    ("午后", Part::Af),
    ("晏晝", Part::Af),
    ("傍晚", Part::Ev),
    ("晚上", Part::Ev),
    ("晚间", Part::Ev),
    ("夜间", Part::Ni),
    ("夜里", Part::Ni),
    ("深夜", Part::Ni),
    ("半夜", Part::Ni),
    ("夜晚", Part::Ni),
    ("白天", Part::Dt),
    ("早", Part::Mo),
    ("晚", Part::Ev),
];

const FESTIVAL_LIST: &[(&str, Fest)] = &[
    ("元旦节", Fest::Fixed(1, 1)),
    ("元旦節", Fest::Fixed(1, 1)),
    ("元旦", Fest::Fixed(1, 1)),
    ("阳历新年", Fest::Fixed(1, 1)),
    ("情人节", Fest::Fixed(2, 14)),
    ("情人節", Fest::Fixed(2, 14)),
    ("圣瓦伦丁节", Fest::Fixed(2, 14)),
    ("三八妇女节", Fest::Fixed(3, 8)),
    ("妇女节", Fest::Fixed(3, 8)),
    ("婦女節", Fest::Fixed(3, 8)),
    ("植树节", Fest::Fixed(3, 12)),
    ("国际消费者权益日", Fest::Fixed(3, 15)),
    ("国际消費者權益日", Fest::Fixed(3, 15)),
    ("消费者权益日", Fest::Fixed(3, 15)),
    ("三一五", Fest::Fixed(3, 15)),
    ("愚人节", Fest::Fixed(4, 1)),
    ("愚人節", Fest::Fixed(4, 1)),
    ("五一国际劳动节", Fest::Fixed(5, 1)),
    ("五一劳动节", Fest::Fixed(5, 1)),
    ("劳动节", Fest::Fixed(5, 1)),
    ("勞動節", Fest::Fixed(5, 1)),
    ("五一", Fest::Fixed(5, 1)),
    ("青年节", Fest::Fixed(5, 4)),
    ("国际儿童节", Fest::Fixed(6, 1)),
    ("六一儿童节", Fest::Fixed(6, 1)),
    ("儿童节", Fest::Fixed(6, 1)),
    ("兒童節", Fest::Fixed(6, 1)),
    ("建党节", Fest::Fixed(7, 1)),
    ("八一建军节", Fest::Fixed(8, 1)),
    ("八一建軍節", Fest::Fixed(8, 1)),
    ("建军节", Fest::Fixed(8, 1)),
    ("建軍節", Fest::Fixed(8, 1)),
    ("教师节", Fest::Fixed(9, 10)),
    ("国庆节", Fest::Fixed(10, 1)),
    ("国庆節", Fest::Fixed(10, 1)),
    ("國慶节", Fest::Fixed(10, 1)),
    ("國慶節", Fest::Fixed(10, 1)),
    ("国庆", Fest::Fixed(10, 1)),
    ("國慶", Fest::Fixed(10, 1)),
    ("老板节", Fest::Fixed(10, 16)),
    ("老闆節", Fest::Fixed(10, 16)),
    ("万圣节", Fest::Fixed(10, 31)),
    ("萬聖節", Fest::Fixed(10, 31)),
    ("光棍节", Fest::Fixed(11, 11)),
    ("双十一", Fest::Fixed(11, 11)),
    ("雙十一", Fest::Fixed(11, 11)),
    ("双11", Fest::Fixed(11, 11)),
    ("双 11", Fest::Fixed(11, 11)),
    ("雙11", Fest::Fixed(11, 11)),
    ("双十二", Fest::Fixed(12, 12)),
    ("雙十二", Fest::Fixed(12, 12)),
    ("双12", Fest::Fixed(12, 12)),
    ("双 12", Fest::Fixed(12, 12)),
    ("雙12", Fest::Fixed(12, 12)),
    ("澳门回归纪念日", Fest::Fixed(12, 20)),
    ("澳門回歸紀念日", Fest::Fixed(12, 20)),
    ("平安夜", Fest::Fixed(12, 24)),
    ("圣诞节", Fest::Fixed(12, 25)),
    ("聖誕節", Fest::Fixed(12, 25)),
    ("圣诞", Fest::Fixed(12, 25)),
    ("聖誕", Fest::Fixed(12, 25)),
    ("母亲节", Fest::Nth(5, Weekday::Sun, 2)),
    ("父亲节", Fest::Nth(6, Weekday::Sun, 3)),
    ("感恩节", Fest::Nth(11, Weekday::Thu, 4)),
    ("春节", Fest::Lunar(Lunar::NewYear, 0)),
    ("春節", Fest::Lunar(Lunar::NewYear, 0)),
    ("农历新年", Fest::Lunar(Lunar::NewYear, 0)),
    ("农历春节", Fest::Lunar(Lunar::NewYear, 0)),
    ("大年初一", Fest::Lunar(Lunar::NewYear, 0)),
    ("正月初一", Fest::Lunar(Lunar::NewYear, 0)),
    ("正月正时", Fest::Lunar(Lunar::NewYear, 0)),
    ("正月正時", Fest::Lunar(Lunar::NewYear, 0)),
    ("正月朔日", Fest::Lunar(Lunar::NewYear, 0)),
    ("除夕", Fest::Eve),
    ("大年三十", Fest::Eve),
    ("农历元宵", Fest::Lunar(Lunar::NewYear, 14)),
    ("元宵节", Fest::Lunar(Lunar::NewYear, 14)),
    ("元宵", Fest::Lunar(Lunar::NewYear, 14)),
    ("端午节", Fest::Lunar(Lunar::DragonBoat, 0)),
    ("端午", Fest::Lunar(Lunar::DragonBoat, 0)),
    ("中秋节", Fest::Lunar(Lunar::MidAutumn, 0)),
    ("中秋節", Fest::Lunar(Lunar::MidAutumn, 0)),
    ("中秋", Fest::Lunar(Lunar::MidAutumn, 0)),
    ("重阳节", Fest::Lunar(Lunar::DoubleNinth, 0)),
    ("八月十五", Fest::Lunar(Lunar::MidAutumn, 0)),
    ("五月初五", Fest::Lunar(Lunar::DragonBoat, 0)),
    ("七夕节", Fest::LunarDate(7, 7, false)),
    ("七夕節", Fest::LunarDate(7, 7, false)),
    ("七夕", Fest::LunarDate(7, 7, false)),
    ("腊八节", Fest::LunarDate(12, 8, false)),
    ("腊八", Fest::LunarDate(12, 8, false)),
    ("重阳", Fest::Lunar(Lunar::DoubleNinth, 0)),
    // Movable Christian feasts, from Easter.
    ("复活节星期一", Fest::Easter(1)),
    ("復活節星期一", Fest::Easter(1)),
    ("复活节", Fest::Easter(0)),
    ("復活節", Fest::Easter(0)),
    ("主復活日", Fest::Easter(0)),
    ("耶稣受难日翌日", Fest::Easter(-1)),
    ("主受難節翌日", Fest::Easter(-1)),
    ("復活節前夜", Fest::Easter(-1)),
    ("黑色星期六", Fest::Easter(-1)),
    ("神圣周六", Fest::Easter(-1)),
    ("圣周六", Fest::Easter(-1)),
    ("聖週六", Fest::Easter(-1)),
    ("耶稣受难日", Fest::Easter(-2)),
    ("耶穌受難日", Fest::Easter(-2)),
    ("主受难日", Fest::Easter(-2)),
    ("主受难节", Fest::Easter(-2)),
    ("沈默周五", Fest::Easter(-2)),
    ("聖週五", Fest::Easter(-2)),
    ("神圣星期四", Fest::Easter(-3)),
    ("神聖星期四", Fest::Easter(-3)),
    ("圣周星期四", Fest::Easter(-3)),
    ("圣周四", Fest::Easter(-3)),
    ("濯足節", Fest::Easter(-3)),
    ("設立聖餐日", Fest::Easter(-3)),
    ("棕枝主日", Fest::Easter(-7)),
    ("圣枝主日", Fest::Easter(-7)),
    ("聖樹主日", Fest::Easter(-7)),
    ("基督苦難主日", Fest::Easter(-7)),
    ("大斋首日", Fest::Easter(-46)),
    ("聖灰星期三", Fest::Easter(-46)),
    ("圣灰礼仪日", Fest::Easter(-46)),
    ("圣灰日", Fest::Easter(-46)),
    ("灰日", Fest::Easter(-46)),
    ("忏悔节", Fest::Easter(-47)),
    ("忏悔節", Fest::Easter(-47)),
    ("忏悔火曜日", Fest::Easter(-47)),
    ("煎餅星期二", Fest::Easter(-47)),
    ("五旬节", Fest::Easter(49)),
    ("圣灵降临节", Fest::Easter(49)),
    ("聖靈降臨日", Fest::Easter(49)),
    ("圣灵节庆日", Fest::Easter(50)),
    ("聖靈節慶日", Fest::Easter(50)),
    ("圣三一主日", Fest::Easter(56)),
    ("天主三一主日", Fest::Easter(56)),
    ("天主聖三一节", Fest::Easter(56)),
    ("聖三主日", Fest::Easter(56)),
    ("圣三节", Fest::Easter(56)),
    ("基督圣体节", Fest::Easter(60)),
    ("基督聖體节", Fest::Easter(60)),
    ("基督聖體聖血瞻礼", Fest::Easter(60)),
    ("基督聖體聖血節", Fest::Easter(60)),
    ("东正教复活节星期一", Fest::Orthodox(1)),
    ("東正教復活節星期一", Fest::Orthodox(1)),
    ("東正教神聖週六", Fest::Orthodox(-1)),
    ("東正教聖週六", Fest::Orthodox(-1)),
    ("東正教耶稣受难日翌日", Fest::Orthodox(-1)),
    ("東正教主受難節翌日", Fest::Orthodox(-1)),
    ("東正教复活节前夜", Fest::Orthodox(-1)),
    ("东正教圣周六", Fest::Orthodox(-1)),
    ("東正教耶穌受难日", Fest::Orthodox(-2)),
    ("东正教主受难节", Fest::Orthodox(-2)),
    ("东正教圣周五", Fest::Orthodox(-2)),
    ("東正教聖週五", Fest::Orthodox(-2)),
    ("東正教沈默週五", Fest::Orthodox(-2)),
    ("东正教棕枝主日", Fest::Orthodox(-7)),
    ("东正教圣枝主日", Fest::Orthodox(-7)),
    ("东正教聖樹主日", Fest::Orthodox(-7)),
    ("東正教基督苦難主日", Fest::Orthodox(-7)),
    ("拉撒路聖週六", Fest::Orthodox(-8)),
    ("拉匝路周六", Fest::Orthodox(-8)),
    ("开斋节", Fest::Table(Table::EidAlFitr, 0)),
    ("開齋節", Fest::Table(Table::EidAlFitr, 0)),
    ("肉孜节", Fest::Table(Table::EidAlFitr, 0)),
    ("尔代节", Fest::Table(Table::EidAlFitr, 0)),
    ("爾代節", Fest::Table(Table::EidAlFitr, 0)),
    ("古尔邦节", Fest::Table(Table::EidAlAdha, 0)),
    ("古爾邦節", Fest::Table(Table::EidAlAdha, 0)),
    ("宰牲节", Fest::Table(Table::EidAlAdha, 0)),
    ("伊斯兰历新年", Fest::Table(Table::HijriNewYear, 0)),
    ("伊斯兰教新年", Fest::Table(Table::HijriNewYear, 0)),
    ("伊斯兰新年", Fest::Table(Table::HijriNewYear, 0)),
    ("夜行登霄節", Fest::Table(Table::IsraMiraj, 0)),
    ("登霄节", Fest::Table(Table::IsraMiraj, 0)),
    ("圣纪节", Fest::Table(Table::Mawlid, 0)),
    ("聖紀節", Fest::Table(Table::Mawlid, 0)),
    ("阿舒拉节", Fest::Table(Table::Ashura, 0)),
    ("阿舒拉節", Fest::Table(Table::Ashura, 0)),
    ("法令之夜", Fest::Table(Table::RamadanStart, 26)),
    ("权力之夜", Fest::Table(Table::RamadanStart, 26)),
    ("赎罪日", Fest::Table(Table::YomKippur, -1)),
    ("贖罪日", Fest::Table(Table::YomKippur, -1)),
    ("犹太教篝火节", Fest::Table(Table::LagBaomer, -1)),
    ("猶太教篝火節", Fest::Table(Table::LagBaomer, -1)),
    ("篝火节", Fest::Table(Table::LagBaomer, -1)),
    ("圣殿被毁日", Fest::Table(Table::TishaBav, -1)),
    ("聖殿被毁日", Fest::Table(Table::TishaBav, -1)),
    ("禁食日", Fest::Table(Table::TishaBav, -1)),
    ("西赫托拉节", Fest::Table(Table::Sukkot, 7)),
    ("西赫妥拉节", Fest::Table(Table::Sukkot, 7)),
    ("诵经节", Fest::Table(Table::Sukkot, 7)),
    ("誦經节", Fest::Table(Table::Sukkot, 7)),
    ("转经节", Fest::Table(Table::Sukkot, 7)),
    ("轉經節", Fest::Table(Table::Sukkot, 7)),
    ("律法節", Fest::Table(Table::Sukkot, 7)),
    ("歡慶聖法節", Fest::Table(Table::Sukkot, 7)),
    ("圣会节", Fest::Table(Table::Sukkot, 6)),
    ("聖会節", Fest::Table(Table::Sukkot, 6)),
    ("以色列独立日", Fest::Table(Table::IsraelIndependence, 0)),
    ("以色列獨立日", Fest::Table(Table::IsraelIndependence, 0)),
    ("以色列国庆节", Fest::Table(Table::IsraelIndependence, 0)),
    ("以色列國慶節", Fest::Table(Table::IsraelIndependence, 0)),
    ("犹太植树节", Fest::TuBishvat(-1)),
    ("猶太植樹節", Fest::TuBishvat(-1)),
    ("图比舍巴特节", Fest::TuBishvat(-1)),
    ("圖比舍巴特節", Fest::TuBishvat(-1)),
    ("树木新年", Fest::TuBishvat(-1)),
    ("樹木新年", Fest::TuBishvat(-1)),
    ("卫塞节", Fest::Table(Table::Vesak, 0)),
    ("衛塞節", Fest::Table(Table::Vesak, 0)),
    ("威瑟节", Fest::Table(Table::Vesak, 0)),
    ("比萨宝蕉节", Fest::Table(Table::Vesak, 0)),
    ("比薩寶蕉節", Fest::Table(Table::Vesak, 0)),
    // Pongal is solar: 14-16 January.
    ("印度丰收节第三天", Fest::Fixed(1, 15)),
    ("龐格爾節第三天", Fest::Fixed(1, 15)),
    ("庞格尔节第三天", Fest::Fixed(1, 15)),
    ("印度丰收节第四天", Fest::Fixed(1, 16)),
    ("龐格爾節第四天", Fest::Fixed(1, 16)),
    ("庞格尔节第四天", Fest::Fixed(1, 16)),
    ("印度丰收节", Fest::Fixed(1, 14)),
    // Solar terms; 雨水, 小雪, 大雪, 白露 and 小满 are left out: as words
    // (rain, snow, names) they are far more common than as dates.
    ("清明节", Fest::SolarTerm(6)),
    ("清明", Fest::SolarTerm(6)),
    ("小寒", Fest::SolarTerm(0)),
    ("大寒", Fest::SolarTerm(1)),
    ("立春", Fest::SolarTerm(2)),
    ("惊蛰", Fest::SolarTerm(4)),
    ("春分", Fest::SolarTerm(5)),
    ("谷雨", Fest::SolarTerm(7)),
    ("立夏", Fest::SolarTerm(8)),
    ("芒种", Fest::SolarTerm(10)),
    ("夏至", Fest::SolarTerm(11)),
    ("小暑", Fest::SolarTerm(12)),
    ("大暑", Fest::SolarTerm(13)),
    ("立秋", Fest::SolarTerm(14)),
    ("处暑", Fest::SolarTerm(15)),
    ("秋分", Fest::SolarTerm(17)),
    ("寒露", Fest::SolarTerm(18)),
    ("霜降", Fest::SolarTerm(19)),
    ("立冬", Fest::SolarTerm(20)),
    ("冬至", Fest::SolarTerm(23)),
    ("淡米爾豐收節", Fest::Fixed(1, 14)),
    ("淡米尔丰收节", Fest::Fixed(1, 14)),
];

const KEYWORD_LIST: &[(&str, Kw)] = &[
    ("目前", Kw::Ref("PRESENT_REF")),
    ("现在", Kw::Ref("PRESENT_REF")),
    ("現在", Kw::Ref("PRESENT_REF")),
    ("当前", Kw::Ref("PRESENT_REF")),
    ("當前", Kw::Ref("PRESENT_REF")),
    ("如今", Kw::Ref("PRESENT_REF")),
    ("至今", Kw::Ref("PRESENT_REF")),
    ("迄今", Kw::Ref("PRESENT_REF")),
    ("时至今日", Kw::Ref("PRESENT_REF")),
    ("截至发稿", Kw::Ref("PRESENT_REF")),
    ("截止发稿", Kw::Ref("PRESENT_REF")),
    ("发稿前", Kw::Ref("PRESENT_REF")),
    ("发稿时", Kw::Ref("PRESENT_REF")),
    ("当下", Kw::Ref("PRESENT_REF")),
    ("此时", Kw::Ref("PRESENT_REF")),
    ("此時", Kw::Ref("PRESENT_REF")),
    ("此刻", Kw::Ref("PRESENT_REF")),
    ("而家", Kw::Ref("PRESENT_REF")),
    ("依家", Kw::Ref("PRESENT_REF")),
    ("现", Kw::Ref("PRESENT_REF")),
    ("现阶段", Kw::Ref("PRESENT_REF")),
    ("眼下", Kw::Ref("PRESENT_REF")),
    ("此前", Kw::Ref("PAST_REF")),
    ("之前", Kw::Ref("PAST_REF")),
    ("连日来", Kw::Ref("PAST_REF")),
    ("前段时间", Kw::Ref("PAST_REF")),
    ("前些天", Kw::Ref("PAST_REF")),
    ("前几天", Kw::Ref("PAST_REF")),
    ("在此之前", Kw::Ref("PAST_REF")),
    ("以前", Kw::Ref("PAST_REF")),
    ("以往", Kw::Ref("PAST_REF")),
    ("日前", Kw::Ref("PAST_REF")),
    ("近日", Kw::Ref("PAST_REF")),
    ("近年来", Kw::Ref("PAST_REF")),
    ("近些年来", Kw::Ref("PAST_REF")),
    ("近些年", Kw::Ref("PAST_REF")),
    ("近几年", Kw::Ref("PAST_REF")),
    ("近年", Kw::Ref("PAST_REF")),
    ("最近几年", Kw::Ref("PAST_REF")),
    ("最近", Kw::Ref("PAST_REF")),
    ("这几年", Kw::Ref("PAST_REF")),
    ("這幾年", Kw::Ref("PAST_REF")),
    ("过去", Kw::Ref("PAST_REF")),
    ("不久前", Kw::Ref("PAST_REF")),
    ("前不久", Kw::Ref("PAST_REF")),
    ("早前", Kw::Ref("PAST_REF")),
    ("往年", Kw::Ref("PAST_REF")),
    ("前期", Kw::Ref("PAST_REF")),
    ("未来", Kw::Ref("FUTURE_REF")),
    ("後續", Kw::Ref("FUTURE_REF")),
    ("后续", Kw::Ref("FUTURE_REF")),
    ("下一步", Kw::Ref("FUTURE_REF")),
    ("接下来", Kw::Ref("FUTURE_REF")),
    ("今后", Kw::Ref("FUTURE_REF")),
    ("日后", Kw::Ref("FUTURE_REF")),
    ("以后", Kw::Ref("FUTURE_REF")),
    ("将来", Kw::Ref("FUTURE_REF")),
    ("近期", Kw::Near),
    ("当时", Kw::Anaphor),
    ("當時", Kw::Anaphor),
    ("彼时", Kw::Anaphor),
    ("那时", Kw::Anaphor),
    ("那一天", Kw::Anaphor),
    ("那天", Kw::Anaphor),
    ("此后", Kw::AfterAnaphor),
    ("此後", Kw::AfterAnaphor),
    ("之后", Kw::AfterAnaphor),
    ("自此", Kw::AfterAnaphor),
    ("每年", Kw::Set("P1Y")),
    ("每个月", Kw::Set("P1M")),
    ("每個月", Kw::Set("P1M")),
    ("每月", Kw::Set("P1M")),
    ("每季度", Kw::Set("P3M")),
    ("每周", Kw::Set("P1W")),
    ("每週", Kw::Set("P1W")),
    ("每星期", Kw::Set("P1W")),
    ("每日", Kw::Set("P1D")),
    ("每天", Kw::Set("P1D")),
    ("每小时", Kw::Set("PT1H")),
    ("每分钟", Kw::Set("PT1M")),
    ("每逢", Kw::Generic),
];

/// Openings the scanner builds by hand rather than from the word lists
/// (上周, 半年, 农历, 第3季度).
const STARTS_BY_HAND: &[&str] = &[
    "上半年",
    "下半年",
    "首季度",
    "前两个季度",
    "第",
    "Q",
    "q",
    "半",
    "近",
    "过去",
    "最近",
    "未来",
    "今后",
    "星期",
    "礼拜",
    "春",
    "夏",
    "秋",
    "冬",
    "个",
    "個",
    "腊",
    "正",
    "农",
    "阴",
    "農",
    "闰",
    "禮拜",
    "周",
    "週",
    "这",
    "這",
    "本",
    "今",
    "上",
    "下",
    "同期",
    "每隔",
];

/// Two-character openings built by hand, beyond those of
/// [`STARTS_BY_HAND`] and the word lists.
const BIGRAMS_BY_HAND: &[&str] = &[
    "上半年",
    "下半年",
    "同期",
    "首季",
    "上世纪",
    "上个世纪",
    "上個世紀",
    "本世纪",
    "这个世纪",
    "农历",
    "阴历",
    "農曆",
    "正月",
    "腊月",
    "冬月",
    "大年",
    "星期",
    "礼拜",
    "禮拜",
    "现涨",
    "现跌",
    "现报",
    "春季",
    "夏季",
    "秋季",
    "冬季",
    "个半",
    "個半",
    "每隔",
    "每逢",
];

/// Every word of the lists that may open an expression, for the test that
/// a candidate starting with a character of no hand-built opening opens
/// one of them.
static OPENING_WORDS: LazyLock<WordIndex<()>> = LazyLock::new(|| {
    let mut words = point_words();
    words.extend(KEYWORD_LIST.iter().map(|(w, _)| (*w, ())));
    WordIndex::new(&words)
});

/// The words the point parser opens with (years, parts of the year,
/// months, days, parts of the day, festivals): every list but the
/// keywords.
fn point_words() -> Vec<(&'static str, ())> {
    let mut words: Vec<(&'static str, ())> = Vec::new();
    words.extend(YEAR_WORDS.iter().map(|(w, _)| (*w, ())));
    words.extend(LONE_YEAR_MODS.iter().map(|(w, _)| (*w, ())));
    words.extend(QUARTER_WORDS.iter().map(|(w, _)| (*w, ())));
    words.extend(MONTH_WORDS.iter().map(|(w, _)| (*w, ())));
    words.extend(DAY_WORDS.iter().map(|(w, _)| (*w, ())));
    words.extend(PARTS.iter().map(|(w, _)| (*w, ())));
    words.extend(FESTIVAL_LIST.iter().map(|(w, _)| (*w, ())));
    words
}

static POINT_WORDS: LazyLock<WordIndex<()>> = LazyLock::new(|| WordIndex::new(&point_words()));

/// Whether a word the point parser opens with starts at byte `i` of `s`.
pub fn point_word_at(s: &str, i: usize) -> bool {
    POINT_WORDS.find(s, i).is_some()
}

/// Whether `c` opens a form built by hand (and not only words of the
/// lists).
pub fn by_hand(c: char) -> bool {
    let i = c as usize;
    BY_HAND.get(i >> 6).is_none_or(|w| w >> (i & 63) & 1 == 1)
}

/// The first characters of the openings built by hand (with those of the
/// pairs built in loops for `BIGRAMS`).
static BY_HAND: LazyLock<[u64; 1024]> = LazyLock::new(|| {
    let mut bits = [0u64; 1024];
    let firsts = STARTS_BY_HAND
        .iter()
        .chain(BIGRAMS_BY_HAND)
        .chain(ONE_CHAR_BY_HAND)
        .filter_map(|w| w.chars().next());
    for c in firsts {
        let i = c as usize;
        if let Some(w) = bits.get_mut(i >> 6) {
            *w |= 1 << (i & 63);
        }
    }
    bits
});

/// The hand-built one-character openings beyond [`STARTS_BY_HAND`]: the
/// week words (上周, 这礼拜), halves (半年) and sets (每月).
const ONE_CHAR_BY_HAND: &[&str] = &[
    "上", "下", "这", "這", "本", "今", "周", "週", "半", "每", "近",
];

/// The characters a number may follow at the start of an expression (第3,
/// 近两年, 周一, 早8点, Q3): those that open an expression alone (the
/// one-character openings built by hand and the one-character words),
/// and the first characters of the openings and words with a number or a
/// space second (前两个季度). Any other character opens only longer words,
/// so before a number (超过100) it starts nothing.
static NUMBER_SECOND: LazyLock<[u64; 1024]> = LazyLock::new(|| {
    let mut bits = [0u64; 1024];
    let words = STARTS_BY_HAND
        .iter()
        .chain(BIGRAMS_BY_HAND)
        .chain(ONE_CHAR_BY_HAND)
        .copied()
        .chain(YEAR_WORDS.iter().map(|(w, _)| *w))
        .chain(LONE_YEAR_MODS.iter().map(|(w, _)| *w))
        .chain(QUARTER_WORDS.iter().map(|(w, _)| *w))
        .chain(MONTH_WORDS.iter().map(|(w, _)| *w))
        .chain(DAY_WORDS.iter().map(|(w, _)| *w))
        .chain(PARTS.iter().map(|(w, _)| *w))
        .chain(FESTIVAL_LIST.iter().map(|(w, _)| *w))
        .chain(KEYWORD_LIST.iter().map(|(w, _)| *w));
    for w in words {
        let mut cs = w.chars();
        let (Some(a), second) = (cs.next(), cs.next()) else {
            continue;
        };
        if second.is_none_or(|b| b.is_ascii_digit() || b == ' ' || is_cn_digit_like(b)) {
            let i = a as usize;
            if let Some(w) = bits.get_mut(i >> 6) {
                *w |= 1 << (i & 63);
            }
        }
    }
    bits
});

/// Characters that can start an expression: a quick test before parsing.
static STARTS: LazyLock<[u64; 1024]> = LazyLock::new(|| {
    let mut s = CharSet::default();
    let mut add = |w: &str| {
        if let Some(c) = w.chars().next() {
            s.insert(c);
        }
    };
    YEAR_WORDS.iter().for_each(|(w, _)| add(w));
    LONE_YEAR_MODS.iter().for_each(|(w, _)| add(w));
    QUARTER_WORDS.iter().for_each(|(w, _)| add(w));
    MONTH_WORDS.iter().for_each(|(w, _)| add(w));
    DAY_WORDS.iter().for_each(|(w, _)| add(w));
    PARTS.iter().for_each(|(w, _)| add(w));
    FESTIVAL_LIST.iter().for_each(|(w, _)| add(w));
    KEYWORD_LIST.iter().for_each(|(w, _)| add(w));
    for w in STARTS_BY_HAND {
        add(w);
    }
    // A bitmap over the Basic Multilingual Plane: one probe per character.
    let mut bits = [0u64; 1024];
    for c in s
        .into_iter()
        .chain("0123456789〇零○一二两兩俩三四五六七八九十百千万廿卅".chars())
    {
        let i = c as usize;
        if let Some(w) = bits.get_mut(i >> 6) {
            *w |= 1 << (i & 63);
        }
    }
    bits
});

/// Whether an expression may start with `c`: a quick test before parsing.
pub fn may_start(c: char) -> bool {
    let i = c as usize;
    STARTS.get(i >> 6).is_some_and(|w| w >> (i & 63) & 1 == 1)
}

/// Two-character openings that can lead an expression which does not start
/// with a number: the first two characters of every word, and the openings
/// the scanner builds by hand (上周, 半年, 农历).
static BIGRAMS: LazyLock<HashSet<u64, BuildHasherDefault<CharHasher>>> = LazyLock::new(|| {
    let mut set = HashSet::default();
    let mut add = |w: &str| {
        let mut cs = w.chars();
        if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
            set.insert(pair(a, b));
        }
    };
    YEAR_WORDS.iter().for_each(|(w, _)| add(w));
    LONE_YEAR_MODS.iter().for_each(|(w, _)| add(w));
    QUARTER_WORDS.iter().for_each(|(w, _)| add(w));
    MONTH_WORDS.iter().for_each(|(w, _)| add(w));
    DAY_WORDS.iter().for_each(|(w, _)| add(w));
    PARTS.iter().for_each(|(w, _)| add(w));
    FESTIVAL_LIST.iter().for_each(|(w, _)| add(w));
    KEYWORD_LIST.iter().for_each(|(w, _)| add(w));
    for w in BIGRAMS_BY_HAND {
        add(w);
    }
    // Weeks: 上周, 这礼拜, 今個星期, 周三.
    for a in ["上", "下", "这", "這", "本", "今"] {
        for b in ["周", "週", "星", "礼", "禮", "个", "個", "一", "上", "下"] {
            add(&format!("{a}{b}"));
        }
    }
    for a in ["周", "週"] {
        for b in ["一", "二", "三", "四", "五", "六", "日", "天", "末"] {
            add(&format!("{a}{b}"));
        }
    }
    // Halves and sets before a unit: 半年, 每月, 近半年.
    for a in ["半", "每", "近"] {
        for b in [
            "年", "月", "个", "個", "天", "日", "小", "分", "秒", "周", "週", "星", "礼", "季",
            "钟", "鐘", "半",
        ] {
            add(&format!("{a}{b}"));
        }
    }
    set
});

fn pair(a: char, b: char) -> u64 {
    (u64::from(u32::from(a)) << 21) | u64::from(u32::from(b))
}

/// Whether the two characters at the start of a candidate can open an
/// expression; a number or a space second always can (第3, 早8点, Q3).
pub fn may_open(a: char, b: Option<char>) -> bool {
    match b {
        None => true,
        Some(b) if b.is_ascii_digit() || b == ' ' || is_cn_digit_like(b) => true,
        Some(b) => BIGRAMS.contains(&pair(a, b)),
    }
}

/// A bit per hashed pair: most pairs of running text are no opening, and
/// one bit test turns them away before the set is probed.
static BIGRAM_FILTER: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; FILTER_WORDS];
    for &p in BIGRAMS.iter() {
        let h = filter_slot(p);
        if let Some(w) = bits.get_mut(h >> 6) {
            *w |= 1 << (h & 63);
        }
    }
    bits
});

const FILTER_WORDS: usize = 1 << 10;

fn filter_slot(p: u64) -> usize {
    (p.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as usize & (FILTER_WORDS * 64 - 1)
}

/// The scanner's quick tests, resolved once per text so the hot loop does
/// not go through the lazy statics at every character.
#[derive(Clone, Copy)]
pub struct Gate {
    starts: &'static [u64; 1024],
    by_hand: &'static [u64; 1024],
    words: &'static WordIndex<()>,
    filter: &'static [u64],
    bigrams: &'static HashSet<u64, BuildHasherDefault<CharHasher>>,
    number_second: &'static [u64; 1024],
}

impl Gate {
    pub fn get() -> Gate {
        Gate {
            starts: &STARTS,
            by_hand: &BY_HAND,
            words: &OPENING_WORDS,
            filter: BIGRAM_FILTER.as_slice(),
            bigrams: &BIGRAMS,
            number_second: &NUMBER_SECOND,
        }
    }

    /// [`may_start`].
    #[inline]
    pub fn may_start(&self, c: char) -> bool {
        let i = c as usize;
        self.starts
            .get(i >> 6)
            .is_some_and(|w| w >> (i & 63) & 1 == 1)
    }

    /// The first byte at or after `i` (a character boundary of `b`) where a
    /// character that may start an expression, or one of two or four bytes,
    /// begins: one- and three-byte characters are tested on their bytes.
    pub fn skip(&self, b: &[u8], i: usize) -> usize {
        // Slice patterns rather than indexing: one length test per step.
        let mut rest = b.get(i..).unwrap_or_default();
        loop {
            match *rest {
                [x, ref tail @ ..] if x < 0x80 && !self.may_start_ascii(x) => rest = tail,
                [x @ 0xE0..=0xEF, y, z, ref tail @ ..] if !self.may_start_3(x, y, z) => rest = tail,
                _ => return b.len() - rest.len(),
            }
        }
    }

    /// Whether an expression may start at byte `i` of `s`, where `c`
    /// (not a numeral) passed [`may_open`]: a parser opens either with
    /// a number, with the first character of an opening built by hand, or
    /// with a whole word of the lists, so with any other first character a
    /// word must be there (国际 of 国际儿童节 passes the pair test, 国际贸易
    /// does not open a word).
    pub fn may_lead(&self, s: &str, i: usize, c: char) -> bool {
        let k = c as usize;
        self.by_hand
            .get(k >> 6)
            .is_none_or(|w| w >> (k & 63) & 1 == 1)
            || self.words.find(s, i).is_some()
    }

    /// Whether a word of the lists starts at byte `i` of `s`.
    pub fn opens_word(&self, s: &str, i: usize) -> bool {
        self.words.find(s, i).is_some()
    }

    /// [`may_start`] for an ASCII byte.
    #[inline]
    pub fn may_start_ascii(&self, x: u8) -> bool {
        self.starts[usize::from(x >> 6)] >> (x & 63) & 1 == 1
    }

    /// [`may_start`] for the character of the three-byte UTF-8 sequence
    /// `x y z`: its bits 6..16 pick the word, its low six bits the bit.
    #[inline]
    pub fn may_start_3(&self, x: u8, y: u8, z: u8) -> bool {
        let word = (usize::from(x & 0x0F) << 6) | usize::from(y & 0x3F);
        self.starts[word & 1023] >> (z & 0x3F) & 1 == 1
    }

    /// [`may_open`], with the filter in front of the set; before a number
    /// or a space only the characters of [`NUMBER_SECOND`] and the pairs
    /// of the lists open (the plain test lets every one through).
    #[inline]
    pub fn may_open(&self, a: char, b: Option<char>) -> bool {
        match b {
            None => true,
            Some(b) if b.is_ascii_digit() || b == ' ' || is_cn_digit_like(b) => {
                let k = a as usize;
                self.number_second
                    .get(k >> 6)
                    .is_none_or(|w| w >> (k & 63) & 1 == 1)
                    || self.pair_listed(a, b)
            }
            Some(b) => self.pair_listed(a, b),
        }
    }

    #[inline]
    fn pair_listed(&self, a: char, b: char) -> bool {
        let p = pair(a, b);
        let h = filter_slot(p);
        self.filter
            .get(h >> 6)
            .is_some_and(|w| w >> (h & 63) & 1 == 1)
            && self.bigrams.contains(&p)
    }
}

fn is_cn_digit_like(c: char) -> bool {
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
            | '廿'
            | '卅'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte test of `misses` never turns away a character the map
    /// knows.
    fn misses_agree<T: Copy>(idx: &WordIndex<T>) {
        for c in ('\u{800}'..='\u{FFFF}').filter(|c| c.len_utf8() == 3) {
            let s = format!("{c}年");
            if idx.misses(&s, 0) {
                assert!(!idx.map.contains_key(&c), "{c}");
            }
        }
    }

    #[test]
    fn byte_test_of_first_characters_misses_only_unknown_ones() {
        misses_agree(&YEAR_IDX);
        misses_agree(&LONE_YEAR_MOD_IDX);
        misses_agree(&YEAR_MOD_IDX);
        misses_agree(&PART_MOD_IDX);
        misses_agree(&QUARTER_IDX);
        misses_agree(&MONTH_IDX);
        misses_agree(&DAY_IDX);
        misses_agree(&PART_IDX);
        misses_agree(&FESTIVAL_IDX);
        misses_agree(&KEYWORD_IDX);
    }
}
