//! The `rasd` binary: Arabic conflict news in, an auditable event database out.
//!
//! Exit status: 0 when everything was processed, 2 when some input was rejected (each
//! rejection is listed on stderr), 1 on a fatal error (bad arguments, an unreadable file the
//! run depends on, a failed write).

mod commands;
mod logging;
mod progress;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// rasd: Arabic news about armed conflict → an auditable, geolocated event database.
#[derive(Debug, Parser)]
#[command(name = "rasd", version, propagate_version = true, after_help = EXIT_STATUS)]
struct Cli {
    /// More log output on stderr (-v info, -vv debug, -vvv trace). RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    /// Less output on stderr (-q errors only and no summary, -qq nothing but rejections).
    #[arg(short, long, action = clap::ArgAction::Count, global = true, conflicts_with = "verbose")]
    quiet: u8,
    #[command(subcommand)]
    command: Command,
}

const EXIT_STATUS: &str =
    "Exit status: 0 success; 2 some input was rejected (listed on stderr); 1 fatal error.";

#[derive(Debug, Subcommand)]
enum Command {
    /// Read, clean, extract, store and merge documents into the event database (files,
    /// directories, `-` for stdin; .gz/.zst too).
    Ingest(commands::ingest::IngestArgs),
    /// List or export the database's merged events (table, JSON Lines, ACLED CSV, GeoJSON).
    Events(commands::events::EventsArgs),
    /// Search the stored documents (Arabic full text).
    Search(commands::search::SearchArgs),
    /// Print the database's change feed.
    Changes(commands::search::ChangesArgs),
    /// Extract events (JSON Lines, or a table) from documents.
    Extract(commands::extract::ExtractArgs),
    /// Score extraction against gold events (the reference scorer's figures).
    Eval(commands::eval::EvalArgs),
    /// Print the display form and the match key of a text (stdin, or --text).
    Normalize(commands::normalize::NormalizeArgs),
    /// Serve the JSON API and the web app over an event database.
    Serve(commands::serve::ServeArgs),
}

/// What a command tells `main` about how it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was processed.
    Success,
    /// Some input was rejected; the rest was processed.
    Rejections,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::Rejections => ExitCode::from(2),
        }
    }
}

/// Global options commands need.
#[derive(Debug, Clone, Copy)]
pub struct Globals {
    pub quiet: u8,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            // --help and --version are not errors; usage errors are fatal (1), keeping 2 for
            // "some input was rejected".
            return if e.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    logging::init(cli.verbose, cli.quiet);
    let globals = Globals { quiet: cli.quiet };
    let result = match cli.command {
        Command::Ingest(args) => commands::ingest::run(args, globals),
        Command::Events(args) => commands::events::run(args, globals),
        Command::Search(args) => commands::search::run_search(args),
        Command::Changes(args) => commands::search::run_changes(args),
        Command::Extract(args) => commands::extract::run(args, globals),
        Command::Eval(args) => commands::eval::run(args, globals),
        Command::Normalize(args) => commands::normalize::run(args),
        Command::Serve(args) => commands::serve::run(args),
    };
    match result {
        Ok(outcome) => outcome.into(),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}
