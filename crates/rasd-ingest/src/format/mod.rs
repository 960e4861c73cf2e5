//! Input formats: from decoded text (or a stream of records) to [`RawDocument`]s, the
//! documents before cleaning.
//!
//! * [`txt`]: the whole file is the text; a short first line followed by body text is also
//!   the title (it stays in the text).
//! * [`html`]: main-content extraction; `text` is the extracted paragraphs joined by blank
//!   lines, the title comes from `<h1>` or `<title>`. The original HTML is not kept.
//! * [`jsonl`] and [`csv`](mod@csv): one record per line or row, with the fields `id, outlet,
//!   url, published, collected, title, text`; other fields go to `metadata`.

pub mod csv;
pub mod html;
pub mod jsonl;
mod record;
pub mod txt;

use std::collections::BTreeMap;

use rasd_core::{DocId, Origin, Timestamp};

use crate::config::Format;
use crate::source::split_compression_extension;

/// A document before cleaning.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDocument {
    pub id: DocId,
    pub origin: Origin,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Timestamp>,
    pub collected: Option<Timestamp>,
    pub title: Option<String>,
    /// Whether the title is also the first line of `text` (plain-text files).
    pub title_in_text: bool,
    /// The text as decoded (or, for HTML, as extracted). Never edited after this.
    pub text: String,
    /// The encoding the bytes were decoded from.
    pub encoding: String,
    /// Fields rasd does not interpret.
    pub metadata: BTreeMap<String, serde_json::Value>,
}

impl RawDocument {
    /// A document with only an id, an origin, a text and its encoding.
    pub fn new(id: impl Into<String>, origin: Origin, text: String, encoding: &str) -> Self {
        RawDocument {
            id: DocId(id.into()),
            origin,
            outlet: None,
            url: None,
            published: None,
            collected: None,
            title: None,
            title_in_text: false,
            text,
            encoding: encoding.to_owned(),
            metadata: BTreeMap::new(),
        }
    }
}

/// The format of a file: the explicit one, else the extension's (after `.gz`/`.zst`), else
/// a guess from the first bytes (`{` JSONL, `<` HTML, anything else plain text).
pub(crate) fn detect(explicit: Option<Format>, file_name: &str, head: &[u8]) -> Format {
    if let Some(f) = explicit {
        return f;
    }
    let (stem, _) = split_compression_extension(file_name);
    if let Some(f) = std::path::Path::new(stem)
        .extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension)
    {
        return f;
    }
    let head = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Format::Jsonl,
        Some(b'<') => Format::Html,
        _ => Format::Txt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_table() {
        let table = [
            (None, "a.txt", &b"{"[..], Format::Txt),
            (None, "a.jsonl.gz", b"", Format::Jsonl),
            (None, "a.CSV", b"", Format::Csv),
            (None, "page.htm.zst", b"", Format::Html),
            (None, "stdin", b"  {\"id\": 1}", Format::Jsonl),
            (None, "stdin", b"\xEF\xBB\xBF<!doctype html>", Format::Html),
            (None, "README", "قصف".as_bytes(), Format::Txt),
            (Some(Format::Csv), "a.txt", b"", Format::Csv),
        ];
        for (explicit, name, head, want) in table {
            assert_eq!(detect(explicit, name, head), want, "{name}");
        }
    }
}
