//! The store's error type.

use rasd_core::EventId;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("postgres: {0}")]
    Postgres(#[from] postgres::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// The caller passed something the store cannot accept (an invalid report, a bad URL).
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error("no event {0}")]
    NoSuchEvent(EventId),
    /// A review that does not apply to the event in its current state.
    #[error("review not applicable: {0}")]
    Review(String),
    /// A row that does not decode into the domain types (a corrupt or foreign database).
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// The database was written by a newer rasd (a migration this build does not know).
    #[error("database schema version {found} is newer than this build's {known}")]
    SchemaTooNew { found: i64, known: i64 },
}

impl StoreError {
    /// Whether retrying the whole transaction may succeed (PostgreSQL deadlock or
    /// serialisation failure, SQLite busy).
    pub fn is_retryable(&self) -> bool {
        match self {
            StoreError::Postgres(e) => e.code().is_some_and(|c| {
                *c == postgres::error::SqlState::T_R_DEADLOCK_DETECTED
                    || *c == postgres::error::SqlState::T_R_SERIALIZATION_FAILURE
                    || *c == postgres::error::SqlState::UNIQUE_VIOLATION
            }),
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                )
            }
            _ => false,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
