//! Random prediction files made by perturbing gold events, and odd-typed records for
//! checking that rasd-eval fails exactly where score.py does.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use serde_json::{Map, Value, json};

use super::Rng;

pub const SUBTYPES: &[&str] = &[
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Armed clash",
    "Peaceful protest",
    "Violent demonstration",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Attack",
    "Abduction/forced disappearance",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Other",
];

const ACTORS: &[&str] = &[
    "regime",
    "regime:military-security",
    "rebels",
    "civilians",
    "isis",
    "nusra",
    "usa",
    "israel",
    "sdf",
    "turkey",
    "unidentified",
];

const CUES: &[&str] = &["مدينة ", "بلدة  ", "حي\u{a0}", "مخيم ", "قرية\t", "ناحية "];

/// What the generator knows about the gold file.
#[derive(Debug, Clone)]
pub struct GoldPool {
    pub gold: Vec<Value>,
    pub docs: Vec<String>,
    pub places: Vec<String>,
    pub anchors: BTreeMap<String, NaiveDate>,
}

impl GoldPool {
    pub fn new(gold: Vec<Value>, anchors: BTreeMap<String, NaiveDate>) -> Self {
        let mut docs = BTreeSet::new();
        let mut places = BTreeSet::new();
        for g in &gold {
            if let Some(d) = g["doc"].as_str() {
                docs.insert(d.to_owned());
            }
            for k in ["location", "admin1"] {
                if let Some(p) = g[k].as_str() {
                    places.insert(p.to_owned());
                }
            }
            for p in g["location_alt"].as_array().into_iter().flatten() {
                if let Some(p) = p.as_str() {
                    places.insert(p.to_owned());
                }
            }
        }
        Self {
            gold,
            docs: docs.into_iter().collect(),
            places: places.into_iter().collect(),
            anchors,
        }
    }
}

/// A spelling of `name` that place_key may or may not fold back to it.
fn place_variant(rng: &mut Rng, name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    match rng.below(10) {
        0 => {
            let mut s: String = chars.iter().take(1).collect();
            s.push('\u{64e}');
            s.extend(chars.iter().skip(1));
            s
        }
        1 => {
            let mut s: String = chars.iter().take(2).collect();
            s.push('ـ');
            s.extend(chars.iter().skip(2));
            s
        }
        2 => format!("{}{name}", rng.pick(CUES)),
        3 => name
            .strip_prefix("ال")
            .map_or_else(|| format!("ال{name}"), str::to_owned),
        4 => name.replacen('ا', "أ", 1),
        5 => name.replace('ه', "ة").replace('ي', "ى"),
        6 => name.replace(' ', ""),
        7 => format!(" {name}\t"),
        8 => {
            let k = chars.len() / 2;
            let mut s: String = chars[..k].iter().collect();
            s.push(' ');
            s.extend(&chars[k..]);
            s
        }
        _ => format!(
            "{name}{}",
            name.chars().last().map(String::from).unwrap_or_default()
        ),
    }
}

fn place_name(rng: &mut Rng, g: &Value, pool: &GoldPool) -> Option<String> {
    let loc = g["location"].as_str().unwrap_or("");
    let alts: Vec<&str> = g["location_alt"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    Some(match rng.below(20) {
        0..=8 => loc.to_owned(),
        9..=11 if !alts.is_empty() => (*rng.pick(&alts)).to_owned(),
        9..=14 => place_variant(rng, loc),
        15..=17 => rng.pick(&pool.places).clone(),
        18 => String::new(),
        _ => return None,
    })
}

fn location(rng: &mut Rng, g: &Value, pool: &GoldPool) -> Option<Value> {
    let name = place_name(rng, g, pool);
    if rng.chance(0.35) {
        return name.map(Value::String);
    }
    let mut loc = Map::new();
    match name {
        Some(n) => loc.insert("name".into(), json!(n)),
        None if rng.chance(0.5) => loc.insert("name".into(), Value::Null),
        None => None,
    };
    if rng.chance(0.25) {
        let mut names = vec![json!(rng.pick(&pool.places))];
        if rng.chance(0.5) {
            names.push(json!(place_variant(
                rng,
                g["location"].as_str().unwrap_or("")
            )));
        }
        if rng.chance(0.2) {
            names.push(json!(""));
        }
        loc.insert("names".into(), Value::Array(names));
    }
    if rng.chance(0.8) {
        let admin = match (rng.below(5), g["admin1"].as_str()) {
            (0..=2, Some(a)) => json!(a),
            (3, Some(a)) => json!(place_variant(rng, a)),
            (4, _) => Value::Null,
            _ => json!(rng.pick(&pool.places)),
        };
        loc.insert("admin1".into(), admin);
    }
    if rng.chance(0.3) {
        loc.insert("lat".into(), json!(33.5 + rng.below(100) as f64 / 100.0));
        loc.insert("place_id".into(), json!(format!("p{}", rng.below(1000))));
    }
    Some(Value::Object(loc))
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A predicted date for gold event `g` in a document anchored at `anchor`.
fn date(rng: &mut Rng, g: &Value, anchor: Option<NaiveDate>) -> Option<Value> {
    let base = anchor.unwrap_or_else(|| NaiveDate::from_ymd_opt(2016, 5, 17).unwrap_or_default());
    let jitter = |rng: &mut Rng| *rng.pick(&[0, 0, 0, 1, -1, 2, -3, 10]);
    let gd = &g["date"];
    let wrap = |rng: &mut Rng, mut obj: Map<String, Value>| -> Value {
        if rng.chance(0.3) {
            obj.insert("precision".into(), json!(1));
            obj.insert("raw".into(), json!("أمس"));
        }
        if rng.chance(0.2) && !obj.contains_key("value") {
            obj.insert("value".into(), Value::Null);
        }
        Value::Object(obj)
    };
    let value = |rng: &mut Rng, d: NaiveDate| -> Value {
        if rng.chance(0.4) {
            json!(iso(d))
        } else {
            let mut m = Map::new();
            m.insert("value".into(), json!(iso(d)));
            if rng.chance(0.3) {
                m.insert("relative_days".into(), json!(rng.range(-3, 0)));
            }
            wrap(rng, m)
        }
    };
    let relative = |rng: &mut Rng, r: i64| -> Value {
        let mut m = Map::new();
        let v = match rng.below(12) {
            0 => json!(r as f64 + 0.5),
            1 => json!(r as f64),
            _ => json!(r),
        };
        m.insert("relative_days".into(), v);
        wrap(rng, m)
    };
    match rng.below(24) {
        0 => return None,
        1 => return Some(Value::Null),
        2 => return Some(json!({"value": "غير معروف"})),
        3 => return Some(json!("2015-13-40")),
        4 => return Some(json!({"value": "20150721"})),
        5 => return Some(json!({"value": "2015-W30-2", "relative_days": -1})),
        _ => {}
    }
    let d = if let Some(s) = gd.get("date").and_then(Value::as_str) {
        let gold = NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(base);
        let wanted = gold + Duration::days(jitter(rng));
        if rng.chance(0.5) {
            value(rng, wanted)
        } else {
            relative(rng, (wanted - base).num_days())
        }
    } else if let Some(r) = gd.get("relative_days").and_then(Value::as_i64) {
        let wanted = r + jitter(rng);
        if rng.chance(0.5) {
            relative(rng, wanted)
        } else {
            value(rng, base + Duration::days(wanted))
        }
    } else if let (Some(m), Some(dd)) = (gd.get("month"), gd.get("day")) {
        match rng.below(4) {
            0 => json!({"month": m, "day": dd}),
            1 => json!({"value": null, "month": m, "day": dd.as_i64().map(|x| x + 1)}),
            2 => value(rng, NaiveDate::from_ymd_opt(2017, 12, 5).unwrap_or(base)),
            _ => json!({"month": m}),
        }
    } else if let Some(y) = gd.get("year").and_then(Value::as_i64) {
        match rng.below(4) {
            0 => json!({"year": y}),
            1 => json!({"year": y + 1, "value": null}),
            2 => value(rng, NaiveDate::from_ymd_opt(y as i32, 3, 1).unwrap_or(base)),
            _ => relative(rng, -1),
        }
    } else {
        let back = rng.range(0, 3);
        if rng.chance(0.5) {
            relative(rng, -back)
        } else {
            value(rng, base - Duration::days(back))
        }
    };
    Some(d)
}

fn actor(rng: &mut Rng, gold: &Value) -> Option<Value> {
    let g = gold.as_str();
    Some(match (rng.below(12), g) {
        (0..=5, Some(a)) => json!(a),
        (6, Some(a)) => json!(format!(
            "{}:unit-{}",
            a.split(':').next().unwrap_or(a),
            rng.below(3)
        )),
        (7, Some(a)) => json!(format!(" {} ", a.to_uppercase())),
        (8, _) => Value::Null,
        (9, _) => return None,
        _ => json!(rng.pick(ACTORS)),
    })
}

fn fatalities(rng: &mut Rng, gold: &Value) -> Option<Value> {
    let g = gold.as_i64();
    Some(match (rng.below(10), g) {
        (0..=4, _) => gold.clone(),
        (5, Some(n)) => json!(n + 1),
        (6, Some(n)) => json!(n as f64),
        (7, _) => Value::Null,
        (8, _) => return None,
        _ => json!(rng.below(5)),
    })
}

fn subtype(rng: &mut Rng, g: &Value) -> Option<Value> {
    let alts: Vec<&Value> = g["alt_sub_event_types"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    Some(match rng.below(20) {
        0..=11 => g["sub_event_type"].clone(),
        12..=14 if !alts.is_empty() => (*rng.pick(&alts)).clone(),
        12..=17 => json!(rng.pick(SUBTYPES)),
        18 => Value::Null,
        _ => return None,
    })
}

/// One prediction made from gold event `g`.
pub fn prediction_from(rng: &mut Rng, g: &Value, pool: &GoldPool) -> Value {
    let doc = g["doc"].as_str().unwrap_or("");
    let anchor = pool.anchors.get(doc).copied();
    let mut p = Map::new();
    match rng.below(40) {
        0 => {}
        1 => {
            p.insert("doc".into(), json!(rng.pick(&pool.docs)));
        }
        2 => {
            p.insert("doc".into(), json!("not-in-gold.txt"));
        }
        _ => {
            p.insert("doc".into(), json!(doc));
        }
    }
    if let Some(v) = subtype(rng, g) {
        p.insert("sub_event_type".into(), v);
    }
    if rng.chance(0.5) {
        p.insert("event_type".into(), g["event_type"].clone());
    }
    if let Some(v) = location(rng, g, pool) {
        p.insert("location".into(), v);
    }
    if let Some(v) = date(rng, g, anchor) {
        p.insert("date".into(), v);
    }
    for k in ["actor1", "actor2"] {
        if let Some(v) = actor(rng, &g[k]) {
            p.insert(k.into(), v);
        }
    }
    if let Some(v) = fatalities(rng, &g["fatalities"]) {
        p.insert("fatalities".into(), v);
    }
    match rng.below(14) {
        0 => {
            p.insert("background".into(), json!(true));
        }
        1 => {
            p.insert("background".into(), json!(0));
        }
        2..=8 => {
            p.insert("background".into(), json!(false));
        }
        _ => {}
    }
    if rng.chance(0.3) {
        p.insert("confidence".into(), json!(rng.below(100) as f64 / 100.0));
        p.insert(
            "evidence".into(),
            json!([{"field": "sub_event_type", "start": 3, "end": 9}]),
        );
        p.insert("tags".into(), json!(["siege"]));
    }
    Value::Object(p)
}

/// A prediction about nothing in particular (a false positive, or a lucky one).
pub fn random_prediction(rng: &mut Rng, pool: &GoldPool) -> Value {
    let g = rng.pick(&pool.gold).clone();
    let mut fake = g.clone();
    fake["sub_event_type"] = json!(rng.pick(SUBTYPES));
    fake["location"] = json!(rng.pick(&pool.places));
    prediction_from(rng, &fake, pool)
}

/// The lines of a random prediction file for the pool's gold.
pub fn prediction_lines(rng: &mut Rng, pool: &GoldPool) -> Vec<String> {
    let mut preds = Vec::new();
    let keep = [0.0, 0.5, 0.8, 0.95, 1.0][rng.below(5)];
    for g in &pool.gold {
        if !rng.chance(keep) {
            continue;
        }
        preds.push(prediction_from(rng, g, pool));
        if rng.chance(0.1) {
            preds.push(prediction_from(rng, g, pool));
        }
    }
    for _ in 0..rng.below(pool.gold.len() / 4 + 2) {
        preds.push(random_prediction(rng, pool));
    }
    rng.shuffle(&mut preds);
    let mut lines: Vec<String> = preds
        .iter()
        .map(|p| serde_json::to_string(p).unwrap_or_default())
        .collect();
    if rng.chance(0.2) {
        lines.insert(rng.below(lines.len() + 1), String::new());
        lines.insert(rng.below(lines.len() + 1), " \t\u{a0}".to_owned());
    }
    if rng.chance(0.2) && !lines.is_empty() {
        let k = rng.below(lines.len());
        lines[k] = format!("  {}\u{2028}", lines[k]);
    }
    lines
}

/// A random articles file for a pool's documents (anchors, some of them unusable).
pub fn article_records(
    rng: &mut Rng,
    docs: &[String],
) -> (Vec<Value>, BTreeMap<String, NaiveDate>) {
    let mut out = Vec::new();
    let mut anchors = BTreeMap::new();
    for d in docs {
        if rng.chance(0.1) {
            continue;
        }
        let day = NaiveDate::from_ymd_opt(2017, 1, 1).unwrap_or_default()
            + Duration::days(rng.range(0, 700));
        let stamp = format!("{}T10:00:00+03:00", iso(day));
        let (published, collected, anchor) = match rng.below(6) {
            0 => (Value::Null, json!(stamp), Some(day)),
            1 => (json!("unknown"), json!(stamp), Some(day)),
            2 => (json!(stamp), Value::Null, Some(day)),
            3 => (json!(""), json!("n/a"), None),
            4 => (
                json!(day.format("%Y%m%d").to_string()),
                Value::Null,
                Some(day),
            ),
            _ => (json!(stamp), json!("2000-01-01"), Some(day)),
        };
        if let Some(a) = anchor {
            anchors.insert(d.clone(), a);
        }
        out.push(json!({"id": d, "published": published, "collected": collected, "title": "…"}));
    }
    (out, anchors)
}
