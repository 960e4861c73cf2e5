//! Merging quality and cost on synthetic streams with known ground truth, and the Kanaker
//! merges through the in-memory clusterer.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use rasd_merge::RasdMerger;
use rasd_merge::cluster::Clusterer;
use rasd_merge::synthetic::{pairwise_scores, stream};

fn cluster(n_incidents: usize, places: usize, seed: u64) -> (f64, f64, usize, usize) {
    let merger = RasdMerger::default();
    let data = stream(n_incidents, places, seed);
    let truth: Vec<usize> = data.iter().map(|(_, k)| *k).collect();
    let mut c = Clusterer::new(&merger);
    for (input, _) in data {
        c.add(input);
    }
    let clusters: Vec<Vec<usize>> = c
        .clusters()
        .into_iter()
        .map(|v| v.into_iter().map(|id| id as usize - 1).collect())
        .collect();
    let (p, r) = pairwise_scores(&clusters, &truth);
    (p, r, clusters.len(), n_incidents)
}

#[test]
fn synthetic_incidents_are_merged_back() {
    let table = [(2_000, 300, 1), (5_000, 2_000, 2), (5_000, 800, 3)];
    for (incidents, places, seed) in table {
        let (p, r, events, want) = cluster(incidents, places, seed);
        eprintln!(
            "{incidents} incidents at {places} places: precision {p:.4}, recall {r:.4}, {events} events"
        );
        assert!(p >= 0.99, "precision {p}");
        assert!(r >= 0.97, "recall {r}");
        let over = events as f64 / want as f64;
        assert!(
            (0.98..1.05).contains(&over),
            "{events} events for {want} incidents"
        );
    }
}

#[test]
fn pairwise_scores_table() {
    // clusters over items whose incidents are [0, 0, 1, 1]
    let truth = [0, 0, 1, 1];
    type Case = (Vec<Vec<usize>>, (f64, f64));
    let table: [Case; 3] = [
        (vec![vec![0, 1], vec![2, 3]], (1.0, 1.0)),
        (vec![vec![0], vec![1], vec![2], vec![3]], (1.0, 0.0)),
        (vec![vec![0, 1, 2, 3]], (2.0 / 6.0, 1.0)),
    ];
    for (clusters, want) in table {
        assert_eq!(pairwise_scores(&clusters, &truth), want, "{clusters:?}");
    }
}
