//! `hutong query`: one row per capability, entities given by id or name.

mod gold_jsonl;

use gold_jsonl::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// A lexicon with the names GOLD.md lists for the seeds' platforms.
const LEXICON: &str = "entities:
  - {id: alibaba, type: company, names: [阿里巴巴, 阿里]}
  - {id: taobao, type: app, names: [淘宝, 淘宝 App, 手机淘宝], parent: alibaba}
  - {id: xianyu, type: app, names: [闲鱼], parent: alibaba}
  - {id: wechat, type: app, names: [微信, WeChat]}
  - {id: wechat_pay, type: payment, names: [微信支付, 财付通]}
";

struct Setup {
    _dir: tempfile::TempDir,
    jsonl: String,
    lexicon: String,
}

fn setup(sets: &[&str]) -> Setup {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<String> = sets.iter().flat_map(|s| gold_lines(s)).collect();
    let jsonl = write_lines(dir.path(), "gold.jsonl", &lines);
    let lexicon = write_lines(dir.path(), "lexicon.yaml", &[LEXICON.to_string()]);
    Setup {
        _dir: dir,
        jsonl,
        lexicon,
    }
}

fn query_json(s: &Setup, extra: &[&str]) -> Vec<Value> {
    let args = [
        &[
            "query",
            "--from-jsonl",
            &s.jsonl,
            "--lexicon",
            &s.lexicon,
            "--format",
            "json",
        ][..],
        extra,
    ]
    .concat();
    let out = hutong_ok(&args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}"))
}

fn capability_keys(rows: &[Value]) -> BTreeSet<(String, String, Option<String>, Option<String>)> {
    rows.iter()
        .map(|r| {
            let (s, c, o, sc, _) = row_key(r);
            (s, c, o, sc)
        })
        .collect()
}

#[test]
fn a_chinese_name_finds_what_the_id_finds() {
    let s = setup(&["seeds"]);
    let by_name = query_json(&s, &["--subject", "淘宝"]);
    let by_id = query_json(&s, &["--subject", "taobao"]);
    let by_alias = query_json(&s, &["--subject", "手机淘宝"]);
    let gold: Vec<Value> = gold_timeline("seeds")
        .into_iter()
        .filter(|r| r["subject"] == "taobao")
        .collect();
    assert!(!gold.is_empty());
    assert_eq!(capability_keys(&by_name), capability_keys(&gold));
    assert_eq!(capability_keys(&by_id), capability_keys(&by_name));
    assert_eq!(capability_keys(&by_alias), capability_keys(&by_name));
}

#[test]
fn the_table_is_readable_and_says_the_status_now() {
    let s = setup(&["seeds"]);
    let table = hutong_ok(&[
        "query",
        "--from-jsonl",
        &s.jsonl,
        "--lexicon",
        &s.lexicon,
        "--subject",
        "淘宝",
    ]);
    let pay = table
        .lines()
        .find(|l| l.contains("accept_payment"))
        .unwrap_or_else(|| panic!("no accept_payment row:\n{table}"));
    assert!(pay.contains("淘宝 (taobao)"), "{pay}");
    assert!(pay.contains("微信支付 (wechat_pay)"), "{pay}");
    assert!(pay.contains("beta"), "{pay}");
    assert!(table.contains("Status now"));
    assert!(
        !table.contains("open_link"),
        "only Taobao's capabilities:\n{table}"
    );
}

#[test]
fn status_now_and_first_available_follow_the_chain() {
    let s = setup(&["seeds", "dev"]);
    let rows = query_json(&s, &["--subject", "淘宝", "--object", "微信支付"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let r = &rows[0];
    // The latest statement (2024-03-04) says WeChat Pay works since 2024-02.
    assert_eq!(r["status"], "available");
    assert_eq!(
        month(r["first_available"].as_str().unwrap_or("")),
        "2024-02"
    );
    assert_eq!(month(r["first_seen"].as_str().unwrap_or("")), "2022-01");
    let history: Vec<&str> = r["history"]
        .as_array()
        .map(|h| h.iter().filter_map(|s| s["status"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(history.first(), Some(&"not_supported"));
    assert_eq!(
        r["conflict"], true,
        "beta and planned are both stated for 2024-02-20"
    );

    let early = query_json(
        &s,
        &[
            "--subject",
            "淘宝",
            "--object",
            "微信支付",
            "--until",
            "2022-02",
        ],
    );
    assert_eq!(early.len(), 1);
    assert_eq!(early[0]["status"], "not_supported");
    assert_eq!(early[0]["first_available"], Value::Null);
}

#[test]
fn filters_by_status_capability_and_dates() {
    let s = setup(&["seeds", "dev"]);
    let available = query_json(&s, &["--status", "available"]);
    assert!(!available.is_empty());
    assert!(available.iter().all(|r| r["status"] == "available"));
    let links = query_json(&s, &["--capability", "open_link", "--object", "淘宝"]);
    assert!(!links.is_empty());
    assert!(links
        .iter()
        .all(|r| r["capability"] == "open_link" && r["object"] == "taobao"));
    let recent = query_json(&s, &["--since", "2024-03"]);
    assert!(!recent.is_empty());
    for r in &recent {
        let lasts: Vec<String> = r["history"]
            .as_array()
            .map(|h| {
                h.iter()
                    .map(|s| month(s["last"].as_str().unwrap_or("")))
                    .collect()
            })
            .unwrap_or_default();
        assert!(lasts.iter().any(|m| m.as_str() >= "2024-03"), "{r}");
    }
    assert!(recent.len() < query_json(&s, &[]).len());
    let csv = hutong_ok(&[
        "query",
        "--from-jsonl",
        &s.jsonl,
        "--format",
        "csv",
        "--subject",
        "wechat",
    ]);
    let mut lines = csv.lines();
    assert_eq!(
        lines
            .next()
            .map(|h| h.starts_with("subject,capability,object,scope,status")),
        Some(true)
    );
    assert!(lines.all(|l| l.starts_with("wechat,")));
}

#[test]
fn an_unknown_name_or_date_is_a_usage_error() {
    let s = setup(&["seeds"]);
    let o = hutong(&[
        "query",
        "--from-jsonl",
        &s.jsonl,
        "--lexicon",
        &s.lexicon,
        "--subject",
        "拼多多",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--subject 拼多多"));
    let o = hutong(&["query", "--from-jsonl", &s.jsonl, "--since", "last week"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_seed_articles_answer_a_query_by_chinese_name() {
    let out = hutong_ok(&["query", "seeds", "--subject", "淘宝", "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    let gold: Vec<Value> = gold_timeline("seeds")
        .into_iter()
        .filter(|r| r["subject"] == "taobao")
        .collect();
    assert_eq!(capability_keys(&rows), capability_keys(&gold));
}
