//! Clauses: the parts of a sentence between commas, semicolons and colons, or before a
//! connective that starts a new statement (بينما، فيما، في حين، كما). Weapons and modality
//! reach across a clause, not beyond it.

use std::ops::Range;

use rasd_text::{AnalyzedText, PunctKind, TokenKind};

/// A clause: a token range inside one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub sentence: usize,
    pub tokens: Range<usize>,
}

/// Words that open a new clause when they start a token (with or without و), as word
/// sequences.
const CONNECTIVES: &[&[&str]] = &[
    &["بينما"],
    &["فيما"],
    &["حيث"],
    &["كما"],
    &["ثم"],
    &["لكن"],
    &["الا", "ان"],
    &["في", "حين"],
    &["بعد", "ان"],
    &["من", "جهه", "اخري"],
    &["من", "جهته"],
    &["في", "غضون", "ذلك"],
    &["في", "سياق", "متصل"],
];

pub fn split_clauses(a: &AnalyzedText<'_>) -> Vec<Clause> {
    let mut out = Vec::new();
    for (si, s) in a.sentences.iter().enumerate() {
        let mut start = s.tokens.start;
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            let t = &a.tokens[i];
            let boundary_punct = matches!(
                t.kind,
                TokenKind::Punct(PunctKind::Comma | PunctKind::Semicolon | PunctKind::Colon)
            );
            if boundary_punct {
                if i > start {
                    out.push(Clause {
                        sentence: si,
                        tokens: start..i,
                    });
                }
                start = i + 1;
            } else if i > start && connective_at(a, i, s.tokens.end) {
                out.push(Clause {
                    sentence: si,
                    tokens: start..i,
                });
                start = i;
            }
            i += 1;
        }
        let mut end = s.tokens.end;
        while end > start && matches!(a.tokens[end - 1].kind, TokenKind::Punct(_)) {
            end -= 1;
        }
        if start < end {
            out.push(Clause {
                sentence: si,
                tokens: start..end,
            });
        }
    }
    out
}

fn connective_at(a: &AnalyzedText<'_>, i: usize, end: usize) -> bool {
    let first = a.key_at(i);
    let first = first
        .strip_prefix('و')
        .filter(|r| r.len() >= 4)
        .unwrap_or(first);
    // Connectives are short words: skip long ones without comparing.
    if first.len() > 10 {
        return false;
    }
    CONNECTIVES.iter().any(|c| {
        c[0] == first
            && c[1..]
                .iter()
                .enumerate()
                .all(|(k, w)| i + 1 + k < end && a.key_at(i + 1 + k) == *w)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(text: &str) -> Vec<String> {
        let a = rasd_text::analyze(text, 0);
        split_clauses(&a)
            .iter()
            .map(|c| {
                let s = a.tokens[c.tokens.start].span.start;
                let e = a.tokens[c.tokens.end - 1].span.end;
                text[s..e].to_owned()
            })
            .collect()
    }

    #[test]
    fn splits_on_punctuation_and_connectives() {
        assert_eq!(
            clauses("قصفت الطائرات البلدة، فيما اندلعت اشتباكات في محيطها. وقتل اثنان"),
            vec![
                "قصفت الطائرات البلدة",
                "فيما اندلعت اشتباكات في محيطها",
                "وقتل اثنان"
            ]
        );
        assert_eq!(
            clauses("هاجمت مجموعات محلية حاجزا بينما قصفت قوات النظام البلدة"),
            vec!["هاجمت مجموعات محلية حاجزا", "بينما قصفت قوات النظام البلدة"]
        );
    }
}
