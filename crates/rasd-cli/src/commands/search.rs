//! `rasd search` (Arabic full text over stored documents) and `rasd changes` (the change
//! feed).

use std::io::{self, BufWriter, Write};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use rasd_store::{Change, SearchHit};

use super::db::DbArgs;
use crate::Outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Jsonl,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Words are matched light-stemmed and as prefixes: قصف finds القصف, \
وقصفت and بالقصف. Every word must occur."
)]
pub struct SearchArgs {
    /// The words to look for.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: u32,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Entries with a sequence number above --since, in commit order. To \
follow the feed, pass the last `seq` you have seen."
)]
pub struct ChangesArgs {
    /// Entries after this sequence number (0: from the start).
    #[arg(long, default_value_t = 0, value_name = "SEQ")]
    pub since: i64,
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub limit: u32,
    #[arg(long, value_enum, default_value_t = ListFormat::Jsonl)]
    pub format: ListFormat,
    #[command(flatten)]
    pub db: DbArgs,
}

pub fn run_search(args: SearchArgs) -> Result<Outcome> {
    let store = args.db.open_existing()?;
    let query = args.query.join(" ");
    let hits = store.search(&query, args.limit).context("searching")?;
    let mut out = BufWriter::new(io::stdout().lock());
    let result = (|| -> io::Result<()> {
        for h in &hits {
            match args.format {
                ListFormat::Jsonl => {
                    serde_json::to_writer(&mut out, h)?;
                    out.write_all(b"\n")?;
                }
                ListFormat::Table => write_hit(&mut out, h)?,
            }
        }
        out.flush()
    })();
    finish(result)?;
    if hits.is_empty() {
        eprintln!("no document matches {query:?}");
    }
    Ok(Outcome::Success)
}

fn write_hit(out: &mut impl Write, h: &SearchHit) -> io::Result<()> {
    writeln!(
        out,
        "{:>6}  {}  {}",
        h.document,
        h.doc_id,
        h.title.as_deref().unwrap_or("")
    )?;
    writeln!(out, "        {}", one_line(&h.snippet))
}

/// Line breaks and runs of spaces as single spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn run_changes(args: ChangesArgs) -> Result<Outcome> {
    let store = args.db.open_existing()?;
    let changes = store
        .changes_since(args.since, args.limit)
        .context("reading the change feed")?;
    let mut out = BufWriter::new(io::stdout().lock());
    let result = (|| -> io::Result<()> {
        if args.format == ListFormat::Table {
            writeln!(
                out,
                "{:>8}  {:<20} {:<16} {:<10} detail",
                "seq", "at", "kind", "event"
            )?;
        }
        for c in &changes {
            match args.format {
                ListFormat::Jsonl => {
                    serde_json::to_writer(&mut out, c)?;
                    out.write_all(b"\n")?;
                }
                ListFormat::Table => write_change(&mut out, c)?,
            }
        }
        out.flush()
    })();
    finish(result)?;
    Ok(Outcome::Success)
}

fn write_change(out: &mut impl Write, c: &Change) -> io::Result<()> {
    let detail = if c.detail.is_null() {
        String::new()
    } else {
        c.detail.to_string()
    };
    writeln!(
        out,
        "{:>8}  {:<20} {:<16} {:<10} {}",
        c.seq,
        c.at.format("%Y-%m-%dT%H:%M:%SZ"),
        c.kind.as_str(),
        c.event_id.0,
        rasd_export::table::truncate(&detail, 80)
    )
}

/// A closed pipe is not an error.
fn finish(result: io::Result<()>) -> Result<()> {
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e).context("writing output"),
        _ => Ok(()),
    }
}
