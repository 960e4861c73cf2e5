//! `GET /api/places?q=` and `GET /api/places/{place_id}/dossier`.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use rasd_core::PlaceId;
use rasd_gazetteer::distance_km;
use rasd_store::{EventFilter, Near, Page, Sort, StoredEvent};
use serde::Serialize;

use crate::error::ApiError;
use crate::extract::{ApiPath, QueryParams};
use crate::routes::events::documents;
use crate::state::AppState;
use crate::views::{Dossier, DossierEvent, PlaceView, SourceInfo};

/// Most places one search returns.
pub const MAX_PLACES: usize = 50;
/// Default and largest radius of a dossier (km).
pub const DEFAULT_RADIUS_KM: f64 = 5.0;
pub const MAX_RADIUS_KM: f64 = 100.0;
/// Default and largest number of events in a dossier.
pub const DEFAULT_DOSSIER_EVENTS: u32 = 200;
pub const MAX_DOSSIER_EVENTS: u32 = 500;

#[derive(Debug, Serialize)]
pub struct PlacesPage {
    pub items: Vec<PlaceView>,
}

pub async fn search(
    State(state): State<AppState>,
    QueryParams(mut p): QueryParams,
) -> Result<Json<PlacesPage>, ApiError> {
    let q = p
        .one("q")?
        .ok_or_else(|| ApiError::bad_request("q: a place name is required"))?;
    let limit = p.parsed::<usize>("limit", "a whole number")?.unwrap_or(20);
    p.finish()?;
    if limit == 0 || limit > MAX_PLACES {
        return Err(ApiError::bad_request(format!(
            "limit: expected 1 to {MAX_PLACES}"
        )));
    }
    if q.chars().count() > 100 {
        return Err(ApiError::bad_request("q: at most 100 characters"));
    }
    let g = state.gazetteer();
    let items = g
        .search(&q, limit)
        .into_iter()
        .map(|(idx, score)| PlaceView::new(g, idx, Some(score)))
        .collect();
    Ok(Json(PlacesPage { items }))
}

pub async fn dossier(
    State(state): State<AppState>,
    ApiPath(place_id): ApiPath<String>,
    QueryParams(mut p): QueryParams,
) -> Result<Json<Dossier>, ApiError> {
    let radius_km = p
        .parsed::<f64>("radius_km", "a number of kilometres")?
        .unwrap_or(DEFAULT_RADIUS_KM);
    let limit = p
        .parsed::<u32>("limit", "a whole number")?
        .unwrap_or(DEFAULT_DOSSIER_EVENTS);
    p.finish()?;
    if !(0.0..=MAX_RADIUS_KM).contains(&radius_km) {
        return Err(ApiError::bad_request(format!(
            "radius_km: expected 0 to {MAX_RADIUS_KM}"
        )));
    }
    if limit == 0 || limit > MAX_DOSSIER_EVENTS {
        return Err(ApiError::bad_request(format!(
            "limit: expected 1 to {MAX_DOSSIER_EVENTS}"
        )));
    }
    let g = state.gazetteer();
    let idx = g
        .by_id(&PlaceId::new(place_id.clone()))
        .ok_or_else(|| ApiError::not_found(format!("no place {place_id}")))?;
    let place = PlaceView::new(g, idx, None);
    let (lat, lon) = (place.lat, place.lon);
    let pid = place.id.clone();
    let (events, truncated) = state
        .run(move |s| {
            let page = Page {
                limit: limit + 1,
                offset: 0,
                sort: Sort::DateAsc,
            };
            let near = Near {
                lat,
                lon,
                radius_km,
            };
            let mut found: BTreeMap<String, StoredEvent> = BTreeMap::new();
            for e in s.events_near(near, &EventFilter::default(), &page)? {
                found.insert(e.id.0.clone(), e);
            }
            // Events coded at the place but without coordinates.
            let at = EventFilter {
                place: Some(pid.clone()),
                ..EventFilter::default()
            };
            for e in s.events(&at, &page)? {
                found.entry(e.id.0.clone()).or_insert(e);
            }
            let mut events: Vec<StoredEvent> = found.into_values().collect();
            events.sort_by(|a, b| {
                (a.values.date.is_none(), a.values.date, &a.id).cmp(&(
                    b.values.date.is_none(),
                    b.values.date,
                    &b.id,
                ))
            });
            let truncated = events.len() > limit as usize;
            events.truncate(limit as usize);
            let mut out = Vec::with_capacity(events.len());
            for e in events {
                let sources = event_sources(s, &e)?;
                let loc = &e.values.location;
                let distance_km = match (loc.lat, loc.lon) {
                    (Some(a), Some(b)) => Some(distance_km(lat, lon, a, b)),
                    _ => None,
                };
                out.push(DossierEvent {
                    at_place: loc.place_id.as_ref().is_some_and(|p| p.0 == pid),
                    distance_km,
                    sources,
                    event: e,
                });
            }
            Ok((out, truncated))
        })
        .await?;
    Ok(Json(Dossier {
        place,
        radius_km,
        events,
        truncated,
    }))
}

/// The distinct source documents of an event's active reports.
fn event_sources(s: &dyn rasd_store::Store, e: &StoredEvent) -> Result<Vec<SourceInfo>, ApiError> {
    let Some(d) = s.event(&e.id)? else {
        return Ok(vec![]);
    };
    let docs = documents(
        s,
        d.reports
            .iter()
            .filter(|r| r.status == rasd_store::ReportStatus::Active)
            .map(|r| r.document),
    )?;
    Ok(docs.into_values().collect())
}
