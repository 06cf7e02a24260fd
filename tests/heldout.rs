//! Held-out articles: news-style posts about interoperability events and
//! look-alikes, annotated by GOLD.md's rules before extraction was run on
//! them. Their figures estimate how the rules do on articles they were not
//! written for; the floors keep a rule change from quietly losing ground.

mod common;

use serde_json::Value;
use std::path::Path;

fn figures() -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    common::eval(&root.join("heldout_gold"), [root.join("heldout")])
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
    common::assert_floors(
        &v,
        &[
            ("relevance", 1.0),
            ("entities", 1.0),
            ("timex_value", 0.98),
            ("events_pair", 1.0),
            ("events_fact", 1.0),
            ("events_full", 1.0),
        ],
    );
}

/// The second set: long articles shaped like real tech press (bylines,
/// captions, related reading, history recaps with their own dates, facts
/// stated in passing, quoted, negated, planned, in a test or reversed) and
/// look-alikes (stock connect, charging, health records, an earnings
/// report, a fine, a lawsuit, a denied rumour, tools opened to merchants).
fn figures2() -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    common::eval(&root.join("heldout2_gold"), [root.join("heldout2")])
}

#[test]
fn every_article_of_the_second_set_is_scored() {
    let v = figures2();
    assert_eq!(v["articles"], 20, "{v}");
    assert_eq!(v["missing"], Value::Array(Vec::new()), "{v}");
}

#[test]
fn second_set_figures_stay_above_their_floors() {
    let v = figures2();
    common::assert_floors(
        &v,
        &[
            ("relevance", 1.0),
            ("entities", 1.0),
            ("timex_value", 0.97),
            ("events_pair", 0.91),
            ("events_fact", 0.87),
            ("events_full", 0.82),
        ],
    );
}
