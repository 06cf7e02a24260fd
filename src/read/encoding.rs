//! Bytes -> text. UTF-8 is the norm; GBK/GB18030 and other legacy encodings
//! are detected (BOM, meta charset or XML declaration, failed UTF-8 decode)
//! and decoded with `encoding_rs`.

use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;

/// How far into a page a `<meta charset>` or XML declaration is looked for
/// (browsers look at the first 1024 bytes; some CMSes put it later).
const PRESCAN: usize = 4096;

/// Decode an input to text, or say why it is not text.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    decode_with_label(bytes).map(|(text, _)| text)
}

/// Decode an input and name the encoding that was used.
pub fn decode_with_label(bytes: &[u8]) -> Result<(String, &'static str), String> {
    decode_borrowed(bytes).map(|(text, label)| (text.into_owned(), label))
}

/// [`decode_with_label`] without a copy when the input is UTF-8 already,
/// as nearly all input is.
pub fn decode_borrowed(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), String> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let (text, _) = enc.decode_without_bom_handling(rest);
        return checked(text, enc.name());
    }
    // Compressed files, archives and images hold NUL bytes or bytes that
    // are not UTF-8; text never starts with their magic numbers and then
    // does either.
    if looks_binary(bytes) {
        if let Some(kind) = file_kind(bytes) {
            return Err(format!("{kind}, not text"));
        }
        if let Some(enc) = utf16_without_bom(bytes) {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            return checked(text, enc.name());
        }
        return Err("binary data, not text (it holds NUL bytes)".to_string());
    }
    // Valid UTF-8 wins over a declared charset: pages re-saved as UTF-8
    // often keep their old `charset=gbk`, and non-ASCII UTF-8 practically
    // never happens by accident in a legacy encoding.
    // The SIMD validator answers exactly as `std::str::from_utf8`, several
    // times faster on text that is mostly multi-byte characters.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return checked(Cow::Borrowed(s), UTF_8.name());
    }
    if let Some(kind) = file_kind(bytes) {
        return Err(format!("{kind}, not text"));
    }
    // A page that declares UTF-8 but is not (a GBK page whose template
    // says `charset=utf-8`) is read as what its bytes are, as browsers'
    // detectors do; the declaration is known to be wrong.
    let enc = declared(bytes)
        .filter(|e| *e != UTF_8)
        .unwrap_or_else(|| sniffed(bytes));
    let (text, _, _) = enc.decode(bytes);
    checked(text, enc.name())
}

/// The encoding a page or feed declares in its head, if any.
pub fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..PRESCAN).unwrap_or(bytes);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset"[..], &b"encoding"[..]] {
        let mut from = 0;
        while let Some(at) = find(&lower[from..], key) {
            let after = from + at + key.len();
            from = after;
            if let Some(label) = attr_value(&lower[after..]) {
                if let Some(enc) = Encoding::for_label(label) {
                    // A UTF-16 label in a document that decoded as bytes is
                    // a lie (the WHATWG rule); treat it as UTF-8.
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        return Some(UTF_8);
                    }
                    return Some(enc);
                }
            }
        }
    }
    None
}

/// `= "gbk"`, `=gbk;`, `='gbk'` after a `charset`/`encoding` key.
fn attr_value(s: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    while s.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    if s.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while s
        .get(i)
        .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
    {
        i += 1;
    }
    let start = i;
    while s
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
    {
        i += 1;
    }
    s.get(start..i).filter(|l| !l.is_empty())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Guess an undeclared legacy encoding. The hint is a domain (`sg`) whose
/// pages come in both Chinese encodings: close calls go to GBK or Big5,
/// the legacy encodings of mainland and of Hong Kong and Taiwan news, and
/// between the two the text decides (a `cn` hint would read Big5 pages of
/// traditional characters as GBK nonsense).
fn sniffed(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    det.guess(Some(b"sg"), chardetng::Utf8Detection::Allow)
}

/// What a file that is not text is, by its magic number: archives and
/// compressed files saved by mistake, images, documents.
fn file_kind(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: &[(&[u8], &str)] = &[
        (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
        (b"PK\x03\x04", "a ZIP archive (unpack it first)"),
        (b"PK\x05\x06", "an empty ZIP archive"),
        (b"BZh", "bzip2-compressed data (decompress it first)"),
        (b"\xfd7zXZ\x00", "xz-compressed data (decompress it first)"),
        (
            b"\x28\xb5\x2f\xfd",
            "zstd-compressed data (decompress it first)",
        ),
        (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive (unpack it first)"),
        (b"Rar!", "a RAR archive (unpack it first)"),
        (b"%PDF-", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7fELF", "an executable (ELF)"),
        (b"SQLite format 3\x00", "an SQLite database"),
        (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    ];
    KINDS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// UTF-16 saved without a byte order mark: markup and Latin text put a
/// NUL in every other byte, on the same side each time. Chinese text has no
/// NUL bytes of its own in UTF-16, so the tags and punctuation of a page or
/// feed are what shows it; binary data has NULs on both sides.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..8192).unwrap_or(bytes);
    if head.len() < 8 || head.len() % 2 != 0 && head.len() == bytes.len() {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in head.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let pairs = head.len() / 2;
    // Most pairs of a page hold an ASCII character; allow a few NULs on the
    // other side (U+0100-style characters whose low byte is zero).
    let pick = |zeros: usize, other: usize, enc: &'static Encoding| {
        (zeros * 4 >= pairs && other * 50 <= zeros).then_some(enc)
    };
    pick(odd, even, encoding_rs::UTF_16LE).or_else(|| pick(even, odd, encoding_rs::UTF_16BE))
}

/// Text files have no NUL bytes; binaries almost always do near the start.
fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes.get(..8192).unwrap_or(bytes)).is_some()
}

/// Reject decodes that are mostly replacement and control characters: that
/// is not text in any encoding.
fn checked<'a>(
    text: Cow<'a, str>,
    label: &'static str,
) -> Result<(Cow<'a, str>, &'static str), String> {
    let text = match text {
        Cow::Borrowed(t) => Cow::Borrowed(t.trim_start_matches('\u{feff}')),
        Cow::Owned(t) if t.starts_with('\u{feff}') => {
            Cow::Owned(t.trim_start_matches('\u{feff}').to_string())
        }
        owned => owned,
    };
    let (total, bad) = if may_have_bad(&text) {
        count_bad(&text, 65536)
    } else {
        (1, 0)
    };
    if total > 0 && bad * 20 > total {
        return Err(format!(
            "not readable text: {bad} of the first {total} characters are control or undecodable bytes (read as {label})"
        ));
    }
    Ok((text, label))
}

/// Whether the text may hold a character [`count_bad`] counts: a control
/// character, a C1 control (`C2 80`-`C2 9F`) or U+FFFD. Almost all text has
/// none, and this looks at the bytes far faster than decoding them.
fn may_have_bad(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Folded without an early exit so that the loop is vectorized.
    let control = bytes.chunks(256).any(|chunk| {
        chunk.iter().fold(false, |acc, &b| {
            acc | ((b < 0x20) & !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) | (b == 0x7f)
        })
    });
    // `C2` also leads U+00A0 and the Latin-1 signs, common in pages, so its
    // second byte is looked at too.
    let c1 =
        || memchr::memchr_iter(0xC2, bytes).any(|i| bytes.get(i + 1).is_some_and(|&n| n < 0xA0));
    // A substring search for the whole encoding of U+FFFD: a search for one
    // of its bytes stops at every CJK character that shares it.
    control || c1() || memchr::memmem::find(bytes, "\u{fffd}".as_bytes()).is_some()
}

/// Of the first `limit` characters, how many there are and how many are
/// U+FFFD or control characters other than tab, newline, carriage return
/// and form feed.
fn count_bad(text: &str, limit: usize) -> (usize, usize) {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(limit) {
        total += 1;
        if c == '\u{fffd}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) {
            bad += 1;
        }
    }
    (total, bad)
}

/// Make an XML declaration agree with the text it heads: the text is UTF-8
/// now, whatever the original bytes were, and the feed parser obeys the
/// declaration.
pub fn declare_utf8(xml: &str) -> std::borrow::Cow<'_, str> {
    let t = xml.trim_start();
    if let Some(rest) = t.strip_prefix("<?xml") {
        if let Some(end) = rest.find("?>") {
            let decl = &rest[..end];
            if decl.to_ascii_lowercase().contains("encoding") {
                let tail = &rest[end + 2..];
                return std::borrow::Cow::Owned(format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>{tail}"
                ));
            }
        }
    }
    std::borrow::Cow::Borrowed(xml)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undeclared_gbk_is_detected() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("<p>淘宝内测微信支付，互联互通迎来新进展。</p>");
        let (text, label) = decode_with_label(&bytes).unwrap();
        assert_eq!(text, "<p>淘宝内测微信支付，互联互通迎来新进展。</p>");
        assert_eq!(label, "GBK");
    }

    #[test]
    fn undeclared_gb18030_four_byte_sequences_survive() {
        let text = "<p>淘宝内测微信支付，网友纷纷表示支持 😀，互联互通迎来新进展。</p>";
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes).unwrap(), text);
    }

    #[test]
    fn meta_charset_is_read() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\"></head><body>微信</body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        assert_eq!(declared(&bytes), Some(encoding_rs::GBK));
        assert_eq!(decode(&bytes).unwrap(), page);
    }

    #[test]
    fn binary_is_rejected() {
        assert!(decode(&[0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]).is_err());
    }

    #[test]
    fn bad_characters_are_counted_as_chars_would_be() {
        let t = "a\u{0}b\t\u{7f}\u{85}\u{a0}\u{fffd}\u{fffe}淘宝\u{9f}\n";
        let by_char = t
            .chars()
            .filter(|&c| {
                c == '\u{fffd}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
            })
            .count();
        assert_eq!(count_bad(t, 65536), (t.chars().count(), by_char));
        assert_eq!(count_bad(t, 3), (3, 1));
        // The quick look never misses a character that counts.
        for c in ['\u{0}', '\u{1f}', '\u{7f}', '\u{80}', '\u{9f}', '\u{fffd}'] {
            let t = format!("{}{c}{}", "淘宝".repeat(200), "微信".repeat(200));
            assert!(may_have_bad(&t), "{c:?}");
            assert_eq!(count_bad(&t, 65536).1, 1);
        }
        for c in [
            '\t', '\n', '\r', '\x0c', '\u{a0}', '\u{ff}', '\u{fffc}', '，', '￥',
        ] {
            let t = format!("{}{c}", "淘宝".repeat(200));
            assert!(!may_have_bad(&t), "{c:?}");
            assert_eq!(count_bad(&t, 65536).1, 0);
        }
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let t = format!("淘{c}");
            assert_eq!(may_have_bad(&t), count_bad(&t, 2).1 > 0, "{c:?}");
        }
        assert!(decode("x\u{1}\u{2}\u{3}".as_bytes()).is_err());
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let page = "<html><head><title>淘宝</title></head><body><p>3月26日，淘宝支持微信支付。</p></body></html>";
        let le: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = page.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            decode_with_label(&le).unwrap(),
            (page.to_string(), "UTF-16LE")
        );
        assert_eq!(
            decode_with_label(&be).unwrap(),
            (page.to_string(), "UTF-16BE")
        );
        let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(decode(&junk).is_err());
        assert!(decode(&[0x1f, 0x8b, 8, 0, 0, 0])
            .unwrap_err()
            .contains("gzip"));
        assert!(decode(b"PK\x03\x04\x14\x00").unwrap_err().contains("ZIP"));
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode("\u{feff}标题".as_bytes()).unwrap(), "标题");
    }
}
