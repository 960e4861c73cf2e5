//! Where: the place of a candidate. The nearest place named after the trigger in its
//! clause, else before it, else elsewhere in the sentence; an anaphor (البلدة) stands for
//! the last town named; without any, the paragraph's last place, then the article's main
//! place. A list of places (دير الزور والميادين والبوكمال) gives one event per place.

use rasd_core::Span;
use rasd_gazetteer::PlaceLevel;
use rasd_text::AnalyzedText;

use super::candidates::Candidate;
use super::places::ResolvedPlace;
use crate::lexicon::AnaphorKind;
use crate::recognize::Mentions;

/// How the place was found (for confidence and provenance).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceVia {
    Clause,
    Sentence,
    Anaphor,
    Paragraph,
    Article,
}

impl PlaceVia {
    pub fn confidence(self) -> f32 {
        match self {
            PlaceVia::Clause => 1.0,
            PlaceVia::Sentence => 0.95,
            PlaceVia::Anaphor => 0.9,
            PlaceVia::Paragraph => 0.8,
            PlaceVia::Article => 0.6,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PlaceVia::Clause => "clause",
            PlaceVia::Sentence => "sentence",
            PlaceVia::Anaphor => "anaphor",
            PlaceVia::Paragraph => "paragraph",
            PlaceVia::Article => "article",
        }
    }
}

/// A place chosen for an event.
#[derive(Debug, Clone)]
pub struct PlacePick {
    pub place: ResolvedPlace,
    /// The words in the text that name (or refer to) the place.
    pub span: Span,
    pub para: usize,
    pub via: PlaceVia,
}

/// A place mention's address: (paragraph, index among its places).
type At = (usize, usize);

/// The document's places in reading order, for anaphors and fallbacks.
#[derive(Debug)]
pub struct PlaceIndex<'r> {
    resolved: &'r [Vec<ResolvedPlace>],
    /// The article's main place: the Syrian settlement named most often (first on ties),
    /// else its first Syrian place.
    main: Option<At>,
}

impl<'r> PlaceIndex<'r> {
    pub fn new(resolved: &'r [Vec<ResolvedPlace>]) -> Self {
        let mut counts: Vec<(String, usize, At)> = Vec::new();
        for (pi, ps) in resolved.iter().enumerate() {
            for (i, p) in ps.iter().enumerate() {
                if !p.settlement || p.context_only {
                    continue;
                }
                match counts.iter_mut().find(|(k, ..)| *k == p.merge_key) {
                    Some(e) => e.1 += 1,
                    None => counts.push((p.merge_key.clone(), 1, (pi, i))),
                }
            }
        }
        let main = counts
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
            .map(|(_, _, at)| *at)
            .or_else(|| {
                resolved.iter().enumerate().find_map(|(pi, ps)| {
                    ps.iter()
                        .position(|p| p.location.is_syria() && !p.context_only)
                        .map(|i| (pi, i))
                })
            });
        PlaceIndex { resolved, main }
    }

    fn get(&self, (pi, i): At) -> &ResolvedPlace {
        &self.resolved[pi][i]
    }

    /// What an anaphor refers to: the article's main town for البلدة/المدينة (news
    /// articles use them for the town the article is about), else the last fitting place
    /// named before it.
    fn antecedent(
        &self,
        para: usize,
        mentions: &[Mentions],
        token: usize,
        kind: AnaphorKind,
    ) -> Option<At> {
        if kind == AnaphorKind::Settlement
            && let Some(main) = self.main.filter(|at| self.get(*at).settlement)
        {
            return Some(main);
        }
        self.last_settlement_before(para, mentions, token, kind)
    }

    /// The last settlement named before (paragraph, token).
    fn last_settlement_before(
        &self,
        para: usize,
        mentions: &[Mentions],
        token: usize,
        kind: AnaphorKind,
    ) -> Option<At> {
        for pi in (0..=para).rev() {
            let ps = &mentions[pi].places;
            for i in (0..ps.len()).rev() {
                if pi == para && ps[i].tokens.start >= token {
                    continue;
                }
                let r = &self.resolved[pi][i];
                let fits = match kind {
                    AnaphorKind::Settlement => r.settlement && !r.context_only,
                    AnaphorKind::Camp => r.settlement,
                    AnaphorKind::Governorate => r.level == Some(PlaceLevel::Governorate),
                    AnaphorKind::Any => !r.context_only,
                };
                if fits {
                    return Some((pi, i));
                }
            }
        }
        None
    }
}

/// One option for the place of a candidate: a place mention or an anaphor.
enum Option_ {
    Mention(usize),
    Anaphor(usize),
}

/// The places of a candidate (several for a list), or none.
pub fn pick_places(
    a: &AnalyzedText<'_>,
    mentions: &[Mentions],
    index: &PlaceIndex<'_>,
    c: &Candidate,
    agent: Option<rasd_core::Span>,
    last_event: Option<&PlacePick>,
) -> Vec<PlacePick> {
    let m = &mentions[c.para];
    let resolved = &index.resolved[c.para];
    // Where a party is based says nothing of where the event happened: the agent's base
    // (ميليشيا الأمن العسكري في سعسع), or a unit's (نائب رئيس فرع الأمن العسكري في سعسع).
    let bases: Vec<rasd_core::Span> = agent
        .into_iter()
        .chain(
            m.actors
                .iter()
                // A unit of a force; a victim group (civilians:women) has no base.
                .filter(|h| h.entry.actor.unit.is_some() && !h.entry.victim)
                .map(|h| h.span()),
        )
        .collect();
    let clause = &m.clauses[c.clause];
    let sentence = &a.sentences[c.sentence];
    let movement = is_movement(&c.rule);
    let usable = |i: usize| {
        !(resolved[i].context_only
            || is_country(&resolved[i])
            || movement && after_destination_word(a, &m.places[i]))
    };
    // Options in the sentence, in order of preference: clause before sentence, after the
    // trigger before before it, towns before regions, nearest first.
    let mut options: Vec<(u8, usize, Option_)> = Vec::new();
    for (i, p) in m.places.iter().enumerate() {
        if !sentence.tokens.contains(&p.tokens.start) {
            continue;
        }
        let in_clause = clause.tokens.contains(&p.tokens.start);
        let after = p.tokens.start >= c.tokens.start;
        let dist = p.tokens.start.abs_diff(c.tokens.start);
        let rank = match (in_clause, after, usable(i)) {
            // Where the acting party is based (الأمن العسكري في سعسع) comes after the other
            // places and references of the sentence.
            (_, _, true)
                if !resolved[i].location.unresolved
                    && resolved[i].location.geo_precision != rasd_core::GeoPrecision::Region
                    && bases.iter().any(|s| attached_to(a, *s, p)) =>
            {
                6
            }
            (true, true, true) => 0,
            (true, false, true) => 1,
            // A place in a relative clause elsewhere in the sentence (المفاوضات التي جرت في
            // مدينة الصنمين) belongs to another noun: the article's places come first.
            (false, _, true) if in_relative_clause(a, p) => 7,
            (false, true, true) => 2,
            (false, false, true) => 3,
            (_, _, false) => 6,
        };
        // Where fire came from (نُفّذ من اتجاه الجولان، أطلقت من البادية) is not where it hit.
        let rank = if rank < 6 && is_origin(a, p) { 6 } else { rank };
        // Within a rank a town beats a region, a governorate or an unknown name, and a
        // Syrian place a foreign one.
        let vague = resolved[i].location.unresolved
            || resolved[i].location.geo_precision == rasd_core::GeoPrecision::Region;
        let foreign = !resolved[i].location.is_syria();
        options.push((
            rank,
            dist + if vague { 1000 } else { 0 } + if foreign { 2000 } else { 0 },
            Option_::Mention(i),
        ));
    }
    for (i, h) in m.anaphors.iter().enumerate() {
        if !sentence.tokens.contains(&h.start()) {
            continue;
        }
        let in_clause = clause.tokens.contains(&h.start());
        let after = h.start() >= c.tokens.start;
        let rank = match (in_clause, after) {
            (true, true) => 0,
            (true, false) => 1,
            (false, true) => 4,
            (false, false) => 5,
        };
        options.push((
            rank,
            h.start().abs_diff(c.tokens.start),
            Option_::Anaphor(i),
        ));
    }
    options.sort_by_key(|(r, d, _)| (*r, *d));
    let (preferred, last_resort): (Vec<_>, Vec<_>) =
        options.into_iter().partition(|(r, ..)| *r <= 5);
    if let Some(p) = choose(a, m, mentions, index, resolved, c, preferred, last_event) {
        return p;
    }
    // The paragraph's last place (or reference to one) before this sentence.
    let last_place = (0..m.places.len())
        .rev()
        .find(|&i| m.places[i].tokens.start < sentence.tokens.start && usable(i));
    let last_anaphor = m
        .anaphors
        .iter()
        .rev()
        .find(|h| h.start() < sentence.tokens.start);
    let place_first = match (last_place, last_anaphor) {
        (Some(i), Some(h)) => m.places[i].tokens.start > h.start(),
        (Some(_), None) => true,
        _ => false,
    };
    if place_first {
        if let Some(i) = last_place {
            return vec![PlacePick {
                place: resolved[i].clone(),
                span: m.places[i].span,
                para: c.para,
                via: PlaceVia::Paragraph,
            }];
        }
    } else if let Some(h) = last_anaphor
        && let Some(at) = index.antecedent(c.para, mentions, h.start(), h.entry)
    {
        return vec![PlacePick {
            place: index.get(at).clone(),
            span: h.span(),
            para: c.para,
            via: PlaceVia::Paragraph,
        }];
    }
    if let Some((pi, i)) = index.main {
        return vec![PlacePick {
            place: index.get((pi, i)).clone(),
            span: mentions[pi].places[i].span,
            para: pi,
            via: PlaceVia::Article,
        }];
    }
    choose(a, m, mentions, index, resolved, c, last_resort, last_event).unwrap_or_default()
}

/// The first option that yields a place.
#[allow(clippy::too_many_arguments)]
fn choose(
    a: &AnalyzedText<'_>,
    m: &Mentions,
    mentions: &[Mentions],
    index: &PlaceIndex<'_>,
    resolved: &[ResolvedPlace],
    c: &Candidate,
    options: Vec<(u8, usize, Option_)>,
    last_event: Option<&PlacePick>,
) -> Option<Vec<PlacePick>> {
    for (rank, _, opt) in options {
        match opt {
            Option_::Mention(i) => {
                let via = if rank <= 1 {
                    PlaceVia::Clause
                } else {
                    PlaceVia::Sentence
                };
                let mut picks = with_list(a, m, resolved, c.para, i, via);
                if c.sub.event_type() == rasd_core::EventType::ExplosionsRemoteViolence && rank == 0
                {
                    picks.extend(more_targets(a, m, resolved, c, &picks));
                }
                return Some(picks);
            }
            Option_::Anaphor(i) => {
                let h = &m.anaphors[i];
                // "المنطقة نفسها" / "هناك": where the last event happened.
                if h.entry == AnaphorKind::Any
                    && let Some(prev) = last_event
                {
                    return Some(vec![PlacePick {
                        span: h.span(),
                        para: c.para,
                        via: PlaceVia::Anaphor,
                        ..prev.clone()
                    }]);
                }
                if let Some(at) = index.antecedent(c.para, mentions, h.start(), h.entry) {
                    return Some(vec![PlacePick {
                        place: index.get(at).clone(),
                        span: h.span(),
                        para: c.para,
                        via: PlaceVia::Anaphor,
                    }]);
                }
            }
        }
    }
    None
}

/// An attack on several towns (استهدف منطقة الصالحية في البوكمال والأحياء السكنية في
/// الميادين وحي القصور في دير الزور): every other town named after the trigger in its
/// clause is one more event.
fn more_targets(
    a: &AnalyzedText<'_>,
    m: &Mentions,
    resolved: &[ResolvedPlace],
    c: &Candidate,
    picked: &[PlacePick],
) -> Vec<PlacePick> {
    let clause = &m.clauses[c.clause];
    // Introduced by في or و (not the other end of a road: طريق إنخل – جاسم).
    let introduced = |p: &crate::recognize::PlaceMention| {
        let start = p.tokens.start - usize::from(p.cue.is_some());
        let own = a.key_at(start);
        own.starts_with('و')
            || start
                .checked_sub(1)
                .is_some_and(|k| matches!(a.key_at(k), "في" | "و"))
    };
    m.places
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            introduced(p)
                && clause.tokens.contains(&p.tokens.start)
                && p.tokens.start > c.tokens.start
                && resolved[*i].settlement
                && !resolved[*i].context_only
                && resolved[*i].location.is_syria()
                && !picked
                    .iter()
                    .any(|k| k.place.merge_key == resolved[*i].merge_key)
        })
        .map(|(i, p)| PlacePick {
            place: resolved[i].clone(),
            span: p.span,
            para: c.para,
            via: PlaceVia::Clause,
        })
        .collect()
}

/// Whether a relative pronoun stands within four words before the place, in its clause.
fn in_relative_clause(a: &AnalyzedText<'_>, p: &crate::recognize::PlaceMention) -> bool {
    (p.tokens.start.saturating_sub(4)..p.tokens.start).any(|i| {
        a.tokens[i].sentence == p.sentence
            && matches!(
                a.key_at(i),
                "التي" | "الذي" | "الذين" | "اللتين" | "اللذين" | "اللذان"
            )
    })
}

/// Whether a place is the origin of an attack: after من اتجاه، انطلاقا من، أطلقت من.
fn is_origin(a: &AnalyzedText<'_>, p: &crate::recognize::PlaceMention) -> bool {
    let start = p.tokens.start - usize::from(p.cue.is_some());
    let w = |k: usize| {
        if k < start {
            a.key_at(start - 1 - k)
        } else {
            ""
        }
    };
    (w(0) == "اتجاه" && w(1) == "من")
        || (w(0) == "من" && matches!(w(1), "انطلاقا" | "اطلقت" | "اطلق" | "جهه" | "مواقع"))
}

/// Triggers of movement (withdrawal, displacement, departure): their place is where people
/// left from, not where they went (انسحب … إلى مدينة درعا).
fn is_movement(rule: &str) -> bool {
    [
        "انسحاب",
        "انسحب",
        "ينسحب",
        "تنسحب",
        "نزوح",
        "نزح",
        "تهجير",
        "هجر",
        "اخلاء",
        "اخلت",
        "اخلى",
        "خروج",
    ]
    .iter()
    .any(|w| rule.contains(w))
}

/// Whether a place follows a word of destination (إلى، نحو، باتجاه).
fn after_destination_word(a: &AnalyzedText<'_>, p: &crate::recognize::PlaceMention) -> bool {
    let cue = usize::from(p.cue.is_some());
    let Some(before) = p.tokens.start.checked_sub(1 + cue) else {
        return false;
    };
    matches!(a.key_at(before), "الي" | "نحو" | "باتجاه" | "صوب" | "لي")
        || rasd_text::stems(a.key_at(p.tokens.start - cue))
            .iter()
            .any(|s| s.key.starts_with("الي"))
}

/// Whether a place only says where the agent is based (ميليشيا الأمن العسكري **في سعسع**):
/// the agent's words, then في or بـ, then the place.
fn attached_to(
    a: &AnalyzedText<'_>,
    agent: rasd_core::Span,
    p: &crate::recognize::PlaceMention,
) -> bool {
    let start = p.tokens.start - usize::from(p.cue.is_some());
    let Some(end) = a.tokens.iter().position(|t| t.span.start >= agent.end) else {
        return false;
    };
    (end + 1 == start && a.key_at(end) == "في") || (end == start && has_bi(a, p))
}

/// Whether the place (or its cue word) carries the preposition بـ (بسعسع، ببلدة), as opposed
/// to a cue word that merely starts with ب (بلدة).
fn has_bi(a: &AnalyzedText<'_>, p: &crate::recognize::PlaceMention) -> bool {
    if p.cue.is_some() {
        let k = a.key_at(p.tokens.start - 1);
        k.starts_with('ب') && !matches!(k, "بلده" | "بلدات" | "بلدتي" | "باديه")
    } else {
        let t = &a.tokens[p.tokens.start];
        p.span.start > t.span.start && a.text(t).starts_with('ب')
    }
}

fn is_country(r: &ResolvedPlace) -> bool {
    r.level == Some(PlaceLevel::Country)
}

/// The chosen place and the places listed with it (X و Y و Z، or X، Y و Z). An admin
/// phrase inside the list (جورين وسلحب في ريف حماة الغربي، والقرداحة) is stepped over.
fn with_list(
    a: &AnalyzedText<'_>,
    m: &Mentions,
    resolved: &[ResolvedPlace],
    para: usize,
    first: usize,
    via: PlaceVia,
) -> Vec<PlacePick> {
    let pick = |i: usize| PlacePick {
        place: resolved[i].clone(),
        span: m.places[i].span,
        para,
        via,
    };
    let mut out = vec![pick(first)];
    let mut gap_start = after(&m.places[first]);
    let mut skipped: Vec<std::ops::Range<usize>> = Vec::new();
    for (j, q) in m.places.iter().enumerate().skip(first + 1) {
        if q.sentence != m.places[first].sentence {
            break;
        }
        let cue_len = usize::from(q.cue.is_some());
        let q_start = q.tokens.start.saturating_sub(cue_len);
        if resolved[j].context_only {
            skipped.push(q_start..after(q));
            continue;
        }
        if q_start < gap_start {
            break;
        }
        let joined_by_wa =
            a.key_at(q_start).starts_with('و') || a.key_at(q_start.saturating_sub(1)) == "و";
        let gap_ok = (gap_start..q_start).all(|k| {
            matches!(a.key_at(k), "،" | "," | "و" | "في") || skipped.iter().any(|r| r.contains(&k))
        });
        let comma = (gap_start..q_start).any(|k| matches!(a.key_at(k), "،" | ","));
        if !(gap_ok && (joined_by_wa || comma)) {
            break;
        }
        out.push(pick(j));
        gap_start = after(q);
    }
    out
}

/// The token after a place mention and its compass word.
fn after(p: &crate::recognize::PlaceMention) -> usize {
    p.tokens.end + usize::from(p.direction.is_some())
}
