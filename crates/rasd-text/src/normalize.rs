//! Normalisation into two derived forms, each with an offset map to the original bytes.
//!
//! * The **display form**: NFKC (presentation forms and ligatures unfolded), bidi and format
//!   controls, tatweel and harakat removed, Arabic-Indic and Persian digits folded to ASCII.
//! * The **match key**: the display form with the letter variants that Arabic writers use
//!   interchangeably folded together: أ إ آ ٱ → ا, ؤ → و, ئ → ي, ى → ي, ة → ه, Persian
//!   ک/ی → ك/ي, ھ → ه, and ASCII letters lower-cased. The key is for looking things up
//!   (lexicons, gazetteer, search), never for showing.
//!
//! Both are built char by char from the original, so each output character knows the
//! byte range of the original character it came from.

use unicode_normalization::UnicodeNormalization;

/// Maps byte positions of a derived string back to byte positions of the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// For each byte of the derived string: the original start byte of its source char.
    starts: Vec<u32>,
    /// For each byte of the derived string: the original end byte of its source char.
    ends: Vec<u32>,
    /// Length of the original, for the empty-suffix case.
    original_len: u32,
}

impl OffsetMap {
    /// Maps the derived byte range `[start, end)` to the original byte range covering the
    /// characters it came from. Positions past the end clamp to the original's end.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let n = self.starts.len();
        let o_start = if start < n { self.starts[start] } else { self.original_len } as usize;
        let o_end = if end == 0 || end <= start {
            o_start
        } else if end <= n {
            self.ends[end - 1] as usize
        } else {
            self.original_len as usize
        };
        (o_start, o_end.max(o_start))
    }

    /// The original byte offset where the derived byte `pos` starts.
    pub fn original_start(&self, pos: usize) -> usize {
        self.to_original(pos, pos).0
    }

    fn push(&mut self, out_len: usize, src_start: usize, src_end: usize) {
        for _ in 0..out_len {
            self.starts.push(src_start as u32);
            self.ends.push(src_end as u32);
        }
    }
}

/// The two derived forms of a text, with their offset maps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    pub display: String,
    pub key: String,
    display_map: OffsetMap,
    key_map: OffsetMap,
}

impl Normalized {
    /// Normalises `original`. Never panics; every span maps inside `original`.
    pub fn new(original: &str) -> Self {
        let cap = original.len();
        let mut n = Normalized {
            display: String::with_capacity(cap),
            key: String::with_capacity(cap),
            display_map: OffsetMap {
                starts: Vec::with_capacity(cap),
                ends: Vec::with_capacity(cap),
                original_len: original.len() as u32,
            },
            key_map: OffsetMap {
                starts: Vec::with_capacity(cap),
                ends: Vec::with_capacity(cap),
                original_len: original.len() as u32,
            },
        };
        for (i, c) in original.char_indices() {
            let end = i + c.len_utf8();
            for_each_display_char(c, |d| {
                n.display.push(d);
                n.display_map.push(d.len_utf8(), i, end);
                let k = key_char(d);
                n.key.push(k);
                n.key_map.push(k.len_utf8(), i, end);
            });
        }
        n
    }

    /// Maps a byte range of the match key to the original.
    pub fn key_to_original(&self, start: usize, end: usize) -> (usize, usize) {
        self.key_map.to_original(start, end)
    }

    /// Maps a byte range of the display form to the original.
    pub fn display_to_original(&self, start: usize, end: usize) -> (usize, usize) {
        self.display_map.to_original(start, end)
    }

    pub fn key_map(&self) -> &OffsetMap {
        &self.key_map
    }

    pub fn display_map(&self) -> &OffsetMap {
        &self.display_map
    }
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
pub fn is_ignorable(c: char) -> bool {
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
fn fold_digit(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{066B}' => '.', // Arabic decimal separator
        '\u{066C}' => ',', // Arabic thousands separator
        _ => c,
    }
}

/// The match-key form of one display character.
pub fn key_char(c: char) -> char {
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
