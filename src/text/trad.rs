//! Traditional characters folded to simplified ones for matching: Hong Kong
//! and Taiwan pages tell the same story (微信開放淘寶連結), and every rule of
//! the lexicon and the time tagger is written in simplified characters. The
//! table (`t2s.txt`, one character to one) says what it leaves out and why.

/// The table, one line a pair, built into the lookup structure at compile
/// time so that nothing is parsed or allocated at run time.
const DATA: &str = include_str!("t2s.txt");

/// Every key is in the CJK Unified Ideographs block, whose characters are
/// the three-byte ones with lead bytes E4-E9. The bitmap covers U+0000 to
/// U+FFFF so that a three-byte character's word is the low bits of its lead
/// and second byte, undecoded, and always in the bitmap.
const FIRST: u32 = 0x4E00;
const END: u32 = 0xA000;
const BLOCKS: usize = 0x10000 / 64;
const PAIRS: usize = count_pairs(DATA.as_bytes());

/// A bit per code point below `END` (set for a key), the number of keys
/// before each word, and the simplified characters in key order: a lookup
/// is a bit test, then a population count for the few characters that fold.
struct Table {
    bits: [u64; BLOCKS],
    rank: [u16; BLOCKS],
    to: [u16; PAIRS],
}

static TABLE: Table = build(DATA.as_bytes());

/// Whether the ideograph `b0 b1 b2` (lead byte E4-E9) may fold, read from
/// its bytes without decoding it: the scan of normalization asks this of
/// every ideograph, and nearly all of them are not in the table. Its last
/// two bytes, read as one number, pick a byte of [`FILTER`]; its lead byte
/// a bit of that.
#[inline]
pub fn may_fold(b0: u8, b1: u8, b2: u8) -> bool {
    (FILTER[usize::from(u16::from_le_bytes([b1, b2]))] >> (b0.wrapping_sub(0xE4) & 7)) & 1 != 0
}

/// The keys of the table by their bytes, for [`may_fold`]: bit `lead - E4`
/// of entry `b1 | b2 << 8`. Indexed by any two bytes, so that no index needs
/// a check; a text only ever reads the 4 KiB of continuation-byte entries.
static FILTER: [u8; 0x10000] = filter(&TABLE.bits);

/// The simplified character a traditional one folds to, if the table has it.
pub fn simplified(c: char) -> Option<char> {
    let k = c as usize;
    let word = *TABLE.bits.get(k / 64)?;
    let bit = 1u64 << (k % 64);
    if word & bit == 0 {
        return None;
    }
    let i = *TABLE.rank.get(k / 64)? as usize + (word & (bit - 1)).count_ones() as usize;
    TABLE.to.get(i).and_then(|&s| char::from_u32(u32::from(s)))
}

/// Words Hong Kong and Taiwan write with other characters than the
/// mainland, where folding each character would not give the mainland word
/// (連結 would read 连结, not 链接). Each has a character of the table at
/// every place where the words differ: only those are looked at, and
/// simplified text never matches. (Taiwan's 網路 is out: 路 is not one.)
const WORDS: &[(&str, &str)] = &[("連結", "链接"), ("軟體", "软件"), ("硬體", "硬件")];

/// [`simplified`] for the character `c` at byte `at` of `text`, in its
/// context: a character of one of the [`WORDS`] takes its place in the
/// mainland word, and 點 right after a number stays, because the time tagger
/// reads it itself and tells the Cantonese clock (三點三, a quarter past
/// three) from the decimal that 三点三 is.
pub fn fold_at(text: &str, at: usize, c: char) -> Option<char> {
    let s = simplified(c)?;
    for (t, m) in WORDS {
        for ((k, tc), mc) in t.char_indices().zip(m.chars()) {
            if tc == c
                && at
                    .checked_sub(k)
                    .and_then(|start| text.get(start..))
                    .is_some_and(|w| w.starts_with(t))
            {
                return Some(mc);
            }
        }
    }
    let before = text.get(..at).and_then(|t| t.chars().next_back());
    if c == '點'
        && before.is_some_and(|p| p.is_ascii_digit() || crate::time::recognize::is_cn_numeral(p))
    {
        return None;
    }
    Some(s)
}

/// The code point of the three-byte UTF-8 character at `i`.
const fn decode3(b: &[u8], i: usize) -> u32 {
    ((b[i] as u32 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F)
}

/// Where the line starting at `i` ends (its newline, or the end).
const fn line_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] != b'\n' {
        i += 1;
    }
    i
}

/// Whether the line `i..end` is a pair: two three-byte characters.
const fn is_pair(b: &[u8], i: usize, end: usize) -> bool {
    if end - i == 0 || b[i] == b'#' {
        return false;
    }
    assert!(
        end - i == 6,
        "t2s.txt: a line is a comment or two characters"
    );
    assert!(
        b[i] & 0xF0 == 0xE0 && b[i + 3] & 0xF0 == 0xE0,
        "t2s.txt: characters of three bytes"
    );
    true
}

const fn count_pairs(b: &[u8]) -> usize {
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        let end = line_end(b, i);
        if is_pair(b, i, end) {
            n += 1;
        }
        i = end + 1;
    }
    n
}

const fn build(b: &[u8]) -> Table {
    let mut t = Table {
        bits: [0; BLOCKS],
        rank: [0; BLOCKS],
        to: [0; PAIRS],
    };
    let (mut i, mut n, mut last) = (0, 0, 0);
    while i < b.len() {
        let end = line_end(b, i);
        if is_pair(b, i, end) {
            let (from, to) = (decode3(b, i), decode3(b, i + 3));
            assert!(
                from >= FIRST && from < END,
                "t2s.txt: a key outside the block"
            );
            assert!(from > last, "t2s.txt: keys in code point order, once each");
            last = from;
            let k = from as usize;
            t.bits[k / 64] |= 1 << (k % 64);
            t.to[n] = to as u16;
            n += 1;
        }
        i = end + 1;
    }
    let (mut w, mut seen) = (0, 0);
    while w < BLOCKS {
        t.rank[w] = seen;
        seen += t.bits[w].count_ones() as u16;
        w += 1;
    }
    t
}

const fn filter(bits: &[u64; BLOCKS]) -> [u8; 0x10000] {
    let mut f = [0u8; 0x10000];
    let mut cp = FIRST as usize;
    while cp < END as usize {
        if (bits[cp / 64] >> (cp % 64)) & 1 != 0 {
            f[(0x80 | ((cp >> 6) & 0x3F)) | ((0x80 | (cp & 0x3F)) << 8)] |= 1 << ((cp >> 12) - 4);
        }
        cp += 1;
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        s.char_indices()
            .map(|(i, c)| fold_at(s, i, c).unwrap_or(c))
            .collect()
    }

    #[test]
    fn words_differ_only_where_the_table_folds() {
        for (t, m) in WORDS {
            assert_eq!(t.chars().count(), m.chars().count(), "{t}");
            for (tc, mc) in t.chars().zip(m.chars()) {
                assert!(tc == mc || simplified(tc).is_some(), "{t}: {tc}");
            }
        }
    }

    #[test]
    fn table_agrees_with_its_file() {
        let pairs: Vec<(char, char)> = DATA
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let mut c = l.chars();
                (c.next().unwrap(), c.next().unwrap())
            })
            .collect();
        assert_eq!(pairs.len(), PAIRS);
        for &(t, s) in &pairs {
            assert_eq!(simplified(t), Some(s), "{t}");
            let mut buf = [0; 4];
            let b = t.encode_utf8(&mut buf).as_bytes();
            assert!(may_fold(b[0], b[1], b[2]), "{t}");
            // Folding once is enough: no simplified form folds again.
            assert_eq!(simplified(s), None, "{s}");
        }
        let keys: std::collections::HashSet<char> = pairs.iter().map(|p| p.0).collect();
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            if !keys.contains(&c) {
                assert_eq!(simplified(c), None, "{c}");
                let mut buf = [0; 4];
                let b = c.encode_utf8(&mut buf).as_bytes();
                if (0xE4..=0xE9).contains(&b[0]) {
                    assert!(!may_fold(b[0], b[1], b[2]), "{c}");
                }
            }
        }
    }

    #[test]
    fn the_story_in_traditional_characters_reads_as_simplified() {
        assert_eq!(
            fold("微信開放淘寶連結，支付寶、騰訊，工信部要求各平台於9月17日前解除屏蔽"),
            "微信开放淘宝链接，支付宝、腾讯，工信部要求各平台于9月17日前解除屏蔽"
        );
        assert_eq!(
            fold("2021年11月底，下週三，春節後兩天，十號，之後，裡面，臺灣"),
            "2021年11月底，下周三，春节后两天，十号，之后，里面，台湾"
        );
        // HK and TW variants of the same words, and their own words.
        assert_eq!(fold("裏面 綫上 衞生 啓動 衆多"), "里面 线上 卫生 启动 众多");
        assert_eq!(
            fold("網址連結、軟體和硬體、連續、結果"),
            "网址链接、软件和硬件、连续、结果"
        );
    }

    #[test]
    fn simplified_text_never_changes() {
        let s = "华为昇腾、乾隆、捍卫、呵呵、瞭望、著名、大阪、哪吒、彷徨、试点、重点、三点三、连结、网路、硬体";
        assert_eq!(fold(s), s);
        for c in [
            '后',
            '于',
            '里',
            '周',
            '台',
            '发',
            '干',
            '面',
            '了',
            'a',
            '１',
            '\u{10FFFF}',
        ] {
            assert_eq!(simplified(c), None, "{c}");
        }
    }

    #[test]
    fn a_clock_dian_after_a_number_stays_for_the_tagger() {
        assert_eq!(fold("晏晝三點三"), "晏昼三點三");
        assert_eq!(fold("8點半，兩點"), "8點半，两點");
        assert_eq!(fold("試點、點對點、重點"), "试点、点对点、重点");
        assert_eq!(fold("點"), "点");
    }
}
