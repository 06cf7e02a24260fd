//! Temporal expressions: recognize Chinese time expressions and normalize
//! them to TimeML TIMEX3 values in Beijing time.
//!
//! Two passes: [`recognize::scan`] finds the expressions and what they say
//! (a hand-written scanner, no allocation per character), then
//! [`normalize::Resolver`] walks them in order, keeping the narrative state
//! (the last absolute time, the paragraph's year, the reported period) that
//! anaphoric and year-less expressions are resolved against.

pub mod calendar;
pub mod lexicon;
pub mod normalize;
pub mod recognize;

use crate::model::Timex;
use chrono::NaiveDateTime;

/// Tag every temporal expression of `text`, resolving deictic expressions
/// against `reference` (the publication time, Beijing local time) and
/// anaphoric ones against the last absolute time before them. Spans are byte
/// ranges of `text`; `text` of each result is the slice of `text`.
pub fn tag(text: &str, reference: Option<NaiveDateTime>) -> Vec<Timex> {
    let raws = recognize::scan(text);
    let mut resolver = normalize::Resolver::new(text, reference);
    // Most expressions resolve: one allocation rather than a doubling run.
    let mut out = Vec::with_capacity(raws.len());
    out.extend(raws.iter().filter_map(|r| resolver.resolve(r)));
    out
}

#[cfg(test)]
mod tests;
