//! Duals of countable nouns (`عنصرين` = two members), from `data/dual_nouns.txt`.

use std::sync::LazyLock;

use crate::clitic;
use crate::lexicon::Set;
use crate::normalize::match_key;

const DATA: &str = include_str!("../../data/dual_nouns.txt");

/// The match keys of every dual form the data file generates.
static DUALS: LazyLock<Set> = LazyLock::new(|| parse(DATA));

/// Every dual noun's key (for the quick filter of [`super::could_start`]).
pub(crate) fn keys() -> impl Iterator<Item = &'static str> {
    DUALS.iter().map(String::as_str)
}

fn parse(data: &str) -> Set {
    let mut out = Set::default();
    let mut nominative_only = false;
    for line in data.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        match line {
            "" => continue,
            "[both]" => nominative_only = false,
            "[nominative]" => nominative_only = true,
            word => {
                let key = match_key(word);
                // The key folds ة to ه: a final ه of a noun spelt with ة becomes ت.
                let base = if word.ends_with('ة') {
                    format!("{}ت", key.strip_suffix('ه').unwrap_or(&key))
                } else {
                    key
                };
                out.insert(format!("{base}ان"));
                if !nominative_only {
                    out.insert(format!("{base}ين"));
                }
            }
        }
    }
    out
}

/// Whether the match key `key` (proclitics allowed: `والطفلين`, `لعنصرين`) is the dual
/// of a listed countable noun. Returns the byte length of the proclitics stripped.
///
/// The article stays with the noun: for `والطفلين` the length is that of `و`.
pub fn dual_noun(key: &str) -> Option<usize> {
    let s = clitic::readings(key).find(|s| DUALS.contains(s.key))?;
    if !s.stripped.article {
        return Some(s.prefix_len);
    }
    // Give the article back: `ال`, or the `ل` of an elided one (للطفلين).
    let before = key.get(..s.prefix_len)?;
    Some(if before.ends_with("ال") {
        s.prefix_len - "ال".len()
    } else {
        s.prefix_len - "ل".len()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dual_table() {
        let table = [
            ("عنصرين", Some(0)),
            ("شخصان", Some(0)),
            ("طفلين", Some(0)),
            ("امرأتين", Some(0)),
            ("شابين", Some(0)),
            ("جنديين", Some(0)),
            ("ضابطين", Some(0)),
            ("رجلين", Some(0)),
            ("شرطيين", Some(0)),
            ("غارتين", Some(0)),
            ("والطفلين", Some(2)),
            ("للطفلين", Some(2)),
            ("الطفلين", Some(0)),
            ("لعنصرين", Some(2)),
            ("مدنيين", None),
            ("مدنيَّين", None),
            ("مدنيان", Some(0)),
            ("مقاتلين", None),
            ("عناصر", None),
            ("يومين", None),
            ("شبان", None),
        ];
        for (w, expected) in table {
            assert_eq!(dual_noun(&match_key(w)), expected, "{w}");
        }
    }

    #[test]
    fn data_file_parses() {
        let set = parse("[both]\nامرأة # comment\n[nominative]\nمدني\n");
        let mut v: Vec<&str> = set.iter().map(String::as_str).collect();
        v.sort_unstable();
        assert_eq!(v, ["امراتان", "امراتين", "مدنيان"]);
        assert!(DUALS.len() > 100);
    }
}
