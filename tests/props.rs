//! Properties over any input: reading and extraction never panic, every
//! span lies inside its text, evidence is quoted verbatim, and extraction is
//! deterministic.

use hutong::lexicon::Lexicon;
use hutong::model::{Article, Document, Span};
use hutong::read::{self, Limits};
use hutong::text;
use proptest::prelude::*;
use std::sync::OnceLock;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::builtin)
}

/// Pieces of real articles and of broken markup, so random input reaches
/// past format sniffing into every reader and stage.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("淘宝".to_string()),
        Just("微信支付".to_string()),
        Just("工信部要求".to_string()),
        Just("可以直接打开".to_string()),
        Just("不支持".to_string()),
        Just("内测".to_string()),
        Just("将".to_string()),
        Just("3 月 26 日".to_string()),
        Just("2021 年 11 月底".to_string()),
        Just("9 月 17 日前".to_string()),
        Just("目前".to_string()),
        Just("今年 1 月".to_string()),
        Just("。".to_string()),
        Just("，".to_string()),
        Just("；".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("（".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"tougao-user\">".to_string()),
        Just("<p data-vmark=\"8090\">".to_string()),
        Just("</div>".to_string()),
        Just("<br>".to_string()),
        Just("<img src=x>".to_string()),
        Just("<![CDATA[".to_string()),
        Just("]]>".to_string()),
        Just("&amp;".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("---\n".to_string()),
        Just("**".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{feff}".to_string()),
        Just("ＡＢ１２".to_string()),
        Just("\u{3000}".to_string()),
        Just("👨‍👩‍👧".to_string()),
        any::<char>().prop_map(String::from),
        "[ -~]{0,8}",
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..60).prop_map(|v| v.concat())
}

/// Mostly real dates in the formats the readers meet, some nonsense.
fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        "20[0-2][0-9]-0[1-9]-[12][0-9]( [01][0-9]:[0-5][0-9])?",
        "(Mon|Fri), [12][0-9] (Jan|Mar) 20[0-2][0-9] [01][0-9]:[0-5][0-9]:[0-5][0-9] GMT",
        "[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}",
    ]
}

/// Inputs shaped like each format the readers know, with random insides.
fn shaped() -> impl Strategy<Value = Vec<u8>> {
    (0..6u8, body(), body(), date()).prop_map(|(k, t, b, d)| {
        let s = match k {
            0 => format!("\n---\ntitle: '{t}'\ndate: {d}\n---\n{b}"),
            1 => format!(
                "<html><head><title>{t}</title><meta property=\"article:published_time\" content=\"{d}\"></head><body><article>{b}</article></body></html>"
            ),
            2 => format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><title>{t}</title><pubDate>{d}</pubDate><description><![CDATA[{b}]]></description></item></channel></rss>"
            ),
            3 => format!(
                "{}\n{}\n",
                serde_json::json!({"title": t, "published": d, "html": b}),
                serde_json::json!({"title": b, "text": t})
            ),
            4 => format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>{t}</title><updated>{d}</updated><content type=\"html\">{b}</content></entry></feed>"),
            _ => format!("{t}\n{b}"),
        };
        s.into_bytes()
    })
}

fn any_input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..1024),
        shaped(),
        // Shaped input with a few bytes damaged.
        (
            shaped(),
            prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4)
        )
            .prop_map(|(mut b, edits)| {
                for (i, v) in edits {
                    if !b.is_empty() {
                        let at = i.index(b.len());
                        b[at] = v;
                    }
                }
                b
            }),
    ]
}

fn articles(bytes: &[u8]) -> Vec<Article> {
    read::read_bytes_each(bytes, "prop.txt", "prop.txt", &Limits::default())
        .into_iter()
        .filter_map(Result::ok)
        .collect()
}

fn check_span(s: Span, text: &str, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        s.start <= s.end && s.end <= text.len(),
        "{what} {s:?} outside {}",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what} {s:?} splits a character"
    );
    Ok(())
}

fn check_document(doc: &Document) -> Result<(), TestCaseError> {
    prop_assert_eq!(doc.norm_map.len(), doc.norm.len() + 1);
    for p in &doc.paragraphs {
        check_span(p.span, &doc.text, "paragraph")?;
    }
    for s in doc.sentences() {
        check_span(s.span, &doc.text, "sentence")?;
        let p = doc.paragraphs.get(s.paragraph);
        prop_assert!(
            p.is_some_and(|p| p.span.contains(s.span)),
            "sentence outside its paragraph"
        );
    }
    for i in 0..doc.norm_map.len() {
        let t = doc.norm_to_text(i).unwrap_or(usize::MAX);
        prop_assert!(
            t <= doc.text.len() && doc.text.is_char_boundary(t),
            "norm byte {i} maps to {t}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn reading_and_extraction_never_panic_and_stay_in_bounds(bytes in any_input()) {
        for a in articles(&bytes) {
            let doc = text::document(&a);
            check_document(&doc)?;
            let x = hutong::pipeline::extract(lexicon(), &a, true);
            for t in &x.timexes {
                check_span(t.span, &doc.norm, "timex")?;
                prop_assert_eq!(doc.original(t.span), t.text.as_str());
            }
            for e in &x.events {
                if let Some(ev) = &e.evidence {
                    check_span(ev.span, &doc.text, "evidence")?;
                    prop_assert!(doc.text.contains(&ev.quote), "quote not in the text: {}", ev.quote);
                    prop_assert_eq!(&doc.text[ev.span.start..ev.span.end], ev.quote.as_str());
                }
            }
        }
    }

    #[test]
    fn extraction_is_deterministic(bytes in shaped()) {
        let once: Vec<String> = articles(&bytes)
            .iter()
            .map(|a| serde_json::to_string(&hutong::pipeline::extract(lexicon(), a, true)).unwrap_or_default())
            .collect();
        let again: Vec<String> = articles(&bytes)
            .iter()
            .map(|a| serde_json::to_string(&hutong::pipeline::extract(lexicon(), a, true)).unwrap_or_default())
            .collect();
        prop_assert_eq!(once, again);
    }

    /// The text model read back as plain text is the same text, and
    /// extraction from it finds the same things: nothing depends on markup
    /// that the text model dropped.
    #[test]
    fn text_model_read_back_is_idempotent(bytes in shaped()) {
        for a in articles(&bytes) {
            let doc = text::document(&a);
            let plain = Article {
                body_kind: hutong::model::BodyKind::Text,
                body: doc.text.clone(),
                ..a.clone()
            };
            let again = text::document(&plain);
            prop_assert_eq!(&again.text, &doc.text);
            prop_assert_eq!(&again.norm, &doc.norm);
            let x = hutong::pipeline::extract(lexicon(), &a, false);
            let y = hutong::pipeline::extract(lexicon(), &plain, false);
            prop_assert_eq!(&x.timexes, &y.timexes);
            prop_assert_eq!(&x.entities, &y.entities);
            let facts = |x: &hutong::model::Extraction| -> Vec<String> {
                x.events
                    .iter()
                    .map(|e| format!("{} {} {} {:?} {:?} {}", e.when, e.subject, e.capability, e.object, e.scope, e.status))
                    .collect()
            };
            prop_assert_eq!(facts(&x), facts(&y));
        }
    }

    #[test]
    fn sentences_cover_their_paragraph(p in body()) {
        let p = p.replace(['\n', '\r'], " ");
        for s in text::split_sentences(&p) {
            check_span(s, &p, "sentence")?;
            prop_assert!(!p[s.start..s.end].trim().is_empty());
        }
    }
}

/// Evidence on real articles: every quote is a verbatim slice of the text.
#[test]
fn seed_evidence_is_verbatim() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for f in std::fs::read_dir(&seeds).unwrap() {
        let path = f.unwrap().path();
        for a in read::read_path(&path, &Limits::default()).unwrap() {
            let doc = text::document(&a);
            let x = hutong::pipeline::extract(lexicon(), &a, false);
            for e in &x.events {
                if let Some(ev) = &e.evidence {
                    assert_eq!(&doc.text[ev.span.start..ev.span.end], ev.quote);
                }
            }
            for t in &x.timexes {
                assert_eq!(doc.original(t.span), t.text);
            }
        }
    }
}
