//! Queries over the timeline, and what changed between two dates.
//!
//! A query answers "which platform gained which capability from whom, and
//! when": one [`CapabilityState`] per (subject, capability, object, scope).
//! [`changes`] answers "what changed since I last looked": the timeline of
//! the articles published up to one day against the one up to a later day.

use crate::graph::{
    beijing_date, parse_published, CapabilityKey, CapabilityState, Period, Timeline,
};
use crate::lexicon::Lexicon;
use crate::model::{Evidence, Extraction, TimelineRow};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};

/// A query argument that cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum QueryError {
    #[error("{flag} {value}: no entity has this id or name")]
    UnknownEntity { flag: String, value: String },
    #[error("{flag} {value}: not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")]
    BadDate { flag: String, value: String },
}

/// Parse a date argument (`2022`, `2022-03`, `2022-03-31`, `2022-Q1`).
pub fn parse_date_arg(flag: &str, value: &str) -> Result<Period, QueryError> {
    Period::parse(value).ok_or_else(|| QueryError::BadDate {
        flag: flag.to_string(),
        value: value.to_string(),
    })
}

/// The form names are compared in: no spaces, ASCII folded to lowercase.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Resolve an entity given by id or by any of its names (`淘宝`, `手机淘宝`,
/// `taobao`) to entity ids: the entity itself and the entities whose parent
/// chain leads to it (`阿里巴巴` also finds `taobao` when the lexicon says
/// Taobao's parent is Alibaba). An id that no lexicon entry has is still
/// accepted when some fact of the timeline uses it.
pub fn resolve_entity<'a>(
    lex: &Lexicon,
    known: impl IntoIterator<Item = &'a str>,
    flag: &str,
    value: &str,
) -> Result<Vec<String>, QueryError> {
    let want = fold(value);
    let mut ids: BTreeSet<String> = lex
        .entities
        .iter()
        .filter(|e| fold(&e.id) == want || e.names.iter().any(|n| fold(n) == want))
        .map(|e| e.id.clone())
        .collect();
    if ids.is_empty() {
        ids.extend(
            known
                .into_iter()
                .filter(|k| fold(k) == want)
                .map(String::from),
        );
    }
    if ids.is_empty() {
        return Err(QueryError::UnknownEntity {
            flag: flag.to_string(),
            value: value.to_string(),
        });
    }
    // Children: repeat until no entity is added, so grandchildren come too;
    // a cycle in parents cannot loop since only new ids continue it.
    loop {
        let before = ids.len();
        for e in &lex.entities {
            if e.parent.as_ref().is_some_and(|p| ids.contains(p)) {
                ids.insert(e.id.clone());
            }
        }
        if ids.len() == before {
            break;
        }
    }
    Ok(ids.into_iter().collect())
}

/// A display name for an entity id: its first lexicon name, else the id.
pub fn display_name<'a>(lex: &'a Lexicon, id: &'a str) -> &'a str {
    lex.entities
        .iter()
        .find(|e| e.id == id)
        .and_then(|e| e.names.first())
        .map(String::as_str)
        .unwrap_or(id)
}

/// What to keep. Entity lists hold resolved ids; `None` keeps everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub subjects: Option<Vec<String>>,
    pub objects: Option<Vec<String>>,
    pub capability: Option<String>,
    /// The status now.
    pub status: Option<String>,
    /// Keep capabilities with a statement dated on or after this.
    pub since: Option<Period>,
    /// The state as of this date: statements dated later are left out.
    pub until: Option<Period>,
}

impl Filter {
    fn keeps(&self, key: &CapabilityKey) -> bool {
        let has = |list: &Option<Vec<String>>, v: Option<&str>| match list {
            None => true,
            Some(ids) => v.is_some_and(|v| ids.iter().any(|i| i == v)),
        };
        has(&self.subjects, Some(&key.subject))
            && has(&self.objects, key.object.as_deref())
            && self
                .capability
                .as_ref()
                .is_none_or(|c| fold(c) == fold(&key.capability))
    }
}

/// Facts dated up to the end of `until` (undated facts are kept: nothing
/// says they are later).
fn dated_until(extractions: &[Extraction], until: &Period) -> Vec<Extraction> {
    extractions
        .iter()
        .map(|x| {
            let mut x = x.clone();
            let published = x.published.as_deref().and_then(parse_published);
            x.events.retain(|f| {
                let start = Period::parse(&f.when)
                    .map(|p| p.start)
                    .or_else(|| published.as_ref().map(beijing_date));
                start.is_none_or(|s| s <= until.end)
            });
            x
        })
        .collect()
}

/// One row per capability that passes the filter, with its status now.
pub fn query(extractions: &[Extraction], filter: &Filter) -> Vec<CapabilityState> {
    let t = match &filter.until {
        Some(u) => Timeline::build(&dated_until(extractions, u)),
        None => Timeline::build(extractions),
    };
    query_timeline(&t, filter)
}

/// [`query`] over a built timeline; `filter.until` must already be applied.
pub fn query_timeline(t: &Timeline, filter: &Filter) -> Vec<CapabilityState> {
    t.states()
        .into_iter()
        .filter(|s| filter.keeps(&s.key))
        .filter(|s| {
            filter
                .status
                .as_ref()
                .is_none_or(|st| fold(st) == fold(&s.status))
        })
        .filter(|s| match &filter.since {
            None => true,
            Some(since) => t.chain(&s.key).is_some_and(|c| {
                c.steps
                    .iter()
                    .filter_map(|&i| t.fact(i))
                    .any(|f| f.last_period.is_some_and(|p| p.end >= since.start))
            }),
        })
        .collect()
}

/// A capability whose status now differs between two timelines.
#[derive(Debug, Clone, Serialize)]
pub struct StatusChange {
    #[serde(flatten)]
    pub key: CapabilityKey,
    pub before: String,
    /// First date of the status before.
    pub before_first: String,
    pub after: String,
    pub after_first: String,
    /// What says so: the new status's evidence from the articles published
    /// in between (all of it when none of them quotes one).
    pub evidence: Vec<Evidence>,
    /// The articles published in between that state the new status.
    pub sources: Vec<String>,
}

/// A fact known before and after whose first date moved.
#[derive(Debug, Clone, Serialize)]
pub struct Redated {
    #[serde(flatten)]
    pub key: CapabilityKey,
    pub status: String,
    pub before: String,
    pub after: String,
}

/// What the articles published up to `to` know that those published up to
/// `from` did not.
#[derive(Debug, Clone, Serialize)]
pub struct Changes {
    pub from: String,
    pub to: String,
    /// Articles published up to `from`.
    pub articles_before: usize,
    /// Articles published after `from`, up to `to`, earliest first.
    pub articles_added: Vec<String>,
    /// Articles without a publication date, left out of both sides.
    pub undated: Vec<String>,
    /// Facts (with status) not in the earlier timeline.
    pub new_facts: Vec<TimelineRow>,
    pub status_changes: Vec<StatusChange>,
    /// Facts that were some capability's status now, and no longer are.
    pub superseded: Vec<TimelineRow>,
    /// Known facts that a later article dates earlier.
    pub redated: Vec<Redated>,
}

/// Compare what the articles published up to the end of `from` knew with
/// what those published up to the end of `to` know (Beijing dates).
pub fn changes(extractions: &[Extraction], from: &Period, to: &Period) -> Changes {
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut added: Vec<(NaiveDate, String)> = Vec::new();
    let mut undated = Vec::new();
    for x in extractions {
        let Some(day) = x
            .published
            .as_deref()
            .and_then(parse_published)
            .map(|d| beijing_date(&d))
        else {
            undated.push(x.article.clone());
            continue;
        };
        if day <= from.end {
            before.push(x.clone());
        }
        if day <= to.end {
            after.push(x.clone());
            if day > from.end {
                added.push((day, x.article.clone()));
            }
        }
    }
    added.sort();
    added.dedup();
    undated.sort();
    undated.dedup();
    let articles_before: BTreeSet<&str> = before.iter().map(|x| x.article.as_str()).collect();
    let articles_before = articles_before.len();
    let added: Vec<String> = added.into_iter().map(|(_, a)| a).collect();
    let is_added: HashSet<&str> = added.iter().map(String::as_str).collect();

    let a = Timeline::build(&before);
    let b = Timeline::build(&after);

    let new_facts = b
        .facts()
        .filter(|f| a.find(&f.key, &f.status).is_none())
        .map(|f| f.row())
        .collect();
    let redated = b
        .facts()
        .filter_map(|f| {
            let old = a.find(&f.key, &f.status)?;
            (old.first != f.first).then(|| Redated {
                key: f.key.clone(),
                status: f.status.clone(),
                before: old.first.clone(),
                after: f.first.clone(),
            })
        })
        .collect();

    let mut status_changes = Vec::new();
    let mut superseded = Vec::new();
    for cb in b.chains() {
        let Some(ca) = a.chain(&cb.key) else { continue };
        let (Some(old), Some(new)) = (a.fact(ca.now), b.fact(cb.now)) else {
            continue;
        };
        if old.status == new.status {
            continue;
        }
        let fresh: Vec<&crate::graph::Source> = new
            .sources
            .iter()
            .filter(|s| is_added.contains(s.article.as_str()))
            .collect();
        let mut evidence: Vec<Evidence> = new
            .evidence
            .iter()
            .filter(|q| {
                added.contains(&q.evidence.article) || q.copies.iter().any(|c| added.contains(c))
            })
            .map(|q| q.evidence.clone())
            .collect();
        if evidence.is_empty() {
            evidence = new.evidence.iter().map(|q| q.evidence.clone()).collect();
        }
        status_changes.push(StatusChange {
            key: cb.key.clone(),
            before: old.status.clone(),
            before_first: old.first.clone(),
            after: new.status.clone(),
            after_first: new.first.clone(),
            evidence,
            sources: fresh.iter().map(|s| s.article.clone()).collect(),
        });
        superseded.push(old.row());
    }
    Changes {
        from: from_label(from),
        to: from_label(to),
        articles_before,
        articles_added: added,
        undated,
        new_facts,
        status_changes,
        superseded,
        redated,
    }
}

/// The last day a period covers, as the date "published up to".
fn from_label(p: &Period) -> String {
    p.end.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fact, Relevance};

    fn lex() -> Lexicon {
        Lexicon::from_yaml(
            "entities:\n\
             - {id: alibaba, type: company, names: [阿里巴巴, 阿里]}\n\
             - {id: taobao, type: app, names: [淘宝, 手机淘宝, 淘宝 App], parent: alibaba}\n\
             - {id: wechat, type: app, names: [微信, WeChat]}\n",
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn names_ids_and_parents_resolve() {
        let l = lex();
        let r = |v| resolve_entity(&l, ["douyin"], "--subject", v);
        assert_eq!(r("淘宝"), Ok(vec!["taobao".to_string()]));
        assert_eq!(r("淘宝app"), Ok(vec!["taobao".to_string()]));
        assert_eq!(r("WECHAT"), Ok(vec!["wechat".to_string()]));
        assert_eq!(
            r("阿里"),
            Ok(vec!["alibaba".to_string(), "taobao".to_string()])
        );
        assert_eq!(r("douyin"), Ok(vec!["douyin".to_string()]));
        assert!(matches!(r("拼多多"), Err(QueryError::UnknownEntity { .. })));
    }

    fn x(article: &str, published: &str, events: &[(&str, &str, &str)]) -> Extraction {
        Extraction {
            article: article.into(),
            published: Some(published.into()),
            title: String::new(),
            url: None,
            relevant: true,
            relevance: Relevance::default(),
            entities: Vec::new(),
            timexes: Vec::new(),
            events: events
                .iter()
                .map(|(when, cap, status)| Fact {
                    when: (*when).into(),
                    subject: "taobao".into(),
                    capability: (*cap).into(),
                    object: Some("wechat_pay".into()),
                    scope: None,
                    status: (*status).into(),
                    evidence: None,
                })
                .collect(),
            text: None,
        }
    }

    #[test]
    fn until_gives_the_state_as_of_a_date() {
        let xs = [
            x(
                "a",
                "2022-01-27",
                &[("2022-01-27", "accept_payment", "not_supported")],
            ),
            x(
                "b",
                "2022-03-26",
                &[("2022-03-26", "accept_payment", "beta")],
            ),
        ];
        let all = query(&xs, &Filter::default());
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].status, "beta");
        let early = Filter {
            until: Period::parse("2022-02"),
            ..Filter::default()
        };
        assert_eq!(query(&xs, &early)[0].status, "not_supported");
        let late = Filter {
            since: Period::parse("2022-04"),
            ..Filter::default()
        };
        assert!(query(&xs, &late).is_empty());
        let beta = Filter {
            status: Some("beta".into()),
            ..Filter::default()
        };
        assert_eq!(query(&xs, &beta).len(), 1);
    }

    #[test]
    fn changes_between_two_days() {
        let xs = [
            x(
                "a",
                "2022-01-27",
                &[("2022-01-27", "accept_payment", "not_supported")],
            ),
            x(
                "b",
                "2022-03-26",
                &[("2022-03-26", "accept_payment", "beta")],
            ),
        ];
        let (Some(from), Some(to)) = (Period::parse("2022-01-31"), Period::parse("2022-03-31"))
        else {
            panic!("dates")
        };
        let c = changes(&xs, &from, &to);
        assert_eq!(c.articles_before, 1);
        assert_eq!(c.articles_added, vec!["b"]);
        assert_eq!(c.status_changes.len(), 1);
        assert_eq!(c.status_changes[0].before, "not_supported");
        assert_eq!(c.status_changes[0].after, "beta");
        assert_eq!(c.status_changes[0].sources, vec!["b"]);
        assert_eq!(c.superseded.len(), 1);
        assert_eq!(c.new_facts.len(), 1);
    }
}
