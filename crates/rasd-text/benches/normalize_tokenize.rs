//! Normalisation + tokenisation + sentence splitting (`analyze`) over real Arabic news.
//!
//! Reads the first 2000 articles of the SaudiNewsNet corpus from
//! `/work/shared/data/saudinewsnet/articles.jsonl.gz` (or the path in `RASD_BENCH_CORPUS`);
//! skips with a message when the file is absent. Each article's text is analysed
//! paragraph by paragraph, as the extractor does.

use std::hint::black_box;
use std::io::{BufRead, BufReader};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const DEFAULT_CORPUS: &str = "/work/shared/data/saudinewsnet/articles.jsonl.gz";
const ARTICLES: usize = 2000;

fn load() -> Option<Vec<String>> {
    let path = std::env::var("RASD_BENCH_CORPUS").unwrap_or_else(|_| DEFAULT_CORPUS.into());
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("normalize_tokenize: skipped, cannot open {path}: {e}");
            return None;
        }
    };
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut texts = Vec::with_capacity(ARTICLES);
    for line in reader.lines().take(ARTICLES) {
        let Ok(line) = line else { break };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            texts.push(t.to_string());
        }
    }
    if texts.is_empty() {
        eprintln!("normalize_tokenize: skipped, no articles in {path}");
        return None;
    }
    Some(texts)
}

/// Analyses every paragraph (split on blank lines) of every text; returns the token count.
fn analyze_all(texts: &[String]) -> usize {
    let mut tokens = 0;
    for text in texts {
        let mut base = 0;
        for para in text.split("\n\n") {
            let a = rasd_text::analyze(para, base);
            tokens += a.tokens.len() + a.sentences.len();
            base += para.len() + 2;
        }
    }
    tokens
}

fn bench(c: &mut Criterion) {
    let Some(texts) = load() else { return };
    let bytes: usize = texts.iter().map(String::len).sum();
    eprintln!(
        "normalize_tokenize: {} articles, {bytes} bytes",
        texts.len()
    );
    let mut g = c.benchmark_group("rasd-text");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("normalize", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| rasd_text::Normalized::new(black_box(t)).key.len())
                .sum::<usize>()
        })
    });
    g.bench_function("analyze", |b| b.iter(|| analyze_all(black_box(&texts))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
