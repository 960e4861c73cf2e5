//! The store's logic, written once over [`crate::db::Conn`] for both backends: applying
//! batches (documents, re-extraction, merging), reviews and queries.

pub mod apply;
pub mod documents;
pub mod events;
pub mod history;
pub mod lifecycle;
pub mod queries;
pub mod reports;
pub mod reviews;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rasd_core::EventId;

use crate::db::{Conn, ConnExt, Dialect, Value, args};
use crate::error::Result;
use crate::keys::fingerprint;
use crate::merger::Merger;
use crate::model::{ChangeKind, EventStatus};
use history::PendingChange;

/// The advisory-lock buckets block, band and document keys are hashed into (in the
/// two-int lock space under class 1918989156 = "rasd", apart from the feed lock).
pub const LOCK_BUCKETS: i64 = 1024;

/// One write transaction's state: the connection, the merger, and what happened to which
/// event (to count, and to write the change feed at the end).
pub struct Tx<'c> {
    pub conn: &'c mut dyn Conn,
    pub merger: &'c dyn Merger,
    pub now: DateTime<Utc>,
    pub who: String,
    /// For each touched event: its state fingerprint before the transaction (None when the
    /// transaction created it).
    before: BTreeMap<EventId, Option<String>>,
    /// Absorbed event → survivor.
    merged: BTreeMap<EventId, EventId>,
    /// Extra feed entries (splits, reviews), in order.
    extra: Vec<PendingChange>,
}

/// What happened to events in a transaction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EventCounts {
    pub new: u64,
    pub updated: u64,
    pub merged: u64,
    pub retired: u64,
}

impl std::fmt::Debug for Tx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx")
            .field("who", &self.who)
            .field("touched", &self.before.len())
            .finish_non_exhaustive()
    }
}

impl<'c> Tx<'c> {
    pub fn new(conn: &'c mut dyn Conn, merger: &'c dyn Merger, who: &str) -> Self {
        Tx {
            conn,
            merger,
            now: Utc::now(),
            who: who.to_owned(),
            before: BTreeMap::new(),
            merged: BTreeMap::new(),
            extra: Vec::new(),
        }
    }

    /// Remembers an event's state before this transaction first changes it.
    pub fn touch(&mut self, id: &EventId) -> Result<()> {
        if !self.before.contains_key(id) {
            let fp = state_fingerprint(self.conn, id)?;
            self.before.insert(id.clone(), fp);
        }
        Ok(())
    }

    /// Marks an event as created by this transaction.
    pub fn created(&mut self, id: &EventId) {
        self.before.insert(id.clone(), None);
    }

    pub fn absorbed(&mut self, absorbed: &EventId, into: &EventId) {
        self.merged.insert(absorbed.clone(), into.clone());
    }

    pub fn push_change(&mut self, kind: ChangeKind, id: &EventId, detail: serde_json::Value) {
        self.extra.push(PendingChange {
            kind,
            event_id: id.clone(),
            detail,
        });
    }

    /// Takes advisory locks (PostgreSQL) on these keys, held until the transaction ends.
    /// Keys are hashed into [`LOCK_BUCKETS`] buckets (PostgreSQL's shared lock table is
    /// finite: ~6400 locks by default, and a batch can touch tens of thousands of keys) and
    /// taken in sorted order, so writers never deadlock on them. Two writers whose keys
    /// share a bucket serialise: correctness first, and large batches mostly run one at a
    /// time (extraction, the costly part, runs outside the transaction).
    pub fn lock(&mut self, keys: &BTreeSet<i64>) -> Result<()> {
        if self.conn.dialect() != Dialect::Postgres || keys.is_empty() {
            return Ok(());
        }
        let buckets: BTreeSet<i64> = keys.iter().map(|k| k.rem_euclid(LOCK_BUCKETS)).collect();
        let sorted: Vec<i64> = buckets.into_iter().collect();
        self.conn.exec(
            "SELECT count(pg_advisory_xact_lock(1918989156, k::int)) \
             FROM (SELECT unnest(?::bigint[]) AS k) AS keys",
            &[Value::IntArray(sorted)],
        )?;
        Ok(())
    }

    /// Counts what happened to events and writes the change feed. Call last.
    pub fn finish(mut self) -> Result<EventCounts> {
        let mut counts = EventCounts::default();
        let mut feed: Vec<(i64, PendingChange)> = Vec::new();
        let touched: Vec<(EventId, Option<String>)> =
            std::mem::take(&mut self.before).into_iter().collect();
        for (id, before) in touched {
            let Some(row) = events::load_event(self.conn, &id)? else {
                continue;
            };
            let status = row.event.status;
            let now_fp = state_fingerprint(self.conn, &id)?;
            let detail = serde_json::json!({ "n_reports": row.event.n_reports, "n_sources": row.event.n_sources });
            let change = |kind| PendingChange {
                kind,
                event_id: id.clone(),
                detail: detail.clone(),
            };
            match (before, status) {
                (_, EventStatus::Merged) => {
                    counts.merged += 1;
                    let into = self
                        .merged
                        .get(&id)
                        .cloned()
                        .or(row.event.redirect_to.clone());
                    let d = serde_json::json!({ "into": into });
                    feed.push((
                        row.num,
                        PendingChange {
                            kind: ChangeKind::EventMerged,
                            event_id: id.clone(),
                            detail: d,
                        },
                    ));
                }
                (None, EventStatus::Active) => {
                    counts.new += 1;
                    feed.push((row.num, change(ChangeKind::EventCreated)));
                }
                (None, EventStatus::Retired) => {}
                (Some(b), EventStatus::Retired) => {
                    if Some(&b) != now_fp.as_ref() {
                        counts.retired += 1;
                        feed.push((row.num, change(ChangeKind::EventRetired)));
                    }
                }
                (Some(b), EventStatus::Active) => {
                    if Some(&b) != now_fp.as_ref() {
                        counts.updated += 1;
                        feed.push((row.num, change(ChangeKind::EventUpdated)));
                    }
                }
            }
        }
        feed.sort_by_key(|(num, _)| *num);
        let mut all: Vec<PendingChange> = feed.into_iter().map(|(_, c)| c).collect();
        all.append(&mut self.extra);
        history::flush(self.conn, &all, self.now)?;
        Ok(counts)
    }
}

/// A digest of what a reader sees of an event (values, counts, status, review).
fn state_fingerprint(conn: &mut dyn Conn, id: &EventId) -> Result<Option<String>> {
    let row = conn.query_opt(
        "SELECT status, review_status, consensus, overrides, n_reports, n_sources, redirect_to FROM events WHERE id = ?",
        &args![&id.0],
        |r| {
            Ok((
                r.req_text(0)?,
                r.req_text(1)?,
                r.req_text(2)?,
                r.req_text(3)?,
                r.req_int(4)?,
                r.req_int(5)?,
                r.text(6)?,
            ))
        },
    )?;
    row.map(|r| fingerprint(&r)).transpose()
}
