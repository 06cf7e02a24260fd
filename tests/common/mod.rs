//! What the held-out tests share: scoring articles with `hutong eval` and
//! checking figures against floors.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `hutong eval --gold GOLD ARTICLES... --json`, parsed.
pub fn eval(gold: &Path, articles: impl IntoIterator<Item = PathBuf>) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .arg("eval")
        .arg("--gold")
        .arg(gold)
        .args(articles)
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

/// Every named F1 is at least its floor.
pub fn assert_floors(v: &Value, floors: &[(&str, f64)]) {
    for &(name, floor) in floors {
        let got = v["figures"][name]["f1"]
            .as_f64()
            .unwrap_or_else(|| panic!("no {name} figure in {v}"));
        assert!(got >= floor, "{name} F1 {got} fell below {floor}: {v}");
    }
}
