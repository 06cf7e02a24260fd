//! RSS 2.0 and Atom feeds: each item is an article.

use super::ReadError;
use crate::model::Article;

/// Read a feed into its items.
pub fn read(_bytes: &[u8], source: &str, _id: &str) -> Result<Vec<Article>, ReadError> {
    Err(ReadError::invalid(source, "feeds are not read yet"))
}
