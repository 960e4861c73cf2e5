//! Builds a large synthetic store for the load test, through the store's public API:
//!
//!     cargo run -p rasd-server --release --example synth-db -- OUT.db [INCIDENTS] [SEED]
//!
//! Incidents (default 101 000, which makes just over 100 000 events: a few coincide in
//! place, day and kind and merge) at real gazetteer places (populated places of Syria, with
//! their admin units and coordinates), dated 2012–2024, of ACLED sub-event types weighted
//! roughly as Syrian reporting is, with actors and fatalities; 10 % are reported by a
//! second outlet. Each document carries two reports; its Arabic text is drawn from the
//! vocabulary of the sample articles, and every report's evidence spans point at real
//! bytes of it (the place name and the trigger word), so the web app can show them.
//! Reports go through `Store::apply_batch` with rasd-merge's merger, like real ingestion.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use chrono::{Duration, NaiveDate};
use rasd_core::{
    Actor, ActorKind, ContentHash, DocId, Document, Event, EventDate, Evidence, Field,
    GeoPrecision, Origin, Span, SubEventType, TimePrecision, Timestamp,
};
use rasd_gazetteer::{Gazetteer, PlaceIdx, PlaceLevel};
use rasd_merge::RasdMerger;
use rasd_merge::synthetic::Rng;
use rasd_store::{ApplyOptions, DocumentInput};

/// Sub-event types with a weight and the trigger word that states them.
const KINDS: &[(SubEventType, u64, &str)] = &[
    (SubEventType::ShellingArtilleryMissileAttack, 30, "قصف"),
    (SubEventType::AirDroneStrike, 20, "غارات"),
    (SubEventType::ArmedClash, 18, "اشتباكات"),
    (SubEventType::Attack, 8, "استهداف"),
    (SubEventType::Arrests, 8, "اعتقال"),
    (SubEventType::RemoteExplosiveLandmineIed, 6, "انفجار"),
    (SubEventType::PeacefulProtest, 4, "مظاهرة"),
    (SubEventType::Agreement, 3, "اتفاق"),
    (SubEventType::AbductionForcedDisappearance, 2, "خطف"),
    (SubEventType::NonStateActorOvertakesTerritory, 1, "سيطرة"),
];

const ACTORS: &[ActorKind] = &[
    ActorKind::Regime,
    ActorKind::Regime,
    ActorKind::Regime,
    ActorKind::Russia,
    ActorKind::Rebels,
    ActorKind::Isis,
    ActorKind::Nusra,
    ActorKind::Sdf,
    ActorKind::Turkey,
    ActorKind::TurkishBackedFactions,
    ActorKind::IranianMilitias,
    ActorKind::UnidentifiedArmedGroup,
];

const OUTLETS: &[&str] = &[
    "عنب بلدي",
    "أورينت نت",
    "العربي الجديد",
    "القدس العربي",
    "زمان الوصل",
    "سمارت",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(db) = args.first() else {
        eprintln!("usage: synth-db OUT.db [INCIDENTS] [SEED]");
        return ExitCode::from(1);
    };
    let events: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(101_000);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    match run(db, events, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synth-db: {e}");
            ExitCode::from(1)
        }
    }
}

/// One incident and how its reports differ.
struct Incident {
    place: PlaceIdx,
    kind: usize,
    date: NaiveDate,
    actor1: ActorKind,
    fatalities: Option<u32>,
}

fn run(db: &str, n: usize, seed: u64) -> Result<(), Box<dyn std::error::Error>> {
    let g = Gazetteer::embedded()?;
    let places: Vec<PlaceIdx> = g
        .places()
        .filter(|(_, p)| {
            p.is_syrian()
                && matches!(
                    p.level,
                    PlaceLevel::PopulatedPlace | PlaceLevel::Neighbourhood
                )
                && p.admin1.is_some()
        })
        .map(|(i, _)| i)
        .collect();
    let vocab = vocabulary()?;
    let mut rng = Rng::new(seed);
    let total_weight: u64 = KINDS.iter().map(|k| k.1).sum();
    let start = NaiveDate::from_ymd_opt(2012, 1, 1).ok_or("bad start date")?;
    let mut reports: Vec<(usize, bool)> = Vec::new(); // (incident, second source)
    let mut incidents = Vec::with_capacity(n);
    for i in 0..n {
        let mut w = rng.below(total_weight);
        let kind = KINDS
            .iter()
            .position(|k| {
                let hit = w < k.1;
                w = w.saturating_sub(k.1);
                hit
            })
            .unwrap_or(0);
        let sub = KINDS[kind].0;
        incidents.push(Incident {
            place: places[rng.below(places.len() as u64) as usize],
            kind,
            date: start + Duration::days(rng.below(13 * 365) as i64),
            actor1: ACTORS[rng.below(ACTORS.len() as u64) as usize],
            fatalities: sub.is_violent().then(|| rng.below(8) as u32),
        });
        reports.push((i, false));
        if rng.chance(10) {
            reports.push((i, true));
        }
    }
    for i in (1..reports.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        reports.swap(i, j);
    }
    let store = rasd_store::open(db)?;
    let merger = RasdMerger::default();
    let opts = ApplyOptions {
        who: "synth-db".to_owned(),
        ..ApplyOptions::default()
    };
    let t0 = Instant::now();
    let mut batch = Vec::new();
    for (d, pair) in reports.chunks(2).enumerate() {
        batch.push(document(&g, &vocab, &mut rng, d, pair, &incidents));
        if batch.len() == 500 {
            store.apply_batch(&batch, &merger, &opts)?;
            batch.clear();
            if (d + 1) % 10_000 == 0 {
                eprintln!("{} documents, {:.0?}", d + 1, t0.elapsed());
            }
        }
    }
    store.apply_batch(&batch, &merger, &opts)?;
    let t = store.totals()?;
    eprintln!(
        "{db}: {} documents, {} reports, {} events ({} merged) in {:.0?}",
        t.documents,
        t.reports,
        t.events,
        t.merged_events,
        t0.elapsed()
    );
    Ok(())
}

/// Words of the sample articles.
fn vocabulary() -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let mut words = std::collections::BTreeSet::new();
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "txt") {
            for w in std::fs::read_to_string(&p)?.split_whitespace() {
                if w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c)) && w.len() > 4 {
                    words.insert(w.to_owned());
                }
            }
        }
    }
    Ok(words.into_iter().collect())
}

fn document(
    g: &Gazetteer,
    vocab: &[String],
    rng: &mut Rng,
    d: usize,
    pair: &[(usize, bool)],
    incidents: &[Incident],
) -> DocumentInput {
    let mut text = String::new();
    let mut kept = Vec::new();
    let mut reports = Vec::new();
    let mut anchor = None;
    for &(i, second) in pair {
        let inc = &incidents[i];
        let (sub, _, trigger) = KINDS[inc.kind];
        let place = g.place(inc.place);
        let para_start = text.len();
        let t0 = text.len();
        text.push_str(trigger);
        let trigger_span = Span::new(t0, text.len());
        text.push_str(" في ");
        let p0 = text.len();
        text.push_str(&place.name_ar);
        let place_span = Span::new(p0, text.len());
        for _ in 0..40 {
            text.push(' ');
            text.push_str(&vocab[rng.below(vocab.len() as u64) as usize]);
        }
        text.push_str(&format!(" ({d}).\n"));
        kept.push(Span::new(para_start, text.len() - 1));
        let date = inc.date + Duration::days(i64::from(second && rng.chance(30)));
        anchor = anchor.max(Some(date));
        let span_text = |s: Span| s.slice(&text).unwrap_or_default().to_owned();
        reports.push(Event {
            doc: format!("synth-{d}"),
            event_type: sub.event_type(),
            sub_event_type: sub,
            tags: vec![],
            background: false,
            location: g.location(inc.place, &place.name_ar, GeoPrecision::Exact),
            date: Some(EventDate::absolute(date, TimePrecision::Day, "")),
            actor1: Some(Actor::new(inc.actor1)),
            actor2: None,
            assoc_actor1: vec![],
            assoc_actor2: vec![],
            fatalities: inc
                .fatalities
                .map(|f| f + u32::from(second && rng.chance(30))),
            fatalities_civilians: None,
            injured: None,
            detained: None,
            displaced: None,
            confidence: 0.55 + 0.4 * (rng.below(100) as f32 / 100.0),
            notes: String::new(),
            evidence: vec![
                Evidence::new(
                    Field::SubEventType,
                    trigger_span,
                    span_text(trigger_span),
                    "synthetic",
                ),
                Evidence::new(
                    Field::Location,
                    place_span,
                    span_text(place_span),
                    "synthetic",
                ),
            ],
        });
    }
    let hash = blake3::hash(text.as_bytes()).to_hex();
    DocumentInput {
        document: Document {
            id: DocId(format!("synth-{d}")),
            origin: Origin::default(),
            outlet: Some(OUTLETS[d % OUTLETS.len()].to_owned()),
            url: Some(format!("https://example.org/synthetic/{d}")),
            published: anchor.map(Timestamp::from_date),
            collected: None,
            title: None,
            text,
            kept,
            removed: vec![],
            encoding: "UTF-8".to_owned(),
            content_hash: ContentHash(hash[..32].to_owned()),
            metadata: BTreeMap::new(),
        },
        reports,
    }
}
