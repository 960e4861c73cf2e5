//! `rasd events` (filters and formats), `rasd search` and `rasd changes` over a database
//! built from the bundled articles.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use std::sync::OnceLock;

use common::*;
use serde_json::Value;

const ACLED_HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,\
event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,\
interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,\
longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp,rasd_event_id,\
confidence,sources,evidence";

/// One database of the five seeds, shared by the read-only tests.
fn db() -> &'static Db {
    static DB: OnceLock<(tempfile::TempDir, Db)> = OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::sqlite(dir.path());
        db.ingest(&[seeds()], &[]);
        (dir, db)
    })
    .1
}

fn run(db: &Db, command: &str, args: &[&str]) -> std::process::Output {
    let o = db.cmd(command).args(args).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    o
}

fn all() -> Vec<Value> {
    db().events(&[])
}

#[test]
fn csv_has_acleds_columns_in_acleds_order_and_parses() {
    let o = run(db(), "events", &["--format", "csv"]);
    let text = stdout(&o);
    assert_eq!(text.lines().next().unwrap(), ACLED_HEADER);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), all().len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for row in &rows {
        assert_eq!(row.len(), 35);
        assert_eq!(&row[col("iso")], "760");
        assert_eq!(&row[col("country")], "Syria");
        assert!(row[col("event_id_cnty")].starts_with("SYR"));
        assert_eq!(row[col("event_id_cnty")], row[col("rasd_event_id")]);
        assert!(
            row[col("fatalities")].parse::<u32>().is_ok(),
            "0 when unknown"
        );
        let evidence: Value = serde_json::from_str(&row[col("evidence")]).unwrap();
        assert!(evidence.as_array().is_some_and(|a| !a.is_empty()));
        let date = &row[col("event_date")];
        assert!(date.is_empty() || chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok());
    }
    // Admin names in English from the gazetteer; the interaction of the Kanaker shelling.
    let shelling = rows
        .iter()
        .find(|r| {
            &r[col("sub_event_type")] == "Shelling/artillery/missile attack"
                && &r[col("fatalities")] == "3"
        })
        .unwrap();
    assert_eq!(&shelling[col("admin1")], "Rural Damascus");
    assert_eq!(&shelling[col("interaction")], "17");
    assert_eq!(&shelling[col("civilian_targeting")], "Civilian targeting");
    assert_eq!(&shelling[col("actor1")], "Military Forces of Syria");
}

#[test]
fn csv_bom_for_excel() {
    let o = run(
        db(),
        "events",
        &["--format", "csv", "--bom", "--limit", "1"],
    );
    assert!(o.stdout.starts_with(b"\xEF\xBB\xBFevent_id_cnty,"));
}

#[test]
fn geojson_is_a_collection_of_lon_lat_points() {
    let o = run(db(), "events", &["--format", "geojson"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    assert!(!features.is_empty());
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        // Syria lies within 35-43°E, 32-38°N: longitude comes first.
        assert!(
            (35.0..43.0).contains(&lon) && (32.0..38.0).contains(&lat),
            "{c:?}"
        );
        assert_eq!(
            f["properties"]["longitude"].as_f64().unwrap(),
            (lon * 1e4).round() / 1e4
        );
        assert!(f["properties"]["event_id_cnty"].is_string());
    }
    let without: usize = all()
        .iter()
        .filter(|e| e["location"]["lat"].is_null())
        .count();
    assert_eq!(features.len() + without, all().len());
    if without > 0 {
        assert!(stderr(&o).contains(&format!("{without} event(s) without coordinates")));
    }
}

#[test]
fn jsonl_has_consensus_disagreements_and_sources() {
    for e in all() {
        assert!(e["id"].as_str().unwrap().starts_with("SYR"));
        assert!(e["disagreements"].is_array());
        let sources = e["sources"].as_array().unwrap();
        assert_eq!(sources.len() as u64, e["n_reports"].as_u64().unwrap());
        for s in sources {
            assert!(s["doc_id"].is_string() && s["evidence"].is_array());
        }
    }
}

#[test]
fn filters_narrow_the_events() {
    let db = db();
    let n = all().len();
    type Check = fn(&Value) -> bool;
    let table: [(&[&str], Check); 9] = [
        (&["--sub-type", "air-drone-strike"], |e| {
            e["sub_event_type"] == "Air/drone strike"
        }),
        (&["--type", "Strategic developments"], |e| {
            e["event_type"] == "Strategic developments"
        }),
        (&["--admin1", "درعا"], |e| {
            e["location"]["admin1"] == "درعا"
        }),
        (&["--place", "كناكر"], |e| {
            e["location"]["name"] == "كناكر"
        }),
        (&["--actor", "international-coalition"], |e| {
            e["actor1"] == "international-coalition" || e["actor2"] == "international-coalition"
        }),
        (&["--min-confidence", "0.8"], |e| {
            e["confidence"].as_f64().unwrap() >= 0.8 - 1e-6
        }),
        (&["--since", "2020-12-08"], |e| {
            e["date"].as_str().is_some_and(|d| d >= "2020-12-08")
        }),
        (&["--until", "2020-12-07"], |e| {
            e["date"].as_str().is_some_and(|d| d <= "2020-12-07")
        }),
        (&["--tag", "siege"], |e| has_tag(e, "siege")),
    ];
    for (args, check) in table {
        let got = db.events(args);
        assert!(
            !got.is_empty() && got.len() < n,
            "{args:?}: {} of {n}",
            got.len()
        );
        for e in &got {
            assert!(check(e), "{args:?}: {e}");
        }
    }
    // Text search over the sources; review status; limit, offset and order.
    let coalition = db.events(&["--text", "التحالف"]);
    assert!(!coalition.is_empty() && coalition.len() < n);
    assert!(
        coalition
            .iter()
            .all(|e| source_docs(e).contains(&SEED_002.to_owned()))
    );
    assert!(db.events(&["--status", "confirmed"]).is_empty());
    assert_eq!(db.events(&["--status", "unreviewed"]).len(), n);
    let asc = db.events(&["--sort", "date-asc", "--limit", "3"]);
    assert_eq!(asc.len(), 3);
    let page2 = db.events(&["--sort", "date-asc", "--limit", "3", "--offset", "1"]);
    assert_eq!(asc[1]["id"], page2[0]["id"]);
    let dates: Vec<String> = db
        .events(&["--sort", "date-asc"])
        .iter()
        .filter_map(|e| e["date"].as_str().map(str::to_owned))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
}

#[test]
fn the_table_is_readable_and_bad_options_are_fatal() {
    let o = run(db(), "events", &["--limit", "5"]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    assert!(lines[0].starts_with("id ") && lines[0].contains("actor1 → actor2"));
    assert!(lines[1].starts_with("SYR"));
    for bad in [
        &["--sub-type", "war"][..],
        &["--since", "yesterday"],
        &["--min-confidence", "2"],
        &["--format", "xlsx"],
    ] {
        let o = db().cmd("events").args(bad).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{bad:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let o = Db::sqlite(dir.path()).cmd("events").output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no database at"), "{}", stderr(&o));
}

#[test]
fn search_finds_inflected_forms_of_a_word() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::sqlite(dir.path());
    let fixture = dir.path().join("fixture.jsonl");
    std::fs::write(
        &fixture,
        [
            r#"{"id":"s1","published":"2020-12-08","title":"القصف على درعا","text":"تواصل القصف على أحياء درعا البلد منذ الصباح."}"#,
            r#"{"id":"s2","published":"2020-12-08","title":"إدلب","text":"وقصفت قوات النظام بلدة كفرنبل بالمدفعية الثقيلة."}"#,
            r#"{"id":"s3","published":"2020-12-08","title":"حماة","text":"استهدفت الطائرات ريف حماة بالقصف الجوي مساء أمس."}"#,
            r#"{"id":"s4","published":"2020-12-08","title":"حلب","text":"افتتحت مدرسة جديدة في مدينة حلب اليوم."}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    db.ingest(&[fixture], &[]);
    let o = run(&db, "search", &["قصف", "--format", "jsonl"]);
    let mut ids: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["doc_id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    ids.sort();
    assert_eq!(ids, ["s1", "s2", "s3"]);
    let o = run(&db, "search", &["قصف"]);
    let out = stdout(&o);
    assert!(out.contains("s2") && out.contains("وقصفت"), "{out}");
    let o = run(&db, "search", &["مدرسة", "--limit", "1"]);
    assert!(stdout(&o).contains("s4"));
    let o = run(&db, "search", &["طائرة_لا_توجد"]);
    assert!(stdout(&o).is_empty());
}

#[test]
fn changes_feed_in_order_and_from_a_sequence_number() {
    let o = run(db(), "changes", &[]);
    let feed: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!feed.is_empty());
    let seqs: Vec<i64> = feed.iter().map(|c| c["seq"].as_i64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
    let created = feed.iter().filter(|c| c["kind"] == "event_created").count();
    assert!(created >= all().len());
    let mid = seqs[seqs.len() / 2];
    let o = run(
        db(),
        "changes",
        &["--since", &mid.to_string(), "--limit", "2"],
    );
    let tail: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(tail.len(), 2.min(seqs.iter().filter(|s| **s > mid).count()));
    assert!(tail.iter().all(|c| c["seq"].as_i64().unwrap() > mid));
    let last = seqs.last().unwrap().to_string();
    let o = run(db(), "changes", &["--since", &last]);
    assert!(stdout(&o).is_empty());
    let o = run(db(), "changes", &["--format", "table", "--limit", "3"]);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 4, "{out}");
    assert!(out.lines().nth(1).unwrap().contains("event_created"));
}
