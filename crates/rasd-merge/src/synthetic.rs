//! Reproducible synthetic report streams with known ground truth, for the merge benchmark
//! and clustering-quality tests. Not extraction output: incidents are drawn at random, each
//! reported by one to three sources that disagree the way sources do (a day later, a unit
//! named or not, a figure off by one, a place resolved or only named).

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use rasd_core::{
    Actor, ActorKind, Event, EventDate, GeoPrecision, Location, PlaceId, SubEventType,
    TimePrecision,
};

use crate::cluster::Input;

/// xorshift64*: small, fast, reproducible.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const SUB_TYPES: [SubEventType; 8] = [
    SubEventType::ArmedClash,
    SubEventType::ShellingArtilleryMissileAttack,
    SubEventType::AirDroneStrike,
    SubEventType::Attack,
    SubEventType::Arrests,
    SubEventType::RemoteExplosiveLandmineIed,
    SubEventType::PeacefulProtest,
    SubEventType::Agreement,
];

const ACTORS: [ActorKind; 6] = [
    ActorKind::Regime,
    ActorKind::Rebels,
    ActorKind::Isis,
    ActorKind::Sdf,
    ActorKind::Russia,
    ActorKind::Nusra,
];

/// Sub-event types sources mix up, and what they use instead.
fn alternative(s: SubEventType) -> Option<SubEventType> {
    match s {
        SubEventType::Arrests => Some(SubEventType::AbductionForcedDisappearance),
        SubEventType::ShellingArtilleryMissileAttack => Some(SubEventType::AirDroneStrike),
        SubEventType::AirDroneStrike => Some(SubEventType::ShellingArtilleryMissileAttack),
        _ => None,
    }
}

/// Which incidents could be confused: a sub-event type and its alternative form one group.
fn group(s: SubEventType) -> usize {
    match s {
        SubEventType::AirDroneStrike => SubEventType::ShellingArtilleryMissileAttack.precedence(),
        other => other.precedence(),
    }
}

/// A synthetic place: id, name, admin3 pcode, coordinates (on a 0.1° grid: ~11 km apart).
fn place(i: usize) -> (String, String, String, f64, f64) {
    let (row, col) = (i / 60, i % 60);
    (
        format!("synthetic:{i}"),
        format!("بلدة{i}"),
        format!("SY{:05}", i / 8),
        32.5 + 0.1 * row as f64,
        35.8 + 0.1 * col as f64,
    )
}

/// `incidents` incidents at `places` places over two years, reported by 1–3 sources each,
/// in a shuffled stream. Returns each report with its incident number. Incidents of
/// different kinds may share a place and a day (and must stay apart); two incidents that
/// sources could confuse never share a place within ±2 days, so the truth is unambiguous.
pub fn stream(incidents: usize, places: usize, seed: u64) -> Vec<(Input, usize)> {
    let mut rng = Rng::new(seed);
    let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default();
    let mut taken: HashSet<(usize, i64, usize)> = HashSet::new();
    let mut out = Vec::new();
    for k in 0..incidents {
        let (p, day, sub) = loop {
            let p = rng.below(places as u64) as usize;
            let d = rng.below(730) as i64;
            let sub = SUB_TYPES[rng.below(SUB_TYPES.len() as u64) as usize];
            if (-2..=2).all(|o| !taken.contains(&(p, d + o, group(sub)))) {
                taken.insert((p, d, group(sub)));
                break (p, d, sub);
            }
        };
        let (pid, name, a3, lat, lon) = place(p);
        let date = start + Duration::days(day);
        let kind = ACTORS[rng.below(ACTORS.len() as u64) as usize];
        let fatalities = rng.below(12) as u32;
        let sources = 1 + rng.below(3) as usize;
        for s in 0..sources {
            let resolved = !rng.chance(20);
            let location = Location {
                name: name.clone(),
                canonical_name: None,
                place_id: resolved.then(|| PlaceId::new(pid.clone())),
                admin1: Some("محافظة".into()),
                admin2: None,
                admin3: None,
                admin1_pcode: None,
                admin2_pcode: None,
                admin3_pcode: resolved.then(|| a3.clone()),
                country: "سوريا".into(),
                lat: resolved.then_some(lat),
                lon: resolved.then_some(lon),
                geo_precision: if resolved {
                    GeoPrecision::Exact
                } else {
                    GeoPrecision::Near
                },
                unresolved: !resolved,
            };
            let d = date + Duration::days(i64::from(rng.chance(20)));
            let actor = match rng.below(10) {
                0 => None,
                1..=3 => Some(Actor::with_unit(kind, format!("unit-{}", rng.below(3)))),
                _ => Some(Actor::new(kind)),
            };
            let sub = match alternative(sub) {
                Some(alt) if rng.chance(15) => alt,
                _ => sub,
            };
            let undated = rng.chance(10);
            let report = Event {
                doc: String::new(),
                event_type: sub.event_type(),
                sub_event_type: sub,
                tags: vec![],
                background: false,
                location,
                date: (!undated).then(|| EventDate::absolute(d, TimePrecision::Day, "")),
                actor1: actor,
                actor2: None,
                assoc_actor1: vec![],
                assoc_actor2: vec![],
                fatalities: sub
                    .is_violent()
                    .then(|| fatalities + u32::from(rng.chance(25))),
                fatalities_civilians: None,
                injured: None,
                detained: None,
                displaced: None,
                confidence: 0.6 + 0.3 * (rng.below(100) as f32 / 100.0),
                notes: String::new(),
                evidence: vec![],
            };
            // Source s of incident k is in document (s, k / 2): two incidents per document,
            // never two sources of one incident.
            let document = (s * 10_000_000 + k / 2) as i64;
            let anchor = d + Duration::days(i64::from(undated && rng.chance(50)));
            out.push((
                Input {
                    report,
                    document,
                    root_document: document,
                    anchor: Some(anchor),
                    duplicate_source: false,
                },
                k,
            ));
        }
    }
    for i in (1..out.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        out.swap(i, j);
    }
    out
}

/// Pairwise precision and recall of clusters (lists of indices into `truth`) against the
/// incident numbers.
pub fn pairwise_scores(clusters: &[Vec<usize>], truth: &[usize]) -> (f64, f64) {
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    let mut predicted = 0.0;
    let mut correct = 0.0;
    for c in clusters {
        predicted += pairs(c.len());
        let mut by: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for &i in c {
            *by.entry(truth[i]).or_default() += 1;
        }
        correct += by.values().map(|&n| pairs(n)).sum::<f64>();
    }
    let mut per_incident: std::collections::HashMap<usize, usize> =
        std::collections::HashMap::new();
    for &t in truth {
        *per_incident.entry(t).or_default() += 1;
    }
    let actual: f64 = per_incident.values().map(|&n| pairs(n)).sum();
    let precision = if predicted > 0.0 {
        correct / predicted
    } else {
        1.0
    };
    let recall = if actual > 0.0 { correct / actual } else { 1.0 };
    (precision, recall)
}
