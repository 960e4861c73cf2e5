//! `rasd ingest` end to end on SQLite: clean → extract → store → merge, run as a user
//! would, on the bundled Kanaker articles.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use common::*;

fn kanaker() -> Vec<std::path::PathBuf> {
    vec![seed(SEED_000), seed(SEED_001), seed(SEED_002)]
}

#[test]
fn the_kanaker_siege_told_by_two_articles_is_one_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::sqlite(dir.path());
    let o = db.ingest(&kanaker(), &["--show"]);
    let out = stdout(&o);
    assert!(out.contains("documents 3 new"), "{out}");
    // --show prints the table of this run's events.
    assert!(out.contains("sub-event type"), "{out}");
    let siege = assert_one_siege(&db);
    assert!(has_tag(&siege, "siege"));
    eprintln!("{}", db.table());
}

/// The arrest of the Kanaker women (000: by فرع فلسطين, military intelligence, inside
/// Damascus; 001: by an air force intelligence checkpoint; 002: "3 women of Kanaker").
#[test]
fn the_arrest_of_the_kanaker_women_is_one_event_with_disagreeing_perpetrators() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::sqlite(dir.path());
    db.ingest(&kanaker(), &[]);
    assert_one_arrest_of_the_women(&db);
}

/// A re-published copy of 000: another title line and a trailing boilerplate line.
fn syndicated_copy(dir: &std::path::Path) -> std::path::PathBuf {
    let orig = std::fs::read_to_string(seed(SEED_000)).unwrap();
    let (_, body) = orig.split_once('\n').unwrap();
    let copy = format!(
        "عنوان معاد نشره عن الأحداث في بلدة كناكر بريف دمشق\n{body}\nتابعونا على قناتنا في تلغرام للمزيد من الأخبار\n"
    );
    let path = dir.join("copy_of_000.txt");
    std::fs::write(&path, copy).unwrap();
    path
}

#[test]
fn a_syndicated_copy_is_a_near_duplicate_and_adds_no_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::sqlite(dir.path());
    let first = db.ingest(&kanaker(), &[]);
    let before = totals(&first);
    let events_before = db.events(&["--limit", "1000"]).len();
    let copy = syndicated_copy(dir.path());
    let o = db.ingest(&[copy], &[]);
    let line = stored_line(&o);
    assert!(
        line.contains("documents 0 new, 0 duplicate, 1 near-duplicate"),
        "{line}"
    );
    assert!(line.contains("events 0 new"), "{line}");
    let after = totals(&o);
    assert_eq!(after[0], before[0] + 1, "the copy is stored");
    assert_eq!(after[1], 1, "as a near-duplicate");
    assert_eq!(after[3], before[3], "no new event");
    assert_eq!(db.events(&["--limit", "1000"]).len(), events_before);
}

#[test]
fn ingesting_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::sqlite(dir.path());
    let first = db.ingest(&[seeds()], &[]);
    let changes = |db: &Db| {
        let o = db.cmd("changes").output().unwrap();
        stdout(&o).lines().count()
    };
    let feed = changes(&db);
    assert!(feed > 0);
    let second = db.ingest(&[seeds()], &[]);
    assert_eq!(totals(&first), totals(&second));
    let line = stored_line(&second);
    assert!(
        line.contains("documents 0 new, 5 duplicate, 0 near-duplicate, 0 re-extracted"),
        "{line}"
    );
    assert!(line.contains("events 0 new, 0 updated, 0 merged"), "{line}");
    assert_eq!(changes(&db), feed, "no change-feed entry either");
}

#[test]
fn reextraction_replaces_reports_and_keeps_event_ids() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::sqlite(dir.path());
    db.ingest(&[seeds()], &[]);
    let ids = |db: &Db| -> Vec<String> {
        let mut v: Vec<String> = db
            .events(&["--limit", "1000"])
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect();
        v.sort();
        v
    };
    let before = ids(&db);
    // Same extraction: nothing to replace.
    let same = db.ingest(&[seeds()], &["--reextract"]);
    assert!(
        stored_line(&same).contains("0 re-extracted"),
        "{}",
        stored_line(&same)
    );
    assert_eq!(ids(&db), before);
    // A stricter extraction (as after a lexicon change) drops the weaker reports.
    let strict = db.ingest(&[seeds()], &["--reextract", "--min-confidence", "0.8"]);
    let line = stored_line(&strict);
    assert!(line.contains("5 re-extracted"), "{line}");
    assert!(
        !line.contains(" 0 retired"),
        "weak-only events retire: {line}"
    );
    let after = ids(&db);
    assert!(!after.is_empty() && after.len() < before.len(), "{after:?}");
    assert!(
        after.iter().all(|id| before.contains(id)),
        "surviving events keep their ids: {after:?} ⊄ {before:?}"
    );
}

#[test]
fn undated_documents_get_the_collection_time_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::sqlite(dir.path());
    db.ingest(&[seed(SEED_001)], &[]);
    let siege = assert_siege_dated(&db);
    assert_eq!(
        siege, "2020-12-08",
        "اليوم الثلاثاء resolves against --collected"
    );
    // Without --collected the ingest time is used (today, give or take the weekday).
    let dir2 = tempfile::tempdir().unwrap();
    let now = Db::sqlite(dir2.path());
    let o = now.cmd("ingest").arg(seed(SEED_001)).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let date = assert_siege_dated(&now);
    let today = chrono::Utc::now().date_naive();
    let d: chrono::NaiveDate = date.parse().unwrap();
    assert!((today - d).num_days().abs() <= 7, "{date} vs {today}");
}

fn assert_siege_dated(db: &Db) -> String {
    let e = db.events(&["--tag", "siege"]);
    assert!(!e.is_empty(), "{}", db.table());
    e[0]["date"].as_str().unwrap().to_owned()
}

#[test]
fn rejections_are_listed_the_rest_is_stored_and_the_exit_status_is_2() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(seed(SEED_001), input.join("a.txt")).unwrap();
    std::fs::write(input.join("b_empty.txt"), b"").unwrap();
    std::fs::write(
        input.join("c.jsonl"),
        "{\"id\":\"j1\",\"published\":\"2020-12-08\",\"text\":\"قصفت قوات النظام بلدة كناكر بريف دمشق اليوم.\"}\nnot json\n",
    )
    .unwrap();
    let db = Db::sqlite(dir.path());
    let o = db.ingest_status(std::slice::from_ref(&input), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    let d = input.display();
    for line in [
        format!("rejected: {d}/b_empty.txt: empty: no text"),
        format!("rejected: {d}/c.jsonl:2: not valid JSON"),
    ] {
        assert!(err.contains(&line), "missing {line:?} in:\n{err}");
    }
    assert_eq!(totals(&o)[0], 2, "a.txt and j1 are stored");
}

#[test]
fn json_and_no_store_keep_the_cleaning_only_behaviour() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::sqlite(dir.path());
    let o = db
        .cmd("ingest")
        .arg("--no-store")
        .arg(seeds())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("5 cleaned"));
    assert!(!stdout(&o).contains("stored in"));
    assert!(!dir.path().join("rasd.db").exists(), "nothing stored");
    let o = db
        .cmd("ingest")
        .arg("--json")
        .arg(seeds())
        .output()
        .unwrap();
    assert_eq!(stdout(&o).lines().count(), 5);
    assert!(!dir.path().join("rasd.db").exists(), "nothing stored");
}
