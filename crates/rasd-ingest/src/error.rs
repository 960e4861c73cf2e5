//! Why an input, a document or a record was rejected. Every error names where it came from
//! (file, and line or record for JSONL/CSV) and the reason; the rest of the batch goes on.

use std::fmt;
use std::io;
use std::path::PathBuf;

use rasd_core::Origin;
use serde::Serialize;

use crate::decode::DecodeError;

/// A rejected input, document or record.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{origin}: cannot read: {source}")]
    Io {
        origin: Origin,
        #[source]
        source: io::Error,
    },
    #[error("{origin}: {source}")]
    Decode {
        origin: Origin,
        #[source]
        source: DecodeError,
    },
    #[error("{origin}: too large: {} exceeds the limit of {limit} bytes", size_text(*.size))]
    TooLarge {
        origin: Origin,
        /// The size, when known (a compressed stream is not read past the limit).
        size: Option<u64>,
        limit: u64,
    },
    #[error("{origin}: not valid JSON: {message}")]
    Json { origin: Origin, message: String },
    #[error("{origin}: not a JSON object (found {found})")]
    NotAnObject { origin: Origin, found: &'static str },
    #[error("{origin}: malformed CSV: {message}")]
    Csv { origin: Origin, message: String },
    #[error("{origin}: the CSV header has no `text` column (columns: {columns})")]
    CsvNoTextColumn { origin: Origin, columns: String },
    #[error("{origin}: record has no text")]
    NoText { origin: Origin },
    #[error("{origin}: nothing left after cleaning ({removed} paragraph(s) removed)")]
    NothingKept { origin: Origin, removed: usize },
    #[error("cannot read the UI phrase file {path}: {source}")]
    PhraseFile {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

fn size_text(size: Option<u64>) -> String {
    match size {
        Some(s) => format!("{s} bytes"),
        None => "the content".to_owned(),
    }
}

impl IngestError {
    /// The rejection reason, for counting.
    pub fn reason(&self) -> RejectReason {
        match self {
            IngestError::Io { .. } | IngestError::PhraseFile { .. } => RejectReason::Io,
            IngestError::Decode { source, .. } => match source {
                DecodeError::Empty => RejectReason::Empty,
                DecodeError::NulBytes { .. } | DecodeError::ControlChars { .. } => {
                    RejectReason::Binary
                }
                DecodeError::UnsupportedEncoding { .. } | DecodeError::Undecodable { .. } => {
                    RejectReason::Encoding
                }
            },
            IngestError::TooLarge { .. } => RejectReason::TooLarge,
            IngestError::Json { .. } | IngestError::NotAnObject { .. } => RejectReason::BadJson,
            IngestError::Csv { .. } | IngestError::CsvNoTextColumn { .. } => RejectReason::BadCsv,
            IngestError::NoText { .. } => RejectReason::NoText,
            IngestError::NothingKept { .. } => RejectReason::NothingKept,
        }
    }

    /// Where the rejected input came from.
    pub fn origin(&self) -> Option<&Origin> {
        match self {
            IngestError::Io { origin, .. }
            | IngestError::Decode { origin, .. }
            | IngestError::TooLarge { origin, .. }
            | IngestError::Json { origin, .. }
            | IngestError::NotAnObject { origin, .. }
            | IngestError::Csv { origin, .. }
            | IngestError::CsvNoTextColumn { origin, .. }
            | IngestError::NoText { origin }
            | IngestError::NothingKept { origin, .. } => Some(origin),
            IngestError::PhraseFile { .. } => None,
        }
    }
}

/// Why something was rejected, as a closed set for counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    Io,
    Empty,
    Binary,
    Encoding,
    TooLarge,
    BadJson,
    BadCsv,
    NoText,
    NothingKept,
}

impl RejectReason {
    pub const fn as_str(self) -> &'static str {
        match self {
            RejectReason::Io => "io",
            RejectReason::Empty => "empty",
            RejectReason::Binary => "binary",
            RejectReason::Encoding => "encoding",
            RejectReason::TooLarge => "too_large",
            RejectReason::BadJson => "bad_json",
            RejectReason::BadCsv => "bad_csv",
            RejectReason::NoText => "no_text",
            RejectReason::NothingKept => "nothing_kept",
        }
    }
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_origin_and_reason() {
        let origin = Origin {
            path: "dir/a.jsonl".into(),
            line: Some(7),
        };
        let table = [
            (
                IngestError::Json {
                    origin: origin.clone(),
                    message: "EOF while parsing".into(),
                },
                "dir/a.jsonl:7: not valid JSON: EOF while parsing",
                RejectReason::BadJson,
            ),
            (
                IngestError::TooLarge {
                    origin: origin.clone(),
                    size: Some(30),
                    limit: 20,
                },
                "dir/a.jsonl:7: too large: 30 bytes exceeds the limit of 20 bytes",
                RejectReason::TooLarge,
            ),
            (
                IngestError::Decode {
                    origin: origin.clone(),
                    source: DecodeError::Empty,
                },
                "dir/a.jsonl:7: empty: no text",
                RejectReason::Empty,
            ),
            (
                IngestError::NoText {
                    origin: Origin {
                        path: "x.csv".into(),
                        line: None,
                    },
                },
                "x.csv: record has no text",
                RejectReason::NoText,
            ),
        ];
        for (e, msg, reason) in table {
            assert_eq!(e.to_string(), msg);
            assert_eq!(e.reason(), reason);
            assert!(e.origin().is_some());
        }
    }
}
