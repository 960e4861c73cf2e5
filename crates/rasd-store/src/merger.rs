//! The interface between the store and the merge logic.
//!
//! The store runs merging inside its own transaction (it fetches candidates by blocking key,
//! persists decisions, records history), but every *decision* is the [`Merger`]'s: which
//! documents are near-duplicates, which blocks a report falls into, which event a report
//! belongs to, and what an event's consensus values are. `rasd-merge` implements it.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use rasd_core::{
    Actor, Document, Event, EventType, Field, Location, SubEventType, Tag, TimePrecision,
};
use serde::{Deserialize, Serialize};

use crate::model::{StoredEvent, StoredReport};

/// A document's near-duplicate signature: MinHash values and the LSH band hashes derived
/// from them. `scheme` names the parameters; signatures of different schemes never match.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Signature {
    pub scheme: u16,
    pub minhash: Vec<u32>,
    pub bands: Vec<u64>,
}

impl Signature {
    /// Whether the document was too short to sign (it never matches anything).
    pub fn is_empty(&self) -> bool {
        self.minhash.is_empty()
    }

    /// Little-endian bytes of the MinHash values (how the store persists them).
    pub fn minhash_bytes(&self) -> Vec<u8> {
        self.minhash.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// The inverse of [`Signature::minhash_bytes`].
    pub fn minhash_from_bytes(bytes: &[u8]) -> Vec<u32> {
        bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    }
}

/// A blocking key: reports and events sharing one are compared; nothing else is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BlockKey(pub String);

impl fmt::Display for BlockKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The blocks a report is filed under (`index`) and the blocks searched for its candidates
/// (`probe`, e.g. the neighbouring days and map cells). Two reports are compared when one's
/// probe keys meet the other's index keys.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BlockKeys {
    pub index: Vec<BlockKey>,
    pub probe: Vec<BlockKey>,
}

/// A report with what merging needs to know about its document.
#[derive(Debug, Clone, Copy)]
pub struct ReportContext<'a> {
    pub report: &'a Event,
    /// The store's id of the report's document.
    pub document: i64,
    /// The first copy of the document when it is a near-duplicate, else `document`.
    pub root_document: i64,
    /// The document's anchor date (publication, else collection).
    pub anchor: Option<NaiveDate>,
    /// The report comes from a near-duplicate (re-published or syndicated) document.
    pub duplicate_source: bool,
}

impl ReportContext<'_> {
    /// The report's absolute date, resolving relative dates against the anchor.
    pub fn date(&self) -> Option<NaiveDate> {
        self.report
            .date
            .as_ref()
            .and_then(|d| d.resolve(self.anchor))
    }

    /// The report's time precision, when it has a date.
    pub fn time_precision(&self) -> Option<TimePrecision> {
        self.date()
            .and(self.report.date.as_ref().map(|d| d.precision))
    }

    /// The ISO week (`2020-W49`) of the report's date, else of the anchor.
    pub fn week(&self) -> Option<String> {
        self.date().or(self.anchor).map(iso_week)
    }
}

/// `YYYY-Www` of a date.
pub fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// An existing event offered to [`Merger::choose`], with its active reports.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub event: StoredEvent,
    pub reports: Vec<StoredReport>,
}

/// One criterion of a match and how well it held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// `sub_event_type`, `place`, `date`, `actor1`, …
    pub name: String,
    /// How it held: `equal`, `compatible group arrests/abduction`, `2.1 km`, `±1 day`, …
    pub detail: String,
    pub score: f32,
}

/// Why two things were matched (recorded in the merge history).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MatchReason {
    pub score: f32,
    pub criteria: Vec<Criterion>,
    /// A short human summary.
    #[serde(default)]
    pub summary: String,
}

/// What to do with a new report.
#[derive(Debug, Clone, PartialEq)]
pub enum MergeDecision {
    /// Attach the report to an existing event; that event also absorbs `absorb` (events the
    /// report shows to be the same incident).
    AttachTo {
        event: rasd_core::EventId,
        reason: MatchReason,
        absorb: Vec<(rasd_core::EventId, MatchReason)>,
    },
    /// Start a new event.
    New,
}

/// How many independent reports support one value of a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueSupport {
    /// The value as displayed (`3`, `regime:air-force-intelligence`, `2020-12-08`, `كناكر`).
    pub value: String,
    /// The store ids of the reports giving it.
    pub reports: Vec<i64>,
}

/// A field on which an event's reports disagree: every value, and which one was chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disagreement {
    pub field: Field,
    pub chosen: String,
    pub values: Vec<ValueSupport>,
    /// The rule that chose (`lowest reported figure`, `most specific, then most reported`).
    pub rule: String,
}

/// An event's consensus values, computed from its reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consensus {
    pub event_type: EventType,
    pub sub_event_type: SubEventType,
    #[serde(default)]
    pub tags: Vec<Tag>,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub time_precision: Option<TimePrecision>,
    pub location: Location,
    #[serde(default)]
    pub actor1: Option<Actor>,
    #[serde(default)]
    pub actor2: Option<Actor>,
    /// Other victim groups named with actor2 by any report (ACLED's associated actors).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assoc_actor2: Vec<Actor>,
    #[serde(default)]
    pub fatalities: Option<u32>,
    #[serde(default)]
    pub injured: Option<u32>,
    pub confidence: f32,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub disagreements: Vec<Disagreement>,
}

impl Consensus {
    /// The disagreement on one field, if the reports disagree on it.
    pub fn disagreement(&self, field: Field) -> Option<&Disagreement> {
        self.disagreements.iter().find(|d| d.field == field)
    }
}

/// The merge decisions. Object-safe: the store takes `&dyn Merger`.
pub trait Merger: Send + Sync + fmt::Debug {
    /// The document's near-duplicate signature (computed once, at first ingestion).
    fn shingle_signature(&self, doc: &Document) -> Signature;

    /// `Some(similarity)` when the two documents are near-duplicates.
    fn is_near_duplicate(&self, a: &Signature, b: &Signature) -> Option<f32>;

    /// The blocks a report is filed under and searched in.
    fn blocking_keys(&self, report: &ReportContext<'_>) -> BlockKeys;

    /// Which candidate (fetched by blocking key) the report belongs to, if any.
    fn choose(&self, report: &ReportContext<'_>, candidates: &[Candidate]) -> MergeDecision;

    /// The consensus of an event's active reports; `None` when there are none.
    fn consolidate(&self, reports: &[StoredReport]) -> Option<Consensus>;
}
