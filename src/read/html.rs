//! Plain HTML pages: title, publication time, canonical address, main text.
//!
//! The main text is the `<article>` element when the page has one, else the
//! block that directly holds the most text outside navigation, headers,
//! footers, sidebars and link lists.

use super::date::{find_date_in_text, parse_date};
use super::{Limits, ReadError};
use crate::model::{Article, BodyKind};
use crate::text;
use chrono::{DateTime, FixedOffset};
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::HashMap;

/// Read an HTML page.
pub fn read(text: &str, source: &str, id: &str, limits: &Limits) -> Result<Article, ReadError> {
    check_tag_depth(text, source, limits)?;
    let mut doc = Html::parse_document(text);
    check_depth(&doc, source, limits)?;
    let url = first_attr(&doc, "link[rel~=canonical]", "href")
        .or_else(|| first_attr(&doc, r#"meta[property="og:url"]"#, "content"));
    let main = main_element(&doc, limits);
    let main_len = main.map_or(0, |m| prose_len(&doc, m, limits));
    // Pages rendered by script show an empty shell or a loading notice; the
    // article is in the page's data (JSON-LD `articleBody`, a framework's
    // JSON state) or in `<noscript>`.
    let embedded = if main_len < EMBEDDED_WHEN_SHORTER {
        embedded_article(&doc, limits).filter(|e| e.len > 2 * main_len)
    } else {
        None
    };
    let Some(at) = main.or_else(|| embedded.as_ref().map(|_| doc.tree.root().id())) else {
        return Err(ReadError::invalid(source, no_text(&doc)));
    };
    let title = title(&doc, at);
    let published = published(&doc, at).or_else(|| embedded.as_ref().and_then(|e| e.published));
    let author = first_attr(&doc, r#"meta[name="author"]"#, "content")
        .or_else(|| first_attr(&doc, r#"meta[property="article:author"]"#, "content"));
    let body = match embedded {
        Some(e) => {
            check_fragment_depth(&e.html, source, limits)?;
            e.html
        }
        None => {
            prune(&mut doc, at);
            drop_headline(&mut doc, at, &title);
            doc.tree
                .get(at)
                .and_then(ElementRef::wrap)
                .map(|el| el.html())
                .unwrap_or_default()
        }
    };
    Ok(Article {
        id: id.to_string(),
        source: source.to_string(),
        title,
        published,
        url,
        author,
        categories: vec![],
        tags: vec![],
        body_kind: BodyKind::Html,
        body,
    })
}

/// A page whose main text is shorter than this (in characters) may be a
/// script's shell, and its embedded article is looked for.
const EMBEDDED_WHEN_SHORTER: usize = 200;

/// Characters of prose in an element's paragraphs.
fn prose_len(doc: &Html, id: NodeId, limits: &Limits) -> usize {
    doc.tree
        .get(id)
        .and_then(ElementRef::wrap)
        .map(|el| {
            text::element_paragraphs_with(el, limits.max_depth)
                .iter()
                .map(|(_, t)| t.chars().count())
                .sum()
        })
        .unwrap_or(0)
}

/// An article a page carries outside its visible markup.
struct Embedded {
    /// The body as HTML.
    html: String,
    /// Characters of its text.
    len: usize,
    published: Option<DateTime<FixedOffset>>,
}

/// The longest article text among JSON-LD `articleBody`, the strings of
/// the page's JSON data blocks (`<script type="application/json">`, as
/// Next.js and Nuxt write their state) and `<noscript>` blocks, when it
/// holds at least a sentence.
fn embedded_article(doc: &Html, limits: &Limits) -> Option<Embedded> {
    let mut best: Option<Embedded> = None;
    let mut offer = |raw: &str, published: Option<DateTime<FixedOffset>>| {
        // Prose has spaces or Chinese; a data URL, a token or base64 has
        // neither.
        if !raw.chars().any(|c| c == ' ' || !c.is_ascii()) {
            return;
        }
        let html = if super::hexo::looks_html(raw) {
            raw.to_string()
        } else {
            // Plain text: one paragraph a line.
            raw.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| format!("<p>{}</p>", escape(l)))
                .collect::<String>()
        };
        let len: usize = text::html_paragraphs_with(&html, limits.max_depth)
            .iter()
            .map(|(_, t)| t.chars().count())
            .sum();
        if len >= 20 && best.as_ref().is_none_or(|b| len > b.len) {
            best = Some(Embedded {
                html,
                len,
                published,
            });
        }
    };
    if let Some(body) = json_ld(doc, "articleBody") {
        offer(&body, None);
    }
    if let Some(s) = sel(r#"script[type="application/json"], script#__NEXT_DATA__"#) {
        for script in doc.select(&s) {
            let raw = script.text().collect::<String>();
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&raw) else {
                continue;
            };
            if let Some(longest) = longest_string(&v) {
                offer(longest, json_date(&v));
            }
        }
    }
    if let Some(s) = sel("noscript") {
        for n in doc.select(&s) {
            offer(&n.text().collect::<String>(), None);
        }
    }
    best
}

/// The longest string in a JSON value. serde_json bounds the nesting, so
/// the recursion is bounded.
fn longest_string(v: &serde_json::Value) -> Option<&str> {
    match v {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Array(a) => a.iter().filter_map(longest_string).max_by_key(|s| s.len()),
        serde_json::Value::Object(m) => m
            .values()
            .filter_map(longest_string)
            .max_by_key(|s| s.len()),
        _ => None,
    }
}

/// The first date under a publication-date key (`publishTime`,
/// `publish_time`, `datePublished`, `pubDate`…) in a page's JSON data.
fn json_date(v: &serde_json::Value) -> Option<DateTime<FixedOffset>> {
    const KEYS: &[&str] = &[
        "datepublished",
        "publishtime",
        "publishdate",
        "publishedat",
        "published",
        "pubdate",
        "pubtime",
    ];
    match v {
        serde_json::Value::Object(m) => m
            .iter()
            .find_map(|(k, x)| {
                let k: String = k
                    .chars()
                    .filter(|c| *c != '_' && *c != '-')
                    .map(|c| c.to_ascii_lowercase())
                    .collect();
                if !KEYS.contains(&k.as_str()) {
                    return None;
                }
                match x {
                    serde_json::Value::String(d) => parse_date(d),
                    serde_json::Value::Number(n) => super::date::digits_date(&n.to_string()),
                    _ => None,
                }
            })
            .or_else(|| m.values().find_map(json_date)),
        serde_json::Value::Array(a) => a.iter().find_map(json_date),
        _ => None,
    }
}

fn escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Why a page without text has none, when the page says: it only
/// redirects, or it is a frameset whose frames hold the text.
fn no_text(doc: &Html) -> String {
    let refresh = sel(r#"meta[http-equiv]"#).and_then(|s| {
        doc.select(&s)
            .filter(|m| {
                m.attr("http-equiv")
                    .is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
            })
            .find_map(|m| m.attr("content"))
            .map(|c| {
                let to = c
                    .split_once(['=', ';'])
                    .map(|(_, r)| r.trim_start_matches(|ch: char| ch == ';' || ch.is_whitespace()))
                    .map(|r| {
                        r.strip_prefix("url=")
                            .or_else(|| r.strip_prefix("URL="))
                            .unwrap_or(r)
                            .trim_matches(['\'', '"', ' '])
                    })
                    .unwrap_or("");
                to.to_string()
            })
    });
    if let Some(to) = refresh.filter(|t| !t.is_empty()) {
        return format!("HTML page has no text: it only redirects to {to}");
    }
    let frames: Vec<&str> = sel("frame[src], iframe[src]")
        .map(|s| {
            doc.select(&s)
                .filter_map(|f| f.attr("src"))
                .take(3)
                .collect()
        })
        .unwrap_or_default();
    if !frames.is_empty() {
        return format!(
            "HTML page has no text: its text is in frames ({}); read those pages",
            frames.join(", ")
        );
    }
    "HTML page has no text".to_string()
}

/// How many elements deep the tree goes.
pub fn nesting_depth(doc: &Html) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(n) if n.value().is_element() => {
                depth += 1;
                max = max.max(depth);
            }
            Edge::Close(n) if n.value().is_element() => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Refuse trees nested deeper than the limit: the user asked for it, and
/// nothing real nests that deep.
pub fn check_depth(doc: &Html, source: &str, limits: &Limits) -> Result<(), ReadError> {
    let depth = nesting_depth(doc);
    if depth > limits.max_depth {
        return Err(ReadError::invalid(
            source,
            format!(
                "HTML nests {depth} elements deep, over the limit of {} (raise it with --max-depth)",
                limits.max_depth
            ),
        ));
    }
    Ok(())
}

/// Check an HTML body (of a post, a feed item, a JSON line) against the
/// nesting limit.
pub fn check_fragment_depth(html: &str, source: &str, limits: &Limits) -> Result<(), ReadError> {
    // Both scans below count only at a `<` followed by a letter or digit,
    // each such `<` once: with few of them neither can reach the limit, and
    // most bodies are cleared by this count alone.
    let cap = limits.max_depth.saturating_sub(IMPLICIT_ELEMENTS);
    if limits.max_depth >= IMPLICIT_ELEMENTS && start_tags_over(html, cap) <= cap {
        return Ok(());
    }
    check_tag_depth(html, source, limits)?;
    // Parsing costs as much as the rest of the extraction; most bodies can
    // be cleared from their tags alone (see `open_tags_bound`).
    if open_tags_bound(html).saturating_add(IMPLICIT_ELEMENTS) <= limits.max_depth {
        return Ok(());
    }
    check_depth(&Html::parse_fragment(html), source, limits)
}

/// How many `<` in `html` are followed by an ASCII letter or digit, up to
/// `cap + 1` (counting stops there).
pub fn start_tags_over(html: &str, cap: usize) -> usize {
    let b = html.as_bytes();
    let mut n = 0usize;
    for lt in memchr::memchr_iter(b'<', b) {
        if b.get(lt + 1).is_some_and(u8::is_ascii_alphanumeric) {
            n += 1;
            if n > cap {
                break;
            }
        }
    }
    n
}

/// Elements the parser may add without a start tag of their own (html,
/// body, tbody, tr, colgroup, ...), with room to spare.
const IMPLICIT_ELEMENTS: usize = 16;

/// Elements that never have content, so never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// An upper bound on how deep the parsed tree of `html` can nest: start tags
/// not yet matched by an end tag of the same name, counted per name (a stray
/// end tag of a name with none open takes nothing off). Unclosed `<p>` and
/// `<li>` only make it larger, which is safe: a bound over the limit just
/// means the tree is parsed and measured.
pub fn open_tags_bound(html: &str) -> usize {
    let b = html.as_bytes();
    let mut open: Vec<(&[u8], usize)> = Vec::new();
    let mut total = 0usize;
    let mut i = 0usize;
    while let Some(lt) = next_lt(html, i) {
        i = lt + 1;
        if b.get(i..i + 3) == Some(b"!--") {
            i = b
                .get(i + 3..)
                .and_then(|r| r.windows(3).position(|w| w == b"-->"))
                .map_or(b.len(), |e| i + 3 + e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let len = b.get(start..).map_or(0, |r| {
            r.iter().take_while(|c| c.is_ascii_alphanumeric()).count()
        });
        if len == 0 {
            continue;
        }
        let name = &b[start..start + len];
        if VOID.iter().any(|v| v.as_bytes().eq_ignore_ascii_case(name)) {
            continue;
        }
        let slot = open.iter().position(|(n, _)| n.eq_ignore_ascii_case(name));
        match (closing, slot) {
            (true, Some(k)) => {
                if open[k].1 > 0 {
                    open[k].1 -= 1;
                    total -= 1;
                }
            }
            (true, None) => {}
            (false, Some(k)) => {
                open[k].1 += 1;
                total += 1;
            }
            (false, None) => {
                open.push((name, 1));
                total += 1;
            }
        }
        // Script and style bodies are raw text: an upper bound may count
        // their `<` as tags, which only makes it larger.
    }
    total
}

/// Refuse markup whose containers of one kind (`<div>`, `<section>`,
/// `<ul>`, ...) nest deeper than the limit, before parsing it: the HTML
/// parser's scope checks walk the stack of open elements, so its time grows
/// with the square of the depth, and hostile nesting would cost minutes
/// before the tree could be measured.
pub fn check_tag_depth(html: &str, source: &str, limits: &Limits) -> Result<(), ReadError> {
    let (tag, depth) = tag_depth(html);
    if depth > limits.max_depth {
        return Err(ReadError::invalid(
            source,
            format!(
                "HTML nests {depth} <{tag}> elements deep, over the limit of {} (raise it with --max-depth)",
                limits.max_depth
            ),
        ));
    }
    Ok(())
}

/// Block containers that other start tags never close: their start and end
/// tags in the source nest as the parsed tree does (spans and paragraphs,
/// which sloppy pages leave open, would over-count).
const COUNTED: &[&str] = &[
    "div",
    "section",
    "article",
    "aside",
    "nav",
    "header",
    "footer",
    "main",
    "blockquote",
    "ul",
    "ol",
    "dl",
    "table",
    "figure",
    "details",
    "fieldset",
    "center",
];

/// The container tag that nests deepest in the source, outside comments and
/// raw-text elements, and how deep, counting each kind on its own.
pub fn tag_depth(html: &str) -> (&'static str, usize) {
    const RAW: &[&[u8]] = &[
        b"script",
        b"style",
        b"textarea",
        b"title",
        b"xmp",
        b"iframe",
        b"noembed",
        b"noframes",
        b"noscript",
    ];
    let b = html.as_bytes();
    let word_at = |i: usize, word: &[u8]| {
        b.get(i..i + word.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(word))
            && b.get(i + word.len())
                .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
    };
    let find = |from: usize, pat: &[u8]| -> Option<usize> {
        b.get(from..)?
            .windows(pat.len())
            .position(|w| w.eq_ignore_ascii_case(pat))
            .map(|p| from + p)
    };
    let counted = |i: usize| COUNTED.iter().position(|t| word_at(i, t.as_bytes()));
    let mut depth = [0usize; COUNTED.len()];
    let mut best: (&'static str, usize) = ("div", 0);
    let mut i = 0usize;
    while let Some(lt) = next_lt(html, i) {
        i = lt + 1;
        if b.get(i..i + 3) == Some(b"!--") {
            i = find(i + 3, b"-->").map_or(b.len(), |e| e + 3);
        } else if b.get(i) == Some(&b'/') {
            if let Some(k) = counted(i + 1) {
                depth[k] = depth[k].saturating_sub(1);
            }
        } else if let Some(k) = counted(i) {
            depth[k] += 1;
            if depth[k] > best.1 {
                best = (COUNTED[k], depth[k]);
            }
        } else if let Some(raw) = RAW.iter().find(|r| word_at(i, r)) {
            let mut close = b"</".to_vec();
            close.extend_from_slice(raw);
            i = find(i + raw.len(), &close).map_or(b.len(), |e| e + close.len());
        } else if word_at(i, b"plaintext") {
            break;
        }
    }
    best
}

/// The next `<` at or after byte `from`. The text between tags is most of a
/// page, and `str::find` skips it far faster than a byte loop.
fn next_lt(html: &str, from: usize) -> Option<usize> {
    match html.get(from..) {
        Some(rest) => rest.find('<').map(|p| from + p),
        // Not a character boundary (only after a cut the scans never make).
        None => html
            .as_bytes()
            .get(from..)?
            .iter()
            .position(|c| *c == b'<')
            .map(|p| from + p),
    }
}

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

fn first_attr(doc: &Html, selector: &str, attr: &str) -> Option<String> {
    let s = sel(selector)?;
    doc.select(&s)
        .filter_map(|e| e.attr(attr))
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
}

fn element_text(el: ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The title: the page's own metadata first, else `<title>`. Both usually
/// carry the site name after the headline (`标题_站点`, `标题 - 站点`): the
/// headline (`<h1>`) wins when the title starts with it, and a last part
/// that names the site is cut off. A `<title>` that only names the site or
/// channel (`科技频道_凤凰网`) gives way to the headline over the article.
fn title(doc: &Html, main: NodeId) -> String {
    let texts = |selector: &str| -> Option<String> {
        let s = sel(selector)?;
        doc.select(&s).map(element_text).find(|t| !t.is_empty())
    };
    let site = first_attr(doc, r#"meta[property="og:site_name"]"#, "content")
        .or_else(|| first_attr(doc, r#"meta[name="application-name"]"#, "content"));
    let h1 = headline(doc);
    let meta = first_attr(doc, r#"meta[property="og:title"]"#, "content")
        .or_else(|| first_attr(doc, r#"meta[name="twitter:title"]"#, "content"))
        .or_else(|| json_ld(doc, "headline"))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let from_meta = meta.is_some();
    let Some(t) = meta.or_else(|| texts("title")) else {
        return h1.map(|(h, _)| h).unwrap_or_default();
    };
    if let Some((h, _)) = &h1 {
        if t.starts_with(h.as_str()) {
            return h.clone();
        }
    }
    let stripped = strip_site(&t, site.as_deref());
    match h1 {
        Some((h, el))
            if !from_meta
                && !stripped.starts_with(&h)
                && !h.starts_with(&stripped)
                && near(doc, el, main) =>
        {
            h
        }
        _ => stripped,
    }
}

/// The first `<h1>` outside navigation, headers and the like, with its
/// text.
fn headline(doc: &Html) -> Option<(String, NodeId)> {
    let s = sel("h1")?;
    doc.select(&s)
        .filter(|h| {
            !h.ancestors()
                .filter_map(|a| a.value().as_element())
                .any(is_boilerplate)
        })
        .map(|h| (element_text(h), h.id()))
        .find(|(t, _)| t.chars().count() >= 4)
}

/// Whether `el` lies in the main element or beside it (under its parent).
fn near(doc: &Html, el: NodeId, main: NodeId) -> bool {
    let Some(node) = doc.tree.get(el) else {
        return false;
    };
    let parent = doc.tree.get(main).and_then(|m| m.parent()).map(|p| p.id());
    node.ancestors()
        .any(|a| a.id() == main || Some(a.id()) == parent)
}

/// Separators between a headline and the site's name.
const TITLE_SEPARATORS: &[&str] = &[" - ", " – ", " — ", "——", " | ", "|", "｜", "_", " · "];

/// Words of site and channel names (`新浪科技`, `澎湃新闻`, `IT之家`).
const SITE_WORDS: &[&str] = &[
    "网",
    "新闻",
    "科技",
    "日报",
    "晚报",
    "早报",
    "频道",
    "财经",
    "之家",
    "在线",
    "官网",
    "资讯",
    "时报",
    "周刊",
    "客户端",
    "头条",
    "号",
    ".com",
    ".cn",
];

/// A title without the site's name at its end, cut at the last separator
/// again and again (`标题_科技_新浪网`) while what follows names a site.
fn strip_site(t: &str, site: Option<&str>) -> String {
    let mut t = t.trim();
    loop {
        let cut = TITLE_SEPARATORS
            .iter()
            .filter_map(|s| t.rfind(s).map(|i| (i, s.len())))
            .max_by_key(|(i, _)| *i);
        let Some((i, len)) = cut else { break };
        let (head, tail) = (t[..i].trim(), t[i + len..].trim());
        let is_site = site.is_some_and(|s| !s.is_empty() && (tail.contains(s) || s.contains(tail)))
            || (tail.chars().count() <= 12 && SITE_WORDS.iter().any(|w| tail.contains(w)));
        // What is left must still read as a headline.
        if !is_site || tail.is_empty() || head.chars().count() < 4 {
            break;
        }
        t = head;
    }
    t.to_string()
}

/// The first string value of `key` in the page's JSON-LD blocks.
fn json_ld(doc: &Html, key: &str) -> Option<String> {
    let ld = sel(r#"script[type="application/ld+json"]"#)?;
    doc.select(&ld)
        .filter_map(|s| {
            serde_json::from_str::<serde_json::Value>(&s.text().collect::<String>()).ok()
        })
        .find_map(|v| json_ld_field(&v, key))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// `key` anywhere in a JSON-LD value (top level, `@graph`, arrays).
/// serde_json bounds the nesting, so the recursion is bounded.
fn json_ld_field(v: &serde_json::Value, key: &str) -> Option<String> {
    match v {
        serde_json::Value::Object(m) => m
            .get(key)
            .and_then(|d| d.as_str())
            .map(str::to_string)
            .or_else(|| m.values().find_map(|x| json_ld_field(x, key))),
        serde_json::Value::Array(a) => a.iter().find_map(|x| json_ld_field(x, key)),
        _ => None,
    }
}

/// The publication time: the page's metadata first, then a `<time>` in the
/// main text, then any `<time>`, then JSON-LD.
fn published(doc: &Html, main: NodeId) -> Option<DateTime<FixedOffset>> {
    const METAS: &[&str] = &[
        r#"meta[property="article:published_time"]"#,
        r#"meta[name="article:published_time"]"#,
        r#"meta[itemprop="datePublished"]"#,
        r#"meta[name="pubdate"]"#,
        r#"meta[name="publishdate"]"#,
        r#"meta[name="PubDate"]"#,
        r#"meta[name="publish_date"]"#,
        r#"meta[name="date"]"#,
    ];
    for m in METAS {
        if let Some(d) = first_attr(doc, m, "content").and_then(|v| parse_date(&v)) {
            return Some(d);
        }
    }
    let time = sel("time[datetime]")?;
    if let Some(el) = doc.tree.get(main).and_then(ElementRef::wrap) {
        if let Some(d) = el
            .select(&time)
            .filter_map(|t| t.attr("datetime"))
            .find_map(parse_date)
        {
            return Some(d);
        }
    }
    if let Some(d) = doc
        .select(&time)
        .filter_map(|t| t.attr("datetime"))
        .find_map(parse_date)
    {
        return Some(d);
    }
    if let Some(d) = json_ld(doc, "datePublished").and_then(|d| parse_date(&d)) {
        return Some(d);
    }
    dated_element(doc).or_else(|| byline_date(doc, main))
}

/// Class, id or itemprop words of an element that shows the date.
const DATE_WORDS: &[&str] = &["date", "time", "publish", "pubtime", "post-meta", "byline"];

/// Pages without metadata show the date in an element named for it
/// (`<span class="date">2022年03月26日 07:06</span>`, `<em id="publish_time">`).
/// Its text is short; a long one is a block that merely mentions dates.
fn dated_element(doc: &Html) -> Option<DateTime<FixedOffset>> {
    doc.root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| {
            let v = e.value();
            let named = |s: Option<&str>| {
                s.is_some_and(|s| {
                    let s = s.to_ascii_lowercase();
                    DATE_WORDS.iter().any(|w| s.contains(w))
                })
            };
            !is_boilerplate(v)
                && (named(v.attr("class")) || named(v.id()) || named(v.attr("itemprop")))
        })
        .find_map(|e| {
            let t: String = e.text().take(8).collect();
            if t.chars().count() > 80 {
                return None;
            }
            find_date_in_text(&t, false)
        })
}

/// Else the byline: the first date with a time of day in the text just
/// before the main element (where headline and byline sit) or at its start.
fn byline_date(doc: &Html, main: NodeId) -> Option<DateTime<FixedOffset>> {
    let mut before = String::new();
    // Depth inside a boilerplate element whose text is skipped.
    let mut skip = 0usize;
    for edge in doc.root_element().traverse() {
        match edge {
            Edge::Open(n) if n.id() == main => break,
            Edge::Open(n) => match n.value() {
                Node::Element(e) if skip > 0 || is_boilerplate(e) => skip += 1,
                Node::Text(t) if skip == 0 => {
                    before.push_str(t);
                    before.push(' ');
                }
                _ => {}
            },
            Edge::Close(n) => {
                if skip > 0 && n.value().is_element() {
                    skip -= 1;
                }
            }
        }
    }
    let tail = before
        .char_indices()
        .rev()
        .nth(600)
        .map_or(&before[..], |(i, _)| &before[i..]);
    if let Some(d) = find_date_in_text(tail, true) {
        return Some(d);
    }
    let head: String = doc
        .tree
        .get(main)
        .and_then(ElementRef::wrap)?
        .text()
        .flat_map(str::chars)
        .take(200)
        .collect();
    find_date_in_text(&head, true)
}

/// Elements whose text is not the article's.
const BOILERPLATE_TAGS: &[&str] = &[
    "nav", "header", "footer", "aside", "script", "style", "noscript", "template", "form",
    "button", "select", "textarea", "iframe", "svg", "head", "menu",
];

/// Class or id words of navigation, sidebars, comment threads and the like.
const BOILERPLATE_WORDS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "header",
    "sidebar",
    "side-bar",
    "breadcrumb",
    "comment",
    "share",
    "recommend",
    "copyright",
    "toolbar",
    "banner",
    "advert",
];

/// Class or id words of the element that holds the article.
const ARTICLE_WORDS: &[&str] = &[
    "article", "content", "post", "entry", "story", "body", "main", "text", "detail",
];

fn is_boilerplate(e: &scraper::node::Element) -> bool {
    if BOILERPLATE_TAGS.contains(&e.name()) {
        return true;
    }
    let words = e
        .attr("class")
        .into_iter()
        .chain(e.attr("id"))
        .chain(e.attr("role"))
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join(" ");
    // "navigation" role, "site-nav" class, "comments" id: words or hyphen
    // parts that start with one of the words, so "canvas" does not count. A name that also says it holds the article
    // ("article-header-wrap", "post-content share-on") is not boilerplate.
    let parts: Vec<&str> = words
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if parts.iter().any(|w| ARTICLE_WORDS.contains(w)) {
        return false;
    }
    parts
        .iter()
        .any(|w| BOILERPLATE_WORDS.iter().any(|b| w.starts_with(b)))
        || BOILERPLATE_WORDS
            .iter()
            .filter(|b| b.contains('-'))
            .any(|b| words.contains(b))
}

/// Elements that hold running text as a whole; inline elements and
/// paragraphs pass their text up to the nearest of these.
const CONTAINERS: &[&str] = &["div", "section", "main", "article", "td", "body", "center"];

/// The element holding the main text: the `<article>` with the most text,
/// else the container with the most text of its own paragraphs.
fn main_element(doc: &Html, limits: &Limits) -> Option<NodeId> {
    let text_len = |id: NodeId| prose_len(doc, id, limits);
    if let Some(s) = sel("article") {
        let best = doc
            .select(&s)
            .map(|a| (text_len(a.id()), a.id()))
            .max_by_key(|(len, _)| *len);
        if let Some((len, id)) = best {
            if len > 0 {
                return Some(id);
            }
        }
    }
    // Walk the tree once, keeping the stack of open elements; each text
    // node counts for its nearest container unless it sits in boilerplate
    // or a link (menus and link lists are dense too, but not with prose).
    let mut score: HashMap<NodeId, usize> = HashMap::new();
    let mut order: Vec<NodeId> = Vec::new();
    struct Open {
        id: NodeId,
        container: bool,
        noise: bool,
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut noise_depth = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) => {
                    let noise = is_boilerplate(e) || e.name() == "a";
                    if noise {
                        noise_depth += 1;
                    }
                    let container = CONTAINERS.contains(&e.name());
                    if container {
                        order.push(n.id());
                    }
                    stack.push(Open {
                        id: n.id(),
                        container,
                        noise,
                    });
                }
                Node::Text(t) if noise_depth == 0 => {
                    let len = t.chars().filter(|c| !c.is_whitespace()).count();
                    if len > 0 {
                        // Full weight for the nearest container, half for
                        // the next: paragraphs wrapped one div each still
                        // add up in the block that holds them all.
                        let mut up = stack.iter().rev().filter(|o| o.container);
                        if let Some(c) = up.next() {
                            *score.entry(c.id).or_default() += 2 * len;
                        }
                        if let Some(c) = up.next() {
                            *score.entry(c.id).or_default() += len;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(n) if n.value().is_element() => {
                if let Some(o) = stack.pop() {
                    if o.noise {
                        noise_depth = noise_depth.saturating_sub(1);
                    }
                }
            }
            _ => {}
        }
    }
    // Ties go to the earlier (outer) container.
    let mut best: Option<(usize, NodeId)> = None;
    for id in order {
        let s = score.get(&id).copied().unwrap_or(0);
        if s > 0 && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, id));
        }
    }
    let mut best = best.map(|(_, id)| id)?;
    // Articles that wrap every paragraph in its own block (<section><p>
    // <span>…, as WeChat's editor writes them) make one paragraph the
    // densest block. While the block holds less than half the prose of its
    // kind among its siblings, it is one paragraph of many: take the parent.
    while let Some(parent) = doc.tree.get(best).and_then(|n| n.parent()) {
        let Some(tag) = doc
            .tree
            .get(best)
            .and_then(|n| n.value().as_element())
            .map(|e| e.name())
        else {
            break;
        };
        let own = score.get(&best).copied().unwrap_or(0);
        let others: usize = parent
            .children()
            .filter(|c| c.id() != best)
            .filter(|c| c.value().as_element().is_some_and(|e| e.name() == tag))
            .map(|c| score.get(&c.id()).copied().unwrap_or(0))
            .sum();
        let container = parent
            .value()
            .as_element()
            .is_some_and(|e| CONTAINERS.contains(&e.name()) && !is_boilerplate(e));
        if !container || others <= own {
            break;
        }
        best = parent.id();
    }
    Some(best)
}

/// Detach the headline when the main element holds it (the whole
/// `<article>` with its `<h1>`): it is the title, read on its own, and
/// not a line of the body (GOLD.md counts the body's temporal expressions).
fn drop_headline(doc: &mut Html, main: NodeId, title: &str) {
    let Some(s) = sel("h1") else {
        return;
    };
    let Some(root) = doc.tree.get(main).and_then(ElementRef::wrap) else {
        return;
    };
    let norm = |t: &str| t.split_whitespace().collect::<String>();
    let title = norm(title);
    let Some(h1) = root
        .select(&s)
        .find(|h| !title.is_empty() && norm(&element_text(*h)) == title)
        .map(|h| h.id())
    else {
        return;
    };
    if let Some(mut n) = doc.tree.get_mut(h1) {
        n.detach();
    }
}

/// A date stamp: a `<time>` or an element named for the date whose whole
/// text is a short date with a time of day (`2024/09/11 08:30`). It is the
/// page's record of when it was posted, not a date the story tells, and sits
/// inside the main element when that is the whole `<article>` with headline
/// and byline. Dates in running text are words of a sentence and longer.
fn is_stamp(el: ElementRef) -> bool {
    let v = el.value();
    let named = v.name() == "time"
        || [v.attr("class"), v.id(), v.attr("itemprop")]
            .into_iter()
            .flatten()
            .any(|s| {
                let s = s.to_ascii_lowercase();
                DATE_WORDS.iter().any(|w| s.contains(w))
            });
    if !named {
        return false;
    }
    let mut text = String::new();
    for t in el.text() {
        text.push_str(t);
        if text.len() > 120 {
            return false;
        }
    }
    text.trim().chars().count() <= 40 && find_date_in_text(&text, true).is_some()
}

/// Detach boilerplate inside the chosen element, so the body holds only
/// the article's own text.
fn prune(doc: &mut Html, main: NodeId) {
    let Some(root) = doc.tree.get(main) else {
        return;
    };
    let mut drop: Vec<NodeId> = Vec::new();
    let mut skip: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip.is_some() || n.id() == main {
                    continue;
                }
                if let Node::Element(e) = n.value() {
                    if is_boilerplate(e) || ElementRef::wrap(n).is_some_and(is_stamp) {
                        drop.push(n.id());
                        skip = Some(n.id());
                    }
                }
            }
            Edge::Close(n) => {
                if skip == Some(n.id()) {
                    skip = None;
                }
            }
        }
    }
    for id in drop {
        if let Some(mut n) = doc.tree.get_mut(id) {
            n.detach();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn densest_block_beats_navigation() {
        let page = r#"<html><head><title>标题 - 站点</title></head><body>
            <div class="nav"><a href="/">首页</a><a href="/a">科技新闻频道导航链接很多很多</a></div>
            <div id="content"><p>第一段正文，讲淘宝和微信的互联互通。</p><p>第二段正文。</p></div>
            <footer>版权所有 © 某某网站 京ICP备 12345678 号 联系我们 关于我们</footer>
            </body></html>"#;
        let a = read(page, "p.html", "p.html", &Limits::default()).unwrap();
        assert_eq!(a.title, "标题 - 站点");
        let paras = text::html_paragraphs(&a.body);
        assert_eq!(paras.len(), 2);
        assert_eq!(paras[0].1, "第一段正文，讲淘宝和微信的互联互通。");
    }

    #[test]
    fn long_comment_threads_and_link_lists_are_not_the_article() {
        let comment =
            "<p>网友评论：这个功能我等了很久，终于可以在淘宝用微信支付了，希望早日全面开放。</p>"
                .repeat(6);
        let links =
            "<li><a href=\"/n\">淘宝天猫双十一预售开启，各大平台纷纷推出满减活动与优惠券</a></li>"
                .repeat(12);
        let page = format!(
            r#"<html><body><div class="post-content header-wrap"><p>淘宝订单可直接跳转至微信支付进行付款。</p><p>客服表示正逐步开放。</p></div>
            <div id="comments">{comment}</div><div class="list"><ul>{links}</ul></div></body></html>"#
        );
        let a = read(&page, "c.html", "c.html", &Limits::default()).unwrap();
        let paras = text::html_paragraphs(&a.body);
        assert_eq!(paras.len(), 2, "{paras:?}");
        assert_eq!(paras[1].1, "客服表示正逐步开放。");
    }

    #[test]
    fn open_tags_bound_is_never_below_the_parsed_depth() {
        for h in [
            "<div><p>a<p>b<span>c</div>",
            "</div></div><span><span><span>x",
            "<ul><li>a<li>b<li><b><i>c</i></b></ul>",
            "<table><tr><td><div>x</div></td></tr></table>",
            "<p>plain<br>text<img src=x></p>",
        ] {
            let parsed = nesting_depth(&Html::parse_fragment(h));
            assert!(
                open_tags_bound(h) + IMPLICIT_ELEMENTS >= parsed,
                "{h}: bound {} vs parsed {parsed}",
                open_tags_bound(h)
            );
        }
        assert_eq!(open_tags_bound("<p>a</p><p>b</p><br><img>"), 0);
        // The start-tag count bounds both scans.
        for h in [
            "<div><p>a<p>b<span>c</div>",
            "<1a><2b></1a><div><section><div>",
            "<DIV><Div>< div><!--<div>--><script>'<div>'</script>",
            "<<<div<<div>",
            "",
            "<",
        ] {
            let n = start_tags_over(h, usize::MAX - 1);
            assert!(open_tags_bound(h) <= n, "{h}");
            assert!(tag_depth(h).1 <= n, "{h}");
        }
        assert_eq!(start_tags_over("<a><b><c></c>", 1), 2);
        assert_eq!(open_tags_bound("<div><!-- <div><div> --><p>x</p>"), 1);
    }

    /// [`check_fragment_depth`] without the start-tag count.
    fn check_fragment_depth_slowly(html: &str, limits: &Limits) -> Result<(), String> {
        check_tag_depth(html, "x", limits).map_err(|e| e.to_string())?;
        if open_tags_bound(html).saturating_add(IMPLICIT_ELEMENTS) <= limits.max_depth {
            return Ok(());
        }
        check_depth(&Html::parse_fragment(html), "x", limits).map_err(|e| e.to_string())
    }

    #[test]
    fn fragment_depth_check_answers_as_without_the_count() {
        let mut bodies: Vec<String> = vec![
            String::new(),
            "<div>".repeat(30),
            format!("{}x{}", "<div><p>".repeat(12), "</p></div>".repeat(12)),
            "<span>".repeat(40),
            "<br>".repeat(300),
        ];
        for dir in ["seeds", "../shared/corpus/dev"] {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            bodies.extend(
                entries
                    .filter_map(Result::ok)
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok()),
            );
        }
        assert!(bodies.len() > 10);
        for max_depth in [0, 1, 5, 15, 16, 17, 20, 33, 40, 64, 256] {
            let limits = Limits {
                max_depth,
                ..Limits::default()
            };
            for b in &bodies {
                assert_eq!(
                    check_fragment_depth(b, "x", &limits).map_err(|e| e.to_string()),
                    check_fragment_depth_slowly(b, &limits),
                    "max depth {max_depth}"
                );
            }
        }
    }

    #[test]
    fn tag_depth_skips_comments_and_scripts() {
        assert_eq!(
            tag_depth("<div><DIV class=a><div/></div></div>"),
            ("div", 3)
        );
        assert_eq!(
            tag_depth("<!-- <div><div> --><script>s='<div><div><div>'</script><div></div>"),
            ("div", 1)
        );
        assert_eq!(tag_depth("<divider><div>"), ("div", 1));
        assert_eq!(tag_depth("</div></div><div"), ("div", 1));
        // Each kind counts on its own; unclosed paragraphs and spans never.
        assert_eq!(
            tag_depth("<div><ul><li><ul><li><ul></ul></ul></ul></div><p><span><p><span>"),
            ("ul", 3)
        );
    }

    #[test]
    fn site_names_are_cut_from_titles() {
        assert_eq!(
            strip_site("淘宝App支持微信支付 - 新浪科技", None),
            "淘宝App支持微信支付"
        );
        assert_eq!(
            strip_site("淘宝App支持微信支付_科技_新浪网", None),
            "淘宝App支持微信支付"
        );
        assert_eq!(
            strip_site("淘宝App支持微信支付|36氪", Some("36氪")),
            "淘宝App支持微信支付"
        );
        assert_eq!(
            strip_site("阿里 - 腾讯 互联互通再进一步", None),
            "阿里 - 腾讯 互联互通再进一步"
        );
        assert_eq!(strip_site("科技频道_凤凰网", None), "科技频道");
    }

    #[test]
    fn json_ld_date_is_found_in_graph() {
        let v: serde_json::Value = serde_json::from_str(
            r#"{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2023-02-20T10:00:00+08:00"}]}"#,
        )
        .unwrap();
        assert_eq!(
            json_ld_field(&v, "datePublished").as_deref(),
            Some("2023-02-20T10:00:00+08:00")
        );
    }
}
