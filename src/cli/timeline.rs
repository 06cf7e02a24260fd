//! `hutong timeline`: the merged timeline of a set of articles (or of
//! `extract` output), as text, Markdown, JSON, TimelineJS, DOT or GraphML.

use super::{extract_inputs, report_error, InputArgs, Outcome};
use crate::graph::{read_jsonl, Timeline};
use crate::lexicon::Lexicon;
use crate::model::Extraction;
use crate::render;
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::io::{Read, Write};
use std::path::PathBuf;

/// Inputs of the commands that work on the timeline: articles, and/or
/// extractions already made.
#[derive(Args, Debug, Clone, Default)]
pub struct GraphInputs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Read `extract --format jsonl` output instead of (or besides) articles;
    /// several files merge as one (`-` for standard input).
    #[arg(long = "from-jsonl", value_name = "FILE", num_args = 1..)]
    pub from_jsonl: Vec<PathBuf>,
}

impl GraphInputs {
    /// The lexicon and every extraction: articles are extracted, JSON lines
    /// read. Unreadable files and lines are reported, naming them, and left
    /// out; the outcome says so.
    pub fn load(&self) -> anyhow::Result<(Lexicon, Vec<Extraction>, Outcome)> {
        if self.inputs.paths.is_empty() && self.from_jsonl.is_empty() {
            anyhow::bail!("no input: give article PATHs or --from-jsonl FILE");
        }
        let lex = self.inputs.load_lexicon()?;
        let (mut xs, mut outcome) = if self.inputs.paths.is_empty() {
            (Vec::new(), Outcome::Ok)
        } else {
            extract_inputs(&self.inputs, &lex, false)
        };
        for p in &self.from_jsonl {
            let name = p.display().to_string();
            let text = if p.as_os_str() == "-" {
                let mut s = String::new();
                std::io::stdin()
                    .read_to_string(&mut s)
                    .context("standard input")
                    .map(|_| s)
            } else {
                std::fs::read(p)
                    .with_context(|| name.clone())
                    .and_then(|b| {
                        String::from_utf8(b).with_context(|| format!("{name}: not UTF-8"))
                    })
            };
            let text = match text {
                Ok(t) => t,
                Err(e) => {
                    report_error(&format!("{e:#}"));
                    outcome = Outcome::SomeFailed;
                    continue;
                }
            };
            for r in read_jsonl(&text, &name) {
                match r {
                    Ok(x) => xs.push(x),
                    Err(e) => {
                        report_error(&e);
                        outcome = Outcome::SomeFailed;
                    }
                }
            }
        }
        Ok((lex, xs, outcome))
    }
}

#[derive(Args, Debug, Clone)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub input: GraphInputs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TimelineFormat::Text)]
    pub format: TimelineFormat,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineFormat {
    /// One line per fact, with its evidence.
    Text,
    /// A Markdown table.
    Md,
    /// The JSON array of GOLD.md (with evidence and conflict flags).
    Json,
    /// Knight Lab TimelineJS JSON.
    Timelinejs,
    /// Graphviz DOT of the whole graph.
    Dot,
    /// GraphML of the whole graph (Gephi, yEd).
    Graphml,
}

/// Entry point of `hutong timeline`.
pub fn run(args: &TimelineArgs) -> anyhow::Result<Outcome> {
    let (lex, xs, outcome) = args.input.load()?;
    let t = Timeline::build(&xs);
    if t.facts().next().is_none() {
        eprintln!("hutong: no facts in {} articles", xs.len());
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        TimelineFormat::Text => {
            out.write_all(render::tables::timeline_text(&t.rows(), &lex).as_bytes())?
        }
        TimelineFormat::Md => {
            out.write_all(render::tables::timeline_markdown(&t.rows(), &lex).as_bytes())?
        }
        TimelineFormat::Json => render::json::write_json(&mut out, &t.rows())?,
        TimelineFormat::Timelinejs => {
            render::json::write_json(&mut out, &render::timelinejs::timelinejs(&t, &lex))?
        }
        TimelineFormat::Dot => out.write_all(render::dot::dot(&t).as_bytes())?,
        TimelineFormat::Graphml => out.write_all(render::graphml::graphml(&t).as_bytes())?,
    }
    out.flush()?;
    Ok(outcome)
}
