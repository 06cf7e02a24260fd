//! The subcommands: each file holds its arguments (clap derive) and its entry
//! point; `main.rs` only dispatches and maps the outcome to an exit status.

pub mod extract;
pub mod pull;
pub mod timex;

use crate::lexicon::Lexicon;
use crate::model::{Article, Extraction};
use crate::read::{self, Limits};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;

/// How a subcommand ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything read and written.
    Ok,
    /// Some inputs failed; the rest were processed.
    SomeFailed,
}

/// Inputs shared by every subcommand that reads articles.
#[derive(Args, Debug, Clone, Default)]
pub struct InputArgs {
    /// Articles: files, directories (recursed in sorted order) or `-` for
    /// standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Replace the built-in lexicon with this YAML file.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Extend the lexicon (built-in or --lexicon) with this YAML file.
    #[arg(long, value_name = "FILE")]
    pub lexicon_extra: Option<PathBuf>,
    /// Largest input file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_file_bytes)]
    pub max_file_bytes: u64,
    /// Deepest HTML element nesting walked.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_depth)]
    pub max_depth: usize,
}

impl InputArgs {
    pub fn limits(&self) -> Limits {
        Limits {
            max_file_bytes: self.max_file_bytes,
            max_depth: self.max_depth,
        }
    }

    /// Load the lexicon the flags ask for.
    pub fn load_lexicon(&self) -> anyhow::Result<Lexicon> {
        use anyhow::Context;
        let mut lex = match &self.lexicon {
            Some(p) => {
                let y = std::fs::read_to_string(p)
                    .with_context(|| format!("{}: cannot read lexicon", p.display()))?;
                Lexicon::from_yaml(&y).with_context(|| format!("{}", p.display()))?
            }
            None => Lexicon::builtin(),
        };
        if let Some(p) = &self.lexicon_extra {
            let y = std::fs::read_to_string(p)
                .with_context(|| format!("{}: cannot read lexicon", p.display()))?;
            let extra = Lexicon::from_yaml(&y).with_context(|| format!("{}", p.display()))?;
            lex = lex
                .extend(extra)
                .with_context(|| format!("{}", p.display()))?;
        }
        Ok(lex)
    }
}

/// Print an input error the way every subcommand does.
pub fn report_error(e: &dyn std::fmt::Display) {
    eprintln!("hutong: {e}");
}

/// A progress bar on standard error, hidden when it is not a terminal.
pub fn progress(len: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    if !std::io::stderr().is_terminal() || len < 2 {
        pb.set_draw_target(ProgressDrawTarget::hidden());
    }
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} ({per_sec}, {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_message(what.to_string());
    pb
}

/// Read and extract every input in parallel (one document per task: the
/// HTML tree is not `Send`). Errors are printed as they come, naming the
/// file; the result keeps input order.
pub fn extract_inputs(
    inputs: &InputArgs,
    lex: &Lexicon,
    with_text: bool,
) -> (Vec<Extraction>, Outcome) {
    let limits = inputs.limits();
    let files = read::collect_inputs(&inputs.paths);
    let pb = progress(files.len() as u64, "extracting");
    let results: Vec<Result<Vec<Extraction>, String>> = files
        .par_iter()
        .map(|f| {
            let r = match f {
                Ok(path) => read::read_path(path, &limits)
                    .map(|arts: Vec<Article>| {
                        arts.iter()
                            .map(|a| crate::pipeline::extract(lex, a, with_text))
                            .collect()
                    })
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            pb.inc(1);
            r
        })
        .collect();
    pb.finish_and_clear();
    let mut out = Vec::new();
    let mut outcome = Outcome::Ok;
    for r in results {
        match r {
            Ok(mut v) => out.append(&mut v),
            Err(e) => {
                report_error(&e);
                outcome = Outcome::SomeFailed;
            }
        }
    }
    (out, outcome)
}
