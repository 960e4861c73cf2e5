//! Report fixtures for unit tests of merge behaviour (built by hand; not extraction output).

use chrono::{DateTime, NaiveDate};
use rasd_core::{DocId, Event, EventDate, GeoPrecision, Location, SubEventType, TimePrecision};
use rasd_store::{ReportContext, ReportStatus, StoredReport};

/// A report of `sub` at `place` on `date` (`YYYY-MM-DD`), by the regime, confidence 0.9.
pub fn report(sub: SubEventType, place: &str, date: Option<&str>) -> Event {
    Event {
        doc: "fixture".into(),
        event_type: sub.event_type(),
        sub_event_type: sub,
        tags: vec![],
        background: false,
        location: Location::unresolved(place, GeoPrecision::Exact),
        date: date.map(|d| {
            let v = NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_default();
            EventDate::absolute(v, TimePrecision::Day, "")
        }),
        actor1: Some(rasd_core::Actor::new(rasd_core::ActorKind::Regime)),
        actor2: None,
        assoc_actor1: vec![],
        assoc_actor2: vec![],
        fatalities: None,
        fatalities_civilians: None,
        injured: None,
        detained: None,
        displaced: None,
        confidence: 0.9,
        notes: String::new(),
        evidence: vec![],
    }
}

pub fn ctx(r: &Event, doc: i64) -> ReportContext<'_> {
    ReportContext {
        report: r,
        document: doc,
        root_document: doc,
        anchor: None,
        duplicate_source: false,
    }
}

pub fn stored(id: i64, doc: i64, r: Event) -> StoredReport {
    let t = DateTime::from_timestamp(0, 0).unwrap_or_default();
    StoredReport {
        id,
        document: doc,
        doc_id: DocId(format!("doc{doc}")),
        root_document: doc,
        anchor: None,
        event_id: None,
        ordinal: 0,
        natural_key: String::new(),
        duplicate_source: false,
        status: ReportStatus::Active,
        report: r,
        link: None,
        created_at: t,
        updated_at: t,
    }
}

/// A candidate event made of these reports.
pub fn candidate(id: &str, reports: Vec<StoredReport>) -> rasd_store::Candidate {
    let t = DateTime::from_timestamp(0, 0).unwrap_or_default();
    let values = crate::consensus::consolidate(&reports).unwrap();
    rasd_store::Candidate {
        event: rasd_store::StoredEvent {
            id: rasd_core::EventId(id.into()),
            status: rasd_store::EventStatus::Active,
            review_status: rasd_store::ReviewStatus::Unreviewed,
            redirect_to: None,
            values,
            overridden: vec![],
            n_reports: reports.len() as u32,
            n_sources: reports.len() as u32,
            created_at: t,
            updated_at: t,
        },
        reports,
    }
}
