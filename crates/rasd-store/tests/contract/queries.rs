//! Contract: queries, filters, statistics, search, change feed.

use rasd_core::{EventType, SubEventType, Tag};
use rasd_store::{ChangeKind, EventFilter, Near, Page, ReviewAction, ReviewStatus, Sort, Store};

use super::{Factory, all_events, apply, find, merger};
use crate::common::*;

fn ids(store: &dyn Store, f: EventFilter) -> Vec<String> {
    let v = store
        .events(&f, &Page::first(100).sorted(Sort::Id))
        .unwrap();
    assert_eq!(
        store.count_events(&f).unwrap(),
        v.len() as u64,
        "count agrees with the list for {f:?}"
    );
    v.into_iter().map(|e| e.id.0).collect()
}

pub fn filters(factory: Factory) {
    let store = factory();
    apply(&*store, &kanaker());
    let all = ids(&*store, EventFilter::default());
    assert_eq!(all.len(), 4);
    let strike = find(&*store, SubEventType::AirDroneStrike, "البوكمال").id.0;
    let siege = find(&*store, SubEventType::Other, "كناكر").id.0;
    let arrests = find(&*store, SubEventType::Arrests, "كناكر").id.0;
    let f = EventFilter::default;
    let table: Vec<(EventFilter, Vec<&String>)> = vec![
        (
            EventFilter {
                since: "2020-12-07".parse().ok(),
                ..f()
            },
            vec![&siege],
        ),
        (
            EventFilter {
                until: "2020-12-07".parse().ok(),
                ..f()
            },
            vec![&strike],
        ),
        (
            EventFilter {
                place: Some("البوكمال".into()),
                ..f()
            },
            vec![&strike],
        ),
        (
            EventFilter {
                place: Some("fixture:abu-kamal".into()),
                ..f()
            },
            vec![&strike],
        ),
        (
            EventFilter {
                place: Some("دير الزور".into()),
                ..f()
            },
            vec![&strike],
        ),
        (
            EventFilter {
                admin1: Some("دير الزور".into()),
                ..f()
            },
            vec![&strike],
        ),
        (
            EventFilter {
                event_types: vec![EventType::ExplosionsRemoteViolence],
                place: Some("البوكمال".into()),
                ..f()
            },
            vec![&strike],
        ),
        (
            EventFilter {
                sub_event_types: vec![SubEventType::Arrests],
                ..f()
            },
            vec![&arrests],
        ),
        (
            EventFilter {
                tags: vec![Tag::Siege],
                ..f()
            },
            vec![&siege],
        ),
        (
            EventFilter {
                actor: Some("international-coalition".into()),
                ..f()
            },
            vec![&strike],
        ),
        (
            EventFilter {
                actor: Some("iranian-militias".into()),
                ..f()
            },
            vec![&strike],
        ),
        // A disagreeing source's actor finds the event too.
        (
            EventFilter {
                actor: Some("regime:air-force-intelligence".into()),
                ..f()
            },
            vec![&arrests],
        ),
        (
            EventFilter {
                min_confidence: Some(0.97),
                ..f()
            },
            vec![&arrests],
        ),
    ];
    for (filter, want) in table {
        let got = ids(&*store, filter.clone());
        let want: Vec<String> = want.into_iter().cloned().collect();
        assert_eq!(got, want, "{filter:?}");
    }
    // The actor key is a prefix: `regime` finds every regime unit.
    let regime = ids(
        &*store,
        EventFilter {
            actor: Some("regime".into()),
            ..f()
        },
    );
    assert_eq!(regime.len(), 3);
    assert!(
        ids(
            &*store,
            EventFilter {
                actor: Some("reg".into()),
                ..f()
            }
        )
        .is_empty(),
        "whole keys only"
    );
    assert_eq!(
        ids(
            &*store,
            EventFilter {
                place: Some("كناكر".into()),
                ..f()
            }
        )
        .len(),
        3
    );
    assert_eq!(
        ids(
            &*store,
            EventFilter {
                admin1: Some("ريف دمشق".into()),
                ..f()
            }
        )
        .len(),
        3
    );
    let bbox = rasd_store::BBox {
        min_lat: 34.0,
        min_lon: 40.0,
        max_lat: 35.0,
        max_lon: 41.0,
    };
    assert_eq!(
        ids(
            &*store,
            EventFilter {
                bbox: Some(bbox),
                ..f()
            }
        ),
        vec![strike.clone()]
    );
    let page = store
        .events(
            &f(),
            &Page {
                limit: 2,
                offset: 1,
                sort: Sort::Id,
            },
        )
        .unwrap();
    assert_eq!(
        page.iter().map(|e| e.id.0.clone()).collect::<Vec<_>>(),
        all[1..3].to_vec()
    );
}

pub fn stats_and_sorting(factory: Factory) {
    let store = factory();
    apply(&*store, &kanaker());
    let s = store.stats(&EventFilter::default()).unwrap();
    assert_eq!(s.events, 4);
    assert_eq!(s.fatalities, 3 + 15);
    let days: Vec<String> = s.per_day.iter().map(|(d, n)| format!("{d}:{n}")).collect();
    assert_eq!(days, ["2020-12-06:1", "2020-12-08:1"]);
    assert_eq!(s.per_type.iter().map(|t| t.1).sum::<u64>(), 4);
    assert_eq!(
        s.per_event_type,
        [
            ("Explosions/Remote violence".to_owned(), 2),
            ("Strategic developments".to_owned(), 2)
        ],
        "by count, then name"
    );
    assert!(
        s.per_admin1.contains(&("ريف دمشق".to_owned(), 3)),
        "{:?}",
        s.per_admin1
    );
    assert!(s.per_admin1.contains(&("دير الزور".to_owned(), 1)));
    let desc = store
        .events(&EventFilter::default(), &Page::first(10))
        .unwrap();
    assert_eq!(
        desc[0].values.date.unwrap().to_string(),
        "2020-12-08",
        "newest first"
    );
    assert_eq!(desc[1].values.date.unwrap().to_string(), "2020-12-06");
    assert!(
        desc[2].values.date.is_none() && desc[3].values.date.is_none(),
        "undated last"
    );
    let asc = store
        .events(
            &EventFilter::default(),
            &Page::first(10).sorted(Sort::DateAsc),
        )
        .unwrap();
    assert_eq!(asc[0].values.date.unwrap().to_string(), "2020-12-06");
    let by_conf = store
        .events(
            &EventFilter::default(),
            &Page::first(10).sorted(Sort::ConfidenceDesc),
        )
        .unwrap();
    assert!(
        by_conf
            .windows(2)
            .all(|w| w[0].values.confidence >= w[1].values.confidence)
    );
}

pub fn events_near_place(factory: Factory) {
    let store = factory();
    apply(&*store, &kanaker());
    // Kanaker's resolved events (001 gave coordinates) within 5 km, oldest first.
    let near = Near {
        lat: 33.28,
        lon: 36.10,
        radius_km: 5.0,
    };
    let v = store
        .events_near(near, &EventFilter::default(), &Page::first(10))
        .unwrap();
    assert_eq!(v.len(), 2, "{v:#?}");
    assert!(v.iter().all(|e| e.values.location.name == "كناكر"));
    assert_eq!(v[0].values.date.unwrap().to_string(), "2020-12-08");
    let far = Near {
        lat: 36.2,
        lon: 37.1,
        radius_km: 20.0,
    };
    assert!(
        store
            .events_near(far, &EventFilter::default(), &Page::first(10))
            .unwrap()
            .is_empty()
    );
}

pub fn arabic_search(factory: Factory) {
    let store = factory();
    let texts = [
        ("s1", "شنت قوات النظام القصف على البلدة صباح اليوم\n"),
        ("s2", "وقصفت الطائرات الحربية أطراف المدينة\n"),
        ("s3", "استهدفت البلدة بالقصف المدفعي العنيف\n"),
        ("s4", "عقد اجتماع للجنة المصالحة في المدينة\n"),
    ];
    let batch: Vec<_> = texts
        .iter()
        .map(|(id, t)| rasd_store::DocumentInput {
            document: document(id, t, Some("2021-01-01"), None),
            reports: vec![],
        })
        .collect();
    apply(&*store, &batch);
    for q in ["قصف", "القصف", "بالقصف"] {
        let hits = store.search(q, 10).unwrap();
        let mut got: Vec<&str> = hits.iter().map(|h| h.doc_id.0.as_str()).collect();
        got.sort();
        assert_eq!(got, ["s1", "s2", "s3"], "{q}");
        assert!(hits.iter().all(|h| h.score.is_finite()));
        let s2 = hits.iter().find(|h| h.doc_id.0 == "s2").unwrap();
        assert!(s2.snippet.contains("وقصفت"), "{}", s2.snippet);
    }
    let hits = store.search("المصالحة اجتماع", 10).unwrap();
    assert_eq!(
        hits.iter().map(|h| h.doc_id.0.as_str()).collect::<Vec<_>>(),
        ["s4"]
    );
    assert!(store.search("غارة", 10).unwrap().is_empty());
    assert!(store.search("  ", 10).unwrap().is_empty());
    assert!(
        store.search("\"*) OR (", 10).unwrap().is_empty(),
        "operators are quoted, not run"
    );
    assert_eq!(store.search("قصف", 2).unwrap().len(), 2);
}

pub fn text_filter_uses_search(factory: Factory) {
    let store = factory();
    apply(&*store, &kanaker());
    let strike = find(&*store, SubEventType::AirDroneStrike, "البوكمال");
    // Only 002 mentions Abu Kamal's Revolutionary Guard.
    let f = EventFilter {
        text: Some("الحرس الثوري".into()),
        ..EventFilter::default()
    };
    let v = store.events(&f, &Page::first(10)).unwrap();
    assert!(v.iter().any(|e| e.id == strike.id));
    assert_eq!(v.len(), 3, "every event of 002");
    let f = EventFilter {
        text: Some("دبابات".into()),
        ..EventFilter::default()
    };
    assert_eq!(
        store.count_events(&f).unwrap(),
        2,
        "000's events (قذائف الدبابات)"
    );
}

pub fn change_feed_is_monotonic(factory: Factory) {
    let store = factory();
    apply(&*store, &[kanaker_000()]);
    apply(&*store, &[kanaker_001(), kanaker_002()]);
    let arrests = find(&*store, SubEventType::Arrests, "كناكر");
    store
        .review(
            &arrests.id,
            &ReviewAction::Confirm,
            Some("checked"),
            "analyst",
            &merger(),
        )
        .unwrap();
    let all = store.changes_since(0, 1000).unwrap();
    assert!(
        all.windows(2).all(|w| w[0].seq < w[1].seq),
        "strictly increasing"
    );
    let kinds: Vec<ChangeKind> = all.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == ChangeKind::EventCreated)
            .count(),
        4
    );
    assert!(kinds.contains(&ChangeKind::EventUpdated));
    assert!(kinds.contains(&ChangeKind::EventReviewed));
    let mid = all[2].seq;
    let rest = store.changes_since(mid, 1000).unwrap();
    assert_eq!(rest.len(), all.len() - 3);
    assert!(rest.iter().all(|c| c.seq > mid));
    assert_eq!(store.changes_since(0, 2).unwrap().len(), 2);
    assert_eq!(store.totals().unwrap().last_seq, all.last().unwrap().seq);
    let reviewed = all
        .iter()
        .find(|c| c.kind == ChangeKind::EventReviewed)
        .unwrap();
    assert_eq!(reviewed.detail["who"], "analyst");
    assert_eq!(
        store
            .count_events(&rasd_store::EventFilter {
                review_status: Some(ReviewStatus::Confirmed),
                ..Default::default()
            })
            .unwrap(),
        1
    );
    assert_eq!(all_events(&*store).len(), 4);
}
