//! JSON Lines: one article per line.

use super::ReadError;
use crate::model::Article;

/// Read JSON Lines into articles.
pub fn read(_text: &str, source: &str, _id: &str) -> Result<Vec<Article>, ReadError> {
    Err(ReadError::invalid(source, "JSON Lines are not read yet"))
}
