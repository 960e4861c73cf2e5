//! Load time of the embedded gazetteer and the cost of the calls the extractor makes per
//! token window.

use criterion::{Criterion, criterion_group, criterion_main};
use rasd_gazetteer::{Gazetteer, PlaceContext, key_of};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("load_embedded", |b| {
        b.iter(|| Gazetteer::load_embedded().map(|g| g.len()))
    });
    group.finish();

    let Ok(g) = Gazetteer::load_embedded() else {
        return;
    };
    let windows: Vec<String> = [
        "قوات",
        "النظام",
        "كناكر",
        "بريف",
        "ريف دمشق",
        "ريف دمشق الغربي",
        "دير",
        "دير الزور",
        "البو كمال",
        "الباب",
        "قصف",
        "مدفعي",
        "على",
        "بلدة",
        "طفس",
        "غرب",
        "درعا",
    ]
    .iter()
    .map(|w| key_of(w))
    .collect();
    c.bench_function("lookup+prefix x17", |b| {
        b.iter(|| {
            windows
                .iter()
                .map(|k| g.lookup(k).len() + usize::from(g.is_prefix_of_longer_name(k)))
                .sum::<usize>()
        })
    });
    let ctx =
        PlaceContext::new().with_admin(g.admin_context_from("بريف دمشق الغربي").expect("context"));
    let cands = g.lookup(&key_of("كناكر"));
    c.bench_function("resolve كناكر with context", |b| {
        b.iter(|| g.resolve(cands, &ctx))
    });
    c.bench_function("admin_context_from", |b| {
        b.iter(|| g.admin_context_from("الريف الشمالي الشرقي لمحافظة حلب"))
    });
    c.bench_function("search دير", |b| b.iter(|| g.search("دير", 10)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
