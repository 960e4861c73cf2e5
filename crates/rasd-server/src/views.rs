//! What the API returns: the store's types, plus the views that join them (an event with
//! its sources, a document with the spans of its reports, a place).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rasd_core::{
    ContentHash, DocId, EventId, EventType, Evidence, Origin, RemovalReason, Span, SubEventType,
    Timestamp,
};
use rasd_gazetteer::{AdminUnit, Gazetteer, PlaceIdx};
use rasd_store::{
    FieldEdit, MergeRecord, ReportStatus, Review, StoredDocument, StoredEvent, StoredReport,
};
use serde::{Deserialize, Serialize};

/// A page of events.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventsPage {
    pub items: Vec<StoredEvent>,
    /// Events matching the filter (all pages).
    pub total: u64,
    pub limit: u32,
    pub offset: u32,
    /// The offset of the next page, when there is one.
    pub next_offset: Option<u32>,
    pub sort: String,
}

/// A source document as an event's reports cite it (no text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    pub document: i64,
    pub doc_id: DocId,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// The title, or for a document without one (a plain-text file) its first line.
    pub headline: Option<String>,
    pub published: Option<Timestamp>,
    pub collected: Option<Timestamp>,
    /// The first copy, when this document is a near-duplicate.
    pub duplicate_of: Option<i64>,
}

/// Longest headline taken from a document's first line (characters).
const HEADLINE_CHARS: usize = 160;

/// The title, else the first line of the first kept paragraph (shortened).
fn headline(d: &StoredDocument) -> Option<String> {
    if let Some(t) = d.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        return Some(t.to_owned());
    }
    let first = d.kept.first().and_then(|s| s.slice(&d.text))?;
    let line = first.lines().map(str::trim).find(|l| !l.is_empty())?;
    let mut out: String = line.chars().take(HEADLINE_CHARS).collect();
    if line.chars().count() > HEADLINE_CHARS {
        out.push('…');
    }
    Some(out)
}

impl From<&StoredDocument> for SourceInfo {
    fn from(d: &StoredDocument) -> Self {
        SourceInfo {
            document: d.id,
            doc_id: d.doc_id.clone(),
            outlet: d.outlet.clone(),
            url: d.url.clone(),
            title: d.title.clone(),
            headline: headline(d),
            published: d.published,
            collected: d.collected,
            duplicate_of: d.duplicate_of,
        }
    }
}

/// A report with the document it came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportView {
    #[serde(flatten)]
    pub report: StoredReport,
    pub source: Option<SourceInfo>,
}

/// `GET /api/events/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventView {
    pub event: StoredEvent,
    /// The id asked for, when it redirected to the event that absorbed it.
    pub requested: Option<EventId>,
    /// Every report, active and removed, each with its source.
    pub reports: Vec<ReportView>,
    /// The distinct source documents of the active reports.
    pub sources: Vec<SourceInfo>,
    /// Values analysts set (never overwritten by re-extraction).
    pub overrides: Vec<FieldEdit>,
    pub reviews: Vec<Review>,
    pub history: Vec<MergeRecord>,
}

/// A block cleaning removed, with its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemovedView {
    pub start: usize,
    pub end: usize,
    pub reason: RemovalReason,
    pub text: String,
}

/// One report of a document with its evidence spans (what the UI highlights).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentReport {
    pub report_id: i64,
    pub event_id: Option<EventId>,
    pub ordinal: u32,
    pub status: ReportStatus,
    pub event_type: EventType,
    pub sub_event_type: SubEventType,
    pub confidence: f32,
    /// Byte offsets into `text` (or into `title` when `part` is `title`).
    pub evidence: Vec<Evidence>,
}

/// `GET /api/documents/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentView {
    pub id: i64,
    pub doc_id: DocId,
    pub content_hash: ContentHash,
    pub origin: Origin,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Timestamp>,
    pub collected: Option<Timestamp>,
    pub title: Option<String>,
    /// The original text, exactly as received. Spans are UTF-8 byte offsets into it.
    pub text: String,
    pub encoding: String,
    pub metadata: BTreeMap<String, serde_json::Value>,
    /// The paragraphs extraction read.
    pub kept: Vec<Span>,
    /// What cleaning removed, and why.
    pub removed: Vec<RemovedView>,
    pub duplicate_of: Option<i64>,
    pub duplicate_score: Option<f32>,
    pub ingested_at: DateTime<Utc>,
    pub extracted_at: DateTime<Utc>,
    /// The active reports extracted from this document.
    pub reports: Vec<DocumentReport>,
}

impl DocumentView {
    pub fn new(d: StoredDocument, reports: Vec<DocumentReport>) -> Self {
        let removed = d
            .removed
            .iter()
            .map(|r| RemovedView {
                start: r.span.start,
                end: r.span.end,
                reason: r.reason,
                text: r.span.slice(&d.text).unwrap_or_default().to_owned(),
            })
            .collect();
        DocumentView {
            id: d.id,
            doc_id: d.doc_id,
            content_hash: d.content_hash,
            origin: d.origin,
            outlet: d.outlet,
            url: d.url,
            published: d.published,
            collected: d.collected,
            title: d.title,
            text: d.text,
            encoding: d.encoding,
            metadata: d.metadata,
            kept: d.kept,
            removed,
            duplicate_of: d.duplicate_of,
            duplicate_score: d.duplicate_score,
            ingested_at: d.ingested_at,
            extracted_at: d.extracted_at,
            reports,
        }
    }
}

impl From<&StoredReport> for DocumentReport {
    fn from(r: &StoredReport) -> Self {
        DocumentReport {
            report_id: r.id,
            event_id: r.event_id.clone(),
            ordinal: r.ordinal,
            status: r.status,
            event_type: r.report.event_type,
            sub_event_type: r.report.sub_event_type,
            confidence: r.report.confidence,
            evidence: r.report.evidence.clone(),
        }
    }
}

/// An administrative unit of a place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminView {
    pub pcode: String,
    pub name_ar: String,
    pub name_en: String,
}

impl From<&AdminUnit> for AdminView {
    fn from(a: &AdminUnit) -> Self {
        AdminView {
            pcode: a.pcode.clone(),
            name_ar: a.name_ar.clone(),
            name_en: a.name_en.clone(),
        }
    }
}

/// A gazetteer place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceView {
    pub id: String,
    pub name_ar: String,
    pub name_en: String,
    pub level: String,
    pub lat: f64,
    pub lon: f64,
    pub country: String,
    pub admin1: Option<AdminView>,
    pub admin2: Option<AdminView>,
    pub admin3: Option<AdminView>,
    /// Search relevance (higher is better), for search results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
}

impl PlaceView {
    pub fn new(g: &Gazetteer, idx: PlaceIdx, score: Option<f32>) -> Self {
        let p = g.place(idx);
        PlaceView {
            id: p.id.0.clone(),
            name_ar: p.name_ar.clone(),
            name_en: p.name_en.clone(),
            level: p.level.as_str().to_owned(),
            lat: p.lat,
            lon: p.lon,
            country: p.country.to_string(),
            admin1: p.admin1.as_deref().map(AdminView::from),
            admin2: p.admin2.as_deref().map(AdminView::from),
            admin3: p.admin3.as_deref().map(AdminView::from),
            score,
        }
    }
}

/// One event of a place dossier.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DossierEvent {
    pub event: StoredEvent,
    /// Distance from the place (km), when the event has coordinates.
    pub distance_km: Option<f64>,
    /// The event is coded at the place itself (same place id).
    pub at_place: bool,
    pub sources: Vec<SourceInfo>,
}

/// `GET /api/places/{place_id}/dossier`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Dossier {
    pub place: PlaceView,
    pub radius_km: f64,
    /// Oldest first; undated events last.
    pub events: Vec<DossierEvent>,
    /// Whether more events matched than `limit`.
    pub truncated: bool,
}

/// Daily counts of one event type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeSeries {
    pub event_type: String,
    pub per_day: Vec<(NaiveDate, u64)>,
}

/// `GET /api/stats`: the store's statistics plus a per-type daily series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatsView {
    #[serde(flatten)]
    pub stats: rasd_store::Stats,
    /// Events without a date (not in `per_day`).
    pub undated: u64,
    pub per_day_by_type: Vec<TypeSeries>,
}

/// One entry of a controlled vocabulary, with its labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    pub key: String,
    /// The parent's key (a sub-event type's event type).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// ACLED's English name (actors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `GET /api/vocabulary`: what filters and edits accept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vocabulary {
    pub event_types: Vec<Term>,
    pub sub_event_types: Vec<Term>,
    pub tags: Vec<Term>,
    pub actors: Vec<Term>,
    pub governorates: Vec<AdminView>,
}
