//! rasd-store: the event database.
//!
//! Documents (original text, what cleaning kept and removed, metadata), the reports
//! extracted from them (every field with its evidence), the events those reports merge
//! into (consensus values, per-field disagreements, every source report), the merge
//! history, analyst reviews and a change feed — on SQLite (default, a file such as
//! `./rasd.db`) or PostgreSQL (a `postgres://` URL), behind one object-safe [`Store`] trait.
//!
//! Merge *decisions* are not made here: the store asks a [`Merger`] (implemented by
//! `rasd-merge`) and persists what it decides, inside its own transaction.
//!
//! ```no_run
//! # fn main() -> Result<(), rasd_store::StoreError> {
//! let store = rasd_store::open("./rasd.db")?;
//! let n = store.count_events(&rasd_store::EventFilter::default())?;
//! # Ok(()) }
//! ```

mod db;
mod engine;
pub mod error;
pub mod filter;
pub mod keys;
pub mod merger;
pub mod model;
pub mod postgres;
pub mod search;
pub mod sqlite;
pub mod store;

pub use error::{Result, StoreError};
pub use filter::{BBox, EventFilter, Near, Page, Sort};
pub use merger::{
    BlockKey, BlockKeys, Candidate, Consensus, Criterion, Disagreement, MatchReason, MergeDecision,
    Merger, ReportContext, Signature, ValueSupport,
};
pub use model::{
    ApplyOptions, BatchOutcome, Change, ChangeKind, DocumentInput, EventDetail, EventStatus,
    FieldEdit, MergeKind, MergeRecord, ReportStatus, Review, ReviewAction, ReviewOutcome,
    ReviewStatus, SearchHit, Stats, StoredDocument, StoredEvent, StoredReport, Totals,
};
pub use store::{Backend, Store};

/// How to open a store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenOptions {
    /// Read connections kept in the pool (SQLite) or at most opened (PostgreSQL).
    pub read_connections: usize,
    /// PostgreSQL only: work in this schema (created if missing) instead of `public`.
    pub pg_schema: Option<String>,
    /// PostgreSQL only: drop `pg_schema` when the store is dropped (throw-away databases
    /// for tests and demos).
    pub pg_drop_schema_on_drop: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            read_connections: 8,
            pg_schema: None,
            pg_drop_schema_on_drop: false,
        }
    }
}

/// Opens (creating and migrating if needed) the store at `url_or_path`: a `postgres://` or
/// `postgresql://` URL opens PostgreSQL; anything else is a SQLite file path (an optional
/// `sqlite://` prefix is stripped).
pub fn open(url_or_path: &str) -> Result<Box<dyn Store>> {
    open_with(url_or_path, &OpenOptions::default())
}

/// [`open`] with options.
pub fn open_with(url_or_path: &str, opts: &OpenOptions) -> Result<Box<dyn Store>> {
    if url_or_path.starts_with("postgres://") || url_or_path.starts_with("postgresql://") {
        Ok(Box::new(postgres::PgStore::open(url_or_path, opts)?))
    } else {
        let path = url_or_path.strip_prefix("sqlite://").unwrap_or(url_or_path);
        if path.is_empty() {
            return Err(StoreError::Invalid("empty database path".into()));
        }
        Ok(Box::new(sqlite::SqliteStore::open(path, opts)?))
    }
}
