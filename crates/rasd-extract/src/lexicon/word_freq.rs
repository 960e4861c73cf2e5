//! How common each word is in Arabic news (data/word_freq.tsv.gz, built by
//! tools/wordfreq/build.py). Used to refuse clitic readings of ordinary words (وزارة is
//! not و + زارة) and to tell ordinary words from unknown place names.

use std::io::Read;

use rustc_hash::FxHashMap;

const EMBEDDED: &[u8] = include_bytes!("../../data/word_freq.tsv.gz");

/// Word (match key) → occurrences in the reference corpus.
#[derive(Debug, Clone, Default)]
pub struct WordFreq {
    counts: FxHashMap<Box<str>, u32>,
}

impl WordFreq {
    /// The table shipped with rasd. An unreadable table (never expected: it is compiled in)
    /// gives an empty one, which only makes the guards that use it permissive.
    pub fn embedded() -> Self {
        let mut text = String::new();
        let mut gz = flate2::read::GzDecoder::new(EMBEDDED);
        if gz.read_to_string(&mut text).is_err() {
            tracing::warn!("embedded word frequencies unreadable; continuing without");
            return WordFreq::default();
        }
        WordFreq::parse(&text)
    }

    /// Parses `word<TAB>count` lines (`#` starts a comment).
    pub fn parse(text: &str) -> Self {
        let mut counts = FxHashMap::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            if let Some((w, c)) = line.split_once('\t')
                && let Ok(c) = c.trim().parse::<u32>()
            {
                counts.insert(w.into(), c);
            }
        }
        WordFreq { counts }
    }

    pub fn count(&self, key: &str) -> u32 {
        self.counts.get(key).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Whether reading `word` as proclitics + `stem` is plausible: the stem is at least as
    /// common as the whole word, or the whole word is rare.
    pub fn allows_stripping(&self, word: &str, stem: &str) -> bool {
        let w = self.count(word);
        w < RARE || self.count(stem) >= w
    }

    /// Whether a word is common enough to be an ordinary word rather than a name.
    pub fn is_common(&self, key: &str) -> bool {
        self.count(key) >= COMMON
    }

    /// Whether a word is so common that even a sub-district's name must be cued (صور:
    /// pictures before Tyre or Sur).
    pub fn is_very_common(&self, key: &str) -> bool {
        self.count(key) >= VERY_COMMON
    }
}

const VERY_COMMON: u32 = 500;

/// Below this a word tells nothing.
const RARE: u32 = 20;
/// At or above this a single word is an ordinary word first.
const COMMON: u32 = 150;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_separates_words_from_clitic_readings() {
        let f = WordFreq::embedded();
        assert!(f.len() > 30_000);
        for (word, stem, ok) in [
            ("وزاره", "زاره", false),
            ("برميل", "رميل", false),
            ("بواسطه", "واسطه", false),
            ("كبيره", "بيره", false),
            ("للميادين", "الميادين", true),
            ("بدمشق", "دمشق", true),
        ] {
            assert_eq!(f.allows_stripping(word, stem), ok, "{word} → {stem}");
        }
        assert!(f.is_common("سيطره"));
        assert!(!f.is_common("كناكر"));
    }
}
