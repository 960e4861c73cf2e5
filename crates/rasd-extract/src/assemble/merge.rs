//! One event per incident inside an article (ACLED's unit: one sub-event type, one place,
//! one day, one pair of actors).
//!
//! 1. In one sentence at one place: secondary acts (seizing weapons, negotiating, a
//!    detention during a raid) join the main event; explosions (or battles) of one
//!    sentence are one event with ACLED's highest-precedence sub-type.
//! 2. In the article: the same sub-type at the same place on the same day is one event;
//!    states that last (sieges, curfews, build-ups) are one whatever the day; a draft
//!    without a stated date joins a dated one; a draft whose sub-type is only a default
//!    (an attack verb without a weapon, a headline) joins a stated event of the same kind
//!    at the same place; a vague place (a governorate, a region, "east Syria") joins a
//!    specific event of the same kind inside it.

use chrono::Datelike;
use rasd_core::{EventType, SubEventType, Tag};

use rasd_core::Field;

use super::ActorPick;
use super::counts::Counts;
use super::dates::DateSource;
use super::draft::Draft;
use crate::stats::{DropReason, Stats};

fn durative(d: &Draft) -> bool {
    d.sub == SubEventType::ChangeToGroupActivity
        || (d.sub == SubEventType::Other
            && d.tags.iter().any(|t| {
                matches!(
                    t,
                    Tag::Siege | Tag::Blockade | Tag::WaterCut | Tag::Displacement | Tag::Curfew
                )
            }))
}

/// Acts that accompany a main event rather than stand alone.
fn secondary(d: &Draft) -> bool {
    matches!(
        d.sub,
        SubEventType::DisruptedWeaponsUse
            | SubEventType::LootingPropertyDestruction
            | SubEventType::HeadquartersOrBaseEstablished
    ) || (d.sub == SubEventType::Other
        && d.tags
            .iter()
            .all(|t| matches!(t, Tag::Negotiation | Tag::Release)))
        || (d.sub == SubEventType::AbductionForcedDisappearance
            && d.tags.contains(&Tag::HostageTaking))
}

fn day_key(d: &Draft) -> String {
    let e = &d.date.date;
    match (e.value, e.relative_days) {
        (Some(v), _) => v.to_string(),
        (None, Some(r)) => format!("r{r}"),
        _ => format!("{:?}-{:?}-{:?}", e.year, e.month, e.day),
    }
}

fn same_day(a: &Draft, b: &Draft) -> bool {
    // A draft dated only by the article's lead or publication day (the news of the day)
    // is not the incident another sentence dates days earlier (يوم الجمعة الماضي).
    let by_lead = |d: &Draft| {
        matches!(d.date.source, DateSource::Lead | DateSource::Publication) && !d.in_title
    };
    if (by_lead(a) && b.date.stated() || by_lead(b) && a.date.stated())
        && let (Some(x), Some(y)) = (a.date.date.value, b.date.date.value)
    {
        return (x - y).num_days().abs() <= 1;
    }
    if !a.date.stated() || !b.date.stated() || day_key(a) == day_key(b) {
        return true;
    }
    // A week (الأسبوع الماضي) holds the days around it.
    let week = |d: &Draft| d.date.date.precision == rasd_core::TimePrecision::Week;
    if week(a) || week(b) {
        let day = |d: &Draft| {
            d.date.date.value.map(|v| v.num_days_from_ce() as i64).or(d
                .date
                .date
                .relative_days
                .map(i64::from))
        };
        if let (Some(x), Some(y)) = (day(a), day(b)) {
            return (x - y).abs() <= 7;
        }
    }
    false
}

fn same_place(a: &Draft, b: &Draft) -> bool {
    a.place.place.merge_key == b.place.place.merge_key
}

/// A place that only names an area (a governorate, a countryside, a country's east).
fn vague(d: &Draft) -> bool {
    d.place.place.area
}

/// `outer` is a vague place that contains `inner`'s place: a governorate or region with
/// the same admin1, or a country-wide area. A headline-like draft at a city named like its
/// governorate (درعا) counts as the governorate.
fn contains(outer: &Draft, inner: &Draft) -> bool {
    let o = &outer.place.place;
    let as_area = vague(outer) || (outer.weak && o.governorate_named);
    if !as_area || vague(inner) || same_place(outer, inner) {
        return false;
    }
    match (&o.location.admin1, &inner.place.place.location.admin1) {
        _ if o.broad => o.location.country == inner.place.place.location.country,
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

fn family(sub: SubEventType) -> EventType {
    sub.event_type()
}

/// Whether `b` should merge into `a` (or the other way round).
fn same_incident(a: &Draft, b: &Draft) -> bool {
    if a.background != b.background {
        return false;
    }
    // A killing told right after the incident it belongs to (… إضافة لمقتل أحد عناصر).
    let follows = |k: &Draft, e: &Draft| {
        k.killing && !k.date.stated() && e.sub.is_violent() && k.doc_sentence == e.doc_sentence + 1
    };
    if follows(a, b) || follows(b, a) {
        return true;
    }
    let same_sentence = a.sentence == b.sentence;
    if same_sentence && same_place(a, b) && same_day(a, b) {
        if (secondary(a) || secondary(b))
            && a.clause.0 == b.clause.0
            && a.clause.1.abs_diff(b.clause.1) <= 1
        {
            return true;
        }
        let fa = family(a.sub);
        if fa == family(b.sub)
            && matches!(fa, EventType::ExplosionsRemoteViolence | EventType::Battles)
        {
            return true;
        }
    }
    // Attacks told without a weapon may be any armed attack, but not an abduction.
    let violent = |s: SubEventType| {
        s.is_violent()
            && !matches!(
                s,
                SubEventType::AbductionForcedDisappearance | SubEventType::SexualViolence
            )
    };
    let kind_fits = a.sub == b.sub
        || ((a.weak || b.weak) && violent(a.sub) && violent(b.sub))
        || ((a.weak || b.weak)
            && family(a.sub) == family(b.sub)
            && family(a.sub) != EventType::StrategicDevelopments);
    if !kind_fits {
        return false;
    }
    if same_place(a, b) {
        return durative(a) || same_day(a, b);
    }
    (contains(a, b) || contains(b, a)) && same_day(a, b)
}

pub fn merge_in_article(drafts: Vec<Draft>, stats: &mut Stats) -> Vec<Draft> {
    // Strong, specific, dated drafts first, so that the others join them.
    let mut drafts = drafts;
    drafts.sort_by_key(|d| (d.weak || d.killing, vague(d), !d.date.stated(), d.order));
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts {
        // Of the events it may belong to, the one of its own sub-type and place.
        let best = out
            .iter()
            .enumerate()
            .filter(|(_, o)| same_incident(o, &d))
            .max_by_key(|(i, o)| (o.sub == d.sub, same_place(o, &d), std::cmp::Reverse(*i)))
            .map(|(i, _)| i);
        match best.map(|i| &mut out[i]) {
            Some(o) => {
                tracing::debug!(into = %o.sub, at = %o.place.place.location.name, merged = %d.sub, from = %d.place.place.location.name, "merged in article");
                absorb(o, d);
                stats.drop(DropReason::MergedInArticle);
            }
            None => out.push(d),
        }
    }
    out.sort_by_key(|d| d.order);
    out
}

/// Whether `y` (of a draft being absorbed) should replace `x` (of the draft absorbing it).
/// `other` is the absorbing draft's actor in the other role: an actor never replaces one
/// to become its own counterpart (regime → regime); an empty role takes it only when it is
/// read more firmly than the counterpart, which then gives way.
fn better_actor(
    x: Option<&ActorPick>,
    x_killing: bool,
    y: Option<&ActorPick>,
    y_killing: bool,
    other: Option<&ActorPick>,
) -> bool {
    if let (Some(b), Some(o)) = (y, other)
        && b.actor.kind == o.actor.kind
        && (x.is_some() || o.strength >= b.strength)
    {
        return false;
    }
    match (x, y) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) if a.actor.kind == b.actor.kind => {
            a.actor.unit.is_none() && b.actor.unit.is_some()
        }
        (Some(a), Some(b)) if a.generic != b.generic => a.generic,
        // A different named actor wins only over one carried from another sentence or
        // given by a killing mention, and only when it is itself read from its clause.
        (Some(a), Some(b)) => {
            let weak = a.strength == 0 || (x_killing && !y_killing);
            weak && b.strength >= 2 && (!y_killing || x_killing)
        }
        _ => false,
    }
}

fn absorb(into: &mut Draft, mut d: Draft) {
    let d_first = d.order < into.order;
    // Sub-type: a stated one over a default; within a family ACLED's precedence; a main
    // event over a secondary act.
    if (into.weak
        && !d.weak
        && (family(into.sub) == family(d.sub) || (into.sub.is_violent() && d.sub.is_violent())))
        || (secondary(into) && !secondary(&d))
        || (family(into.sub) == family(d.sub)
            && !d.weak
            && d.sub.precedence() < into.sub.precedence())
    {
        into.sub = d.sub;
        into.weak = false;
    }
    if secondary(&d) && d.sub == SubEventType::AbductionForcedDisappearance {
        push(&mut into.tags, Tag::HostageTaking);
    }
    // Place: the specific one.
    if vague(into) && !vague(&d) {
        into.place = d.place.clone();
    }
    // Date: a state reported on several days keeps the latest; otherwise a stated date
    // over an inherited one.
    if durative(into) && d.date.stated() && into.date.stated() {
        let later = match (d.date.date.value, into.date.date.value) {
            (Some(x), Some(y)) => x > y,
            _ => {
                d.date.date.relative_days.unwrap_or(i32::MIN)
                    > into.date.date.relative_days.unwrap_or(i32::MIN)
            }
        };
        if later {
            into.date = d.date.clone();
        }
    } else if (!into.date.stated() && d.date.stated())
        || (d.date.stated() && d.date.date.precision < into.date.date.precision)
    {
        into.date = d.date.clone();
    }
    for t in &d.tags {
        push(&mut into.tags, *t);
    }
    for v in &d.assoc_victims {
        if !into.assoc_victims.iter().any(|(a, _)| *a == v.0) {
            into.assoc_victims.push(v.clone());
        }
    }
    // Actors: a stated one over one read from position, one named by the incident's own
    // trigger over one a killing mention gives, a named group over a generic word, a unit
    // over its force. The evidence keeps to the actor chosen.
    let mut taken = false;
    for field in [Field::Actor1, Field::Actor2] {
        let (mine, theirs, other) = match field {
            Field::Actor1 => (&mut into.actor1, &d.actor1, &into.actor2),
            _ => (&mut into.actor2, &d.actor2, &into.actor1),
        };
        let other = other.clone();
        let take = better_actor(
            mine.as_ref(),
            into.killing,
            theirs.as_ref(),
            d.killing,
            other.as_ref(),
        );
        let same_kind =
            matches!((&*mine, theirs), (Some(a), Some(b)) if a.actor.kind == b.actor.kind);
        if take {
            taken = true;
            *mine = theirs.clone();
            if !same_kind {
                into.evidence.retain(|e| e.field != field);
            }
        } else if !same_kind {
            d.evidence.retain(|e| e.field != field);
        }
    }
    // One force on both sides (the absorbed draft named it as the other role): it is the
    // actor1 of the incident, not its own target.
    if let (true, Some(a1), Some(a2)) = (taken, &into.actor1, &into.actor2)
        && a1.actor.kind == a2.actor.kind
        && !a1.generic
    {
        into.actor2 = None;
        into.evidence.retain(|e| e.field != Field::Actor2);
    }
    if d.killing && into.sub.is_violent() && !into.killing {
        // Deaths told apart from the incident add to its toll.
        if let Some(k) = &d.counts.fatalities {
            match &mut into.counts.fatalities {
                Some(f) => f.value += k.value,
                None => into.counts.fatalities = Some(k.clone()),
            }
        }
        into.confidence = into.confidence.max(d.confidence);
        into.evidence.extend(d.evidence);
        return;
    }
    // A headline or a vague telling may total several incidents: its figures only fill
    // what the specific event lacks, never replace what it states.
    if vague(&d) || d.in_title {
        fill_counts(&mut into.counts, &d.counts);
    } else {
        merge_counts(&mut into.counts, &d.counts, d_first);
    }
    if d_first && !vague(&d) {
        into.notes = d.notes.clone();
        into.order = d.order;
    }
    into.background = into.background && d.background;
    into.confidence = into.confidence.max(d.confidence);
    into.evidence.extend(d.evidence);
}

fn push(tags: &mut Vec<Tag>, t: Tag) {
    if !tags.contains(&t) {
        tags.push(t);
    }
}

fn fill_counts(into: &mut Counts, other: &Counts) {
    let fill = |a: &mut Option<super::counts::CountPick>, b: &Option<super::counts::CountPick>| {
        if a.is_none() {
            a.clone_from(b);
        }
    };
    fill(&mut into.fatalities, &other.fatalities);
    fill(&mut into.injured, &other.injured);
    fill(&mut into.detained, &other.detained);
    fill(&mut into.displaced, &other.displaced);
    if into.civilians.is_none() {
        into.civilians = other.civilians;
    }
}

fn merge_counts(into: &mut Counts, other: &Counts, other_first: bool) {
    // An exact figure beats a vague one (عشرات); otherwise the earlier mention's.
    let vague = |p: &super::counts::CountPick| p.qualifier == Some(rasd_core::Qualifier::Vague);
    let pick = |a: &mut Option<super::counts::CountPick>, b: &Option<super::counts::CountPick>| {
        let Some(bv) = b else { return };
        let take = match a {
            None => true,
            Some(av) => (vague(av) && !vague(bv)) || (other_first && vague(av) == vague(bv)),
        };
        if take {
            *a = b.clone();
        }
    };
    pick(&mut into.fatalities, &other.fatalities);
    pick(&mut into.injured, &other.injured);
    pick(&mut into.detained, &other.detained);
    pick(&mut into.displaced, &other.displaced);
    if other.civilians.is_some() && (into.civilians.is_none() || other_first) {
        into.civilians = other.civilians;
    }
}
