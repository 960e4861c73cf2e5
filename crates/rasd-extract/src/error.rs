//! Errors of lexicon loading (extraction itself does not fail).

/// A lexicon file or entry that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file}: not valid TOML: {source}")]
    Toml {
        file: String,
        #[source]
        source: toml::de::Error,
    },
    #[error("{file}: [[{table}]] entry {entry}: {reason}")]
    Entry {
        file: String,
        table: &'static str,
        entry: usize,
        reason: String,
    },
}
