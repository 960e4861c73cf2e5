//! Arabic full-text search: one light stemmer for documents and queries.
//!
//! Documents are indexed as the light stems of their match keys; a query's words are
//! stemmed the same way and matched as prefixes, so قصف finds القصف، وقصفت، بالقصف، للقصف.
//! The stemmer strips proclitics only (و ف, then ب ك ل, then ال, or لل), never suffixes:
//! prefix matching covers the suffixes. [`stem`] is the only place that decides, for
//! documents and queries alike; it uses rasd-text's clitic rules.

use rasd_text::match_key;

/// Whether a character belongs to a word (letters, digits, and marks inside words).
fn is_word_char(c: char) -> bool {
    rasd_text::chars::is_letter_or_digit(c)
        || rasd_text::normalize::is_ignorable(c) && !c.is_whitespace()
}

/// The light stem of one word already in match-key form: its shortest proclitic-free
/// reading by rasd-text's clitic rules (و ف, then ب ك ل, then ال; لل), never a suffix —
/// prefix matching covers suffixes. Changing this changes the index: re-index after.
pub fn stem(word: &str) -> String {
    rasd_text::clitic::stems(word)
        .last()
        .map_or_else(|| word.to_owned(), |s| s.key().to_owned())
}

/// The words of a text, as match keys.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(match_key)
        .filter(|k| !k.is_empty())
}

/// The stems of a text, space-separated (what is indexed).
pub fn index_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&stem(&w));
    }
    out
}

/// The stems of a query's words (each matched as a prefix; all must match).
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = words(query)
        .map(|w| stem(&w))
        .filter(|s| !s.is_empty())
        .collect();
    terms.dedup();
    terms.truncate(16);
    terms
}

/// An FTS5 query: every term quoted (no operator injection) and prefix-matched.
pub fn fts5_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{}\"*", t.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// A PostgreSQL `to_tsquery('simple', …)` text: every term quoted and prefix-matched.
pub fn tsquery(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("'{}':*", t.replace('\\', "\\\\").replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// A short excerpt of `text` around the first word whose stem starts with a term.
pub fn snippet(text: &str, terms: &[String], radius_chars: usize) -> String {
    let mut hit = None;
    let mut start = None;
    for (i, ch) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_word_char(ch), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let st = stem(&match_key(&text[s..i]));
                if terms.iter().any(|t| st.starts_with(t.as_str())) {
                    hit = Some((s, i));
                    break;
                }
                start = None;
            }
            _ => {}
        }
    }
    let (s, e) = hit.unwrap_or((0, 0));
    let from = text[..s]
        .char_indices()
        .rev()
        .nth(radius_chars)
        .map_or(0, |(i, _)| i);
    let to = text[e..]
        .char_indices()
        .nth(radius_chars)
        .map_or(text.len(), |(i, _)| e + i);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(text[from..to].trim());
    if to < text.len() {
        out.push('…');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_strip_proclitics() {
        let table = [
            ("القصف", "قصف"),
            ("وقصفت", "قصفت"),
            ("بالقصف", "قصف"),
            ("للقصف", "قصف"),
            ("والقصف", "قصف"),
            ("فبالقصف", "قصف"),
            ("بقصف", "قصف"),
            ("قصف", "قصف"),
            ("وصل", "وصل"),
            ("ال", "ال"),
            ("لله", "لله"),
            ("2020", "2020"),
        ];
        for (w, want) in table {
            assert_eq!(stem(&match_key(w)), want, "{w}");
        }
    }

    #[test]
    fn query_matches_inflected_forms_by_prefix() {
        let docs = [
            "شنت قوات النظام القصف",
            "وقصفت الطائرات البلدة",
            "استهدفت بالقصف المدفعي",
        ];
        let terms = query_terms("قصف");
        assert_eq!(terms, vec!["قصف".to_owned()]);
        for d in docs {
            let idx = index_text(d);
            assert!(idx.split(' ').any(|s| s.starts_with("قصف")), "{d}: {idx}");
        }
        assert!(
            !index_text("اجتماع اللجنة")
                .split(' ')
                .any(|s| s.starts_with("قصف"))
        );
    }

    #[test]
    fn queries_are_quoted() {
        let terms = vec!["قصف".to_owned(), "a\"b".to_owned()];
        assert_eq!(fts5_query(&terms), "\"قصف\"* AND \"a\"\"b\"*");
        assert_eq!(tsquery(&["it's".to_owned()]), "'it''s':*");
    }

    #[test]
    fn snippet_centres_on_the_match() {
        let text = "مقدمة طويلة جدا جدا. ثم وقصفت قوات النظام البلدة بقذائف الدبابات. خاتمة.";
        let s = snippet(text, &query_terms("قصف"), 3);
        assert!(s.contains("وقصفت"), "{s}");
        assert!(s.starts_with('…'));
        assert!(!s.contains("مقدمة"));
    }
}
