//! The Unicode facts of the Python that runs score.py (see `tools/gen_pyunicode.py`).
//!
//! Rust's `char::is_whitespace` leaves out U+001C..U+001F, which Python's `str.isspace`
//! (and so `str.strip` and the regex class `\s`) includes; `str.lower` and
//! `str.isprintable` follow Python's Unicode version, not Rust's. The tables are data.

mod tables;

pub(crate) use tables::PYTHON_VERSION;

fn in_ranges(c: char, table: &[(u32, u32)]) -> bool {
    let c = u32::from(c);
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Python's `str.isspace()` for one character.
pub(crate) fn is_space(c: char) -> bool {
    in_ranges(c, tables::SPACE)
}

/// Python's `str.isprintable()` for one character.
pub(crate) fn is_printable(c: char) -> bool {
    !in_ranges(c, tables::NOT_PRINTABLE)
}

/// Python's `str.strip()` (no argument).
pub(crate) fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

const CAPITAL_SIGMA: char = '\u{3a3}';

/// Python's `str.lower()`, including the final-sigma rule.
pub(crate) fn lower(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == CAPITAL_SIGMA {
            out.push(if final_sigma(&chars, i) {
                '\u{3c2}'
            } else {
                '\u{3c3}'
            });
            continue;
        }
        match tables::LOWER.binary_search_by_key(&u32::from(c), |&(cp, _)| cp) {
            Ok(k) => out.push_str(tables::LOWER[k].1),
            Err(_) => out.push(c),
        }
    }
    out
}

/// CPython's `handle_capital_sigma`: cased, case-ignorable*, Σ, not (case-ignorable*, cased).
fn final_sigma(chars: &[char], i: usize) -> bool {
    let ignorable = |c: char| in_ranges(c, tables::CASE_IGNORABLE);
    let cased = |c: char| in_ranges(c, tables::CASED);
    let before = chars[..i].iter().rev().find(|&&c| !ignorable(c));
    if !before.is_some_and(|&c| cased(c)) {
        return false;
    }
    match chars[i + 1..].iter().find(|&&c| !ignorable(c)) {
        None => true,
        Some(&c) => !cased(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_is_pythons() {
        for (c, want) in [
            (' ', true),
            ('\u{1c}', true),
            ('\u{1f}', true),
            ('\u{85}', true),
            ('\u{a0}', true),
            ('\u{200b}', false),
            ('\u{feff}', false),
            ('\u{3000}', true),
            ('a', false),
        ] {
            assert_eq!(is_space(c), want, "{c:?}");
        }
        assert_eq!(strip("\u{1c} \u{a0}دمشق\u{2028}\n"), "دمشق");
    }

    #[test]
    fn lower_is_pythons() {
        for (s, want) in [
            ("Regime", "regime"),
            ("İ", "i\u{307}"),
            ("ΟΔΟΣ", "οδος"),
            ("ΟΔΟΣ ΑΣ", "οδος ας"),
            ("Σ", "σ"),
            ("AΣB", "aσb"),
            ("A\u{2bb}Σ", "a\u{2bb}ς"),
            ("ẞ", "ß"),
            ("دمشق", "دمشق"),
        ] {
            assert_eq!(lower(s), want, "{s:?}");
        }
    }

    #[test]
    fn printable_is_pythons() {
        for (c, want) in [
            ('a', true),
            ('\u{7f}', false),
            ('\u{a0}', false),
            ('\u{ad}', false),
            ('\u{200f}', false),
            ('\u{64e}', true),
            ('ـ', true),
            ('\u{e0001}', false),
        ] {
            assert_eq!(is_printable(c), want, "{c:?}");
        }
    }
}
