//! JSON Lines: one JSON object per line, read one line at a time (a line longer than the
//! size limit is skipped without being stored). Blank lines are skipped. A line that is not
//! JSON, not an object, or has no text is reported with its line number and the file goes on.

use std::io::{self, BufRead, BufReader, Read};

use encoding_rs::{Encoding, UTF_8};
use rasd_core::Origin;
use serde_json::Value;

use super::RawDocument;
use super::record::from_fields;
use crate::decode::{Utf8Transcoder, decode};
use crate::error::IngestError;
use crate::source::{LineRead, read_line_limited};

/// Puts a record stream in UTF-8: a UTF-8 byte-order mark is skipped, a UTF-16 stream (by its
/// byte-order mark) is transcoded on the fly. Returns the stream and, when a byte-order mark
/// decided it, the encoding.
pub(crate) fn utf8_stream(
    mut reader: Box<dyn BufRead + Send>,
) -> io::Result<(Box<dyn BufRead + Send>, Option<&'static Encoding>)> {
    let head = reader.fill_buf()?;
    match Encoding::for_bom(head) {
        Some((enc, bom)) if enc == UTF_8 => {
            reader.consume(bom);
            Ok((reader, Some(UTF_8)))
        }
        Some((enc, bom)) => {
            reader.consume(bom);
            let t: Box<dyn Read + Send> = Box::new(Utf8Transcoder::new(reader, enc));
            Ok((Box::new(BufReader::with_capacity(64 * 1024, t)), Some(enc)))
        }
        None => Ok((reader, None)),
    }
}

/// The records of one JSONL stream.
pub(crate) struct JsonlRecords {
    reader: Box<dyn BufRead + Send>,
    /// The encoding a byte-order mark announced (UTF-16 streams arrive here as UTF-8).
    stream_encoding: Option<&'static Encoding>,
    path: String,
    file_name: String,
    limit: u64,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl std::fmt::Debug for JsonlRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonlRecords")
            .field("path", &self.path)
            .field("line", &self.line)
            .finish()
    }
}

impl JsonlRecords {
    pub(crate) fn new(
        reader: Box<dyn BufRead + Send>,
        path: String,
        file_name: String,
        limit: u64,
    ) -> io::Result<Self> {
        let (reader, stream_encoding) = utf8_stream(reader)?;
        Ok(JsonlRecords {
            reader,
            stream_encoding,
            path,
            file_name,
            limit,
            line: 0,
            buf: Vec::new(),
            done: false,
        })
    }

    fn origin(&self) -> Origin {
        Origin {
            path: self.path.clone(),
            line: Some(self.line),
        }
    }

    /// The next record, or `None` at the end of the stream.
    pub(crate) fn next_record(&mut self) -> Option<Result<RawDocument, IngestError>> {
        while !self.done {
            let read = read_line_limited(&mut self.reader, &mut self.buf, self.limit);
            self.line += 1;
            match read {
                Err(source) => {
                    self.done = true;
                    return Some(Err(IngestError::Io {
                        origin: self.origin(),
                        source,
                    }));
                }
                Ok(LineRead::Eof) => self.done = true,
                Ok(LineRead::TooLong { len }) => {
                    return Some(Err(IngestError::TooLarge {
                        origin: self.origin(),
                        size: Some(len),
                        limit: self.limit,
                    }));
                }
                Ok(LineRead::Line) if self.buf.iter().all(u8::is_ascii_whitespace) => {}
                Ok(LineRead::Line) => return Some(self.parse_line()),
            }
        }
        None
    }

    fn parse_line(&self) -> Result<RawDocument, IngestError> {
        let origin = self.origin();
        let (value, encoding) = match std::str::from_utf8(&self.buf) {
            Ok(s) => (
                serde_json::from_str::<Value>(s),
                self.stream_encoding.unwrap_or(UTF_8),
            ),
            Err(_) => {
                // Not UTF-8: a legacy-encoded line (windows-1256 JSON) or garbage.
                let d = decode(&self.buf).map_err(|source| IngestError::Decode {
                    origin: origin.clone(),
                    source,
                })?;
                (serde_json::from_str::<Value>(&d.text), d.encoding)
            }
        };
        let value = value.map_err(|e| IngestError::Json {
            origin: origin.clone(),
            message: e.to_string(),
        })?;
        match value {
            Value::Object(map) => {
                let fallback = format!("{}:{}", self.file_name, self.line);
                from_fields(map, origin, fallback, encoding.name())
            }
            other => Err(IngestError::NotAnObject {
                origin,
                found: json_kind(&other),
            }),
        }
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(data: &[u8], limit: u64) -> Vec<Result<RawDocument, String>> {
        let mut r = JsonlRecords::new(
            Box::new(std::io::Cursor::new(data.to_vec())),
            "in.jsonl".into(),
            "in.jsonl".into(),
            limit,
        )
        .unwrap();
        std::iter::from_fn(|| r.next_record())
            .map(|x| x.map_err(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn good_bad_and_blank_lines() {
        let data = "\u{FEFF}{\"id\":\"a\",\"text\":\"نص\"}\n\n{broken\n[1]\n{\"id\":\"b\"}\r\n{\"text\":\"بلا معرف\"}\n";
        let got = records(data.as_bytes(), 1000);
        assert_eq!(got.len(), 5);
        assert_eq!(got[0].as_ref().unwrap().id.as_str(), "a");
        assert_eq!(got[0].as_ref().unwrap().origin.line, Some(1));
        assert!(
            got[1]
                .as_ref()
                .unwrap_err()
                .starts_with("in.jsonl:3: not valid JSON")
        );
        assert_eq!(
            got[2].as_ref().unwrap_err(),
            "in.jsonl:4: not a JSON object (found an array)"
        );
        assert_eq!(
            got[3].as_ref().unwrap_err(),
            "in.jsonl:5: record has no text"
        );
        assert_eq!(got[4].as_ref().unwrap().id.as_str(), "in.jsonl:6");
    }

    #[test]
    fn over_long_lines_are_skipped_and_reported() {
        let long = format!("{{\"text\":\"{}\"}}", "ق".repeat(100));
        let data = format!("{long}\n{{\"text\":\"ok\"}}\n");
        let got = records(data.as_bytes(), 50);
        assert_eq!(
            got[0].as_ref().unwrap_err(),
            "in.jsonl:1: too large: 211 bytes exceeds the limit of 50 bytes"
        );
        assert_eq!(got[1].as_ref().unwrap().text, "ok");
    }

    #[test]
    fn utf16_and_windows_1256_lines() {
        let line = "{\"id\":\"x\",\"text\":\"قصف على درعا وريفها الغربي\"}\n";
        let mut utf16 = vec![0xFF, 0xFE];
        for u in line.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let got = records(&utf16, 1000);
        assert_eq!(got[0].as_ref().unwrap().encoding, "UTF-16LE");
        assert_eq!(got[0].as_ref().unwrap().text, "قصف على درعا وريفها الغربي");
        let w = encoding_rs::WINDOWS_1256.encode(line).0;
        let got = records(&w, 1000);
        assert_eq!(got[0].as_ref().unwrap().encoding, "windows-1256");
        assert_eq!(got[0].as_ref().unwrap().text, "قصف على درعا وريفها الغربي");
    }
}
