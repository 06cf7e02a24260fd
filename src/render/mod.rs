//! Output: JSON, Markdown, HTML, charts, TimelineJS, dot, GraphML.
pub mod charts;
pub mod fonts;
pub mod html;
pub mod markdown;
pub mod report;
