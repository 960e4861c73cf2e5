//! The report score.py prints, as data, as `--json` text and as its default text.

use chrono::NaiveDate;
use serde_json::Value;

use crate::dates::DateVerdict;
use crate::pyvalue::{close, dumps_into, float_repr, json_str_into, py_repr, py_str, separator};

/// Event-level figures (score.py's `events`).
#[derive(Debug, Clone, PartialEq)]
pub struct EventScores {
    pub required: usize,
    pub predicted: usize,
    pub matched_required: usize,
    pub matched_optional: usize,
    /// `None` when no prediction counts (every one matched an optional gold event).
    pub precision: Option<f64>,
    /// `None` when the gold has no required event.
    pub recall: Option<f64>,
    pub f1: f64,
}

/// One field's accuracy over the matched required pairs.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FieldScore {
    pub correct: usize,
    pub total: usize,
    pub accuracy: Option<f64>,
}

/// Field accuracies (score.py's `fields`), in score.py's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldScores {
    pub sub_event_type: FieldScore,
    pub date_exact: FieldScore,
    pub date_within_1: FieldScore,
    pub fatalities: FieldScore,
    pub actor1: FieldScore,
    pub actor2: FieldScore,
    pub admin1: FieldScore,
}

impl FieldScores {
    /// `(name, score)` in score.py's order.
    pub fn iter(&self) -> [(&'static str, &FieldScore); 7] {
        [
            ("sub_event_type", &self.sub_event_type),
            ("date_exact", &self.date_exact),
            ("date_within_1", &self.date_within_1),
            ("fatalities", &self.fatalities),
            ("actor1", &self.actor1),
            ("actor2", &self.actor2),
            ("admin1", &self.admin1),
        ]
    }
}

/// An unmatched prediction as score.py lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    /// The prediction's `sub_event_type`, whatever JSON it is (`null` when missing).
    pub sub_event_type: Value,
    /// Its first location name (see [`crate::pred_location_names`]), or nothing.
    pub location: Vec<Value>,
}

impl Extra {
    /// The location as score.py would print it in text (`str()` of the first name).
    pub fn location_str(&self) -> Option<String> {
        self.location.first().map(py_str)
    }
}

/// How a matched pair's fields compare (what score.py counts for required pairs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldVerdicts {
    /// Exact `sub_event_type` (an alternative sub-type matches but is not correct).
    pub sub_event_type: bool,
    /// `None` when the gold gives no comparable date.
    pub date: Option<DateVerdict>,
    /// `None` when the gold's fatalities are null; likewise below for falsy gold fields.
    pub fatalities: Option<bool>,
    pub actor1: Option<bool>,
    pub actor2: Option<bool>,
    pub admin1: Option<bool>,
}

/// One predicted event matched to one gold event.
#[derive(Debug, Clone, PartialEq)]
pub struct PairMatch {
    /// Index into the `predicted` slice given to [`crate::score`].
    pub predicted: usize,
    /// Index into the `gold` slice.
    pub gold: usize,
    /// The gold event's `id` (`null` when it has none).
    pub gold_id: Value,
    /// Whether the gold event is required (only required pairs count).
    pub required: bool,
    /// 0 exact date, 1 within a day, 9 further, 5 no comparable gold date.
    pub date_distance: u32,
    /// Field verdicts; `None` for pairs with an optional gold event, which score.py
    /// does not score field by field.
    pub fields: Option<FieldVerdicts>,
}

/// One document (article) of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct DocReport {
    /// The document key as it appears in the files (usually a string; `null` for
    /// predictions without `doc`).
    pub doc: Value,
    pub in_gold: bool,
    pub required: usize,
    pub predicted: usize,
    pub matched_required: usize,
    /// The `id`s of the required gold events left unmatched.
    pub missed: Vec<Value>,
    /// The predictions left unmatched.
    pub extra: Vec<Extra>,
    /// Not in score.py's output: the article date used for relative dates.
    pub anchor: Option<NaiveDate>,
    /// Not in score.py's output: the matched pairs.
    pub matches: Vec<PairMatch>,
    /// Not in score.py's output: indices into the gold slice of `missed`.
    pub missed_gold: Vec<usize>,
    /// Not in score.py's output: indices into the predicted slice of `extra`.
    pub extra_predicted: Vec<usize>,
}

impl DocReport {
    /// The document key as score.py prints it in text (`str(doc)`).
    pub fn doc_str(&self) -> String {
        py_str(&self.doc)
    }
}

/// What score.py computes.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub events: EventScores,
    pub fields: FieldScores,
    pub documents: Vec<DocReport>,
}

fn opt_float(f: Option<f64>) -> String {
    f.map_or_else(|| "None".to_owned(), float_repr)
}

fn opt_json(f: Option<f64>) -> String {
    f.map_or_else(|| "null".to_owned(), float_repr)
}

/// A node of score.py's result dict, for `json.dump(..., indent=1)`.
enum Node<'a> {
    Int(usize),
    Bool(bool),
    Float(Option<f64>),
    Json(&'a Value),
    List(Vec<Node<'a>>),
    Dict(Vec<(&'static str, Node<'a>)>),
}

impl Node<'_> {
    fn dump(&self, level: usize, out: &mut String) {
        match self {
            Node::Int(i) => out.push_str(&i.to_string()),
            Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Node::Float(f) => out.push_str(&opt_json(*f)),
            Node::Json(v) => dumps_into(v, Some(level), out),
            Node::List(items) if items.is_empty() => out.push_str("[]"),
            Node::List(items) => {
                out.push('[');
                for (k, x) in items.iter().enumerate() {
                    separator(k, Some(level + 1), out);
                    x.dump(level + 1, out);
                }
                close(Some(level), out);
                out.push(']');
            }
            Node::Dict(items) if items.is_empty() => out.push_str("{}"),
            Node::Dict(items) => {
                out.push('{');
                for (k, (key, x)) in items.iter().enumerate() {
                    separator(k, Some(level + 1), out);
                    json_str_into(key, out);
                    out.push_str(": ");
                    x.dump(level + 1, out);
                }
                close(Some(level), out);
                out.push('}');
            }
        }
    }
}

fn extra_node(e: &Extra) -> Node<'_> {
    Node::Dict(vec![
        ("sub_event_type", Node::Json(&e.sub_event_type)),
        (
            "location",
            Node::List(e.location.iter().map(Node::Json).collect()),
        ),
    ])
}

impl Report {
    /// Exactly what `score.py --json` prints (`json.dump(result, ensure_ascii=False,
    /// indent=1)` and a newline). The fields marked "not in score.py's output" are left
    /// out.
    pub fn to_json(&self) -> String {
        let e = &self.events;
        let events = Node::Dict(vec![
            ("required", Node::Int(e.required)),
            ("predicted", Node::Int(e.predicted)),
            ("matched_required", Node::Int(e.matched_required)),
            ("matched_optional", Node::Int(e.matched_optional)),
            ("precision", Node::Float(e.precision)),
            ("recall", Node::Float(e.recall)),
            ("f1", Node::Float(Some(e.f1))),
        ]);
        let fields = Node::Dict(
            self.fields
                .iter()
                .into_iter()
                .map(|(k, f)| {
                    (
                        k,
                        Node::Dict(vec![
                            ("correct", Node::Int(f.correct)),
                            ("total", Node::Int(f.total)),
                            ("accuracy", Node::Float(f.accuracy)),
                        ]),
                    )
                })
                .collect(),
        );
        let documents = Node::List(
            self.documents
                .iter()
                .map(|d| {
                    Node::Dict(vec![
                        ("doc", Node::Json(&d.doc)),
                        ("in_gold", Node::Bool(d.in_gold)),
                        ("required", Node::Int(d.required)),
                        ("predicted", Node::Int(d.predicted)),
                        ("matched_required", Node::Int(d.matched_required)),
                        (
                            "missed",
                            Node::List(d.missed.iter().map(Node::Json).collect()),
                        ),
                        (
                            "extra",
                            Node::List(d.extra.iter().map(extra_node).collect()),
                        ),
                    ])
                })
                .collect(),
        );
        let root = Node::Dict(vec![
            ("events", events),
            ("fields", fields),
            ("documents", documents),
        ]);
        let mut out = String::new();
        root.dump(0, &mut out);
        out.push('\n');
        out
    }

    /// Exactly what score.py prints without `--json` (with `--verbose` when `verbose`).
    pub fn to_text(&self, verbose: bool) -> String {
        let e = &self.events;
        let mut out = format!(
            "events: required {}  predicted {}  matched required {}  matched optional {}\n",
            e.required, e.predicted, e.matched_required, e.matched_optional
        );
        out.push_str(&format!(
            "precision {}  recall {}  F1 {}\n",
            opt_float(e.precision),
            opt_float(e.recall),
            float_repr(e.f1)
        ));
        for (k, f) in self.fields.iter() {
            out.push_str(&format!(
                "  {k:15} {}/{}  {}\n",
                f.correct,
                f.total,
                opt_float(f.accuracy)
            ));
        }
        if verbose {
            for d in &self.documents {
                if d.missed.is_empty() && d.extra.is_empty() {
                    continue;
                }
                let missed = py_repr(&Value::Array(d.missed.clone()));
                out.push_str(&format!("{}: missed {missed} extra ", d.doc_str()));
                dumps_extra(&d.extra, &mut out);
                out.push('\n');
            }
        }
        out
    }
}

/// `json.dumps(d["extra"], ensure_ascii=False)`, keys in score.py's order whatever
/// serde_json's map order is.
fn dumps_extra(extra: &[Extra], out: &mut String) {
    out.push('[');
    for (k, e) in extra.iter().enumerate() {
        separator(k, None, out);
        out.push_str("{\"sub_event_type\": ");
        dumps_into(&e.sub_event_type, None, out);
        out.push_str(", \"location\": [");
        for (m, n) in e.location.iter().enumerate() {
            separator(m, None, out);
            dumps_into(n, None, out);
        }
        out.push_str("]}");
    }
    out.push(']');
}
