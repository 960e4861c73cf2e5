//! `rasd ingest` into a database: clean → extract → store → merge, streamed in batches.
//!
//! Three stages run at once, joined by bounded channels so memory stays flat whatever the
//! size of the corpus:
//!
//! 1. a reader thread decodes and cleans documents and hands them on in batches;
//! 2. the main thread dates undated documents (the ingest time — the one clock of the
//!    pipeline — or `--collected`), asks the store which documents it already has (they are not extracted
//!    again unless `--reextract`), and extracts the rest in parallel (rayon, input order);
//! 3. a writer thread applies each batch in one transaction with rasd-merge's merger.
//!
//! A batch the store refuses as invalid is applied again one document at a time, so that a
//! single bad document is rejected (and listed) instead of its whole batch.
//!
//! The store asks the merger for each new document's near-duplicate signature inside its
//! write transaction, on the writer thread; [`BatchMerger`] computes them beforehand, in
//! parallel with extraction, so the single writer does less.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

use anyhow::{Context, Result, anyhow};
use rasd_core::{ContentHash, Document, EventId, Timestamp};
use rasd_extract::Extractor;
use rasd_ingest::{Ingestor, Input, Summary};
use rasd_merge::RasdMerger;
use rasd_store::{
    ApplyOptions, BatchOutcome, BlockKeys, Candidate, Consensus, DocumentInput, MergeDecision,
    Merger, ReportContext, Signature, Store, StoreError, StoredEvent, StoredReport,
};
use rayon::prelude::*;

use super::ingest::IngestArgs;
use crate::progress::Progress;
use crate::{Globals, Outcome};

/// The metadata key that marks a `collected` time set by `rasd ingest` (the document
/// carried no date of its own).
pub const COLLECTED_AT_INGEST: &str = "collected_at_ingest";

/// Events `--show` prints at most.
const SHOW_MAX: usize = 200;

/// What the reader thread sends.
enum Read {
    Batch(Vec<Document>),
    Rejected(String),
}

/// What the whole run amounted to.
#[derive(Debug, Default)]
struct Stored {
    outcome: BatchOutcome,
    /// Documents refused by extraction or by the store.
    rejected: u64,
}

pub fn run(args: &IngestArgs, ingestor: &Ingestor, globals: Globals) -> Result<Outcome> {
    let store = args.db.open()?;
    let extractor = args.extract.extractor()?;
    let merger = BatchMerger::default();
    let opts = ApplyOptions {
        replace_reports: args.reextract,
        who: "rasd ingest".to_owned(),
    };
    let first_seq = store.totals().context("reading the database")?.last_seq;
    let now = args.collected.unwrap_or_else(ingest_time);
    let batch = args.batch.max(1);
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::from(p.clone())).collect();
    let mut progress = Progress::new(globals.quiet > 0);
    let store_ref: &dyn Store = &*store;

    let (summary, stored) = std::thread::scope(|s| -> Result<(Summary, Stored)> {
        let (read_tx, read_rx) = sync_channel::<Read>(2);
        let reader = s.spawn(move || read(ingestor, inputs, batch, &read_tx));
        let (apply_tx, apply_rx) = sync_channel::<Vec<DocumentInput>>(1);
        let (note_tx, note_rx) = channel::<String>();
        let merger = &merger;
        let opts = &opts;
        let writer = s.spawn(move || write(store_ref, merger, opts, &apply_rx, &note_tx));
        let mut rejected = 0u64;
        for item in read_rx {
            match item {
                Read::Rejected(line) => progress.println(&format!("rejected: {line}")),
                Read::Batch(docs) => {
                    for _ in 0..docs.len() {
                        progress.tick();
                    }
                    let (inputs, failed) =
                        prepare(docs, store_ref, &extractor, merger, args.reextract, now)?;
                    for line in &failed {
                        progress.println(&format!("rejected: {line}"));
                    }
                    rejected += failed.len() as u64;
                    // A closed channel means the writer stopped on an error: it is
                    // reported when the writer is joined.
                    if apply_tx.send(inputs).is_err() {
                        break;
                    }
                }
            }
            for line in note_rx.try_iter() {
                progress.println(&line);
            }
        }
        drop(apply_tx);
        let written = writer
            .join()
            .map_err(|_| anyhow!("the database writer panicked"))?;
        for line in note_rx.try_iter() {
            progress.println(&line);
        }
        let mut stored = written?;
        stored.rejected += rejected;
        let summary = reader
            .join()
            .map_err(|_| anyhow!("the document reader panicked"))?;
        Ok((summary, stored))
    })?;
    progress.finish();

    let totals = store.totals().context("reading the database")?;
    if globals.quiet == 0 {
        print!("{summary}");
        let o = &stored.outcome;
        println!(
            "stored in {}: documents {} new, {} duplicate, {} near-duplicate, {} re-extracted, \
             {} rejected; events {} new, {} updated, {} merged, {} retired",
            args.db.display(),
            o.documents_new,
            o.documents_duplicate,
            o.documents_near_duplicate,
            o.documents_reextracted,
            stored.rejected,
            o.events_new,
            o.events_updated,
            o.events_merged,
            o.events_retired
        );
        println!(
            "database: {} documents ({} near-duplicates), {} reports, {} events ({} merged, {} retired)",
            totals.documents,
            totals.near_duplicate_documents,
            totals.reports,
            totals.events,
            totals.merged_events,
            totals.retired_events
        );
    }
    if args.show {
        show(&*store, first_seq)?;
    }
    Ok(if summary.has_rejections() || stored.rejected > 0 {
        Outcome::Rejections
    } else {
        Outcome::Success
    })
}

/// Now, as a timestamp (UTC).
fn ingest_time() -> Timestamp {
    Timestamp {
        local: chrono::Utc::now().naive_utc(),
        offset_secs: Some(0),
        has_time: true,
    }
}

/// Gives a document with no date the ingest time as its collection time, and says so in
/// its metadata: relative dates then resolve against it, and its reports fall in the
/// blocks of this week instead of one ever-growing "undated" block.
pub fn date_undated(doc: &mut Document, now: Timestamp) {
    if doc.published.is_none() && doc.collected.is_none() {
        doc.collected = Some(now);
        doc.metadata.insert(
            COLLECTED_AT_INGEST.to_owned(),
            serde_json::Value::Bool(true),
        );
    }
}

/// The reader thread: documents in batches, rejections as they come.
fn read(ingestor: &Ingestor, inputs: Vec<Input>, batch: usize, tx: &SyncSender<Read>) -> Summary {
    let mut docs = ingestor.documents(inputs);
    let mut current = Vec::with_capacity(batch);
    for result in docs.by_ref() {
        let item = match result {
            Ok(doc) => {
                current.push(doc);
                if current.len() < batch {
                    continue;
                }
                Read::Batch(std::mem::replace(&mut current, Vec::with_capacity(batch)))
            }
            Err(e) => Read::Rejected(e.to_string()),
        };
        if tx.send(item).is_err() {
            return docs.into_summary();
        }
    }
    if !current.is_empty() {
        let _ = tx.send(Read::Batch(current));
    }
    docs.into_summary()
}

/// Dates, checks and extracts one batch. Returns the inputs for the store and the lines of
/// documents whose extraction failed.
fn prepare(
    mut docs: Vec<Document>,
    store: &dyn Store,
    extractor: &Extractor,
    merger: &BatchMerger,
    reextract: bool,
    now: Timestamp,
) -> Result<(Vec<DocumentInput>, Vec<String>)> {
    for d in &mut docs {
        date_undated(d, now);
    }
    let hashes: Vec<_> = docs.iter().map(|d| d.content_hash.clone()).collect();
    let known = store
        .has_documents(&hashes)
        .context("asking the database for known documents")?;
    // Known documents, and repeats within the batch, are not extracted again (the store
    // counts them as duplicates) — unless re-extraction was asked for.
    let mut seen = HashSet::new();
    let skip: Vec<bool> = known
        .iter()
        .zip(&hashes)
        .map(|(k, h)| !reextract && (*k || !seen.insert(h)))
        .collect();
    let new: Vec<&Document> = docs
        .iter()
        .zip(&known)
        .filter(|(_, k)| !**k)
        .map(|(d, _)| d)
        .collect();
    merger.precompute(&new);
    let results: Vec<Option<Vec<rasd_core::Event>>> = docs
        .par_iter()
        .zip(skip.par_iter())
        .map(|(d, skip)| {
            if *skip {
                return Some(Vec::new());
            }
            catch_unwind(AssertUnwindSafe(|| extractor.extract(d).events)).ok()
        })
        .collect();
    let mut inputs = Vec::with_capacity(docs.len());
    let mut failed = Vec::new();
    for (document, reports) in docs.into_iter().zip(results) {
        match reports {
            Some(reports) => inputs.push(DocumentInput { document, reports }),
            None => failed.push(format!(
                "{}: extraction failed (a bug: please report it)",
                document.origin
            )),
        }
    }
    Ok((inputs, failed))
}

/// The writer thread: one transaction per batch. A batch refused as invalid is retried
/// document by document; the documents still refused are rejected.
fn write(
    store: &dyn Store,
    merger: &BatchMerger,
    opts: &ApplyOptions,
    rx: &Receiver<Vec<DocumentInput>>,
    notes: &Sender<String>,
) -> Result<Stored> {
    let mut stored = Stored::default();
    for batch in rx {
        let applied = store.apply_batch(&batch, merger, opts);
        merger.forget(batch.iter().map(|i| &i.document.content_hash));
        match applied {
            Ok(o) => stored.outcome.add(&o),
            Err(StoreError::Invalid(_)) => {
                for input in &batch {
                    match store.apply_batch(std::slice::from_ref(input), merger, opts) {
                        Ok(o) => stored.outcome.add(&o),
                        Err(StoreError::Invalid(why)) => {
                            stored.rejected += 1;
                            let _ = notes.send(format!(
                                "rejected: {}: not stored: {why}",
                                input.document.origin
                            ));
                        }
                        Err(e) => return Err(e).context("writing to the database"),
                    }
                }
            }
            Err(e) => return Err(e).context("writing to the database"),
        }
    }
    Ok(stored)
}

/// rasd-merge's merger, with the near-duplicate signatures of new documents computed
/// beforehand, in parallel (a signature is a pure function of the document's text, so the
/// decisions are exactly [`RasdMerger`]'s).
#[derive(Debug, Default)]
pub struct BatchMerger {
    inner: RasdMerger,
    signatures: Mutex<HashMap<ContentHash, Signature>>,
}

impl BatchMerger {
    fn signatures(&self) -> std::sync::MutexGuard<'_, HashMap<ContentHash, Signature>> {
        // The map holds only finished values: usable even if a holder panicked.
        self.signatures.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Computes the signatures of these documents (in parallel).
    pub fn precompute(&self, docs: &[&Document]) {
        let sigs: Vec<(ContentHash, Signature)> = docs
            .par_iter()
            .map(|d| (d.content_hash.clone(), self.inner.shingle_signature(d)))
            .collect();
        self.signatures().extend(sigs);
    }

    /// Drops the signatures of documents that have been applied.
    pub fn forget<'a>(&self, hashes: impl Iterator<Item = &'a ContentHash>) {
        let mut map = self.signatures();
        for h in hashes {
            map.remove(h);
        }
    }
}

impl Merger for BatchMerger {
    fn shingle_signature(&self, doc: &Document) -> Signature {
        let known = self.signatures().get(&doc.content_hash).cloned();
        known.unwrap_or_else(|| self.inner.shingle_signature(doc))
    }

    fn is_near_duplicate(&self, a: &Signature, b: &Signature) -> Option<f32> {
        self.inner.is_near_duplicate(a, b)
    }

    fn blocking_keys(&self, report: &ReportContext<'_>) -> BlockKeys {
        self.inner.blocking_keys(report)
    }

    fn choose(&self, report: &ReportContext<'_>, candidates: &[Candidate]) -> MergeDecision {
        self.inner.choose(report, candidates)
    }

    fn consolidate(&self, reports: &[StoredReport]) -> Option<Consensus> {
        self.inner.consolidate(reports)
    }
}

/// Prints the events this run created or changed (from the change feed), oldest first.
fn show(store: &dyn Store, since: i64) -> Result<()> {
    let mut ids: Vec<EventId> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut seq = since;
    loop {
        let page = store
            .changes_since(seq, 1000)
            .context("reading the change feed")?;
        let Some(last) = page.last() else { break };
        seq = last.seq;
        for c in page {
            if seen.insert(c.event_id.clone()) {
                ids.push(c.event_id);
            }
        }
    }
    let mut events: Vec<StoredEvent> = Vec::new();
    let mut shown = BTreeSet::new();
    for id in &ids {
        let Some(detail) = store.event(id).context("reading an event")? else {
            continue;
        };
        let e = detail.event;
        if e.status == rasd_store::EventStatus::Active && shown.insert(e.id.clone()) {
            events.push(e);
        }
    }
    events.sort_by(|a, b| {
        a.values
            .date
            .cmp(&b.values.date)
            .then(a.id.0.len().cmp(&b.id.0.len()))
            .then(a.id.cmp(&b.id))
    });
    println!();
    if events.is_empty() {
        println!("No event was created or changed by this run (`rasd events` lists them all).");
        return Ok(());
    }
    println!("{}", rasd_export::table::header());
    for e in events.iter().take(SHOW_MAX) {
        println!("{}", rasd_export::table::row(e));
    }
    if events.len() > SHOW_MAX {
        println!("… and {} more (see `rasd events`)", events.len() - SHOW_MAX);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_undated_documents_get_the_ingest_time() {
        let now: Timestamp = "2024-05-06T07:08:09"
            .parse()
            .unwrap_or_else(|_| ingest_time());
        let published: Timestamp = "2020-12-08".parse().unwrap_or(now);
        let doc = |published: Option<Timestamp>, collected: Option<Timestamp>| Document {
            id: rasd_core::DocId("d".into()),
            origin: rasd_core::Origin::default(),
            outlet: None,
            url: None,
            published,
            collected,
            title: None,
            text: "نص".into(),
            kept: vec![],
            removed: vec![],
            encoding: "UTF-8".into(),
            content_hash: rasd_core::ContentHash("h".into()),
            metadata: Default::default(),
        };
        let table = [
            (doc(None, None), Some(now), true),
            (doc(Some(published), None), None, false),
            (doc(None, Some(published)), Some(published), false),
        ];
        for (mut d, want_collected, marked) in table {
            date_undated(&mut d, now);
            assert_eq!(d.collected, want_collected);
            assert_eq!(d.metadata.contains_key(COLLECTED_AT_INGEST), marked);
        }
    }
}
