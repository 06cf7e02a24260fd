//! JSON output: the timeline rows of GOLD.md, query answers, changes.

use serde::Serialize;
use std::io::{self, Write};

/// Write a value as indented JSON followed by a newline.
pub fn write_json<W: Write, T: Serialize + ?Sized>(mut out: W, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimelineRow;

    #[test]
    fn rows_keep_the_gold_field_names() {
        let row = TimelineRow {
            first: "2022-01".into(),
            subject: "wechat".into(),
            capability: "open_link".into(),
            object: Some("taobao".into()),
            scope: None,
            status: "available".into(),
            sources: vec!["a.txt".into()],
            evidence: Vec::new(),
            conflict: false,
        };
        let mut buf = Vec::new();
        let written = write_json(&mut buf, &[row]);
        assert!(written.is_ok());
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap_or_default();
        let first = &v[0];
        for k in [
            "first",
            "subject",
            "capability",
            "object",
            "scope",
            "status",
            "sources",
        ] {
            assert!(first.get(k).is_some(), "{k} missing in {v}");
        }
        assert_eq!(first["sources"][0], "a.txt");
    }
}
