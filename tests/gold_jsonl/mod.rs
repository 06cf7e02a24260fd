//! Extraction lines made from the gold annotations of ../shared, so the
//! timeline can be tested apart from fact extraction. Nothing is copied into
//! the project: the gold is read where it lies.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn shared() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    assert!(
        p.join("gold").is_dir(),
        "{} is missing: the tests read the shared gold beside the clone",
        p.display()
    );
    p
}

pub fn gold_dir(set: &str) -> PathBuf {
    shared().join("gold").join(set)
}

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// YAML may read an unquoted `2021` as a number; ids and dates are strings.
fn stringify(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), stringify(v)))
                .collect(),
        ),
        Value::Number(n) => Value::String(n.to_string()),
        other => other.clone(),
    }
}

/// One gold file per article, in file order.
pub fn gold_articles(set: &str) -> Vec<Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(gold_dir(set))
        .unwrap_or_else(|e| panic!("{set}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .filter(|p| p.file_stem().is_some_and(|s| s != "timeline"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| yaml(p))
        .filter(|v| v.get("article").is_some())
        .collect()
}

/// `extract --format jsonl` lines holding the gold events.
pub fn gold_lines(set: &str) -> Vec<String> {
    gold_articles(set)
        .iter()
        .map(|g| {
            let events: Vec<Value> = g["events"]
                .as_array()
                .map(|es| es.iter().map(stringify).collect())
                .unwrap_or_default();
            json!({
                "article": g["article"],
                "published": stringify(&g["published"]),
                "title": "",
                "relevant": g["relevant"],
                "entities": g["entities"],
                "timexes": [],
                "events": events,
            })
            .to_string()
        })
        .collect()
}

/// The gold merged timeline's rows.
pub fn gold_timeline(set: &str) -> Vec<Value> {
    let t = yaml(&gold_dir(set).join("timeline.yaml"));
    t["timeline"]
        .as_array()
        .map(|rs| rs.iter().map(stringify).collect())
        .unwrap_or_default()
}

pub type RowKey = (String, String, Option<String>, Option<String>, String);

pub fn row_key(r: &Value) -> RowKey {
    let s = |k: &str| r.get(k).and_then(Value::as_str).map(String::from);
    let opt = |k: &str| s(k).filter(|v| !v.is_empty());
    (
        s("subject").unwrap_or_default(),
        s("capability").unwrap_or_default(),
        opt("object"),
        opt("scope"),
        s("status").unwrap_or_default(),
    )
}

pub fn month(v: &str) -> String {
    if v.len() >= 7 && v.as_bytes().get(4) == Some(&b'-') {
        v.get(..7).unwrap_or(v).to_string()
    } else {
        v.to_string()
    }
}

/// (F1, first-month agreement) by the rules of tools/score.py --timeline.
pub fn score(gold: &[Value], pred: &[Value]) -> (f64, f64) {
    let map = |rows: &[Value]| -> BTreeMap<RowKey, String> {
        rows.iter()
            .map(|r| (row_key(r), month(r["first"].as_str().unwrap_or(""))))
            .collect()
    };
    let (g, p) = (map(gold), map(pred));
    let tp = g.keys().filter(|k| p.contains_key(*k)).count() as f64;
    let (fp, fal) = (p.len() as f64 - tp, g.len() as f64 - tp);
    let prec = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let rec = if tp + fal > 0.0 { tp / (tp + fal) } else { 0.0 };
    let f1 = if prec + rec > 0.0 {
        2.0 * prec * rec / (prec + rec)
    } else {
        0.0
    };
    let agree = g.iter().filter(|(k, m)| p.get(*k) == Some(*m)).count() as f64;
    (f1, if tp > 0.0 { agree / tp } else { 0.0 })
}

/// The figures of tools/score.py itself, when Python 3 with PyYAML is there.
pub fn score_py(set: &str, pred_jsonl: &Path, timeline_json: &Path) -> Option<(f64, f64)> {
    let script = shared().join("tools/score.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg("--gold")
        .arg(gold_dir(set))
        .arg("--pred")
        .arg(pred_jsonl)
        .arg("--timeline")
        .arg(timeline_json)
        .arg("--json")
        .output();
    let out = match out {
        Ok(o) if o.status.success() => o,
        Ok(o) => {
            eprintln!(
                "score.py not run (python3 or PyYAML missing?): {}",
                String::from_utf8_lossy(&o.stderr)
            );
            return None;
        }
        Err(e) => {
            eprintln!("score.py not run: python3: {e}");
            return None;
        }
    };
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("score.py output: {e}"));
    let t = &v["figures"]["timeline"];
    Some((
        t["f1"]
            .as_f64()
            .unwrap_or_else(|| panic!("no timeline F1 in {v}")),
        t["first_month_agrees"]
            .as_f64()
            .unwrap_or_else(|| panic!("no agreement in {v}")),
    ))
}

pub fn hutong(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("hutong: {e}"))
}

/// Run hutong and demand success; its standard output.
pub fn hutong_ok(args: &[&str]) -> String {
    let o = hutong(args);
    assert!(
        o.status.success(),
        "hutong {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap_or_else(|e| panic!("not UTF-8: {e}"))
}

/// Write lines to a file in `dir`; its path as a string.
pub fn write_lines(dir: &Path, name: &str, lines: &[String]) -> String {
    let p = dir.join(name);
    let mut text = lines.join("\n");
    text.push('\n');
    std::fs::write(&p, text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    p.display().to_string()
}
