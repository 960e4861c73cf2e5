//! Analyst reviews: confirm, edit a field, reject, merge, split — each logged with who and
//! when, each reflected in the change feed.

use std::collections::BTreeSet;

use rasd_core::{EventId, Field};

use super::history::{self, Entry};
use super::{Tx, events, lifecycle, reports};
use crate::db::{Conn, ConnExt, Row, args, json_col};
use crate::error::{Result, StoreError};
use crate::keys::lock_key;
use crate::merger::{Criterion, MatchReason, Merger};
use crate::model::{
    ChangeKind, EventStatus, FieldEdit, MergeKind, Review, ReviewAction, ReviewOutcome,
    ReviewStatus, StoredReport,
};

fn review_from_row(r: &dyn Row) -> Result<Review> {
    Ok(Review {
        id: r.req_int(0)?,
        event_id: EventId(r.req_text(1)?),
        action: json_col(r, 2)?,
        note: r.text(3)?,
        who: r.req_text(4)?,
        at: r.req_time(5)?,
    })
}

/// Reviews of an event and of the events it absorbed, oldest first.
pub fn of_event(conn: &mut dyn Conn, id: &EventId) -> Result<Vec<Review>> {
    conn.query_map(
        "SELECT id, event_id, payload, note, who, at FROM reviews WHERE event_id = ? OR event_id IN \
         (SELECT id FROM events WHERE redirect_to = ?) ORDER BY id",
        &args![&id.0, &id.0],
        review_from_row,
    )
}

/// The fields a confirmation pins (so re-extraction cannot change what was confirmed).
const PINNED_ON_CONFIRM: [Field; 6] = [
    Field::SubEventType,
    Field::Date,
    Field::Location,
    Field::Actor1,
    Field::Actor2,
    Field::Fatalities,
];

fn pin_current(c: &crate::merger::Consensus, field: Field) -> Option<FieldEdit> {
    Some(match field {
        Field::SubEventType => FieldEdit::SubEventType(c.sub_event_type),
        Field::Date => FieldEdit::Date(c.date),
        Field::Location => FieldEdit::Location(Box::new(c.location.clone())),
        Field::Actor1 => FieldEdit::Actor1(c.actor1.clone()),
        Field::Actor2 => FieldEdit::Actor2(c.actor2.clone()),
        Field::Fatalities => FieldEdit::Fatalities(c.fatalities),
        _ => return None,
    })
}

fn by_review(who: &str, what: &str) -> MatchReason {
    MatchReason {
        score: 1.0,
        criteria: vec![Criterion {
            name: "review".into(),
            detail: format!("{what} by {who}"),
            score: 1.0,
        }],
        summary: format!("{what} by {who}"),
    }
}

/// Applies a review inside the caller's transaction.
pub fn review(
    conn: &mut dyn Conn,
    merger: &dyn Merger,
    id: &EventId,
    action: &ReviewAction,
    note: Option<&str>,
    who: &str,
) -> Result<ReviewOutcome> {
    let mut tx = Tx::new(conn, merger, who);
    let row = events::resolve(tx.conn, id)?.ok_or_else(|| StoreError::NoSuchEvent(id.clone()))?;
    let eid = row.event.id.clone();
    // Serialise with writers working on the same blocks (PostgreSQL).
    let mut keys: BTreeSet<i64> = events::blocks_of(tx.conn, &eid)?
        .iter()
        .map(|b| lock_key("block", &b.0))
        .collect();
    if let ReviewAction::Merge { other } = action
        && let Some(o) = events::resolve(tx.conn, other)?
    {
        keys.extend(
            events::blocks_of(tx.conn, &o.event.id)?
                .iter()
                .map(|b| lock_key("block", &b.0)),
        );
    }
    tx.lock(&keys)?;
    tx.touch(&eid)?;
    let now = tx.now;
    let mut created = None;
    match action {
        ReviewAction::Confirm => {
            let mut overrides = row.overrides.clone();
            for f in PINNED_ON_CONFIRM {
                if !overrides.iter().any(|o| o.field() == f) {
                    overrides.extend(pin_current(&row.event.values, f));
                }
            }
            events::set_overrides(tx.conn, &eid, &overrides)?;
            events::set_review_status(tx.conn, &eid, ReviewStatus::Confirmed, now)?;
        }
        ReviewAction::Reject => {
            events::set_review_status(tx.conn, &eid, ReviewStatus::Rejected, now)?
        }
        ReviewAction::Edit { edit } => {
            let mut overrides: Vec<FieldEdit> = row
                .overrides
                .iter()
                .filter(|o| o.field() != edit.field())
                .cloned()
                .collect();
            overrides.push(edit.clone());
            events::set_overrides(tx.conn, &eid, &overrides)?;
            events::set_review_status(tx.conn, &eid, ReviewStatus::Edited, now)?;
            if row.event.status == EventStatus::Active {
                lifecycle::recompute(&mut tx, &eid)?;
            } else {
                let mut c = row.event.values.clone();
                edit.apply(&mut c);
                let (n, s) = (row.event.n_reports, row.event.n_sources);
                events::write_event(tx.conn, &eid, row.event.status, &c, n, s, now)?;
            }
        }
        ReviewAction::Merge { other } => {
            let o = events::resolve(tx.conn, other)?
                .ok_or_else(|| StoreError::NoSuchEvent(other.clone()))?;
            if o.event.id == eid {
                return Err(StoreError::Review(format!("{other} is already {eid}")));
            }
            lifecycle::merge_events(&mut tx, &eid, &o.event.id, &by_review(who, "merged"))?;
        }
        ReviewAction::Split { reports: ids } => {
            let active = reports::active_of_event(tx.conn, &eid)?;
            let want: BTreeSet<i64> = ids.iter().copied().collect();
            let moving: Vec<StoredReport> = active
                .iter()
                .filter(|r| want.contains(&r.id))
                .cloned()
                .collect();
            if moving.is_empty() || moving.len() != want.len() {
                return Err(StoreError::Review(format!(
                    "split: reports {ids:?} are not all active reports of {eid}"
                )));
            }
            if moving.len() == active.len() {
                return Err(StoreError::Review(
                    "split: at least one report must stay".into(),
                ));
            }
            let c = merger
                .consolidate(&moving)
                .ok_or_else(|| StoreError::Review("split: no consensus".into()))?;
            let n = u32::try_from(moving.len()).unwrap_or(u32::MAX);
            let new_id = events::create_event(tx.conn, &c, n, lifecycle::n_sources(&moving), now)?;
            tx.created(&new_id);
            let reason = by_review(who, "split");
            for r in &moving {
                reports::link(tx.conn, r.id, &new_id, Some(&reason))?;
            }
            let entry = Entry {
                event: Some(&eid),
                other: Some(&new_id),
                reason: Some(&reason),
                ..Entry::default()
            };
            history::record(tx.conn, MergeKind::Split, entry, who, now)?;
            // Both halves are reviewed: automatic merging must not undo the split.
            events::set_review_status(tx.conn, &eid, ReviewStatus::Edited, now)?;
            events::set_review_status(tx.conn, &new_id, ReviewStatus::Edited, now)?;
            lifecycle::recompute(&mut tx, &eid)?;
            lifecycle::recompute(&mut tx, &new_id)?;
            tx.push_change(
                ChangeKind::EventSplit,
                &eid,
                serde_json::json!({ "into": new_id, "reports": ids }),
            );
            created = Some(new_id);
        }
    }
    let review_id = tx
        .conn
        .query_opt(
            "INSERT INTO reviews (event_id, action, payload, note, who, at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            &args![&eid.0, action.name(), serde_json::to_string(action)?, note, who, now],
            |r| r.req_int(0),
        )?
        .ok_or_else(|| StoreError::Corrupt("insert into reviews returned no id".into()))?;
    let detail = serde_json::json!({ "action": action.name(), "who": who, "review": review_id });
    tx.push_change(ChangeKind::EventReviewed, &eid, detail);
    tx.finish()?;
    let event = events::load_event(conn, &eid)?
        .ok_or_else(|| StoreError::NoSuchEvent(eid.clone()))?
        .event;
    Ok(ReviewOutcome {
        review_id,
        event,
        created,
    })
}
