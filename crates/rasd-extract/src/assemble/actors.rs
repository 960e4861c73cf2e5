//! Who did it and to whom: actor1 (the agent) and actor2 (the target or victim) of a
//! candidate, from the actor mentions of its sentence.

use rasd_core::{Actor, ActorKind, Span};
use rasd_text::AnalyzedText;

use super::candidates::Candidate;
use crate::lexicon::ActorEntry;
use crate::recognize::{Hit, Mentions};

/// An actor chosen for an event, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorPick {
    pub actor: Actor,
    pub span: Span,
    pub rule: String,
    pub generic: bool,
    pub victim: bool,
    pub air_power: bool,
    /// How surely the text makes it this role: 3 stated (من قبل، a nationality adjective
    /// of the trigger, the subject inside the trigger), 2 by position in the trigger's
    /// clause, 1 elsewhere in the sentence, 0 carried from elsewhere.
    pub strength: u8,
}

impl ActorPick {
    fn from_hit(h: &Hit<ActorEntry>) -> Self {
        ActorPick {
            actor: h.entry.actor.clone(),
            span: h.span(),
            rule: format!("actor:{}", h.rule),
            generic: h.entry.generic,
            victim: h.entry.victim,
            air_power: h.entry.air_power,
            strength: 1,
        }
    }

    fn ranked(score: i64, h: &Hit<ActorEntry>) -> Self {
        let strength = match score {
            ..-20 => 3,
            -20..20 => 2,
            _ => 1,
        };
        ActorPick {
            strength,
            ..ActorPick::from_hit(h)
        }
    }
}

/// Words right before an actor that make it the target (على، ضد، مواقع، مقر…).
const TARGET_MARKERS: &[&str] = &[
    "علي",
    "ضد",
    "مواقع",
    "موقع",
    "مقر",
    "مقرات",
    "مقار",
    "قاعده",
    "قواعد",
    "نقاط",
    "نقطه",
    "حاجز",
    "حواجز",
    "تمركزات",
    "صفوف",
    "عناصر",
    "عنصرا",
    "ارتال",
    "رتل",
    "سياره",
    "سيارات",
    "دوريه",
    "تجمعات",
    "تجمع",
    "معسكرات",
    "مخازن",
    "من",
    "بين",
    "قيادي",
    "قياديا",
    "مقاتلي",
    "مسلحي",
    "افراد",
    "جنود",
    "ضابطا",
    "مستودعات",
    "اهداف",
    "قافله",
    "ثكنه",
    "منشاتين",
    "لصالح",
    "استهداف",
    "قتلي",
    "جرحي",
    "مع",
];

/// Words before an actor that make it a supporter of the agent (مدعومة ب، بمساندة).
const SUPPORT_MARKERS: &[&str] = &[
    "مدعومه",
    "مدعوما",
    "مدعومين",
    "مدعوم",
    "دعم",
    "مسانده",
    "مشاركه",
    "غطاء",
    "تعاون",
    "تنسيق",
];

/// Words right before an actor that make it the agent (من قبل، بنيران، نفذها…).
const AGENT_MARKERS: &[&str] = &[
    "قبل",
    "بنيران",
    "نيران",
    "برصاص",
    "بواسطه",
    "نفذها",
    "نفذه",
    "شنها",
    "شنه",
    "اطلقتها",
    "نفذتها",
    "شنتها",
];

/// Picks actor1 and actor2 for a candidate.
pub fn pick_actors(
    a: &AnalyzedText<'_>,
    m: &Mentions,
    c: &Candidate,
    prev_sentence_agent: Option<&ActorPick>,
) -> (Option<ActorPick>, Option<ActorPick>) {
    let sentence = &a.sentences[c.sentence];
    let in_sentence: Vec<&Hit<ActorEntry>> = m
        .actors
        .iter()
        .filter(|h| sentence.tokens.contains(&h.start()))
        .collect();
    let clause = &m.clauses[c.clause];
    // The subject of تعرضت … لقصف or تصدى … لهجوم is the target; the attacker follows.
    let passive = c.subject_is_target || passive_verb_before(a, sentence.tokens.start, c);
    let mut agents: Vec<(i64, &Hit<ActorEntry>)> = Vec::new();
    let mut targets: Vec<(i64, &Hit<ActorEntry>)> = Vec::new();
    // "اشتباكات بين X و Y": X against Y.
    let between = (clause.tokens.start..clause.tokens.end)
        .find(|&i| a.key_at(i) == "بين" && i >= c.tokens.start);
    // The subject of a reporting verb (أخبر الوفد بأن …) stands before a complementizer
    // that opens the reported clause holding the trigger.
    let complementizer = (sentence.tokens.start..c.tokens.start).rev().find(|&i| {
        matches!(
            a.key_at(i),
            "ان" | "بان" | "فان" | "انه" | "بانه" | "لان" | "وان"
        )
    });
    for h in &in_sentence {
        let pos = h.start();
        let before = pos < c.tokens.start;
        if before && complementizer.is_some_and(|k| pos < k) {
            continue;
        }
        let dist = if before {
            (c.tokens.start - h.m.tokens.end) as i64
        } else {
            pos.saturating_sub(c.tokens.end) as i64
        };
        let same_clause = clause.tokens.contains(&pos);
        let score = dist + if same_clause { 0 } else { 20 };
        let prev_key = prev_word(a, pos);
        let with_lam = rasd_text::stems(a.key_at(pos))
            .iter()
            .any(|s| s.stripped.prep == Some(rasd_text::Prep::Li));
        // Victims and things (a base) are targets; so is whoever a casualty word counts
        // (استشهاد مستشار إيراني في غارة، مقتل 3 جنود).
        // Not the subject of the trigger verb itself (اعتقلت قوات النظام خمسة شبان).
        let counted = m.casualties.iter().any(|k| {
            !k.none
                && k.sentence == c.sentence
                && pos >= k.tokens.end
                && pos <= k.tokens.end + 1
                && !(k.value.is_none()
                    && k.cue_tokens.start == c.tokens.start
                    && looks_verbal(a, c))
        });
        if h.entry.victim || h.entry.target_only || counted {
            targets.push((score, h));
            continue;
        }
        // "الطيران المروحي التابع لنظام الأسد": the owner of an instrument is the agent.
        if owner_of_weapon(a, m, pos) {
            agents.push((score - 100, h));
            continue;
        }
        // The subject inside a gapped trigger (استعادت قوات النظام السيطرة) is its agent
        // (its target when the trigger is passive: تعرضت القاعدة الأميركية لقصف).
        if c.tokens.contains(&pos) {
            if passive {
                targets.push((-50, h))
            } else {
                agents.push((-50, h))
            }
            continue;
        }
        // A nationality adjective: after an attack word or weapon it names the attacker
        // (غارات أميركية)، after another one a partner (أميركية وإسرائيلية), and after a
        // target noun the target (شاحنات إيرانية).
        if h.entry.nisba {
            match nisba_role(a, m, h) {
                // Stated for this event only when it qualifies its trigger or a weapon of
                // its clause.
                NisbaRole::Attacker
                    if pos <= c.tokens.end + 1 && pos >= c.tokens.end || same_clause =>
                {
                    agents.push((score - 100, h))
                }
                NisbaRole::Attacker => agents.push((score, h)),
                NisbaRole::Partner => {}
                NisbaRole::Target => targets.push((score, h)),
            }
            continue;
        }
        if let Some(b) = between
            && pos > b
        {
            let first_after_between = !in_sentence
                .iter()
                .any(|o| o.start() > b && o.start() < pos && !o.entry.victim);
            if first_after_between {
                agents.push((score, h))
            } else {
                targets.push((score, h))
            }
            continue;
        }
        // "قوات النظام مدعومة بمسلحين موالين": the supporters are associates, not the agent.
        if SUPPORT_MARKERS.contains(&prev_key.as_str())
            || SUPPORT_MARKERS.contains(&prev_word(a, pos.saturating_sub(1)).as_str())
        {
            continue;
        }
        let marked_target = TARGET_MARKERS.contains(&prev_key.as_str());
        // An agent marker after the trigger belongs to it close by, or further on when
        // only the trigger's own complements stand between (اعتقال امرأتين مع طفلين من
        // داخل دمشق من قبل فرع فلسطين); after a time connective or another event word it
        // names the agent of something else (تفجير نفسه … بعد محاصرته من قبل X).
        let marked_agent = (AGENT_MARKERS.contains(&prev_key.as_str())
            || by_agent_phrase(a, clause.tokens.start, pos))
            && (before
                || dist <= 3
                || (same_clause && dist <= 10 && own_complements(a, m, c.tokens.end, pos)));
        if (AGENT_MARKERS.contains(&prev_key.as_str())
            || by_agent_phrase(a, clause.tokens.start, pos))
            && !marked_agent
        {
            continue;
        }
        // "غارات للجيشين"، "هجوم عنيف لمسلحي" (the trigger's own لـ) is the agent;
        // "حاجزا لقوات" the target.
        let lam_on_trigger = with_lam
            && !TARGET_MARKERS.contains(&prev_key.as_str())
            && (pos == c.tokens.end
                || (pos == c.tokens.end + 1
                    && !looks_verbal(a, c)
                    && a.tokens[c.tokens.end].is_word()));
        // A nationality adjective right after the trigger noun (العدوان الإسرائيلي، غارات
        // أميركية) names the agent.
        let after_trigger = pos == c.tokens.end
            || m.triggers
                .iter()
                .any(|t| t.m.tokens.end == pos && clause.tokens.contains(&t.start()));
        let nisba = after_trigger && !with_lam && h.m.tokens.len() == 1 && {
            let k = a.key_at(pos);
            k.ends_with('ي') || k.ends_with("يه")
        };
        if passive && !before && !marked_target {
            // تعرضت القاعدة لقصف من قبل X، تصدى الجيش لهجوم لمسلحي X: X attacked.
            agents.push((if marked_agent { score - 100 } else { score }, h));
        } else if passive && before {
            targets.push((score, h));
        } else if marked_agent || lam_on_trigger || nisba {
            // An explicit agent phrase (من قبل، بنيران) outranks mere position.
            agents.push((if marked_agent { score - 100 } else { score }, h));
        } else if marked_target || (with_lam && !lam_on_trigger) {
            targets.push((score, h));
        } else if before != passive {
            agents.push((score, h));
        } else if !before && pos == c.tokens.end && !passive && looks_verbal(a, c) {
            // VSO: the subject right after a verb (قصفت الطائرات التركية …).
            agents.push((score, h));
        } else {
            targets.push((score, h));
        }
    }
    let rank = |v: &mut Vec<(i64, &Hit<ActorEntry>)>| {
        v.sort_by_key(|(s, h)| (*s + if h.entry.generic { 6 } else { 0 }, h.start()));
    };
    rank(&mut agents);
    rank(&mut targets);
    let actor1 = agents
        .first()
        .map(|(s, h)| ActorPick::ranked(*s, h))
        .or_else(|| {
            prev_sentence_agent
                .filter(|p| !p.victim)
                .map(|p| ActorPick {
                    strength: 0,
                    ..p.clone()
                })
        });
    let actor2 = targets
        .iter()
        .map(|(s, h)| ActorPick::ranked(*s, h))
        .find(|p| {
            actor1
                .as_ref()
                .is_none_or(|a1| a1.actor.kind != p.actor.kind || p.victim)
        });
    (actor1, actor2)
}

/// The other victim groups named in the clause of a candidate whose target is a victim
/// group (امرأتين مع طفلين: the children beside the women).
pub fn other_victims<'m>(
    m: &'m Mentions,
    c: &Candidate,
    actor2: Option<&ActorPick>,
) -> Vec<&'m Hit<ActorEntry>> {
    let Some(a2) = actor2.filter(|p| p.victim && p.actor.unit.is_some()) else {
        return vec![];
    };
    let clause = &m.clauses[c.clause];
    m.actors
        .iter()
        .filter(|h| {
            h.entry.victim
                && h.entry.actor.kind == ActorKind::Civilians
                && h.entry.actor.unit.is_some()
                && h.entry.actor != a2.actor
                && clause.tokens.contains(&h.start())
        })
        .collect()
}

/// Verbs whose subject suffers what the لـ-noun after them names (تعرضت القاعدة، في
/// حقل العمر، لقصف): when the lexicon's gapped pattern cannot reach across commas.
const PASSIVE_VERBS: &[&str] = &["تعرض", "تتعرض", "يتعرض"];

fn passive_verb_before(a: &AnalyzedText<'_>, sentence_start: usize, c: &Candidate) -> bool {
    let with_lam = rasd_text::stems(a.key_at(c.tokens.start))
        .iter()
        .any(|s| s.stripped.prep == Some(rasd_text::Prep::Li));
    with_lam
        && (sentence_start.max(c.tokens.start.saturating_sub(12))..c.tokens.start)
            .any(|i| PASSIVE_VERBS.iter().any(|v| a.key_at(i).starts_with(v)))
}

/// Words that tie a thing to its owner (التابع لـ).
const OWNER_WORDS: &[&str] = &["التابع", "التابعه", "تابع", "تابعه", "التابعين", "تابعين"];

/// Whether the actor at `pos` owns a weapon: "<weapon> التابع لـ<actor>".
fn owner_of_weapon(a: &AnalyzedText<'_>, m: &Mentions, pos: usize) -> bool {
    pos >= 2
        && OWNER_WORDS.contains(&a.key_at(pos - 1))
        && m.weapons.iter().any(|w| w.m.tokens.end == pos - 1)
}

/// What a nationality adjective says about its actor.
enum NisbaRole {
    Attacker,
    Partner,
    Target,
}

fn nisba_role(a: &AnalyzedText<'_>, m: &Mentions, h: &Hit<ActorEntry>) -> NisbaRole {
    let pos = h.start();
    // The word before, skipping a punctuation mark (سورية - روسية).
    let before = if pos > 1 && !a.tokens[pos - 1].is_word() {
        pos - 1
    } else {
        pos
    };
    let ends_at = |end: usize| end == pos || end == before;
    if m.actors
        .iter()
        .any(|o| o.entry.nisba && ends_at(o.m.tokens.end))
    {
        NisbaRole::Partner
    } else if m.triggers.iter().any(|t| ends_at(t.m.tokens.end))
        || m.weapons.iter().any(|w| ends_at(w.m.tokens.end))
    {
        NisbaRole::Attacker
    } else {
        NisbaRole::Target
    }
}

/// Words that open a new situation: an agent phrase after one of them is not the
/// trigger's (بعد محاصرته من قبل X).
const TIME_CONNECTIVES: &[&str] = &[
    "بعد",
    "عقب",
    "اثناء",
    "خلال",
    "حين",
    "حينما",
    "عندما",
    "بينما",
    "اثر",
    "لدي",
    "قبيل",
];

/// Whether the tokens `from..to` after a trigger are only its complements: no time
/// connective and no other event word.
fn own_complements(a: &AnalyzedText<'_>, m: &Mentions, from: usize, to: usize) -> bool {
    let connective = (from..to).any(|i| {
        rasd_text::stems(a.key_at(i))
            .iter()
            .any(|s| TIME_CONNECTIVES.contains(&s.key.as_ref()))
    });
    let trigger = m
        .triggers
        .iter()
        .any(|t| t.start() >= from && t.start() < to);
    !connective && !trigger
}

/// Whether `من قبل` opens the phrase the actor at `pos` ends (من قبل حاجز طيار تابع لفرع
/// المخابرات الجوية): within five words before it, in the clause.
fn by_agent_phrase(a: &AnalyzedText<'_>, clause_start: usize, pos: usize) -> bool {
    (pos.saturating_sub(5).max(clause_start + 1)..pos)
        .any(|i| a.key_at(i) == "قبل" && a.key_at(i - 1) == "من")
}

/// The key of the word before token `pos` (its last stem, without proclitics).
fn prev_word(a: &AnalyzedText<'_>, pos: usize) -> String {
    let Some(i) = pos.checked_sub(1) else {
        return String::new();
    };
    let key = a.key_at(i);
    rasd_text::stems(key)
        .last()
        .map_or_else(String::new, |s| s.key.to_string())
}

/// Whether the trigger reads as a verb (no article, not a verbal noun pattern).
fn looks_verbal(a: &AnalyzedText<'_>, c: &Candidate) -> bool {
    let key = a.key_at(c.tokens.start);
    let has_article = rasd_text::stems(key).iter().any(|s| s.stripped.article);
    !has_article && !key.ends_with("ات") && !derived_verbal_noun(key)
}

/// Whether a word of the derived forms VIII and X is their verbal noun (اعتقال، استهداف),
/// not a verb (اعتقلت، استهدفوا): the noun has a long ا before its last letter.
fn derived_verbal_noun(key: &str) -> bool {
    let Some(rest) = key.strip_prefix("است").or_else(|| key.strip_prefix("اعت")) else {
        return false;
    };
    let rest = rest.strip_suffix("وا").unwrap_or(rest);
    rest.contains('ا')
}

/// The parties of an agreement: everyone named in the paragraph up to the end of the
/// trigger's sentence; the government side first, the notables (or the other party)
/// second.
pub fn agreement_parties(
    a: &AnalyzedText<'_>,
    m: &Mentions,
    c: &Candidate,
) -> (Option<ActorPick>, Option<ActorPick>) {
    let end = a.sentences[c.sentence].tokens.end;
    let named: Vec<&Hit<ActorEntry>> = m
        .actors
        .iter()
        .filter(|h| h.start() < end && !h.entry.victim)
        .collect();
    let nearest = |f: &dyn Fn(&Hit<ActorEntry>) -> bool| {
        named
            .iter()
            .filter(|h| f(h))
            .min_by_key(|h| h.start().abs_diff(c.tokens.start))
            .map(|h| ActorPick::from_hit(h))
    };
    let gov = nearest(&|h| is_government_side(h.entry.actor.kind));
    let notables = nearest(&|h| h.entry.actor.kind == ActorKind::Notables);
    match (gov, notables) {
        (Some(g), Some(n)) => (Some(g), Some(n)),
        (Some(g), None) => {
            let other = nearest(&|h| !is_government_side(h.entry.actor.kind));
            (Some(g), other)
        }
        (None, Some(n)) => (
            nearest(&|h| h.entry.actor.kind != ActorKind::Notables),
            Some(n),
        ),
        (None, None) => {
            let mut it = named.iter().map(|h| ActorPick::from_hit(h));
            (it.next(), it.find(|_| true))
        }
    }
}

/// Kinds that fight on the government's side (for territory and arrests).
pub fn is_government_side(kind: ActorKind) -> bool {
    matches!(
        kind,
        ActorKind::Regime
            | ActorKind::ProRegimeMilitia
            | ActorKind::Russia
            | ActorKind::Iran
            | ActorKind::IranianMilitias
            | ActorKind::Hezbollah
    )
}

/// Kinds that are states (their detentions are arrests).
pub fn is_state(kind: ActorKind) -> bool {
    matches!(
        kind,
        ActorKind::Regime
            | ActorKind::Russia
            | ActorKind::Iran
            | ActorKind::Turkey
            | ActorKind::Usa
            | ActorKind::InternationalCoalition
            | ActorKind::Israel
            | ActorKind::Iraq
            | ActorKind::Lebanon
            | ActorKind::Jordan
    )
}
