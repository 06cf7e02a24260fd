//! Output: JSON, Markdown, HTML, charts, TimelineJS, dot, GraphML.

pub mod dot;
pub mod graphml;
pub mod json;
pub mod tables;
pub mod timelinejs;
