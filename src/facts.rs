//! Interoperability facts: clauses -> `subject capability object [scope]
//! status when`, with the evidence sentence.

use crate::lexicon::Lexicon;
use crate::model::{Document, Fact, Mention, Timex};

/// Extract the facts an article states.
pub fn extract(
    _lex: &Lexicon,
    _article: &str,
    _doc: &Document,
    _timexes: &[Timex],
    _mentions: &[Mention],
    _published: Option<&str>,
) -> Vec<Fact> {
    Vec::new()
}
