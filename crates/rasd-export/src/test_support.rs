//! Events for the writers' tests (hand-built stored events, not extraction output).

#![allow(clippy::unwrap_used)]

use chrono::{NaiveDate, TimeZone, Utc};
use rasd_core::{
    Actor, ActorKind, DocId, EventId, EventType, Field, GeoPrecision, Location, PlaceId,
    SubEventType, Tag, TimePrecision,
};
use rasd_store::{Consensus, EventStatus, ReviewStatus, StoredEvent};

use crate::{EvidenceSpan, ExportEvent, Source};

/// The siege of Kanaker as a stored event.
pub fn kanaker() -> StoredEvent {
    let mut location = Location::unresolved("كناكر", GeoPrecision::Exact);
    location.place_id = Some(PlaceId::new("geonames:168579"));
    location.admin1 = Some("ريف دمشق".into());
    location.admin1_pcode = Some("SY03".into());
    location.admin2 = Some("قطنا".into());
    location.admin2_pcode = Some("SY0308".into());
    location.admin3 = Some("سعسع".into());
    location.admin3_pcode = Some("SY030802".into());
    location.lat = Some(33.26664);
    location.lon = Some(36.09625);
    location.unresolved = false;
    StoredEvent {
        id: EventId("SYR000007".into()),
        status: EventStatus::Active,
        review_status: ReviewStatus::Unreviewed,
        redirect_to: None,
        values: Consensus {
            event_type: EventType::StrategicDevelopments,
            sub_event_type: SubEventType::Other,
            tags: vec![Tag::Siege, Tag::Blockade],
            date: NaiveDate::from_ymd_opt(2020, 12, 8),
            time_precision: Some(TimePrecision::Day),
            location,
            actor1: Some(Actor::with_unit(
                ActorKind::Regime,
                "air-force-intelligence",
            )),
            actor2: Some(Actor::new(ActorKind::Civilians)),
            assoc_actor2: vec![],
            fatalities: None,
            injured: None,
            confidence: 0.8,
            notes: "شددت قوات النظام السوري حصارها على بلدة كناكر, \"اليوم\"\nسطر".into(),
            disagreements: vec![],
        },
        overridden: vec![],
        n_reports: 2,
        n_sources: 2,
        created_at: Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap(),
        updated_at: Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 6).unwrap(),
    }
}

/// An event with one source per `(outlet, doc id)`.
pub fn export_event(event: StoredEvent, sources: &[(&str, &str)]) -> ExportEvent {
    let sources = sources
        .iter()
        .enumerate()
        .map(|(i, (outlet, doc))| Source {
            report: i as i64 + 1,
            document: i as i64 + 1,
            doc_id: DocId((*doc).into()),
            outlet: Some((*outlet).into()),
            url: None,
            published: None,
            duplicate_source: false,
            link: None,
            evidence: vec![
                EvidenceSpan {
                    doc: DocId((*doc).into()),
                    field: Field::Actor1,
                    start: 10,
                    end: 31,
                    text: Some("قوات النظام".into()),
                },
                EvidenceSpan {
                    doc: DocId((*doc).into()),
                    field: Field::Event,
                    start: 0,
                    end: 200,
                    text: None,
                },
            ],
        })
        .collect();
    ExportEvent { event, sources }
}
