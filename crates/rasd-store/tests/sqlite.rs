//! The store contract on SQLite, plus SQLite specifics.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;
#[macro_use]
mod contract;

use std::sync::Arc;

use rasd_core::{ContentHash, EventId};
use rasd_store::{
    ApplyOptions, Backend, BatchOutcome, Change, DocumentInput, EventDetail, EventFilter,
    MergeRecord, Merger, Page, Review, ReviewAction, ReviewOutcome, SearchHit, Stats, Store,
    StoredDocument, StoredEvent, Totals,
};
use tempfile::TempDir;

/// A store in a temporary directory, removed with it.
#[derive(Debug)]
struct Temp {
    store: Box<dyn Store>,
    _dir: TempDir,
}

impl Store for Temp {
    fn backend(&self) -> Backend {
        self.store.backend()
    }
    fn apply_batch(
        &self,
        b: &[DocumentInput],
        m: &dyn Merger,
        o: &ApplyOptions,
    ) -> rasd_store::Result<BatchOutcome> {
        self.store.apply_batch(b, m, o)
    }
    fn has_documents(&self, h: &[ContentHash]) -> rasd_store::Result<Vec<bool>> {
        self.store.has_documents(h)
    }
    fn document_by_hash(&self, h: &ContentHash) -> rasd_store::Result<Option<StoredDocument>> {
        self.store.document_by_hash(h)
    }
    fn document(&self, id: i64) -> rasd_store::Result<Option<StoredDocument>> {
        self.store.document(id)
    }
    fn events(&self, f: &EventFilter, p: &Page) -> rasd_store::Result<Vec<StoredEvent>> {
        self.store.events(f, p)
    }
    fn count_events(&self, f: &EventFilter) -> rasd_store::Result<u64> {
        self.store.count_events(f)
    }
    fn event(&self, id: &EventId) -> rasd_store::Result<Option<EventDetail>> {
        self.store.event(id)
    }
    fn stats(&self, f: &EventFilter) -> rasd_store::Result<Stats> {
        self.store.stats(f)
    }
    fn search(&self, q: &str, l: u32) -> rasd_store::Result<Vec<SearchHit>> {
        self.store.search(q, l)
    }
    fn changes_since(&self, s: i64, l: u32) -> rasd_store::Result<Vec<Change>> {
        self.store.changes_since(s, l)
    }
    fn review(
        &self,
        id: &EventId,
        a: &ReviewAction,
        n: Option<&str>,
        w: &str,
        m: &dyn Merger,
    ) -> rasd_store::Result<ReviewOutcome> {
        self.store.review(id, a, n, w, m)
    }
    fn reviews(&self, id: &EventId) -> rasd_store::Result<Vec<Review>> {
        self.store.reviews(id)
    }
    fn merge_history(&self, id: &EventId) -> rasd_store::Result<Vec<MergeRecord>> {
        self.store.merge_history(id)
    }
    fn totals(&self) -> rasd_store::Result<Totals> {
        self.store.totals()
    }
}

fn sqlite() -> Box<dyn Store> {
    let dir = tempfile::tempdir().unwrap();
    let store = rasd_store::open(dir.path().join("rasd.db").to_str().unwrap()).unwrap();
    assert_eq!(store.backend(), Backend::Sqlite);
    Box::new(Temp { store, _dir: dir })
}

fn never() -> bool {
    false
}

contract_tests!(sqlite, never);

#[test]
fn concurrent_writers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rasd.db");
    let open = || rasd_store::open(path.to_str().unwrap()).unwrap();
    contract::concurrent_writers(open(), open(), sqlite());
}

#[test]
fn reopen_keeps_data_and_migrates_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rasd.db");
    let path = path.to_str().unwrap();
    let totals = {
        let store = rasd_store::open(path).unwrap();
        contract::apply(&*store, &common::kanaker());
        store.totals().unwrap()
    };
    let store = rasd_store::open(&format!("sqlite://{path}")).unwrap();
    assert_eq!(store.totals().unwrap(), totals);
    let conn = rusqlite::Connection::open(path).unwrap();
    let versions: i64 = conn
        .query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(versions, 1);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert!(rasd_store::open("").is_err());
}

#[test]
fn many_concurrent_readers() {
    let store: Arc<dyn Store> = Arc::from(sqlite());
    contract::apply(&*store, &common::kanaker());
    let handles: Vec<_> = (0..100)
        .map(|i| {
            let s = store.clone();
            std::thread::spawn(move || {
                let mut last = 0;
                for _ in 0..5 {
                    // The writer adds events meanwhile: counts only grow.
                    let n = s.count_events(&EventFilter::default()).unwrap();
                    assert!(n >= last.max(4));
                    last = n;
                    if i % 2 == 0 {
                        assert!(s.search("قصف", 5).unwrap().len() >= 2);
                    }
                }
            })
        })
        .collect();
    // A writer keeps going meanwhile (WAL: readers do not block it).
    let extra: Vec<DocumentInput> = (0..20).map(|n| common::synthetic(n, 10)).collect();
    for c in extra.chunks(4) {
        contract::apply(&*store, c);
    }
    for h in handles {
        h.join().unwrap();
    }
}
