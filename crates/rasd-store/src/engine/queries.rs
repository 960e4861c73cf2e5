//! Read queries: event lists and counts, statistics, event detail, search, totals.

use rasd_core::EventId;

use super::{documents, events, history, reports, reviews};
use crate::db::{Conn, ConnExt, Dialect, Value, args, placeholders, vals};
use crate::error::Result;
use crate::filter::{EventFilter, KM_PER_DEGREE, Page, Sort};
use crate::keys::place_key;
use crate::model::{EventDetail, MergeRecord, SearchHit, Stats, StoredEvent, Totals};
use crate::search;

/// A WHERE clause with its bound values.
#[derive(Debug, Default)]
struct Where {
    clauses: Vec<String>,
    params: Vec<Value>,
}

impl Where {
    fn push(&mut self, clause: impl Into<String>, params: Vec<Value>) {
        self.clauses.push(clause.into());
        self.params.extend(params);
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            "TRUE".to_owned()
        } else {
            self.clauses.join(" AND ")
        }
    }
}

/// Escapes LIKE wildcards (the pattern uses `ESCAPE '\'`).
fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The ids of documents matching a full-text query, as a subquery over one bound value.
fn fts_docs_subquery(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => "SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?",
        Dialect::Postgres => {
            "SELECT d.id FROM documents d WHERE to_tsvector('simple', d.search_stems) @@ to_tsquery('simple', ?)"
        }
    }
}

fn fts_query(dialect: Dialect, terms: &[String]) -> String {
    match dialect {
        Dialect::Sqlite => search::fts5_query(terms),
        Dialect::Postgres => search::tsquery(terms),
    }
}

fn build_where(dialect: Dialect, f: &EventFilter) -> Where {
    let mut w = Where::default();
    if !f.include_inactive {
        w.push("e.status = 'active'", vec![]);
    }
    if let Some(s) = f.review_status {
        w.push("e.review_status = ?", vals![s.as_str()]);
    } else if !f.include_rejected {
        w.push("e.review_status <> 'rejected'", vec![]);
    }
    if let Some(d) = f.since {
        w.push("e.date >= ?", vals![d]);
    }
    if let Some(d) = f.until {
        w.push("e.date <= ?", vals![d]);
    }
    if let Some(p) = f.place.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        let k = place_key(p);
        w.push(
            "(e.place_id = ? OR e.location_key = ? OR e.admin1_key = ? OR e.admin2_key = ? OR e.admin3_key = ? \
             OR e.admin1_pcode = ? OR e.admin2_pcode = ? OR e.admin3_pcode = ?)",
            vals![p, &k, &k, &k, &k, p, p, p],
        );
    }
    if let Some(a) = f.admin1.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        w.push(
            "(e.admin1_key = ? OR e.admin1_pcode = ?)",
            vals![place_key(a), a],
        );
    }
    if !f.event_types.is_empty() {
        let v: Vec<Value> = f
            .event_types
            .iter()
            .map(|t| Value::from(t.as_str()))
            .collect();
        w.push(format!("e.event_type IN ({})", placeholders(v.len())), v);
    }
    if !f.sub_event_types.is_empty() {
        let v: Vec<Value> = f
            .sub_event_types
            .iter()
            .map(|t| Value::from(t.as_str()))
            .collect();
        w.push(
            format!("e.sub_event_type IN ({})", placeholders(v.len())),
            v,
        );
    }
    for t in &f.tags {
        w.push(
            "e.tags LIKE ? ESCAPE '\\'",
            vals![format!("%,{},%", like_escape(t.as_str()))],
        );
    }
    if let Some(a) = f.actor.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        // The consensus actors, or any active report's (disagreeing sources count too).
        let pat = format!("{}:%", like_escape(a));
        w.push(
            "(e.actor1 = ? OR e.actor1 LIKE ? ESCAPE '\\' OR e.actor2 = ? OR e.actor2 LIKE ? ESCAPE '\\' \
             OR EXISTS (SELECT 1 FROM reports r WHERE r.event_id = e.id AND r.status = 'active' AND \
             (r.actor1 = ? OR r.actor1 LIKE ? ESCAPE '\\' OR r.actor2 = ? OR r.actor2 LIKE ? ESCAPE '\\')))",
            vals![a, &pat, a, &pat, a, &pat, a, &pat],
        );
    }
    if let Some(q) = &f.text {
        let terms = search::query_terms(q);
        if terms.is_empty() {
            w.push("1 = 0", vec![]);
        } else {
            w.push(
                format!(
                    "e.id IN (SELECT r.event_id FROM reports r WHERE r.event_id IS NOT NULL AND r.status = 'active' \
                     AND r.document IN ({}))",
                    fts_docs_subquery(dialect)
                ),
                vals![fts_query(dialect, &terms)],
            );
        }
    }
    let mut boxes = Vec::new();
    boxes.extend(f.bbox);
    boxes.extend(f.near.map(|n| n.bbox()));
    for b in boxes {
        w.push(
            "e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?",
            vals![b.min_lat, b.max_lat, b.min_lon, b.max_lon],
        );
    }
    if let Some(n) = f.near {
        // Equirectangular distance in degrees of latitude (exact enough at a few hundred km).
        let k = n.lat.to_radians().cos();
        let r = n.radius_km / KM_PER_DEGREE;
        w.push(
            "(e.lat - ?) * (e.lat - ?) + (e.lon - ?) * (e.lon - ?) * ? <= ?",
            vals![n.lat, n.lat, n.lon, n.lon, k * k, r * r],
        );
    }
    if let Some(c) = f.min_confidence {
        w.push("e.confidence >= ?", vals![f64::from(c)]);
    }
    w
}

fn order_by(sort: Sort) -> &'static str {
    match sort {
        Sort::DateDesc => "e.date DESC NULLS LAST, e.num DESC",
        Sort::DateAsc => "e.date ASC NULLS LAST, e.num ASC",
        Sort::UpdatedDesc => "e.updated_at DESC, e.num DESC",
        Sort::ConfidenceDesc => "e.confidence DESC, e.num DESC",
        Sort::Id => "e.num ASC",
    }
}

pub fn events(conn: &mut dyn Conn, f: &EventFilter, page: &Page) -> Result<Vec<StoredEvent>> {
    let mut w = build_where(conn.dialect(), f);
    let sql = format!(
        "SELECT {} FROM events e WHERE {} ORDER BY {} LIMIT ? OFFSET ?",
        events::EVENT_COLS,
        w.sql(),
        order_by(page.sort)
    );
    w.params.extend(vals![page.limit, page.offset]);
    Ok(conn
        .query_map(&sql, &w.params, events::event_from_row)?
        .into_iter()
        .map(|r| r.event)
        .collect())
}

pub fn count(conn: &mut dyn Conn, f: &EventFilter) -> Result<u64> {
    let w = build_where(conn.dialect(), f);
    let n = conn.query_i64(
        &format!("SELECT COUNT(*) FROM events e WHERE {}", w.sql()),
        &w.params,
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub fn stats(conn: &mut dyn Conn, f: &EventFilter) -> Result<Stats> {
    let w = build_where(conn.dialect(), f);
    let wh = w.sql();
    let (events, fatalities) = conn
        .query_opt(
            &format!("SELECT COUNT(*), CAST(COALESCE(SUM(e.fatalities), 0) AS BIGINT) FROM events e WHERE {wh}"),
            &w.params,
            |r| Ok((r.int(0)?.unwrap_or(0), r.int(1)?.unwrap_or(0))),
        )?
        .unwrap_or((0, 0));
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    let per_day = conn.query_map(
        &format!(
            "SELECT e.date, COUNT(*) FROM events e WHERE {wh} AND e.date IS NOT NULL GROUP BY e.date ORDER BY e.date"
        ),
        &w.params,
        |r| Ok((r.date(0)?, n(r.req_int(1)?))),
    )?;
    let per_type = conn.query_map(
        &format!("SELECT e.sub_event_type, COUNT(*) FROM events e WHERE {wh} GROUP BY e.sub_event_type ORDER BY 2 DESC, 1"),
        &w.params,
        |r| Ok((r.req_text(0)?, n(r.req_int(1)?))),
    )?;
    let per_event_type = conn.query_map(
        &format!(
            "SELECT e.event_type, COUNT(*) FROM events e WHERE {wh} GROUP BY e.event_type ORDER BY 2 DESC, 1"
        ),
        &w.params,
        |r| Ok((r.req_text(0)?, n(r.req_int(1)?))),
    )?;
    let per_admin1 = conn.query_map(
        &format!(
            "SELECT COALESCE(e.admin1, ''), COUNT(*) FROM events e WHERE {wh} GROUP BY COALESCE(e.admin1, '') ORDER BY 2 DESC, 1"
        ),
        &w.params,
        |r| Ok((r.req_text(0)?, n(r.req_int(1)?))),
    )?;
    Ok(Stats {
        events: n(events),
        fatalities: n(fatalities),
        per_day: per_day
            .into_iter()
            .filter_map(|(d, c)| d.map(|d| (d, c)))
            .collect(),
        per_type,
        per_event_type,
        per_admin1,
    })
}

/// The ids of events that were merged into `id` (directly or through chains).
fn absorbed_ids(conn: &mut dyn Conn, id: &EventId) -> Result<Vec<EventId>> {
    conn.query_map(
        "SELECT id FROM events WHERE redirect_to = ? ORDER BY num",
        &args![&id.0],
        |r| Ok(EventId(r.req_text(0)?)),
    )
}

pub fn merge_history(conn: &mut dyn Conn, id: &EventId) -> Result<Vec<MergeRecord>> {
    let Some(row) = events::resolve(conn, id)? else {
        return Ok(vec![]);
    };
    let mut out = history::of_event(conn, &row.event.id)?;
    for a in absorbed_ids(conn, &row.event.id)? {
        out.extend(history::of_event(conn, &a)?);
    }
    out.sort_by_key(|m| m.id);
    out.dedup_by_key(|m| m.id);
    Ok(out)
}

pub fn event_detail(conn: &mut dyn Conn, id: &EventId) -> Result<Option<EventDetail>> {
    let Some(row) = events::resolve(conn, id)? else {
        return Ok(None);
    };
    let eid = row.event.id.clone();
    let reports = reports::all_of_event(conn, &eid)?;
    let reviews = reviews::of_event(conn, &eid)?;
    let history = merge_history(conn, &eid)?;
    Ok(Some(EventDetail {
        requested: (eid != *id).then(|| id.clone()),
        event: row.event,
        reports,
        overrides: row.overrides,
        reviews,
        history,
    }))
}

pub fn search(conn: &mut dyn Conn, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
    let terms = search::query_terms(query);
    if terms.is_empty() {
        return Ok(vec![]);
    }
    let dialect = conn.dialect();
    let sql = match dialect {
        Dialect::Sqlite => {
            "SELECT rowid, -bm25(doc_fts) AS s FROM doc_fts WHERE doc_fts MATCH ? ORDER BY bm25(doc_fts), rowid LIMIT ?"
        }
        Dialect::Postgres => {
            "SELECT d.id, CAST(ts_rank(to_tsvector('simple', d.search_stems), q) AS DOUBLE PRECISION) AS s \
             FROM documents d, to_tsquery('simple', ?) q WHERE to_tsvector('simple', d.search_stems) @@ q \
             ORDER BY s DESC, d.id LIMIT ?"
        }
    };
    let hits = conn.query_map(
        sql,
        &args![fts_query(dialect, &terms), i64::from(limit)],
        |r| Ok((r.req_int(0)?, r.real(1)?.unwrap_or(0.0))),
    )?;
    let ids: Vec<i64> = hits.iter().map(|h| h.0).collect();
    let docs = documents::titles_and_texts(conn, &ids)?;
    let mut out = Vec::with_capacity(hits.len());
    for (id, score) in hits {
        if let Some((_, doc_id, title, text)) = docs.iter().find(|d| d.0 == id) {
            out.push(SearchHit {
                document: id,
                doc_id: doc_id.clone(),
                title: title.clone(),
                snippet: search::snippet(text, &terms, 60),
                score,
            });
        }
    }
    Ok(out)
}

/// Which of these content hashes are stored.
pub fn known(conn: &mut dyn Conn, hashes: &[rasd_core::ContentHash]) -> Result<Vec<bool>> {
    let mut found = std::collections::HashSet::new();
    for chunk in hashes.chunks(500) {
        let params: Vec<Value> = chunk.iter().map(|h| Value::from(&h.0)).collect();
        let sql = format!(
            "SELECT content_hash FROM documents WHERE content_hash IN ({})",
            placeholders(chunk.len())
        );
        found.extend(conn.query_map(&sql, &params, |r| r.req_text(0))?);
    }
    Ok(hashes.iter().map(|h| found.contains(&h.0)).collect())
}

pub fn totals(conn: &mut dyn Conn) -> Result<Totals> {
    let last_seq = conn.query_i64("SELECT COALESCE(MAX(seq), 0) FROM changes", &[])?;
    let mut n =
        |sql: &str| -> Result<u64> { Ok(u64::try_from(conn.query_i64(sql, &[])?).unwrap_or(0)) };
    Ok(Totals {
        documents: n("SELECT COUNT(*) FROM documents")?,
        near_duplicate_documents: n(
            "SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL",
        )?,
        reports: n("SELECT COUNT(*) FROM reports WHERE status = 'active'")?,
        removed_reports: n("SELECT COUNT(*) FROM reports WHERE status = 'removed'")?,
        events: n("SELECT COUNT(*) FROM events WHERE status = 'active'")?,
        merged_events: n("SELECT COUNT(*) FROM events WHERE status = 'merged'")?,
        retired_events: n("SELECT COUNT(*) FROM events WHERE status = 'retired'")?,
        last_seq,
    })
}
