//! The read API over a store built from the sample articles.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::{all_events, enc, get, get_ok, shared};
use serde_json::Value;

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().unwrap()
}

fn ids(v: &Value) -> Vec<String> {
    items(v)
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn lists_filters_and_pages() {
    let app = &shared().app;
    let all = get_ok(app, "/api/events?limit=500").await;
    let total = all["total"].as_u64().unwrap();
    assert!(
        total >= 10,
        "the seeds give a dozen events or more, got {total}"
    );
    assert_eq!(items(&all).len() as u64, total);
    assert_eq!(all["next_offset"], Value::Null);

    // Pages are disjoint and together the first four.
    let first4 = ids(&get_ok(app, "/api/events?limit=4").await);
    let p1 = get_ok(app, "/api/events?limit=2").await;
    assert_eq!(p1["next_offset"], 2);
    let p2 = get_ok(app, "/api/events?limit=2&offset=2").await;
    assert_eq!([ids(&p1), ids(&p2)].concat(), first4);

    // Filters narrow; every item satisfies them.
    let ty = "Strategic developments";
    let sd = get_ok(app, &format!("/api/events?limit=500&type={}", enc(ty))).await;
    assert!(sd["total"].as_u64().unwrap() < total);
    assert!(items(&sd).iter().all(|e| e["event_type"] == ty));
    let at = get_ok(
        app,
        &format!("/api/events?limit=500&place={}", enc("كناكر")),
    )
    .await;
    assert!(at["total"].as_u64().unwrap() >= 3, "{}", at["total"]);
    let gov = get_ok(
        app,
        &format!("/api/events?limit=500&admin1={}", enc("ريف دمشق")),
    )
    .await;
    assert!(
        items(&gov)
            .iter()
            .all(|e| e["location"]["admin1"] == "ريف دمشق")
    );
    let reg = get_ok(app, "/api/events?limit=500&actor=regime").await;
    assert!(reg["total"].as_u64().unwrap() >= 1);
    let text = get_ok(app, &format!("/api/events?limit=500&text={}", enc("كناكر"))).await;
    assert!(text["total"].as_u64().unwrap() >= 1);
    let bbox = get_ok(app, "/api/events?limit=500&bbox=35.9,33.2,36.2,33.4").await;
    for e in items(&bbox) {
        let (lat, lon) = (
            e["location"]["lat"].as_f64().unwrap(),
            e["location"]["lon"].as_f64().unwrap(),
        );
        assert!((33.2..=33.4).contains(&lat) && (35.9..=36.2).contains(&lon));
    }
    let conf = get_ok(app, "/api/events?limit=500&min_confidence=0.8").await;
    assert!(
        items(&conf)
            .iter()
            .all(|e| e["confidence"].as_f64().unwrap() >= 0.8 - 1e-6)
    );
    let none = get_ok(app, "/api/events?since=2030-01-01").await;
    assert_eq!(none["total"], 0);
}

#[tokio::test]
async fn sorts() {
    let app = &shared().app;
    let key = |e: &Value, k: &str| e[k].clone();
    let by_date = get_ok(app, "/api/events?limit=500&sort=date").await;
    let dates: Vec<Value> = items(&by_date).iter().map(|e| key(e, "date")).collect();
    let dated: Vec<&str> = dates.iter().filter_map(|d| d.as_str()).collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{dated:?}");
    // Undated events come last.
    let first_null = dates.iter().position(Value::is_null).unwrap_or(dates.len());
    assert!(dates[first_null..].iter().all(Value::is_null));
    let by_conf = get_ok(app, "/api/events?limit=500&sort=confidence").await;
    let c: Vec<f64> = items(&by_conf)
        .iter()
        .map(|e| e["confidence"].as_f64().unwrap())
        .collect();
    assert!(c.windows(2).all(|w| w[0] >= w[1]));
    let by_fat = get_ok(app, "/api/events?limit=500&sort=fatalities").await;
    let f: Vec<i64> = items(&by_fat)
        .iter()
        .map(|e| e["fatalities"].as_i64().unwrap_or(-1))
        .collect();
    assert!(f.windows(2).all(|w| w[0] >= w[1]), "{f:?}");
    assert!(f[0] >= 1, "the HTML article reports two deaths: {f:?}");
}

#[tokio::test]
async fn bad_parameters_are_json_errors() {
    let app = &shared().app;
    let table = [
        ("/api/events?limit=501", "limit"),
        ("/api/events?type=Picnic", "type"),
        ("/api/events?since=tomorrow", "since"),
        ("/api/events?sort=colour", "sort"),
        ("/api/events?colour=red", "colour"),
        ("/api/events?bbox=1,2", "bbox"),
        ("/api/places", "q"),
        ("/api/search?q=", "q"),
        ("/api/changes?since=-4", "since"),
        ("/api/places/geonames:1/dossier?radius_km=1000", "radius_km"),
    ];
    for (uri, word) in table {
        let r = get(app, uri).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}");
        let msg = r.body["error"].as_str().unwrap();
        assert!(msg.contains(word), "{uri}: {msg}");
    }
    for uri in [
        "/api/events/SYR999999",
        "/api/documents/999999",
        "/api/places/nowhere:1/dossier",
        "/api/nothing",
    ] {
        let r = get(app, uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(r.body["error"].is_string(), "{uri}: {}", r.body);
    }
    let r = get(app, "/api/documents/not-a-number").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body["error"].is_string());
}

/// Every evidence span of every report slices the document's original text (or title)
/// exactly to the evidence text.
#[tokio::test]
async fn event_detail_evidence_slices_the_original_text() {
    let app = &shared().app;
    let mut checked = 0;
    for e in all_events(app).await {
        let id = e["id"].as_str().unwrap();
        let d = get_ok(app, &format!("/api/events/{id}")).await;
        assert_eq!(d["event"]["id"], id);
        assert!(d["event"]["disagreements"].is_array());
        assert!(d["reviews"].is_array() && d["history"].is_array());
        assert!(
            !d["history"].as_array().unwrap().is_empty(),
            "{id}: a create record at least"
        );
        let sources = d["sources"].as_array().unwrap();
        assert!(!sources.is_empty(), "{id} has sources");
        for r in d["reports"].as_array().unwrap() {
            let src = &r["source"];
            assert_eq!(src["document"], r["document"]);
            assert!(
                src.get("outlet").is_some()
                    && src.get("url").is_some()
                    && src.get("title").is_some()
            );
            let doc = get_ok(app, &format!("/api/documents/{}", r["document"])).await;
            let text = doc["text"].as_str().unwrap().as_bytes();
            let title = doc["title"].as_str().unwrap_or_default().as_bytes();
            for ev in r["report"]["evidence"].as_array().unwrap() {
                let (s, t) = (
                    ev["start"].as_u64().unwrap() as usize,
                    ev["end"].as_u64().unwrap() as usize,
                );
                let base = if ev["part"] == "title" { title } else { text };
                let slice = std::str::from_utf8(&base[s..t]).unwrap();
                assert_eq!(slice, ev["text"].as_str().unwrap(), "{id} {}", ev["field"]);
                checked += 1;
            }
        }
    }
    assert!(checked > 30, "only {checked} spans");
}

#[tokio::test]
async fn documents_carry_text_removals_and_every_report() {
    let app = &shared().app;
    // The documents referenced by events, and which reports each event shows from them.
    let mut from_events: std::collections::BTreeMap<i64, Vec<i64>> = Default::default();
    for e in all_events(app).await {
        let d = get_ok(app, &format!("/api/events/{}", e["id"].as_str().unwrap())).await;
        for r in d["reports"].as_array().unwrap() {
            if r["status"] == "active" {
                from_events
                    .entry(r["document"].as_i64().unwrap())
                    .or_default()
                    .push(r["id"].as_i64().unwrap());
            }
        }
    }
    assert!(from_events.len() >= 5, "{from_events:?}");
    let mut removed_any = false;
    for (doc, mut want) in from_events {
        let d = get_ok(app, &format!("/api/documents/{doc}")).await;
        assert_eq!(d["id"], doc);
        let text = d["text"].as_str().unwrap();
        for k in d["kept"].as_array().unwrap() {
            assert!(
                text.get(
                    k["start"].as_u64().unwrap() as usize..k["end"].as_u64().unwrap() as usize
                )
                .is_some()
            );
        }
        for r in d["removed"].as_array().unwrap() {
            let (s, e) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..e], r["text"].as_str().unwrap());
            assert!(r["reason"].is_string());
            removed_any = true;
        }
        let mut got: Vec<i64> = d["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["report_id"].as_i64().unwrap())
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "document {doc}");
        for r in d["reports"].as_array().unwrap() {
            assert!(r["event_id"].is_string());
            assert!(!r["evidence"].as_array().unwrap().is_empty());
        }
    }
    assert!(
        removed_any,
        "the seeds carry boilerplate that cleaning removes"
    );
}

#[tokio::test]
async fn places_and_the_kanaker_dossier() {
    let app = &shared().app;
    let found = get_ok(app, &format!("/api/places?q={}", enc("كناكر"))).await;
    let first = &items(&found)[0];
    assert_eq!(first["name_ar"], "كناكر");
    assert_eq!(first["admin1"]["name_ar"], "ريف دمشق");
    let en = get_ok(app, "/api/places?q=damascus&limit=5").await;
    assert!(items(&en).iter().any(|p| p["name_ar"] == "دمشق"), "{en}");

    let id = first["id"].as_str().unwrap();
    let d = get_ok(app, &format!("/api/places/{}/dossier", enc(id))).await;
    assert_eq!(d["place"]["id"], id);
    let events = d["events"].as_array().unwrap();
    assert!(events.len() >= 3, "{}", events.len());
    assert!(events.iter().any(|e| e["at_place"] == true));
    let dates: Vec<&Value> = events.iter().map(|e| &e["event"]["date"]).collect();
    let dated: Vec<&str> = dates.iter().filter_map(|d| d.as_str()).collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]));
    let first_null = dates
        .iter()
        .position(|d| d.is_null())
        .unwrap_or(dates.len());
    assert!(dates[first_null..].iter().all(|d| d.is_null()));
    for e in events {
        assert!(!e["sources"].as_array().unwrap().is_empty());
        if let Some(km) = e["distance_km"].as_f64() {
            assert!(km <= d["radius_km"].as_f64().unwrap() + 0.5, "{km}");
        }
    }
    // A wider radius finds at least as much.
    let wide = get_ok(
        app,
        &format!("/api/places/{}/dossier?radius_km=50", enc(id)),
    )
    .await;
    assert!(wide["events"].as_array().unwrap().len() >= events.len());
}

#[tokio::test]
async fn stats_honour_filters() {
    let app = &shared().app;
    let s = get_ok(app, "/api/stats").await;
    let total = get_ok(app, "/api/events?limit=1").await["total"]
        .as_u64()
        .unwrap();
    assert_eq!(s["events"].as_u64().unwrap(), total);
    let sum = |v: &Value| -> u64 {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| p[1].as_u64().unwrap())
            .sum()
    };
    assert_eq!(sum(&s["per_event_type"]), total);
    assert_eq!(sum(&s["per_type"]), total);
    assert_eq!(sum(&s["per_admin1"]), total);
    assert_eq!(sum(&s["per_day"]) + s["undated"].as_u64().unwrap(), total);
    let by_type: u64 = s["per_day_by_type"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| sum(&t["per_day"]))
        .sum();
    assert_eq!(by_type, sum(&s["per_day"]));
    let f = get_ok(app, &format!("/api/stats?type={}", enc("Battles"))).await;
    assert!(f["events"].as_u64().unwrap() < total);
    assert!(
        f["per_event_type"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p[0] == "Battles")
    );
}

#[tokio::test]
async fn search_changes_totals_vocabulary() {
    let app = &shared().app;
    let hits = get_ok(app, &format!("/api/search?q={}", enc("اتفاق التسوية"))).await;
    assert!(!items(&hits).is_empty());
    assert!(
        items(&hits)
            .iter()
            .all(|h| h["snippet"].is_string() && h["document"].is_i64())
    );
    assert!(items(&get_ok(app, "/api/search?q=zzzzqqq").await).is_empty());

    let ch = get_ok(app, "/api/changes?since=0&limit=5").await;
    let seqs: Vec<i64> = items(&ch)
        .iter()
        .map(|c| c["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs.len(), 5);
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(ch["next_since"], seqs[4]);
    let next = get_ok(app, &format!("/api/changes?since={}", seqs[4])).await;
    assert!(
        items(&next)
            .iter()
            .all(|c| c["seq"].as_i64().unwrap() > seqs[4])
    );

    let t = get_ok(app, "/api/totals").await;
    assert_eq!(t["documents"], 6);
    let v = get_ok(app, "/api/vocabulary").await;
    assert_eq!(v["event_types"].as_array().unwrap().len(), 6);
    assert_eq!(v["governorates"].as_array().unwrap().len(), 14);
    assert!(
        v["sub_event_types"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["key"] == "Arrests" && s["parent"] == "Strategic developments")
    );
}

/// Article text is data: JSON strings, never HTML; the app's pages forbid inline script.
#[tokio::test]
async fn html_in_articles_comes_back_as_json_data() {
    let app = &shared().app;
    let found = get_ok(
        app,
        &format!("/api/events?limit=500&text={}", enc("الأحياء السكنية")),
    )
    .await;
    let e = items(&found)
        .first()
        .cloned()
        .expect("the HTML article's event");
    let d = get_ok(app, &format!("/api/events/{}", e["id"].as_str().unwrap())).await;
    let src = d["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["doc_id"] == "xss-probe-001")
        .unwrap();
    assert_eq!(src["outlet"], "<b>Outlet</b> & \"Co\"");
    let r = get(app, &format!("/api/documents/{}", src["document"])).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "application/json");
    assert_eq!(r.headers["x-content-type-options"], "nosniff");
    let text = r.body["text"].as_str().unwrap();
    assert!(
        text.contains("<script>alert(1)</script>") && text.contains("<img src=x onerror=alert(2)>")
    );
    assert!(r.body["title"].as_str().unwrap().contains("<script>"));
    // In the raw JSON the markup is inside a string (serde escapes only quotes and controls).
    let raw = String::from_utf8(r.raw).unwrap();
    assert!(raw.contains("\"text\":\""));

    let page = get(app, "/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-eval"));
    assert!(
        !csp.split(';')
            .any(|d| d.contains("script-src") && d.contains("unsafe-inline"))
    );
}

#[tokio::test]
async fn web_app_assets() {
    let app = &shared().app;
    let table = [
        ("/", "text/html; charset=utf-8"),
        ("/js/main.js", "text/javascript; charset=utf-8"),
        (
            "/vendor/leaflet/leaflet.js",
            "text/javascript; charset=utf-8",
        ),
        ("/data/syr_admin1.geojson", "application/geo+json"),
        ("/openapi.json", "application/json"),
    ];
    for (uri, ty) in table {
        let r = get(app, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert_eq!(r.headers["content-type"], ty, "{uri}");
    }
    assert_eq!(get(app, "/nope.js").await.status, StatusCode::NOT_FOUND);
    let geo = get_ok(app, "/data/syr_admin2.geojson").await;
    assert_eq!(geo["features"].as_array().unwrap().len(), 62);
    assert!(geo["attribution"].as_str().unwrap().contains("OCHA"));
}

/// 100 requests at once all succeed (store calls run on the bounded blocking pool).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_concurrent_readers() {
    let app = shared().app.clone();
    let mut tasks = Vec::new();
    for i in 0..100 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let uri = if i % 2 == 0 {
                "/api/events?limit=50".to_owned()
            } else {
                format!("/api/events?limit=5&offset={}", i % 7)
            };
            get(&app, &uri).await.status
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
}
