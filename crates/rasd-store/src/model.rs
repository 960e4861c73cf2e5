//! What the store takes in and hands out.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rasd_core::{
    Actor, ContentHash, DocId, Document, Event, EventId, Field, Location, Origin, Removal, Span,
    SubEventType, Tag, Timestamp,
};
use serde::{Deserialize, Serialize};

use crate::merger::{Consensus, MatchReason, ReportContext};

/// One document and the reports extracted from it, as `rasd ingest` hands them over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentInput {
    pub document: Document,
    pub reports: Vec<Event>,
}

/// How a batch is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyOptions {
    /// When a known document (same content hash) arrives with different reports, replace
    /// its reports (re-extraction). When false, known documents are skipped.
    pub replace_reports: bool,
    /// Who applies the batch (recorded in the merge history), e.g. `rasd ingest`.
    pub who: String,
}

impl Default for ApplyOptions {
    fn default() -> Self {
        ApplyOptions {
            replace_reports: true,
            who: "rasd".to_owned(),
        }
    }
}

/// What a batch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BatchOutcome {
    pub documents_new: u64,
    /// Exact duplicates (same content hash, same reports): nothing changed.
    pub documents_duplicate: u64,
    /// New documents that are near-duplicates of an earlier one.
    pub documents_near_duplicate: u64,
    /// Known documents whose reports changed.
    pub documents_reextracted: u64,
    pub reports_new: u64,
    pub reports_updated: u64,
    pub reports_removed: u64,
    pub reports_unchanged: u64,
    pub events_new: u64,
    pub events_updated: u64,
    /// Events absorbed into another.
    pub events_merged: u64,
    /// Events whose last report disappeared.
    pub events_retired: u64,
}

impl BatchOutcome {
    /// Adds another batch's counts.
    pub fn add(&mut self, o: &BatchOutcome) {
        self.documents_new += o.documents_new;
        self.documents_duplicate += o.documents_duplicate;
        self.documents_near_duplicate += o.documents_near_duplicate;
        self.documents_reextracted += o.documents_reextracted;
        self.reports_new += o.reports_new;
        self.reports_updated += o.reports_updated;
        self.reports_removed += o.reports_removed;
        self.reports_unchanged += o.reports_unchanged;
        self.events_new += o.events_new;
        self.events_updated += o.events_updated;
        self.events_merged += o.events_merged;
        self.events_retired += o.events_retired;
    }
}

impl std::fmt::Display for BatchOutcome {
    /// One line for `rasd ingest`'s summary.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "documents: {} new, {} duplicate, {} near-duplicate, {} re-extracted; \
             reports: {} new, {} updated, {} removed; \
             events: {} new, {} updated, {} merged, {} retired",
            self.documents_new,
            self.documents_duplicate,
            self.documents_near_duplicate,
            self.documents_reextracted,
            self.reports_new,
            self.reports_updated,
            self.reports_removed,
            self.events_new,
            self.events_updated,
            self.events_merged,
            self.events_retired
        )
    }
}

/// A stored document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDocument {
    /// The store's id.
    pub id: i64,
    pub doc_id: DocId,
    pub content_hash: ContentHash,
    pub origin: Origin,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Timestamp>,
    pub collected: Option<Timestamp>,
    pub title: Option<String>,
    /// The original text, exactly as received.
    pub text: String,
    pub kept: Vec<Span>,
    pub removed: Vec<Removal>,
    pub encoding: String,
    pub metadata: BTreeMap<String, serde_json::Value>,
    /// The first copy, when this is a near-duplicate.
    pub duplicate_of: Option<i64>,
    pub duplicate_score: Option<f32>,
    pub ingested_at: DateTime<Utc>,
    pub extracted_at: DateTime<Utc>,
}

impl StoredDocument {
    /// The document as rasd-core knows it.
    pub fn to_document(&self) -> Document {
        Document {
            id: self.doc_id.clone(),
            origin: self.origin.clone(),
            outlet: self.outlet.clone(),
            url: self.url.clone(),
            published: self.published,
            collected: self.collected,
            title: self.title.clone(),
            text: self.text.clone(),
            kept: self.kept.clone(),
            removed: self.removed.clone(),
            encoding: self.encoding.clone(),
            content_hash: self.content_hash.clone(),
            metadata: self.metadata.clone(),
        }
    }
}

/// Whether a report is current or was dropped by a re-extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    Active,
    Removed,
}

/// A stored report (one extracted event of one document).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredReport {
    pub id: i64,
    pub document: i64,
    pub doc_id: DocId,
    /// The first copy of the document, for reports of near-duplicates; else `document`.
    pub root_document: i64,
    pub anchor: Option<NaiveDate>,
    pub event_id: Option<EventId>,
    /// Position in the extractor's output for the document.
    pub ordinal: u32,
    /// What identifies the report across re-extractions of its document.
    pub natural_key: String,
    pub duplicate_source: bool,
    pub status: ReportStatus,
    /// Every field of the report, with its evidence.
    pub report: Event,
    /// Why it was attached to its event.
    pub link: Option<MatchReason>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl StoredReport {
    pub fn context(&self) -> ReportContext<'_> {
        ReportContext {
            report: &self.report,
            document: self.document,
            root_document: self.root_document,
            anchor: self.anchor,
            duplicate_source: self.duplicate_source,
        }
    }
}

/// An event's lifecycle state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    Active,
    /// Absorbed into another event; its id redirects there.
    Merged,
    /// Its last report disappeared on re-extraction. Kept, never deleted.
    Retired,
}

impl EventStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            EventStatus::Active => "active",
            EventStatus::Merged => "merged",
            EventStatus::Retired => "retired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            EventStatus::Active,
            EventStatus::Merged,
            EventStatus::Retired,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// An analyst's verdict on an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Unreviewed,
    Confirmed,
    Edited,
    Rejected,
}

impl ReviewStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Unreviewed => "unreviewed",
            ReviewStatus::Confirmed => "confirmed",
            ReviewStatus::Edited => "edited",
            ReviewStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            ReviewStatus::Unreviewed,
            ReviewStatus::Confirmed,
            ReviewStatus::Edited,
            ReviewStatus::Rejected,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// A merged event: consensus values plus bookkeeping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    /// `SYR` + a zero-padded number (`SYR000042`), assigned once and never reused.
    pub id: EventId,
    pub status: EventStatus,
    pub review_status: ReviewStatus,
    /// Where a merged event's id now points.
    pub redirect_to: Option<EventId>,
    /// The effective values: the reports' consensus with the analyst's overrides applied.
    #[serde(flatten)]
    pub values: Consensus,
    /// The fields an analyst set (re-extraction never overwrites them).
    pub overridden: Vec<Field>,
    /// Active reports, all sources.
    pub n_reports: u32,
    /// Distinct independent documents (near-duplicates count with their first copy).
    pub n_sources: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A value an analyst sets on an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum FieldEdit {
    SubEventType(SubEventType),
    Tags(Vec<Tag>),
    Date(Option<NaiveDate>),
    Location(Box<Location>),
    Actor1(Option<Actor>),
    Actor2(Option<Actor>),
    Fatalities(Option<u32>),
    Injured(Option<u32>),
    Notes(String),
}

impl FieldEdit {
    pub fn field(&self) -> Field {
        match self {
            FieldEdit::SubEventType(_) => Field::SubEventType,
            FieldEdit::Tags(_) => Field::Tags,
            FieldEdit::Date(_) => Field::Date,
            FieldEdit::Location(_) => Field::Location,
            FieldEdit::Actor1(_) => Field::Actor1,
            FieldEdit::Actor2(_) => Field::Actor2,
            FieldEdit::Fatalities(_) => Field::Fatalities,
            FieldEdit::Injured(_) => Field::Injured,
            FieldEdit::Notes(_) => Field::Event,
        }
    }

    /// Applies the edit to consensus values.
    pub fn apply(&self, c: &mut Consensus) {
        match self {
            FieldEdit::SubEventType(s) => {
                c.sub_event_type = *s;
                c.event_type = s.event_type();
            }
            FieldEdit::Tags(t) => c.tags = t.clone(),
            FieldEdit::Date(d) => {
                c.date = *d;
                c.time_precision = d.map(|_| rasd_core::TimePrecision::Day);
            }
            FieldEdit::Location(l) => c.location = (**l).clone(),
            FieldEdit::Actor1(a) => c.actor1 = a.clone(),
            FieldEdit::Actor2(a) => c.actor2 = a.clone(),
            FieldEdit::Fatalities(n) => c.fatalities = *n,
            FieldEdit::Injured(n) => c.injured = *n,
            FieldEdit::Notes(s) => c.notes = s.clone(),
        }
    }
}

/// What an analyst does to an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ReviewAction {
    Confirm,
    /// Sets a field; the value survives re-extraction.
    Edit {
        edit: FieldEdit,
    },
    /// Not a real event (kept, hidden from default listings, still absorbs its reports).
    Reject,
    /// This event absorbs `other` (its reports move here; its id redirects here).
    Merge {
        other: EventId,
    },
    /// These reports move to a new event.
    Split {
        reports: Vec<i64>,
    },
}

impl ReviewAction {
    pub const fn name(&self) -> &'static str {
        match self {
            ReviewAction::Confirm => "confirm",
            ReviewAction::Edit { .. } => "edit",
            ReviewAction::Reject => "reject",
            ReviewAction::Merge { .. } => "merge",
            ReviewAction::Split { .. } => "split",
        }
    }
}

/// A recorded review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub id: i64,
    pub event_id: EventId,
    pub action: ReviewAction,
    pub note: Option<String>,
    pub who: String,
    pub at: DateTime<Utc>,
}

/// What a review did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewOutcome {
    pub review_id: i64,
    /// The event after the review.
    pub event: StoredEvent,
    /// The event a split created.
    pub created: Option<EventId>,
}

/// The kinds of merge-history records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeKind {
    /// A report started a new event.
    Create,
    /// A report was attached to an existing event.
    Attach,
    /// An event absorbed another.
    Merge,
    /// Reports moved out of an event into a new one.
    Split,
    /// A document was linked to an earlier copy.
    DuplicateDocument,
    /// A report left its event (re-extraction dropped it).
    Detach,
    /// An event lost its last report.
    Retire,
    /// A retired event got a report again.
    Reactivate,
}

impl MergeKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            MergeKind::Create => "create",
            MergeKind::Attach => "attach",
            MergeKind::Merge => "merge",
            MergeKind::Split => "split",
            MergeKind::DuplicateDocument => "duplicate_document",
            MergeKind::Detach => "detach",
            MergeKind::Retire => "retire",
            MergeKind::Reactivate => "reactivate",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        use MergeKind::*;
        [
            Create,
            Attach,
            Merge,
            Split,
            DuplicateDocument,
            Detach,
            Retire,
            Reactivate,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// One merge-history record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeRecord {
    pub id: i64,
    pub kind: MergeKind,
    /// The event acted on (the survivor of a merge, the source of a split).
    pub event_id: Option<EventId>,
    /// The other event (absorbed by a merge, created by a split).
    pub other_event_id: Option<EventId>,
    pub report_id: Option<i64>,
    pub document: Option<i64>,
    pub reason: Option<MatchReason>,
    pub who: String,
    pub at: DateTime<Utc>,
}

/// The kinds of change-feed entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    EventCreated,
    EventUpdated,
    EventMerged,
    EventSplit,
    EventReviewed,
    EventRetired,
}

impl ChangeKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            ChangeKind::EventCreated => "event_created",
            ChangeKind::EventUpdated => "event_updated",
            ChangeKind::EventMerged => "event_merged",
            ChangeKind::EventSplit => "event_split",
            ChangeKind::EventReviewed => "event_reviewed",
            ChangeKind::EventRetired => "event_retired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        use ChangeKind::*;
        [
            EventCreated,
            EventUpdated,
            EventMerged,
            EventSplit,
            EventReviewed,
            EventRetired,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// One change-feed entry. `seq` grows strictly with commit order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub seq: i64,
    pub kind: ChangeKind,
    pub event_id: EventId,
    pub detail: serde_json::Value,
    pub at: DateTime<Utc>,
}

/// An event with everything behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDetail {
    pub event: StoredEvent,
    /// The id asked for, when it redirected (a merged event).
    pub requested: Option<EventId>,
    pub reports: Vec<StoredReport>,
    pub overrides: Vec<FieldEdit>,
    pub reviews: Vec<Review>,
    pub history: Vec<MergeRecord>,
}

/// A full-text search hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub document: i64,
    pub doc_id: DocId,
    pub title: Option<String>,
    /// A short excerpt of the original text around the first match.
    pub snippet: String,
    /// Higher is better.
    pub score: f64,
}

/// Counts for dashboards.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Stats {
    pub events: u64,
    pub fatalities: u64,
    pub per_day: Vec<(NaiveDate, u64)>,
    /// Per sub-event type.
    pub per_type: Vec<(String, u64)>,
    pub per_event_type: Vec<(String, u64)>,
    pub per_admin1: Vec<(String, u64)>,
}

/// Row counts of the whole store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    pub documents: u64,
    pub near_duplicate_documents: u64,
    pub reports: u64,
    pub removed_reports: u64,
    pub events: u64,
    pub merged_events: u64,
    pub retired_events: u64,
    pub last_seq: i64,
}
