//! A document as ingestion hands it on: the original text exactly as decoded, the byte
//! ranges that cleaning kept, what it removed and why, and the metadata.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Span, Timestamp};

/// A document's id: the file name for a file, the record's `id` for JSONL/CSV input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl DocId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a document came from: a file (and, for JSONL/CSV, a line or record number), or
/// standard input.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Origin {
    /// The path as given on the command line, or `-` for standard input.
    pub path: String,
    /// 1-based line (JSONL) or record (CSV) number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}", self.path, l),
            None => f.write_str(&self.path),
        }
    }
}

/// Why cleaning removed a block of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// An exact repeat of an earlier paragraph of the same document.
    RepeatedParagraph,
    /// A known interface phrase (comment forms, share buttons, "most read").
    UiPhrase,
    /// A short trailing block that looks like navigation or a widget.
    TrailingBoilerplate,
    /// A line that is mostly a link, a URL or an e-mail address.
    LinkLine,
    /// A line with no letters (separators, lone numbers, emoji).
    NoText,
    /// A repeat of the title at the start of the body.
    RepeatedTitle,
    /// A short line inside a widget block that a UI heading ("most read", "related",
    /// "tags") introduces: the headlines or links listed under it.
    WidgetBlock,
}

impl RemovalReason {
    pub const fn as_str(self) -> &'static str {
        match self {
            RemovalReason::RepeatedParagraph => "repeated_paragraph",
            RemovalReason::UiPhrase => "ui_phrase",
            RemovalReason::TrailingBoilerplate => "trailing_boilerplate",
            RemovalReason::LinkLine => "link_line",
            RemovalReason::NoText => "no_text",
            RemovalReason::RepeatedTitle => "repeated_title",
            RemovalReason::WidgetBlock => "widget_block",
        }
    }
}

/// A block cleaning removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    pub span: Span,
    pub reason: RemovalReason,
}

/// A stable hash of a document's cleaned text (hex, 32 characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ContentHash(pub String);

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A cleaned document. `text` is never edited: cleaning only chooses which byte ranges
/// (`kept`) go on to extraction, so every span indexes `text` directly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: DocId,
    pub origin: Origin,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub published: Option<Timestamp>,
    #[serde(default)]
    pub collected: Option<Timestamp>,
    /// A separate title (JSONL/CSV/HTML). For a plain-text file the first line is also the
    /// title, and it stays part of `text`.
    #[serde(default)]
    pub title: Option<String>,
    /// The original text, exactly as decoded (byte-order mark removed).
    pub text: String,
    /// The paragraphs cleaning kept, as ordered, non-overlapping byte ranges into `text`.
    pub kept: Vec<Span>,
    /// What cleaning removed, and why.
    #[serde(default)]
    pub removed: Vec<Removal>,
    /// The encoding the bytes were decoded from (`UTF-8`, `windows-1256`, …).
    pub encoding: String,
    pub content_hash: ContentHash,
    /// Fields of the input record rasd does not interpret, kept as they came.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, serde_json::Value>,
}

impl Document {
    /// The date relative expressions resolve against: publication, else collection.
    pub fn anchor_date(&self) -> Option<chrono::NaiveDate> {
        self.published.or(self.collected).map(|t| t.date())
    }

    /// Whether the anchor is only the collection time (the article may be a day older).
    pub fn anchor_is_collection(&self) -> bool {
        self.published.is_none() && self.collected.is_some()
    }

    /// The kept paragraphs with their byte ranges.
    pub fn kept_paragraphs(&self) -> impl Iterator<Item = (Span, &str)> {
        self.kept
            .iter()
            .filter_map(|s| s.slice(&self.text).map(|t| (*s, t)))
    }

    /// The cleaned text: kept paragraphs joined by a blank line. For display and hashing;
    /// spans never index it.
    pub fn cleaned_text(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        for (i, (_, p)) in self.kept_paragraphs().enumerate() {
            if i > 0 {
                out.push_str("\n\n");
            }
            out.push_str(p);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, kept: Vec<Span>) -> Document {
        Document {
            id: DocId("d".into()),
            origin: Origin::default(),
            outlet: None,
            url: None,
            published: None,
            collected: "2015-08-03T21:19:33".parse().ok(),
            title: None,
            text: text.into(),
            kept,
            removed: vec![],
            encoding: "UTF-8".into(),
            content_hash: ContentHash(String::new()),
            metadata: BTreeMap::new(),
        }
    }

    #[test]
    fn cleaned_text_joins_kept_paragraphs() {
        let d = doc("أ\nب\nأ", vec![Span::new(0, 2), Span::new(3, 5)]);
        assert_eq!(d.cleaned_text(), "أ\n\nب");
        assert_eq!(d.anchor_date().unwrap().to_string(), "2015-08-03");
        assert!(d.anchor_is_collection());
    }
}
