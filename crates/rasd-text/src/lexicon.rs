//! Small closed word lists, written in ordinary Arabic spelling and folded to match keys
//! once, on first use, in hash maps with a fast (non-cryptographic) hasher.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};

use crate::normalize::match_key;

/// A map from match keys.
pub(crate) type Map<V> = HashMap<String, V, Fx>;
/// A set of match keys.
pub(crate) type Set = HashSet<String, Fx>;

/// A map from match keys to values, built from `(spelling, value)` pairs.
pub(crate) fn table<V: Copy>(entries: &[(&str, V)]) -> Map<V> {
    entries.iter().map(|&(w, v)| (match_key(w), v)).collect()
}

/// A map from match keys to values, built from groups of spellings sharing a value.
pub(crate) fn grouped<V: Copy>(groups: &[(V, &[&str])]) -> Map<V> {
    groups
        .iter()
        .flat_map(|&(v, words)| words.iter().map(move |w| (match_key(w), v)))
        .collect()
}

/// The match keys of a list of spellings.
pub(crate) fn set(words: &[&str]) -> Set {
    words.iter().map(|w| match_key(w)).collect()
}

/// FxHash-style hasher: the lexicons are small and fixed, so collision resistance does not
/// matter and speed does.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Fx;

impl BuildHasher for Fx {
    type Hasher = FxHasher;

    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_fold_spellings() {
        let t = table(&[("أمس", 1), ("مستشفى", 2)]);
        assert_eq!(t.get("امس"), Some(&1));
        assert_eq!(t.get("مستشفي"), Some(&2));
        let s = set(&["الجمعة"]);
        assert!(s.contains("الجمعه"));
        assert!(!s.contains("الجمعة"));
    }
}
