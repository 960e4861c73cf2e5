//! `rasd ingest`: read, decode and clean documents, extract their events and store them in
//! the event database, merged (see [`super::pipeline`]). With `--json` the cleaned documents
//! are printed as JSON Lines instead, and with `--no-store` only the cleaning summary.
//!
//! The `--json`/`--no-store` path is a small pipeline: the ingestor's document stream feeds
//! a list of [`Sink`]s (JSON Lines, or nothing when only the summary is wanted).

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use rasd_core::Document;
use rasd_ingest::{DEFAULT_MAX_DOCUMENT_BYTES, Format, IngestConfig, Ingestor, Input, Summary};

use super::db::DbArgs;
use super::setup::ExtractOptions;
use crate::progress::Progress;
use crate::{Globals, Outcome};

/// Arguments of `rasd ingest`.
#[derive(Debug, Args)]
#[command(
    after_help = "Each document is cleaned, its events extracted, and both stored in the \
database (--db, default ./rasd.db; a postgres:// URL for PostgreSQL), where reports of the \
same incident merge into one event. Documents already stored are skipped (re-run safely; an \
interrupted run resumes where it stopped); near-duplicates are linked to their first copy. \
A document with no date gets the ingest time as its collection time (marked \
`collected_at_ingest` in its metadata).\n\nExit status: 0 when every document was ingested; 2 \
when any input, document or record was rejected (each is listed on stderr as \
`rejected: FILE[:LINE]: REASON`); 1 on a fatal error.\n\nDirectories are walked recursively in \
sorted order; hidden entries are skipped, and without --format only files with a known \
extension (.txt .html .htm .jsonl .ndjson .csv, optionally followed by .gz or .zst) are read."
)]
pub struct IngestArgs {
    /// Files, directories, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Read every input as this format instead of going by extension.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// The largest document or record accepted, after decompression (bytes; K, M, G suffixes
    /// allowed).
    #[arg(long, value_name = "BYTES", value_parser = parse_size, default_value_t = DEFAULT_MAX_DOCUMENT_BYTES)]
    pub max_size: u64,
    /// Print the cleaned documents as JSON Lines on stdout (the summary goes to stderr);
    /// nothing is extracted or stored.
    #[arg(long, conflicts_with_all = ["reextract", "show"])]
    pub json: bool,
    /// Only read and clean, and print the summary: nothing is extracted or stored.
    #[arg(long, conflicts_with_all = ["reextract", "show"])]
    pub no_store: bool,
    /// A file of extra interface phrases (same format as the built-in list).
    #[arg(long, value_name = "FILE")]
    pub ui_phrases: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    /// Extract documents already stored again (after a lexicon or gazetteer change) and
    /// replace their reports; event ids stay the same.
    #[arg(long)]
    pub reextract: bool,
    /// Documents per database transaction.
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub batch: usize,
    /// At the end, print the events this run created or changed as a table.
    #[arg(long)]
    pub show: bool,
    /// The collection time given to documents that carry no date (YYYY-MM-DD or an ISO
    /// date-time; default: now, the time of ingestion).
    #[arg(long, value_name = "DATE")]
    pub collected: Option<rasd_core::Timestamp>,
    #[command(flatten)]
    pub extract: ExtractOptions,
}

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Txt,
    Html,
    Jsonl,
    Csv,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Txt => Format::Txt,
            FormatArg::Html => Format::Html,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Csv => Format::Csv,
        }
    }
}

/// Parses `20971520`, `512K`, `20M`, `1G` (binary multiples; a trailing `B` is allowed).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim().to_ascii_uppercase();
    let t = t.strip_suffix('B').unwrap_or(&t);
    let (num, mult) = match t.chars().last() {
        Some('K') => (&t[..t.len() - 1], 1u64 << 10),
        Some('M') => (&t[..t.len() - 1], 1 << 20),
        Some('G') => (&t[..t.len() - 1], 1 << 30),
        _ => (t, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("not a size: {s:?} (expected e.g. 20971520, 512K, 20M)"))
}

/// Where cleaned documents go.
pub trait Sink {
    fn accept(&mut self, doc: &Document) -> Result<()>;
    fn finish(&mut self) -> Result<()>;
}

/// Writes each document as one JSON line.
struct JsonLines<W: Write> {
    out: W,
}

impl<W: Write> Sink for JsonLines<W> {
    fn accept(&mut self, doc: &Document) -> Result<()> {
        serde_json::to_writer(&mut self.out, doc)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// Whether an error is a closed output pipe (`rasd ingest --json | head`).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == io::ErrorKind::BrokenPipe)
    })
}

pub fn run(args: IngestArgs, globals: Globals) -> Result<Outcome> {
    let config = IngestConfig {
        format: args.format.map(Format::from),
        max_document_bytes: args.max_size,
        ui_phrases_file: args.ui_phrases.clone(),
    };
    let ingestor = Ingestor::new(config).context("setting up ingestion")?;
    if !args.json && !args.no_store {
        return super::pipeline::run(&args, &ingestor, globals);
    }
    let mut sinks: Vec<Box<dyn Sink>> = Vec::new();
    if args.json {
        sinks.push(Box::new(JsonLines {
            out: BufWriter::with_capacity(1 << 16, io::stdout().lock()),
        }));
    }
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::from(p.clone())).collect();
    let mut docs = ingestor.documents(inputs);
    let mut progress = Progress::new(globals.quiet > 0);
    let mut closed = false;
    for result in docs.by_ref() {
        progress.tick();
        match result {
            Ok(doc) => {
                for sink in &mut sinks {
                    if let Err(e) = sink.accept(&doc) {
                        if is_broken_pipe(&e) {
                            closed = true;
                            break;
                        }
                        return Err(e.context("writing documents"));
                    }
                }
                if closed {
                    break;
                }
            }
            Err(e) => progress.println(&format!("rejected: {e}")),
        }
    }
    progress.finish();
    for sink in &mut sinks {
        if let Err(e) = sink.finish()
            && !is_broken_pipe(&e)
        {
            return Err(e.context("writing documents"));
        }
    }
    let summary = docs.into_summary();
    print_summary(&summary, args.json, globals)?;
    Ok(if summary.has_rejections() {
        Outcome::Rejections
    } else {
        Outcome::Success
    })
}

/// The summary: on stdout normally; on stderr with `--json` (stdout holds the documents),
/// and not at all with `-q`.
fn print_summary(summary: &Summary, json: bool, globals: Globals) -> Result<()> {
    if json {
        if globals.quiet == 0 {
            eprint!("{summary}");
        }
        return Ok(());
    }
    let mut out = io::stdout().lock();
    match write!(out, "{summary}").and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e).context("writing the summary"),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_table() {
        let table = [
            ("20971520", Some(20_971_520)),
            ("512K", Some(512 * 1024)),
            ("20M", Some(20 << 20)),
            ("20mb", Some(20 << 20)),
            ("1G", Some(1 << 30)),
            ("0", None),
            ("lots", None),
            ("-5", None),
        ];
        for (s, want) in table {
            assert_eq!(parse_size(s).ok(), want, "{s}");
        }
    }
}
