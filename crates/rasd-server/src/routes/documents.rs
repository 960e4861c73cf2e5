//! `GET /api/documents/{id}`: the original text, what cleaning removed, and the evidence
//! spans of every report extracted from it.

use std::collections::BTreeSet;

use axum::Json;
use axum::extract::State;
use rasd_store::{EventFilter, Page, ReportStatus, Sort, Store, StoredDocument};

use crate::error::ApiError;
use crate::extract::ApiPath;
use crate::state::AppState;
use crate::views::{DocumentReport, DocumentView};

pub async fn get(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<DocumentView>, ApiError> {
    let view = state
        .run(move |s| {
            let d = s
                .document(id)?
                .ok_or_else(|| ApiError::not_found(format!("no document {id}")))?;
            let reports = reports_of(s, &d)?;
            Ok(DocumentView::new(d, reports))
        })
        .await?;
    Ok(Json(view))
}

/// Words of a document used to find its events through the full-text filter.
const PROBE_WORDS: usize = 6;
/// Most events examined for one document.
const MAX_CANDIDATE_EVENTS: u32 = 500;

/// The active reports of a document, in extraction order.
///
/// The `Store` trait has no "reports of a document" query, so this finds the events whose
/// sources contain the document's longest words (through the full-text filter, which only
/// matches documents containing every one of them: this document always does) and keeps
/// the reports whose document is this one. See the crate README: a `Store` method would
/// replace this.
pub fn reports_of(s: &dyn Store, d: &StoredDocument) -> Result<Vec<DocumentReport>, ApiError> {
    let Some(probe) = probe_query(d) else {
        return Ok(vec![]);
    };
    let filter = EventFilter {
        text: Some(probe),
        include_rejected: true,
        include_inactive: true,
        ..EventFilter::default()
    };
    let page = Page {
        limit: MAX_CANDIDATE_EVENTS,
        offset: 0,
        sort: Sort::Id,
    };
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for e in s.events(&filter, &page)? {
        let Some(detail) = s.event(&e.id)? else {
            continue;
        };
        for r in &detail.reports {
            if r.document == d.id && r.status == ReportStatus::Active && seen.insert(r.id) {
                out.push(DocumentReport::from(r));
            }
        }
    }
    out.sort_by_key(|r| (r.ordinal, r.report_id));
    Ok(out)
}

/// The longest distinct words of the document's indexed text (title and kept paragraphs).
fn probe_query(d: &StoredDocument) -> Option<String> {
    let doc = d.to_document();
    let body = if doc.kept.is_empty() {
        doc.text.clone()
    } else {
        doc.cleaned_text()
    };
    let text = match &doc.title {
        Some(t) => format!("{t}\n{body}"),
        None => body,
    };
    // The store's own word splitting and match keys, so every word is one it indexed.
    let mut words: Vec<String> = rasd_store::search::words(&text)
        .filter(|w| w.chars().count() >= 3)
        .collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    words.truncate(PROBE_WORDS);
    (!words.is_empty()).then(|| words.join(" "))
}
