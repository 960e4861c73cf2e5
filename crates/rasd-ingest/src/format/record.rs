//! Fields of a JSONL or CSV record → a [`RawDocument`].
//!
//! Known fields: `id` (string or number; missing or empty → `<file name>:<line>`), `outlet`,
//! `url`, `title` (strings; empty → none), `published`, `collected` (timestamps; a value that
//! does not parse stays in `metadata` under its own name), `text` (required, non-blank).
//! Every other field is kept in `metadata` as it came.

use rasd_core::{DocId, Origin, Timestamp};
use serde_json::Value;

use super::RawDocument;
use crate::error::IngestError;

/// Builds a document from a record's fields.
pub(crate) fn from_fields(
    fields: impl IntoIterator<Item = (String, Value)>,
    origin: Origin,
    fallback_id: String,
    encoding: &str,
) -> Result<RawDocument, IngestError> {
    let mut doc = RawDocument::new(fallback_id, origin, String::new(), encoding);
    let mut text = None;
    for (name, value) in fields {
        match name.as_str() {
            "id" => match value {
                Value::String(s) if !s.trim().is_empty() => doc.id = DocId(s.trim().to_owned()),
                Value::Number(n) => doc.id = DocId(n.to_string()),
                Value::Null | Value::String(_) => {}
                other => {
                    doc.metadata.insert(name, other);
                }
            },
            "outlet" => doc.outlet = string_field(&name, value, &mut doc.metadata),
            "url" => doc.url = string_field(&name, value, &mut doc.metadata),
            "title" => doc.title = string_field(&name, value, &mut doc.metadata),
            "published" => doc.published = time_field(&name, value, &mut doc),
            "collected" => doc.collected = time_field(&name, value, &mut doc),
            "text" => match value {
                Value::String(s) => text = Some(s),
                Value::Null => {}
                other => {
                    doc.metadata.insert(name, other);
                }
            },
            _ => {
                doc.metadata.insert(name, value);
            }
        }
    }
    match text {
        Some(t) if !t.trim().is_empty() => {
            doc.text = t;
            Ok(doc)
        }
        _ => Err(IngestError::NoText { origin: doc.origin }),
    }
}

/// A string field: non-blank strings are taken (trimmed), other values kept in metadata.
fn string_field(
    name: &str,
    value: Value,
    metadata: &mut std::collections::BTreeMap<String, Value>,
) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::String(_) | Value::Null => None,
        other => {
            metadata.insert(name.to_owned(), other);
            None
        }
    }
}

/// A timestamp field: parsed, or kept in metadata as it came (with a warning).
fn time_field(name: &str, value: Value, doc: &mut RawDocument) -> Option<Timestamp> {
    match value {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => match s.parse() {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::warn!(origin = %doc.origin, field = name, "{e}; kept in metadata");
                doc.metadata.insert(name.to_owned(), Value::String(s));
                None
            }
        },
        other => {
            doc.metadata.insert(name.to_owned(), other);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: Value) -> Vec<(String, Value)> {
        match v {
            Value::Object(m) => m.into_iter().collect(),
            _ => unreachable!(),
        }
    }

    fn origin() -> Origin {
        Origin {
            path: "a.jsonl".into(),
            line: Some(3),
        }
    }

    #[test]
    fn maps_known_fields_and_keeps_the_rest() {
        let v = json!({
            "id": "snn-1", "outlet": "okaz", "url": "http://x/1", "collected": "2015-08-03T21:19:33",
            "published": null, "title": " عنوان ", "text": "نص الخبر", "lang": "ar", "tags": ["a"]
        });
        let d = from_fields(fields(v), origin(), "a.jsonl:3".into(), "UTF-8").unwrap();
        assert_eq!(d.id.as_str(), "snn-1");
        assert_eq!(d.outlet.as_deref(), Some("okaz"));
        assert_eq!(d.title.as_deref(), Some("عنوان"));
        assert_eq!(d.collected.unwrap().to_string(), "2015-08-03T21:19:33");
        assert_eq!(d.published, None);
        assert_eq!(d.text, "نص الخبر");
        assert_eq!(d.metadata.keys().collect::<Vec<_>>(), ["lang", "tags"]);
    }

    #[test]
    fn id_fallback_numbers_and_bad_dates() {
        let table = [
            (json!({"text": "x"}), "a.jsonl:3"),
            (json!({"id": "", "text": "x"}), "a.jsonl:3"),
            (json!({"id": 42, "text": "x"}), "42"),
        ];
        for (v, want) in table {
            let d = from_fields(fields(v), origin(), "a.jsonl:3".into(), "UTF-8").unwrap();
            assert_eq!(d.id.as_str(), want);
        }
        let d = from_fields(
            fields(json!({"text": "x", "published": "yesterday"})),
            origin(),
            "f".into(),
            "UTF-8",
        )
        .unwrap();
        assert_eq!(d.published, None);
        assert_eq!(d.metadata["published"], json!("yesterday"));
    }

    #[test]
    fn missing_or_blank_text_is_an_error() {
        for v in [
            json!({"id": "a"}),
            json!({"text": "  \n"}),
            json!({"text": null}),
            json!({"text": 5}),
        ] {
            let e = from_fields(fields(v), origin(), "f".into(), "UTF-8").unwrap_err();
            assert_eq!(e.to_string(), "a.jsonl:3: record has no text");
        }
    }
}
