//! The timeline graph: facts merged across articles, status chains, conflicts.

use crate::model::{Extraction, TimelineRow};

/// Merge extractions into timeline rows.
pub fn timeline(_extractions: &[Extraction]) -> Vec<TimelineRow> {
    Vec::new()
}
