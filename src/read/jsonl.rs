//! JSON articles: JSON Lines (one object per line), a JSON array of the same
//! objects, one pretty-printed object, an object wrapping the array
//! (`{"items": [...]}`), or a JSON Feed (jsonfeed.org). Field names vary
//! between exporters, so each field is looked up under the names they use:
//! `title`/`headline`; `published`, `date`, `date_published`, `pubDate`…
//! (a string, or Unix seconds or milliseconds); `html`/`content_html`,
//! `text`/`content_text`, or `content`/`body`/`description`/`summary`
//! (HTML when it holds tags); `url`/`link`; `id`/`guid`; `author` as a
//! string or an object with a `name`.

use super::date::{beijing, parse_date};
use super::ReadError;
use crate::model::{Article, BodyKind};
use chrono::{DateTime, FixedOffset, TimeZone};
use serde_json::{Map, Value};

/// Keys under which exporters wrap their list of articles.
const WRAPPERS: [&str; 5] = ["items", "articles", "entries", "posts", "data"];

/// Read JSON articles. A bad line or item is an error naming the file and
/// the line or item; the good ones are still read. Blank lines are skipped.
pub fn read(text: &str, source: &str, id: &str) -> Vec<Result<Article, ReadError>> {
    let t = text.trim_start_matches('\u{feff}').trim();
    if t.starts_with('[') {
        return read_array(t, source, id);
    }
    // A whole-file object spread over lines: one article, a wrapper or a
    // JSON Feed. One-line objects are JSON Lines of one line and read below.
    if t.contains('\n') {
        if let Ok(v) = serde_json::from_str::<Value>(t) {
            return read_document(v, text, source, id);
        }
        if let Some(post) = json_front_matter(t, source, id) {
            return vec![post];
        }
    } else if let Ok(Value::Object(m)) = serde_json::from_str::<Value>(t) {
        if is_json_feed(&m) || wrapped_items(&m).is_some() {
            return read_document(Value::Object(m), text, source, id);
        }
    }
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let n = i + 1;
            line(l.trim().trim_start_matches('\u{feff}'), source, id, n)
                .map_err(|m| ReadError::invalid(source, format!("line {n}: {m}")))
        })
        .collect()
}

/// A post whose front matter is a JSON object spread over lines, the body
/// after it (Hugo's JSON form): the object's fields and the body as its
/// text. `None` when the file does not read so (the first line is a whole
/// object, as in JSON Lines, or JSON follows the object).
fn json_front_matter(t: &str, source: &str, id: &str) -> Option<Result<Article, ReadError>> {
    let first = t.lines().next()?;
    if serde_json::from_str::<serde::de::IgnoredAny>(first.trim()).is_ok() {
        return None;
    }
    let mut stream = serde_json::Deserializer::from_str(t).into_iter::<Value>();
    let Some(Ok(Value::Object(mut m))) = stream.next() else {
        return None;
    };
    let body = t[stream.byte_offset()..].trim_start();
    if body.is_empty() || body.starts_with(['{', '[']) {
        return None;
    }
    if body_field(&m).is_none() {
        m.insert("content".to_string(), Value::String(body.to_string()));
    }
    Some(
        object(Value::Object(m), source, id, 1)
            .map(|mut a| {
                a.id = id.to_string();
                if a.body_kind == BodyKind::Text {
                    a.body_kind = BodyKind::Markdown;
                }
                a
            })
            .map_err(|e| ReadError::invalid(source, format!("front matter: {e}"))),
    )
}

/// One JSON value that is the whole file.
fn read_document(v: Value, text: &str, source: &str, id: &str) -> Vec<Result<Article, ReadError>> {
    let Value::Object(m) = v else {
        return vec![Err(ReadError::invalid(
            source,
            "not a JSON object or array",
        ))];
    };
    if is_json_feed(&m) {
        // The feed reader knows JSON Feed's fields (attachments, authors,
        // summary fallbacks), so it reads the feed like any other feed.
        return match super::feed::read(text, source, id) {
            Ok(v) => v.into_iter().map(Ok).collect(),
            Err(e) => vec![Err(e)],
        };
    }
    match wrapped_items(&m) {
        Some(items) => items_of(items.clone(), source, id),
        None => {
            vec![object(Value::Object(m), source, id, 1).map_err(|e| ReadError::invalid(source, e))]
        }
    }
}

fn is_json_feed(m: &Map<String, Value>) -> bool {
    matches!(m.get("version"), Some(Value::String(v)) if v.contains("jsonfeed.org"))
}

/// The array of articles an object wraps, when it is not an article itself.
fn wrapped_items(m: &Map<String, Value>) -> Option<&Vec<Value>> {
    if body_field(m).is_some() {
        return None;
    }
    WRAPPERS.iter().find_map(|k| match m.get(*k) {
        Some(Value::Array(a)) if a.iter().any(Value::is_object) => Some(a),
        _ => None,
    })
}

/// A JSON array of the same objects (what many exporters write instead of
/// JSON Lines); items are named and reported by their position, from 1.
fn read_array(text: &str, source: &str, id: &str) -> Vec<Result<Article, ReadError>> {
    match serde_json::from_str::<Vec<Value>>(text) {
        Ok(items) => items_of(items, source, id),
        Err(e) => {
            let (items, broken, closed) = array_prefix(text);
            let mut out = items_of(items, source, id);
            let n = out.len() + 1;
            let what = if closed {
                "text after the array".to_string()
            } else if broken.is_eof() {
                format!("item {n}: the file is cut off")
            } else {
                format!("item {n}: not valid JSON")
            };
            let e = if out.is_empty() { e } else { broken };
            out.push(Err(ReadError::invalid(source, format!("{what}: {e}"))));
            out
        }
    }
}

/// The items of a JSON array that parse, up to the first that does not
/// (a download cut off, a bad edit), the error there, and whether the
/// array itself closed (the error lies after it).
fn array_prefix(text: &str) -> (Vec<Value>, serde_json::Error, bool) {
    let mut items = Vec::new();
    let mut rest = text.trim_start().strip_prefix('[').unwrap_or(text);
    loop {
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        match stream.next() {
            Some(Ok(v)) => {
                items.push(v);
                rest = rest[stream.byte_offset()..].trim_start();
                match rest.strip_prefix(',') {
                    Some(r) => rest = r,
                    // `]` closes it, so the error lies after the array;
                    // anything else breaks it here.
                    None => {
                        let closed = rest.starts_with(']');
                        let tail = rest.strip_prefix(']').unwrap_or(rest);
                        let e = serde_json::from_str::<serde::de::IgnoredAny>(tail)
                            .err()
                            .unwrap_or_else(|| serde::de::Error::custom("text after the array"));
                        return (items, e, closed);
                    }
                }
            }
            Some(Err(e)) => return (items, e, false),
            None => {
                let e = serde_json::from_str::<Value>(rest)
                    .err()
                    .unwrap_or_else(|| serde::de::Error::custom("unexpected end"));
                return (items, e, false);
            }
        }
    }
}

fn items_of(items: Vec<Value>, source: &str, id: &str) -> Vec<Result<Article, ReadError>> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let n = i + 1;
            object(v, source, id, n)
                .map_err(|m| ReadError::invalid(source, format!("item {n}: {m}")))
        })
        .collect()
}

fn line(l: &str, source: &str, file_id: &str, n: usize) -> Result<Article, String> {
    let v: Value = serde_json::from_str(l).map_err(|e| format!("not valid JSON: {e}"))?;
    object(v, source, file_id, n)
}

fn object(v: Value, source: &str, file_id: &str, n: usize) -> Result<Article, String> {
    let Value::Object(m) = v else {
        return Err("not a JSON object".to_string());
    };
    // An API response wraps its one article (`{"data": {"article": {...}}}`).
    let m = match body_field(&m) {
        None => nested_article(&m, 3).cloned().unwrap_or(m),
        Some(_) => m,
    };
    let title = first_string(&m, &["title", "headline"])?.unwrap_or_default();
    let published = published(&m)?;
    let (body_kind, body) = body_field(&m)
        .transpose()?
        .ok_or_else(|| "no \"html\" or \"text\" field".to_string())?;
    let id = match m.get("id").or(m.get("guid")) {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(x)) => x.to_string(),
        _ => format!("{file_id}#{n}"),
    };
    Ok(Article {
        id,
        source: source.to_string(),
        title,
        published,
        url: first_string(&m, &["url", "link"])?.filter(|u| !u.trim().is_empty()),
        author: author(m.get("author")),
        categories: vec![],
        tags: vec![],
        body_kind,
        body,
    })
}

/// The body and its kind. Explicit names decide the kind; the names that
/// exporters use for either (`content`, `body`…) are HTML when they hold
/// tags. A non-empty body wins over an empty one of another name.
fn body_field(m: &Map<String, Value>) -> Option<Result<(BodyKind, String), String>> {
    const NAMES: [(&str, Option<BodyKind>); 9] = [
        ("html", Some(BodyKind::Html)),
        ("content_html", Some(BodyKind::Html)),
        ("body_html", Some(BodyKind::Html)),
        // Exporters put HTML under `text` too; its tags decide.
        ("text", None),
        ("content_text", None),
        ("content", None),
        ("body", None),
        ("description", None),
        ("summary", None),
    ];
    let mut empty = None;
    for (name, kind) in NAMES {
        let s = match string(m, name) {
            Ok(Some(s)) => s,
            Ok(None) => continue,
            Err(e) => return Some(Err(e)),
        };
        let kind = kind.unwrap_or(if super::hexo::looks_html(&s) {
            BodyKind::Html
        } else {
            BodyKind::Text
        });
        if s.trim().is_empty() {
            empty.get_or_insert((kind, s));
        } else {
            return Some(Ok((kind, s)));
        }
    }
    empty.map(Ok)
}

/// The publication time: a date string under any usual name, or a Unix
/// time in seconds or, when too large for seconds, milliseconds.
fn published(m: &Map<String, Value>) -> Result<Option<DateTime<FixedOffset>>, String> {
    // Compared without case, `_` or `-`: `publish_time`, `publishTime`
    // and `PublishTime` are one name.
    const NAMES: [&str; 12] = [
        "published",
        "date",
        "datepublished",
        "publishedat",
        "publishtime",
        "publishdate",
        "pubdate",
        "pubtime",
        "datetime",
        "time",
        "createdat",
        "created",
    ];
    let norm = |k: &str| -> String {
        k.chars()
            .filter(|c| *c != '_' && *c != '-')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    for wanted in NAMES {
        let Some((name, value)) = m.iter().find(|(k, _)| norm(k) == wanted) else {
            continue;
        };
        match value {
            Value::Null => continue,
            Value::String(d) if d.trim().is_empty() => continue,
            Value::String(d) => {
                return parse_date(d)
                    .map(Some)
                    .ok_or_else(|| format!("{name} {d:?} is not a date"))
            }
            Value::Number(x) => {
                return unix_time(x)
                    .map(Some)
                    .ok_or_else(|| format!("{name} {x} is not a Unix time"))
            }
            other => return Err(format!("\"{name}\" is not a date but {}", kind(other))),
        }
    }
    Ok(None)
}

fn unix_time(x: &serde_json::Number) -> Option<DateTime<FixedOffset>> {
    let v = x.as_i64()?;
    // Seconds reach 1e11 only in the year 5138; a larger value is in ms.
    let (secs, nanos) = if v.abs() >= 100_000_000_000 {
        (v.div_euclid(1000), (v.rem_euclid(1000) * 1_000_000) as u32)
    } else {
        (v, 0)
    };
    beijing().timestamp_opt(secs, nanos).single()
}

/// An author as a string, an object with a `name`, or the first of a list.
fn author(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Object(o) => author(o.get("name")),
        Value::Array(a) => a.iter().find_map(|x| author(Some(x))),
        _ => None,
    }
}

/// The first object within `depth` levels that holds a body field.
fn nested_article(m: &Map<String, Value>, depth: usize) -> Option<&Map<String, Value>> {
    if depth == 0 {
        return None;
    }
    m.values().find_map(|v| match v {
        Value::Object(o) if body_field(o).is_some() => Some(o),
        Value::Object(o) => nested_article(o, depth - 1),
        _ => None,
    })
}

fn first_string(m: &Map<String, Value>, names: &[&str]) -> Result<Option<String>, String> {
    for name in names {
        if let Some(s) = string(m, name)? {
            return Ok(Some(s));
        }
    }
    Ok(None)
}

/// A string field: absent or null is `None`, another type is an error.
/// WordPress's REST API wraps its strings as `{"rendered": "..."}`.
fn string(m: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Object(o)) if matches!(o.get("rendered"), Some(Value::String(_))) => Ok(o
            .get("rendered")
            .and_then(Value::as_str)
            .map(str::to_string)),
        Some(other) => Err(format!("\"{key}\" is not a string but {}", kind(other))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
