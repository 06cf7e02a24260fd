//! The real pipeline over the seed and development articles, scored against
//! the gold timexes as the shared scorer does (`timex_value`: a multiset of
//! (text without whitespace, value, mod) per article).

use hutong::lexicon::Lexicon;
use hutong::read::{read_path, Limits};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

type Key = (String, String, Option<String>);

fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    p.join("gold").is_dir().then_some(p)
}

/// Gold timexes per article name from a folder of gold YAML files.
fn load_gold(dir: &Path) -> HashMap<String, Vec<Key>> {
    let mut out = HashMap::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for f in files {
        if f.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let doc: serde_json::Value = match yaml_serde::from_str(&text) {
            Ok(v) => v,
            Err(e) => panic!("{}: {e}", f.display()),
        };
        let Some(article) = doc.get("article").and_then(|a| a.as_str()) else {
            continue;
        };
        let keys = doc
            .get("timexes")
            .and_then(|t| t.as_array())
            .map(|ts| {
                ts.iter()
                    .map(|t| {
                        let s = |k: &str| {
                            t.get(k).and_then(|v| match v {
                                serde_json::Value::String(s) => Some(s.clone()),
                                serde_json::Value::Null => None,
                                other => Some(other.to_string()),
                            })
                        };
                        (
                            squash(&s("text").unwrap_or_default()),
                            s("value").unwrap_or_default(),
                            s("mod"),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.insert(article.to_string(), keys);
    }
    out
}

/// Predicted timexes per article name for every article under `dir`.
fn predict(dir: &Path) -> HashMap<String, Vec<Key>> {
    let lex = Lexicon::builtin();
    let mut out = HashMap::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for f in files {
        let Ok(articles) = read_path(&f, &Limits::default()) else {
            continue;
        };
        for a in articles {
            let ex = hutong::pipeline::extract(&lex, &a, false);
            let keys = ex
                .timexes
                .iter()
                .map(|t| {
                    let m = t.modifier.map(|m| format!("{m:?}").to_uppercase());
                    (squash(&t.text), t.value.clone(), m)
                })
                .collect();
            out.insert(ex.article, keys);
        }
    }
    out
}

/// (tp, fp, fn) over all gold articles, printing each article's misses.
fn score(
    gold: &HashMap<String, Vec<Key>>,
    pred: &HashMap<String, Vec<Key>>,
) -> (usize, usize, usize) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut names: Vec<_> = gold.keys().collect();
    names.sort();
    for name in names {
        let g = &gold[name];
        let p = pred.get(name).cloned().unwrap_or_default();
        let mut left: Vec<Option<&Key>> = p.iter().map(Some).collect();
        let mut missed = Vec::new();
        for k in g {
            match left.iter_mut().find(|x| x.is_some_and(|x| x == k)) {
                Some(slot) => {
                    *slot = None;
                    tp += 1;
                }
                None => {
                    missed.push(k);
                    fn_ += 1;
                }
            }
        }
        let extra: Vec<&Key> = left.into_iter().flatten().collect();
        fp += extra.len();
        if !missed.is_empty() || !extra.is_empty() {
            println!("{name}");
            for k in missed {
                println!("  missed {k:?}");
            }
            for k in extra {
                println!("  extra  {k:?}");
            }
        }
    }
    (tp, fp, fn_)
}

fn f1((tp, fp, fn_): (usize, usize, usize)) -> f64 {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!("P {p:.4} R {r:.4} F1 {f:.4} (tp {tp}, fp {fp}, fn {fn_})");
    f
}

#[test]
fn seeds_timexes_match_gold_exactly() {
    let Some(sh) = shared() else {
        println!("../shared is absent: skipped");
        return;
    };
    let gold = load_gold(&sh.join("gold/seeds"));
    assert!(!gold.is_empty(), "no seed gold");
    let pred = predict(&sh.join("seeds"));
    println!("seeds:");
    let f = f1(score(&gold, &pred));
    assert!((f - 1.0).abs() < 1e-9, "seeds timex F1 {f}");
}

#[test]
fn dev_timexes_reach_the_floor() {
    let Some(sh) = shared() else {
        println!("../shared is absent: skipped");
        return;
    };
    let gold = load_gold(&sh.join("gold/dev"));
    assert!(!gold.is_empty(), "no dev gold");
    let pred = predict(&sh.join("corpus/dev"));
    println!("dev:");
    let f = f1(score(&gold, &pred));
    assert!(f >= 0.98, "dev timex F1 {f}");
}
