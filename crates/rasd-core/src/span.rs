//! Byte spans into a document's original text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into the original text of a document (or of its
/// title, see [`crate::TextPart`]). Spans always index the text as it was received, never
/// a normalised copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Shift by `base` bytes (a span local to a paragraph made absolute).
    pub const fn offset(self, base: usize) -> Span {
        Span::new(self.start + base, self.end + base)
    }

    /// The text this span covers, if it lies on character boundaries of `text`.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_overlap_contains() {
        let a = Span::new(2, 5);
        let b = Span::new(4, 9);
        assert_eq!(a.cover(b), Span::new(2, 9));
        assert!(a.overlaps(b));
        assert!(!a.overlaps(Span::new(5, 7)));
        assert!(Span::new(0, 10).contains(a));
        assert!(!a.contains(b));
        assert_eq!(a.offset(10), Span::new(12, 15));
    }

    #[test]
    fn slice_respects_char_boundaries() {
        let t = "قصف";
        assert_eq!(Span::new(0, 2).slice(t), Some("ق"));
        assert_eq!(Span::new(0, 1).slice(t), None);
    }
}
