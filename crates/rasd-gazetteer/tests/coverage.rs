//! Coverage of the gold locations (seeds + dev set): how many are found, and how many
//! resolve to the gold's governorate and country. Skipped when /work/shared is absent
//! (set RASD_SHARED to another copy). Run with `--nocapture` to see the figures.

use std::collections::HashMap;
use std::path::PathBuf;

use rasd_core::Location;
use rasd_gazetteer::{Gazetteer, PlaceContext, PlaceIdx};

struct Gold {
    doc: String,
    location: String,
    admin1: Option<String>,
    country: String,
}

fn read_gold(path: &PathBuf) -> Vec<Gold> {
    let text = std::fs::read_to_string(path).expect("gold file readable");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("gold line is JSON");
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
            Gold {
                doc: s("doc").expect("gold event has a doc"),
                location: s("location").unwrap_or_default(),
                admin1: s("admin1"),
                country: s("country").unwrap_or_else(|| "سوريا".to_owned()),
            }
        })
        .collect()
}

/// The location the gazetteer gives a name in a context, if it finds the name.
fn locate(g: &Gazetteer, name: &str, ctx: &PlaceContext) -> Option<(Location, Option<PlaceIdx>)> {
    if let Some(r) = g.resolve(g.lookup_text(name), ctx) {
        return Some((g.location_for(&r.candidate, name), Some(r.idx)));
    }
    g.admin_context_from(name)
        .map(|a| (g.context_location(&a, name), None))
}

fn agrees(loc: &Location, gold: &Gold) -> bool {
    loc.country == gold.country && (gold.admin1.is_none() || loc.admin1 == gold.admin1)
}

#[test]
fn gold_locations_coverage() {
    // RASD_SHARED, else ../shared beside the checkout, else /work/shared.
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let shared = std::env::var("RASD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            if beside.exists() {
                beside
            } else {
                PathBuf::from("/work/shared")
            }
        });
    let files = [
        shared.join("gold/seeds.jsonl"),
        shared.join("dev/gold.jsonl"),
    ];
    if !files.iter().all(|f| f.exists()) {
        eprintln!("skipped: {} not found", shared.display());
        return;
    }
    let g = Gazetteer::embedded().unwrap();
    let golds: Vec<Gold> = files.iter().flat_map(read_gold).collect();
    // article context: resolve the article's names once without context, take the
    // governorates they fall in as dominant and the places as already resolved
    let mut by_doc: HashMap<&str, Vec<(&str, PlaceIdx)>> = HashMap::new();
    for gd in &golds {
        if let Some((_, Some(idx))) = locate(&g, &gd.location, &PlaceContext::new()) {
            by_doc
                .entry(gd.doc.as_str())
                .or_default()
                .push((gd.location.as_str(), idx));
        }
    }
    let (mut found, mut plain, mut in_article) = (0, 0, 0);
    let mut misses = Vec::new();
    for gd in &golds {
        let Some((loc, _)) = locate(&g, &gd.location, &PlaceContext::new()) else {
            misses.push(format!("not found: {} ({:?})", gd.location, gd.admin1));
            continue;
        };
        found += 1;
        plain += usize::from(agrees(&loc, gd));
        // the article's other names (not this one, which would vote for itself)
        let others: Vec<PlaceIdx> = by_doc
            .get(gd.doc.as_str())
            .into_iter()
            .flatten()
            .filter(|(name, _)| *name != gd.location)
            .map(|(_, idx)| *idx)
            .collect();
        let ctx = PlaceContext {
            dominant_admin1: g.dominant_admin1(&others),
            resolved: others,
            ..PlaceContext::default()
        };
        let (loc2, _) = locate(&g, &gd.location, &ctx).unwrap();
        if agrees(&loc2, gd) {
            in_article += 1;
        } else {
            misses.push(format!(
                "disagrees: {} → {:?} / {} (gold {:?} / {})",
                gd.location, loc2.admin1, loc2.country, gd.admin1, gd.country
            ));
        }
    }
    let n = golds.len();
    let pct = |x: usize| 100.0 * x as f64 / n as f64;
    let mut unique: Vec<&str> = golds.iter().map(|g| g.location.as_str()).collect();
    unique.sort_unstable();
    unique.dedup();
    let unique_found = unique
        .iter()
        .filter(|u| locate(&g, u, &PlaceContext::new()).is_some())
        .count();
    println!(
        "gold locations: {n} events, {} distinct names",
        unique.len()
    );
    println!("  found:                      {found} ({:.1}%)", pct(found));
    println!(
        "  distinct names found:       {unique_found}/{}",
        unique.len()
    );
    println!("  admin1+country, no context: {plain} ({:.1}%)", pct(plain));
    println!(
        "  admin1+country, article:    {in_article} ({:.1}%)",
        pct(in_article)
    );
    misses.sort();
    misses.dedup();
    for m in &misses {
        println!("  {m}");
    }
    assert!(pct(found) >= 90.0, "found {found}/{n}");
    assert!(pct(in_article) >= 85.0, "agree {in_article}/{n}");
}
