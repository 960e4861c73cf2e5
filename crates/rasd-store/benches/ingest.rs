//! End-to-end ingest cost: synthetic documents (1–2 reports each, every incident reported
//! by 1–3 documents) applied in batches of 200 — document insert, near-duplicate lookup,
//! full-text indexing, blocking, merging, consensus, history and change feed — into a
//! fresh SQLite file (and PostgreSQL when RASD_TEST_POSTGRES_URL is set).

#![allow(clippy::unwrap_used)] // benchmark set-up

use std::collections::{BTreeMap, HashMap};

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rasd_core::{ContentHash, DocId, Document, Origin, Span};
use rasd_merge::RasdMerger;
use rasd_merge::synthetic::{Rng, stream};
use rasd_store::{ApplyOptions, DocumentInput, OpenOptions, Store};

const WORDS: [&str; 24] = [
    "قوات",
    "النظام",
    "البلدة",
    "مصادر",
    "محلية",
    "أفادت",
    "الأهالي",
    "المنطقة",
    "عناصر",
    "حاجز",
    "الطريق",
    "المدينة",
    "الريف",
    "الجنوبي",
    "الشرقي",
    "اليوم",
    "أمس",
    "مقتل",
    "إصابة",
    "اشتباكات",
    "قصف",
    "غارات",
    "اعتقال",
    "حملة",
];

/// Documents carrying the reports of `n` synthetic reports.
fn documents(n: usize) -> Vec<DocumentInput> {
    let mut by_doc: BTreeMap<i64, Vec<rasd_core::Event>> = BTreeMap::new();
    let mut anchors = HashMap::new();
    for (input, _) in stream(n / 2, (n / 20).max(10), 7) {
        anchors.insert(input.document, input.anchor);
        by_doc.entry(input.document).or_default().push(input.report);
    }
    let mut rng = Rng::new(11);
    by_doc
        .into_iter()
        .map(|(d, reports)| {
            let words: Vec<&str> = (0..40).map(|_| WORDS[rng.below(24) as usize]).collect();
            let text = format!("تقرير رقم {d}\n{}\n", words.join(" "));
            let first = text.find('\n').unwrap();
            let cleaned = text.trim_end().to_owned();
            let published = anchors[&d].map(rasd_core::Timestamp::from_date);
            let document = Document {
                id: DocId(format!("doc-{d}")),
                origin: Origin::default(),
                outlet: None,
                url: None,
                published,
                collected: None,
                title: None,
                kept: vec![Span::new(0, first), Span::new(first + 1, cleaned.len())],
                removed: vec![],
                encoding: "UTF-8".into(),
                content_hash: ContentHash(blake3::hash(text.as_bytes()).to_hex()[..32].to_owned()),
                metadata: BTreeMap::new(),
                text,
            };
            DocumentInput { document, reports }
        })
        .collect()
}

fn ingest(store: &dyn Store, docs: &[DocumentInput]) -> u64 {
    let merger = RasdMerger::default();
    let mut events = 0;
    for chunk in docs.chunks(200) {
        events += store
            .apply_batch(chunk, &merger, &ApplyOptions::default())
            .unwrap()
            .events_new;
    }
    events
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);
    let pg = std::env::var("RASD_TEST_POSTGRES_URL")
        .ok()
        .filter(|s| !s.is_empty());
    for n in [2_000usize, 10_000] {
        let docs = documents(n);
        let reports: usize = docs.iter().map(|d| d.reports.len()).sum();
        group.throughput(Throughput::Elements(reports as u64));
        group.bench_with_input(
            BenchmarkId::new("sqlite/reports", reports),
            &docs,
            |b, docs| {
                b.iter_batched(
                    || tempfile::tempdir().unwrap(),
                    |dir| {
                        let store =
                            rasd_store::open(dir.path().join("rasd.db").to_str().unwrap()).unwrap();
                        ingest(&*store, docs)
                    },
                    BatchSize::PerIteration,
                )
            },
        );
        if let Some(url) = &pg {
            group.bench_with_input(
                BenchmarkId::new("postgres/reports", reports),
                &docs,
                |b, docs| {
                    b.iter_batched(
                        || {
                            let opts = OpenOptions {
                                pg_schema: Some(format!("rasd_bench_{}", std::process::id())),
                                pg_drop_schema_on_drop: true,
                                ..OpenOptions::default()
                            };
                            rasd_store::open_with(url, &opts).unwrap()
                        },
                        |store| ingest(&*store, docs),
                        BatchSize::PerIteration,
                    )
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
