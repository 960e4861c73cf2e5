//! Event assembly: candidates get their place, date, actors and counts; drafts of one
//! incident merge; what remains becomes [`rasd_core::Event`]s with evidence for every
//! field.

mod actors;
mod candidates;
mod counts;
mod dates;
mod draft;
mod merge;
mod place_pick;
mod places;
mod settle;

use chrono::NaiveDate;
use rasd_gazetteer::Gazetteer;
use rasd_text::AnalyzedText;

pub use actors::ActorPick;
pub use candidates::Candidate;
pub use dates::{DatePick, DateSource};
pub use draft::Draft;
pub use place_pick::{PlacePick, PlaceVia};
pub use places::{ResolvedPlace, resolve_places};

use crate::ExtractConfig;
use crate::recognize::Mentions;
use crate::stats::{DropReason, Stats};

/// Everything about one document the assembly needs.
#[derive(Debug)]
pub struct DocView<'d, 'a> {
    pub doc_id: &'d str,
    pub parts: &'d [rasd_core::TextPart],
    pub paras: &'d [AnalyzedText<'a>],
    pub mentions: &'d [Mentions],
    pub anchor: Option<NaiveDate>,
    pub publication: Option<NaiveDate>,
    /// The number of sentences before each paragraph.
    pub sentence_offsets: &'d [usize],
    /// The first paragraph of the body is the title line (plain-text files).
    pub title_line: bool,
}

/// A sentence of casualties with no event of its own (وأسفر الانفجار عن مقتل 6؛ دون
/// تسجيل أي خسائر بشرية) completes the violent event told in the sentence or two before it:
/// its figures fill what that event lacks.
fn attach_orphan_counts(view: &DocView<'_, '_>, drafts: &mut [Draft]) {
    let with_drafts: std::collections::HashSet<usize> =
        drafts.iter().map(|d| d.doc_sentence).collect();
    for (pi, m) in view.mentions.iter().enumerate() {
        for k in m
            .casualties
            .iter()
            .filter(|k| k.value.is_some() && !k.shared)
        {
            let s = view.sentence_offsets[pi] + k.sentence;
            if with_drafts.contains(&s)
                || m.modality.iter().any(|r| {
                    r.effect == crate::lexicon::ModalityEffect::Aggregate
                        && r.covers(k.tokens.start)
                })
            {
                continue;
            }
            // The latest violent event before it, preferring one at a specific place.
            let Some(d) = drafts
                .iter_mut()
                .filter(|d| d.sub.is_violent() && d.doc_sentence < s && s - d.doc_sentence <= 2)
                .max_by_key(|d| (!d.place.place.area, d.doc_sentence))
            else {
                continue;
            };
            let pick = counts::CountPick {
                value: k.value.unwrap_or(0),
                qualifier: k.qualifier,
                span: k.number.map_or(k.cue, |n| n.cover(k.cue)),
                rule: format!("casualty:{} (next sentence)", k.rule),
            };
            let field = match k.kind {
                crate::lexicon::CasualtyKind::Killed => rasd_core::Field::Fatalities,
                crate::lexicon::CasualtyKind::Injured => rasd_core::Field::Injured,
                crate::lexicon::CasualtyKind::NoCasualties => rasd_core::Field::Fatalities,
                _ => continue,
            };
            let mut filled = false;
            if k.kind == crate::lexicon::CasualtyKind::NoCasualties && d.counts.injured.is_none() {
                d.counts.injured = Some(pick.clone());
                filled = true;
            }
            let slot = if field == rasd_core::Field::Fatalities {
                &mut d.counts.fatalities
            } else {
                &mut d.counts.injured
            };
            if slot.is_none() {
                *slot = Some(pick.clone());
                filled = true;
            }
            if filled {
                let a = &view.paras[pi];
                d.evidence.push(
                    rasd_core::Evidence::new(field, pick.span, a.span_text(pick.span), pick.rule)
                        .in_part(view.parts[pi])
                        .with_qualifier(pick.qualifier),
                );
            }
        }
    }
}

/// A town or hamlet of little importance, named without a settlement cue.
fn minor_syrian_village(gaz: &Gazetteer, p: &PlacePick) -> bool {
    p.place.location.is_syria()
        && p.place
            .place
            .is_none_or(|i| gaz.place(i).importance() < 0.3)
}

/// A definite attack noun with no weapon of its own (الاستهداف الأول، الهجوم) refers back
/// to the attack the article just told: it takes that attack's sub-type.
fn inherit_weapons(drafts: &mut [Draft]) {
    let mut last_strong: Option<rasd_core::SubEventType> = None;
    for d in drafts.iter_mut() {
        if d.weak && d.definite_trigger {
            if let Some(sub) = last_strong
                .filter(|s| s.event_type() == rasd_core::EventType::ExplosionsRemoteViolence)
            {
                d.sub = sub;
                d.weak = false;
            }
        } else if !d.weak && d.sub.event_type() == rasd_core::EventType::ExplosionsRemoteViolence {
            last_strong = Some(d.sub);
        }
    }
}

/// An air strike whose sentence names no one was most likely flown by the state air force
/// the article named for the strike told before it.
fn borrow_air_agents(drafts: &mut [Draft]) {
    use rasd_core::{Field, SubEventType};
    let named: Vec<(usize, ActorPick, Option<rasd_core::Evidence>)> = drafts
        .iter()
        .filter(|d| d.sub == SubEventType::AirDroneStrike)
        .filter_map(|d| {
            // Only a state's air force flies the article's other strikes too.
            let p = d
                .actor1
                .as_ref()
                .filter(|p| !p.victim && !p.generic && actors::is_state(p.actor.kind))?;
            Some((
                d.doc_sentence,
                p.clone(),
                d.evidence
                    .iter()
                    .find(|e| e.field == Field::Actor1)
                    .cloned(),
            ))
        })
        .collect();
    for d in drafts
        .iter_mut()
        .filter(|d| d.sub == SubEventType::AirDroneStrike && d.actor1.is_none())
    {
        let at = d.doc_sentence;
        let source = named
            .iter()
            .filter(|(s, ..)| *s < at)
            .max_by_key(|(s, ..)| *s);
        let Some((_, pick, evidence)) = source else {
            continue;
        };
        let rule = format!("{} (the article's other air strike)", pick.rule);
        if let Some(e) = evidence {
            d.evidence.push(
                rasd_core::Evidence {
                    rule: rule.clone(),
                    ..e.clone()
                }
                .with_confidence(0.5),
            );
        }
        d.actor1 = Some(ActorPick {
            rule,
            strength: 0,
            ..pick.clone()
        });
    }
}

/// Assembles the events of a document.
pub fn assemble(
    view: &DocView<'_, '_>,
    gaz: &Gazetteer,
    cfg: &ExtractConfig,
    stats: &mut Stats,
) -> Vec<rasd_core::Event> {
    let resolved = resolve_places(gaz, view.paras, view.mentions);
    let index = place_pick::PlaceIndex::new(&resolved);
    let lead = dates::lead_date(view.mentions);
    // An article whose places are mostly abroad: a Syrian hamlet it names is more likely a
    // foreign homonym the gazetteer lacks (الشيحة east of Ramadi).
    let (foreign, total) = resolved
        .iter()
        .flatten()
        .filter(|r| r.place.is_some())
        .fold((0, 0), |(f, t), r| {
            (f + usize::from(!r.location.is_syria()), t + 1)
        });
    let foreign_article = total > 0 && foreign * 2 > total;
    let mut drafts: Vec<Draft> = Vec::new();
    let mut last_event: Option<PlacePick> = None;
    let mut previous_date: Option<DatePick> = None;
    for (pi, (a, m)) in view.paras.iter().zip(view.mentions).enumerate() {
        let carried = previous_date.take();
        if let Some(d) = dates::last_of(m) {
            previous_date = Some(d);
        } else {
            previous_date = carried.clone();
        }
        let cands = candidates::candidates(pi, a, m, stats);
        stats.candidates += cands.len();
        let mut prev_agent: Option<(usize, ActorPick)> = None;
        for c in &cands {
            let prev = prev_agent
                .as_ref()
                .filter(|(s, _)| *s + 1 == c.sentence)
                .map(|(_, p)| p);
            let (mut a1, mut a2) = actors::pick_actors(a, m, c, prev);
            if c.sub == rasd_core::SubEventType::Agreement {
                (a1, a2) = actors::agreement_parties(a, m, c);
            }
            if c.needs_actor && a1.is_none() && a2.is_none() {
                // e.g. an agreement between no one named: a business or policy deal.
                tracing::debug!(
                    doc = view.doc_id,
                    trigger = a.span_text(c.span),
                    "dropped: no actor named"
                );
                stats.drop(DropReason::NoParties);
                continue;
            }
            if let Some(p) = &a1 {
                prev_agent = Some((c.sentence, p.clone()));
            }
            let places = place_pick::pick_places(
                a,
                view.mentions,
                &index,
                c,
                a1.as_ref().map(|p| p.span),
                last_event.as_ref(),
            );
            if places.is_empty() {
                tracing::debug!(
                    doc = view.doc_id,
                    trigger = a.span_text(c.span),
                    "dropped: no place"
                );
                stats.drop(DropReason::NoPlace);
                continue;
            }
            let syrian_context = resolved[pi].iter().zip(&m.places).any(|(r, p)| {
                p.sentence == c.sentence && r.location.is_syria() && (r.area || r.context_only)
            });
            if foreign_article
                && !syrian_context
                && places.iter().all(|p| minor_syrian_village(gaz, p))
            {
                tracing::debug!(
                    doc = view.doc_id,
                    trigger = a.span_text(c.span),
                    "dropped: hamlet in a foreign article"
                );
                stats.drop(DropReason::OutsideSyria);
                continue;
            }
            let date = dates::pick_date(
                a,
                m,
                c,
                lead.as_ref(),
                carried.as_ref().filter(|_| pi > 0),
                view.publication,
            );
            let is_civilian = |k: &crate::recognize::CasualtyCount| {
                m.actors.iter().any(|h| {
                    h.entry.victim
                        && h.entry.actor.kind == rasd_core::ActorKind::Civilians
                        && h.start().abs_diff(k.tokens.end) <= 1
                })
            };
            let (sub, tags) = settle::settle(c, a1.as_ref(), a2.as_ref());
            let mut settled = c.clone();
            settled.sub = sub;
            settled.tags = tags;
            let counts = counts::counts_for(m, &cands, &settled, is_civilian);
            // A stated date decides; a background cue (يذكر أن) only when none is stated.
            let background = if date.stated() {
                dates::is_background(&date, view.anchor, cfg.background_days)
            } else {
                c.background.is_some()
            };
            if let Some(p) = places.first() {
                last_event = Some(p.clone());
            }
            // An agent whose attacks are air strikes decided the sub-type: nothing to inherit.
            let decided_by_agent = sub == rasd_core::SubEventType::AirDroneStrike && c.sub != sub;
            for place in places {
                tracing::debug!(
                    doc = view.doc_id,
                    trigger = a.span_text(c.span),
                    sub = %sub,
                    place = %place.place.location.name,
                    via = place.via.as_str(),
                    "draft"
                );
                let mut d = Draft::new(
                    view,
                    a,
                    &settled,
                    place,
                    date.clone(),
                    a1.clone(),
                    a2.clone(),
                    counts.clone(),
                    background,
                );
                d.assoc_victims = actors::other_victims(m, c, a2.as_ref())
                    .into_iter()
                    .map(|h| {
                        let e = rasd_core::Evidence::new(
                            rasd_core::Field::Actor2,
                            h.span(),
                            a.span_text(h.span()),
                            format!("associated actor:{}", h.rule),
                        )
                        .in_part(view.parts[c.para])
                        .with_confidence(0.8);
                        (h.entry.actor.clone(), e)
                    })
                    .collect();
                // An attack between two armed parties is a clash for sure, not a default.
                let armed = |p: &Option<ActorPick>| {
                    p.as_ref()
                        .is_some_and(|p| p.actor.kind.is_armed() && !p.victim)
                };
                let decided_clash =
                    sub == rasd_core::SubEventType::ArmedClash && armed(&a1) && armed(&a2);
                d.weak &= !decided_by_agent && !decided_clash;
                drafts.push(d);
            }
        }
    }
    attach_orphan_counts(view, &mut drafts);
    inherit_weapons(&mut drafts);
    let mut drafts = merge::merge_in_article(drafts, stats);
    borrow_air_agents(&mut drafts);
    let mut events = Vec::with_capacity(drafts.len());
    for d in drafts {
        if !cfg.include_foreign && !d.place.place.location.is_syria() {
            tracing::debug!(doc = view.doc_id, sub = %d.sub, place = %d.place.place.location.name, "dropped: outside Syria");
            stats.drop(DropReason::OutsideSyria);
            continue;
        }
        if d.confidence < cfg.min_confidence {
            tracing::debug!(doc = view.doc_id, sub = %d.sub, place = %d.place.place.location.name, confidence = d.confidence, "dropped: low confidence");
            stats.drop(DropReason::LowConfidence);
            continue;
        }
        events.push(d.into_event(view));
    }
    stats.events += events.len();
    events
}
