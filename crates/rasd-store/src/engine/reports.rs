//! Report rows.

use chrono::{DateTime, Utc};
use rasd_core::{DocId, EventId};

use crate::db::{Conn, ConnExt, Row, args, json_col, opt_json_col, vals};
use crate::error::{Result, StoreError};
use crate::merger::{MatchReason, ReportContext};
use crate::model::{ReportStatus, StoredReport};

const REPORT_COLS: &str = "r.id, r.document, d.doc_id, COALESCE(d.duplicate_of, d.id), d.anchor_date, r.event_id, \
     r.ordinal, r.natural_key, r.duplicate_source, r.status, r.data, r.link, r.created_at, r.updated_at, \
     r.fingerprint FROM reports r JOIN documents d ON d.id = r.document";

fn report_from_row(r: &dyn Row) -> Result<StoredReport> {
    let status = match r.req_text(9)?.as_str() {
        "active" => ReportStatus::Active,
        "removed" => ReportStatus::Removed,
        s => return Err(StoreError::Corrupt(format!("report status {s:?}"))),
    };
    Ok(StoredReport {
        id: r.req_int(0)?,
        document: r.req_int(1)?,
        doc_id: DocId(r.req_text(2)?),
        root_document: r.req_int(3)?,
        anchor: r.date(4)?,
        event_id: r.text(5)?.map(EventId),
        ordinal: u32::try_from(r.req_int(6)?).unwrap_or(u32::MAX),
        natural_key: r.req_text(7)?,
        duplicate_source: r.boolean(8)?,
        status,
        report: json_col(r, 10)?,
        link: opt_json_col(r, 11)?,
        created_at: r.req_time(12)?,
        updated_at: r.req_time(13)?,
    })
}

/// Active reports of an event, oldest first.
pub fn active_of_event(conn: &mut dyn Conn, id: &EventId) -> Result<Vec<StoredReport>> {
    let sql =
        format!("SELECT {REPORT_COLS} WHERE r.event_id = ? AND r.status = 'active' ORDER BY r.id");
    conn.query_map(&sql, &args![&id.0], report_from_row)
}

/// Every report ever linked to an event (removed ones too), oldest first.
pub fn all_of_event(conn: &mut dyn Conn, id: &EventId) -> Result<Vec<StoredReport>> {
    let sql = format!("SELECT {REPORT_COLS} WHERE r.event_id = ? ORDER BY r.id");
    conn.query_map(&sql, &args![&id.0], report_from_row)
}

/// Active reports of a document, in extractor order.
pub fn active_of_document(conn: &mut dyn Conn, doc: i64) -> Result<Vec<(StoredReport, String)>> {
    let sql = format!(
        "SELECT {REPORT_COLS} WHERE r.document = ? AND r.status = 'active' ORDER BY r.ordinal, r.id"
    );
    conn.query_map(&sql, &args![doc], |r| {
        Ok((report_from_row(r)?, r.req_text(14)?))
    })
}

/// A report about to be written.
#[derive(Debug, Clone)]
pub struct NewReport<'a> {
    pub ctx: ReportContext<'a>,
    pub ordinal: u32,
    pub natural_key: String,
    pub fingerprint: String,
}

impl NewReport<'_> {
    /// The stored form, once it has an id.
    pub fn stored(
        &self,
        id: i64,
        doc_id: &DocId,
        event: Option<EventId>,
        now: DateTime<Utc>,
    ) -> StoredReport {
        StoredReport {
            id,
            document: self.ctx.document,
            doc_id: doc_id.clone(),
            root_document: self.ctx.root_document,
            anchor: self.ctx.anchor,
            event_id: event,
            ordinal: self.ordinal,
            natural_key: self.natural_key.clone(),
            duplicate_source: self.ctx.duplicate_source,
            status: ReportStatus::Active,
            report: self.ctx.report.clone(),
            link: None,
            created_at: now,
            updated_at: now,
        }
    }

    fn columns(&self) -> Result<Vec<crate::db::Value>> {
        let r = self.ctx.report;
        Ok(vals![
            self.ordinal,
            &self.natural_key,
            &self.fingerprint,
            r.sub_event_type.as_str(),
            self.ctx.date(),
            r.location.place_id.as_ref().map(|p| p.0.clone()),
            &r.location.name,
            r.actor1.as_ref().map(|a| a.key()),
            r.actor2.as_ref().map(|a| a.key()),
            r.fatalities,
            f64::from(r.confidence),
            serde_json::to_string(r)?,
        ])
    }
}

const DATA_COLS: &str = "ordinal, natural_key, fingerprint, sub_event_type, date, place_id, location_name, actor1, actor2, fatalities, confidence, data";

/// Inserts an active report (not yet linked to an event).
pub fn insert(conn: &mut dyn Conn, r: &NewReport<'_>, now: DateTime<Utc>) -> Result<i64> {
    let mut params = vals![r.ctx.document, r.ctx.duplicate_source, "active", now, now];
    params.extend(r.columns()?);
    let sql = format!(
        "INSERT INTO reports (document, duplicate_source, status, created_at, updated_at, {DATA_COLS}) \
         VALUES ({}) RETURNING id",
        crate::db::placeholders(params.len())
    );
    conn.query_opt(&sql, &params, |row| row.req_int(0))?
        .ok_or_else(|| StoreError::Corrupt("insert into reports returned no id".into()))
}

/// Rewrites a report's fields in place (re-extraction of the same report).
pub fn update(conn: &mut dyn Conn, id: i64, r: &NewReport<'_>, now: DateTime<Utc>) -> Result<()> {
    let sets: Vec<String> = DATA_COLS
        .split(',')
        .map(|c| format!("{} = ?", c.trim()))
        .collect();
    let sql = format!(
        "UPDATE reports SET {}, updated_at = ? WHERE id = ?",
        sets.join(", ")
    );
    let mut params = r.columns()?;
    params.extend(vals![now, id]);
    conn.exec(&sql, &params)?;
    Ok(())
}

pub fn link(
    conn: &mut dyn Conn,
    id: i64,
    event: &EventId,
    reason: Option<&MatchReason>,
) -> Result<()> {
    let reason = reason.map(serde_json::to_string).transpose()?;
    conn.exec(
        "UPDATE reports SET event_id = ?, link = ? WHERE id = ?",
        &args![&event.0, reason, id],
    )?;
    Ok(())
}

/// Moves every report of `from` (active or removed) to `to`.
pub fn move_all(conn: &mut dyn Conn, from: &EventId, to: &EventId) -> Result<u64> {
    conn.exec(
        "UPDATE reports SET event_id = ? WHERE event_id = ?",
        &args![&to.0, &from.0],
    )
}

pub fn mark_removed(conn: &mut dyn Conn, id: i64, now: DateTime<Utc>) -> Result<()> {
    conn.exec(
        "UPDATE reports SET status = 'removed', updated_at = ? WHERE id = ?",
        &args![now, id],
    )?;
    Ok(())
}
