//! Core types shared by every pipeline stage.
//!
//! Data flows one way: `read` makes [`Article`]s, `text` makes a [`Document`],
//! `time` and `entities` annotate it, `facts` turns it into [`Fact`]s, and the
//! whole per-article result is an [`Extraction`] (what `extract --format jsonl`
//! prints). The graph and everything after it work on extractions only.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Half-open byte range `[start, end)` into a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// How an article's body is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyKind {
    Html,
    Markdown,
    Text,
}

/// One article as read from a file, a feed item or a JSON line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// The name articles are scored and cited by: the file name for a file,
    /// `file#N` or the item's id for feed items and JSON lines.
    pub id: String,
    /// Where it was read from (a path, or `-` for standard input).
    pub source: String,
    pub title: String,
    /// Publication time in Beijing time (+08:00); `None` when the input has none.
    pub published: Option<DateTime<FixedOffset>>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub body_kind: BodyKind,
    pub body: String,
}

/// A paragraph of the text model.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Paragraph {
    /// `data-vmark` id where the HTML has one, else the paragraph's index.
    pub id: String,
    /// Range in [`Document::text`].
    pub span: Span,
}

/// A sentence of the text model (split on 。！？； and ASCII forms).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sentence {
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
    /// Range in [`Document::text`].
    pub span: Span,
}

/// The text model of one article body.
///
/// `text` is the paragraphs' original text joined by `\n`, so every quote is
/// a slice of what the article says. `norm` is the matching form (full-width
/// ASCII folded, odd spaces to plain spaces); [`Document::norm_to_text`]
/// tells the byte in `text` where a byte of `norm` came from.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    pub text: String,
    pub norm: String,
    #[serde(skip)]
    pub norm_map: NormMap,
    pub paragraphs: Vec<Paragraph>,
    /// Split on first use (see [`Document::sentences`]): most articles
    /// name no entity, and then no stage looks at their sentences.
    #[serde(skip)]
    pub(crate) sentences: std::sync::OnceLock<Vec<Sentence>>,
}

/// Where the bytes of [`Document::norm`] came from in [`Document::text`].
///
/// Normalization changes few characters, so instead of an entry per byte
/// the map keeps where each piece of `norm` starts: a run copied unchanged
/// or one folded character. Inside a piece, a byte maps to where its
/// character starts; see [`Document::norm_to_text`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NormMap {
    /// (byte of `norm`, byte of `text`) where each piece starts, ascending.
    pub(crate) starts: Vec<(usize, usize)>,
    /// Entries of the map: one per byte of `norm` and one for its end; 0
    /// for a document that has no map.
    pub(crate) len: usize,
    /// The entry for the end of `norm`: the length of `text`.
    pub(crate) end: usize,
}

impl NormMap {
    /// Entries of the map: one per byte of `norm` and one for its end (0
    /// for a document that has no map).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// TIMEX3 mod, the subset GOLD.md uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexMod {
    Start,
    Mid,
    End,
    Before,
    After,
    Approx,
}

/// A temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// Range in the text that was tagged (for a document: [`Document::norm`]).
    pub span: Span,
    /// The expression as written (original text, not normalized).
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value: `2022-03-26`, `2021-11`, `2021-Q3`, `PRESENT_REF`, `P3M`, ...
    pub value: String,
    #[serde(rename = "mod")]
    pub modifier: Option<TimexMod>,
}

/// An entity mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Range in [`Document::norm`] (or in the title when `in_title`).
    pub span: Span,
    pub entity: String,
    pub in_title: bool,
}

/// Where a fact was stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub article: String,
    /// Paragraph id (`data-vmark` or index).
    pub paragraph: String,
    /// The sentence, verbatim.
    pub quote: String,
    /// Range of the sentence in [`Document::text`].
    pub span: Span,
}

/// One interoperability fact: `subject capability object [scope] status when`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    /// Calendar value of the date the article asserts the fact for.
    pub when: String,
    pub subject: String,
    pub capability: String,
    pub object: Option<String>,
    pub scope: Option<String>,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// Why an article was judged relevant or not.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Relevance {
    pub relevant: bool,
    pub score: f64,
    pub reasons: Vec<String>,
}

/// Everything extracted from one article: one line of `extract --format jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extraction {
    pub article: String,
    pub published: Option<String>,
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
    pub relevant: bool,
    #[serde(default)]
    pub relevance: Relevance,
    pub entities: Vec<String>,
    pub timexes: Vec<Timex>,
    pub events: Vec<Fact>,
    /// The text model, only with `extract --text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<TextDump>,
}

/// Paragraphs and sentences as printed by `extract --text`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TextDump {
    pub paragraphs: Vec<TextUnit>,
    pub sentences: Vec<TextUnit>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TextUnit {
    pub id: String,
    pub text: String,
}

/// One row of the merged timeline: a distinct (subject, capability, object,
/// scope, status) with the earliest date any source gives it, and every
/// source. What `timeline --format json` prints (field names as GOLD.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineRow {
    pub first: String,
    pub subject: String,
    pub capability: String,
    pub object: Option<String>,
    pub scope: Option<String>,
    pub status: String,
    /// Article names, earliest published first.
    pub sources: Vec<String>,
    /// One evidence per distinct quote (syndicated copies count once).
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Another status of the same capability has the same date.
    #[serde(default)]
    pub conflict: bool,
}
