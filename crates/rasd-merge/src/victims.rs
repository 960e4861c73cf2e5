//! Who was detained: the victim group of an arrest or abduction, as a key that tells
//! incidents apart and links reports that place and date one detention differently.
//!
//! Sources often disagree on where and when a detention happened while agreeing on who was
//! taken: one says "two women were arrested inside Damascus by the Palestine Branch",
//! another, from the women's home town 30 km away, that "the women were stopped by an Air
//! Force Intelligence checkpoint" and dates it by the paragraph's Friday, a third recalls
//! "the arrest of three women from Kanaker" as the cause of what followed. So, for two
//! detentions of the same victim group (the unit of a civilian actor2: women, children,
//! young men) by perpetrators of the same kind that both reports name (two regime
//! branches), the place may be up to [`MergeConfig::victim_km`] apart and, when one side
//! does not state its date in its own sentence, the dates up to
//! [`MergeConfig::victim_days`] apart. Two detentions of different groups (women / a young
//! man) are never one incident, whatever their place and date.

use chrono::NaiveDate;
use rasd_core::{ActorKind, Event, Field, SubEventType};
use rasd_store::{Criterion, ReportContext};

use crate::MergeConfig;
use crate::matching::haversine_km;

/// Whether the report is a detention (an arrest or an abduction).
pub fn is_detention(r: &Event) -> bool {
    matches!(
        r.sub_event_type,
        SubEventType::Arrests | SubEventType::AbductionForcedDisappearance
    )
}

/// The victim group of a detention: the unit of its civilian actor2 (`civilians:women`
/// gives `women`).
pub fn group(r: &Event) -> Option<&str> {
    if !is_detention(r) {
        return None;
    }
    r.actor2
        .as_ref()
        .filter(|a| a.kind == ActorKind::Civilians)
        .and_then(|a| a.unit.as_deref())
}

/// How the victims of two reports compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VictimMatch<'a> {
    /// Two detentions of the same group.
    Same(&'a str),
    /// Two detentions of different groups: different incidents.
    Conflict,
    /// Not both detentions with a named group: victims say nothing.
    Unknown,
}

/// Every victim group a detention names: its actor2's and its associated targets'
/// (امرأتين مع طفلين: women, children).
pub fn groups(r: &Event) -> impl Iterator<Item = &str> {
    group(r).into_iter().chain(
        r.assoc_actor2
            .iter()
            .filter(|a| a.kind == ActorKind::Civilians && is_detention(r))
            .filter_map(|a| a.unit.as_deref()),
    )
}

/// Same when the main groups agree; a conflict when the two reports name groups and
/// share none (women / a young man), not when one lists the other's group beside its own
/// (two young men and a woman / a woman and two young men).
pub fn compare<'a>(a: &'a Event, b: &Event) -> VictimMatch<'a> {
    match (group(a), group(b)) {
        (Some(x), Some(y)) if x == y => VictimMatch::Same(x),
        (Some(_), Some(_)) if !groups(a).any(|g| groups(b).any(|h| h == g)) => {
            VictimMatch::Conflict
        }
        _ => VictimMatch::Unknown,
    }
}

/// Whether the report states its date in its own sentence: the extractor's date evidence
/// names where a date was carried from (`date:weekday via paragraph`, `via lead`) and says
/// nothing more for a date of the event's own sentence (`date:weekday`); a date inherited
/// from the publication day has no evidence and no expression.
pub fn date_stated(r: &Event) -> bool {
    r.date.as_ref().is_some_and(|d| !d.raw.is_empty())
        && r.evidence
            .iter()
            .any(|e| e.field == Field::Date && !e.rule.contains(" via "))
}

/// The victim group the wider rule may use: both reports detentions of that group, both
/// naming their perpetrator, of the same kind (two regime branches may disagree; an
/// unnamed perpetrator is not enough to reach further).
fn shared_group<'a>(a: &'a Event, b: &Event) -> Option<&'a str> {
    let VictimMatch::Same(g) = compare(a, b) else {
        return None;
    };
    let known = |r: &Event| {
        r.actor1.as_ref().map(|x| x.kind).filter(|k| {
            !matches!(
                k,
                ActorKind::Unidentified | ActorKind::UnidentifiedArmedGroup
            )
        })
    };
    match (known(a), known(b)) {
        (Some(x), Some(y)) if x == y => Some(g),
        _ => None,
    }
}

/// The place criterion for two detentions of one group: within `cfg.victim_km`.
pub fn place(a: &ReportContext<'_>, b: &ReportContext<'_>, cfg: &MergeConfig) -> Option<Criterion> {
    let g = shared_group(a.report, b.report)?;
    let (la, lb) = (&a.report.location, &b.report.location);
    let (Some(lat1), Some(lon1), Some(lat2), Some(lon2)) = (la.lat, la.lon, lb.lat, lb.lon) else {
        return None;
    };
    let d = haversine_km(lat1, lon1, lat2, lon2);
    (d <= cfg.victim_km).then(|| Criterion {
        name: "place".into(),
        detail: format!("{d:.0} km apart, detention of the same victims ({g})"),
        score: 0.5,
    })
}

/// The date criterion for two detentions of one group when one side's date is not
/// stated in its sentence: within `cfg.victim_days`.
pub fn date(
    a: &ReportContext<'_>,
    b: &ReportContext<'_>,
    x: NaiveDate,
    y: NaiveDate,
    cfg: &MergeConfig,
) -> Option<Criterion> {
    let g = shared_group(a.report, b.report)?;
    if date_stated(a.report) && date_stated(b.report) {
        return None;
    }
    let d = (x - y).num_days().abs();
    (d <= cfg.victim_days).then(|| Criterion {
        name: "date".into(),
        detail: format!(
            "{d} days apart ({x} / {y}), one date not stated, detention of the same victims ({g})"
        ),
        score: 0.5,
    })
}

/// Size of the coarse map cell of victim blocks, in degrees (~55 km north-south): with
/// its neighbours it covers [`MergeConfig::victim_km`].
pub const VICTIM_CELL_DEG: f64 = 0.5;

/// The coarse cells of a report's coordinates: its own, and with `neighbours` the eight
/// around it.
pub fn cells(r: &Event, neighbours: bool) -> Vec<(i64, i64)> {
    let (Some(lat), Some(lon)) = (r.location.lat, r.location.lon) else {
        return vec![];
    };
    let (x, y) = (
        (lon / VICTIM_CELL_DEG).floor() as i64,
        (lat / VICTIM_CELL_DEG).floor() as i64,
    );
    if !neighbours {
        return vec![(x, y)];
    }
    let mut out = Vec::with_capacity(9);
    for dx in -1..=1 {
        for dy in -1..=1 {
            out.push((x + dx, y + dy));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{ctx, report};
    use rasd_core::{Evidence, SubEventType as S};

    fn detention(place: (f64, f64), victims: Option<&str>, date: &str) -> Event {
        let mut r = report(S::Arrests, "p", Some(date));
        (r.location.lat, r.location.lon) = (Some(place.0), Some(place.1));
        r.actor2 = victims.map(|v| v.parse().unwrap());
        r
    }

    fn by(mut r: Event, actor: &str) -> Event {
        r.actor1 = Some(actor.parse().unwrap());
        r
    }

    fn unnamed(mut r: Event) -> Event {
        r.actor1 = None;
        r
    }

    fn stated(mut r: Event) -> Event {
        if let Some(d) = r.date.as_mut() {
            d.raw = "اليوم".into();
        }
        r.evidence.push(Evidence {
            field: Field::Date,
            part: Default::default(),
            start: 0,
            end: 1,
            text: "اليوم".into(),
            rule: "date:today".into(),
            confidence: 1.0,
            qualifier: None,
        });
        r
    }

    fn carried(mut r: Event) -> Event {
        r = stated(r);
        if let Some(e) = r.evidence.last_mut() {
            e.rule = "date:weekday via paragraph".into();
        }
        r
    }

    const KANAKER: (f64, f64) = (33.2666, 36.0963);
    const DAMASCUS: (f64, f64) = (33.5102, 36.2913);
    const ALEPPO: (f64, f64) = (36.2021, 37.1343);

    #[test]
    fn groups_compare() {
        let table = [
            (Some("civilians:women"), Some("civilians:women"), "same"),
            (
                Some("civilians:women"),
                Some("civilians:young-men"),
                "conflict",
            ),
            (Some("civilians:women"), Some("civilians"), "unknown"),
            (Some("civilians:women"), None, "unknown"),
            (
                Some("regime:4th-division"),
                Some("regime:4th-division"),
                "unknown",
            ),
        ];
        for (x, y, want) in table {
            let a = detention(KANAKER, x, "2020-12-08");
            let b = detention(KANAKER, y, "2020-12-08");
            let got = match compare(&a, &b) {
                VictimMatch::Same(_) => "same",
                VictimMatch::Conflict => "conflict",
                VictimMatch::Unknown => "unknown",
            };
            assert_eq!(got, want, "{x:?} / {y:?}");
        }
        // A group listed beside the other's is no conflict.
        let a = detention(KANAKER, Some("civilians:young-men"), "2020-12-08");
        let mut b = detention(KANAKER, Some("civilians:women"), "2020-12-08");
        assert_eq!(compare(&a, &b), VictimMatch::Conflict);
        b.assoc_actor2 = vec!["civilians:young-men".parse().unwrap()];
        assert_eq!(compare(&a, &b), VictimMatch::Unknown);
        assert_eq!(compare(&b, &a), VictimMatch::Unknown);
        // Victims of other events do not count.
        let mut a = detention(KANAKER, Some("civilians:women"), "2020-12-08");
        a.sub_event_type = S::ShellingArtilleryMissileAttack;
        assert_eq!(group(&a), None);
    }

    #[test]
    fn the_same_victims_reach_further_in_place_and_date() {
        let cfg = MergeConfig::default();
        let women = Some("civilians:women");
        // (a, b, place matches, date matches)
        let table = [
            // Damascus and Kanaker, 32 km apart; 4 days apart, one date inherited.
            (
                detention(DAMASCUS, women, "2020-12-08"),
                detention(KANAKER, women, "2020-12-04"),
                true,
                true,
            ),
            // Both dates stated in their sentences: the usual ±1 day rule decides.
            (
                stated(detention(DAMASCUS, women, "2020-12-08")),
                stated(detention(KANAKER, women, "2020-12-04")),
                true,
                false,
            ),
            // A date carried from the paragraph is not stated.
            (
                stated(detention(DAMASCUS, women, "2020-12-08")),
                carried(detention(KANAKER, women, "2020-12-04")),
                true,
                true,
            ),
            // One stated, one not.
            (
                stated(detention(DAMASCUS, women, "2020-12-08")),
                detention(KANAKER, women, "2020-12-04"),
                true,
                true,
            ),
            // Beyond the week.
            (
                detention(DAMASCUS, women, "2020-12-15"),
                detention(KANAKER, women, "2020-12-04"),
                true,
                false,
            ),
            // Another governorate.
            (
                detention(ALEPPO, women, "2020-12-08"),
                detention(KANAKER, women, "2020-12-08"),
                false,
                true,
            ),
            // Different victims.
            (
                detention(DAMASCUS, women, "2020-12-08"),
                detention(KANAKER, Some("civilians:young-men"), "2020-12-07"),
                false,
                false,
            ),
            // A perpetrator unnamed on one side, or of another kind.
            (
                detention(DAMASCUS, women, "2020-12-08"),
                unnamed(detention(KANAKER, women, "2020-12-04")),
                false,
                false,
            ),
            (
                detention(DAMASCUS, women, "2020-12-08"),
                by(detention(KANAKER, women, "2020-12-04"), "isis"),
                false,
                false,
            ),
            // Two regime branches.
            (
                by(
                    detention(DAMASCUS, women, "2020-12-08"),
                    "regime:military-intelligence",
                ),
                by(
                    detention(KANAKER, women, "2020-12-04"),
                    "regime:air-force-intelligence",
                ),
                true,
                true,
            ),
            // Unnamed victims.
            (
                detention(DAMASCUS, Some("civilians"), "2020-12-08"),
                detention(KANAKER, Some("civilians"), "2020-12-07"),
                false,
                false,
            ),
        ];
        for (i, (a, b, want_place, want_date)) in table.iter().enumerate() {
            let (ca, cb) = (ctx(a, 1), ctx(b, 2));
            assert_eq!(
                place(&ca, &cb, &cfg).is_some(),
                *want_place,
                "row {i} place"
            );
            let (x, y) = (ca.date().unwrap(), cb.date().unwrap());
            assert_eq!(
                date(&ca, &cb, x, y, &cfg).is_some(),
                *want_date,
                "row {i} date"
            );
        }
    }

    #[test]
    fn neighbouring_cells_cover_the_victim_distance() {
        let cfg = MergeConfig::default();
        let a = detention(KANAKER, None, "2020-12-08");
        // Points victim_km away in eight directions stay inside the probed cells.
        let (dlat, dlon) = (
            cfg.victim_km / 111.0,
            cfg.victim_km / (111.0 * KANAKER.0.to_radians().cos()),
        );
        for (dy, dx) in [
            (1.0, 0.0),
            (-1.0, 0.0),
            (0.0, 1.0),
            (0.0, -1.0),
            (0.7, 0.7),
            (-0.7, -0.7),
            (0.7, -0.7),
            (-0.7, 0.7),
        ] {
            let b = detention(
                (KANAKER.0 + dy * dlat, KANAKER.1 + dx * dlon),
                None,
                "2020-12-08",
            );
            let probe = cells(&a, true);
            assert!(probe.contains(&cells(&b, false)[0]), "{dy} {dx}");
        }
    }
}
