//! The PostgreSQL backend (sync `postgres` crate). A pool of connections, each with its own
//! prepared-statement cache. Writers serialise on the blocks they touch with transaction
//! advisory locks, insert documents with `ON CONFLICT (content_hash) DO NOTHING`, and
//! retry a transaction that lost a deadlock — so concurrent `rasd ingest` processes never
//! store a document or an event twice.

mod migrate;

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use postgres::types::ToSql;
use postgres::{Client, GenericClient, IsolationLevel, NoTls, Statement};
use rasd_core::{ContentHash, EventId};

use crate::OpenOptions;
use crate::db::pool::Pool;
use crate::db::{Conn, Dialect, Row, Value, number_placeholders};
use crate::engine::{apply, documents, history, queries, reviews};
use crate::error::{Result, StoreError};
use crate::filter::{EventFilter, Page};
use crate::merger::Merger;
use crate::model::{
    ApplyOptions, BatchOutcome, Change, DocumentInput, EventDetail, MergeRecord, Review,
    ReviewAction, ReviewOutcome, SearchHit, Stats, StoredDocument, StoredEvent, Totals,
};
use crate::store::{Backend, Store};

/// Attempts of a write transaction that lost a deadlock or a serialisation race.
const WRITE_ATTEMPTS: usize = 5;

/// Cached statements per connection before the cache is cleared.
const STATEMENT_CACHE: usize = 512;

/// A pooled connection with its statement cache.
struct PgClient {
    client: Client,
    stmts: HashMap<String, Statement>,
}

/// A PostgreSQL store.
pub struct PgStore {
    schema: Option<String>,
    drop_schema: bool,
    pool: Pool<PgClient>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("schema", &self.schema)
            .finish_non_exhaustive()
    }
}

/// Whether a schema name is a plain identifier (it is spliced into `SET search_path`).
fn valid_schema(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

impl PgStore {
    /// Connects, creates the schema if asked, and applies pending migrations.
    pub fn open(url: &str, opts: &OpenOptions) -> Result<Self> {
        let config = postgres::Config::from_str(url)?;
        if let Some(s) = &opts.pg_schema
            && !valid_schema(s)
        {
            return Err(StoreError::Invalid(format!(
                "schema name {s:?}: use [a-z_][a-z0-9_]*"
            )));
        }
        let schema = opts.pg_schema.clone();
        let mut first = config.connect(NoTls)?;
        migrate::migrate(&mut first, schema.as_deref())?;
        let sc = schema.clone();
        let pool = Pool::new(opts.read_connections.max(2), move || {
            let mut client = config.connect(NoTls)?;
            if let Some(s) = &sc {
                client.batch_execute(&format!("SET search_path TO {s}"))?;
            }
            Ok(PgClient {
                client,
                stmts: HashMap::new(),
            })
        });
        tracing::debug!(schema = ?schema, "opened PostgreSQL store");
        Ok(PgStore {
            schema,
            drop_schema: opts.pg_drop_schema_on_drop,
            pool,
        })
    }

    /// Runs `f` in a read-committed transaction; retries the whole transaction when
    /// PostgreSQL aborted it for a deadlock or serialisation failure.
    fn write<T>(&self, mut f: impl FnMut(&mut dyn Conn) -> Result<T>) -> Result<T> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut pc = self.pool.get()?;
            let result: Result<T> = (|| {
                let PgClient { client, stmts } = &mut *pc;
                let mut tx = client.transaction()?;
                let out = f(&mut PgConn { c: &mut tx, stmts })?;
                tx.commit()?;
                Ok(out)
            })();
            match result {
                Err(e) if e.is_retryable() && attempt < WRITE_ATTEMPTS => {
                    tracing::warn!(attempt, error = %e, "PostgreSQL transaction aborted; retrying");
                    std::thread::sleep(std::time::Duration::from_millis(20 * attempt as u64));
                }
                Err(e) => {
                    if pc.client.is_closed() {
                        pc.discard();
                    }
                    return Err(e);
                }
                ok => return ok,
            }
        }
    }

    /// Runs `f` in a read-only repeatable-read transaction (one snapshot).
    fn read<T>(&self, f: impl FnOnce(&mut dyn Conn) -> Result<T>) -> Result<T> {
        let mut pc = self.pool.get()?;
        let PgClient { client, stmts } = &mut *pc;
        let mut tx = client
            .build_transaction()
            .read_only(true)
            .isolation_level(IsolationLevel::RepeatableRead)
            .start()?;
        let out = f(&mut PgConn { c: &mut tx, stmts })?;
        tx.commit()?;
        Ok(out)
    }
}

impl Drop for PgStore {
    fn drop(&mut self) {
        let Some(schema) = self.schema.clone().filter(|_| self.drop_schema) else {
            return;
        };
        let result = self.pool.get().and_then(|mut pc| {
            Ok(pc
                .client
                .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))?)
        });
        if let Err(e) = result {
            tracing::warn!(%schema, error = %e, "could not drop schema");
        }
    }
}

/// A PostgreSQL transaction as a [`Conn`].
struct PgConn<'a, C: GenericClient> {
    c: &'a mut C,
    stmts: &'a mut HashMap<String, Statement>,
}

impl<C: GenericClient> PgConn<'_, C> {
    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.stmts.get(sql) {
            return Ok(s.clone());
        }
        let st = self.c.prepare(&number_placeholders(sql))?;
        if self.stmts.len() >= STATEMENT_CACHE {
            self.stmts.clear();
        }
        self.stmts.insert(sql.to_owned(), st.clone());
        Ok(st)
    }
}

fn pg_params(params: &[Value]) -> Vec<Box<dyn ToSql + Sync>> {
    params
        .iter()
        .map(|v| -> Box<dyn ToSql + Sync> {
            match v {
                Value::Int(x) => Box::new(*x),
                Value::Real(x) => Box::new(*x),
                Value::Text(x) => Box::new(x.clone()),
                Value::Bool(x) => Box::new(*x),
                Value::Date(x) => Box::new(*x),
                Value::Time(x) => Box::new(*x),
                Value::Blob(x) => Box::new(x.clone()),
                Value::IntArray(x) => Box::new(x.clone()),
            }
        })
        .collect()
}

impl<C: GenericClient> Conn for PgConn<'_, C> {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let st = self.statement(sql)?;
        let boxed = pg_params(params);
        let refs: Vec<&(dyn ToSql + Sync)> = boxed.iter().map(|b| b.as_ref()).collect();
        Ok(self.c.execute(&st, &refs)?)
    }

    fn query_each(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&dyn Row) -> Result<()>,
    ) -> Result<()> {
        let st = self.statement(sql)?;
        let boxed = pg_params(params);
        let refs: Vec<&(dyn ToSql + Sync)> = boxed.iter().map(|b| b.as_ref()).collect();
        for r in self.c.query(&st, &refs)? {
            f(&PgRow(&r))?;
        }
        Ok(())
    }
}

struct PgRow<'a>(&'a postgres::Row);

impl Row for PgRow<'_> {
    fn int(&self, i: usize) -> Result<Option<i64>> {
        Ok(self.0.try_get(i)?)
    }
    fn real(&self, i: usize) -> Result<Option<f64>> {
        Ok(self.0.try_get(i)?)
    }
    fn text(&self, i: usize) -> Result<Option<String>> {
        Ok(self.0.try_get(i)?)
    }
    fn boolean(&self, i: usize) -> Result<bool> {
        Ok(self.0.try_get::<_, Option<bool>>(i)?.unwrap_or(false))
    }
    fn date(&self, i: usize) -> Result<Option<NaiveDate>> {
        Ok(self.0.try_get(i)?)
    }
    fn time(&self, i: usize) -> Result<Option<DateTime<Utc>>> {
        Ok(self.0.try_get(i)?)
    }
    fn blob(&self, i: usize) -> Result<Option<Vec<u8>>> {
        Ok(self.0.try_get(i)?)
    }
}

impl Store for PgStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
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
