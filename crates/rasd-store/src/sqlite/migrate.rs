//! Versioned migrations for SQLite: each `sql/sqlite/NNNN_name.sql` file runs once, in
//! order, in one transaction with its `schema_migrations` row.

use chrono::Utc;
use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Result, StoreError};

/// (version, name, SQL), in order.
pub const MIGRATIONS: &[(i64, &str, &str)] =
    &[(1, "init", include_str!("../../sql/sqlite/0001_init.sql"))];

pub fn migrate(conn: &mut Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: i64 = tx.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
        [],
        |r| r.get(0),
    )?;
    let known = MIGRATIONS.last().map_or(0, |m| m.0);
    if current > known {
        return Err(StoreError::SchemaTooNew {
            found: current,
            known,
        });
    }
    for (version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        tracing::info!(version, name, "applying SQLite migration");
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            rusqlite::params![version, name, Utc::now().to_rfc3339()],
        )?;
    }
    tx.commit()?;
    Ok(())
}
