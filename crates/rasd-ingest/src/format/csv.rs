//! CSV with a header row naming the record fields (`id, outlet, url, published, collected,
//! title, text`; names are matched case-insensitively, other columns go to `metadata`).
//! Records are read one at a time; origins carry the line the record starts on. A record
//! with the wrong number of fields is reported and skipped. A record larger than the size
//! limit is reported; if it is so large that reading it would pass the limit by more than a
//! buffer, the rest of the file is abandoned (CSV cannot resynchronise inside a quoted field).

use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use encoding_rs::{Encoding, UTF_8};
use rasd_core::Origin;
use serde_json::Value;

use super::RawDocument;
use super::jsonl::utf8_stream;
use super::record::from_fields;
use crate::decode::decode;
use crate::error::IngestError;

/// Slack over the record limit for bytes buffered ahead of the current record.
const SLACK: u64 = 256 * 1024;

/// Shared between the guard reader and the record loop.
#[derive(Debug, Default)]
struct Budget {
    delivered: AtomicU64,
    allowed: AtomicU64,
}

/// The error the guard raises when a record runs past its budget.
#[derive(Debug, thiserror::Error)]
#[error("record exceeds the size limit")]
struct OverBudget;

/// A reader that refuses to deliver more than the budget allows.
struct Guard {
    inner: Box<dyn BufRead + Send>,
    budget: Arc<Budget>,
}

impl Read for Guard {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let delivered = self.budget.delivered.load(Ordering::Relaxed);
        let allowed = self.budget.allowed.load(Ordering::Relaxed);
        if delivered >= allowed {
            return Err(io::Error::other(OverBudget));
        }
        let room = usize::try_from(allowed - delivered)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let n = self.inner.read(&mut buf[..room])?;
        self.budget.delivered.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The records of one CSV stream.
pub(crate) struct CsvRecords {
    reader: csv::Reader<Guard>,
    budget: Arc<Budget>,
    stream_encoding: Option<&'static Encoding>,
    headers: Vec<String>,
    path: String,
    file_name: String,
    limit: u64,
    record: csv::ByteRecord,
    done: bool,
}

impl std::fmt::Debug for CsvRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvRecords")
            .field("path", &self.path)
            .field("headers", &self.headers)
            .finish()
    }
}

impl CsvRecords {
    /// Opens the stream and reads its header row.
    pub(crate) fn new(
        reader: Box<dyn BufRead + Send>,
        path: String,
        file_name: String,
        limit: u64,
    ) -> Result<Self, IngestError> {
        let origin = Origin {
            path: path.clone(),
            line: None,
        };
        let (inner, stream_encoding) = utf8_stream(reader).map_err(|source| IngestError::Io {
            origin: origin.clone(),
            source,
        })?;
        let budget = Arc::new(Budget::default());
        budget
            .allowed
            .store(limit.saturating_add(SLACK), Ordering::Relaxed);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(Guard {
                inner,
                budget: budget.clone(),
            });
        let headers: Vec<String> = match reader.byte_headers() {
            Ok(h) => h
                .iter()
                .map(|f| String::from_utf8_lossy(f).trim().to_lowercase())
                .collect(),
            Err(e) => return Err(csv_error(&origin, e, limit)),
        };
        if !headers.iter().any(|h| h == "text") {
            return Err(IngestError::CsvNoTextColumn {
                origin,
                columns: headers.join(", "),
            });
        }
        Ok(CsvRecords {
            reader,
            budget,
            stream_encoding,
            headers,
            path,
            file_name,
            limit,
            record: csv::ByteRecord::new(),
            done: false,
        })
    }

    /// The next record, or `None` at the end of the stream.
    pub(crate) fn next_record(&mut self) -> Option<Result<RawDocument, IngestError>> {
        if self.done {
            return None;
        }
        let delivered = self.budget.delivered.load(Ordering::Relaxed);
        self.budget.allowed.store(
            delivered.saturating_add(self.limit).saturating_add(SLACK),
            Ordering::Relaxed,
        );
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => Some(self.build()),
            Err(e) => {
                let origin = Origin {
                    path: self.path.clone(),
                    line: e.position().map(|p| p.line()),
                };
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    self.done = true;
                }
                Some(Err(csv_error(&origin, e, self.limit)))
            }
        }
    }

    fn build(&self) -> Result<RawDocument, IngestError> {
        let line = self.record.position().map(|p| p.line());
        let origin = Origin {
            path: self.path.clone(),
            line,
        };
        let size: u64 = self.record.iter().map(|f| f.len() as u64).sum();
        if size > self.limit {
            return Err(IngestError::TooLarge {
                origin,
                size: Some(size),
                limit: self.limit,
            });
        }
        let (fields, encoding) = self.decode_fields(&origin)?;
        let named = self
            .headers
            .iter()
            .cloned()
            .zip(fields.into_iter().map(Value::String));
        let fallback = format!("{}:{}", self.file_name, line.unwrap_or(0));
        from_fields(named, origin, fallback, encoding.name())
    }

    /// Decodes the fields: as UTF-8 when they all are, else by detecting the record's encoding.
    fn decode_fields(
        &self,
        origin: &Origin,
    ) -> Result<(Vec<String>, &'static Encoding), IngestError> {
        let utf8: Option<Vec<String>> = self
            .record
            .iter()
            .map(|f| std::str::from_utf8(f).ok().map(str::to_owned))
            .collect();
        if let Some(fields) = utf8 {
            return Ok((fields, self.stream_encoding.unwrap_or(UTF_8)));
        }
        let joined = self.record.iter().collect::<Vec<_>>().join(&b'\n');
        let enc = decode(&joined)
            .map_err(|source| IngestError::Decode {
                origin: origin.clone(),
                source,
            })?
            .encoding;
        let fields = self
            .record
            .iter()
            .map(|f| enc.decode_without_bom_handling(f).0.into_owned())
            .collect();
        Ok((fields, enc))
    }
}

fn csv_error(origin: &Origin, e: csv::Error, limit: u64) -> IngestError {
    if let csv::ErrorKind::Io(io) = e.kind()
        && io.get_ref().is_some_and(|inner| inner.is::<OverBudget>())
    {
        return IngestError::TooLarge {
            origin: origin.clone(),
            size: None,
            limit,
        };
    }
    match e.into_kind() {
        csv::ErrorKind::Io(source) => IngestError::Io {
            origin: origin.clone(),
            source,
        },
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => IngestError::Csv {
            origin: origin.clone(),
            message: format!("{len} field(s) where the header has {expected_len}"),
        },
        other => IngestError::Csv {
            origin: origin.clone(),
            message: format!("{other:?}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(data: &[u8], limit: u64) -> Vec<Result<RawDocument, String>> {
        match CsvRecords::new(
            Box::new(std::io::Cursor::new(data.to_vec())),
            "in.csv".into(),
            "in.csv".into(),
            limit,
        ) {
            Ok(mut r) => std::iter::from_fn(|| r.next_record())
                .map(|x| x.map_err(|e| e.to_string()))
                .collect(),
            Err(e) => vec![Err(e.to_string())],
        }
    }

    #[test]
    fn records_with_quotes_newlines_and_bad_rows() {
        let data = "ID,Outlet,title,text,extra\n\
                    a,okaz,عنوان,\"سطر أول\nسطر ثان\",1\n\
                    b,okaz,عنوان\n\
                    ,alriyadh,,\"نص، بفاصلة\",2\n\
                    c,x,y,,3\n";
        let got = records(data.as_bytes(), 10_000);
        assert_eq!(got.len(), 4, "{got:?}");
        let a = got[0].as_ref().unwrap();
        assert_eq!((a.id.as_str(), a.origin.line), ("a", Some(2)));
        assert_eq!(a.text, "سطر أول\nسطر ثان");
        assert_eq!(a.metadata["extra"], Value::String("1".into()));
        assert_eq!(
            got[1].as_ref().unwrap_err(),
            "in.csv:4: malformed CSV: 3 field(s) where the header has 5"
        );
        let c = got[2].as_ref().unwrap();
        assert_eq!(
            (c.id.as_str(), c.outlet.as_deref()),
            ("in.csv:5", Some("alriyadh"))
        );
        assert_eq!(got[3].as_ref().unwrap_err(), "in.csv:6: record has no text");
    }

    #[test]
    fn no_text_column_and_large_records() {
        let got = records(b"id,body\n1,x\n", 100);
        assert_eq!(
            got[0].as_ref().unwrap_err(),
            "in.csv: the CSV header has no `text` column (columns: id, body)"
        );
        let big = format!("id,text\n1,{}\n2,ok\n", "x".repeat(500));
        let got = records(big.as_bytes(), 100);
        assert!(
            got[0]
                .as_ref()
                .unwrap_err()
                .contains("in.csv:2: too large: 501 bytes"),
            "{got:?}"
        );
        assert_eq!(got[1].as_ref().unwrap().text, "ok");
        // far past the limit plus buffer slack: the guard stops the file
        let huge = format!("id,text\n1,\"{}\"\n2,ok\n", "x".repeat(2 * SLACK as usize));
        let got = records(huge.as_bytes(), 100);
        assert_eq!(got.len(), 1);
        assert!(
            got[0].as_ref().unwrap_err().contains("too large"),
            "{got:?}"
        );
    }

    #[test]
    fn windows_1256_records() {
        let data = encoding_rs::WINDOWS_1256
            .encode("id,text\n1,قصف مدفعي على أطراف مدينة درعا البلد\n")
            .0;
        let got = records(&data, 1000);
        let d = got[0].as_ref().unwrap();
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, "قصف مدفعي على أطراف مدينة درعا البلد");
    }
}
