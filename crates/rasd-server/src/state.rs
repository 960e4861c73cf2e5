//! Shared state: the store, the gazetteer, the merger, the token, a bound on concurrent
//! store calls and a small cache of counts that the change feed invalidates.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rasd_gazetteer::Gazetteer;
use rasd_merge::RasdMerger;
use rasd_store::{Store, StoreError};
use tokio::sync::Semaphore;

use crate::auth::Token;
use crate::error::ApiError;

/// Tuning of the state.
#[derive(Debug, Clone, PartialEq)]
pub struct StateOptions {
    /// Store calls running at once (each on a blocking thread); more requests wait their
    /// turn without holding a thread.
    pub store_concurrency: usize,
    /// How often cached counts are checked against the change feed.
    pub cache_check: Duration,
    /// Entries the count cache keeps before it starts over.
    pub cache_entries: usize,
}

impl Default for StateOptions {
    fn default() -> Self {
        StateOptions {
            store_concurrency: 8,
            cache_check: Duration::from_secs(1),
            cache_entries: 2048,
        }
    }
}

/// Everything a handler needs. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    store: Arc<dyn Store>,
    gazetteer: Arc<Gazetteer>,
    merger: Arc<RasdMerger>,
    token: Token,
    permits: Semaphore,
    cache: Mutex<Cache>,
    opts: StateOptions,
}

/// Cached results (counts, statistics) valid as long as the change feed has not moved.
#[derive(Debug, Default)]
struct Cache {
    /// The last change-feed sequence number the entries reflect.
    seq: Option<i64>,
    checked: Option<Instant>,
    entries: HashMap<String, Arc<serde_json::Value>>,
}

impl AppState {
    pub fn new(
        store: Arc<dyn Store>,
        gazetteer: Arc<Gazetteer>,
        token: Token,
        opts: StateOptions,
    ) -> Self {
        AppState(Arc::new(Inner {
            store,
            gazetteer,
            merger: Arc::new(RasdMerger::default()),
            token,
            permits: Semaphore::new(opts.store_concurrency.max(1)),
            cache: Mutex::new(Cache::default()),
            opts,
        }))
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.0.gazetteer
    }

    pub fn token(&self) -> &Token {
        &self.0.token
    }

    pub fn merger(&self) -> Arc<RasdMerger> {
        Arc::clone(&self.0.merger)
    }

    /// Runs a synchronous store call on a blocking thread, at most
    /// [`StateOptions::store_concurrency`] at a time.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self
            .0
            .permits
            .acquire()
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let store = Arc::clone(&self.0.store);
        tokio::task::spawn_blocking(move || f(store.as_ref()))
            .await
            .map_err(|e| ApiError::Internal(format!("store task failed: {e}")))?
    }

    fn cache(&self) -> MutexGuard<'_, Cache> {
        self.0.cache.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A cached value for `key`, or `compute`'s (then cached), on a blocking thread. See
    /// [`AppState::cached_in`].
    pub async fn cached<T, F>(&self, key: String, compute: F) -> Result<T, ApiError>
    where
        T: serde::Serialize + serde::de::DeserializeOwned + Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, ApiError> + Send + 'static,
    {
        let this = self.clone();
        self.run(move |store| this.cached_in(store, key, compute))
            .await
    }

    /// A cached value for `key`, or `compute`'s (then cached), inside a store call. Before
    /// a lookup, at most once per [`StateOptions::cache_check`], the change feed is asked
    /// whether anything changed; if so the cache starts over.
    pub fn cached_in<T, F>(&self, store: &dyn Store, key: String, compute: F) -> Result<T, ApiError>
    where
        T: serde::Serialize + serde::de::DeserializeOwned,
        F: FnOnce(&dyn Store) -> Result<T, ApiError>,
    {
        self.refresh_cache(store)?;
        if let Some(v) = self.cache().entries.get(&key).cloned() {
            return T::deserialize(v.as_ref()).map_err(|e| ApiError::Internal(e.to_string()));
        }
        let value = compute(store)?;
        let json = serde_json::to_value(&value).map_err(|e| ApiError::Internal(e.to_string()))?;
        let mut cache = self.cache();
        if cache.entries.len() >= self.0.opts.cache_entries {
            cache.entries.clear();
        }
        cache.entries.insert(key, Arc::new(json));
        Ok(value)
    }

    fn refresh_cache(&self, store: &dyn Store) -> Result<(), StoreError> {
        let (seq, due) = {
            let c = self.cache();
            let due = c
                .checked
                .is_none_or(|t| t.elapsed() >= self.0.opts.cache_check);
            (c.seq, due)
        };
        if !due {
            return Ok(());
        }
        let moved = match seq {
            None => true,
            Some(s) => !store.changes_since(s, 1)?.is_empty(),
        };
        let new_seq = if moved {
            Some(store.totals()?.last_seq)
        } else {
            seq
        };
        let mut c = self.cache();
        if moved {
            c.entries.clear();
        }
        c.seq = new_seq;
        c.checked = Some(Instant::now());
        Ok(())
    }

    /// Forgets every cached value (after a write through this server).
    pub fn invalidate_cache(&self) {
        let mut c = self.cache();
        c.entries.clear();
        c.checked = None;
    }
}
