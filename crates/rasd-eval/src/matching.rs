//! Which predicted event may match which gold event, and the matching of one document
//! (score.py's `subtype_ok`, `pred_location_names`, `location_matches`, `match_doc`).

use chrono::NaiveDate;
use serde_json::Value;

use crate::dates::date_distance;
use crate::error::PyError;
use crate::hungarian::hungarian;
use crate::keys::place_key_value;
use crate::pyvalue::{contains, get, iterate, py_eq, truthy, type_name};

/// score.py's `subtype_ok`: the predicted `sub_event_type` equals the gold's or is in its
/// `alt_sub_event_types` (Python's `in`: a string alternative is a substring test).
pub fn subtype_ok(pred: &Value, gold: &Value) -> Result<bool, PyError> {
    let st = get(pred, "sub_event_type");
    if py_eq(st, get(gold, "sub_event_type")) {
        return Ok(true);
    }
    let alt = get(gold, "alt_sub_event_types");
    if !truthy(alt) {
        return Ok(false);
    }
    contains(alt, st)
}

/// score.py's `pred_location_names`: a string `location` as is, else `location.name`
/// followed by `location.names`, keeping the truthy ones.
pub fn pred_location_names(pred: &Value) -> Result<Vec<Value>, PyError> {
    let loc = get(pred, "location");
    if !truthy(loc) {
        return Ok(Vec::new());
    }
    match loc {
        Value::String(_) => Ok(vec![loc.clone()]),
        Value::Object(_) => {
            let mut names = vec![get(loc, "name").clone()];
            let more = loc.get("names").unwrap_or(&Value::Null);
            if truthy(more) {
                names.extend(iterate(more)?);
            }
            names.retain(truthy);
            Ok(names)
        }
        _ => Err(PyError::attribute_error(type_name(loc), "get")),
    }
}

/// score.py's `location_matches`: one predicted name's `place_key` equals the key of the
/// gold `location` or of one of its `location_alt`.
pub fn location_matches(pred: &Value, gold: &Value) -> Result<bool, PyError> {
    let mut want = vec![place_key_value(get(gold, "location"))?];
    if let Some(alt) = gold.get("location_alt") {
        for x in iterate(alt)? {
            want.push(place_key_value(&x)?);
        }
    }
    want.retain(|k| !k.is_empty());
    for n in pred_location_names(pred)? {
        if want.contains(&place_key_value(&n)?) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A pair of one document's matching: indices into that document's predicted and gold
/// events, with the date distance that entered the cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pair {
    pub(crate) pred: usize,
    pub(crate) gold: usize,
    pub(crate) date_distance: u32,
}

/// Which input a failure came from: `(local pred, local gold)`.
pub(crate) type Failure = (Option<usize>, Option<usize>, PyError);

/// score.py's `match_doc`: a maximum matching preferring required gold events, then
/// the closest date, ties by gold order.
pub(crate) fn match_doc(
    preds: &[&Value],
    golds: &[&Value],
    anchor: Option<NaiveDate>,
) -> Result<Vec<Pair>, Failure> {
    let n = preds.len().max(golds.len());
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut cost = vec![vec![0.0_f64; n]; n];
    let mut ok: Vec<Vec<Option<u32>>> = vec![vec![None; n]; n];
    for (i, p) in preds.iter().enumerate() {
        for (j, g) in golds.iter().enumerate() {
            let fail = |e| (Some(i), Some(j), e);
            if subtype_ok(p, g).map_err(fail)? && location_matches(p, g).map_err(fail)? {
                let weight: i64 = if truthy(get(g, "required")) {
                    10000
                } else {
                    100
                };
                let dd = date_distance(p, g, anchor).map_err(fail)?;
                ok[i][j] = Some(dd);
                cost[i][j] = (-weight + i64::from(dd)) as f64 + j as f64 * 1e-3;
            }
        }
    }
    Ok(hungarian(&cost)
        .into_iter()
        .enumerate()
        .filter_map(|(i, j)| {
            let j = j?;
            if i < preds.len() && j < golds.len() {
                ok[i][j].map(|date_distance| Pair {
                    pred: i,
                    gold: j,
                    date_distance,
                })
            } else {
                None
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn subtype_table() {
        let g = json!({"sub_event_type": "Arrests", "alt_sub_event_types": ["Attack"]});
        for (st, want) in [
            (json!("Arrests"), true),
            (json!("Attack"), true),
            (json!("Armed clash"), false),
            (json!(null), false),
        ] {
            assert_eq!(subtype_ok(&json!({"sub_event_type": st}), &g), Ok(want));
        }
        let g = json!({"sub_event_type": "Arrests", "alt_sub_event_types": "Attack"});
        assert_eq!(subtype_ok(&json!({"sub_event_type": "tac"}), &g), Ok(true));
        assert!(subtype_ok(&json!({}), &g).is_err());
        assert_eq!(subtype_ok(&json!({}), &json!({})), Ok(true));
        let g = json!({"sub_event_type": "Arrests", "alt_sub_event_types": null});
        assert_eq!(
            subtype_ok(&json!({"sub_event_type": "Attack"}), &g),
            Ok(false)
        );
    }

    #[test]
    fn location_names_table() {
        for (loc, want) in [
            (json!("دمشق"), Ok(vec![json!("دمشق")])),
            (json!(""), Ok(vec![])),
            (json!(null), Ok(vec![])),
            (
                json!({"name": "حلب", "names": ["", "Aleppo", null]}),
                Ok(vec![json!("حلب"), json!("Aleppo")]),
            ),
            (json!({"names": "ab"}), Ok(vec![json!("a"), json!("b")])),
            (json!({"name": null, "names": null}), Ok(vec![])),
            (json!({"name": 5}), Ok(vec![json!(5)])),
            (json!({"names": 5}), Err(())),
            (json!(["دمشق"]), Err(())),
            (json!(5), Err(())),
        ] {
            let got = pred_location_names(&json!({"location": loc})).map_err(|_| ());
            assert_eq!(got, want, "{loc}");
        }
    }

    #[test]
    fn location_match_table() {
        let g = json!({"location": "مخيم درعا", "location_alt": ["درعا البلد"]});
        for (loc, want) in [
            (json!("درعا"), Ok(true)),
            (json!("دَرْعا"), Ok(true)),
            (json!({"name": "درعا البلد"}), Ok(true)),
            (json!({"name": "حلب", "names": ["درعاالبلد"]}), Ok(true)),
            (json!({"name": "حلب"}), Ok(false)),
            (json!({"name": "درعا", "names": [5]}), Ok(true)),
            (json!({"name": "حلب", "names": [5]}), Err(())),
        ] {
            let got = location_matches(&json!({"location": loc}), &g).map_err(|_| ());
            assert_eq!(got, want, "{loc}");
        }
        // A gold event whose keys are all empty matches nothing, not even an empty name.
        assert_eq!(
            location_matches(&json!({"location": ""}), &json!({"location": ""})),
            Ok(false)
        );
        assert!(location_matches(&json!({}), &json!({"location_alt": null})).is_err());
        assert_eq!(
            location_matches(&json!({"location": "ب"}), &json!({"location_alt": "اب"})),
            Ok(true)
        );
    }

    #[test]
    fn required_beats_optional_then_date_then_gold_order() {
        let p =
            json!({"sub_event_type": "Attack", "location": "حلب", "date": {"relative_days": 0}});
        let opt = json!({"sub_event_type": "Attack", "location": "حلب", "required": false});
        let req_far = json!({"sub_event_type": "Attack", "location": "حلب", "required": true, "date": {"relative_days": -5}});
        let req_near = json!({"sub_event_type": "Attack", "location": "حلب", "required": true, "date": {"relative_days": -1}});
        let req_exact = json!({"sub_event_type": "Attack", "location": "حلب", "required": true, "date": {"relative_days": 0}});
        let pairs = |golds: &[&Value]| -> Vec<usize> {
            match_doc(&[&p], golds, None)
                .map(|v| v.iter().map(|x| x.gold).collect())
                .unwrap_or_default()
        };
        assert_eq!(pairs(&[&opt, &req_far]), [1]);
        assert_eq!(pairs(&[&req_far, &req_near]), [1]);
        assert_eq!(pairs(&[&req_near, &req_exact]), [1]);
        assert_eq!(pairs(&[&req_exact, &req_exact]), [0]);
        assert_eq!(pairs(&[]), Vec::<usize>::new());
    }
}
