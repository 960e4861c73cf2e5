//! Crash safety: a writer process killed with SIGKILL in the middle of a batch leaves a
//! consistent database (whole batches only), and re-running the ingest ends with the same
//! counts as an uninterrupted run. SQLite always; PostgreSQL when RASD_TEST_POSTGRES_URL is
//! set.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use rasd_merge::RasdMerger;
use rasd_store::{
    ApplyOptions, DocumentInput, EventFilter, EventStatus, OpenOptions, Page, Sort, Store,
};

const DOCS: usize = 600;
const BATCH: usize = 10;

fn workload() -> Vec<DocumentInput> {
    (0..DOCS).map(|n| common::synthetic(n, 60)).collect()
}

fn opts(schema: Option<String>, owner: bool) -> OpenOptions {
    OpenOptions {
        read_connections: 2,
        pg_schema: schema,
        pg_drop_schema_on_drop: owner,
    }
}

fn run(store: &dyn Store, docs: &[DocumentInput]) {
    for (i, chunk) in docs.chunks(BATCH).enumerate() {
        println!("begin {i}");
        store
            .apply_batch(chunk, &RasdMerger::default(), &ApplyOptions::default())
            .unwrap();
    }
}

/// The writer the parent kills (does nothing unless started by the parent).
#[test]
#[ignore = "started as a child process by the crash tests"]
fn crash_child() {
    let Ok(url) = std::env::var("RASD_CRASH_URL") else {
        return;
    };
    let schema = std::env::var("RASD_CRASH_SCHEMA").ok();
    let store = rasd_store::open_with(&url, &opts(schema, false)).unwrap();
    run(&*store, &workload());
}

/// Every active event agrees with its reports; nothing dangles.
fn check_consistency(store: &dyn Store) {
    let f = EventFilter {
        include_inactive: true,
        include_rejected: true,
        ..EventFilter::default()
    };
    let events = store
        .events(&f, &Page::first(100_000).sorted(Sort::Id))
        .unwrap();
    let mut linked = 0;
    for e in &events {
        let d = store.event(&e.id).unwrap().unwrap();
        let active = d
            .reports
            .iter()
            .filter(|r| r.status == rasd_store::ReportStatus::Active)
            .count();
        if e.status == EventStatus::Active {
            assert!(
                active > 0 && active == e.n_reports as usize,
                "{}: {} vs {active}",
                e.id,
                e.n_reports
            );
            linked += active;
        }
    }
    let t = store.totals().unwrap();
    assert_eq!(
        t.reports as usize, linked,
        "every active report belongs to an active event"
    );
    assert_eq!(
        t.documents as usize % BATCH,
        0,
        "only whole batches were committed"
    );
    let created = store.changes_since(0, 1_000_000).unwrap();
    assert_eq!(
        created
            .iter()
            .filter(|c| c.kind == rasd_store::ChangeKind::EventCreated)
            .count(),
        events.len()
    );
}

/// Kills the child writer right after it starts batch `at`, then checks and re-runs.
fn kill_and_recover(url: &str, schema: Option<String>, fresh: &dyn Store) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("RASD_CRASH_URL", url)
        .envs(schema.as_ref().map(|s| ("RASD_CRASH_SCHEMA", s.clone())))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let mut started = 0;
    for line in BufReader::new(out).lines() {
        if line.unwrap().starts_with("begin ") {
            started += 1;
            if started == 7 {
                break;
            }
        }
    }
    // Let the seventh batch get under way, then SIGKILL.
    std::thread::sleep(std::time::Duration::from_millis(15));
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the writer was killed, not finished");

    let store = rasd_store::open_with(url, &opts(schema, false)).unwrap();
    let t = store.totals().unwrap();
    assert!(
        t.documents < DOCS as u64,
        "killed before the end ({} documents)",
        t.documents
    );
    check_consistency(&*store);
    // Re-run the whole ingest: the end state equals an uninterrupted run's.
    run(&*store, &workload());
    run(fresh, &workload());
    assert_eq!(store.totals().unwrap(), fresh.totals().unwrap());
    check_consistency(&*store);
}

#[test]
fn sqlite_writer_killed_mid_batch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rasd.db");
    let path = path.to_str().unwrap();
    drop(rasd_store::open(path).unwrap());
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = rasd_store::open(fresh_dir.path().join("rasd.db").to_str().unwrap()).unwrap();
    kill_and_recover(path, None, &*fresh);
    let conn = rusqlite::Connection::open(path).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn postgres_writer_killed_mid_batch() {
    let Some(url) = std::env::var("RASD_TEST_POSTGRES_URL")
        .ok()
        .filter(|s| !s.is_empty())
    else {
        eprintln!("RASD_TEST_POSTGRES_URL is not set: skipped");
        return;
    };
    let schema = format!("rasd_crash_{}", std::process::id());
    let _owner = rasd_store::open_with(&url, &opts(Some(schema.clone()), true)).unwrap();
    let fresh_schema = format!("rasd_crash_fresh_{}", std::process::id());
    let fresh = rasd_store::open_with(&url, &opts(Some(fresh_schema), true)).unwrap();
    kill_and_recover(&url, Some(schema), &*fresh);
}
