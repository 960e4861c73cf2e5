//! The comparison keys of score.py: `place_key` for places and admin1, `actor_key` for
//! actors.

use serde_json::Value;

use crate::error::PyError;
use crate::pyunicode;
use crate::pyvalue::{py_str, truthy, type_name};

/// The cue words score.py's `LEADING_CUE` removes (with the whitespace after them), in
/// the regex's order.
const LEADING_CUES: [&str; 7] = ["بلدة", "مدينة", "قرية", "حي", "مخيم", "منطقة", "ناحية"];

/// score.py's `DIACRITICS`: `[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]`.
fn is_diacritic(c: char) -> bool {
    matches!(c,
        '\u{610}'..='\u{61a}' | '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{6d6}'..='\u{6ed}' | '\u{640}')
}

/// score.py's `FOLD`.
fn fold(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        c => c,
    }
}

/// score.py's `place_key` for a string: strip, drop diacritics and tatweel, drop one
/// leading cue word and the whitespace after it, fold alef/yeh/teh marbuta, drop all
/// whitespace, then drop a leading `ال` when more than three characters remain.
pub fn place_key(name: &str) -> String {
    let s: String = pyunicode::strip(name)
        .chars()
        .filter(|&c| !is_diacritic(c))
        .collect();
    let mut rest = s.as_str();
    for cue in LEADING_CUES {
        if let Some(after) = rest.strip_prefix(cue) {
            let trimmed = after.trim_start_matches(pyunicode::is_space);
            if trimmed.len() < after.len() {
                rest = trimmed;
                break;
            }
        }
    }
    let s: String = rest
        .chars()
        .map(fold)
        .filter(|&c| !pyunicode::is_space(c))
        .collect();
    match s.strip_prefix("ال") {
        Some(tail) if s.chars().count() > 3 => tail.to_owned(),
        _ => s,
    }
}

/// `place_key(v)` on any JSON value: `""` when falsy, an AttributeError (`.strip()`) when
/// truthy and not a string.
pub(crate) fn place_key_value(v: &Value) -> Result<String, PyError> {
    if !truthy(v) {
        return Ok(String::new());
    }
    match v {
        Value::String(s) => Ok(place_key(s)),
        _ => Err(PyError::attribute_error(type_name(v), "strip")),
    }
}

/// score.py's `actor_key`: `None` when falsy, else `str(a)` up to the first `:`,
/// stripped and lower-cased (Python's `str()`, `strip()` and `lower()`).
pub fn actor_key(a: &Value) -> Option<String> {
    if !truthy(a) {
        return None;
    }
    let s = py_str(a);
    let head = s.split(':').next().unwrap_or("");
    Some(pyunicode::lower(pyunicode::strip(head)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn place_key_table() {
        for (name, want) in [
            ("دمشق", "دمشق"),
            ("  دِمَشْق ", "دمشق"),
            ("مخيم درعا", "درعا"),
            ("مخيم  \t درعا", "درعا"),
            ("مخيمدرعا", "مخيمدرعا"),
            ("درعا البلد", "درعاالبلد"),
            ("الزبداني", "زبداني"),
            ("الرقة", "رقه"),
            ("الري", "ري"),
            ("ال ري", "ري"),
            ("الر", "الر"),
            ("\u{64e} مدينة حلب", "مدينهحلب"),
            ("الـــرقة", "رقه"),
            ("حي الشيخ مقصود", "شيخمقصود"),
            ("حيفا", "حيفا"),
            ("مدينة حلب", "حلب"),
            ("مدينةحلب", "مدينهحلب"),
            ("مدينه حلب", "مدينهحلب"),
            ("مَدينة حلب", "حلب"),
            ("بلدة  مدينة حلب", "مدينهحلب"),
            ("ناحية عين عيسى", "عينعيسي"),
            ("منطقة\u{a0}الغاب", "غاب"),
            ("قرية\u{1c}ال", "ال"),
            ("أعزاز", "اعزاز"),
            ("إدلب", "ادلب"),
            ("آل", "ال"),
            ("ٱلرقة", "رقه"),
            ("مخيم", "مخيم"),
            ("مخيم ", "مخيم"),
            ("", ""),
            ("\u{640}\u{64e}", ""),
            ("القدس\u{200f}", "قدس\u{200f}"),
        ] {
            assert_eq!(place_key(name), want, "{name:?}");
        }
    }

    #[test]
    fn place_key_of_values() {
        assert_eq!(place_key_value(&json!(null)), Ok(String::new()));
        assert_eq!(place_key_value(&json!(0)), Ok(String::new()));
        assert_eq!(place_key_value(&json!([])), Ok(String::new()));
        assert_eq!(place_key_value(&json!("حلب")), Ok("حلب".to_owned()));
        assert!(place_key_value(&json!(5)).is_err());
        assert!(place_key_value(&json!(["حلب"])).is_err());
        assert!(place_key_value(&json!({"name": "حلب"})).is_err());
    }

    #[test]
    fn actor_key_table() {
        for (a, want) in [
            (json!("regime:military-intelligence"), Some("regime")),
            (json!(" Regime : x : y"), Some("regime")),
            (json!("HTS"), Some("hts")),
            (json!(":x"), Some("")),
            (json!(null), None),
            (json!(""), None),
            (json!(0), None),
            (json!(7), Some("7")),
            (json!(true), Some("true")),
            (json!(1.5), Some("1.5")),
            (json!(["Regime:x"]), Some("['regime")),
            (json!({"A": 1}), Some("{'a'")),
            (json!("\u{1c}rebels\u{a0}"), Some("rebels")),
        ] {
            assert_eq!(actor_key(&a).as_deref(), want, "{a}");
        }
    }
}
