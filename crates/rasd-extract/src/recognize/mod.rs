//! Recognisers: one analysed paragraph in, typed mentions out. Each recogniser is small and
//! tested on its own; [`recognize`] runs them all and settles their overlaps.

mod casualties;
mod clauses;
mod glue;
mod modality;
mod places;

use std::ops::Range;

use rasd_core::Span;
use rasd_gazetteer::Gazetteer;
use rasd_text::{AnalyzedText, DateContext, DateMention, Quantity};

pub use casualties::{CasualtyCount, find_casualties};
pub use clauses::{Clause, split_clauses};
pub use glue::split_glued;
pub use modality::{ModalityRange, modality_ranges};
pub use places::{PlaceMention, find_places};

use crate::lexicon::{
    ActorEntry, AnaphorKind, Lexicon, Match, PatternSet, TokenStems, Trigger, Weapon,
};

/// A lexicon entry matched in the text, with its payload.
#[derive(Debug, Clone)]
pub struct Hit<T> {
    pub m: Match,
    pub entry: T,
    /// The pattern as written in the lexicon (for provenance).
    pub rule: String,
}

impl<T> Hit<T> {
    pub fn tokens(&self) -> Range<usize> {
        self.m.tokens.clone()
    }

    pub fn span(&self) -> Span {
        self.m.span
    }

    pub fn start(&self) -> usize {
        self.m.tokens.start
    }
}

fn hits<T: Clone>(set: &PatternSet<T>, matches: Vec<Match>) -> Vec<Hit<T>> {
    matches
        .into_iter()
        .map(|m| Hit {
            entry: set.payload(m.entry).clone(),
            rule: set.pattern(&m).source.clone(),
            m,
        })
        .collect()
}

/// Everything the recognisers found in one paragraph.
#[derive(Debug)]
pub struct Mentions {
    pub triggers: Vec<Hit<Trigger>>,
    pub weapons: Vec<Hit<Weapon>>,
    pub actors: Vec<Hit<ActorEntry>>,
    pub places: Vec<PlaceMention>,
    pub anaphors: Vec<Hit<AnaphorKind>>,
    pub dates: Vec<DateMention>,
    pub quantities: Vec<Quantity>,
    pub casualties: Vec<CasualtyCount>,
    pub modality: Vec<ModalityRange>,
    /// Clauses of every sentence, in text order.
    pub clauses: Vec<Clause>,
}

/// Runs every recogniser over one paragraph.
pub fn recognize(
    a: &AnalyzedText<'_>,
    st: &TokenStems<'_>,
    lex: &Lexicon,
    gaz: &Gazetteer,
    dates: &DateContext,
) -> Mentions {
    let scan = lex.scan(a, st);
    let mut actors = hits(&lex.actors, scan.actors);
    let mut triggers = hits(&lex.triggers, scan.triggers);
    let weapons = hits(&lex.weapons, scan.weapons);
    keep_placed_nisbas(a, &mut actors, &triggers, &weapons, &scan.nisba_heads);
    let mut anaphors = hits(&lex.anaphors, scan.anaphors);
    let clauses = split_clauses(a);
    let taken: Vec<Range<usize>> = triggers
        .iter()
        .map(|h| h.tokens())
        .chain(actors.iter().map(|h| h.tokens()))
        .chain(weapons.iter().map(|h| h.tokens()))
        .chain(anaphors.iter().map(|h| h.tokens()))
        .collect();
    let mut places = find_places(
        a,
        st,
        lex,
        gaz,
        &taken,
        &scan.place_cues,
        &scan.proximity,
        &scan.directions,
    );
    // A known place name longer than an actor word inside it (السيدة زينب) is the place.
    actors.retain(|x| {
        !places.iter().any(|p| {
            p.is_known() && p.tokens.len() > x.m.tokens.len() && overlaps(&x.m.tokens, &p.tokens)
        })
    });
    // Words of other lexicons are not place names (بجروح، بواسطة، المرصد), and neither is
    // an outlet in a citation (مصادر الميادين) — unless a place cue says they are.
    let outlets = scan.outlets;
    let quantities = rasd_text::find_quantities(a);
    let casualties = find_casualties(a, lex, &quantities, &scan.casualties);
    let actor_ranges: Vec<Range<usize>> = actors.iter().map(|h| h.tokens()).collect();
    let modality = modality_ranges(a, lex, &clauses, &actor_ranges, &scan.modality);
    let weapon_words: Vec<Range<usize>> = weapons.iter().map(|w| w.tokens()).collect();
    places.retain(|p| {
        if p.cue.is_none() && weapon_words.iter().any(|w| overlaps(w, &p.tokens)) {
            return false;
        }
        !outlets.iter().any(|o| overlaps(&o.tokens, &p.tokens))
            && (p.cue.is_some() || !actors.iter().any(|x| overlaps(&x.m.tokens, &p.tokens)))
            && (p.cue.is_some()
                || !casualties
                    .iter()
                    .any(|k| overlaps(&k.cue_tokens, &p.tokens))
                    && !modality.iter().any(|r| overlaps(&r.cue_tokens, &p.tokens)))
    });
    triggers.retain(|t| !outlets.iter().any(|o| overlaps(&o.tokens, &t.m.tokens)));
    // An anaphor inside a name (جيش الفتح في المنطقة الجنوبية) or before a compass word
    // (المنطقة الشرقية: a region, not "the area") refers to nothing.
    anaphors.retain(|h| {
        !actors.iter().any(|x| overlaps(&x.m.tokens, &h.tokens()))
            && !places.iter().any(|p| overlaps(&p.tokens, &h.tokens()))
            && !scan
                .directions
                .iter()
                .any(|d| d.tokens.start == h.m.tokens.end)
    });
    // A name inside an actor (هيئة تحرير الشام، الحشد الشعبي) is not a trigger; an actor
    // inside a trigger's gap (سيطرت هيئة تحرير الشام على) is its subject.
    triggers.retain(|t| {
        !actors
            .iter()
            .any(|x| x.m.tokens.contains(&t.m.tokens.start))
    });
    // A place name that is also a trigger word counts as a place only after a place cue.
    places
        .retain(|p| p.cue.is_some() || !triggers.iter().any(|t| overlaps(&t.m.tokens, &p.tokens)));
    triggers.retain(|t| !places.iter().any(|p| overlaps(&t.m.tokens, &p.tokens)));
    let dates = rasd_text::find_dates(a, dates);
    Mentions {
        triggers,
        weapons,
        actors,
        places,
        anaphors,
        dates,
        quantities,
        casualties,
        modality,
        clauses,
    }
}

/// Keeps a nationality adjective only where it names an actor: right after an attack word,
/// a weapon or a nisba head (غارات أميركية، طائرات حربية سورية، شاحنات إيرانية), or after
/// such an adjective (أميركية وإسرائيلية، سورية - روسية).
fn keep_placed_nisbas(
    a: &AnalyzedText<'_>,
    actors: &mut Vec<Hit<ActorEntry>>,
    triggers: &[Hit<Trigger>],
    weapons: &[Hit<Weapon>],
    heads: &[Match],
) {
    if !actors.iter().any(|h| h.entry.nisba) {
        return;
    }
    let ends: Vec<usize> = triggers
        .iter()
        .map(|t| t.m.tokens.end)
        .chain(weapons.iter().map(|w| w.m.tokens.end))
        .chain(heads.iter().map(|h| h.tokens.end))
        .collect();
    // The token before `pos`, skipping a punctuation mark (سورية - روسية).
    let prev_word_end = |pos: usize| {
        if pos > 0 && !a.tokens[pos - 1].is_word() && pos > 1 {
            pos - 1
        } else {
            pos
        }
    };
    let mut kept_ends: Vec<usize> = Vec::new();
    let mut keep = vec![true; actors.len()];
    for (i, h) in actors.iter().enumerate() {
        if !h.entry.nisba {
            continue;
        }
        let at = prev_word_end(h.start());
        let placed =
            ends.contains(&h.start()) || kept_ends.contains(&h.start()) || kept_ends.contains(&at);
        if placed {
            kept_ends.push(h.m.tokens.end);
        } else {
            keep[i] = false;
        }
    }
    // A thing a nationality adjective describes (شاحنات إيرانية) is that nation's; people
    // stay civilians (مدني سوري).
    for (i, v) in actors.iter().enumerate() {
        let head = heads.iter().any(|m| m.tokens == v.m.tokens);
        if v.entry.victim
            && head
            && actors
                .iter()
                .zip(&keep)
                .any(|(h, k)| *k && h.entry.nisba && h.start() == v.m.tokens.end)
        {
            keep[i] = false;
        }
    }
    let mut k = keep.into_iter();
    actors.retain(|_| k.next().unwrap_or(true));
}

pub fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}
