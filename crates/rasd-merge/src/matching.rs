//! Whether two reports describe one incident, and how well they match.
//!
//! Every criterion must hold: compatible sub-event types, the same place (or within a few
//! km, or the same admin3 when one side is imprecise), dates within a day (or the same
//! week when undated; within [`MergeConfig::situation_days`] for two reports of a lasting
//! situation such as a siege), compatible actors; two detentions of different victim groups
//! never match, two of the same group may lie further apart (see [`victims`]). The score (a weighted mean of the criteria)
//! ranks candidates and is recorded in the merge history.

use chrono::{Datelike, NaiveDate};
use rasd_core::{Actor, ActorKind, GeoPrecision, SubEventType, Tag, TimePrecision};
use rasd_store::keys::place_key;
use rasd_store::{Criterion, MatchReason, ReportContext};

use crate::{MergeConfig, victims};

/// Weights of the criteria in the score.
const W_TYPE: f32 = 0.3;
const W_PLACE: f32 = 0.3;
const W_DATE: f32 = 0.25;
const W_ACTOR: f32 = 0.15;

/// Groups of sub-event types that sources use for the same incident, with the score of a
/// cross-group match.
fn type_group(s: SubEventType) -> Option<(u8, f32)> {
    use SubEventType::*;
    Some(match s {
        Arrests | AbductionForcedDisappearance => (1, 0.7),
        Other | ChangeToGroupActivity => (2, 0.7),
        ShellingArtilleryMissileAttack | AirDroneStrike => (3, 0.6),
        PeacefulProtest | ProtestWithIntervention | ExcessiveForceAgainstProtesters => (4, 0.8),
        ViolentDemonstration | MobViolence => (5, 0.8),
        _ => return None,
    })
}

fn tags_compatible(a: &[Tag], b: &[Tag]) -> Option<f32> {
    if a.is_empty() && b.is_empty() {
        return Some(1.0);
    }
    if a.iter().any(|t| b.contains(t)) {
        return Some(1.0);
    }
    if a.is_empty() || b.is_empty() {
        return Some(0.8);
    }
    None
}

/// Tags of lasting situations: one state that sources date differently (the day it
/// began, "for ten days now", the day it tightened).
const SITUATION_TAGS: [Tag; 4] = [Tag::Siege, Tag::Blockade, Tag::WaterCut, Tag::Curfew];

/// Whether a report is of a lasting situation: a strategic development coded Other or
/// Change to group/activity with a siege, blockade, water-cut or curfew tag.
pub fn is_situation(r: &rasd_core::Event) -> bool {
    matches!(type_group(r.sub_event_type), Some((2, _)))
        && r.tags.iter().any(|t| SITUATION_TAGS.contains(t))
}

/// Sub-event type criterion.
pub fn sub_type(a: &ReportContext<'_>, b: &ReportContext<'_>) -> Option<Criterion> {
    let (sa, sb) = (a.report.sub_event_type, b.report.sub_event_type);
    let (ta, tb) = (&a.report.tags, &b.report.tags);
    // Strategic developments coded Other / Change to group are told apart by their tags
    // (a siege is not a displacement).
    let tag_score = if matches!(type_group(sa), Some((2, _))) {
        tags_compatible(ta, tb)?
    } else {
        1.0
    };
    if sa == sb {
        return Some(Criterion {
            name: "sub_event_type".into(),
            detail: format!("equal: {sa}"),
            score: tag_score,
        });
    }
    match (type_group(sa), type_group(sb)) {
        (Some((ga, s)), Some((gb, _))) if ga == gb => Some(Criterion {
            name: "sub_event_type".into(),
            detail: format!("compatible: {sa} / {sb}"),
            score: s * tag_score,
        }),
        _ => None,
    }
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

fn imprecise(c: &ReportContext<'_>) -> bool {
    let l = &c.report.location;
    l.geo_precision != GeoPrecision::Exact || l.place_id.is_none() || l.unresolved
}

fn names(c: &ReportContext<'_>) -> Vec<String> {
    let l = &c.report.location;
    let mut v = vec![place_key(&l.name)];
    v.extend(l.canonical_name.as_deref().map(place_key));
    v.retain(|k| !k.is_empty());
    v
}

fn admin3(c: &ReportContext<'_>) -> Option<String> {
    let l = &c.report.location;
    l.admin3_pcode
        .clone()
        .or_else(|| l.admin3.as_deref().map(place_key))
}

fn admin1_conflict(a: &ReportContext<'_>, b: &ReportContext<'_>) -> bool {
    let (la, lb) = (&a.report.location, &b.report.location);
    match (&la.admin1_pcode, &lb.admin1_pcode, &la.admin1, &lb.admin1) {
        (Some(x), Some(y), _, _) => x != y,
        (_, _, Some(x), Some(y)) => place_key(x) != place_key(y),
        _ => false,
    }
}

/// Place criterion.
pub fn place(a: &ReportContext<'_>, b: &ReportContext<'_>, cfg: &MergeConfig) -> Option<Criterion> {
    let (la, lb) = (&a.report.location, &b.report.location);
    let crit = |detail: String, score: f32| {
        Some(Criterion {
            name: "place".into(),
            detail,
            score,
        })
    };
    if let (Some(x), Some(y)) = (&la.place_id, &lb.place_id)
        && x == y
    {
        return crit(format!("same place id {x}"), 1.0);
    }
    let (na, nb) = (names(a), names(b));
    if let Some(n) = na.iter().find(|n| nb.contains(n))
        && !admin1_conflict(a, b)
    {
        return crit(format!("same place name {n}"), 0.9);
    }
    if let (Some(lat1), Some(lon1), Some(lat2), Some(lon2)) = (la.lat, la.lon, lb.lat, lb.lon) {
        let d = haversine_km(lat1, lon1, lat2, lon2);
        if d <= cfg.near_km {
            return crit(
                format!("{d:.1} km apart"),
                0.85 - 0.15 * (d / cfg.near_km) as f32,
            );
        }
    }
    if (imprecise(a) || imprecise(b))
        && let (Some(x), Some(y)) = (admin3(a), admin3(b))
        && x == y
    {
        return crit(format!("same admin3 {x} (imprecise location)"), 0.6);
    }
    victims::place(a, b, cfg)
}

fn tolerance_days(p: Option<TimePrecision>) -> i64 {
    match p {
        Some(TimePrecision::Week) => 7,
        Some(TimePrecision::Month) => 31,
        _ => 1,
    }
}

fn same_week(a: NaiveDate, b: NaiveDate) -> bool {
    a.iso_week() == b.iso_week()
}

/// Date criterion. Two reports of a lasting situation (see [`is_situation`]) match within
/// `cfg.situation_days`.
pub fn date(a: &ReportContext<'_>, b: &ReportContext<'_>, cfg: &MergeConfig) -> Option<Criterion> {
    let max_days = cfg.max_days;
    let situation = is_situation(a.report) && is_situation(b.report);
    let crit = |detail: String, score: f32| {
        Some(Criterion {
            name: "date".into(),
            detail,
            score,
        })
    };
    match (a.date(), b.date()) {
        (Some(x), Some(y)) => {
            let d = (x - y).num_days().abs();
            let tol = max_days
                .max(tolerance_days(a.time_precision()))
                .max(tolerance_days(b.time_precision()));
            match d {
                0 => crit(format!("same day {x}"), 1.0),
                _ if d <= max_days => crit(format!("{d} day(s) apart ({x} / {y})"), 0.8),
                _ if d <= tol => crit(format!("{d} days apart, imprecise date"), 0.6),
                _ if situation && d <= cfg.situation_days => crit(
                    format!("{d} days apart ({x} / {y}), one lasting situation"),
                    0.5,
                ),
                _ => victims::date(a, b, x, y, cfg),
            }
        }
        (Some(x), None) | (None, Some(x)) => {
            let anchor = if a.date().is_none() {
                a.anchor
            } else {
                b.anchor
            };
            match anchor {
                Some(an) if same_week(x, an) || (x - an).num_days().abs() <= 1 => {
                    crit(format!("undated, published the week of {x}"), 0.6)
                }
                Some(an) if situation && (x - an).num_days().abs() <= cfg.situation_days => crit(
                    format!(
                        "undated, published within {} days of {x}, one lasting situation",
                        cfg.situation_days
                    ),
                    0.5,
                ),
                Some(an) => victims::date(a, b, x, an, cfg),
                None => None,
            }
        }
        (None, None) => match (a.anchor, b.anchor) {
            (Some(x), Some(y)) if same_week(x, y) || (x - y).num_days().abs() <= 1 => {
                crit("both undated, published the same week".into(), 0.5)
            }
            (None, None) => crit("both undated, publication dates unknown".into(), 0.4),
            (Some(_), None) | (None, Some(_)) => {
                crit("both undated, one publication date unknown".into(), 0.4)
            }
            _ => None,
        },
    }
}

fn is_unknown(a: &Option<Actor>) -> bool {
    a.as_ref().is_none_or(|a| {
        matches!(
            a.kind,
            ActorKind::Unidentified | ActorKind::UnidentifiedArmedGroup
        )
    })
}

/// Actor1 criterion.
pub fn actor(a: &ReportContext<'_>, b: &ReportContext<'_>) -> Option<Criterion> {
    let (x, y) = (&a.report.actor1, &b.report.actor1);
    let crit = |detail: String, score: f32| {
        Some(Criterion {
            name: "actor1".into(),
            detail,
            score,
        })
    };
    if is_unknown(x) || is_unknown(y) {
        return crit("one side unknown".into(), 0.7);
    }
    match (x, y) {
        (Some(x), Some(y)) if x == y => crit(format!("same actor {x}"), 1.0),
        (Some(x), Some(y)) if x.kind == y.kind => crit(format!("same kind: {x} / {y}"), 0.9),
        _ => None,
    }
}

/// All criteria for a pair of reports; `None` when one fails.
pub fn compare(
    a: &ReportContext<'_>,
    b: &ReportContext<'_>,
    cfg: &MergeConfig,
) -> Option<MatchReason> {
    if victims::compare(a.report, b.report) == victims::VictimMatch::Conflict {
        return None;
    }
    let criteria = vec![
        sub_type(a, b)?,
        place(a, b, cfg)?,
        date(a, b, cfg)?,
        actor(a, b)?,
    ];
    let weights = [W_TYPE, W_PLACE, W_DATE, W_ACTOR];
    let score = criteria
        .iter()
        .zip(weights)
        .map(|(c, w)| c.score * w)
        .sum::<f32>();
    let summary = criteria
        .iter()
        .map(|c| format!("{}: {}", c.name, c.detail))
        .collect::<Vec<_>>()
        .join("; ");
    Some(MatchReason {
        score: (score * 1000.0).round() / 1000.0,
        criteria,
        summary,
    })
}

/// Whether two reports of one document may share an event: only when they agree on
/// sub-event type, place and date (telling incidents apart within an article is the
/// extractor's job).
pub fn same_document_compatible(a: &ReportContext<'_>, b: &ReportContext<'_>) -> bool {
    let (la, lb) = (&a.report.location, &b.report.location);
    let same_place = match (&la.place_id, &lb.place_id) {
        (Some(x), Some(y)) => x == y,
        _ => place_key(&la.name) == place_key(&lb.name),
    };
    let same_date = match (a.date(), b.date()) {
        (Some(x), Some(y)) => x == y,
        (None, None) => {
            a.report.date.as_ref().map(|d| &d.raw) == b.report.date.as_ref().map(|d| &d.raw)
        }
        _ => false,
    };
    a.report.sub_event_type == b.report.sub_event_type && same_place && same_date
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{ctx, report};
    use rasd_core::{PlaceId, SubEventType as S};

    #[test]
    fn sub_type_table() {
        let table = [
            (
                S::Arrests,
                vec![],
                S::AbductionForcedDisappearance,
                vec![],
                true,
            ),
            (
                S::Other,
                vec![Tag::Siege],
                S::ChangeToGroupActivity,
                vec![Tag::Siege],
                true,
            ),
            (
                S::Other,
                vec![Tag::Siege],
                S::Other,
                vec![Tag::Displacement],
                false,
            ),
            (S::Other, vec![Tag::Siege], S::Other, vec![], true),
            (
                S::AirDroneStrike,
                vec![],
                S::ShellingArtilleryMissileAttack,
                vec![],
                true,
            ),
            (S::ArmedClash, vec![], S::AirDroneStrike, vec![], false),
            (S::Arrests, vec![], S::Agreement, vec![], false),
        ];
        for (sa, ta, sb, tb, want) in table {
            let mut a = report(sa, "كناكر", None);
            a.tags = ta;
            let mut b = report(sb, "كناكر", None);
            b.tags = tb;
            assert_eq!(
                sub_type(&ctx(&a, 1), &ctx(&b, 2)).is_some(),
                want,
                "{sa} / {sb}"
            );
        }
    }

    #[test]
    fn place_table() {
        let cfg = MergeConfig::default();
        let mut a = report(S::ArmedClash, "كناكر", None);
        let mut b = report(S::ArmedClash, "الكناكر", None);
        assert!(
            place(&ctx(&a, 1), &ctx(&b, 2), &cfg).is_some(),
            "name keys ignore a leading ال"
        );
        a.location.place_id = Some(PlaceId::new("geonames:1"));
        b.location.place_id = Some(PlaceId::new("geonames:1"));
        b.location.name = "بلدة أخرى".into();
        assert_eq!(
            place(&ctx(&a, 1), &ctx(&b, 2), &cfg).map(|c| c.score),
            Some(1.0)
        );
        // Different towns 20 km apart.
        let mut c = report(S::ArmedClash, "جاسم", None);
        let mut d = report(S::ArmedClash, "انخل", None);
        (c.location.lat, c.location.lon) = (Some(32.99), Some(36.06));
        (d.location.lat, d.location.lon) = (Some(33.01), Some(36.26));
        assert!(place(&ctx(&c, 1), &ctx(&d, 2), &cfg).is_none());
        // A neighbourhood 1 km from the town centre.
        d.location.lon = Some(36.07);
        assert!(place(&ctx(&c, 1), &ctx(&d, 2), &cfg).is_some());
        // Same admin3 counts only when one side is imprecise.
        let mut e = report(S::ArmedClash, "x", None);
        let mut f = report(S::ArmedClash, "y", None);
        e.location.admin3 = Some("الكسوة".into());
        f.location.admin3 = Some("الكسوة".into());
        e.location.place_id = Some(PlaceId::new("geonames:2"));
        f.location.place_id = Some(PlaceId::new("geonames:3"));
        e.location.unresolved = false;
        f.location.unresolved = false;
        assert!(place(&ctx(&e, 1), &ctx(&f, 2), &cfg).is_none());
        f.location.geo_precision = GeoPrecision::Near;
        assert!(place(&ctx(&e, 1), &ctx(&f, 2), &cfg).is_some());
    }

    #[test]
    fn date_table() {
        let cfg = MergeConfig::default();
        let table = [
            (Some("2020-12-08"), Some("2020-12-08"), true),
            (Some("2020-12-08"), Some("2020-12-09"), true),
            (Some("2020-12-08"), Some("2020-12-10"), false),
            (None, None, true),
        ];
        for (x, y, want) in table {
            let a = report(S::ArmedClash, "p", x);
            let b = report(S::ArmedClash, "p", y);
            assert_eq!(
                date(&ctx(&a, 1), &ctx(&b, 2), &cfg).is_some(),
                want,
                "{x:?} {y:?}"
            );
        }
        // Undated, with the document published the same week.
        let a = report(S::ArmedClash, "p", Some("2020-12-08"));
        let b = report(S::ArmedClash, "p", None);
        let mut cb = ctx(&b, 2);
        cb.anchor = NaiveDate::from_ymd_opt(2020, 12, 10);
        assert!(date(&ctx(&a, 1), &cb, &cfg).is_some());
        cb.anchor = NaiveDate::from_ymd_opt(2020, 12, 20);
        assert!(date(&ctx(&a, 1), &cb, &cfg).is_none());
    }

    #[test]
    fn a_lasting_situation_matches_over_two_weeks() {
        let cfg = MergeConfig::default();
        let situation = |sub, tags: Vec<Tag>, d: Option<&str>| {
            let mut r = report(sub, "كناكر", d);
            r.tags = tags;
            r
        };
        // (a, b, match): the siege "tightened today" and "for about ten days now".
        let table = [
            (
                situation(
                    S::Other,
                    vec![Tag::Siege, Tag::Blockade],
                    Some("2020-12-08"),
                ),
                situation(S::Other, vec![Tag::Siege], Some("2020-11-28")),
                true,
            ),
            (
                situation(S::Other, vec![Tag::Siege], Some("2020-12-08")),
                situation(
                    S::ChangeToGroupActivity,
                    vec![Tag::Curfew, Tag::Siege],
                    Some("2020-11-25"),
                ),
                true,
            ),
            // Beyond the window.
            (
                situation(S::Other, vec![Tag::Siege], Some("2020-12-08")),
                situation(S::Other, vec![Tag::Siege], Some("2020-11-20")),
                false,
            ),
            // Only one side is a situation: the usual day rule.
            (
                situation(S::Other, vec![Tag::Siege], Some("2020-12-08")),
                situation(S::Other, vec![], Some("2020-11-28")),
                false,
            ),
            (
                situation(S::Other, vec![Tag::Displacement], Some("2020-12-08")),
                situation(S::Other, vec![Tag::Displacement], Some("2020-11-28")),
                false,
            ),
            // Not a strategic development.
            (
                situation(S::ArmedClash, vec![Tag::Siege], Some("2020-12-08")),
                situation(S::ArmedClash, vec![Tag::Siege], Some("2020-11-28")),
                false,
            ),
        ];
        for (i, (a, b, want)) in table.iter().enumerate() {
            assert_eq!(
                date(&ctx(a, 1), &ctx(b, 2), &cfg).is_some(),
                *want,
                "row {i}"
            );
            assert_eq!(
                compare(&ctx(a, 1), &ctx(b, 2), &cfg).is_some(),
                *want,
                "row {i}"
            );
        }
        // Undated, published within the window.
        let a = situation(S::Other, vec![Tag::Siege], Some("2020-11-28"));
        let b = situation(S::Other, vec![Tag::Siege], None);
        let mut cb = ctx(&b, 2);
        cb.anchor = NaiveDate::from_ymd_opt(2020, 12, 8);
        assert!(date(&ctx(&a, 1), &cb, &cfg).is_some());
    }

    #[test]
    fn actor_table() {
        let r = |s: Option<&str>| {
            let mut e = report(S::Arrests, "p", None);
            e.actor1 = s.map(|s| s.parse().unwrap());
            e
        };
        let table = [
            (
                Some("regime:military-intelligence"),
                Some("regime:air-force-intelligence"),
                true,
            ),
            (Some("regime"), None, true),
            (Some("regime"), Some("unidentified-armed-group"), true),
            (Some("regime"), Some("isis"), false),
            (Some("rebels"), Some("rebels"), true),
        ];
        for (x, y, want) in table {
            let (a, b) = (r(x), r(y));
            assert_eq!(
                actor(&ctx(&a, 1), &ctx(&b, 2)).is_some(),
                want,
                "{x:?} {y:?}"
            );
        }
    }
}
