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
    /// Fetch RSS/Atom feeds and archive each new item as an article file.
    Pull(cli::pull::PullArgs),
}

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match &args.command {
        Command::Extract(a) => cli::extract::run(a),
        Command::Timex(a) => cli::timex::run(a),
        Command::Pull(a) => cli::pull::run(a),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::SomeFailed) => ExitCode::from(1),
        Err(e) => {
            // A closed pipe (`hutong extract … | head`) is not an error.
            if e
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("hutong: {e:#}");
            ExitCode::from(2)
        }
    }
}
