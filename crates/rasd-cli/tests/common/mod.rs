//! Helpers for the pipeline tests: run `rasd` as a user would, against a database of the
//! test's own.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub const SEED_000: &str = "000_e24931adec30f976.txt";
pub const SEED_001: &str = "001_ee78328fd94bfc4f.txt";
pub const SEED_002: &str = "002_e0d5436aaee0fdc5.txt";

/// The date the Kanaker articles were published (001 says "today, Tuesday"): undated
/// documents get it as their collection time, so runs do not depend on the clock.
pub const COLLECTED: &str = "2020-12-08";

pub fn rasd() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rasd"));
    c.env_remove("RUST_LOG")
        .env_remove("RASD_DB")
        .env_remove("RASD_PG_SCHEMA");
    c
}

pub fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

pub fn seed(name: &str) -> PathBuf {
    seeds().join(name)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A database: a SQLite file, or a PostgreSQL URL with a schema.
#[derive(Debug, Clone)]
pub struct Db {
    pub url: String,
    pub schema: Option<String>,
}

impl Db {
    pub fn sqlite(dir: &Path) -> Self {
        Db {
            url: dir.join("rasd.db").display().to_string(),
            schema: None,
        }
    }

    /// `rasd <command> --db … [--pg-schema …]`.
    pub fn cmd(&self, command: &str) -> Command {
        let mut c = rasd();
        c.arg(command).arg("--db").arg(&self.url);
        if let Some(s) = &self.schema {
            c.arg("--pg-schema").arg(s);
        }
        c
    }

    /// `rasd ingest` of `paths` with `--collected 2020-12-08` and `extra` options; asserts
    /// exit 0 and returns the output.
    pub fn ingest(&self, paths: &[PathBuf], extra: &[&str]) -> Output {
        let o = self.ingest_status(paths, extra);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        o
    }

    pub fn ingest_status(&self, paths: &[PathBuf], extra: &[&str]) -> Output {
        self.cmd("ingest")
            .args(["--collected", COLLECTED])
            .args(extra)
            .args(paths)
            .output()
            .unwrap()
    }

    /// `rasd events --format jsonl` with extra options.
    pub fn events(&self, extra: &[&str]) -> Vec<Value> {
        let o = self
            .cmd("events")
            .args(["--format", "jsonl"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// The readable table of every event.
    pub fn table(&self) -> String {
        let o = self
            .cmd("events")
            .args(["--limit", "1000", "--sort", "date-asc"])
            .output()
            .unwrap();
        stdout(&o)
    }
}

/// The counts of the `database:` line of `rasd ingest`'s summary: documents,
/// near-duplicates, reports, events, merged, retired.
pub fn totals(o: &Output) -> [u64; 6] {
    let out = stdout(o);
    let line = out
        .lines()
        .find(|l| l.starts_with("database: "))
        .unwrap_or_else(|| panic!("no database line in:\n{out}"));
    let nums: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    nums.try_into().unwrap_or_else(|_| panic!("{line}"))
}

/// The `stored in …` line of the summary.
pub fn stored_line(o: &Output) -> String {
    stdout(o)
        .lines()
        .find(|l| l.starts_with("stored in "))
        .unwrap_or_default()
        .to_owned()
}

/// The doc ids of an event's sources.
pub fn source_docs(e: &Value) -> Vec<String> {
    let mut v: Vec<String> = e["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["doc_id"].as_str().unwrap().to_owned())
        .collect();
    v.sort();
    v.dedup();
    v
}

pub fn has_tag(e: &Value, tag: &str) -> bool {
    e["tags"]
        .as_array()
        .is_some_and(|t| t.iter().any(|x| x == tag))
}

/// Checks the siege of Kanaker told by 001 and 002: every Kanaker siege event with a
/// source in either article is one event, and it has both. Returns it.
pub fn assert_one_siege(db: &Db) -> Value {
    let events = db.events(&["--place", "كناكر", "--tag", "siege"]);
    let sieges: Vec<&Value> = events
        .iter()
        .filter(|e| {
            let docs = source_docs(e);
            docs.iter().any(|d| d == SEED_001 || d == SEED_002)
        })
        .collect();
    let table = db.table();
    assert_eq!(
        sieges.len(),
        1,
        "one siege event expected, got {}:\n{table}",
        sieges.len()
    );
    let docs = source_docs(sieges[0]);
    assert!(
        docs.contains(&SEED_001.to_owned()) && docs.contains(&SEED_002.to_owned()),
        "the siege event should have both 001 and 002 as sources: {docs:?}\n{table}"
    );
    assert_eq!(sieges[0]["sub_event_type"], "Other");
    assert_eq!(sieges[0]["n_sources"], 2);
    sieges[0].clone()
}

/// Checks the arrest of the Kanaker women told by 000, 001 and 002: one event with the
/// three sources and a disagreement on actor1 between the two intelligence branches.
pub fn assert_one_arrest_of_the_women(db: &Db) {
    let events = db.events(&["--sub-type", "arrests"]);
    let table = db.table();
    let with_all: Vec<&Value> = events
        .iter()
        .filter(|e| {
            let d = source_docs(e);
            [SEED_000, SEED_001, SEED_002]
                .iter()
                .all(|s| d.contains(&(*s).to_owned()))
        })
        .collect();
    assert_eq!(
        with_all.len(),
        1,
        "one arrest event with sources 000, 001 and 002 expected:\n{table}"
    );
    assert_eq!(with_all[0]["actor2"], "civilians:women", "{table}");
    // 000's arrest of a young man in Kanaker, the same day, stays its own event.
    let young_man: Vec<&Value> = events
        .iter()
        .filter(|e| e["actor2"] == "civilians:young-men")
        .collect();
    assert_eq!(young_man.len(), 1, "{table}");
    assert_eq!(
        source_docs(young_man[0]),
        vec![SEED_000.to_owned()],
        "{table}"
    );
    let dis = with_all[0]["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["field"] == "actor1")
        .unwrap_or_else(|| panic!("no actor1 disagreement: {}", with_all[0]));
    let values: Vec<&str> = dis["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    assert!(
        values.contains(&"regime:military-intelligence"),
        "{values:?}"
    );
    assert!(
        values.contains(&"regime:air-force-intelligence"),
        "{values:?}"
    );
}
