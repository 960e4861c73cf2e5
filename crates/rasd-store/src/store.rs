//! The `Store` trait: everything the CLI and the server ask of the database.

use std::fmt;

use rasd_core::{ContentHash, EventId};

use crate::error::Result;
use crate::filter::{EventFilter, Near, Page};
use crate::merger::Merger;
use crate::model::{
    ApplyOptions, BatchOutcome, Change, DocumentInput, EventDetail, MergeRecord, Review,
    ReviewAction, ReviewOutcome, SearchHit, Stats, StoredDocument, StoredEvent, Totals,
};

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        })
    }
}

/// rasd's event database. Synchronous, `Send + Sync` and object-safe: hold it as
/// `Arc<dyn Store>`. Every method is safe to call from many threads at once; writes are
/// transactions, reads use a pool of connections.
pub trait Store: Send + Sync + fmt::Debug {
    fn backend(&self) -> Backend;

    /// Applies a batch of documents with their reports in one transaction: new documents
    /// are stored (near-duplicates linked to their first copy), their reports merged into
    /// events; known documents are skipped, or their reports replaced when they changed.
    /// All or nothing: on error nothing of the batch remains.
    fn apply_batch(
        &self,
        batch: &[DocumentInput],
        merger: &dyn Merger,
        opts: &ApplyOptions,
    ) -> Result<BatchOutcome>;

    /// For each content hash, whether the document is stored (so `rasd ingest` can skip
    /// extracting known documents).
    fn has_documents(&self, hashes: &[ContentHash]) -> Result<Vec<bool>>;

    /// The stored document with this content hash.
    fn document_by_hash(&self, hash: &ContentHash) -> Result<Option<StoredDocument>>;

    fn document(&self, id: i64) -> Result<Option<StoredDocument>>;

    /// Events matching a filter, one page of them.
    fn events(&self, filter: &EventFilter, page: &Page) -> Result<Vec<StoredEvent>>;

    fn count_events(&self, filter: &EventFilter) -> Result<u64>;

    /// An event with its reports, evidence, disagreements, reviews and history. A merged
    /// event's id redirects to the event that absorbed it.
    fn event(&self, id: &EventId) -> Result<Option<EventDetail>>;

    /// Counts per day, per sub-event type and per governorate.
    fn stats(&self, filter: &EventFilter) -> Result<Stats>;

    /// Events within `near.radius_km` of a point, oldest first (a place dossier).
    fn events_near(
        &self,
        near: Near,
        filter: &EventFilter,
        page: &Page,
    ) -> Result<Vec<StoredEvent>> {
        let f = EventFilter {
            near: Some(near),
            ..filter.clone()
        };
        self.events(&f, &page.sorted(crate::filter::Sort::DateAsc))
    }

    /// Arabic full-text search over documents (light-stemmed, prefix-matched).
    fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>>;

    /// Change-feed entries with `seq > since`, in order.
    fn changes_since(&self, since: i64, limit: u32) -> Result<Vec<Change>>;

    /// Applies an analyst's review.
    fn review(
        &self,
        id: &EventId,
        action: &ReviewAction,
        note: Option<&str>,
        who: &str,
        merger: &dyn Merger,
    ) -> Result<ReviewOutcome>;

    fn reviews(&self, id: &EventId) -> Result<Vec<Review>>;

    /// Merge history of an event (including events it absorbed).
    fn merge_history(&self, id: &EventId) -> Result<Vec<MergeRecord>>;

    fn totals(&self) -> Result<Totals>;
}
