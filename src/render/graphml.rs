//! GraphML output of the timeline graph, for Gephi and yEd.

use crate::graph::{beijing_date, Edge, Node, Role, Timeline};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::fmt::Write;

/// Escape text for XML, dropping characters XML 1.0 cannot hold at all.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            _ => out.push(c),
        }
    }
    out
}

const NODE_KEYS: [&str; 11] = [
    "kind",
    "label",
    "subject",
    "capability",
    "object",
    "scope",
    "status",
    "first",
    "published",
    "title",
    "conflict",
];

fn data(out: &mut String, key: &str, value: &str) {
    let _ = write!(out, "<data key=\"{key}\">{}</data>", escape_xml(value));
}

/// The whole graph in GraphML, every value escaped.
pub fn graphml(t: &Timeline) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for k in NODE_KEYS {
        let ty = if k == "conflict" { "boolean" } else { "string" };
        let _ = writeln!(
            out,
            "  <key id=\"{k}\" for=\"node\" attr.name=\"{k}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str("  <key id=\"sources\" for=\"node\" attr.name=\"sources\" attr.type=\"int\"/>\n");
    out.push_str(
        "  <key id=\"edge_kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n",
    );
    out.push_str(
        "  <key id=\"edge_label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n",
    );
    out.push_str("  <graph id=\"hutong\" edgedefault=\"directed\">\n");
    for i in t.graph.node_indices() {
        let Some(n) = t.graph.node_weight(i) else {
            continue;
        };
        let _ = write!(out, "    <node id=\"n{}\">", i.index());
        data(&mut out, "kind", n.kind());
        data(&mut out, "label", &n.to_string());
        match n {
            Node::Article(a) => {
                if let Some(p) = &a.published {
                    data(&mut out, "published", &beijing_date(p).to_string());
                }
                data(&mut out, "title", &a.title);
            }
            Node::Entity { .. } => {}
            Node::Fact(f) => {
                data(&mut out, "subject", &f.key.subject);
                data(&mut out, "capability", &f.key.capability);
                if let Some(o) = &f.key.object {
                    data(&mut out, "object", o);
                }
                if let Some(s) = &f.key.scope {
                    data(&mut out, "scope", s);
                }
                data(&mut out, "status", &f.status);
                data(&mut out, "first", &f.first);
                data(
                    &mut out,
                    "conflict",
                    if f.conflict { "true" } else { "false" },
                );
                data(&mut out, "sources", &f.sources.len().to_string());
            }
        }
        out.push_str("</node>\n");
    }
    for e in t.graph.edge_references() {
        let _ = write!(
            out,
            "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\">",
            e.id().index(),
            e.source().index(),
            e.target().index()
        );
        let w = e.weight();
        data(&mut out, "edge_kind", w.kind());
        let label = match w {
            Edge::Reports { when } => when.clone(),
            Edge::Involves {
                role: Role::Subject,
            } => "subject".into(),
            Edge::Involves { role: Role::Object } => "object".into(),
            _ => String::new(),
        };
        if !label.is_empty() {
            data(&mut out, "edge_label", &label);
        }
        out.push_str("</edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_and_drops_control_characters() {
        assert_eq!(
            escape_xml("a<b & \"c\"\u{1}'"),
            "a&lt;b &amp; &quot;c&quot;&apos;"
        );
    }
}
