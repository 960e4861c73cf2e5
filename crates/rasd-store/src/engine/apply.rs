//! Applying a batch: documents (exact and near duplicates), reports (new, re-extracted,
//! removed), merging into events.

use std::collections::BTreeSet;

use rasd_core::{DocId, EventId};

use super::documents::{self, DocRow};
use super::history::{self, Entry};
use super::reports::{self, NewReport};
use super::{Tx, events, lifecycle};
use crate::db::{Conn, Dialect};
use crate::error::{Result, StoreError};
use crate::keys::{fingerprint, lock_key, natural_key, report_fingerprint};
use crate::merger::{
    Candidate, Criterion, MatchReason, MergeDecision, Merger, ReportContext, Signature,
};
use crate::model::{ApplyOptions, BatchOutcome, DocumentInput, MergeKind};

/// Applies a batch on a connection that is inside a transaction (the caller commits).
pub fn apply_batch(
    conn: &mut dyn Conn,
    batch: &[DocumentInput],
    merger: &dyn Merger,
    opts: &ApplyOptions,
) -> Result<BatchOutcome> {
    let dialect = conn.dialect();
    let mut tx = Tx::new(conn, merger, &opts.who);
    let mut out = BatchOutcome::default();
    let mut sigs: Vec<Option<Signature>> = vec![None; batch.len()];
    if dialect == Dialect::Postgres {
        // Everything this batch may touch, locked up front in one sorted pass.
        let mut keys = BTreeSet::new();
        for (input, sig) in batch.iter().zip(sigs.iter_mut()) {
            lock_keys_of(&mut tx, input, sig, &mut keys)?;
        }
        tx.lock(&keys)?;
    }
    for (input, sig) in batch.iter().zip(sigs) {
        apply_one(&mut tx, input, sig, opts, &mut out)?;
    }
    let counts = tx.finish()?;
    out.events_new = counts.new;
    out.events_updated = counts.updated;
    out.events_merged = counts.merged;
    out.events_retired = counts.retired;
    Ok(out)
}

/// The advisory-lock keys of one document: its content hash, its LSH bands, and the
/// blocking keys of its new and old reports.
fn lock_keys_of(
    tx: &mut Tx<'_>,
    input: &DocumentInput,
    sig: &mut Option<Signature>,
    keys: &mut BTreeSet<i64>,
) -> Result<()> {
    let doc = &input.document;
    keys.insert(lock_key("doc", &doc.content_hash.0));
    let known = documents::find_by_hash(tx.conn, &doc.content_hash)?;
    if known.is_none() {
        let s = tx.merger.shingle_signature(doc);
        keys.extend(s.bands.iter().map(|b| lock_key("band", &b.to_string())));
        *sig = Some(s);
    }
    for r in &input.reports {
        let ctx = ReportContext {
            report: r,
            document: 0,
            root_document: 0,
            anchor: doc.anchor_date(),
            duplicate_source: false,
        };
        let bk = tx.merger.blocking_keys(&ctx);
        keys.extend(
            bk.index
                .iter()
                .chain(&bk.probe)
                .map(|k| lock_key("block", &k.0)),
        );
    }
    if let Some(row) = known {
        for (r, _) in reports::active_of_document(tx.conn, row.id)? {
            let bk = tx.merger.blocking_keys(&r.context());
            keys.extend(
                bk.index
                    .iter()
                    .chain(&bk.probe)
                    .map(|k| lock_key("block", &k.0)),
            );
        }
    }
    Ok(())
}

fn validate(input: &DocumentInput) -> Result<()> {
    for r in &input.reports {
        r.validate()
            .map_err(|e| StoreError::Invalid(format!("document {}: {e}", input.document.id)))?;
    }
    Ok(())
}

fn apply_one(
    tx: &mut Tx<'_>,
    input: &DocumentInput,
    sig: Option<Signature>,
    opts: &ApplyOptions,
    out: &mut BatchOutcome,
) -> Result<()> {
    let doc = &input.document;
    let reports_fp = fingerprint(&input.reports)?;
    if let Some(row) = documents::find_by_hash(tx.conn, &doc.content_hash)? {
        return reextract(tx, &row, input, &reports_fp, opts, out);
    }
    validate(input)?;
    let sig = match sig {
        Some(s) => s,
        None => tx.merger.shingle_signature(doc),
    };
    let dup = documents::near_duplicate_of(tx.conn, tx.merger, &sig)?;
    let Some(id) = documents::insert(tx.conn, doc, &sig, dup, &reports_fp, tx.now)? else {
        // Stored meanwhile by another writer: treat it as known.
        let row = documents::find_by_hash(tx.conn, &doc.content_hash)?.ok_or_else(|| {
            StoreError::Corrupt(format!("document {} vanished", doc.content_hash))
        })?;
        return reextract(tx, &row, input, &reports_fp, opts, out);
    };
    if let Some((root, score)) = dup {
        let reason = MatchReason {
            score,
            criteria: vec![Criterion {
                name: "minhash".into(),
                detail: format!("near-duplicate of document {root}"),
                score,
            }],
            summary: format!("document {id} is a copy of document {root} (similarity {score:.2})"),
        };
        let who = tx.who.clone();
        history::record(
            tx.conn,
            MergeKind::DuplicateDocument,
            Entry {
                document: Some(id),
                reason: Some(&reason),
                ..Entry::default()
            },
            &who,
            tx.now,
        )?;
        out.documents_near_duplicate += 1;
        tracing::debug!(doc = %doc.id, root, score, "near-duplicate document");
    } else {
        out.documents_new += 1;
    }
    let anchor = doc.anchor_date();
    for (i, r) in input.reports.iter().enumerate() {
        let ctx = ReportContext {
            report: r,
            document: id,
            root_document: dup.map_or(id, |d| d.0),
            anchor,
            duplicate_source: dup.is_some(),
        };
        add_report(tx, new_report(ctx, i)?, &doc.id)?;
        out.reports_new += 1;
    }
    Ok(())
}

fn new_report(ctx: ReportContext<'_>, ordinal: usize) -> Result<NewReport<'_>> {
    Ok(NewReport {
        natural_key: natural_key(&ctx),
        fingerprint: report_fingerprint(ctx.report)?,
        ordinal: u32::try_from(ordinal).unwrap_or(u32::MAX),
        ctx,
    })
}

/// Stores a report and merges it: attach to the event the merger chooses among the
/// candidates of its blocks, or start a new one. Reports of near-duplicate documents never
/// start events: unmatched, they stay unlinked.
fn add_report(tx: &mut Tx<'_>, nr: NewReport<'_>, doc_id: &DocId) -> Result<i64> {
    let rid = reports::insert(tx.conn, &nr, tx.now)?;
    let ctx = nr.ctx;
    let keys = tx.merger.blocking_keys(&ctx);
    let mut cands = Vec::new();
    for row in events::candidate_events(tx.conn, &keys.probe)? {
        let reps = reports::active_of_event(tx.conn, &row.event.id)?;
        cands.push(Candidate {
            event: row.event,
            reports: reps,
        });
    }
    let who = tx.who.clone();
    match tx.merger.choose(&ctx, &cands) {
        MergeDecision::AttachTo {
            event,
            reason,
            absorb,
        } => {
            if !cands.iter().any(|c| c.event.id == event) {
                return Err(StoreError::Invalid(format!(
                    "merger chose {event}, which is not a candidate"
                )));
            }
            tx.touch(&event)?;
            let target = events::claim(tx.conn, &event, tx.now)?;
            reports::link(tx.conn, rid, &target, Some(&reason))?;
            let entry = Entry {
                event: Some(&target),
                report: Some(rid),
                document: Some(ctx.document),
                reason: Some(&reason),
                ..Entry::default()
            };
            history::record(tx.conn, MergeKind::Attach, entry, &who, tx.now)?;
            for (other, why) in absorb {
                if other != target && cands.iter().any(|c| c.event.id == other) {
                    lifecycle::merge_events(tx, &target, &other, &why)?;
                }
            }
            lifecycle::recompute(tx, &target)?;
        }
        MergeDecision::New if ctx.duplicate_source => {}
        MergeDecision::New => {
            let stored = nr.stored(rid, doc_id, None, tx.now);
            let Some(c) = tx.merger.consolidate(std::slice::from_ref(&stored)) else {
                return Ok(rid);
            };
            let id: EventId = events::create_event(tx.conn, &c, 1, 1, tx.now)?;
            tx.created(&id);
            reports::link(tx.conn, rid, &id, None)?;
            let entry = Entry {
                event: Some(&id),
                report: Some(rid),
                document: Some(ctx.document),
                ..Entry::default()
            };
            history::record(tx.conn, MergeKind::Create, entry, &who, tx.now)?;
            events::set_blocks(tx.conn, &id, &keys.index.into_iter().collect())?;
        }
    }
    Ok(rid)
}

/// A known document: nothing to do when its reports are unchanged; else its reports are
/// replaced, keeping ids — matched by natural key and updated in place; reports that
/// disappeared are marked removed (their events recomputed, retired when left empty).
fn reextract(
    tx: &mut Tx<'_>,
    row: &DocRow,
    input: &DocumentInput,
    reports_fp: &str,
    opts: &ApplyOptions,
    out: &mut BatchOutcome,
) -> Result<()> {
    if row.reports_fingerprint == reports_fp || !opts.replace_reports {
        out.documents_duplicate += 1;
        return Ok(());
    }
    validate(input)?;
    out.documents_reextracted += 1;
    let old = reports::active_of_document(tx.conn, row.id)?;
    let news: Vec<NewReport<'_>> = input
        .reports
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let ctx = ReportContext {
                report: r,
                document: row.id,
                root_document: row.duplicate_of.unwrap_or(row.id),
                anchor: row.anchor,
                duplicate_source: row.duplicate_of.is_some(),
            };
            new_report(ctx, i)
        })
        .collect::<Result<_>>()?;
    let mut used = vec![false; old.len()];
    let mut pairs = Vec::new();
    let mut fresh = Vec::new();
    for (i, n) in news.iter().enumerate() {
        match old
            .iter()
            .enumerate()
            .position(|(j, (o, _))| !used[j] && o.natural_key == n.natural_key)
        {
            Some(j) => {
                used[j] = true;
                pairs.push((i, j));
            }
            None => fresh.push(i),
        }
    }
    let who = tx.who.clone();
    let mut affected: BTreeSet<EventId> = BTreeSet::new();
    // Removals first, so the new reports' same-document checks no longer see them.
    for (j, (o, _)) in old.iter().enumerate() {
        if used[j] {
            continue;
        }
        reports::mark_removed(tx.conn, o.id, tx.now)?;
        out.reports_removed += 1;
        if let Some(e) = &o.event_id {
            tx.touch(e)?;
            let entry = Entry {
                event: Some(e),
                report: Some(o.id),
                document: Some(row.id),
                ..Entry::default()
            };
            history::record(tx.conn, MergeKind::Detach, entry, &who, tx.now)?;
            affected.insert(e.clone());
        }
    }
    for (i, j) in pairs {
        let (o, fp) = &old[j];
        let n = &news[i];
        if *fp != n.fingerprint {
            reports::update(tx.conn, o.id, n, tx.now)?;
            out.reports_updated += 1;
            if let Some(e) = &o.event_id {
                tx.touch(e)?;
                affected.insert(e.clone());
            }
        } else {
            if o.ordinal != n.ordinal {
                reports::update(tx.conn, o.id, n, tx.now)?;
            }
            out.reports_unchanged += 1;
        }
    }
    for i in fresh {
        add_report(tx, news[i].clone(), &row.doc_id)?;
        out.reports_new += 1;
    }
    for e in affected {
        lifecycle::recompute(tx, &e)?;
    }
    documents::set_reports_fingerprint(tx.conn, row.id, reports_fp, tx.now)
}
