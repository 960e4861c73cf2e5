//! score.py's `main`: documents, matching, counts and field accuracies.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;

use crate::dates::{anchor_date, date_verdict};
use crate::error::{LoadError, PyError, ScoreError};
use crate::keys::{actor_key, place_key_value};
use crate::matching::{Failure, match_doc, pred_location_names};
use crate::pyjson::{parse_lines, read_text};
use crate::pyvalue::{HKey, get, getitem, hkey, py_eq, py_round4, py_str, truthy, type_name};
use crate::report::{
    DocReport, EventScores, Extra, FieldScore, FieldScores, FieldVerdicts, PairMatch, Report,
};

/// score.py's `load_jsonl`: the records of a JSON Lines file, as Python's `json` reads
/// them (see [`LoadError`] for what stops it).
pub fn load_jsonl(path: impl AsRef<Path>) -> Result<Vec<Value>, LoadError> {
    let path = path.as_ref();
    Ok(parse_lines(&read_text(path)?, path)?
        .into_iter()
        .map(|(_, v)| v)
        .collect())
}

/// Where the article dates come from: the [`Anchors`] of an articles file, or a plain
/// map from (string) document ids.
pub trait AnchorSource {
    /// `anchors.get(doc)` in score.py.
    fn anchor_for(&self, doc: &Value) -> Option<NaiveDate>;
}

impl<S: BuildHasher> AnchorSource for HashMap<String, Option<NaiveDate>, S> {
    fn anchor_for(&self, doc: &Value) -> Option<NaiveDate> {
        doc.as_str().and_then(|d| self.get(d).copied().flatten())
    }
}

/// Article dates by article `id`, keyed as score.py's dict is: any hashable JSON value,
/// with Python's equality (`1`, `1.0` and `true` are one key; `"1"` another).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Anchors {
    map: HashMap<HKey, Option<NaiveDate>>,
}

impl Anchors {
    pub fn new() -> Self {
        Self::default()
    }

    /// `anchors[id] = anchor`; a list or object id is unhashable (TypeError).
    pub fn insert(&mut self, id: &Value, anchor: Option<NaiveDate>) -> Result<(), PyError> {
        self.map.insert(hkey(id)?, anchor);
        Ok(())
    }

    /// score.py's loop over articles: `anchors[art.get("id")] = anchor_date(art)`.
    pub fn from_articles(articles: &[Value]) -> Result<Self, ScoreError> {
        let mut out = Self::new();
        for (k, art) in articles.iter().enumerate() {
            out.add_article(art)
                .map_err(ScoreError::at(format!("articles[{k}]")))?;
        }
        Ok(out)
    }

    fn add_article(&mut self, art: &Value) -> Result<(), PyError> {
        if !art.is_object() {
            return Err(PyError::attribute_error(type_name(art), "get"));
        }
        self.insert(get(art, "id"), anchor_date(art))
    }

    /// The anchor of a document; `None` when unknown or when the article had no date.
    pub fn get(&self, doc: &Value) -> Option<NaiveDate> {
        hkey(doc)
            .ok()
            .and_then(|k| self.map.get(&k).copied().flatten())
    }

    /// Number of distinct article ids.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

impl AnchorSource for Anchors {
    fn anchor_for(&self, doc: &Value) -> Option<NaiveDate> {
        self.get(doc)
    }
}

impl<S: BuildHasher> From<HashMap<String, Option<NaiveDate>, S>> for Anchors {
    fn from(m: HashMap<String, Option<NaiveDate>, S>) -> Self {
        Self {
            map: m.into_iter().map(|(k, v)| (HKey::Str(k), v)).collect(),
        }
    }
}

/// score.py's `--articles`: each article's `published` or `collected` date by `id`.
pub fn load_anchors(articles_path: impl AsRef<Path>) -> Result<Anchors, LoadError> {
    let path = articles_path.as_ref();
    let mut out = Anchors::new();
    for (line, art) in parse_lines(&read_text(path)?, path)? {
        out.add_article(&art).map_err(|error| LoadError::Article {
            path: path.to_owned(),
            line,
            error,
        })?;
    }
    Ok(out)
}

/// `round(a / b, 4) if b else None`.
fn ratio(a: usize, b: usize) -> Option<f64> {
    (b != 0).then(|| py_round4(a as f64 / b as f64))
}

fn count(f: &mut FieldScore, ok: bool) {
    f.total += 1;
    f.correct += usize::from(ok);
}

/// The field verdicts of a required pair, exactly as score.py counts them.
fn verdicts(p: &Value, g: &Value, anchor: Option<NaiveDate>) -> Result<FieldVerdicts, PyError> {
    let actor = |k: &str| truthy(get(g, k)).then(|| actor_key(get(p, k)) == actor_key(get(g, k)));
    let admin1 = if truthy(get(g, "admin1")) {
        let loc = get(p, "location");
        let padm = if loc.is_object() {
            get(loc, "admin1")
        } else {
            &Value::Null
        };
        Some(place_key_value(padm)? == place_key_value(get(g, "admin1"))?)
    } else {
        None
    };
    Ok(FieldVerdicts {
        sub_event_type: py_eq(get(p, "sub_event_type"), get(g, "sub_event_type")),
        date: date_verdict(p, g, anchor)?,
        fatalities: (!get(g, "fatalities").is_null())
            .then(|| py_eq(get(p, "fatalities"), get(g, "fatalities"))),
        actor1: actor("actor1"),
        actor2: actor("actor2"),
        admin1,
    })
}

fn tally(fields: &mut FieldScores, v: &FieldVerdicts) {
    count(&mut fields.sub_event_type, v.sub_event_type);
    if let Some(d) = v.date {
        count(&mut fields.date_exact, d.exact);
        count(&mut fields.date_within_1, d.within_1);
    }
    for (score, verdict) in [
        (&mut fields.fatalities, v.fatalities),
        (&mut fields.actor1, v.actor1),
        (&mut fields.actor2, v.actor2),
        (&mut fields.admin1, v.admin1),
    ] {
        if let Some(ok) = verdict {
            count(score, ok);
        }
    }
}

/// A document key: Python's set keeps the first value it saw among equal ones.
struct Doc {
    key: HKey,
    value: Value,
}

/// Scores `predicted` against `gold` exactly as score.py does, `anchors` giving each
/// document's article date (see [`load_anchors`]; an empty map is score.py without
/// `--articles`).
///
/// Records are any JSON: predictions with a truthy `background` are left out, missing
/// fields are `None`, and a `location` or `date` may be a string or an object. Where
/// score.py would raise instead of printing a report (a gold event without `doc`, a
/// location that is a number, an unparseable gold date on a candidate pair, ...), this
/// returns the [`ScoreError`] naming the record.
pub fn score<A: AnchorSource + ?Sized>(
    gold: &[Value],
    predicted: &[Value],
    anchors: &A,
) -> Result<Report, ScoreError> {
    let mut gold_keys = Vec::with_capacity(gold.len());
    for (k, g) in gold.iter().enumerate() {
        let key = getitem(g, "doc").and_then(|doc| Ok((hkey(doc)?, doc)));
        gold_keys.push(key.map_err(ScoreError::at(format!("gold[{k}]")))?);
    }
    let mut preds = Vec::new();
    for (k, p) in predicted.iter().enumerate() {
        if !p.is_object() {
            return Err(ScoreError::at(format!("predicted[{k}]"))(
                PyError::attribute_error(type_name(p), "get"),
            ));
        }
        if truthy(get(p, "background")) {
            continue;
        }
        let doc = get(p, "doc");
        let key = hkey(doc).map_err(ScoreError::at(format!("predicted[{k}]")))?;
        preds.push((k, key, p));
    }

    let mut docs: Vec<Doc> = Vec::new();
    let mut seen: HashMap<HKey, usize> = HashMap::new();
    let gold_docs: HashSet<&HKey> = gold_keys.iter().map(|(k, _)| k).collect();
    let all = gold_keys
        .iter()
        .map(|(k, v)| (k, *v))
        .chain(preds.iter().map(|(_, k, p)| (k, get(p, "doc"))));
    for (key, value) in all {
        if !seen.contains_key(key) {
            seen.insert(key.clone(), docs.len());
            docs.push(Doc {
                key: key.clone(),
                value: value.clone(),
            });
        }
    }
    // sorted(..., key=str); docs whose str() ties keep first-seen order (Python's
    // order there is its set's, which varies with hash randomisation).
    docs.sort_by_cached_key(|d| py_str(&d.value));

    let mut events = EventScores {
        required: 0,
        predicted: 0,
        matched_required: 0,
        matched_optional: 0,
        precision: None,
        recall: None,
        f1: 0.0,
    };
    let mut fields = FieldScores::default();
    let mut documents = Vec::with_capacity(docs.len());
    for doc in &docs {
        let gs: Vec<usize> = (0..gold.len())
            .filter(|&k| gold_keys[k].0 == doc.key)
            .collect();
        let ps: Vec<usize> = preds
            .iter()
            .filter(|(_, key, _)| *key == doc.key)
            .map(|(k, _, _)| *k)
            .collect();
        let gv: Vec<&Value> = gs.iter().map(|&k| &gold[k]).collect();
        let pv: Vec<&Value> = ps.iter().map(|&k| &predicted[k]).collect();
        let anchor = anchors.anchor_for(&doc.value);
        let fail = |(i, j, e): Failure| {
            let record = match (i, j) {
                (Some(i), Some(j)) => format!("predicted[{}] vs gold[{}]", ps[i], gs[j]),
                (Some(i), None) => format!("predicted[{}]", ps[i]),
                (None, Some(j)) => format!("gold[{}]", gs[j]),
                (None, None) => format!("document {}", py_str(&doc.value)),
            };
            ScoreError::Raised { record, error: e }
        };
        let pairs = match_doc(&pv, &gv, anchor).map_err(fail)?;
        let required = gv.iter().filter(|g| truthy(get(g, "required"))).count();
        let mut matches = Vec::with_capacity(pairs.len());
        for pair in &pairs {
            let (p, g) = (pv[pair.pred], gv[pair.gold]);
            let is_required = truthy(get(g, "required"));
            let field_verdicts = if is_required {
                let v = verdicts(p, g, anchor)
                    .map_err(|e| fail((Some(pair.pred), Some(pair.gold), e)))?;
                tally(&mut fields, &v);
                Some(v)
            } else {
                None
            };
            matches.push(PairMatch {
                predicted: ps[pair.pred],
                gold: gs[pair.gold],
                gold_id: get(g, "id").clone(),
                required: is_required,
                date_distance: pair.date_distance,
                fields: field_verdicts,
            });
        }
        let matched_required = matches.iter().filter(|m| m.required).count();
        events.required += required;
        events.predicted += ps.len();
        events.matched_required += matched_required;
        events.matched_optional += matches.len() - matched_required;

        let mut missed = Vec::new();
        let mut missed_gold = Vec::new();
        for (j, g) in gv.iter().enumerate() {
            if truthy(get(g, "required")) && !pairs.iter().any(|x| x.gold == j) {
                missed.push(
                    getitem(g, "id")
                        .map_err(|e| fail((None, Some(j), e)))?
                        .clone(),
                );
                missed_gold.push(gs[j]);
            }
        }
        let mut extra = Vec::new();
        let mut extra_predicted = Vec::new();
        for (i, p) in pv.iter().enumerate() {
            if pairs.iter().any(|x| x.pred == i) {
                continue;
            }
            let names = pred_location_names(p).map_err(|e| fail((Some(i), None, e)))?;
            extra.push(Extra {
                sub_event_type: get(p, "sub_event_type").clone(),
                location: names.into_iter().take(1).collect(),
            });
            extra_predicted.push(ps[i]);
        }
        documents.push(DocReport {
            doc: doc.value.clone(),
            in_gold: gold_docs.contains(&doc.key),
            required,
            predicted: ps.len(),
            matched_required,
            missed,
            extra,
            anchor,
            matches,
            missed_gold,
            extra_predicted,
        });
    }

    let counted = events.predicted - events.matched_optional;
    events.precision = ratio(events.matched_required, counted);
    events.recall = ratio(events.matched_required, events.required);
    events.f1 = match (events.precision, events.recall) {
        (Some(p), Some(r)) if p != 0.0 && r != 0.0 => py_round4(2.0 * p * r / (p + r)),
        _ => 0.0,
    };
    for score in [
        &mut fields.sub_event_type,
        &mut fields.date_exact,
        &mut fields.date_within_1,
        &mut fields.fatalities,
        &mut fields.actor1,
        &mut fields.actor2,
        &mut fields.admin1,
    ] {
        score.accuracy = ratio(score.correct, score.total);
    }
    Ok(Report {
        events,
        fields,
        documents,
    })
}
