//! Small closed word lists, written in ordinary Arabic spelling and folded to match keys
//! once, on first use, in hash maps with a fast (non-cryptographic) hasher.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxBuildHasher as Fx;

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
