//! The merged timeline, scored like tools/score.py --timeline, and `changes`.

mod gold_jsonl;

use gold_jsonl::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn timeline_json(args: &[&str]) -> Vec<Value> {
    let out = hutong_ok(args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("timeline json: {e}\n{out}"))
}

/// Score the timeline of the gold-derived lines of one set.
fn score_gold_set(set: &str) -> (f64, f64) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let jsonl = write_lines(dir.path(), "pred.jsonl", &gold_lines(set));
    let rows = timeline_json(&["timeline", "--from-jsonl", &jsonl, "--format", "json"]);
    let (f1, agree) = score(&gold_timeline(set), &rows);
    let tl = dir.path().join("timeline.json");
    std::fs::write(&tl, serde_json::to_string(&rows).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some((pf1, pagree)) = score_py(set, std::path::Path::new(&jsonl), &tl) {
        assert_eq!(
            (pf1, pagree),
            ((f1 * 1e4).round() / 1e4, (agree * 1e4).round() / 1e4)
        );
    }
    eprintln!("{set}: timeline F1 {f1:.4}, first month agrees {agree:.4}");
    (f1, agree)
}

#[test]
fn seeds_gold_timeline_scores_one() {
    let (f1, agree) = score_gold_set("seeds");
    assert_eq!(f1, 1.0);
    assert_eq!(agree, 1.0);
}

#[test]
fn dev_gold_timeline_scores_at_least_0_99() {
    let (f1, agree) = score_gold_set("dev");
    assert!(f1 >= 0.99, "F1 {f1}");
    assert!(agree >= 0.99, "first month {agree}");
}

#[test]
fn every_row_has_the_gold_fields_and_sources_earliest_first() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let jsonl = write_lines(dir.path(), "seeds.jsonl", &gold_lines("seeds"));
    let published: BTreeMap<String, String> = gold_articles("seeds")
        .iter()
        .map(|g| {
            (
                g["article"].as_str().unwrap_or("").to_string(),
                g["published"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let rows = timeline_json(&["timeline", "--from-jsonl", &jsonl, "--format", "json"]);
    assert!(!rows.is_empty());
    for r in &rows {
        for k in [
            "first",
            "subject",
            "capability",
            "object",
            "scope",
            "status",
            "sources",
        ] {
            assert!(r.get(k).is_some(), "{k} missing in {r}");
        }
        let dates: Vec<&str> = r["sources"]
            .as_array()
            .map(|s| {
                s.iter()
                    .filter_map(Value::as_str)
                    .map(|a| published.get(a).map(String::as_str).unwrap_or(""))
                    .collect()
            })
            .unwrap_or_default();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted, "{r}");
    }
}

#[test]
fn shards_merge_to_the_timeline_of_one_run() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut all = gold_lines("seeds");
    all.extend(gold_lines("dev"));
    let whole = write_lines(dir.path(), "all.jsonl", &all);
    // Interleaved shards, given in reverse, with one article in both.
    let (a, b): (Vec<_>, Vec<_>) = all
        .iter()
        .cloned()
        .enumerate()
        .partition(|(i, _)| i % 2 == 0);
    let mut a: Vec<String> = a.into_iter().map(|(_, l)| l).collect();
    let b: Vec<String> = b.into_iter().map(|(_, l)| l).collect();
    a.extend(b.first().cloned());
    let sa = write_lines(dir.path(), "a.jsonl", &a);
    let sb = write_lines(dir.path(), "b.jsonl", &b);
    let one = hutong_ok(&["timeline", "--from-jsonl", &whole, "--format", "json"]);
    let two = hutong_ok(&["timeline", "--from-jsonl", &sb, &sa, "--format", "json"]);
    assert_eq!(one, two);
    let rows: Vec<Value> = serde_json::from_str(&one).unwrap_or_default();
    assert!(rows.len() >= gold_timeline("seeds").len());
}

#[test]
fn every_format_renders_the_same_facts() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let jsonl = write_lines(dir.path(), "seeds.jsonl", &gold_lines("seeds"));
    let n = gold_timeline("seeds").len();

    let tjs: Value = serde_json::from_str(&hutong_ok(&[
        "timeline",
        "--from-jsonl",
        &jsonl,
        "--format",
        "timelinejs",
    ]))
    .unwrap_or_default();
    let events = tjs["events"].as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(events, n);
    assert!(tjs["events"][0]["start_date"]["year"].is_string());
    assert!(tjs["events"][0]["text"]["headline"].is_string());

    let dot = hutong_ok(&["timeline", "--from-jsonl", &jsonl, "--format", "dot"]);
    assert!(dot.starts_with("digraph {"));
    assert_eq!(dot.matches("shape=box").count(), n);
    assert_eq!(dot.matches("shape=note").count(), 2);

    let gml = hutong_ok(&["timeline", "--from-jsonl", &jsonl, "--format", "graphml"]);
    assert!(gml.starts_with("<?xml"));
    assert_eq!(gml.matches("<data key=\"kind\">fact</data>").count(), n);
    assert_eq!(
        gml.matches("<node ").count(),
        gml.matches("</node>").count()
    );
    assert!(gml.contains("next_status"));

    let md = hutong_ok(&["timeline", "--from-jsonl", &jsonl, "--format", "md"]);
    assert_eq!(md.lines().filter(|l| l.starts_with("| 20")).count(), n);

    let text = hutong_ok(&["timeline", "--from-jsonl", &jsonl]);
    assert_eq!(text.lines().filter(|l| l.starts_with("20")).count(), n);
}

#[test]
fn a_broken_line_is_named_and_the_rest_still_merged() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut lines = gold_lines("seeds");
    lines.insert(1, "{\"article\": 3".to_string());
    let jsonl = write_lines(dir.path(), "broken.jsonl", &lines);
    let o = hutong(&["timeline", "--from-jsonl", &jsonl, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("broken.jsonl:2:"), "{err}");
    let rows: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap_or_default();
    assert_eq!(score(&gold_timeline("seeds"), &rows).0, 1.0);

    let o = hutong(&["timeline", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Which facts of the gold timeline only articles published after `from`
/// (up to `to`) state.
fn gold_new_between(set: &str, from: &str, to: &str) -> BTreeSet<RowKey> {
    let published: BTreeMap<String, String> = gold_articles(set)
        .iter()
        .map(|g| {
            let p = g["published"].as_str().unwrap_or("");
            (
                g["article"].as_str().unwrap_or("").to_string(),
                p.get(..10).unwrap_or(p).to_string(),
            )
        })
        .collect();
    gold_timeline(set)
        .iter()
        .filter(|r| {
            let days: Vec<&str> = r["sources"]
                .as_array()
                .map(|s| {
                    s.iter()
                        .filter_map(Value::as_str)
                        .filter_map(|a| published.get(a).map(String::as_str))
                        .collect()
                })
                .unwrap_or_default();
            days.iter().all(|d| *d > from) && days.iter().any(|d| *d <= to)
        })
        .map(row_key)
        .collect()
}

fn key(s: &str, c: &str, o: Option<&str>, sc: Option<&str>, st: &str) -> RowKey {
    (
        s.into(),
        c.into(),
        o.map(Into::into),
        sc.map(Into::into),
        st.into(),
    )
}

/// What GOLD's seeds timeline says the change from 2022-01-31 to 2022-03-31 is.
fn assert_seed_changes(c: &Value) {
    let changes = c["status_changes"].as_array().cloned().unwrap_or_default();
    let pay = changes
        .iter()
        .find(|s| {
            s["subject"] == "taobao"
                && s["capability"] == "accept_payment"
                && s["object"] == "wechat_pay"
        })
        .unwrap_or_else(|| panic!("no taobao accept_payment wechat_pay change in {c}"));
    assert_eq!(pay["before"], "not_supported");
    assert_eq!(pay["after"], "beta");
    assert_eq!(month(pay["before_first"].as_str().unwrap_or("")), "2022-01");
    assert_eq!(month(pay["after_first"].as_str().unwrap_or("")), "2022-03");

    let new: BTreeMap<RowKey, String> = c["new_facts"]
        .as_array()
        .map(|rs| {
            rs.iter()
                .map(|r| (row_key(r), month(r["first"].as_str().unwrap_or(""))))
                .collect()
        })
        .unwrap_or_default();
    let pay_on_behalf = key("taobao", "pay_on_behalf", Some("wechat"), None, "available");
    assert!(new.contains_key(&pay_on_behalf), "{new:?}");
    let share = new.iter().find(|(k, _)| {
        k.0 == "wechat"
            && k.1 == "share_link"
            && k.2.as_deref() == Some("taobao")
            && k.4 == "available"
    });
    assert_eq!(share.map(|(_, m)| m.as_str()), Some("2022-01"), "{new:?}");
    assert!(new.contains_key(&key(
        "taobao",
        "accept_payment",
        Some("wechat_pay"),
        None,
        "beta"
    )));

    let superseded: Vec<RowKey> = c["superseded"]
        .as_array()
        .map(|rs| rs.iter().map(row_key).collect())
        .unwrap_or_default();
    assert!(superseded.contains(&key(
        "taobao",
        "accept_payment",
        Some("wechat_pay"),
        None,
        "not_supported"
    )));
}

#[test]
fn changes_on_gold_seeds_show_wechat_pay_going_to_beta_and_the_new_facts() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let jsonl = write_lines(dir.path(), "seeds.jsonl", &gold_lines("seeds"));
    let args = [
        "changes",
        "--from-jsonl",
        &jsonl,
        "--from",
        "2022-01-31",
        "--to",
        "2022-03-31",
    ];
    let out = hutong_ok(&[&args[..], &["--format", "json"]].concat());
    let c: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    assert_seed_changes(&c);
    // Exactly the gold facts only the later article states are new.
    let new: BTreeSet<RowKey> = c["new_facts"]
        .as_array()
        .map(|rs| rs.iter().map(row_key).collect())
        .unwrap_or_default();
    assert_eq!(new, gold_new_between("seeds", "2022-01-31", "2022-03-31"));

    let text = hutong_ok(&args);
    let line = text
        .lines()
        .find(|l| l.contains("accept_payment") && l.contains("->"))
        .unwrap_or_else(|| panic!("no status change line:\n{text}"));
    assert!(
        line.contains("taobao") && line.contains("wechat_pay"),
        "{line}"
    );
    assert!(
        line.contains("not_supported (2022-01-27) -> beta (2022-03-26)"),
        "{line}"
    );
    let md = hutong_ok(&[&args[..], &["--format", "md"]].concat());
    assert!(
        md.contains("| not_supported (2022-01-27) | beta (2022-03-26) |"),
        "{md}"
    );
}

#[test]
fn changes_before_any_article_lists_everything_as_new() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let jsonl = write_lines(dir.path(), "seeds.jsonl", &gold_lines("seeds"));
    let out = hutong_ok(&[
        "changes",
        "--from-jsonl",
        &jsonl,
        "--from",
        "2021-12",
        "--to",
        "2022",
        "--format",
        "json",
    ]);
    let c: Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(c["articles_before"], 0);
    assert_eq!(
        c["new_facts"].as_array().map(Vec::len),
        Some(gold_timeline("seeds").len())
    );
    assert_eq!(c["status_changes"].as_array().map(Vec::len), Some(0));
    let o = hutong(&[
        "changes",
        "--from-jsonl",
        &jsonl,
        "--from",
        "2022-03",
        "--to",
        "2022-01",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn seeds_articles_timeline_scores_one() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let rows = timeline_json(&["timeline", "seeds", "--format", "json"]);
    let (f1, agree) = score(&gold_timeline("seeds"), &rows);
    let tl = dir.path().join("timeline.json");
    std::fs::write(&tl, serde_json::to_string(&rows).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    let pred = dir.path().join("pred.jsonl");
    std::fs::write(&pred, hutong_ok(&["extract", "seeds"])).unwrap_or_else(|e| panic!("{e}"));
    if let Some(py) = score_py("seeds", &pred, &tl) {
        assert_eq!(py, ((f1 * 1e4).round() / 1e4, (agree * 1e4).round() / 1e4));
    }
    assert_eq!((f1, agree), (1.0, 1.0));
}

#[test]
fn changes_on_the_seed_articles_show_wechat_pay_going_to_beta() {
    let out = hutong_ok(&[
        "changes",
        "seeds",
        "--from",
        "2022-01-31",
        "--to",
        "2022-03-31",
        "--format",
        "json",
    ]);
    let c: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    assert_seed_changes(&c);
}

#[test]
fn dev_articles_timeline_scores_at_least_0_7() {
    let corpus = shared().join("corpus/dev");
    let rows = timeline_json(&[
        "timeline",
        &corpus.display().to_string(),
        "--format",
        "json",
    ]);
    let (f1, agree) = score(&gold_timeline("dev"), &rows);
    eprintln!("dev articles: timeline F1 {f1:.4}, first month agrees {agree:.4}");
    assert!(f1 >= 0.7 && agree >= 0.7, "F1 {f1}, first month {agree}");
}

#[test]
fn a_sentence_both_seed_articles_print_is_one_evidence_from_the_earlier() {
    let lines = hutong_ok(&["extract", "seeds"]);
    let xs: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    // Per fact and status: each distinct quote and the earliest article holding it.
    let mut want: BTreeMap<RowKey, BTreeMap<String, (String, String)>> = BTreeMap::new();
    for x in &xs {
        let published = x["published"].as_str().unwrap_or("").to_string();
        let article = x["article"].as_str().unwrap_or("").to_string();
        for e in x["events"].as_array().into_iter().flatten() {
            let Some(q) = e["evidence"]["quote"].as_str() else {
                continue;
            };
            let q: String = q.chars().filter(|c| !c.is_whitespace()).collect();
            let slot = want.entry(row_key(e)).or_default();
            let cand = (published.clone(), article.clone());
            let held = slot.entry(q).or_insert_with(|| cand.clone());
            if cand < *held {
                *held = cand;
            }
        }
    }
    let rows = timeline_json(&["timeline", "seeds", "--format", "json"]);
    let mut shared = 0;
    for r in &rows {
        let got: BTreeMap<String, String> = r["evidence"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                (
                    e["quote"]
                        .as_str()
                        .unwrap_or("")
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect(),
                    e["article"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        let expected: BTreeMap<String, String> = want
            .get(&row_key(r))
            .map(|m| m.iter().map(|(q, (_, a))| (q.clone(), a.clone())).collect())
            .unwrap_or_default();
        assert_eq!(
            got.len(),
            r["evidence"].as_array().map(Vec::len).unwrap_or(0),
            "{r}"
        );
        assert_eq!(got, expected, "{r}");
        if r["sources"].as_array().map(Vec::len).unwrap_or(0) > got.len() {
            shared += 1;
        }
    }
    assert!(
        shared > 0,
        "the seeds repeat background paragraphs; some fact should show it"
    );
}
