//! A draft event: a candidate with its arguments, before in-article merging; and its
//! conversion into the [`Event`] record with evidence for every field.

use rasd_core::{Actor, Event, Evidence, Field, Span, SubEventType, Tag, TextPart};
use rasd_text::AnalyzedText;

use super::DocView;
use super::actors::ActorPick;
use super::candidates::Candidate;
use super::counts::{CountPick, Counts};
use super::dates::{DatePick, DateSource};
use super::place_pick::PlacePick;
use super::settle::default_actor1;

#[derive(Debug, Clone)]
pub struct Draft {
    pub sub: SubEventType,
    pub tags: Vec<Tag>,
    pub place: PlacePick,
    pub date: DatePick,
    pub actor1: Option<ActorPick>,
    pub actor2: Option<ActorPick>,
    /// Other victim groups named with actor2 (امرأتين مع طفلين: children beside women),
    /// ACLED's associated actors of the target; each with its evidence.
    pub assoc_victims: Vec<(Actor, Evidence)>,
    pub counts: Counts,
    pub background: bool,
    pub confidence: f32,
    pub notes: String,
    pub evidence: Vec<Evidence>,
    /// Reading position (paragraph, token) of the trigger, for output order.
    pub order: (usize, usize),
    /// (paragraph, sentence) of the trigger.
    pub sentence: (usize, usize),
    /// The sentence's number in the whole document.
    pub doc_sentence: usize,
    /// (paragraph, clause) of the trigger.
    pub clause: (usize, usize),
    /// The sub-type is only the trigger's default (an attack verb with no weapon, or a
    /// headline): a stated event of the same kind and place absorbs it.
    pub weak: bool,
    /// Stated only by a killing word (مقتل) without another trigger.
    pub killing: bool,
    /// Stated in the document's title (a headline may total several incidents).
    pub in_title: bool,
    /// The trigger is a definite noun (الاستهداف), which may refer back to an attack told
    /// before.
    pub definite_trigger: bool,
}

/// Longest note kept, in characters.
const NOTE_CHARS: usize = 400;

impl Draft {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        view: &DocView<'_, '_>,
        a: &AnalyzedText<'_>,
        c: &Candidate,
        place: PlacePick,
        date: DatePick,
        actor1: Option<ActorPick>,
        actor2: Option<ActorPick>,
        counts: Counts,
        background: bool,
    ) -> Draft {
        let part = view.parts[c.para];
        let sentence = &a.sentences[c.sentence];
        let mut ev = Vec::new();
        let e = |field: Field, span: Span, rule: String| {
            Evidence::new(field, span, a.span_text(span), rule).in_part(part)
        };
        ev.push(e(Field::Event, sentence.span, "sentence".into()));
        ev.push(e(Field::SubEventType, c.span, c.rule.clone()).with_confidence(c.confidence));
        if let Some(w) = &c.weapon {
            if w.span != c.span {
                ev.push(e(Field::SubEventType, w.span, w.rule.clone()));
            }
            if w.class.tag().is_some() {
                ev.push(e(Field::Tags, w.span, w.rule.clone()));
            }
        }
        if !c.tags.is_empty() && c.weapon.as_ref().is_none_or(|w| w.class.tag().is_none()) {
            ev.push(e(Field::Tags, c.span, c.rule.clone()));
        }
        let place_part = view.parts[place.para];
        let place_rule = match (
            &place.place.location.place_id,
            place.place.location.unresolved,
        ) {
            (Some(id), _) => format!("gazetteer:{id} via {}", place.via.as_str()),
            (None, true) => format!("place-cue via {}", place.via.as_str()),
            (None, false) => format!("context via {}", place.via.as_str()),
        };
        let place_text = view.paras[place.para].span_text(place.span).to_owned();
        ev.push(
            Evidence::new(Field::Location, place.span, place_text, place_rule)
                .in_part(place_part)
                .with_confidence(place.via.confidence()),
        );
        if let (Some(span), Some(kind)) = (date.span, date.kind) {
            let rule = match date.source {
                DateSource::Sentence => format!("date:{kind:?}"),
                other => format!("date:{kind:?} via {other:?}").to_lowercase(),
            };
            ev.push(
                Evidence::new(Field::Date, span, date.date.raw.clone(), rule).in_part(
                    if date.source == DateSource::Lead {
                        TextPart::Body
                    } else {
                        part
                    },
                ),
            );
        }
        for (field, p) in [(Field::Actor1, &actor1), (Field::Actor2, &actor2)] {
            if let Some(p) = p {
                ev.push(
                    e(field, p.span, p.rule.clone()).with_confidence(if p.generic {
                        0.6
                    } else {
                        0.9
                    }),
                );
            }
        }
        let count = |field: Field, p: &Option<CountPick>, ev: &mut Vec<Evidence>| {
            if let Some(p) = p {
                ev.push(e(field, p.span, p.rule.clone()).with_qualifier(p.qualifier));
            }
        };
        count(Field::Fatalities, &counts.fatalities, &mut ev);
        count(Field::Injured, &counts.injured, &mut ev);
        count(Field::Detained, &counts.detained, &mut ev);
        count(Field::Displaced, &counts.displaced, &mut ev);
        let mut confidence = c.confidence * place.via.confidence();
        if place.place.location.unresolved {
            confidence *= 0.9;
        }
        // "East Syria" is hardly a place: such events are shown only on request.
        if place.place.broad {
            confidence *= 0.6;
        }
        if let Some((factor, span, rule)) = &c.unconfirmed {
            confidence *= factor;
            ev.push(e(Field::Modality, *span, format!("unconfirmed:{rule}")));
        }
        if let Some((span, rule)) = &c.background {
            ev.push(e(Field::Modality, *span, format!("background:{rule}")));
        }
        let notes: String = a
            .span_text(sentence.span)
            .trim()
            .chars()
            .take(NOTE_CHARS)
            .collect();
        Draft {
            sub: c.sub,
            tags: c.tags.clone(),
            place,
            date,
            actor1,
            actor2,
            assoc_victims: Vec::new(),
            counts,
            background,
            confidence: confidence.clamp(0.0, 1.0),
            notes,
            evidence: ev,
            order: (c.para, c.tokens.start),
            sentence: (c.para, c.sentence),
            doc_sentence: view.sentence_offsets[c.para] + c.sentence,
            clause: (c.para, c.clause),
            killing: c.role == crate::lexicon::TriggerRole::Killing,
            in_title: part == TextPart::Title
                || (c.para == 0
                    && c.sentence == 0
                    && view.parts.first() == Some(&TextPart::Body)
                    && view.title_line),
            definite_trigger: rasd_text::stems(a.key_at(c.tokens.start))
                .iter()
                .any(|s| s.stripped.article),
            weak: (matches!(
                c.role,
                crate::lexicon::TriggerRole::Attack | crate::lexicon::TriggerRole::Killing
            ) && c.weapon.is_none())
                || part == TextPart::Title,
        }
    }

    pub fn into_event(self, view: &DocView<'_, '_>) -> Event {
        let mut evidence = self.evidence;
        let actor1: Option<Actor> = match self.actor1 {
            Some(p) => Some(p.actor),
            None => {
                let default = default_actor1(self.sub);
                // The default's evidence is the trigger that implies it.
                if let (Some(actor), Some(trigger)) = (
                    &default,
                    evidence
                        .iter()
                        .find(|e| e.field == Field::SubEventType)
                        .cloned(),
                ) {
                    evidence.push(
                        Evidence {
                            field: Field::Actor1,
                            rule: format!("actor:default {actor} (none named)"),
                            ..trigger
                        }
                        .with_confidence(0.3),
                    );
                }
                default
            }
        };
        let mut location = self.place.place.location;
        // The scorer and analysts both look a place up by any of its names.
        location.canonical_name = location
            .canonical_name
            .or_else(|| self.place.place.names.first().cloned());
        let actor2 = self.actor2.map(|p| p.actor);
        let mut assoc_actor2: Vec<Actor> = Vec::new();
        for (actor, e) in self.assoc_victims {
            if actor2.as_ref() != Some(&actor) && !assoc_actor2.contains(&actor) {
                evidence.push(e);
                assoc_actor2.push(actor);
            }
        }
        evidence.sort_by_key(|e| (e.field, e.start));
        evidence.dedup_by(|a, b| {
            a.field == b.field && a.start == b.start && a.end == b.end && a.part == b.part
        });
        let fatalities = self
            .counts
            .fatalities
            .as_ref()
            .map(|p| p.value)
            .filter(|_| self.sub.is_violent());
        Event {
            doc: view.doc_id.to_owned(),
            event_type: self.sub.event_type(),
            sub_event_type: self.sub,
            tags: self.tags,
            background: self.background,
            location,
            date: Some(self.date.date),
            actor1,
            actor2,
            assoc_actor1: Vec::new(),
            assoc_actor2,
            fatalities,
            fatalities_civilians: self.counts.civilians.filter(|_| fatalities.is_some()),
            injured: self.counts.injured.map(|p| p.value),
            detained: self.counts.detained.map(|p| p.value),
            displaced: self.counts.displaced.map(|p| p.value),
            confidence: (self.confidence * 100.0).round() / 100.0,
            notes: self.notes,
            evidence,
        }
    }
}
