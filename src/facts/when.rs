//! The `when` rule of GOLD.md: which temporal expression dates a fact.

use crate::model::{Timex, TimexType};

/// A fact's date and whether it came from the fact's own sentence (steps 1
/// and 2 of the rule) rather than being carried over (steps 3 and 4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    pub value: String,
    pub own: bool,
}

/// The calendar value a timex gives a fact: the date part of an absolute
/// value, the publication date for the present, nothing for past or future
/// references, durations, sets and generic dates. Mods are dropped.
pub fn calendar(t: &Timex, published: Option<&str>) -> Option<String> {
    if matches!(t.kind, TimexType::Duration | TimexType::Set) {
        return None;
    }
    let v = t.value.trim();
    if v == "PRESENT_REF" {
        return published.map(str::to_string);
    }
    let b = v.as_bytes();
    if b.len() < 4 || !b.iter().take(4).all(u8::is_ascii_digit) {
        return None;
    }
    let date = v.split('T').next().unwrap_or(v);
    if date.contains('X') {
        return None;
    }
    Some(date.to_string())
}

/// Date a fact whose trigger starts at `at` (a byte of the normalized text),
/// in the clause `clause` and the sentence `sentence` (byte ranges of the
/// normalized text). `timexes` are in text order.
pub fn resolve(
    timexes: &[Timex],
    at: usize,
    clause: (usize, usize),
    sentence: (usize, usize),
    published: Option<&str>,
) -> Option<When> {
    let usable: Vec<(&Timex, String)> = timexes
        .iter()
        .filter_map(|t| calendar(t, published).map(|v| (t, v)))
        .collect();
    let inside = |t: &Timex, r: (usize, usize)| t.span.start >= r.0 && t.span.end <= r.1;
    // 1. The own clause: nearest before the trigger, else nearest after.
    let before = usable
        .iter()
        .filter(|(t, _)| inside(t, clause) && t.span.start < at)
        .max_by_key(|(t, _)| t.span.start);
    let after = usable
        .iter()
        .filter(|(t, _)| inside(t, clause) && t.span.start >= at)
        .min_by_key(|(t, _)| t.span.start);
    if let Some((_, v)) = before.or(after) {
        return Some(When {
            value: v.clone(),
            own: true,
        });
    }
    // 2. The nearest before it in the same sentence.
    if let Some((_, v)) = usable
        .iter()
        .filter(|(t, _)| inside(t, sentence) && t.span.start < at)
        .max_by_key(|(t, _)| t.span.start)
    {
        return Some(When {
            value: v.clone(),
            own: true,
        });
    }
    // 3. The last one before it in the article.
    if let Some((_, v)) = usable
        .iter()
        .filter(|(t, _)| t.span.start < at)
        .max_by_key(|(t, _)| t.span.start)
    {
        return Some(When {
            value: v.clone(),
            own: false,
        });
    }
    // 4. The publication date.
    published.map(|p| When {
        value: p.to_string(),
        own: false,
    })
}

/// Pick one date among those one article gives the same fact and status:
/// own-sentence dates beat carried-over ones; then, where one contains the
/// other, the more specific; else the earliest.
pub fn pick(cands: &[When]) -> Option<usize> {
    let any_own = cands.iter().any(|w| w.own);
    let pool = || (0..cands.len()).filter(move |&i| !any_own || cands[i].own);
    // Compared as distinct values: a fact repeated through a long article
    // has thousands of candidates but a few values, and comparing every
    // pair of candidates was quadratic.
    let values: std::collections::BTreeSet<&str> =
        pool().map(|i| cands[i].value.as_str()).collect();
    let best = values
        .iter()
        .copied()
        .find(|v| !values.iter().any(|w| w.len() > v.len() && w.starts_with(v)))?;
    // The first candidate with the earliest of the specific values.
    pool().find(|&i| cands[i].value == best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn tx(start: usize, value: &str, kind: TimexType) -> Timex {
        Timex {
            span: Span::new(start, start + 3),
            text: value.into(),
            kind,
            value: value.into(),
            modifier: None,
        }
    }

    #[test]
    fn own_clause_before_then_after() {
        let t = vec![
            tx(0, "2021-09", TimexType::Date),
            tx(20, "2021-09-17", TimexType::Date),
        ];
        // Trigger at 30, clause 10..50: the one at 20 is before it.
        let w = resolve(&t, 30, (10, 50), (0, 50), Some("2022-01-27")).unwrap();
        assert_eq!(w.value, "2021-09-17");
        // Trigger at 15: nothing before in the clause, the one after wins.
        let w = resolve(&t, 15, (10, 50), (0, 50), Some("2022-01-27")).unwrap();
        assert_eq!(w.value, "2021-09-17");
        assert!(w.own);
    }

    #[test]
    fn skips_past_refs_and_durations_and_carries_over() {
        let t = vec![
            tx(0, "2022-01", TimexType::Date),
            tx(10, "PAST_REF", TimexType::Date),
            tx(20, "P3M", TimexType::Duration),
        ];
        let w = resolve(&t, 40, (30, 50), (30, 50), Some("2022-03-26")).unwrap();
        assert_eq!(w.value, "2022-01");
        assert!(!w.own);
        let t = vec![tx(0, "PRESENT_REF", TimexType::Date)];
        let w = resolve(&t, 40, (30, 50), (0, 50), Some("2022-03-26")).unwrap();
        assert_eq!(w.value, "2022-03-26");
        assert!(w.own);
        let w = resolve(&[], 40, (30, 50), (0, 50), Some("2022-03-26")).unwrap();
        assert_eq!(w.value, "2022-03-26");
        assert!(!w.own);
    }

    #[test]
    fn tie_break() {
        let w = |v: &str, own| When {
            value: v.into(),
            own,
        };
        assert_eq!(pick(&[w("2021", true), w("2021-11-29", true)]), Some(1));
        assert_eq!(pick(&[w("2022-03", true), w("2021-11", true)]), Some(1));
        assert_eq!(pick(&[w("2021-11", false), w("2022-03", true)]), Some(1));
    }
}
