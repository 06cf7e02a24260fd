//! `hutong pull`: fetch feeds and archive every new item as one article file.

use super::{report_error, Outcome};
use crate::pull::{self, FeedSpec, FetchConfig};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Args, Debug, Clone)]
pub struct PullArgs {
    /// Feed URLs (RSS or Atom, http or https).
    #[arg(value_name = "FEED_URL")]
    pub urls: Vec<String>,
    /// The archive directory the articles are written to.
    #[arg(long, value_name = "DIR")]
    pub into: PathBuf,
    /// A YAML list of feeds to pull as well: `- url: ...` with an optional
    /// `name: ...`.
    #[arg(long, value_name = "FILE")]
    pub feeds: Option<PathBuf>,
    /// Give up on one request after this many milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 30_000)]
    pub timeout_ms: u64,
    /// Retries after a timeout, a connection error or a 5xx answer.
    #[arg(long, value_name = "N", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: u32,
    /// Wait before the first retry, doubled for each further one.
    #[arg(long, value_name = "MS", default_value_t = 500)]
    pub backoff_ms: u64,
    /// Largest feed accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = FetchConfig::default().max_bytes)]
    pub max_feed_bytes: u64,
}

/// Entry point of `hutong pull`.
pub fn run(args: &PullArgs) -> anyhow::Result<Outcome> {
    let mut feeds: Vec<FeedSpec> = args
        .urls
        .iter()
        .map(|u| FeedSpec {
            url: u.clone(),
            name: None,
        })
        .collect();
    if let Some(path) = &args.feeds {
        feeds.extend(pull::load_feed_list(path).map_err(anyhow::Error::msg)?);
    }
    if feeds.is_empty() {
        anyhow::bail!("no feeds: give FEED_URL arguments or --feeds FILE");
    }
    let cfg = FetchConfig {
        timeout: Duration::from_millis(args.timeout_ms.max(1)),
        retries: args.retries,
        backoff: Duration::from_millis(args.backoff_ms),
        max_bytes: args.max_feed_bytes,
    };
    let report = pull::pull(&feeds, &args.into, &cfg)?;
    for w in &report.warnings {
        report_error(w);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for f in &report.feeds {
        let label = match &f.feed.name {
            Some(n) => format!("{} ({n})", f.feed.url),
            None => f.feed.url.clone(),
        };
        match &f.result {
            Ok(s) if s.not_modified => writeln!(out, "{label}: not modified")?,
            Ok(s) => {
                writeln!(
                    out,
                    "{label}: {} items, {} new, {} revised, {} already archived",
                    s.items,
                    s.new.len(),
                    s.revised.len(),
                    s.unchanged
                )?;
                for file in s.new.iter().chain(&s.revised) {
                    writeln!(out, "  {}", args.into.join(file).display())?;
                }
            }
            Err(e) => report_error(&format!("{label}: {e}")),
        }
    }
    out.flush()?;
    Ok(if report.failed() > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}
