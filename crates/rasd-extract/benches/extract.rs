//! Extraction end to end (without the store): cleaned documents in, events out, on one
//! thread, over a slice of the SaudiNewsNet corpus (real Arabic news).
//!
//! RASD_BENCH_CORPUS=path/to/articles.jsonl.gz overrides the default
//! ../shared/data/saudinewsnet/articles.jsonl.gz; RASD_BENCH_DOCS the slice size (2000).
//! The benchmark is skipped, with a message, when the corpus is absent.

use std::path::PathBuf;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rasd_core::Document;
use rasd_extract::{ExtractConfig, Extractor, Lexicon};
use rasd_ingest::{IngestConfig, Ingestor, Input};

fn corpus() -> PathBuf {
    std::env::var_os("RASD_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/data/saudinewsnet/articles.jsonl.gz")
        })
}

fn documents(n: usize) -> Option<Vec<Document>> {
    let path = corpus();
    if !path.exists() {
        eprintln!(
            "skipping the extraction benchmark: no corpus at {}",
            path.display()
        );
        return None;
    }
    let ingestor = Ingestor::new(IngestConfig::default()).ok()?;
    Some(
        ingestor
            .documents([Input::from(path)])
            .filter_map(Result::ok)
            .take(n)
            .collect(),
    )
}

fn bench(c: &mut Criterion) {
    let n = std::env::var("RASD_BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let Some(docs) = documents(n) else { return };
    let bytes: usize = docs
        .iter()
        .map(|d| d.kept.iter().map(|s| s.len()).sum::<usize>())
        .sum();
    let extractor = Extractor::new(
        Arc::new(Lexicon::builtin().expect("built-in lexicons")),
        rasd_gazetteer::Gazetteer::embedded().expect("embedded gazetteer"),
        ExtractConfig::default(),
    );
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function(format!("{} articles, one thread", docs.len()), |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| extractor.extract(d).events.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
