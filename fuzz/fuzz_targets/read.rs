//! Any bytes through every reader and the whole pipeline with the built-in
//! lexicon: nothing panics, every span lies inside its text, and every
//! evidence quote is a verbatim slice of the article's text.
#![no_main]

use hutong::lexicon::Lexicon;
use hutong::read::{self, Limits};
use hutong::{pipeline, text};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::builtin)
}

fn in_bounds(start: usize, end: usize, s: &str) -> bool {
    start <= end && end <= s.len() && s.is_char_boundary(start) && s.is_char_boundary(end)
}

fuzz_target!(|data: &[u8]| {
    // Small limits so the fuzzer also reaches the limit checks.
    let limits = Limits {
        max_file_bytes: 1 << 20,
        max_depth: 64,
    };
    for article in read::read_bytes_each(data, "fuzz.txt", "fuzz.txt", &limits)
        .into_iter()
        .flatten()
    {
        let doc = text::document(&article);
        assert_eq!(doc.norm_to_text.len(), doc.norm.len() + 1);
        for p in &doc.paragraphs {
            assert!(
                in_bounds(p.span.start, p.span.end, &doc.text),
                "paragraph {:?}",
                p.span
            );
        }
        for s in &doc.sentences {
            assert!(
                in_bounds(s.span.start, s.span.end, &doc.text),
                "sentence {:?}",
                s.span
            );
        }
        let x = pipeline::extract(lexicon(), &article, true);
        for t in &x.timexes {
            assert!(
                in_bounds(t.span.start, t.span.end, &doc.norm),
                "timex {:?}",
                t.span
            );
            assert_eq!(doc.original(t.span), t.text);
        }
        for e in &x.events {
            if let Some(ev) = &e.evidence {
                assert!(
                    in_bounds(ev.span.start, ev.span.end, &doc.text),
                    "evidence {:?}",
                    ev.span
                );
                assert_eq!(&doc.text[ev.span.start..ev.span.end], ev.quote);
            }
        }
    }
});
