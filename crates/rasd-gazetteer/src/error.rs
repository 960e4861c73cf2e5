//! Errors of loading gazetteer data.

/// An error of loading gazetteer data. `Clone`, so the shared embedded gazetteer can keep
/// its load result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GazetteerError {
    /// The data compiled into the crate does not parse (a build problem, caught by tests).
    #[error("embedded gazetteer data ({file}) is invalid: {message}")]
    Embedded { file: &'static str, message: String },
    /// A CSV file (user or curated) has an error on a line.
    #[error("{source_name}, line {line}: {message}")]
    Csv {
        source_name: String,
        line: u64,
        message: String,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },
}
