//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item is an article.

use super::date::{beijing, parse_date};
use super::encoding::declare_utf8;
use super::{tag_at, ReadError};
use crate::model::{Article, BodyKind};
use chrono::{DateTime, Utc};

/// Read a feed (already decoded to text) into its items; the first bad item
/// fails the whole feed (see [`read_each`]).
pub fn read(text: &str, source: &str, id: &str) -> Result<Vec<Article>, ReadError> {
    read_each(text, source, id).into_iter().collect()
}

/// Read a feed into one result per item. Items are named `FILE#N`, N
/// counting from 1 in feed order, so every item can be cited and scored by
/// name; the item's own address is kept as its `url`.
///
/// Feeds in the wild are often not well-formed XML: a bare `&` in a title,
/// HTML entities (`&nbsp;`) that XML does not know, a download cut off in
/// the middle. Such a feed is read again with its ampersands repaired, and
/// if it still fails, item by item: the good items are kept and each bad
/// one is an error naming it.
pub fn read_each(text: &str, source: &str, id: &str) -> Vec<Result<Article, ReadError>> {
    let xml = declare_utf8(text);
    let err = match parse(&xml) {
        Ok(feed) => return articles(feed, &xml, source, id, 0),
        Err(e) => e,
    };
    let repaired = repair_entities(&xml);
    if let Ok(feed) = parse(&repaired) {
        return articles(feed, &repaired, source, id, 0);
    }
    let whole = || {
        vec![Err(ReadError::invalid(
            source,
            format!("not a readable RSS or Atom feed: {err}"),
        ))]
    };
    let Some(split) = split_items(&repaired) else {
        return whole();
    };
    let mut out = Vec::new();
    let mut good = 0usize;
    for (n, item) in split.items.iter().enumerate() {
        let one = format!("{}{}{}", split.head, item, split.tail);
        match parse(&one) {
            Ok(feed) if feed.entries.len() == 1 => {
                good += 1;
                out.extend(articles(feed, &one, source, id, n));
            }
            other => {
                let why = match other {
                    Err(e) => e.to_string(),
                    Ok(_) => "not one item".to_string(),
                };
                let cut = if n + 1 == split.items.len() && split.truncated {
                    " (the feed is cut off here)"
                } else {
                    ""
                };
                out.push(Err(ReadError::invalid(
                    source,
                    format!("item {}: not a readable feed item{cut}: {why}", n + 1),
                )));
            }
        }
    }
    // Items that all fail point at the feed itself, not at them.
    if good == 0 {
        return whole();
    }
    out
}

fn parse(xml: &str) -> Result<feed_rs::model::Feed, feed_rs::parser::ParseFeedError> {
    feed_rs::parser::parse(xml.as_bytes())
}

/// The feed's items as articles, numbered from `first + 1`.
fn articles(
    feed: feed_rs::model::Feed,
    xml: &str,
    source: &str,
    id: &str,
    first: usize,
) -> Vec<Result<Article, ReadError>> {
    // The feed parser knows the standard date forms only; items dated
    // `2022-03-26 07:06:00` or `26 Mar 2022` come out undated. Those feeds
    // are parsed again with the page reader's dates, which know them (a
    // date without a zone is Beijing time).
    let undated = feed
        .entries
        .iter()
        .any(|e| e.published.is_none() && e.updated.is_none());
    let loose: Vec<Option<DateTime<Utc>>> = if undated {
        feed_rs::parser::Builder::new()
            .timestamp_parser(|s| parse_date(s).map(|d| d.with_timezone(&Utc)))
            .build()
            .parse(xml.as_bytes())
            .map(|f| {
                f.entries
                    .into_iter()
                    .map(|e| e.published.or(e.updated))
                    .collect()
            })
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let mut out = Vec::with_capacity(feed.entries.len());
    for (i, e) in feed.entries.into_iter().enumerate() {
        let title = e.title.map(|t| plain_title(&t.content)).unwrap_or_default();
        let published = e
            .published
            .or(e.updated)
            .or_else(|| loose.get(i).copied().flatten())
            .map(|d| d.with_timezone(&beijing()));
        let body = e
            .content
            .and_then(|c| c.body)
            .filter(|b| !b.trim().is_empty())
            .or_else(|| e.summary.map(|s| s.content))
            .unwrap_or_default();
        let url = e
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| e.links.first())
            .map(|l| l.href.trim().to_string())
            .filter(|h| !h.is_empty());
        let (body_kind, body) = if super::hexo::looks_html(&body) {
            (BodyKind::Html, body)
        } else {
            (BodyKind::Text, html_entities(&body))
        };
        out.push(Ok(Article {
            id: format!("{id}#{}", first + i + 1),
            source: source.to_string(),
            title,
            published,
            url,
            author: e.authors.first().and_then(|p| p.name.clone()),
            categories: e.categories.iter().map(|c| c.term.clone()).collect(),
            tags: vec![],
            body_kind,
            body,
        }));
    }
    if out.is_empty() {
        return vec![Err(ReadError::invalid(source, "feed has no items"))];
    }
    out
}

/// Titles of type `html` may carry markup and HTML entities; keep their
/// text.
fn plain_title(t: &str) -> String {
    let s = if t.contains('<') {
        scraper::Html::parse_fragment(t)
            .root_element()
            .text()
            .collect::<String>()
    } else {
        html_entities(t)
    };
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text with the HTML entities (`&nbsp;`, `&ldquo;`) that a feed escaped
/// once too often or that XML leaves alone, decoded.
fn html_entities(t: &str) -> String {
    let has_entity = t.match_indices('&').any(|(i, _)| {
        let rest = &t[i + 1..];
        let name = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
            .map_or(rest.len(), |(j, _)| j);
        name > 0 && rest[name..].starts_with(';')
    });
    if !has_entity {
        return t.to_string();
    }
    scraper::Html::parse_fragment(&t.replace('<', "&lt;"))
        .root_element()
        .text()
        .collect()
}

/// Make the ampersands of a feed well-formed outside CDATA sections: known
/// XML references stay, HTML named entities become character references,
/// and any other `&` is escaped.
fn repair_entities(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml;
    while let Some(at) = rest.find(['&', '<']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with("<![CDATA[") {
            let end = rest.find("]]>").map_or(rest.len(), |e| e + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        if rest.starts_with('<') {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        let after = &rest[1..];
        let name_len = after
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
            .map_or(after.len(), |(j, _)| j);
        let name = &after[..name_len];
        let closed = after[name_len..].starts_with(';');
        let numeric = name.strip_prefix('#').is_some_and(|n| {
            n.strip_prefix(['x', 'X']).map_or_else(
                || !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
                |h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()),
            )
        });
        if closed && (numeric || matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")) {
            out.push('&');
            rest = after;
        } else if let Some(c) = closed.then(|| html_named(name)).flatten() {
            out.push_str(&format!("&#{};", u32::from(c)));
            rest = &after[name_len + 1..];
        } else {
            out.push_str("&amp;");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The HTML named entities that Chinese news feeds use.
fn html_named(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "middot" => '·',
        "bull" => '•',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "times" => '×',
        "divide" => '÷',
        "yen" => '¥',
        "deg" => '°',
        "plusmn" => '±',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        _ => return None,
    })
}

/// A feed cut into the text before its first item, each item, and closing
/// tags that make `head + item + tail` a feed of one item.
struct Split<'a> {
    head: &'a str,
    items: Vec<&'a str>,
    tail: &'static str,
    /// The last item never closes.
    truncated: bool,
}

fn split_items(xml: &str) -> Option<Split<'_>> {
    let (open, close, tail) = if tag_at(xml, "entry", 0).is_some() {
        ("entry", "</entry>", "</feed>")
    } else if xml.contains("<rdf:RDF") {
        ("item", "</item>", "</rdf:RDF>")
    } else {
        ("item", "</item>", "</channel></rss>")
    };
    let first = tag_at(xml, open, 0)?;
    let mut items = Vec::new();
    let mut at = first;
    let mut truncated = false;
    while let Some(start) = tag_at(xml, open, at) {
        let end = match xml[start..].find(close) {
            Some(e) => start + e + close.len(),
            None => {
                truncated = true;
                xml.len()
            }
        };
        // An item that runs into the next one never closed.
        let next = tag_at(xml, open, start + 1).filter(|n| *n < end);
        let end = next.unwrap_or(end);
        items.push(&xml[start..end]);
        at = end;
    }
    Some(Split {
        head: &xml[..first],
        items,
        tail,
        truncated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ampersands_are_repaired_outside_cdata() {
        assert_eq!(
            repair_entities("<t>A & B&nbsp;&amp;&#20114;&#x4e92;&foo;</t><![CDATA[a & b&nbsp;]]>"),
            "<t>A &amp; B&#160;&amp;&#20114;&#x4e92;&amp;foo;</t><![CDATA[a & b&nbsp;]]>"
        );
    }

    #[test]
    fn entities_in_text_are_decoded() {
        assert_eq!(
            html_entities("a&nbsp;b &ldquo;c&rdquo; x<y"),
            "a\u{a0}b “c” x<y"
        );
        assert_eq!(html_entities("R&D 部门"), "R&D 部门");
    }
}
