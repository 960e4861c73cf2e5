//! Builds a store the way `rasd ingest --db` does: ingest → extract → apply with the
//! merger. Shared by the integration tests and the `seed-db` example.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rasd_extract::{ExtractConfig, Extractor, Lexicon};
use rasd_gazetteer::Gazetteer;
use rasd_ingest::{IngestConfig, Ingestor, Input};
use rasd_merge::RasdMerger;
use rasd_store::{ApplyOptions, BatchOutcome, DocumentInput, Store};

/// The repository's sample articles.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

/// An article whose title, outlet, URL and text carry HTML and script.
pub fn xss_article() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xss-article.jsonl")
}

/// Ingests, extracts and stores `inputs` (files or directories) into `store`.
pub fn load(
    store: &dyn Store,
    inputs: &[PathBuf],
) -> Result<BatchOutcome, Box<dyn std::error::Error>> {
    let ingestor = Ingestor::new(IngestConfig::default())?;
    let extractor = Extractor::new(
        Arc::new(Lexicon::builtin()?),
        Gazetteer::embedded()?,
        ExtractConfig::default(),
    );
    let mut batch = Vec::new();
    for doc in ingestor.documents(inputs.iter().map(|p| Input::from(p.as_path()))) {
        let document = doc?;
        let reports = extractor.extract(&document).events;
        batch.push(DocumentInput { document, reports });
    }
    let opts = ApplyOptions {
        who: "rasd-server tests".to_owned(),
        ..ApplyOptions::default()
    };
    Ok(store.apply_batch(&batch, &RasdMerger::default(), &opts)?)
}
