//! The `hutong` command: parses arguments and calls the library.

use clap::{Parser, Subcommand};
use hutong::cli::{self, Outcome};
use std::process::ExitCode;

/// Track the opening-up of China's walled gardens (互联互通) as dated,
/// sourced facts: which platform gained which capability from whom, when,
/// and says who.
#[derive(Parser, Debug)]
#[command(name = "hutong", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract entities, temporal expressions and facts from articles.
    Extract(cli::extract::ExtractArgs),
    /// Tag temporal expressions in a text.
    Timex(cli::timex::TimexArgs),
    /// Score predictions or articles against gold annotations.
    Eval(cli::eval::EvalArgs),
    /// Merge facts across articles into one timeline.
    Timeline(cli::timeline::TimelineArgs),
    /// Which platform has which capability from whom, since when.
    Query(cli::query::QueryArgs),
    /// What changed between what was known on two days.
    Changes(cli::changes::ChangesArgs),
    /// Write a timeline report with charts (Markdown, HTML, SVG, PNG).
    Report(cli::report::ReportArgs),
    /// Fetch RSS/Atom feeds and archive each new item as an article file.
    Pull(cli::pull::PullArgs),
}

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match &args.command {
        Command::Extract(a) => cli::extract::run(a),
        Command::Timex(a) => cli::timex::run(a),
        Command::Eval(a) => cli::eval::run(a),
        Command::Timeline(a) => cli::timeline::run(a),
        Command::Query(a) => cli::query::run(a),
        Command::Changes(a) => cli::changes::run(a),
        Command::Report(a) => cli::report::run(a),
        Command::Pull(a) => cli::pull::run(a),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::SomeFailed) => ExitCode::from(1),
        Err(e) => {
            // A closed pipe (`hutong extract … | head`) is not an error.
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("hutong: {e:#}");
            ExitCode::from(2)
        }
    }
}
