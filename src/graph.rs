//! The timeline graph: facts merged across articles, status chains, conflicts.
//!
//! This is the reduce step. Every article's [`Fact`]s become nodes of a
//! petgraph [`StableGraph`] keyed by (subject, capability, object, scope,
//! status): the same statement from several articles is one node that keeps
//! every source and its evidence. The successive statuses of one capability
//! (subject, capability, object, scope) are linked in time order, and two
//! statuses of one capability dated alike are flagged, never silently picked.
//!
//! The result does not depend on the order extractions come in: they are
//! sorted by publication first, so shards merged in any order give the same
//! timeline as one run over everything.

use crate::model::{Evidence, Extraction, Fact, Relevance, TimelineRow, Timex};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use petgraph::stable_graph::{NodeIndex, StableGraph};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

/// The status a capability has once it fully works.
pub const AVAILABLE: &str = "available";

/// How fine a calendar value is, finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Quarter,
    Half,
    Year,
}

/// The calendar period a TIMEX3 value names: `2022-03-26`, `2022-01`,
/// `2021-Q3`, `2021-H2`, `2022-W05`, `2021` (a time of day keeps its day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
    pub precision: Precision,
}

impl Ord for Period {
    /// By start, then finest first, then end.
    fn cmp(&self, other: &Self) -> Ordering {
        (self.start, self.precision, self.end).cmp(&(other.start, other.precision, other.end))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Period {
    /// Parse a calendar value; `None` for anything else (`PRESENT_REF`,
    /// durations, generic `XXXX-MM-DD`, decades).
    pub fn parse(value: &str) -> Option<Period> {
        // A time or part of day (`2023-06-26TMO`, `2022-03-26T10:00`) keeps its day.
        let v = calendar_part(value);
        let year: i32 = parse_digits(v.get(..4)?)?;
        let rest = v.get(4..)?;
        if rest.is_empty() {
            return Period::span(ymd(year, 1, 1)?, ymd(year + 1, 1, 1)?, Precision::Year);
        }
        let rest = rest.strip_prefix('-')?;
        if let Some(q) = rest.strip_prefix('Q') {
            let q: u32 = parse_digits(q)?;
            if !(1..=4).contains(&q) {
                return None;
            }
            return Period::span(
                ymd(year, 3 * q - 2, 1)?,
                month_after(year, 3 * q)?,
                Precision::Quarter,
            );
        }
        if let Some(h) = rest.strip_prefix('H') {
            let h: u32 = parse_digits(h)?;
            if !(1..=2).contains(&h) {
                return None;
            }
            return Period::span(
                ymd(year, 6 * h - 5, 1)?,
                month_after(year, 6 * h)?,
                Precision::Half,
            );
        }
        if let Some(w) = rest.strip_prefix('W') {
            let w: u32 = parse_digits(w)?;
            let start = NaiveDate::from_isoywd_opt(year, w, chrono::Weekday::Mon)?;
            let end = NaiveDate::from_isoywd_opt(year, w, chrono::Weekday::Sun)?;
            return Some(Period {
                start,
                end,
                precision: Precision::Week,
            });
        }
        match rest.split_once('-') {
            None => {
                let m: u32 = parse_digits(rest)?;
                Period::span(ymd(year, m, 1)?, month_after(year, m)?, Precision::Month)
            }
            Some((m, d)) => {
                let day = ymd(year, parse_digits(m)?, parse_digits(d)?)?;
                Some(Period::day(day))
            }
        }
    }

    pub fn day(d: NaiveDate) -> Period {
        Period {
            start: d,
            end: d,
            precision: Precision::Day,
        }
    }

    fn span(start: NaiveDate, next: NaiveDate, precision: Precision) -> Option<Period> {
        Some(Period {
            start,
            end: next.pred_opt()?,
            precision,
        })
    }

    /// Whether `other` lies inside this period.
    pub fn contains(&self, other: &Period) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two periods share a day.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

/// A calendar value without its time of day (`2023-06-26TMO` is dated
/// `2023-06-26` in a timeline).
fn calendar_part(value: &str) -> &str {
    let v = value.trim();
    match v.find('T') {
        Some(i) if i >= 10 => v.get(..i).unwrap_or(v),
        _ => v,
    }
}

fn parse_digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The first day of the month after `m`.
fn month_after(y: i32, m: u32) -> Option<NaiveDate> {
    if m >= 12 {
        ymd(y + 1, 1, 1)
    } else {
        ymd(y, m + 1, 1)
    }
}

/// Parse a publication time: RFC 3339, or a date / date-time without zone
/// (taken as Beijing time).
pub fn parse_published(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d);
    }
    let bj = chrono_tz::Asia::Shanghai;
    for f in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, f) {
            return bj
                .from_local_datetime(&n)
                .single()
                .map(|d| d.fixed_offset());
        }
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    bj.from_local_datetime(&d.and_hms_opt(0, 0, 0)?)
        .single()
        .map(|d| d.fixed_offset())
}

/// The Beijing calendar day of a publication time.
pub fn beijing_date(d: &DateTime<FixedOffset>) -> NaiveDate {
    d.with_timezone(&chrono_tz::Asia::Shanghai).date_naive()
}

/// What a fact is about, without its status.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CapabilityKey {
    pub subject: String,
    pub capability: String,
    pub object: Option<String>,
    pub scope: Option<String>,
}

impl CapabilityKey {
    fn of(f: &Fact) -> Self {
        CapabilityKey {
            subject: f.subject.clone(),
            capability: f.capability.clone(),
            object: f.object.clone().filter(|o| !o.is_empty()),
            scope: f.scope.clone().filter(|s| !s.is_empty()),
        }
    }
}

impl fmt::Display for CapabilityKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {}",
            self.subject,
            self.capability,
            self.object.as_deref().unwrap_or("*")
        )?;
        if let Some(s) = &self.scope {
            write!(f, " ({s})")?;
        }
        Ok(())
    }
}

/// One article's statement of a fact.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub article: String,
    pub published: Option<DateTime<FixedOffset>>,
    /// The date the article gives the fact (a deictic value is replaced by
    /// the publication day).
    pub when: String,
    #[serde(skip)]
    pub period: Option<Period>,
    /// Every sentence of the article stating it.
    pub evidence: Vec<Evidence>,
}

/// One distinct evidence sentence and the articles holding it. Syndicated
/// copies and repeated paragraphs share a quote; it counts once, and the
/// earliest published article holding it is its origin.
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    /// The evidence as the origin article gives it.
    pub evidence: Evidence,
    /// Later articles repeating the same sentence.
    pub copies: Vec<String>,
}

/// A fact node: one (subject, capability, object, scope, status).
#[derive(Debug, Clone, Serialize)]
pub struct FactNode {
    #[serde(flatten)]
    pub key: CapabilityKey,
    pub status: String,
    /// The earliest date any source gives it (`when` as written), or the raw
    /// value when no source gives a calendar date.
    pub first: String,
    #[serde(skip)]
    pub first_period: Option<Period>,
    /// The latest date any source gives it.
    pub last: String,
    #[serde(skip)]
    pub last_period: Option<Period>,
    /// Earliest published first.
    pub sources: Vec<Source>,
    pub evidence: Vec<Quote>,
    /// Another status of the same capability is stated for one of its dates.
    pub conflict: bool,
}

impl FactNode {
    /// The same fact as a [`TimelineRow`].
    pub fn row(&self) -> TimelineRow {
        TimelineRow {
            first: self.first.clone(),
            subject: self.key.subject.clone(),
            capability: self.key.capability.clone(),
            object: self.key.object.clone(),
            scope: self.key.scope.clone(),
            status: self.status.clone(),
            sources: self.sources.iter().map(|s| s.article.clone()).collect(),
            evidence: self.evidence.iter().map(|q| q.evidence.clone()).collect(),
            conflict: self.conflict,
        }
    }

    /// The most recent statement of it: (latest date end, latest published).
    fn latest(&self) -> (Option<NaiveDate>, Option<DateTime<FixedOffset>>) {
        let date = self
            .sources
            .iter()
            .filter_map(|s| s.period.map(|p| p.end))
            .max();
        let published = self.sources.iter().filter_map(|s| s.published).max();
        (date, published)
    }
}

/// An article node.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleNode {
    pub id: String,
    pub published: Option<DateTime<FixedOffset>>,
    pub title: String,
    pub url: Option<String>,
}

/// A node of the timeline graph.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Node {
    Article(ArticleNode),
    Entity { id: String },
    Fact(Box<FactNode>),
}

impl Node {
    /// What the node is, as a lowercase word.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Article(_) => "article",
            Node::Entity { .. } => "entity",
            Node::Fact(_) => "fact",
        }
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Article(a) => match &a.published {
                Some(p) => write!(f, "{} ({})", a.id, beijing_date(p)),
                None => write!(f, "{}", a.id),
            },
            Node::Entity { id } => write!(f, "{id}"),
            Node::Fact(x) => write!(f, "{} {} [{}]", x.first, x.key, x.status),
        }
    }
}

/// The role of an entity in a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Subject,
    Object,
}

/// An edge of the timeline graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Edge {
    /// Article -> fact it states, with the date it gives.
    Reports { when: String },
    /// Fact -> entity it is about.
    Involves { role: Role },
    /// Fact -> the next status of the same capability.
    NextStatus,
    /// Fact -> the subject's next fact in time.
    Precedes,
}

impl Edge {
    /// What the edge is, as a snake_case word.
    pub fn kind(&self) -> &'static str {
        match self {
            Edge::Reports { .. } => "reports",
            Edge::Involves { .. } => "involves",
            Edge::NextStatus => "next_status",
            Edge::Precedes => "precedes",
        }
    }
}

impl fmt::Display for Edge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Edge::Reports { when } => write!(f, "reports {when}"),
            Edge::Involves { role } => match role {
                Role::Subject => write!(f, "subject"),
                Role::Object => write!(f, "object"),
            },
            Edge::NextStatus => write!(f, "next status"),
            Edge::Precedes => write!(f, "precedes"),
        }
    }
}

/// The successive statuses of one capability, in time order.
#[derive(Debug, Clone)]
pub struct Chain {
    pub key: CapabilityKey,
    /// Fact nodes, ordered by first date (ties by status name).
    pub steps: Vec<NodeIndex>,
    /// The status of the most recent statement (latest date, then latest
    /// published); with a tie between statuses, the later step.
    pub now: NodeIndex,
    /// The most recent statement is contradicted by another status stated
    /// for the same date by an article published at the same time.
    pub now_conflict: bool,
}

/// Two or more statuses of one capability stated for the same date.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    #[serde(flatten)]
    pub key: CapabilityKey,
    pub date: String,
    pub statuses: Vec<String>,
}

/// The merged timeline over a set of extractions.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub graph: StableGraph<Node, Edge>,
    articles: BTreeMap<String, NodeIndex>,
    entities: BTreeMap<String, NodeIndex>,
    /// Fact nodes in timeline order.
    facts: Vec<NodeIndex>,
    /// Ordered by key (they are made in key order).
    chains: Vec<Chain>,
    conflicts: Vec<Conflict>,
    by_fact: HashMap<Draft, NodeIndex>,
}

type Draft = (CapabilityKey, String);

impl Timeline {
    /// Merge extractions. The order of the input does not matter; an article
    /// given twice (overlapping shards) counts once.
    pub fn build(extractions: &[Extraction]) -> Timeline {
        let mut xs: Vec<(&Extraction, Option<DateTime<FixedOffset>>)> = extractions
            .iter()
            .map(|x| (x, x.published.as_deref().and_then(parse_published)))
            .collect();
        xs.sort_by(|a, b| cmp_published(&a.1, &b.1).then_with(|| a.0.article.cmp(&b.0.article)));

        let mut t = Timeline::default();
        // Per fact: its sources, and where each article's source is.
        type Sources = (Vec<Source>, HashMap<String, usize>);
        let mut drafts: BTreeMap<Draft, Sources> = BTreeMap::new();
        for (x, published) in &xs {
            t.articles.entry(x.article.clone()).or_insert_with(|| {
                t.graph.add_node(Node::Article(ArticleNode {
                    id: x.article.clone(),
                    published: *published,
                    title: x.title.clone(),
                    url: x.url.clone(),
                }))
            });
            let pub_day = published.as_ref().map(beijing_date);
            for f in &x.events {
                let (when, period) = match Period::parse(&f.when) {
                    Some(p) => (calendar_part(&f.when).to_string(), Some(p)),
                    // GOLD.md: deictic values count as the publication date.
                    None => match pub_day {
                        Some(d) => (d.format("%Y-%m-%d").to_string(), Some(Period::day(d))),
                        None => (f.when.trim().to_string(), None),
                    },
                };
                let (sources, at) = drafts
                    .entry((CapabilityKey::of(f), f.status.clone()))
                    .or_default();
                match at.get(&x.article).and_then(|&i| sources.get_mut(i)) {
                    Some(s) => {
                        // One article giving one fact several dates: the
                        // more specific of two nested dates, else the earliest.
                        if better_first(period.as_ref(), s.period.as_ref()) {
                            s.when = when;
                            s.period = period;
                        }
                        if let Some(e) = &f.evidence {
                            if !s.evidence.contains(e) {
                                s.evidence.push(e.clone());
                            }
                        }
                    }
                    None => {
                        at.insert(x.article.clone(), sources.len());
                        sources.push(Source {
                            article: x.article.clone(),
                            published: *published,
                            when,
                            period,
                            evidence: f.evidence.iter().cloned().collect(),
                        });
                    }
                }
            }
        }

        let mut nodes: Vec<FactNode> = drafts
            .into_iter()
            .map(|((key, status), (sources, _))| fact_node(key, status, sources))
            .collect();
        nodes.sort_by(timeline_order);

        let mut by_key: BTreeMap<CapabilityKey, Vec<NodeIndex>> = BTreeMap::new();
        let mut by_subject: BTreeMap<String, Vec<NodeIndex>> = BTreeMap::new();
        for n in nodes {
            let key = n.key.clone();
            let status = n.status.clone();
            let reports: Vec<(String, String)> = n
                .sources
                .iter()
                .map(|s| (s.article.clone(), s.when.clone()))
                .collect();
            let idx = t.graph.add_node(Node::Fact(Box::new(n)));
            t.facts.push(idx);
            t.by_fact.insert((key.clone(), status), idx);
            for (article, when) in reports {
                if let Some(&a) = t.articles.get(&article) {
                    t.graph.add_edge(a, idx, Edge::Reports { when });
                }
            }
            let subj = t.entity(&key.subject);
            t.graph.add_edge(
                idx,
                subj,
                Edge::Involves {
                    role: Role::Subject,
                },
            );
            if let Some(o) = &key.object {
                let obj = t.entity(o);
                t.graph
                    .add_edge(idx, obj, Edge::Involves { role: Role::Object });
            }
            by_subject.entry(key.subject.clone()).or_default().push(idx);
            by_key.entry(key).or_default().push(idx);
        }
        for steps in by_subject.values() {
            for w in steps.windows(2) {
                if let [a, b] = w {
                    t.graph.add_edge(*a, *b, Edge::Precedes);
                }
            }
        }
        for (key, steps) in by_key {
            t.link_chain(key, steps);
        }
        t
    }

    fn entity(&mut self, id: &str) -> NodeIndex {
        if let Some(&i) = self.entities.get(id) {
            return i;
        }
        let i = self.graph.add_node(Node::Entity { id: id.to_string() });
        self.entities.insert(id.to_string(), i);
        i
    }

    /// Link one capability's statuses, flag same-date statuses, find its
    /// status now. `steps` are already in timeline order.
    fn link_chain(&mut self, key: CapabilityKey, steps: Vec<NodeIndex>) {
        for w in steps.windows(2) {
            if let [a, b] = w {
                self.graph.add_edge(*a, *b, Edge::NextStatus);
            }
        }
        // Statuses stated for one date, by any of their sources.
        let mut by_date: BTreeMap<Period, (String, Vec<usize>)> = BTreeMap::new();
        for (i, &idx) in steps.iter().enumerate() {
            let Some(f) = self.fact(idx) else { continue };
            for src in &f.sources {
                if let Some(p) = src.period {
                    let e = by_date
                        .entry(p)
                        .or_insert_with(|| (src.when.clone(), Vec::new()));
                    if !e.1.contains(&i) {
                        e.1.push(i);
                    }
                }
            }
        }
        for (date, at) in by_date.into_values().filter(|(_, at)| at.len() > 1) {
            let mut statuses = Vec::new();
            for &i in &at {
                if let Some(Node::Fact(f)) =
                    steps.get(i).and_then(|&n| self.graph.node_weight_mut(n))
                {
                    f.conflict = true;
                    statuses.push(f.status.clone());
                }
            }
            self.conflicts.push(Conflict {
                key: key.clone(),
                date,
                statuses,
            });
        }
        let latest: Vec<_> = steps
            .iter()
            .map(|&i| self.fact(i).map(|f| f.latest()).unwrap_or((None, None)))
            .collect();
        let mut best = 0;
        for i in 1..latest.len() {
            if cmp_latest(&latest[i], &latest[best]) != Ordering::Less {
                best = i;
            }
        }
        let now_conflict = latest
            .iter()
            .enumerate()
            .any(|(i, l)| i != best && cmp_latest(l, &latest[best]) == Ordering::Equal);
        if let Some(&now) = steps.get(best) {
            self.chains.push(Chain {
                key,
                steps,
                now,
                now_conflict,
            });
        }
    }

    /// The fact at a node, if it is one.
    pub fn fact(&self, idx: NodeIndex) -> Option<&FactNode> {
        match self.graph.node_weight(idx) {
            Some(Node::Fact(f)) => Some(f),
            _ => None,
        }
    }

    /// Fact nodes in timeline order (first date, then key and status).
    pub fn facts(&self) -> impl Iterator<Item = &FactNode> + '_ {
        self.facts.iter().filter_map(|&i| self.fact(i))
    }

    /// One fact by its key and status.
    pub fn find(&self, key: &CapabilityKey, status: &str) -> Option<&FactNode> {
        self.by_fact
            .get(&(key.clone(), status.to_string()))
            .and_then(|&i| self.fact(i))
    }

    /// The merged timeline as GOLD.md rows.
    pub fn rows(&self) -> Vec<TimelineRow> {
        self.facts().map(FactNode::row).collect()
    }

    /// Every capability's chain of statuses, ordered by capability.
    pub fn chains(&self) -> &[Chain] {
        &self.chains
    }

    /// The chain of one capability.
    pub fn chain(&self, key: &CapabilityKey) -> Option<&Chain> {
        self.chains
            .binary_search_by(|c| c.key.cmp(key))
            .ok()
            .and_then(|i| self.chains.get(i))
    }

    /// Articles in publication order.
    pub fn articles(&self) -> impl Iterator<Item = &ArticleNode> + '_ {
        let mut v: Vec<&ArticleNode> = self
            .articles
            .values()
            .filter_map(|&i| match self.graph.node_weight(i) {
                Some(Node::Article(a)) => Some(a),
                _ => None,
            })
            .collect();
        v.sort_by(|a, b| cmp_published(&a.published, &b.published).then(a.id.cmp(&b.id)));
        v.into_iter()
    }

    /// Entity ids that occur in some fact.
    pub fn entity_ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.entities.keys().map(String::as_str)
    }

    /// Statuses of one capability stated for the same date.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }
}

/// Order publication times, unknown last.
fn cmp_published(a: &Option<DateTime<FixedOffset>>, b: &Option<DateTime<FixedOffset>>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Order dates, unknown last.
fn cmp_period(a: &Option<Period>, b: &Option<Period>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

type Latest = (Option<NaiveDate>, Option<DateTime<FixedOffset>>);

fn cmp_latest(a: &Latest, b: &Latest) -> Ordering {
    a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1))
}

fn timeline_order(a: &FactNode, b: &FactNode) -> Ordering {
    cmp_period(&a.first_period, &b.first_period)
        .then_with(|| a.key.cmp(&b.key))
        .then_with(|| a.status.cmp(&b.status))
}

/// Whether date `a` makes a better first date than `b`: a date inside
/// another is more specific and wins (`2022-01-27` over `2022-01`, the
/// earlier `2021-09` over `2021` alike); otherwise the earlier start.
fn better_first(a: Option<&Period>, b: Option<&Period>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            if a == b {
                false
            } else if b.contains(a) {
                true
            } else if a.contains(b) {
                false
            } else {
                a < b
            }
        }
        (Some(_), None) => true,
        _ => false,
    }
}

fn fact_node(key: CapabilityKey, status: String, mut sources: Vec<Source>) -> FactNode {
    sources.sort_by(|a, b| {
        cmp_published(&a.published, &b.published).then_with(|| a.article.cmp(&b.article))
    });
    // The first date: among the dates no other source's date lies inside,
    // the earliest. Without any calendar date, the earliest source's value.
    let dates: BTreeSet<Period> = sources.iter().filter_map(|s| s.period).collect();
    let first_date = dates
        .iter()
        .find(|p| !dates.iter().any(|q| q != *p && p.contains(q)));
    let first_src = match first_date {
        Some(d) => sources.iter().find(|s| s.period.as_ref() == Some(d)),
        None => sources.first(),
    };
    let (first, first_period) = match first_src {
        Some(s) => (s.when.clone(), s.period),
        None => (String::new(), None),
    };
    let last_src = sources
        .iter()
        .filter(|s| s.period.is_some())
        .max_by(|a, b| {
            let (pa, pb) = (a.period.map(|p| p.end), b.period.map(|p| p.end));
            pa.cmp(&pb).then_with(|| cmp_period(&b.period, &a.period))
        });
    let (last, last_period) = match last_src {
        Some(s) => (s.when.clone(), s.period),
        None => (first.clone(), first_period),
    };
    let evidence = quotes(&sources);
    FactNode {
        key,
        status,
        first,
        first_period,
        last,
        last_period,
        sources,
        evidence,
        conflict: false,
    }
}

/// Distinct evidence sentences; `sources` are earliest published first, so
/// the first article met holding a quote is its origin.
fn quotes(sources: &[Source]) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for s in sources {
        for e in &s.evidence {
            let k = quote_key(&e.quote);
            if k.is_empty() {
                continue;
            }
            match seen.get(&k) {
                Some(&i) => {
                    if let Some(q) = out.get_mut(i) {
                        if q.evidence.article != s.article && !q.copies.contains(&s.article) {
                            q.copies.push(s.article.clone());
                        }
                    }
                }
                None => {
                    seen.insert(k, out.len());
                    out.push(Quote {
                        evidence: e.clone(),
                        copies: Vec::new(),
                    });
                }
            }
        }
    }
    out
}

/// Two quotes are the same when they differ only in spacing.
fn quote_key(q: &str) -> String {
    q.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Merge extractions into timeline rows.
pub fn timeline(extractions: &[Extraction]) -> Vec<TimelineRow> {
    Timeline::build(extractions).rows()
}

/// A status now, per capability: what `query` answers.
#[derive(Debug, Clone, Serialize)]
pub struct CapabilityState {
    #[serde(flatten)]
    pub key: CapabilityKey,
    /// The status of the most recent statement.
    pub status: String,
    /// First date of that status.
    pub since: String,
    /// First date the capability was available, if it ever was.
    pub first_available: Option<String>,
    /// First date of any status.
    pub first_seen: String,
    /// The statuses in time order.
    pub history: Vec<Step>,
    /// Every article stating any status of it, earliest published first.
    pub sources: Vec<String>,
    /// Some status of it shares its date with another.
    pub conflict: bool,
}

/// One status of a capability's history.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub status: String,
    pub first: String,
    /// The latest date any source gives it.
    pub last: String,
    pub conflict: bool,
}

impl Timeline {
    /// Every capability's state, in the order of its first date.
    pub fn states(&self) -> Vec<CapabilityState> {
        let mut out: Vec<(Option<Period>, CapabilityState)> = self
            .chains
            .iter()
            .filter_map(|c| self.state(c).map(|s| (self.first_period(c), s)))
            .collect();
        out.sort_by(|a, b| cmp_period(&a.0, &b.0).then_with(|| a.1.key.cmp(&b.1.key)));
        out.into_iter().map(|(_, s)| s).collect()
    }

    fn first_period(&self, c: &Chain) -> Option<Period> {
        c.steps
            .iter()
            .filter_map(|&i| self.fact(i).and_then(|f| f.first_period))
            .min()
    }

    /// The state of one capability.
    pub fn state(&self, c: &Chain) -> Option<CapabilityState> {
        let now = self.fact(c.now)?;
        let steps: Vec<&FactNode> = c.steps.iter().filter_map(|&i| self.fact(i)).collect();
        let first_seen = steps.first().map(|f| f.first.clone()).unwrap_or_default();
        let first_available = steps
            .iter()
            .find(|f| f.status == AVAILABLE)
            .map(|f| f.first.clone());
        let mut sources: Vec<(&Option<DateTime<FixedOffset>>, &str)> = Vec::new();
        let mut seen = HashSet::new();
        for f in &steps {
            for s in &f.sources {
                if seen.insert(s.article.as_str()) {
                    sources.push((&s.published, &s.article));
                }
            }
        }
        sources.sort_by(|a, b| cmp_published(a.0, b.0).then_with(|| a.1.cmp(b.1)));
        Some(CapabilityState {
            key: c.key.clone(),
            status: now.status.clone(),
            since: now.first.clone(),
            first_available,
            first_seen,
            history: steps
                .iter()
                .map(|f| Step {
                    status: f.status.clone(),
                    first: f.first.clone(),
                    last: f.last.clone(),
                    conflict: f.conflict,
                })
                .collect(),
            sources: sources.into_iter().map(|(_, a)| a.to_string()).collect(),
            conflict: c.now_conflict || steps.iter().any(|f| f.conflict),
        })
    }
}

/// One line of `extract --format jsonl` that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}:{line}: not an extraction: {message}")]
pub struct JsonlError {
    pub source_name: String,
    pub line: usize,
    pub message: String,
}

/// The fields of an extraction line the timeline needs; the rest may be
/// missing (the scorer's format has no title, no spans).
#[derive(Deserialize)]
struct Line {
    article: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    relevant: bool,
    #[serde(default)]
    relevance: Option<Relevance>,
    #[serde(default)]
    entities: Vec<String>,
    #[serde(default)]
    timexes: Vec<serde_json::Value>,
    #[serde(default)]
    events: Vec<Fact>,
}

/// Read `extract --format jsonl` output: one result per non-blank line.
/// `source_name` names the input in errors.
pub fn read_jsonl(text: &str, source_name: &str) -> Vec<Result<Extraction, JsonlError>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let line: Line = serde_json::from_str(l).map_err(|e| JsonlError {
                source_name: source_name.to_string(),
                line: i + 1,
                message: e.to_string(),
            })?;
            let relevance = line.relevance.unwrap_or_else(|| Relevance {
                relevant: line.relevant,
                ..Relevance::default()
            });
            Ok(Extraction {
                article: line.article,
                published: line.published,
                title: line.title,
                url: line.url,
                relevant: line.relevant,
                relevance,
                entities: line.entities,
                // Timexes without spans (the scorer's format) are not needed here.
                timexes: line
                    .timexes
                    .into_iter()
                    .filter_map(|t| serde_json::from_value::<Timex>(t).ok())
                    .collect(),
                events: line.events,
                text: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(when: &str, s: &str, c: &str, o: Option<&str>, st: &str) -> Fact {
        Fact {
            when: when.into(),
            subject: s.into(),
            capability: c.into(),
            object: o.map(Into::into),
            scope: None,
            status: st.into(),
            evidence: None,
        }
    }

    fn extraction(article: &str, published: &str, events: Vec<Fact>) -> Extraction {
        Extraction {
            article: article.into(),
            published: Some(published.into()),
            title: String::new(),
            url: None,
            relevant: true,
            relevance: Relevance::default(),
            entities: Vec::new(),
            timexes: Vec::new(),
            events,
            text: None,
        }
    }

    fn ev(article: &str, quote: &str) -> Evidence {
        Evidence {
            article: article.into(),
            paragraph: "0".into(),
            quote: quote.into(),
            span: crate::model::Span::new(0, quote.len()),
        }
    }

    #[test]
    fn periods() {
        let p = |s| Period::parse(s).map(|p| (p.start.to_string(), p.end.to_string(), p.precision));
        assert_eq!(
            p("2022-03-26"),
            Some(("2022-03-26".into(), "2022-03-26".into(), Precision::Day))
        );
        assert_eq!(
            p("2024-02"),
            Some(("2024-02-01".into(), "2024-02-29".into(), Precision::Month))
        );
        assert_eq!(
            p("2021-Q3"),
            Some(("2021-07-01".into(), "2021-09-30".into(), Precision::Quarter))
        );
        assert_eq!(
            p("2021-H2"),
            Some(("2021-07-01".into(), "2021-12-31".into(), Precision::Half))
        );
        assert_eq!(
            p("2021"),
            Some(("2021-01-01".into(), "2021-12-31".into(), Precision::Year))
        );
        assert_eq!(
            p("2023-06-26TMO"),
            Some(("2023-06-26".into(), "2023-06-26".into(), Precision::Day))
        );
        for bad in [
            "PRESENT_REF",
            "XXXX-03-26",
            "2022-13",
            "2022-02-30",
            "P3M",
            "",
            "202X",
            "2022-Q5",
            "２０２２",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
    }

    #[test]
    fn same_fact_from_two_articles_is_one_node_dated_by_the_finer_date() {
        let a = extraction(
            "a",
            "2022-03-26T07:06:09+08:00",
            vec![fact(
                "2022-01",
                "wechat",
                "open_link",
                Some("taobao"),
                "available",
            )],
        );
        let b = extraction(
            "b",
            "2022-01-27T13:08:54+08:00",
            vec![fact(
                "2022-01-27",
                "wechat",
                "open_link",
                Some("taobao"),
                "available",
            )],
        );
        let rows = timeline(&[a, b]);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].first, "2022-01-27");
        assert_eq!(rows[0].sources, vec!["b", "a"]);
    }

    #[test]
    fn earliest_date_wins_when_dates_do_not_nest() {
        let a = extraction(
            "a",
            "2022-03-26",
            vec![fact("2021-11", "wechat", "open_link", None, "available")],
        );
        let b = extraction(
            "b",
            "2022-01-27",
            vec![fact("2022-01-27", "wechat", "open_link", None, "available")],
        );
        let rows = timeline(&[b, a]);
        assert_eq!(rows[0].first, "2021-11");
    }

    #[test]
    fn publication_times_in_several_forms() {
        let day = |s: &str| parse_published(s).map(|d| beijing_date(&d).to_string());
        assert_eq!(
            day("Fri, 25 Mar 2022 23:06:09 GMT").as_deref(),
            Some("2022-03-26")
        );
        assert_eq!(day("2022-03-25T23:06:09Z").as_deref(), Some("2022-03-26"));
        assert_eq!(day("2022-03-26 07:06:09").as_deref(), Some("2022-03-26"));
        assert_eq!(day("2024-02-20").as_deref(), Some("2024-02-20"));
        assert_eq!(day("yesterday"), None);
    }

    #[test]
    fn a_time_of_day_is_dropped_from_the_first_date() {
        let a = extraction(
            "a",
            "2023-06-26",
            vec![fact(
                "2023-06-26TMO",
                "jd",
                "logistics",
                Some("taobao"),
                "available",
            )],
        );
        assert_eq!(timeline(&[a])[0].first, "2023-06-26");
    }

    #[test]
    fn deictic_when_takes_the_publication_day() {
        let a = extraction(
            "a",
            "2022-03-25T23:06:09+00:00",
            vec![fact(
                "PRESENT_REF",
                "taobao",
                "accept_payment",
                Some("wechat_pay"),
                "beta",
            )],
        );
        assert_eq!(timeline(&[a])[0].first, "2022-03-26");
    }

    #[test]
    fn status_chain_in_time_order_and_now() {
        let a = extraction(
            "a",
            "2022-01-27",
            vec![fact(
                "2022-01-27",
                "taobao",
                "accept_payment",
                Some("wechat_pay"),
                "not_supported",
            )],
        );
        let b = extraction(
            "b",
            "2022-03-26",
            vec![fact(
                "2022-03-26",
                "taobao",
                "accept_payment",
                Some("wechat_pay"),
                "beta",
            )],
        );
        let t = Timeline::build(&[b, a]);
        assert_eq!(t.chains().len(), 1);
        let c = &t.chains()[0];
        let statuses: Vec<&str> = c
            .steps
            .iter()
            .filter_map(|&i| t.fact(i))
            .map(|f| f.status.as_str())
            .collect();
        assert_eq!(statuses, vec!["not_supported", "beta"]);
        assert_eq!(t.fact(c.now).map(|f| f.status.as_str()), Some("beta"));
        let next = t
            .graph
            .edge_indices()
            .filter(|&e| t.graph.edge_weight(e) == Some(&Edge::NextStatus))
            .count();
        assert_eq!(next, 1);
        assert!(t.conflicts().is_empty());
    }

    #[test]
    fn two_statuses_on_one_date_are_a_conflict() {
        let a = extraction(
            "a",
            "2024-02-20",
            vec![
                fact(
                    "2024-02-20",
                    "taobao",
                    "accept_payment",
                    Some("wechat_pay"),
                    "beta",
                ),
                fact(
                    "2024-02-20",
                    "taobao",
                    "accept_payment",
                    Some("wechat_pay"),
                    "planned",
                ),
                fact(
                    "2023-10",
                    "taobao",
                    "accept_payment",
                    Some("wechat_pay"),
                    "partial",
                ),
            ],
        );
        let t = Timeline::build(&[a]);
        let rows = t.rows();
        let flagged: Vec<&str> = rows
            .iter()
            .filter(|r| r.conflict)
            .map(|r| r.status.as_str())
            .collect();
        assert_eq!(flagged, vec!["beta", "planned"]);
        let c = t.conflicts();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].date, "2024-02-20");
        assert!(t.states()[0].conflict);
    }

    #[test]
    fn a_conflict_on_a_later_date_of_a_status_is_flagged_too() {
        let a = extraction(
            "a",
            "2022-03-26",
            vec![fact(
                "2022-03-26",
                "taobao",
                "accept_payment",
                Some("wechat_pay"),
                "beta",
            )],
        );
        let b = extraction(
            "b",
            "2024-02-20",
            vec![
                fact(
                    "2024-02-20",
                    "taobao",
                    "accept_payment",
                    Some("wechat_pay"),
                    "beta",
                ),
                fact(
                    "2024-02-20",
                    "taobao",
                    "accept_payment",
                    Some("wechat_pay"),
                    "planned",
                ),
            ],
        );
        let t = Timeline::build(&[a, b]);
        let beta = t.rows().into_iter().find(|r| r.status == "beta");
        assert_eq!(beta.as_ref().map(|r| r.first.as_str()), Some("2022-03-26"));
        assert_eq!(beta.map(|r| r.conflict), Some(true));
        let c = t.conflicts();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].date, "2024-02-20");
        assert_eq!(c[0].statuses, vec!["beta", "planned"]);
    }

    #[test]
    fn syndicated_quote_counts_once_with_the_earliest_article_as_origin() {
        let q = "淘宝上线微信支付内测";
        let mut f1 = fact(
            "2022-03-26",
            "taobao",
            "accept_payment",
            Some("wechat_pay"),
            "beta",
        );
        f1.evidence = Some(ev("copy", q));
        let mut f2 = f1.clone();
        f2.evidence = Some(ev("origin", "淘宝上线 微信支付内测"));
        let mut f3 = f1.clone();
        f3.evidence = Some(ev("other", "另一种说法"));
        let rows = timeline(&[
            extraction("copy", "2022-03-27", vec![f1]),
            extraction("other", "2022-03-28", vec![f3]),
            extraction("origin", "2022-03-26", vec![f2]),
        ]);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].sources, vec!["origin", "copy", "other"]);
        let arts: Vec<&str> = rows[0]
            .evidence
            .iter()
            .map(|e| e.article.as_str())
            .collect();
        assert_eq!(arts, vec!["origin", "other"]);
    }

    #[test]
    fn input_order_and_repeated_articles_do_not_change_the_timeline() {
        let a = extraction(
            "a",
            "2022-01-27",
            vec![fact(
                "2022-01-27",
                "wechat",
                "open_link",
                Some("douyin"),
                "available",
            )],
        );
        let b = extraction(
            "b",
            "2022-03-26",
            vec![fact("2021-11", "wechat", "open_link", None, "available")],
        );
        let one = timeline(&[a.clone(), b.clone()]);
        assert_eq!(one, timeline(&[b.clone(), a.clone()]));
        assert_eq!(one, timeline(&[b, a.clone(), a]));
    }

    #[test]
    fn jsonl_lines_in_the_scorer_format_are_read_and_bad_lines_named() {
        let text = concat!(
            r#"{"article":"x.txt","published":"2022-03-26T07:06:09+08:00","relevant":true,"#,
            r#""timexes":[{"text":"今年 1 月","value":"2022-01","mod":null}],"#,
            r#""events":[{"when":"2022-01","subject":"wechat","capability":"open_link","object":"taobao","status":"available"}]}"#,
            "\n\n{not json\n"
        );
        let r = read_jsonl(text, "in.jsonl");
        assert_eq!(r.len(), 2);
        let x = r[0].as_ref().map_err(|e| e.to_string());
        assert_eq!(x.map(|x| x.events.len()), Ok(1));
        let e = r[1]
            .as_ref()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("in.jsonl:3: not an extraction"), "{e}");
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn arb_when() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("2022-01".to_string()),
            Just("2022-01-27".to_string()),
            Just("2021".to_string()),
            Just("2021-Q4".to_string()),
            Just("PRESENT_REF".to_string()),
            ".{0,12}",
        ]
    }

    fn arb_extraction() -> impl Strategy<Value = Extraction> {
        let fact = (
            arb_when(),
            prop::sample::select(vec!["wechat", "taobao"]),
            prop::sample::select(vec!["available", "beta", "not_supported"]),
            prop::option::of(prop::sample::select(vec!["引文一", "引文 一", "引文二"])),
        )
            .prop_map(|(when, s, st, q)| Fact {
                when,
                subject: s.into(),
                capability: "open_link".into(),
                object: None,
                scope: None,
                status: st.into(),
                evidence: q.map(|q| Evidence {
                    article: String::new(),
                    paragraph: "0".into(),
                    quote: q.into(),
                    span: crate::model::Span::new(0, 0),
                }),
            });
        (
            0..6u8,
            prop::option::of(prop::sample::select(vec![
                "2022-01-27",
                "2022-03-26T07:06:09+08:00",
                "garbage",
            ])),
            prop::collection::vec(fact, 0..4),
        )
            .prop_map(|(i, p, events)| Extraction {
                article: format!("a{i}"),
                published: p.map(Into::into),
                title: String::new(),
                url: None,
                relevant: true,
                relevance: Relevance::default(),
                entities: Vec::new(),
                timexes: Vec::new(),
                events,
                text: None,
            })
    }

    proptest! {
        #[test]
        fn any_text_parses_without_panic(s in ".{0,40}") {
            let _ = Period::parse(&s);
            let _ = parse_published(&s);
            let _ = read_jsonl(&s, "x");
        }

        #[test]
        fn the_timeline_does_not_depend_on_input_order(xs in prop::collection::vec(arb_extraction(), 0..8)) {
            // Distinct articles: the same name with other content is another input.
            let mut seen = HashSet::new();
            let xs: Vec<Extraction> = xs.into_iter().filter(|x| seen.insert(x.article.clone())).collect();
            let mut rev = xs.clone();
            rev.reverse();
            prop_assert_eq!(timeline(&xs), timeline(&rev));
            let t = Timeline::build(&xs);
            for c in t.chains() {
                prop_assert!(c.steps.contains(&c.now));
            }
        }
    }
}
