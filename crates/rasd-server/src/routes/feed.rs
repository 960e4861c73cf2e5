//! Aggregates and feeds: `/api/stats`, `/api/search`, `/api/changes`, `/api/totals`,
//! `/api/vocabulary`.

use axum::Json;
use axum::extract::State;
use rasd_core::{ActorKind, EventType, SubEventType, Tag};
use rasd_gazetteer::PlaceLevel;
use rasd_store::{Change, EventFilter, SearchHit, Totals};
use serde::Serialize;

use crate::error::ApiError;
use crate::extract::QueryParams;
use crate::query;
use crate::state::AppState;
use crate::views::{AdminView, StatsView, Term, TypeSeries, Vocabulary};

pub async fn stats(
    State(state): State<AppState>,
    QueryParams(mut p): QueryParams,
) -> Result<Json<StatsView>, ApiError> {
    let filter = query::filter(&mut p)?;
    p.finish()?;
    let key = format!(
        "stats:{}",
        serde_json::to_string(&filter).unwrap_or_default()
    );
    let view = state
        .cached(key, move |s| {
            let stats = s.stats(&filter)?;
            let dated: u64 = stats.per_day.iter().map(|(_, n)| n).sum();
            // One series per event type present (the store groups by day only).
            let mut per_day_by_type = Vec::new();
            for (name, n) in &stats.per_event_type {
                let Ok(t) = name.parse::<EventType>() else {
                    continue;
                };
                if *n == 0 {
                    continue;
                }
                let f = EventFilter {
                    event_types: vec![t],
                    ..filter.clone()
                };
                per_day_by_type.push(TypeSeries {
                    event_type: t.as_str().to_owned(),
                    per_day: s.stats(&f)?.per_day,
                });
            }
            Ok(StatsView {
                undated: stats.events.saturating_sub(dated),
                stats,
                per_day_by_type,
            })
        })
        .await?;
    Ok(Json(view))
}

#[derive(Debug, Serialize)]
pub struct SearchPage {
    pub items: Vec<SearchHit>,
}

pub async fn search(
    State(state): State<AppState>,
    QueryParams(mut p): QueryParams,
) -> Result<Json<SearchPage>, ApiError> {
    let q = p
        .one("q")?
        .ok_or_else(|| ApiError::bad_request("q: a search text is required"))?;
    let limit = p.parsed::<u32>("limit", "a whole number")?.unwrap_or(20);
    p.finish()?;
    if limit == 0 || limit > 100 {
        return Err(ApiError::bad_request("limit: expected 1 to 100"));
    }
    if q.chars().count() > 200 {
        return Err(ApiError::bad_request("q: at most 200 characters"));
    }
    let items = state.run(move |s| Ok(s.search(&q, limit)?)).await?;
    Ok(Json(SearchPage { items }))
}

#[derive(Debug, Serialize)]
pub struct ChangesPage {
    pub items: Vec<Change>,
    /// Ask again with `since` set to this.
    pub next_since: i64,
}

pub async fn changes(
    State(state): State<AppState>,
    QueryParams(mut p): QueryParams,
) -> Result<Json<ChangesPage>, ApiError> {
    let since = p.parsed::<i64>("since", "a sequence number")?.unwrap_or(0);
    let limit = p.parsed::<u32>("limit", "a whole number")?.unwrap_or(100);
    p.finish()?;
    if since < 0 {
        return Err(ApiError::bad_request(
            "since: expected a sequence number ≥ 0",
        ));
    }
    if limit == 0 || limit > 1000 {
        return Err(ApiError::bad_request("limit: expected 1 to 1000"));
    }
    let items = state
        .run(move |s| Ok(s.changes_since(since, limit)?))
        .await?;
    let next_since = items.last().map_or(since, |c| c.seq);
    Ok(Json(ChangesPage { items, next_since }))
}

pub async fn totals(State(state): State<AppState>) -> Result<Json<Totals>, ApiError> {
    let t = state
        .cached("totals".to_owned(), |s| Ok(s.totals()?))
        .await?;
    Ok(Json(t))
}

pub async fn vocabulary(State(state): State<AppState>) -> Json<Vocabulary> {
    let term = |key: &str| Term {
        key: key.to_owned(),
        parent: None,
        name: None,
    };
    let g = state.gazetteer();
    let mut governorates: Vec<AdminView> = g
        .places()
        .filter(|(_, p)| p.level == PlaceLevel::Governorate && p.is_syrian())
        .filter_map(|(_, p)| p.admin1.as_deref().map(AdminView::from))
        .collect();
    governorates.sort_by(|a, b| a.pcode.cmp(&b.pcode));
    governorates.dedup_by(|a, b| a.pcode == b.pcode);
    Json(Vocabulary {
        event_types: EventType::ALL.iter().map(|t| term(t.as_str())).collect(),
        sub_event_types: SubEventType::ALL
            .iter()
            .map(|s| Term {
                parent: Some(s.event_type().as_str().to_owned()),
                ..term(s.as_str())
            })
            .collect(),
        tags: Tag::ALL.iter().map(|t| term(t.as_str())).collect(),
        actors: ActorKind::ALL
            .iter()
            .map(|a| Term {
                name: Some(a.acled_name().to_owned()),
                ..term(a.key())
            })
            .collect(),
        governorates,
    })
}
