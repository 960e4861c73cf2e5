//! In-memory merging with the same blocking and decisions as the store: for offline
//! de-duplication of report sets, and for the benchmark (no database in the way).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rasd_core::{DocId, Event, EventId};
use rasd_store::{
    BlockKey, Candidate, EventStatus, MergeDecision, Merger, ReportContext, ReportStatus,
    ReviewStatus, StoredEvent, StoredReport,
};

/// A report to cluster, with its document's context.
#[derive(Debug, Clone)]
pub struct Input {
    pub report: Event,
    pub document: i64,
    pub root_document: i64,
    pub anchor: Option<NaiveDate>,
    pub duplicate_source: bool,
}

#[derive(Debug)]
struct MemEvent {
    event: StoredEvent,
    reports: Vec<StoredReport>,
    /// Absorbed into this event.
    redirect: Option<usize>,
}

/// Events built incrementally from reports.
#[derive(Debug)]
pub struct Clusterer<'m> {
    merger: &'m dyn Merger,
    events: Vec<MemEvent>,
    blocks: HashMap<BlockKey, Vec<usize>>,
    next_report: i64,
    epoch: DateTime<Utc>,
}

impl<'m> Clusterer<'m> {
    pub fn new(merger: &'m dyn Merger) -> Self {
        Clusterer {
            merger,
            events: Vec::new(),
            blocks: HashMap::new(),
            next_report: 1,
            epoch: DateTime::from_timestamp(0, 0).unwrap_or_default(),
        }
    }

    fn live(&self, mut i: usize) -> usize {
        while let Some(j) = self.events[i].redirect {
            i = j;
        }
        i
    }

    fn index_of(id: &EventId) -> usize {
        id.0.trim_start_matches("MEM").parse().unwrap_or(usize::MAX)
    }

    /// Adds a report; returns the index of its event (None: an unmatched duplicate source).
    pub fn add(&mut self, input: Input) -> Option<usize> {
        let id = self.next_report;
        self.next_report += 1;
        let sr = StoredReport {
            id,
            document: input.document,
            doc_id: DocId(input.document.to_string()),
            root_document: input.root_document,
            anchor: input.anchor,
            event_id: None,
            ordinal: 0,
            natural_key: String::new(),
            duplicate_source: input.duplicate_source,
            status: ReportStatus::Active,
            report: input.report,
            link: None,
            created_at: self.epoch,
            updated_at: self.epoch,
        };
        let ctx = ReportContext {
            report: &sr.report,
            document: sr.document,
            root_document: sr.root_document,
            anchor: sr.anchor,
            duplicate_source: sr.duplicate_source,
        };
        let keys = self.merger.blocking_keys(&ctx);
        let mut idx: Vec<usize> = keys
            .probe
            .iter()
            .filter_map(|k| self.blocks.get(k))
            .flatten()
            .map(|&i| self.live(i))
            .collect();
        idx.sort_unstable();
        idx.dedup();
        let cands: Vec<Candidate> = idx
            .iter()
            .map(|&i| Candidate {
                event: self.events[i].event.clone(),
                reports: self.events[i].reports.clone(),
            })
            .collect();
        let decision = self.merger.choose(&ctx, &cands);
        let target = match decision {
            MergeDecision::AttachTo { event, absorb, .. } => {
                let t = self.live(Self::index_of(&event));
                for (other, _) in absorb {
                    let o = self.live(Self::index_of(&other));
                    if o != t {
                        let moved = std::mem::take(&mut self.events[o].reports);
                        self.events[t].reports.extend(moved);
                        self.events[o].redirect = Some(t);
                        self.events[o].event.status = EventStatus::Merged;
                    }
                }
                t
            }
            MergeDecision::New if sr.duplicate_source => return None,
            MergeDecision::New => {
                let i = self.events.len();
                let values = self.merger.consolidate(std::slice::from_ref(&sr))?;
                let event = StoredEvent {
                    id: EventId(format!("MEM{i}")),
                    status: EventStatus::Active,
                    review_status: ReviewStatus::Unreviewed,
                    redirect_to: None,
                    values,
                    overridden: vec![],
                    n_reports: 0,
                    n_sources: 0,
                    created_at: self.epoch,
                    updated_at: self.epoch,
                };
                self.events.push(MemEvent {
                    event,
                    reports: vec![],
                    redirect: None,
                });
                i
            }
        };
        for k in keys.index {
            let v = self.blocks.entry(k).or_default();
            if !v.contains(&target) {
                v.push(target);
            }
        }
        let e = &mut self.events[target];
        e.reports.push(sr);
        if let Some(c) = self.merger.consolidate(&e.reports) {
            e.event.values = c;
        }
        e.event.n_reports = u32::try_from(e.reports.len()).unwrap_or(u32::MAX);
        Some(target)
    }

    /// The live events' report ids (1-based, in the order added).
    pub fn clusters(&self) -> Vec<Vec<i64>> {
        self.events
            .iter()
            .filter(|e| e.redirect.is_none())
            .map(|e| e.reports.iter().map(|r| r.id).collect())
            .collect()
    }

    /// The live events.
    pub fn events(&self) -> impl Iterator<Item = &StoredEvent> {
        self.events
            .iter()
            .filter(|e| e.redirect.is_none())
            .map(|e| &e.event)
    }
}
