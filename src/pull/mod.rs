//! Following the story: fetch feeds over HTTP(S) and keep every new item as
//! one article file in a local archive, which the readers then treat like
//! any other folder of articles.
//!
//! [`fetch`] talks HTTP (timeouts, retries, conditional GET), [`items`]
//! turns a feed into items, [`archive`] decides what is new and writes it.

pub mod archive;
pub mod fetch;
pub mod items;

pub use archive::{Archive, ArchiveError, Stored};
pub use fetch::{FetchConfig, FetchError, Fetcher, Validators};

use serde::Deserialize;
use std::path::Path;

/// One feed to follow.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum FeedEntry {
    Url(String),
    Spec {
        url: String,
        #[serde(default)]
        name: Option<String>,
    },
}

/// A feed to pull: its URL and an optional name of the user's choosing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedSpec {
    pub url: String,
    pub name: Option<String>,
}

impl From<FeedEntry> for FeedSpec {
    fn from(e: FeedEntry) -> Self {
        match e {
            FeedEntry::Url(url) => FeedSpec { url, name: None },
            FeedEntry::Spec { url, name } => FeedSpec { url, name },
        }
    }
}

/// Read a feed list: a YAML sequence of `{url, name?}` mappings (or bare
/// URLs), optionally under a top-level `feeds:` key.
pub fn load_feed_list(path: &Path) -> Result<Vec<FeedSpec>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum List {
        Bare(Vec<FeedEntry>),
        Keyed { feeds: Vec<FeedEntry> },
    }
    let list: List = yaml_serde::from_str(&text).map_err(|e| {
        format!(
            "{}: not a feed list (a YAML list of {{url, name}}): {e}",
            path.display()
        )
    })?;
    let entries = match list {
        List::Bare(v) | List::Keyed { feeds: v } => v,
    };
    let specs: Vec<FeedSpec> = entries.into_iter().map(FeedSpec::from).collect();
    if let Some(bad) = specs.iter().find(|s| s.url.trim().is_empty()) {
        return Err(format!(
            "{}: a feed has an empty url{}",
            path.display(),
            bad.name
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        ));
    }
    Ok(specs)
}

/// What one feed gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedSummary {
    /// The server answered 304.
    pub not_modified: bool,
    /// Items in the feed.
    pub items: usize,
    pub new: Vec<String>,
    pub revised: Vec<String>,
    /// Items whose content was already archived.
    pub unchanged: usize,
}

/// Why one feed failed.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("{0}")]
    Malformed(String),
    #[error(transparent)]
    Archive(#[from] ArchiveError),
}

/// The outcome of pulling one feed.
#[derive(Debug)]
pub struct FeedReport {
    pub feed: FeedSpec,
    pub result: Result<FeedSummary, FeedError>,
}

/// The outcome of a pull.
#[derive(Debug)]
pub struct PullReport {
    pub feeds: Vec<FeedReport>,
    /// Problems with single archive files found while opening it.
    pub warnings: Vec<String>,
}

impl PullReport {
    pub fn failed(&self) -> usize {
        self.feeds.iter().filter(|f| f.result.is_err()).count()
    }
}

/// How many feeds are fetched at once: enough to hide network latency,
/// few enough to be polite to a single host serving many routes.
const PARALLEL_FETCHES: usize = 8;

/// Pull every feed into the archive in `dir`. A failing feed is reported
/// in its [`FeedReport`] and the others go on; only an archive that cannot
/// be opened or its state saved is an error for the whole pull.
pub fn pull(feeds: &[FeedSpec], dir: &Path, cfg: &FetchConfig) -> Result<PullReport, ArchiveError> {
    let (mut archive, warnings) = Archive::open(dir)?;
    let fetcher = Fetcher::new(cfg.clone());
    let mut reports = Vec::with_capacity(feeds.len());
    for chunk in feeds.chunks(PARALLEL_FETCHES) {
        let fetched: Vec<Result<fetch::Fetched, FetchError>> = std::thread::scope(|s| {
            let handles: Vec<_> = chunk
                .iter()
                .map(|f| {
                    let validators = archive.validators(&f.url);
                    let fetcher = &fetcher;
                    s.spawn(move || fetcher.fetch(&f.url, &validators))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(FetchError::Transport {
                            message: "the fetch crashed".into(),
                            attempts: 1,
                        })
                    })
                })
                .collect()
        });
        // Articles are written one feed at a time, in the order given, so
        // file names and revisions do not depend on network timing.
        for (spec, got) in chunk.iter().zip(fetched) {
            let result = ingest(&mut archive, spec, got);
            reports.push(FeedReport {
                feed: spec.clone(),
                result,
            });
        }
    }
    archive.save()?;
    Ok(PullReport {
        feeds: reports,
        warnings,
    })
}

fn ingest(
    archive: &mut Archive,
    spec: &FeedSpec,
    got: Result<fetch::Fetched, FetchError>,
) -> Result<FeedSummary, FeedError> {
    let (bytes, validators) = match got? {
        fetch::Fetched::NotModified => {
            archive.set_feed(&spec.url, None, None);
            return Ok(FeedSummary {
                not_modified: true,
                ..Default::default()
            });
        }
        fetch::Fetched::Body { bytes, validators } => (bytes, validators),
    };
    let feed = items::parse(&bytes).map_err(FeedError::Malformed)?;
    let source = feed
        .title
        .clone()
        .or_else(|| spec.name.clone())
        .unwrap_or_else(|| spec.url.clone());
    let mut summary = FeedSummary {
        items: feed.items.len(),
        ..Default::default()
    };
    for item in &feed.items {
        match archive.store(item, &source)? {
            Stored::New(f) => summary.new.push(f),
            Stored::Revised(f) => summary.revised.push(f),
            Stored::Unchanged => summary.unchanged += 1,
        }
    }
    // Only now, with every item on disk, may the feed's validators move on:
    // a feed whose items failed to write is fetched in full next time.
    archive.set_feed(&spec.url, Some(validators), feed.title);
    Ok(summary)
}
