//! Normalisation into two derived forms, each with an offset map to the original bytes.
//!
//! * The **display form**: NFKC (presentation forms and ligatures unfolded), bidi and format
//!   controls, tatweel and harakat removed, Arabic-Indic and Persian digits folded to ASCII.
//! * The **match key**: the display form with the letter variants that Arabic writers use
//!   interchangeably folded together: أ إ آ ٱ → ا, ؤ → و, ئ → ي, ى → ي, ة → ه, Persian
//!   ک/ی → ك/ي, ھ → ه, and ASCII letters lower-cased. The key is for looking things up
//!   (lexicons, gazetteer, search), never for showing.
//!
//! Both are built in one pass from the original, so each output character knows the byte
//! range of the original character it came from (see [`OffsetMap`]). The pass copies runs
//! of characters that keep their shape (ASCII and nearly all of the Arabic block, looked up
//! in a table built at compile time) and only decodes the rest one character at a time:
//! several hundred MB/s on Arabic news.

use unicode_normalization::UnicodeNormalization;

pub use crate::offset::OffsetMap;

/// The two derived forms of a text, with their offset map.
///
/// Every character of the key has the same UTF-8 length as the display character it was
/// folded from, so `display` and `key` have the same length and the same character
/// boundaries, and one offset map serves both.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    pub display: String,
    pub key: String,
    map: OffsetMap,
}

impl Normalized {
    /// Normalises `original`. Never panics; every span maps inside `original`.
    pub fn new(original: &str) -> Self {
        let cap = original.len();
        let mut display = String::with_capacity(cap);
        let mut key = String::with_capacity(cap);
        let mut map = OffsetMap::with_original_len(cap);
        let bytes = original.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        while i < n {
            // Fast path: a run of characters that keep their shape (ASCII and most of the
            // Arabic block). The display form copies the run; the key copies it too, except
            // for the characters it folds.
            let run = i;
            let mut same = i;
            while i < n {
                let b = bytes[i];
                if b < 0x80 {
                    if b.is_ascii_uppercase() {
                        key.push_str(original.get(same..i).unwrap_or(""));
                        key.push(char::from(b.to_ascii_lowercase()));
                        same = i + 1;
                    }
                    i += 1;
                } else if (0xD8..=0xDB).contains(&b) && i + 1 < n {
                    let idx = usize::from(b & 0x03) << 6 | usize::from(bytes[i + 1] & 0x3F);
                    match ARABIC[idx] {
                        Arabic::Same => i += 2,
                        Arabic::Fold(k) => {
                            key.push_str(original.get(same..i).unwrap_or(""));
                            key.push(k);
                            i += 2;
                            same = i;
                        }
                        Arabic::Slow => break,
                    }
                } else {
                    break;
                }
            }
            key.push_str(original.get(same..i).unwrap_or(""));
            if i > run {
                let d0 = display.len();
                display.push_str(original.get(run..i).unwrap_or(""));
                map.record(d0, display.len(), run, i, true);
            }
            if i >= n {
                break;
            }
            // Slow path: one character that is dropped, folded to another length, or
            // outside the Arabic block.
            let Some(c) = original.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            let end = i + c.len_utf8();
            let d0 = display.len();
            let mut count = 0;
            let mut first = c;
            for_each_display_char(c, |d| {
                if count == 0 {
                    first = d;
                }
                count += 1;
                display.push(d);
                key.push(key_char(d));
            });
            let same_shape = count == 1 && first.len_utf8() == c.len_utf8();
            map.record(d0, display.len(), i, end, same_shape);
            i = end;
        }
        Normalized { display, key, map }
    }

    /// Maps a byte range of the match key to the original. Positions inside a character
    /// are widened to the whole character.
    pub fn key_to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let (s, e) = snap(&self.key, start, end);
        self.map.to_original(s, e)
    }

    /// Maps a byte range of the display form to the original. Positions inside a
    /// character are widened to the whole character.
    pub fn display_to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let (s, e) = snap(&self.display, start, end);
        self.map.to_original(s, e)
    }

    /// The offset map of the match key (the same as the display form's).
    pub fn key_map(&self) -> &OffsetMap {
        &self.map
    }

    /// The offset map of the display form (the same as the key's).
    pub fn display_map(&self) -> &OffsetMap {
        &self.map
    }
}

/// Widens `[start, end)` to character boundaries of `s` (start down, end up).
fn snap(s: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    if start < s.len() {
        while start > 0 && !s.is_char_boundary(start) {
            start -= 1;
        }
    }
    if end < s.len() {
        while !s.is_char_boundary(end) {
            end += 1;
        }
    }
    (start, end)
}

/// The display form of `text` (no offset map).
pub fn display_form(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        for_each_display_char(c, |d| out.push(d));
    }
    out
}

/// The match key of `text` (no offset map). Use it for lexicon entries and queries.
pub fn match_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        for_each_display_char(c, |d| out.push(key_char(d)));
    }
    out
}

/// Whether the character is dropped from both derived forms: harakat and other Quranic
/// marks, tatweel, bidi and format controls, soft hyphen, byte-order mark.
pub const fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'   // Quranic honorifics and small signs
        | '\u{064B}'..='\u{065F}' // harakat: tanwin, fatha, damma, kasra, shadda, sukun, …
        | '\u{0670}'              // superscript alef
        | '\u{06D6}'..='\u{06DC}' // Quranic annotation
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}'
        | '\u{0640}'              // tatweel
        | '\u{061C}'              // Arabic letter mark
        | '\u{00AD}'              // soft hyphen
        | '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{FEFF}'              // byte-order mark / zero-width no-break space
    )
}

/// Characters NFKC leaves as they are, so the common case skips the normaliser.
fn is_nfkc_stable(c: char) -> bool {
    c.is_ascii()
        || matches!(c,
            '\u{0600}'..='\u{0674}'
            | '\u{0679}'..='\u{06FF}'
            | '\u{00AB}' | '\u{00BB}'
            | '\u{2013}' | '\u{2014}'
            | '\u{2018}'..='\u{201D}'
        )
}

/// Calls `emit` with each character `c` becomes in the display form (none, one, or — for
/// compatibility ligatures such as ﻻ or ﷲ — several).
fn for_each_display_char(c: char, mut emit: impl FnMut(char)) {
    if is_ignorable(c) {
        return;
    }
    if is_nfkc_stable(c) {
        emit(fold_digit(c));
        return;
    }
    let mut buf = [0u8; 4];
    for d in c.encode_utf8(&mut buf).nfkc() {
        if !is_ignorable(d) {
            emit(fold_digit(d));
        }
    }
}

/// Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII.
const fn fold_digit(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => (b'0' + (c as u32 - 0x0660) as u8) as char,
        '\u{06F0}'..='\u{06F9}' => (b'0' + (c as u32 - 0x06F0) as u8) as char,
        '\u{066B}' => '.', // Arabic decimal separator
        '\u{066C}' => ',', // Arabic thousands separator
        _ => c,
    }
}

/// The match-key form of one display character.
pub const fn key_char(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => 'ا',
        'ؤ' => 'و',
        'ئ' | 'ى' | 'ی' | 'ې' => 'ي',
        'ة' | 'ھ' | 'ۀ' | 'ە' => 'ه',
        'ک' => 'ك',
        'A'..='Z' => c.to_ascii_lowercase(),
        _ => c,
    }
}

/// How a character of the Arabic block U+0600..U+06FF is normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arabic {
    /// Unchanged in both forms.
    Same,
    /// Unchanged in the display form; in the key, this character (of the same length).
    Fold(char),
    /// Dropped, or changed in length (digits), or not NFKC-stable: the slow path.
    Slow,
}

/// [`Arabic`] for each character U+0600..U+06FF, built at compile time from
/// [`is_ignorable`], [`fold_digit`] and [`key_char`].
static ARABIC: [Arabic; 256] = {
    let mut t = [Arabic::Same; 256];
    let mut i = 0;
    while i < 256 {
        let cp = 0x0600 + i as u32;
        t[i] = match char::from_u32(cp) {
            Some(c) if is_ignorable(c) || matches!(cp, 0x0675..=0x0678) => Arabic::Slow,
            Some(c) if fold_digit(c) as u32 != cp => Arabic::Slow,
            Some(c) => {
                let k = key_char(c);
                if k as u32 == cp {
                    Arabic::Same
                } else {
                    Arabic::Fold(k)
                }
            }
            None => Arabic::Slow,
        };
        i += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_key_table() {
        // (original, display, key)
        let table = [
            ("قُتِلَ", "قتل", "قتل"),
            ("مقـــتل", "مقتل", "مقتل"),
            ("إدلب", "إدلب", "ادلب"),
            ("آذار", "آذار", "اذار"),
            ("مستشفى", "مستشفى", "مستشفي"),
            ("القنيطرة", "القنيطرة", "القنيطره"),
            ("٥ كانون الأول", "5 كانون الأول", "5 كانون الاول"),
            ("۱۲۳", "123", "123"),
            ("\u{200F}دمشق\u{200E}", "دمشق", "دمشق"),
            ("ﻻ", "لا", "لا"),
            ("رئيس مؤتمر", "رئيس مؤتمر", "رييس موتمر"),
            ("ISIS", "ISIS", "isis"),
            ("ک ی", "ک ی", "ك ي"),
        ];
        for (orig, display, key) in table {
            let n = Normalized::new(orig);
            assert_eq!(n.display, display, "display of {orig:?}");
            assert_eq!(n.key, key, "key of {orig:?}");
            assert_eq!(display_form(orig), display);
            assert_eq!(match_key(orig), key);
        }
    }

    #[test]
    fn key_spans_map_to_original_bytes() {
        let orig = "قُتِلَ ثلاثةُ مدنيين";
        let n = Normalized::new(orig);
        let k = n.key.find("ثلاثه").unwrap();
        let (s, e) = n.key_to_original(k, k + "ثلاثه".len());
        assert_eq!(&orig[s..e], "ثلاثةُ".trim_end_matches('ُ'));
        let (s, e) = n.key_to_original(0, n.key.len());
        assert_eq!(s, 0);
        assert!(orig[s..e].ends_with("مدنيين"));
    }

    #[test]
    fn ligature_maps_every_output_char_to_its_source() {
        let orig = "ﻻ بد";
        let n = Normalized::new(orig);
        assert_eq!(n.key, "لا بد");
        // both letters of the ligature map back to the one original char
        assert_eq!(n.key_to_original(0, 2), (0, 3));
        assert_eq!(n.key_to_original(2, 4), (0, 3));
        assert_eq!(n.key_to_original(0, 4), (0, 3));
    }

    #[test]
    fn empty_and_out_of_range() {
        let n = Normalized::new("");
        assert_eq!(n.key_to_original(0, 0), (0, 0));
        let n = Normalized::new("ab");
        assert_eq!(n.key_to_original(5, 9), (2, 2));
    }
}
