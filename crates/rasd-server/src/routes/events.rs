//! `GET /api/events` and `GET /api/events/{id}`.

use std::collections::{BTreeMap, BTreeSet};

use axum::Json;
use axum::extract::State;
use rasd_core::EventId;
use rasd_store::{EventFilter, Page, ReportStatus, Sort, Store, StoredDocument, StoredEvent};

use crate::error::ApiError;
use crate::extract::{ApiPath, QueryParams};
use crate::query;
use crate::state::AppState;
use crate::views::{EventView, EventsPage, ReportView, SourceInfo};

/// `sort=fatalities` is done here (the store has no such order) over at most this many
/// matching events.
pub const FATALITIES_SORT_MAX: u64 = 20_000;

/// The cache key of a filter's count.
pub fn count_key(f: &EventFilter) -> String {
    format!("count:{}", serde_json::to_string(f).unwrap_or_default())
}

pub async fn list(
    State(state): State<AppState>,
    QueryParams(mut p): QueryParams,
) -> Result<Json<EventsPage>, ApiError> {
    let filter = query::filter(&mut p)?;
    let page = query::page(&mut p)?;
    p.finish()?;
    // One store call: the (cached) count, then the page.
    let st = state.clone();
    let (total, items) = state
        .run(move |s| {
            let total: u64 =
                st.cached_in(s, count_key(&filter), |s| Ok(s.count_events(&filter)?))?;
            let items = match page.sort.store_sort() {
                Some(sort) => {
                    let store_page = Page {
                        limit: page.limit,
                        offset: page.offset,
                        sort,
                    };
                    s.events(&filter, &store_page)?
                }
                None if total > FATALITIES_SORT_MAX => {
                    return Err(ApiError::bad_request(format!(
                        "sort=fatalities works on at most {FATALITIES_SORT_MAX} matching events \
                         ({total} match): narrow the filter"
                    )));
                }
                None => sorted_by_fatalities(s, &filter, page.limit, page.offset)?,
            };
            Ok((total, items))
        })
        .await?;
    let end = u64::from(page.offset) + items.len() as u64;
    let next_offset = (end < total && !items.is_empty())
        .then(|| u32::try_from(end).ok())
        .flatten();
    Ok(Json(EventsPage {
        items,
        total,
        limit: page.limit,
        offset: page.offset,
        next_offset,
        sort: page.sort.as_str().to_owned(),
    }))
}

/// Every matching event, most fatalities first (unknown last), then newest.
fn sorted_by_fatalities(
    s: &dyn Store,
    f: &EventFilter,
    limit: u32,
    offset: u32,
) -> Result<Vec<StoredEvent>, ApiError> {
    let all_page = Page {
        limit: u32::try_from(FATALITIES_SORT_MAX).unwrap_or(u32::MAX),
        offset: 0,
        sort: Sort::DateDesc,
    };
    let mut all = s.events(f, &all_page)?;
    // A stable sort keeps the store's newest-first order among equal figures.
    all.sort_by_key(|e| std::cmp::Reverse(e.values.fatalities.map(i64::from).unwrap_or(-1)));
    Ok(all
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .collect())
}

pub async fn detail(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<EventView>, ApiError> {
    let view = state
        .run(move |s| {
            let id = EventId(id);
            let d = s
                .event(&id)?
                .ok_or_else(|| ApiError::not_found(format!("no event {id}")))?;
            let docs = documents(s, d.reports.iter().map(|r| r.document))?;
            let mut active_docs = BTreeSet::new();
            let reports = d
                .reports
                .into_iter()
                .map(|r| {
                    if r.status == ReportStatus::Active {
                        active_docs.insert(r.document);
                    }
                    ReportView {
                        source: docs.get(&r.document).cloned(),
                        report: r,
                    }
                })
                .collect();
            Ok(EventView {
                event: d.event,
                requested: d.requested,
                reports,
                sources: active_docs
                    .iter()
                    .filter_map(|id| docs.get(id).cloned())
                    .collect(),
                overrides: d.overrides,
                reviews: d.reviews,
                history: d.history,
            })
        })
        .await?;
    Ok(Json(view))
}

/// The source information of these documents (each loaded once).
pub fn documents(
    s: &dyn Store,
    ids: impl Iterator<Item = i64>,
) -> Result<BTreeMap<i64, SourceInfo>, ApiError> {
    let mut out = BTreeMap::new();
    for id in ids {
        if out.contains_key(&id) {
            continue;
        }
        if let Some(d) = s.document(id)? {
            out.insert(id, SourceInfo::from(&d as &StoredDocument));
        }
    }
    Ok(out)
}
