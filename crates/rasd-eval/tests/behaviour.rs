//! score() on small hand-made inputs: the figures, the per-pair detail, the printed forms
//! (the expected texts are what score.py printed for the same records) and the errors.

use std::collections::HashMap;

use rasd_eval::{Anchors, PyException, ScoreError, score};
use serde_json::{Value, json};

fn gold() -> Vec<Value> {
    vec![
        json!({"doc": 1, "id": "x-1", "required": true, "sub_event_type": "Attack",
               "location": "حلب", "admin1": "حلب", "actor1": "regime:army", "fatalities": 2,
               "date": {"relative_days": -1}}),
        json!({"doc": 1, "id": "x-2", "required": false, "sub_event_type": "Other",
               "location": "حلب"}),
        json!({"doc": "b", "id": "b-1", "required": true, "sub_event_type": "Arrests",
               "location": "دمشق"}),
    ]
}

fn preds() -> Vec<Value> {
    vec![
        json!({"doc": 1.0, "sub_event_type": "Attack",
               "location": {"name": "مدينة حلب", "admin1": "حلب"}, "actor1": "Regime",
               "fatalities": 2.0, "date": {"relative_days": -2}}),
        json!({"doc": 1, "sub_event_type": "Attack", "location": "حلب", "background": true}),
        json!({"doc": true, "sub_event_type": "Other", "location": "حلب"}),
        json!({"sub_event_type": "Attack", "location": "حمص"}),
    ]
}

const TEXT: &str = "\
events: required 2  predicted 3  matched required 1  matched optional 1
precision 0.5  recall 0.5  F1 0.5
  sub_event_type  1/1  1.0
  date_exact      0/1  0.0
  date_within_1   1/1  1.0
  fatalities      1/1  1.0
  actor1          1/1  1.0
  actor2          0/0  None
  admin1          1/1  1.0
None: missed [] extra [{\"sub_event_type\": \"Attack\", \"location\": [\"حمص\"]}]
b: missed ['b-1'] extra []
";

#[test]
fn figures_and_text_as_score_py() {
    let r = score(&gold(), &preds(), &HashMap::new()).expect("score");
    assert_eq!(r.to_text(true), TEXT);
    assert_eq!(
        r.to_text(false),
        TEXT.lines()
            .take(9)
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    );
    let e = &r.events;
    assert_eq!(
        (
            e.required,
            e.predicted,
            e.matched_required,
            e.matched_optional
        ),
        (2, 3, 1, 1)
    );
    assert_eq!((e.precision, e.recall, e.f1), (Some(0.5), Some(0.5), 0.5));
    // Documents sorted by str(): "1", "None", "b"; 1, 1.0 and true are one document,
    // shown as the gold file wrote it.
    let docs: Vec<&Value> = r.documents.iter().map(|d| &d.doc).collect();
    assert_eq!(docs, [&json!(1), &Value::Null, &json!("b")]);
    assert_eq!(
        r.documents.iter().map(|d| d.in_gold).collect::<Vec<_>>(),
        [true, false, true]
    );
}

#[test]
fn pair_detail_points_into_the_given_slices() {
    let r = score(&gold(), &preds(), &HashMap::new()).expect("score");
    let d = &r.documents[0];
    assert_eq!(d.matches.len(), 2);
    let req = &d.matches[0];
    assert_eq!((req.predicted, req.gold, req.required), (0, 0, true));
    assert_eq!(req.gold_id, json!("x-1"));
    assert_eq!(req.date_distance, 1);
    let f = req.fields.expect("required pairs carry verdicts");
    assert!(f.sub_event_type && f.fatalities == Some(true) && f.actor1 == Some(true));
    assert_eq!(f.actor2, None);
    assert_eq!(f.date.map(|v| (v.exact, v.within_1)), Some((false, true)));
    let opt = &d.matches[1];
    // predicted[1] is background: the optional match is predicted[2].
    assert_eq!(
        (opt.predicted, opt.gold, opt.required, opt.fields),
        (2, 1, false, None)
    );
    assert_eq!(r.documents[1].extra_predicted, [3]);
    assert_eq!(r.documents[2].missed_gold, [2]);
    assert_eq!(r.documents[2].missed, [json!("b-1")]);
}

#[test]
fn empty_input_prints_like_score_py() {
    let r = score(&[], &[], &Anchors::new()).expect("score");
    let json = r.to_json();
    assert!(json.starts_with("{\n \"events\": {\n  \"required\": 0,\n"));
    assert!(json.contains("  \"precision\": null,\n  \"recall\": null,\n  \"f1\": 0.0\n },"));
    assert!(json.contains(
        "  \"admin1\": {\n   \"correct\": 0,\n   \"total\": 0,\n   \"accuracy\": null\n  }\n },"
    ));
    assert!(json.ends_with(" \"documents\": []\n}\n"));
    assert!(r.to_text(true).ends_with("  admin1          0/0  None\n"));
}

#[test]
fn anchors_turn_relative_dates_into_days() {
    let gold = vec![
        json!({"doc": "a", "id": "a1", "required": true, "sub_event_type": "Attack",
                           "location": "حلب", "date": {"date": "2020-05-10"}}),
    ];
    let today = vec![
        json!({"doc": "a", "sub_event_type": "Attack", "location": "حلب",
                            "date": {"relative_days": 0}}),
    ];
    let day = chrono::NaiveDate::from_ymd_opt(2020, 5, 10);
    let mut anchors = Anchors::new();
    anchors.insert(&json!("a"), day).expect("hashable");
    let with = score(&gold, &today, &anchors).expect("score");
    assert_eq!(with.fields.date_exact.correct, 1);
    assert_eq!(with.documents[0].anchor, day);
    // Without an anchor a relative prediction cannot meet an absolute gold date.
    let without = score(&gold, &today, &Anchors::new()).expect("score");
    assert_eq!(without.fields.date_exact.correct, 0);
    assert_eq!(without.fields.date_within_1.correct, 0);
    // A string-keyed map works the same for string documents.
    let map = HashMap::from([("a".to_owned(), day)]);
    assert_eq!(score(&gold, &today, &map).expect("score"), with);
}

#[test]
fn raises_where_score_py_raises() {
    let g = json!({"doc": "a", "id": "a1", "required": true, "sub_event_type": "Attack",
                   "location": "حلب"});
    let p = json!({"doc": "a", "sub_event_type": "Attack", "location": "حلب"});
    let cases: Vec<(Vec<Value>, Vec<Value>, PyException, &str)> = vec![
        (
            vec![json!({"id": "x"})],
            vec![],
            PyException::KeyError,
            "gold[0]",
        ),
        (
            vec![json!({"doc": ["a"]})],
            vec![],
            PyException::TypeError,
            "gold[0]",
        ),
        (
            vec![],
            vec![json!([1])],
            PyException::AttributeError,
            "predicted[0]",
        ),
        (
            vec![g.clone()],
            vec![json!({"doc": "a", "sub_event_type": "Attack", "location": 5})],
            PyException::AttributeError,
            "predicted[0] vs gold[0]",
        ),
        (
            vec![json!({"doc": "a", "required": true})],
            vec![],
            PyException::KeyError,
            "gold[0]",
        ),
        (
            vec![g.clone()],
            vec![json!({"doc": "b", "location": {"names": 5}})],
            PyException::TypeError,
            "predicted[0]",
        ),
        (
            {
                let mut g2 = g.clone();
                g2["date"] = json!({"date": "10/05/2020"});
                vec![g2]
            },
            vec![p.clone()],
            PyException::ValueError,
            "predicted[0] vs gold[0]",
        ),
    ];
    for (gold, pred, kind, record) in cases {
        match score(&gold, &pred, &Anchors::new()) {
            Err(ScoreError::Raised { record: r, error }) => {
                assert_eq!(
                    (error.kind, r.as_str()),
                    (kind, record),
                    "{gold:?} {pred:?}"
                );
            }
            Ok(_) => panic!("expected {kind} for {gold:?} {pred:?}"),
        }
    }
    // Odd values are harmless where score.py never looks at them: the date of a
    // prediction whose sub-type matches nothing, the location_alt of a gold event no
    // prediction shares a sub-type with, anything in a background prediction.
    let mut g2 = g.clone();
    g2["location_alt"] = Value::Null;
    let quiet = vec![
        json!({"doc": "a", "sub_event_type": "Other", "location": "حلب", "date": 7}),
        json!({"doc": "a", "background": "yes", "location": 5}),
    ];
    assert!(score(&[g2.clone()], &quiet, &Anchors::new()).is_ok());
    let loud = vec![json!({"doc": "a", "sub_event_type": "Attack", "location": "حلب", "date": 7})];
    assert!(score(&[g2], &loud, &Anchors::new()).is_err());
}
