//! The building blocks against score.py's own functions (imported from score.py) on
//! random inputs: place_key, actor_key, hungarian (the very assignment, ties included),
//! round(x, 4), float repr, date.fromisoformat and date_verdict.
//! Skipped (with a message) without python3 or score.py.

mod common;

use chrono::NaiveDate;
use common::{Rng, python_available, run_python_with_score};
use serde_json::{Value, json};

const ORACLE: &str = r#"
import datetime as dt, json, sys
import score
cases = json.load(open(sys.argv[1], encoding="utf-8"))
out = {}
out["place"] = [score.place_key(s) for s in cases["place"]]
out["actor"] = [score.actor_key(a) for a in cases["actor"]]
out["hung"] = [score.hungarian(m) for m in cases["hung"]]
out["round"] = [repr(round(x, 4)) for x in cases["round"]]
out["ratio"] = [repr(score.ratio(a, b)) for a, b in cases["ratio"]]
out["repr"] = [repr(x) for x in cases["repr"]]
def iso(s):
    try:
        return dt.date.fromisoformat(s).isoformat()
    except ValueError:
        return None
out["iso"] = [iso(s) for s in cases["iso"]]
def verdict(p, g, a):
    try:
        v = score.date_verdict(p, g, dt.date.fromisoformat(a) if a else None)
    except Exception:
        return "raise"
    return None if v is None else list(v)
out["verdict"] = [verdict(*c) for c in cases["verdict"]]
json.dump(out, sys.stdout, ensure_ascii=False)
"#;

const LETTERS: &[&str] = &[
    "ا",
    "أ",
    "إ",
    "آ",
    "ٱ",
    "ل",
    "ال",
    "ى",
    "ي",
    "ة",
    "ه",
    "د",
    "م",
    "ش",
    "ق",
    "ر",
    "ب",
    "ح",
    "\u{64e}",
    "\u{650}",
    "\u{651}",
    "\u{652}",
    "\u{610}",
    "\u{61a}",
    "\u{65f}",
    "\u{670}",
    "\u{6d6}",
    "\u{6ed}",
    "\u{6ee}",
    "\u{640}",
    "\u{64a}",
    "\u{660}",
    " ",
    "  ",
    "\t",
    "\n",
    "\u{a0}",
    "\u{1c}",
    "\u{85}",
    "\u{2009}",
    "\u{3000}",
    "\u{200b}",
    "\u{200f}",
    "\u{feff}",
    "مدينة ",
    "بلدة",
    "حي ",
    "مخيم\u{a0}",
    "منطقة",
    "ناحية ",
    "قرية ",
    "a",
    "Z",
    "1",
    "-",
];

fn random_place(rng: &mut Rng) -> String {
    let n = rng.below(9);
    (0..n).map(|_| *rng.pick(LETTERS)).collect()
}

const ACTOR_BITS: &[&str] = &[
    "regime",
    "Rebels",
    "ISIS",
    ":",
    "::",
    " ",
    "\u{1c}",
    "\u{a0}",
    "İ",
    "Σ",
    "ΑΣ",
    "σ",
    "ẞ",
    "\u{2bb}",
    "x",
    "-",
    "Ǆ",
    "ǅ",
    "Ω",
    "\u{10400}",
    "\u{1e900}",
    "\u{345}",
    "ﬀ",
    "K",
];

fn random_actor(rng: &mut Rng) -> Value {
    match rng.below(12) {
        0 => json!(rng.below(3)),
        1 => json!(rng.chance(0.5)),
        2 => json!([ACTOR_BITS[rng.below(ACTOR_BITS.len())], 1]),
        3 => json!({"A:b": rng.pick(ACTOR_BITS)}),
        4 => json!(rng.below(1000) as f64 / 8.0),
        5 => Value::Null,
        _ => {
            let n = rng.below(6);
            json!((0..n).map(|_| *rng.pick(ACTOR_BITS)).collect::<String>())
        }
    }
}

fn random_matrix(rng: &mut Rng) -> Vec<Vec<f64>> {
    let n = 1 + rng.below(8);
    (0..n)
        .map(|_| {
            (0..n)
                .map(|j| {
                    if rng.chance(0.4) {
                        return 0.0;
                    }
                    let w: i32 = if rng.chance(0.6) { 10000 } else { 100 };
                    let d = *rng.pick(&[0, 1, 5, 9]);
                    f64::from(-w + d) + j as f64 * 1e-3
                })
                .collect()
        })
        .collect()
}

fn random_double(rng: &mut Rng) -> f64 {
    loop {
        let f = match rng.below(4) {
            0 => f64::from_bits(rng.next_u64()),
            1 => rng.below(1_000_000) as f64 / 10f64.powi(rng.below(12) as i32),
            2 => (rng.below(2001) as f64 - 1000.0) * 10f64.powi(rng.below(40) as i32 - 20),
            _ => rng.below(1 << 20) as f64 / (1u64 << rng.below(30)) as f64,
        };
        if f.is_finite() {
            return f;
        }
    }
}

fn random_iso(rng: &mut Rng) -> String {
    const GOOD: &[&str] = &[
        "2015-07-21",
        "20150721",
        "2015-W30",
        "2015W30",
        "2015-W30-2",
        "2015W302",
        "2016-02-29",
        "2015-W53-7",
        "0001-01-01",
        "9999-12-31",
    ];
    let mut s: Vec<char> = rng.pick(GOOD).chars().collect();
    for _ in 0..rng.below(3) {
        let k = rng.below(s.len() + 1);
        match rng.below(4) {
            0 if k < s.len() => {
                s.remove(k);
            }
            1 if k < s.len() => s[k] = *rng.pick(&['0', '9', '-', 'W', 'T', 'x', '٣', '\0']),
            _ => s.insert(k, *rng.pick(&['0', '1', '-', 'W', 'T', ' ', 'a'])),
        }
    }
    s.into_iter().collect()
}

fn random_verdict_case(rng: &mut Rng) -> (Value, Value, Option<String>) {
    let day = |k: i64| {
        (NaiveDate::from_ymd_opt(2020, 5, 10).unwrap_or_default() + chrono::Duration::days(k))
            .format("%Y-%m-%d")
            .to_string()
    };
    let rel = || -> Vec<Value> {
        vec![
            json!(-1),
            json!(0),
            json!(-2),
            json!(-0.5),
            json!(0.5),
            json!(-1.0),
            json!(true),
            json!(0.999_999_999_999_9),
            json!(-1e-9),
            json!(-1e-20),
            json!(1.5),
            json!(null),
            json!("1"),
            json!(1e10),
            json!(-2.000_000_000_01),
        ]
    };
    let rels = rel();
    let r = rels[rng.below(rels.len())].clone();
    let pd = match rng.below(8) {
        0 => json!(day(rng.range(-2, 2))),
        1 => json!({"value": day(rng.range(-2, 2)), "relative_days": r}),
        2 | 3 => json!({"relative_days": r}),
        4 => {
            json!({"month": rng.range(4, 6), "day": rng.range(9, 11), "year": rng.range(2019, 2021)})
        }
        5 => json!({"value": "junk", "relative_days": r}),
        6 => Value::Null,
        _ => json!({"year": 2020.0, "month": 5.0, "day": true}),
    };
    let r2 = rels[rng.below(rels.len())].clone();
    let gd = match rng.below(7) {
        0 | 1 => json!({"date": day(rng.range(-3, 3))}),
        2 | 3 => json!({"relative_days": r2}),
        4 => json!({"month": 5, "day": rng.range(9, 11)}),
        5 => json!({"year": rng.range(2019, 2021)}),
        _ => json!({"month": 5}),
    };
    let anchor = rng.chance(0.7).then(|| day(rng.range(-1, 1)));
    (json!({"date": pd}), json!({"date": gd}), anchor)
}

#[test]
fn building_blocks_match_score_py_functions() {
    if !python_available("building_blocks_match_score_py_functions") {
        return;
    }
    let mut rng = Rng::new(0xb10c);
    let place: Vec<String> = (0..20_000).map(|_| random_place(&mut rng)).collect();
    let actor: Vec<Value> = (0..5_000).map(|_| random_actor(&mut rng)).collect();
    let hung: Vec<Vec<Vec<f64>>> = (0..3_000).map(|_| random_matrix(&mut rng)).collect();
    let mut round: Vec<f64> = (0..20_000)
        .map(|_| rng.below(1 << 30) as f64 / (1u64 << 30) as f64)
        .collect();
    round.extend((0..16).map(|k| f64::from(2 * k + 1) / 32.0));
    let ratio: Vec<(u32, u32)> = (1..=300)
        .flat_map(|b| (0..=b).map(move |a| (a, b)))
        .collect();
    let repr: Vec<f64> = (0..200_000).map(|_| random_double(&mut rng)).collect();
    let iso: Vec<String> = (0..20_000).map(|_| random_iso(&mut rng)).collect();
    let verdict: Vec<(Value, Value, Option<String>)> =
        (0..20_000).map(|_| random_verdict_case(&mut rng)).collect();
    let cases = json!({
        "place": place, "actor": actor, "hung": hung, "round": round, "ratio": ratio,
        "repr": repr, "iso": iso,
        "verdict": verdict.iter().map(|(p, g, a)| json!([p, g, a])).collect::<Vec<_>>(),
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("cases.json");
    std::fs::write(&input, serde_json::to_string(&cases).expect("json")).expect("write");
    let out: Value =
        serde_json::from_str(&run_python_with_score(ORACLE, &input)).expect("oracle json");

    for (k, s) in place.iter().enumerate() {
        assert_eq!(
            json!(rasd_eval::place_key(s)),
            out["place"][k],
            "place_key({s:?})"
        );
    }
    for (k, a) in actor.iter().enumerate() {
        assert_eq!(
            json!(rasd_eval::actor_key(a)),
            out["actor"][k],
            "actor_key({a})"
        );
    }
    for (k, m) in hung.iter().enumerate() {
        let got: Vec<i64> = rasd_eval::hungarian(m)
            .iter()
            .map(|j| j.map_or(-1, |j| j as i64))
            .collect();
        assert_eq!(json!(got), out["hung"][k], "hungarian({m:?})");
    }
    for (k, x) in round.iter().enumerate() {
        let got = rasd_eval::py_float_repr(rasd_eval::py_round4(*x));
        assert_eq!(json!(got), out["round"][k], "round({x:e}, 4)");
    }
    for (k, (a, b)) in ratio.iter().enumerate() {
        let got = rasd_eval::py_float_repr(rasd_eval::py_round4(f64::from(*a) / f64::from(*b)));
        let want = if *b == 0 { "None".to_owned() } else { got };
        assert_eq!(json!(want), out["ratio"][k], "ratio({a}, {b})");
    }
    for (k, x) in repr.iter().enumerate() {
        assert_eq!(
            json!(rasd_eval::py_float_repr(*x)),
            out["repr"][k],
            "repr({x:e})"
        );
    }
    for (k, s) in iso.iter().enumerate() {
        let got = rasd_eval::parse_iso_date(s).map(|d| d.format("%Y-%m-%d").to_string());
        assert_eq!(json!(got), out["iso"][k], "fromisoformat({s:?})");
    }
    let mut verdicts = [0usize; 3];
    for (k, (p, g, a)) in verdict.iter().enumerate() {
        let anchor = a.as_deref().and_then(rasd_eval::parse_iso_date);
        let got = match rasd_eval::date_verdict(p, g, anchor) {
            Err(_) => json!("raise"),
            Ok(None) => Value::Null,
            Ok(Some(v)) => json!([v.exact, v.within_1]),
        };
        verdicts[usize::from(got.is_array()) + usize::from(got == json!([true, true]))] += 1;
        assert_eq!(got, out["verdict"][k], "date_verdict({p}, {g}, {a:?})");
    }
    assert!(verdicts.iter().all(|&n| n > 1000), "{verdicts:?}");
}
