//! Dates as score.py compares them: `date.fromisoformat` (Python 3.11's C parser),
//! `timedelta(days=...)`, the article anchor, and `date_verdict` / `date_distance`.

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

use crate::error::PyError;
use crate::pyvalue::{
    NONE, PyNum, as_num, contains_str, get, getitem, int_eq, py_eq, py_str, py_sub, truthy,
    type_name,
};

/// Python's `date.min.toordinal()` and `date.max.toordinal()`.
const MIN_ORDINAL: i64 = 1;
const MAX_ORDINAL: i64 = 3_652_059;
/// `timedelta.max.days`.
const MAX_DELTA_DAYS: i64 = 999_999_999;
const US_PER_DAY: i128 = 86_400_000_000;

/// Python 3.11's `date.fromisoformat(s)`, `None` where it raises ValueError.
///
/// Like CPython's C parser it takes `YYYY-MM-DD`, `YYYYMMDD`, `YYYY-Www`, `YYYYWww`,
/// `YYYY-Www-D` and `YYYYWwwD` when the text is 7, 8 or 10 UTF-8 bytes long, and ignores
/// whatever follows a complete date within those bytes (`"20150721ab"` is 2015-07-21).
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if !matches!(b.len(), 7 | 8 | 10) {
        return None;
    }
    // The C parser reads a NUL past the end.
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    let digits = |from: usize, n: usize| -> Option<u32> {
        (from..from + n).try_fold(0u32, |acc, k| {
            let c = at(k);
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let year = digits(0, 4)?;
    let sep = at(4) == b'-';
    let mut p = 4 + usize::from(sep);
    if at(p) == b'W' {
        p += 1;
        let week = digits(p, 2)?;
        p += 2;
        let day = if p < b.len() {
            if sep {
                if at(p) != b'-' {
                    return None;
                }
                p += 1;
            }
            digits(p, 1)?
        } else {
            1
        };
        return iso_week_date(year, week, day);
    }
    let month = digits(p, 2)?;
    p += 2;
    if sep {
        if at(p) != b'-' {
            return None;
        }
        p += 1;
    }
    let day = digits(p, 2)?;
    if year == 0 {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// CPython's `iso_to_ymd`, then the range check of `date(...)`.
fn iso_week_date(year: u32, week: u32, day: u32) -> Option<NaiveDate> {
    let y = i32::try_from(year).ok()?;
    let jan1 = NaiveDate::from_ymd_opt(y, 1, 1)?;
    // 0 = Monday.
    let first_weekday = jan1.weekday().num_days_from_monday();
    if week == 0 || week >= 53 {
        let long_year = first_weekday == 3 || (first_weekday == 2 && jan1.leap_year());
        if !(week == 53 && long_year) {
            return None;
        }
    }
    if day == 0 || day >= 8 {
        return None;
    }
    // Monday of ISO week 1: the Monday on or before January 4th.
    let jan4 = i64::from(jan1.num_days_from_ce()) + 3;
    let week1_monday = jan4 - i64::from((first_weekday + 3) % 7);
    let ordinal = week1_monday + i64::from((week - 1) * 7 + day - 1);
    from_ordinal(ordinal)
}

fn ordinal(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn from_ordinal(o: i64) -> Option<NaiveDate> {
    if !(MIN_ORDINAL..=MAX_ORDINAL).contains(&o) {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(o).ok()?)
}

/// `date.fromisoformat(v)` where score.py does not catch the error (the gold date).
fn fromisoformat_strict(v: &Value) -> Result<NaiveDate, PyError> {
    match v {
        Value::String(s) => parse_iso_date(s)
            .ok_or_else(|| PyError::value_error(format!("Invalid isoformat string: {s:?}"))),
        _ => Err(PyError::type_error("fromisoformat: argument must be str")),
    }
}

/// `timedelta(days=v).days`, as CPython computes it for an int or a float.
pub(crate) fn timedelta_days(v: &Value) -> Result<i64, PyError> {
    let overflow = || PyError::overflow("days is too large");
    let days = match as_num(v) {
        None => {
            return Err(PyError::type_error(format!(
                "unsupported type for timedelta days component: {}",
                type_name(v)
            )));
        }
        Some(PyNum::Int(i)) => i,
        Some(PyNum::Float(f)) => {
            let int_part = f.trunc();
            if int_part.abs() > 1e10 {
                return Err(overflow());
            }
            let mut us = int_part as i128 * US_PER_DAY;
            let frac = f - int_part;
            if frac != 0.0 {
                let d = US_PER_DAY as f64 * frac;
                let whole = d.trunc();
                us += whole as i128;
                let leftover = d - whole;
                if leftover != 0.0 {
                    let mut rounded = leftover.round();
                    if (rounded - leftover).abs() == 0.5 {
                        let odd = (us & 1) as f64;
                        rounded = 2.0 * ((leftover + odd) * 0.5).round() - odd;
                    }
                    us += rounded as i128;
                }
            }
            us.div_euclid(US_PER_DAY)
        }
    };
    if days.abs() > i128::from(MAX_DELTA_DAYS) {
        return Err(overflow());
    }
    i64::try_from(days).map_err(|_| overflow())
}

/// `d + timedelta(days=v)`.
fn add_days(d: NaiveDate, v: &Value) -> Result<NaiveDate, PyError> {
    let days = timedelta_days(v)?;
    from_ordinal(ordinal(d) + days).ok_or_else(|| PyError::overflow("date value out of range"))
}

/// score.py's `anchor_date`: the first of `published`, `collected` that is truthy and
/// whose `str()`'s first ten characters are an ISO date.
pub fn anchor_date(article: &Value) -> Option<NaiveDate> {
    ["published", "collected"].iter().find_map(|k| {
        let v = get(article, k);
        if !truthy(v) {
            return None;
        }
        let s: String = py_str(v).chars().take(10).collect();
        parse_iso_date(&s)
    })
}

/// score.py's `pred_date`: the predicted absolute date (if any) and `relative_days`.
fn pred_date(p: &Value) -> Result<(Option<NaiveDate>, &Value), PyError> {
    let d = get(p, "date");
    if !truthy(d) {
        return Ok((None, &NONE));
    }
    let (value, rel) = match d {
        Value::String(_) => (d, &NONE),
        Value::Object(_) => (get(d, "value"), get(d, "relative_days")),
        _ => return Err(PyError::attribute_error(type_name(d), "get")),
    };
    let value = match value {
        v if !truthy(v) => None,
        Value::String(s) => parse_iso_date(s),
        _ => return Err(PyError::type_error("fromisoformat: argument must be str")),
    };
    Ok((value, rel))
}

/// How a predicted date compares with the gold's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateVerdict {
    pub exact: bool,
    pub within_1: bool,
}

impl DateVerdict {
    fn both(ok: bool) -> Self {
        Self {
            exact: ok,
            within_1: ok,
        }
    }

    fn from_diff(diff: PyNum) -> Self {
        Self {
            exact: diff.eq_int(0),
            within_1: diff.le_int(1),
        }
    }
}

/// score.py's `date_verdict`: `None` when the gold gives no comparable date.
///
/// `pred` and `gold` are event records (objects); `anchor` is the article's date.
pub fn date_verdict(
    pred: &Value,
    gold: &Value,
    anchor: Option<NaiveDate>,
) -> Result<Option<DateVerdict>, PyError> {
    let gd = get(gold, "date");
    if !truthy(gd) {
        return Ok(None);
    }
    let (mut value, rel) = pred_date(pred)?;
    if contains_str(gd, "date")? {
        let gold_date = fromisoformat_strict(getitem(gd, "date")?)?;
        if let (None, false, Some(a)) = (value, rel.is_null(), anchor) {
            value = Some(add_days(a, rel)?);
        }
        return Ok(Some(match value {
            None => DateVerdict::both(false),
            Some(v) => DateVerdict::from_diff(PyNum::Int(i128::from(
                (ordinal(v) - ordinal(gold_date)).abs(),
            ))),
        }));
    }
    if contains_str(gd, "relative_days")? {
        let grel = getitem(gd, "relative_days")?;
        let diff = if let (Some(v), Some(a)) = (value, anchor) {
            PyNum::Int(i128::from((ordinal(v) - ordinal(add_days(a, grel)?)).abs()))
        } else if !rel.is_null() {
            py_sub(rel, grel)?.abs()
        } else {
            return Ok(Some(DateVerdict::both(false)));
        };
        return Ok(Some(DateVerdict::from_diff(diff)));
    }
    let partial = match get(pred, "date") {
        d @ Value::Object(_) => d,
        _ => &NONE,
    };
    let pget = |k: &str| {
        if partial.is_object() {
            get(partial, k)
        } else {
            &NONE
        }
    };
    if contains_str(gd, "month")? && contains_str(gd, "day")? {
        let ok = match value {
            Some(v) => {
                int_eq(i64::from(v.month()), getitem(gd, "month")?)
                    && int_eq(i64::from(v.day()), getitem(gd, "day")?)
            }
            None => {
                py_eq(pget("month"), getitem(gd, "month")?)
                    && py_eq(pget("day"), getitem(gd, "day")?)
            }
        };
        return Ok(Some(DateVerdict::both(ok)));
    }
    if contains_str(gd, "year")? {
        let gy = getitem(gd, "year")?;
        let ok = match value {
            Some(v) => int_eq(i64::from(v.year()), gy),
            None => py_eq(pget("year"), gy),
        };
        return Ok(Some(DateVerdict::both(ok)));
    }
    Ok(None)
}

/// score.py's `date_distance`: 5 when the gold has no comparable date, else 0 (exact),
/// 1 (within a day) or 9.
pub fn date_distance(
    pred: &Value,
    gold: &Value,
    anchor: Option<NaiveDate>,
) -> Result<u32, PyError> {
    Ok(match date_verdict(pred, gold, anchor)? {
        None => 5,
        Some(v) if v.exact => 0,
        Some(v) if v.within_1 => 1,
        Some(_) => 9,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn iso_dates_as_python_311() {
        for (s, want) in [
            ("2015-07-21", d("2015-07-21")),
            ("20150721", d("2015-07-21")),
            ("20150721ab", d("2015-07-21")),
            ("2015-07-21T", None),
            ("2015-7-21", None),
            ("2015-07", None),
            ("2015-0721", None),
            ("0000-01-01", None),
            ("2015-02-29", None),
            ("2016-02-29", d("2016-02-29")),
            ("2015-W01", d("2014-12-29")),
            ("2015W01", d("2014-12-29")),
            ("2015-W01-3", d("2014-12-31")),
            ("2015W0112x", d("2014-12-29")),
            ("2015-W013", None),
            ("2015-W53", d("2015-12-28")),
            ("2016-W53", None),
            ("2020-W53-7", d("2021-01-03")),
            ("2015-W00", None),
            ("2015-W01-8", None),
            ("0001-W01-1", d("0001-01-01")),
            ("9999-W52-7", None),
            ("9999-W52-5", d("9999-12-31")),
            ("20150721\0\0", d("2015-07-21")),
            ("٢٠١٥-07-21", None),
            ("", None),
        ] {
            assert_eq!(parse_iso_date(s), want, "{s:?}");
        }
    }

    #[test]
    fn timedelta_days_as_cpython() {
        for (v, want) in [
            (json!(0), Some(0)),
            (json!(-3), Some(-3)),
            (json!(true), Some(1)),
            (json!(0.5), Some(0)),
            (json!(-0.5), Some(-1)),
            (json!(0.9999999999999), Some(1)),
            (json!(-1e-20), Some(0)),
            (json!(-1e-9), Some(-1)),
            (json!(2.75), Some(2)),
            (json!(999_999_999), Some(999_999_999)),
        ] {
            assert_eq!(timedelta_days(&v).ok(), want, "{v}");
        }
        assert!(timedelta_days(&json!(1_000_000_000)).is_err());
        assert!(timedelta_days(&json!(1e300)).is_err());
        assert!(timedelta_days(&json!("1")).is_err());
        assert!(timedelta_days(&json!(null)).is_err());
    }

    #[test]
    fn anchors() {
        for (art, want) in [
            (
                json!({"published": "2024-08-11T08:04:31+03:00"}),
                d("2024-08-11"),
            ),
            (
                json!({"published": null, "collected": "2015-08-03T21:19:33"}),
                d("2015-08-03"),
            ),
            (
                json!({"published": "yesterday", "collected": "2015-08-03"}),
                d("2015-08-03"),
            ),
            (json!({"published": 20150803}), d("2015-08-03")),
            (json!({"published": ["2015-08-03"]}), None),
            (json!({}), None),
        ] {
            assert_eq!(anchor_date(&art), want, "{art}");
        }
    }

    #[test]
    fn verdict_table() {
        let a = d("2024-03-29");
        let v = |exact, within_1| Ok(Some(DateVerdict { exact, within_1 }));
        type Case = (
            Value,
            Value,
            Option<NaiveDate>,
            Result<Option<DateVerdict>, ()>,
        );
        let cases: Vec<Case> = vec![
            // No gold date.
            (json!({"date": "bad"}), json!({"date": null}), a, Ok(None)),
            (json!({"date": 5}), json!({}), a, Ok(None)),
            // Absolute gold date.
            (
                json!({"date": "2024-03-29"}),
                json!({"date": {"date": "2024-03-29"}}),
                a,
                v(true, true),
            ),
            (
                json!({"date": {"value": "2024-03-28"}}),
                json!({"date": {"date": "2024-03-29"}}),
                a,
                v(false, true),
            ),
            (
                json!({"date": {"value": "2024-03-26"}}),
                json!({"date": {"date": "2024-03-29"}}),
                a,
                v(false, false),
            ),
            (
                json!({"date": {"relative_days": -1}}),
                json!({"date": {"date": "2024-03-28"}}),
                a,
                v(true, true),
            ),
            (
                json!({"date": {"relative_days": -1}}),
                json!({"date": {"date": "2024-03-28"}}),
                None,
                v(false, false),
            ),
            (
                json!({"date": {"value": "junk", "relative_days": 0}}),
                json!({"date": {"date": "2024-03-29"}}),
                a,
                v(true, true),
            ),
            (
                json!({}),
                json!({"date": {"date": "2024-03-29"}}),
                a,
                v(false, false),
            ),
            (
                json!({"date": {"relative_days": "x"}}),
                json!({"date": {"date": "2024-03-29"}}),
                a,
                Err(()),
            ),
            (
                json!({}),
                json!({"date": {"date": "29/03/2024"}}),
                a,
                Err(()),
            ),
            (json!({}), json!({"date": {"date": null}}), a, Err(())),
            // Relative gold date.
            (
                json!({"date": {"relative_days": -1}}),
                json!({"date": {"relative_days": -1}}),
                None,
                v(true, true),
            ),
            (
                json!({"date": {"relative_days": 0}}),
                json!({"date": {"relative_days": -1}}),
                None,
                v(false, true),
            ),
            (
                json!({"date": {"relative_days": -0.5}}),
                json!({"date": {"relative_days": -1}}),
                None,
                v(false, true),
            ),
            (
                json!({"date": "2024-03-28"}),
                json!({"date": {"relative_days": -1}}),
                a,
                v(true, true),
            ),
            (
                json!({"date": "2024-03-28"}),
                json!({"date": {"relative_days": -1}}),
                None,
                v(false, false),
            ),
            (
                json!({"date": {"value": "2024-03-20", "relative_days": -1}}),
                json!({"date": {"relative_days": -1}}),
                a,
                v(false, false),
            ),
            (
                json!({"date": {"value": "2024-03-20", "relative_days": -1}}),
                json!({"date": {"relative_days": -1}}),
                None,
                v(true, true),
            ),
            (
                json!({"date": {"relative_days": "-1"}}),
                json!({"date": {"relative_days": -1}}),
                None,
                Err(()),
            ),
            (
                json!({"date": "2024-03-28"}),
                json!({"date": {"relative_days": null}}),
                a,
                Err(()),
            ),
            // Partial gold dates.
            (
                json!({"date": {"month": 12, "day": 5}}),
                json!({"date": {"month": 12, "day": 5}}),
                None,
                v(true, true),
            ),
            (
                json!({"date": {"month": 12.0, "day": 5}}),
                json!({"date": {"month": 12, "day": 5}}),
                None,
                v(true, true),
            ),
            (
                json!({"date": "2017-12-05"}),
                json!({"date": {"month": 12, "day": 5}}),
                None,
                v(true, true),
            ),
            (
                json!({"date": "2017-12-06"}),
                json!({"date": {"month": 12, "day": 5}}),
                None,
                v(false, false),
            ),
            (
                json!({"date": {"relative_days": 0}}),
                json!({"date": {"month": 12, "day": 5}}),
                a,
                v(false, false),
            ),
            (
                json!({"date": {"year": 2018}}),
                json!({"date": {"year": 2018}}),
                None,
                v(true, true),
            ),
            (
                json!({"date": "2018-01-01"}),
                json!({"date": {"year": 2018}}),
                None,
                v(true, true),
            ),
            (
                json!({"date": "2018"}),
                json!({"date": {"year": 2018}}),
                None,
                v(false, false),
            ),
            (
                json!({}),
                json!({"date": {"year": null}}),
                None,
                v(true, true),
            ),
            (json!({}), json!({"date": {"month": 5}}), None, Ok(None)),
            // Odd gold dates.
            (json!({}), json!({"date": "2018"}), None, Ok(None)),
            (json!({}), json!({"date": "some date"}), None, Err(())),
            (json!({}), json!({"date": ["year"]}), None, Err(())),
            (json!({}), json!({"date": 2018}), None, Err(())),
            // Odd predicted dates.
            (
                json!({"date": 20240329}),
                json!({"date": {"date": "2024-03-29"}}),
                a,
                Err(()),
            ),
            (
                json!({"date": {"value": 20240329}}),
                json!({"date": {"date": "2024-03-29"}}),
                a,
                Err(()),
            ),
            (
                json!({"date": ["2024-03-29"]}),
                json!({"date": {"year": 2024}}),
                a,
                Err(()),
            ),
        ];
        for (p, g, anchor, want) in cases {
            let got = date_verdict(&p, &g, anchor).map_err(|_| ());
            assert_eq!(got, want, "{p} vs {g} at {anchor:?}");
        }
    }

    #[test]
    fn distances() {
        let g = json!({"date": {"relative_days": -1}});
        for (p, want) in [
            (json!({"date": {"relative_days": -1}}), 0),
            (json!({"date": {"relative_days": -2}}), 1),
            (json!({"date": {"relative_days": -5}}), 9),
        ] {
            assert_eq!(date_distance(&p, &g, None), Ok(want));
        }
        assert_eq!(
            date_distance(&json!({}), &json!({"date": null}), None),
            Ok(5)
        );
    }
}
