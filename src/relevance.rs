//! Is the article about platform interoperability? An explainable score.
//!
//! The score adds the lexicon's weights for what the article shows: a fact
//! it states, an interoperability cue, two platforms of different groups, a
//! regulator next to link blocking, one platform's store or service hosted
//! by another (named even when it has no entity of its own); a cue of another sense of 互联互通 (stock
//! connect, transport, medical records) counts against it. Every term that
//! counted is named in `reasons`.

use crate::lexicon::Lexicon;
use crate::model::{Document, Fact, Mention, Relevance};
use std::collections::HashSet;

/// Judge an article's relevance from its cues and the facts found in it.
pub fn judge(
    lex: &Lexicon,
    doc: &Document,
    title: &str,
    mentions: &[Mention],
    facts: &[Fact],
) -> Relevance {
    let c = lex.compiled();
    let r = &c.relevance;
    let (title_norm, _) = crate::text::normalize_mapped(title);
    let mut score = 0.0;
    let mut reasons = Vec::new();
    if let Some(f) = facts.first() {
        score += r.fact_weight;
        reasons.push(format!(
            "{} fact(s), first: {} {} {}",
            facts.len(),
            f.subject,
            f.capability,
            f.object.as_deref().unwrap_or("*")
        ));
    }
    // An interoperability cue where the same paragraph (or the title)
    // names platforms of two groups.
    let platform_groups = |ms: &mut dyn Iterator<Item = &Mention>| {
        let mut groups = HashSet::new();
        let mut names = Vec::new();
        for m in ms {
            let Some(&i) = c.index.get(&m.entity) else {
                continue;
            };
            if r.platform_types.contains(&c.entities[i].kind) && groups.insert(c.group(i)) {
                names.push(m.entity.clone());
            }
        }
        names
    };
    let find_cue = |t: &str| {
        r.interop
            .iter()
            .find_map(|re| re.find(t))
            .map(|m| m.as_str().to_string())
    };
    // Only a unit that names platforms of two groups can count, and most
    // name none: look for the cue only in those, the first one found wins.
    let mut unit = None;
    let title_names = platform_groups(&mut mentions.iter().filter(|m| m.in_title));
    if title_names.len() >= 2 {
        unit = find_cue(&title_norm).map(|cue| (cue, title_names));
    }
    if unit.is_none() && mentions.iter().any(|m| !m.in_title) {
        for p in &doc.paragraphs {
            // Normalization never looks across the `\n` between paragraphs,
            // so a paragraph's slice of `norm` is its normalized text.
            let span = to_norm(doc, p.span);
            let names = platform_groups(
                &mut mentions
                    .iter()
                    .filter(|m| !m.in_title && m.span.start >= span.0 && m.span.end <= span.1),
            );
            if names.len() < 2 {
                continue;
            }
            if let Some(cue) = find_cue(doc.norm.get(span.0..span.1).unwrap_or("")) {
                unit = Some((cue, names));
                break;
            }
        }
    }
    if let Some((cue, names)) = unit {
        score += r.cue_weight + r.platforms_weight;
        reasons.push(format!(
            "interoperability cue '{cue}' beside platforms {}",
            names.join(", ")
        ));
    }
    // A regulator and link blocking in one sentence.
    let regulators: Vec<&Mention> = mentions
        .iter()
        .filter(|m| !m.in_title)
        .filter(|m| {
            c.index
                .get(&m.entity)
                .is_some_and(|&i| r.regulator_types.contains(&c.entities[i].kind))
        })
        .collect();
    if !regulators.is_empty() {
        let hit = doc.sentences().iter().find_map(|s| {
            let t = doc.text.get(s.span.start..s.span.end)?;
            let names_reg = regulators
                .iter()
                .any(|m| !doc.original(m.span).is_empty() && t.contains(doc.original(m.span)));
            if !names_reg {
                return None;
            }
            // Sentences start and end beside an end mark, a bracket or white
            // space, never inside a `**`, so their slice of `norm` is theirs.
            // Mapped only for a sentence that names a regulator.
            let (a, b) = to_norm(doc, s.span);
            let n = doc.norm.get(a..b).unwrap_or("");
            let block = r.blocking.iter().find_map(|re| re.find(n))?;
            Some(block.as_str().to_string())
        });
        if let Some(b) = hit {
            score += r.regulator_weight;
            reasons.push(format!("a regulator and '{b}' in one sentence"));
        }
    }
    let hosting = hosted(c, doc, mentions);
    let stated = !facts.is_empty() || hosting.is_some();
    if let Some(reason) = hosting {
        score += r.hosting_weight;
        reasons.push(reason);
    }
    // Coding the article a second time is worth it only where the rest
    // leaves it short of relevant.
    if score < r.threshold {
        if let Some(reason) = unnamed_party(lex, doc, mentions) {
            score += r.unnamed_weight;
            reasons.push(reason);
        }
    }
    // A statement of one platform opening to another is no other sense of
    // the words around it. Most articles hold no word of another sense: one
    // search of all of them at once tells so.
    // An alternation that does not compile is as if there were none.
    let veto_any = r.veto_any.as_ref().and_then(|a| a.get());
    let may_veto = |t: &str| veto_any.is_none_or(|a| a.is_match(t));
    if !stated && (may_veto(&title_norm) || may_veto(&doc.norm)) {
        let veto = r
            .veto
            .iter()
            .find_map(|re| re.find(&title_norm).or_else(|| re.find(&doc.norm)))
            .map(|m| m.as_str().to_string());
        if let Some(v) = veto {
            score += r.veto_weight;
            reasons.push(format!("another sense: '{v}'"));
        }
    }
    Relevance {
        relevant: score >= r.threshold,
        score,
        reasons,
    }
}

/// A sentence where one platform's store or service goes live inside
/// another's (当当旗舰店在京东上线, 盒马登上京东同城频道, 高德接入携程等平台).
/// Such a fact is often stated in passing about a platform with no entity
/// here, so names from `other_platforms` count beside the entities; each is a
/// group of its own. The sentence must name platforms of two groups, so a
/// merchant's store on one platform does not count; a cue that names the
/// third-party platforms taken in (接入了…等多个第三方平台) counts alone.
fn hosted(c: &crate::lexicon::Compiled, doc: &Document, mentions: &[Mention]) -> Option<String> {
    let r = &c.relevance;
    // The third parties are named by the cue itself. Most articles hold
    // no literal of the cues, and then none of them is searched for.
    let may = r
        .hosting_third_party_gate
        .as_ref()
        .is_none_or(|g| g.is_match(&doc.norm));
    let third_party: &[crate::lexicon::LazyRegex] = if may { &r.hosting_third_party } else { &[] };
    for re in third_party {
        if let Some(m) = re.find(&doc.norm) {
            return Some(format!(
                "'{}': third-party platforms hosted by another",
                m.as_str()
            ));
        }
    }
    // One search for all the cues at once; most articles hold none.
    let cued = match r.hosting_any.as_ref().and_then(|a| a.get()) {
        Some(any) => any.is_match(&doc.norm),
        None => r.hosting.iter().any(|re| re.is_match(&doc.norm)),
    };
    if !cued {
        return None;
    }
    // A sentence's groups are some of the article's: with fewer than two
    // platform groups in the whole body, no sentence can hold two.
    let mut body_groups = HashSet::new();
    for m in mentions.iter().filter(|m| !m.in_title) {
        if let Some(&i) = c.index.get(&m.entity) {
            if r.platform_types.contains(&c.entities[i].kind) {
                body_groups.insert(c.group(i));
            }
        }
    }
    let need = 2usize.saturating_sub(body_groups.len());
    if need > 0
        && r.other_platforms
            .iter()
            .filter(|o| doc.norm.contains(o.as_str()))
            .take(need)
            .count()
            < need
    {
        return None;
    }
    doc.sentences().iter().find_map(|s| {
        let (a, b) = to_norm(doc, s.span);
        let n = doc.norm.get(a..b)?;
        let cue = r.hosting.iter().find_map(|re| re.find(n))?;
        let mut groups: HashSet<String> = HashSet::new();
        let mut names = Vec::new();
        for m in mentions
            .iter()
            .filter(|m| !m.in_title && m.span.start >= a && m.span.end <= b)
        {
            let Some(&i) = c.index.get(&m.entity) else {
                continue;
            };
            if r.platform_types.contains(&c.entities[i].kind)
                && groups.insert(c.entities[c.group(i)].id.clone())
            {
                names.push(m.entity.clone());
            }
        }
        for o in r.other_platforms.iter().filter(|o| n.contains(o.as_str())) {
            if groups.insert(format!("~{o}")) {
                names.push(o.clone());
            }
        }
        (groups.len() >= 2).then(|| {
            format!(
                "'{}': one platform hosted by another ({})",
                cue.as_str(),
                names.join(", ")
            )
        })
    })
}

/// A fact between an entity and a named platform that has no id
/// (华为应用市场已支持支付宝, 苹果App Store接入了微信支付): the article states
/// an opening, though no event can be made of it. Names of the lexicon's
/// `unnamed_platforms` patterns that no entity mention overlaps stand in as
/// one entity of a group of its own, and the article is coded again by the
/// fact rules; a fact of an entity with such a name counts. So every cue of
/// the rules (status, questions, wishes, groups) judges these statements
/// as it judges the others, and a name beside no fact trigger counts for
/// nothing.
fn unnamed_party(lex: &Lexicon, doc: &Document, mentions: &[Mention]) -> Option<String> {
    let c = lex.compiled();
    let r = &c.relevance;
    let unnamed = r.unnamed?;
    let body: Vec<&Mention> = mentions.iter().filter(|m| !m.in_title).collect();
    let is_platform = |m: &Mention| {
        c.index
            .get(&m.entity)
            .is_some_and(|&i| r.platform_types.contains(&c.entities[i].kind))
    };
    if !body.iter().any(|m| is_platform(m)) {
        return None;
    }
    let mut extra: Vec<Mention> = Vec::new();
    for s in doc.sentences() {
        let (a, b) = to_norm(doc, s.span);
        // Only a sentence that names a platform can pair one with a name.
        if !body
            .iter()
            .any(|m| m.span.start >= a && m.span.end <= b && is_platform(m))
        {
            continue;
        }
        let Some(text) = doc.norm.get(a..b) else {
            continue;
        };
        for re in &r.unnamed_platforms {
            for m in re.find_iter(text) {
                let (start, end) = (a + m.start(), a + m.end());
                let generic = r
                    .unnamed_generic
                    .iter()
                    .any(|g| m.as_str().contains(g.as_str()));
                // A name right after an entity's is built on it.
                let overlaps = body
                    .iter()
                    .map(|x| x.span)
                    .chain(extra.iter().map(|x| x.span))
                    .any(|x| x.start < end && start <= x.end);
                if !generic && !overlaps {
                    extra.push(Mention {
                        span: crate::model::Span::new(start, end),
                        entity: crate::lexicon::UNNAMED.to_string(),
                        in_title: false,
                    });
                }
            }
        }
    }
    if extra.is_empty() {
        return None;
    }
    let mut all: Vec<Mention> = body.into_iter().cloned().chain(extra).collect();
    all.sort_by_key(|m| (m.span.start, m.span.end));
    let unnamed_id = &c.entities.get(unnamed)?.id;
    let facts = crate::facts::extract(lex, "", doc, &[], &all, None);
    // An entity on one side, the name on the other: a name opening its
    // links to all, or two names, connect no platform the article names.
    let f = facts.into_iter().find(|f| {
        f.object
            .as_ref()
            .is_some_and(|o| (&f.subject == unnamed_id) != (o == unnamed_id))
    })?;
    let quote = f.evidence.as_ref().map(|e| e.quote.as_str()).unwrap_or("");
    let name = |id: &str| {
        if id == unnamed_id {
            "a platform with no id".to_string()
        } else {
            id.to_string()
        }
    };
    Some(format!(
        "{} {} {}, in '{}'",
        name(&f.subject),
        f.capability,
        f.object.as_deref().map(name).unwrap_or_else(|| "*".into()),
        quote
    ))
}

fn to_norm(doc: &Document, text: crate::model::Span) -> (usize, usize) {
    let start = doc.norm_from_text(text.start);
    let end = doc.norm_from_text(text.end);
    (start, end.max(start))
}
