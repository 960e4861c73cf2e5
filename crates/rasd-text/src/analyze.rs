//! One paragraph analysed: normalised forms, tokens, sentences, all with absolute spans.

use rasd_core::Span;
use smallvec::SmallVec;

use crate::clitic::{self, Stem};
use crate::normalize::Normalized;
use crate::sentence::{self, Sentence};
use crate::token::{self, Token};

/// A paragraph (or any piece of a document) after analysis.
///
/// Every [`Span`] in it is absolute: `base` plus a byte offset into `original`, and it
/// always lies on character boundaries of `original`. Token key ranges index
/// [`Normalized::key`] of `norm`.
#[derive(Debug, Clone)]
pub struct AnalyzedText<'a> {
    /// The text as received (never modified).
    pub original: &'a str,
    /// Byte offset of `original` inside its document.
    pub base: usize,
    pub norm: Normalized,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

/// Analyses `original`, which starts at byte `base` of its document: normalises it,
/// tokenises the match key, and splits sentences. Never panics.
pub fn analyze(original: &str, base: usize) -> AnalyzedText<'_> {
    let norm = Normalized::new(original);
    let bytes = original.as_bytes();
    let hint = std::cell::Cell::new(0usize);
    let mut tokens = token::tokenize(&norm.key, |a, b| {
        let mut h = hint.get();
        let (s, mut e) = norm.key_map().to_original_monotone(a, b, &mut h);
        hint.set(h);
        // Harakat and tatweel that follow a token's last letter belong to it (قُتِلَ).
        while let Some(len) = trailing_mark_len(bytes, e) {
            e += len;
        }
        Span::new(s + base, e + base)
    });
    let sentences = sentence::split(&mut tokens, &norm.key);
    AnalyzedText {
        original,
        base,
        norm,
        tokens,
        sentences,
    }
}

/// Length of the character at `pos` if it is an Arabic mark or tatweel (dropped from both
/// derived forms, but part of the word it follows).
fn trailing_mark_len(bytes: &[u8], pos: usize) -> Option<usize> {
    let (&b0, &b1) = (bytes.get(pos)?, bytes.get(pos + 1)?);
    if !(0xD8..=0xDB).contains(&b0) {
        return None;
    }
    let cp = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
    matches!(cp, 0x0610..=0x061A | 0x0640 | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED).then_some(2)
}

impl<'a> AnalyzedText<'a> {
    /// The match key of a token.
    pub fn key(&self, t: &Token) -> &str {
        self.norm.key.get(t.key.clone()).unwrap_or("")
    }

    /// The original text of a token.
    pub fn text(&self, t: &Token) -> &'a str {
        self.span_text(t.span)
    }

    /// The original text of an absolute span ("" if it is not inside this text).
    pub fn span_text(&self, span: Span) -> &'a str {
        let (Some(s), Some(e)) = (
            span.start.checked_sub(self.base),
            span.end.checked_sub(self.base),
        ) else {
            return "";
        };
        self.original.get(s..e).unwrap_or("")
    }

    /// The key of the token at index `i` ("" past the end).
    pub fn key_at(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| self.key(t))
    }

    /// The absolute span of the match-key byte range `[start, end)`.
    pub fn key_span(&self, start: usize, end: usize) -> Span {
        let (s, e) = self.norm.key_to_original(start, end);
        Span::new(s + self.base, e + self.base)
    }

    /// The proclitic stems of a token's key (see [`clitic::stems`]).
    pub fn stems(&self, t: &Token) -> SmallVec<[Stem<'_>; 4]> {
        clitic::stems(self.key(t))
    }

    /// The original span of a stem of token `t`: the token's span minus the stripped
    /// proclitics. For an elided article (`للقوات` → `القوات`) it starts at the second `ل`,
    /// which stands for the article.
    pub fn stem_span(&self, t: &Token, stem: &Stem<'_>) -> Span {
        let start = (t.key.start + stem.prefix_len).min(t.key.end);
        let end = t.key.end.saturating_sub(stem.suffix_len).max(start);
        let s = self.key_span(start, end);
        // Keep the token's own end (with trailing harakat) when nothing was cut there.
        if stem.suffix_len == 0 {
            Span::new(s.start, t.span.end.max(s.start))
        } else {
            s
        }
    }

    /// The token's key without a pronoun suffix (`حصارها` → `حصار`), with the suffix's
    /// byte length, like [`clitic::strip_enclitic`], but refusing a final `ه` that is
    /// really a `ة` in the original (`مدينة` is not `مدين` + `ه`).
    pub fn strip_enclitic(&self, t: &Token) -> Option<(&str, usize)> {
        let (stem, len) = clitic::strip_enclitic(self.key(t))?;
        let display = self.norm.display.get(t.key.clone())?;
        if display.ends_with('ة') {
            return None;
        }
        Some((stem, len))
    }

    /// Index of the first token whose span starts at or after `pos` (absolute).
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_absolute_and_cover_harakat() {
        let s = "قُتِلَ ٣ مدنيين";
        let a = analyze(s, 1000);
        let texts: Vec<&str> = a.tokens.iter().map(|t| a.text(t)).collect();
        assert_eq!(texts, ["قُتِلَ", "٣", "مدنيين"]);
        let keys: Vec<&str> = a.tokens.iter().map(|t| a.key(t)).collect();
        assert_eq!(keys, ["قتل", "3", "مدنيين"]);
        assert!(a.tokens[0].span.start == 1000);
        assert_eq!(a.span_text(Span::new(0, 3)), "");
    }

    #[test]
    fn stem_spans() {
        let s = "وبالقرب للقوات حصارها";
        let a = analyze(s, 7);
        let t = &a.tokens[0];
        let st = a.stems(t);
        let spans: Vec<&str> = st.iter().map(|x| a.span_text(a.stem_span(t, x))).collect();
        assert_eq!(spans, ["وبالقرب", "بالقرب", "القرب", "قرب"]);
        let t = &a.tokens[1];
        let st = a.stems(t);
        let got: Vec<(String, &str)> = st
            .iter()
            .map(|x| (x.key.to_string(), a.span_text(a.stem_span(t, x))))
            .collect();
        assert_eq!(
            got,
            [
                ("للقوات".to_string(), "للقوات"),
                ("القوات".to_string(), "لقوات"),
                ("قوات".to_string(), "قوات")
            ]
        );
        assert_eq!(a.strip_enclitic(&a.tokens[2]), Some(("حصار", 4)));
    }

    #[test]
    fn enclitic_refuses_ta_marbuta() {
        let a = analyze("مدينة مدينته", 0);
        assert_eq!(a.strip_enclitic(&a.tokens[0]), None);
        assert_eq!(a.strip_enclitic(&a.tokens[1]), Some(("مدينت", 2)));
    }
}
