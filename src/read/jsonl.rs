//! JSON Lines: one article per line, an object with `title`, `published`,
//! `html` or `text`, and optionally `url` and `id`.

use super::date::parse_date;
use super::ReadError;
use crate::model::{Article, BodyKind};
use serde_json::{Map, Value};

/// Read JSON Lines into articles. A bad line is an error naming the file and
/// the line; the good lines are still read. Blank lines are skipped.
pub fn read(text: &str, source: &str, id: &str) -> Vec<Result<Article, ReadError>> {
    if text.trim_start().starts_with('[') {
        return read_array(text, source, id);
    }
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let n = i + 1;
            line(l.trim(), source, id, n)
                .map_err(|m| ReadError::invalid(source, format!("line {n}: {m}")))
        })
        .collect()
}

/// A JSON array of the same objects (what many exporters write instead of
/// JSON Lines); items are named and reported by their position, from 1.
fn read_array(text: &str, source: &str, id: &str) -> Vec<Result<Article, ReadError>> {
    match serde_json::from_str::<Vec<Value>>(text) {
        Ok(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                let n = i + 1;
                object(v, source, id, n)
                    .map_err(|m| ReadError::invalid(source, format!("item {n}: {m}")))
            })
            .collect(),
        Err(e) => vec![Err(ReadError::invalid(
            source,
            format!("not a JSON array of articles: {e}"),
        ))],
    }
}

fn line(l: &str, source: &str, file_id: &str, n: usize) -> Result<Article, String> {
    let v: Value = serde_json::from_str(l).map_err(|e| format!("not valid JSON: {e}"))?;
    object(v, source, file_id, n)
}

fn object(v: Value, source: &str, file_id: &str, n: usize) -> Result<Article, String> {
    let Value::Object(m) = v else {
        return Err("not a JSON object".to_string());
    };
    let title = string(&m, "title")?.unwrap_or_default();
    let published = match string(&m, "published")?.or(string(&m, "date")?) {
        Some(d) => Some(parse_date(&d).ok_or_else(|| format!("published {d:?} is not a date"))?),
        None => None,
    };
    let (body_kind, body) = match (string(&m, "html")?, string(&m, "text")?) {
        (Some(h), _) if !h.trim().is_empty() => (BodyKind::Html, h),
        (_, Some(t)) => (BodyKind::Text, t),
        (Some(h), None) => (BodyKind::Html, h),
        (None, None) => return Err("no \"html\" or \"text\" field".to_string()),
    };
    let id = match m.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(x)) => x.to_string(),
        _ => format!("{file_id}#{n}"),
    };
    Ok(Article {
        id,
        source: source.to_string(),
        title,
        published,
        url: string(&m, "url")?.filter(|u| !u.trim().is_empty()),
        author: string(&m, "author")?,
        categories: vec![],
        tags: vec![],
        body_kind,
        body,
    })
}

/// A string field: absent or null is `None`, another type is an error.
fn string(m: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
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
