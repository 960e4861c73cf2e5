//! Development harness: extract events from .txt files and JSONL records without the
//! ingestion pipeline (paragraph = line), printing JSON Lines. The real entry point is
//! `rasd extract`.
//!
//! cargo run -p rasd-extract --example extract_dev -- FILE...

use std::collections::BTreeMap;
use std::sync::Arc;

use rasd_core::{ContentHash, DocId, Document, Origin, Span};
use rasd_extract::{ExtractConfig, Extractor, Lexicon};

fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let trimmed = line.trim_end();
        if !trimmed.trim().is_empty() {
            out.push(Span::new(start, start + trimmed.len()));
        }
        start = end;
    }
    out
}

fn doc(
    id: String,
    text: String,
    title: Option<String>,
    published: Option<&str>,
    collected: Option<&str>,
) -> Document {
    Document {
        id: DocId(id),
        origin: Origin::default(),
        outlet: None,
        url: None,
        published: published.and_then(|s| s.parse().ok()),
        collected: collected.and_then(|s| s.parse().ok()),
        title,
        kept: paragraphs(&text),
        text,
        removed: vec![],
        encoding: "UTF-8".into(),
        content_hash: ContentHash(String::new()),
        metadata: BTreeMap::new(),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lex = Arc::new(Lexicon::builtin()?);
    let gaz = rasd_gazetteer::Gazetteer::embedded()?;
    let ex = Extractor::new(lex, gaz, ExtractConfig::default());
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        let docs: Vec<Document> = if path.ends_with(".jsonl") {
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    let v: serde_json::Value = serde_json::from_str(l).expect("json");
                    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
                    doc(
                        s("id").unwrap_or_default(),
                        s("text").unwrap_or_default(),
                        s("title"),
                        v.get("published").and_then(|x| x.as_str()),
                        v.get("collected").and_then(|x| x.as_str()),
                    )
                })
                .collect()
        } else {
            let name = std::path::Path::new(&path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            vec![doc(name, text, None, None, None)]
        };
        for d in docs {
            for e in ex.extract(&d).events {
                println!("{}", serde_json::to_string(&e)?);
            }
        }
    }
    Ok(())
}
