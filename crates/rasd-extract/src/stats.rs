//! Typed counts of what extraction dropped and why.

use std::collections::BTreeMap;

use serde::Serialize;

/// Why a mention or an event did not make it into the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// A threat, plan, demand, denial, fear or condition (GUIDELINES §1).
    NotEvent,
    /// A total over a long period.
    Aggregate,
    /// A killing word in a sentence that states its event with another trigger.
    KillingWithEvent,
    /// A second trigger of the same sub-type in one clause.
    SameClause,
    /// No place could be found for the event.
    NoPlace,
    /// A trigger that needs a named actor (a bare اتفاق) had none.
    NoParties,
    /// The event happened outside Syria.
    OutsideSyria,
    /// Below the confidence threshold.
    LowConfidence,
    /// Merged into another event of the same article.
    MergedInArticle,
}

/// Counts for one document or a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub documents: usize,
    pub paragraphs: usize,
    pub sentences: usize,
    pub candidates: usize,
    pub events: usize,
    pub dropped: BTreeMap<DropReason, usize>,
}

impl Stats {
    pub fn drop(&mut self, r: DropReason) {
        *self.dropped.entry(r).or_default() += 1;
    }

    pub fn add(&mut self, other: &Stats) {
        self.documents += other.documents;
        self.paragraphs += other.paragraphs;
        self.sentences += other.sentences;
        self.candidates += other.candidates;
        self.events += other.events;
        for (k, v) in &other.dropped {
            *self.dropped.entry(*k).or_default() += v;
        }
    }
}
