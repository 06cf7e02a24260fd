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
                for s in &doc.sentences {
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
