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
    "عين",
    "تل",
    "كفر",
    "دير",
    "بيت",
    "خربه",
    "جبل",
    "ابو",
    "ام",
    "راس",
    "بير",
    "مزرعه",
    "سد",
    "بئر",
    "حقل",
    "وادي",
    "قصر",
    "باب",
    "جسر",
    "بني",
    "عرب",
    "حوش",
    "نبع",
    "الشيخ",
    "ابي",
];

/// Words that never start a place name after a cue.
const NOT_NAMES: &[&str] = &[
    "في",
    "من",
    "علي",
    "الي",
    "عن",
    "مع",
    "التي",
    "الذي",
    "الذين",
    "او",
    "ثم",
    "قد",
    "لم",
    "لا",
    "هذه",
    "هذا",
    "تلك",
    "ذلك",
    "نفسها",
    "نفسه",
    "كل",
    "بعض",
    "جميع",
    "عده",
    "اخري",
    "جديده",
    "واحده",
    "اخر",
    "ان",
    "انه",
    "بين",
    "حيث",
    "كما",
    "بعد",
    "قبل",
    "خلال",
    "منذ",
    "عند",
    "ضمن",
    "داخل",
    "خارج",
    "قرب",
    "نحو",
    "حول",
    "لها",
    "له",
    "بها",
    "به",
    "فيها",
    "فيه",
    "منها",
    "منه",
];

/// Finds place names in a paragraph. `taken` marks tokens that belong to lexicon entries
/// (triggers, actors): a cue followed by such a word is not a name.
#[allow(clippy::too_many_arguments)]
pub fn find_places(
    a: &AnalyzedText<'_>,
    st: &TokenStems<'_>,
    lex: &Lexicon,
    gaz: &Gazetteer,
    taken: &[Range<usize>],
    cues: &[Match],
    near: &[Match],
    dirs: &[Match],
) -> Vec<PlaceMention> {
    let n = a.tokens.len();
    let max_words = gaz.max_name_words().max(1);
    let mut out = Vec::new();
    let mut i = 0;
    // Per-token flags, computed once: is the token part of a cue; does a cue end before it.
    let mut cue_word = vec![false; n];
    let mut cue_ending_at: Vec<Option<usize>> = vec![None; n + 1];
    for (ci, m) in cues.iter().enumerate() {
        for k in m.tokens.clone() {
            cue_word[k] = true;
        }
        cue_ending_at[m.tokens.end] = Some(ci);
    }
    let is_cue_word = |i: usize| cue_word[i];
    while i < n {
        if !is_word(a, i) {
            i += 1;
            continue;
        }
        let cue = cue_ending_at[i].and_then(|ci| cue_before(a, &cues[ci..=ci], lex, i));
        let strong_cue = cue.is_some_and(|k| {
            matches!(
                k,
                PlaceCueKind::Settlement | PlaceCueKind::Neighbourhood | PlaceCueKind::Camp
            ) && !cue_ending_at[i].is_some_and(|ci| is_weak_cue(a, &cues[ci..=ci], i))
        });
        if let Some(m) = countryside_phrase(a, gaz, &lex.word_freq, i) {
            // The compass words are inside the phrase; the gazetteer reads them from its text.
            let (len, key, cands, _) = m;
            let mut pm = mention(a, near, dirs, lex, i, len, 0, 0, key, cands.to_vec(), None);
            pm.direction = None;
            out.push(pm);
            i += len;
            continue;
        }
        let known = longest_name_at(a, st, gaz, &lex.word_freq, i, max_words);
        if (known.is_none() && cue.is_none()) || after_kunya(a, i) {
            i += 1;
            continue;
        }
        // A compass word (شرقي حلب) starts a direction, not a name.
        if known.as_ref().is_none_or(|k| k.0 == 1)
            && rasd_gazetteer::direction_word(a.key_at(i)).is_some()
        {
            i += 1;
            continue;
        }
        // A cue word (مدينة، جبل) is not itself a name, unless it starts a longer one (جبل
        // الزاوية، مخيم الركبان) or carries the article (البادية).
        if is_cue_word(i)
            && known.as_ref().is_none_or(|k| k.0 == 1)
            && !rasd_text::stems(a.key_at(i))
                .iter()
                .any(|s| s.stripped.article)
        {
            i += 1;
            continue;
        }
        // A lone head word (خربة، تل) known to the gazetteer, followed after a settlement
        // cue by a second word: the two-word name is meant (قرية خربة خوي).
        let prefer_unknown = strong_cue
            && known.as_ref().is_some_and(|(len, ..)| *len == 1)
            && NAME_HEADS.contains(&a.key_at(i))
            && unknown_name_at(a, i, taken) == Some(2);
        match known.filter(|_| !prefer_unknown) {
            Some((len, prefix_len, suffix_len, key, cands)) => {
                let word = a.key_at(i);
                let function_word = len == 1 && NOT_NAMES.contains(&strip_proclitics(word));
                // A single ordinary word (طيار، الشمال، جبلية) that is also a village's name
                // is the word unless a settlement cue says otherwise.
                let ordinary = len == 1 && ordinary_word(gaz, &lex.word_freq, &key, cands);
                let needs_cue = cands.iter().all(|c| c.needs_cue) || ordinary;
                if !function_word && (!needs_cue || strong_cue || (cue.is_some() && !ordinary)) {
                    out.push(mention(
                        a,
                        near,
                        dirs,
                        lex,
                        i,
                        len,
                        prefix_len,
                        suffix_len,
                        key,
                        cands.to_vec(),
                        cue,
                    ));
                    i += len;
                    continue;
                }
            }
            None => {
                if let Some(kind) = cue.filter(|k| admits_unknown(*k))
                    && let Some(len) = unknown_name_at(a, i, taken)
                        .filter(|_| !lex.word_freq.is_common(a.key_at(i)))
                {
                    let key = (i..i + len)
                        .map(|k| a.key_at(k))
                        .collect::<Vec<_>>()
                        .join(" ");
                    out.push(mention(
                        a,
                        near,
                        dirs,
                        lex,
                        i,
                        len,
                        0,
                        0,
                        key,
                        Vec::new(),
                        Some(kind),
                    ));
                    i += len;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// The word without و/ف/ب/ل/ك and the article, for function-word checks.
fn strip_proclitics(word: &str) -> &str {
    let w = word
        .strip_prefix('و')
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(word);
    w.strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(w)
}

/// Generic area cues (منطقة، مناطق) are too weak to make an ordinary word a name.
fn is_weak_cue(a: &AnalyzedText<'_>, cues: &[Match], i: usize) -> bool {
    cues.iter().find(|m| m.tokens.end == i).is_some_and(|m| {
        let k = a.key_at(m.tokens.start);
        ["منطقه", "مناطق", "ناحيه"].iter().any(|w| k.ends_with(w))
    })
}

/// A name within two words after a kunya or a patronymic (أبي هليل، أبو كرمو مورك، بن
/// سلمان) is a person's.
fn after_kunya(a: &AnalyzedText<'_>, i: usize) -> bool {
    (i.saturating_sub(2)..i).any(|k| {
        a.tokens[k].sentence == a.tokens[i].sentence
            && matches!(
                strip_proclitics(a.key_at(k)),
                "ابو" | "ابي" | "ابا" | "ام" | "بن" | "ابن" | "بنت"
            )
    })
}

/// A single word that is an ordinary word first and a place's name second (طيار، الشمال،
/// صور، جبلية): it names the place only after a settlement cue.
fn ordinary_word(gaz: &Gazetteer, freq: &WordFreq, key: &str, cands: &[Candidate]) -> bool {
    let minor = cands.iter().all(|c| gaz.place(c.idx).importance() < 0.3);
    let admin = cands.iter().any(|c| {
        matches!(
            gaz.place(c.idx).level,
            rasd_gazetteer::PlaceLevel::Governorate | rasd_gazetteer::PlaceLevel::District
        )
    });
    (minor
        && (adjective_like(key)
            || freq.is_common(key)
            || rasd_gazetteer::direction_word(key).is_some()))
        || (freq.is_very_common(key) && !admin)
}

/// Words shaped like an adjective (حدودية، جبلية، سكني): nisba endings without the article.
fn adjective_like(key: &str) -> bool {
    !key.starts_with("ال")
        && (key.ends_with("يه") || key.ends_with("يين"))
        && key.chars().count() >= 4
}

/// "الريف الشمالي الشرقي لمحافظة حلب", "ريف محافظة دير الزور": a countryside phrase whose
/// governorate comes last. Returns (words, key, candidates, compass word).
fn countryside_phrase<'g>(
    a: &AnalyzedText<'_>,
    gaz: &'g Gazetteer,
    freq: &WordFreq,
    i: usize,
) -> Option<(usize, String, &'g [Candidate], Option<Bearing>)> {
    if !matches!(a.key_at(i), "الريف" | "بالريف" | "والريف" | "فيالريف") {
        return None;
    }
    let sentence = a.tokens[i].sentence;
    let mut j = i + 1;
    let mut bearing = None;
    while j < a.tokens.len() && j <= i + 2 {
        match rasd_gazetteer::direction_word(a.key_at(j)) {
            Some(d) => {
                bearing = Some(Bearing(d.bearing()));
                j += 1;
            }
            None => break,
        }
    }
    let first = a.key_at(j);
    let rest = first
        .strip_prefix("لمحافظه")
        .map(str::to_owned)
        .or_else(|| {
            first
                .strip_prefix("لل")
                .map(|r| format!("ال{r}"))
                .or_else(|| first.strip_prefix('ل').map(str::to_owned))
        })?;
    let (start, mut key) = if rest.is_empty() {
        (j + 1, String::new())
    } else {
        (j + 1, rest)
    };
    let mut end = start;
    if key.is_empty() {
        key = a.key_at(start).to_owned();
        end = start + 1;
    }
    let mut best = None;
    for len in 0..3 {
        if len > 0 {
            let k = end - 1 + len;
            if k >= a.tokens.len() || !is_word(a, k) || a.tokens[k].sentence != sentence {
                break;
            }
            key.push(' ');
            key.push_str(a.key_at(k));
        }
        let cands = gaz.lookup_exact(&key);
        if !cands.is_empty() && !freq.is_common(&key)
            || cands
                .iter()
                .any(|c| gaz.place(c.idx).level == rasd_gazetteer::PlaceLevel::Governorate)
        {
            best = Some((end + len - i, key.clone(), cands));
        }
    }
    let (len, key, cands) = best?;
    Some((len, format!("ريف {key}"), cands, bearing))
}

fn admits_unknown(kind: PlaceCueKind) -> bool {
    matches!(
        kind,
        PlaceCueKind::Settlement
            | PlaceCueKind::Neighbourhood
            | PlaceCueKind::Camp
            | PlaceCueKind::Facility
    )
}

fn is_word(a: &AnalyzedText<'_>, i: usize) -> bool {
    matches!(a.tokens[i].kind, TokenKind::Word)
}

/// The longest gazetteer name starting at token `i`: (words, stripped prefix bytes, key,
/// candidates).
/// (words, stripped prefix bytes, glued suffix bytes, key, candidates).
type NameMatch<'g> = (usize, usize, usize, String, &'g [Candidate]);

/// Prepositions that lost their space and stick to the end of a name (حلبفي).
const GLUED: [&str; 4] = ["في", "من", "علي", "الي"];

fn longest_name_at<'g>(
    a: &AnalyzedText<'_>,
    st: &TokenStems<'_>,
    gaz: &'g Gazetteer,
    freq: &WordFreq,
    i: usize,
    max_words: usize,
) -> Option<NameMatch<'g>> {
    let mut best: Option<NameMatch<'g>> = None;
    let sentence = a.tokens[i].sentence;
    let word = a.key_at(i);
    let mut key = String::with_capacity(64);
    for stem in st.of(i).iter().filter(|s| s.suffix_len == 0) {
        let prefix_len = usize::from(stem.prefix_len);
        if stem.key.len() < 4 || !gaz.may_start_name(&stem.key) {
            continue;
        }
        key.clear();
        key.push_str(&stem.key);
        // Stripping clitics off an ordinary word (وزارة → و + زارة) is checked only when
        // the stripped reading could start a name: the common case costs two probes.
        let mut stripping_checked = prefix_len == 0;
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
            let mut found: Option<(usize, &'g [Candidate])> =
                (!cands.is_empty()).then_some((0, cands));
            if found.is_none() {
                // The last word may carry a glued preposition (السيدة زينبفي).
                if let Some(glue) = GLUED.iter().find(|g| key.ends_with(*g)) {
                    let k = &key[..key.len() - glue.len()];
                    if k.chars().count() >= 3
                        && !k.ends_with(' ')
                        && !freq.is_common(a.key_at(i + len - 1))
                    {
                        let c = gaz.lookup_exact(k);
                        if !c.is_empty() {
                            found = Some((glue.len(), c));
                        }
                    }
                }
            }
            if let Some((suffix_len, cands)) = found {
                if !stripping_checked {
                    if !freq.allows_stripping(word, &stem.key) {
                        break;
                    }
                    stripping_checked = true;
                }
                let better = match &best {
                    None => true,
                    Some((bl, bp, ..)) => len > *bl || (len == *bl && prefix_len < *bp),
                };
                if better {
                    let k = key[..key.len() - suffix_len].to_owned();
                    best = Some((len, prefix_len, suffix_len, k, cands));
                }
            }
            if !gaz.is_prefix_of_longer_name(&key) {
                break;
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
    if is_taken(i) || NOT_NAMES.contains(&key) || key.chars().count() < 3 || adjective_like(key) {
        return None;
    }
    // An adjective (المحاصرة، السورية، الحدودية) describes the cue; it is not a name.
    if key.starts_with("ال") && (key.ends_with("يه") || key.ends_with("ه") || key.ends_with("ي"))
    {
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
fn cue_before(
    a: &AnalyzedText<'_>,
    cues: &[Match],
    lex: &Lexicon,
    i: usize,
) -> Option<PlaceCueKind> {
    let m = cues.iter().find(|m| m.tokens.end == i)?;
    let first = m.tokens.start;
    let article = rasd_text::stems(a.key_at(first))
        .iter()
        .any(|s| s.stripped.article);
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
    suffix_len: usize,
    key: String,
    candidates: Vec<Candidate>,
    cue: Option<PlaceCueKind>,
) -> PlaceMention {
    let first = &a.tokens[i];
    let last = &a.tokens[i + len - 1];
    let start = a
        .key_span(first.key.start + prefix_len, first.key.end)
        .start;
    let end = if suffix_len > 0 {
        a.key_span(last.key.start, last.key.end.saturating_sub(suffix_len))
            .end
    } else {
        last.span.end
    };
    let span = Span::new(start, end.max(start));
    // A proximity word within two tokens before the name or its cue.
    let lead = if cue.is_some() {
        i.saturating_sub(1)
    } else {
        i
    };
    let near = near
        .iter()
        .any(|m| m.tokens.end <= lead && lead - m.tokens.end <= 2 && m.tokens.end + 3 > lead);
    // A compass adjective belongs to the name (ريف حلب الشرقي); a bare compass word starts
    // a new phrase (دير الزور شرقي البلاد).
    let direction = dirs
        .iter()
        .find(|m| {
            m.tokens.start == i + len
                && m.tokens.len() == 1
                && a.key_at(m.tokens.start).starts_with("ال")
        })
        .map(|m| *lex.directions.payload(m.entry));
    let mut surface = a.span_text(span).to_owned();
    // For لل + name the stem's span starts at the second ل, which stands for the article.
    if key.starts_with("ال") && surface.starts_with('ل') && !surface.starts_with("ال") {
        surface.insert(0, 'ا');
    }
    PlaceMention {
        tokens: i..i + len,
        span,
        surface,
        key,
        candidates,
        cue,
        near,
        direction,
        sentence: first.sentence,
    }
}
