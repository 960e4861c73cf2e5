//! Reviews (auth, body limit, every action), and the OpenAPI document against the router.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::{Fixture, TOKEN, all_events, get, get_ok, post, post_raw};
use serde_json::{Value, json};

fn first_id(events: &[Value]) -> String {
    events[0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn writes_need_the_token() {
    let f = Fixture::new();
    let app = &f.app;
    let id = first_id(&all_events(app).await);
    let uri = format!("/api/events/{id}/review");
    let body = json!({"action": "confirm", "who": "analyst"});
    let r = post(app, &uri, None, &body).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers["www-authenticate"], "Bearer");
    assert!(r.body["error"].as_str().unwrap().contains("Bearer"));
    let r = post(app, &uri, Some("wrong-token-0123456789"), &body).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // Nothing happened.
    assert_eq!(
        get_ok(app, &format!("/api/events/{id}")).await["event"]["review_status"],
        "unreviewed"
    );

    let r = post(app, &uri, Some(TOKEN), &body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["event"]["review_status"], "confirmed");
    let d = get_ok(app, &format!("/api/events/{id}")).await;
    assert_eq!(d["event"]["review_status"], "confirmed");
    let reviews = d["reviews"].as_array().unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0]["who"], "analyst");
    assert_eq!(reviews[0]["action"]["action"], "confirm");
    assert!(reviews[0]["at"].is_string());
    // Confirming pins the values: they show as overridden.
    assert!(!d["event"]["overridden"].as_array().unwrap().is_empty());
    // The change feed has it.
    let ch = get_ok(app, "/api/changes?since=0&limit=1000").await;
    assert!(
        ch["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "event_reviewed" && c["event_id"] == id.as_str())
    );
}

#[tokio::test]
async fn body_size_and_shape_limits() {
    let f = Fixture::new();
    let app = &f.app;
    let id = first_id(&all_events(app).await);
    let uri = format!("/api/events/{id}/review");
    let big = json!({"action": "confirm", "who": "a", "note": "x".repeat(70 * 1024)});
    let r = post(app, &uri, Some(TOKEN), &big).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body["error"].is_string(), "{}", r.body);
    let table = [
        (
            json!({"action": "confirm"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"action": "dance", "who": "a"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"action": "confirm", "who": "  "}),
            StatusCode::BAD_REQUEST,
        ),
        (
            json!({"action": "merge", "other": id, "who": "a"}),
            StatusCode::BAD_REQUEST,
        ),
        (
            json!({"action": "split", "reports": [], "who": "a"}),
            StatusCode::BAD_REQUEST,
        ),
        (
            json!({"action": "merge", "other": "SYR999999", "who": "a"}),
            StatusCode::NOT_FOUND,
        ),
    ];
    for (body, want) in table {
        let r = post(app, &uri, Some(TOKEN), &body).await;
        assert_eq!(r.status, want, "{body}: {}", r.body);
        assert!(r.body["error"].is_string());
    }
    let r = post_raw(app, &uri, Some(TOKEN), b"{not json".to_vec()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body["error"].is_string());
    let r = post(
        app,
        "/api/events/SYR999999/review",
        Some(TOKEN),
        &json!({"action": "confirm", "who": "a"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // A GET on the write route is 405, as JSON.
    let r = get(app, &uri).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(r.body["error"].is_string());
}

#[tokio::test]
async fn edit_reject_merge_split() {
    let f = Fixture::new();
    let app = &f.app;
    let events = all_events(app).await;
    let total = events.len();
    let (a, b) = (
        first_id(&events),
        events[1]["id"].as_str().unwrap().to_owned(),
    );
    let review = |id: &str, body: Value| {
        let uri = format!("/api/events/{id}/review");
        async move { post(app, &uri, Some(TOKEN), &body).await }
    };

    // Edit a field: the value changes and is marked reviewed.
    let r = review(&a, json!({"action": "edit", "edit": {"field": "fatalities", "value": 7}, "who": "ed", "note": "two sources say 7"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let d = get_ok(app, &format!("/api/events/{a}")).await;
    assert_eq!(d["event"]["fatalities"], 7);
    assert_eq!(d["event"]["review_status"], "edited");
    assert!(
        d["event"]["overridden"]
            .as_array()
            .unwrap()
            .contains(&json!("fatalities"))
    );
    assert_eq!(d["reviews"][0]["note"], "two sources say 7");

    // Merge: b's reports move to a; b redirects to a.
    let reports_before = d["reports"].as_array().unwrap().len();
    let r = review(&a, json!({"action": "merge", "other": b, "who": "ed"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let d = get_ok(app, &format!("/api/events/{a}")).await;
    let reports = d["reports"].as_array().unwrap();
    assert!(reports.len() > reports_before);
    let redirected = get_ok(app, &format!("/api/events/{b}")).await;
    assert_eq!(redirected["event"]["id"], a.as_str());
    assert_eq!(redirected["requested"], b.as_str());
    assert!(
        d["history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["kind"] == "merge")
    );
    // The list (served from a count cache) reflects the merge at once.
    assert_eq!(
        get_ok(app, "/api/events?limit=1&status=all").await["total"]
            .as_u64()
            .unwrap() as usize,
        total - 1
    );

    // Split the last report out again.
    let moved = reports.last().unwrap()["id"].as_i64().unwrap();
    let r = review(
        &a,
        json!({"action": "split", "reports": [moved], "who": "ed"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let created = r.body["created"].as_str().unwrap().to_owned();
    let c = get_ok(app, &format!("/api/events/{created}")).await;
    assert!(
        c["reports"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == moved)
    );

    // Reject: hidden from the default list, shown with status=rejected.
    let r = review(&created, json!({"action": "reject", "who": "ed"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let default = get_ok(app, "/api/events?limit=500").await;
    assert!(
        !default["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == created.as_str())
    );
    let rejected = get_ok(app, "/api/events?limit=500&status=rejected").await;
    assert!(
        rejected["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == created.as_str())
    );
}

/// Every route of the router is in the OpenAPI document and vice versa; each answers.
#[tokio::test]
async fn openapi_matches_the_router() {
    let f = common::shared();
    let mut routes: Vec<(Method, String)> = rasd_server::routes::specs(&f.state)
        .into_iter()
        .map(|r| (r.method, r.path.to_owned()))
        .collect();
    routes.sort_by(|a, b| (a.1.as_str(), a.0.as_str()).cmp(&(b.1.as_str(), b.0.as_str())));
    let documented = rasd_server::openapi::operations().unwrap();
    assert_eq!(routes, documented);
    let served = get_ok(&f.app, "/openapi.json").await;
    assert_eq!(served["paths"].as_object().unwrap().len(), 12);

    // Each documented path is routed (never the "no route" 404, never 405).
    let place = get_ok(&f.app, "/api/places?q=damascus&limit=1").await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let event = first_id(&all_events(&f.app).await);
    for (method, path) in documented {
        let uri = path
            .replace(
                "{id}",
                if path.starts_with("/api/documents") {
                    "1"
                } else {
                    &event
                },
            )
            .replace("{place_id}", &place);
        let uri = match uri.as_str() {
            "/api/places" | "/api/search" => format!("{uri}?q=damascus"),
            _ => uri,
        };
        let r = if method == Method::POST {
            post(&f.app, &uri, None, &json!({})).await
        } else {
            get(&f.app, &uri).await
        };
        assert_ne!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
        let no_route = r.body["error"]
            .as_str()
            .is_some_and(|m| m.starts_with("no route"));
        assert!(
            !no_route && r.status != StatusCode::NOT_FOUND,
            "{method} {uri}: {}",
            r.status
        );
        let want = if method == Method::POST {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::OK
        };
        assert_eq!(r.status, want, "{method} {uri}: {}", r.body);
    }
}
