//! The database option shared by `ingest`, `events`, `search` and `changes`.

use anyhow::{Context, Result};
use clap::Args;
use rasd_store::{OpenOptions, Store};

/// Where the event database is.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// The database: a SQLite file (created if missing) or a postgres:// URL.
    #[arg(
        long,
        env = "RASD_DB",
        default_value = "rasd.db",
        value_name = "PATH|URL"
    )]
    pub db: String,
    /// PostgreSQL only: work in this schema (created if missing) instead of `public`.
    #[arg(long, env = "RASD_PG_SCHEMA", value_name = "NAME")]
    pub pg_schema: Option<String>,
}

impl DbArgs {
    pub fn is_postgres(&self) -> bool {
        self.db.starts_with("postgres://") || self.db.starts_with("postgresql://")
    }

    /// Opens (creating and migrating if needed) the database.
    pub fn open(&self) -> Result<Box<dyn Store>> {
        let opts = OpenOptions {
            pg_schema: self.pg_schema.clone(),
            ..OpenOptions::default()
        };
        rasd_store::open_with(&self.db, &opts)
            .with_context(|| format!("opening the database {}", self.display()))
    }

    /// Opens an existing database for reading: a missing SQLite file is an error, not a new
    /// empty database.
    pub fn open_existing(&self) -> Result<Box<dyn Store>> {
        if !self.is_postgres() {
            let path = self.db.strip_prefix("sqlite://").unwrap_or(&self.db);
            if !std::path::Path::new(path).exists() {
                anyhow::bail!(
                    "no database at {path} (create one with `rasd ingest --db {path} …`)"
                );
            }
        }
        self.open()
    }

    /// The database for messages, without a password.
    pub fn display(&self) -> String {
        redact(&self.db)
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((cred, host)) => match cred.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_table() {
        for (url, want) in [
            ("rasd.db", "rasd.db"),
            (
                "postgres://postgres@127.0.0.1/test",
                "postgres://postgres@127.0.0.1/test",
            ),
            ("postgres://u:pw@h:5432/d", "postgres://u:***@h:5432/d"),
        ] {
            assert_eq!(redact(url), want);
        }
    }
}
