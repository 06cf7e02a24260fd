//! Is the article about platform interoperability? An explainable score.

use crate::lexicon::Lexicon;
use crate::model::{Document, Mention, Relevance};

/// Judge an article's relevance from its cues.
pub fn judge(_lex: &Lexicon, _doc: &Document, _title: &str, _mentions: &[Mention]) -> Relevance {
    Relevance::default()
}
