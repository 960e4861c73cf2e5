//! Event candidates: every trigger (and every weapon that states an attack on its own)
//! that modality lets through, with the weapon of its clause.

use std::ops::Range;

use rasd_core::{Span, SubEventType, Tag};
use rasd_text::AnalyzedText;

use crate::lexicon::{ModalityEffect, TriggerRole, WeaponClass};
use crate::recognize::{Hit, Mentions};
use crate::stats::{DropReason, Stats};

/// The weapon that decided a candidate's sub-type.
#[derive(Debug, Clone, PartialEq)]
pub struct WeaponUse {
    pub class: WeaponClass,
    pub span: Span,
    pub rule: String,
}

/// A trigger (or standalone weapon) that may become an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub para: usize,
    pub sentence: usize,
    /// Index into the paragraph's clauses.
    pub clause: usize,
    pub tokens: Range<usize>,
    pub span: Span,
    /// The sub-type as far as the trigger and weapon decide it; roles other than `Event`
    /// are settled once the actors are known.
    pub sub: SubEventType,
    pub role: TriggerRole,
    pub tags: Vec<Tag>,
    pub confidence: f32,
    pub rule: String,
    pub weapon: Option<WeaponUse>,
    /// An unconfirmed-report cue (أنباء عن) and its factor.
    pub unconfirmed: Option<(f32, Span, String)>,
    /// A background cue (يذكر أن).
    pub background: Option<(Span, String)>,
    /// Needs a named actor to be an event (lexicon `needs_actor`).
    pub needs_actor: bool,
    /// The trigger's subject is the target (lexicon `subject_is_target`).
    pub subject_is_target: bool,
}

/// The candidates of one paragraph.
/// A death toll this large in one sentence is a total over a period, not one incident.
const AGGREGATE_TOLL: u32 = 500;

pub fn candidates(
    para: usize,
    a: &AnalyzedText<'_>,
    m: &Mentions,
    stats: &mut Stats,
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let totals: Vec<usize> = m
        .casualties
        .iter()
        .filter(|k| {
            k.kind == crate::lexicon::CasualtyKind::Killed
                && k.value.is_some_and(|v| v >= AGGREGATE_TOLL)
        })
        .map(|k| k.sentence)
        .collect();
    let clause_of = |tok: usize| m.clauses.iter().position(|c| c.tokens.contains(&tok));
    for t in &m.triggers {
        let Some(clause) = clause_of(t.start()) else {
            continue;
        };
        if totals.contains(&a.tokens[t.start()].sentence) {
            stats.drop(DropReason::Aggregate);
            continue;
        }
        if purpose(a, t) {
            stats.drop(DropReason::NotEvent);
            continue;
        }
        let Some(c) = modal(t.start(), m, stats) else {
            continue;
        };
        let (unconfirmed, background) = c;
        // A weapon decides violent triggers only (قذائف الدبابات is not part of التفاوض).
        let violent = matches!(t.entry.role, TriggerRole::Attack | TriggerRole::Killing)
            || t.entry.sub_event_type.is_violent();
        let weapon = if violent {
            weapon_for(m, clause, t.start())
        } else {
            None
        };
        let mut sub = t.entry.sub_event_type;
        let mut tags = t.entry.tags.clone();
        if let Some(w) = &weapon {
            if let Some(wsub) = w.class.sub_event_type() {
                let explosive_event = t.entry.role == TriggerRole::Event
                    && sub.event_type() == rasd_core::EventType::ExplosionsRemoteViolence;
                if t.entry.role == TriggerRole::Attack
                    || t.entry.role == TriggerRole::Killing
                    || (explosive_event && w.class > class_of(sub))
                {
                    sub = wsub;
                }
            }
            if let Some(tag) = w.class.tag()
                && !tags.contains(&tag)
            {
                tags.push(tag);
            }
        }
        out.push(Candidate {
            para,
            sentence: a.tokens[t.start()].sentence,
            clause,
            tokens: t.tokens(),
            span: t.span(),
            sub,
            role: if weapon
                .as_ref()
                .is_some_and(|w| w.class != WeaponClass::Firearm)
                && matches!(t.entry.role, TriggerRole::Attack | TriggerRole::Killing)
            {
                TriggerRole::Event
            } else {
                t.entry.role
            },
            tags,
            confidence: t.entry.confidence,
            rule: format!("trigger:{}", t.rule),
            weapon,
            unconfirmed,
            background,
            needs_actor: t.entry.needs_actor,
            subject_is_target: t.entry.subject_is_target,
        });
    }
    // A weapon that states an attack by itself (براميل متفجرة على الزبداني) in a clause
    // without a trigger.
    for w in m.weapons.iter().filter(|w| w.entry.standalone) {
        let Some(clause) = clause_of(w.start()) else {
            continue;
        };
        let sentence = a.tokens[w.start()].sentence;
        if out.iter().any(|c| c.sentence == sentence) {
            continue;
        }
        let Some((unconfirmed, background)) = modal(w.start(), m, stats) else {
            continue;
        };
        let Some(sub) = w.entry.class.sub_event_type() else {
            continue;
        };
        let weapon = WeaponUse {
            class: w.entry.class,
            span: w.span(),
            rule: format!("weapon:{}", w.rule),
        };
        out.push(Candidate {
            para,
            sentence: a.tokens[w.start()].sentence,
            clause,
            tokens: w.tokens(),
            span: w.span(),
            sub,
            role: TriggerRole::Event,
            tags: w.entry.class.tag().into_iter().collect(),
            confidence: 0.7,
            rule: weapon.rule.clone(),
            weapon: Some(weapon),
            unconfirmed,
            background,
            needs_actor: false,
            subject_is_target: false,
        });
    }
    // A killing counts as an event only when nothing else in its sentence states one, and
    // only with a count (القتلى alone refers back to deaths told elsewhere).
    let sentences_with_events: Vec<usize> = out
        .iter()
        .filter(|c| c.role != TriggerRole::Killing)
        .map(|c| c.sentence)
        .collect();
    let counted: Vec<usize> = m
        .casualties
        .iter()
        .filter(|k| k.kind == crate::lexicon::CasualtyKind::Killed && k.value.is_some())
        .map(|k| k.sentence)
        .collect();
    out.retain(|c| {
        let keep = c.role != TriggerRole::Killing
            || (!sentences_with_events.contains(&c.sentence) && counted.contains(&c.sentence));
        if !keep {
            stats.drop(DropReason::KillingWithEvent);
        }
        keep
    });
    // Several triggers of one clause with one sub-type are one candidate.
    out.sort_by_key(|c| (c.clause, c.tokens.start));
    let mut merged: Vec<Candidate> = Vec::with_capacity(out.len());
    for c in out {
        if let Some(prev) = merged
            .iter_mut()
            .rev()
            .find(|p| p.clause == c.clause && p.sub == c.sub && p.role == c.role)
        {
            prev.confidence = prev.confidence.max(c.confidence);
            for t in c.tags {
                if !prev.tags.contains(&t) {
                    prev.tags.push(t);
                }
            }
            if prev.weapon.is_none() {
                prev.weapon = c.weapon;
            }
            stats.drop(DropReason::SameClause);
            continue;
        }
        merged.push(c);
    }
    merged
}

/// A verbal noun with the purpose ل (لاقتحام، لاستعادة، لاعتقال: "in order to …") states
/// an aim, not a deed — unless the ل follows تعرض ("was subjected to").
fn purpose(a: &AnalyzedText<'_>, t: &Hit<crate::lexicon::Trigger>) -> bool {
    // Only deeds are aimed at (لاقتحام), not agreements or states (خضعت لاتفاق).
    if !t.entry.sub_event_type.is_violent()
        && !matches!(
            t.entry.role,
            TriggerRole::Attack | TriggerRole::Territory | TriggerRole::Detention
        )
    {
        return false;
    }
    let key = a.key_at(t.start());
    let stems = rasd_text::stems(key);
    let lam = stems.iter().any(|s| {
        s.stripped.prep == Some(rasd_text::Prep::Li)
            && !s.stripped.article
            && s.key.starts_with('ا')
    });
    if !lam {
        return false;
    }
    let sentence = a.tokens[t.start()].sentence;
    let start = a.sentences[sentence].tokens.start;
    !(start..t.start()).any(|i| a.key_at(i).contains("تعرض"))
}

/// The class an explosive sub-type corresponds to (for comparing with a weapon).
fn class_of(sub: SubEventType) -> WeaponClass {
    match sub {
        SubEventType::ChemicalWeapon => WeaponClass::Chemical,
        SubEventType::SuicideBomb => WeaponClass::Suicide,
        SubEventType::AirDroneStrike => WeaponClass::Air,
        SubEventType::Grenade => WeaponClass::Grenade,
        SubEventType::RemoteExplosiveLandmineIed => WeaponClass::Ied,
        _ => WeaponClass::Shelling,
    }
}

type Modal = (Option<(f32, Span, String)>, Option<(Span, String)>);

/// Applies the modality ranges covering token `tok`: None when the mention is not an event.
fn modal(tok: usize, m: &Mentions, stats: &mut Stats) -> Option<Modal> {
    let mut unconfirmed: Option<(f32, Span, String)> = None;
    let mut background = None;
    for r in m.modality.iter().filter(|r| r.covers(tok)) {
        match r.effect {
            ModalityEffect::NotEvent => {
                tracing::debug!(cue = r.rule.as_str(), "dropped: not an event");
                stats.drop(DropReason::NotEvent);
                return None;
            }
            ModalityEffect::Aggregate => {
                tracing::debug!(cue = r.rule.as_str(), "dropped: aggregate");
                stats.drop(DropReason::Aggregate);
                return None;
            }
            ModalityEffect::Unconfirmed => {
                let f = unconfirmed
                    .as_ref()
                    .map_or(r.factor, |(f, ..)| f.min(r.factor));
                unconfirmed = Some((f, r.cue, r.rule.clone()));
            }
            ModalityEffect::Background => background = Some((r.cue, r.rule.clone())),
        }
    }
    Some((unconfirmed, background))
}

/// The strongest weapon in the trigger's clause, else in its sentence.
fn weapon_for(m: &Mentions, clause: usize, tok: usize) -> Option<WeaponUse> {
    let c = &m.clauses[clause];
    let best = |hits: &mut dyn Iterator<Item = &Hit<crate::lexicon::Weapon>>| {
        hits.max_by_key(|w| w.entry.class).map(|w| WeaponUse {
            class: w.entry.class,
            span: w.span(),
            rule: format!("weapon:{}", w.rule),
        })
    };
    best(&mut m.weapons.iter().filter(|w| c.tokens.contains(&w.start()))).or_else(|| {
        let sentence_clauses: Vec<&crate::recognize::Clause> = m
            .clauses
            .iter()
            .filter(|k| k.sentence == c.sentence)
            .collect();
        // Another attack in the sentence may own that weapon: then it is not ours.
        let other_attacks = m
            .triggers
            .iter()
            .filter(|t| t.entry.role == TriggerRole::Attack)
            .filter(|t| {
                sentence_clauses
                    .iter()
                    .any(|k| k.tokens.contains(&t.start()) && !k.tokens.contains(&tok))
            })
            .count();
        if other_attacks > 0 {
            return None;
        }
        best(&mut m.weapons.iter().filter(|w| {
            sentence_clauses
                .iter()
                .any(|k| k.tokens.contains(&w.start()))
        }))
    })
}
