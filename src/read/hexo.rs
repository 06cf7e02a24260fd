//! Hexo-style posts: YAML front matter between `---` lines, then an HTML or
//! Markdown body. The seeds start with a blank line before the first `---`.

use super::date::parse_date;
use super::ReadError;
use crate::model::{Article, BodyKind};
use std::borrow::Cow;
use yaml_serde::Value;

/// Read a post with front matter.
pub fn read(text: &str, source: &str, id: &str) -> Result<Article, ReadError> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("+++") {
        return read_toml(t, source, id);
    }
    if let Some(rest) = t.strip_prefix(";;;") {
        return read_json(rest, source, id);
    }
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
    let meta = match simple_mapping(yaml) {
        Some(fields) => Meta::Simple(fields),
        None if yaml.trim().is_empty() => Meta::Yaml(Value::Null),
        None => Meta::Yaml(yaml_serde::from_str(yaml).map_err(|e| {
            ReadError::invalid(source, format!("front matter is not valid YAML: {e}"))
        })?),
    };
    if let Meta::Yaml(v) = &meta {
        if !matches!(v, Value::Mapping(_) | Value::Null) {
            return Err(ReadError::invalid(
                source,
                "front matter is not a YAML mapping",
            ));
        }
    }
    article(&meta, body, source, id)
}

/// The title of a Markdown post whose front matter has none: its first
/// line when that is a level-one heading (`# 标题`), as the first line of
/// a post without front matter is.
fn leading_heading(body: &str, kind: &BodyKind) -> Option<String> {
    if *kind != BodyKind::Markdown {
        return None;
    }
    let first = body.lines().map(str::trim).find(|l| !l.is_empty())?;
    let t = first.strip_prefix("# ")?.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Front matter keys that hold the publication date, most preferred
/// first.
const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "pubDate",
    "publishDate",
    "publish_date",
    "publish_time",
    "publishTime",
    "pubdate",
    "created",
    "created_at",
    "time",
];

/// The article of a post whose front matter is read.
fn article(meta: &Meta, body: &str, source: &str, id: &str) -> Result<Article, ReadError> {
    let get = |k: &str| meta.get(k);
    // The date under the names that blog engines and exporters use, in
    // this order of preference (Hugo's `publishDate`, CMS exports'
    // `publish_time`).
    let date_field = DATE_KEYS.iter().find_map(|k| get(k));
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
        title: get("title")
            .filter(|t| !t.trim().is_empty())
            .or_else(|| leading_heading(body, &body_kind))
            .unwrap_or_default(),
        published,
        url,
        author: get("author"),
        categories: meta.list("categories"),
        tags: meta.list("tags"),
        body_kind,
        body: body.to_string(),
    })
}

/// A post with JSON front matter between `;;;` lines (Hexo's JSON form);
/// the braces of the object may be left out, as Hexo allows.
fn read_json(after_open: &str, source: &str, id: &str) -> Result<Article, ReadError> {
    // Hexo's ;;; closes only after some JSON; a first line of ;;; is not a close.
    let (json, body) = split_at_fence(after_open, ";;;", 1).ok_or_else(|| {
        ReadError::invalid(source, "front matter never closes (no second ;;; line)")
    })?;
    let json = json.trim();
    let parsed = if json.starts_with('{') {
        serde_json::from_str::<serde_json::Value>(json)
    } else {
        serde_json::from_str(&format!("{{{json}}}"))
    };
    let meta = match parsed {
        Ok(serde_json::Value::Object(m)) => m,
        Ok(_) => {
            return Err(ReadError::invalid(
                source,
                "front matter is not a JSON object",
            ))
        }
        Err(e) => {
            return Err(ReadError::invalid(
                source,
                format!("front matter is not valid JSON: {e}"),
            ))
        }
    };
    // Strings, numbers and lists of them, as YAML front matter gives them.
    let mut map = yaml_serde::Mapping::new();
    for (k, v) in meta {
        let v = match v {
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Number(n) => Value::String(n.to_string()),
            serde_json::Value::Array(a) => Value::Sequence(
                a.into_iter()
                    .filter_map(|x| match x {
                        serde_json::Value::String(s) => Some(Value::String(s)),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => continue,
        };
        map.insert(Value::String(k), v);
    }
    article(&Meta::Yaml(Value::Mapping(map)), body, source, id)
}

/// A post with TOML front matter between `+++` lines (Hugo, Zola). Only
/// top-level keys are read (`title`, `date`, `tags`, ...); tables such as
/// `[params]` hold the site's own fields.
fn read_toml(t: &str, source: &str, id: &str) -> Result<Article, ReadError> {
    let after_open = t
        .strip_prefix("+++")
        .and_then(|a| a.strip_prefix("\r\n").or_else(|| a.strip_prefix('\n')))
        .ok_or_else(|| ReadError::invalid(source, "front matter: text after the opening +++"))?;
    let (toml, body) = split_at_fence(after_open, "+++", 0).ok_or_else(|| {
        ReadError::invalid(source, "front matter never closes (no second +++ line)")
    })?;
    let meta = toml_mapping(toml).map_err(|(n, m)| {
        ReadError::invalid(
            source,
            format!("front matter is not valid TOML: line {n}: {m}"),
        )
    })?;
    article(&Meta::Yaml(meta), body, source, id)
}

/// The top-level keys of TOML front matter as a YAML mapping of strings
/// and lists of strings, or the line (from 1) and what is wrong with it.
fn toml_mapping(toml: &str) -> Result<Value, (usize, String)> {
    let mut map = yaml_serde::Mapping::new();
    let lines: Vec<&str> = toml.lines().collect();
    let mut in_table = false;
    let mut i = 0;
    while i < lines.len() {
        let n = i + 1;
        let line = lines[i].trim();
        i += 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            in_table = true;
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .ok_or((n, "not `key = value`".to_string()))?;
        let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
        let mut value = value.trim().to_string();
        // Arrays and multi-line strings may run over several lines.
        let closes = |v: &str| {
            if let Some(r) = v
                .strip_prefix("\"\"\"")
                .or_else(|| v.strip_prefix("\'\'\'"))
            {
                r.contains(&v[..3])
            } else if v.starts_with('[') {
                v.matches('[').count() <= v.matches(']').count()
            } else {
                true
            }
        };
        while !closes(&value) {
            let Some(next) = lines.get(i) else {
                return Err((n, "value never closes".to_string()));
            };
            value.push('\n');
            value.push_str(next);
            i += 1;
        }
        if key.is_empty() {
            return Err((n, "empty key".to_string()));
        }
        if in_table {
            continue;
        }
        let v = if value.starts_with('[') {
            Value::Sequence(
                split_array(
                    value
                        .trim_start_matches('[')
                        .trim_end()
                        .trim_end_matches(']'),
                )
                .into_iter()
                .map(|x| toml_scalar(&x).map(Value::String))
                .collect::<Option<Vec<_>>>()
                .ok_or((n, "not an array of strings".to_string()))?,
            )
        } else {
            Value::String(toml_scalar(&value).ok_or((n, format!("bad value {value:?}")))?)
        };
        map.insert(Value::String(key.to_string()), v);
    }
    Ok(Value::Mapping(map))
}

/// The items of a one-level TOML array, split at commas outside quotes.
fn split_array(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in s.chars() {
        match quote {
            Some(q) => {
                cur.push(c);
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == ',' => out.push(std::mem::take(&mut cur)),
            None if c == '#' => break,
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                cur.push(c);
            }
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// A TOML scalar as text: a quoted string (escapes decoded), or a bare
/// date, number or boolean as written, without a trailing comment.
fn toml_scalar(v: &str) -> Option<String> {
    let v = v.trim();
    for q in ["\"\"\"", "\'\'\'"] {
        if let Some(r) = v.strip_prefix(q) {
            let inner = &r[..r.find(q)?];
            return Some(inner.trim_start_matches('\n').to_string());
        }
    }
    if let Some(r) = v.strip_prefix('\'') {
        return Some(r[..r.find('\'')?].to_string());
    }
    if let Some(r) = v.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = r.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => return Some(out),
                '\\' => match chars.next()? {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'u' => {
                        let h: String = chars.by_ref().take(4).collect();
                        out.push(char::from_u32(u32::from_str_radix(&h, 16).ok()?)?);
                    }
                    'U' => {
                        let h: String = chars.by_ref().take(8).collect();
                        out.push(char::from_u32(u32::from_str_radix(&h, 16).ok()?)?);
                    }
                    c => out.push(c),
                },
                c => out.push(c),
            }
        }
        return None;
    }
    let bare = v.split(" #").next().unwrap_or(v).trim();
    (!bare.is_empty()).then(|| bare.to_string())
}

/// Plain text with no front matter: the first line is the title (without
/// the `#` of a Markdown heading).
pub fn read_plain(text: &str, source: &str, id: &str) -> Result<Article, ReadError> {
    let t = text.trim();
    let first = t.lines().next().unwrap_or("").trim();
    let heading = first.trim_start_matches('#');
    let title = if heading.len() < first.len() && heading.starts_with(' ') {
        heading.trim()
    } else {
        first
    }
    .to_string();
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
    const TAGS: &[&[u8]] = &[
        b"p", b"div", b"br", b"h1", b"h2", b"h3", b"span", b"article", b"section", b"ul",
    ];
    // A tag counts when it lies within the first 4096 characters, compared
    // without regard to ASCII case. None of those characters starts past
    // byte 4 * 4096.
    let b = body.as_bytes();
    let limit = b.len().min(4 * 4096);
    let mut from = 0;
    while let Some(i) = body.get(from..).and_then(|r| r.find('<')).map(|p| from + p) {
        if i >= limit {
            break;
        }
        let hit = TAGS.iter().find(|t| {
            b.get(i + 1..i + 1 + t.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(t))
        });
        if let Some(t) = hit {
            // The first tag found ends before any later one.
            let end = i + 1 + t.len();
            return body.get(..end).is_some_and(|h| h.chars().count() <= 4096);
        }
        from = i + 1;
    }
    false
}

/// Simple front matter: each key and its string, `None` for null.
type Fields<'a> = Vec<(&'a str, Option<Cow<'a, str>>)>;

/// Front matter, parsed by the YAML parser or, when every line is a plain
/// `key: value`, by [`simple_mapping`].
enum Meta<'a> {
    Yaml(Value),
    Simple(Fields<'a>),
}

impl Meta<'_> {
    /// A field's scalar value as a string.
    fn get(&self, key: &str) -> Option<String> {
        match self {
            Meta::Yaml(v) => v.get(key).and_then(scalar),
            Meta::Simple(fields) => fields
                .iter()
                .find(|(k, _)| *k == key)
                .and_then(|(_, v)| v.as_ref())
                .map(|v| v.to_string()),
        }
    }

    /// A list field, or a scalar as a list of one.
    fn list(&self, key: &str) -> Vec<String> {
        match self {
            Meta::Yaml(v) => list(v.get(key)),
            Meta::Simple(_) => self.get(key).into_iter().collect(),
        }
    }
}

/// Front matter whose every line is `key: value` with a value that the YAML
/// parser would read as a string or as null, read without it (the parser
/// costs as much as several later stages). `None` for anything else (lists,
/// comments, blank or continued lines, numbers, booleans, escapes, repeated
/// keys, ...), which then goes to the YAML parser: this only takes the
/// cases whose meaning is certain.
fn simple_mapping(yaml: &str) -> Option<Fields<'_>> {
    if yaml.contains(['\r', '\t']) {
        return None;
    }
    let mut fields: Fields<'_> = Vec::new();
    for line in yaml.strip_suffix('\n').unwrap_or(yaml).split('\n') {
        let (key, rest) = line.split_once(':')?;
        if !simple_key(key) || fields.iter().any(|(k, _)| *k == key) {
            return None;
        }
        let value = match rest.strip_prefix(' ') {
            Some(v) => v.trim_matches(' '),
            None if rest.is_empty() => "",
            None => return None,
        };
        fields.push((key, simple_value(value)?));
    }
    Some(fields)
}

/// A key the YAML parser reads as that string: a word, not null or a boolean.
fn simple_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && key.len() <= 64
        && !matches!(
            key,
            "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
        )
}

/// The string a one-line YAML value stands for (`Some(None)` for null), if
/// it is certain: a single-quoted string, a double-quoted one without
/// escapes, or a plain value that cannot be read as a number, a boolean or
/// null, or as YAML structure.
fn simple_value(v: &str) -> Option<Option<Cow<'_, str>>> {
    if v.is_empty() {
        return Some(None);
    }
    // Only printable characters, and none that YAML reads as a line break.
    if v.chars().any(|c| {
        c < ' '
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            )
    }) {
        return None;
    }
    if let Some(inner) = v.strip_prefix('\'') {
        return single_quoted(inner).map(Some);
    }
    if let Some(inner) = v.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return (!inner.contains(['"', '\\'])).then_some(Some(Cow::Borrowed(inner)));
    }
    if v.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ]) || v.contains(": ")
        || v.contains(" #")
        || v.ends_with(':')
    {
        return None;
    }
    // A character no number, boolean or null has (`~` alone is null), or a
    // digit-dash-digit (a date) that no number parses.
    let string = (v != "~"
        && v.chars()
            .any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.' | '_'))))
        || v.as_bytes()
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == b'-' && w[2].is_ascii_digit());
    string.then_some(Some(Cow::Borrowed(v)))
}

/// The text of a single-quoted YAML string that closes at the end of `s`
/// (`''` stands for `'`).
fn single_quoted(s: &str) -> Option<Cow<'_, str>> {
    let body = s.strip_suffix('\'')?;
    if !body.contains('\'') {
        return Some(Cow::Borrowed(body));
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find('\'') {
        // Every quote inside must be doubled.
        if rest.get(i + 1..i + 2) != Some("'") {
            return None;
        }
        out.push_str(rest.get(..i + 1)?);
        rest = rest.get(i + 2..)?;
    }
    out.push_str(rest);
    Some(Cow::Owned(out))
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

/// The text before and after the first line that is `fence` (trailing white
/// space aside), looking from the `from`-th byte of `text` on.
fn split_at_fence<'a>(text: &'a str, fence: &str, from: usize) -> Option<(&'a str, &'a str)> {
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if pos >= from && line.trim_end() == fence {
            return Some((&text[..pos], &text[pos + line.len()..]));
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the simple reader answers, it must answer as the YAML parser.
    fn agrees_with_yaml(yaml: &str) -> bool {
        let Some(fields) = simple_mapping(yaml) else {
            return false;
        };
        let simple = Meta::Simple(fields);
        let parsed = match yaml_serde::from_str::<Value>(yaml) {
            Ok(v @ Value::Mapping(_)) => Meta::Yaml(v),
            other => panic!("{yaml:?} read simply but YAML says {other:?}"),
        };
        let Meta::Yaml(Value::Mapping(m)) = &parsed else {
            return false;
        };
        assert_eq!(m.len(), yaml.lines().count(), "{yaml:?}");
        for line in yaml.lines() {
            let key = line.split_once(':').map_or("", |(k, _)| k);
            assert_eq!(simple.get(key), parsed.get(key), "{yaml:?}");
            assert_eq!(simple.list(key), parsed.list(key), "{yaml:?}");
        }
        true
    }

    #[test]
    fn simple_front_matter_reads_as_yaml_does() {
        for yaml in [
            "title: '芯片厂商猛踩刹车过冬，砍单、裁员'\ndate: 2022-12-27\nlink: \nsource: 腾讯新闻\n",
            "title: 'It''s ''quoted'''\ndate: 2022-03-26 07:06\nlink: https://example.com/a?b=c#d\n",
            "title: \"double\"\nauthor: 张三 \ntags: 微信\ncategories:\n",
            "title: ''\nurl: a/b\n",
            "title: 2022-12-27T07:06:09+08:00\n",
        ] {
            assert!(agrees_with_yaml(yaml), "{yaml:?} should be read simply");
        }
        // Numbers, booleans, null words, escapes, comments, lists, repeated
        // keys, continued lines and bad quoting go to the YAML parser.
        for yaml in [
            "title: 123\n",
            "title: 1e-5\n",
            "title: 0x1F\n",
            "title: true\n",
            "title: ~\n",
            "title: null\n",
            "title: .inf\n",
            "title: \"a\\tb\"\n",
            "title: a # note\n",
            "title: 'a' 'b'\n",
            "title: 'open\n",
            "title: '''\n",
            "tags: [a, b]\n",
            "tags:\n  - a\n",
            "title: a\ntitle: b\n",
            "title: a\n  b\n",
            "title: a: b\n",
            "title:\tx\n",
            "title: x\r\n",
            "# comment\ntitle: x\n",
            "null: x\n",
            "title: -x\n",
            "title: *alias\n",
            "title: x\u{85}y\n",
        ] {
            assert!(simple_mapping(yaml).is_none(), "{yaml:?} is not simple");
        }
    }

    #[test]
    fn real_front_matter_is_read_simply_and_as_yaml_reads_it() {
        let mut simple = 0;
        for dir in ["seeds", "../shared/corpus/dev"] {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for e in entries.filter_map(Result::ok) {
                let Ok(text) = std::fs::read_to_string(e.path()) else {
                    continue;
                };
                let t = text.trim_start_matches('\u{feff}').trim_start();
                let Some(after) = t.strip_prefix("---\n") else {
                    continue;
                };
                if let Some((yaml, _)) = split_close(after) {
                    simple += usize::from(agrees_with_yaml(yaml));
                }
            }
        }
        assert!(simple >= 40, "only {simple} front matters were simple");
    }

    #[test]
    fn toml_front_matter() {
        let a = read(
            "+++\ntitle = \"淘宝 \\\"支持\\\" 微信支付\" # note\ndate = 2022-03-26T07:06:00+08:00\ntags = [\n  \"淘宝\", 'a,b',\n]\ndraft = false\n[params]\ntitle = \"不是\"\n+++\n正文\n",
            "t.md",
            "t.md",
        )
        .unwrap();
        assert_eq!(a.title, "淘宝 \"支持\" 微信支付");
        assert_eq!(
            a.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2022-03-26T07:06:00+08:00")
        );
        assert_eq!(a.tags, vec!["淘宝", "a,b"]);
        assert_eq!(a.body, "正文\n");
        let e = read("+++\ntitle = \"x\"\nnot toml\n+++\n", "t.md", "t.md").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(read("+++\ntitle = \"x\"\n", "t.md", "t.md").is_err());
    }

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
