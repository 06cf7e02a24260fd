//! The subcommands: each file holds its arguments (clap derive) and its entry
//! point; `main.rs` only dispatches and maps the outcome to an exit status.

pub mod changes;
pub mod eval;
pub mod extract;
pub mod pull;
pub mod query;
pub mod report;
pub mod timeline;
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
#[derive(Args, Debug, Clone)]
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
    /// Keep extractions in this cache folder (e.g. ARCHIVE/.hutong-cache) so
    /// that later runs only read new or changed articles.
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
}

impl Default for InputArgs {
    /// No paths, the built-in lexicon and the default limits (a derived
    /// default would set every limit to zero).
    fn default() -> Self {
        let limits = Limits::default();
        InputArgs {
            paths: Vec::new(),
            lexicon: None,
            lexicon_extra: None,
            max_file_bytes: limits.max_file_bytes,
            max_depth: limits.max_depth,
            cache: None,
        }
    }
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

/// Read and extract every input in parallel and collect the results in
/// input order. See [`for_each_extraction`] for the streaming form.
pub fn extract_inputs(
    inputs: &InputArgs,
    lex: &Lexicon,
    with_text: bool,
) -> (Vec<Extraction>, Outcome) {
    let mut out = Vec::new();
    let outcome = for_each_extraction(inputs, lex, with_text, |x| {
        out.push(x);
        Ok(())
    });
    match outcome {
        Ok(o) => (out, o),
        Err(_) => (out, Outcome::SomeFailed),
    }
}

/// How many files are extracted in parallel before their results are handed
/// on: enough to keep every core busy, few enough that memory does not grow
/// with the corpus.
const CHUNK_FILES: usize = 512;

/// Read and extract every input in parallel (one document per task: the
/// HTML tree is not `Send`), handing each extraction to `sink` in input order
/// as soon as its chunk is done, so output streams and memory stays flat.
/// Errors are printed naming the file; an error from `sink` (a closed pipe)
/// stops the run.
pub fn for_each_extraction(
    inputs: &InputArgs,
    lex: &Lexicon,
    with_text: bool,
    mut sink: impl FnMut(Extraction) -> std::io::Result<()>,
) -> std::io::Result<Outcome> {
    let limits = inputs.limits();
    // The cache stores extractions without the text model.
    if let (Some(dir), false) = (&inputs.cache, with_text) {
        let fp = crate::cache::lexicon_fingerprint(
            inputs.lexicon.as_deref(),
            inputs.lexicon_extra.as_deref(),
        )?;
        let mut outcome = Outcome::Ok;
        crate::cache::for_each_cached(&inputs.paths, dir, lex, &fp, &limits, |r| match r {
            Ok(x) => sink(x),
            Err(e) => {
                report_error(&e);
                outcome = Outcome::SomeFailed;
                Ok(())
            }
        })?;
        return Ok(outcome);
    }
    let files = read::collect_inputs(&inputs.paths);
    let pb = progress(files.len() as u64, "extracting");
    let mut outcome = Outcome::Ok;
    let forks: Vec<Lexicon> = (0..rayon::current_num_threads())
        .map(|_| lex.fork())
        .collect();
    // One result per article: a partly bad file (a JSON Lines file with a
    // broken line) still gives its good articles.
    let run = |chunk: &[Result<PathBuf, read::ReadError>]| -> Vec<Vec<Result<Extraction, String>>> {
        chunk
            .par_iter()
            .map(|f| {
                let lex = rayon::current_thread_index()
                    .and_then(|i| forks.get(i))
                    .unwrap_or(lex);
                let r = match f {
                    Ok(path) => read::read_path_each(path, &limits)
                        .into_iter()
                        .map(|a: Result<Article, _>| {
                            a.map(|a| crate::pipeline::extract(lex, &a, with_text))
                                .map_err(|e| e.to_string())
                        })
                        .collect(),
                    Err(e) => vec![Err(e.to_string())],
                };
                pb.inc(1);
                r
            })
            .collect()
    };
    let mut chunks = files.chunks(CHUNK_FILES);
    let mut next = chunks.next().map(run);
    while let Some(results) = next.take() {
        // The next chunk is extracted while this one is written, so the
        // workers do not wait on the sink.
        let upcoming = chunks.next();
        let written = std::thread::scope(|s| {
            let worker = upcoming.map(|c| s.spawn(|| run(c)));
            let mut written = Ok(());
            for r in results.into_iter().flatten() {
                match r {
                    Ok(x) => {
                        if let Err(e) = sink(x) {
                            written = Err(e);
                            break;
                        }
                    }
                    Err(e) => {
                        report_error(&e);
                        outcome = Outcome::SomeFailed;
                    }
                }
            }
            next = worker.map(|w| match w.join() {
                Ok(v) => v,
                Err(panic) => std::panic::resume_unwind(panic),
            });
            written
        });
        written?;
    }
    pb.finish_and_clear();
    Ok(outcome)
}
