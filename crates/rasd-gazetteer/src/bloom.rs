//! A small Bloom filter over the first words of every indexed name, so that a scanner can
//! skip the ~99% of words that start no name with two bit tests in a 128 KB table instead
//! of hash-map probes.

use std::hash::{Hash, Hasher};

use crate::hash::FxHasher;

const BITS: usize = 1 << 20;

#[derive(Debug, Clone)]
pub(crate) struct FirstWords {
    bits: Vec<u64>,
}

impl Default for FirstWords {
    fn default() -> Self {
        FirstWords {
            bits: vec![0; BITS / 64],
        }
    }
}

impl FirstWords {
    fn positions(word: &str) -> [usize; 2] {
        let mut h = FxHasher::default();
        word.hash(&mut h);
        let x = h.finish();
        [
            (x as usize) % BITS,
            ((x >> 32) as usize ^ (x as usize).rotate_left(17)) % BITS,
        ]
    }

    pub(crate) fn insert(&mut self, word: &str) {
        for p in Self::positions(word) {
            self.bits[p / 64] |= 1 << (p % 64);
        }
    }

    pub(crate) fn may_contain(&self, word: &str) -> bool {
        Self::positions(word)
            .iter()
            .all(|p| self.bits[p / 64] & (1 << (p % 64)) != 0)
    }
}
