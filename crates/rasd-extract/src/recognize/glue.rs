//! Words glued together where a source lost a space (often around removed links):
//! تركياهجوماً، العراقاستهداف، مراسلالميادين، حلبفي. A token unknown to the word-frequency
//! table that splits into two common words becomes two tokens. Only the token list
//! changes: each part's span still points into the original text.

use rasd_gazetteer::Gazetteer;
use rasd_text::{AnalyzedText, Token, TokenKind};

use crate::lexicon::WordFreq;

/// Short words that may stand on either side of a split.
const SHORT: &[&str] = &["في", "من", "عن", "مع", "ان", "لا", "او", "ما"];
/// How common each part must be.
const MIN_PART: u32 = 40;

/// Splits glued tokens in place. Returns how many were split.
pub fn split_glued(a: &mut AnalyzedText<'_>, freq: &WordFreq, gaz: &Gazetteer) -> usize {
    if freq.is_empty() {
        return 0;
    }
    let mut splits: Vec<(usize, usize)> = Vec::new();
    for (i, t) in a.tokens.iter().enumerate() {
        if t.kind != TokenKind::Word {
            continue;
        }
        let key = a.key(t);
        if key.chars().count() < 5 || freq.count(key) > 0 || !gaz.lookup_exact(key).is_empty() {
            continue;
        }
        if let Some(at) = best_split(key, freq, gaz) {
            splits.push((i, at));
        }
    }
    if splits.is_empty() {
        return 0;
    }
    let mut tokens: Vec<Token> = Vec::with_capacity(a.tokens.len() + splits.len());
    let mut next = splits.iter().peekable();
    for (i, t) in a.tokens.iter().enumerate() {
        match next.peek() {
            Some((si, at)) if *si == i => {
                let mid = t.key.start + at;
                let left = Token {
                    key: t.key.start..mid,
                    span: a.key_span(t.key.start, mid),
                    ..t.clone()
                };
                let mut right = Token {
                    key: mid..t.key.end,
                    span: a.key_span(mid, t.key.end),
                    ..t.clone()
                };
                right.span.end = right.span.end.max(t.span.end);
                tokens.push(left);
                tokens.push(right);
                next.next();
            }
            _ => tokens.push(t.clone()),
        }
    }
    // Sentences keep their tokens: shift their ranges by the splits before them.
    let shift = |idx: usize| idx + splits.iter().filter(|(si, _)| *si < idx).count();
    for s in &mut a.sentences {
        s.tokens = shift(s.tokens.start)..shift(s.tokens.end);
    }
    a.tokens = tokens;
    splits.len()
}

/// The byte offset of the best split of `key`, if both parts are common words.
fn best_split(key: &str, freq: &WordFreq, gaz: &Gazetteer) -> Option<usize> {
    let mut best: Option<(u32, usize)> = None;
    for (at, _) in key.char_indices().skip(2) {
        let (l, r) = key.split_at(at);
        let ok = |w: &str| {
            SHORT.contains(&w)
                || (w.chars().count() >= 3
                    && (freq.count(w) >= MIN_PART || !gaz.lookup_exact(w).is_empty()))
        };
        if r.chars().count() < 2 || !ok(l) || !ok(r) {
            continue;
        }
        let score = freq.count(l).min(freq.count(r)).max(1);
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, at));
        }
    }
    best.map(|(_, at)| at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;

    fn split(text: &str) -> Vec<String> {
        let lex = Lexicon::builtin().unwrap();
        let gaz = Gazetteer::embedded().unwrap();
        let mut a = rasd_text::analyze(text, 0);
        split_glued(&mut a, &lex.word_freq, &gaz);
        a.tokens.iter().map(|t| a.text(t).to_owned()).collect()
    }

    #[test]
    fn glued_words_split_with_spans_into_the_original() {
        assert_eq!(
            split("أفاد مراسلالميادين اليوم"),
            ["أفاد", "مراسل", "الميادين", "اليوم"]
        );
        assert_eq!(
            split("المدعومة من تركياهجوماً"),
            ["المدعومة", "من", "تركيا", "هجوماً"]
        );
        assert_eq!(
            split("استهدف مدينة حلبفي شمالي سوريا"),
            ["استهدف", "مدينة", "حلب", "في", "شمالي", "سوريا"]
        );
    }

    #[test]
    fn real_words_and_names_stay_whole() {
        for text in ["كناكر", "والمستشفيات", "الإرهابيين", "البوكمال", "طفس"]
        {
            assert_eq!(split(text), [text], "{text}");
        }
    }
}
