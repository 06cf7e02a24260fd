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

/// Escape text for HTML content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
