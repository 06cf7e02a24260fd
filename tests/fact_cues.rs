//! The fact-cue prefilter: a sentence is skipped only when no trigger or
//! anaphora pattern of the built-in lexicon can match it.

use hutong::lexicon::{Lexicon, PLACEHOLDER};

#[test]
fn builtin_lexicon_has_a_working_prefilter() {
    let lex = Lexicon::builtin();
    let c = lex.compiled();
    assert!(c.fact_cues.is_some(), "the built-in cues must compile");
    // No trigger and no anaphora: skipped.
    assert!(!c.may_state_fact("今天北京天气晴朗，气温适宜。"));
    assert!(!c.may_state_fact(""));
}

#[test]
fn anchored_and_literal_cues_still_pass() {
    let lex = Lexicon::builtin();
    let c = lex.compiled();
    // An anaphora cue anchored at the start of a clause, here mid-sentence.
    assert!(c.may_state_fact("据悉，功能目前仍在灰度中。"));
    assert!(c.may_state_fact("此功能将逐步开放。"));
    // A trigger with an entity placeholder.
    let s = format!("商家已经接入了{PLACEHOLDER}。");
    assert!(c.may_state_fact(&s));
}

/// On real articles: every trigger that matches a clause of a sentence is
/// among the sentence's trigger candidates, and the candidates leave out
/// most triggers.
#[test]
fn trigger_candidates_miss_no_clause_match() {
    use hutong::read::{self, Limits};
    let lex = Lexicon::builtin();
    let c = lex.compiled();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut matched, mut tried, mut skipped) = (0usize, 0usize, 0usize);
    for dir in [root.join("seeds"), root.join("../shared/corpus/dev")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            let Ok(articles) = read::read_path(&path, &Limits::default()) else {
                continue;
            };
            for a in articles {
                let doc = hutong::text::document(&a);
                for s in doc.sentences() {
                    let sent = doc.text.get(s.span.start..s.span.end).unwrap_or("");
                    let cands = c.trigger_candidates(sent).expect("built-in cues");
                    for clause in sent.split(['，', ',', '；', ';', '：', ':', '。', '！', '？'])
                    {
                        for (ri, rule) in c.rules.iter().enumerate() {
                            for (ti, tr) in rule.triggers.iter().enumerate() {
                                let may = cands[ri][ti];
                                if may {
                                    tried += 1;
                                } else {
                                    skipped += 1;
                                }
                                if tr.re.is_match(clause) {
                                    matched += 1;
                                    assert!(
                                        may,
                                        "{}: trigger {} of rule {} matches '{clause}' but is no candidate",
                                        path.display(),
                                        tr.re.as_str(),
                                        rule.capability
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(matched > 0, "no trigger matched any clause");
    assert!(
        skipped > tried,
        "candidates skip few triggers: {skipped} vs {tried}"
    );
}

/// Every article of seeds, dev, the held-out set and the bulk gold set.
fn real_articles() -> Vec<(String, hutong::model::Article)> {
    use hutong::read::{self, Limits};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<std::path::PathBuf> = Vec::new();
    for dir in [
        root.join("seeds"),
        root.join("../shared/corpus/dev"),
        root.join("tests/fixtures/heldout"),
    ] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            paths.extend(entries.flatten().map(|e| e.path()));
        }
    }
    if let Ok(entries) = std::fs::read_dir(root.join("tests/fixtures/bulk_gold")) {
        for e in entries.flatten() {
            if let Some(name) = e.file_name().to_str().and_then(|n| n.strip_suffix(".yaml")) {
                paths.push(root.join("../shared/corpus/bulk").join(name));
            }
        }
    }
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let Ok(articles) = read::read_path(&path, &Limits::default()) else {
            continue;
        };
        out.extend(
            articles
                .into_iter()
                .map(|a| (path.display().to_string(), a)),
        );
    }
    out
}

/// The literal fast path of the cue gate answers as every relaxed pattern
/// tried on the whole sentence does: on real sentences, masked and not, and
/// on sentences made of the cues' own words.
#[test]
fn cue_gate_agrees_with_its_regexes() {
    let lex = Lexicon::builtin();
    let c = lex.compiled();
    let mut texts: Vec<String> = vec![
        String::new(),
        "此功能".into(),
        "据悉，功能目前仍在灰度中。".into(),
        format!("商家已经接入了{PLACEHOLDER}。"),
        format!("{PLACEHOLDER}与{PLACEHOLDER}实现互通"),
        "一键分享到朋友圈".into(),
        "分享".into(),
        "外链".into(),
        "部分订单只能".into(),
    ];
    let (mut passed, mut total) = (0usize, 0usize);
    for (_, a) in real_articles() {
        let doc = hutong::text::document(&a);
        let mentions = hutong::entities::find(&lex, &doc, &a.title);
        for s in doc.sentences() {
            let sent = doc.text.get(s.span.start..s.span.end).unwrap_or("");
            texts.push(sent.to_string());
        }
        // The title with its mentions masked, as the fact stage sees it.
        let (mut t, _) = hutong::text::normalize(&a.title);
        let mut title_ms: Vec<_> = mentions.iter().filter(|m| m.in_title).collect();
        title_ms.sort_by_key(|m| std::cmp::Reverse(m.span.start));
        let mut last = usize::MAX;
        for m in title_ms {
            if m.span.end <= last
                && t.is_char_boundary(m.span.start)
                && t.is_char_boundary(m.span.end)
            {
                t.replace_range(m.span.start..m.span.end, &PLACEHOLDER.to_string());
                last = m.span.start;
            }
        }
        texts.push(t);
    }
    for t in &texts {
        let fast = c.may_state_fact(t);
        assert_eq!(fast, c.may_state_fact_by_regex(t), "cue gate on '{t}'");
        total += 1;
        passed += usize::from(fast);
    }
    assert!(passed > 0 && passed < total, "{passed} of {total} pass");
}

/// The fact stage finds nothing in an article that mentions no entity, so
/// the pipeline skips it there: coded sentence by sentence with every
/// mention taken away, no real article yields a fact, while with its
/// mentions the same stage finds facts, gated or not alike.
#[test]
fn no_fact_without_a_mention() {
    let lex = Lexicon::builtin();
    let (mut with_facts, mut articles) = (0usize, 0usize);
    for (path, a) in real_articles() {
        let doc = hutong::text::document(&a);
        let reference = a.published.map(|d| d.naive_local());
        let timexes = hutong::time::tag(&doc.norm, reference);
        let mentions = hutong::entities::find(&lex, &doc, &a.title);
        let published = a.published.map(|d| d.to_rfc3339());
        let run = |ms: &[hutong::model::Mention], gated: bool| {
            let f = if gated {
                hutong::facts::extract_with_title
            } else {
                hutong::facts::extract_every_sentence
            };
            f(
                &lex,
                &a.id,
                &doc,
                &a.title,
                &timexes,
                ms,
                published.as_deref(),
            )
        };
        let all = run(&mentions, false);
        assert_eq!(run(&mentions, true), all, "{path}");
        assert!(run(&[], false).is_empty(), "{path}: a fact with no mention");
        articles += 1;
        with_facts += usize::from(!all.is_empty());
    }
    assert!(articles > 0 && with_facts > 0, "{with_facts} of {articles}");
}

/// The veto patterns' alternation, which gates them, matches exactly where
/// one of them does, on real titles and bodies.
#[test]
fn veto_alternation_agrees_with_its_patterns() {
    let lex = Lexicon::builtin();
    let r = &lex.compiled().relevance;
    let any = r
        .veto_any
        .as_ref()
        .expect("the built-in veto patterns combine");
    let mut hits = 0usize;
    for (path, a) in real_articles() {
        let doc = hutong::text::document(&a);
        let (title, _) = hutong::text::normalize(&a.title);
        for t in [title.as_str(), doc.norm.as_str()] {
            let one = r.veto.iter().any(|re| re.is_match(t));
            assert_eq!(any.is_match(t), one, "{path}");
            hits += usize::from(one);
        }
    }
    assert!(hits > 0, "no veto word in any article");
}

/// The hosting patterns' alternation, which gates them, matches exactly
/// where one of them does, on real bodies and on cues cut short by a mark.
#[test]
fn hosting_alternation_agrees_with_its_patterns() {
    let lex = Lexicon::builtin();
    let r = &lex.compiled().relevance;
    let any = r
        .hosting_any
        .as_ref()
        .expect("the built-in hosting patterns combine");
    let tricky = [
        "当当官方旗舰店在京东全面上线",
        "旗舰店，在京东上线",
        "盒马登上了京东同城频道",
        "登上。频道",
        "高德接入了携程等平台",
        "接入了很多很多很多很多很多很多很多很多很多很多很多很多很多很多等平台",
        "",
    ];
    let mut hits = 0usize;
    for t in tricky {
        let one = r.hosting.iter().any(|re| re.is_match(t));
        assert_eq!(any.is_match(t), one, "{t}");
    }
    for (path, a) in real_articles() {
        let doc = hutong::text::document(&a);
        let one = r.hosting.iter().any(|re| re.is_match(&doc.norm));
        assert_eq!(any.is_match(&doc.norm), one, "{path}");
        hits += usize::from(one);
    }
    assert!(hits > 0, "no hosting cue in any article");
}
