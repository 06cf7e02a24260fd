//! Rule families, one test each, on sentences made for them.

use super::tag;
use crate::model::{TimexMod, TimexType};
use chrono::NaiveDateTime;

fn at(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok()
}

/// (text, value, mod) of every expression.
fn t(text: &str, reference: &str) -> Vec<(String, String, Option<TimexMod>)> {
    tag(text, at(reference))
        .into_iter()
        .map(|x| (x.text, x.value, x.modifier))
        .collect()
}

fn vals(text: &str, reference: &str) -> Vec<String> {
    t(text, reference).into_iter().map(|(_, v, _)| v).collect()
}

#[test]
fn placeholder() {
    assert!(!vals("今天", "2023-01-01 10:00").is_empty());
    let _ = (TimexType::Date, TimexMod::End);
}
