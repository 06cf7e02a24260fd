//! `hutong eval`: the shared scorer's figures for a set of predictions, or
//! for articles extracted on the spot.

use super::{extract_inputs, InputArgs, Outcome};
use crate::eval;
use anyhow::bail;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug, Clone)]
pub struct EvalArgs {
    /// Folder of gold annotations (`*.yaml`, and `timeline.yaml` for the
    /// merged timeline).
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,
    /// Predictions to score (`extract --format jsonl` output) instead of
    /// extracting articles.
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    pub pred: Option<PathBuf>,
    /// A merged timeline (`timeline --format json` output) to score against
    /// the gold folder's `timeline.yaml`.
    #[arg(long, value_name = "FILE")]
    pub timeline: Option<PathBuf>,
    /// Print one JSON object instead of one line per figure.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub inputs: InputArgs,
}

/// Entry point of `hutong eval`.
pub fn run(args: &EvalArgs) -> anyhow::Result<Outcome> {
    let gold = eval::load_gold(&args.gold)?;
    let (preds, outcome) = match &args.pred {
        Some(p) => (eval::load_pred(p)?, Outcome::Ok),
        None if args.inputs.paths.is_empty() => {
            bail!("give the predictions (--pred FILE) or the articles to extract")
        }
        None => {
            let lex = args.inputs.load_lexicon()?;
            let (xs, outcome) = extract_inputs(&args.inputs, &lex, false);
            let preds = xs
                .iter()
                .map(serde_json::to_value)
                .collect::<Result<Vec<_>, _>>()?;
            (preds, outcome)
        }
    };
    let timeline = match &args.timeline {
        Some(t) => Some(eval::load_timeline(t)?),
        None => None,
    };
    let report = eval::score(&gold, &preds, timeline.as_deref());
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        writeln!(out, "{}", report.to_json())?;
    } else {
        write!(out, "{}", report.to_text())?;
    }
    out.flush()?;
    Ok(outcome)
}
