//! Merge history and the change feed.

use chrono::{DateTime, Utc};
use rasd_core::EventId;

use crate::db::{Conn, ConnExt, Dialect, Row, args, opt_json_col};
use crate::error::{Result, StoreError};
use crate::keys::FEED_LOCK;
use crate::merger::MatchReason;
use crate::model::{Change, ChangeKind, MergeKind, MergeRecord};

/// One merge-history record about to be written.
#[derive(Debug, Clone, Default)]
pub struct Entry<'a> {
    pub event: Option<&'a EventId>,
    pub other: Option<&'a EventId>,
    pub report: Option<i64>,
    pub document: Option<i64>,
    pub reason: Option<&'a MatchReason>,
}

pub fn record(
    conn: &mut dyn Conn,
    kind: MergeKind,
    e: Entry<'_>,
    who: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let reason = e.reason.map(serde_json::to_string).transpose()?;
    conn.exec(
        "INSERT INTO merges (kind, event_id, other_event_id, report_id, document, reason, who, at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        &args![
            kind.as_str(),
            e.event.map(|i| i.0.clone()),
            e.other.map(|i| i.0.clone()),
            e.report,
            e.document,
            reason,
            who,
            now
        ],
    )?;
    Ok(())
}

fn merge_from_row(r: &dyn Row) -> Result<MergeRecord> {
    let kind = r.req_text(1)?;
    Ok(MergeRecord {
        id: r.req_int(0)?,
        kind: MergeKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("merge kind {kind:?}")))?,
        event_id: r.text(2)?.map(EventId),
        other_event_id: r.text(3)?.map(EventId),
        report_id: r.int(4)?,
        document: r.int(5)?,
        reason: opt_json_col(r, 6)?,
        who: r.req_text(7)?,
        at: r.req_time(8)?,
    })
}

/// Every record naming the event (as actor or as the other side), oldest first.
pub fn of_event(conn: &mut dyn Conn, id: &EventId) -> Result<Vec<MergeRecord>> {
    conn.query_map(
        "SELECT id, kind, event_id, other_event_id, report_id, document, reason, who, at FROM merges \
         WHERE event_id = ? OR other_event_id = ? ORDER BY id",
        &args![&id.0, &id.0],
        merge_from_row,
    )
}

/// A change-feed entry waiting for the end of its transaction.
#[derive(Debug, Clone)]
pub struct PendingChange {
    pub kind: ChangeKind,
    pub event_id: EventId,
    pub detail: serde_json::Value,
}

/// Appends the changes of a transaction, as its last step. On PostgreSQL the feed lock is
/// taken first and held to commit, so sequence numbers follow commit order and a reader
/// that has seen `seq` never later finds a smaller one appear.
pub fn flush(conn: &mut dyn Conn, changes: &[PendingChange], now: DateTime<Utc>) -> Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    if conn.dialect() == Dialect::Postgres {
        conn.exec("SELECT pg_advisory_xact_lock(?)", &args![FEED_LOCK])?;
    }
    for c in changes {
        conn.exec(
            "INSERT INTO changes (kind, event_id, detail, at) VALUES (?, ?, ?, ?)",
            &args![
                c.kind.as_str(),
                &c.event_id.0,
                serde_json::to_string(&c.detail)?,
                now
            ],
        )?;
    }
    Ok(())
}

pub fn since(conn: &mut dyn Conn, seq: i64, limit: u32) -> Result<Vec<Change>> {
    conn.query_map(
        "SELECT seq, kind, event_id, detail, at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
        &args![seq, i64::from(limit)],
        |r| {
            let kind = r.req_text(1)?;
            Ok(Change {
                seq: r.req_int(0)?,
                kind: ChangeKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("change kind {kind:?}")))?,
                event_id: EventId(r.req_text(2)?),
                detail: serde_json::from_str(&r.req_text(3)?)?,
                at: r.req_time(4)?,
            })
        },
    )
}
