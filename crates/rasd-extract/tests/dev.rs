//! The development set (../shared/dev: 40 real articles with gold events), scored by the
//! reference rules. Skipped, with a message, where ../shared is absent.

mod common;

use std::path::PathBuf;

use rasd_ingest::{IngestConfig, Ingestor, Input};

fn dev_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/dev")
}

#[test]
fn dev_set_reaches_the_issue_figures() {
    let dir = dev_dir();
    if !dir.join("gold.jsonl").exists() {
        eprintln!("skipping: no development set at {}", dir.display());
        return;
    }
    let gold = rasd_eval::load_jsonl(dir.join("gold.jsonl")).expect("gold");
    let anchors = rasd_eval::load_anchors(dir.join("articles.jsonl")).expect("articles");
    let ingestor = Ingestor::new(IngestConfig::default()).expect("ingestor");
    let mut predicted = Vec::new();
    for doc in ingestor.documents([Input::from(dir.join("articles.jsonl"))]) {
        let doc = doc.expect("article");
        for e in common::extractor().extract(&doc).events {
            predicted.push(serde_json::to_value(&e).expect("json"));
        }
    }
    let report = rasd_eval::score(&gold, &predicted, &anchors).expect("score");
    println!("{}", report.to_text(false));
    assert!(report.events.f1 >= 0.70, "dev F1 {}", report.events.f1);
    let acc = |f: &rasd_eval::FieldScore| f.accuracy.unwrap_or(0.0);
    assert!(
        acc(&report.fields.date_exact) >= 0.80,
        "date exact {:?}",
        report.fields.date_exact
    );
    assert!(
        acc(&report.fields.fatalities) >= 0.90,
        "fatalities {:?}",
        report.fields.fatalities
    );
    assert!(
        acc(&report.fields.sub_event_type) >= 0.90,
        "sub-type {:?}",
        report.fields.sub_event_type
    );
    assert!(
        acc(&report.fields.actor1) >= 0.60,
        "actor1 {:?}",
        report.fields.actor1
    );
    assert!(
        acc(&report.fields.actor2) >= 0.60,
        "actor2 {:?}",
        report.fields.actor2
    );
    assert!(
        acc(&report.fields.admin1) >= 0.95,
        "admin1 {:?}",
        report.fields.admin1
    );
}
