//! An event as one row of ACLED's columns (plus rasd's own), shared by the CSV and the
//! GeoJSON properties. The conventions are listed in the crate documentation.

use chrono::Datelike;
use rasd_core::{Actor, ActorKind, SubEventType};
use serde::Serialize;

use crate::{ExportEvent, Names, Result};

/// The columns, in order: ACLED's, then rasd's.
pub const COLUMNS: [&str; 35] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    "rasd_event_id",
    "confidence",
    "sources",
    "evidence",
];

/// Syria's ISO 3166-1 numeric code.
pub const ISO_SYRIA: u16 = 760;

/// One row. Field order is [`COLUMNS`] (the CSV header comes from it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AcledRow {
    pub event_id_cnty: String,
    pub event_date: Option<String>,
    pub year: Option<i32>,
    pub time_precision: Option<u8>,
    pub disorder_type: &'static str,
    pub event_type: &'static str,
    pub sub_event_type: &'static str,
    pub actor1: String,
    pub assoc_actor_1: String,
    pub inter1: Option<u8>,
    pub actor2: String,
    pub assoc_actor_2: String,
    pub inter2: u8,
    pub interaction: Option<u8>,
    pub civilian_targeting: &'static str,
    pub iso: Option<u16>,
    pub region: &'static str,
    pub country: String,
    pub admin1: String,
    pub admin2: String,
    pub admin3: String,
    pub location: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub geo_precision: u8,
    pub source: String,
    pub source_scale: &'static str,
    pub notes: String,
    pub fatalities: u32,
    pub tags: String,
    pub timestamp: i64,
    pub rasd_event_id: String,
    pub confidence: f64,
    pub sources: u32,
    pub evidence: String,
}

/// ACLED's disorder type of a sub-event type.
pub fn disorder_type(sub: SubEventType) -> &'static str {
    match sub {
        SubEventType::ExcessiveForceAgainstProtesters => "Political violence; Demonstrations",
        SubEventType::MobViolence => "Political violence",
        s => s.event_type().disorder_type(),
    }
}

/// ACLED's actor name, with the unit in parentheses.
pub fn actor_name(a: &Actor) -> String {
    match &a.unit {
        Some(u) => format!("{} ({u})", a.kind.acled_name()),
        None => a.kind.acled_name().to_owned(),
    }
}

/// ACLED's interaction code: the two actor categories, lower first; one actor alone gives
/// ten times its code; none gives nothing.
pub fn interaction(inter1: Option<u8>, inter2: Option<u8>) -> Option<u8> {
    match (inter1, inter2) {
        (Some(a), Some(b)) => Some(a.min(b) * 10 + a.max(b)),
        (Some(a), None) | (None, Some(a)) => Some(a * 10),
        (None, None) => None,
    }
}

fn inter(a: Option<&Actor>) -> Option<u8> {
    a.map(|a| a.kind.inter_code() as u8)
}

/// Rounds to ACLED's four decimals.
fn coordinate(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite())
        .map(|v| (v * 10_000.0).round() / 10_000.0)
}

impl AcledRow {
    /// The row of an event.
    pub fn new(e: &ExportEvent, names: &Names) -> Result<Self> {
        let ev = &e.event;
        let v = &ev.values;
        let (a1, a2) = (v.actor1.as_ref(), v.actor2.as_ref());
        let (i1, i2) = (inter(a1), inter(a2));
        let l = &v.location;
        let ln = names.location(l);
        let syria = l.is_syria();
        let evidence: Vec<_> = e.evidence().collect();
        Ok(AcledRow {
            event_id_cnty: ev.id.0.clone(),
            event_date: v.date.map(|d| d.format("%Y-%m-%d").to_string()),
            year: v.date.map(|d| d.year()),
            time_precision: v.date.map(|_| v.time_precision.unwrap_or_default().code()),
            disorder_type: disorder_type(v.sub_event_type),
            event_type: v.event_type.as_str(),
            sub_event_type: v.sub_event_type.as_str(),
            actor1: a1.map(actor_name).unwrap_or_default(),
            assoc_actor_1: String::new(),
            inter1: i1,
            actor2: a2.map(actor_name).unwrap_or_default(),
            assoc_actor_2: v
                .assoc_actor2
                .iter()
                .map(actor_name)
                .collect::<Vec<_>>()
                .join("; "),
            inter2: i2.unwrap_or(0),
            interaction: interaction(i1, i2),
            civilian_targeting: if a2.is_some_and(|a| a.kind == ActorKind::Civilians) {
                "Civilian targeting"
            } else {
                ""
            },
            iso: syria.then_some(ISO_SYRIA),
            region: "Middle East",
            country: if syria {
                "Syria".to_owned()
            } else {
                l.country.clone()
            },
            admin1: ln.admin1,
            admin2: ln.admin2,
            admin3: ln.admin3,
            location: ln.location,
            latitude: coordinate(l.lat),
            longitude: coordinate(l.lon),
            geo_precision: l.geo_precision.code(),
            source: e.outlets().join("; "),
            source_scale: "",
            notes: v.notes.clone(),
            fatalities: v.fatalities.unwrap_or(0),
            tags: v
                .tags
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            timestamp: ev.updated_at.timestamp(),
            rasd_event_id: ev.id.0.clone(),
            confidence: (f64::from(v.confidence) * 100.0).round() / 100.0,
            sources: ev.n_reports,
            evidence: serde_json::to_string(&evidence)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{export_event, kanaker};

    #[test]
    fn interaction_table() {
        let table = [
            (Some(1), Some(7), Some(17)),
            (Some(7), Some(1), Some(17)),
            (Some(2), Some(1), Some(12)),
            (Some(1), Some(1), Some(11)),
            (Some(1), None, Some(10)),
            (Some(2), None, Some(20)),
            (None, Some(8), Some(80)),
            (None, None, None),
        ];
        for (a, b, want) in table {
            assert_eq!(interaction(a, b), want, "{a:?} {b:?}");
        }
    }

    #[test]
    fn disorder_type_table() {
        let table = [
            (SubEventType::ArmedClash, "Political violence"),
            (SubEventType::PeacefulProtest, "Demonstrations"),
            (SubEventType::ViolentDemonstration, "Demonstrations"),
            (SubEventType::MobViolence, "Political violence"),
            (
                SubEventType::ExcessiveForceAgainstProtesters,
                "Political violence; Demonstrations",
            ),
            (SubEventType::Arrests, "Strategic developments"),
            (SubEventType::AirDroneStrike, "Political violence"),
        ];
        for (s, want) in table {
            assert_eq!(disorder_type(s), want, "{s}");
        }
    }

    #[test]
    fn a_row_follows_acled_conventions() {
        let e = export_event(kanaker(), &[("alaraby", "001.txt"), ("alquds", "002.txt")]);
        let row = AcledRow::new(&e, &Names::arabic()).unwrap();
        assert_eq!(row.event_date.as_deref(), Some("2020-12-08"));
        assert_eq!(row.year, Some(2020));
        assert_eq!(row.time_precision, Some(1));
        assert_eq!(
            row.actor1,
            "Military Forces of Syria (air-force-intelligence)"
        );
        assert_eq!(row.actor2, "Civilians (Syria)");
        assert_eq!(
            (row.inter1, row.inter2, row.interaction),
            (Some(1), 7, Some(17))
        );
        assert_eq!(row.civilian_targeting, "Civilian targeting");
        assert_eq!((row.iso, row.country.as_str()), (Some(760), "Syria"));
        assert_eq!(
            row.admin1, "ريف دمشق",
            "no gazetteer: Arabic passes through"
        );
        assert_eq!(row.fatalities, 0, "unknown fatalities are 0, as in ACLED");
        assert_eq!(row.source, "alaraby; alquds");
        assert_eq!(row.tags, "siege; blockade");
        assert_eq!(
            (row.latitude, row.longitude),
            (Some(33.2666), Some(36.0963))
        );
        assert_eq!(row.sources, 2);
        let ev: serde_json::Value = serde_json::from_str(&row.evidence).unwrap();
        assert_eq!(ev[0]["doc"], "001.txt");
        assert_eq!(ev[0]["field"], "actor1");
        assert_eq!(ev[0]["text"], "قوات النظام");
        assert!(
            ev[1].get("text").is_none(),
            "whole-sentence spans carry no text"
        );
    }

    #[test]
    fn a_lone_actor_and_no_date() {
        let mut s = kanaker();
        s.values.actor2 = None;
        s.values.date = None;
        s.values.fatalities = Some(3);
        let row = AcledRow::new(&export_event(s, &[]), &Names::arabic()).unwrap();
        assert_eq!((row.inter2, row.interaction), (0, Some(10)));
        assert_eq!(row.civilian_targeting, "");
        assert_eq!(
            (row.event_date, row.year, row.time_precision),
            (None, None, None)
        );
        assert_eq!(row.fatalities, 3);
        assert_eq!(row.source, "");
    }

    #[test]
    fn associated_victims_fill_assoc_actor_2() {
        let mut s = kanaker();
        s.values.actor2 = Some("civilians:women".parse().unwrap());
        s.values.assoc_actor2 = vec![
            "civilians:children".parse().unwrap(),
            "civilians:young-men".parse().unwrap(),
        ];
        let row = AcledRow::new(&export_event(s, &[]), &Names::arabic()).unwrap();
        assert_eq!(row.actor2, "Civilians (Syria) (women)");
        assert_eq!(
            row.assoc_actor_2,
            "Civilians (Syria) (children); Civilians (Syria) (young-men)"
        );
        assert_eq!(row.civilian_targeting, "Civilian targeting");
    }
}
