//! `hutong report`: articles in, a timeline report out (report.md,
//! report.html, timeline.svg/.png, capabilities.svg/.png).

use super::progress;
use super::timeline::GraphInputs;
use super::Outcome;
use crate::render::report::{self, Labels, Report, ReportOptions};
use chrono::NaiveDate;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug, Clone)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: GraphInputs,
    /// Directory the report is written to (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Leave out milestones dated before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<NaiveDate>,
    /// Title of the report.
    #[arg(long)]
    pub title: Option<String>,
}

/// Entry point of `hutong report`.
pub fn run(args: &ReportArgs) -> anyhow::Result<Outcome> {
    let (lex, extractions, outcome) = args.input.load()?;
    let rows = crate::graph::timeline(&extractions);
    let opts = ReportOptions {
        since: args.since,
        title: args.title.clone(),
    };
    let report = Report::new(&rows, &extractions, Labels::for_lexicon(&lex), &opts);
    let pb = progress(2, "drawing charts");
    let rendered = report::render(&report)?;
    pb.inc(2);
    pb.finish_and_clear();
    rendered.write_to(&args.out)?;
    eprintln!(
        "hutong: {} milestones from {} articles -> {}",
        report.milestones.len(),
        extractions.len(),
        args.out.display()
    );
    Ok(outcome)
}
