//! Output: JSON, Markdown, HTML, charts, TimelineJS, dot, GraphML.
