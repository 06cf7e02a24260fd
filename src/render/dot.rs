//! Graphviz output of the timeline graph, through petgraph's `Dot`.

use crate::graph::{Edge, Node, Timeline};
use petgraph::dot::{Config, Dot, RankDir};
use petgraph::stable_graph::{EdgeReference, NodeIndex, StableGraph};

type G<'a> = &'a StableGraph<Node, Edge>;

fn node_attrs(_: G<'_>, (_, n): (NodeIndex, &Node)) -> String {
    match n {
        Node::Article(_) => "shape=note, color=gray40".into(),
        Node::Entity { .. } => "shape=ellipse, style=filled, fillcolor=lightblue".into(),
        Node::Fact(f) if f.conflict => "shape=box, style=filled, fillcolor=salmon".into(),
        Node::Fact(_) => "shape=box".into(),
    }
}

fn edge_attrs(_: G<'_>, e: EdgeReference<'_, Edge>) -> String {
    match e.weight() {
        Edge::Reports { .. } => "color=gray60".into(),
        Edge::Involves { .. } => "style=dotted".into(),
        Edge::NextStatus => "style=bold, color=firebrick".into(),
        Edge::Precedes => "style=dashed, color=gray40".into(),
    }
}

/// The whole graph (articles, entities, facts) in DOT.
pub fn dot(t: &Timeline) -> String {
    let config = [Config::RankDir(RankDir::LR)];
    format!(
        "{}",
        Dot::with_attr_getters(&t.graph, &config, &edge_attrs, &node_attrs)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Extraction, Fact, Relevance};

    #[test]
    fn every_node_and_edge_is_written_with_quotes_escaped() {
        let x = Extraction {
            article: "say \"hi\".txt".into(),
            published: Some("2022-01-27".into()),
            title: String::new(),
            url: None,
            relevant: true,
            relevance: Relevance::default(),
            entities: Vec::new(),
            timexes: Vec::new(),
            events: vec![Fact {
                when: "2022-01-27".into(),
                subject: "wechat".into(),
                capability: "open_link".into(),
                object: Some("taobao".into()),
                scope: None,
                status: "available".into(),
                evidence: None,
            }],
            text: None,
        };
        let t = Timeline::build(&[x]);
        let d = dot(&t);
        assert!(d.starts_with("digraph {"), "{d}");
        assert!(d.contains(r#"say \"hi\".txt"#), "{d}");
        // article, fact, two entities; reports + two involves
        assert_eq!(d.matches(" [ label").count(), 4 + 3, "{d}");
        assert!(d.contains("shape=note"));
    }
}
