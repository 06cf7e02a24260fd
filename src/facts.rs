//! Interoperability facts: clauses -> `subject capability object [scope]
//! status when`, with the evidence sentence.
//!
//! A dictionary-based coder: every sentence is cut into clauses, entity
//! mentions are replaced by a placeholder, the lexicon's role cues mark what
//! each mention does (host, owner of a link, target of a share, ...), and its
//! capability triggers make facts whose subject and object are taken by role.
//! All domain words come from the lexicon.

pub mod when;

use crate::lexicon::{Compiled, Lexicon, Rule, PLACEHOLDER};
use crate::model::{Document, Evidence, Fact, Mention, Span, Timex};
use std::collections::HashSet;
use when::When;

/// Extract the facts an article states.
pub fn extract(
    lex: &Lexicon,
    article: &str,
    doc: &Document,
    timexes: &[Timex],
    mentions: &[Mention],
    published: Option<&str>,
) -> Vec<Fact> {
    extract_with_title(lex, article, doc, "", timexes, mentions, published)
}

/// Extract the facts an article states; the title's facts serve as the
/// antecedent of 此功能 where the paragraph has none.
pub fn extract_with_title(
    lex: &Lexicon,
    article: &str,
    doc: &Document,
    title: &str,
    timexes: &[Timex],
    mentions: &[Mention],
    published: Option<&str>,
) -> Vec<Fact> {
    // Most articles name no entity, and then they state no fact: a fact's
    // subject is an entity, and every way to one starts from a mention.
    // `pick` takes subjects and objects from the sentence's own mentions;
    // context defaults take them from facts found before or from a scope's
    // platform, and that only when the article mentions it
    // (`article_ids`); 此功能, a restriction and a continuation reuse the key
    // of a fact found before or of a title fact, and title facts come from
    // title mentions by the same rules without defaults. So the first fact
    // of an article needs a mention, and without one there is none.
    if mentions.is_empty() {
        return Vec::new();
    }
    extract_gated(lex, article, doc, title, timexes, mentions, published, true)
}

/// [`extract_with_title`] without its gates on articles and sentences that
/// mention no entity: it codes every sentence that may state a fact. Only
/// for tests that check the gates leave the output as it is.
#[doc(hidden)]
pub fn extract_every_sentence(
    lex: &Lexicon,
    article: &str,
    doc: &Document,
    title: &str,
    timexes: &[Timex],
    mentions: &[Mention],
    published: Option<&str>,
) -> Vec<Fact> {
    extract_gated(
        lex, article, doc, title, timexes, mentions, published, false,
    )
}

#[allow(clippy::too_many_arguments)]
fn extract_gated(
    lex: &Lexicon,
    article: &str,
    doc: &Document,
    title: &str,
    timexes: &[Timex],
    mentions: &[Mention],
    published: Option<&str>,
    gate: bool,
) -> Vec<Fact> {
    let c = lex.compiled();
    let pub_date = published.and_then(|p| p.get(..10)).map(str::to_string);
    // In text order, so that each sentence finds its mentions by binary
    // search: a scan of all of them per sentence is quadratic in a long
    // article (a 7 MB page took minutes).
    let mut body: Vec<&Mention> = mentions.iter().filter(|m| !m.in_title).collect();
    body.sort_by_key(|m| m.span.start);
    let article_ids: HashSet<usize> = mentions
        .iter()
        .filter_map(|m| c.index.get(&m.entity).copied())
        .collect();
    let title_facts = title_facts(c, title, mentions);
    // A scene whose platform the article names can be the subject of a
    // sentence that names no entity (see `roles_to_keys`).
    let scene_platform = c
        .scopes
        .iter()
        .any(|s| s.platform.is_some_and(|p| article_ids.contains(&p)));
    let mut cands: Vec<Cand> = Vec::new();
    for sent in gold_sentences(doc) {
        let norm = to_norm_span(doc, sent.text);
        // A sentence that names no entity takes its subject from a fact
        // found before it (of the article or the title) or from a scene's
        // platform; with none of them it states nothing, as in the many
        // sentences before an article's first fact.
        if gate
            && cands.is_empty()
            && title_facts.is_empty()
            && !scene_platform
            && !within(&body, norm).any(|m| m.span.end <= norm.end)
        {
            continue;
        }
        let Some(ms) = MaskedSentence::new(c, doc, norm, &body) else {
            continue;
        };
        let ctx = Ctx {
            c,
            article_ids: &article_ids,
            title_facts: &title_facts,
            para: sent.para,
            defaults: true,
            src: &doc.norm,
        };
        let found = sentence_facts(&ctx, &ms, &cands);
        for f in found {
            // 此次接入京东物流是其中分量最重的一项 after the news was told:
            // the fact again, not a statement dated by the sentence's past.
            // One that adds a status (此次合作覆盖大部分城市) says more.
            let recap = doc
                .norm
                .get(f.clause.0..f.clause.1)
                .is_some_and(|t| c.recap.iter().any(|r| r.is_match(t)));
            if recap && f.status == c.default_status && cands.iter().any(|p| p.key == f.key) {
                continue;
            }
            let when = when::resolve(
                timexes,
                f.at,
                f.clause,
                (norm.start, norm.end),
                pub_date.as_deref(),
            )
            .unwrap_or(When {
                value: String::new(),
                own: false,
            });
            let evidence = Evidence {
                article: article.to_string(),
                paragraph: doc
                    .paragraphs
                    .get(sent.para)
                    .map(|p| p.id.clone())
                    .unwrap_or_default(),
                quote: doc
                    .text
                    .get(sent.text.start..sent.text.end)
                    .unwrap_or("")
                    .to_string(),
                span: sent.text,
            };
            cands.push(Cand {
                key: f.key,
                status: f.status,
                when,
                para: sent.para,
                evidence,
                points_back: f.points_back,
            });
        }
    }
    merge(c, cands)
}

/// A fact key: (subject, capability, object, scope) as entity indexes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    subject: usize,
    capability: String,
    object: Option<usize>,
    scope: Option<String>,
}

/// One statement of a fact before the article's statements are merged.
#[derive(Debug, Clone)]
struct Cand {
    key: Key,
    status: String,
    when: When,
    para: usize,
    evidence: Evidence,
    points_back: bool,
}

/// A fact found in a sentence, before dating.
#[derive(Debug, Clone)]
struct Found {
    key: Key,
    status: String,
    /// Byte of the normalized text where the trigger starts.
    at: usize,
    /// The trigger's clause, bytes of the normalized text.
    clause: (usize, usize),
    /// Said of the fact by pointing back at it (该功能正在灰度测试中).
    points_back: bool,
}

struct Ctx<'a> {
    c: &'a Compiled,
    article_ids: &'a HashSet<usize>,
    title_facts: &'a [Found],
    para: usize,
    /// Whether context may supply a missing subject or object.
    defaults: bool,
    /// The normalized text the sentence was masked from: scope cues are
    /// looked for in it, since an entity's alias may hold one (淘宝网页版).
    src: &'a str,
}

/// A sentence as GOLD.md counts it (；does not end it), as a text range.
struct GoldSentence {
    para: usize,
    text: Span,
}

fn gold_sentences(doc: &Document) -> Vec<GoldSentence> {
    let mut out: Vec<GoldSentence> = Vec::new();
    let mut open = false;
    for s in doc.sentences() {
        let t = doc.text.get(s.span.start..s.span.end).unwrap_or("");
        match out.last_mut() {
            Some(last) if open && last.para == s.paragraph => last.text.end = s.span.end,
            _ => out.push(GoldSentence {
                para: s.paragraph,
                text: s.span,
            }),
        }
        open = t.trim_end().ends_with(['；', ';']);
    }
    out
}

/// The mentions, sorted by start, that start within `span` (its end
/// included).
fn within<'a>(sorted: &'a [&'a Mention], span: Span) -> impl Iterator<Item = &'a Mention> + 'a {
    let from = sorted.partition_point(|m| m.span.start < span.start);
    sorted[from..]
        .iter()
        .copied()
        .take_while(move |m| m.span.start <= span.end)
}

/// The range of `norm` that a range of `text` became.
fn to_norm_span(doc: &Document, text: Span) -> Span {
    if doc.norm_map.is_empty() {
        return Span::new(text.start.min(doc.norm.len()), text.end.min(doc.norm.len()));
    }
    let start = doc.norm_from_text(text.start).min(doc.norm.len());
    let end = doc.norm_from_text(text.end).min(doc.norm.len());
    Span::new(start, end.max(start))
}

/// A sentence with every entity mention replaced by the placeholder.
struct MaskedSentence {
    text: String,
    /// Byte of `text` -> byte of the normalized document (one extra entry).
    to_norm: Vec<usize>,
    /// The mentions, in order: (byte of the placeholder in `text`, entity).
    mentions: Vec<(usize, usize)>,
    clauses: Vec<Clause>,
    /// Ranges of `text` inside quotation marks.
    quotes: Vec<(usize, usize)>,
}

struct Clause {
    start: usize,
    end: usize,
    excluded: bool,
    /// Per mention of the sentence: the roles it has in this clause.
    roles: Vec<Vec<String>>,
}

impl MaskedSentence {
    fn new(c: &Compiled, doc: &Document, norm: Span, body: &[&Mention]) -> Option<Self> {
        let src = doc.norm.get(norm.start..norm.end)?;
        let mut ms: Vec<(usize, usize, usize)> = within(body, norm)
            .filter(|m| m.span.end <= norm.end)
            .filter_map(|m| {
                c.index
                    .get(&m.entity)
                    .map(|&e| (m.span.start - norm.start, m.span.end - norm.start, e))
            })
            .collect();
        ms.sort();
        // Most sentences state no fact: skip mapping, cutting and
        // role-tagging them.
        let (text, mentions) = Self::mask_text(src, &ms);
        if !c.may_state_fact(&text) {
            return None;
        }
        let mut out = Self::with_map(src, norm.start, &ms, text, mentions);
        out.split(c);
        Some(out)
    }

    /// The sentence masked but not yet cut: `ms` is (start, end, entity)
    /// relative to `src`, sorted.
    fn mask(src: &str, base: usize, ms: &[(usize, usize, usize)]) -> Self {
        let (text, mentions) = Self::mask_text(src, ms);
        Self::with_map(src, base, ms, text, mentions)
    }

    /// The masked text and its mentions, without the byte map.
    fn mask_text(src: &str, ms: &[(usize, usize, usize)]) -> (String, Vec<(usize, usize)>) {
        let mut text = String::with_capacity(src.len());
        let mut mentions = Vec::new();
        mask_parts(src, ms, |part| match part {
            Part::Text(_, t) => text.push_str(t),
            Part::Mention(_, ent) => {
                mentions.push((text.len(), ent));
                text.push(PLACEHOLDER);
            }
        });
        (text, mentions)
    }

    /// The masked sentence with its map to the normalized document; `base`
    /// is where `src` starts in it.
    fn with_map(
        src: &str,
        base: usize,
        ms: &[(usize, usize, usize)],
        text: String,
        mentions: Vec<(usize, usize)>,
    ) -> Self {
        let mut to_norm = Vec::with_capacity(text.len() + 1);
        mask_parts(src, ms, |part| match part {
            // Every byte of a character maps to where the character starts.
            Part::Text(at, t) => {
                let mut cur = base + at;
                for (i, &b) in t.as_bytes().iter().enumerate() {
                    if !is_continuation(b) {
                        cur = base + at + i;
                    }
                    to_norm.push(cur);
                }
            }
            Part::Mention(s, _) => {
                to_norm.extend(std::iter::repeat_n(base + s, PLACEHOLDER.len_utf8()));
            }
        });
        to_norm.push(base + src.len());
        MaskedSentence {
            text,
            to_norm,
            mentions,
            clauses: Vec::new(),
            quotes: Vec::new(),
        }
    }

    fn split(&mut self, c: &Compiled) {
        let mut start = 0;
        let mut bounds = Vec::new();
        let mut quote_start: Option<usize> = None;
        for (i, ch) in self.text.char_indices() {
            match ch {
                '，' | ',' | '；' | ';' | '：' | ':' | '。' | '！' | '？' | '!' | '?' => {
                    bounds.push((start, i));
                    start = i + ch.len_utf8();
                }
                '“' | '「' | '『' => quote_start = Some(i),
                '”' | '」' | '』' => {
                    if let Some(q) = quote_start.take() {
                        // A quote that holds clauses of its own is someone's
                        // statement, not a label or a name: its facts count.
                        let spoken = self
                            .text
                            .get(q..i)
                            .is_some_and(|t| t.contains(['，', '。', '；', '！', '？', ';']));
                        if !spoken {
                            self.quotes.push((q, i + ch.len_utf8()));
                        }
                    }
                }
                _ => {}
            }
        }
        bounds.push((start, self.text.len()));
        for (s, e) in bounds {
            if self.text.get(s..e).is_none_or(|t| t.trim().is_empty()) {
                continue;
            }
            let t = &self.text[s..e];
            let excluded = c.excluded_clause.iter().any(|r| r.is_match(t));
            let mut roles = vec![Vec::new(); self.mentions.len()];
            // A role goes to a mention where a cue's `e` group matched, so
            // a clause without one gets none.
            let names_one = self.mentions.iter().any(|&(p, _)| p >= s && p < e);
            for (name, res) in c.roles.iter().filter(|_| names_one) {
                for re in res {
                    for caps in re.captures_iter(t) {
                        if let Some(g) = caps.name("e") {
                            if let Some(k) = self.mention_at(s + g.start()) {
                                if !roles[k].contains(name) {
                                    roles[k].push(name.clone());
                                }
                            }
                        }
                    }
                }
            }
            self.clauses.push(Clause {
                start: s,
                end: e,
                excluded,
                roles,
            });
        }
        // Coordinated mentions (A、B 和 C) share their roles.
        if let Some(co) = &c.coordination {
            for cl in &mut self.clauses {
                let idx: Vec<usize> = (0..self.mentions.len())
                    .filter(|&k| {
                        let p = self.mentions[k].0;
                        p >= cl.start && p < cl.end
                    })
                    .collect();
                for _ in 0..2 {
                    for w in idx.windows(2) {
                        let (a, b) = (w[0], w[1]);
                        let between = self
                            .text
                            .get(self.mentions[a].0 + PLACEHOLDER.len_utf8()..self.mentions[b].0)
                            .unwrap_or("-");
                        if co.is_match(between) {
                            let (ra, rb) = (cl.roles[a].clone(), cl.roles[b].clone());
                            for r in ra {
                                if !cl.roles[b].contains(&r) {
                                    cl.roles[b].push(r);
                                }
                            }
                            for r in rb {
                                if !cl.roles[a].contains(&r) {
                                    cl.roles[a].push(r);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn mention_at(&self, pos: usize) -> Option<usize> {
        self.mentions.iter().position(|&(p, _)| p == pos)
    }

    fn norm_at(&self, pos: usize) -> usize {
        self.to_norm
            .get(pos)
            .or(self.to_norm.last())
            .copied()
            .unwrap_or(0)
    }

    fn clause_text(&self, k: usize) -> &str {
        let cl = &self.clauses[k];
        self.text.get(cl.start..cl.end).unwrap_or("")
    }

    fn in_quote(&self, s: usize, e: usize) -> bool {
        self.quotes.iter().any(|&(a, b)| a <= s && e <= b)
    }

    /// Mentions of clause `k`, by index into `mentions`.
    fn clause_mentions(&self, k: usize) -> Vec<usize> {
        let cl = &self.clauses[k];
        (0..self.mentions.len())
            .filter(|&i| self.mentions[i].0 >= cl.start && self.mentions[i].0 < cl.end)
            .collect()
    }
}

/// A piece of a sentence being masked.
enum Part<'a> {
    /// Text kept as it is, and where it starts in the sentence.
    Text(usize, &'a str),
    /// A mention, by where it starts in the sentence and its entity.
    Mention(usize, usize),
}

/// Walk `src` as masking cuts it: `ms` is (start, end, entity) relative to
/// `src`, sorted; a mention overlapping the one before it, or not on
/// character boundaries, stays text.
fn mask_parts<'a>(src: &'a str, ms: &[(usize, usize, usize)], mut f: impl FnMut(Part<'a>)) {
    let mut at = 0;
    for &(s, e, ent) in ms {
        if s < at {
            continue;
        }
        let Some(t) = src.get(at..s) else {
            continue;
        };
        f(Part::Text(at, t));
        f(Part::Mention(s, ent));
        at = e;
    }
    if let Some(rest) = src.get(at..) {
        f(Part::Text(at, rest));
    }
}

/// A UTF-8 byte that continues a character.
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// A trigger match in a clause.
struct Hit<'a> {
    rule: &'a Rule,
    trigger: usize,
    clause: usize,
    start: usize,
    end: usize,
}

/// The fact a clause without a trigger of its own refers back to: the
/// sentence's last, else the paragraph's, else (when `article_wide`) the
/// article's so far, else the title's.
fn antecedent(ctx: &Ctx, out: &[Found], prev: &[Cand], article_wide: bool) -> Option<Key> {
    out.last()
        .map(|f| f.key.clone())
        .or_else(|| {
            prev.iter()
                .rev()
                .find(|p| p.para == ctx.para)
                .map(|p| p.key.clone())
        })
        .or_else(|| prev.last().filter(|_| article_wide).map(|p| p.key.clone()))
        .or_else(|| ctx.title_facts.first().map(|f| f.key.clone()))
}

/// The fact a limiting clause speaks of: the last one of its sentence;
/// else the main (first) fact of the last sentence that stated one, in the
/// paragraph, else in the article (with the facts stated in one go with
/// it). 美团打车小程序在支付宝上线，并可使用支付宝
/// 付款。该小程序目前仅在20个城市提供服务: the mini program is limited, not
/// the payment its sentence adds.
fn main_antecedent(ctx: &Ctx, out: &[Found], prev: &[Cand]) -> Vec<Key> {
    if let Some(f) = out.last() {
        return vec![f.key.clone()];
    }
    let Some(last) = prev
        .iter()
        .rev()
        .find(|p| p.para == ctx.para)
        .or_else(|| prev.last())
    else {
        return Vec::new();
    };
    prev.iter()
        .find(|p| p.evidence.span == last.evidence.span)
        .map(|main| one_statement(prev, main))
        .unwrap_or_default()
}

/// The fact a back-referring clause speaks of: the last one of its
/// sentence; else, where the sentence names parties, the latest fact of the
/// article with one of them; else the latest of this or the paragraph before.
/// A fact stated of two objects at once (在私信里收到的淘宝、京东商品链接…直接
/// 打开) is one statement: the later clause speaks of both.
fn back_antecedent(ctx: &Ctx, ms: &MaskedSentence, out: &[Found], prev: &[Cand]) -> Vec<Key> {
    if let Some(f) = out.last() {
        let mut keys: Vec<Key> = Vec::new();
        for g in out.iter().filter(|g| g.clause == f.clause) {
            if !keys.contains(&g.key) {
                keys.push(g.key.clone());
            }
        }
        return keys;
    }
    let named: Vec<usize> = ms.mentions.iter().map(|m| m.1).collect();
    let found = if named.is_empty() {
        prev.iter()
            .rev()
            .take(1)
            .find(|p| p.para.saturating_add(1) >= ctx.para)
    } else {
        prev.iter().rev().find(|p| {
            named.contains(&p.key.subject) || p.key.object.is_some_and(|o| named.contains(&o))
        })
    };
    found
        .map(|last| one_statement(prev, last))
        .unwrap_or_default()
}

/// The facts `last`'s sentence states in one go with it: the same
/// capability and scene, with two objects (淘宝、京东商品链接) or two
/// subjects (淘宝、天猫平台上的商家可以选择京东物流).
fn one_statement(prev: &[Cand], last: &Cand) -> Vec<Key> {
    let mut keys: Vec<Key> = Vec::new();
    for p in prev.iter().filter(|p| {
        p.evidence.span == last.evidence.span
            && p.key.capability == last.key.capability
            && p.key.scope == last.key.scope
            && (p.key.subject == last.key.subject || p.key.object == last.key.object)
    }) {
        if !keys.contains(&p.key) {
            keys.push(p.key.clone());
        }
    }
    keys
}

/// Clauses that state no fact of their own but match one of `cues` give
/// the fact `antecedent` finds the status they hold, where that is not the
/// default and every entity they name passes `own`. One statement, one
/// status: a clause that already gave a fact is not read again.
// The two callers differ in four ways (cues, whether a triggered clause
// counts, how the fact is found, whose mentions may stand in the clause);
// a struct for them would only rename the arguments.
#[allow(clippy::too_many_arguments)]
fn status_from_later_clause(
    c: &Compiled,
    ms: &MaskedSentence,
    triggered: &HashSet<usize>,
    out: &mut Vec<Found>,
    cues: &[crate::lexicon::LazyRegex],
    skip_triggered: bool,
    antecedent: impl Fn(&[Found]) -> Vec<Key>,
    own: impl Fn(usize, &Key) -> bool,
    fixed: Option<&str>,
) {
    for k in 0..ms.clauses.len() {
        let (cs, ce) = (
            ms.norm_at(ms.clauses[k].start),
            ms.norm_at(ms.clauses[k].end),
        );
        if (skip_triggered && triggered.contains(&k))
            || ms.clauses[k].excluded
            || out.iter().any(|f| f.clause == (cs, ce))
        {
            continue;
        }
        let Some(m) = cues.iter().find_map(|r| r.find(ms.clause_text(k))) else {
            continue;
        };
        let status = match fixed {
            Some(s) => s.to_string(),
            None => status_of(c, ms, k, &NO_RULE, None, triggered),
        };
        if status == c.default_status {
            continue;
        }
        for key in antecedent(out) {
            let all_own = ms
                .clause_mentions(k)
                .into_iter()
                .all(|i| own(ms.mentions[i].1, &key));
            if !all_own {
                continue;
            }
            out.push(Found {
                key,
                status: status.clone(),
                at: ms.norm_at(ms.clauses[k].start + m.start()),
                clause: (cs, ce),
                points_back: false,
            });
        }
    }
}

fn sentence_facts(ctx: &Ctx, ms: &MaskedSentence, prev: &[Cand]) -> Vec<Found> {
    let c = ctx.c;
    if c.unasserted.iter().any(|r| r.is_match(&ms.text)) {
        return Vec::new();
    }
    let hits = find_hits(c, ms);
    let mut out: Vec<Found> = Vec::new();
    let triggered: HashSet<usize> = hits.iter().map(|h| h.clause).collect();
    for h in &hits {
        if ms.clauses[h.clause].excluded {
            continue;
        }
        if h.rule
            .context
            .as_ref()
            .is_some_and(|r| !r.is_match(&ms.text))
        {
            continue;
        }
        let trigger_status = h
            .rule
            .triggers
            .get(h.trigger)
            .and_then(|t| t.status.as_deref());
        for key in roles_to_keys(ctx, ms, h, prev, &out, &triggered) {
            let status = status_of(c, ms, h.clause, h.rule, trigger_status, &triggered);
            out.push(Found {
                key,
                status,
                at: ms.norm_at(h.start),
                clause: (
                    ms.norm_at(ms.clauses[h.clause].start),
                    ms.norm_at(ms.clauses[h.clause].end),
                ),
                points_back: false,
            });
        }
    }
    // A fact stated twice in one sentence has one status: one that spreads
    // over the sentence (the test the sentence is about) wins over the
    // default and over the statuses it absorbs; another sentence status
    // (partial) only over those it absorbs, so 开放了线上场景，在多个城市实现
    // 互认 states the opening and the partial acceptance both.
    let spread: Vec<(Key, String, bool)> = out
        .iter()
        .filter_map(|f| {
            c.statuses
                .iter()
                .find(|s| s.sentence && s.id == f.status)
                .map(|s| (f.key.clone(), f.status.clone(), s.spreads))
        })
        .collect();
    for f in &mut out {
        // 试点开放外链，…可以直接跳转至淘宝: the test of links in general
        // is the test of the named platform's links.
        let same = |k: &Key| {
            *k == f.key
                || (k.object.is_none()
                    && k.subject == f.key.subject
                    && k.capability == f.key.capability
                    && k.scope == f.key.scope)
        };
        let Some((_, st, spreads)) = spread.iter().find(|(k, _, _)| same(k)) else {
            continue;
        };
        // Works for some users while in a test: the test alone (GOLD.md).
        let absorbed = c
            .statuses
            .iter()
            .any(|s| s.id == *st && s.absorbs.contains(&f.status));
        if (*spreads && f.status == c.default_status) || absorbed {
            f.status = st.clone();
        }
    }
    // 将从9月起开通微信支付，所有商家都可以接受微信支付: a later clause
    // that spells out a fact stated before in the sentence is the same
    // statement, with the status that governs it.
    for i in 0..out.len() {
        let Some(st) = (0..i)
            .filter(|&j| out[j].key == out[i].key && out[j].clause.1 <= out[i].clause.0)
            .find_map(|j| {
                c.statuses
                    .iter()
                    .find(|s| s.id == out[j].status && s.governs.contains(&out[i].status))
            })
        else {
            continue;
        };
        out[i].status = st.id.clone();
    }
    // 此功能: a clause with no trigger that points back takes the last fact
    // of the paragraph (or the title's), with its own status.
    for k in 0..ms.clauses.len() {
        if triggered.contains(&k) || ms.clauses[k].excluded {
            continue;
        }
        let t = ms.clause_text(k);
        let Some(m) = c.anaphora.iter().find_map(|r| r.find(t)) else {
            continue;
        };
        // 目前该功能在 iOS 版中均可使用，不过 PC 端仍暂不支持…: the function
        // pointed back to was named before, not in a later clause.
        let cs = ms.norm_at(ms.clauses[k].start);
        let before: Vec<Found> = out.iter().filter(|f| f.clause.1 <= cs).cloned().collect();
        let status = status_of(c, ms, k, &NO_RULE, None, &triggered);
        // With no fact in its paragraph nor in the title, 该功能 stating a
        // status of its own (a test, a plan) is the feature the article
        // opened with (京东客服称该功能“正在小范围测试” two paragraphs after
        // the lead's 京东…能选支付宝了); one that only says it works may be
        // a feature its own sentence names (上线新功能“抖音团购”，该功能…).
        let Some(mut key) = antecedent(ctx, &before, prev, false).or_else(|| {
            prev.first()
                .filter(|_| status != c.default_status)
                .map(|p| p.key.clone())
        }) else {
            continue;
        };
        // 将逐步开放群聊场景: the fact in the scene the clause names.
        if let Some(s) = c
            .scopes
            .iter()
            .find(|s| s.cues.iter().any(|r| r.is_match(t)))
        {
            key.scope = Some(s.id.clone());
        }
        let start = ms.clauses[k].start + m.start();
        out.push(Found {
            key,
            status,
            at: ms.norm_at(start),
            clause: (
                ms.norm_at(ms.clauses[k].start),
                ms.norm_at(ms.clauses[k].end),
            ),
            points_back: true,
        });
    }
    // 部分订单只能用支付宝: a clause that states no fact of its own and only
    // limits the last fact (of the sentence, paragraph, article or title)
    // to some cases gives that fact its status. Its own mentions, if any,
    // are the subject's own options, never the fact's object.
    status_from_later_clause(
        c,
        ms,
        &triggered,
        &mut out,
        &c.restriction,
        false,
        |out| antecedent(ctx, out, prev, true).into_iter().collect(),
        |e, key| c.group(e) == c.group(key.subject) && Some(e) != key.object,
        None,
    );
    // 仅在12个城市开通, 部分小微商户暂不支持: a clause that limits where or
    // for whom the fact before works makes it partial; it may name the
    // fact's own parties.
    let before = out.len();
    status_from_later_clause(
        c,
        ms,
        &triggered,
        &mut out,
        &c.reach,
        false,
        |out| main_antecedent(ctx, out, prev),
        |e, key| {
            c.group(e) == c.group(key.subject)
                || key.object.is_some_and(|o| c.group(e) == c.group(o))
        },
        Some(&c.reach_status),
    );
    // Mutual acceptance limited: both directions are.
    let mirrors: Vec<Found> = out[before..]
        .iter()
        .filter_map(|f| {
            let o = f.key.object?;
            let mirror = Key {
                subject: o,
                capability: f.key.capability.clone(),
                object: Some(f.key.subject),
                scope: f.key.scope.clone(),
            };
            let known = out[..before].iter().any(|x| x.key == mirror)
                || prev.iter().any(|x| x.key == mirror);
            known.then(|| Found {
                key: mirror,
                ..f.clone()
            })
        })
        .collect();
    out.extend(mirrors);
    // 目前还在试点阶段, 后续将逐步向全部用户开放: a clause with no trigger
    // that speaks of the fact before without naming it states a status of
    // that fact. Its mentions, if any, are that fact's own parties; where
    // the sentence names parties, the fact is the latest one between them
    // (a quote about one plan after a paragraph about another).
    status_from_later_clause(
        c,
        ms,
        &triggered,
        &mut out,
        &c.back_reference,
        true,
        |out| back_antecedent(ctx, ms, out, prev),
        |e, key| e == key.subject || Some(e) == key.object || c.group(e) == c.group(key.subject),
        None,
    );
    // 覆盖餐饮等品类，但暂不支持外卖业务: a clause naming no party that
    // leaves a part of the service out makes the fact before it in the
    // sentence one that works in part (one statement, one status).
    // 曾与京东物流洽谈合作，但最终未能落地: one that says the deal before it
    // came to nothing; the fact was never there.
    for (cues, status) in [
        (&c.exception, &c.exception_status),
        (&c.failure, &c.failure_status),
    ] {
        for k in 0..ms.clauses.len() {
            if triggered.contains(&k)
                || ms.clauses[k].excluded
                || !ms.clause_mentions(k).is_empty()
                || !cues.iter().any(|r| r.is_match(ms.clause_text(k)))
            {
                continue;
            }
            let cs = ms.norm_at(ms.clauses[k].start);
            if let Some(f) = out
                .iter_mut()
                .rev()
                .find(|f| f.clause.1 <= cs && f.status == c.default_status)
            {
                f.status = status.clone();
            }
        }
    }
    // 不过后续会逐步覆盖: a later clause that opens with a contrast and
    // states only a rollout status is a new statement about the fact before.
    let mut more = Vec::new();
    for f in &out {
        for k in 0..ms.clauses.len() {
            let cs = ms.norm_at(ms.clauses[k].start);
            if cs <= f.clause.0 || triggered.contains(&k) {
                continue;
            }
            let t = ms.clause_text(k);
            if !c.continuation.iter().any(|r| r.is_match(t)) {
                continue;
            }
            let Some(st) = c
                .statuses
                .iter()
                .filter(|s| c.continuation_statuses.contains(&s.id))
                .find(|s| s.cues.iter().any(|r| r.is_match(t)))
            else {
                continue;
            };
            more.push(Found {
                key: f.key.clone(),
                status: st.id.clone(),
                at: cs,
                clause: (cs, ms.norm_at(ms.clauses[k].end)),
                points_back: false,
            });
        }
    }
    out.extend(more);
    // 直播间购物车支持挂载淘宝商品链接，用户点击后可直接跳转至淘宝: the jump
    // is how the traffic link works, one statement with it; the link into
    // the other platform is the fact.
    for (cap, drops) in &c.subsumes {
        let parties: Vec<(usize, Option<usize>)> = out
            .iter()
            .filter(|f| f.key.capability == *cap)
            .map(|f| (f.key.subject, f.key.object))
            .collect();
        out.retain(|f| {
            !drops.contains(&f.key.capability)
                || f.key.object.is_none()
                || !parties.contains(&(f.key.subject, f.key.object))
        });
    }
    // 开放笔记外链，…可以直接跳转至淘宝: links in general and the named
    // platform's links are one statement; the named one is the fact.
    let named: Vec<_> = out
        .iter()
        .filter(|f| f.key.object.is_some())
        .map(|f| {
            (
                f.key.subject,
                f.key.capability.clone(),
                f.key.scope.clone(),
                f.status.clone(),
            )
        })
        .collect();
    // Links in general with no scene of their own are those of whatever
    // scene the named ones open in (首批开放的外链…，其中淘宝的链接在个人对话中…).
    out.retain(|f| {
        f.key.object.is_some()
            || !named.iter().any(|(s, cap, sc, st)| {
                *s == f.key.subject
                    && *cap == f.key.capability
                    && (*sc == f.key.scope || f.key.scope.is_none())
                    && *st == f.status
            })
    });
    out
}

static NO_RULE: Rule = Rule {
    capability: String::new(),
    priority: 0,
    triggers: Vec::new(),
    subject: Vec::new(),
    subject_types: Vec::new(),
    object: Vec::new(),
    object_types: Vec::new(),
    status: None,
    defaults: false,
    mutual: false,
    object_optional: true,
    context: None,
    host_tag: None,
    object_tag: None,
    reciprocal: false,
    quoted: false,
};

fn find_hits<'a>(c: &'a Compiled, ms: &MaskedSentence) -> Vec<Hit<'a>> {
    let mut all: Vec<Hit> = Vec::new();
    for (k, cl) in ms.clauses.iter().enumerate() {
        let t = ms.clause_text(k);
        // Triggers whose literals are not in the clause do not match it.
        let candidates = c.trigger_candidates(t);
        let may = |ri: usize, ti: usize| {
            candidates
                .as_ref()
                .is_none_or(|v| v.get(ri).and_then(|r| r.get(ti)).copied().unwrap_or(true))
        };
        for (ri, rule) in c.rules.iter().enumerate() {
            for (ti, tr) in rule.triggers.iter().enumerate() {
                if !may(ri, ti) {
                    continue;
                }
                for m in tr.re.find_iter(t) {
                    let (s, e) = (cl.start + m.start(), cl.start + m.end());
                    // Words inside quotation marks are UI labels or quoted
                    // names (“链接可打开”), not what the sentence states.
                    if ms.in_quote(s, e) && !rule.quoted {
                        continue;
                    }
                    all.push(Hit {
                        rule,
                        trigger: ti,
                        clause: k,
                        start: s,
                        end: e,
                    });
                }
            }
        }
    }
    all.sort_by(|a, b| {
        b.rule
            .priority
            .cmp(&a.rule.priority)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Hit> = Vec::new();
    for h in all {
        let clash = kept.iter().any(|k| {
            let overlap = h.start < k.end && k.start < h.end;
            overlap && k.rule.priority > h.rule.priority
        });
        if !clash {
            kept.push(h);
        }
    }
    kept.sort_by_key(|h| h.start);
    kept
}

fn type_ok(c: &Compiled, types: &[String], e: usize) -> bool {
    types.is_empty() || c.entities.get(e).is_some_and(|x| types.contains(&x.kind))
}

/// Mentions (indexes into `ms.mentions`) with one of `roles`, nearest the
/// trigger first: the trigger's clause, then the sentence's other clauses.
fn pick(
    c: &Compiled,
    ms: &MaskedSentence,
    h: &Hit,
    roles: &[String],
    types: &[String],
    skip: &[usize],
    avoid: &[String],
) -> Vec<usize> {
    let ok = |i: usize| {
        let e = ms.mentions[i].1;
        // A subject must be able to pair with some object: not one of the
        // same group as every object.
        type_ok(c, types, e) && (skip.is_empty() || skip.iter().any(|&s| c.group(s) != c.group(e)))
    };
    let mut order: Vec<usize> = vec![h.clause];
    for d in 1..ms.clauses.len() {
        if h.clause >= d {
            order.push(h.clause - d);
        }
        if h.clause + d < ms.clauses.len() {
            order.push(h.clause + d);
        }
    }
    for (n, &k) in order.iter().enumerate() {
        let cl = &ms.clauses[k];
        if cl.excluded {
            continue;
        }
        let own = n == 0;
        for role in roles {
            let found: Vec<usize> = ms
                .clause_mentions(k)
                .into_iter()
                .filter(|&i| ok(i))
                .filter(|&i| {
                    let p = ms.mentions[i].0;
                    match role.as_str() {
                        "trigger" => {
                            own && p >= h.start
                                && p < h.end
                                && !cl.roles[i].iter().any(|r| avoid.contains(r))
                        }
                        // An agent acts before its verb: in the trigger's
                        // clause before the trigger, or in an earlier clause.
                        "agent" => {
                            cl.roles[i].is_empty() && (if own { p < h.start } else { k < h.clause })
                        }
                        r => cl.roles[i].iter().any(|x| x == r),
                    }
                })
                .collect();
            if found.is_empty() {
                continue;
            }
            if role == "agent" {
                // The agent nearest the trigger and those coordinated with it.
                let at = if own { Anchor::Last } else { Anchor::First };
                return agent_group(c, ms, &found, at);
            }
            if role == "trigger" {
                // 接入了支付宝、微信支付: what is coordinated with the
                // trigger's entity shares its role.
                let mut all = found.clone();
                let pool: Vec<usize> = ms
                    .clause_mentions(k)
                    .into_iter()
                    .filter(|&i| ok(i))
                    .collect();
                for &f in &found {
                    for i in agent_group(c, ms, &pool, Anchor::At(f)) {
                        if !all.contains(&i) {
                            all.push(i);
                        }
                    }
                }
                all.sort();
                return all;
            }
            return found;
        }
    }
    Vec::new()
}

/// Where in `pool` the group search starts.
#[derive(Clone, Copy)]
enum Anchor {
    Last,
    First,
    At(usize),
}

fn agent_group(c: &Compiled, ms: &MaskedSentence, found: &[usize], anchor: Anchor) -> Vec<usize> {
    let anchor = match anchor {
        Anchor::Last => found.last().copied(),
        Anchor::First => found.first().copied(),
        Anchor::At(i) => Some(i),
    };
    let Some(anchor) = anchor else {
        return Vec::new();
    };
    let mut group = vec![anchor];
    let Some(co) = &c.coordination else {
        return group;
    };
    let joined = |a: usize, b: usize| {
        ms.text
            .get(ms.mentions[a].0 + PLACEHOLDER.len_utf8()..ms.mentions[b].0)
            .is_some_and(|t| co.is_match(t))
    };
    let mut i = anchor;
    while i > 0 && found.contains(&(i - 1)) && joined(i - 1, i) {
        i -= 1;
        group.insert(0, i);
    }
    let mut j = anchor;
    while found.contains(&(j + 1)) && joined(j, j + 1) {
        j += 1;
        group.push(j);
    }
    group
}

fn scope_of(
    c: &Compiled,
    ms: &MaskedSentence,
    src: &str,
    h: &Hit,
    triggered: &HashSet<usize>,
    objects: &[usize],
) -> Option<(String, Option<usize>)> {
    // A version cue on an object's name says which version of it opens
    // (进入淘宝网页版), not where the fact holds: bytes of the normalized text.
    let on_object = |a: usize, b: usize| {
        objects.iter().any(|&i| {
            let p = ms.mentions[i].0;
            let (s, e) = (ms.norm_at(p), ms.norm_at(p + PLACEHOLDER.len_utf8()));
            let blank = |x: usize, y: usize| src.get(x..y).is_some_and(|g| g.trim().is_empty());
            (a < e && s < b) || (a >= e && blank(e, a)) || (b <= s && blank(b, s))
        })
    };
    let find = |k: usize| {
        let cl = &ms.clauses[k];
        let base = ms.norm_at(cl.start);
        // The text before masking: an alias may hold a cue (淘宝网页版).
        let hit = |r: &crate::lexicon::LazyRegex, version: bool| match src
            .get(base..ms.norm_at(cl.end))
        {
            Some(t) => r
                .find_iter(t)
                .any(|m| !version || !on_object(base + m.start(), base + m.end())),
            None => r.is_match(ms.clause_text(k)),
        };
        c.scopes
            .iter()
            .find(|s| s.cues.iter().any(|r| hit(r, s.version)))
            .map(|s| (s.id.clone(), s.platform))
    };
    if let Some(s) = find(h.clause) {
        return Some(s);
    }
    // A clause before the trigger's that sets the scene (在个人对话框中…后)
    // and has no trigger of its own.
    // A contrast right after a fact is about that fact's scene
    // (群聊中的外链已放开，但淘宝的链接仍被排除在外).
    let contrast = c
        .continuation
        .iter()
        .any(|r| r.is_match(ms.clause_text(h.clause)));
    let mut k = h.clause;
    while k > 0 {
        k -= 1;
        if triggered.contains(&k) {
            if contrast && k + 1 == h.clause && !ms.clauses[k].excluded {
                return find(k);
            }
            break;
        }
        if ms.clauses[k].excluded {
            continue;
        }
        if let Some(s) = find(k) {
            return Some(s);
        }
    }
    None
}

fn status_of(
    c: &Compiled,
    ms: &MaskedSentence,
    k: usize,
    rule: &Rule,
    trigger: Option<&str>,
    triggered: &HashSet<usize>,
) -> String {
    if let Some(s) = &rule.status {
        return s.clone();
    }
    let t = ms.clause_text(k);
    if let Some(s) = c
        .statuses
        .iter()
        .find(|s| s.cues.iter().any(|r| r.is_match(t)))
    {
        return s.id.clone();
    }
    // 预计年底前完成，完成后商家即可选择…: what follows the completion of
    // a plan stated in the clause before (with no fact of its own) is part
    // of that plan.
    if k > 0 && !triggered.contains(&(k - 1)) && c.sequel.iter().any(|r| r.is_match(t)) {
        let before = ms.clause_text(k - 1);
        if let Some(s) = c
            .statuses
            .iter()
            .find(|s| s.cues.iter().any(|r| r.is_match(before)))
            .filter(|s| !s.governs.is_empty())
        {
            return s.id.clone();
        }
    }
    // 打开链接时，仍需跳转…才能: a clause that only sets the time of the
    // next one takes its status from that clause.
    if c.subordinate.iter().any(|r| r.is_match(t)) {
        if let Some(s) = (k + 1 < ms.clauses.len())
            .then(|| ms.clause_text(k + 1))
            .and_then(|n| {
                c.statuses
                    .iter()
                    .find(|s| s.cues.iter().any(|r| r.is_match(n)))
            })
        {
            return s.id.clone();
        }
    }
    if let Some(s) = trigger {
        return s.to_string();
    }
    // The sentence's clauses that state no fact of their own: a test in
    // progress, or a detour (还需要手动…).
    let free: Vec<&str> = (0..ms.clauses.len())
        .filter(|j| *j != k && !triggered.contains(j))
        .map(|j| ms.clause_text(j))
        .collect();
    for s in &c.statuses {
        if s.sentence
            && s.cues
                .iter()
                .chain(&s.detour)
                .any(|r| free.iter().any(|t| r.is_match(t)))
        {
            return s.id.clone();
        }
    }
    c.default_status.clone()
}

fn roles_to_keys(
    ctx: &Ctx,
    ms: &MaskedSentence,
    h: &Hit,
    prev: &[Cand],
    found: &[Found],
    triggered: &HashSet<usize>,
) -> Vec<Key> {
    let c = ctx.c;
    let rule = h.rule;
    let generic = c
        .generic_object
        .iter()
        .any(|r| r.is_match(ms.clause_text(h.clause)));
    // The last facts of this paragraph, newest first. Facts are found in
    // text order, so this paragraph's are the last of `prev`; a filter over
    // all of them would be quadratic in a long article.
    let para_keys: Vec<&Key> = found
        .iter()
        .rev()
        .map(|f| &f.key)
        .chain(
            prev.iter()
                .rev()
                .take_while(|p| p.para >= ctx.para)
                .filter(|p| p.para == ctx.para)
                .map(|p| &p.key),
        )
        .collect();

    // 外部链接 says the links are anyone's: only a platform named in the
    // clause itself is an object then.
    let own = &ms.clauses[h.clause];
    let in_own = |i: usize| ms.mentions[i].0 >= own.start && ms.mentions[i].0 < own.end;
    let object_at: Vec<usize> = pick(
        c,
        ms,
        h,
        &rule.object,
        &rule.object_types,
        &[],
        &rule.subject,
    )
    .into_iter()
    .filter(|&i| !generic || in_own(i))
    .collect();
    let scope = scope_of(c, ms, ctx.src, h, triggered, &object_at);
    let mut objects: Vec<usize> = object_at.iter().map(|&i| ms.mentions[i].1).collect();
    let obj_mentions: Vec<usize> = objects.clone();
    let mut subjects: Vec<usize> = pick(
        c,
        ms,
        h,
        &rule.subject,
        &rule.subject_types,
        &obj_mentions,
        &[],
    )
    .into_iter()
    .map(|i| ms.mentions[i].1)
    .collect();
    // 即时通信软件中个人对话可以直接打开外部链接, 高德地图也支持使用微信账号登录:
    // the clause's own subject is a kind of platform or one with no id, so
    // neither context nor an earlier clause gives it one.
    let own_before = ms.text.get(own.start..h.start).unwrap_or("");
    let r = &c.relevance;
    let unnamed_subject = c.generic_subject.iter().any(|r| r.is_match(own_before))
        || r.other_platforms
            .iter()
            .any(|o| own_before.contains(o.as_str()))
        || {
            // A name that starts before the trigger may end inside it (用 of
            // 应用商店 is a trigger's verb).
            let upto = ms.text.get(own.start..h.end.max(own.start)).unwrap_or("");
            r.unnamed_platforms.iter().any(|re| {
                re.find_iter(upto).any(|m| {
                    own.start + m.start() < h.start
                        && !r
                            .unnamed_generic
                            .iter()
                            .any(|g| m.as_str().contains(g.as_str()))
                })
            })
        };
    if unnamed_subject {
        subjects.retain(|&s| {
            ms.mentions
                .iter()
                .any(|&(p, e)| e == s && p >= own.start && p < own.end)
        });
    }
    if subjects.is_empty() && rule.defaults && ctx.defaults && !unnamed_subject {
        let ok = |e: usize| {
            type_ok(c, &rule.subject_types, e) && !objects.iter().any(|&o| c.group(o) == c.group(e))
        };
        let from_para = para_keys.iter().map(|k| k.subject).find(|&e| ok(e));
        let from_scope = scope
            .as_ref()
            .and_then(|(_, p)| *p)
            .filter(|p| ctx.article_ids.contains(p) && ok(*p));
        let from_article = prev.iter().rev().map(|p| p.key.subject).find(|&e| ok(e));
        // 【实测】淘宝“找朋友帮忙付”终于能直接发微信了 over a body that only
        // says 点了“找朋友帮忙付”: the title names the parties of the feature
        // the body names by its button or its kind.
        let from_title = ctx
            .title_facts
            .iter()
            .filter(|f| f.key.capability == rule.capability)
            .map(|f| f.key.subject)
            .find(|&e| ok(e));
        if let Some(s) = from_para.or(from_scope).or(from_article).or(from_title) {
            subjects.push(s);
        }
    }
    // 并不能在双方App内跳转至对方App: the two parties of the fact before;
    // 支付宝向云闪付开放…，实现收款码互认: the subject's partner earlier in
    // the sentence.
    if rule.reciprocal && objects.is_empty() && subjects.len() <= 1 {
        let fits = |k: &&Key| {
            type_ok(c, &rule.subject_types, k.subject)
                && k.object.is_some_and(|o| type_ok(c, &rule.object_types, o))
        };
        let pair = if subjects.is_empty() && rule.subject.is_empty() {
            para_keys
                .iter()
                .copied()
                .chain(prev.iter().rev().map(|p| &p.key))
                .filter(fits)
                .find_map(|k| k.object.map(|o| (k.subject, o)))
        } else {
            // 银联表示，目前互认仅覆盖个人收款码: the subject's fact of an
            // earlier sentence, when its own names none.
            found
                .iter()
                .rev()
                .map(|f| &f.key)
                .chain(prev.iter().rev().map(|p| &p.key))
                .filter(|k| subjects.contains(&k.subject))
                .filter(fits)
                .find_map(|k| k.object.map(|o| (k.subject, o)))
        };
        if let Some((a, b)) = pair {
            if subjects.is_empty() {
                subjects.push(a);
            }
            objects.push(b);
        }
    }
    // 会议要求各平台限期解除屏蔽: a demand whose sentence names no one is
    // the regulator's, when the article names only one.
    if subjects.is_empty() && ctx.defaults && !rule.subject_types.is_empty() {
        let mut named = ctx
            .article_ids
            .iter()
            .copied()
            .filter(|&e| type_ok(c, &rule.subject_types, e))
            .filter(|&e| {
                c.entities
                    .get(e)
                    .is_some_and(|x| c.relevance.regulator_types.contains(&x.kind))
            });
        if let (Some(e), None) = (named.next(), named.next()) {
            subjects.push(e);
        }
    }
    // A rule that names subject roles and found none states nothing.
    if subjects.is_empty() {
        return Vec::new();
    }
    if objects.is_empty() && rule.defaults && ctx.defaults && !generic && !rule.object.is_empty() {
        let fits = |o: usize| {
            type_ok(c, &rule.object_types, o) && !subjects.iter().any(|&s| c.group(s) == c.group(o))
        };
        // Else the object of the title's fact of this capability and
        // subject (the feature the title announces, said again in the body).
        let from_title = || {
            ctx.title_facts
                .iter()
                .filter(|f| {
                    f.key.capability == rule.capability && subjects.contains(&f.key.subject)
                })
                .filter_map(|f| f.key.object)
                .find(|&o| fits(o))
        };
        if let Some(o) = para_keys
            .iter()
            .filter_map(|k| k.object)
            .find(|&o| fits(o))
            .or_else(from_title)
        {
            objects.push(o);
        }
    }
    let scope_id = scope.map(|(s, _)| s);
    let tagged = |e: usize, tag: &str| {
        c.entities
            .get(e)
            .is_some_and(|x| x.tags.iter().any(|t| t == tag))
    };
    let mut keys = Vec::new();
    let mut push = |s: usize, o: Option<usize>| {
        if o.is_some_and(|o| c.group(o) == c.group(s)) {
            return;
        }
        // 支付宝上线美团小程序 and 拼多多上线微信小程序: the platform that
        // runs mini programs is the host, whichever place it has; with
        // both or neither such a platform the names do not tell.
        let (s, o) = match (&rule.host_tag, o) {
            (Some(tag), Some(o)) => match (tagged(s, tag), tagged(o, tag)) {
                (true, false) => (s, Some(o)),
                (false, true) => (o, Some(s)),
                _ => return,
            },
            (Some(_), None) => return,
            (None, o) => (s, o),
        };
        // 菜鸟尚未接入微信小店: the carrier is the object, whichever place
        // it has.
        let (s, o) = match (&rule.object_tag, o) {
            (Some(tag), Some(o)) => match (tagged(s, tag), tagged(o, tag)) {
                (false, true) => (s, Some(o)),
                (true, false) => (o, Some(s)),
                _ => return,
            },
            (Some(_), None) => return,
            (None, o) => (s, o),
        };
        let k = Key {
            subject: s,
            capability: rule.capability.clone(),
            object: o,
            scope: scope_id.clone(),
        };
        if !keys.contains(&k) {
            keys.push(k);
        }
    };
    if rule.mutual && subjects.len() >= 2 && objects.is_empty() {
        for &a in &subjects {
            for &b in &subjects {
                if a != b {
                    push(a, Some(b));
                }
            }
        }
        return keys;
    }
    for &s in &subjects {
        if objects.is_empty() {
            if rule.object_optional {
                push(s, None);
            }
        } else {
            for &o in &objects {
                push(s, Some(o));
                // 云闪付已与微信支付实现互认: the named partner also
                // accepts the subject.
                if rule.mutual && type_ok(c, &rule.subject_types, o) {
                    push(o, Some(s));
                }
            }
        }
    }
    keys
}

/// Facts of the title: one sentence, no context defaults, no dates.
fn title_facts(c: &Compiled, title: &str, mentions: &[Mention]) -> Vec<Found> {
    if title.trim().is_empty() {
        return Vec::new();
    }
    let (norm, _) = crate::text::normalize_mapped(title);
    let mut ms: Vec<(usize, usize, usize)> = mentions
        .iter()
        .filter(|m| m.in_title)
        .filter_map(|m| {
            c.index
                .get(&m.entity)
                .map(|&e| (m.span.start, m.span.end, e))
        })
        .collect();
    ms.sort();
    let mut masked = MaskedSentence::mask(&norm, 0, &ms);
    if !c.may_state_fact(&masked.text) {
        return Vec::new();
    }
    masked.split(c);
    let ids = HashSet::new();
    let ctx = Ctx {
        c,
        article_ids: &ids,
        title_facts: &[],
        para: usize::MAX,
        defaults: false,
        src: &norm,
    };
    sentence_facts(&ctx, &masked, &[])
}

/// One fact per (subject, capability, object, scope, status), dated by the
/// tie-break of GOLD.md. A status that absorbs others (a feature in a test
/// reported as working is the test) drops them for the same fact and date.
fn merge(c: &Compiled, cands: Vec<Cand>) -> Vec<Fact> {
    // (fact, date, status absorbed) for every statement whose status absorbs
    // others and that is dated in its own sentence or points back at the
    // fact (该功能正在灰度测试中 after the feature was reported as working).
    let mut absorbing: HashSet<(Key, String, String)> = HashSet::new();
    for x in cands.iter().filter(|x| x.when.own || x.points_back) {
        if let Some(s) = c.statuses.iter().find(|s| s.id == x.status) {
            for a in &s.absorbs {
                absorbing.insert((x.key.clone(), x.when.value.clone(), a.clone()));
            }
        }
    }
    let absorbed =
        |x: &Cand| absorbing.contains(&(x.key.clone(), x.when.value.clone(), x.status.clone()));
    let mut groups: Vec<((Key, String), Vec<Cand>)> = Vec::new();
    for x in cands {
        if absorbed(&x) {
            continue;
        }
        let k = (x.key.clone(), x.status.clone());
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, v)) => v.push(x),
            None => groups.push((k, vec![x])),
        }
    }
    let id = |i: usize| c.entities.get(i).map(|e| e.id.clone()).unwrap_or_default();
    groups
        .into_iter()
        .filter_map(|((key, status), v)| {
            let whens: Vec<When> = v.iter().map(|x| x.when.clone()).collect();
            let i = when::pick(&whens)?;
            let chosen = v.get(i)?;
            Some(Fact {
                when: chosen.when.value.clone(),
                subject: id(key.subject),
                capability: key.capability.clone(),
                object: key.object.map(id),
                scope: key.scope.clone(),
                status,
                evidence: Some(chosen.evidence.clone()),
            })
        })
        .collect()
}
