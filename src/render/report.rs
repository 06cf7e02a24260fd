//! The report's view of a timeline: rows put in order with readable labels,
//! the status history of every capability, and the articles cited. Markdown,
//! HTML and the charts all draw from this one view so they tell the same
//! story.

use super::charts::{self, Chart, ChartError};
use super::{html, markdown};
use crate::lexicon::Lexicon;
use crate::model::{Evidence, Extraction, TimelineRow};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

const LABELS_YAML: &str = include_str!("labels.yaml");

/// How a status is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Marker {
    Circle,
    Ring,
    Triangle,
    Diamond,
    Cross,
    Square,
}

#[derive(Debug, Clone, Deserialize)]
pub struct StatusStyle {
    pub id: String,
    /// A symbol that marks the status in tables.
    #[serde(default)]
    pub icon: String,
    pub label: String,
    /// `#rrggbb`.
    pub color: String,
    pub marker: Marker,
}

impl StatusStyle {
    /// The colour as RGB bytes (grey when the YAML gives something else).
    pub fn rgb(&self) -> (u8, u8, u8) {
        let hex = self.color.trim_start_matches('#');
        let byte = |i: usize| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        match (hex.len(), byte(0), byte(2), byte(4)) {
            (6, Some(r), Some(g), Some(b)) => (r, g, b),
            _ => (0x75, 0x75, 0x75),
        }
    }
}

/// Display names of entities, capabilities, scopes and statuses.
#[derive(Debug, Clone, Deserialize)]
pub struct Labels {
    #[serde(default)]
    pub entities: BTreeMap<String, String>,
    #[serde(default)]
    pub capabilities: BTreeMap<String, String>,
    #[serde(default)]
    pub scopes: BTreeMap<String, String>,
    #[serde(default)]
    pub statuses: Vec<StatusStyle>,
}

impl Labels {
    /// The labels shipped with hutong.
    pub fn builtin() -> Self {
        // The file is compiled in and checked by a test, so failing here
        // would be a build defect; an empty table still renders (ids shown).
        yaml_serde::from_str(LABELS_YAML).unwrap_or_else(|_| Labels {
            entities: BTreeMap::new(),
            capabilities: BTreeMap::new(),
            scopes: BTreeMap::new(),
            statuses: Vec::new(),
        })
    }

    /// Parse labels from YAML (the format of the built-in table).
    pub fn from_yaml(yaml: &str) -> Result<Self, yaml_serde::Error> {
        yaml_serde::from_str(yaml)
    }

    /// The built-in labels with entity names taken from the lexicon where it
    /// lists any (its first name is the display name).
    pub fn for_lexicon(lex: &Lexicon) -> Self {
        let mut labels = Self::builtin();
        for e in &lex.entities {
            if let Some(name) = e.names.first() {
                labels.entities.insert(e.id.clone(), name.clone());
            }
        }
        labels
    }

    pub fn entity<'a>(&'a self, id: &'a str) -> &'a str {
        self.entities.get(id).map(String::as_str).unwrap_or(id)
    }

    pub fn capability<'a>(&'a self, id: &'a str) -> &'a str {
        self.capabilities.get(id).map(String::as_str).unwrap_or(id)
    }

    pub fn scope<'a>(&'a self, id: &'a str) -> &'a str {
        self.scopes.get(id).map(String::as_str).unwrap_or(id)
    }

    /// The style of a status; an unknown status gets a grey circle named by
    /// its id.
    pub fn status(&self, id: &str) -> StatusStyle {
        self.statuses
            .iter()
            .find(|s| s.id == id)
            .cloned()
            .unwrap_or_else(|| StatusStyle {
                id: id.to_string(),
                icon: "•".to_string(),
                label: id.to_string(),
                color: "#757575".to_string(),
                marker: Marker::Circle,
            })
    }

    /// Position of a status in the legend (unknown ones last).
    pub fn status_rank(&self, id: &str) -> usize {
        self.statuses
            .iter()
            .position(|s| s.id == id)
            .unwrap_or(self.statuses.len())
    }
}

/// A calendar value (`2022-03-26`, `2022-01`, `2021`, `2021-Q3`, `2021-H2`)
/// as the days it covers, with the value as the report prints it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub text: String,
}

impl Period {
    /// Parse a TIMEX3 calendar value; `None` for anything else (`PRESENT_REF`,
    /// durations, garbage).
    pub fn parse(value: &str) -> Option<Period> {
        let p = crate::graph::Period::parse(value)?;
        let v = value.trim();
        // A time of day is shown as its day.
        let text = match v.find('T') {
            Some(i) if i >= 10 => v.get(..i).unwrap_or(v),
            _ => v,
        };
        Some(Period {
            start: p.start,
            end: p.end,
            text: text.to_string(),
        })
    }

    /// `YYYY-MM` of the start, the change log's grouping.
    pub fn month(&self) -> String {
        format!("{:04}-{:02}", self.start.year(), self.start.month())
    }
}

/// The Beijing day an article was published on.
pub fn published_day(published: &str) -> Option<NaiveDate> {
    crate::graph::parse_published(published).map(|d| crate::graph::beijing_date(&d))
}

/// What a capability is: `subject capability object [scope]`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub subject: String,
    pub capability: String,
    pub object: Option<String>,
    pub scope: Option<String>,
}

impl Key {
    fn of(r: &TimelineRow) -> Key {
        Key {
            subject: r.subject.clone(),
            capability: r.capability.clone(),
            object: r.object.clone(),
            scope: r.scope.clone(),
        }
    }
}

/// One milestone: a timeline row with its date parsed and the status the
/// same capability had before it.
#[derive(Debug, Clone)]
pub struct Milestone {
    pub period: Period,
    pub key: Key,
    pub status: String,
    pub previous: Option<String>,
    pub sources: Vec<String>,
    pub evidence: Vec<Evidence>,
    pub conflict: bool,
}

/// One stretch of a capability's history: `status` from `start` until the
/// next stretch (or the report's date).
#[derive(Debug, Clone)]
pub struct Stretch {
    pub status: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub date_text: String,
}

/// The status history of one capability.
#[derive(Debug, Clone)]
pub struct History {
    pub key: Key,
    pub stretches: Vec<Stretch>,
}

impl History {
    pub fn now(&self) -> Option<&Stretch> {
        self.stretches.last()
    }

    /// When it first worked (available or partial), else `None`.
    pub fn first_available(&self) -> Option<&Stretch> {
        self.stretches
            .iter()
            .find(|s| s.status == "available" || s.status == "partial")
    }
}

/// An article the report cites.
#[derive(Debug, Clone)]
pub struct Source {
    pub article: String,
    pub title: String,
    pub published: Option<String>,
    pub url: Option<String>,
}

/// Options of a report.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Leave out milestones whose date ends before this day.
    pub since: Option<NaiveDate>,
    /// The report's title; a default one when `None`.
    pub title: Option<String>,
}

/// Everything a report shows.
#[derive(Debug, Clone)]
pub struct Report {
    pub title: String,
    pub labels: Labels,
    /// Milestones by date, then subject, capability, object, scope, status.
    pub milestones: Vec<Milestone>,
    /// Capability histories, by subject then first date.
    pub histories: Vec<History>,
    /// Lanes of the timeline chart: subjects by their first milestone.
    pub subjects: Vec<String>,
    /// Cited articles, earliest published first.
    pub sources: Vec<Source>,
    /// How many articles were read, and how many were relevant.
    pub articles_read: usize,
    pub articles_relevant: usize,
    /// Rows left out because their date is not a calendar value.
    pub undated: usize,
    /// First and last day the report covers (the last is the latest
    /// publication or milestone date).
    pub start: Option<NaiveDate>,
    pub as_of: Option<NaiveDate>,
}

impl Report {
    /// Build the view from timeline rows and the extractions they came from.
    pub fn new(
        rows: &[TimelineRow],
        extractions: &[Extraction],
        labels: Labels,
        opts: &ReportOptions,
    ) -> Report {
        let mut undated = 0;
        let mut milestones: Vec<Milestone> = Vec::new();
        for r in rows {
            let Some(period) = Period::parse(&r.first) else {
                undated += 1;
                continue;
            };
            if opts.since.is_some_and(|s| period.end < s) {
                continue;
            }
            let key = Key::of(r);
            // The row keeps one quote per distinct sentence; each source's
            // own quote is added from its extraction, so that every cited
            // article shows what it said, syndicated copies included.
            let mut evidence = r.evidence.clone();
            for x in extractions
                .iter()
                .filter(|x| r.sources.contains(&x.article))
            {
                for f in &x.events {
                    let same = f.subject == key.subject
                        && f.capability == key.capability
                        && f.object == key.object
                        && f.scope == key.scope
                        && f.status == r.status;
                    if let (true, Some(e)) = (same, &f.evidence) {
                        if !evidence
                            .iter()
                            .any(|q: &Evidence| q.article == e.article && q.quote == e.quote)
                        {
                            evidence.push(e.clone());
                        }
                    }
                }
            }
            milestones.push(Milestone {
                period,
                key,
                status: r.status.clone(),
                previous: None,
                sources: r.sources.clone(),
                evidence,
                conflict: r.conflict,
            });
        }
        milestones.sort_by(|a, b| {
            (
                a.period.start,
                &a.key,
                labels.status_rank(&a.status),
                &a.status,
            )
                .cmp(&(
                    b.period.start,
                    &b.key,
                    labels.status_rank(&b.status),
                    &b.status,
                ))
        });

        let published_days: Vec<NaiveDate> = extractions
            .iter()
            .filter_map(|x| x.published.as_deref())
            .filter_map(published_day)
            .collect();
        let start = milestones.iter().map(|m| m.period.start).min();
        let as_of = milestones
            .iter()
            .map(|m| m.period.start)
            .chain(published_days.iter().copied())
            .max();

        // Histories: one per key, its milestones in date order.
        let mut by_key: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
        for (i, m) in milestones.iter().enumerate() {
            by_key.entry(m.key.clone()).or_default().push(i);
        }
        let mut histories = Vec::new();
        for (key, idx) in &by_key {
            let mut stretches: Vec<Stretch> = Vec::new();
            for (n, &i) in idx.iter().enumerate() {
                let Some(m) = milestones.get(i) else { continue };
                let next_start = idx
                    .get(n + 1)
                    .and_then(|&j| milestones.get(j))
                    .map(|x| x.period.start);
                let end = next_start
                    .or(as_of)
                    .unwrap_or(m.period.start)
                    .max(m.period.start);
                stretches.push(Stretch {
                    status: m.status.clone(),
                    start: m.period.start,
                    end,
                    date_text: m.period.text.clone(),
                });
            }
            histories.push(History {
                key: key.clone(),
                stretches,
            });
        }
        for idx in by_key.values() {
            for w in idx.windows(2) {
                if let [a, b] = w {
                    let prev = milestones.get(*a).map(|m| m.status.clone());
                    if let Some(m) = milestones.get_mut(*b) {
                        m.previous = prev;
                    }
                }
            }
        }

        // Lanes in the order their story starts.
        let mut subjects: Vec<String> = Vec::new();
        for m in &milestones {
            if !subjects.contains(&m.key.subject) {
                subjects.push(m.key.subject.clone());
            }
        }
        let lane = |s: &str| subjects.iter().position(|x| x == s).unwrap_or(usize::MAX);
        histories.sort_by(|a, b| {
            let fa = a.stretches.first().map(|s| s.start);
            let fb = b.stretches.first().map(|s| s.start);
            (lane(&a.key.subject), fa, &a.key).cmp(&(lane(&b.key.subject), fb, &b.key))
        });

        let mut cited: Vec<&str> = Vec::new();
        for m in &milestones {
            for s in &m.sources {
                if !cited.contains(&s.as_str()) {
                    cited.push(s);
                }
            }
        }
        let mut sources: Vec<Source> = extractions
            .iter()
            .filter(|x| cited.contains(&x.article.as_str()))
            .map(|x| Source {
                article: x.article.clone(),
                title: x.title.clone(),
                published: x.published.clone(),
                url: x.url.clone(),
            })
            .collect();
        // Sources the rows name but no extraction describes still get listed.
        for c in &cited {
            if !sources.iter().any(|s| s.article == *c) {
                sources.push(Source {
                    article: c.to_string(),
                    title: String::new(),
                    published: None,
                    url: None,
                });
            }
        }
        let day = |s: &Source| s.published.as_deref().and_then(published_day);
        sources.sort_by(|a, b| (day(a), &a.article).cmp(&(day(b), &b.article)));
        sources.dedup_by(|a, b| a.article == b.article);

        Report {
            title: opts
                .title
                .clone()
                .unwrap_or_else(|| "互联互通时间线报告".to_string()),
            labels,
            milestones,
            histories,
            subjects,
            sources,
            articles_read: extractions.len(),
            articles_relevant: extractions.iter().filter(|x| x.relevant).count(),
            undated,
            start,
            as_of,
        }
    }

    /// `淘宝 → 微信支付 · 支付方式（单聊）`: the capability in full.
    pub fn key_label(&self, k: &Key) -> String {
        let l = &self.labels;
        let mut s = l.entity(&k.subject).to_string();
        if let Some(o) = &k.object {
            s.push_str(" → ");
            s.push_str(l.entity(o));
        }
        s.push_str(" · ");
        s.push_str(&self.capability_label(k));
        s
    }

    /// `支付方式（单聊）`: the capability and its scope.
    pub fn capability_label(&self, k: &Key) -> String {
        let l = &self.labels;
        let mut s = l.capability(&k.capability).to_string();
        if let Some(sc) = &k.scope {
            s.push('（');
            s.push_str(l.scope(sc));
            s.push('）');
        }
        s
    }

    /// `微信支付 支付方式 (单聊)`: the capability without its subject, for a
    /// chart lane that already names the subject. ASCII brackets: a CJK
    /// font's full-width ones leave wide gaps in a chart label.
    pub fn lane_label(&self, k: &Key) -> String {
        let l = &self.labels;
        let mut s = String::new();
        if let Some(o) = &k.object {
            s.push_str(l.entity(o));
            s.push(' ');
        }
        s.push_str(l.capability(&k.capability));
        if let Some(sc) = &k.scope {
            s.push_str(" (");
            s.push_str(l.scope(sc));
            s.push(')');
        }
        s
    }

    /// The span the report covers as printed: the first milestone's date
    /// as written (`2021-09`) and the report's date.
    pub fn span_text(&self) -> Option<(String, String)> {
        let first = self.milestones.first()?;
        Some((first.period.text.clone(), self.as_of?.to_string()))
    }

    pub fn status_label(&self, id: &str) -> String {
        self.labels.status(id).label
    }

    /// `不支持 → 内测`, or the status alone when nothing came before.
    pub fn change_label(&self, m: &Milestone) -> String {
        match &m.previous {
            Some(p) if *p != m.status => {
                format!(
                    "{} → {}",
                    self.status_label(p),
                    self.status_label(&m.status)
                )
            }
            _ => self.status_label(&m.status),
        }
    }

    /// Milestones that changed a status (not the first of their capability).
    pub fn changes(&self) -> impl Iterator<Item = &Milestone> {
        self.milestones
            .iter()
            .filter(|m| m.previous.as_ref().is_some_and(|p| *p != m.status))
    }

    /// Statuses used in the report, in legend order.
    pub fn statuses_used(&self) -> Vec<StatusStyle> {
        let mut ids: Vec<&str> = self.milestones.iter().map(|m| m.status.as_str()).collect();
        ids.sort_by_key(|s| (self.labels.status_rank(s), s.to_string()));
        ids.dedup();
        ids.into_iter().map(|s| self.labels.status(s)).collect()
    }

    /// The evidence quotes of a milestone from one article.
    pub fn quotes_from<'a>(&'a self, m: &'a Milestone, article: &'a str) -> Vec<&'a str> {
        let mut q: Vec<&str> = m
            .evidence
            .iter()
            .filter(|e| e.article == article)
            .map(|e| e.quote.as_str())
            .collect();
        q.dedup();
        q
    }

    pub fn source(&self, article: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.article == article)
    }
}

/// The files of a report, rendered in memory.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub markdown: String,
    pub html: String,
    pub timeline: Chart,
    pub capabilities: Chart,
}

impl Rendered {
    /// File names and contents, in the order they are written.
    pub fn files(&self) -> Vec<(&'static str, &[u8])> {
        vec![
            ("report.md", self.markdown.as_bytes()),
            ("report.html", self.html.as_bytes()),
            ("timeline.svg", self.timeline.svg.as_bytes()),
            ("timeline.png", &self.timeline.png),
            ("capabilities.svg", self.capabilities.svg.as_bytes()),
            ("capabilities.png", &self.capabilities.png),
        ]
    }

    /// Write every file into `dir` (created if missing).
    pub fn write_to(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| with_path(dir, e))?;
        for (name, bytes) in self.files() {
            let path = dir.join(name);
            std::fs::write(&path, bytes).map_err(|e| with_path(&path, e))?;
        }
        Ok(())
    }
}

fn with_path(p: &Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", p.display()))
}

/// Render every file of a report.
pub fn render(report: &Report) -> Result<Rendered, ChartError> {
    let timeline = charts::timeline(report)?;
    let capabilities = charts::capabilities(report)?;
    Ok(Rendered {
        markdown: markdown::render(report),
        html: html::render(report, &timeline.svg, &capabilities.svg),
        timeline,
        capabilities,
    })
}

/// The caniuse-style table: one row per (subject, object, scope), one
/// column per capability, cells pointing into [`Report::histories`].
#[derive(Debug, Clone)]
pub struct Matrix {
    pub capabilities: Vec<String>,
    pub rows: Vec<MatrixRow>,
}

#[derive(Debug, Clone)]
pub struct MatrixRow {
    pub subject: String,
    pub object: Option<String>,
    pub scope: Option<String>,
    pub cells: Vec<Option<usize>>,
}

impl Report {
    /// Build the capability matrix.
    pub fn matrix(&self) -> Matrix {
        let mut capabilities: Vec<String> = Vec::new();
        for h in &self.histories {
            if !capabilities.contains(&h.key.capability) {
                capabilities.push(h.key.capability.clone());
            }
        }
        // Columns in the order of the annotation rules' capability list;
        // capabilities it does not name go last.
        let rank = |c: &String| {
            CAPABILITY_ORDER
                .iter()
                .position(|k| k == c)
                .unwrap_or(usize::MAX)
        };
        capabilities.sort_by(|a, b| (rank(a), a).cmp(&(rank(b), b)));
        let mut rows: Vec<MatrixRow> = Vec::new();
        for (i, h) in self.histories.iter().enumerate() {
            let col = capabilities
                .iter()
                .position(|c| *c == h.key.capability)
                .unwrap_or(0);
            let found = rows.iter_mut().find(|r| {
                r.subject == h.key.subject && r.object == h.key.object && r.scope == h.key.scope
            });
            let row = match found {
                Some(r) => r,
                None => {
                    rows.push(MatrixRow {
                        subject: h.key.subject.clone(),
                        object: h.key.object.clone(),
                        scope: h.key.scope.clone(),
                        cells: vec![None; capabilities.len()],
                    });
                    match rows.last_mut() {
                        Some(r) => r,
                        None => continue,
                    }
                }
            };
            if let Some(c) = row.cells.get_mut(col) {
                *c = Some(i);
            }
        }
        Matrix { capabilities, rows }
    }

    /// `淘宝 → 微信支付（单聊）`: a matrix row's name.
    pub fn pair_label(&self, r: &MatrixRow) -> String {
        let mut s = self.labels.entity(&r.subject).to_string();
        if let Some(o) = &r.object {
            s.push_str(" → ");
            s.push_str(self.labels.entity(o));
        } else {
            s.push_str(" → 全部");
        }
        if let Some(sc) = &r.scope {
            s.push('（');
            s.push_str(self.labels.scope(sc));
            s.push('）');
        }
        s
    }

    /// A matrix cell: the status now and since when it holds; for a
    /// capability that works, since when it first worked.
    pub fn cell(&self, history: usize) -> Option<(StatusStyle, String)> {
        let h = self.histories.get(history)?;
        let now = h.now()?;
        let since = match (now.status.as_str(), h.first_available()) {
            ("available" | "partial", Some(first)) => &first.date_text,
            _ => &now.date_text,
        };
        Some((self.labels.status(&now.status), since.clone()))
    }
}

/// Capability columns in the order GOLD.md lists them.
const CAPABILITY_ORDER: &[&str] = &[
    "open_link",
    "share_link",
    "in_app_purchase",
    "accept_payment",
    "pay_on_behalf",
    "login",
    "mandate_unblock",
    "logistics",
    "mini_program",
    "ad_link",
];

/// The day of a published timestamp as shown (Beijing time).
pub fn day_of(published: &str) -> String {
    match published_day(published) {
        Some(d) => d.to_string(),
        None => published.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_labels_parse() {
        let l = Labels::from_yaml(LABELS_YAML).unwrap();
        assert_eq!(l.entity("wechat_pay"), "微信支付");
        assert_eq!(l.status("beta").marker, Marker::Triangle);
        assert_eq!(l.status("beta").rgb(), (0xef, 0x6c, 0x00));
    }

    #[test]
    fn periods() {
        let p = Period::parse("2021-11").unwrap();
        assert_eq!(p.start, NaiveDate::from_ymd_opt(2021, 11, 1).unwrap());
        assert_eq!(p.end, NaiveDate::from_ymd_opt(2021, 11, 30).unwrap());
        let q = Period::parse("2021-Q4").unwrap();
        assert_eq!(q.end, NaiveDate::from_ymd_opt(2021, 12, 31).unwrap());
        let h = Period::parse("2022-H1").unwrap();
        assert_eq!(h.end, NaiveDate::from_ymd_opt(2022, 6, 30).unwrap());
        let d = Period::parse("2022-03-26T07:06:09+08:00").unwrap();
        assert_eq!(d.text, "2022-03-26");
        for bad in [
            "PRESENT_REF",
            "P3M",
            "2022-13",
            "2022-02-30",
            "",
            "2022-Q5",
            "x-01",
        ] {
            assert!(Period::parse(bad).is_none(), "{bad}");
        }
    }
}
