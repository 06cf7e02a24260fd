//! The domain lexicon: entities and aliases, capability triggers, scope and
//! status cues, relevance cues. The default is compiled into the binary; a
//! user can replace it (`--lexicon`) or extend it (`--lexicon-extra`).
//!
//! Every rule that changes with the domain lives in the YAML; the code is a
//! general engine. Patterns use the `regex` crate, which runs in linear time,
//! so no user lexicon can make extraction hang.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};
use rayon::prelude::*;
use regex_syntax::hir::{Class, Hir, HirKind, Repetition};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

mod lazy;
pub use lazy::LazyRegex;

/// The default lexicon, as shipped.
pub const DEFAULT_YAML: &str = include_str!("lexicon.yaml");

/// Most literals an Aho-Corasick automaton is built as a DFA for: beyond
/// it, the table (a few kB per literal) would outgrow the caches it is fast
/// for.
const DFA_MAX_PATTERNS: usize = 1000;

/// The character that stands for an entity mention in the masked clause text
/// the role cues and triggers run over.
pub const PLACEHOLDER: char = '\u{E000}';

/// The id of the stand-in entity for a named platform with no id of its own
/// (see [`Relevance::unnamed_platforms`]); it never reaches the output.
pub const UNNAMED: &str = "<unnamed platform>";

/// A loaded and checked lexicon: the definitions as written plus their
/// compiled form.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// The entities as defined (also in `def`; kept for callers that list them).
    pub entities: Vec<EntityDef>,
    pub def: LexiconDef,
    compiled: Arc<Compiled>,
}

/// The lexicon as written in YAML.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconDef {
    #[serde(default)]
    pub entities: Vec<EntityDef>,
    #[serde(default)]
    pub not_entities: Vec<String>,
    #[serde(default)]
    pub credits: Vec<String>,
    #[serde(default)]
    pub compounds: Vec<CompoundDef>,
    #[serde(default)]
    pub capabilities: Vec<CapabilityDef>,
    #[serde(default)]
    pub roles: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub coordination: Option<String>,
    #[serde(default)]
    pub rules: Vec<RuleDef>,
    #[serde(default)]
    pub scopes: Vec<ScopeDef>,
    #[serde(default)]
    pub statuses: Vec<StatusDef>,
    #[serde(default)]
    pub unasserted: Vec<String>,
    #[serde(default)]
    pub excluded_clause: Vec<String>,
    #[serde(default)]
    pub generic_object: Vec<String>,
    /// Words that name a kind of platform, not one (即时通信软件): a clause
    /// that holds one takes no subject from context.
    #[serde(default)]
    pub generic_subject: Vec<String>,
    #[serde(default)]
    pub anaphora: Vec<String>,
    /// Clauses that only limit the fact before them to some cases.
    #[serde(default)]
    pub restriction: Vec<String>,
    #[serde(default)]
    pub continuation: ContinuationDef,
    /// Clauses that state a status of the fact before them without naming
    /// it (目前仍在试点阶段, 后续将逐步向全部用户开放).
    #[serde(default)]
    pub back_reference: Vec<String>,
    /// A clause after a fact that leaves a part of the service out
    /// (…，但暂不支持外卖业务): the fact works in part.
    #[serde(default)]
    pub exception: ExceptionDef,
    /// A clause after a fact that says it came to nothing (…，但最终未能落地).
    #[serde(default)]
    pub failure: ExceptionDef,
    /// Capabilities whose fact in a sentence stands for another's between
    /// the same parties (a traffic link and the jump it makes).
    #[serde(default)]
    pub subsumes: Vec<SubsumeDef>,
    /// A clause that limits where or for whom the fact before it works
    /// (仅在12个城市开通): the fact works in part.
    #[serde(default)]
    pub reach: ExceptionDef,
    #[serde(default)]
    pub subordinate: Vec<String>,
    /// A clause that opens with what follows a step's completion (完成后…):
    /// it belongs to the plan stated in the clause before.
    #[serde(default)]
    pub sequel: Vec<String>,
    /// A clause that opens by pointing at the news itself (此次接入…是其中
    /// 分量最重的一项): a fact it names that the article stated before is
    /// that statement again, with no date of its own (unless it adds a
    /// status).
    #[serde(default)]
    pub recap: Vec<String>,
    #[serde(default)]
    pub relevance: RelevanceDef,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityDef {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub parent: Option<String>,
    /// What the entity is besides its type (a platform that hosts others'
    /// mini programs), for rules that tell roles apart by it.
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompoundDef {
    pub text: String,
    pub parts: Vec<String>,
    /// The name each part stands for, where the part is an abbreviation
    /// (抖 of 抖快 is 抖音); a part without one is a name itself.
    #[serde(default)]
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapabilityDef {
    pub id: String,
    #[serde(default)]
    pub meaning: String,
}

/// A trigger: a pattern, optionally with the status it implies by itself.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TriggerDef {
    Pattern(String),
    WithStatus { pattern: String, status: String },
}

impl TriggerDef {
    fn pattern(&self) -> &str {
        match self {
            TriggerDef::Pattern(p) | TriggerDef::WithStatus { pattern: p, .. } => p,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub capability: String,
    #[serde(default)]
    pub priority: i32,
    pub triggers: Vec<TriggerDef>,
    #[serde(default)]
    pub subject: Vec<String>,
    #[serde(default)]
    pub subject_types: Vec<String>,
    #[serde(default)]
    pub object: Vec<String>,
    #[serde(default)]
    pub object_types: Vec<String>,
    /// A fixed status (a regulator's demand is `required`).
    #[serde(default)]
    pub status: Option<String>,
    /// A missing subject or object may come from context.
    #[serde(default)]
    pub defaults: bool,
    /// Two coordinated agents (A 和 B 实现互通) give one fact each way.
    #[serde(default)]
    pub mutual: bool,
    /// The fact stands without an object (links in general).
    #[serde(default)]
    pub object_optional: bool,
    /// The sentence must match this for the rule to apply.
    #[serde(default)]
    pub context: Option<String>,
    /// Subject and object are told apart by this entity tag rather than by
    /// their places: of the two, the one with the tag is the subject.
    #[serde(default)]
    pub host_tag: Option<String>,
    /// Like `host_tag`, but the one with the tag is the object (a carrier
    /// named bare: 菜鸟尚未接入微信小店).
    #[serde(default)]
    pub object_tag: Option<String>,
    /// With no party of its own (跳转至对方App), the fact is between the two
    /// parties of the fact before it.
    #[serde(default)]
    pub reciprocal: bool,
    /// The triggers name the feature itself, so they count inside quotation
    /// marks too: a button label (点了“找朋友帮忙付”) is the feature used.
    #[serde(default)]
    pub quoted: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeDef {
    pub id: String,
    #[serde(default)]
    pub platform: Option<String>,
    pub cues: Vec<String>,
    /// The cues name a version of an app (网页版): on the fact's object
    /// they say which version opens, not where the fact holds.
    #[serde(default)]
    pub version: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusDef {
    pub id: String,
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub detour: Vec<String>,
    #[serde(default)]
    pub default: bool,
    /// Its cues also count from the sentence's other clauses.
    #[serde(default)]
    pub sentence: bool,
    /// Statuses this one replaces for the same fact and date (a feature in
    /// a test that is reported as working is the test).
    #[serde(default)]
    pub absorbs: Vec<String>,
    /// Statuses this one replaces for the same fact later in its sentence
    /// (将开通微信支付，所有商家都可以接受微信支付: the plan spelled out).
    #[serde(default)]
    pub governs: Vec<String>,
}

/// Clauses that go on about the fact before them with a status of their own.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionDef {
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub status: String,
}

/// A fact of `capability` in a sentence drops the facts of `drops` between
/// the same parties there.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubsumeDef {
    pub capability: String,
    #[serde(default)]
    pub drops: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContinuationDef {
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub statuses: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelevanceDef {
    #[serde(default)]
    pub threshold: Option<f64>,
    #[serde(default)]
    pub fact_weight: Option<f64>,
    #[serde(default)]
    pub cue_weight: Option<f64>,
    #[serde(default)]
    pub platforms_weight: Option<f64>,
    #[serde(default)]
    pub regulator_weight: Option<f64>,
    #[serde(default)]
    pub veto_weight: Option<f64>,
    #[serde(default)]
    pub hosting_weight: Option<f64>,
    #[serde(default)]
    pub platform_types: Vec<String>,
    #[serde(default)]
    pub regulator_types: Vec<String>,
    #[serde(default)]
    pub interop: Vec<String>,
    #[serde(default)]
    pub blocking: Vec<String>,
    #[serde(default)]
    pub veto: Vec<String>,
    #[serde(default)]
    pub hosting: Vec<String>,
    #[serde(default)]
    pub other_platforms: Vec<String>,
    /// Hosting statements whose other side is third-party platforms the
    /// sentence lists (接入了“甲”“乙”等多个第三方平台): they count alone.
    #[serde(default)]
    pub hosting_third_party: Vec<String>,
    /// Patterns of a named platform with no id (华为应用市场, 某某App): one
    /// that takes part in a fact with an entity makes the article relevant,
    /// though no event can be made of it.
    #[serde(default)]
    pub unnamed_platforms: Vec<String>,
    /// Words that make such a name no name (第三方App, 手机App).
    #[serde(default)]
    pub unnamed_generic: Vec<String>,
    #[serde(default)]
    pub unnamed_weight: Option<f64>,
}

/// A lexicon that failed to load, naming the entry.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LexiconError(pub String);

fn err(msg: impl Into<String>) -> LexiconError {
    LexiconError(msg.into())
}

/// One compiled entity.
#[derive(Debug, Clone)]
pub struct Entity {
    pub id: String,
    pub kind: String,
    pub parent: Option<String>,
    pub tags: Vec<String>,
}

/// What one name of the automaton stands for.
#[derive(Debug, Clone)]
pub enum NameTarget {
    Entity(usize),
    /// Not an entity (a media outlet's credit).
    Nothing,
    /// Several entities written together: (byte offset, length, entity).
    Compound(Vec<(usize, usize, usize)>),
}

#[derive(Debug, Clone)]
pub struct Trigger {
    pub re: LazyRegex,
    pub status: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub capability: String,
    pub priority: i32,
    pub triggers: Vec<Trigger>,
    pub subject: Vec<String>,
    pub subject_types: Vec<String>,
    pub object: Vec<String>,
    pub object_types: Vec<String>,
    pub status: Option<String>,
    pub defaults: bool,
    pub mutual: bool,
    pub object_optional: bool,
    pub context: Option<LazyRegex>,
    pub host_tag: Option<String>,
    pub object_tag: Option<String>,
    pub reciprocal: bool,
    pub quoted: bool,
}

#[derive(Debug, Clone)]
pub struct Scope {
    pub id: String,
    pub platform: Option<usize>,
    pub cues: Vec<LazyRegex>,
    pub version: bool,
}

#[derive(Debug, Clone)]
pub struct Status {
    pub id: String,
    pub cues: Vec<LazyRegex>,
    pub detour: Vec<LazyRegex>,
    pub sentence: bool,
    /// Declared a sentence status (a test the sentence is about): a fact
    /// stated twice in its sentence takes it. A detour alone makes a status
    /// count from other clauses, not spread over other statements.
    pub spreads: bool,
    pub absorbs: Vec<String>,
    pub governs: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Relevance {
    pub threshold: f64,
    pub fact_weight: f64,
    pub cue_weight: f64,
    pub platforms_weight: f64,
    pub regulator_weight: f64,
    pub veto_weight: f64,
    pub hosting_weight: f64,
    pub platform_types: Vec<String>,
    pub regulator_types: Vec<String>,
    pub interop: Vec<LazyRegex>,
    pub blocking: Vec<LazyRegex>,
    pub veto: Vec<LazyRegex>,
    /// The veto patterns as one alternation, which matches where one of
    /// them does. `None`: try them one by one.
    pub veto_any: Option<LazyRegex>,
    pub hosting: Vec<LazyRegex>,
    /// The hosting patterns as one alternation, like `veto_any`.
    pub hosting_any: Option<LazyRegex>,
    /// Normalized names of platforms that have no entity of their own.
    pub other_platforms: Vec<String>,
    pub hosting_third_party: Vec<LazyRegex>,
    /// Literals every match of a third-party hosting pattern holds: the
    /// patterns are searched in every article's whole text, and most
    /// articles hold none of the literals. (The hosting patterns' literals
    /// are so many that searching for them costs more than the one search
    /// of `hosting_any`.)
    pub hosting_third_party_gate: Option<LiteralGate>,
    /// Patterns of named platforms with no id (see [`RelevanceDef`]).
    pub unnamed_platforms: Vec<LazyRegex>,
    pub unnamed_generic: Vec<String>,
    pub unnamed_weight: f64,
    /// The stand-in entity such a name is coded as, appended after the
    /// lexicon's own entities (no name of its own, no parent).
    pub unnamed: Option<usize>,
}

/// The lexicon compiled for matching, built once per load.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub entities: Vec<Entity>,
    pub index: HashMap<String, usize>,
    /// Entity names (and not-entities, compounds), for anchored searches
    /// only: see [`NameStarts`].
    pub names: Option<AhoCorasick>,
    /// Where in a text a name may start.
    pub name_starts: NameStarts,
    /// The names `names` was built from, by pattern id.
    pub name_list: Vec<String>,
    pub name_targets: Vec<NameTarget>,
    /// Role name -> cues (each with an `e` group on the role holder).
    pub roles: Vec<(String, Vec<LazyRegex>)>,
    pub coordination: Option<LazyRegex>,
    pub rules: Vec<Rule>,
    pub scopes: Vec<Scope>,
    pub statuses: Vec<Status>,
    pub default_status: String,
    pub unasserted: Vec<LazyRegex>,
    pub excluded_clause: Vec<LazyRegex>,
    pub generic_object: Vec<LazyRegex>,
    pub generic_subject: Vec<LazyRegex>,
    pub anaphora: Vec<LazyRegex>,
    pub restriction: Vec<LazyRegex>,
    pub continuation: Vec<LazyRegex>,
    pub continuation_statuses: Vec<String>,
    pub back_reference: Vec<LazyRegex>,
    pub exception: Vec<LazyRegex>,
    pub exception_status: String,
    pub failure: Vec<LazyRegex>,
    pub failure_status: String,
    /// (capability, the capabilities its facts drop between the same parties).
    pub subsumes: Vec<(String, Vec<String>)>,
    pub reach: Vec<LazyRegex>,
    pub reach_status: String,
    pub subordinate: Vec<LazyRegex>,
    pub sequel: Vec<LazyRegex>,
    pub recap: Vec<LazyRegex>,
    /// Credits and sources in the body: names inside them are no mentions.
    pub credits: Vec<LazyRegex>,
    /// Literals one of which every credit contains (来源, 图片, …): a text
    /// that holds none has no credit. A credit pattern opens with a class
    /// or the start of the text, so its own search walks every byte; these
    /// literals are found with a vector search. `None` when some credit
    /// pattern has no such literals (every text is searched then).
    pub credit_literals: Option<LiteralGate>,
    pub relevance: Relevance,
    /// Every trigger and anaphora pattern, relaxed to match whole
    /// sentences: a sentence none of them matches states no fact, so it is
    /// not coded at all. `None` when they cannot be built (every sentence is
    /// coded then).
    pub fact_cues: Option<FactCues>,
}

/// The trigger and anaphora patterns relaxed to match whole sentences, each
/// behind sets of literals: every match of the pattern contains a literal
/// of each of its sets, so that one automaton pass tells which few patterns
/// a sentence is worth trying.
#[derive(Debug, Clone)]
pub struct FactCues {
    patterns: Vec<LazyRegex>,
    /// Literals of the patterns that have them (overlapping search).
    literals: Option<AhoCorasick>,
    /// Literal -> (pattern, which of its sets).
    literal_of: Vec<(usize, usize)>,
    /// Per pattern: one bit per literal set, all of them set (0: none).
    sets: Vec<u8>,
    /// Patterns with no such literal: tried on every sentence.
    always: Vec<usize>,
    /// Per pattern: whether any occurrence of one of its literals is a
    /// match, so that a literal found needs no regex to confirm it.
    proven: Vec<bool>,
    /// Per rule, per trigger: the pattern it was relaxed to.
    trigger_pattern: Vec<Vec<usize>>,
    /// Per pattern: the index in [`cue_sources`] of the pattern it is (one
    /// that relaxing left as it was), whose match cache it shares.
    source_of: Vec<Option<usize>>,
}

/// At most this many literal sets of a pattern are checked; more only
/// narrow further what already passes.
const MAX_SETS: usize = 8;

/// Bytes of the shortest literal of a set other than the most telling one.
const MIN_SET_LITERAL: usize = 6;

impl FactCues {
    /// Per pattern: the literal sets of which `text` holds a literal, one
    /// bit each; `stop` may end the search early when it says so after a
    /// pattern's sets all got one.
    fn sets_found(&self, text: &str, found: &mut [u8], mut stop: impl FnMut(usize) -> bool) {
        let Some(ac) = &self.literals else {
            return;
        };
        for m in ac.find_overlapping_iter(text) {
            let Some(&(p, set)) = self.literal_of.get(m.pattern().as_usize()) else {
                continue;
            };
            let (Some(f), Some(&all)) = (found.get_mut(p), self.sets.get(p)) else {
                continue;
            };
            let before = *f;
            *f |= 1 << set;
            if *f != before && *f == all && stop(p) {
                return;
            }
        }
    }

    /// Per pattern: whether it may match `text`, that is whether it has no
    /// literal or each of its literal sets has one in `text`.
    fn candidates(&self, text: &str) -> Vec<bool> {
        let mut found = vec![0u8; self.patterns.len()];
        self.sets_found(text, &mut found, |_| false);
        let mut out: Vec<bool> = found
            .iter()
            .zip(&self.sets)
            .map(|(&f, &all)| all != 0 && f == all)
            .collect();
        for &p in &self.always {
            if let Some(x) = out.get_mut(p) {
                *x = true;
            }
        }
        out
    }

    /// [`FactCues::is_match`] the slow way: every pattern's regex on the
    /// whole text.
    fn is_match_by_regex(&self, text: &str) -> bool {
        self.patterns.iter().any(|r| may_match(r, text))
    }

    fn is_match(&self, text: &str) -> bool {
        let try_at = |p: usize| self.patterns.get(p).is_some_and(|r| may_match(r, text));
        if self.always.iter().any(|&p| try_at(p)) {
            return true;
        }
        // On the stack for any lexicon of ordinary size, as this runs once
        // per sentence.
        let mut small = [0u8; 256];
        let mut large = Vec::new();
        let found: &mut [u8] = if self.patterns.len() <= small.len() {
            &mut small[..self.patterns.len()]
        } else {
            large.resize(self.patterns.len(), 0);
            &mut large
        };
        let mut matched = false;
        self.sets_found(text, found, |p| {
            matched = self.proven.get(p).copied().unwrap_or(false) || try_at(p);
            matched
        });
        matched
    }
}

/// Whether a relaxed fact-cue pattern may match `text`: one that does not
/// compile (a lazy one only) is taken to, so that its sentences are coded.
fn may_match(re: &LazyRegex, text: &str) -> bool {
    re.get().is_none_or(|r| r.is_match(text))
}

impl Lexicon {
    /// Parse and check a lexicon.
    pub fn from_yaml(yaml: &str) -> Result<Self, LexiconError> {
        let def: LexiconDef =
            yaml_serde::from_str(yaml).map_err(|e| err(format!("lexicon: {e}")))?;
        Self::from_def(def)
    }

    /// Check and compile definitions.
    pub fn from_def(def: LexiconDef) -> Result<Self, LexiconError> {
        Self::from_def_with(def, true)
    }

    /// [`Lexicon::from_def`], compiling the patterns now when `eager` (to
    /// report a bad one) or each on first use.
    fn from_def_with(def: LexiconDef, eager: bool) -> Result<Self, LexiconError> {
        let compiled = compile(&def, eager)?;
        Ok(Lexicon {
            entities: def.entities.clone(),
            def,
            compiled: Arc::new(compiled),
        })
    }

    /// The compiled-in default.
    pub fn builtin() -> Self {
        // Its patterns all compile (the test suite checks them), so each is
        // compiled only when first used.
        let lexicon = yaml_serde::from_str(DEFAULT_YAML)
            .map_err(|e| err(format!("lexicon: {e}")))
            .and_then(|def| Self::from_def_with(def, false));
        match lexicon {
            Ok(l) => l,
            // The shipped lexicon is checked by the test suite; an empty
            // lexicon keeps the binary usable should it ever be broken.
            Err(e) => {
                eprintln!("hutong: built-in lexicon: {e}");
                Lexicon {
                    entities: Vec::new(),
                    def: LexiconDef::default(),
                    compiled: Arc::new(empty_compiled()),
                }
            }
        }
    }

    /// The compiled form used by the extraction stages.
    pub fn compiled(&self) -> &Compiled {
        &self.compiled
    }

    /// A copy whose compiled patterns have their own match caches. A regex
    /// shared by several threads hands its cache to one of them cheaply and
    /// makes the others queue on a lock; one fork per worker thread avoids it.
    pub fn fork(&self) -> Lexicon {
        let mut compiled = (*self.compiled).clone();
        compiled.share_fact_cues();
        Lexicon {
            entities: self.entities.clone(),
            def: self.def.clone(),
            compiled: Arc::new(compiled),
        }
    }

    /// The entities as defined.
    pub fn entities(&self) -> &[EntityDef] {
        &self.def.entities
    }

    /// Add another lexicon's entries to this one. An entity id that exists
    /// already gets the other's names; lists are appended; the other's
    /// relevance weights, where given, win.
    pub fn extend(self, other: Lexicon) -> Result<Self, LexiconError> {
        let mut def = self.def;
        let o = other.def;
        for e in o.entities {
            match def.entities.iter_mut().find(|d| d.id == e.id) {
                Some(d) => {
                    for n in e.names {
                        if !d.names.contains(&n) {
                            d.names.push(n);
                        }
                    }
                    if e.parent.is_some() {
                        d.parent = e.parent;
                    }
                    for t in e.tags {
                        if !d.tags.contains(&t) {
                            d.tags.push(t);
                        }
                    }
                }
                None => def.entities.push(e),
            }
        }
        def.not_entities.extend(o.not_entities);
        def.credits.extend(o.credits);
        def.compounds.extend(o.compounds);
        for c in o.capabilities {
            if !def.capabilities.iter().any(|d| d.id == c.id) {
                def.capabilities.push(c);
            }
        }
        for (k, v) in o.roles {
            def.roles.entry(k).or_default().extend(v);
        }
        if o.coordination.is_some() {
            def.coordination = o.coordination;
        }
        def.rules.extend(o.rules);
        for s in o.scopes {
            match def.scopes.iter_mut().find(|d| d.id == s.id) {
                Some(d) => {
                    d.cues.extend(s.cues);
                    if s.platform.is_some() {
                        d.platform = s.platform;
                    }
                    d.version |= s.version;
                }
                None => def.scopes.push(s),
            }
        }
        for s in o.statuses {
            match def.statuses.iter_mut().find(|d| d.id == s.id) {
                Some(d) => {
                    d.cues.extend(s.cues);
                    d.detour.extend(s.detour);
                    d.absorbs.extend(s.absorbs);
                    d.governs.extend(s.governs);
                    d.sentence |= s.sentence;
                }
                None => def.statuses.push(s),
            }
        }
        def.unasserted.extend(o.unasserted);
        def.excluded_clause.extend(o.excluded_clause);
        def.generic_object.extend(o.generic_object);
        def.generic_subject.extend(o.generic_subject);
        def.anaphora.extend(o.anaphora);
        def.restriction.extend(o.restriction);
        def.continuation.cues.extend(o.continuation.cues);
        def.continuation.statuses.extend(o.continuation.statuses);
        def.back_reference.extend(o.back_reference);
        def.exception.cues.extend(o.exception.cues);
        if !o.exception.status.is_empty() {
            def.exception.status = o.exception.status;
        }
        def.failure.cues.extend(o.failure.cues);
        if !o.failure.status.is_empty() {
            def.failure.status = o.failure.status;
        }
        def.subsumes.extend(o.subsumes);
        def.reach.cues.extend(o.reach.cues);
        if !o.reach.status.is_empty() {
            def.reach.status = o.reach.status;
        }
        def.subordinate.extend(o.subordinate);
        def.sequel.extend(o.sequel);
        def.recap.extend(o.recap);
        let r = &mut def.relevance;
        let or = o.relevance;
        r.threshold = or.threshold.or(r.threshold);
        r.fact_weight = or.fact_weight.or(r.fact_weight);
        r.cue_weight = or.cue_weight.or(r.cue_weight);
        r.platforms_weight = or.platforms_weight.or(r.platforms_weight);
        r.regulator_weight = or.regulator_weight.or(r.regulator_weight);
        r.veto_weight = or.veto_weight.or(r.veto_weight);
        r.hosting_weight = or.hosting_weight.or(r.hosting_weight);
        r.platform_types.extend(or.platform_types);
        r.regulator_types.extend(or.regulator_types);
        r.interop.extend(or.interop);
        r.blocking.extend(or.blocking);
        r.veto.extend(or.veto);
        r.hosting.extend(or.hosting);
        r.other_platforms.extend(or.other_platforms);
        r.hosting_third_party.extend(or.hosting_third_party);
        r.unnamed_platforms.extend(or.unnamed_platforms);
        r.unnamed_generic.extend(or.unnamed_generic);
        r.unnamed_weight = or.unnamed_weight.or(r.unnamed_weight);
        // Both parts were checked when they were loaded, so every pattern
        // compiles; only an alternation built from both may not, and is
        // then not used.
        Self::from_def_with(def, false)
    }
}

/// Names are matched over normalized text, so they are normalized the same
/// way.
pub fn normalize_name(s: &str) -> String {
    crate::text::normalize_mapped(s.trim()).0
}

/// Expand `{E}` (the role holder, captured as `e`) and `{X}` (any other
/// entity); compile now when `eager`, else on first use.
fn pattern(
    p: &str,
    what: &dyn Fn() -> String,
    capture: bool,
    eager: bool,
) -> Result<LazyRegex, LexiconError> {
    let ph = format!("\\x{{{:X}}}", PLACEHOLDER as u32);
    let e = if capture {
        format!("(?P<e>{ph})")
    } else {
        ph.clone()
    };
    let expanded = crate::text::fold_pattern(p)
        .replace("{E}", &e)
        .replace("{X}", &ph);
    if !eager {
        return Ok(LazyRegex::lazy(expanded));
    }
    LazyRegex::eager(expanded).map_err(|x| err(format!("{}: bad pattern '{p}': {x}", what())))
}

/// A list of clause cues that gives the fact before it a status, with that
/// status checked against the declared ones.
fn status_cues(
    d: &ExceptionDef,
    name: &str,
    full: bool,
    status_ids: &HashSet<&str>,
    eager: bool,
) -> Result<(Vec<LazyRegex>, String), LexiconError> {
    let cues = patterns(&d.cues, &|| name.into(), eager)?;
    if full && !cues.is_empty() && !status_ids.contains(d.status.as_str()) {
        return Err(err(format!("{name}: unknown status '{}'", d.status)));
    }
    Ok((cues, d.status.clone()))
}

/// Compiled on all threads, like the triggers; the first bad pattern in
/// list order is the one reported.
fn patterns(
    ps: &[String],
    what: &(dyn Fn() -> String + Sync),
    eager: bool,
) -> Result<Vec<LazyRegex>, LexiconError> {
    if !eager {
        return ps.iter().map(|p| pattern(p, what, false, false)).collect();
    }
    let all: Vec<Result<LazyRegex, LexiconError>> = ps
        .par_iter()
        .map(|p| pattern(p, what, false, true))
        .collect();
    all.into_iter().collect()
}

/// One regex that matches where one of `res` does; `None` for none or
/// when it cannot be built (a lazy one that cannot is `None` when used).
fn any_of(res: &[LazyRegex], eager: bool) -> Option<LazyRegex> {
    if res.is_empty() {
        return None;
    }
    let alt: Vec<String> = res.iter().map(|r| format!("(?:{})", r.as_str())).collect();
    let alt = alt.join("|");
    if eager {
        LazyRegex::eager(alt).ok()
    } else {
        Some(LazyRegex::lazy(alt))
    }
}

fn empty_compiled() -> Compiled {
    Compiled {
        entities: Vec::new(),
        index: HashMap::new(),
        names: None,
        name_starts: NameStarts::default(),
        name_list: Vec::new(),
        name_targets: Vec::new(),
        roles: Vec::new(),
        coordination: None,
        rules: Vec::new(),
        scopes: Vec::new(),
        statuses: Vec::new(),
        default_status: "available".into(),
        unasserted: Vec::new(),
        excluded_clause: Vec::new(),
        generic_object: Vec::new(),
        generic_subject: Vec::new(),
        anaphora: Vec::new(),
        restriction: Vec::new(),
        continuation: Vec::new(),
        continuation_statuses: Vec::new(),
        back_reference: Vec::new(),
        exception: Vec::new(),
        exception_status: String::new(),
        failure: Vec::new(),
        failure_status: String::new(),
        subsumes: Vec::new(),
        reach: Vec::new(),
        reach_status: String::new(),
        subordinate: Vec::new(),
        sequel: Vec::new(),
        recap: Vec::new(),
        credits: Vec::new(),
        credit_literals: None,
        fact_cues: None,
        relevance: Relevance {
            threshold: 2.0,
            fact_weight: 2.0,
            cue_weight: 1.0,
            platforms_weight: 1.0,
            regulator_weight: 2.0,
            veto_weight: -3.0,
            hosting_weight: 2.0,
            platform_types: Vec::new(),
            regulator_types: Vec::new(),
            interop: Vec::new(),
            blocking: Vec::new(),
            veto: Vec::new(),
            veto_any: None,
            hosting: Vec::new(),
            hosting_any: None,
            other_platforms: Vec::new(),
            hosting_third_party: Vec::new(),
            hosting_third_party_gate: None,
            unnamed_platforms: Vec::new(),
            unnamed_generic: Vec::new(),
            unnamed_weight: 2.0,
            unnamed: None,
        },
    }
}

/// Check and compile. References (capabilities, statuses, roles, types,
/// parents, platforms) are checked against what the lexicon defines; a
/// lexicon that defines no capabilities is an extension, whose references
/// are checked once it is merged into a full one.
fn compile(def: &LexiconDef, eager: bool) -> Result<Compiled, LexiconError> {
    let full = !def.capabilities.is_empty();
    let mut c = empty_compiled();
    // Entities.
    for (i, e) in def.entities.iter().enumerate() {
        if e.id.trim().is_empty() {
            return Err(err(format!("entity #{}: empty id", i + 1)));
        }
        if c.index.insert(e.id.clone(), i).is_some() {
            return Err(err(format!("entity '{}': duplicate id", e.id)));
        }
        if e.kind.trim().is_empty() {
            return Err(err(format!("entity '{}': empty type", e.id)));
        }
        c.entities.push(Entity {
            id: e.id.clone(),
            kind: e.kind.clone(),
            parent: e.parent.clone(),
            tags: e.tags.clone(),
        });
    }
    let types: HashSet<&str> = def.entities.iter().map(|e| e.kind.as_str()).collect();
    for e in &def.entities {
        if let Some(p) = &e.parent {
            if full && !c.index.contains_key(p) {
                return Err(err(format!("entity '{}': unknown parent '{p}'", e.id)));
            }
        }
    }
    // Parent cycles would make group lookups loop.
    for e in &def.entities {
        let mut seen = HashSet::new();
        let mut cur = Some(e.id.clone());
        while let Some(id) = cur {
            if !seen.insert(id.clone()) {
                return Err(err(format!("entity '{}': parent cycle", e.id)));
            }
            cur = c.index.get(&id).and_then(|&i| c.entities[i].parent.clone());
        }
    }
    // Names.
    let mut names: Vec<String> = Vec::new();
    let mut owner: HashMap<String, String> = HashMap::new();
    let mut add_name = |n: &str,
                        who: String,
                        target: NameTarget,
                        names: &mut Vec<String>,
                        targets: &mut Vec<NameTarget>|
     -> Result<(), LexiconError> {
        let k = normalize_name(n);
        if k.is_empty() {
            return Err(err(format!("{who}: empty name")));
        }
        let key = k.to_lowercase();
        if let Some(prev) = owner.get(&key) {
            return Err(err(format!(
                "{who}: duplicate alias '{n}' (already a name of {prev})"
            )));
        }
        owner.insert(key, who);
        names.push(k);
        targets.push(target);
        Ok(())
    };
    let mut targets = Vec::new();
    for (i, e) in def.entities.iter().enumerate() {
        for n in &e.names {
            add_name(
                n,
                format!("entity '{}'", e.id),
                NameTarget::Entity(i),
                &mut names,
                &mut targets,
            )?;
        }
    }
    for n in &def.not_entities {
        add_name(
            n,
            format!("not_entities '{n}'"),
            NameTarget::Nothing,
            &mut names,
            &mut targets,
        )?;
    }
    for cd in &def.compounds {
        let text = normalize_name(&cd.text);
        let mut parts = Vec::new();
        let mut at = 0;
        if !cd.names.is_empty() && cd.names.len() != cd.parts.len() {
            return Err(err(format!(
                "compound '{}': {} names for {} parts",
                cd.text,
                cd.names.len(),
                cd.parts.len()
            )));
        }
        for (k, p) in cd.parts.iter().enumerate() {
            let pn = normalize_name(p);
            let Some(off) = text.get(at..).and_then(|t| t.find(&pn)) else {
                return Err(err(format!(
                    "compound '{}': part '{p}' is not in its text",
                    cd.text
                )));
            };
            let name = cd.names.get(k).unwrap_or(p);
            let nn = normalize_name(name);
            let Some(ent) = def
                .entities
                .iter()
                .position(|e| e.names.iter().any(|n| normalize_name(n) == nn))
            else {
                return Err(err(format!(
                    "compound '{}': part '{name}' is no entity's name",
                    cd.text
                )));
            };
            parts.push((at + off, pn.len(), ent));
            at += off + pn.len();
        }
        add_name(
            &cd.text,
            format!("compound '{}'", cd.text),
            NameTarget::Compound(parts),
            &mut names,
            &mut targets,
        )?;
    }
    // Rule triggers are most of the lexicon's compile time, which every run
    // pays before it reads an article: they are compiled on all threads,
    // next to the name automaton, and their errors are reported below in
    // the order of the checks.
    let rule_name = |i: usize, r: &RuleDef| format!("rule #{} ({})", i + 1, r.capability);
    let compile_triggers = || -> Vec<Vec<Result<LazyRegex, LexiconError>>> {
        def.rules
            .par_iter()
            .enumerate()
            .map(|(i, r)| {
                r.triggers
                    .iter()
                    .map(|t| pattern(t.pattern(), &|| rule_name(i, r), false, eager))
                    .collect()
            })
            .collect()
    };
    let build_names = || -> Result<Option<AhoCorasick>, LexiconError> {
        if names.is_empty() {
            return Ok(None);
        }
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            // Searches start only where `name_starts` says a name may
            // start, so only the anchored automaton is built.
            .start_kind(StartKind::Anchored)
            // A DFA has no failure transitions to follow. Its table grows
            // with the names, so a very large user lexicon is left to the
            // builder's choice.
            .kind((names.len() <= DFA_MAX_PATTERNS).then_some(AhoCorasickKind::DFA))
            .build(&names)
            .map(Some)
            .map_err(|e| err(format!("entity names: {e}")))
    };
    let (built_names, mut compiled_triggers) = rayon::join(build_names, compile_triggers);
    if let Some(ac) = built_names? {
        c.names = Some(ac);
        c.name_starts = NameStarts::new(&names);
    }
    c.name_list = names;
    c.name_targets = targets;
    // Capabilities and roles.
    let caps: HashSet<&str> = def.capabilities.iter().map(|c| c.id.as_str()).collect();
    for (role, cues) in &def.roles {
        let mut v = Vec::new();
        for (j, p) in cues.iter().enumerate() {
            if !p.contains("{E}") {
                return Err(err(format!(
                    "role '{role}' cue #{}: '{p}' has no {{E}}",
                    j + 1
                )));
            }
            v.push(pattern(p, &|| format!("role '{role}'"), true, eager)?);
        }
        c.roles.push((role.clone(), v));
    }
    let known_role = |r: &str| r == "agent" || r == "trigger" || def.roles.contains_key(r);
    if let Some(p) = &def.coordination {
        c.coordination = Some(pattern(p, &|| "coordination".to_string(), false, eager)?);
    }
    // Statuses.
    let mut status_ids = HashSet::new();
    for s in &def.statuses {
        if !status_ids.insert(s.id.as_str()) {
            return Err(err(format!("status '{}': duplicate id", s.id)));
        }
        let what = || format!("status '{}'", s.id);
        c.statuses.push(Status {
            id: s.id.clone(),
            cues: patterns(&s.cues, &what, eager)?,
            detour: patterns(&s.detour, &what, eager)?,
            sentence: s.sentence || !s.detour.is_empty(),
            spreads: s.sentence,
            absorbs: s.absorbs.clone(),
            governs: s.governs.clone(),
        });
        if s.default {
            c.default_status = s.id.clone();
        }
    }
    // Rules.
    for (i, r) in def.rules.iter().enumerate() {
        let name = rule_name(i, r);
        if full && !caps.contains(r.capability.as_str()) {
            return Err(err(format!(
                "{name}: unknown capability '{}'",
                r.capability
            )));
        }
        for role in r.subject.iter().chain(&r.object) {
            if full && !known_role(role) {
                return Err(err(format!("{name}: unknown role '{role}'")));
            }
        }
        for t in r.subject_types.iter().chain(&r.object_types) {
            if full && !types.contains(t.as_str()) {
                return Err(err(format!("{name}: unknown entity type '{t}'")));
            }
        }
        let check_status = |s: &str| -> Result<(), LexiconError> {
            if !full || status_ids.contains(s) {
                Ok(())
            } else {
                Err(err(format!("{name}: unknown status '{s}'")))
            }
        };
        if let Some(s) = &r.status {
            check_status(s)?;
        }
        if r.triggers.is_empty() {
            return Err(err(format!("{name}: no triggers")));
        }
        let mut triggers = Vec::new();
        let mut compiled = compiled_triggers
            .get_mut(i)
            .map(std::mem::take)
            .unwrap_or_default()
            .into_iter();
        for t in &r.triggers {
            let status = match t {
                TriggerDef::WithStatus { status, .. } => {
                    check_status(status)?;
                    Some(status.clone())
                }
                TriggerDef::Pattern(_) => None,
            };
            let re = match compiled.next() {
                Some(re) => re?,
                None => pattern(t.pattern(), &|| name.clone(), false, eager)?,
            };
            triggers.push(Trigger { re, status });
        }
        c.rules.push(Rule {
            capability: r.capability.clone(),
            priority: r.priority,
            triggers,
            subject: r.subject.clone(),
            subject_types: r.subject_types.clone(),
            object: r.object.clone(),
            object_types: r.object_types.clone(),
            status: r.status.clone(),
            defaults: r.defaults,
            mutual: r.mutual,
            object_optional: r.object_optional,
            context: match &r.context {
                Some(p) => Some(pattern(p, &|| name.clone(), false, eager)?),
                None => None,
            },
            host_tag: r.host_tag.clone(),
            object_tag: r.object_tag.clone(),
            reciprocal: r.reciprocal,
            quoted: r.quoted,
        });
    }
    // Scopes.
    let mut scope_ids = HashSet::new();
    for s in &def.scopes {
        if !scope_ids.insert(s.id.as_str()) {
            return Err(err(format!("scope '{}': duplicate id", s.id)));
        }
        let platform = match &s.platform {
            Some(p) => match c.index.get(p) {
                Some(&i) => Some(i),
                None if full => {
                    return Err(err(format!("scope '{}': unknown entity '{p}'", s.id)));
                }
                None => None,
            },
            None => None,
        };
        c.scopes.push(Scope {
            id: s.id.clone(),
            platform,
            cues: patterns(&s.cues, &|| format!("scope '{}'", s.id), eager)?,
            version: s.version,
        });
    }
    c.unasserted = patterns(&def.unasserted, &|| "unasserted".into(), eager)?;
    c.excluded_clause = patterns(&def.excluded_clause, &|| "excluded_clause".into(), eager)?;
    c.generic_object = patterns(&def.generic_object, &|| "generic_object".into(), eager)?;
    c.generic_subject = patterns(&def.generic_subject, &|| "generic_subject".into(), eager)?;
    c.anaphora = patterns(&def.anaphora, &|| "anaphora".into(), eager)?;
    c.restriction = patterns(&def.restriction, &|| "restriction".into(), eager)?;
    c.continuation = patterns(&def.continuation.cues, &|| "continuation".into(), eager)?;
    c.back_reference = patterns(&def.back_reference, &|| "back_reference".into(), eager)?;
    (c.exception, c.exception_status) =
        status_cues(&def.exception, "exception", full, &status_ids, eager)?;
    (c.failure, c.failure_status) = status_cues(&def.failure, "failure", full, &status_ids, eager)?;
    for sd in &def.subsumes {
        for cap in std::iter::once(&sd.capability).chain(&sd.drops) {
            if full && !caps.contains(cap.as_str()) {
                return Err(err(format!("subsumes: unknown capability '{cap}'")));
            }
        }
    }
    c.subsumes = def
        .subsumes
        .iter()
        .map(|sd| (sd.capability.clone(), sd.drops.clone()))
        .collect();
    (c.reach, c.reach_status) = status_cues(&def.reach, "reach", full, &status_ids, eager)?;
    for st in &def.continuation.statuses {
        if full && !status_ids.contains(st.as_str()) {
            return Err(err(format!("continuation: unknown status '{st}'")));
        }
    }
    c.continuation_statuses = def.continuation.statuses.clone();
    c.subordinate = patterns(&def.subordinate, &|| "subordinate".into(), eager)?;
    c.sequel = patterns(&def.sequel, &|| "sequel".into(), eager)?;
    c.recap = patterns(&def.recap, &|| "recap".into(), eager)?;
    c.credits = patterns(&def.credits, &|| "credits".into(), eager)?;
    c.credit_literals = literal_gate(&c.credits);
    c.fact_cues = fact_cues(&c, eager);
    let r = &def.relevance;
    let d = &c.relevance;
    c.relevance = Relevance {
        threshold: r.threshold.unwrap_or(d.threshold),
        fact_weight: r.fact_weight.unwrap_or(d.fact_weight),
        cue_weight: r.cue_weight.unwrap_or(d.cue_weight),
        platforms_weight: r.platforms_weight.unwrap_or(d.platforms_weight),
        regulator_weight: r.regulator_weight.unwrap_or(d.regulator_weight),
        veto_weight: r.veto_weight.unwrap_or(d.veto_weight),
        hosting_weight: r.hosting_weight.unwrap_or(d.hosting_weight),
        platform_types: r.platform_types.clone(),
        regulator_types: r.regulator_types.clone(),
        interop: patterns(&r.interop, &|| "relevance.interop".into(), eager)?,
        blocking: patterns(&r.blocking, &|| "relevance.blocking".into(), eager)?,
        veto: patterns(&r.veto, &|| "relevance.veto".into(), eager)?,
        veto_any: None,
        hosting: patterns(&r.hosting, &|| "relevance.hosting".into(), eager)?,
        hosting_any: None,
        other_platforms: r
            .other_platforms
            .iter()
            .map(|n| normalize_name(n))
            .filter(|n| !n.is_empty())
            .collect(),
        hosting_third_party: patterns(
            &r.hosting_third_party,
            &|| "relevance.hosting_third_party".into(),
            eager,
        )?,
        hosting_third_party_gate: None,
        unnamed_platforms: patterns(
            &r.unnamed_platforms,
            &|| "relevance.unnamed_platforms".into(),
            eager,
        )?,
        unnamed_generic: r
            .unnamed_generic
            .iter()
            .map(|n| normalize_name(n))
            .filter(|n| !n.is_empty())
            .collect(),
        unnamed_weight: r.unnamed_weight.unwrap_or(d.unnamed_weight),
        unnamed: None,
    };
    // The stand-in for a platform with no id is an app of a group of its
    // own; its id cannot be a lexicon's (ids are checked non-empty, and this
    // one is no YAML plain scalar a lexicon would write by accident).
    if !c.relevance.unnamed_platforms.is_empty() && !c.index.contains_key(UNNAMED) {
        c.relevance.unnamed = Some(c.entities.len());
        c.index.insert(UNNAMED.to_string(), c.entities.len());
        c.entities.push(Entity {
            id: UNNAMED.to_string(),
            kind: "app".to_string(),
            parent: None,
            tags: Vec::new(),
        });
    }
    c.relevance.veto_any = any_of(&c.relevance.veto, eager);
    c.relevance.hosting_any = any_of(&c.relevance.hosting, eager);
    c.relevance.hosting_third_party_gate = literal_gate(&c.relevance.hosting_third_party);
    Ok(c)
}

/// Every pattern whose match may make a sentence state a fact: the
/// triggers, and the clauses that refer back to a fact or limit it.
fn cue_sources(c: &Compiled) -> impl Iterator<Item = &LazyRegex> {
    c.rules
        .iter()
        .flat_map(|r| r.triggers.iter().map(|t| &t.re))
        .chain(&c.anaphora)
        .chain(&c.restriction)
        .chain(&c.reach)
        .chain(&c.back_reference)
}

/// The set behind [`Compiled::may_state_fact`]. Trigger and anaphora
/// patterns are matched against clauses, which are substrings of a sentence.
/// A pattern with its anchors and word boundaries dropped matches wherever
/// the pattern does, and one without them that matches a clause matches the
/// sentence: so the set of relaxed patterns misses no sentence.
///
/// One regex per pattern rather than one set: a set of many patterns with
/// bounded gaps makes a lazy DFA too large to stay cached, while each
/// pattern alone is found quickly by its literals.
fn fact_cues(c: &Compiled, eager: bool) -> Option<FactCues> {
    let sources: Vec<&LazyRegex> = cue_sources(c).collect();
    // Each relaxed pattern, and the regex it came from when relaxing left
    // it as it was (no look-around, no capture group): that regex matches
    // the same texts, and building a regex costs far more than the search.
    let hirs: Vec<(Hir, Option<(usize, &LazyRegex)>)> = sources
        .iter()
        .enumerate()
        .map(|(k, re)| {
            let h = regex_syntax::parse(re.as_str()).ok()?;
            let props = h.properties();
            let same = props.look_set().is_empty() && props.explicit_captures_len() == 0;
            Some((relax(&h), same.then_some((k, *re))))
        })
        .collect::<Option<_>>()?;
    let mut cues = FactCues {
        patterns: Vec::new(),
        literals: None,
        literal_of: Vec::new(),
        sets: Vec::new(),
        always: Vec::new(),
        proven: Vec::new(),
        trigger_pattern: Vec::new(),
        source_of: Vec::new(),
    };
    let mut literals: Vec<Vec<u8>> = Vec::new();
    // Per entry of `hirs`: its pattern.
    let mut pattern_of: Vec<usize> = Vec::with_capacity(hirs.len());
    // Per pattern: the relaxed pattern as written.
    let mut written: Vec<String> = Vec::new();
    for (h, source) in &hirs {
        let p = h.to_string();
        if let Some(i) = written.iter().position(|w| *w == p) {
            pattern_of.push(i);
            continue;
        }
        let i = cues.patterns.len();
        pattern_of.push(i);
        cues.source_of.push(source.map(|(k, _)| k));
        cues.patterns.push(match source {
            Some((_, re)) => re.share(),
            None if eager => LazyRegex::eager(p.clone()).ok()?,
            None => LazyRegex::lazy(p.clone()),
        });
        written.push(p);
        // Sets of short literals (one character) are found all over a
        // text and narrow little: the automaton would report them more
        // often than they save a regex.
        let mut sets: Vec<Vec<Vec<u8>>> = required_all(h)
            .into_iter()
            .filter(|set| set.iter().all(|l| l.len() >= MIN_SET_LITERAL))
            .take(MAX_SETS)
            .collect();
        if sets.is_empty() {
            sets.extend(required(h).filter(|lits| lits.iter().all(|l| !l.is_empty())));
        }
        // One set of literals proves a match when the pattern allows it.
        cues.proven.push(sets.len() == 1 && proves(h));
        cues.sets.push(((1u16 << sets.len()) - 1) as u8);
        if sets.is_empty() {
            cues.always.push(i);
        }
        for (k, set) in sets.into_iter().enumerate() {
            for l in set {
                literals.push(l);
                cues.literal_of.push((i, k));
            }
        }
    }
    let mut at = 0;
    for r in &c.rules {
        let n = r.triggers.len();
        cues.trigger_pattern
            .push(pattern_of.get(at..at + n).unwrap_or_default().to_vec());
        at += n;
    }
    if !literals.is_empty() {
        // Overlapping search over every sentence: a DFA walks it without
        // following failure links.
        cues.literals = Some(
            AhoCorasickBuilder::new()
                .kind((literals.len() <= DFA_MAX_PATTERNS).then_some(AhoCorasickKind::DFA))
                .build(&literals)
                .ok()?,
        );
    }
    Some(cues)
}

/// Literals that every match of some patterns contains: a text that does
/// not hold them matches none of the patterns.
#[derive(Debug, Clone)]
pub struct LiteralGate {
    /// Per pattern, its sets of literals: a match holds one literal of
    /// each set. One substring search per literal: the literals of Chinese
    /// words all start with one of a few lead bytes, which an automaton's
    /// vector prefilter (it looks at the first bytes) finds at almost every
    /// character, where a substring search keyed on rarer bytes skips along.
    patterns: Vec<Vec<Vec<memchr::memmem::Finder<'static>>>>,
}

impl LiteralGate {
    /// Whether `text` may match one of the patterns: it holds a literal of
    /// each of the pattern's sets.
    pub fn is_match(&self, text: &str) -> bool {
        self.patterns.iter().any(|sets| {
            sets.iter()
                .all(|set| set.iter().any(|f| f.find(text.as_bytes()).is_some()))
        })
    }
}

/// The literals every match of a pattern of `res` contains, in sets of
/// which a match holds one literal each. `None` when some pattern has no
/// such literals or does not parse.
fn literal_gate(res: &[LazyRegex]) -> Option<LiteralGate> {
    let mut patterns = Vec::new();
    for re in res {
        let h = regex_syntax::parse(re.as_str()).ok()?;
        let h = relax(&h);
        // The most telling set, then others of long literals only: a set
        // of single characters is found in almost any text.
        let mut sets: Vec<Vec<Vec<u8>>> = required(&h).into_iter().collect();
        sets.extend(
            required_all(&h)
                .into_iter()
                .filter(|set| set.iter().all(|l| l.len() >= MIN_SET_LITERAL))
                .take(MAX_SETS),
        );
        sets.retain(|set| !set.is_empty() && set.iter().all(|l| !l.is_empty()));
        if sets.is_empty() {
            return None;
        }
        let finders: Vec<Vec<memchr::memmem::Finder<'static>>> = sets
            .into_iter()
            .map(|mut set| {
                // A literal that holds another is found where that one is
                // (图片来源 where 图片 is): the shorter one alone is searched.
                set.sort_by_key(Vec::len);
                let mut kept: Vec<Vec<u8>> = Vec::new();
                for l in set {
                    if !kept.iter().any(|k| memchr::memmem::find(&l, k).is_some()) {
                        kept.push(l);
                    }
                }
                kept.iter()
                    .map(|l| memchr::memmem::Finder::new(l).into_owned())
                    .collect()
            })
            .collect();
        patterns.push(finders);
    }
    (!patterns.is_empty()).then_some(LiteralGate { patterns })
}

/// Literals one of which every match of `h` contains, if there are such.
fn required(h: &Hir) -> Option<Vec<Vec<u8>>> {
    match h.kind() {
        HirKind::Literal(l) => Some(vec![l.0.to_vec()]),
        HirKind::Class(Class::Unicode(cls)) => {
            let n: u32 = cls
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if n > 8 {
                return None;
            }
            Some(
                cls.ranges()
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .map(|ch| ch.to_string().into_bytes())
                    .collect(),
            )
        }
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Repetition(r) if r.min > 0 => required(&r.sub),
        HirKind::Concat(v) => telling(v).map(|(_, lits)| lits),
        HirKind::Alternation(v) => {
            let mut all = Vec::new();
            for x in v {
                all.extend(required(x)?);
            }
            Some(all)
        }
        _ => None,
    }
}

/// Sets of literals such that every match of `h` contains one literal of
/// each set: those of every part of a concatenation, else [`required`]'s.
fn required_all(h: &Hir) -> Vec<Vec<Vec<u8>>> {
    match h.kind() {
        HirKind::Concat(v) => v.iter().flat_map(required_all).collect(),
        HirKind::Capture(cap) => required_all(&cap.sub),
        HirKind::Repetition(r) if r.min > 0 => required_all(&r.sub),
        _ => required(h).into_iter().collect(),
    }
}

/// The most telling part of a concatenation for [`required`], by index:
/// longest shortest literal, then fewest.
fn telling(v: &[Hir]) -> Option<(usize, Vec<Vec<u8>>)> {
    v.iter()
        .enumerate()
        .filter_map(|(i, x)| required(x).map(|l| (i, l)))
        .max_by(|(_, a), (_, b)| {
            let shortest = |x: &Vec<Vec<u8>>| x.iter().map(Vec::len).min().unwrap_or(0);
            shortest(a).cmp(&shortest(b)).then(b.len().cmp(&a.len()))
        })
}

/// Whether every occurrence of one of the literals [`required`] gives for
/// `h` is a match of `h`: a literal, a small class, alternatives of such,
/// or one of them beside parts that may match nothing (`[^。]{0,6}`, `(?:了)?`,
/// a dropped look-around).
fn proves(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Literal(_) => true,
        HirKind::Class(_) => required(h).is_some(),
        HirKind::Capture(cap) => proves(&cap.sub),
        HirKind::Repetition(r) => r.min == 1 && proves(&r.sub),
        HirKind::Concat(v) => telling(v).is_some_and(|(i, _)| {
            v.iter().enumerate().all(|(j, x)| {
                if j == i {
                    proves(x)
                } else {
                    x.properties().minimum_len() == Some(0)
                }
            })
        }),
        HirKind::Alternation(v) => v.iter().all(proves),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

/// A pattern without its look-around assertions and capture groups.
fn relax(h: &Hir) -> Hir {
    match h.kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Capture(c) => relax(&c.sub),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(relax(&r.sub)),
            ..r.clone()
        }),
        HirKind::Concat(v) => Hir::concat(v.iter().map(relax).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(relax).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => h.clone(),
    }
}

/// Where an entity name may start in a text. A name starts at a
/// character boundary, so a position whose next bytes start no name needs
/// no search. The bytes looked at are twice those of the character at the
/// position: two Chinese characters, two ASCII letters (a pair of
/// characters, in the text written most). In Chinese text about one
/// position in a hundred starts a name's pair; a hash of the bytes rules
/// out the rest at a few instructions a character, where an automaton
/// over every byte takes several a byte. A hash that collides only costs a
/// search.
#[derive(Debug, Clone)]
pub struct NameStarts {
    /// One bit per hash of the first bytes of a name (twice its first
    /// character's), in every ASCII case (names match ASCII
    /// case-insensitively).
    pairs: Box<[u64; HASH_WORDS]>,
    /// The same for names shorter than that (one character, or one
    /// followed by a shorter one), over their first character only;
    /// `None` when there is none.
    singles: Option<Box<[u64; HASH_WORDS]>>,
}

/// 2^16 bits: a few hundred names set a few hundred of them.
const HASH_WORDS: usize = 1 << 10;

impl Default for NameStarts {
    fn default() -> Self {
        NameStarts {
            pairs: Box::new([0; HASH_WORDS]),
            singles: None,
        }
    }
}

/// [`crate::text::utf8_len`] of every byte: a load instead of three comparisons in the
/// loop over every character.
static UTF8_LEN: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = crate::text::utf8_len(b as u8) as u8;
        b += 1;
    }
    t
};

/// The bits of a little-endian word that hold its first `n` bytes, for `n`
/// up to 8 (the table is larger so that an index masked to 4 bits is in it).
static LOW_BYTES: [u64; 16] = {
    let mut t = [u64::MAX; 16];
    let mut n = 0;
    while n < 8 {
        t[n] = (1u64 << (8 * n)) - 1;
        n += 1;
    }
    t
};

/// The bit of a key in a table of `HASH_WORDS` words.
#[inline(always)]
fn key_bit(key: u64) -> (usize, u64) {
    let h = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize;
    ((h >> 6) & (HASH_WORDS - 1), 1 << (h & 63))
}

impl NameStarts {
    fn new(names: &[String]) -> NameStarts {
        let mut starts = NameStarts::default();
        for n in names {
            let bytes = n.as_bytes();
            let Some(&lead) = bytes.first() else {
                continue;
            };
            let one = crate::text::utf8_len(lead);
            let (head, table) = match bytes.get(..2 * one) {
                Some(head) => (head, &mut starts.pairs),
                None => (
                    bytes.get(..one).unwrap_or_default(),
                    starts
                        .singles
                        .get_or_insert_with(|| Box::new([0; HASH_WORDS])),
                ),
            };
            // Every ASCII case of the head.
            let letters: Vec<usize> = (0..head.len())
                .filter(|&k| head[k].is_ascii_alphabetic())
                .collect();
            for variant in 0..1u32 << letters.len() {
                let mut word = [0u8; 8];
                word[..head.len()].copy_from_slice(head);
                for (bit, &k) in letters.iter().enumerate() {
                    word[k] = if variant >> bit & 1 == 1 {
                        word[k].to_ascii_uppercase()
                    } else {
                        word[k].to_ascii_lowercase()
                    };
                }
                let (w, b) = key_bit(u64::from_le_bytes(word));
                table[w] |= b;
            }
        }
        starts
    }

    /// Whether a name may start at the character that starts the
    /// little-endian `word` of text bytes (zeros past the end of the
    /// text), and the length of that character.
    #[inline(always)]
    fn may_start<const SINGLES: bool>(&self, word: u64) -> (bool, usize) {
        let one = usize::from(UTF8_LEN[(word & 0xFF) as usize]);
        let (w, b) = key_bit(word & LOW_BYTES[(2 * one) & 15]);
        if self.pairs[w] & b != 0 {
            return (true, one);
        }
        if SINGLES {
            if let Some(s) = &self.singles {
                let (w, b) = key_bit(word & LOW_BYTES[one & 15]);
                return (s[w] & b != 0, one);
            }
        }
        (false, one)
    }

    /// The first character boundary at or after `from` (itself a boundary)
    /// where a name may start.
    pub fn next(&self, text: &[u8], from: usize) -> Option<usize> {
        if self.singles.is_some() {
            self.next_with::<true>(text, from)
        } else {
            self.next_with::<false>(text, from)
        }
    }

    fn next_with<const SINGLES: bool>(&self, text: &[u8], from: usize) -> Option<usize> {
        let mut i = from;
        while let Some(w) = text.get(i..).and_then(<[u8]>::first_chunk::<8>) {
            let word = u64::from_le_bytes(*w);
            let (may, len) = self.may_start::<SINGLES>(word);
            if may {
                return Some(i);
            }
            i += len;
        }
        // The last few bytes, padded with zeros.
        while let Some(rest) = text.get(i..).filter(|r| !r.is_empty()) {
            let mut word = [0u8; 8];
            let n = rest.len().min(8);
            word[..n].copy_from_slice(&rest[..n]);
            let (may, len) = self.may_start::<SINGLES>(u64::from_le_bytes(word));
            if may {
                return Some(i);
            }
            i += len;
        }
        None
    }
}

impl Compiled {
    /// Have each fact cue that is one of the patterns it came from share
    /// that pattern's match cache again, as a copy gets caches of its own:
    /// the sentence and its clauses are searched with the same states.
    fn share_fact_cues(&mut self) {
        if self.fact_cues.is_none() {
            return;
        }
        let sources: Vec<LazyRegex> = cue_sources(self).map(LazyRegex::share).collect();
        if let Some(cues) = &mut self.fact_cues {
            for (p, k) in cues.patterns.iter_mut().zip(&cues.source_of) {
                if let Some(re) = k.and_then(|k| sources.get(k)) {
                    *p = re.share();
                }
            }
        }
    }

    /// Whether a masked sentence may state a fact: false only when no
    /// trigger and no anaphora cue matches anywhere in it.
    pub fn may_state_fact(&self, masked: &str) -> bool {
        self.fact_cues.as_ref().is_none_or(|c| c.is_match(masked))
    }

    /// [`Compiled::may_state_fact`] without literals: every relaxed pattern
    /// tried on the whole text. Only for tests of the fast path.
    #[doc(hidden)]
    pub fn may_state_fact_by_regex(&self, masked: &str) -> bool {
        self.fact_cues
            .as_ref()
            .is_none_or(|c| c.is_match_by_regex(masked))
    }

    /// Per rule, per trigger: whether the trigger may match a clause of a
    /// masked sentence. A trigger none of whose literals occurs in the
    /// sentence cannot, so its regex need not run on each clause. `None`
    /// when every trigger is to be tried.
    pub fn trigger_candidates(&self, masked: &str) -> Option<Vec<Vec<bool>>> {
        let cues = self.fact_cues.as_ref()?;
        let may = cues.candidates(masked);
        Some(
            cues.trigger_pattern
                .iter()
                .map(|ps| {
                    ps.iter()
                        .map(|&p| may.get(p).copied().unwrap_or(true))
                        .collect()
                })
                .collect(),
        )
    }

    /// The root of an entity's parent chain: its group (tencent, alibaba).
    pub fn group(&self, i: usize) -> usize {
        let mut cur = i;
        for _ in 0..self.entities.len() {
            match self.entities[cur]
                .parent
                .as_ref()
                .and_then(|p| self.index.get(p))
            {
                Some(&p) => cur = p,
                None => break,
            }
        }
        cur
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fact cues take a trigger's own regex where relaxing its pattern
    /// changes nothing; this holds them to it.
    #[test]
    fn relaxing_leaves_a_pattern_without_looks_or_captures_as_it_is() {
        let lex = Lexicon::builtin();
        let c = lex.compiled();
        let mut same = 0;
        for re in cue_sources(c) {
            let h = regex_syntax::parse(re.as_str()).unwrap();
            let props = h.properties();
            if props.look_set().is_empty() && props.explicit_captures_len() == 0 {
                assert_eq!(relax(&h), h, "{}", re.as_str());
                same += 1;
            }
        }
        assert!(same > 0);
    }

    /// A fork's fact cues that are their trigger's (or anaphora's...)
    /// pattern share its match cache, as in the lexicon forked.
    #[test]
    fn a_fork_s_fact_cues_share_their_sources_caches() {
        let lex = Lexicon::builtin();
        for l in [lex.fork(), lex] {
            let c = l.compiled();
            let cues = c.fact_cues.as_ref().expect("fact cues");
            let sources: Vec<&LazyRegex> = cue_sources(c).collect();
            let mut shared = 0;
            for (p, k) in cues.patterns.iter().zip(&cues.source_of) {
                if let Some(k) = k {
                    assert!(p.shares_cache_with(sources[*k]), "{}", p.as_str());
                    shared += 1;
                }
            }
            assert!(shared > 0);
        }
    }

    /// The built-in lexicon compiles its patterns on first use, where a
    /// relaxed fact cue or an alternation that failed would silently pass
    /// every sentence or be skipped: all of them must compile. (Its own
    /// patterns are compiled at once by `tests/lexicon.rs`.)
    #[test]
    fn builtin_fact_cues_and_alternations_all_compile() {
        let lex = Lexicon::builtin();
        let c = lex.compiled();
        let cues = c.fact_cues.as_ref().expect("fact cues");
        assert!(cues.patterns.iter().all(|p| p.get().is_some()));
        let r = &c.relevance;
        for any in [&r.veto_any, &r.hosting_any] {
            assert!(any.as_ref().is_some_and(|a| a.get().is_some()));
        }
    }
}
