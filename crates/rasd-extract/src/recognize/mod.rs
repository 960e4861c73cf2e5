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

use crate::lexicon::{ActorEntry, AnaphorKind, Lexicon, Match, PatternSet, TokenStems, Trigger, Weapon};

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
    let actors = hits(&lex.actors, scan.actors);
    let mut triggers = hits(&lex.triggers, scan.triggers);
    let weapons = hits(&lex.weapons, scan.weapons);
    let mut anaphors = hits(&lex.anaphors, scan.anaphors);
    let clauses = split_clauses(a);
    let taken: Vec<Range<usize>> = triggers
        .iter()
        .map(|h| h.tokens())
        .chain(actors.iter().map(|h| h.tokens()))
        .chain(weapons.iter().map(|h| h.tokens()))
        .chain(anaphors.iter().map(|h| h.tokens()))
        .collect();
    let mut places = find_places(a, st, lex, gaz, &taken, &scan.place_cues, &scan.proximity, &scan.directions);
    // A known place name longer than an actor word inside it (السيدة زينب) is the place.
    let mut actors = actors;
    actors.retain(|x| {
        !places.iter().any(|p| p.is_known() && p.tokens.len() > x.m.tokens.len() && overlaps(&x.m.tokens, &p.tokens))
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
                || !casualties.iter().any(|k| overlaps(&k.cue_tokens, &p.tokens))
                    && !modality.iter().any(|r| overlaps(&r.cue_tokens, &p.tokens)))
    });
    triggers.retain(|t| !outlets.iter().any(|o| overlaps(&o.tokens, &t.m.tokens)));
    // An anaphor inside a name (جيش الفتح في المنطقة الجنوبية) or before a compass word
    // (المنطقة الشرقية: a region, not "the area") refers to nothing.
    anaphors.retain(|h| {
        !actors.iter().any(|x| overlaps(&x.m.tokens, &h.tokens()))
            && !places.iter().any(|p| overlaps(&p.tokens, &h.tokens()))
            && !scan.directions.iter().any(|d| d.tokens.start == h.m.tokens.end)
    });
    // A name inside an actor (هيئة تحرير الشام، الحشد الشعبي) is not a trigger; an actor
    // inside a trigger's gap (سيطرت هيئة تحرير الشام على) is its subject.
    triggers.retain(|t| !actors.iter().any(|x| x.m.tokens.contains(&t.m.tokens.start)));
    // A place name that is also a trigger word counts as a place only after a place cue.
    places.retain(|p| p.cue.is_some() || !triggers.iter().any(|t| overlaps(&t.m.tokens, &p.tokens)));
    triggers.retain(|t| !places.iter().any(|p| overlaps(&t.m.tokens, &p.tokens)));
    let dates = rasd_text::find_dates(a, dates);
    Mentions { triggers, weapons, actors, places, anaphors, dates, quantities, casualties, modality, clauses }
}

pub fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}
