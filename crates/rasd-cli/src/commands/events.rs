//! `rasd events`: the merged events of a database, filtered, as a table, JSON Lines, an
//! ACLED-style CSV or GeoJSON (writers in rasd-export).

use std::collections::HashMap;
use std::io::{self, BufWriter};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use rasd_core::{EventType, SubEventType, Tag};
use rasd_export::csv::CsvWriter;
use rasd_export::geojson::GeoJsonWriter;
use rasd_export::jsonl::JsonlWriter;
use rasd_export::table::TableWriter;
use rasd_export::{DocumentInfo, EventWriter, ExportError, ExportEvent, Names, Written};
use rasd_store::{EventFilter, Page, ReviewStatus, Sort, Store};

use super::db::DbArgs;
use crate::{Globals, Outcome};

#[derive(Debug, Args)]
#[command(
    after_help = "Filters combine (all must hold). Types are ACLED's names, any case, \
with or without punctuation (`--sub-type \"armed clash\"`, `--sub-type air-drone-strike`). \
Rejected events are hidden unless `--status rejected`.\n\nCSV and GeoJSON carry ACLED's \
columns in ACLED's order, then rasd_event_id, confidence, sources and evidence; unknown \
fatalities are written as 0 (ACLED's convention). GeoJSON leaves out events without \
coordinates (counted on stderr)."
)]
pub struct EventsArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Events on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<NaiveDate>,
    /// Events on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<NaiveDate>,
    /// A place name (Arabic, matched against the location and admin names) or place id.
    #[arg(long, value_name = "NAME|ID")]
    pub place: Option<String>,
    /// A governorate: Arabic name or P-code (SY03).
    #[arg(long, value_name = "NAME|PCODE")]
    pub admin1: Option<String>,
    /// ACLED event type (repeatable).
    #[arg(long = "type", value_name = "TYPE", value_parser = parse_event_type)]
    pub event_type: Vec<EventType>,
    /// ACLED sub-event type (repeatable).
    #[arg(long = "sub-type", value_name = "TYPE", value_parser = parse_sub_type)]
    pub sub_type: Vec<SubEventType>,
    /// Events with this tag, e.g. siege (repeatable; all must be present).
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<Tag>,
    /// An actor key or prefix, matched against actor1 and actor2 (`regime`,
    /// `regime:air-force-intelligence`).
    #[arg(long, value_name = "KEY")]
    pub actor: Option<String>,
    /// Full-text query over the events' source documents.
    #[arg(long, value_name = "QUERY")]
    pub text: Option<String>,
    /// Events with at least this confidence (0-1).
    #[arg(long, value_name = "X")]
    pub min_confidence: Option<f32>,
    /// Review status.
    #[arg(long, value_enum, value_name = "STATUS")]
    pub status: Option<StatusArg>,
    /// At most this many events (default: 100 for the table, all otherwise).
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
    /// Skip this many events first.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: u32,
    #[arg(long, value_enum, default_value_t = SortArg::DateDesc)]
    pub sort: SortArg,
    #[arg(long, value_enum, default_value_t = EventsFormat::Table)]
    pub format: EventsFormat,
    /// CSV: start with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventsFormat {
    Table,
    Jsonl,
    Csv,
    Geojson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Unreviewed,
    Confirmed,
    Edited,
    Rejected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Newest first.
    DateDesc,
    /// Oldest first.
    DateAsc,
    /// Most recently changed first.
    Updated,
    /// Most confident first.
    Confidence,
    /// Creation order.
    Id,
}

impl From<SortArg> for Sort {
    fn from(s: SortArg) -> Self {
        match s {
            SortArg::DateDesc => Sort::DateDesc,
            SortArg::DateAsc => Sort::DateAsc,
            SortArg::Updated => Sort::UpdatedDesc,
            SortArg::Confidence => Sort::ConfidenceDesc,
            SortArg::Id => Sort::Id,
        }
    }
}

/// Letters and digits only, lower case: `Air/drone strike` and `air-drone-strike` meet.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn parse_named<T: Copy>(s: &str, all: &[T], name: impl Fn(T) -> &'static str) -> Result<T, String> {
    let key = squash(s);
    all.iter()
        .copied()
        .find(|v| squash(name(*v)) == key)
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
            format!("unknown type {s:?}; one of: {}", names.join(", "))
        })
}

pub fn parse_event_type(s: &str) -> Result<EventType, String> {
    parse_named(s, EventType::ALL, EventType::as_str)
}

pub fn parse_sub_type(s: &str) -> Result<SubEventType, String> {
    parse_named(s, SubEventType::ALL, SubEventType::as_str)
}

impl EventsArgs {
    /// The store filter the options describe.
    pub fn filter(&self) -> Result<EventFilter> {
        if let Some(x) = self.min_confidence
            && !(0.0..=1.0).contains(&x)
        {
            anyhow::bail!("--min-confidence must lie in [0, 1], got {x}");
        }
        let review_status = self.status.map(|s| match s {
            StatusArg::Unreviewed => ReviewStatus::Unreviewed,
            StatusArg::Confirmed => ReviewStatus::Confirmed,
            StatusArg::Edited => ReviewStatus::Edited,
            StatusArg::Rejected => ReviewStatus::Rejected,
        });
        Ok(EventFilter {
            since: self.since,
            until: self.until,
            place: self.place.clone(),
            admin1: self.admin1.clone(),
            event_types: self.event_type.clone(),
            sub_event_types: self.sub_type.clone(),
            tags: self.tag.clone(),
            actor: self.actor.clone(),
            text: self.text.clone(),
            min_confidence: self.min_confidence,
            review_status,
            include_rejected: review_status == Some(ReviewStatus::Rejected),
            ..EventFilter::default()
        })
    }
}

/// Events read from the store per query.
const PAGE: u32 = 500;

pub fn run(args: EventsArgs, globals: Globals) -> Result<Outcome> {
    let filter = args.filter()?;
    let store = args.db.open_existing()?;
    let names = || -> Result<Names> {
        Ok(Names::new(
            rasd_gazetteer::Gazetteer::embedded().context("loading the gazetteer")?,
        ))
    };
    let limit = args
        .limit
        .or((args.format == EventsFormat::Table).then_some(100));
    let with_sources = args.format != EventsFormat::Table;
    let result = (|| -> Result<Written> {
        let out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
        let mut writer: Box<dyn EventWriter> = match args.format {
            EventsFormat::Table => Box::new(TableWriter::new(out)?),
            EventsFormat::Jsonl => Box::new(JsonlWriter::new(out)),
            EventsFormat::Csv => Box::new(CsvWriter::new(out, names()?, args.bom)?),
            EventsFormat::Geojson => Box::new(GeoJsonWriter::new(out, names()?)?),
        };
        export(&*store, &filter, &args, limit, with_sources, &mut *writer)?;
        Ok(writer.finish()?)
    })();
    let written = match result {
        Ok(w) => w,
        Err(e) if is_broken_pipe(&e) => return Ok(Outcome::Success),
        Err(e) => return Err(e.context("writing events")),
    };
    if written.skipped > 0 && globals.quiet < 2 {
        eprintln!(
            "{} event(s) without coordinates left out of the GeoJSON",
            written.skipped
        );
    }
    Ok(Outcome::Success)
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<ExportError>()
            .is_some_and(ExportError::is_broken_pipe)
            || c.downcast_ref::<io::Error>()
                .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Streams the matching events, page by page, into the writer.
fn export(
    store: &dyn Store,
    filter: &EventFilter,
    args: &EventsArgs,
    limit: Option<u32>,
    with_sources: bool,
    writer: &mut dyn EventWriter,
) -> Result<()> {
    let mut docs: HashMap<i64, Option<DocumentInfo>> = HashMap::new();
    let mut offset = args.offset;
    let mut remaining = limit;
    loop {
        let n = remaining.map_or(PAGE, |r| r.min(PAGE));
        if n == 0 {
            break;
        }
        let page = Page {
            limit: n,
            offset,
            sort: args.sort.into(),
        };
        let events = store.events(filter, &page).context("reading events")?;
        let got = u32::try_from(events.len()).unwrap_or(u32::MAX);
        for e in events {
            let item = if with_sources {
                match store.event(&e.id).context("reading an event's sources")? {
                    Some(detail) => {
                        let mut x = ExportEvent::from_detail(detail, |id| {
                            docs.entry(id)
                                .or_insert_with(|| document_info(store, id))
                                .clone()
                        });
                        x.event = e;
                        x
                    }
                    None => ExportEvent::bare(e),
                }
            } else {
                ExportEvent::bare(e)
            };
            writer.write(&item)?;
        }
        offset = offset.saturating_add(got);
        remaining = remaining.map(|r| r.saturating_sub(got));
        if got < n {
            break;
        }
    }
    Ok(())
}

fn document_info(store: &dyn Store, id: i64) -> Option<DocumentInfo> {
    match store.document(id) {
        Ok(Some(d)) => Some(DocumentInfo {
            outlet: d.outlet,
            url: d.url,
            published: d.published,
        }),
        Ok(None) => None,
        Err(e) => {
            tracing::warn!(document = id, error = %e, "cannot read a source document");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_table() {
        let table = [
            ("Armed clash", Some(SubEventType::ArmedClash)),
            ("armed-clash", Some(SubEventType::ArmedClash)),
            ("air-drone-strike", Some(SubEventType::AirDroneStrike)),
            (
                "Shelling/artillery/missile attack",
                Some(SubEventType::ShellingArtilleryMissileAttack),
            ),
            ("clash", None),
        ];
        for (s, want) in table {
            assert_eq!(parse_sub_type(s).ok(), want, "{s}");
        }
        assert_eq!(
            parse_event_type("explosions-remote-violence").ok(),
            Some(EventType::ExplosionsRemoteViolence)
        );
        assert!(parse_event_type("war").unwrap_err().contains("Battles"));
    }
}
