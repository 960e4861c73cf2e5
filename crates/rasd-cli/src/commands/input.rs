//! Input options shared by the commands that read documents (`extract`, `eval`).

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use rasd_core::{Document, Timestamp};
use rasd_ingest::{DEFAULT_MAX_DOCUMENT_BYTES, Format, IngestConfig, Ingestor, Input};

use super::ingest::{FormatArg, parse_size};

#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Read every input as this format instead of going by extension.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<FormatArg>,
    /// The largest document or record accepted, after decompression (bytes; K, M, G).
    #[arg(long, value_name = "BYTES", value_parser = parse_size, default_value_t = DEFAULT_MAX_DOCUMENT_BYTES)]
    pub max_size: u64,
    /// A file of extra interface phrases for cleaning.
    #[arg(long, value_name = "FILE")]
    pub ui_phrases: Option<PathBuf>,
    /// The publication date of documents that carry none (YYYY-MM-DD): relative dates
    /// (اليوم، أمس) are resolved against it.
    #[arg(long, value_name = "DATE")]
    pub published: Option<Timestamp>,
}

impl InputArgs {
    pub fn ingestor(&self) -> Result<Ingestor> {
        let config = IngestConfig {
            format: self.input_format.map(Format::from),
            max_document_bytes: self.max_size,
            ui_phrases_file: self.ui_phrases.clone(),
        };
        Ingestor::new(config).context("setting up ingestion")
    }

    pub fn inputs(paths: &[PathBuf]) -> Vec<Input> {
        paths.iter().map(|p| Input::from(p.clone())).collect()
    }

    /// Gives a document without a date the `--published` date.
    pub fn date(&self, doc: &mut Document) {
        if doc.published.is_none() && doc.collected.is_none() {
            doc.published = self.published;
        }
    }
}
