//! Article body -> text model: paragraphs, sentences, and a normalized form
//! for matching with a map back to the original, so evidence is always quoted
//! verbatim.

use crate::model::{Article, BodyKind, Document, NormMap, Paragraph, Sentence, Span};
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

mod trad;

/// Build the text model of an article body.
pub fn document(article: &Article) -> Document {
    document_with(article, MAX_DEPTH)
}

/// Build a document from already split paragraphs `(id, text)`.
pub fn assemble(paras: Vec<(String, String)>) -> Document {
    let mut doc = Document::default();
    for (id, p) in paras {
        if !doc.text.is_empty() {
            doc.text.push('\n');
        }
        let start = doc.text.len();
        doc.text.push_str(&p);
        doc.paragraphs.push(Paragraph {
            id,
            span: Span::new(start, doc.text.len()),
        });
    }
    finish(doc)
}

/// Paragraphs as the readers find them, written straight into the text
/// they make up (joined by newlines), so that no paragraph needs a string
/// of its own. Every paragraph pushed is non-empty.
#[derive(Default)]
struct Paras {
    text: String,
    /// `data-vmark` ids, and where each paragraph is in `text`.
    found: Vec<(Option<String>, Span)>,
}

impl Paras {
    fn push(&mut self, id: Option<String>, p: &str) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        self.text.push_str(p);
        self.found.push((id, Span::new(start, self.text.len())));
    }

    /// Paragraph ids: the `data-vmark` id, else the paragraph's index.
    fn ids(found: Vec<(Option<String>, Span)>) -> impl Iterator<Item = (String, Span)> {
        found
            .into_iter()
            .enumerate()
            .map(|(i, (id, span))| (id.unwrap_or_else(|| i.to_string()), span))
    }

    fn into_pairs(self) -> Vec<(String, String)> {
        let text = self.text;
        Paras::ids(self.found)
            .map(|(id, s)| (id, text.get(s.start..s.end).unwrap_or("").to_string()))
            .collect()
    }

    /// The same document as [`assemble`] of [`Paras::into_pairs`].
    fn into_document(self) -> Document {
        let doc = Document {
            paragraphs: Paras::ids(self.found)
                .map(|(id, span)| Paragraph { id, span })
                .collect(),
            text: self.text,
            ..Document::default()
        };
        finish(doc)
    }
}

/// Normalize a document; its sentences are split when first asked for.
fn finish(mut doc: Document) -> Document {
    let (norm, map) = normalize_mapped(&doc.text);
    doc.norm = norm;
    doc.norm_map = map;
    doc
}

/// The sentences of a document's paragraphs, in order.
fn split_document(doc: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut spans = Vec::new();
    let mut marks = Vec::new();
    for (i, para) in doc.paragraphs.iter().enumerate() {
        spans.clear();
        split_sentences_with(
            doc.text.get(para.span.start..para.span.end).unwrap_or(""),
            &mut spans,
            &mut marks,
        );
        out.extend(spans.iter().map(|s| Sentence {
            paragraph: i,
            span: Span::new(para.span.start + s.start, para.span.start + s.end),
        }));
    }
    out
}

impl Document {
    /// The sentences of the paragraphs (split on 。！？； and ASCII forms,
    /// see [`split_sentences`]), in order.
    pub fn sentences(&self) -> &[Sentence] {
        self.sentences.get_or_init(|| split_document(self))
    }

    /// The byte of `text` where byte `i` of `norm` came from: where the
    /// character behind it starts; `text.len()` for the end of `norm`.
    /// `None` past the end (or for a document without a map).
    pub fn norm_to_text(&self, i: usize) -> Option<usize> {
        let m = &self.norm_map;
        if i >= m.len {
            return None;
        }
        if i + 1 == m.len {
            return Some(m.end);
        }
        let k = m.starts.partition_point(|&(n, _)| n <= i).checked_sub(1)?;
        let (n, t) = *m.starts.get(k)?;
        // A piece starts with a character: a copied run is the text's own
        // bytes, and a folded character is all of its piece. So the
        // character behind byte `i` starts where the bytes of `norm`
        // before it stop being continuation bytes, and at the same offset
        // in the text.
        let norm = self.norm.as_bytes();
        let mut c = i;
        while c > n && norm.get(c).is_some_and(|&b| b & 0xC0 == 0x80) {
            c -= 1;
        }
        Some(t + (c - n))
    }

    /// The first byte of `norm` whose origin (see
    /// [`Document::norm_to_text`]) is at or after byte `t` of `text`, as
    /// `partition_point` over the map's entries would find it.
    pub fn norm_from_text(&self, t: usize) -> usize {
        let m = &self.norm_map;
        if m.len == 0 {
            return 0;
        }
        // The pieces that start in the text before `t`; the next one (or
        // the end of `norm`) starts at or after it.
        let k = m.starts.partition_point(|&(_, s)| s < t);
        let next = match m.starts.get(k) {
            Some(&(n, _)) => n,
            None if m.end < t => return m.len,
            None => m.len - 1,
        };
        let Some(&(n, s)) = k.checked_sub(1).and_then(|j| m.starts.get(j)) else {
            return next;
        };
        // In a copied run the text's bytes are `norm`'s, so `t` is as far
        // into the run in both, or the first character after it. A folded
        // character maps all of its bytes to where it starts, before `t`.
        let mut c = n + (t - s);
        let norm = self.norm.as_bytes();
        while c < next && norm.get(c).is_some_and(|&b| b & 0xC0 == 0x80) {
            c += 1;
        }
        if c < next && self.norm_to_text(c).is_some_and(|p| p >= t) {
            c
        } else {
            next
        }
    }

    /// Map a range of `norm` back to the range of `text` it came from.
    pub fn to_text_span(&self, norm: Span) -> Span {
        let at = |i: usize| self.norm_to_text(i).unwrap_or(self.text.len());
        let start = at(norm.start);
        if norm.end <= norm.start {
            return Span::new(start, start);
        }
        // The end is where the original char behind the last normalized
        // byte ends, so dropped characters after the range stay out of it.
        let last = at(norm.end - 1);
        let end = last
            + self
                .text
                .get(last..)
                .and_then(|t| t.chars().next())
                .map_or(0, char::len_utf8);
        Span::new(start, end.max(start))
    }

    /// The original text of a range of `norm`.
    pub fn original(&self, norm: Span) -> &str {
        let s = self.to_text_span(norm);
        self.text.get(s.start..s.end).unwrap_or("")
    }

    /// Index of the paragraph holding byte `pos` of `text`.
    pub fn paragraph_at(&self, pos: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end < pos);
        (i < self.paragraphs.len()).then_some(i)
    }

    /// Index of the sentence holding byte `pos` of `text`.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let sentences = self.sentences();
        let i = sentences.partition_point(|s| s.span.end <= pos);
        (i < sentences.len() && sentences[i].span.start <= pos).then_some(i)
    }
}

/// Fold full-width digits and letters to ASCII, odd spaces to a plain space,
/// traditional characters to simplified ones (see [`trad`]), and drop
/// zero-width characters and Markdown bold markers. Returns the
/// normalized text and, for every byte of it, the byte of `text` it came from
/// (plus one entry for the end).
pub fn normalize(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    fold_pieces(text, |piece| match piece {
        Piece::Copy(from, run) => copy_run(run, from, &mut out, &mut map),
        Piece::Fold(at, f) => {
            map.extend(std::iter::repeat_n(at, f.len_utf8()));
            out.push(f);
        }
    });
    map.push(text.len());
    (out, map)
}

/// [`normalize`] with the map kept as pieces (see [`NormMap`]).
pub fn normalize_mapped(text: &str) -> (String, NormMap) {
    let mut out = String::with_capacity(text.len());
    let mut starts = Vec::new();
    fold_pieces(text, |piece| {
        let at = match piece {
            Piece::Copy(from, _) | Piece::Fold(from, _) => from,
        };
        starts.push((out.len(), at));
        match piece {
            Piece::Copy(_, run) => out.push_str(run),
            Piece::Fold(_, f) => out.push(f),
        }
    });
    let map = NormMap {
        starts,
        len: out.len() + 1,
        end: text.len(),
    };
    (out, map)
}

/// A piece of normalized text: a run of `text` copied unchanged, or a
/// character folded to another; each with the byte of `text` it starts at.
enum Piece<'a> {
    Copy(usize, &'a str),
    Fold(usize, char),
}

/// Cut `text` into the pieces of its normalized form, in order; dropped
/// characters are in none. Every piece is non-empty.
/// `pattern` with its traditional characters folded the way normalization
/// folds text: a rule a user writes in traditional characters (連結, 開放)
/// must match text that normalization has already folded. Regex syntax is
/// ASCII, so only the ideographs of literals and classes change.
pub fn fold_pattern(pattern: &str) -> std::borrow::Cow<'_, str> {
    let folds = |(i, c): (usize, char)| {
        matches!(c, '\u{4E00}'..='\u{9FFF}')
            .then(|| trad::fold_at(pattern, i, c))
            .flatten()
    };
    if !pattern.char_indices().any(|ic| folds(ic).is_some()) {
        return std::borrow::Cow::Borrowed(pattern);
    }
    pattern
        .char_indices()
        .map(|(i, c)| folds((i, c)).unwrap_or(c))
        .collect::<String>()
        .into()
}

fn fold_pieces<'a>(text: &'a str, mut piece: impl FnMut(Piece<'a>)) {
    let bytes = text.as_bytes();
    let copy = |from: usize, to: usize, piece: &mut dyn FnMut(Piece<'a>)| {
        if let Some(run) = text.get(from..to).filter(|r| !r.is_empty()) {
            piece(Piece::Copy(from, run));
        }
    };
    // Bytes below are copied in runs: ASCII other than `*`, and characters
    // whose lead byte none of the folded characters has (almost all CJK).
    let mut run = 0;
    let mut i = 0;
    while let Some(at) = next_norm(bytes, i) {
        i = at;
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let len = utf8_len(b);
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            i += 1;
            continue;
        };
        // `**bold**` remnants of Markdown carry no words; they would only
        // split names and cues apart.
        let folded = match c {
            '*' if bytes.get(i + 1) == Some(&b'*') => Fold::Drop(2),
            '*' => Fold::Keep,
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                char::from_u32(c as u32 - 0xFEE0).map_or(Fold::Keep, Fold::To)
            }
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                Fold::To(' ')
            }
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fold::Drop(len),
            '\u{4E00}'..='\u{9FFF}' => trad::fold_at(text, i, c).map_or(Fold::Keep, Fold::To),
            _ => Fold::Keep,
        };
        match folded {
            Fold::Keep => i += len,
            Fold::To(f) => {
                copy(run, i, &mut piece);
                piece(Piece::Fold(i, f));
                i += len;
                run = i;
            }
            Fold::Drop(n) => {
                copy(run, i, &mut piece);
                i += n;
                run = i;
            }
        }
    }
    copy(run, text.len(), &mut piece);
}

/// What [`normalize`] does with one character.
enum Fold {
    Keep,
    To(char),
    /// Drop this many bytes.
    Drop(usize),
}

/// A table for [`next_in`]: which bytes to stop at. Every other byte is
/// stepped over with the whole character it starts.
struct Leads([u8; 256]);

impl Leads {
    /// Stop at `stops`, which must be ASCII bytes or lead bytes: a scan
    /// that steps a character at a time never sees any other byte.
    const fn new(stops: &[u8]) -> Leads {
        let mut t = [1u8; 256];
        let mut b = 0xC0;
        while b < 256 {
            t[b] = utf8_len(b as u8) as u8;
            b += 1;
        }
        let mut k = 0;
        while k < stops.len() {
            t[stops[k] as usize] = 0;
            k += 1;
        }
        Leads(t)
    }
}

/// The first byte at or after `from` that `leads` stops at, stepping a
/// whole character at a time: Chinese text is mostly three-byte characters,
/// so this looks at a third of its bytes. `from` must be a character
/// boundary (or continuation bytes are stepped over one by one until the
/// next character).
fn next_in(bytes: &[u8], from: usize, leads: &Leads) -> Option<usize> {
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        match leads.0[b as usize] {
            0 => return Some(i),
            step => i += step as usize,
        }
    }
    None
}

/// `*` and the lead bytes of U+00A0, U+2000-U+2060, U+3000 and
/// U+FEFF-U+FF5A: the characters [`normalize`] may change start with one
/// (or are ideographs, which [`next_norm`] looks at first).
static NORM_LEADS: Leads = Leads::new(&[b'*', 0xC2, 0xE2, 0xE3, 0xEF]);

/// The next byte at or after `from` that starts a character [`normalize`]
/// may change, as [`next_in`] with [`NORM_LEADS`], and stopping at an
/// ideograph (lead byte E4-E9, U+4000-U+9FFF) only if the traditional table
/// has it. Chinese text is mostly ideographs, so they come first, three
/// bytes at a time.
#[inline]
fn next_norm(bytes: &[u8], from: usize) -> Option<usize> {
    let mut rest = bytes.get(from..)?;
    loop {
        match *rest {
            // Two at a time: most ideographs follow one.
            [b0, b1, b2, c0, c1, c2, ref after @ ..]
                if b0.wrapping_sub(0xE4) < 6 && c0.wrapping_sub(0xE4) < 6 =>
            {
                if trad::may_fold(b0, b1, b2) {
                    return Some(bytes.len() - rest.len());
                }
                if trad::may_fold(c0, c1, c2) {
                    return Some(bytes.len() - rest.len() + 3);
                }
                rest = after;
            }
            [b0, b1, b2, ref after @ ..] if b0.wrapping_sub(0xE4) < 6 => {
                if trad::may_fold(b0, b1, b2) {
                    return Some(bytes.len() - rest.len());
                }
                rest = after;
            }
            [b0, ..] => match NORM_LEADS.0[usize::from(b0)] {
                0 => return Some(bytes.len() - rest.len()),
                step => rest = rest.get(usize::from(step)..).unwrap_or_default(),
            },
            [] => return None,
        }
    }
}

/// The length of the UTF-8 sequence a lead byte starts.
pub(crate) const fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// Copy `run`, which starts at byte `from` of the text, mapping every byte
/// to the start of its character.
fn copy_run(run: &str, from: usize, out: &mut String, map: &mut Vec<usize>) {
    out.push_str(run);
    let mut start = from;
    // An iterator of known length: `extend` reserves once and writes
    // without a capacity check per byte.
    map.extend(run.bytes().enumerate().map(|(k, b)| {
        // Continuation bytes are 0b10xxxxxx.
        if b & 0xC0 != 0x80 {
            start = from + k;
        }
        start
    }));
}

/// Split a paragraph into sentence ranges on 。！？； and their ASCII forms,
/// not inside quotes or brackets. Closing quotes right after the end mark
/// stay with the sentence. A quote or bracket that never closes in the
/// paragraph (a quotation running on into the next paragraph, a typo) does
/// not hold the rest of the paragraph together.
pub fn split_sentences(p: &str) -> Vec<Span> {
    let mut out = Vec::new();
    split_sentences_into(p, &mut out);
    out
}

/// [`split_sentences`], appending to `out`.
fn split_sentences_into(p: &str, out: &mut Vec<Span>) {
    split_sentences_with(p, out, &mut Vec::new());
}

/// A quote, bracket or end mark of a paragraph, and whether it is a quote
/// or bracket with a partner (see [`pair_marks`]).
struct Mark {
    at: usize,
    c: char,
    paired: bool,
}

/// [`split_sentences_into`] with a buffer for the marks, reused across
/// paragraphs.
fn split_sentences_with(p: &str, out: &mut Vec<Span>, marks: &mut Vec<Mark>) {
    // The marks are found once, for the pairing and the split both; other
    // characters that [`next_mark`] stops at (，、 and the like) do nothing
    // in either.
    marks.clear();
    let mut pos = 0;
    while let Some((at, c)) = next_mark(p, pos) {
        pos = at + c.len_utf8();
        if is_opener(c) || is_closer(c) || c == '"' || is_end(c) {
            marks.push(Mark {
                at,
                c,
                paired: false,
            });
        }
    }
    pair_marks(marks);
    let mut depth: i32 = 0;
    let mut ascii_in = false;
    let mut start = 0;
    // Marks before `pos` were taken into a run of end marks.
    let mut pos = 0;
    for &Mark { at: i, c, paired } in marks.iter() {
        if i < pos {
            continue;
        }
        pos = i + c.len_utf8();
        match c {
            _ if is_opener(c) && paired => depth += 1,
            _ if is_closer(c) && paired => depth = (depth - 1).max(0),
            '"' if paired => {
                // Pairs are consecutive, so paired quotes alternate open, close.
                depth += if ascii_in { -1 } else { 1 };
                depth = depth.max(0);
                ascii_in = !ascii_in;
            }
            _ if is_end(c) && depth == 0 => {
                let end = end_mark_run(p, pos);
                push_trimmed(p, start, end, out);
                start = end;
                pos = end;
            }
            _ => {}
        }
    }
    push_trimmed(p, start, p.len(), out);
}

/// The marks that end a sentence.
fn is_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// ASCII marks and the lead bytes of U+2000-U+2FFF (“”‘’…), U+3000-U+3FFF
/// (。「」《》【】〔〕) and U+F000-U+FFFF (（）！？；); see [`next_mark`].
static MARK_LEADS: Leads = Leads::new(&[
    b'(', b')', b'[', b']', b'"', b'!', b'?', b';', 0xE2, 0xE3, 0xEF,
]);

/// The next character at or after byte `from` that may be a quote, a
/// bracket or an end mark, and where it is. Those are ASCII or have the lead
/// byte of U+2000-U+2FFF (“”‘’…), U+3000-U+3FFF (。「」《》【】〔〕) or
/// U+F000-U+FFFF (（）！？；); Chinese characters (U+4E00-U+9FFF) never do, so
/// most of a paragraph is skipped a character at a time without decoding it.
fn next_mark(p: &str, from: usize) -> Option<(usize, char)> {
    let k = next_in(p.as_bytes(), from, &MARK_LEADS)?;
    Some((k, p.get(k..)?.chars().next()?))
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '「' | '『' | '（' | '(' | '《' | '【' | '[' | '〔'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | ']' | '〕'
    )
}

/// Flag the quote and bracket marks that have a partner in the paragraph.
/// A closer pairs with the innermost open opener (of any kind: mixed-up
/// quote styles are common); ASCII `"` pairs with the next `"`.
fn pair_marks(marks: &mut [Mark]) {
    let mut open: Vec<usize> = Vec::new();
    let mut ascii_open: Option<usize> = None;
    for k in 0..marks.len() {
        let c = marks[k].c;
        let partner = if c == '"' {
            match ascii_open.take() {
                Some(o) => Some(o),
                None => {
                    ascii_open = Some(k);
                    None
                }
            }
        } else if is_opener(c) {
            open.push(k);
            None
        } else if is_closer(c) {
            open.pop()
        } else {
            None
        };
        if let Some(o) = partner {
            marks[o].paired = true;
            marks[k].paired = true;
        }
    }
}

fn push_trimmed(p: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &p[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

/// Plain text or Markdown: one paragraph per non-empty line.
fn text_paras(body: &str) -> Paras {
    let mut paras = Paras {
        text: String::with_capacity(body.len()),
        found: Vec::new(),
    };
    let mut line = String::new();
    for l in body.lines() {
        line.clear();
        collapse_ws_into(l, &mut line);
        let l = line.trim();
        if !l.is_empty() && !is_noise(l) {
            paras.push(None, l);
        }
    }
    paras
}

/// ASCII white space, as `u8::is_ascii_whitespace` has it.
static WS_LEADS: Leads = Leads::new(b" \t\n\x0c\r");

/// Where a run of end marks and closing quotes that starts at `pos` ends:
/// 。” and ！？ close one sentence, not two.
fn end_mark_run(p: &str, pos: usize) -> usize {
    let mut end = pos;
    while let Some(d) = p.get(end..).and_then(|r| r.chars().next()) {
        if matches!(
            d,
            '。' | '！' | '？' | '!' | '?' | '”' | '’' | '」' | '』' | '…'
        ) {
            end += d.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Collapse runs of ASCII white space (HTML source formatting) to one
/// space, appending to `out`: a run that continues one at its end adds
/// nothing, so text pushed piece by piece collapses as it would whole.
fn collapse_ws_into(s: &str, out: &mut String) {
    // ASCII white space is never part of a longer UTF-8 sequence, so the
    // text between runs can be copied whole.
    let mut rest = s;
    while let Some(at) = next_in(rest.as_bytes(), 0, &WS_LEADS) {
        out.push_str(rest.get(..at).unwrap_or(""));
        if !out.ends_with(' ') {
            out.push(' ');
        }
        let tail = rest.get(at..).unwrap_or("");
        rest = tail.trim_start_matches(|c: char| c.is_ascii_whitespace());
    }
    out.push_str(rest);
}

/// Paragraphs that carry no article text: image-only Markdown remnants, ad
/// notices.
fn is_noise(p: &str) -> bool {
    // `!` is rare in Chinese text, which writes `！`: a byte search for it
    // beats a substring search set up anew for every paragraph.
    let b = p.as_bytes();
    let image = memchr::memchr_iter(b'!', b).any(|i| b.get(i + 1) == Some(&b'['));
    let stripped = if image {
        std::borrow::Cow::Owned(strip_md_images(p))
    } else {
        std::borrow::Cow::Borrowed(p)
    };
    let t = stripped.trim();
    t.is_empty() || t.starts_with("广告声明")
}

fn strip_md_images(p: &str) -> String {
    let mut out = String::new();
    let mut rest = p;
    while let Some(i) = rest.find("![") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        match after
            .find("](")
            .and_then(|j| after[j..].find(')').map(|k| j + k + 1))
        {
            Some(end) => rest = &after[end..],
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Elements that start and end a paragraph. A `match` rather than a list
/// search: it runs for every element of every article.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "blockquote"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "pre"
            | "figure"
            | "figcaption"
            | "dd"
            | "dt"
            | "main"
            | "aside"
    )
}

/// Elements whose content is never article text.
fn is_skipped_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "svg"
            | "head"
            | "nav"
            | "button"
            | "form"
            | "select"
            | "textarea"
            // A caption is not running text: GOLD.md leaves captions and
            // their photo credits (图／翻摄自微博) out.
            | "figcaption"
    )
}

/// HTML: paragraphs from block elements and `<br>` breaks.
pub fn html_paragraphs(html: &str) -> Vec<(String, String)> {
    html_paragraphs_with(html, MAX_DEPTH)
}

/// [`html_paragraphs`] with a nesting limit: blocks nested deeper than
/// `max_depth` elements no longer start paragraphs, their text joins the
/// enclosing one.
pub fn html_paragraphs_with(html: &str, max_depth: usize) -> Vec<(String, String)> {
    html_paras(html, max_depth).into_pairs()
}

fn html_paras(html: &str, max_depth: usize) -> Paras {
    let doc = Html::parse_fragment(html);
    // The text of a body is hardly ever longer than its markup: room for
    // that spares growing the text paragraph by paragraph.
    element_paras(doc.root_element(), max_depth, html.len())
}

/// Paragraphs of an element (used by the HTML page reader on the chosen
/// main-text element).
pub fn element_paragraphs(el: ElementRef) -> Vec<(String, String)> {
    element_paragraphs_with(el, MAX_DEPTH)
}

/// [`element_paragraphs`] with a nesting limit (see [`html_paragraphs_with`]).
pub fn element_paragraphs_with(el: ElementRef, max_depth: usize) -> Vec<(String, String)> {
    element_paras(el, max_depth, 0).into_pairs()
}

/// The paragraphs of an element, with room for `capacity` bytes of text.
fn element_paras(el: ElementRef, max_depth: usize, capacity: usize) -> Paras {
    let mut w = Walker {
        max_depth,
        out: Paras {
            text: String::with_capacity(capacity),
            found: Vec::new(),
        },
        ..Walker::default()
    };
    w.walk(el);
    w.flush();
    w.out
}

/// Build the text model of an article body, with a nesting limit for HTML
/// bodies (see [`html_paragraphs_with`]).
pub fn document_with(article: &Article, max_depth: usize) -> Document {
    let paras = match article.body_kind {
        BodyKind::Html => html_paras(&article.body, max_depth),
        BodyKind::Markdown if has_markdown_marks(&article.body) => {
            text_paras(&markdown_to_text(&article.body))
        }
        BodyKind::Markdown | BodyKind::Text => text_paras(&article.body),
    };
    paras.into_document()
}

/// Whether a Markdown body has marks that are not words: headings,
/// quotes, list bullets, links, code fences at the start of a line.
fn has_markdown_marks(body: &str) -> bool {
    body.contains("](")
        || body.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with('#')
                || l.starts_with('>')
                || l.starts_with("- ")
                || l.starts_with("* ")
                || l.starts_with("+ ")
                || l.starts_with("```")
        })
}

/// Markdown as the text a reader sees, line for line: heading, quote and
/// bullet marks, fences and rules dropped, links reduced to their words
/// (images are dropped as noise later).
fn markdown_to_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    // Inside the list under a back-catalogue heading (see `is_past_posts`).
    let mut past_posts = false;
    for line in body.lines() {
        let mut l = line.trim();
        if past_posts {
            if l.is_empty() || is_list_item(l) {
                out.push('\n');
                continue;
            }
            past_posts = false;
        }
        if is_past_posts(l) {
            past_posts = true;
            out.push('\n');
            continue;
        }
        if l.starts_with("```") || l.starts_with("~~~") {
            out.push('\n');
            continue;
        }
        if l.len() >= 3 && l.chars().all(|c| matches!(c, '-' | '*' | '_' | ' ')) {
            out.push('\n');
            continue;
        }
        while let Some(r) = l.strip_prefix('>') {
            l = r.trim_start();
        }
        let hashes = l.len() - l.trim_start_matches('#').len();
        if (1..=6).contains(&hashes) && l[hashes..].starts_with(' ') {
            l = l[hashes..].trim();
        }
        for bullet in ["- ", "* ", "+ "] {
            if let Some(r) = l.strip_prefix(bullet) {
                l = r.trim_start();
            }
        }
        out.push_str(&markdown_links(l));
        out.push('\n');
    }
    out
}

/// Headings of an account's list of its earlier posts (往期推荐, 往期回顾),
/// the furniture WeChat official-account posts end with: the titles under
/// them are other stories, not this one's text.
const PAST_POSTS: &[&str] = &["往期"];

/// Whether a Markdown line is such a heading: a short line, bold or
/// heading marks and a colon aside, that starts with one of the words.
fn is_past_posts(l: &str) -> bool {
    let t = l.trim_start_matches(['#', '*', '_', ' ', '【', '[']);
    let t = t.trim_end_matches(['*', '_', ' ', ':', '：', '】', ']']);
    t.chars().count() <= 6 && PAST_POSTS.iter().any(|w| t.starts_with(w))
}

/// A Markdown list item: a bullet or a number and a dot.
fn is_list_item(l: &str) -> bool {
    if ["- ", "* ", "+ "].iter().any(|b| l.starts_with(b)) {
        return true;
    }
    let digits = l.len() - l.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0 && l[digits..].starts_with(". ")
}

/// `[words](address)` as its words; images (`![..](..)`) stay for the
/// noise filter.
fn markdown_links(l: &str) -> std::borrow::Cow<'_, str> {
    if !l.contains("](") {
        return std::borrow::Cow::Borrowed(l);
    }
    let mut out = String::with_capacity(l.len());
    let mut rest = l;
    while let Some(open) = rest.find('[') {
        let is_image = rest[..open].ends_with('!');
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|mid| {
            let tail = &after[mid + 2..];
            tail.find(')').map(|close| (mid, mid + 2 + close + 1))
        });
        match link {
            Some((mid, end)) if !is_image && !after[..mid].contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..mid]);
                rest = &after[end..];
            }
            _ => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[derive(Default)]
struct Walker {
    /// The paragraph so far, white space collapsed.
    buf: String,
    vmark: Option<String>,
    out: Paras,
    max_depth: usize,
}

/// The default nesting limit: far deeper than any real article.
pub const MAX_DEPTH: usize = 256;

/// Whether an element and everything in it carries no article text.
fn skipped(e: &scraper::node::Element) -> bool {
    // `has_class` would intern every class name of every element first.
    is_skipped_tag(e.name())
        || e.attrs().any(|(name, v)| {
            (name == "class"
                && v.split_ascii_whitespace()
                    .any(|c| c.eq_ignore_ascii_case("tougao-user")))
                || is_ad_attr(name, v)
        })
}

/// Whether an attribute marks its element as an advertisement: a
/// `data-ad` marker, or a class or id with a part that names an ad
/// (`ad`, `ad-box`, `ads_slot`, `advert`, `sponsored`). Whole parts only
/// for the short words, so `address`, `header` or `load` do not count.
/// Ads are not the article's text (GOLD.md keeps them out of entities),
/// whichever outlet's page or feed body they sit in.
pub(crate) fn is_ad_attr(name: &str, value: &str) -> bool {
    if name == "data-ad" || name.starts_with("data-ad-") {
        return true;
    }
    if name != "class" && name != "id" {
        return false;
    }
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|part| {
            let part = part.as_bytes();
            part.eq_ignore_ascii_case(b"ad")
                || part.eq_ignore_ascii_case(b"ads")
                || part.len() >= 6
                    && (part[..6].eq_ignore_ascii_case(b"advert")
                        || part.len() >= 7 && part[..7].eq_ignore_ascii_case(b"sponsor"))
        })
}

/// An attribute's value, as `Element::attr` finds it without interning
/// the name. The HTML parser puts attributes in a namespace only in SVG and
/// MathML (`xlink:href` and the like), never one named as the walk asks.
fn attr<'a>(e: &'a scraper::node::Element, name: &str) -> Option<&'a str> {
    e.attrs().find(|(k, _)| *k == name).map(|(_, v)| v)
}

impl Walker {
    fn flush(&mut self) {
        let id = self.vmark.take();
        if self.buf.is_empty() {
            return;
        }
        let t = self.buf.trim();
        if !t.is_empty() && !is_noise(t) {
            self.out.push(id, t);
        }
        self.buf.clear();
    }

    /// A walk over open/close edges, not recursion: hostile markup nests
    /// tens of thousands of elements deep and must not overflow the stack
    /// (worker threads have small stacks).
    fn walk(&mut self, root: ElementRef) {
        let root_id = root.id();
        let mut skip: Option<ego_tree::NodeId> = None;
        // One entry per open element below the root: did it start a block?
        let mut open: Vec<bool> = Vec::new();
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip.is_some() || node.id() == root_id {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => collapse_ws_into(t, &mut self.buf),
                        Node::Element(e) => {
                            if skipped(e) {
                                skip = Some(node.id());
                                continue;
                            }
                            let name = e.name();
                            if name == "br" {
                                self.flush();
                            }
                            let block = open.len() < self.max_depth && is_block(name);
                            if block {
                                self.flush();
                                if let Some(v) = attr(e, "data-vmark") {
                                    self.vmark = Some(v.to_string());
                                }
                            }
                            open.push(block);
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(s) = skip {
                        if s == node.id() {
                            skip = None;
                        }
                        continue;
                    }
                    if node.id() == root_id || !node.value().is_element() {
                        continue;
                    }
                    if open.pop() == Some(true) {
                        self.flush();
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_marks_are_not_text() {
        let a = Article {
            id: "m.md".into(),
            source: "m.md".into(),
            title: String::new(),
            published: None,
            url: None,
            author: None,
            categories: vec![],
            tags: vec![],
            body_kind: BodyKind::Markdown,
            body: "## 小标题\n\n> 引用：淘宝支持微信支付。\n\n- 列表：[淘宝](http://t.cn/a) 与 [微信](http://w.cn)\n\n---\n\n![图](x.png)\n\n```\ncode\n```\n#话题# 正文 **粗**\n".into(),
        };
        let doc = document(&a);
        let p: Vec<&str> = doc
            .paragraphs
            .iter()
            .map(|p| &doc.text[p.span.start..p.span.end])
            .collect();
        assert_eq!(
            p,
            vec![
                "小标题",
                "引用：淘宝支持微信支付。",
                "列表：淘宝 与 微信",
                "code",
                "#话题# 正文 **粗**"
            ]
        );
    }

    #[test]
    fn sentences_split_outside_quotes_only() {
        let p = "他说：“不行。真的不行。”然后走了。第二句！";
        let s: Vec<&str> = split_sentences(p)
            .iter()
            .map(|s| &p[s.start..s.end])
            .collect();
        assert_eq!(s, vec!["他说：“不行。真的不行。”然后走了。", "第二句！"]);
    }

    #[test]
    fn marks_cover_every_quote_bracket_and_end_mark() {
        let all = "“‘「『（(《【[〔”’」』）)》】]〕\"。！？；!?;…";
        let found: String =
            std::iter::successors(next_mark(all, 0), |(i, c)| next_mark(all, i + c.len_utf8()))
                .map(|(_, c)| c)
                .collect();
        assert_eq!(found, all);
        assert_eq!(next_mark("淘宝微信支付 in 2024", 0), None);
    }

    #[test]
    fn unclosed_quote_does_not_swallow_the_paragraph() {
        // A quotation running on into the next paragraph opens but never
        // closes here.
        let p = "他说：“事故是5日晚上发生的。原因还在了解当中。分局会出通告的。";
        let s: Vec<&str> = split_sentences(p)
            .iter()
            .map(|s| &p[s.start..s.end])
            .collect();
        assert_eq!(
            s,
            vec![
                "他说：“事故是5日晚上发生的。",
                "原因还在了解当中。",
                "分局会出通告的。"
            ]
        );
        let p = "简称“首旅集团\"）合作。第二句。";
        assert_eq!(split_sentences(p).len(), 2);
    }

    #[test]
    fn traditional_folds_for_matching_and_quotes_stay_verbatim() {
        let t = "微信開放淘寶連結，於下週三";
        let doc = assemble(vec![("0".into(), t.into())]);
        assert_eq!(doc.norm, "微信开放淘宝链接，于下周三");
        let i = doc.norm.find("淘宝链接").unwrap();
        assert_eq!(doc.original(Span::new(i, i + "淘宝链接".len())), "淘寶連結");
        let i = doc.norm.find("下周三").unwrap();
        assert_eq!(doc.original(Span::new(i, doc.norm.len())), "下週三");
    }

    #[test]
    fn normalize_maps_back() {
        let doc = assemble(vec![("0".into(), "ＡＢ１２\u{00A0}淘宝**粗**".into())]);
        assert_eq!(doc.norm, "AB12 淘宝粗");
        assert_eq!(doc.norm_map.len(), doc.norm.len() + 1);
        let i = doc.norm.find("淘宝").unwrap();
        assert_eq!(doc.original(Span::new(i, i + "淘宝".len())), "淘宝");
        assert_eq!(doc.original(Span::new(0, 4)), "ＡＢ１２");
    }

    /// The definition [`normalize`] must keep: one character at a time.
    fn normalize_by_char(text: &str) -> (String, Vec<usize>) {
        let mut out = String::new();
        let mut map = Vec::new();
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if c == '*' && text.as_bytes().get(i + 1) == Some(&b'*') {
                iter.next();
                continue;
            }
            let folded = match c {
                '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                    char::from_u32(c as u32 - 0xFEE0)
                }
                '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                    Some(' ')
                }
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
                _ => Some(trad::fold_at(text, i, c).unwrap_or(c)),
            };
            if let Some(f) = folded {
                map.extend(std::iter::repeat_n(i, f.len_utf8()));
                out.push(f);
            }
        }
        map.push(text.len());
        (out, map)
    }

    #[test]
    fn normalize_agrees_with_its_definition_on_real_articles() {
        let mut texts: Vec<String> = vec![
            "***a** **\u{FEFF}Ｂ\u{3000}ｚ\u{200B}\u{2060}\u{00A0}\u{00A9}\u{2014}\u{FF5B}\u{FF0C}**".into(),
            "*".into(),
            String::new(),
            // Every character whose lead byte the scan stops at, and their
            // neighbours.
            [0xA0..=0xFF, 0x1FFF..=0x2070, 0x2FFF..=0x3001, 0x4DF0..=0xA010, 0xFEFE..=0xFFFF]
                .into_iter()
                .flatten()
                .filter_map(char::from_u32)
                .collect(),
            "淘\u{1F600}宝 a*b\u{10FFFF}".into(),
        ];
        texts.push("晏晝三點三，8點，試點開放微信連結".into());
        texts.extend(real_articles());
        for t in &texts {
            let (norm, map) = normalize_by_char(t);
            assert_eq!(normalize(t), (norm.clone(), map.clone()));
            // The map kept as pieces says the same of every byte, and
            // finds the same first byte for every byte of the text.
            let doc = Document {
                text: t.clone(),
                norm: normalize_mapped(t).0,
                norm_map: normalize_mapped(t).1,
                ..Document::default()
            };
            assert_eq!(doc.norm, norm);
            assert_eq!(doc.norm_map.len(), map.len());
            for (i, &p) in map.iter().enumerate() {
                assert_eq!(doc.norm_to_text(i), Some(p), "byte {i} of {t:?}");
            }
            assert_eq!(doc.norm_to_text(map.len()), None);
            for b in 0..=t.len() + 1 {
                assert_eq!(
                    doc.norm_from_text(b),
                    map.partition_point(|&p| p < b),
                    "text byte {b} of {t:?}"
                );
            }
        }
        let none = Document::default();
        assert_eq!(none.norm_to_text(0), None);
        assert_eq!(none.norm_from_text(3), 0);
    }

    /// Seed and dev articles, whole, for the differential tests.
    fn real_articles() -> Vec<String> {
        let mut texts = Vec::new();
        for dir in ["seeds", "../shared/corpus/dev"] {
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            files.sort();
            texts.extend(files.iter().filter_map(|f| std::fs::read_to_string(f).ok()));
        }
        assert!(texts.len() > 10, "seeds and dev articles are readable");
        texts
    }

    /// The definition [`split_sentences`] must keep: marks found by looking
    /// at every byte, pairs as sorted offsets.
    fn split_sentences_by_byte(p: &str) -> Vec<Span> {
        let mark = |from: usize| -> Option<(usize, char)> {
            let k = from
                + p.as_bytes().get(from..)?.iter().position(|b| {
                    matches!(
                        b,
                        b'(' | b')' | b'[' | b']' | b'"' | b'!' | b'?' | b';' | 0xE2 | 0xE3 | 0xEF
                    )
                })?;
            Some((k, p.get(k..)?.chars().next()?))
        };
        let mut matched = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut ascii_open: Option<usize> = None;
        let mut pos = 0;
        while let Some((i, c)) = mark(pos) {
            pos = i + c.len_utf8();
            if c == '"' {
                match ascii_open.take() {
                    Some(o) => matched.extend([o, i]),
                    None => ascii_open = Some(i),
                }
            } else if is_opener(c) {
                open.push(i);
            } else if is_closer(c) {
                if let Some(o) = open.pop() {
                    matched.extend([o, i]);
                }
            }
        }
        matched.sort_unstable();
        let paired = |i: usize| matched.binary_search(&i).is_ok();
        let mut out = Vec::new();
        let (mut depth, mut ascii_in, mut start, mut pos) = (0i32, false, 0, 0);
        while let Some((i, c)) = mark(pos) {
            pos = i + c.len_utf8();
            match c {
                _ if is_opener(c) && paired(i) => depth += 1,
                _ if is_closer(c) && paired(i) => depth = (depth - 1).max(0),
                '"' if paired(i) => {
                    depth += if ascii_in { -1 } else { 1 };
                    depth = depth.max(0);
                    ascii_in = !ascii_in;
                }
                '。' | '！' | '？' | '；' | '!' | '?' | ';' if depth == 0 => {
                    let end = end_mark_run(p, pos);
                    push_trimmed(p, start, end, &mut out);
                    start = end;
                    pos = end;
                }
                _ => {}
            }
        }
        push_trimmed(p, start, p.len(), &mut out);
        out
    }

    #[test]
    fn sentences_split_as_defined_on_tricky_and_real_text() {
        let mut paras: Vec<String> = [
            "他说：“不行。真的不行。”然后走了。第二句！",
            "“一。”“二！”？？」』…三；(四. 五?) [六!] \"七。\"八。\"九",
            "）（】【」「”“\"。！？；!?;…",
            "《甲。》乙。〔丙？〕丁“戊‘己。’庚”辛。",
            "‘’“”「」『』（）()《》【】[]〔〕\"\"。",
            "。",
            "",
            "  \u{3000}空白。 \u{3000} ",
            "a\u{00e9}b\u{20ac}c\u{1F600}d。e",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        for t in real_articles() {
            paras.extend(t.lines().map(String::from));
            paras.push(t);
        }
        for p in &paras {
            assert_eq!(split_sentences(p), split_sentences_by_byte(p), "{p:?}");
        }
    }

    #[test]
    fn white_space_collapses_alike_whole_and_in_pieces() {
        let mut texts: Vec<String> = vec![
            " a \t\n b\r\n\x0c c ".into(),
            "\u{3000} 淘宝\u{00a0} \n".into(),
            String::new(),
        ];
        texts.extend(real_articles());
        for t in &texts {
            let mut whole = String::new();
            collapse_ws_into(t, &mut whole);
            let by_char: String = {
                let mut out = String::new();
                for c in t.chars() {
                    if c.is_ascii_whitespace() {
                        if !out.ends_with(' ') {
                            out.push(' ');
                        }
                    } else {
                        out.push(c);
                    }
                }
                out
            };
            assert_eq!(whole, by_char);
            // Cut into pieces at every character boundary of a stride.
            for stride in [1, 2, 3, 7, 64] {
                let mut pieces = String::new();
                let mut from = 0;
                let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).collect();
                for k in bounds.iter().skip(stride).step_by(stride) {
                    collapse_ws_into(&t[from..*k], &mut pieces);
                    from = *k;
                }
                collapse_ws_into(&t[from..], &mut pieces);
                assert_eq!(pieces, whole, "stride {stride}");
            }
        }
    }

    #[test]
    fn documents_built_directly_equal_assembled_ones() {
        let same = |a: &Document, b: &Document| {
            assert_eq!(a.text, b.text);
            assert_eq!(a.norm, b.norm);
            assert_eq!(a.norm_map, b.norm_map);
            let paras = |d: &Document| -> Vec<(String, Span)> {
                d.paragraphs
                    .iter()
                    .map(|p| (p.id.clone(), p.span))
                    .collect()
            };
            assert_eq!(paras(a), paras(b));
            let sents = |d: &Document| -> Vec<(usize, Span)> {
                d.sentences()
                    .iter()
                    .map(|s| (s.paragraph, s.span))
                    .collect()
            };
            assert_eq!(sents(a), sents(b));
        };
        for t in real_articles() {
            let html = html_paras(&t, MAX_DEPTH);
            let pairs = html_paragraphs(&t);
            assert_eq!(html.into_pairs(), pairs);
            same(&html_paras(&t, MAX_DEPTH).into_document(), &assemble(pairs));
            let pairs = text_paras(&t).into_pairs();
            same(&text_paras(&t).into_document(), &assemble(pairs));
        }
    }

    #[test]
    fn html_paragraphs_keep_vmark_and_drop_credit() {
        let h = r#"<div><div class="tougao-user">感谢网友</div><p data-vmark="ab12">第一段。</p><p><img src="x"></p><p>二<br>三</p></div>"#;
        let p = html_paragraphs(h);
        assert_eq!(p[0], ("ab12".to_string(), "第一段。".to_string()));
        assert_eq!(p.len(), 3);
        assert_eq!(p[2].1, "三");
    }
}
