//! Entity mentions: leftmost-longest matching of the lexicon's names over the
//! normalized text.

use crate::lexicon::{Compiled, Lexicon, NameTarget};
use crate::model::{Document, Mention, Span};
use aho_corasick::{AhoCorasick, Anchored, Input};

/// Find entity mentions in the body and the title. Body mentions come first,
/// in text order, with spans in [`Document::norm`]; title mentions follow,
/// with spans in the normalized title and `in_title` set.
pub fn find(lex: &Lexicon, doc: &Document, title: &str) -> Vec<Mention> {
    let c = lex.compiled();
    let mut out = scan(c, &doc.norm, false);
    // GOLD.md leaves credits out: a platform named as a picture's or a
    // notice's source is not named by the article. Most articles name no
    // platform at all, and then there is nothing for a credit to remove;
    // most of the rest hold no word a credit starts with.
    let no_credit = || {
        c.credit_literals
            .as_ref()
            .is_some_and(|ac| !ac.is_match(&doc.norm))
    };
    let credits: Vec<(usize, usize)> = if out.is_empty() || no_credit() {
        Vec::new()
    } else {
        c.credits
            .iter()
            .flat_map(|re| re.find_iter(&doc.norm).map(|m| (m.start(), m.end())))
            .collect()
    };
    if !credits.is_empty() {
        out.retain(|m| {
            !credits
                .iter()
                .any(|&(a, b)| m.span.start >= a && m.span.end <= b)
        });
    }
    // Title mentions need no map back: the normalized title is theirs.
    let (t, _) = crate::text::normalize_mapped(title);
    out.extend(scan(c, &t, true));
    out
}

/// The distinct entity ids of mentions, in order of first mention (title
/// mentions count after the body's).
pub fn distinct_ids(mentions: &[Mention]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for m in mentions {
        if !ids.contains(&m.entity) {
            ids.push(m.entity.clone());
        }
    }
    ids
}

/// The mentions that take roles in facts. A group's name written right
/// before the name of one of its own platforms (蚂蚁支付宝, 腾讯微信) names
/// one thing, the platform: the group's mention is left out, so that it
/// does not stand between a cue and the platform. Both still count as
/// entities of the article.
pub fn heads(lex: &Lexicon, mentions: &[Mention]) -> Vec<Mention> {
    let c = lex.compiled();
    let is_ancestor = |a: &str, d: &str| {
        let (Some(&ai), Some(&di)) = (c.index.get(a), c.index.get(d)) else {
            return false;
        };
        let mut cur = di;
        for _ in 0..c.entities.len() {
            match c.entities[cur].parent.as_ref().and_then(|p| c.index.get(p)) {
                Some(&p) if p == ai => return true,
                Some(&p) => cur = p,
                None => return false,
            }
        }
        false
    };
    mentions
        .iter()
        .enumerate()
        .filter(|(k, m)| {
            !mentions.get(k + 1).is_some_and(|next| {
                next.in_title == m.in_title
                    && next.span.start == m.span.end
                    && is_ancestor(&m.entity, &next.entity)
            })
        })
        .map(|(_, m)| m.clone())
        .collect()
}

/// Mentions in one normalized text.
pub fn scan(c: &Compiled, text: &str, in_title: bool) -> Vec<Mention> {
    let Some(ac) = &c.names else {
        return Vec::new();
    };
    let bytes = text.as_bytes();
    let mut from = 0;
    // Leftmost-longest over the whole text is, position by position, the
    // longest name that starts at the first position where one does; a
    // search resumes after the match it found. Positions where no name can
    // start are skipped without a search.
    let matches = std::iter::from_fn(|| {
        while let Some(at) = c.name_starts.next(bytes, from) {
            let input = Input::new(text).range(at..).anchored(Anchored::Yes);
            if let Ok(Some(m)) = ac.try_find(input) {
                from = m.end();
                return Some(m);
            }
            from = at + text.get(at..)?.chars().next()?.len_utf8();
        }
        None
    });
    mentions(c, text, in_title, matches)
}

/// [`scan`] with an automaton for unanchored leftmost-longest searches
/// over the names of [`Compiled::name_list`]: every byte is searched. Only
/// for tests of the fast path.
#[doc(hidden)]
pub fn scan_by_automaton(
    c: &Compiled,
    unanchored: &AhoCorasick,
    text: &str,
    in_title: bool,
) -> Vec<Mention> {
    mentions(c, text, in_title, unanchored.find_iter(text))
}

/// The mentions that name matches make.
fn mentions(
    c: &Compiled,
    text: &str,
    in_title: bool,
    matches: impl Iterator<Item = aho_corasick::Match>,
) -> Vec<Mention> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for m in matches {
        // An ASCII name inside a longer ASCII word is another word (QQ of
        // QQQ, PDD of PDDA).
        let first = bytes.get(m.start()).copied().unwrap_or(0);
        let last = bytes.get(m.end().saturating_sub(1)).copied().unwrap_or(0);
        let before = m.start().checked_sub(1).and_then(|i| bytes.get(i)).copied();
        let after = bytes.get(m.end()).copied();
        if (first.is_ascii_alphanumeric() && before.is_some_and(|b| b.is_ascii_alphanumeric()))
            || (last.is_ascii_alphanumeric() && after.is_some_and(|b| b.is_ascii_alphanumeric()))
        {
            continue;
        }
        match c.name_targets.get(m.pattern().as_usize()) {
            Some(NameTarget::Entity(i)) => {
                if let Some(e) = c.entities.get(*i) {
                    out.push(Mention {
                        span: Span::new(m.start(), m.end()),
                        entity: e.id.clone(),
                        in_title,
                    });
                }
            }
            Some(NameTarget::Compound(parts)) => {
                for (off, len, i) in parts {
                    if let Some(e) = c.entities.get(*i) {
                        out.push(Mention {
                            span: Span::new(m.start() + off, m.start() + off + len),
                            entity: e.id.clone(),
                            in_title,
                        });
                    }
                }
            }
            Some(NameTarget::Nothing) | None => {}
        }
    }
    out
}
