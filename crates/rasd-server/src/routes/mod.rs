//! The API's routes, recorded as they are added so the OpenAPI document can be checked
//! against them.

pub mod documents;
pub mod events;
pub mod feed;
pub mod places;
pub mod review;

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware;
use axum::routing::{get, post};

use crate::auth::require_token;
use crate::state::AppState;

/// One route of the API.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RouteSpec {
    pub method: Method,
    /// The path in axum's (and OpenAPI's) syntax: `/api/events/{id}`.
    pub path: &'static str,
    /// Whether the route needs the bearer token.
    pub write: bool,
}

/// Adds routes and remembers them.
struct Builder {
    read: Router<AppState>,
    write: Router<AppState>,
    specs: Vec<RouteSpec>,
}

impl Builder {
    fn new() -> Self {
        Builder {
            read: Router::new(),
            write: Router::new(),
            specs: Vec::new(),
        }
    }

    fn get<H, T>(mut self, path: &'static str, h: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.read = self.read.route(path, get(h));
        self.specs.push(RouteSpec {
            method: Method::GET,
            path,
            write: false,
        });
        self
    }

    fn post_write<H, T>(mut self, path: &'static str, h: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.write = self.write.route(path, post(h));
        self.specs.push(RouteSpec {
            method: Method::POST,
            path,
            write: true,
        });
        self
    }
}

/// The API routes (under `/api/`, plus `/openapi.json`) with the token check on writes,
/// and the list of them.
pub fn api(state: &AppState) -> (Router<AppState>, Vec<RouteSpec>) {
    let b = Builder::new()
        .get("/api/events", events::list)
        .get("/api/events/{id}", events::detail)
        .post_write("/api/events/{id}/review", review::post)
        .get("/api/documents/{id}", documents::get)
        .get("/api/places", places::search)
        .get("/api/places/{place_id}/dossier", places::dossier)
        .get("/api/stats", feed::stats)
        .get("/api/search", feed::search)
        .get("/api/changes", feed::changes)
        .get("/api/totals", feed::totals)
        .get("/api/vocabulary", feed::vocabulary)
        .get("/openapi.json", crate::openapi::handler);
    let write = b
        .write
        .route_layer(middleware::from_fn_with_state(state.clone(), require_token));
    (b.read.merge(write), b.specs)
}

/// The routes of the API (for documentation and tests).
pub fn specs(state: &AppState) -> Vec<RouteSpec> {
    api(state).1
}
