//! rasd-eval against the reference scorer, byte for byte: many random prediction files
//! made by perturbing the seeds and dev gold events are scored by both, and
//! `Report::to_json()` / `Report::to_text(true)` must equal what `score.py --json` /
//! `score.py --verbose` print. Skipped (with a message) without python3 or score.py.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::generate::{GoldPool, article_records, prediction_lines};
use common::{
    PyOutcome, Rng, first_difference, fixture, python_available, run_score_py, run_score_py_batch,
    write_jsonl,
};
use rasd_eval::{Anchors, Report, load_anchors, load_jsonl, score};

/// Files per gold set (override with RASD_EVAL_FILES).
fn files_per_set() -> usize {
    std::env::var("RASD_EVAL_FILES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(250)
}

struct Case {
    name: String,
    gold: PathBuf,
    pred: PathBuf,
    articles: Option<PathBuf>,
}

impl Case {
    fn args(&self, flag: &str) -> Vec<String> {
        let mut a = vec![
            self.gold.display().to_string(),
            self.pred.display().to_string(),
        ];
        if let Some(x) = &self.articles {
            a.push("--articles".into());
            a.push(x.display().to_string());
        }
        a.push(flag.into());
        a
    }

    fn rust(&self) -> Result<Report, String> {
        let gold = load_jsonl(&self.gold).map_err(|e| e.to_string())?;
        let pred = load_jsonl(&self.pred).map_err(|e| e.to_string())?;
        let anchors = match &self.articles {
            Some(a) => load_anchors(a).map_err(|e| e.to_string())?,
            None => Anchors::new(),
        };
        score(&gold, &pred, &anchors).map_err(|e| e.to_string())
    }
}

fn anchors_of(path: &Path) -> BTreeMap<String, NaiveDate> {
    let mut out = BTreeMap::new();
    for a in load_jsonl(path).expect("articles") {
        if let (Some(id), Some(d)) = (a["id"].as_str(), rasd_eval::anchor_date(&a)) {
            out.insert(id.to_owned(), d);
        }
    }
    out
}

/// Writes the random cases of one gold set.
fn make_cases(set: &str, gold: &Path, dir: &Path, n: usize, seed: u64) -> Vec<Case> {
    let gold_records = load_jsonl(gold).expect("gold");
    let dev_articles = fixture("dev-articles.jsonl");
    let mut rng = Rng::new(seed);
    let mut cases = Vec::new();
    for i in 0..n {
        let (articles, anchors) = if set == "dev" {
            let a = (i % 5 != 0).then(|| dev_articles.clone());
            (a, anchors_of(&dev_articles))
        } else if i % 2 == 0 {
            let pool = GoldPool::new(gold_records.clone(), BTreeMap::new());
            let (records, anchors) = article_records(&mut rng, &pool.docs);
            let path = dir.join(format!("{set}-{i:04}.articles.jsonl"));
            write_jsonl(&path, &records);
            (Some(path), anchors)
        } else {
            (None, BTreeMap::new())
        };
        let pool = GoldPool::new(gold_records.clone(), anchors);
        let lines = prediction_lines(&mut rng, &pool);
        let pred = dir.join(format!("{set}-{i:04}.pred.jsonl"));
        let sep = if rng.chance(0.1) { "\r\n" } else { "\n" };
        let mut text = lines.join(sep);
        if rng.chance(0.8) {
            text.push_str(sep);
        }
        std::fs::write(&pred, text).expect("write predictions");
        cases.push(Case {
            name: format!("{set}-{i:04}"),
            gold: gold.to_owned(),
            pred,
            articles,
        });
    }
    cases
}

#[derive(Default)]
struct Tally {
    files: usize,
    compared_outputs: usize,
    raised: usize,
    with_matches: usize,
    with_dates: usize,
    perfect: usize,
}

fn check(cases: &[Case], dir: &Path) -> Tally {
    let mut jobs = Vec::new();
    for c in cases {
        jobs.push(c.args("--json"));
        jobs.push(c.args("--verbose"));
    }
    let outcomes = run_score_py_batch(&jobs, dir);
    let mut tally = Tally::default();
    for (k, c) in cases.iter().enumerate() {
        let rust = c.rust();
        let (json_py, text_py) = (&outcomes[2 * k], &outcomes[2 * k + 1]);
        tally.files += 1;
        match (&rust, json_py, text_py) {
            (Ok(report), PyOutcome::Printed(j), PyOutcome::Printed(t)) => {
                let rj = report.to_json();
                assert!(
                    rj == *j,
                    "{}: --json differs {}",
                    c.name,
                    first_difference(&rj, j)
                );
                let rt = report.to_text(true);
                assert!(
                    rt == *t,
                    "{}: --verbose differs {}",
                    c.name,
                    first_difference(&rt, t)
                );
                tally.compared_outputs += 2;
                tally.with_matches += usize::from(report.events.matched_required > 0);
                tally.with_dates += usize::from(report.fields.date_exact.correct > 0);
                tally.perfect += usize::from(report.events.f1 == 1.0);
            }
            (Err(_), PyOutcome::Raised(_), PyOutcome::Raised(_)) => tally.raised += 1,
            _ => panic!(
                "{}: rust {:?} but score.py {:?}",
                c.name,
                rust.as_ref().map(|r| r.events.clone()),
                json_py
            ),
        }
    }
    // The batch driver runs score.py's own code; check it against real processes.
    for c in cases.iter().step_by(37) {
        for flag in ["--json", "--verbose"] {
            let direct = run_score_py(&c.args(flag));
            let k = cases.iter().position(|x| x.name == c.name).unwrap_or(0);
            let batch = &outcomes[2 * k + usize::from(flag == "--verbose")];
            match (&direct, batch) {
                (PyOutcome::Printed(a), PyOutcome::Printed(b)) => assert_eq!(a, b, "{}", c.name),
                (PyOutcome::Raised(_), PyOutcome::Raised(_)) => {}
                _ => panic!("{}: process {direct:?} vs batch {batch:?}", c.name),
            }
        }
    }
    tally
}

/// With RASD_EVAL_RECORD=1, keeps three cases of the set and score.py's output as
/// fixtures for `tests/recorded.rs`.
fn record(set: &str, cases: &[Case]) {
    if std::env::var("RASD_EVAL_RECORD").ok().as_deref() != Some("1") {
        return;
    }
    let out = fixture("cases");
    std::fs::create_dir_all(&out).expect("cases dir");
    let eligible: Vec<&Case> = cases
        .iter()
        .filter(|c| {
            c.articles
                .as_ref()
                .is_none_or(|a| a.starts_with(fixture("")))
        })
        .collect();
    let mut index = Vec::new();
    for c in eligible
        .iter()
        .skip(1)
        .step_by((eligible.len() / 3).max(1))
        .take(3)
    {
        let (PyOutcome::Printed(j), PyOutcome::Printed(t)) = (
            run_score_py(&c.args("--json")),
            run_score_py(&c.args("--verbose")),
        ) else {
            continue;
        };
        std::fs::copy(&c.pred, out.join(format!("{}.pred.jsonl", c.name))).expect("copy");
        std::fs::write(out.join(format!("{}.json", c.name)), j).expect("write");
        std::fs::write(out.join(format!("{}.txt", c.name)), t).expect("write");
        let name = |p: &Path| p.file_name().map(|f| f.to_string_lossy().into_owned());
        index.push(serde_json::json!({
            "name": c.name,
            "gold": name(&c.gold),
            "articles": c.articles.as_deref().and_then(name),
        }));
    }
    write_jsonl(&out.join(format!("{set}.index.jsonl")), &index);
}

#[test]
fn random_files_match_score_py_byte_for_byte() {
    if !python_available("random_files_match_score_py_byte_for_byte") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let n = files_per_set();
    let mut total = Tally::default();
    for (set, gold, seed) in [
        ("seeds", fixture("seeds-gold.jsonl"), 0x5eed_u64),
        ("dev", fixture("dev-gold.jsonl"), 0xdef_u64),
    ] {
        let cases = make_cases(set, &gold, dir.path(), n, seed);
        let t = check(&cases, dir.path());
        record(set, &cases);
        eprintln!(
            "{set}: {} files, {} outputs equal byte for byte, {} raised in both, \
             {} with matches, {} with exact dates, {} with F1 1.0",
            t.files, t.compared_outputs, t.raised, t.with_matches, t.with_dates, t.perfect
        );
        assert!(
            t.with_matches > n / 2,
            "the generator should produce matches"
        );
        assert!(
            t.with_dates > n / 4,
            "the generator should produce right dates"
        );
        total.files += t.files;
        total.compared_outputs += t.compared_outputs;
    }
    eprintln!(
        "checked {} random prediction files ({} outputs) against score.py",
        total.files, total.compared_outputs
    );
}

#[test]
fn shipped_gold_scored_against_itself_matches_score_py() {
    if !python_available("shipped_gold_scored_against_itself_matches_score_py") {
        return;
    }
    // Gold as predictions: `location` strings, `date` objects with `date`/`relative_days`
    // keys score.py's pred_date does not read, background flags of the gold.
    let mut cases = Vec::new();
    for (set, gold, articles) in [
        ("seeds", "seeds-gold.jsonl", None),
        ("dev", "dev-gold.jsonl", Some(fixture("dev-articles.jsonl"))),
        ("dev-bare", "dev-gold.jsonl", None),
    ] {
        cases.push(Case {
            name: format!("{set}-self"),
            gold: fixture(gold),
            pred: fixture(gold),
            articles,
        });
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let t = check(&cases, dir.path());
    assert_eq!(t.compared_outputs, 6);
}

#[test]
fn string_keyed_anchor_map_scores_like_articles_file() {
    let gold = load_jsonl(fixture("dev-gold.jsonl")).expect("gold");
    let articles = fixture("dev-articles.jsonl");
    let map: HashMap<String, Option<NaiveDate>> = load_jsonl(&articles)
        .expect("articles")
        .iter()
        .filter_map(|a| Some((a["id"].as_str()?.to_owned(), rasd_eval::anchor_date(a))))
        .collect();
    let anchors = load_anchors(&articles).expect("anchors");
    // "Today" for every event: right wherever the gold date is the article's date.
    let preds: Vec<_> = gold
        .iter()
        .map(|g| {
            let mut p = g.clone();
            p["date"] = serde_json::json!({"relative_days": 0});
            p
        })
        .collect();
    let with_map = score(&gold, &preds, &map).expect("score");
    let with_file = score(&gold, &preds, &anchors).expect("score");
    assert_eq!(with_map.to_json(), with_file.to_json());
    assert!(with_file.fields.date_exact.correct > 0);
    let bare = score(&gold, &preds, &Anchors::new()).expect("score");
    assert_ne!(
        bare.to_json(),
        with_file.to_json(),
        "anchors must matter on dev"
    );
}
