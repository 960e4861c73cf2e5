//! An event's consensus values from its reports, with every disagreement kept.
//!
//! Rules: sub-event type — the most reported (independent sources), ties by ACLED
//! precedence; tags — the union; date — the most precise, then the most reported, then the
//! earliest; location — the most precise (lowest geo precision), then with a place id, then
//! the most reported; actors — the most reported kind, and within it the most specific
//! (with a unit), then the most reported; fatalities and injured — ACLED's lowest reported
//! figure; confidence — 1 − Π(1 − cᵢ) over independent sources. Reports of near-duplicate
//! documents do not add support (they are the same source).

use std::collections::BTreeSet;

use rasd_core::{Actor, ActorKind, Field, Location, SubEventType};
use rasd_store::keys::place_key;
use rasd_store::{Consensus, Disagreement, StoredReport, ValueSupport};

/// One distinct value of a field with the reports that give it.
struct Tally<T> {
    value: T,
    display: String,
    reports: Vec<i64>,
    roots: BTreeSet<i64>,
}

impl<T> Tally<T> {
    fn support(&self) -> usize {
        self.roots.len()
    }
}

/// Groups reports by a field's value (in order of first appearance).
fn tally<T, K: PartialEq>(
    reports: &[&StoredReport],
    get: impl Fn(&StoredReport) -> Option<(K, T, String)>,
) -> Vec<(K, Tally<T>)> {
    let mut out: Vec<(K, Tally<T>)> = Vec::new();
    for r in reports {
        let Some((key, value, display)) = get(r) else {
            continue;
        };
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, t)) => {
                t.reports.push(r.id);
                t.roots.insert(r.root_document);
            }
            None => out.push((
                key,
                Tally {
                    value,
                    display,
                    reports: vec![r.id],
                    roots: BTreeSet::from([r.root_document]),
                },
            )),
        }
    }
    out
}

fn disagreement<K, T>(
    field: Field,
    tallies: &[(K, Tally<T>)],
    chosen: &str,
    rule: &str,
) -> Option<Disagreement> {
    (tallies.len() > 1).then(|| Disagreement {
        field,
        chosen: chosen.to_owned(),
        values: tallies
            .iter()
            .map(|(_, t)| ValueSupport {
                value: t.display.clone(),
                reports: t.reports.clone(),
            })
            .collect(),
        rule: rule.to_owned(),
    })
}

fn is_unknown_actor(a: &Actor) -> bool {
    matches!(
        a.kind,
        ActorKind::Unidentified | ActorKind::UnidentifiedArmedGroup
    )
}

/// The consensus actor: most reported known kind; within it the most specific, then most
/// reported value; an unknown actor only when nothing else is known.
fn choose_actor(t: &[(String, Tally<Actor>)]) -> Option<Actor> {
    let known: Vec<&Tally<Actor>> = t
        .iter()
        .map(|(_, x)| x)
        .filter(|x| !is_unknown_actor(&x.value))
        .collect();
    if known.is_empty() {
        return t.first().map(|(_, x)| x.value.clone());
    }
    let mut kinds: Vec<(ActorKind, BTreeSet<i64>, usize)> = Vec::new();
    for (i, x) in known.iter().enumerate() {
        match kinds.iter_mut().find(|k| k.0 == x.value.kind) {
            Some(k) => k.1.extend(x.roots.iter().copied()),
            None => kinds.push((x.value.kind, x.roots.clone(), i)),
        }
    }
    let best_kind = kinds
        .iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.2.cmp(&a.2)))?
        .0;
    known
        .iter()
        .enumerate()
        .filter(|(_, x)| x.value.kind == best_kind)
        .max_by(|(i, a), (j, b)| {
            (a.value.unit.is_some(), a.support())
                .cmp(&(b.value.unit.is_some(), b.support()))
                .then(j.cmp(i))
        })
        .map(|(_, x)| x.value.clone())
}

fn location_display(l: &Location) -> String {
    match &l.place_id {
        Some(p) => format!("{} ({p})", l.name),
        None => l.name.clone(),
    }
}

/// The consensus of an event's active reports.
pub fn consolidate(all: &[StoredReport]) -> Option<Consensus> {
    let first = all.first()?;
    let indep: Vec<&StoredReport> = {
        let v: Vec<&StoredReport> = all.iter().filter(|r| !r.duplicate_source).collect();
        if v.is_empty() {
            all.iter().collect()
        } else {
            v
        }
    };
    let every: Vec<&StoredReport> = all.iter().collect();
    let mut disagreements = Vec::new();

    // Sub-event type.
    let subs = tally(&indep, |r| {
        Some((
            r.report.sub_event_type,
            r.report.sub_event_type,
            r.report.sub_event_type.to_string(),
        ))
    });
    let sub: SubEventType = subs
        .iter()
        .max_by(|(a, x), (b, y)| {
            x.support()
                .cmp(&y.support())
                .then(b.precedence().cmp(&a.precedence()))
        })
        .map_or(first.report.sub_event_type, |(k, _)| *k);
    let subs_all = tally(&every, |r| {
        Some((
            r.report.sub_event_type,
            (),
            r.report.sub_event_type.to_string(),
        ))
    });
    disagreements.extend(disagreement(
        Field::SubEventType,
        &subs_all,
        sub.as_str(),
        "most reported, then ACLED precedence",
    ));

    // Tags: the union.
    let mut tags: Vec<_> = indep
        .iter()
        .flat_map(|r| r.report.tags.iter().copied())
        .collect();
    tags.sort();
    tags.dedup();

    // Date: most precise, then most reported, then earliest.
    let dates = tally(&indep, |r| {
        let c = r.context();
        c.date().map(|d| {
            (
                d,
                (d, c.time_precision().map_or(9, |p| p.code())),
                d.to_string(),
            )
        })
    });
    let best_date = dates
        .iter()
        .min_by(|(_, a), (_, b)| {
            a.value
                .1
                .cmp(&b.value.1)
                .then(b.support().cmp(&a.support()))
                .then(a.value.0.cmp(&b.value.0))
        })
        .map(|(_, t)| t.value);
    let date = best_date.map(|d| d.0);
    let time_precision = best_date.and_then(|d| rasd_core::TimePrecision::from_code(d.1));
    let dates_all = tally(&every, |r| {
        r.context().date().map(|d| (d, (), d.to_string()))
    });
    let chosen = date.map_or_else(|| "unknown".to_owned(), |d| d.to_string());
    disagreements.extend(disagreement(
        Field::Date,
        &dates_all,
        &chosen,
        "most precise, then most reported, then earliest",
    ));

    // Location: most precise, then with a place id, then most reported.
    let loc_key = |l: &Location| {
        l.place_id
            .as_ref()
            .map_or_else(|| format!("n:{}", place_key(&l.name)), |p| format!("p:{p}"))
    };
    let locs = tally(&indep, |r| {
        let l = &r.report.location;
        Some((loc_key(l), l.clone(), location_display(l)))
    });
    let location = locs
        .iter()
        .enumerate()
        .min_by(|(i, (_, a)), (j, (_, b))| {
            (
                a.value.geo_precision,
                a.value.place_id.is_none(),
                std::cmp::Reverse(a.support()),
                *i,
            )
                .cmp(&(
                    b.value.geo_precision,
                    b.value.place_id.is_none(),
                    std::cmp::Reverse(b.support()),
                    *j,
                ))
        })
        .map_or_else(
            || first.report.location.clone(),
            |(_, (_, t))| t.value.clone(),
        );
    let locs_all = tally(&every, |r| {
        Some((
            loc_key(&r.report.location),
            (),
            location_display(&r.report.location),
        ))
    });
    let rule = "most precise, then with a place id, then most reported";
    disagreements.extend(disagreement(
        Field::Location,
        &locs_all,
        &location_display(&location),
        rule,
    ));

    // Actors.
    let mut actors = Vec::new();
    for (field, get) in [
        (
            Field::Actor1,
            (|r: &StoredReport| r.report.actor1.clone()) as fn(&StoredReport) -> Option<Actor>,
        ),
        (Field::Actor2, |r: &StoredReport| r.report.actor2.clone()),
    ] {
        let t = tally(&indep, |r| get(r).map(|a| (a.key(), a.clone(), a.key())));
        let chosen = choose_actor(&t);
        let t_all = tally(&every, |r| get(r).map(|a| (a.key(), (), a.key())));
        let shown = chosen
            .as_ref()
            .map_or_else(|| "unknown".to_owned(), Actor::key);
        disagreements.extend(disagreement(
            field,
            &t_all,
            &shown,
            "most reported kind, then most specific, then most reported",
        ));
        actors.push(chosen);
    }
    let actor2 = actors.pop().flatten();
    let actor1 = actors.pop().flatten();
    let mut assoc_actor2: Vec<Actor> = Vec::new();
    for a in every.iter().flat_map(|r| &r.report.assoc_actor2) {
        if actor2.as_ref() != Some(a) && !assoc_actor2.contains(a) {
            assoc_actor2.push(a.clone());
        }
    }

    // Counts: ACLED's lowest reported figure.
    let mut lowest = |field: Field, get: fn(&StoredReport) -> Option<u32>| {
        let t = tally(&every, |r| get(r).map(|n| (n, n, n.to_string())));
        let v = t.iter().map(|(k, _)| *k).min();
        let shown = v.map_or_else(|| "unknown".to_owned(), |n| n.to_string());
        disagreements.extend(disagreement(
            field,
            &t,
            &shown,
            "lowest reported figure (ACLED)",
        ));
        v
    };
    let fatalities = lowest(Field::Fatalities, |r| r.report.fatalities);
    let injured = lowest(Field::Injured, |r| r.report.injured);

    let miss: f32 = indep
        .iter()
        .map(|r| 1.0 - r.report.confidence.clamp(0.0, 1.0))
        .product();
    let confidence = ((1.0 - miss) * 1000.0).round() / 1000.0;
    let notes = indep
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| {
            a.report
                .confidence
                .total_cmp(&b.report.confidence)
                .then(j.cmp(i))
        })
        .map(|(_, r)| r.report.notes.clone())
        .unwrap_or_default();

    Some(Consensus {
        event_type: sub.event_type(),
        sub_event_type: sub,
        tags,
        date,
        time_precision,
        location,
        actor1,
        actor2,
        assoc_actor2,
        fatalities,
        injured,
        confidence,
        notes,
        disagreements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{report, stored};
    use rasd_core::{GeoPrecision, PlaceId, SubEventType as S};

    #[test]
    fn fatalities_lowest_with_all_figures_kept() {
        let mut a = report(
            S::ShellingArtilleryMissileAttack,
            "كناكر",
            Some("2020-12-08"),
        );
        a.fatalities = Some(4);
        let mut b = a.clone();
        b.fatalities = Some(3);
        let c = consolidate(&[stored(1, 10, a), stored(2, 20, b)]).unwrap();
        assert_eq!(c.fatalities, Some(3));
        let d = c.disagreement(Field::Fatalities).unwrap();
        assert_eq!(d.chosen, "3");
        assert_eq!(
            d.values
                .iter()
                .map(|v| v.value.as_str())
                .collect::<Vec<_>>(),
            ["4", "3"]
        );
        assert_eq!(d.values[0].reports, vec![1]);
    }

    #[test]
    fn associated_victims_of_every_report_are_kept() {
        let victims = |a2: &str, assoc: &[&str]| {
            let mut r = report(S::Arrests, "كناكر", None);
            r.actor2 = Some(a2.parse().unwrap());
            r.assoc_actor2 = assoc.iter().map(|a| a.parse().unwrap()).collect();
            r
        };
        let a = victims("civilians:women", &["civilians:children"]);
        let b = victims("civilians:women", &[]);
        let c = victims("civilians:children", &["civilians:women"]);
        let cons = consolidate(&[stored(1, 10, a), stored(2, 20, b), stored(3, 30, c)]).unwrap();
        assert_eq!(cons.actor2.as_ref().unwrap().key(), "civilians:women");
        assert_eq!(
            cons.assoc_actor2
                .iter()
                .map(|a| a.key())
                .collect::<Vec<_>>(),
            ["civilians:children"],
            "the chosen actor2 is not repeated"
        );
    }

    #[test]
    fn actors_most_specific_and_all_values_kept() {
        let mut a = report(S::Arrests, "كناكر", None);
        a.actor1 = Some("regime:military-intelligence".parse().unwrap());
        let mut b = a.clone();
        b.actor1 = Some("regime:air-force-intelligence".parse().unwrap());
        let mut c = a.clone();
        c.actor1 = Some("regime".parse().unwrap());
        let cons = consolidate(&[stored(1, 10, a), stored(2, 20, b), stored(3, 30, c)]).unwrap();
        assert_eq!(
            cons.actor1.as_ref().unwrap().key(),
            "regime:military-intelligence"
        );
        let d = cons.disagreement(Field::Actor1).unwrap();
        assert_eq!(d.values.len(), 3);
        assert!(
            d.values
                .iter()
                .any(|v| v.value == "regime:air-force-intelligence")
        );
    }

    #[test]
    fn location_most_precise_and_date_most_precise() {
        let mut a = report(S::ArmedClash, "درعا", Some("2020-12-08"));
        a.location.geo_precision = GeoPrecision::Region;
        a.date.as_mut().unwrap().precision = rasd_core::TimePrecision::Week;
        let mut b = report(S::ArmedClash, "جاسم", Some("2020-12-09"));
        b.location.place_id = Some(PlaceId::new("geonames:1"));
        let cons = consolidate(&[stored(1, 10, a), stored(2, 20, b)]).unwrap();
        assert_eq!(cons.location.name, "جاسم");
        assert_eq!(cons.date.unwrap().to_string(), "2020-12-09");
        assert!(cons.disagreement(Field::Location).is_some());
        assert!(cons.disagreement(Field::Date).is_some());
    }

    #[test]
    fn duplicate_sources_add_no_support() {
        let mut a = report(S::Arrests, "كناكر", None);
        a.actor1 = Some("regime:military-intelligence".parse().unwrap());
        let mut b = a.clone();
        b.actor1 = Some("regime:air-force-intelligence".parse().unwrap());
        // b and its syndicated copy against a: the copy is the same source as b.
        let mut copy = stored(3, 21, b.clone());
        copy.root_document = 20;
        copy.duplicate_source = true;
        let cons = consolidate(&[stored(1, 10, a), stored(2, 20, b), copy]).unwrap();
        assert_eq!(
            cons.actor1.unwrap().key(),
            "regime:military-intelligence",
            "tie, first report wins"
        );
        assert!((cons.confidence - 0.99).abs() < 1e-6, "{}", cons.confidence);
        assert!(consolidate(&[]).is_none());
    }
}
