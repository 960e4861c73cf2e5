//! The store contract on PostgreSQL, when `RASD_TEST_POSTGRES_URL` is set (e.g.
//! `postgres://postgres@127.0.0.1:5432/test`). Each test works in a schema of its own,
//! dropped when its store is dropped.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;
#[macro_use]
mod contract;

use std::sync::atomic::{AtomicUsize, Ordering};

use rasd_store::{Backend, OpenOptions, Store};

fn url() -> Option<String> {
    std::env::var("RASD_TEST_POSTGRES_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

fn skip() -> bool {
    if url().is_none() {
        eprintln!("RASD_TEST_POSTGRES_URL is not set: PostgreSQL contract test skipped");
        return true;
    }
    false
}

fn schema() -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "rasd_test_{}_{}_{}",
        std::process::id(),
        nanos,
        N.fetch_add(1, Ordering::SeqCst)
    )
}

fn open(schema: &str, owner: bool) -> Box<dyn Store> {
    let opts = OpenOptions {
        read_connections: 4,
        pg_schema: Some(schema.to_owned()),
        pg_drop_schema_on_drop: owner,
    };
    let store = rasd_store::open_with(&url().unwrap(), &opts).unwrap();
    assert_eq!(store.backend(), Backend::Postgres);
    store
}

fn postgres() -> Box<dyn Store> {
    open(&schema(), true)
}

contract_tests!(postgres, skip);

#[test]
fn concurrent_writers() {
    if skip() {
        return;
    }
    let s = schema();
    let (a, b) = (open(&s, true), open(&s, false));
    contract::concurrent_writers(a, b, postgres());
}

#[test]
fn schema_names_are_checked() {
    if skip() {
        return;
    }
    let opts = OpenOptions {
        pg_schema: Some("x; DROP TABLE y".into()),
        ..OpenOptions::default()
    };
    assert!(rasd_store::open_with(&url().unwrap(), &opts).is_err());
}
