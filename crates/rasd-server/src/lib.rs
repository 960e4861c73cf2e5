//! rasd-server: the JSON API and the web app over rasd's event database.
//!
//! [`router`] builds the whole application (API under `/api/`, `/openapi.json`, the
//! embedded web app at `/`); [`serve`] runs it. Store calls are synchronous: they run on
//! blocking threads, a bounded number at a time ([`StateOptions::store_concurrency`]).
//!
//! Reads are open; writes (`POST /api/events/{id}/review`) need `Authorization: Bearer
//! TOKEN` (see [`auth`]). Bodies are limited to 64 KiB, requests to a timeout; no CORS
//! unless origins are given; every response carries `nosniff` and a strict
//! Content-Security-Policy (scripts only from the server itself).

pub mod assets;
pub mod auth;
pub mod error;
mod extract;
pub mod openapi;
pub mod query;
pub mod routes;
pub mod state;
pub mod views;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::IntoResponse;
use axum::serve::ListenerExt;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use auth::{Token, TokenError, TokenSource, default_token_file, resolve_token};
pub use error::ApiError;
pub use routes::RouteSpec;
pub use state::{AppState, StateOptions};

/// The default port of `rasd serve`.
pub const DEFAULT_PORT: u16 = 8077;

/// The policy for the web app: its own scripts, styles and data only; inline styles for
/// Leaflet's positioning; images from itself and data: URIs.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// How the application behaves at its edges.
#[derive(Debug, Clone, PartialEq)]
pub struct RouterOptions {
    /// The longest a request may take.
    pub request_timeout: Duration,
    /// Origins allowed to call the API from other pages (none: CORS off).
    pub cors_origins: Vec<String>,
    /// Development: read the web app's files from this directory (only the embedded
    /// files' names) instead of the copies compiled in.
    pub web_dir: Option<PathBuf>,
}

impl Default for RouterOptions {
    fn default() -> Self {
        RouterOptions {
            request_timeout: Duration::from_secs(30),
            cors_origins: Vec::new(),
            web_dir: None,
        }
    }
}

/// Errors starting the server.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
    #[error("bad CORS origin {0:?}")]
    BadOrigin(String),
}

/// The whole application.
pub fn router(state: AppState, opts: &RouterOptions) -> Result<Router, ServeError> {
    let (api, _) = routes::api(&state);
    let web_dir = opts.web_dir.clone();
    let mut app = api
        .fallback(move |uri| assets::handler(uri, web_dir.clone()))
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(DefaultBodyLimit::max(routes::review::MAX_REVIEW_BODY))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            opts.request_timeout,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    if !opts.cors_origins.is_empty() {
        let origins = opts
            .cors_origins
            .iter()
            .map(|o| HeaderValue::from_str(o).map_err(|_| ServeError::BadOrigin(o.clone())))
            .collect::<Result<Vec<_>, _>>()?;
        app = app.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]),
        );
    }
    Ok(app)
}

async fn method_not_allowed() -> impl IntoResponse {
    ApiError::Rejected {
        status: StatusCode::METHOD_NOT_ALLOWED,
        message: "method not allowed".to_owned(),
    }
}

/// Listens on `addr` and serves `app` until `shutdown` resolves. `on_ready` gets the bound
/// address (port 0 picks a free one).
pub async fn serve(
    app: Router,
    addr: SocketAddr,
    on_ready: impl FnOnce(SocketAddr),
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Bind { addr, source })?;
    on_ready(listener.local_addr()?);
    // Small JSON answers must not wait for the peer's delayed ACK (Nagle).
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
    });
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}
