//! Merging cost: n synthetic reports (≈ n/2 incidents, 1–3 sources each, two years)
//! through the in-memory clusterer, with the store's blocking and decisions.
//!
//! `merge/constant-density`: places grow with n (one place per 20 reports), so only the
//! algorithm's scaling shows: with blocking by place × week the time per report stays
//! flat (O(n) overall; all-pairs would be O(n²)). `merge/5000-places`: a fixed gazetteer,
//! so blocks also fill up as n grows.

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rasd_merge::RasdMerger;
use rasd_merge::cluster::Clusterer;
use rasd_merge::synthetic::stream;

fn merge(c: &mut Criterion) {
    let merger = RasdMerger::default();
    for (name, places) in [("constant-density", None), ("5000-places", Some(5_000))] {
        let mut group = c.benchmark_group(format!("merge/{name}"));
        group.sample_size(10);
        for n in [10_000usize, 30_000, 100_000] {
            let data: Vec<_> = stream(n / 2, places.unwrap_or(n / 20), 42)
                .into_iter()
                .map(|(i, _)| i)
                .collect();
            group.throughput(Throughput::Elements(data.len() as u64));
            group.bench_with_input(BenchmarkId::new("reports", data.len()), &data, |b, data| {
                b.iter_batched(
                    || data.clone(),
                    |data| {
                        let mut c = Clusterer::new(&merger);
                        for input in data {
                            c.add(input);
                        }
                        c.clusters().len()
                    },
                    BatchSize::LargeInput,
                )
            });
        }
        group.finish();
    }
}

criterion_group!(benches, merge);
criterion_main!(benches);
