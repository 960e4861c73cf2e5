//! Errors: every failure of the API is a status code and a `{"error": "..."}` body.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rasd_store::StoreError;
use serde::Serialize;

/// What can go wrong while serving a request.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A malformed parameter or body.
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    /// A write without a valid bearer token.
    #[error("a valid bearer token is required (Authorization: Bearer TOKEN)")]
    Unauthorized,
    /// A review that does not apply to the event as it is now.
    #[error("{0}")]
    Conflict(String),
    /// A request the framework refused before a handler ran (body too large, not JSON…),
    /// with the status it chose.
    #[error("{message}")]
    Rejected { status: StatusCode, message: String },
    /// The store failed; the details go to the log, not to the client.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    pub fn bad_request(msg: impl Into<String>) -> Self {
        ApiError::BadRequest(msg.into())
    }

    pub fn not_found(msg: impl Into<String>) -> Self {
        ApiError::NotFound(msg.into())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Rejected { status, .. } => *status,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(m) => ApiError::BadRequest(m),
            StoreError::NoSuchEvent(id) => ApiError::NotFound(format!("no event {id}")),
            StoreError::Review(m) => ApiError::Conflict(m),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// Axum's extractor rejections (bad JSON, body too large, bad path) keep their status but
/// get the API's error body.
macro_rules! from_rejection {
    ($($t:ty),+) => {$(
        impl From<$t> for ApiError {
            fn from(r: $t) -> Self {
                ApiError::Rejected { status: r.status(), message: r.body_text() }
            }
        }
    )+};
}

from_rejection!(
    axum::extract::rejection::JsonRejection,
    axum::extract::rejection::QueryRejection,
    axum::extract::rejection::PathRejection
);

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let ApiError::Internal(detail) = &self {
            tracing::error!(error = %detail, "request failed");
        }
        let message = self.to_string();
        let mut resp = (status, Json(ErrorBody { error: &message })).into_response();
        if status == StatusCode::UNAUTHORIZED {
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        resp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_map_to_statuses() {
        let table = [
            (StoreError::Invalid("x".into()), StatusCode::BAD_REQUEST),
            (
                StoreError::NoSuchEvent(rasd_core::EventId("SYR000001".into())),
                StatusCode::NOT_FOUND,
            ),
            (StoreError::Review("merged".into()), StatusCode::CONFLICT),
            (
                StoreError::Corrupt("row".into()),
                StatusCode::INTERNAL_SERVER_ERROR,
            ),
        ];
        for (e, want) in table {
            assert_eq!(ApiError::from(e).status(), want);
        }
    }

    #[test]
    fn internal_errors_hide_details() {
        let e = ApiError::from(StoreError::Corrupt("SELECT secret".into()));
        assert_eq!(e.to_string(), "internal error");
    }
}
