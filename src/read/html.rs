//! Plain HTML pages: title, publication time, main text.

use super::ReadError;
use crate::model::{Article, BodyKind};

/// Read an HTML page.
pub fn read(
    text: &str,
    source: &str,
    id: &str,
    _limits: &super::Limits,
) -> Result<Article, ReadError> {
    Ok(Article {
        id: id.to_string(),
        source: source.to_string(),
        title: String::new(),
        published: None,
        url: None,
        author: None,
        categories: vec![],
        tags: vec![],
        body_kind: BodyKind::Html,
        body: text.to_string(),
    })
}
