//! Lexicon regexes compiled when first matched.
//!
//! Compiling the built-in lexicon's few hundred patterns takes longer than
//! extracting a thousand articles, yet most of them are never tried in a
//! run: the fact stage runs a trigger only where its literals occur, most
//! articles name no platform, and a single article meets few cues. So the
//! built-in lexicon (checked by the test suite) and lexicons merged from
//! checked parts keep their patterns as text and compile each on first use;
//! a lexicon read from a user's file is compiled at once, so that a bad
//! pattern is reported when it is loaded.

use regex::Regex;
use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// The compiled-size limit of every lexicon pattern.
const SIZE_LIMIT: usize = 1 << 22;

/// Compile a lexicon pattern.
pub fn build(source: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(source)
        .size_limit(SIZE_LIMIT)
        .build()
}

/// A regex compiled on first use. Copies share the compiled program (it is
/// compiled once for all of them) but each takes a clone of its own, with
/// its own match cache, as [`super::Lexicon::fork`] needs; a copy made with
/// [`LazyRegex::share`] shares the cache as well.
pub struct LazyRegex {
    shared: Arc<Shared>,
    /// This copy's clone of the compiled regex; `None` when it could not be
    /// compiled.
    local: Arc<OnceLock<Option<Regex>>>,
}

struct Shared {
    source: String,
    compiled: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// Kept as text until first used.
    pub fn lazy(source: String) -> LazyRegex {
        LazyRegex {
            shared: Arc::new(Shared {
                source,
                compiled: OnceLock::new(),
            }),
            local: Arc::new(OnceLock::new()),
        }
    }

    /// Compiled now, its error reported.
    pub fn eager(source: String) -> Result<LazyRegex, regex::Error> {
        let re = build(&source)?;
        Ok(LazyRegex {
            shared: Arc::new(Shared {
                source,
                compiled: OnceLock::from(Some(re)),
            }),
            local: Arc::new(OnceLock::new()),
        })
    }

    /// A copy that shares this one's match cache too: for a second use of
    /// the same pattern by the same thread, whose search states then need
    /// building only once.
    pub fn share(&self) -> LazyRegex {
        LazyRegex {
            shared: Arc::clone(&self.shared),
            local: Arc::clone(&self.local),
        }
    }

    /// Whether the two share their match cache.
    pub fn shares_cache_with(&self, other: &LazyRegex) -> bool {
        Arc::ptr_eq(&self.local, &other.local)
    }

    /// The pattern, as the compiled regex would give it (compiling nothing).
    pub fn as_str(&self) -> &str {
        &self.shared.source
    }

    /// The compiled regex, `None` if the pattern does not compile (only a
    /// lazy one can fail so: a lexicon merged from checked parts whose
    /// merged alternation grows too large).
    pub fn get(&self) -> Option<&Regex> {
        self.local
            .get_or_init(|| {
                self.shared
                    .compiled
                    .get_or_init(|| build(&self.shared.source).ok())
                    .clone()
            })
            .as_ref()
    }
}

/// The regex, or one that matches nothing when the pattern does not
/// compile: a pattern that cannot run finds nothing, as if it were absent.
impl Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        match self.get() {
            Some(re) => re,
            None => never(),
        }
    }
}

/// A regex that matches no text.
pub fn never() -> &'static Regex {
    static NEVER: OnceLock<Regex> = OnceLock::new();
    NEVER.get_or_init(|| {
        // An empty class: a constant pattern the tests compile.
        Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("an empty class compiles"))
    })
}

impl Clone for LazyRegex {
    /// Shares the compiled program; the copy gets its own match cache.
    fn clone(&self) -> LazyRegex {
        LazyRegex {
            shared: Arc::clone(&self.shared),
            local: Arc::new(OnceLock::new()),
        }
    }
}

impl fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LazyRegex").field(&self.as_str()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_matches_nothing() {
        let re = never();
        for t in ["", "a", "\n", "互通", " \t"] {
            assert!(!re.is_match(t), "{t:?}");
        }
    }

    #[test]
    fn lazy_and_eager_match_alike_and_copies_share_the_program() {
        let lazy = LazyRegex::lazy("互(通|联)".into());
        let eager = LazyRegex::eager("互(通|联)".into()).unwrap();
        assert_eq!(lazy.as_str(), "互(通|联)");
        assert!(lazy.shared.compiled.get().is_none());
        let copy = lazy.clone();
        assert!(copy.is_match("实现互联"));
        assert!(lazy.shared.compiled.get().is_some());
        assert!(lazy.is_match("互通") && eager.is_match("互通"));
        assert!(!lazy.is_match("互助") && !eager.is_match("互助"));
        // A shared copy holds the same clone; a plain copy a clone of its own.
        let shared = lazy.share();
        assert!(std::ptr::eq(shared.get().unwrap(), lazy.get().unwrap()));
        assert!(!std::ptr::eq(copy.get().unwrap(), lazy.get().unwrap()));
    }

    #[test]
    fn a_pattern_that_does_not_compile_matches_nothing() {
        assert!(LazyRegex::eager("(".into()).is_err());
        let bad = LazyRegex::lazy("(".into());
        assert!(bad.get().is_none());
        assert!(!bad.is_match("("));
    }
}
