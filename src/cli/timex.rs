//! `hutong timex`: tag temporal expressions in text given on the command line
//! or standard input.

use super::Outcome;
use clap::{Args, ValueEnum};
use std::io::{Read, Write};

#[derive(Args, Debug, Clone)]
pub struct TimexArgs {
    /// Text to tag; standard input when none is given.
    pub text: Vec<String>,
    /// Reference time (publication time), Beijing time unless a zone is given.
    #[arg(long = "ref", value_name = "DATETIME")]
    pub reference: Option<String>,
    #[arg(long, value_enum, default_value_t = TimexFormat::Text)]
    pub format: TimexFormat,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimexFormat {
    Text,
    Json,
}

/// Entry point of `hutong timex`.
pub fn run(args: &TimexArgs) -> anyhow::Result<Outcome> {
    let reference = match &args.reference {
        Some(r) => Some(
            crate::read::date::parse_date(r)
                .ok_or_else(|| anyhow::anyhow!("--ref {r:?} is not a date"))?
                .naive_local(),
        ),
        None => None,
    };
    let text = if args.text.is_empty() {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| anyhow::anyhow!("standard input: {e}"))?;
        s
    } else {
        args.text.join("\n")
    };
    let (norm, _) = crate::text::normalize(&text);
    let tags = crate::time::tag(&norm, reference);
    let mut out = std::io::stdout().lock();
    match args.format {
        TimexFormat::Json => {
            serde_json::to_writer(&mut out, &tags)?;
            writeln!(out)?;
        }
        TimexFormat::Text => {
            for t in &tags {
                let m = t
                    .modifier
                    .map(|m| format!("{m:?}").to_uppercase())
                    .unwrap_or_default();
                let kind = format!("{:?}", t.kind).to_uppercase();
                writeln!(
                    out,
                    "{}..{}\t{}\t{}\t{}\t{}",
                    t.span.start, t.span.end, t.text, kind, t.value, m
                )?;
            }
        }
    }
    Ok(Outcome::Ok)
}
