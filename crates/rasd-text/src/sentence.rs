//! Sentence splitting over tokens.
//!
//! A sentence ends at `.` `!` `؟` `?` `؛` `;` `…` or a line break, except a `.` right
//! after a one-letter word (`U.S.`, `د. محمد`); decimal points never reach here (they are
//! inside number tokens). Closing quotes and brackets right after the end mark, further end
//! marks (`..`, `؟!`) and line breaks stay with the sentence they close.

use std::ops::Range;

use rasd_core::Span;

use crate::token::{PunctKind, Token, TokenKind};

/// One sentence of an analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Absolute span from the first to the last token that is not a line break.
    pub span: Span,
    /// The sentence's tokens (indices into [`crate::AnalyzedText::tokens`]).
    pub tokens: Range<usize>,
}

/// Splits `tokens` into sentences and sets each token's `sentence`. `key` is the match key
/// the tokens index. The sentences partition the tokens in order.
pub(crate) fn split(tokens: &mut [Token], key: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let n = tokens.len();
    let mut start = 0;
    let mut has_content = false;
    let mut i = 0;
    while i < n {
        let t = &tokens[i];
        let terminal = match t.kind {
            TokenKind::Punct(PunctKind::Newline) => true,
            TokenKind::Punct(PunctKind::Period) => {
                !after_abbreviation(tokens, i, key) && !inside_name(tokens, i)
            }
            TokenKind::Punct(p) => p.ends_sentence(),
            _ => false,
        };
        if !terminal || !has_content {
            has_content |= !t.is_newline();
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && absorbs(&tokens[j], &tokens[j - 1]) {
            j += 1;
        }
        push(&mut sentences, tokens, start..j);
        start = j;
        has_content = false;
        i = j;
    }
    if start < n {
        push(&mut sentences, tokens, start..n);
    }
    sentences
}

/// Whether `t`, following `prev`, stays with the sentence that just ended.
fn absorbs(t: &Token, prev: &Token) -> bool {
    match t.kind {
        TokenKind::Punct(p) => {
            p.ends_sentence()
                || matches!(
                    p,
                    PunctKind::Newline | PunctKind::CloseQuote | PunctKind::CloseBracket
                )
                || (p == PunctKind::Quote && t.key.start == prev.key.end)
        }
        _ => false,
    }
}

/// A `.` at `i` right after a one-letter word or Latin token (`U.S.`, `د.`).
fn after_abbreviation(tokens: &[Token], i: usize, key: &str) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| tokens.get(p)) else {
        return false;
    };
    prev.key.end == tokens[i].key.start
        && matches!(prev.kind, TokenKind::Word | TokenKind::Latin)
        && key
            .get(prev.key.clone())
            .is_some_and(|s| s.chars().count() == 1)
}

/// A `.` joined to a Latin word or a number on both sides (`aawsat.com`, `v2.0`).
fn inside_name(tokens: &[Token], i: usize) -> bool {
    let joined = |t: Option<&Token>, left: bool| {
        t.is_some_and(|t| {
            matches!(t.kind, TokenKind::Latin | TokenKind::Number)
                && if left {
                    t.key.end == tokens[i].key.start
                } else {
                    t.key.start == tokens[i].key.end
                }
        })
    };
    joined(i.checked_sub(1).and_then(|p| tokens.get(p)), true) && joined(tokens.get(i + 1), false)
}

fn push(sentences: &mut Vec<Sentence>, tokens: &mut [Token], range: Range<usize>) {
    let idx = sentences.len();
    let slice = &tokens[range.clone()];
    let content = |t: &&Token| !t.is_newline();
    let first = slice.iter().find(content).or(slice.first());
    let last = slice.iter().rev().find(content).or(slice.last());
    let span = match (first, last) {
        (Some(a), Some(b)) => Span::new(a.span.start, b.span.end.max(a.span.start)),
        _ => return,
    };
    for t in &mut tokens[range.clone()] {
        t.sentence = idx;
    }
    sentences.push(Sentence {
        span,
        tokens: range,
    });
}

#[cfg(test)]
mod tests {
    use crate::analyze;

    fn sentences(s: &str) -> Vec<&str> {
        let a = analyze(s, 0);
        a.sentences
            .iter()
            .map(|x| &s[x.span.start..x.span.end])
            .collect()
    }

    #[test]
    fn sentence_table() {
        let table: Vec<(&str, Vec<&str>)> = vec![
            ("قتل 4. وأصيب 3.", vec!["قتل 4.", "وأصيب 3."]),
            ("بلغ 3.5 مليون. ثم", vec!["بلغ 3.5 مليون.", "ثم"]),
            ("هل قتل؟ نعم!", vec!["هل قتل؟", "نعم!"]),
            (
                "قال: \"انسحبوا.\" ثم عادوا",
                vec!["قال: \"انسحبوا.\"", "ثم عادوا"],
            ),
            ("قال «انسحبوا.» ثم", vec!["قال «انسحبوا.»", "ثم"]),
            ("(قتل اثنان.) وأصيب", vec!["(قتل اثنان.)", "وأصيب"]),
            ("في U.S. اليوم", vec!["في U.S. اليوم"]),
            ("موقع aawsat.com قال.", vec!["موقع aawsat.com قال."]),
            ("قال د. محمد إن", vec!["قال د. محمد إن"]),
            ("المطالب.. ميليشيا", vec!["المطالب..", "ميليشيا"]),
            ("أولا؛ ثانيا", vec!["أولا؛", "ثانيا"]),
            ("\n\nسطر أول\nسطر ثان\n", vec!["سطر أول", "سطر ثان"]),
            ("", vec![]),
            ("\n", vec!["\n"]),
        ];
        for (input, expected) in table {
            assert_eq!(sentences(input), expected, "sentences of {input:?}");
        }
    }

    #[test]
    fn tokens_know_their_sentence() {
        let a = analyze("قتل 4. وأصيب 3.", 100);
        let idx: Vec<usize> = a.tokens.iter().map(|t| t.sentence).collect();
        assert_eq!(idx, [0, 0, 0, 1, 1, 1]);
        assert_eq!(a.sentences[1].tokens, 3..6);
        assert_eq!(a.span_text(a.sentences[1].span), "وأصيب 3.");
    }
}
