//! An event's life: recomputing its consensus, merging two events, retiring and
//! reactivating.

use std::collections::BTreeSet;

use rasd_core::EventId;

use super::history::{self, Entry};
use super::{Tx, events, reports};
use crate::error::{Result, StoreError};
use crate::merger::{BlockKey, MatchReason};
use crate::model::{EventStatus, FieldEdit, MergeKind, StoredReport};

/// Number of distinct independent documents among reports (near-duplicates count with
/// their first copy).
pub fn n_sources(reports: &[StoredReport]) -> u32 {
    let roots: BTreeSet<i64> = reports.iter().map(|r| r.root_document).collect();
    u32::try_from(roots.len()).unwrap_or(u32::MAX)
}

/// Recomputes an event from its active reports: consensus (with the analyst's overrides on
/// top), counts, blocking keys; retires it when no report is left, reactivates a retired
/// one that got a report back.
pub fn recompute(tx: &mut Tx<'_>, id: &EventId) -> Result<()> {
    let Some(row) = events::resolve(tx.conn, id)? else {
        return Err(StoreError::NoSuchEvent(id.clone()));
    };
    let id = &row.event.id;
    if row.event.status == EventStatus::Merged {
        return Ok(());
    }
    tx.touch(id)?;
    let reps = reports::active_of_event(tx.conn, id)?;
    let Some(mut c) = tx.merger.consolidate(&reps) else {
        if row.event.status == EventStatus::Active {
            events::set_status(tx.conn, id, EventStatus::Retired, tx.now)?;
            conn_record(
                tx,
                MergeKind::Retire,
                Entry {
                    event: Some(id),
                    ..Entry::default()
                },
            )?;
        }
        return Ok(());
    };
    for o in &row.overrides {
        o.apply(&mut c);
    }
    if row.event.status == EventStatus::Retired {
        conn_record(
            tx,
            MergeKind::Reactivate,
            Entry {
                event: Some(id),
                ..Entry::default()
            },
        )?;
    }
    let n = u32::try_from(reps.len()).unwrap_or(u32::MAX);
    events::write_event(
        tx.conn,
        id,
        EventStatus::Active,
        &c,
        n,
        n_sources(&reps),
        tx.now,
    )?;
    let mut blocks: BTreeSet<BlockKey> = BTreeSet::new();
    for r in &reps {
        blocks.extend(tx.merger.blocking_keys(&r.context()).index);
    }
    events::set_blocks(tx.conn, id, &blocks)
}

fn conn_record(tx: &mut Tx<'_>, kind: MergeKind, e: Entry<'_>) -> Result<()> {
    let who = tx.who.clone();
    history::record(tx.conn, kind, e, &who, tx.now)
}

/// `into` absorbs `absorbed`: reports move, overrides of fields `into` has not set carry
/// over, `absorbed` becomes a redirect. Recorded in the history with the reason.
pub fn merge_events(
    tx: &mut Tx<'_>,
    into: &EventId,
    absorbed: &EventId,
    reason: &MatchReason,
) -> Result<()> {
    let into_row =
        events::resolve(tx.conn, into)?.ok_or_else(|| StoreError::NoSuchEvent(into.clone()))?;
    let abs_row = events::resolve(tx.conn, absorbed)?
        .ok_or_else(|| StoreError::NoSuchEvent(absorbed.clone()))?;
    let (into, absorbed) = (&into_row.event.id, &abs_row.event.id);
    if into == absorbed {
        return Ok(());
    }
    tx.touch(into)?;
    tx.touch(absorbed)?;
    // Row locks on both (PostgreSQL): a concurrent writer attaching to `absorbed` waits,
    // then follows the redirect.
    events::claim(tx.conn, into, tx.now)?;
    events::claim(tx.conn, absorbed, tx.now)?;
    reports::move_all(tx.conn, absorbed, into)?;
    let mut overrides: Vec<FieldEdit> = into_row.overrides.clone();
    for o in &abs_row.overrides {
        if !overrides.iter().any(|x| x.field() == o.field()) {
            overrides.push(o.clone());
        }
    }
    events::set_overrides(tx.conn, into, &overrides)?;
    events::redirect(tx.conn, absorbed, into, tx.now)?;
    conn_record(
        tx,
        MergeKind::Merge,
        Entry {
            event: Some(into),
            other: Some(absorbed),
            reason: Some(reason),
            ..Entry::default()
        },
    )?;
    tx.absorbed(absorbed, into);
    recompute(tx, into)
}
