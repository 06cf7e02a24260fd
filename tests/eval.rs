//! `hutong eval` gives exactly the shared scorer's figures, on the seeds and
//! the development set, for real extraction output and for predictions with
//! every kind of disagreement with the gold.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// The scorer needs python3 with PyYAML; say so and skip when it is absent.
fn scorer() -> Option<PathBuf> {
    let script = shared().join("tools/score.py");
    if !script.is_file() {
        eprintln!("skipped: {} not found", script.display());
        return None;
    }
    let ok = Command::new("python3")
        .args(["-c", "import yaml"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: python3 with PyYAML is not available");
        return None;
    }
    Some(script)
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "{:?}: {}",
        cmd,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Both tools on the same predictions, as text and as JSON.
fn compare(gold: &Path, pred: &Path, timeline: Option<&Path>) -> Value {
    let script = match scorer() {
        Some(s) => s,
        None => return Value::Null,
    };
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for json in [false, true] {
        let mut h = Command::new(env!("CARGO_BIN_EXE_hutong"));
        h.arg("eval")
            .arg("--gold")
            .arg(gold)
            .arg("--pred")
            .arg(pred);
        let mut p = Command::new("python3");
        p.arg(&script)
            .arg("--gold")
            .arg(gold)
            .arg("--pred")
            .arg(pred);
        if let Some(t) = timeline {
            h.arg("--timeline").arg(t);
            p.arg("--timeline").arg(t);
        }
        if json {
            h.arg("--json");
            p.arg("--json");
        }
        ours.push(run(&mut h));
        theirs.push(run(&mut p));
    }
    assert_eq!(ours[0], theirs[0], "text output differs");
    assert_eq!(ours[1], theirs[1], "JSON output differs");
    serde_json::from_str(&ours[1]).unwrap()
}

fn gold_files(dir: &Path) -> Vec<Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| yaml_serde::from_str::<Value>(&std::fs::read_to_string(f).unwrap()).unwrap())
        .collect()
}

/// Predictions that disagree with the gold in every way the scorer looks
/// at: missing articles, flipped relevance, lost and extra entities,
/// respaced and wrong timexes, wrong mods, events off by a month, empty
/// objects, extra events.
fn perturbed(gold: &[Value]) -> Vec<Value> {
    let mut out = Vec::new();
    for (i, g) in gold
        .iter()
        .filter(|g| g.get("article").is_some())
        .enumerate()
    {
        if i % 7 == 1 {
            continue;
        }
        let mut p = g.clone();
        let relevant = g["relevant"].as_bool().unwrap_or(false);
        p["relevant"] = json!(if i % 4 == 1 { !relevant } else { relevant });
        let mut ents: Vec<Value> = g["entities"].as_array().cloned().unwrap_or_default();
        if i % 2 == 0 && !ents.is_empty() {
            ents.remove(0);
        }
        if i % 3 == 0 {
            ents.push(json!("jd"));
        }
        p["entities"] = json!(ents);
        let mut tx = Vec::new();
        for (j, t) in g["timexes"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            let mut t = t;
            match j % 5 {
                0 => continue,
                1 => {
                    let text = t["text"].as_str().unwrap_or("").replace(' ', "");
                    t["text"] = json!(text);
                }
                2 => t["mod"] = json!("END"),
                3 => t["value"] = json!("PAST_REF"),
                _ => t["mod"] = json!(""),
            }
            tx.push(t);
        }
        if let Some(first) = g["timexes"].get(0) {
            tx.push(first.clone());
        }
        p["timexes"] = json!(tx);
        let mut ev = Vec::new();
        for (j, e) in g["events"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            let mut e = e;
            match j % 5 {
                0 => continue,
                1 => {
                    let when = e["when"].as_str().unwrap_or("").to_string();
                    e["when"] = json!(if when.len() == 7 {
                        format!("{when}-15")
                    } else {
                        "2020-01-01".to_string()
                    });
                }
                2 => e["object"] = json!(""),
                3 => e["scope"] = json!("group_chat"),
                _ => {}
            }
            ev.push(e);
        }
        ev.push(
            json!({"when": "2024-02-20", "subject": "taobao", "capability": "accept_payment",
                       "object": "wechat_pay", "scope": null, "status": "beta"}),
        );
        p["events"] = json!(ev);
        out.push(p);
    }
    out
}

fn perturbed_timeline(gold: &[Value]) -> Vec<Value> {
    let rows = gold
        .iter()
        .find_map(|g| g.get("timeline"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut out = Vec::new();
    for (i, r) in rows.into_iter().enumerate() {
        let mut r = r;
        match i % 3 {
            0 => continue,
            1 => r["first"] = json!("2020-01-01"),
            _ => {}
        }
        out.push(r);
    }
    out.push(
        json!({"first": "2022-01-27", "subject": "wechat", "capability": "open_link",
                    "object": "taobao", "scope": "private_chat", "status": "available",
                    "sources": ["x.txt"]}),
    );
    out
}

fn write_jsonl(path: &Path, rows: &[Value]) {
    let text: String = rows.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(path, text).unwrap();
}

fn check_set(set: &str, corpus: &Path) {
    let gold = shared().join("gold").join(set);
    if !gold.is_dir() {
        eprintln!("skipped: {} not found", gold.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // Real extraction output.
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["extract", "--format", "jsonl"])
        .arg(corpus)
        .output()
        .unwrap();
    let extracted = dir.path().join("extracted.jsonl");
    std::fs::write(&extracted, &out.stdout).unwrap();
    let figures = compare(&gold, &extracted, None);
    if figures.is_null() {
        return;
    }
    let n = gold_files(&gold)
        .iter()
        .filter(|g| g.get("article").is_some())
        .count();
    assert_eq!(figures["articles"], json!(n));
    // Every corpus article was read, so none is missing.
    assert_eq!(figures["missing"], json!([]));
    // Perfect predictions: the gold itself.
    let files = gold_files(&gold);
    let perfect = dir.path().join("perfect.jsonl");
    write_jsonl(
        &perfect,
        &files
            .iter()
            .filter(|g| g.get("article").is_some())
            .cloned()
            .collect::<Vec<_>>(),
    );
    let f = compare(&gold, &perfect, None);
    assert_eq!(f["figures"]["timex_value"]["f1"], json!(1.0));
    // Flawed predictions and timeline.
    let flawed = dir.path().join("flawed.jsonl");
    write_jsonl(&flawed, &perturbed(&files));
    let timeline = dir.path().join("timeline.json");
    std::fs::write(
        &timeline,
        serde_json::to_string(&perturbed_timeline(&files)).unwrap(),
    )
    .unwrap();
    let f = compare(&gold, &flawed, Some(&timeline));
    let tv = &f["figures"]["timex_value"];
    assert!(
        tv["tp"].as_u64() > Some(0) && tv["fp"].as_u64() > Some(0) && tv["fn"].as_u64() > Some(0)
    );
    assert!(f["figures"]["timeline"]["first_month_agrees"].is_number());
    assert!(!f["missing"].as_array().unwrap().is_empty());
    // Articles extracted on the spot score as their saved output does.
    let direct = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["eval", "--json", "--gold"])
        .arg(&gold)
        .arg(corpus)
        .output()
        .unwrap();
    let via_file = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["eval", "--json", "--gold"])
        .arg(&gold)
        .arg("--pred")
        .arg(&extracted)
        .output()
        .unwrap();
    assert_eq!(direct.stdout, via_file.stdout);
}

#[test]
fn agrees_with_the_scorer_on_the_seeds() {
    check_set(
        "seeds",
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"),
    );
}

#[test]
fn agrees_with_the_scorer_on_the_dev_set() {
    check_set("dev", &shared().join("corpus/dev"));
}

#[test]
fn eval_needs_predictions_or_articles() {
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["eval", "--gold"])
        .arg(shared().join("gold/seeds"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(e.contains("--pred FILE"), "{e}");
}
