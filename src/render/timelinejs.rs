//! Knight Lab TimelineJS JSON: one slide per fact (with status), dated by
//! its first date, quoting its evidence.

use crate::graph::{FactNode, Precision, Timeline};
use crate::lexicon::Lexicon;
use crate::query::display_name;
use chrono::Datelike;
use serde_json::{json, Value};

use super::escape_html;

/// A fact's one-line title with display names.
pub fn headline(lex: &Lexicon, f: &FactNode) -> String {
    let mut h = format!(
        "{} {} {}",
        display_name(lex, &f.key.subject),
        f.key.capability,
        f.key
            .object
            .as_deref()
            .map(|o| display_name(lex, o))
            .unwrap_or("*")
    );
    if let Some(s) = &f.key.scope {
        h.push_str(&format!(" ({s})"));
    }
    h.push_str(&format!(": {}", f.status));
    h
}

fn slide(lex: &Lexicon, f: &FactNode) -> Option<Value> {
    let p = f.first_period?;
    let mut start = serde_json::Map::new();
    start.insert("year".into(), json!(p.start.year().to_string()));
    if p.precision <= Precision::Half {
        start.insert("month".into(), json!(p.start.month().to_string()));
    }
    if p.precision <= Precision::Week {
        start.insert("day".into(), json!(p.start.day().to_string()));
    }
    if p.precision > Precision::Month || p.precision == Precision::Week {
        // TimelineJS knows no quarters or halves: say which one is meant.
        start.insert("display_date".into(), json!(f.first));
    }
    let mut text = String::new();
    for q in &f.evidence {
        text.push_str(&format!(
            "<blockquote>{}</blockquote><p>— {}</p>",
            escape_html(&q.evidence.quote),
            escape_html(&q.evidence.article)
        ));
    }
    let sources: Vec<String> = f.sources.iter().map(|s| escape_html(&s.article)).collect();
    text.push_str(&format!("<p>Sources: {}</p>", sources.join(", ")));
    if f.conflict {
        text.push_str("<p>Another status of this capability has the same date.</p>");
    }
    Some(json!({
        "start_date": Value::Object(start),
        "text": {"headline": escape_html(&headline(lex, f)), "text": text},
        "group": display_name(lex, &f.key.subject),
    }))
}

/// The timeline as a TimelineJS document. Facts without a calendar date
/// cannot be placed and are left out.
pub fn timelinejs(t: &Timeline, lex: &Lexicon) -> Value {
    let events: Vec<Value> = t.facts().filter_map(|f| slide(lex, f)).collect();
    let articles = t.articles().count();
    json!({
        "title": {
            "text": {
                "headline": "互联互通",
                "text": format!("{} facts from {} articles", events.len(), articles),
            }
        },
        "events": events,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, Extraction, Fact, Relevance, Span};

    #[test]
    fn slides_carry_dates_and_escaped_evidence() {
        let x = Extraction {
            article: "a.txt".into(),
            published: Some("2022-03-26T07:06:09+08:00".into()),
            title: String::new(),
            url: None,
            relevant: true,
            relevance: Relevance::default(),
            entities: Vec::new(),
            timexes: Vec::new(),
            events: vec![
                Fact {
                    when: "2021-Q3".into(),
                    subject: "miit".into(),
                    capability: "mandate_unblock".into(),
                    object: None,
                    scope: None,
                    status: "required".into(),
                    evidence: None,
                },
                Fact {
                    when: "2022-03-26".into(),
                    subject: "taobao".into(),
                    capability: "accept_payment".into(),
                    object: Some("wechat_pay".into()),
                    scope: None,
                    status: "beta".into(),
                    evidence: Some(Evidence {
                        article: "a.txt".into(),
                        paragraph: "1".into(),
                        quote: "<b>淘宝</b>".into(),
                        span: Span::new(0, 1),
                    }),
                },
            ],
            text: None,
        };
        let lex = Lexicon::from_yaml("entities: [{id: taobao, type: app, names: [淘宝]}]")
            .unwrap_or_else(|e| panic!("{e}"));
        let v = timelinejs(&Timeline::build(&[x]), &lex);
        let ev = &v["events"];
        assert_eq!(ev[0]["start_date"]["year"], "2021");
        assert_eq!(ev[0]["start_date"]["month"], "7");
        assert_eq!(ev[0]["start_date"]["display_date"], "2021-Q3");
        assert!(ev[0]["start_date"].get("day").is_none());
        assert_eq!(ev[1]["start_date"]["day"], "26");
        assert_eq!(
            ev[1]["text"]["headline"],
            "淘宝 accept_payment wechat_pay: beta"
        );
        let text = ev[1]["text"]["text"].as_str().unwrap_or_default();
        assert!(text.contains("&lt;b&gt;淘宝&lt;/b&gt;"), "{text}");
    }
}
