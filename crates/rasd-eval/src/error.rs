//! Errors: what score.py would stop on.

use std::fmt;
use std::path::PathBuf;

/// The Python exception score.py would raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PyException {
    TypeError,
    AttributeError,
    KeyError,
    ValueError,
    OverflowError,
}

impl fmt::Display for PyException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PyException::TypeError => "TypeError",
            PyException::AttributeError => "AttributeError",
            PyException::KeyError => "KeyError",
            PyException::ValueError => "ValueError",
            PyException::OverflowError => "OverflowError",
        })
    }
}

/// An input on which score.py raises instead of printing a report (a gold event without
/// `doc`, a location that is a number, a gold date that is not an ISO date, ...).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {message}")]
pub struct PyError {
    pub kind: PyException,
    pub message: String,
}

impl PyError {
    pub(crate) fn new(kind: PyException, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    pub(crate) fn type_error(message: impl Into<String>) -> Self {
        Self::new(PyException::TypeError, message)
    }

    pub(crate) fn attribute_error(type_name: &str, attr: &str) -> Self {
        Self::new(
            PyException::AttributeError,
            format!("'{type_name}' object has no attribute '{attr}'"),
        )
    }

    pub(crate) fn key_error(key: &str) -> Self {
        Self::new(PyException::KeyError, format!("'{key}'"))
    }

    pub(crate) fn value_error(message: impl Into<String>) -> Self {
        Self::new(PyException::ValueError, message)
    }

    pub(crate) fn overflow(message: impl Into<String>) -> Self {
        Self::new(PyException::OverflowError, message)
    }
}

/// Scoring stopped where score.py would have raised.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    /// `record` names the input: `gold[3]`, `predicted[7]`, `predicted[7] vs gold[3]`.
    #[error("{record}: score.py raises {error}")]
    Raised { record: String, error: PyError },
}

impl ScoreError {
    pub(crate) fn at(record: impl Into<String>) -> impl FnOnce(PyError) -> ScoreError {
        let record = record.into();
        move |error| ScoreError::Raised { record, error }
    }
}

/// A JSON Lines file that cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// score.py stops with a UnicodeDecodeError.
    #[error("{}:{line}: not UTF-8", path.display())]
    NotUtf8 { path: PathBuf, line: usize },
    /// score.py stops with `PATH:LINE: not JSON: ...`.
    #[error("{}:{line}: not JSON: {message}", path.display())]
    NotJson {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// Python's json reads this line, but a `serde_json::Value` cannot hold it
    /// (NaN or Infinity, an integer beyond 64 bits, a float beyond f64, a lone surrogate,
    /// nesting deeper than Python's recursion limit allows).
    #[error("{}:{line}: cannot hold as serde_json::Value: {message}", path.display())]
    Unrepresentable {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// An article on which score.py raises while reading anchors.
    #[error("{}:{line}: score.py raises {error}", path.display())]
    Article {
        path: PathBuf,
        line: usize,
        error: PyError,
    },
}
