//! Document rows, near-duplicate lookup and the full-text index.

use chrono::{DateTime, NaiveDate, Utc};
use rasd_core::{ContentHash, DocId, Document, Origin};

use crate::db::{Conn, ConnExt, Dialect, Row, Value, args, json_col, placeholders, vals};
use crate::error::{Result, StoreError};
use crate::merger::{Merger, Signature};
use crate::model::StoredDocument;
use crate::search;

/// What the store needs to know about a known document.
#[derive(Debug, Clone)]
pub struct DocRow {
    pub id: i64,
    pub doc_id: DocId,
    pub duplicate_of: Option<i64>,
    pub reports_fingerprint: String,
    pub anchor: Option<NaiveDate>,
}

pub fn find_by_hash(conn: &mut dyn Conn, hash: &ContentHash) -> Result<Option<DocRow>> {
    conn.query_opt(
        "SELECT id, doc_id, duplicate_of, reports_fingerprint, anchor_date FROM documents WHERE content_hash = ?",
        &args![&hash.0],
        |r| {
            Ok(DocRow {
                id: r.req_int(0)?,
                doc_id: DocId(r.req_text(1)?),
                duplicate_of: r.int(2)?,
                reports_fingerprint: r.req_text(3)?,
                anchor: r.date(4)?,
            })
        },
    )
}

/// Near-duplicate candidates examined per document: those sharing the most LSH bands.
const MAX_NEAR_CANDIDATES: i64 = 50;

/// The earliest-stored document this signature near-duplicates (its first copy), with the
/// similarity. Candidates come from the LSH band index, never from a scan: the documents
/// sharing the most bands (a true copy shares many), then their signatures are compared.
pub fn near_duplicate_of(
    conn: &mut dyn Conn,
    merger: &dyn Merger,
    sig: &Signature,
) -> Result<Option<(i64, f32)>> {
    if sig.is_empty() || sig.bands.is_empty() {
        return Ok(None);
    }
    let mut params: Vec<Value> = sig.bands.iter().map(|b| Value::from(*b as i64)).collect();
    let sql = format!(
        "SELECT b.document, COUNT(*) FROM doc_bands b WHERE b.band IN ({}) \
         GROUP BY b.document ORDER BY 2 DESC, 1 LIMIT ?",
        placeholders(params.len())
    );
    params.push(Value::from(MAX_NEAR_CANDIDATES));
    let docs: Vec<Value> = conn.query_map(&sql, &params, |r| Ok(Value::from(r.req_int(0)?)))?;
    if docs.is_empty() {
        return Ok(None);
    }
    let sql = format!(
        "SELECT COALESCE(d.duplicate_of, d.id), d.sig_scheme, d.minhash FROM documents d \
         WHERE d.id IN ({})",
        placeholders(docs.len())
    );
    let cands = conn.query_map(&sql, &docs, |r| {
        Ok((r.req_int(0)?, r.req_int(1)?, r.blob(2)?.unwrap_or_default()))
    })?;
    let mut best: Option<(i64, f32)> = None;
    for (root, scheme, bytes) in cands {
        if scheme != i64::from(sig.scheme) {
            continue;
        }
        let other = Signature {
            scheme: sig.scheme,
            minhash: Signature::minhash_from_bytes(&bytes),
            bands: vec![],
        };
        if let Some(s) = merger.is_near_duplicate(sig, &other) {
            // Highest similarity; ties go to the earliest first copy.
            let better = match best {
                None => true,
                Some((r0, s0)) => s > s0 || (s == s0 && root < r0),
            };
            if better {
                best = Some((root, s));
            }
        }
    }
    Ok(best)
}

/// The text that is indexed for search: the separate title and the kept paragraphs.
pub fn searchable_text(doc: &Document) -> String {
    let body = if doc.kept.is_empty() {
        doc.text.clone()
    } else {
        doc.cleaned_text()
    };
    match &doc.title {
        Some(t) => format!("{t}\n{body}"),
        None => body,
    }
}

/// Inserts a document; `None` when one with the same content hash already exists.
pub fn insert(
    conn: &mut dyn Conn,
    doc: &Document,
    sig: &Signature,
    dup: Option<(i64, f32)>,
    reports_fingerprint: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    let stems = search::index_text(&searchable_text(doc));
    let dialect = conn.dialect();
    let params = vals![
        &doc.id.0,
        &doc.content_hash.0,
        &doc.origin.path,
        doc.origin.line.and_then(|l| i64::try_from(l).ok()),
        doc.outlet.clone(),
        doc.url.clone(),
        doc.published.map(|t| t.to_string()),
        doc.collected.map(|t| t.to_string()),
        doc.anchor_date(),
        doc.title.clone(),
        &doc.text,
        serde_json::to_string(&doc.kept)?,
        serde_json::to_string(&doc.removed)?,
        &doc.encoding,
        serde_json::to_string(&doc.metadata)?,
        dup.map(|d| d.0),
        dup.map(|d| f64::from(d.1)),
        i64::from(sig.scheme),
        Value::Blob(sig.minhash_bytes()),
        reports_fingerprint,
        now,
        now,
        // SQLite keeps the stems in its FTS5 table only.
        if dialect == Dialect::Postgres {
            Some(stems.clone())
        } else {
            None
        },
    ];
    let sql = format!(
        "INSERT INTO documents (doc_id, content_hash, origin_path, origin_line, outlet, url, published, collected, \
         anchor_date, title, text, kept, removed, encoding, metadata, duplicate_of, duplicate_score, sig_scheme, \
         minhash, reports_fingerprint, ingested_at, extracted_at, search_stems) VALUES ({}) \
         ON CONFLICT (content_hash) DO NOTHING RETURNING id",
        placeholders(params.len())
    );
    let Some(id) = conn.query_opt(&sql, &params, |r| r.req_int(0))? else {
        return Ok(None);
    };
    for b in &sig.bands {
        conn.exec(
            "INSERT INTO doc_bands (band, document) VALUES (?, ?) ON CONFLICT DO NOTHING",
            &args![*b as i64, id],
        )?;
    }
    if dialect == Dialect::Sqlite {
        conn.exec(
            "INSERT INTO doc_fts (rowid, stems) VALUES (?, ?)",
            &args![id, stems],
        )?;
    }
    Ok(Some(id))
}

pub fn set_reports_fingerprint(
    conn: &mut dyn Conn,
    id: i64,
    fp: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.exec(
        "UPDATE documents SET reports_fingerprint = ?, extracted_at = ? WHERE id = ?",
        &args![fp, now, id],
    )?;
    Ok(())
}

const DOC_COLS: &str = "id, doc_id, content_hash, origin_path, origin_line, outlet, url, published, collected, \
     title, text, kept, removed, encoding, metadata, duplicate_of, duplicate_score, ingested_at, extracted_at";

fn parse_ts(s: Option<String>) -> Result<Option<rasd_core::Timestamp>> {
    s.map(|s| s.parse().map_err(|e| StoreError::Corrupt(format!("{e}"))))
        .transpose()
}

fn doc_from_row(r: &dyn Row) -> Result<StoredDocument> {
    Ok(StoredDocument {
        id: r.req_int(0)?,
        doc_id: DocId(r.req_text(1)?),
        content_hash: ContentHash(r.req_text(2)?),
        origin: Origin {
            path: r.req_text(3)?,
            line: r.int(4)?.and_then(|l| u64::try_from(l).ok()),
        },
        outlet: r.text(5)?,
        url: r.text(6)?,
        published: parse_ts(r.text(7)?)?,
        collected: parse_ts(r.text(8)?)?,
        title: r.text(9)?,
        text: r.req_text(10)?,
        kept: json_col(r, 11)?,
        removed: json_col(r, 12)?,
        encoding: r.req_text(13)?,
        metadata: json_col(r, 14)?,
        duplicate_of: r.int(15)?,
        duplicate_score: r.real(16)?.map(|v| v as f32),
        ingested_at: r.req_time(17)?,
        extracted_at: r.req_time(18)?,
    })
}

pub fn load(conn: &mut dyn Conn, id: i64) -> Result<Option<StoredDocument>> {
    conn.query_opt(
        &format!("SELECT {DOC_COLS} FROM documents WHERE id = ?"),
        &args![id],
        doc_from_row,
    )
}

pub fn load_by_hash(conn: &mut dyn Conn, hash: &ContentHash) -> Result<Option<StoredDocument>> {
    conn.query_opt(
        &format!("SELECT {DOC_COLS} FROM documents WHERE content_hash = ?"),
        &args![&hash.0],
        doc_from_row,
    )
}

/// A document's id, name, title and text.
pub type DocText = (i64, DocId, Option<String>, String);

/// Titles and texts of documents, by id.
pub fn titles_and_texts(conn: &mut dyn Conn, ids: &[i64]) -> Result<Vec<DocText>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let params: Vec<Value> = ids.iter().map(|i| Value::from(*i)).collect();
    let sql = format!(
        "SELECT id, doc_id, title, text FROM documents WHERE id IN ({})",
        placeholders(ids.len())
    );
    conn.query_map(&sql, &params, |r| {
        Ok((
            r.req_int(0)?,
            DocId(r.req_text(1)?),
            r.text(2)?,
            r.req_text(3)?,
        ))
    })
}
