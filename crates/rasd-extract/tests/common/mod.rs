//! Shared helpers of the integration tests.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use rasd_core::{ContentHash, DocId, Document, Event, Origin, Span};
use rasd_extract::{ExtractConfig, Extractor, Lexicon};

pub fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| {
        Extractor::new(
            Arc::new(Lexicon::builtin().expect("built-in lexicons")),
            rasd_gazetteer::Gazetteer::embedded().expect("embedded gazetteer"),
            ExtractConfig::default(),
        )
    })
}

/// A document whose paragraphs are the lines of `text`.
pub fn doc(id: &str, text: &str, published: Option<&str>) -> Document {
    let mut kept = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            kept.push(Span::new(start, start + body.len()));
        }
        start += line.len();
    }
    Document {
        id: DocId(id.to_owned()),
        origin: Origin::default(),
        outlet: None,
        url: None,
        published: published.map(|p| p.parse().expect("date")),
        collected: None,
        title: None,
        text: text.to_owned(),
        kept,
        removed: vec![],
        encoding: "UTF-8".into(),
        content_hash: ContentHash(String::new()),
        metadata: BTreeMap::new(),
    }
}

pub fn extract(text: &str) -> Vec<Event> {
    extractor().extract(&doc("test", text, None)).events
}

pub fn extract_published(text: &str, published: &str) -> Vec<Event> {
    extractor()
        .extract(&doc("test", text, Some(published)))
        .events
}

/// (sub-event type, place name) of the events that are not background.
pub fn summary(events: &[Event]) -> Vec<(String, String)> {
    events
        .iter()
        .filter(|e| !e.background)
        .map(|e| (e.sub_event_type.to_string(), e.location.name.clone()))
        .collect()
}
