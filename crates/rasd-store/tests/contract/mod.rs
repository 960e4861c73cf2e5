//! The store contract: one suite, run against every backend through a factory that
//! returns a fresh, empty store.

#![allow(dead_code)]

mod queries;
mod reviews;

use rasd_core::{Field, SubEventType};
use rasd_merge::RasdMerger;
use rasd_store::{
    ApplyOptions, BatchOutcome, ChangeKind, DocumentInput, EventFilter, EventStatus, MergeKind,
    Page, Sort, Store, StoredEvent,
};

use crate::common::*;

pub use queries::*;
pub use reviews::*;

pub type Factory = fn() -> Box<dyn Store>;

/// Generates one `#[test]` per contract test for a backend.
macro_rules! contract_tests {
    ($factory:path, $skip:path) => {
        contract_tests!(@each $factory, $skip;
            idempotent_reingest, cross_source_merge_with_disagreements, fatalities_lowest_with_all_figures,
            near_duplicate_adds_no_event, kanaker_articles_are_not_near_duplicates, reextraction_keeps_ids,
            reextraction_retires_emptied_events, reviewed_values_survive_reextraction, review_split_and_merge,
            confirm_and_reject, change_feed_is_monotonic, filters, stats_and_sorting, events_near_place,
            arabic_search, text_filter_uses_search, aborted_batch_leaves_nothing, document_round_trip,
            merge_history_recorded, replace_reports_off_skips_known_documents, large_batch);
    };
    (@each $factory:path, $skip:path; $($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                if $skip() {
                    return;
                }
                crate::contract::$name($factory);
            }
        )*
    };
}

pub fn merger() -> RasdMerger {
    RasdMerger::default()
}

pub fn apply(store: &dyn Store, batch: &[DocumentInput]) -> BatchOutcome {
    store
        .apply_batch(batch, &merger(), &ApplyOptions::default())
        .unwrap()
}

pub fn all_events(store: &dyn Store) -> Vec<StoredEvent> {
    store
        .events(&EventFilter::default(), &Page::first(1000).sorted(Sort::Id))
        .unwrap()
}

/// The active event of this sub-event type at this place.
pub fn find(store: &dyn Store, sub: SubEventType, place: &str) -> StoredEvent {
    let f = EventFilter {
        sub_event_types: vec![sub],
        place: Some(place.into()),
        ..EventFilter::default()
    };
    let mut v = store.events(&f, &Page::first(10)).unwrap();
    assert_eq!(v.len(), 1, "{sub} at {place}: {v:#?}");
    v.remove(0)
}

pub fn idempotent_reingest(factory: Factory) {
    let store = factory();
    let first = apply(&*store, &kanaker());
    assert_eq!(first.documents_new, 3);
    assert_eq!(first.reports_new, 7);
    assert_eq!(first.events_new, 4, "{first:?}");
    let totals = store.totals().unwrap();
    let again = apply(&*store, &kanaker());
    assert_eq!(
        again,
        BatchOutcome {
            documents_duplicate: 3,
            ..BatchOutcome::default()
        }
    );
    assert_eq!(
        store.totals().unwrap(),
        totals,
        "nothing changed, not even the change feed"
    );
}

pub fn cross_source_merge_with_disagreements(factory: Factory) {
    let store = factory();
    apply(&*store, &kanaker());
    assert_eq!(all_events(&*store).len(), 4);
    let arrests = find(&*store, SubEventType::Arrests, "كناكر");
    assert_eq!((arrests.n_reports, arrests.n_sources), (3, 3));
    let d = arrests
        .values
        .disagreement(Field::Actor1)
        .expect("actor1 disagreement");
    let values: Vec<&str> = d.values.iter().map(|v| v.value.as_str()).collect();
    assert!(
        values.contains(&"regime:military-intelligence"),
        "{values:?}"
    );
    assert!(
        values.contains(&"regime:air-force-intelligence"),
        "{values:?}"
    );
    // Most specific, then most reported; the tie goes to the first report.
    assert_eq!(
        arrests.values.actor1.as_ref().unwrap().key(),
        "regime:military-intelligence"
    );
    // The most precise location wins (001 resolved Kanaker to a place id).
    assert_eq!(
        arrests.values.location.place_id.as_ref().unwrap().0,
        "fixture:kanaker"
    );
    let siege = find(&*store, SubEventType::Other, "كناكر");
    assert_eq!(siege.n_sources, 2);
    assert_eq!(
        siege.values.date.unwrap().to_string(),
        "2020-12-08",
        "اليوم الثلاثاء of 001"
    );
    let detail = store.event(&arrests.id).unwrap().unwrap();
    assert_eq!(detail.reports.len(), 3);
    assert!(
        detail.reports.iter().all(|r| !r.report.evidence.is_empty()),
        "evidence kept"
    );
    let docs: std::collections::BTreeSet<_> =
        detail.reports.iter().map(|r| r.doc_id.0.clone()).collect();
    assert_eq!(docs.len(), 3);
    let strike = find(&*store, SubEventType::AirDroneStrike, "البوكمال");
    assert_eq!(strike.n_sources, 1);
}

pub fn fatalities_lowest_with_all_figures(factory: Factory) {
    let store = factory();
    apply(&*store, &[kanaker_000()]);
    let d = document(
        "other-outlet",
        "قصفت قوات النظام بلدة كناكر بقذائف الدبابات ما أدى لمقتل أربعة مدنيين\n",
        Some("2020-12-08"),
        None,
    );
    let r = with(
        report(
            &d,
            SubEventType::ShellingArtilleryMissileAttack,
            "كناكر",
            "قصفت قوات النظام بلدة كناكر",
        ),
        |e| {
            e.actor1 = actor("regime");
            e.fatalities = Some(4);
        },
    );
    let out = apply(
        &*store,
        &[DocumentInput {
            document: d,
            reports: vec![r],
        }],
    );
    assert_eq!((out.events_new, out.events_updated), (0, 1));
    let ev = find(
        &*store,
        SubEventType::ShellingArtilleryMissileAttack,
        "كناكر",
    );
    assert_eq!(ev.values.fatalities, Some(3));
    let dis = ev.values.disagreement(Field::Fatalities).unwrap();
    let mut figures: Vec<&str> = dis.values.iter().map(|v| v.value.as_str()).collect();
    figures.sort();
    assert_eq!(figures, ["3", "4"]);
}

pub fn near_duplicate_adds_no_event(factory: Factory) {
    let store = factory();
    apply(&*store, &[kanaker_001()]);
    let before = all_events(&*store);
    let copy = syndicated_copy(&kanaker_001(), "copycat");
    let out = apply(&*store, std::slice::from_ref(&copy));
    assert_eq!(out.documents_near_duplicate, 1, "{out:?}");
    assert_eq!(out.documents_new, 0);
    assert_eq!(out.events_new, 0);
    let after = all_events(&*store);
    assert_eq!(after.len(), before.len());
    for e in &after {
        assert_eq!(e.n_sources, 1, "a copy is not a second source: {e:#?}");
        assert_eq!(
            e.n_reports, 2,
            "the copy's report is attached as a duplicate source"
        );
        let detail = store.event(&e.id).unwrap().unwrap();
        assert_eq!(
            detail.reports.iter().filter(|r| r.duplicate_source).count(),
            1
        );
    }
    let stored = store
        .document_by_hash(&copy.document.content_hash)
        .unwrap()
        .unwrap();
    let original = store
        .document_by_hash(&kanaker_001().document.content_hash)
        .unwrap()
        .unwrap();
    assert_eq!(stored.duplicate_of, Some(original.id));
    assert!(stored.duplicate_score.unwrap() >= 0.6);
}

pub fn kanaker_articles_are_not_near_duplicates(factory: Factory) {
    let store = factory();
    let out = apply(&*store, &kanaker());
    assert_eq!((out.documents_new, out.documents_near_duplicate), (3, 0));
}

pub fn reextraction_keeps_ids(factory: Factory) {
    let store = factory();
    apply(&*store, &kanaker());
    let shelling = find(
        &*store,
        SubEventType::ShellingArtilleryMissileAttack,
        "كناكر",
    );
    let old_report = store.event(&shelling.id).unwrap().unwrap().reports[0].id;
    let seq = store.totals().unwrap().last_seq;
    // A new lexicon reads four dead and the tank unit; same incident, same natural key.
    let mut again = kanaker_000();
    again.reports[1].fatalities = Some(4);
    again.reports[1].tags = vec![];
    again.reports[1].confidence = 0.9;
    let out = apply(&*store, &[again.clone()]);
    assert_eq!(out.documents_reextracted, 1);
    assert_eq!(
        (
            out.reports_updated,
            out.reports_unchanged,
            out.reports_new,
            out.reports_removed
        ),
        (1, 1, 0, 0)
    );
    assert_eq!((out.events_new, out.events_updated), (0, 1));
    let ev = find(
        &*store,
        SubEventType::ShellingArtilleryMissileAttack,
        "كناكر",
    );
    assert_eq!(ev.id, shelling.id, "event id kept");
    assert_eq!(ev.values.fatalities, Some(4));
    let detail = store.event(&ev.id).unwrap().unwrap();
    assert_eq!(detail.reports[0].id, old_report, "report id kept");
    let changes = store.changes_since(seq, 100).unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c.kind == ChangeKind::EventUpdated && c.event_id == ev.id),
        "{changes:#?}"
    );
    // Applying the same extraction again is a no-op.
    assert_eq!(apply(&*store, &[again]).documents_duplicate, 1);
}

pub fn reextraction_retires_emptied_events(factory: Factory) {
    let store = factory();
    apply(&*store, &kanaker());
    let shelling = find(
        &*store,
        SubEventType::ShellingArtilleryMissileAttack,
        "كناكر",
    );
    let arrests = find(&*store, SubEventType::Arrests, "كناكر");
    let seq = store.totals().unwrap().last_seq;
    let mut again = kanaker_000();
    again.reports.truncate(1); // the shelling is no longer extracted
    let out = apply(&*store, &[again]);
    assert_eq!((out.reports_removed, out.events_retired), (1, 1), "{out:?}");
    let gone = store.event(&shelling.id).unwrap().unwrap();
    assert_eq!(
        gone.event.status,
        EventStatus::Retired,
        "retired, not deleted"
    );
    assert_eq!(
        gone.reports.len(),
        1,
        "the removed report is kept for the audit trail"
    );
    assert!(gone.history.iter().any(|h| h.kind == MergeKind::Retire));
    assert_eq!(find(&*store, SubEventType::Arrests, "كناكر").id, arrests.id);
    let changes = store.changes_since(seq, 100).unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c.kind == ChangeKind::EventRetired && c.event_id == shelling.id)
    );
    // The report comes back: the retired event is reactivated under the same id.
    let out = apply(&*store, &[kanaker_000()]);
    assert_eq!(out.reports_new, 1);
    let back = find(
        &*store,
        SubEventType::ShellingArtilleryMissileAttack,
        "كناكر",
    );
    assert_eq!(back.id, shelling.id);
    assert_eq!(back.status, EventStatus::Active);
}

pub fn aborted_batch_leaves_nothing(factory: Factory) {
    let store = factory();
    let mut bad = kanaker_002();
    bad.reports[2].confidence = 7.0; // invalid: the batch fails on its third document
    let err = store.apply_batch(
        &[kanaker_000(), kanaker_001(), bad],
        &merger(),
        &ApplyOptions::default(),
    );
    assert!(err.is_err());
    assert_eq!(
        store.totals().unwrap(),
        rasd_store::Totals::default(),
        "no partial rows"
    );
    assert!(store.changes_since(0, 10).unwrap().is_empty());
    // A re-run ends with the same counts as an uninterrupted run.
    let out = apply(&*store, &kanaker());
    let fresh = factory();
    assert_eq!(out, apply(&*fresh, &kanaker()));
    assert_eq!(store.totals().unwrap(), fresh.totals().unwrap());
}

pub fn document_round_trip(factory: Factory) {
    let store = factory();
    let input = kanaker_001();
    apply(&*store, std::slice::from_ref(&input));
    let d = store
        .document_by_hash(&input.document.content_hash)
        .unwrap()
        .unwrap();
    assert_eq!(d.text, input.document.text, "original text never edited");
    assert_eq!(d.kept, input.document.kept);
    assert_eq!(d.published, input.document.published);
    assert_eq!(d.metadata, input.document.metadata);
    assert_eq!(d.to_document(), input.document);
    let other = kanaker_000().document.content_hash;
    let known = store
        .has_documents(&[input.document.content_hash.clone(), other])
        .unwrap();
    assert_eq!(known, [true, false]);
    assert_eq!(store.document(d.id).unwrap().unwrap(), d);
    assert!(store.document(d.id + 1000).unwrap().is_none());
}

pub fn merge_history_recorded(factory: Factory) {
    let store = factory();
    apply(&*store, &kanaker());
    let arrests = find(&*store, SubEventType::Arrests, "كناكر");
    let h = store.merge_history(&arrests.id).unwrap();
    assert_eq!(h.iter().filter(|m| m.kind == MergeKind::Create).count(), 1);
    let attaches: Vec<_> = h.iter().filter(|m| m.kind == MergeKind::Attach).collect();
    assert_eq!(attaches.len(), 2, "{h:#?}");
    for a in attaches {
        let reason = a.reason.as_ref().unwrap();
        assert!(reason.score > 0.0);
        let names: Vec<&str> = reason.criteria.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["sub_event_type", "place", "date", "actor1"]);
        assert_eq!(a.who, "rasd");
    }
}

pub fn replace_reports_off_skips_known_documents(factory: Factory) {
    let store = factory();
    apply(&*store, &[kanaker_000()]);
    let mut again = kanaker_000();
    again.reports.clear();
    let opts = ApplyOptions {
        replace_reports: false,
        ..ApplyOptions::default()
    };
    let out = store.apply_batch(&[again], &merger(), &opts).unwrap();
    assert_eq!(
        out,
        BatchOutcome {
            documents_duplicate: 1,
            ..BatchOutcome::default()
        }
    );
    assert_eq!(all_events(&*store).len(), 2);
}

/// A large batch in one transaction (on PostgreSQL: tens of thousands of lock keys, more
/// than the default lock table holds, before bucketing).
pub fn large_batch(factory: Factory) {
    let store = factory();
    let docs: Vec<DocumentInput> = (0..700).map(|n| synthetic(n, 150)).collect();
    let out = apply(&*store, &docs);
    assert_eq!(out.documents_new + out.documents_near_duplicate, 700);
    assert_eq!(store.totals().unwrap().documents, 700);
}

/// Two writers on one database (separate connections, as two `rasd ingest` processes) apply
/// overlapping inputs at the same time: no document or event is stored twice, and the
/// result equals a sequential run's.
pub fn concurrent_writers(a: Box<dyn Store>, b: Box<dyn Store>, fresh: Box<dyn Store>) {
    const INCIDENTS: usize = 40;
    let docs: Vec<DocumentInput> = (0..90).map(|n| synthetic(n, INCIDENTS)).collect();
    let (first, second) = (
        docs[..60].to_vec(),
        docs[30..].iter().rev().cloned().collect::<Vec<_>>(),
    );
    std::thread::scope(|s| {
        let ta = s.spawn(|| first.chunks(5).map(|c| apply(&*a, c)).collect::<Vec<_>>());
        let tb = s.spawn(|| second.chunks(5).map(|c| apply(&*b, c)).collect::<Vec<_>>());
        let (ra, rb) = (ta.join().unwrap(), tb.join().unwrap());
        let new: u64 = ra.iter().chain(&rb).map(|o| o.documents_new).sum();
        let dup: u64 = ra.iter().chain(&rb).map(|o| o.documents_duplicate).sum();
        assert_eq!(
            (new, dup),
            (90, 30),
            "each overlapping document stored once, by one writer"
        );
    });
    apply(&*fresh, &docs);
    let (got, want) = (a.totals().unwrap(), fresh.totals().unwrap());
    assert_eq!((got.documents, got.reports), (want.documents, want.reports));
    assert_eq!(got.events, want.events, "no event stored twice");
    let events = all_events(&*a);
    let mut incidents: Vec<String> = events
        .iter()
        .map(|e| format!("{}|{:?}", e.values.location.name, e.values.date))
        .collect();
    incidents.sort();
    incidents.dedup();
    assert_eq!(incidents.len(), events.len(), "one event per incident");
    let reports: u32 = events.iter().map(|e| e.n_reports).sum();
    assert_eq!(u64::from(reports), got.reports);
    let feed = a.changes_since(0, 100_000).unwrap();
    assert!(feed.windows(2).all(|w| w[0].seq < w[1].seq));
    assert_eq!(
        feed.iter()
            .filter(|c| c.kind == ChangeKind::EventCreated)
            .count() as u64,
        got.events
    );
}
