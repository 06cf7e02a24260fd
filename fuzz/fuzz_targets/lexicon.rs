//! Any YAML as a user lexicon: loading never panics, and a lexicon that loads
//! and extends the built-in one runs over a seed article without panicking.
#![no_main]

use hutong::lexicon::Lexicon;
use hutong::model::Article;
use hutong::read::{self, Limits};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn seed() -> &'static Article {
    static SEED: OnceLock<Article> = OnceLock::new();
    SEED.get_or_init(|| {
        let bytes = include_bytes!("../../seeds/000_925aed67b6f27cf9.txt");
        match read::read_bytes(bytes, "seed", "seed", &Limits::default()) {
            Ok(mut v) if !v.is_empty() => v.swap_remove(0),
            other => panic!("the seed article does not read: {other:?}"),
        }
    })
}

fn builtin() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::builtin)
}

fn run(lex: &Lexicon, article: &Article) {
    let x = hutong::pipeline::extract(lex, article, false);
    let doc = hutong::text::document(article);
    for e in &x.events {
        if let Some(ev) = &e.evidence {
            assert_eq!(
                doc.text.get(ev.span.start..ev.span.end),
                Some(ev.quote.as_str())
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(yaml) = std::str::from_utf8(data) else {
        return;
    };
    let article = seed();
    let Ok(user) = Lexicon::from_yaml(yaml) else {
        return;
    };
    // As `--lexicon` (in place of the built-in one) ...
    run(&user, article);
    // ... and as `--lexicon-extra` (extending it).
    if let Ok(lex) = builtin().clone().extend(user) {
        run(&lex, article);
    }
});
