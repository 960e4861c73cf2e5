//! Test support: a store built from the sample articles (plus an article full of HTML),
//! the router over it, and request helpers.

#![allow(dead_code, clippy::unwrap_used)]

pub mod fixture;

use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use rasd_server::{AppState, RouterOptions, StateOptions, Token};
use serde_json::Value;
use tower::ServiceExt;

pub const TOKEN: &str = "test-token-0123456789abcdef";

/// A store of the seeds and the HTML article, with its router.
pub struct Fixture {
    _dir: tempfile::TempDir,
    pub app: Router,
    pub state: AppState,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("rasd.db");
        let store: Arc<dyn rasd_store::Store> =
            Arc::from(rasd_store::open(db.to_str().unwrap()).unwrap());
        fixture::load(
            store.as_ref(),
            &[fixture::seeds_dir(), fixture::xss_article()],
        )
        .unwrap();
        let state = AppState::new(
            store,
            rasd_gazetteer::Gazetteer::embedded().unwrap(),
            Token::new(TOKEN).unwrap(),
            StateOptions::default(),
        );
        let app = rasd_server::router(state.clone(), &RouterOptions::default()).unwrap();
        Fixture {
            _dir: dir,
            app,
            state,
        }
    }
}

/// One fixture shared by the read-only tests of a test binary.
pub fn shared() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(Fixture::new)
}

/// A response: status, headers, body as JSON (or a string for non-JSON).
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub raw: Vec<u8>,
}

pub async fn send(app: &Router, req: Request<Body>) -> Resp {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let raw = resp
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    let body = serde_json::from_slice(&raw)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&raw).into_owned()));
    Resp {
        status,
        headers,
        body,
        raw,
    }
}

pub async fn get(app: &Router, uri: &str) -> Resp {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// GET that must succeed.
pub async fn get_ok(app: &Router, uri: &str) -> Value {
    let r = get(app, uri).await;
    assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
    r.body
}

pub async fn post(app: &Router, uri: &str, token: Option<&str>, body: &Value) -> Resp {
    post_raw(app, uri, token, serde_json::to_vec(body).unwrap()).await
}

pub async fn post_raw(app: &Router, uri: &str, token: Option<&str>, body: Vec<u8>) -> Resp {
    let mut req = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    send(app, req.body(Body::from(body)).unwrap()).await
}

/// Percent-encodes a query value.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Every active event (all pages).
pub async fn all_events(app: &Router) -> Vec<Value> {
    let page = get_ok(app, "/api/events?limit=500&status=all").await;
    page["items"].as_array().unwrap().clone()
}
