//! Held-out articles: news-style posts about interoperability events and
//! look-alikes, annotated by GOLD.md's rules before extraction was run on
//! them. Their figures estimate how the rules do on articles they were not
//! written for; the floors keep a rule change from quietly losing ground.

mod common;

use serde_json::Value;
use std::path::Path;

/// Score a set against its gold: every article must be scored, and each
/// figure must stay above its floor.
fn check(set: &str, articles: u64, floors: &[(&str, f64)]) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let v = common::eval(&root.join(format!("{set}_gold")), [root.join(set)]);
    assert_eq!(v["articles"], articles, "{v}");
    assert_eq!(v["missing"], Value::Array(Vec::new()), "{v}");
    common::assert_floors(&v, floors);
}

/// The first set: short news-style posts, one or two facts each.
#[test]
fn held_out_figures_stay_above_their_floors() {
    check(
        "heldout",
        20,
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
#[test]
fn second_set_figures_stay_above_their_floors() {
    check(
        "heldout2",
        20,
        &[
            ("relevance", 1.0),
            ("entities", 1.0),
            ("timex_value", 0.98),
            ("events_pair", 0.99),
            ("events_fact", 0.99),
            ("events_full", 0.98),
        ],
    );
}

/// The third set, annotated by someone who had not read the rules, so its
/// articles are not worded the way the rules are: Markdown posts with other
/// front matter keys and date formats, pages of other outlets' shapes (share
/// bars, ads, captions, related reading), items of one RSS feed and records
/// of one JSON Lines file, and look-alikes (an earnings report, appliances'
/// 互联互通, merger fines, a copyright ruling, one group's own openings,
/// interfaces opened to merchants, a denied rumour, a delivery price war, a
/// check on pop-up ads). The floors sit under its first, blind run, but
/// timex_value under the run after the kinds it found missing were added
/// and relevance at its run after platforms with no id were counted.
#[test]
fn third_set_figures_stay_above_their_floors() {
    check(
        "heldout3",
        20,
        &[
            ("relevance", 1.0),
            ("entities", 1.0),
            ("timex_value", 0.99),
            ("events_pair", 0.98),
            ("events_fact", 0.95),
            ("events_full", 0.92),
        ],
    );
}

/// The fourth set, written and annotated blind like the third: Markdown
/// posts with other date formats, outlets' pages with ads, captions and
/// earlier-post lists, a Hong Kong page in Big5 and a Taiwan one in
/// traditional characters, a forum thread, an Atom feed and a JSON Lines
/// file; facts told as history, several statuses of one capability, mutual
/// QR acceptance, demands stated in passing; look-alikes (smart homes, data
/// sharing, stock connect, charging, fines, earnings, one group's openings,
/// a denied rumour, a product review). Its blind first run gave events full
/// 0.54; the floors sit under the run after its misses were worked through.
#[test]
fn fourth_set_figures_stay_above_their_floors() {
    check(
        "heldout4",
        24,
        &[
            ("relevance", 1.0),
            ("entities", 1.0),
            ("timex_value", 0.99),
            ("events_pair", 0.99),
            ("events_fact", 0.94),
            ("events_full", 0.91),
        ],
    );
}

/// The fifth set, written and annotated blind by GOLD.md's rules: outlets'
/// pages with the date only in JSON-LD, a `<time>` element, a byline or a
/// WeChat `em#publish_time`, with ads, related lists and comments around the
/// body; a GBK page, a Hong Kong and a Taiwan page in traditional
/// characters; Markdown posts with RFC 2822, ISO, Chinese and Unix-time
/// dates; an RSS feed with CDATA bodies, an Atom feed with an escaped-HTML
/// entry and a summary-only one, JSON Lines with differently named fields, a
/// plain-text file with no date. Facts told as history, tests before full
/// launches, partial and planned openings, negations, QR acceptance both
/// ways; look-alikes (charging, medical insurance, swap connect, insurance
/// claims, earnings, fines, a review, one group's openings, a denied rumour,
/// an opinion with no fact). The floors sit a little under its blind run.
#[test]
fn fifth_set_figures_stay_above_their_floors() {
    check(
        "heldout5",
        25,
        &[
            ("relevance", 0.90),
            ("entities", 0.97),
            ("timex_value", 0.94),
            ("events_pair", 0.73),
            ("events_fact", 0.68),
            ("events_full", 0.49),
        ],
    );
}
