//! What an [`crate::Ingestor`] is told: the input format (or none, to go by extension), the
//! size limit, and an optional user file of extra interface phrases.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// The default limit on one document or record, after decompression: 20 MB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 20 * 1024 * 1024;

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Plain text: one document per file; the first line may be the title.
    Txt,
    /// An HTML page: one document per file, main content extracted.
    Html,
    /// JSON Lines: one record per line (`id, outlet, url, published, collected, title, text`).
    Jsonl,
    /// CSV with a header row naming the same fields as JSONL.
    Csv,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Txt, Format::Html, Format::Jsonl, Format::Csv];

    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
        }
    }

    /// The format a file extension (without the dot, any case) names, if any.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Txt),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// Whether this format holds many records per file.
    pub const fn is_record_based(self) -> bool {
        matches!(self, Format::Jsonl | Format::Csv)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown format name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {0:?} (expected txt, html, jsonl or csv)")]
pub struct ParseFormatError(pub String);

impl FromStr for Format {
    type Err = ParseFormatError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::from_extension(s.trim()).ok_or_else(|| ParseFormatError(s.to_owned()))
    }
}

/// How to ingest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestConfig {
    /// Read every input as this format instead of going by extension and content.
    pub format: Option<Format>,
    /// The largest document or record accepted, in bytes after decompression.
    pub max_document_bytes: u64,
    /// A user file of extra interface phrases, in the format of the built-in
    /// `data/ui_phrases.txt`.
    pub ui_phrases_file: Option<PathBuf>,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            format: None,
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            ui_phrases_file: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions_and_names() {
        let table = [
            ("txt", Some(Format::Txt)),
            ("TXT", Some(Format::Txt)),
            ("htm", Some(Format::Html)),
            ("html", Some(Format::Html)),
            ("jsonl", Some(Format::Jsonl)),
            ("ndjson", Some(Format::Jsonl)),
            ("csv", Some(Format::Csv)),
            ("md", None),
            ("gz", None),
        ];
        for (ext, want) in table {
            assert_eq!(Format::from_extension(ext), want, "{ext}");
        }
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
        }
        assert!("pdf".parse::<Format>().is_err());
    }
}
