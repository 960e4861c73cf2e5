//! Matching compiled patterns against an analysed paragraph.
//!
//! Every token's stems (itself, without proclitics, without a pronoun suffix) are computed
//! once per paragraph ([`TokenStems`]); patterns are indexed by their first element, so a
//! paragraph costs a few hash look-ups per token whatever the lexicon's size.

use std::borrow::Cow;
use std::ops::Range;

use rasd_core::Span;
use rasd_text::{AnalyzedText, PunctKind, TokenKind, strip_enclitic};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use super::pattern::{Elem, MAX_GAP, Pattern};

/// One reading of a token: a stem key and how much of the token's key it drops.
#[derive(Debug, Clone)]
pub struct StemReading<'a> {
    pub key: Cow<'a, str>,
    /// Byte length of the stripped prefix in the token's key.
    pub prefix_len: u16,
    /// Byte length of a stripped pronoun suffix.
    pub suffix_len: u16,
}

/// The stems of every token of a paragraph.
#[derive(Debug)]
pub struct TokenStems<'a> {
    stems: Vec<SmallVec<[StemReading<'a>; 4]>>,
}

impl<'a> TokenStems<'a> {
    pub fn new(a: &'a AnalyzedText<'_>) -> Self {
        let stems = a
            .tokens
            .iter()
            .map(|t| {
                let mut out: SmallVec<[StemReading<'a>; 4]> = SmallVec::new();
                if !matches!(
                    t.kind,
                    TokenKind::Word | TokenKind::Latin | TokenKind::Number
                ) {
                    return out;
                }
                let key = a.key(t);
                // A final ة is a letter of the word, never a pronoun (مدينة ≠ مدين + ه).
                let ta_marbuta = a
                    .norm
                    .display
                    .get(t.key.clone())
                    .is_some_and(|d| d.ends_with('ة'));
                for s in rasd_text::stems(key) {
                    let (prefix_len, stem) = (s.prefix_len as u16, s.key);
                    if !ta_marbuta
                        && let Some((base, suffix_len)) = strip_enclitic(&stem)
                        && base.chars().count() >= 3
                    {
                        out.push(StemReading {
                            key: Cow::Owned(base.to_owned()),
                            prefix_len,
                            suffix_len: suffix_len as u16,
                        });
                    }
                    out.push(StemReading {
                        key: stem,
                        prefix_len,
                        suffix_len: 0,
                    });
                }
                out
            })
            .collect();
        TokenStems { stems }
    }

    pub fn of(&self, token: usize) -> &[StemReading<'a>] {
        self.stems.get(token).map_or(&[], |s| s.as_slice())
    }

    /// Whether any stem of the token equals `key`.
    pub fn has(&self, token: usize, key: &str) -> bool {
        self.of(token).iter().any(|s| s.key == key)
    }
}

/// A pattern matched in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index of the entry in its [`PatternSet`].
    pub entry: usize,
    /// Index of the pattern inside the entry.
    pub pattern: usize,
    /// The tokens covered (first to last matched token).
    pub tokens: Range<usize>,
    /// Absolute span in the original text, without the first token's proclitics.
    pub span: Span,
    pub specificity: u32,
}

impl Match {
    pub fn overlaps(&self, other: &Match) -> bool {
        self.tokens.start < other.tokens.end && other.tokens.start < self.tokens.end
    }
}

/// A set of lexicon entries, each with one or more patterns and a payload.
#[derive(Debug, Clone)]
pub struct PatternSet<T> {
    entries: Vec<(Vec<Pattern>, T)>,
    exact_first: FxHashMap<String, Vec<(u32, u32)>>,
    /// Prefix patterns by the first two letters of their first element: one look-up per
    /// stem, then a `starts_with` per pattern sharing those letters.
    prefix_first: FxHashMap<String, Vec<(String, u32, u32)>>,
}

impl<T> Default for PatternSet<T> {
    fn default() -> Self {
        PatternSet {
            entries: Vec::new(),
            exact_first: FxHashMap::default(),
            prefix_first: FxHashMap::default(),
        }
    }
}

/// The first two characters of a key (or the whole key when shorter).
fn head(key: &str) -> &str {
    let end = key.char_indices().nth(2).map_or(key.len(), |(i, _)| i);
    &key[..end]
}

impl<T> PatternSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an entry.
    pub fn push(&mut self, patterns: Vec<Pattern>, payload: T) {
        let entry = self.entries.len() as u32;
        for (pi, p) in patterns.iter().enumerate() {
            let slot = (entry, pi as u32);
            match p.elems.first() {
                Some(Elem::Exact(k)) => self.exact_first.entry(k.clone()).or_default().push(slot),
                Some(Elem::Prefix(k)) => {
                    self.prefix_first
                        .entry(head(k).to_owned())
                        .or_default()
                        .push((k.clone(), slot.0, slot.1));
                }
                _ => {}
            }
        }
        self.entries.push((patterns, payload));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn payload(&self, entry: usize) -> &T {
        &self.entries[entry].1
    }

    pub fn pattern(&self, m: &Match) -> &Pattern {
        &self.entries[m.entry].0[m.pattern]
    }

    pub fn entries(&self) -> impl Iterator<Item = (&[Pattern], &T)> {
        self.entries.iter().map(|(p, t)| (p.as_slice(), t))
    }

    /// Every match starting inside `tokens` (overlapping matches included).
    pub fn find_all(
        &self,
        a: &AnalyzedText<'_>,
        stems: &TokenStems<'_>,
        tokens: Range<usize>,
    ) -> Vec<Match> {
        let mut out = Vec::new();
        let end = tokens.end.min(a.tokens.len());
        let mut seen: SmallVec<[(u32, u32); 16]> = SmallVec::new();
        for i in tokens.start..end {
            seen.clear();
            for (si, s) in stems.of(i).iter().enumerate() {
                if let Some(slots) = self.exact_first.get(s.key.as_ref()) {
                    for &slot in slots {
                        if !seen.contains(&slot) {
                            seen.push(slot);
                            self.try_match(a, stems, i, si, slot, end, &mut out);
                        }
                    }
                }
                if self.prefix_first.is_empty() {
                    continue;
                }
                let key = s.key.as_ref();
                if let Some(pats) = self.prefix_first.get(head(key)) {
                    for (prefix, e, p) in pats {
                        let slot = (*e, *p);
                        if key.starts_with(prefix.as_str()) && !seen.contains(&slot) {
                            seen.push(slot);
                            self.try_match(a, stems, i, si, slot, end, &mut out);
                        }
                    }
                }
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn try_match(
        &self,
        a: &AnalyzedText<'_>,
        stems: &TokenStems<'_>,
        first: usize,
        first_stem: usize,
        (entry, pi): (u32, u32),
        end: usize,
        out: &mut Vec<Match>,
    ) {
        let pattern = &self.entries[entry as usize].0[pi as usize];
        if let Some(m) = match_pattern(pattern, a, stems, first, first_stem, end) {
            out.push(Match {
                entry: entry as usize,
                pattern: pi as usize,
                ..m
            });
        }
    }

    /// The longest non-overlapping matches, in text order. Ties go to the more specific
    /// pattern, then to the earlier entry.
    pub fn find_longest(
        &self,
        a: &AnalyzedText<'_>,
        stems: &TokenStems<'_>,
        tokens: Range<usize>,
    ) -> Vec<Match> {
        longest_non_overlapping(self.find_all(a, stems, tokens))
    }
}

/// Matches one pattern whose first element matched stem `first_stem` of token `first`.
/// The returned match has entry and pattern 0; the caller fills them in.
fn match_pattern(
    pattern: &Pattern,
    a: &AnalyzedText<'_>,
    stems: &TokenStems<'_>,
    first: usize,
    first_stem: usize,
    end: usize,
) -> Option<Match> {
    let last = match_rest(a, stems, &pattern.elems[1..], first + 1, end)?;
    let t = &a.tokens[first];
    let s = &stems.of(first)[first_stem];
    let start = a
        .key_span(t.key.start + usize::from(s.prefix_len), t.key.end)
        .start;
    let end_byte = a.tokens[last].span.end;
    Some(Match {
        entry: 0,
        pattern: 0,
        tokens: first..last + 1,
        span: Span::new(start, end_byte.max(start)),
        specificity: pattern.specificity(),
    })
}

/// A pattern set seen without its payload type, for [`MultiIndex`].
pub trait Patterns {
    fn pattern_at(&self, entry: usize, pattern: usize) -> &Pattern;
    fn entry_count(&self) -> usize;
    fn patterns_of(&self, entry: usize) -> &[Pattern];
}

impl<T> Patterns for PatternSet<T> {
    fn pattern_at(&self, entry: usize, pattern: usize) -> &Pattern {
        &self.entries[entry].0[pattern]
    }
    fn entry_count(&self) -> usize {
        self.entries.len()
    }
    fn patterns_of(&self, entry: usize) -> &[Pattern] {
        &self.entries[entry].0
    }
}

/// (set, entry, pattern) of one pattern in a [`MultiIndex`].
type Slot = (u8, u32, u32);

/// One first-element index over several pattern sets, so that a paragraph is scanned once
/// for all of them instead of once per set.
#[derive(Debug, Clone, Default)]
pub struct MultiIndex {
    exact: FxHashMap<String, Vec<Slot>>,
    prefix: FxHashMap<String, Vec<(String, Slot)>>,
    sets: usize,
}

impl MultiIndex {
    pub fn new(sets: &[&dyn Patterns]) -> Self {
        let mut idx = MultiIndex {
            sets: sets.len(),
            ..MultiIndex::default()
        };
        for (si, set) in sets.iter().enumerate() {
            for e in 0..set.entry_count() {
                for (pi, p) in set.patterns_of(e).iter().enumerate() {
                    let slot = (si as u8, e as u32, pi as u32);
                    match p.elems.first() {
                        Some(Elem::Exact(k)) => idx.exact.entry(k.clone()).or_default().push(slot),
                        Some(Elem::Prefix(k)) => idx
                            .prefix
                            .entry(head(k).to_owned())
                            .or_default()
                            .push((k.clone(), slot)),
                        _ => {}
                    }
                }
            }
        }
        idx
    }

    /// Every match of every set (overlapping ones included), one vector per set.
    pub fn find_all(
        &self,
        sets: &[&dyn Patterns],
        a: &AnalyzedText<'_>,
        stems: &TokenStems<'_>,
    ) -> Vec<Vec<Match>> {
        let mut out: Vec<Vec<Match>> = vec![Vec::new(); self.sets];
        let end = a.tokens.len();
        let mut seen: SmallVec<[Slot; 16]> = SmallVec::new();
        for i in 0..end {
            seen.clear();
            for (si, s) in stems.of(i).iter().enumerate() {
                let key = s.key.as_ref();
                let exact = self.exact.get(key).into_iter().flatten();
                let prefix = self
                    .prefix
                    .get(head(key))
                    .into_iter()
                    .flatten()
                    .filter(|(p, _)| key.starts_with(p.as_str()))
                    .map(|(_, slot)| slot);
                for &slot in exact.chain(prefix) {
                    if seen.contains(&slot) {
                        continue;
                    }
                    seen.push(slot);
                    let (set, entry, pi) = slot;
                    let pattern = sets[set as usize].pattern_at(entry as usize, pi as usize);
                    if let Some(m) = match_pattern(pattern, a, stems, i, si, end) {
                        out[set as usize].push(Match {
                            entry: entry as usize,
                            pattern: pi as usize,
                            ..m
                        });
                    }
                }
            }
        }
        out
    }
}

/// Keeps the longest matches that do not overlap, in text order.
pub fn longest_non_overlapping(mut all: Vec<Match>) -> Vec<Match> {
    all.sort_by(|x, y| {
        let lx = x.span.len();
        let ly = y.span.len();
        ly.cmp(&lx)
            .then(y.specificity.cmp(&x.specificity))
            .then(x.tokens.start.cmp(&y.tokens.start))
            .then(x.entry.cmp(&y.entry))
    });
    let mut kept: Vec<Match> = Vec::with_capacity(all.len());
    for m in all {
        if !kept.iter().any(|k| k.overlaps(&m)) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.tokens.start);
    kept
}

/// Whether a token is skipped inside a match (quotation marks).
fn is_transparent(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Punct(PunctKind::Quote | PunctKind::OpenQuote | PunctKind::CloseQuote)
    )
}

/// Matches `elems` from token `i`; returns the index of the last token matched.
fn match_rest(
    a: &AnalyzedText<'_>,
    stems: &TokenStems<'_>,
    elems: &[Elem],
    mut i: usize,
    end: usize,
) -> Option<usize> {
    let Some((elem, rest)) = elems.split_first() else {
        return Some(i.saturating_sub(1));
    };
    while i < end && is_transparent(a.tokens[i].kind) {
        i += 1;
    }
    match elem {
        Elem::Gap => {
            let mut j = i;
            for skipped in 0..=MAX_GAP {
                if skipped > 0 {
                    if j >= end || !is_wordlike(a.tokens[j].kind) {
                        return None;
                    }
                    j += 1;
                }
                if let Some(last) = match_rest(a, stems, rest, j, end) {
                    return Some(last);
                }
            }
            None
        }
        _ => {
            if i >= end || !elem_matches(a, stems, elem, i) {
                return None;
            }
            match_rest(a, stems, rest, i + 1, end)
        }
    }
}

fn is_wordlike(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Word | TokenKind::Latin | TokenKind::Number)
}

fn elem_matches(a: &AnalyzedText<'_>, stems: &TokenStems<'_>, elem: &Elem, i: usize) -> bool {
    match elem {
        Elem::Exact(k) => stems.has(i, k),
        Elem::Prefix(k) => stems.of(i).iter().any(|s| s.key.starts_with(k.as_str())),
        Elem::Punct(k) => !is_wordlike(a.tokens[i].kind) && a.key_at(i) == k,
        Elem::Any => is_wordlike(a.tokens[i].kind),
        Elem::Gap => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(entries: &[&[&str]]) -> PatternSet<usize> {
        let mut s = PatternSet::new();
        for (i, pats) in entries.iter().enumerate() {
            s.push(pats.iter().map(|p| Pattern::parse(p).unwrap()).collect(), i);
        }
        s
    }

    fn texts(text: &str, s: &PatternSet<usize>) -> Vec<(usize, String)> {
        let a = rasd_text::analyze(text, 0);
        let st = TokenStems::new(&a);
        s.find_longest(&a, &st, 0..a.tokens.len())
            .into_iter()
            .map(|m| {
                (
                    *s.payload(m.entry),
                    text[m.span.start..m.span.end].to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn stems_prefixes_gaps_and_longest_match() {
        let s = set(&[
            &["قصف", "قصف*"],
            &["الجيش السوري"],
            &["الجيش السوري الحر"],
            &["فرض* سيطرت* .. على"],
            &["حصار"],
        ]);
        let table: &[(&str, Vec<(usize, &str)>)] = &[
            ("وبالقصف على البلدة", vec![(0, "قصف")]),
            ("وقصفت الطائرات", vec![(0, "قصفت")]),
            (
                "اشتباكات مع الجيش السوري الحر",
                vec![(2, "الجيش السوري الحر")],
            ),
            ("تقدم الجيش السوري", vec![(1, "الجيش السوري")]),
            (
                "فرضت سيطرتها الكاملة على البلدة",
                vec![(3, "فرضت سيطرتها الكاملة على")],
            ),
            ("شددت حصارها", vec![(4, "حصارها")]),
            ("لا شيء هنا", vec![]),
        ];
        for (text, want) in table {
            let got = texts(text, &s);
            let want: Vec<(usize, String)> =
                want.iter().map(|(e, t)| (*e, t.to_string())).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn matches_stop_at_punctuation_but_not_quotes() {
        let s = set(&[&["هيئة تحرير الشام"]]);
        assert_eq!(texts("مواقع \"هيئة تحرير الشام\" في", &s).len(), 1);
        assert!(texts("هيئة، تحرير الشام", &s).is_empty());
    }

    #[test]
    fn ta_marbuta_is_not_a_pronoun() {
        // مدينة must not be read as مدين + ه.
        let s = set(&[&["مدين"]]);
        assert!(texts("في مدينة درعا", &s).is_empty());
        let s = set(&[&["قوات"]]);
        assert_eq!(texts("قواته", &s), vec![(0, "قواته".to_owned())]);
    }
}
