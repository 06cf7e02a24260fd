//! `hutong extract`: per article, the entities, temporal expressions and
//! facts it states.

use super::{extract_inputs, InputArgs, Outcome};
use crate::model::Extraction;
use clap::{Args, ValueEnum};
use std::io::Write;

#[derive(Args, Debug, Clone)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    /// Include the paragraphs and sentences of the text model.
    #[arg(long)]
    pub text: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtractFormat {
    /// One JSON object per article (the fields of GOLD.md).
    Jsonl,
    /// A readable summary.
    Text,
}

/// Entry point of `hutong extract`.
pub fn run(args: &ExtractArgs) -> anyhow::Result<Outcome> {
    let lex = args.inputs.load_lexicon()?;
    let (extractions, outcome) = extract_inputs(&args.inputs, &lex, args.text);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for x in &extractions {
        match args.format {
            ExtractFormat::Jsonl => {
                serde_json::to_writer(&mut out, x)?;
                writeln!(out)?;
            }
            ExtractFormat::Text => write_text(&mut out, x)?,
        }
    }
    out.flush()?;
    Ok(outcome)
}

fn write_text(out: &mut impl Write, x: &Extraction) -> std::io::Result<()> {
    writeln!(out, "== {} ({})", x.article, x.published.as_deref().unwrap_or("no date"))?;
    writeln!(out, "   {}", x.title)?;
    writeln!(
        out,
        "   relevant: {} (score {:.2}{}{})",
        x.relevant,
        x.relevance.score,
        if x.relevance.reasons.is_empty() { "" } else { "; " },
        x.relevance.reasons.join("; ")
    )?;
    writeln!(out, "   entities: {}", x.entities.join(", "))?;
    for t in &x.timexes {
        let m = t
            .modifier
            .map(|m| format!(" {m:?}").to_uppercase())
            .unwrap_or_default();
        writeln!(out, "   time  {:<16} {}{}", t.text, t.value, m)?;
    }
    for e in &x.events {
        writeln!(
            out,
            "   fact  {:<10} {} {} {}{} [{}]",
            e.when,
            e.subject,
            e.capability,
            e.object.as_deref().unwrap_or("*"),
            e.scope.as_deref().map(|s| format!(" ({s})")).unwrap_or_default(),
            e.status
        )?;
        if let Some(ev) = &e.evidence {
            writeln!(out, "          「{}」", ev.quote)?;
        }
    }
    if let Some(t) = &x.text {
        for p in &t.paragraphs {
            writeln!(out, "   ¶{} {}", p.id, p.text)?;
        }
    }
    Ok(())
}
