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
