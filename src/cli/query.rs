//! `hutong query`: which platform has which capability from whom, since
//! when, and says who. One row per capability with its status now.

use super::timeline::GraphInputs;
use super::Outcome;
use crate::query::{self, parse_date_arg, resolve_entity, Filter};
use crate::render;
use clap::{Args, ValueEnum};
use std::io::Write;

#[derive(Args, Debug, Clone)]
pub struct QueryArgs {
    #[command(flatten)]
    pub input: GraphInputs,
    /// The platform that has the capability: an id or any name (`淘宝`).
    #[arg(long, value_name = "ENTITY")]
    pub subject: Option<String>,
    /// The platform it is had with: an id or any name (`微信支付`).
    #[arg(long, value_name = "ENTITY")]
    pub object: Option<String>,
    /// A capability id (`accept_payment`, `open_link`, ...).
    #[arg(long, value_name = "ID")]
    pub capability: Option<String>,
    /// Keep capabilities whose status now is this.
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Keep capabilities stated for this date or later (YYYY[-MM[-DD]]).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// The state as of this date: later statements are left out.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    pub format: QueryFormat,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryFormat {
    /// A readable table.
    Table,
    Json,
    Csv,
}

/// Entry point of `hutong query`.
pub fn run(args: &QueryArgs) -> anyhow::Result<Outcome> {
    let (lex, xs, outcome) = args.input.load()?;
    let known: Vec<String> = xs
        .iter()
        .flat_map(|x| x.events.iter())
        .flat_map(|f| std::iter::once(f.subject.clone()).chain(f.object.clone()))
        .collect();
    let resolve = |flag: &str, v: &Option<String>| {
        v.as_deref()
            .map(|v| resolve_entity(&lex, known.iter().map(String::as_str), flag, v))
            .transpose()
    };
    let filter = Filter {
        subjects: resolve("--subject", &args.subject)?,
        objects: resolve("--object", &args.object)?,
        capability: args.capability.clone(),
        status: args.status.clone(),
        since: args
            .since
            .as_deref()
            .map(|d| parse_date_arg("--since", d))
            .transpose()?,
        until: args
            .until
            .as_deref()
            .map(|d| parse_date_arg("--until", d))
            .transpose()?,
    };
    let states = query::query(&xs, &filter);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        QueryFormat::Table => {
            out.write_all(render::tables::states_table(&states, &lex).as_bytes())?
        }
        QueryFormat::Json => render::json::write_json(&mut out, &states)?,
        QueryFormat::Csv => render::tables::states_csv(&states, &mut out)?,
    }
    out.flush()?;
    Ok(outcome)
}
