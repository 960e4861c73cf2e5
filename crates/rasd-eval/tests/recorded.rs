//! Prediction files with the output score.py printed for them (recorded by
//! `RASD_EVAL_RECORD=1 cargo test -p rasd-eval --test score_py`): rasd-eval must print the
//! same, byte for byte. Runs without Python and without `shared/`.

use std::path::{Path, PathBuf};

use rasd_eval::{Anchors, load_anchors, load_jsonl, score};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn recorded_score_py_outputs_are_reproduced() {
    let cases = fixtures().join("cases");
    let mut checked = 0;
    for set in ["seeds", "dev"] {
        let index = load_jsonl(cases.join(format!("{set}.index.jsonl"))).expect("index");
        for case in index {
            let name = case["name"].as_str().expect("name");
            let gold =
                load_jsonl(fixtures().join(case["gold"].as_str().expect("gold"))).expect("gold");
            let pred = load_jsonl(cases.join(format!("{name}.pred.jsonl"))).expect("pred");
            let anchors = match case["articles"].as_str() {
                Some(a) => load_anchors(fixtures().join(a)).expect("articles"),
                None => Anchors::new(),
            };
            let report = score(&gold, &pred, &anchors).expect("score");
            let json = std::fs::read_to_string(cases.join(format!("{name}.json"))).expect("json");
            let text = std::fs::read_to_string(cases.join(format!("{name}.txt"))).expect("txt");
            assert!(report.to_json() == json, "{name}: --json differs");
            assert!(report.to_text(true) == text, "{name}: --verbose differs");
            checked += 1;
        }
    }
    assert!(checked >= 4, "expected recorded cases, found {checked}");
}
