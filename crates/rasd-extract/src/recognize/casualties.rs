//! Casualty counts: a casualty cue (مقتل، جرحى، اعتقال) with the number next to it.

use std::ops::Range;

use rasd_core::{Qualifier, Span};
use rasd_text::{AnalyzedText, Quantity, TokenKind};

use crate::lexicon::{CasualtyKind, Lexicon, Match, NumberPosition};

/// How many people an article says were killed, injured, detained or displaced.
#[derive(Debug, Clone, PartialEq)]
pub struct CasualtyCount {
    pub kind: CasualtyKind,
    /// The figure, when a number goes with the cue.
    pub value: Option<u32>,
    pub qualifier: Option<Qualifier>,
    /// The cue word(s).
    pub cue: Span,
    /// The number, when there is one.
    pub number: Option<Span>,
    /// Cue and number together.
    pub tokens: Range<usize>,
    /// The cue's own tokens.
    pub cue_tokens: Range<usize>,
    pub sentence: usize,
    /// Killed and injured given as one figure (مقتل وجرح 15): neither count is known.
    pub shared: bool,
    /// The lexicon pattern of the cue.
    pub rule: String,
    /// "No casualties" (دون تسجيل أي خسائر بشرية): the counts are zero.
    pub none: bool,
}

/// How many words may stand between a number and its cue (a noun: 4 عناصر قتلوا).
const BEFORE_GAP: usize = 2;
const AFTER_GAP: usize = 1;

/// The casualty counts of a paragraph, from its casualty-cue matches (see
/// [`Lexicon::scan`]) and quantities.
pub fn find_casualties(
    a: &AnalyzedText<'_>,
    lex: &Lexicon,
    quantities: &[Quantity],
    cues: &[Match],
) -> Vec<CasualtyCount> {
    let mut used = vec![false; quantities.len()];
    let mut out: Vec<CasualtyCount> = Vec::with_capacity(cues.len());
    for (ci, m) in cues.iter().enumerate() {
        let cue = *lex.casualties.payload(m.entry);
        let rule = lex.casualties.pattern(m).source.clone();
        let sentence = a.tokens[m.tokens.start].sentence;
        let after = || {
            quantities.iter().enumerate().find(|(qi, q)| {
                !used[*qi]
                    && q.tokens.start >= m.tokens.end
                    && words_between(a, m.tokens.end, q.tokens.start) <= AFTER_GAP
                    && a.tokens[q.tokens.start].sentence == sentence
            })
        };
        let before = || {
            quantities.iter().enumerate().rev().find(|(qi, q)| {
                !used[*qi]
                    && q.tokens.end <= m.tokens.start
                    && words_between(a, q.tokens.end, m.tokens.start) <= BEFORE_GAP
                    && a.tokens[q.tokens.start].sentence == sentence
            })
        };
        let found = match cue.position {
            NumberPosition::After => after(),
            NumberPosition::Before => before(),
            NumberPosition::Both => after().or_else(before),
        };
        // "مقتل وجرح 15" / "15 قتيلا وجريحا": two cues of the other kind joined by و share
        // one figure, which then belongs to neither.
        let shared = [ci.checked_sub(1), Some(ci + 1)]
            .into_iter()
            .flatten()
            .any(|other| {
                let Some(n) = cues.get(other) else {
                    return false;
                };
                let other_cue = lex.casualties.payload(n.entry);
                let both = |c: &crate::lexicon::CasualtyCue| {
                    matches!(c.kind, CasualtyKind::Killed | CasualtyKind::Injured)
                };
                if other_cue.kind == cue.kind || !both(&cue) || !both(other_cue) {
                    return false;
                }
                if !joined_by_and(a, m.tokens.clone(), n.tokens.clone()) {
                    return false;
                }
                let (first, second, p1, p2) = if m.tokens.start < n.tokens.start {
                    (m, n, cue.position, other_cue.position)
                } else {
                    (n, m, other_cue.position, cue.position)
                };
                let takes_after = |p: NumberPosition| p != NumberPosition::Before;
                let takes_before = |p: NumberPosition| p != NumberPosition::After;
                let number_after = quantities.iter().any(|q| {
                    q.tokens.start >= second.tokens.end
                        && words_between(a, second.tokens.end, q.tokens.start) <= AFTER_GAP
                });
                let number_before = quantities.iter().any(|q| {
                    q.tokens.end <= first.tokens.start
                        && words_between(a, q.tokens.end, first.tokens.start) <= BEFORE_GAP
                });
                (takes_after(p1) && takes_after(p2) && number_after)
                    || (takes_before(p1) && takes_before(p2) && number_before)
            });
        let mut count = CasualtyCount {
            kind: cue.kind,
            value: None,
            qualifier: None,
            cue: m.span,
            number: None,
            tokens: m.tokens.clone(),
            cue_tokens: m.tokens.clone(),
            sentence,
            shared,
            rule,
            none: cue.kind == CasualtyKind::NoCasualties,
        };
        if count.none {
            count.value = Some(0);
            out.push(count);
            continue;
        }
        if let Some((qi, q)) = found {
            used[qi] = true;
            count.number = Some(q.span);
            count.tokens = m.tokens.start.min(q.tokens.start)..m.tokens.end.max(q.tokens.end);
            if !shared {
                count.value = Some(q.value);
                count.qualifier = q.qualifier;
                // "25 جهاديا من النصرة وسبعة من المقاتلين": a second group joined by و.
                if let Some((qi2, q2)) = quantities.iter().enumerate().find(|(k, q2)| {
                    !used[*k]
                        && q2.tokens.start > q.tokens.end
                        && q2.tokens.start <= q.tokens.end + 5
                        && a.tokens[q2.tokens.start].sentence == sentence
                        && a.key_at(q2.tokens.start).starts_with('و')
                        && a.key_at(q2.tokens.end) == "من"
                        && words_between(a, q.tokens.end, q2.tokens.start) != usize::MAX
                }) {
                    used[qi2] = true;
                    count.value = Some(q.value + q2.value);
                    count.number = Some(q.span.cover(q2.span));
                    count.tokens = count.tokens.start..count.tokens.end.max(q2.tokens.end);
                }
            }
        }
        out.push(count);
    }
    // A second cue of the same kind right next to a counted one (أصيب اثنان بجروح) adds
    // nothing.
    let counted: Vec<(CasualtyKind, Range<usize>)> = out
        .iter()
        .filter(|c| c.value.is_some())
        .map(|c| (c.kind, c.tokens.clone()))
        .collect();
    out.retain(|c| {
        c.value.is_some()
            || c.shared
            || !counted.iter().any(|(k, r)| {
                *k == c.kind
                    && r.start
                        .abs_diff(c.tokens.start)
                        .min(r.end.abs_diff(c.tokens.end))
                        <= 4
            })
    });
    out
}

/// Words between two token positions; punctuation in between makes them unrelated.
fn words_between(a: &AnalyzedText<'_>, from: usize, to: usize) -> usize {
    let mut n = 0;
    for t in &a.tokens[from..to] {
        match t.kind {
            TokenKind::Word | TokenKind::Latin => n += 1,
            TokenKind::Number => {}
            _ => return usize::MAX,
        }
    }
    n
}

/// Whether two cues are joined by "و" (a separate و or the proclitic of the second).
fn joined_by_and(a: &AnalyzedText<'_>, x: Range<usize>, y: Range<usize>) -> bool {
    let (first, second) = if x.start < y.start { (x, y) } else { (y, x) };
    match second.start.checked_sub(first.end) {
        Some(0) => a.key_at(second.start).starts_with('و'),
        Some(1) => a.key_at(first.end) == "و",
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str) -> Vec<(CasualtyKind, Option<u32>, bool)> {
        let lex = Lexicon::builtin().unwrap();
        let a = rasd_text::analyze(text, 0);
        let st = crate::lexicon::TokenStems::new(&a);
        let q = rasd_text::find_quantities(&a);
        find_casualties(&a, &lex, &q, &lex.scan(&a, &st).casualties)
            .into_iter()
            .map(|c| (c.kind, c.value, c.shared))
            .collect()
    }

    #[test]
    fn numbers_next_to_their_cues() {
        use CasualtyKind::*;
        type Expected = Vec<(CasualtyKind, Option<u32>, bool)>;
        let table: &[(&str, Expected)] = &[
            ("ما أدى لارتقاء خمسة مدنيين", vec![(Killed, Some(5), false)]),
            (
                "قتل 7 عناصر من الشرطة وأصيب ثلاثة آخرون بجروح",
                vec![(Killed, Some(7), false), (Injured, Some(3), false)],
            ),
            (
                "أن 9 أشخاص لقوا مصرعهم وأصيب 12 آخرون",
                vec![(Killed, Some(9), false), (Injured, Some(12), false)],
            ),
            (
                "أسفرت عن مقتل وجرح أكثر من 20 مسلحاً",
                vec![(Killed, None, true), (Injured, None, true)],
            ),
            (
                "بعد اعتقال 4 شبان من القرية",
                vec![(Detained, Some(4), false)],
            ),
            (
                "دون تسجيل أي خسائر بشرية",
                vec![(NoCasualties, Some(0), false)],
            ),
            (
                "قتل 12 مقاتلاً من الفصيل وستة من المدنيين",
                vec![(Killed, Some(18), false)],
            ),
            (
                "خلفت قتلى وجرحى",
                vec![(Killed, None, false), (Injured, None, false)],
            ),
            (
                "أكثر من 50 قتيلاً وجريحاً",
                vec![(Killed, None, true), (Injured, None, true)],
            ),
        ];
        for (text, want) in table {
            assert_eq!(&counts(text), want, "{text}");
        }
    }
}
