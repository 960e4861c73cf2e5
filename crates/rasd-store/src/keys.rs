//! Keys the store derives: event ids, place keys, report natural keys, fingerprints and
//! advisory-lock keys.

use rasd_core::{Event, EventId};

use crate::merger::ReportContext;

/// Event ids are `SYR` + the event's number, zero-padded to six digits (`SYR000042`;
/// numbers past 999999 simply get longer). Numbers come from a counter that never goes
/// back, so an id is never reused, not even after a merge or retirement.
pub fn event_id(num: i64) -> EventId {
    EventId(format!("SYR{num:06}"))
}

/// A place name as compared (GUIDELINES §6): the match key without a leading ال and
/// without spaces.
pub fn place_key(name: &str) -> String {
    let k = rasd_text::match_key(name.trim());
    let k = k
        .strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(&k);
    k.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What identifies a report across re-extractions of its document: sub-event type, place
/// (id, else name key), date (absolute, else the raw expression), actor1 kind.
pub fn natural_key(ctx: &ReportContext<'_>) -> String {
    let r = ctx.report;
    let place = match &r.location.place_id {
        Some(p) => format!("id:{p}"),
        None => format!("nm:{}", place_key(&r.location.name)),
    };
    let date = match (ctx.date(), &r.date) {
        (Some(d), _) => d.to_string(),
        (None, Some(d)) if !d.raw.is_empty() => format!("raw:{}", rasd_text::match_key(&d.raw)),
        _ => "-".to_owned(),
    };
    let actor = r.actor1.as_ref().map_or("-", |a| a.kind.key());
    format!("{}|{}|{}|{}", r.sub_event_type, place, date, actor)
}

/// A stable digest of a value's JSON (hex, 32 characters).
pub fn fingerprint<T: serde::Serialize + ?Sized>(v: &T) -> crate::error::Result<String> {
    let bytes = serde_json::to_vec(v)?;
    let h = blake3::hash(&bytes);
    Ok(h.to_hex()[..32].to_owned())
}

/// A 64-bit advisory-lock key for a string (PostgreSQL `pg_advisory_xact_lock(bigint)`).
pub fn lock_key(namespace: &str, key: &str) -> i64 {
    let mut h = blake3::Hasher::new();
    h.update(namespace.as_bytes());
    h.update(&[0]);
    h.update(key.as_bytes());
    let out = h.finalize();
    let b = out.as_bytes();
    i64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
}

/// The lock taken last by every writer before it appends to the change feed, so sequence
/// numbers are handed out in commit order.
pub const FEED_LOCK: i64 = 0x7261_7364_6665_6564; // "rasdfeed"

/// The lock serialising migrations.
pub const MIGRATION_LOCK: i64 = 0x7261_7364_6d69_6772; // "rasdmigr"

/// A report's fingerprint (to tell an updated report from an unchanged one).
pub fn report_fingerprint(r: &Event) -> crate::error::Result<String> {
    fingerprint(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasd_core::{EventDate, GeoPrecision, Location, SubEventType, TimePrecision};

    #[test]
    fn place_keys() {
        let table = [
            ("كناكر", "كناكر"),
            ("الكسوة", "كسوه"),
            (" دير الزور ", "ديرالزور"),
            ("إدلب", "ادلب"),
            ("ال", "ال"),
        ];
        for (name, want) in table {
            assert_eq!(place_key(name), want, "{name}");
        }
    }

    #[test]
    fn ids_are_padded() {
        assert_eq!(event_id(42).0, "SYR000042");
        assert_eq!(event_id(1_234_567).0, "SYR1234567");
    }

    #[test]
    fn natural_key_uses_raw_date_when_unresolved() {
        let ev = Event {
            doc: "d".into(),
            event_type: SubEventType::Other.event_type(),
            sub_event_type: SubEventType::Other,
            tags: vec![],
            background: false,
            location: Location::unresolved("كناكر", GeoPrecision::Exact),
            date: Some(EventDate::relative(0, TimePrecision::Day, "اليوم الثلاثاء")),
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
        };
        let ctx = ReportContext {
            report: &ev,
            document: 1,
            root_document: 1,
            anchor: None,
            duplicate_source: false,
        };
        assert_eq!(natural_key(&ctx), "Other|nm:كناكر|raw:اليوم الثلاثاء|regime");
        let anchor = chrono::NaiveDate::from_ymd_opt(2020, 12, 8);
        let ctx = ReportContext { anchor, ..ctx };
        assert_eq!(natural_key(&ctx), "Other|nm:كناكر|2020-12-08|regime");
        assert_ne!(lock_key("a", "b"), lock_key("a", "c"));
    }
}
