//! Index keys: `rasd_text::match_key` with punctuation turned into single spaces, and the
//! variant forms (without a leading ال, without spaces) the index also holds.

use crate::model::Direction;

/// The index key of a name or a phrase: [`rasd_text::match_key`], then every character that
/// is neither a letter nor a digit becomes a space, and runs of spaces become one.
/// "البو كمال" → "البو كمال"; "حمص - حماة" → "حمص حماه"; "الحرية_ عش الورور" → three words.
pub fn key_of(text: &str) -> String {
    let k = rasd_text::match_key(text);
    // the common case: Arabic letters and single inner spaces only
    let clean = !k.starts_with(' ')
        && !k.ends_with(' ')
        && !k.contains("  ")
        && k.chars().all(|c| {
            c == ' ' || ('\u{0621}'..='\u{064A}').contains(&c) || c.is_ascii_alphanumeric()
        });
    if clean {
        return k;
    }
    let mut out = String::with_capacity(k.len());
    let mut pending_space = false;
    for c in k.chars() {
        let word_char = c.is_ascii_alphanumeric()
            || ('\u{0621}'..='\u{064A}').contains(&c)
            || (!c.is_ascii() && rasd_text::chars::is_letter_or_digit(c));
        if word_char {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
}

/// The key without the leading ال of its first word, when at least two letters remain
/// ("الصنمين" → "صنمين", "ال" stays). Returns the key itself otherwise.
pub fn strip_article(key: &str) -> &str {
    match key.strip_prefix("ال") {
        Some(rest) if rest.chars().take_while(|c| *c != ' ').count() >= 2 => rest,
        _ => key,
    }
}

/// The key with its spaces removed, if it has any.
pub fn without_spaces(key: &str) -> Option<String> {
    key.contains(' ').then(|| key.replace(' ', ""))
}

/// Number of words of a key.
pub fn word_count(key: &str) -> usize {
    if key.is_empty() {
        0
    } else {
        key.split(' ').count()
    }
}

/// A single direction word (match-key form): شمال / شمالي / الشمالي / شمالا / الشمالية …
pub fn direction_word(word: &str) -> Option<Direction> {
    let w = word.strip_prefix("ال").unwrap_or(word);
    let w = w.strip_suffix("ا").unwrap_or(w);
    let w = w.strip_suffix("يه").unwrap_or(w);
    let w = w.strip_suffix("ي").unwrap_or(w);
    match w {
        "شمال" => Some(Direction::North),
        "جنوب" => Some(Direction::South),
        "شرق" => Some(Direction::East),
        "غرب" => Some(Direction::West),
        _ => None,
    }
}

/// A direction at the start of `words` ("شمال شرق", "الغربي الجنوبي", "جنوبي"): the
/// direction and how many words it used.
pub fn leading_direction(words: &[&str]) -> Option<(Direction, usize)> {
    let first = direction_word(words.first()?)?;
    if let Some(second) = words.get(1).and_then(|w| direction_word(w))
        && let Some(d) = Direction::combine(first, second)
    {
        return Some((d, 2));
    }
    Some((first, 1))
}

/// A direction at the end of `words`: the direction and how many words it used.
pub fn trailing_direction(words: &[&str]) -> Option<(Direction, usize)> {
    let n = words.len();
    let last = direction_word(words.get(n.checked_sub(1)?)?)?;
    if n >= 2
        && let Some(prev) = direction_word(words[n - 2])
        && let Some(d) = Direction::combine(prev, last)
    {
        return Some((d, 2));
    }
    Some((last, 1))
}

/// The adjective forms appended to a rural alias ("ريف درعا" + " الشمالي الغربي"), as
/// match keys, with the direction each gives.
pub const DIRECTION_SUFFIXES: [(&str, Direction); 12] = [
    ("الشمالي", Direction::North),
    ("الجنوبي", Direction::South),
    ("الشرقي", Direction::East),
    ("الغربي", Direction::West),
    ("الشمالي الشرقي", Direction::NorthEast),
    ("الشرقي الشمالي", Direction::NorthEast),
    ("الشمالي الغربي", Direction::NorthWest),
    ("الغربي الشمالي", Direction::NorthWest),
    ("الجنوبي الشرقي", Direction::SouthEast),
    ("الشرقي الجنوبي", Direction::SouthEast),
    ("الجنوبي الغربي", Direction::SouthWest),
    ("الغربي الجنوبي", Direction::SouthWest),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_table() {
        let table = [
            ("البو كمال", "البو كمال"),
            ("إدلب", "ادلب"),
            ("حماة", "حماه"),
            ("  حمص - حماة ", "حمص حماه"),
            ("الحرية_ عش الورور", "الحريه عش الورور"),
            ("مزة 86", "مزه 86"),
            ("دير الزّور", "دير الزور"),
        ];
        for (name, key) in table {
            assert_eq!(key_of(name), key, "{name}");
        }
    }

    #[test]
    fn article_and_spaces() {
        assert_eq!(strip_article("الصنمين"), "صنمين");
        assert_eq!(strip_article("الشيخ مسكين"), "شيخ مسكين");
        assert_eq!(strip_article("ال"), "ال");
        assert_eq!(strip_article("الي"), "الي");
        assert_eq!(strip_article("درعا"), "درعا");
        assert_eq!(without_spaces("البو كمال").as_deref(), Some("البوكمال"));
        assert_eq!(without_spaces("درعا"), None);
        assert_eq!(word_count("ريف دمشق الغربي"), 3);
        assert_eq!(word_count(""), 0);
    }

    #[test]
    fn directions_table() {
        type Row<'a> = (&'a [&'a str], Option<(Direction, usize)>);
        let table: [Row<'_>; 7] = [
            (&["شمال", "درعا"], Some((Direction::North, 1))),
            (&["جنوب", "غرب", "درعا"], Some((Direction::SouthWest, 2))),
            (&["شمالي", "شرقي", "حلب"], Some((Direction::NorthEast, 2))),
            (&["الغربي"], Some((Direction::West, 1))),
            (&["الشماليه"], Some((Direction::North, 1))),
            (&["غربا"], Some((Direction::West, 1))),
            (&["درعا"], None),
        ];
        for (words, want) in table {
            assert_eq!(leading_direction(words), want, "{words:?}");
        }
        assert_eq!(
            trailing_direction(&["ريف", "دمشق", "الغربي", "الجنوبي"]),
            Some((Direction::SouthWest, 2))
        );
        assert_eq!(trailing_direction(&["ريف", "حلب"]), None);
    }
}
