//! Offset maps from a derived string (display form, match key) back to the original bytes.
//!
//! The map is stored as a short list of segments rather than one entry per byte: in an
//! **identity** segment every derived character has an original character of the same byte
//! length at the same relative position (the common case: Arabic letters, folded letter
//! variants, ASCII); in a **block** segment every derived byte maps to the whole original
//! character it came from (a folded digit `٥` → `5`, a ligature `ﻻ` → `لا`). A segment
//! break also occurs wherever an original character was dropped (harakat, tatweel, bidi
//! controls). Typical Arabic news text needs a handful of segments per paragraph.

/// One run of the map; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    /// First derived byte of the run.
    derived: u32,
    /// First original byte of the run.
    original: u32,
    /// `None` for an identity run; for a block, the end of its original character.
    block_end: Option<u32>,
}

/// Maps byte positions of a derived string back to byte positions of the original.
///
/// Positions passed in should lie on character boundaries of the derived string (they do
/// whenever they come from [`crate::Normalized`]'s methods or from a token). A position
/// past the end clamps to the original's end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segs: Vec<Seg>,
    derived_len: u32,
    original_len: u32,
}

impl OffsetMap {
    pub(crate) fn with_original_len(original_len: usize) -> Self {
        OffsetMap {
            segs: Vec::new(),
            derived_len: 0,
            original_len: clamp_u32(original_len),
        }
    }

    /// Maps the derived byte range `[start, end)` to the original byte range covering the
    /// characters it came from. Positions past the end clamp to the original's end.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let n = self.derived_len as usize;
        let o_start = if start < n {
            self.map_start(start)
        } else {
            self.original_len as usize
        };
        let o_end = if end == 0 || end <= start {
            o_start
        } else if end <= n {
            self.map_end(end - 1)
        } else {
            self.original_len as usize
        };
        (o_start, o_end.max(o_start))
    }

    /// The original byte offset where the derived byte `pos` starts.
    pub fn original_start(&self, pos: usize) -> usize {
        self.to_original(pos, pos).0
    }

    /// Length of the derived string this map was built for.
    pub fn derived_len(&self) -> usize {
        self.derived_len as usize
    }

    /// Length of the original string.
    pub fn original_len(&self) -> usize {
        self.original_len as usize
    }

    /// Number of segments (a measure of how much the derived form differs from the
    /// original; exposed for tests and diagnostics).
    pub fn segment_count(&self) -> usize {
        self.segs.len()
    }

    /// Like [`OffsetMap::to_original`] for callers that map ranges in increasing order:
    /// `hint` (start it at 0) remembers the segment reached, so each lookup is a short
    /// forward scan instead of a binary search.
    pub fn to_original_monotone(
        &self,
        start: usize,
        end: usize,
        hint: &mut usize,
    ) -> (usize, usize) {
        let n = self.derived_len as usize;
        let o_start = if start < n {
            let s = self.advance(start, hint);
            match s.block_end {
                None => s.original as usize + (start - s.derived as usize),
                Some(_) => s.original as usize,
            }
        } else {
            self.original_len as usize
        };
        let o_end = if end == 0 || end <= start {
            o_start
        } else if end <= n {
            let mut h = *hint;
            let s = self.advance(end - 1, &mut h);
            match s.block_end {
                None => s.original as usize + (end - 1 - s.derived as usize) + 1,
                Some(e) => e as usize,
            }
        } else {
            self.original_len as usize
        };
        (o_start, o_end.max(o_start))
    }

    /// The segment holding derived byte `pos` (< derived_len), scanning forward from `hint`.
    fn advance(&self, pos: usize, hint: &mut usize) -> Seg {
        let p = clamp_u32(pos);
        let fallback = Seg {
            derived: 0,
            original: 0,
            block_end: None,
        };
        if self.segs.get(*hint).is_none_or(|s| s.derived > p) {
            *hint = self
                .segs
                .partition_point(|s| s.derived <= p)
                .saturating_sub(1);
        }
        while self.segs.get(*hint + 1).is_some_and(|s| s.derived <= p) {
            *hint += 1;
        }
        self.segs.get(*hint).copied().unwrap_or(fallback)
    }

    fn seg_at(&self, pos: usize) -> Option<&Seg> {
        let p = clamp_u32(pos);
        let idx = self.segs.partition_point(|s| s.derived <= p);
        idx.checked_sub(1).and_then(|i| self.segs.get(i))
    }

    fn map_start(&self, pos: usize) -> usize {
        match self.seg_at(pos) {
            Some(s) => match s.block_end {
                None => s.original as usize + (pos - s.derived as usize),
                Some(_) => s.original as usize,
            },
            None => 0,
        }
    }

    /// The original end of the character that derived byte `pos` belongs to (for an
    /// identity run, `pos` is taken to be the last byte of its character).
    fn map_end(&self, pos: usize) -> usize {
        match self.seg_at(pos) {
            Some(s) => match s.block_end {
                None => s.original as usize + (pos - s.derived as usize) + 1,
                Some(e) => e as usize,
            },
            None => 0,
        }
    }

    /// Records one original character `[o_start, o_end)` that produced the derived bytes
    /// `[d_start, d_end)`. `same_shape` says the derived text is a single character of the
    /// same byte length as the original one.
    #[inline]
    pub(crate) fn record(
        &mut self,
        d_start: usize,
        d_end: usize,
        o_start: usize,
        o_end: usize,
        same_shape: bool,
    ) {
        if d_end == d_start {
            return;
        }
        let (d, o) = (clamp_u32(d_start), clamp_u32(o_start));
        if same_shape {
            let extends = self.segs.last().is_some_and(|s| {
                s.block_end.is_none()
                    && d.checked_sub(s.derived).is_some_and(|delta| {
                        u64::from(s.original) + u64::from(delta) == u64::from(o)
                    })
            });
            if !extends {
                self.segs.push(Seg {
                    derived: d,
                    original: o,
                    block_end: None,
                });
            }
        } else {
            self.segs.push(Seg {
                derived: d,
                original: o,
                block_end: Some(clamp_u32(o_end)),
            });
        }
        self.derived_len = clamp_u32(d_end);
    }
}

fn clamp_u32(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}
