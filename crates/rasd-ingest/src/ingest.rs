//! The ingestor and its streaming iterator.

use rasd_core::{ContentHash, Document, Origin};

use crate::clean::{CleanReport, Cleaner, UiPhrases};
use crate::config::{Format, IngestConfig};
use crate::decode::decode;
use crate::error::IngestError;
use crate::format::csv::CsvRecords;
use crate::format::jsonl::JsonlRecords;
use crate::format::{RawDocument, detect, html, txt};
use crate::source::{Input, WalkItem, Walker, open, read_limited};
use crate::summary::Summary;

/// The stable hash of a cleaned text: blake3, first 16 bytes, lower-case hex.
pub fn content_hash(cleaned_text: &str) -> ContentHash {
    let hash = blake3::hash(cleaned_text.as_bytes());
    let mut hex = String::with_capacity(32);
    for b in &hash.as_bytes()[..16] {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0xF)]));
    }
    ContentHash(hex)
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Reads, decodes and cleans documents.
#[derive(Debug)]
pub struct Ingestor {
    config: IngestConfig,
    cleaner: Cleaner,
}

impl Ingestor {
    /// An ingestor with the default cleaning pipeline; loads the user phrase file if the
    /// configuration names one.
    pub fn new(config: IngestConfig) -> Result<Self, IngestError> {
        let phrases = UiPhrases::load(config.ui_phrases_file.as_deref())?;
        Ok(Ingestor {
            config,
            cleaner: Cleaner::new(phrases),
        })
    }

    /// An ingestor with a custom cleaner.
    pub fn with_cleaner(config: IngestConfig, cleaner: Cleaner) -> Self {
        Ingestor { config, cleaner }
    }

    pub fn config(&self) -> &IngestConfig {
        &self.config
    }

    pub fn cleaner(&self) -> &Cleaner {
        &self.cleaner
    }

    /// A lazy stream of documents from the inputs, in order (directories walked in sorted
    /// order). Memory stays constant: one document or record is in flight at a time.
    pub fn documents<I>(&self, inputs: I) -> Documents<'_>
    where
        I: IntoIterator,
        I::Item: Into<Input>,
    {
        let inputs: Vec<Input> = inputs.into_iter().map(Into::into).collect();
        Documents {
            ingestor: self,
            walker: Walker::new(inputs, self.config.format.is_some()),
            records: None,
            summary: Summary::default(),
        }
    }

    /// Cleans a raw document and hashes its cleaned text. A document with nothing left after
    /// cleaning is rejected.
    pub fn clean(&self, raw: RawDocument) -> Result<Document, IngestError> {
        self.clean_with_report(raw).map(|(d, _)| d)
    }

    /// [`Ingestor::clean`], with what each stage removed.
    pub fn clean_with_report(
        &self,
        raw: RawDocument,
    ) -> Result<(Document, CleanReport), IngestError> {
        let cleaned = self
            .cleaner
            .clean(&raw.text, raw.title.as_deref(), raw.title_in_text);
        if cleaned.kept.is_empty() {
            return Err(IngestError::NothingKept {
                origin: raw.origin,
                removed: cleaned.removed.len(),
            });
        }
        let mut doc = Document {
            id: raw.id,
            origin: raw.origin,
            outlet: raw.outlet,
            url: raw.url,
            published: raw.published,
            collected: raw.collected,
            title: raw.title,
            text: raw.text,
            kept: cleaned.kept,
            removed: cleaned.removed,
            encoding: raw.encoding,
            content_hash: ContentHash(String::new()),
            metadata: raw.metadata,
        };
        doc.content_hash = content_hash(&doc.cleaned_text());
        Ok((doc, cleaned.report))
    }

    /// Reads one whole-document file (plain text or HTML).
    fn read_single(
        &self,
        input: &Input,
        origin: Origin,
        format: Format,
        mut opened: crate::source::Opened,
    ) -> Result<RawDocument, IngestError> {
        let limit = self.config.max_document_bytes;
        if let Some(size) = opened.plain_size.filter(|s| *s > limit) {
            return Err(IngestError::TooLarge {
                origin,
                size: Some(size),
                limit,
            });
        }
        let bytes = match read_limited(&mut opened.reader, limit) {
            Ok(Some(b)) => b,
            Ok(None) => {
                return Err(IngestError::TooLarge {
                    origin,
                    size: None,
                    limit,
                });
            }
            Err(source) => return Err(IngestError::Io { origin, source }),
        };
        let decoded = decode(&bytes).map_err(|source| IngestError::Decode {
            origin: origin.clone(),
            source,
        })?;
        drop(bytes);
        let id = input.file_name();
        Ok(match format {
            Format::Html => html::parse(decoded, id, origin),
            _ => txt::parse(decoded, id, origin),
        })
    }
}

/// The records of one open JSONL or CSV stream.
#[derive(Debug)]
enum Records {
    Jsonl(JsonlRecords),
    Csv(CsvRecords),
}

impl Records {
    fn next_record(&mut self) -> Option<Result<RawDocument, IngestError>> {
        match self {
            Records::Jsonl(r) => r.next_record(),
            Records::Csv(r) => r.next_record(),
        }
    }
}

/// What opening one file gave.
enum Opened {
    One(Result<RawDocument, IngestError>),
    Many(Records),
}

/// The stream of documents [`Ingestor::documents`] returns. It keeps a running
/// [`Summary`] of everything it has yielded.
#[derive(Debug)]
pub struct Documents<'a> {
    ingestor: &'a Ingestor,
    walker: Walker,
    records: Option<Records>,
    summary: Summary,
}

impl Documents<'_> {
    /// The counts so far.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    pub fn into_summary(self) -> Summary {
        self.summary
    }

    fn open_file(&mut self, input: &Input) -> Opened {
        let origin = Origin {
            path: input.display_path(),
            line: None,
        };
        self.summary.files += 1;
        let mut opened = match open(input) {
            Ok(o) => o,
            Err(source) => return Opened::One(Err(IngestError::Io { origin, source })),
        };
        let head = match std::io::BufRead::fill_buf(&mut opened.reader) {
            Ok(h) => h,
            Err(source) => return Opened::One(Err(IngestError::Io { origin, source })),
        };
        let format = detect(self.ingestor.config.format, &input.file_name(), head);
        tracing::debug!(path = %origin, %format, compression = ?opened.compression, "reading");
        let limit = self.ingestor.config.max_document_bytes;
        match format {
            Format::Jsonl => {
                match JsonlRecords::new(
                    opened.reader,
                    origin.path.clone(),
                    input.file_name(),
                    limit,
                ) {
                    Ok(r) => Opened::Many(Records::Jsonl(r)),
                    Err(source) => Opened::One(Err(IngestError::Io { origin, source })),
                }
            }
            Format::Csv => {
                match CsvRecords::new(opened.reader, origin.path.clone(), input.file_name(), limit)
                {
                    Ok(r) => Opened::Many(Records::Csv(r)),
                    Err(e) => Opened::One(Err(e)),
                }
            }
            Format::Txt | Format::Html => {
                Opened::One(self.ingestor.read_single(input, origin, format, opened))
            }
        }
    }

    /// Cleans a raw result and counts the outcome.
    fn finish(&mut self, raw: Result<RawDocument, IngestError>) -> Result<Document, IngestError> {
        let result = match raw.and_then(|r| self.ingestor.clean_with_report(r)) {
            Ok((doc, report)) => {
                self.summary.stages.merge(&report);
                Ok(doc)
            }
            Err(e) => Err(e),
        };
        self.summary.record(&result);
        result
    }
}

impl Iterator for Documents<'_> {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(records) = &mut self.records {
                match records.next_record() {
                    Some(raw) => return Some(self.finish(raw)),
                    None => self.records = None,
                }
            }
            match self.walker.next()? {
                Err(e) => return Some(self.finish(Err(e))),
                Ok(WalkItem::Skipped(path)) => {
                    tracing::debug!(path = %path.display(), "skipped: unknown extension");
                    self.summary.files_skipped += 1;
                }
                Ok(WalkItem::File(input)) => match self.open_file(&input) {
                    Opened::One(raw) => return Some(self.finish(raw)),
                    Opened::Many(records) => self.records = Some(records),
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_is_stable_hex() {
        let h = content_hash("قصف");
        assert_eq!(h.0.len(), 32);
        assert!(
            h.0.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_eq!(h, content_hash("قصف"));
        assert_ne!(h, content_hash("قصف "));
        assert_eq!(&h.0, &blake3::hash("قصف".as_bytes()).to_hex()[..32]);
    }
}
