//! Article body -> text model: paragraphs, sentences, and a normalized form
//! for matching with a map back to the original, so evidence is always quoted
//! verbatim.

use crate::model::{Article, BodyKind, Document, Paragraph, Sentence, Span};
use scraper::{ElementRef, Html, Node};

/// Build the text model of an article body.
pub fn document(article: &Article) -> Document {
    let paras = match article.body_kind {
        BodyKind::Html => html_paragraphs(&article.body),
        BodyKind::Markdown | BodyKind::Text => text_paragraphs(&article.body),
    };
    assemble(paras)
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
    for (i, para) in doc.paragraphs.iter().enumerate() {
        for s in split_sentences(&doc.text[para.span.start..para.span.end]) {
            doc.sentences.push(Sentence {
                paragraph: i,
                span: Span::new(para.span.start + s.start, para.span.start + s.end),
            });
        }
    }
    let (norm, map) = normalize(&doc.text);
    doc.norm = norm;
    doc.norm_to_text = map;
    doc
}

impl Document {
    /// Map a range of `norm` back to the range of `text` it came from.
    pub fn to_text_span(&self, norm: Span) -> Span {
        let at = |i: usize| {
            self.norm_to_text
                .get(i)
                .copied()
                .unwrap_or(self.text.len())
        };
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
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }
}

/// Fold full-width digits and letters to ASCII, odd spaces to a plain space,
/// and drop zero-width characters and Markdown bold markers. Returns the
/// normalized text and, for every byte of it, the byte of `text` it came from
/// (plus one entry for the end).
pub fn normalize(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let bytes = text.as_bytes();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        // `**bold**` remnants of Markdown carry no words; they would only
        // split names and cues apart.
        if c == '*' && bytes.get(i + 1) == Some(&b'*') {
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
            _ => Some(c),
        };
        if let Some(f) = folded {
            let before = out.len();
            out.push(f);
            map.extend(std::iter::repeat_n(i, out.len() - before));
        }
    }
    map.push(text.len());
    (out, map)
}

/// Split a paragraph into sentence ranges on 。！？； and their ASCII forms,
/// not inside quotes or brackets. Closing quotes right after the end mark
/// stay with the sentence.
pub fn split_sentences(p: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut depth: i32 = 0;
    let mut start = 0;
    let mut ascii_quote_open = false;
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        match c {
            '“' | '‘' | '「' | '『' | '（' | '(' | '《' | '【' | '[' | '〔' => depth += 1,
            '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | ']' | '〕' => {
                depth = (depth - 1).max(0)
            }
            '"' => {
                ascii_quote_open = !ascii_quote_open;
            }
            '。' | '！' | '？' | '；' | '!' | '?' | ';' if depth == 0 && !ascii_quote_open => {
                let mut end = i + c.len_utf8();
                // Keep runs of end marks and closing quotes together (。” or ！？).
                while k + 1 < chars.len() {
                    let (j, d) = chars[k + 1];
                    if matches!(
                        d,
                        '。' | '！' | '？' | '!' | '?' | '”' | '’' | '」' | '』' | '…'
                    ) {
                        end = j + d.len_utf8();
                        k += 1;
                    } else {
                        break;
                    }
                }
                push_trimmed(p, start, end, &mut out);
                start = end;
            }
            _ => {}
        }
        k += 1;
    }
    push_trimmed(p, start, p.len(), &mut out);
    out
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
fn text_paragraphs(body: &str) -> Vec<(String, String)> {
    body.lines()
        .map(clean_line)
        .filter(|l| !l.is_empty() && !is_noise(l))
        .enumerate()
        .map(|(i, l)| (i.to_string(), l))
        .collect()
}

fn clean_line(l: &str) -> String {
    collapse_ws(l).trim().to_string()
}

/// Collapse runs of ASCII white space (HTML source formatting) to one space.
fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_ws = false;
    for c in s.chars() {
        if c.is_ascii_whitespace() {
            if !prev_ws {
                out.push(' ');
            }
            prev_ws = true;
        } else {
            out.push(c);
            prev_ws = false;
        }
    }
    out
}

/// Paragraphs that carry no article text: image-only Markdown remnants, ad
/// notices.
fn is_noise(p: &str) -> bool {
    let stripped = strip_md_images(p);
    let t = stripped.trim();
    t.is_empty() || t.starts_with("广告声明")
}

fn strip_md_images(p: &str) -> String {
    let mut out = String::new();
    let mut rest = p;
    while let Some(i) = rest.find("![") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        match after.find("](").and_then(|j| after[j..].find(')').map(|k| j + k + 1)) {
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

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "main",
    "aside",
];

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "head", "nav", "button", "form",
    "select", "textarea",
];

/// HTML: paragraphs from block elements and `<br>` breaks.
pub fn html_paragraphs(html: &str) -> Vec<(String, String)> {
    let doc = Html::parse_fragment(html);
    let mut w = Walker::default();
    w.walk(doc.root_element());
    w.flush();
    w.out
        .into_iter()
        .enumerate()
        .map(|(i, (id, t))| (id.unwrap_or_else(|| i.to_string()), t))
        .collect()
}

/// Paragraphs of an element (used by the HTML page reader on the chosen
/// main-text element).
pub fn element_paragraphs(el: ElementRef) -> Vec<(String, String)> {
    let mut w = Walker::default();
    w.walk(el);
    w.flush();
    w.out
        .into_iter()
        .enumerate()
        .map(|(i, (id, t))| (id.unwrap_or_else(|| i.to_string()), t))
        .collect()
}

#[derive(Default)]
struct Walker {
    buf: String,
    vmark: Option<String>,
    out: Vec<(Option<String>, String)>,
    depth: usize,
}

/// Deeply nested markup must not overflow the stack; text below this depth
/// is still collected, but flat.
const MAX_DEPTH: usize = 256;

impl Walker {
    fn flush(&mut self) {
        let t = collapse_ws(&self.buf).trim().to_string();
        self.buf.clear();
        let id = self.vmark.take();
        if !t.is_empty() && !is_noise(&t) {
            self.out.push((id, t));
        }
    }

    fn walk(&mut self, el: ElementRef) {
        // Iterative over children, recursive over elements up to MAX_DEPTH.
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.buf.push_str(t),
                Node::Element(e) => {
                    let name = e.name();
                    if SKIPPED.contains(&name) {
                        continue;
                    }
                    if e.has_class("tougao-user", scraper::CaseSensitivity::AsciiCaseInsensitive)
                    {
                        continue;
                    }
                    if name == "br" {
                        self.flush();
                        continue;
                    }
                    let Some(child_el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let block = BLOCKS.contains(&name);
                    if block {
                        self.flush();
                        if let Some(v) = e.attr("data-vmark") {
                            self.vmark = Some(v.to_string());
                        }
                    }
                    if self.depth < MAX_DEPTH {
                        self.depth += 1;
                        self.walk(child_el);
                        self.depth -= 1;
                    } else {
                        for t in child_el.text() {
                            self.buf.push_str(t);
                        }
                    }
                    if block {
                        self.flush();
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_outside_quotes_only() {
        let p = "他说：“不行。真的不行。”然后走了。第二句！";
        let s: Vec<&str> = split_sentences(p).iter().map(|s| &p[s.start..s.end]).collect();
        assert_eq!(s, vec!["他说：“不行。真的不行。”然后走了。", "第二句！"]);
    }

    #[test]
    fn normalize_maps_back() {
        let doc = assemble(vec![("0".into(), "ＡＢ１２\u{00A0}淘宝**粗**".into())]);
        assert_eq!(doc.norm, "AB12 淘宝粗");
        assert_eq!(doc.norm_to_text.len(), doc.norm.len() + 1);
        let i = doc.norm.find("淘宝").unwrap();
        assert_eq!(doc.original(Span::new(i, i + "淘宝".len())), "淘宝");
        assert_eq!(doc.original(Span::new(0, 4)), "ＡＢ１２");
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
