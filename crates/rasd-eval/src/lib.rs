//! rasd-eval: scores predicted events against gold events exactly as the reference
//! scorer `shared/tools/score.py` does (shared/gold/GUIDELINES.md §6 and §7), to the last
//! digit and byte for byte in its output.
//!
//! Records are plain `serde_json::Value`s, so any gold file and any extractor's events
//! can be scored, not only rasd's own. Everything Python does to them is replicated:
//! truthiness, `==` across ints, floats and bools, `str()`/`repr()`, `in` on strings,
//! lists and dicts, `date.fromisoformat` as in Python 3.11, `timedelta` on floats,
//! `round(x, 4)` and float `repr`, `json.dump(..., indent=1)`. Where score.py would raise
//! instead of printing, [`score`] returns a [`ScoreError`].
//!
//! ```
//! use std::collections::HashMap;
//! use serde_json::json;
//!
//! let gold = vec![json!({"doc": "a", "id": "a-1", "required": true,
//!     "sub_event_type": "Attack", "location": "مدينة حلب", "date": {"relative_days": -1}})];
//! let pred = vec![json!({"doc": "a", "sub_event_type": "Attack",
//!     "location": {"name": "حلب"}, "date": {"relative_days": -1}})];
//! let report = rasd_eval::score(&gold, &pred, &HashMap::new())?;
//! assert_eq!(report.events.f1, 1.0);
//! assert!(report.to_text(false).starts_with("events: required 1  predicted 1"));
//! # Ok::<(), rasd_eval::ScoreError>(())
//! ```
//!
//! Known limits (inputs a `serde_json::Value` cannot carry as Python does):
//! - NaN/Infinity, integers beyond 64 bits, floats beyond f64, lone surrogates and
//!   nesting beyond Python's recursion limit are refused by [`load_jsonl`] with
//!   [`LoadError::Unrepresentable`] rather than scored differently.
//! - An object held in a scored field (say `"sub_event_type": {"b": 1, "a": 2}`) is
//!   printed, and `str()`-ed for actor keys, in serde_json's map order (sorted keys
//!   unless serde_json's `preserve_order` feature is on), where Python keeps file order.
//! - Documents whose `str()` coincide (`"1"` and `1`) are ordered by first appearance;
//!   score.py's order for them depends on its hash seed.

mod dates;
mod error;
mod hungarian;
mod keys;
mod matching;
mod pyjson;
mod pyunicode;
mod pyvalue;
mod report;
mod score;

pub use dates::{DateVerdict, anchor_date, date_distance, date_verdict, parse_iso_date};
pub use error::{LoadError, PyError, PyException, ScoreError};
pub use hungarian::hungarian;
pub use keys::{actor_key, place_key};
pub use matching::{location_matches, pred_location_names, subtype_ok};
pub use pyvalue::{float_repr as py_float_repr, py_round4};
pub use report::{
    DocReport, EventScores, Extra, FieldScore, FieldScores, FieldVerdicts, PairMatch, Report,
};
pub use score::{AnchorSource, Anchors, load_anchors, load_jsonl, score};

/// The Python version whose Unicode tables (whitespace, lower-casing, printability) are
/// embedded; score.py's results were checked against this version.
pub const PYTHON_UNICODE_VERSION: &str = pyunicode::PYTHON_VERSION;
