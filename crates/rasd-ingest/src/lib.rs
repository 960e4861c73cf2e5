//! rasd-ingest: from files, directories and standard input to cleaned
//! [`rasd_core::Document`]s.
//!
//! The pipeline, per document:
//!
//! 1. **Source** ([`source`]): inputs are files, directories (walked recursively in sorted
//!    order, hidden entries skipped, only known extensions taken) or `-` for standard input.
//!    gzip and zstd are recognised by their magic bytes and decompressed as a stream.
//! 2. **Format** ([`format`](mod@format)): `.txt`, `.html`/`.htm`, `.jsonl`, `.csv` (or an explicit
//!    [`Format`]). JSONL and CSV are read record by record, so memory does not grow with the
//!    size of the corpus; a size limit applies to each document or record.
//! 3. **Decoding** ([`decode`]): UTF-8 (with or without BOM), UTF-16 LE/BE with BOM,
//!    windows-1256 and ISO-8859-6; anything else (binary, unexplained bytes) is rejected.
//! 4. **Cleaning** ([`clean`]): a pipeline of small named stages marks paragraphs as removed
//!    with a typed [`rasd_core::RemovalReason`]. The text itself is never edited: a document
//!    carries its original text, the kept byte ranges and the removals.
//!
//! ```no_run
//! use rasd_ingest::{IngestConfig, Ingestor, Input};
//!
//! let ingestor = Ingestor::new(IngestConfig::default()).unwrap();
//! let mut docs = ingestor.documents([Input::from("corpus/articles.jsonl.gz")]);
//! for result in docs.by_ref() {
//!     match result {
//!         Ok(doc) => println!("{} {}", doc.id, doc.content_hash),
//!         Err(e) => eprintln!("rejected: {e}"),
//!     }
//! }
//! println!("{}", docs.summary());
//! ```

pub mod clean;
pub mod config;
pub mod decode;
pub mod error;
pub mod format;
mod ingest;
pub mod source;
mod summary;

pub use clean::{CleanReport, Cleaned, Cleaner, ReasonCounts, Stage, UiPhrases};
pub use config::{DEFAULT_MAX_DOCUMENT_BYTES, Format, IngestConfig};
pub use decode::{DecodeError, Decoded};
pub use error::{IngestError, RejectReason};
pub use format::RawDocument;
pub use ingest::{Documents, Ingestor, content_hash};
pub use source::Input;
pub use summary::Summary;
