//! The five sample articles (examples/seeds), cleaned by rasd-ingest as the CLI does:
//! snapshots of the events extracted from each (reviewed by hand against the gold events
//! of tests/fixtures/seeds_gold.jsonl), the reference scores, and the provenance
//! invariants every event must keep.

mod common;

use std::path::PathBuf;

use rasd_core::{Document, Event, TextPart};
use rasd_ingest::{IngestConfig, Ingestor, Input};

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

fn seed_documents() -> Vec<Document> {
    let ingestor = Ingestor::new(IngestConfig::default()).expect("ingestor");
    let docs: Vec<Document> = ingestor
        .documents([Input::from(seeds_dir())])
        .map(|d| d.expect("seed"))
        .collect();
    assert_eq!(docs.len(), 5);
    docs
}

/// One readable line per event: what an analyst checks against the article.
fn line(e: &Event) -> String {
    let date = e.date.as_ref().map_or_else(
        || "-".to_owned(),
        |d| {
            d.value
                .map(|v| v.to_string())
                .or(d.relative_days.map(|r| format!("{r:+}d")))
                .or(d.year.map(|y| y.to_string()))
                .unwrap_or_else(|| "?".into())
        },
    );
    let actor = |a: &Option<rasd_core::Actor>| a.as_ref().map_or("-".to_owned(), |a| a.to_string());
    let trigger = e
        .evidence
        .iter()
        .find(|x| x.field == rasd_core::Field::SubEventType)
        .map_or("", |x| x.text.as_str());
    format!(
        "{}{} | {} | {} [{}, p{}] | {} | {} → {} | dead {} inj {} | tags {:?} | conf {:.2} | «{}»",
        e.sub_event_type,
        if e.background { " (background)" } else { "" },
        e.location.name,
        e.location.admin1.as_deref().unwrap_or("-"),
        e.location
            .place_id
            .as_ref()
            .map_or("unresolved", |p| p.as_str()),
        e.location.geo_precision.code(),
        date,
        actor(&e.actor1),
        actor(&e.actor2),
        e.fatalities.map_or("-".into(), |v| v.to_string()),
        e.injured.map_or("-".into(), |v| v.to_string()),
        e.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        e.confidence,
        trigger,
    )
}

#[test]
fn seed_events_snapshot() {
    for doc in seed_documents() {
        let events = common::extractor().extract(&doc).events;
        let text: Vec<String> = events.iter().map(line).collect();
        insta::assert_snapshot!(doc.id.to_string(), text.join("\n"));
    }
}

#[test]
fn every_field_points_into_the_original_text() {
    for doc in seed_documents() {
        for e in common::extractor().extract(&doc).events {
            e.validate().expect("well-formed event");
            assert!(!e.evidence.is_empty());
            for ev in &e.evidence {
                let source = match ev.part {
                    TextPart::Body => doc.text.as_str(),
                    TextPart::Title => doc.title.as_deref().unwrap_or(""),
                };
                let slice = source.get(ev.start..ev.end).unwrap_or_else(|| {
                    panic!("{}: span {}..{} off the text", doc.id, ev.start, ev.end)
                });
                if ev.field != rasd_core::Field::Date {
                    assert_eq!(slice, ev.text, "{}: {:?}", doc.id, ev.field);
                }
                // Evidence never comes from what cleaning removed.
                if ev.part == TextPart::Body {
                    assert!(
                        doc.kept
                            .iter()
                            .any(|k| k.start <= ev.start && ev.end <= k.end),
                        "{}: {:?} outside kept text",
                        doc.id,
                        ev.field
                    );
                }
                assert!((0.0..=1.0).contains(&ev.confidence));
            }
            for field in [
                rasd_core::Field::SubEventType,
                rasd_core::Field::Location,
                rasd_core::Field::Event,
            ] {
                assert!(
                    e.evidence_for(field).next().is_some(),
                    "{}: no {:?} evidence",
                    doc.id,
                    field
                );
            }
        }
    }
}

#[test]
fn seeds_score_above_the_bar() {
    let gold = rasd_eval::load_jsonl(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds_gold.jsonl"),
    )
    .expect("gold");
    let mut predicted = Vec::new();
    for doc in seed_documents() {
        for e in common::extractor().extract(&doc).events {
            predicted.push(serde_json::to_value(&e).expect("json"));
        }
    }
    let anchors: std::collections::HashMap<String, Option<chrono::NaiveDate>> =
        std::collections::HashMap::new();
    let report = rasd_eval::score(&gold, &predicted, &anchors).expect("score");
    println!("{}", report.to_text(true));
    assert!(report.events.f1 >= 0.90, "seed F1 {}", report.events.f1);
}
