//! Reading: bytes -> [`Article`]s. The reader is chosen by content, not by
//! file extension: Hexo-style Markdown with YAML front matter, HTML pages,
//! RSS/Atom feeds, JSON Lines, plain text.

pub mod date;
pub mod encoding;
pub mod feed;
pub mod hexo;
pub mod html;
pub mod jsonl;

use crate::model::Article;
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
            walk_dir(p, &mut out);
        } else if p.exists() {
            out.push(Ok(p.clone()));
        } else {
            out.push(Err(ReadError::Io {
                path: p.display().to_string(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            }));
        }
    }
    out
}

fn walk_dir(dir: &Path, out: &mut Vec<Result<PathBuf, ReadError>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.push(Err(ReadError::Io {
                path: dir.display().to_string(),
                source,
            }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk_dir(&p, out);
        } else {
            out.push(Ok(p));
        }
    }
}

/// Read one input (a file or `-`) into its articles.
pub fn read_path(path: &Path, limits: &Limits) -> Result<Vec<Article>, ReadError> {
    let name = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        use std::io::Read;
        std::io::stdin()
            .take(limits.max_file_bytes + 1)
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
        if meta.len() > limits.max_file_bytes {
            return Err(ReadError::invalid(
                &name,
                format!(
                    "file is {} bytes, over the limit of {} (raise it with --max-file-bytes)",
                    meta.len(),
                    limits.max_file_bytes
                ),
            ));
        }
        std::fs::read(path).map_err(|source| ReadError::Io {
            path: name.clone(),
            source,
        })?
    };
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ReadError::invalid(&name, "input is over the size limit"));
    }
    let id = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "-".to_string());
    read_bytes(&bytes, &name, &id, limits)
}

/// Read a buffer: decode it, sniff its format, and hand it to its reader.
/// `source` names it in errors; `id` is the article name (the file name).
pub fn read_bytes(
    bytes: &[u8],
    source: &str,
    id: &str,
    limits: &Limits,
) -> Result<Vec<Article>, ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::invalid(source, "empty file"));
    }
    let text = encoding::decode(bytes).map_err(|m| ReadError::invalid(source, m))?;
    match sniff(&text) {
        Format::Hexo => hexo::read(&text, source, id).map(|a| vec![a]),
        Format::Html => html::read(&text, source, id, limits).map(|a| vec![a]),
        Format::Feed => feed::read(text.as_bytes(), source, id),
        Format::JsonLines => jsonl::read(&text, source, id),
        Format::Text => hexo::read_plain(&text, source, id).map(|a| vec![a]),
    }
}

/// Decide the format from the content.
pub fn sniff(text: &str) -> Format {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("---") {
        return Format::Hexo;
    }
    let head: String = t.chars().take(2048).collect::<String>().to_ascii_lowercase();
    if head.starts_with('{') {
        return Format::JsonLines;
    }
    if head.starts_with("<?xml") || head.starts_with("<rss") || head.starts_with("<feed") {
        if head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") {
            return Format::Feed;
        }
        if head.contains("<html") {
            return Format::Html;
        }
        return Format::Feed;
    }
    if head.starts_with('<') || head.contains("<html") || head.contains("<body") {
        return Format::Html;
    }
    Format::Text
}
