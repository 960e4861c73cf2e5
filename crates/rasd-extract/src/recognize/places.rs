//! Place names: gazetteer look-ups over windows of words (with clitics stripped from the
//! first word), the cue and proximity words around them, and names the gazetteer does not
//! know that follow a place cue (بلدة X).

use std::ops::Range;

use rasd_core::Span;
use rasd_gazetteer::{Candidate, Gazetteer};
use rasd_text::{AnalyzedText, TokenKind};

use crate::lexicon::{Bearing, Lexicon, Match, PlaceCueKind, TokenStems, WordFreq};

/// A place named in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    pub tokens: Range<usize>,
    /// The name in the original text, without the first word's proclitics.
    pub span: Span,
    pub surface: String,
    /// The match key that was looked up.
    pub key: String,
    /// Gazetteer candidates; empty for a name the gazetteer does not know.
    pub candidates: Vec<Candidate>,
    /// The place cue right before the name (بلدة، محافظة، مخيم، ريف…).
    pub cue: Option<PlaceCueKind>,
    /// A word of proximity before the name (قرب، محيط، أطراف، غرب…): precision 2.
    pub near: bool,
    /// A compass word right after the name (ريف حلب الشرقي).
    pub direction: Option<Bearing>,
    pub sentence: usize,
}

impl PlaceMention {
    pub fn is_known(&self) -> bool {
        !self.candidates.is_empty()
    }
}

/// Words that begin two-word village names (عين ذكر، تل الملاجة، كفر عمة، خربة خوي).
const NAME_HEADS: &[&str] = &[
    "عين", "تل", "كفر", "دير", "بيت", "خربه", "جبل", "ابو", "ام", "راس", "بير", "مزرعه", "سد",
    "بئر", "حقل", "وادي", "قصر", "باب", "جسر", "بني", "عرب", "حوش", "نبع", "الشيخ", "ابي",
];

/// Words that never start a place name after a cue.
const NOT_NAMES: &[&str] = &[
    "في", "من", "علي", "الي", "عن", "مع", "التي", "الذي", "الذين", "او", "ثم", "قد", "لم", "لا",
    "هذه", "هذا", "تلك", "ذلك", "نفسها", "نفسه", "كل", "بعض", "جميع", "عده", "اخري", "جديده",
    "واحده", "اخر", "ان", "انه", "بين", "حيث", "كما", "بعد", "قبل", "خلال", "منذ", "عند", "ضمن",
    "داخل", "خارج", "قرب", "نحو", "حول", "لها", "له", "بها", "به", "فيها", "فيه", "منها", "منه",
];

/// Finds place names in a paragraph. `taken` marks tokens that belong to lexicon entries
/// (triggers, actors): a cue followed by such a word is not a name.
pub fn find_places(
    a: &AnalyzedText<'_>,
    st: &TokenStems<'_>,
    lex: &Lexicon,
    gaz: &Gazetteer,
    taken: &[Range<usize>],
) -> Vec<PlaceMention> {
    let n = a.tokens.len();
    let cues: Vec<Match> = lex.place_cues.find_longest(a, st, 0..n);
    let near: Vec<Match> = lex.proximity.find_longest(a, st, 0..n);
    let dirs: Vec<Match> = lex.directions.find_longest(a, st, 0..n);
    let max_words = gaz.max_name_words().max(1);
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !is_word(a, i) {
            i += 1;
            continue;
        }
        let cue = cue_before(a, &cues, lex, i);
        match longest_name_at(a, gaz, &lex.word_freq, i, max_words) {
            Some((len, prefix_len, key, cands)) => {
                // A single ordinary word (طيار، الشمال) that is also a village's name is
                // the word unless a cue says otherwise.
                let ordinary = len == 1
                    && (lex.word_freq.is_common(&key) || rasd_gazetteer::direction_word(&key).is_some())
                    && cands.iter().all(|c| gaz.place(c.idx).importance() < 0.3);
                let all_need_cue = ordinary || cands.iter().all(|c| c.needs_cue);
                if !all_need_cue || cue.is_some() {
                    out.push(mention(a, &near, &dirs, lex, i, len, prefix_len, key, cands.to_vec(), cue));
                    i += len;
                    continue;
                }
            }
            None => {
                if let Some(kind) = cue.filter(|k| admits_unknown(*k)) {
                    if let Some(len) = unknown_name_at(a, i, taken).filter(|_| !lex.word_freq.is_common(a.key_at(i))) {
                        let key = (i..i + len).map(|k| a.key_at(k)).collect::<Vec<_>>().join(" ");
                        out.push(mention(a, &near, &dirs, lex, i, len, 0, key, Vec::new(), Some(kind)));
                        i += len;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    out
}

fn admits_unknown(kind: PlaceCueKind) -> bool {
    matches!(
        kind,
        PlaceCueKind::Settlement | PlaceCueKind::Neighbourhood | PlaceCueKind::Camp | PlaceCueKind::Facility
    )
}

fn is_word(a: &AnalyzedText<'_>, i: usize) -> bool {
    matches!(a.tokens[i].kind, TokenKind::Word)
}

/// The longest gazetteer name starting at token `i`: (words, stripped prefix bytes, key,
/// candidates).
fn longest_name_at<'g>(
    a: &AnalyzedText<'_>,
    gaz: &'g Gazetteer,
    freq: &WordFreq,
    i: usize,
    max_words: usize,
) -> Option<(usize, usize, String, &'g [Candidate])> {
    let mut best: Option<(usize, usize, String, &'g [Candidate])> = None;
    let sentence = a.tokens[i].sentence;
    let word = a.key_at(i);
    for stem in rasd_text::stems(word) {
        let mut key = stem.key.to_string();
        if key.chars().count() < 2 || (stem.prefix_len > 0 && !freq.allows_stripping(word, &key)) {
            continue;
        }
        for len in 1..=max_words {
            if len > 1 {
                let j = i + len - 1;
                if j >= a.tokens.len() || !is_word(a, j) || a.tokens[j].sentence != sentence {
                    break;
                }
                key.push(' ');
                key.push_str(a.key_at(j));
            }
            let cands = gaz.lookup_exact(&key);
            if !cands.is_empty() {
                let better = match &best {
                    None => true,
                    Some((bl, bp, ..)) => len > *bl || (len == *bl && stem.prefix_len < *bp),
                };
                if better {
                    best = Some((len, stem.prefix_len, key.clone(), cands));
                }
            }
            if !gaz.is_prefix_of_longer_name(&key) {
                break;
            }
        }
    }
    if best.is_none() {
        // Words glued by a lost space (حلبفي، دمشقمن): the name without the preposition.
        for glue in ["في", "من", "علي", "الي"] {
            if let Some(stem) = word.strip_suffix(glue).filter(|s| s.chars().count() >= 3) {
                let cands = gaz.lookup_exact(stem);
                if !cands.is_empty() && !freq.is_common(word) {
                    return Some((1, 0, stem.to_owned(), cands));
                }
            }
        }
    }
    best
}

/// A name the gazetteer does not know, right after a place cue: one word, or two when the
/// first is a usual head of village names.
fn unknown_name_at(a: &AnalyzedText<'_>, i: usize, taken: &[Range<usize>]) -> Option<usize> {
    let key = a.key_at(i);
    let is_taken = |k: usize| taken.iter().any(|r| r.contains(&k));
    if is_taken(i) || NOT_NAMES.contains(&key) || key.chars().count() < 3 {
        return None;
    }
    // An adjective (المحاصرة، السورية، الحدودية) describes the cue; it is not a name.
    if key.starts_with("ال") && (key.ends_with("يه") || key.ends_with("ه") || key.ends_with("ي")) {
        return None;
    }
    let two = NAME_HEADS.contains(&key)
        && i + 1 < a.tokens.len()
        && is_word(a, i + 1)
        && !is_taken(i + 1)
        && !NOT_NAMES.contains(&a.key_at(i + 1))
        && a.tokens[i + 1].sentence == a.tokens[i].sentence;
    Some(if two { 2 } else { 1 })
}

/// The cue word ending right before token `i` (بلدة كناكر) or at the start of it
/// (ببلدة → the cue is the previous token anyway). Article forms (البلدة) are anaphors,
/// not cues.
fn cue_before(a: &AnalyzedText<'_>, cues: &[Match], lex: &Lexicon, i: usize) -> Option<PlaceCueKind> {
    let m = cues.iter().find(|m| m.tokens.end == i)?;
    let first = m.tokens.start;
    let article = rasd_text::stems(a.key_at(first)).iter().any(|s| s.stripped.article);
    (!article).then(|| *lex.place_cues.payload(m.entry))
}

#[allow(clippy::too_many_arguments)]
fn mention(
    a: &AnalyzedText<'_>,
    near: &[Match],
    dirs: &[Match],
    lex: &Lexicon,
    i: usize,
    len: usize,
    prefix_len: usize,
    key: String,
    candidates: Vec<Candidate>,
    cue: Option<PlaceCueKind>,
) -> PlaceMention {
    let first = &a.tokens[i];
    let last = &a.tokens[i + len - 1];
    let start = a.key_span(first.key.start + prefix_len, first.key.end).start;
    let span = Span::new(start, last.span.end.max(start));
    // A proximity word within two tokens before the name or its cue.
    let lead = if cue.is_some() { i.saturating_sub(1) } else { i };
    let near = near.iter().any(|m| m.tokens.end <= lead && lead - m.tokens.end <= 2 && m.tokens.end + 3 > lead);
    let direction = dirs
        .iter()
        .find(|m| m.tokens.start == i + len)
        .map(|m| *lex.directions.payload(m.entry));
    PlaceMention {
        tokens: i..i + len,
        span,
        surface: a.span_text(span).to_owned(),
        key,
        candidates,
        cue,
        near,
        direction,
        sentence: first.sentence,
    }
}
