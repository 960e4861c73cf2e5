//! rasd-export: writing stored events out — an ACLED-style CSV, GeoJSON, JSON Lines and a
//! readable terminal table.
//!
//! Every writer is a pure function of its input over `impl Write`: no database, no clock.
//! The caller (the `rasd events` command) reads events from a [`rasd_store::Store`],
//! gathers their sources into [`ExportEvent`]s and streams them through a writer, so an
//! export of any size runs in constant memory.
//!
//! # ACLED conventions
//!
//! The CSV ([`csv`](mod@csv)) and the GeoJSON properties ([`geojson`]) carry ACLED's columns in
//! ACLED's order (see [`acled::COLUMNS`]), then rasd's own (`rasd_event_id`, `confidence`,
//! `sources`, `evidence`). Values follow ACLED's codebook where rasd has the information:
//!
//! * `event_id_cnty` is rasd's stable event id (`SYR000042`), never reused.
//! * `event_date` is `YYYY-MM-DD`; `year` its year; `time_precision` 1 day, 2 week, 3 month.
//!   An event without any date (rare: only documents with no date at all) has these empty.
//! * `disorder_type` follows ACLED: Political violence; Demonstrations; Strategic
//!   developments; `Political violence; Demonstrations` for excessive force against
//!   protesters; mob violence is political violence.
//! * `actor1`/`actor2` are ACLED-style actor names; a unit is added in parentheses
//!   (`Military Forces of Syria (air-force-intelligence)`). `assoc_actor_1/2` are empty:
//!   the consensus does not keep associated actors.
//! * `inter1`/`inter2` are ACLED's actor categories (1 state forces … 8 external/other
//!   forces); `inter2` is 0 when there is no second actor. `interaction` combines the two,
//!   lower first (`17`: state forces against civilians); an actor with no counterpart gives
//!   ten times its code (`10`, `20`, …), as ACLED does. Empty when neither actor is known.
//! * `civilian_targeting` is `Civilian targeting` when actor2 is civilians, else empty.
//! * `iso` 760, `region` Middle East, `country` Syria for events in Syria (the Arabic
//!   country name and no iso code otherwise).
//! * `admin1`-`admin3` and `location` are in English from the embedded gazetteer (by
//!   P-code and place id); where the gazetteer does not know the unit, the Arabic name is
//!   written as extracted.
//! * `latitude`/`longitude` have four decimals, as in ACLED; empty when unknown.
//! * `source` is the source outlets joined by `; ` (a document without an outlet is named
//!   by its id); `source_scale` is empty (rasd does not classify outlets).
//! * `fatalities` is **0 when unknown**: ACLED codes an unreported toll as 0. The JSON Lines
//!   export keeps the distinction (`null`).
//! * `tags` are rasd's tags (`siege`, `release`, …) joined by `; `.
//! * `timestamp` is the Unix time of the event's last update.
//! * `sources` is the number of the event's source reports; `evidence` a compact JSON array
//!   of the evidence spans: `[{"doc":…,"field":…,"start":…,"end":…,"text":…}]` (byte
//!   offsets into the document's original text; the text of whole-sentence `event` spans
//!   is left out to keep the cell short).
//!
//! Events without coordinates cannot be GeoJSON features: they are left out and counted
//! ([`geojson::GeoJsonWriter::finish`]).

pub mod acled;
pub mod csv;
pub mod geojson;
pub mod jsonl;
pub mod names;
pub mod table;

use rasd_core::{DocId, Evidence, Field, Timestamp};
use rasd_store::{EventDetail, MatchReason, ReportStatus, StoredEvent};
use serde::Serialize;

pub use names::Names;

/// Everything that can go wrong while writing.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("csv: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

impl ExportError {
    /// Whether the reader of the output went away (`rasd events | head`).
    pub fn is_broken_pipe(&self) -> bool {
        let kind = match self {
            ExportError::Io(e) => Some(e.kind()),
            ExportError::Csv(e) => match e.kind() {
                ::csv::ErrorKind::Io(io) => Some(io.kind()),
                _ => None,
            },
            ExportError::Json(e) => e.io_error_kind(),
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    }
}

pub type Result<T, E = ExportError> = std::result::Result<T, E>;

/// What an export needs to know about a source document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocumentInfo {
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Timestamp>,
}

/// One evidence span of a source report, compact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceSpan {
    pub doc: DocId,
    pub field: Field,
    pub start: usize,
    pub end: usize,
    /// The words, except for whole-sentence `event` spans.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl EvidenceSpan {
    fn of(doc: &DocId, e: &Evidence) -> Self {
        EvidenceSpan {
            doc: doc.clone(),
            field: e.field,
            start: e.start,
            end: e.end,
            text: (e.field != Field::Event).then(|| e.text.clone()),
        }
    }
}

/// One source report of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The store's report id.
    pub report: i64,
    /// The store's document id.
    pub document: i64,
    pub doc_id: DocId,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Timestamp>,
    /// From a near-duplicate (re-published) document: no extra support.
    pub duplicate_source: bool,
    /// Why the report was attached to the event (none for the report that started it).
    pub link: Option<MatchReason>,
    pub evidence: Vec<EvidenceSpan>,
}

/// An event with its sources: what every exporter writes.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportEvent {
    pub event: StoredEvent,
    /// The active source reports, in the store's order.
    pub sources: Vec<Source>,
}

impl ExportEvent {
    /// An event without its sources (enough for the table).
    pub fn bare(event: StoredEvent) -> Self {
        ExportEvent {
            event,
            sources: Vec::new(),
        }
    }

    /// Builds the export view of an event's detail; `document` tells about a source
    /// document by its store id.
    pub fn from_detail(
        detail: EventDetail,
        mut document: impl FnMut(i64) -> Option<DocumentInfo>,
    ) -> Self {
        let sources = detail
            .reports
            .into_iter()
            .filter(|r| r.status == ReportStatus::Active)
            .map(|r| {
                let info = document(r.document).unwrap_or_default();
                Source {
                    report: r.id,
                    document: r.document,
                    evidence: r
                        .report
                        .evidence
                        .iter()
                        .map(|e| EvidenceSpan::of(&r.doc_id, e))
                        .collect(),
                    doc_id: r.doc_id,
                    outlet: info.outlet,
                    url: info.url,
                    published: info.published,
                    duplicate_source: r.duplicate_source,
                    link: r.link,
                }
            })
            .collect();
        ExportEvent {
            event: detail.event,
            sources,
        }
    }

    /// The source outlets, distinct, in order of first appearance (a document without an
    /// outlet is named by its id).
    pub fn outlets(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for s in &self.sources {
            let name = s.outlet.as_deref().unwrap_or(s.doc_id.as_str());
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    /// Every evidence span of every source.
    pub fn evidence(&self) -> impl Iterator<Item = &EvidenceSpan> {
        self.sources.iter().flat_map(|s| s.evidence.iter())
    }
}

/// A sink for events: one of the formats.
pub trait EventWriter {
    fn write(&mut self, event: &ExportEvent) -> Result<()>;
    /// Completes the output (closing brackets, flushing); returns how many events were
    /// written and how many left out.
    fn finish(&mut self) -> Result<Written>;
}

/// How an export went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Written {
    pub written: u64,
    /// Events the format cannot hold (GeoJSON: no coordinates).
    pub skipped: u64,
}

#[cfg(test)]
pub(crate) mod test_support;
