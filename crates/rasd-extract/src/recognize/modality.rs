//! Modality: which stretches of text a cue (هدد، نفى، أنباء عن، يذكر أن، حصيلة) governs.

use std::ops::Range;

use rasd_core::Span;
use rasd_text::{AnalyzedText, TokenKind};

use super::Clause;
use crate::lexicon::{Lexicon, Match, ModalityEffect, ModalityScope};

/// The tokens a modality cue governs.
#[derive(Debug, Clone, PartialEq)]
pub struct ModalityRange {
    pub effect: ModalityEffect,
    pub tokens: Range<usize>,
    pub factor: f32,
    pub cue: Span,
    /// The cue's own tokens.
    pub cue_tokens: Range<usize>,
    pub rule: String,
}

impl ModalityRange {
    pub fn covers(&self, token: usize) -> bool {
        self.tokens.contains(&token)
    }
}

/// The ranges the modality cues of a paragraph govern. A cue inside an actor's name
/// (الجيش الحر **سابقاً**) is part of the name, not a cue.
pub fn modality_ranges(
    a: &AnalyzedText<'_>,
    lex: &Lexicon,
    clauses: &[Clause],
    actors: &[Range<usize>],
    matches: &[Match],
) -> Vec<ModalityRange> {
    let mut out = Vec::new();
    for m in matches {
        if actors
            .iter()
            .any(|r| r.start < m.tokens.end && m.tokens.start < r.end)
        {
            continue;
        }
        let cue = *lex.modality.payload(m.entry);
        let first = m.tokens.start;
        let Some(clause) = clauses.iter().find(|c| c.tokens.contains(&first)) else {
            continue;
        };
        let sentence = &a.sentences[clause.sentence];
        let tokens = match cue.scope {
            ModalityScope::Sentence => sentence.tokens.clone(),
            ModalityScope::Clause => m.tokens.end..clause.tokens.end,
            ModalityScope::Rest => m.tokens.end..sentence.tokens.end,
            ModalityScope::Next(window) => {
                let mut end = m.tokens.end;
                let mut words = 0;
                while end < clause.tokens.end && words < window {
                    if matches!(a.tokens[end].kind, TokenKind::Word | TokenKind::Latin) {
                        words += 1;
                    }
                    end += 1;
                }
                m.tokens.end..end
            }
        };
        out.push(ModalityRange {
            effect: cue.effect,
            tokens,
            factor: cue.factor,
            cue: m.span,
            cue_tokens: m.tokens.clone(),
            rule: lex.modality.pattern(m).source.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::split_clauses;

    /// The effects that govern the first token of `word` in `text`.
    fn effects_on(text: &str, word: &str) -> Vec<ModalityEffect> {
        let lex = Lexicon::builtin().unwrap();
        let a = rasd_text::analyze(text, 0);
        let st = crate::lexicon::TokenStems::new(&a);
        let clauses = split_clauses(&a);
        let at = text.find(word).unwrap();
        let ti = a.token_at_or_after(at);
        modality_ranges(&a, &lex, &clauses, &[], &lex.scan(&a, &st).modality)
            .into_iter()
            .filter(|r| r.covers(ti))
            .map(|r| r.effect)
            .collect()
    }

    #[test]
    fn cues_govern_what_follows_them() {
        use ModalityEffect::*;
        let table = [
            (
                "هدد الفصيل بقصف المطار إذا لم ينسحب الجيش",
                "بقصف",
                vec![NotEvent],
            ),
            ("نفى المتحدث قصف المستشفى", "قصف", vec![NotEvent]),
            ("مع عدم اقتحام المدينة", "اقتحام", vec![NotEvent]),
            (
                "وسط أنباء عن التوصل لهدنة في الحي",
                "لهدنة",
                vec![Unconfirmed],
            ),
            ("قصفت الطائرات القرية، ولم يتم التوصل لاتفاق", "قصفت", vec![]),
            (
                "وثق المرصد 300 قتيل قضى معظمهم في القصف",
                "القصف",
                vec![Aggregate],
            ),
            (
                "وشهدت المدينة قبل ساعات من الهجوم مظاهرة",
                "الهجوم",
                vec![NotEvent],
            ),
        ];
        for (text, word, want) in table {
            assert_eq!(effects_on(text, word), want, "{word} in {text}");
        }
    }
}
