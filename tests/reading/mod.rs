//! Reading fixtures as the library does, shared by the shape tests.

use hutong::model::Article;
use hutong::read::{self, Limits};
use hutong::text;
use std::path::PathBuf;

/// A fixture under `tests/fixtures/<dir>`.
pub fn fixture(dir: &str, name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
        .join(name)
}

/// Every article of a file, errors as text.
pub fn read_all(dir: &str, name: &str) -> Vec<Result<Article, String>> {
    read::read_path_each(&fixture(dir, name), &Limits::default())
        .into_iter()
        .map(|r| r.map_err(|e| e.to_string()))
        .collect()
}

/// The one article of a file, which must read.
pub fn read_one(dir: &str, name: &str) -> Article {
    let mut v = read_all(dir, name);
    assert_eq!(v.len(), 1, "{name}");
    v.remove(0).unwrap_or_else(|e| panic!("{e}"))
}

pub fn date(a: &Article) -> Option<String> {
    a.published.map(|d| d.to_rfc3339())
}

/// The article's paragraphs as the text model splits them.
pub fn paragraphs(a: &Article) -> Vec<String> {
    let doc = text::document(a);
    doc.paragraphs
        .iter()
        .map(|p| doc.text[p.span.start..p.span.end].to_string())
        .collect()
}
