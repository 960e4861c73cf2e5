//! Versioned migrations for PostgreSQL: each `sql/postgres/NNNN_name.sql` file runs once,
//! in order, in one transaction with its `schema_migrations` row, under an advisory lock so
//! processes starting together do not race.

use postgres::Client;

use crate::error::{Result, StoreError};
use crate::keys::MIGRATION_LOCK;

/// (version, name, SQL), in order.
pub const MIGRATIONS: &[(i64, &str, &str)] =
    &[(1, "init", include_str!("../../sql/postgres/0001_init.sql"))];

/// Creates the schema if given, points the connection at it, and applies migrations.
pub fn migrate(client: &mut Client, schema: Option<&str>) -> Result<()> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    if let Some(s) = schema {
        // `s` was checked to be a plain identifier.
        tx.batch_execute(&format!(
            "CREATE SCHEMA IF NOT EXISTS {s}; SET LOCAL search_path TO {s}"
        ))?;
    }
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations \
         (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )?;
    let current: i64 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            &[],
        )?
        .try_get(0)?;
    let known = MIGRATIONS.last().map_or(0, |m| m.0);
    if current > known {
        return Err(StoreError::SchemaTooNew {
            found: current,
            known,
        });
    }
    for (version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        tracing::info!(version, name, "applying PostgreSQL migration");
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
            &[version, name],
        )?;
    }
    tx.commit()?;
    Ok(())
}
