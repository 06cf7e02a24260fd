//! Hexo-style posts: YAML front matter between `---` lines, then an HTML or
//! Markdown body. The seeds start with a blank line before the first `---`.

use super::date::parse_date;
use super::ReadError;
use crate::model::{Article, BodyKind};
use yaml_serde::Value;

/// Read a post with front matter.
pub fn read(text: &str, source: &str, id: &str) -> Result<Article, ReadError> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let after_open = t
        .strip_prefix("---")
        .ok_or_else(|| ReadError::invalid(source, "front matter does not start with ---"))?;
    let after_open = after_open
        .strip_prefix("\r\n")
        .or_else(|| after_open.strip_prefix('\n'))
        .ok_or_else(|| ReadError::invalid(source, "front matter: text after the opening ---"))?;
    let (yaml, body) = split_close(after_open).ok_or_else(|| {
        ReadError::invalid(source, "front matter never closes (no second --- line)")
    })?;
    let meta: Value = if yaml.trim().is_empty() {
        Value::Null
    } else {
        yaml_serde::from_str(yaml).map_err(|e| {
            ReadError::invalid(source, format!("front matter is not valid YAML: {e}"))
        })?
    };
    if !matches!(meta, Value::Mapping(_) | Value::Null) {
        return Err(ReadError::invalid(
            source,
            "front matter is not a YAML mapping",
        ));
    }
    let get = |k: &str| meta.get(k).and_then(scalar);
    let date_field = get("date")
        .or_else(|| get("published"))
        .or_else(|| get("pubDate"));
    let published = match &date_field {
        Some(d) => Some(parse_date(d).ok_or_else(|| {
            ReadError::invalid(source, format!("front matter date {d:?} is not a date"))
        })?),
        None => None,
    };
    let url = get("link")
        .or_else(|| get("url"))
        .or_else(|| get("permalink"))
        .filter(|u| !u.trim().is_empty());
    let body_kind = if looks_html(body) {
        BodyKind::Html
    } else {
        BodyKind::Markdown
    };
    Ok(Article {
        id: id.to_string(),
        source: source.to_string(),
        title: get("title").unwrap_or_default(),
        published,
        url,
        author: get("author"),
        categories: list(meta.get("categories")),
        tags: list(meta.get("tags")),
        body_kind,
        body: body.to_string(),
    })
}

/// Plain text with no front matter: the first line is the title.
pub fn read_plain(text: &str, source: &str, id: &str) -> Result<Article, ReadError> {
    let t = text.trim();
    let title = t.lines().next().unwrap_or("").trim().to_string();
    Ok(Article {
        id: id.to_string(),
        source: source.to_string(),
        title,
        published: None,
        url: None,
        author: None,
        categories: vec![],
        tags: vec![],
        body_kind: BodyKind::Text,
        body: t.to_string(),
    })
}

/// Find the closing `---` line; returns (yaml, body).
fn split_close(s: &str) -> Option<(&str, &str)> {
    let mut pos = 0;
    for line in s.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return Some((&s[..pos], &s[pos + line.len()..]));
        }
        pos += line.len();
    }
    None
}

pub(crate) fn looks_html(body: &str) -> bool {
    // The first 4096 characters, compared without regard to ASCII case.
    let head = body
        .char_indices()
        .nth(4096)
        .and_then(|(end, _)| body.get(..end))
        .unwrap_or(body)
        .as_bytes();
    const TAGS: &[&[u8]] = &[
        b"p", b"div", b"br", b"h1", b"h2", b"h3", b"span", b"article", b"section", b"ul",
    ];
    head.iter().enumerate().any(|(i, &b)| {
        b == b'<'
            && TAGS.iter().any(|t| {
                head.get(i + 1..i + 1 + t.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(t))
            })
    })
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Sequence(s)) => s.iter().filter_map(scalar).collect(),
        Some(v) => scalar(v).into_iter().collect(),
        None => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_recognized_in_the_first_characters_only() {
        assert!(looks_html("正文<P class=x>一段"));
        assert!(looks_html("<Section>"));
        assert!(!looks_html("a < b, <em>"));
        // The tag must be whole within the first 4096 characters.
        assert!(!looks_html(&format!("{}<p>", "字".repeat(4095))));
        assert!(looks_html(&format!("{}<p>", "字".repeat(4094))));
    }
}
