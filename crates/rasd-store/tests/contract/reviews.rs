//! Contract: analyst reviews.

use rasd_core::{Field, SubEventType};
use rasd_store::{
    ChangeKind, EventFilter, FieldEdit, MergeKind, ReviewAction, ReviewStatus, StoreError,
};

use super::{Factory, all_events, apply, find, merger};
use crate::common::*;

pub fn reviewed_values_survive_reextraction(factory: Factory) {
    let store = factory();
    apply(&*store, &kanaker());
    let ev = find(
        &*store,
        SubEventType::ShellingArtilleryMissileAttack,
        "كناكر",
    );
    let edit = ReviewAction::Edit {
        edit: FieldEdit::Fatalities(Some(5)),
    };
    let out = store
        .review(&ev.id, &edit, Some("hospital list"), "analyst-1", &merger())
        .unwrap();
    assert_eq!(out.event.values.fatalities, Some(5));
    assert_eq!(out.event.review_status, ReviewStatus::Edited);
    assert_eq!(out.event.overridden, vec![Field::Fatalities]);
    // Re-extraction reads 4: the reviewed 5 stays; the reports' figures remain visible.
    let mut again = kanaker_000();
    again.reports[1].fatalities = Some(4);
    let res = apply(&*store, &[again]);
    assert_eq!(res.reports_updated, 1);
    let detail = store.event(&ev.id).unwrap().unwrap();
    assert_eq!(detail.event.values.fatalities, Some(5));
    assert_eq!(detail.overrides, vec![FieldEdit::Fatalities(Some(5))]);
    assert_eq!(detail.reports[0].report.fatalities, Some(4));
    let reviews = store.reviews(&ev.id).unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(
        (reviews[0].who.as_str(), reviews[0].note.as_deref()),
        ("analyst-1", Some("hospital list"))
    );
    assert_eq!(reviews[0].action, edit);
}

pub fn confirm_and_reject(factory: Factory) {
    let store = factory();
    apply(&*store, &kanaker());
    let strike = find(&*store, SubEventType::AirDroneStrike, "البوكمال");
    let out = store
        .review(
            &strike.id,
            &ReviewAction::Confirm,
            None,
            "analyst",
            &merger(),
        )
        .unwrap();
    assert_eq!(out.event.review_status, ReviewStatus::Confirmed);
    assert!(
        out.event.overridden.contains(&Field::Fatalities),
        "confirmed values are pinned"
    );
    // Another source reports fewer dead: the confirmed figure stays.
    let d = document(
        "later",
        "غارات للتحالف على البوكمال أسفرت عن مقتل عشرة\n",
        Some("2020-12-07"),
        None,
    );
    let r = with(
        report(
            &d,
            SubEventType::AirDroneStrike,
            "البوكمال",
            "غارات للتحالف على البوكمال",
        ),
        |e| {
            e.actor1 = actor("international-coalition");
            e.date = absolute("2020-12-06");
            e.fatalities = Some(10);
            at_abu_kamal(e);
        },
    );
    apply(
        &*store,
        &[rasd_store::DocumentInput {
            document: d,
            reports: vec![r],
        }],
    );
    let ev = find(&*store, SubEventType::AirDroneStrike, "البوكمال");
    assert_eq!((ev.values.fatalities, ev.n_sources), (Some(15), 2));
    assert!(ev.values.disagreement(Field::Fatalities).is_some());
    // Rejected events leave the default listing but stay retrievable.
    let arrests = find(&*store, SubEventType::Arrests, "كناكر");
    store
        .review(
            &arrests.id,
            &ReviewAction::Reject,
            Some("not an arrest"),
            "analyst",
            &merger(),
        )
        .unwrap();
    assert_eq!(all_events(&*store).len(), 3);
    let f = EventFilter {
        include_rejected: true,
        ..EventFilter::default()
    };
    assert_eq!(store.count_events(&f).unwrap(), 4);
    let f = EventFilter {
        review_status: Some(ReviewStatus::Rejected),
        ..EventFilter::default()
    };
    assert_eq!(store.count_events(&f).unwrap(), 1);
    assert_eq!(
        store
            .event(&arrests.id)
            .unwrap()
            .unwrap()
            .event
            .review_status,
        ReviewStatus::Rejected
    );
    // Re-extraction does not resurrect it as a new event.
    let mut again = kanaker_000();
    again.reports[0].confidence = 0.95;
    apply(&*store, &[again]);
    assert_eq!(all_events(&*store).len(), 3);
    let missing = rasd_core::EventId("SYR999999".into());
    assert!(matches!(
        store.review(&missing, &ReviewAction::Confirm, None, "a", &merger()),
        Err(StoreError::NoSuchEvent(_))
    ));
}

pub fn review_split_and_merge(factory: Factory) {
    let store = factory();
    apply(&*store, &kanaker());
    let arrests = find(&*store, SubEventType::Arrests, "كناكر");
    let detail = store.event(&arrests.id).unwrap().unwrap();
    // 002's arrest of three women is judged a different incident: split it out.
    let r002 = detail
        .reports
        .iter()
        .find(|r| r.doc_id.0 == SEED_002)
        .unwrap()
        .id;
    let split = ReviewAction::Split {
        reports: vec![r002],
    };
    let out = store
        .review(
            &arrests.id,
            &split,
            Some("three women, not two"),
            "analyst",
            &merger(),
        )
        .unwrap();
    let new_id = out.created.clone().unwrap();
    assert_ne!(new_id, arrests.id);
    assert_eq!(out.event.n_reports, 2);
    let new = store.event(&new_id).unwrap().unwrap();
    assert_eq!(
        new.reports.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![r002]
    );
    assert!(
        new.history
            .iter()
            .any(|h| h.kind == MergeKind::Split && h.event_id.as_ref() == Some(&arrests.id))
    );
    assert_eq!(all_events(&*store).len(), 5);
    // Splitting every report, or reports of another event, is refused.
    let bad = ReviewAction::Split {
        reports: vec![r002],
    };
    assert!(matches!(
        store.review(&arrests.id, &bad, None, "analyst", &merger()),
        Err(StoreError::Review(_))
    ));
    // Merge them back: the survivor keeps its id; the absorbed id redirects to it.
    let merge = ReviewAction::Merge {
        other: new_id.clone(),
    };
    let out = store
        .review(&arrests.id, &merge, None, "analyst-2", &merger())
        .unwrap();
    assert_eq!(
        (out.event.id.clone(), out.event.n_reports),
        (arrests.id.clone(), 3)
    );
    let via_old = store.event(&new_id).unwrap().unwrap();
    assert_eq!(via_old.event.id, arrests.id);
    assert_eq!(via_old.requested, Some(new_id.clone()));
    let h = store.merge_history(&arrests.id).unwrap();
    let m = h.iter().find(|h| h.kind == MergeKind::Merge).unwrap();
    assert_eq!(
        (m.other_event_id.as_ref(), m.who.as_str()),
        (Some(&new_id), "analyst-2")
    );
    assert!(m.reason.as_ref().unwrap().summary.contains("analyst-2"));
    let all = store.changes_since(0, 1000).unwrap();
    assert!(
        all.iter()
            .any(|c| c.kind == ChangeKind::EventSplit && c.event_id == arrests.id)
    );
    assert!(
        all.iter()
            .any(|c| c.kind == ChangeKind::EventMerged && c.event_id == new_id)
    );
    assert_eq!(all_events(&*store).len(), 4);
    let merged = rasd_store::EventFilter {
        include_inactive: true,
        ..rasd_store::EventFilter::default()
    };
    assert_eq!(
        store.count_events(&merged).unwrap(),
        5,
        "the absorbed event is kept, as a redirect"
    );
    assert_eq!(store.totals().unwrap().merged_events, 1);
    assert_eq!(
        store.reviews(&new_id).unwrap().len(),
        2,
        "split and merge, found via the redirect"
    );
}
