//! Near-duplicate detection on the seed articles: a re-published copy (another title, an
//! extra boilerplate line, another outlet) is a near-duplicate of its first copy; the three
//! different articles about Kanaker are not near-duplicates of each other.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use std::collections::BTreeMap;

use rasd_core::{ContentHash, DocId, Document, Origin, Span};
use rasd_merge::RasdMerger;
use rasd_store::Merger;

const SEEDS: [&str; 5] = [
    "000_e24931adec30f976.txt",
    "001_ee78328fd94bfc4f.txt",
    "002_e0d5436aaee0fdc5.txt",
    "003_af73a84b27fc74b5.txt",
    "004_03e1891f34e8350d.txt",
];

fn seed(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../examples/seeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn doc(id: &str, text: &str, outlet: &str) -> Document {
    let mut kept = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_end_matches(['\n', '\r']);
        if !t.trim().is_empty() {
            kept.push(Span::new(pos, pos + t.len()));
        }
        pos += line.len();
    }
    Document {
        id: DocId(id.into()),
        origin: Origin::default(),
        outlet: Some(outlet.into()),
        url: None,
        published: None,
        collected: None,
        title: None,
        text: text.into(),
        kept,
        removed: vec![],
        encoding: "UTF-8".into(),
        content_hash: ContentHash(id.into()),
        metadata: BTreeMap::new(),
    }
}

/// A re-published copy: the first line (title or lead) replaced, a boilerplate line added.
fn republished(text: &str) -> String {
    let rest = text.split_once('\n').map_or("", |(_, r)| r);
    format!(
        "عاجل: تطورات جديدة في ريف دمشق والجنوب السوري\n{rest}\nتابعونا على قناتنا في تلغرام وشاركوا الخبر\n"
    )
}

#[test]
fn republished_copies_are_near_duplicates() {
    let m = RasdMerger::default();
    for name in SEEDS {
        let text = seed(name);
        let a = m.shingle_signature(&doc(name, &text, "first"));
        let b = m.shingle_signature(&doc("copy", &republished(&text), "second"));
        let s = m.is_near_duplicate(&a, &b);
        eprintln!("{name} vs its republished copy: {s:?}");
        assert!(s.is_some_and(|s| s >= 0.6), "{name}: {s:?}");
        assert!(
            a.bands.iter().any(|x| b.bands.contains(x)),
            "{name}: LSH finds the pair"
        );
    }
}

#[test]
fn different_articles_are_not_near_duplicates() {
    let m = RasdMerger::default();
    let sigs: Vec<_> = SEEDS
        .iter()
        .map(|n| m.shingle_signature(&doc(n, &seed(n), "x")))
        .collect();
    for i in 0..sigs.len() {
        for j in i + 1..sigs.len() {
            let s = rasd_merge::minhash::similarity(&sigs[i], &sigs[j]);
            eprintln!("{} vs {}: {s:.3}", SEEDS[i], SEEDS[j]);
            assert!(
                m.is_near_duplicate(&sigs[i], &sigs[j]).is_none(),
                "{} / {}: {s}",
                SEEDS[i],
                SEEDS[j]
            );
            assert!(s < 0.2, "{} / {}: {s}", SEEDS[i], SEEDS[j]);
        }
    }
}

#[test]
fn a_seed_with_only_the_title_changed_is_nearly_identical() {
    let m = RasdMerger::default();
    let text = seed(SEEDS[0]);
    let (title, rest) = text.split_once('\n').unwrap();
    let changed = format!(
        "{} - تحديث\n{rest}",
        title.replace("نظام الأسد", "قوات النظام")
    );
    let s = rasd_merge::minhash::similarity(
        &m.shingle_signature(&doc("a", &text, "x")),
        &m.shingle_signature(&doc("b", &changed, "y")),
    );
    assert!(s > 0.85, "{s}");
}
