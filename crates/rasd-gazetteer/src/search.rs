//! Search for the web API: by Arabic or English name, and by distance.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::gazetteer::Gazetteer;
use crate::geo::distance_km;
use crate::keys::{key_of, strip_article};
use crate::model::PlaceIdx;

/// Sorted name lists for prefix search, built on first use.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchIndex {
    /// (match key of a name, place)
    ar: Vec<(Box<str>, PlaceIdx)>,
    /// (folded English name or the part of it from a word start, place, whole name?)
    en: Vec<(Box<str>, PlaceIdx, bool)>,
}

/// Lower-case ASCII-ish folding for English names and queries: accents and ‘ ’ ` ʿ ʾ '
/// dropped, hyphens and underscores as spaces.
pub(crate) fn fold_en(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_combining_mark(c) || matches!(c, '‘' | '’' | '`' | 'ʿ' | 'ʾ' | '\'') {
            continue;
        }
        let c = if matches!(c, '-' | '_') { ' ' } else { c };
        out.extend(c.to_lowercase());
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl SearchIndex {
    fn build(g: &Gazetteer) -> SearchIndex {
        let mut ar: Vec<(Box<str>, PlaceIdx)> = Vec::new();
        let mut en: Vec<(Box<str>, PlaceIdx, bool)> = Vec::new();
        for (idx, p) in g.places() {
            for n in p.names_ar() {
                let k = key_of(n);
                let bare = strip_article(&k).to_owned();
                if bare.len() != k.len() {
                    ar.push((bare.into(), idx));
                }
                ar.push((k.into(), idx));
            }
            for n in std::iter::once(&p.name_en).chain(&p.alt_names_en) {
                let f = fold_en(n);
                if f.is_empty() {
                    continue;
                }
                for (i, _) in f.match_indices(' ') {
                    en.push((f[i + 1..].into(), idx, false));
                }
                en.push((f.into(), idx, true));
            }
        }
        ar.sort_unstable();
        ar.dedup();
        en.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        en.dedup();
        SearchIndex { ar, en }
    }
}

/// How many prefix matches one query looks at.
const MAX_PREFIX_SCAN: usize = 5000;

impl Gazetteer {
    fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| SearchIndex::build(self))
    }

    /// Places whose Arabic name (match-key exact or prefix, with or without ال) or English
    /// name (case- and accent-insensitive, whole name or a word's prefix) matches the
    /// query, best first: exact matches, then prefixes, ties by importance.
    pub fn search(&self, query: &str, limit: usize) -> Vec<(PlaceIdx, f32)> {
        let query = query.trim();
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        let si = self.search_index();
        let mut best: HashMap<PlaceIdx, f32> = HashMap::new();
        let mut bump = |idx: PlaceIdx, s: f32| {
            let e = best.entry(idx).or_insert(0.0);
            *e = e.max(s);
        };
        let arabic = query
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        if arabic {
            let k = key_of(query);
            for c in self.lookup(&k) {
                bump(c.idx, 1.0);
            }
            for q in [k.as_str(), strip_article(&k)] {
                let start = si.ar.partition_point(|(key, _)| &**key < q);
                for (key, idx) in si.ar[start..].iter().take(MAX_PREFIX_SCAN) {
                    if !key.starts_with(q) {
                        break;
                    }
                    let closeness = q.len() as f32 / key.len().max(1) as f32;
                    bump(
                        *idx,
                        if **key == *q {
                            1.0
                        } else {
                            0.5 + 0.3 * closeness
                        },
                    );
                }
            }
        } else {
            let q = fold_en(query);
            let start = si.en.partition_point(|(name, _, _)| &**name < q.as_str());
            for (name, idx, whole) in si.en[start..].iter().take(MAX_PREFIX_SCAN) {
                if !name.starts_with(q.as_str()) {
                    break;
                }
                let s = match (whole, **name == *q) {
                    (true, true) => 1.0,
                    (true, false) => 0.7,
                    (false, true) => 0.6,
                    (false, false) => 0.5,
                };
                bump(*idx, s);
            }
        }
        let mut out: Vec<(PlaceIdx, f32)> = best
            .into_iter()
            .map(|(idx, s)| (idx, s + 0.2 * self.place(idx).importance()))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(limit);
        out
    }

    /// Places within `radius_km` of a point, nearest first.
    pub fn nearby(&self, lat: f64, lon: f64, radius_km: f64) -> Vec<PlaceIdx> {
        let mut found: Vec<(f64, PlaceIdx)> = Vec::new();
        self.grid.for_each_near(lat, lon, radius_km, |i| {
            let p = self.place(i);
            let d = distance_km(lat, lon, p.lat, p.lon);
            if d <= radius_km {
                found.push((d, i));
            }
        });
        found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        found.into_iter().map(|(_, i)| i).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_table() {
        let table = [
            ("Ḩamāh", "hamah"),
            ("Deir ez-Zor", "deir ez zor"),
            ("Ma‘arrat an Nu‘man", "maarrat an numan"),
            ("  A'zaz ", "azaz"),
        ];
        for (s, want) in table {
            assert_eq!(fold_en(s), want, "{s}");
        }
    }
}
