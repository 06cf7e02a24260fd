//! RSS 2.0 and Atom feeds: each item is an article.

use super::date::beijing;
use super::encoding::declare_utf8;
use super::ReadError;
use crate::model::{Article, BodyKind};

/// Read a feed (already decoded to text) into its items. Items are named
/// `FILE#N`, N counting from 1 in feed order, so every item can be cited
/// and scored by name; the item's own address is kept as its `url`.
pub fn read(text: &str, source: &str, id: &str) -> Result<Vec<Article>, ReadError> {
    let xml = declare_utf8(text);
    let feed = feed_rs::parser::parse(xml.as_bytes())
        .map_err(|e| ReadError::invalid(source, format!("not a readable RSS or Atom feed: {e}")))?;
    let mut out = Vec::with_capacity(feed.entries.len());
    for (i, e) in feed.entries.into_iter().enumerate() {
        let title = e.title.map(|t| plain_title(&t.content)).unwrap_or_default();
        let published = e
            .published
            .or(e.updated)
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
        let body_kind = if super::hexo::looks_html(&body) {
            BodyKind::Html
        } else {
            BodyKind::Text
        };
        out.push(Article {
            id: format!("{id}#{}", i + 1),
            source: source.to_string(),
            title,
            published,
            url,
            author: e.authors.first().and_then(|p| p.name.clone()),
            categories: e.categories.iter().map(|c| c.term.clone()).collect(),
            tags: vec![],
            body_kind,
            body,
        });
    }
    if out.is_empty() {
        return Err(ReadError::invalid(source, "feed has no items"));
    }
    Ok(out)
}

/// Titles of type `html` may carry markup; keep their text.
fn plain_title(t: &str) -> String {
    let s = if t.contains('<') {
        scraper::Html::parse_fragment(t)
            .root_element()
            .text()
            .collect::<String>()
    } else {
        t.to_string()
    };
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
