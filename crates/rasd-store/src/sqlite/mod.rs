//! The SQLite backend: one file, WAL mode, one writer connection (writes are serialised,
//! also across processes, by `BEGIN IMMEDIATE` and a busy timeout) and a pool of read
//! connections so many API clients can read at once.

mod migrate;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rasd_core::{ContentHash, EventId};
use rusqlite::types::{ToSqlOutput, Value as SqlValue, ValueRef};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::OpenOptions;
use crate::db::pool::Pool;
use crate::db::{Conn, Dialect, Row, Value};
use crate::engine::{apply, documents, history, queries, reviews};
use crate::error::{Result, StoreError};
use crate::filter::{EventFilter, Page};
use crate::merger::Merger;
use crate::model::{
    ApplyOptions, BatchOutcome, Change, DocumentInput, EventDetail, MergeRecord, Review,
    ReviewAction, ReviewOutcome, SearchHit, Stats, StoredDocument, StoredEvent, Totals,
};
use crate::store::{Backend, Store};

/// How long a connection waits for another process's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Attempts of a write transaction that hit a busy database.
const WRITE_ATTEMPTS: usize = 3;

/// A SQLite store.
pub struct SqliteStore {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Pool<Connection>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.set_prepared_statement_cache_capacity(128);
    Ok(())
}

impl SqliteStore {
    /// Opens or creates the database file and applies pending migrations.
    pub fn open(path: impl AsRef<Path>, opts: &OpenOptions) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let mut writer = Connection::open(&path)?;
        // WAL: readers never block the writer nor each other.
        let mode: String = writer.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(%mode, path = %path.display(), "SQLite did not switch to WAL mode");
        }
        configure(&writer)?;
        migrate::migrate(&mut writer)?;
        let rpath = path.clone();
        let readers = Pool::new(opts.read_connections, move || {
            let c = Connection::open_with_flags(
                &rpath,
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_URI,
            )?;
            configure(&c)?;
            Ok(c)
        });
        tracing::debug!(path = %path.display(), "opened SQLite store");
        Ok(SqliteStore {
            path,
            writer: Mutex::new(writer),
            readers,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        // A panic inside a transaction drops (and so rolls back) the transaction before
        // the guard is released: the connection is consistent even if the lock is poisoned.
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` in an immediate write transaction, committing on success, rolling back on
    /// error; retries when the database is busy.
    fn write<T>(&self, mut f: impl FnMut(&mut dyn Conn) -> Result<T>) -> Result<T> {
        let mut guard = self.writer();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result: Result<T> = (|| {
                let tx = guard.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let out = f(&mut SqliteConn(&tx))?;
                tx.commit()?;
                Ok(out)
            })();
            match result {
                Err(e) if e.is_retryable() && attempt < WRITE_ATTEMPTS => {
                    tracing::warn!(attempt, error = %e, "SQLite busy; retrying the transaction");
                }
                other => return other,
            }
        }
    }

    /// Runs `f` on a pooled read connection, in a read transaction (one snapshot).
    fn read<T>(&self, f: impl FnOnce(&mut dyn Conn) -> Result<T>) -> Result<T> {
        let mut conn = self.readers.get()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let out = f(&mut SqliteConn(&tx))?;
        tx.finish()?;
        Ok(out)
    }
}

/// A SQLite connection (or transaction) as a [`Conn`].
struct SqliteConn<'a>(&'a Connection);

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Int(Some(v)) => ToSqlOutput::from(*v),
            Value::Real(Some(v)) => ToSqlOutput::from(*v),
            Value::Text(Some(v)) => ToSqlOutput::Borrowed(ValueRef::Text(v.as_bytes())),
            Value::Int(None) | Value::Real(None) | Value::Text(None) | Value::Date(None) => {
                ToSqlOutput::Owned(SqlValue::Null)
            }
            Value::Bool(b) => ToSqlOutput::from(i64::from(*b)),
            Value::Date(Some(d)) => {
                ToSqlOutput::Owned(SqlValue::Text(d.format("%Y-%m-%d").to_string()))
            }
            Value::Time(t) => ToSqlOutput::Owned(SqlValue::Text(format_time(t))),
            Value::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
            Value::IntArray(_) => {
                return Err(rusqlite::Error::ToSqlConversionFailure(
                    "integer arrays are PostgreSQL-only".into(),
                ));
            }
        })
    }
}

/// RFC 3339 UTC with microseconds: sorts as text in time order.
fn format_time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

impl Conn for SqliteConn<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let mut st = self.0.prepare_cached(sql)?;
        Ok(st.execute(rusqlite::params_from_iter(params.iter()))? as u64)
    }

    fn query_each(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&dyn Row) -> Result<()>,
    ) -> Result<()> {
        let mut st = self.0.prepare_cached(sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(params.iter()))?;
        while let Some(r) = rows.next()? {
            f(&SqliteRow(r))?;
        }
        Ok(())
    }
}

struct SqliteRow<'a, 'b>(&'a rusqlite::Row<'b>);

impl Row for SqliteRow<'_, '_> {
    fn int(&self, i: usize) -> Result<Option<i64>> {
        Ok(self.0.get(i)?)
    }
    fn real(&self, i: usize) -> Result<Option<f64>> {
        Ok(self.0.get(i)?)
    }
    fn text(&self, i: usize) -> Result<Option<String>> {
        Ok(self.0.get(i)?)
    }
    fn boolean(&self, i: usize) -> Result<bool> {
        Ok(self.0.get::<_, Option<i64>>(i)?.unwrap_or(0) != 0)
    }
    fn date(&self, i: usize) -> Result<Option<NaiveDate>> {
        self.text(i)?
            .map(|s| {
                NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                    .map_err(|e| StoreError::Corrupt(format!("date {s:?}: {e}")))
            })
            .transpose()
    }
    fn time(&self, i: usize) -> Result<Option<DateTime<Utc>>> {
        self.text(i)?
            .map(|s| {
                DateTime::parse_from_rfc3339(&s)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|e| StoreError::Corrupt(format!("time {s:?}: {e}")))
            })
            .transpose()
    }
    fn blob(&self, i: usize) -> Result<Option<Vec<u8>>> {
        Ok(self.0.get(i)?)
    }
}

impl Store for SqliteStore {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn apply_batch(
        &self,
        batch: &[DocumentInput],
        merger: &dyn Merger,
        opts: &ApplyOptions,
    ) -> Result<BatchOutcome> {
        let out = self.write(|c| apply::apply_batch(c, batch, merger, opts))?;
        tracing::info!(documents = batch.len(), ?out, "applied batch");
        Ok(out)
    }

    fn has_documents(&self, hashes: &[ContentHash]) -> Result<Vec<bool>> {
        self.read(|c| queries::known(c, hashes))
    }

    fn document_by_hash(&self, hash: &ContentHash) -> Result<Option<StoredDocument>> {
        self.read(|c| documents::load_by_hash(c, hash))
    }

    fn document(&self, id: i64) -> Result<Option<StoredDocument>> {
        self.read(|c| documents::load(c, id))
    }

    fn events(&self, filter: &EventFilter, page: &Page) -> Result<Vec<StoredEvent>> {
        self.read(|c| queries::events(c, filter, page))
    }

    fn count_events(&self, filter: &EventFilter) -> Result<u64> {
        self.read(|c| queries::count(c, filter))
    }

    fn event(&self, id: &EventId) -> Result<Option<EventDetail>> {
        self.read(|c| queries::event_detail(c, id))
    }

    fn stats(&self, filter: &EventFilter) -> Result<Stats> {
        self.read(|c| queries::stats(c, filter))
    }

    fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        self.read(|c| queries::search(c, query, limit))
    }

    fn changes_since(&self, since: i64, limit: u32) -> Result<Vec<Change>> {
        self.read(|c| history::since(c, since, limit))
    }

    fn review(
        &self,
        id: &EventId,
        action: &ReviewAction,
        note: Option<&str>,
        who: &str,
        merger: &dyn Merger,
    ) -> Result<ReviewOutcome> {
        self.write(|c| reviews::review(c, merger, id, action, note, who))
    }

    fn reviews(&self, id: &EventId) -> Result<Vec<Review>> {
        self.read(|c| match crate::engine::events::resolve(c, id)? {
            Some(row) => reviews::of_event(c, &row.event.id),
            None => Ok(vec![]),
        })
    }

    fn merge_history(&self, id: &EventId) -> Result<Vec<MergeRecord>> {
        self.read(|c| queries::merge_history(c, id))
    }

    fn totals(&self) -> Result<Totals> {
        self.read(queries::totals)
    }
}
