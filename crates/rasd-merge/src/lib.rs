//! rasd-merge: the merge decisions behind rasd's one-record-per-incident database.
//!
//! Pure logic, no SQL: [`RasdMerger`] implements [`rasd_store::Merger`], and the store calls
//! it inside its transactions.
//!
//! * **Near-duplicate articles** ([`minhash`]): MinHash (128 hashes) over word 3-shingles of
//!   the match key, LSH in 32 bands of 4. A copy (similarity ≥ 0.6) is linked to the first
//!   copy; its reports are attached to the events they match as *duplicate sources* (flagged,
//!   adding no support), and never start an event.
//! * **Cross-source merging** ([`matching`]): reports that agree on sub-event type (or a
//!   compatible group), place (same id or name, within a few km, or the same admin3 when one
//!   side is imprecise), date (±1 day; undated: the week of publication; two reports of a
//!   lasting situation — a siege, blockade, water cut or curfew — within two weeks) and
//!   actor1 (same kind, or one unknown) are one incident; two detentions of the same victim
//!   group (women, children, young men) may lie further apart in place and date
//!   ([`victims`]), two of different groups never match. Two reports of one document merge only when
//!   they share sub-event type, place and date.
//! * **Blocking** ([`blocking`]): reports are only compared within place × week blocks, so
//!   merging n reports costs O(n) look-ups (see the `merge` benchmark).
//! * **Consensus** ([`consensus`]): ACLED's lowest fatalities, the most specific and most
//!   reported actor, the most precise date and location — every disagreeing value kept.

pub mod blocking;
pub mod cluster;
pub mod consensus;
mod hash;
pub mod matching;
pub mod minhash;
pub mod synthetic;
#[cfg(test)]
mod test_support;
pub mod victims;

use rasd_core::Document;
use rasd_store::{
    BlockKeys, Candidate, MatchReason, MergeDecision, Merger, ReportContext, Signature,
    StoredReport,
};

pub use minhash::MinHashConfig;

/// Tunable thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeConfig {
    pub minhash: MinHashConfig,
    /// Reports at different places this close (km) can be one incident.
    pub near_km: f64,
    /// Largest date difference (days) between reports of one incident.
    pub max_days: i64,
    /// Largest date difference (days) between two reports of one lasting situation (a
    /// siege, blockade, water cut or curfew: sources date it by when it began, "for ten
    /// days now", or the day it tightened).
    pub situation_days: i64,
    /// Two detentions of the same victim group (women, children, young men) can be this
    /// far apart (km): one report places the arrest where it happened, another in the
    /// victims' home town (see [`victims`]).
    pub victim_km: f64,
    /// … and this many days apart, when one of them does not state its date in its own
    /// sentence.
    pub victim_days: i64,
    /// From this score, a report that matches several events shows them to be one: the best
    /// absorbs the others (when their reports are compatible with each other and no
    /// analyst has reviewed either).
    pub absorb_score: f32,
}

impl Default for MergeConfig {
    fn default() -> Self {
        MergeConfig {
            minhash: MinHashConfig::default(),
            near_km: 3.0,
            max_days: 1,
            situation_days: 14,
            victim_km: 40.0,
            victim_days: 7,
            absorb_score: 0.9,
        }
    }
}

/// rasd's merger.
#[derive(Debug, Clone, Default)]
pub struct RasdMerger {
    pub config: MergeConfig,
}

impl RasdMerger {
    pub fn new(config: MergeConfig) -> Self {
        RasdMerger { config }
    }

    /// How the report matches an event: the best match against its reports (against its
    /// consensus when it has none), provided the date also fits the event's consensus date
    /// (no drifting chains) and the same-document rule holds.
    pub fn match_event(&self, report: &ReportContext<'_>, cand: &Candidate) -> Option<MatchReason> {
        let mut best: Option<MatchReason> = None;
        for m in &cand.reports {
            let mc = m.context();
            if mc.document == report.document && !matching::same_document_compatible(report, &mc) {
                return None;
            }
            if let Some(r) = matching::compare(report, &mc, &self.config)
                && best.as_ref().is_none_or(|b| r.score > b.score)
            {
                best = Some(r);
            }
        }
        // The event's own values: they stand in for reports that were removed, and the
        // consensus date keeps a chain of ±1 day matches from drifting.
        let v = &cand.event.values;
        let proxy = rasd_core::Event {
            doc: String::new(),
            event_type: v.event_type,
            sub_event_type: v.sub_event_type,
            tags: v.tags.clone(),
            background: false,
            location: v.location.clone(),
            date: v.date.map(|d| {
                rasd_core::EventDate::absolute(d, v.time_precision.unwrap_or_default(), "")
            }),
            actor1: v.actor1.clone(),
            actor2: v.actor2.clone(),
            assoc_actor1: vec![],
            assoc_actor2: v.assoc_actor2.clone(),
            fatalities: v.fatalities,
            fatalities_civilians: None,
            injured: v.injured,
            detained: None,
            displaced: None,
            confidence: v.confidence,
            notes: String::new(),
            evidence: vec![],
        };
        let anchor = cand.reports.first().and_then(|r| r.anchor);
        let pc = ReportContext {
            report: &proxy,
            document: -1,
            root_document: -1,
            anchor,
            duplicate_source: false,
        };
        if cand.reports.is_empty() {
            return matching::compare(report, &pc, &self.config);
        }
        if v.date.is_some() && report.date().is_some() {
            matching::date(report, &pc, &self.config)?;
        }
        best
    }

    /// Whether two events may be one: all their reports pairwise compatible, none from the
    /// same document.
    fn events_compatible(&self, a: &Candidate, b: &Candidate) -> bool {
        a.reports.iter().all(|x| {
            b.reports.iter().all(|y| {
                let (cx, cy) = (x.context(), y.context());
                cx.document != cy.document && matching::compare(&cx, &cy, &self.config).is_some()
            })
        })
    }
}

/// Orders event ids by creation (`SYR000009` before `SYR000010`, whatever the width).
fn id_order(a: &rasd_core::EventId, b: &rasd_core::EventId) -> std::cmp::Ordering {
    a.0.len().cmp(&b.0.len()).then(a.0.cmp(&b.0))
}

impl Merger for RasdMerger {
    fn shingle_signature(&self, doc: &Document) -> Signature {
        let cfg = &self.config.minhash;
        minhash::signature(
            &minhash::shingles(&minhash::signed_text(doc), cfg.shingle),
            cfg,
        )
    }

    fn is_near_duplicate(&self, a: &Signature, b: &Signature) -> Option<f32> {
        let s = minhash::similarity(a, b);
        (s >= self.config.minhash.threshold).then_some(s)
    }

    fn blocking_keys(&self, report: &ReportContext<'_>) -> BlockKeys {
        blocking::blocking_keys(report, &self.config)
    }

    fn choose(&self, report: &ReportContext<'_>, candidates: &[Candidate]) -> MergeDecision {
        let mut scored: Vec<(&Candidate, MatchReason)> = candidates
            .iter()
            .filter_map(|c| self.match_event(report, c).map(|r| (c, r)))
            .collect();
        // Best score first; ties go to the older event.
        scored.sort_by(|(a, x), (b, y)| {
            y.score
                .total_cmp(&x.score)
                .then(id_order(&a.event.id, &b.event.id))
        });
        let Some((best, reason)) = scored.first() else {
            return MergeDecision::New;
        };
        // Only unreviewed events merge on their own: an analyst's split or verdict stands.
        let unreviewed =
            |c: &Candidate| c.event.review_status == rasd_store::ReviewStatus::Unreviewed;
        let absorb = scored[1..]
            .iter()
            .filter(|(c, r)| {
                r.score >= self.config.absorb_score
                    && unreviewed(best)
                    && unreviewed(c)
                    && self.events_compatible(best, c)
            })
            .map(|(c, r)| (c.event.id.clone(), r.clone()))
            .collect();
        tracing::trace!(event = %best.event.id, score = reason.score, "attach");
        MergeDecision::AttachTo {
            event: best.event.id.clone(),
            reason: reason.clone(),
            absorb,
        }
    }

    fn consolidate(&self, reports: &[StoredReport]) -> Option<rasd_store::Consensus> {
        consensus::consolidate(reports)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{candidate, ctx, report, stored};
    use rasd_core::SubEventType as S;

    fn attach_target(d: &MergeDecision) -> Option<&str> {
        match d {
            MergeDecision::AttachTo { event, .. } => Some(event.0.as_str()),
            MergeDecision::New => None,
        }
    }

    #[test]
    fn attaches_to_the_best_candidate_or_starts_a_new_event() {
        let m = RasdMerger::default();
        let clash = candidate(
            "SYR000001",
            vec![stored(
                1,
                10,
                report(S::ArmedClash, "جاسم", Some("2020-12-08")),
            )],
        );
        let strike = candidate(
            "SYR000002",
            vec![stored(
                2,
                11,
                report(S::AirDroneStrike, "جاسم", Some("2020-12-08")),
            )],
        );
        let cands = [clash, strike];
        let r = report(
            S::ShellingArtilleryMissileAttack,
            "جاسم",
            Some("2020-12-09"),
        );
        let d = m.choose(&ctx(&r, 20), &cands);
        assert_eq!(
            attach_target(&d),
            Some("SYR000002"),
            "shelling/air strike are one group"
        );
        if let MergeDecision::AttachTo { reason, .. } = &d {
            assert!(reason.summary.contains("compatible"), "{}", reason.summary);
        }
        let r = report(S::Arrests, "جاسم", Some("2020-12-08"));
        assert_eq!(m.choose(&ctx(&r, 20), &cands), MergeDecision::New);
        assert_eq!(m.choose(&ctx(&r, 20), &[]), MergeDecision::New);
    }

    #[test]
    fn same_document_reports_stay_apart_unless_identical() {
        let m = RasdMerger::default();
        let arrest = candidate(
            "SYR000001",
            vec![stored(
                1,
                10,
                report(S::Arrests, "كناكر", Some("2020-12-08")),
            )],
        );
        let abduction = report(S::AbductionForcedDisappearance, "كناكر", Some("2020-12-08"));
        assert_eq!(
            m.choose(&ctx(&abduction, 10), std::slice::from_ref(&arrest)),
            MergeDecision::New
        );
        assert!(
            attach_target(&m.choose(&ctx(&abduction, 11), std::slice::from_ref(&arrest))).is_some()
        );
        let same = report(S::Arrests, "كناكر", Some("2020-12-08"));
        assert!(attach_target(&m.choose(&ctx(&same, 10), &[arrest])).is_some());
    }

    #[test]
    fn a_bridging_report_merges_unreviewed_events_only() {
        let m = RasdMerger::default();
        let a = candidate(
            "SYR000001",
            vec![stored(
                1,
                10,
                report(S::ArmedClash, "طفس", Some("2020-12-08")),
            )],
        );
        let b = candidate(
            "SYR000002",
            vec![stored(
                2,
                11,
                report(S::ArmedClash, "طفس", Some("2020-12-08")),
            )],
        );
        let r = report(S::ArmedClash, "طفس", Some("2020-12-08"));
        match m.choose(&ctx(&r, 12), &[b.clone(), a.clone()]) {
            MergeDecision::AttachTo { event, absorb, .. } => {
                assert_eq!(event.0, "SYR000001", "ties go to the older event");
                assert_eq!(
                    absorb.iter().map(|x| x.0.0.as_str()).collect::<Vec<_>>(),
                    ["SYR000002"]
                );
            }
            d => panic!("{d:?}"),
        }
        let mut reviewed = b;
        reviewed.event.review_status = rasd_store::ReviewStatus::Edited;
        match m.choose(&ctx(&r, 12), &[a, reviewed]) {
            MergeDecision::AttachTo { absorb, .. } => {
                assert!(absorb.is_empty(), "an analyst's split stands")
            }
            d => panic!("{d:?}"),
        }
    }

    #[test]
    fn a_chain_does_not_drift_past_the_event_date() {
        let m = RasdMerger::default();
        // The event is dated the 8th (its consensus); a member says the 9th.
        let e = candidate(
            "SYR000001",
            vec![
                stored(1, 10, report(S::ArmedClash, "دوما", Some("2020-12-08"))),
                stored(2, 11, report(S::ArmedClash, "دوما", Some("2020-12-08"))),
                stored(3, 12, report(S::ArmedClash, "دوما", Some("2020-12-09"))),
            ],
        );
        let r = report(S::ArmedClash, "دوما", Some("2020-12-10"));
        assert_eq!(m.choose(&ctx(&r, 20), &[e]), MergeDecision::New);
    }
}
