//! Real articles from the shared bulk corpus, annotated by GOLD.md's rules
//! before extraction was run on them, in two batches: the relevant ones found
//! there and hard look-alikes (互联互通 in other senses, takedowns that 屏蔽 or
//! 断开链接, mini programs of one owner, merchants' stores on a platform,
//! foreign cards bound to wallets). Their figures estimate how the rules do on
//! real news they were not written for; the floors keep a rule change from
//! quietly losing ground. The articles stay in the shared corpus: the gold
//! files name them, and the test skips when the corpus is not beside the
//! clone.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn gold_dir() -> PathBuf {
    root().join("tests/fixtures/bulk_gold")
}

/// The article each gold file names (the file name without `.yaml`).
fn gold_articles() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(gold_dir())
        .expect("bulk gold folder is readable")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".yaml"))
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    names
}

fn figures() -> Option<Value> {
    let bulk = root().join("../shared/corpus/bulk");
    if !bulk.is_dir() {
        eprintln!(
            "skipping: {} is absent, so the bulk gold articles cannot be read",
            bulk.display()
        );
        return None;
    }
    Some(common::eval(
        &gold_dir(),
        gold_articles().iter().map(|n| bulk.join(n)),
    ))
}

#[test]
fn every_bulk_gold_article_is_scored() {
    let Some(v) = figures() else { return };
    let n = gold_articles().len();
    assert!(n >= 40, "only {n} bulk gold files");
    assert_eq!(v["articles"], n, "{v}");
    assert_eq!(v["missing"], Value::Array(Vec::new()), "{v}");
}

#[test]
fn bulk_gold_figures_stay_above_their_floors() {
    let Some(v) = figures() else { return };
    common::assert_floors(
        &v,
        &[
            ("relevance", 0.99),
            ("entities", 0.99),
            ("timex_value", 0.95),
            ("events_pair", 0.95),
            ("events_fact", 0.85),
            ("events_full", 0.87),
        ],
    );
}
