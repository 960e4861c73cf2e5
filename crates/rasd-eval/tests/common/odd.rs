//! Records with odd JSON in every field score.py reads: numbers, lists and objects where
//! strings are expected, string alternatives, partial and malformed dates, documents
//! keyed by numbers, booleans and null. score.py either prints a report or raises; so
//! must rasd-eval.

use serde_json::{Value, json};

use super::Rng;

const DOCS: &[fn() -> Value] = &[
    || json!("a"),
    || json!("b"),
    || json!("c.txt"),
    || json!(1),
    || json!(1.0),
    || json!(true),
    || json!(2.5),
    || json!(null),
];

const PLACES: &[&str] = &[
    "دمشق",
    "مدينة حلب",
    "الرقة",
    "درعا البلد",
    "إدلب",
    "حي الوعر",
];

fn place(rng: &mut Rng) -> Value {
    json!(rng.pick(PLACES))
}

fn odd_scalar(rng: &mut Rng) -> Value {
    match rng.below(14) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(false),
        3 => json!(0),
        4 => json!(1),
        5 => json!(1.0),
        6 => json!(-0.0),
        7 => json!(2.5),
        8 => json!(""),
        9 => json!(" "),
        10 => json!("x:y"),
        11 => json!(1e17),
        12 => json!(12_345_678_901_234_567_u64),
        _ => json!("REGIME : x"),
    }
}

fn odd(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => json!([]),
        1 => json!({}),
        2 => json!(["دمشق", 1]),
        3 => json!({"name": "دمشق", "b": [1, {"c": null}]}),
        4 => json!("d\"q'\u{200f}\u{1}\\"),
        _ => odd_scalar(rng),
    }
}

fn subtype(rng: &mut Rng) -> Value {
    match rng.below(10) {
        0..=5 => json!(["Attack", "Arrests", "Other"][rng.below(3)]),
        6 => json!("Att"),
        _ => odd(rng),
    }
}

fn gold_date(rng: &mut Rng) -> Value {
    match rng.below(22) {
        0..=3 => Value::Null,
        4 => json!({"date": "2020-05-10"}),
        5 => json!({"date": "20200510"}),
        6 => json!({"date": "2020-W19-7"}),
        7 => json!({"relative_days": -1}),
        8 => json!({"relative_days": 0.5}),
        9 => json!({"month": 5, "day": 10}),
        10 => json!({"month": 5.0, "day": true}),
        11 => json!({"year": 2020}),
        12 => json!({"year": "2020"}),
        13 => json!({"month": 5}),
        14 => json!({"foo": 1}),
        15 => json!("2020"),
        16 => json!({"date": "10/05/2020"}),
        17 => json!({"relative_days": null}),
        18 => json!({"relative_days": "x"}),
        19 => json!({"date": null}),
        20 => json!("the date"),
        _ => odd(rng),
    }
}

fn pred_date(rng: &mut Rng) -> Value {
    match rng.below(26) {
        0..=2 => Value::Null,
        3 => json!("2020-05-10"),
        4 => json!({"value": "2020-05-09"}),
        5 => json!({"value": "2020-05-10", "relative_days": 3}),
        6 => json!({"relative_days": -1}),
        7 => json!({"relative_days": -1.5}),
        8 => json!({"relative_days": true}),
        9 => json!({"relative_days": 1e10}),
        10 => json!({"relative_days": 400_000_000}),
        11 => json!({"relative_days": "1"}),
        12 => json!({"month": 5, "day": 10}),
        13 => json!({"month": 5.0, "day": 10.0, "year": 2020}),
        14 => json!({"year": 2020.0}),
        15 => json!({"value": "bad", "relative_days": 0}),
        16 => json!({"value": 20200510}),
        17 => json!({"value": ""}),
        18 => json!("20200510xy"),
        19 => json!({"value": "2020-W19"}),
        20 => json!({"value": null, "relative_days": null}),
        21 => json!({"relative_days": -0.0000001}),
        22 => json!({"relative_days": 9_999_999_999_i64}),
        _ => odd(rng),
    }
}

fn location(rng: &mut Rng) -> Value {
    match rng.below(16) {
        0..=5 => place(rng),
        6 => json!({"name": rng.pick(PLACES), "admin1": rng.pick(PLACES)}),
        7 => json!({"names": [rng.pick(PLACES)], "admin1": 3}),
        8 => json!({"name": "", "names": "دمشق"}),
        9 => json!({"name": "x", "names": {"دمشق": 1}}),
        10 => json!({"name": 5, "names": [rng.pick(PLACES)]}),
        11 => json!({"names": 5}),
        _ => odd(rng),
    }
}

/// A small odd gold file.
pub fn gold(rng: &mut Rng) -> Vec<Value> {
    let n = 1 + rng.below(6);
    (0..n)
        .map(|k| {
            let mut g = serde_json::Map::new();
            let doc = if rng.chance(0.97) {
                rng.pick(DOCS)()
            } else {
                json!(["a"])
            };
            if rng.chance(0.98) {
                g.insert("doc".into(), doc);
            }
            if rng.chance(0.95) {
                g.insert(
                    "id".into(),
                    if rng.chance(0.9) {
                        json!(format!("g{k}"))
                    } else {
                        odd(rng)
                    },
                );
            }
            let required = if rng.chance(0.8) {
                json!(rng.chance(0.7))
            } else {
                odd_scalar(rng)
            };
            g.insert("required".into(), required);
            g.insert("sub_event_type".into(), subtype(rng));
            if rng.chance(0.6) {
                let v = match rng.below(6) {
                    0..=2 => json!(["Arrests", "Other"]),
                    3 => json!("Attack"),
                    4 => json!({"Attack": 1}),
                    _ => odd(rng),
                };
                g.insert("alt_sub_event_types".into(), v);
            }
            let loc = if rng.chance(0.85) {
                place(rng)
            } else {
                odd(rng)
            };
            g.insert("location".into(), loc);
            if rng.chance(0.6) {
                let v = match rng.below(6) {
                    0..=2 => json!([rng.pick(PLACES)]),
                    3 => json!("حلب"),
                    4 => json!({"دمشق": 1}),
                    _ => odd(rng),
                };
                g.insert("location_alt".into(), v);
            }
            let admin = if rng.chance(0.7) {
                place(rng)
            } else {
                odd_scalar(rng)
            };
            g.insert("admin1".into(), admin);
            g.insert("date".into(), gold_date(rng));
            let actor = if rng.chance(0.6) {
                json!("regime:x")
            } else {
                odd(rng)
            };
            g.insert("actor1".into(), actor);
            g.insert("actor2".into(), odd_scalar(rng));
            let fat = if rng.chance(0.6) {
                json!(rng.below(3))
            } else {
                odd_scalar(rng)
            };
            g.insert("fatalities".into(), fat);
            Value::Object(g)
        })
        .collect()
}

/// Odd predictions for an odd gold file.
pub fn predictions(rng: &mut Rng, gold: &[Value]) -> Vec<Value> {
    let n = rng.below(8);
    (0..n)
        .map(|_| {
            if rng.chance(0.01) {
                return odd_scalar(rng);
            }
            let base = gold
                .get(rng.below(gold.len().max(1)))
                .cloned()
                .unwrap_or(json!({}));
            let mut p = serde_json::Map::new();
            if rng.chance(0.95) {
                let doc = if rng.chance(0.7) {
                    base["doc"].clone()
                } else {
                    rng.pick(DOCS)()
                };
                p.insert("doc".into(), doc);
            }
            let st = if rng.chance(0.6) {
                base["sub_event_type"].clone()
            } else {
                subtype(rng)
            };
            p.insert("sub_event_type".into(), st);
            let loc = if rng.chance(0.5) {
                base["location"].clone()
            } else {
                location(rng)
            };
            p.insert("location".into(), loc);
            p.insert("date".into(), pred_date(rng));
            for k in ["actor1", "actor2"] {
                let a = if rng.chance(0.5) {
                    base[k].clone()
                } else {
                    odd(rng)
                };
                p.insert(k.into(), a);
            }
            let fat = if rng.chance(0.5) {
                base["fatalities"].clone()
            } else {
                odd_scalar(rng)
            };
            p.insert("fatalities".into(), fat);
            if rng.chance(0.2) {
                p.insert("background".into(), odd_scalar(rng));
            }
            Value::Object(p)
        })
        .collect()
}

/// Articles keyed by the odd document keys.
pub fn articles(rng: &mut Rng) -> Vec<Value> {
    let mut out = Vec::new();
    for doc in DOCS {
        if !rng.chance(0.7) {
            continue;
        }
        let published = match rng.below(5) {
            0 => json!("2020-05-11T08:00:00+03:00"),
            1 => json!(20200511),
            2 => json!(["2020-05-11"]),
            3 => Value::Null,
            _ => json!("2020-05-10"),
        };
        out.push(json!({"id": doc(), "published": published, "collected": "2020-05-12T01:00:00"}));
    }
    out
}
