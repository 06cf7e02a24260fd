//! Held-out articles: news-style posts about interoperability events and
//! look-alikes, annotated by GOLD.md's rules before extraction was run on
//! them. Their figures estimate how the rules do on articles they were not
//! written for; the floors keep a rule change from quietly losing ground.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn figures() -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .arg("eval")
        .arg("--gold")
        .arg(root.join("heldout_gold"))
        .arg(root.join("heldout"))
        .arg("--json")
        .output()
        .expect("hutong runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("eval prints JSON")
}

fn f1(v: &Value, name: &str) -> f64 {
    v["figures"][name]["f1"]
        .as_f64()
        .unwrap_or_else(|| panic!("no {name} figure in {v}"))
}

#[test]
fn every_held_out_article_is_scored() {
    let v = figures();
    assert_eq!(v["articles"], 20, "{v}");
    assert_eq!(v["missing"], Value::Array(Vec::new()), "{v}");
}

#[test]
fn held_out_figures_stay_above_their_floors() {
    let v = figures();
    for (name, floor) in [
        ("relevance", 1.0),
        ("entities", 1.0),
        ("timex_value", 0.98),
        ("events_pair", 1.0),
        ("events_fact", 1.0),
        ("events_full", 1.0),
    ] {
        let got = f1(&v, name);
        assert!(got >= floor, "{name} F1 {got} fell below {floor}: {v}");
    }
}
