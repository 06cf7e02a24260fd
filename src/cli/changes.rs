//! `hutong changes`: what the articles published up to one day knew,
//! against those published up to a later day.

use super::timeline::GraphInputs;
use super::Outcome;
use crate::query::{changes, parse_date_arg};
use crate::render;
use clap::{Args, ValueEnum};
use std::io::Write;

#[derive(Args, Debug, Clone)]
pub struct ChangesArgs {
    #[command(flatten)]
    pub input: GraphInputs,
    /// What was known on this day (articles published up to its end).
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// Against what was known on this day.
    #[arg(long, value_name = "DATE")]
    pub to: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ChangesFormat::Text)]
    pub format: ChangesFormat,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangesFormat {
    Text,
    Md,
    Json,
}

/// Entry point of `hutong changes`.
pub fn run(args: &ChangesArgs) -> anyhow::Result<Outcome> {
    let from = parse_date_arg("--from", &args.from)?;
    let to = parse_date_arg("--to", &args.to)?;
    if to.end < from.end {
        anyhow::bail!("--to {} is before --from {}", args.to, args.from);
    }
    let (lex, xs, outcome) = args.input.load()?;
    let c = changes(&xs, &from, &to);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        ChangesFormat::Text => out.write_all(render::tables::changes_text(&c, &lex).as_bytes())?,
        ChangesFormat::Md => {
            out.write_all(render::tables::changes_markdown(&c, &lex).as_bytes())?
        }
        ChangesFormat::Json => render::json::write_json(&mut out, &c)?,
    }
    out.flush()?;
    Ok(outcome)
}
