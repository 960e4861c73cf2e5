//! Event rows: creation, consensus columns, blocking keys, redirects.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rasd_core::{EventId, Field};

use crate::db::{Conn, ConnExt, Dialect, Row, Value, args, json_col, placeholders, vals};
use crate::error::{Result, StoreError};
use crate::keys::{event_id, place_key};
use crate::merger::{BlockKey, Consensus};
use crate::model::{EventStatus, FieldEdit, ReviewStatus, StoredEvent};

/// The columns [`event_from_row`] reads, from `events e`.
pub const EVENT_COLS: &str = "e.num, e.id, e.status, e.review_status, e.redirect_to, e.consensus, \
     e.overrides, e.n_reports, e.n_sources, e.created_at, e.updated_at";

/// An event row with the analyst's overrides.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub num: i64,
    pub event: StoredEvent,
    pub overrides: Vec<FieldEdit>,
}

pub fn event_from_row(r: &dyn Row) -> Result<EventRow> {
    let status_s = r.req_text(2)?;
    let review_s = r.req_text(3)?;
    let overrides: Vec<FieldEdit> = json_col(r, 6)?;
    let event = StoredEvent {
        id: EventId(r.req_text(1)?),
        status: EventStatus::parse(&status_s)
            .ok_or_else(|| StoreError::Corrupt(format!("event status {status_s:?}")))?,
        review_status: ReviewStatus::parse(&review_s)
            .ok_or_else(|| StoreError::Corrupt(format!("review status {review_s:?}")))?,
        redirect_to: r.text(4)?.map(EventId),
        values: json_col(r, 5)?,
        overridden: overridden_fields(&overrides),
        n_reports: u32::try_from(r.req_int(7)?).unwrap_or(u32::MAX),
        n_sources: u32::try_from(r.req_int(8)?).unwrap_or(u32::MAX),
        created_at: r.req_time(9)?,
        updated_at: r.req_time(10)?,
    };
    Ok(EventRow {
        num: r.req_int(0)?,
        event,
        overrides,
    })
}

pub fn overridden_fields(o: &[FieldEdit]) -> Vec<Field> {
    let mut v: Vec<Field> = o.iter().map(FieldEdit::field).collect();
    v.sort();
    v.dedup();
    v
}

pub fn load_event(conn: &mut dyn Conn, id: &EventId) -> Result<Option<EventRow>> {
    let sql = format!("SELECT {EVENT_COLS} FROM events e WHERE e.id = ?");
    conn.query_opt(&sql, &args![&id.0], event_from_row)
}

/// Follows merge redirects from `id` to the event that now stands for it.
pub fn resolve(conn: &mut dyn Conn, id: &EventId) -> Result<Option<EventRow>> {
    let mut cur = id.clone();
    for _ in 0..32 {
        match load_event(conn, &cur)? {
            None => return Ok(None),
            Some(row) => match (&row.event.status, &row.event.redirect_to) {
                (EventStatus::Merged, Some(next)) => cur = next.clone(),
                _ => return Ok(Some(row)),
            },
        }
    }
    Err(StoreError::Corrupt(format!("redirect loop from {id}")))
}

/// Takes a row lock on an event that may receive a report, following redirects if it was
/// merged meanwhile (by a concurrent writer). Returns the event that receives it.
pub fn claim(conn: &mut dyn Conn, id: &EventId, now: DateTime<Utc>) -> Result<EventId> {
    let mut cur = id.clone();
    for _ in 0..32 {
        let n = conn.exec(
            "UPDATE events SET updated_at = ? WHERE id = ? AND status <> 'merged'",
            &args![now, &cur.0],
        )?;
        if n > 0 {
            return Ok(cur);
        }
        match load_event(conn, &cur)? {
            Some(EventRow {
                event:
                    StoredEvent {
                        redirect_to: Some(next),
                        ..
                    },
                ..
            }) => cur = next,
            _ => return Err(StoreError::NoSuchEvent(cur)),
        }
    }
    Err(StoreError::Corrupt(format!("redirect loop from {id}")))
}

fn next_num(conn: &mut dyn Conn) -> Result<i64> {
    match conn.dialect() {
        Dialect::Postgres => conn.query_i64("SELECT nextval('events_num_seq')", &[]),
        // One writer at a time; events are never deleted, so max + 1 is never reused.
        Dialect::Sqlite => conn.query_i64("SELECT COALESCE(MAX(num), 0) + 1 FROM events", &[]),
    }
}

/// Inserts a new active event with these values.
pub fn create_event(
    conn: &mut dyn Conn,
    c: &Consensus,
    n_reports: u32,
    n_sources: u32,
    now: DateTime<Utc>,
) -> Result<EventId> {
    let num = next_num(conn)?;
    let id = event_id(num);
    let mut params = vals![
        num,
        &id.0,
        EventStatus::Active.as_str(),
        ReviewStatus::Unreviewed.as_str(),
        "[]",
        now
    ];
    params.extend(consensus_values(c, n_reports, n_sources)?);
    params.push(now.into());
    let sql = format!(
        "INSERT INTO events (num, id, status, review_status, overrides, created_at, {CONSENSUS_COLS}, updated_at) \
         VALUES ({})",
        placeholders(params.len())
    );
    conn.exec(&sql, &params)?;
    Ok(id)
}

const CONSENSUS_COLS: &str = "event_type, sub_event_type, tags, date, time_precision, location_name, \
     location_key, place_id, country, admin1, admin1_key, admin1_pcode, admin2, admin2_key, admin2_pcode, \
     admin3, admin3_key, admin3_pcode, lat, lon, geo_precision, actor1, actor1_kind, actor2, actor2_kind, \
     fatalities, injured, confidence, n_reports, n_sources, consensus";

fn consensus_values(
    c: &Consensus,
    n_reports: u32,
    n_sources: u32,
) -> Result<Vec<crate::db::Value>> {
    let l = &c.location;
    let tags = if c.tags.is_empty() {
        String::new()
    } else {
        format!(
            ",{},",
            c.tags
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(",")
        )
    };
    let key = |s: &Option<String>| s.as_deref().map(place_key);
    Ok(vals![
        c.event_type.as_str(),
        c.sub_event_type.as_str(),
        tags,
        c.date,
        c.time_precision.map(|p| i64::from(p.code())),
        &l.name,
        place_key(&l.name),
        l.place_id.as_ref().map(|p| p.0.clone()),
        Some(l.country.clone()),
        l.admin1.clone(),
        key(&l.admin1),
        l.admin1_pcode.clone(),
        l.admin2.clone(),
        key(&l.admin2),
        l.admin2_pcode.clone(),
        l.admin3.clone(),
        key(&l.admin3),
        l.admin3_pcode.clone(),
        l.lat,
        l.lon,
        i64::from(l.geo_precision.code()),
        c.actor1.as_ref().map(|a| a.key()),
        c.actor1.as_ref().map(|a| a.kind.key().to_owned()),
        c.actor2.as_ref().map(|a| a.key()),
        c.actor2.as_ref().map(|a| a.kind.key().to_owned()),
        c.fatalities,
        c.injured,
        f64::from(c.confidence),
        n_reports,
        n_sources,
        serde_json::to_string(c)?,
    ])
}

/// Rewrites an event's values, counts and status.
pub fn write_event(
    conn: &mut dyn Conn,
    id: &EventId,
    status: EventStatus,
    c: &Consensus,
    n_reports: u32,
    n_sources: u32,
    now: DateTime<Utc>,
) -> Result<()> {
    let sets: Vec<String> = CONSENSUS_COLS
        .split(',')
        .map(|c| format!("{} = ?", c.trim()))
        .collect();
    let sql = format!(
        "UPDATE events SET {}, status = ?, updated_at = ? WHERE id = ?",
        sets.join(", ")
    );
    let mut params = consensus_values(c, n_reports, n_sources)?;
    params.extend(vals![status.as_str(), now, &id.0]);
    conn.exec(&sql, &params)?;
    Ok(())
}

pub fn set_status(
    conn: &mut dyn Conn,
    id: &EventId,
    status: EventStatus,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.exec(
        "UPDATE events SET status = ?, updated_at = ? WHERE id = ?",
        &args![status.as_str(), now, &id.0],
    )?;
    Ok(())
}

pub fn set_review_status(
    conn: &mut dyn Conn,
    id: &EventId,
    status: ReviewStatus,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.exec(
        "UPDATE events SET review_status = ?, updated_at = ? WHERE id = ?",
        &args![status.as_str(), now, &id.0],
    )?;
    Ok(())
}

pub fn set_overrides(conn: &mut dyn Conn, id: &EventId, o: &[FieldEdit]) -> Result<()> {
    conn.exec(
        "UPDATE events SET overrides = ? WHERE id = ?",
        &args![serde_json::to_string(o)?, &id.0],
    )?;
    Ok(())
}

/// Marks `absorbed` as merged into `into` (and repoints older redirects to it).
pub fn redirect(
    conn: &mut dyn Conn,
    absorbed: &EventId,
    into: &EventId,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.exec(
        "UPDATE events SET status = 'merged', redirect_to = ?, n_reports = 0, updated_at = ? WHERE id = ?",
        &args![&into.0, now, &absorbed.0],
    )?;
    conn.exec(
        "UPDATE events SET redirect_to = ? WHERE redirect_to = ?",
        &args![&into.0, &absorbed.0],
    )?;
    conn.exec(
        "DELETE FROM event_blocks WHERE event_id = ?",
        &args![&absorbed.0],
    )?;
    Ok(())
}

/// Adds blocking keys to an event.
pub fn add_blocks(conn: &mut dyn Conn, id: &EventId, keys: &BTreeSet<BlockKey>) -> Result<()> {
    for k in keys {
        conn.exec(
            "INSERT INTO event_blocks (block, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            &args![&k.0, &id.0],
        )?;
    }
    Ok(())
}

/// Replaces an event's blocking keys.
pub fn set_blocks(conn: &mut dyn Conn, id: &EventId, keys: &BTreeSet<BlockKey>) -> Result<()> {
    let current: BTreeSet<BlockKey> = conn
        .query_map(
            "SELECT block FROM event_blocks WHERE event_id = ?",
            &args![&id.0],
            |r| Ok(BlockKey(r.req_text(0)?)),
        )?
        .into_iter()
        .collect();
    for k in current.difference(keys) {
        conn.exec(
            "DELETE FROM event_blocks WHERE block = ? AND event_id = ?",
            &args![&k.0, &id.0],
        )?;
    }
    let missing: BTreeSet<BlockKey> = keys.difference(&current).cloned().collect();
    add_blocks(conn, id, &missing)
}

pub fn blocks_of(conn: &mut dyn Conn, id: &EventId) -> Result<Vec<BlockKey>> {
    conn.query_map(
        "SELECT block FROM event_blocks WHERE event_id = ?",
        &args![&id.0],
        |r| Ok(BlockKey(r.req_text(0)?)),
    )
}

/// The most candidates considered for one report (the most recent events of its blocks).
pub const MAX_CANDIDATES: usize = 200;

/// Non-merged events filed under any of these keys, newest first. Two index-driven steps
/// (block keys → event ids → rows), so the plan never depends on table statistics.
pub fn candidate_events(conn: &mut dyn Conn, probe: &[BlockKey]) -> Result<Vec<EventRow>> {
    let mut ids: Vec<String> = Vec::new();
    for chunk in probe.chunks(200) {
        let sql = format!(
            "SELECT DISTINCT b.event_id FROM event_blocks b WHERE b.block IN ({})",
            placeholders(chunk.len())
        );
        let params: Vec<Value> = chunk.iter().map(|k| Value::from(&k.0)).collect();
        ids.extend(conn.query_map(&sql, &params, |r| r.req_text(0))?);
    }
    ids.sort();
    ids.dedup();
    let mut out = Vec::new();
    for chunk in ids.chunks(200) {
        let sql = format!(
            "SELECT {EVENT_COLS} FROM events e WHERE e.id IN ({}) AND e.status <> 'merged'",
            placeholders(chunk.len())
        );
        let params: Vec<Value> = chunk.iter().map(Value::from).collect();
        out.extend(conn.query_map(&sql, &params, event_from_row)?);
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.num));
    out.truncate(MAX_CANDIDATES);
    Ok(out)
}
