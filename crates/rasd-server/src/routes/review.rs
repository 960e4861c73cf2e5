//! `POST /api/events/{id}/review`: confirm, edit a field, reject, merge, split — mapped
//! onto `Store::review`, which records who and when.

use axum::Json;
use axum::extract::State;
use rasd_core::EventId;
use rasd_store::{ReviewAction, ReviewOutcome};
use serde::Deserialize;

use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;

/// Largest review body accepted (bytes); more is refused with 413.
pub const MAX_REVIEW_BODY: usize = 64 * 1024;
/// Longest `who` and `note`.
const MAX_WHO: usize = 100;
const MAX_NOTE: usize = 4000;

/// The body of a review:
/// `{"action": "confirm", "who": "analyst", "note": "…"}`,
/// `{"action": "edit", "edit": {"field": "fatalities", "value": 3}, "who": …}`,
/// `{"action": "reject", …}`, `{"action": "merge", "other": "SYR000002", …}`,
/// `{"action": "split", "reports": [12, 13], …}`.
#[derive(Debug, Deserialize)]
pub struct ReviewRequest {
    #[serde(flatten)]
    pub action: ReviewAction,
    /// Who reviews (recorded with the review).
    pub who: String,
    #[serde(default)]
    pub note: Option<String>,
}

pub async fn post(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(req): ApiJson<ReviewRequest>,
) -> Result<Json<ReviewOutcome>, ApiError> {
    let who = req.who.trim().to_owned();
    if who.is_empty() || who.chars().count() > MAX_WHO || who.chars().any(char::is_control) {
        return Err(ApiError::bad_request(format!(
            "who: 1 to {MAX_WHO} printable characters required"
        )));
    }
    let note = req
        .note
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    if note.as_ref().is_some_and(|n| n.chars().count() > MAX_NOTE) {
        return Err(ApiError::bad_request(format!(
            "note: at most {MAX_NOTE} characters"
        )));
    }
    match &req.action {
        ReviewAction::Merge { other } if other.0 == id => {
            return Err(ApiError::bad_request(
                "merge: an event cannot absorb itself",
            ));
        }
        ReviewAction::Split { reports } if reports.is_empty() => {
            return Err(ApiError::bad_request("split: name at least one report"));
        }
        _ => {}
    }
    let merger = state.merger();
    let action = req.action;
    let outcome = state
        .run(move |s| {
            let id = EventId(id);
            tracing::info!(event = %id, action = action.name(), %who, "review");
            Ok(s.review(&id, &action, note.as_deref(), &who, merger.as_ref())?)
        })
        .await;
    // Counts and statistics may have changed, even when the review failed half-way.
    state.invalidate_cache();
    Ok(Json(outcome?))
}
