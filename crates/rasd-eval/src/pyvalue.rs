//! Python's semantics over JSON values, as score.py applies them to what `json.loads`
//! returned: truthiness, `==`, hashing (sets and dict keys), `str()`, `repr()`, `in`,
//! iteration, numbers, and `json.dumps`.

use std::fmt::Write as _;

use serde_json::{Number, Value};

use crate::error::PyError;
use crate::pyunicode;

/// `None`, for `dict.get` of a missing key.
pub(crate) static NONE: Value = Value::Null;

/// `d.get(key)` on a record known to be a dict (`None` when missing).
pub(crate) fn get<'a>(v: &'a Value, key: &str) -> &'a Value {
    v.get(key).unwrap_or(&NONE)
}

/// Python's name of the type `json.loads` gives this value.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// `bool(v)`.
pub(crate) fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => match num(n) {
            PyNum::Int(i) => i != 0,
            PyNum::Float(f) => f != 0.0,
        },
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// A Python number: `int` (bools included) or `float`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum PyNum {
    Int(i128),
    Float(f64),
}

fn num(n: &Number) -> PyNum {
    if let Some(i) = n.as_i64() {
        PyNum::Int(i128::from(i))
    } else if let Some(u) = n.as_u64() {
        PyNum::Int(i128::from(u))
    } else {
        PyNum::Float(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// The number a value is to Python arithmetic (`bool` is an `int`), if it is one.
pub(crate) fn as_num(v: &Value) -> Option<PyNum> {
    match v {
        Value::Bool(b) => Some(PyNum::Int(i128::from(*b))),
        Value::Number(n) => Some(num(n)),
        _ => None,
    }
}

impl PyNum {
    fn to_f64(self) -> f64 {
        match self {
            // Rounds to nearest, ties to even, like PyLong_AsDouble.
            PyNum::Int(i) => i as f64,
            PyNum::Float(f) => f,
        }
    }

    /// `a - b`.
    pub(crate) fn sub(self, b: PyNum) -> PyNum {
        match (self, b) {
            (PyNum::Int(x), PyNum::Int(y)) => PyNum::Int(x - y),
            (x, y) => PyNum::Float(x.to_f64() - y.to_f64()),
        }
    }

    /// `abs(a)`.
    pub(crate) fn abs(self) -> PyNum {
        match self {
            PyNum::Int(x) => PyNum::Int(x.abs()),
            PyNum::Float(f) => PyNum::Float(f.abs()),
        }
    }

    /// `a == k` and `a <= k` for a small int `k`.
    pub(crate) fn eq_int(self, k: i128) -> bool {
        match self {
            PyNum::Int(x) => x == k,
            PyNum::Float(f) => f == k as f64,
        }
    }

    pub(crate) fn le_int(self, k: i128) -> bool {
        match self {
            PyNum::Int(x) => x <= k,
            PyNum::Float(f) => f <= k as f64,
        }
    }
}

/// `a - b` on two JSON values.
pub(crate) fn py_sub(a: &Value, b: &Value) -> Result<PyNum, PyError> {
    match (as_num(a), as_num(b)) {
        (Some(x), Some(y)) => Ok(x.sub(y)),
        _ => Err(PyError::type_error(format!(
            "unsupported operand type(s) for -: '{}' and '{}'",
            type_name(a),
            type_name(b)
        ))),
    }
}

/// What a number hashes and compares as: an integral float equals the int of that value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NumKey {
    Int(i128),
    Float(u64),
}

fn num_key(n: PyNum) -> NumKey {
    match n {
        PyNum::Int(i) => NumKey::Int(i),
        // |f| < 2^127: the int of an integral float fits; -0.0 becomes 0.
        PyNum::Float(f) if f.fract() == 0.0 && f.abs() < 1.7e38 => NumKey::Int(f as i128),
        PyNum::Float(f) => NumKey::Float(f.to_bits()),
    }
}

/// A hashable value as a key with Python's equality: `1 == 1.0 == True`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum HKey {
    None,
    Num(NumKey),
    Str(String),
}

/// `hash(v)` succeeding, as the key Python's set or dict would use.
pub(crate) fn hkey(v: &Value) -> Result<HKey, PyError> {
    match v {
        Value::Null => Ok(HKey::None),
        Value::Bool(_) | Value::Number(_) => {
            Ok(HKey::Num(num_key(as_num(v).unwrap_or(PyNum::Int(0)))))
        }
        Value::String(s) => Ok(HKey::Str(s.clone())),
        Value::Array(_) | Value::Object(_) => Err(PyError::type_error(format!(
            "unhashable type: '{}'",
            type_name(v)
        ))),
    }
}

/// `a == b`.
pub(crate) fn py_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w)))
        }
        _ => match (as_num(a), as_num(b)) {
            (Some(x), Some(y)) => num_key(x) == num_key(y),
            _ => false,
        },
    }
}

/// `int == v` for an int from a date (`value.month == gd["month"]`).
pub(crate) fn int_eq(i: i64, v: &Value) -> bool {
    py_eq(&Value::from(i), v)
}

/// `item in container` for a str item.
pub(crate) fn contains_str(container: &Value, item: &str) -> Result<bool, PyError> {
    match container {
        Value::Object(o) => Ok(o.contains_key(item)),
        Value::Array(a) => Ok(a.iter().any(|x| x.as_str() == Some(item))),
        Value::String(s) => Ok(s.contains(item)),
        _ => Err(not_iterable(container)),
    }
}

/// `item in container` for any item.
pub(crate) fn contains(container: &Value, item: &Value) -> Result<bool, PyError> {
    match container {
        Value::Array(a) => Ok(a.iter().any(|x| py_eq(item, x))),
        Value::String(s) => match item {
            Value::String(i) => Ok(s.contains(i.as_str())),
            _ => Err(PyError::type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                type_name(item)
            ))),
        },
        Value::Object(o) => {
            hkey(item)?;
            Ok(item.as_str().is_some_and(|k| o.contains_key(k)))
        }
        _ => Err(not_iterable(container)),
    }
}

fn not_iterable(v: &Value) -> PyError {
    PyError::type_error(format!(
        "argument of type '{}' is not iterable",
        type_name(v)
    ))
}

/// `container[key]` for a str key.
pub(crate) fn getitem<'a>(container: &'a Value, key: &str) -> Result<&'a Value, PyError> {
    match container {
        Value::Object(o) => o.get(key).ok_or_else(|| PyError::key_error(key)),
        Value::Array(_) => Err(PyError::type_error(
            "list indices must be integers or slices, not str",
        )),
        Value::String(_) => Err(PyError::type_error("string indices must be integers")),
        _ => Err(PyError::type_error(format!(
            "'{}' object is not subscriptable",
            type_name(container)
        ))),
    }
}

/// `list(v)`: what a `for` loop or `list +=` sees.
pub(crate) fn iterate(v: &Value) -> Result<Vec<Value>, PyError> {
    match v {
        Value::Array(a) => Ok(a.clone()),
        Value::String(s) => Ok(s.chars().map(|c| Value::String(c.to_string())).collect()),
        Value::Object(o) => Ok(o.keys().map(|k| Value::String(k.clone())).collect()),
        _ => Err(PyError::type_error(format!(
            "'{}' object is not iterable",
            type_name(v)
        ))),
    }
}

/// `str(v)`.
pub(crate) fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        _ => {
            let mut out = String::new();
            repr_into(v, &mut out);
            out
        }
    }
}

/// `repr(v)`.
pub(crate) fn py_repr(v: &Value) -> String {
    let mut out = String::new();
    repr_into(v, &mut out);
    out
}

fn repr_into(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Number(n) => number_into(n, out),
        Value::String(s) => repr_str_into(s, out),
        Value::Array(a) => {
            out.push('[');
            for (k, x) in a.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                repr_into(x, out);
            }
            out.push(']');
        }
        Value::Object(o) => {
            out.push('{');
            for (k, (key, x)) in o.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                repr_str_into(key, out);
                out.push_str(": ");
                repr_into(x, out);
            }
            out.push('}');
        }
    }
}

/// CPython's `unicode_repr`.
fn repr_str_into(s: &str, out: &mut String) {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in s.chars() {
        let cp = u32::from(c);
        if c == quote || c == '\\' {
            out.push('\\');
            out.push(c);
        } else if c == '\t' {
            out.push_str("\\t");
        } else if c == '\n' {
            out.push_str("\\n");
        } else if c == '\r' {
            out.push_str("\\r");
        } else if cp < 0x20 || cp == 0x7f {
            let _ = write!(out, "\\x{cp:02x}");
        } else if cp < 0x7f || pyunicode::is_printable(c) {
            out.push(c);
        } else if cp <= 0xff {
            let _ = write!(out, "\\x{cp:02x}");
        } else if cp <= 0xffff {
            let _ = write!(out, "\\u{cp:04x}");
        } else {
            let _ = write!(out, "\\U{cp:08x}");
        }
    }
    out.push(quote);
}

fn number_into(n: &Number, out: &mut String) {
    match num(n) {
        PyNum::Int(i) => {
            let _ = write!(out, "{i}");
        }
        PyNum::Float(f) => out.push_str(&float_repr(f)),
    }
}

/// `repr(f)` for a finite float: the shortest digits that round-trip, laid out as
/// CPython's `float_repr` does (exponent when the decimal point falls before -4 or
/// after 16 digits; `.0` on integral values otherwise).
pub fn float_repr(f: f64) -> String {
    if !f.is_finite() {
        return if f.is_nan() {
            "nan".to_owned()
        } else if f > 0.0 {
            "inf".to_owned()
        } else {
            "-inf".to_owned()
        };
    }
    // `{:e}` gives the shortest round-trip digits ("-1.2345e-5", "0e0"), but where two
    // strings of that length round-trip it may not pick the one dtoa picks: the
    // correctly rounded one, ties to even (1.74491119384765625 is "1.7449111938476562").
    let shortest = format!("{f:e}");
    let n = shortest
        .split('e')
        .next()
        .map_or(1, |m| m.chars().filter(char::is_ascii_digit).count());
    let exact = format!("{f:.*e}", n.saturating_sub(1));
    let sci = if exact.parse::<f64>().ok() == Some(f) {
        exact
    } else {
        shortest
    };
    let (neg, rest) = match sci.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, sci.as_str()),
    };
    let (mant, exp) = rest.split_once('e').unwrap_or((rest, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let decpt = exp + 1;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    let nd = digits.len() as i32;
    if decpt <= -4 || decpt > 16 {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = decpt - 1;
        let _ = write!(out, "e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    } else if decpt <= 0 {
        out.push_str("0.");
        for _ in 0..-decpt {
            out.push('0');
        }
        out.push_str(&digits);
    } else if decpt >= nd {
        out.push_str(&digits);
        for _ in 0..decpt - nd {
            out.push('0');
        }
        out.push_str(".0");
    } else {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    }
    out
}

/// `round(x, 4)`: correctly rounded to four decimals (ties to even on the exact binary
/// value, as dtoa's mode 3 does), then read back as the nearest double.
pub fn py_round4(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.4}").parse().unwrap_or(x)
}

/// `json.dumps(v, ensure_ascii=False)` (separators `", "` and `": "`) when `indent` is
/// `None`; the text `json.dump(..., indent=1)` writes for `v` at nesting `level` otherwise.
pub(crate) fn dumps_into(v: &Value, indent: Option<usize>, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => number_into(n, out),
        Value::String(s) => json_str_into(s, out),
        Value::Array(a) => {
            if a.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            let inner = indent.map(|l| l + 1);
            for (k, x) in a.iter().enumerate() {
                separator(k, inner, out);
                dumps_into(x, inner, out);
            }
            close(indent, out);
            out.push(']');
        }
        Value::Object(o) => {
            if o.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            let inner = indent.map(|l| l + 1);
            for (k, (key, x)) in o.iter().enumerate() {
                separator(k, inner, out);
                json_str_into(key, out);
                out.push_str(": ");
                dumps_into(x, inner, out);
            }
            close(indent, out);
            out.push('}');
        }
    }
}

/// Before item `k` of a list or dict whose items sit at nesting `inner`.
pub(crate) fn separator(k: usize, inner: Option<usize>, out: &mut String) {
    match inner {
        None if k > 0 => out.push_str(", "),
        None => {}
        Some(level) => {
            if k > 0 {
                out.push(',');
            }
            out.push('\n');
            out.push_str(&" ".repeat(level));
        }
    }
}

/// Before the closing bracket of a list or dict at nesting `indent`.
pub(crate) fn close(indent: Option<usize>, out: &mut String) {
    if let Some(level) = indent {
        out.push('\n');
        out.push_str(&" ".repeat(level));
    }
}

/// json's `encode_basestring` (the `ensure_ascii=False` one).
pub(crate) fn json_str_into(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn float_repr_table() {
        for (f, want) in [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (0.9, "0.9"),
            (0.6667, "0.6667"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345.6, "123456789012345.6"),
            (1e-4, "0.0001"),
            (1e-5, "1e-05"),
            (1.25e-7, "1.25e-07"),
            (-2.5e300, "-2.5e+300"),
            (0.1 + 0.2, "0.30000000000000004"),
            (5e-324, "5e-324"),
            (1.744_911_193_847_656_2, "1.7449111938476562"),
        ] {
            assert_eq!(float_repr(f), want, "{f:e}");
        }
    }

    #[test]
    fn round4_table() {
        for (x, want) in [
            (1.0 / 3.0, 0.3333),
            (2.0 / 3.0, 0.6667),
            (0.03125, 0.0312),
            (0.09375, 0.0938),
            (0.15625, 0.1562),
            (0.21875, 0.2188),
            (0.00005, 0.0001),
            (0.99995, 1.0),
            (0.12345, 0.1235),
            (0.5, 0.5),
            (0.0, 0.0),
            (1.0, 1.0),
        ] {
            assert_eq!(py_round4(x), want, "{x}");
        }
    }

    #[test]
    fn equality_and_hashing_follow_python() {
        for (a, b, want) in [
            (json!(1), json!(1.0), true),
            (json!(true), json!(1), true),
            (json!(false), json!(0.0), true),
            (json!(0), json!(-0.0), true),
            (json!(1), json!("1"), false),
            (json!(null), json!(false), false),
            (json!([1, "a"]), json!([1.0, "a"]), true),
            (
                json!({"a": 1, "b": [true]}),
                json!({"b": [1], "a": 1.0}),
                true,
            ),
            (json!({"a": 1}), json!({"a": 1, "b": 2}), false),
            (
                json!(9007199254740993_u64),
                json!(9007199254740992.0),
                false,
            ),
        ] {
            assert_eq!(py_eq(&a, &b), want, "{a} == {b}");
            if let (Ok(x), Ok(y)) = (hkey(&a), hkey(&b)) {
                assert_eq!(x == y, want, "hash {a} {b}");
            }
        }
        assert!(hkey(&json!([1])).is_err());
        assert!(hkey(&json!({})).is_err());
    }

    #[test]
    fn truthiness() {
        for (v, want) in [
            (json!(null), false),
            (json!(0), false),
            (json!(-0.0), false),
            (json!(""), false),
            (json!([]), false),
            (json!({}), false),
            (json!(false), false),
            (json!("false"), true),
            (json!(0.1), true),
            (json!([0]), true),
        ] {
            assert_eq!(truthy(&v), want, "{v}");
        }
    }

    #[test]
    fn str_and_repr() {
        for (v, s, r) in [
            (json!("a'b"), "a'b", "\"a'b\""),
            (json!("x\"y'"), "x\"y'", "'x\"y\\''"),
            (json!(null), "None", "None"),
            (json!(true), "True", "True"),
            (json!(3.0), "3.0", "3.0"),
            (
                json!(["a\u{200f}", 1, null]),
                "['a\\u200f', 1, None]",
                "['a\\u200f', 1, None]",
            ),
            (
                json!({"k": "\u{85}\t"}),
                "{'k': '\\x85\\t'}",
                "{'k': '\\x85\\t'}",
            ),
            (json!("دمشق"), "دمشق", "'دمشق'"),
        ] {
            assert_eq!(py_str(&v), s);
            assert_eq!(py_repr(&v), r);
        }
    }

    #[test]
    fn dumps_compact_and_indented() {
        let v = json!([{"location": ["دمشق"]}, "a\"\u{1}\u{7f}", 1.5, [], {}]);
        let mut out = String::new();
        dumps_into(&v, None, &mut out);
        assert_eq!(
            out,
            "[{\"location\": [\"دمشق\"]}, \"a\\\"\\u0001\u{7f}\", 1.5, [], {}]"
        );
        let mut out = String::new();
        dumps_into(&json!([1, [2], {"a": null}]), Some(0), &mut out);
        assert_eq!(out, "[\n 1,\n [\n  2\n ],\n {\n  \"a\": null\n }\n]");
    }

    #[test]
    fn containment() {
        let alt = json!(["Attack", "Other"]);
        assert_eq!(contains(&alt, &json!("Other")), Ok(true));
        assert_eq!(contains(&json!("Attack"), &json!("tta")), Ok(true));
        assert_eq!(contains(&json!("Attack"), &json!("")), Ok(true));
        assert!(contains(&json!("Attack"), &json!(null)).is_err());
        assert_eq!(contains(&json!({"Attack": 1}), &json!("Attack")), Ok(true));
        assert_eq!(contains(&json!({"1": 1}), &json!(1)), Ok(false));
        assert!(contains(&json!({"a": 1}), &json!(["a"])).is_err());
        assert!(contains(&json!(5), &json!("a")).is_err());
        assert_eq!(contains_str(&json!("my date"), "date"), Ok(true));
        assert_eq!(contains_str(&json!(["date"]), "date"), Ok(true));
        assert!(contains_str(&json!(1), "date").is_err());
    }
}
