//! Any text and reference time through the temporal tagger: nothing panics
//! and every span lies on character boundaries inside the text.
#![no_main]

use chrono::{DateTime, NaiveDateTime};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first 8 bytes pick the reference instant (any i64 seconds, so far
    // past and far future too, or none); the rest is the text.
    let (reference, rest): (Option<NaiveDateTime>, &[u8]) = match data.split_first_chunk::<8>() {
        Some((head, rest)) => {
            let secs = i64::from_le_bytes(*head);
            let r = if secs % 7 == 0 {
                None
            } else {
                DateTime::from_timestamp(secs, 0).map(|d| d.naive_utc())
            };
            (r, rest)
        }
        None => (None, data),
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    for t in hutong::time::tag(text, reference) {
        let (s, e) = (t.span.start, t.span.end);
        assert!(
            s <= e && e <= text.len(),
            "span {s}..{e} outside {}",
            text.len()
        );
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "span {s}..{e} splits a char"
        );
        assert_eq!(&text[s..e], t.text);
    }
});
