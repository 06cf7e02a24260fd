//! Figures against gold annotations, by the rules of the shared scorer
//! (GOLD.md, "Figures"): relevance, entities, timex value and extent, events
//! at three levels, and the merged timeline. The figures, their rounding and
//! their printed form are the scorer's, so either can be used.
//!
//! Gold files are YAML and predictions JSON; both are read into JSON values
//! and compared with the scorer's loose rules: a missing field, `null` and
//! an empty value are the same where the scorer treats them so (`object`,
//! `scope`, `mod`), values are compared as text where it compares text.

use anyhow::{bail, Context};
use serde::ser::{SerializeMap, Serializer as _};
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Gold annotations of a set of articles, in file-name order.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    /// One entry per article name (a later file for the same article
    /// replaces the earlier one but keeps its place).
    pub articles: Vec<(Key, Value)>,
    /// The rows of `timeline.yaml`, when the folder has one.
    pub timeline: Option<Vec<Value>>,
}

/// Read every `*.yaml` of a folder (not hidden, not recursive); files with
/// an `article` field are article annotations, `timeline.yaml` is the merged
/// timeline.
pub fn load_gold(dir: &Path) -> anyhow::Result<Gold> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read gold folder", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".yaml") && !name.starts_with('.') && p.is_file()
        })
        .collect();
    files.sort();
    let mut gold = Gold::default();
    for f in &files {
        let doc = load_yaml(f)?;
        if let Some(name) = doc.get("article") {
            let key = Key::of(Some(name));
            match gold.articles.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = doc,
                None => gold.articles.push((key, doc)),
            }
        }
    }
    let tl = dir.join("timeline.yaml");
    if tl.is_file() {
        let doc = load_yaml(&tl)?;
        let rows = match doc.get("timeline") {
            Some(Value::Array(rows)) => rows.clone(),
            _ => bail!("{}: no `timeline` list", tl.display()),
        };
        gold.timeline = Some(rows);
    }
    if gold.articles.is_empty() {
        bail!("no gold files in {}", dir.display());
    }
    Ok(gold)
}

fn load_yaml(path: &Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    yaml_serde::from_str::<Option<Value>>(&text)
        .map(Option::unwrap_or_default)
        .with_context(|| format!("{}: not valid YAML", path.display()))
}

/// Predictions: one JSON object per line (`extract --format jsonl`).
pub fn load_pred(path: &Path) -> anyhow::Result<Vec<Value>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l.trim())
                .with_context(|| format!("{}: line {}: not valid JSON", path.display(), i + 1))
        })
        .collect()
}

/// A merged timeline (`timeline --format json`): a JSON array of rows.
pub fn load_timeline(path: &Path) -> anyhow::Result<Vec<Value>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    match serde_json::from_str(&text)
        .with_context(|| format!("{}: not valid JSON", path.display()))?
    {
        Value::Array(rows) => Ok(rows),
        _ => bail!("{}: not a JSON array of timeline rows", path.display()),
    }
}

/// A scalar as the scorer compares it: numbers equal across int and float
/// (and booleans as 0/1), text by its characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    None,
    Int(i64),
    Float(u64),
    Str(String),
    /// Lists and maps, by their JSON text (they never match a scalar).
    Other(String),
}

impl Key {
    fn of(v: Option<&Value>) -> Key {
        match v {
            None | Some(Value::Null) => Key::None,
            Some(Value::Bool(b)) => Key::Int(i64::from(*b)),
            Some(Value::Number(n)) => match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => Key::Int(i),
                (None, Some(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => Key::Int(f as i64),
                (None, Some(f)) => Key::Float(f.to_bits()),
                (None, None) => Key::Other(n.to_string()),
            },
            Some(Value::String(s)) => Key::Str(s.clone()),
            Some(other) => Key::Other(other.to_string()),
        }
    }

    /// `x or None`: a falsy value counts as absent.
    fn or_none(v: Option<&Value>) -> Key {
        if truthy(v) {
            Key::of(v)
        } else {
            Key::None
        }
    }

    fn str(s: String) -> Key {
        Key::Str(s)
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Key::None => write!(f, "None"),
            Key::Int(i) => write!(f, "{i}"),
            Key::Float(b) => write!(f, "{}", f64::from_bits(*b)),
            Key::Str(s) | Key::Other(s) => write!(f, "{s}"),
        }
    }
}

/// The scorer's truth: absent, null, false, zero and empty are false.
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// A value as text, the way the scorer turns values into strings.
fn text_of(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "None".to_string(),
        Some(Value::Bool(true)) => "True".to_string(),
        Some(Value::Bool(false)) => "False".to_string(),
        Some(Value::Number(n)) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (None, Some(u), _) => u.to_string(),
            (None, None, Some(f)) if f.fract() == 0.0 && f.abs() < 1e16 => format!("{f:.1}"),
            _ => n.to_string(),
        },
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_object().and_then(|o| o.get(key))
}

/// `x or []` iterated: a list's items; a string's characters; a map's keys.
fn items(v: Option<&Value>) -> Vec<Value> {
    if !truthy(v) {
        return Vec::new();
    }
    match v {
        Some(Value::Array(a)) => a.clone(),
        Some(Value::String(s)) => s.chars().map(|c| Value::String(c.to_string())).collect(),
        Some(Value::Object(o)) => o.keys().map(|k| Value::String(k.clone())).collect(),
        _ => Vec::new(),
    }
}

/// Text with all white space removed (timex texts: spacing is ignored).
fn squeeze(s: &str) -> String {
    // The scorer's notion of white space also covers the ASCII
    // information separators.
    s.chars()
        .filter(|c| !c.is_whitespace() && !('\u{1c}'..='\u{1f}').contains(c))
        .collect()
}

/// A date value cut to its month (`2022-03-26` -> `2022-03`); other values
/// (`2021`, `PRESENT_REF`) stay whole.
fn month(v: Option<&Value>) -> String {
    let s = if truthy(v) { text_of(v) } else { String::new() };
    let chars: Vec<char> = s.chars().collect();
    if chars.len() >= 7 && chars.get(4) == Some(&'-') {
        chars.iter().take(7).collect()
    } else {
        s
    }
}

fn fact_key(e: &Value) -> Vec<Key> {
    vec![
        Key::of(get(e, "subject")),
        Key::of(get(e, "capability")),
        Key::or_none(get(e, "object")),
        Key::or_none(get(e, "scope")),
    ]
}

/// Precision, recall and F1 with their counts, rounded as the scorer does.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// Timeline only: the share of matched rows whose first date agrees to
    /// the month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_month_agrees: Option<f64>,
}

/// Round half to even on the exact binary value, like Python's `round`.
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

fn prf(tp: usize, fp: usize, fn_: usize) -> Prf {
    let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    let p = ratio(tp, tp + fp);
    let r = ratio(tp, tp + fn_);
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Prf {
        p: round4(p),
        r: round4(r),
        f1: round4(f1),
        tp,
        fp,
        fn_,
        first_month_agrees: None,
    }
}

fn set_counts<T: Eq + std::hash::Hash>(gold: Vec<T>, pred: Vec<T>) -> [usize; 3] {
    let g: HashSet<T> = gold.into_iter().collect();
    let p: HashSet<T> = pred.into_iter().collect();
    let tp = g.intersection(&p).count();
    [tp, p.len() - tp, g.len() - tp]
}

fn multiset_counts<T: Eq + std::hash::Hash>(gold: Vec<T>, pred: Vec<T>) -> [usize; 3] {
    let mut g: HashMap<T, usize> = HashMap::new();
    for x in gold {
        *g.entry(x).or_default() += 1;
    }
    let mut p: HashMap<T, usize> = HashMap::new();
    for x in pred {
        *p.entry(x).or_default() += 1;
    }
    let tp: usize = g
        .iter()
        .map(|(k, n)| p.get(k).map_or(0, |m| (*n).min(*m)))
        .sum();
    let np: usize = p.values().sum();
    let ng: usize = g.values().sum();
    [tp, np - tp, ng - tp]
}

/// The figures of one scoring run.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Number of gold articles.
    pub articles: usize,
    /// Gold articles with no prediction.
    pub missing: Vec<String>,
    /// In the scorer's order: relevance, entities, timex_value,
    /// timex_extent, events_pair, events_fact, events_full[, timeline].
    pub figures: Vec<(String, Prf)>,
}

impl Report {
    /// A figure by name.
    pub fn get(&self, name: &str) -> Option<&Prf> {
        self.figures.iter().find(|(n, _)| n == name).map(|(_, f)| f)
    }

    /// The scorer's printed lines.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if !self.missing.is_empty() {
            let first: Vec<&str> = self.missing.iter().take(5).map(String::as_str).collect();
            out.push_str(&format!(
                "no prediction for {} of {} articles: {}\n",
                self.missing.len(),
                self.articles,
                first.join(", ")
            ));
        }
        for (name, f) in &self.figures {
            let extra = f
                .first_month_agrees
                .map(|a| format!(" first-month-agrees {a:.2}"))
                .unwrap_or_default();
            out.push_str(&format!(
                "{name:<13} P {:.2} R {:.2} F1 {:.2}  (tp {} fp {} fn {}){extra}\n",
                f.p, f.r, f.f1, f.tp, f.fp, f.fn_
            ));
        }
        out
    }

    /// The scorer's `--json` object, spaced as it prints it.
    pub fn to_json(&self) -> String {
        struct Figures<'a>(&'a [(String, Prf)]);
        impl Serialize for Figures<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for (k, v) in self.0 {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
        #[derive(Serialize)]
        struct Out<'a> {
            articles: usize,
            missing: &'a [String],
            figures: Figures<'a>,
        }
        let out = Out {
            articles: self.articles,
            missing: &self.missing,
            figures: Figures(&self.figures),
        };
        let mut buf = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, PySpacing);
        // Serializing plain structs, strings and numbers cannot fail.
        if ser.serialize_some(&out).is_err() {
            return String::new();
        }
        String::from_utf8(buf).unwrap_or_default()
    }
}

/// `json.dumps` spacing: `, ` between items and `: ` after keys.
struct PySpacing;

impl serde_json::ser::Formatter for PySpacing {
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
}

/// The file name a prediction is scored under (its `article`, without any
/// folder).
fn pred_name(p: &Value) -> Key {
    let a = match get(p, "article") {
        None => String::new(),
        v => text_of(v),
    };
    Key::str(a.rsplit('/').next().unwrap_or("").to_string())
}

/// Score predictions (and optionally a merged timeline) against gold.
pub fn score(gold: &Gold, preds: &[Value], timeline: Option<&[Value]>) -> Report {
    let mut by_name: HashMap<Key, &Value> = HashMap::new();
    for p in preds {
        by_name.insert(pred_name(p), p);
    }
    const NAMES: [&str; 7] = [
        "relevance",
        "entities",
        "timex_value",
        "timex_extent",
        "events_pair",
        "events_fact",
        "events_full",
    ];
    let mut acc = [[0usize; 3]; 7];
    let add = |acc: &mut [[usize; 3]; 7], i: usize, c: [usize; 3]| {
        for j in 0..3 {
            acc[i][j] += c[j];
        }
    };
    let empty = Value::Object(serde_json::Map::new());
    let mut missing = Vec::new();
    for (name, g) in &gold.articles {
        let p = match by_name.get(name) {
            Some(p) => *p,
            None => {
                missing.push(name.to_string());
                &empty
            }
        };
        let (gr, pr) = (truthy(get(g, "relevant")), truthy(get(p, "relevant")));
        add(
            &mut acc,
            0,
            [
                usize::from(gr && pr),
                usize::from(!gr && pr),
                usize::from(gr && !pr),
            ],
        );
        let ents = |v: &Value| -> Vec<Key> {
            items(get(v, "entities"))
                .iter()
                .map(|e| Key::of(Some(e)))
                .collect()
        };
        add(&mut acc, 1, set_counts(ents(g), ents(p)));
        let tx = |v: &Value| -> Vec<(String, String, Key)> {
            items(get(v, "timexes"))
                .iter()
                .map(|t| {
                    (
                        squeeze(&text_of(get(t, "text"))),
                        text_of(get(t, "value")),
                        Key::or_none(get(t, "mod")),
                    )
                })
                .collect()
        };
        add(&mut acc, 2, multiset_counts(tx(g), tx(p)));
        let extent = |v: &Value| -> Vec<String> {
            items(get(v, "timexes"))
                .iter()
                .map(|t| squeeze(&text_of(get(t, "text"))))
                .collect()
        };
        add(&mut acc, 3, multiset_counts(extent(g), extent(p)));
        let (ge, pe) = (items(get(g, "events")), items(get(p, "events")));
        let pair = |es: &[Value]| -> Vec<Vec<Key>> {
            es.iter()
                .map(|e| vec![Key::of(get(e, "subject")), Key::or_none(get(e, "object"))])
                .collect()
        };
        add(&mut acc, 4, set_counts(pair(&ge), pair(&pe)));
        let fact = |es: &[Value]| -> Vec<Vec<Key>> { es.iter().map(fact_key).collect() };
        add(&mut acc, 5, set_counts(fact(&ge), fact(&pe)));
        let full = |es: &[Value]| -> Vec<Vec<Key>> {
            es.iter()
                .map(|e| {
                    let mut k = fact_key(e);
                    k.push(Key::of(get(e, "status")));
                    k.push(Key::str(month(get(e, "when"))));
                    k
                })
                .collect()
        };
        add(&mut acc, 6, set_counts(full(&ge), full(&pe)));
    }
    let mut figures: Vec<(String, Prf)> = NAMES
        .iter()
        .zip(acc)
        .map(|(n, [tp, fp, fn_])| (n.to_string(), prf(tp, fp, fn_)))
        .collect();
    if let (Some(rows), Some(gold_rows)) = (timeline, &gold.timeline) {
        figures.push(("timeline".to_string(), score_timeline(gold_rows, rows)));
    }
    Report {
        articles: gold.articles.len(),
        missing,
        figures,
    }
}

/// Timeline rows keyed by fact and status, each with its first month; a
/// later row for the same key replaces the month but keeps the place.
fn timeline_months(rows: &[Value]) -> Vec<(Vec<Key>, String)> {
    let mut out: Vec<(Vec<Key>, String)> = Vec::new();
    for r in rows {
        let mut k = fact_key(r);
        k.push(Key::of(get(r, "status")));
        let m = month(get(r, "first"));
        match out.iter_mut().find(|(key, _)| *key == k) {
            Some(slot) => slot.1 = m,
            None => out.push((k, m)),
        }
    }
    out
}

/// Timeline F1 over (subject, capability, object, scope, status), and the
/// share of matched rows whose `first` agrees to the month.
pub fn score_timeline(gold_rows: &[Value], pred_rows: &[Value]) -> Prf {
    let g = timeline_months(gold_rows);
    let p = timeline_months(pred_rows);
    let pm: HashMap<&Vec<Key>, &String> = p.iter().map(|(k, m)| (k, m)).collect();
    let c = set_counts(
        g.iter().map(|(k, _)| k.clone()).collect(),
        p.iter().map(|(k, _)| k.clone()).collect(),
    );
    let mut res = prf(c[0], c[1], c[2]);
    let matched: Vec<bool> = g
        .iter()
        .filter_map(|(k, m)| pm.get(k).map(|pmonth| *pmonth == m))
        .collect();
    res.first_month_agrees = Some(if matched.is_empty() {
        0.0
    } else {
        round4(matched.iter().filter(|a| **a).count() as f64 / matched.len() as f64)
    });
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn gold(articles: Vec<Value>) -> Gold {
        Gold {
            articles: articles
                .into_iter()
                .map(|a| (Key::of(a.get("article")), a))
                .collect(),
            timeline: None,
        }
    }

    #[test]
    fn counts_follow_the_scorer() {
        let g = gold(vec![json!({
            "article": "a.txt", "relevant": true, "entities": ["taobao", "wechat"],
            "timexes": [{"text": "今年 1 月", "value": "2022-01"}, {"text": "目前", "value": "PRESENT_REF"},
                        {"text": "目前", "value": "PRESENT_REF"}],
            "events": [{"when": "2022-01", "subject": "wechat", "capability": "open_link",
                        "object": "taobao", "scope": "private_chat", "status": "available"}]
        })]);
        let p = vec![json!({
            "article": "dir/a.txt", "relevant": true, "entities": ["taobao", "alipay"],
            "timexes": [{"text": "今年1月", "value": "2022-01", "mod": null},
                        {"text": "目前", "value": "PRESENT_REF", "mod": ""}],
            "events": [{"when": "2022-01-27", "subject": "wechat", "capability": "open_link",
                        "object": "taobao", "scope": "private_chat", "status": "available"}]
        })];
        let r = score(&g, &p, None);
        assert!(r.missing.is_empty());
        let e = r.get("entities").unwrap();
        assert_eq!((e.tp, e.fp, e.fn_, e.p, e.f1), (1, 1, 1, 0.5, 0.5));
        let t = r.get("timex_value").unwrap();
        assert_eq!((t.tp, t.fp, t.fn_), (2, 0, 1));
        assert_eq!(t.r, 0.6667);
        assert_eq!(r.get("events_full").unwrap().tp, 1);
        assert_eq!(
            r.to_text().lines().nth(2),
            Some("timex_value   P 1.00 R 0.67 F1 0.80  (tp 2 fp 0 fn 1)")
        );
    }

    #[test]
    fn json_is_spaced_like_python() {
        let g = gold(vec![json!({"article": "a.txt", "relevant": false})]);
        let r = score(&g, &[], None);
        let j = r.to_json();
        assert!(j.starts_with(r#"{"articles": 1, "missing": ["a.txt"], "figures": {"relevance": {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 0}"#), "{j}");
    }

    #[test]
    fn month_cuts_dates_only() {
        assert_eq!(month(Some(&json!("2022-03-26"))), "2022-03");
        assert_eq!(month(Some(&json!("2021"))), "2021");
        assert_eq!(month(Some(&json!(2021))), "2021");
        assert_eq!(month(None), "");
    }
}
