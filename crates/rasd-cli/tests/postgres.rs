//! `rasd ingest` into PostgreSQL, when `RASD_TEST_POSTGRES_URL` is set (e.g.
//! `postgres://postgres@127.0.0.1:5432/test`): the Kanaker acceptance, and two `rasd
//! ingest` processes writing one database at once. Each test works in a schema of its own,
//! dropped at the end.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use rasd_store::{EventFilter, OpenOptions, Page, Sort, Store};

fn url() -> Option<String> {
    std::env::var("RASD_TEST_POSTGRES_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

fn skip() -> bool {
    if url().is_none() {
        eprintln!("RASD_TEST_POSTGRES_URL is not set: PostgreSQL CLI test skipped");
        return true;
    }
    false
}

/// A fresh schema, dropped when this is dropped.
struct Schema {
    db: Db,
}

impl Schema {
    fn new() -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "rasd_cli_test_{}_{}_{}",
            std::process::id(),
            nanos,
            N.fetch_add(1, Ordering::SeqCst)
        );
        Schema {
            db: Db {
                url: url().unwrap(),
                schema: Some(name),
            },
        }
    }

    fn store(&self) -> Box<dyn Store> {
        let opts = OpenOptions {
            pg_schema: self.db.schema.clone(),
            ..OpenOptions::default()
        };
        rasd_store::open_with(&self.db.url, &opts).unwrap()
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let opts = OpenOptions {
            pg_schema: self.db.schema.clone(),
            pg_drop_schema_on_drop: true,
            ..OpenOptions::default()
        };
        drop(rasd_store::open_with(&self.db.url, &opts));
    }
}

#[test]
fn the_kanaker_articles_into_postgres() {
    if skip() {
        return;
    }
    let s = Schema::new();
    let paths = [seed(SEED_000), seed(SEED_001), seed(SEED_002)];
    let first = s.db.ingest(&paths, &[]);
    assert!(stored_line(&first).contains("documents 3 new"));
    assert_one_siege(&s.db);
    let again = s.db.ingest(&paths, &[]);
    assert_eq!(totals(&first), totals(&again));
    assert!(stored_line(&again).contains("0 new, 3 duplicate"));
    // The exports read PostgreSQL as they read SQLite.
    let o =
        s.db.cmd("events")
            .args(["--format", "csv"])
            .output()
            .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("event_id_cnty,event_date,"));
    let o = s.db.cmd("search").arg("قصف").output().unwrap();
    assert!(stdout(&o).contains(SEED_000), "{}", stdout(&o));
}

#[test]
fn the_arrest_of_the_kanaker_women_in_postgres() {
    if skip() {
        return;
    }
    let s = Schema::new();
    s.db.ingest(&[seed(SEED_000), seed(SEED_001), seed(SEED_002)], &[]);
    assert_one_arrest_of_the_women(&s.db);
}

/// Records made from the seeds: copies of each seed with a sentence of their own (so every
/// copy is a new document, a near-duplicate of the seed's first copy).
fn records(dir: &Path, name: &str, range: std::ops::Range<usize>) -> PathBuf {
    let seeds: Vec<String> = [
        SEED_000,
        SEED_001,
        SEED_002,
        "003_af73a84b27fc74b5.txt",
        "004_03e1891f34e8350d.txt",
    ]
    .iter()
    .map(|s| std::fs::read_to_string(seed(s)).unwrap())
    .collect();
    let path = dir.join(name);
    let mut f = std::fs::File::create(&path).unwrap();
    for k in range {
        let seed = &seeds[k % seeds.len()];
        let (first, rest) = seed.split_once('\n').unwrap();
        let text = format!(
            "{first}\nوأفاد مراسل الموقع رقم {k} بأن الأوضاع ما زالت متوترة في المنطقة حتى ساعة إعداد هذا التقرير.\n{rest}"
        );
        let rec = serde_json::json!({
            "id": format!("copy-{k}"),
            "outlet": format!("outlet-{}", k % 7),
            "published": "2020-12-08",
            "text": text,
        });
        writeln!(f, "{rec}").unwrap();
    }
    path
}

/// What two databases must agree on: counts and the key fields of every active event.
fn fingerprint(store: &dyn Store) -> (rasd_store::Totals, Vec<String>) {
    let mut t = store.totals().unwrap();
    t.last_seq = 0;
    let page = Page {
        limit: 10_000,
        offset: 0,
        sort: Sort::Id,
    };
    let mut keys: Vec<String> = store
        .events(&EventFilter::default(), &page)
        .unwrap()
        .iter()
        .map(|e| {
            let v = &e.values;
            format!(
                "{} {:?} {:?} {} {:?} {:?} n={}",
                v.sub_event_type,
                v.tags,
                v.date,
                v.location.name,
                v.actor1.as_ref().map(ToString::to_string),
                v.actor2.as_ref().map(ToString::to_string),
                e.n_reports
            )
        })
        .collect();
    keys.sort();
    (t, keys)
}

#[test]
fn two_ingest_processes_on_one_database_store_nothing_twice() {
    if skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    const N: usize = 60;
    // Overlapping inputs: both processes read records 20..40.
    let a = records(dir.path(), "a.jsonl", 0..40);
    let b = records(dir.path(), "b.jsonl", 20..N);
    let all = records(dir.path(), "all.jsonl", 0..N);

    let shared = Schema::new();
    // Create the schema first, so that both processes find it migrated.
    drop(shared.store());
    let spawn = |input: &Path| {
        shared
            .db
            .cmd("ingest")
            .args(["--batch", "3", "--collected", COLLECTED])
            .arg(input)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (pa, pb) = (spawn(&a), spawn(&b));
    let (oa, ob) = (
        pa.wait_with_output().unwrap(),
        pb.wait_with_output().unwrap(),
    );
    assert_eq!(oa.status.code(), Some(0), "{}", stderr(&oa));
    assert_eq!(ob.status.code(), Some(0), "{}", stderr(&ob));

    let reference = Schema::new();
    reference.db.ingest(&[all], &[]);

    let (t, keys) = fingerprint(&*shared.store());
    let (rt, rkeys) = fingerprint(&*reference.store());
    assert_eq!(t.documents, N as u64, "every record stored once");
    assert_eq!(t.near_duplicate_documents, (N - 5) as u64);
    assert_eq!(t, rt, "the same counts as one process");
    assert_eq!(keys, rkeys, "the same events as one process");
    let mut sorted = keys.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), keys.len(), "no event twice: {keys:#?}");
}
