//! rasd-eval fails exactly where score.py raises, and prints exactly what it prints
//! otherwise, on records with odd JSON in every field and on odd JSON Lines text.
//! Skipped (with a message) without python3 or score.py.

mod common;

use std::path::Path;

use common::{PyOutcome, Rng, first_difference, python_available, run_score_py_batch, write_jsonl};
use rasd_eval::{Anchors, load_anchors, load_jsonl, score};

fn rust(gold: &Path, pred: &Path, articles: Option<&Path>) -> Result<(String, String), String> {
    let g = load_jsonl(gold).map_err(|e| e.to_string())?;
    let p = load_jsonl(pred).map_err(|e| e.to_string())?;
    let a = match articles {
        Some(a) => load_anchors(a).map_err(|e| e.to_string())?,
        None => Anchors::new(),
    };
    let r = score(&g, &p, &a).map_err(|e| e.to_string())?;
    Ok((r.to_json(), r.to_text(true)))
}

struct Job {
    name: String,
    gold: std::path::PathBuf,
    pred: std::path::PathBuf,
    articles: Option<std::path::PathBuf>,
}

fn compare(jobs: &[Job], dir: &Path) -> (usize, usize) {
    let mut args = Vec::new();
    for j in jobs {
        let mut a = vec![j.gold.display().to_string(), j.pred.display().to_string()];
        if let Some(x) = &j.articles {
            a.extend(["--articles".to_owned(), x.display().to_string()]);
        }
        let mut json = a.clone();
        json.push("--json".into());
        a.push("--verbose".into());
        args.push(json);
        args.push(a);
    }
    let out = run_score_py_batch(&args, dir);
    let (mut printed, mut raised) = (0, 0);
    for (k, j) in jobs.iter().enumerate() {
        let r = rust(&j.gold, &j.pred, j.articles.as_deref());
        match (&r, &out[2 * k], &out[2 * k + 1]) {
            (Ok((rj, rt)), PyOutcome::Printed(pj), PyOutcome::Printed(pt)) => {
                assert!(rj == pj, "{}: --json {}", j.name, first_difference(rj, pj));
                assert!(
                    rt == pt,
                    "{}: --verbose {}",
                    j.name,
                    first_difference(rt, pt)
                );
                printed += 1;
            }
            (Err(_), PyOutcome::Raised(_), PyOutcome::Raised(_)) => raised += 1,
            _ => panic!(
                "{}: rust {:?}\nscore.py {:?}\ngold {}\npred {}",
                j.name,
                r.as_ref().map(|x| &x.0),
                out[2 * k],
                std::fs::read_to_string(&j.gold).unwrap_or_default(),
                std::fs::read_to_string(&j.pred).unwrap_or_default(),
            ),
        }
    }
    (printed, raised)
}

#[test]
fn odd_records_print_or_raise_like_score_py() {
    if !python_available("odd_records_print_or_raise_like_score_py") {
        return;
    }
    let n: usize = std::env::var("RASD_EVAL_ODD")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rng = Rng::new(0x0dd);
    let mut jobs = Vec::new();
    for k in 0..n {
        let gold = common::odd::gold(&mut rng);
        let preds = common::odd::predictions(&mut rng, &gold);
        let g = dir.path().join(format!("odd-{k}.gold.jsonl"));
        let p = dir.path().join(format!("odd-{k}.pred.jsonl"));
        write_jsonl(&g, &gold);
        write_jsonl(&p, &preds);
        let articles = rng.chance(0.6).then(|| {
            let a = dir.path().join(format!("odd-{k}.articles.jsonl"));
            write_jsonl(&a, &common::odd::articles(&mut rng));
            a
        });
        jobs.push(Job {
            name: format!("odd-{k}"),
            gold: g,
            pred: p,
            articles,
        });
    }
    let (printed, raised) = compare(&jobs, dir.path());
    eprintln!("{n} odd files: {printed} printed the same, {raised} raised in both");
    assert!(
        printed > n / 5 && raised > n / 10,
        "both outcomes should be exercised"
    );
}

#[test]
fn odd_json_lines_text_reads_like_score_py() {
    if !python_available("odd_json_lines_text_reads_like_score_py") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let gold = concat!(
        "{\"doc\": \"a\", \"id\": \"a1\", \"required\": true, \"sub_event_type\": \"Attack\",",
        " \"location\": \"حلب\", \"fatalities\": -0, \"date\": {\"relative_days\": -1}}\r\n",
        "\u{1c}\u{85}\r",
        "{\"doc\": \"a\", \"id\": \"a2\", \"required\": 1, \"sub_event_type\": \"Other\",",
        " \"location\": \"دمشق\", \"fatalities\": 1E2, \"id\": \"a2-last\"}\n",
    );
    let preds: &[(&str, &str)] = &[
        (
            "plain",
            "{\"doc\": \"a\", \"sub_event_type\": \"Attack\", \"location\": \"حلب\", \"fatalities\": 0.0, \"date\": {\"relative_days\": -1.0}}\n",
        ),
        (
            "dupkeys",
            "{\"doc\": \"a\", \"sub_event_type\": \"Attack\", \"sub_event_type\": \"Other\", \"location\": \"\\u062f\\u0645\\u0634\\u0642\", \"fatalities\": 100}",
        ),
        (
            "escapes",
            "{\"doc\": \"a\", \"sub_event_type\": \"x\\\"\\t\\u0001\\ud83d\\ude00\", \"location\": {\"name\": \"\\u0628\\u200f\"}}\n\n   \n",
        ),
        (
            "bigfloat",
            "{\"doc\": \"a\", \"sub_event_type\": 1e300, \"location\": {\"name\": 12345678901234567890}}",
        ),
        ("bom", "\u{feff}{\"doc\": \"a\"}\n"),
        ("trailing-comma", "{\"doc\": \"a\",}\n"),
        ("not-object", "[1, 2]\n"),
        ("blank-only", " \n\t\n"),
        (
            "crlf-mix",
            "{\"doc\": \"a\", \"sub_event_type\": \"Other\", \"location\": \"دمشق\"}\r{\"doc\": \"b\", \"sub_event_type\": \"Other\"}\r\n",
        ),
    ];
    let g = dir.path().join("gold.jsonl");
    std::fs::write(&g, gold).expect("write");
    let jobs: Vec<Job> = preds
        .iter()
        .map(|(name, text)| {
            let p = dir.path().join(format!("{name}.pred.jsonl"));
            std::fs::write(&p, text).expect("write");
            Job {
                name: (*name).to_owned(),
                gold: g.clone(),
                pred: p,
                articles: None,
            }
        })
        .collect();
    let (printed, raised) = compare(&jobs, dir.path());
    assert_eq!((printed, raised), (6, 3));
}
