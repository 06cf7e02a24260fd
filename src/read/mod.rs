//! Reading: bytes -> [`Article`]s. The reader is chosen by content, not by
//! file extension: Hexo-style Markdown with YAML front matter, HTML pages,
//! RSS/Atom feeds, JSON Lines, plain text.

pub mod date;
pub mod encoding;
pub mod feed;
pub mod hexo;
pub mod html;
pub mod jsonl;

use crate::model::{Article, BodyKind};
use std::path::{Path, PathBuf};

/// What went wrong reading one input; the message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

impl ReadError {
    pub fn invalid(path: &str, message: impl Into<String>) -> Self {
        ReadError::Invalid {
            path: path.to_string(),
            message: message.into(),
        }
    }
    /// The file the error is about.
    pub fn path(&self) -> &str {
        match self {
            ReadError::Io { path, .. } | ReadError::Invalid { path, .. } => path,
        }
    }
}

/// Limits that protect a laptop from hostile or broken input.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input file in bytes.
    pub max_file_bytes: u64,
    /// Deepest element nesting walked in HTML.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            max_depth: 256,
        }
    }
}

/// The kinds of input the readers know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Hexo,
    Html,
    Feed,
    JsonLines,
    Text,
}

/// Expand the command line's paths: directories recurse in a stable (sorted)
/// order, hidden files are skipped, `-` stays as standard input.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<Result<PathBuf, ReadError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
        } else if p.is_dir() {
            let before = out.len();
            walk_dir(p, &mut out);
            if out.len() == before {
                out.push(Err(ReadError::invalid(
                    &p.display().to_string(),
                    "directory holds no files to read",
                )));
            }
        } else if p.exists() {
            out.push(Ok(p.clone()));
        } else {
            out.push(Err(missing(p)));
        }
    }
    out
}

/// Why a path that does not resolve cannot be read: no such file, a
/// symbolic link to nowhere, a loop of links.
fn missing(p: &Path) -> ReadError {
    let path = p.display().to_string();
    let message = match (std::fs::symlink_metadata(p), std::fs::metadata(p)) {
        (Ok(m), Err(e)) if m.file_type().is_symlink() => match std::fs::read_link(p) {
            Ok(to) if e.kind() == std::io::ErrorKind::NotFound => {
                format!(
                    "broken symbolic link (to {}, which does not exist)",
                    to.display()
                )
            }
            _ => format!("symbolic link that cannot be followed: {e}"),
        },
        (_, Err(e)) if e.kind() != std::io::ErrorKind::NotFound => e.to_string(),
        _ => "no such file".to_string(),
    };
    ReadError::invalid(&path, message)
}

/// Sorted, a directory's files in its place, without recursion; a
/// directory reached twice (a symbolic link back up the tree) is walked once.
fn walk_dir(dir: &Path, out: &mut Vec<Result<PathBuf, ReadError>>) {
    let mut seen = std::collections::HashSet::new();
    // Each frame holds the entries still to visit, in reverse order.
    let mut stack: Vec<Vec<PathBuf>> = vec![vec![dir.to_path_buf()]];
    while let Some(frame) = stack.last_mut() {
        let Some(p) = frame.pop() else {
            stack.pop();
            continue;
        };
        if !p.is_dir() {
            if p.exists() {
                out.push(Ok(p));
            } else {
                out.push(Err(missing(&p)));
            }
            continue;
        }
        if let Ok(real) = std::fs::canonicalize(&p) {
            if !seen.insert(real) {
                continue;
            }
        }
        match std::fs::read_dir(&p) {
            Ok(entries) => {
                // Every entry is the directory joined with one file name, so
                // ordering the names orders the paths as `Path`'s own order
                // would (component by component, each by its bytes), without
                // splitting both paths into components at each comparison
                // (a tenth of a second for 10,000 files). Names in one
                // directory differ, so an unstable sort orders them alike.
                let mut names: Vec<std::ffi::OsString> = entries
                    .filter_map(|e| e.ok().map(|e| e.file_name()))
                    .filter(|n| !n.to_str().is_some_and(|n| n.starts_with('.')))
                    .collect();
                names.sort_unstable_by(|a, b| b.as_encoded_bytes().cmp(a.as_encoded_bytes()));
                stack.push(names.into_iter().map(|n| p.join(n)).collect());
            }
            Err(source) => out.push(Err(ReadError::Io {
                path: p.display().to_string(),
                source,
            })),
        }
    }
}

/// Read one input (a file or `-`) into its articles; the first error fails
/// the whole input. See [`read_path_each`] to keep the good articles of a
/// file that is partly bad.
pub fn read_path(path: &Path, limits: &Limits) -> Result<Vec<Article>, ReadError> {
    read_path_each(path, limits).into_iter().collect()
}

/// Read one input into one result per article: a JSON Lines file with a bad
/// line gives its good articles and an error for that line. An input that
/// cannot be read at all gives a single error.
pub fn read_path_each(path: &Path, limits: &Limits) -> Vec<Result<Article, ReadError>> {
    match read_input(path, limits) {
        Ok((bytes, name, id)) => read_bytes_each(&bytes, &name, &id, limits),
        Err(e) => vec![Err(e)],
    }
}

fn read_input(path: &Path, limits: &Limits) -> Result<(Vec<u8>, String, String), ReadError> {
    let name = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        use std::io::Read;
        std::io::stdin()
            .take(limits.max_file_bytes.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|source| ReadError::Io {
                path: name.clone(),
                source,
            })?;
        buf
    } else {
        let meta = std::fs::metadata(path).map_err(|source| ReadError::Io {
            path: name.clone(),
            source,
        })?;
        if meta.is_dir() {
            return Err(ReadError::invalid(&name, "is a directory"));
        }
        if meta.len() > limits.max_file_bytes {
            return Err(too_big(&name, meta.len(), limits));
        }
        // Read no more than the limit allows even when the size lies
        // (devices, pipes, files still growing). Room for the whole file and
        // the read that finds its end saves growing the buffer step by step.
        let mut buf =
            Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(64));
        use std::io::Read;
        std::fs::File::open(path)
            .and_then(|f| {
                f.take(limits.max_file_bytes.saturating_add(1))
                    .read_to_end(&mut buf)
            })
            .map_err(|source| ReadError::Io {
                path: name.clone(),
                source,
            })?;
        buf
    };
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_big(&name, bytes.len() as u64, limits));
    }
    let id = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "-".to_string());
    Ok((bytes, name, id))
}

fn too_big(name: &str, len: u64, limits: &Limits) -> ReadError {
    ReadError::invalid(
        name,
        format!(
            "{len} bytes or more, over the limit of {} (raise it with --max-file-bytes)",
            limits.max_file_bytes
        ),
    )
}

/// Read a buffer: decode it, sniff its format, and hand it to its reader;
/// the first error fails the whole buffer (see [`read_bytes_each`]).
/// `source` names it in errors; `id` is the article name (the file name).
pub fn read_bytes(
    bytes: &[u8],
    source: &str,
    id: &str,
    limits: &Limits,
) -> Result<Vec<Article>, ReadError> {
    read_bytes_each(bytes, source, id, limits)
        .into_iter()
        .collect()
}

/// Read a buffer into one result per article (see [`read_path_each`]).
pub fn read_bytes_each(
    bytes: &[u8],
    source: &str,
    id: &str,
    limits: &Limits,
) -> Vec<Result<Article, ReadError>> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return vec![Err(too_big(source, bytes.len() as u64, limits))];
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return vec![Err(ReadError::invalid(source, "empty file"))];
    }
    let text = match encoding::decode_borrowed(bytes) {
        Ok((t, _)) => t,
        Err(m) => return vec![Err(ReadError::invalid(source, m))],
    };
    // Classic Mac line endings (a lone CR) end lines for every reader.
    let text = if has_lone_cr(&text) {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        text
    };
    let format = sniff(&text);
    let read: Vec<Result<Article, ReadError>> = match format {
        Format::Hexo => vec![hexo::read(&text, source, id)],
        Format::Html => vec![html::read(&text, source, id, limits)],
        Format::Feed => feed::read_each(&text, source, id),
        Format::JsonLines => jsonl::read(&text, source, id),
        Format::Text => vec![hexo::read_plain(&text, source, id)],
    };
    // The page reader checked the nesting of the whole page already.
    let check_depth = format != Format::Html;
    read.into_iter()
        .map(|r| r.and_then(|a| check(a, limits, check_depth)))
        .collect()
}

/// Whether a CR ends a line on its own (not as half of a CRLF).
fn has_lone_cr(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'\r', b).any(|i| b.get(i + 1) != Some(&b'\n'))
}

/// Publication years outside this range are typos or placeholders (year 0,
/// 9999), and would throw every relative date of the article off.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// What every reader's article must satisfy: a plausible date, an HTML body
/// within the nesting limit.
fn check(a: Article, limits: &Limits, check_depth: bool) -> Result<Article, ReadError> {
    use chrono::Datelike;
    // Feed items and JSON lines are named beside their file.
    let file = Path::new(&a.source)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let name = || {
        if file.as_deref() == Some(a.id.as_str()) || a.source == "-" && a.id == "-" {
            a.source.clone()
        } else {
            format!("{} ({})", a.source, a.id)
        }
    };
    if let Some(d) = a.published {
        if !PLAUSIBLE_YEARS.contains(&d.year()) {
            return Err(ReadError::invalid(
                &name(),
                format!(
                    "publication date {} is not plausible (years {}-{} are accepted)",
                    d.to_rfc3339(),
                    PLAUSIBLE_YEARS.start(),
                    PLAUSIBLE_YEARS.end()
                ),
            ));
        }
    }
    if check_depth && a.body_kind == BodyKind::Html {
        html::check_fragment_depth(&a.body, &name(), limits)?;
    }
    Ok(a)
}

/// Decide the format from the content.
pub fn sniff(text: &str) -> Format {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("---") || t.starts_with("+++") || t.starts_with(";;;") {
        return Format::Hexo;
    }
    if t.starts_with('{') {
        return Format::JsonLines;
    }
    // A JSON array of articles; text that merely starts with a bracket
    // (`[图]`, a Markdown link) is not JSON.
    if t.starts_with('[') && serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok() {
        return Format::JsonLines;
    }
    // An array of objects cut off or broken somewhere is still JSON, and
    // its reader says where it breaks.
    if t.strip_prefix('[')
        .is_some_and(|r| r.trim_start().starts_with('{'))
    {
        return Format::JsonLines;
    }
    let head: String = t
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let has = |tag: &str| has_tag(&head, tag);
    if head.starts_with('<') {
        // A feed's root comes before any `<html` it may quote; XHTML pages
        // start with an XML declaration too.
        let feed_at = ["rss", "feed", "rdf:rdf"]
            .iter()
            .filter_map(|t| tag_at(&head, t, 0))
            .min();
        let html_at = ["html", "body", "head"]
            .iter()
            .filter_map(|t| tag_at(&head, t, 0))
            .min();
        return match (feed_at, html_at) {
            (Some(f), Some(h)) if f < h => Format::Feed,
            (Some(_), None) => Format::Feed,
            _ => Format::Html,
        };
    }
    if has("html") || has("body") || has("p") || has("div") {
        return Format::Html;
    }
    Format::Text
}

/// Where the next `<tag` start tag (followed by a space, `>` or `/`) is at
/// or after byte `from`.
pub(crate) fn tag_at(text: &str, tag: &str, from: usize) -> Option<usize> {
    let needle = format!("<{tag}");
    let mut i = from;
    while let Some(p) = text.get(i..)?.find(&needle) {
        let at = i + p;
        let next = text[at + needle.len()..].chars().next();
        if next.is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/') {
            return Some(at);
        }
        i = at + needle.len();
    }
    None
}

fn has_tag(head: &str, tag: &str) -> bool {
    tag_at(head, tag, 0).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff("\n---\ntitle: x\n---\n"), Format::Hexo);
        assert_eq!(
            sniff("<?xml version=\"1.0\"?><rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            sniff("<!-- generator --><feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(
            sniff("<?xml version=\"1.0\"?><!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(
            sniff("<!DOCTYPE html><html><body><p>rss feed</p>"),
            Format::Html
        );
        assert_eq!(sniff("{\"title\":\"a\"}\n"), Format::JsonLines);
        assert_eq!(sniff("[{\"title\":\"a\"}]"), Format::JsonLines);
        assert_eq!(sniff("[图] 淘宝内测微信支付"), Format::Text);
        assert_eq!(sniff("标题\n正文<p>一段</p>"), Format::Html);
        assert_eq!(sniff("标题\n正文，<feedback> 不是标签"), Format::Text);
    }
}
