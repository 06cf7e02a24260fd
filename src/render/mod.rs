//! Output: JSON, Markdown, HTML, charts, TimelineJS, dot, GraphML.

pub mod charts;
pub mod dot;
pub mod fonts;
pub mod graphml;
pub mod html;
pub mod json;
pub mod markdown;
pub mod report;
pub mod tables;
pub mod timelinejs;
