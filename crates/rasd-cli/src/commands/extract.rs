//! `rasd extract`: documents in, events out (JSON Lines in the record of GUIDELINES §7, or a
//! readable table).

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use rasd_core::{Document, Event};
use rasd_extract::{Extractor, Stats};
use rayon::prelude::*;

use super::input::InputArgs;
use super::setup::ExtractOptions;
use crate::progress::Progress;
use crate::{Globals, Outcome};

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 success; 2 some input was rejected (listed on stderr); 1 fatal error."
)]
pub struct ExtractArgs {
    /// Files, directories, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output: JSON Lines (one event per line) or a table for reading.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub format: OutputFormat,
    /// Print what extraction dropped and why (on stderr).
    #[arg(long)]
    pub stats: bool,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub extract: ExtractOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Jsonl,
    Table,
}

/// Documents are extracted in parallel, this many at a time, in input order.
const BATCH: usize = 64;

/// Runs ingestion and extraction over `paths`, handing each document's events to `emit` in
/// input order. Returns the extraction stats and whether anything was rejected.
pub fn extract_all(
    paths: &[PathBuf],
    input: &InputArgs,
    extractor: &Extractor,
    globals: Globals,
    mut emit: impl FnMut(&Document, Vec<Event>) -> Result<()>,
) -> Result<(Stats, bool)> {
    let ingestor = input.ingestor()?;
    let mut docs = ingestor.documents(InputArgs::inputs(paths));
    let mut progress = Progress::new(globals.quiet > 0);
    let mut stats = Stats::default();
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<Document>, stats: &mut Stats| -> Result<()> {
        let results: Vec<_> = batch.par_iter().map(|d| extractor.extract(d)).collect();
        for (doc, r) in batch.iter().zip(results) {
            stats.add(&r.stats);
            emit(doc, r.events)?;
        }
        batch.clear();
        Ok(())
    };
    for result in docs.by_ref() {
        progress.tick();
        match result {
            Ok(mut doc) => {
                input.date(&mut doc);
                batch.push(doc);
                if batch.len() == BATCH {
                    flush(&mut batch, &mut stats)?;
                }
            }
            Err(e) => progress.println(&format!("rejected: {e}")),
        }
    }
    flush(&mut batch, &mut stats)?;
    progress.finish();
    Ok((stats, docs.summary().has_rejections()))
}

pub fn run(args: ExtractArgs, globals: Globals) -> Result<Outcome> {
    let extractor = args.extract.extractor()?;
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    if args.format == OutputFormat::Table {
        writeln!(out, "{}", table_header())?;
    }
    let write = |out: &mut BufWriter<io::StdoutLock<'_>>, events: &[Event]| -> io::Result<()> {
        for e in events {
            match args.format {
                OutputFormat::Jsonl => {
                    serde_json::to_writer(&mut *out, e)?;
                    out.write_all(b"\n")?;
                }
                OutputFormat::Table => writeln!(out, "{}", table_row(e))?,
            }
        }
        Ok(())
    };
    let result = extract_all(
        &args.paths,
        &args.input,
        &extractor,
        globals,
        |_, events| write(&mut out, &events).context("writing events"),
    );
    let (stats, rejected) = match result {
        Ok(r) => r,
        Err(e) if is_broken_pipe(&e) => return Ok(Outcome::Success),
        Err(e) => return Err(e),
    };
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e).context("writing events"),
        _ => {}
    }
    if args.stats && globals.quiet == 0 {
        eprintln!("{}", serde_json::to_string_pretty(&stats)?);
    }
    Ok(if rejected {
        Outcome::Rejections
    } else {
        Outcome::Success
    })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn table_header() -> String {
    format!(
        "{:<28} {:<10} {:<34} {:<22} {:<14} {:<30} {:>4} {:>4}",
        "doc", "date", "sub-event type", "place", "admin1", "actor1 → actor2", "dead", "conf"
    )
}

/// One readable line per event.
pub fn table_row(e: &Event) -> String {
    let date =
        e.date
            .as_ref()
            .map_or_else(String::new, |d| match (d.value, d.relative_days, d.year) {
                (Some(v), _, _) => v.to_string(),
                (None, Some(r), _) => format!("{r:+}d"),
                (None, None, Some(y)) => y.to_string(),
                _ => String::new(),
            });
    let actors = format!(
        "{} → {}",
        e.actor1.as_ref().map_or("?".to_owned(), |a| a.to_string()),
        e.actor2.as_ref().map_or("?".to_owned(), |a| a.to_string())
    );
    let mut sub = e.sub_event_type.to_string();
    if e.background {
        sub.push_str(" (bg)");
    }
    format!(
        "{:<28} {:<10} {:<34} {:<22} {:<14} {:<30} {:>4} {:>4.2}",
        truncate(&e.doc, 28),
        date,
        truncate(&sub, 34),
        truncate(&e.location.name, 22),
        truncate(e.location.admin1.as_deref().unwrap_or(""), 14),
        truncate(&actors, 30),
        e.fatalities.map_or(String::new(), |f| f.to_string()),
        e.confidence
    )
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}
