//! Lexicon patterns: sequences of token matchers over match keys (see lexicons/README.md).

use std::fmt;

use rasd_text::match_key;

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Elem {
    /// A stem of the token equals this key.
    Exact(String),
    /// A stem of the token starts with this key.
    Prefix(String),
    /// A punctuation token with this key (`-` in `صواريخ ارض - ارض`).
    Punct(String),
    /// Any one word.
    Any,
    /// Zero to [`MAX_GAP`] words.
    Gap,
}

/// The most words a `..` gap skips.
pub const MAX_GAP: usize = 3;

/// A parsed pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub elems: Vec<Elem>,
    /// The pattern as written in the lexicon.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError(pub String);

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Pattern {
    pub fn parse(source: &str) -> Result<Pattern, PatternError> {
        let mut elems = Vec::new();
        for raw in source.split_whitespace() {
            let elem = match raw {
                "_" => Elem::Any,
                ".." => Elem::Gap,
                _ if raw.chars().all(|c| !c.is_alphanumeric()) => Elem::Punct(raw.to_owned()),
                _ => {
                    let (word, prefix) = match raw.strip_suffix('*') {
                        Some(w) => (w, true),
                        None => (raw, false),
                    };
                    let key = match_key(word);
                    if key.is_empty() || key.contains('*') {
                        return Err(PatternError(format!("{raw:?} is not a word")));
                    }
                    if prefix && key.chars().count() < 2 {
                        return Err(PatternError(format!(
                            "prefix {raw:?} is too short (at least two letters)"
                        )));
                    }
                    if prefix {
                        Elem::Prefix(key)
                    } else {
                        Elem::Exact(key)
                    }
                }
            };
            elems.push(elem);
        }
        match (elems.first(), elems.last()) {
            (None, _) => Err(PatternError("empty pattern".into())),
            (Some(Elem::Any | Elem::Gap | Elem::Punct(_)), _) => {
                Err(PatternError(format!("{source:?} must start with a word")))
            }
            (_, Some(Elem::Any | Elem::Gap)) => {
                Err(PatternError(format!("{source:?} must end with a word")))
            }
            _ => Ok(Pattern {
                elems,
                source: source.trim().to_owned(),
            }),
        }
    }

    /// How specific the pattern is: longer, more literal patterns win ties.
    pub fn specificity(&self) -> u32 {
        self.elems
            .iter()
            .map(|e| match e {
                Elem::Exact(k) => 4 + k.chars().count() as u32,
                Elem::Prefix(k) => 2 + k.chars().count() as u32,
                Elem::Punct(_) => 1,
                Elem::Any | Elem::Gap => 0,
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_elements() {
        let p = Pattern::parse("فرض* سيطرت* _ على").unwrap();
        assert_eq!(
            p.elems,
            vec![
                Elem::Prefix("فرض".into()),
                Elem::Prefix("سيطرت".into()),
                Elem::Any,
                Elem::Exact("علي".into())
            ]
        );
        let p = Pattern::parse("صواريخ أرض - أرض").unwrap();
        assert_eq!(p.elems[2], Elem::Punct("-".into()));
        assert_eq!(p.elems[1], Elem::Exact("ارض".into()));
    }

    #[test]
    fn rejects_bad_patterns() {
        for bad in ["", "_ قصف", "قصف ..", ".. قصف", "ق*", "- قصف", "قصف _"] {
            assert!(Pattern::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn literal_patterns_are_more_specific() {
        let a = Pattern::parse("الجيش السوري الحر").unwrap();
        let b = Pattern::parse("الجيش السوري").unwrap();
        let c = Pattern::parse("الجيش* السوري").unwrap();
        assert!(a.specificity() > b.specificity());
        assert!(b.specificity() > c.specificity());
    }
}
