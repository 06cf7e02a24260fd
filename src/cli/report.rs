//! `hutong report`: articles in, a timeline report out (report.md,
//! report.html, timeline.svg/.png, capabilities.svg/.png).

use super::{extract_inputs, progress, InputArgs, Outcome};
use crate::model::Extraction;
use crate::render::report::{self, Labels, Report, ReportOptions};
use anyhow::{bail, Context};
use chrono::NaiveDate;
use clap::Args;
use std::io::BufRead;
use std::path::{Path, PathBuf};

#[derive(Args, Debug, Clone)]
pub struct ReportArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Directory the report is written to (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Read extractions from this JSON Lines file (`hutong extract` output)
    /// instead of, or besides, extracting PATHs.
    #[arg(long, value_name = "FILE")]
    pub from_jsonl: Option<PathBuf>,
    /// Leave out milestones dated before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<NaiveDate>,
    /// Title of the report.
    #[arg(long)]
    pub title: Option<String>,
}

/// Read `hutong extract --format jsonl` output.
pub fn read_jsonl(path: &Path) -> anyhow::Result<Vec<Extraction>> {
    let f =
        std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}: cannot read", path.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let x: Extraction = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not an extraction", path.display(), n + 1))?;
        out.push(x);
    }
    Ok(out)
}

/// Entry point of `hutong report`.
pub fn run(args: &ReportArgs) -> anyhow::Result<Outcome> {
    if args.inputs.paths.is_empty() && args.from_jsonl.is_none() {
        bail!("report: give articles (PATH...) or --from-jsonl FILE");
    }
    let lex = args.inputs.load_lexicon()?;
    let mut extractions = match &args.from_jsonl {
        Some(p) => read_jsonl(p)?,
        None => Vec::new(),
    };
    let mut outcome = Outcome::Ok;
    if !args.inputs.paths.is_empty() {
        let (mut xs, o) = extract_inputs(&args.inputs, &lex, false);
        extractions.append(&mut xs);
        outcome = o;
    }
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
