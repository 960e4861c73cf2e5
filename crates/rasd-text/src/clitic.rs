//! Clitics: the candidate match keys of a word without its proclitics, and pronoun suffixes.
//!
//! Arabic writes conjunctions (و ف), prepositions (ب ل ك) and the article (ال) joined to
//! the next word: `وبالقرب` is و + ب + ال + قرب. [`stems`] lists the readings of a key,
//! longest first, so a lexicon lookup can try `وبالقرب`, `بالقرب`, `القرب`, `قرب` in turn
//! and take the first hit. `ل` before the article elides its alef: `للقوات` is ل + القوات,
//! and [`stems`] gives the rebuilt `القوات`.
//!
//! All functions take and return match keys (see [`crate::match_key`]).

use std::borrow::Cow;

use smallvec::SmallVec;

/// A conjunction proclitic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Conj {
    /// و
    Wa,
    /// ف
    Fa,
}

/// A preposition proclitic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Prep {
    /// ب
    Bi,
    /// ل
    Li,
    /// ك
    Ka,
}

/// The proclitics stripped to reach a stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Proclitics {
    pub conj: Option<Conj>,
    pub prep: Option<Prep>,
    /// The article ال (or the elided article of لل) was stripped.
    pub article: bool,
}

impl Proclitics {
    /// Nothing was stripped.
    pub fn is_empty(&self) -> bool {
        self.conj.is_none() && self.prep.is_none() && !self.article
    }

    /// Only a conjunction (or nothing) was stripped.
    pub fn conj_only(&self) -> bool {
        self.prep.is_none() && !self.article
    }
}

/// One reading of a word: its key without some proclitics (and possibly a suffix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stem<'a> {
    /// The candidate match key. Borrowed from the word's key, except for the rebuilt
    /// article of `لل` (`للقوات` → `القوات`).
    pub key: Cow<'a, str>,
    /// Byte length of the stripped prefix in the word's key (and, since the key and the
    /// display form have the same layout, in the display form).
    pub prefix_len: usize,
    /// Byte length of a stripped suffix (0 for [`stems`]).
    pub suffix_len: usize,
    /// What was stripped.
    pub stripped: Proclitics,
}

impl Stem<'_> {
    pub fn key(&self) -> &str {
        &self.key
    }
}

const WAW: char = 'و';
const FA: char = 'ف';
const BA: char = 'ب';
const LAM: char = 'ل';
const KAF: char = 'ك';
const ARTICLE: &str = "ال";

/// The pronoun suffixes [`strip_enclitic`] removes, longest first.
pub const ENCLITICS: [&str; 6] = ["هما", "ها", "هم", "هن", "كم", "ه"];

/// The candidate keys of `key` without proclitics, longest first; candidate 0 is always
/// `key` itself. A stripped candidate must keep at least three letters and must not be a
/// single letter plus a pronoun (`فيها` does not give `يها`).
///
/// `وبالقرب` → `[وبالقرب, بالقرب, القرب, قرب]`; `للقوات` → `[للقوات, القوات, قوات]`.
pub fn stems(key: &str) -> SmallVec<[Stem<'_>; 4]> {
    decompose(key, true)
}

/// Like [`stems`] but without the length rules: every proclitic reading, for lookups in
/// closed word lists (numbers, weekdays, month names), where junk readings cannot match.
pub fn all_stems(key: &str) -> SmallVec<[Stem<'_>; 4]> {
    decompose(key, false)
}

fn decompose<'a>(key: &'a str, strict: bool) -> SmallVec<[Stem<'a>; 4]> {
    let mut out: SmallVec<[Stem<'a>; 4]> = SmallVec::new();
    out.push(Stem {
        key: Cow::Borrowed(key),
        prefix_len: 0,
        suffix_len: 0,
        stripped: Proclitics::default(),
    });
    let ok = |rest: &str| !rest.is_empty() && (!strict || plausible_stem(rest));
    let mut pos = 0;
    let mut pro = Proclitics::default();
    let push = |out: &mut SmallVec<[Stem<'a>; 4]>, pos: usize, pro: Proclitics| {
        if let Some(rest) = key.get(pos..)
            && ok(rest)
        {
            out.push(Stem {
                key: Cow::Borrowed(rest),
                prefix_len: pos,
                suffix_len: 0,
                stripped: pro,
            });
        }
    };
    let first = |pos: usize| key.get(pos..).and_then(|r| r.chars().next());
    if let Some(c) = first(0) {
        let conj = match c {
            WAW => Some(Conj::Wa),
            FA => Some(Conj::Fa),
            _ => None,
        };
        if let Some(conj) = conj {
            pos = c.len_utf8();
            pro.conj = Some(conj);
            push(&mut out, pos, pro);
        }
    }
    if let Some(c) = first(pos) {
        let prep = match c {
            BA => Some(Prep::Bi),
            LAM => Some(Prep::Li),
            KAF => Some(Prep::Ka),
            _ => None,
        };
        if let Some(prep) = prep {
            let after = pos + c.len_utf8();
            pro.prep = Some(prep);
            if prep == Prep::Li && first(after) == Some(LAM) {
                // ل + (ا)ل: the article's alef is elided.
                let rest_pos = after + LAM.len_utf8();
                if let Some(rest) = key.get(rest_pos..)
                    && ok(rest)
                {
                    let mut with_article = pro;
                    with_article.article = false;
                    out.push(Stem {
                        key: Cow::Owned(format!("{ARTICLE}{rest}")),
                        prefix_len: after,
                        suffix_len: 0,
                        stripped: with_article,
                    });
                    pro.article = true;
                    push(&mut out, rest_pos, pro);
                }
                return out;
            }
            pos = after;
            push(&mut out, pos, pro);
        }
    }
    if key.get(pos..).is_some_and(|r| r.starts_with(ARTICLE)) {
        pos += ARTICLE.len();
        pro.article = true;
        push(&mut out, pos, pro);
    }
    out
}

/// One reading of a word for a closed-list lookup: a slice of its key after some
/// proclitics (see [`readings`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading<'a> {
    pub key: &'a str,
    /// Byte length of the stripped prefix.
    pub prefix_len: usize,
    pub stripped: Proclitics,
}

/// The proclitic readings of `key`, longest first, as slices and without allocating: the
/// readings of [`all_stems`], except that for `لل` (ل + elided article) only the reading
/// without the article is given (`للقوات` → `للقوات`, `قوات`). For hot closed-list lookups.
pub fn readings(key: &str) -> Readings<'_> {
    let mut items = [(0usize, Proclitics::default()); 5];
    let mut len = 1;
    let mut pos = 0;
    let mut pro = Proclitics::default();
    // All proclitic letters are two bytes in UTF-8; compare bytes, not chars.
    let bytes = key.as_bytes();
    let first = |pos: usize| match bytes.get(pos..pos + 2) {
        Some([0xD9, 0x88]) => Some(WAW),
        Some([0xD9, 0x81]) => Some(FA),
        Some([0xD8, 0xA8]) => Some(BA),
        Some([0xD9, 0x84]) => Some(LAM),
        Some([0xD9, 0x83]) => Some(KAF),
        _ => None,
    };
    let mut push = |pos: usize, pro: Proclitics, items: &mut [(usize, Proclitics); 5]| {
        if pos < key.len() && len < items.len() {
            items[len] = (pos, pro);
            len += 1;
        }
    };
    if let Some(c @ (WAW | FA)) = first(0) {
        pos = c.len_utf8();
        pro.conj = Some(if c == WAW { Conj::Wa } else { Conj::Fa });
        push(pos, pro, &mut items);
    }
    if let Some(c @ (BA | LAM | KAF)) = first(pos) {
        let after = pos + c.len_utf8();
        pro.prep = Some(match c {
            BA => Prep::Bi,
            LAM => Prep::Li,
            _ => Prep::Ka,
        });
        if c == LAM && first(after) == Some(LAM) {
            pro.article = true;
            push(after + LAM.len_utf8(), pro, &mut items);
            return Readings {
                key,
                items,
                len,
                next: 0,
            };
        }
        pos = after;
        push(pos, pro, &mut items);
    }
    if bytes
        .get(pos..)
        .is_some_and(|r| r.starts_with(ARTICLE.as_bytes()))
    {
        pro.article = true;
        push(pos + ARTICLE.len(), pro, &mut items);
    }
    Readings {
        key,
        items,
        len,
        next: 0,
    }
}

/// Iterator of [`readings`].
#[derive(Debug, Clone)]
pub struct Readings<'a> {
    key: &'a str,
    items: [(usize, Proclitics); 5],
    len: usize,
    next: usize,
}

impl<'a> Iterator for Readings<'a> {
    type Item = Reading<'a>;

    fn next(&mut self) -> Option<Reading<'a>> {
        while self.next < self.len {
            let (pos, stripped) = self.items[self.next];
            self.next += 1;
            if let Some(key) = self.key.get(pos..) {
                return Some(Reading {
                    key,
                    prefix_len: pos,
                    stripped,
                });
            }
        }
        None
    }
}

/// At least three letters, and not one letter plus a pronoun or `ما` (`يها`, `يما`).
fn plausible_stem(rest: &str) -> bool {
    let n = rest.chars().count();
    if n < 3 {
        return false;
    }
    !ENCLITICS
        .iter()
        .chain(&["ما"])
        .any(|suf| rest.ends_with(suf) && n - suf.chars().count() < 2)
}

/// The key without a pronoun suffix (ها هم هما هن كم ه) and the suffix's byte length, if
/// at least three letters remain: `حصارها` → `(حصار, 4)`, `قواته` → `(قوات, 2)`.
///
/// The match key folds `ة` into `ه`, so a word ending in `ة` looks like one with the
/// suffix `ه` here; [`crate::AnalyzedText::strip_enclitic`] checks the original. A stem
/// ending in `ت` may stand for `ة` (`مدينته` → `مدينت`): see [`ta_marbuta_form`].
pub fn strip_enclitic(key: &str) -> Option<(&str, usize)> {
    ENCLITICS.iter().find_map(|suf| {
        let stem = key.strip_suffix(suf)?;
        (stem.chars().count() >= 3).then_some((stem, suf.len()))
    })
}

/// The key a stem ending in `ت` has when that `ت` is a `ة` before a suffix
/// (`مدينت` → `مدينه`, the key of `مدينة`).
pub fn ta_marbuta_form(stem: &str) -> Option<String> {
    stem.strip_suffix('ت').map(|s| format!("{s}ه"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::match_key;

    fn keys(s: &str) -> Vec<String> {
        stems(&match_key(s))
            .iter()
            .map(|x| x.key.to_string())
            .collect()
    }

    #[test]
    fn stems_table() {
        let table: &[(&str, &[&str])] = &[
            ("وبالقرب", &["وبالقرب", "بالقرب", "القرب", "قرب"]),
            ("لقوات", &["لقوات", "قوات"]),
            ("والمستشفيات", &["والمستشفيات", "المستشفيات", "مستشفيات"]),
            ("للقوات", &["للقوات", "القوات", "قوات"]),
            ("وللقوات", &["وللقوات", "للقوات", "القوات", "قوات"]),
            ("فيها", &["فيها"]),
            ("فيما", &["فيما"]),
            ("ومنها", &["ومنها", "منها"]),
            ("الحي", &["الحي"]),
            ("بالحي", &["بالحي", "الحي"]),
            ("فالقوات", &["فالقوات", "القوات", "قوات"]),
            ("كالعادة", &["كالعاده", "العاده", "عاده"]),
            ("لاتفاق", &["لاتفاق", "اتفاق"]),
            ("للاتفاق", &["للاتفاق", "الاتفاق", "اتفاق"]),
            ("قصف", &["قصف"]),
            ("", &[""]),
        ];
        for (word, expected) in table {
            assert_eq!(keys(word), *expected, "stems of {word}");
        }
    }

    #[test]
    fn prefix_lengths_and_proclitics() {
        let k = match_key("وبالقرب");
        let st = stems(&k);
        let lens: Vec<usize> = st.iter().map(|s| s.prefix_len).collect();
        assert_eq!(lens, [0, 2, 4, 8]);
        assert_eq!(
            st[3].stripped,
            Proclitics {
                conj: Some(Conj::Wa),
                prep: Some(Prep::Bi),
                article: true
            }
        );
        let k = match_key("للقوات");
        let st = stems(&k);
        assert_eq!(st[1].prefix_len, 2);
        assert!(!st[1].stripped.article);
        assert_eq!(st[2].prefix_len, 4);
        assert!(st[2].stripped.article);
    }

    #[test]
    fn all_stems_keeps_short_readings() {
        let k = match_key("وست");
        let v: Vec<String> = all_stems(&k).iter().map(|s| s.key.to_string()).collect();
        assert_eq!(v, ["وست", "ست"]);
        assert_eq!(keys("وست"), ["وست"]);
    }

    #[test]
    fn readings_are_slices() {
        let table: &[(&str, &[&str])] = &[
            ("وبالقرب", &["وبالقرب", "بالقرب", "القرب", "قرب"]),
            ("للقوات", &["للقوات", "قوات"]),
            ("فيها", &["فيها", "يها"]),
            ("ال", &["ال"]),
            ("و", &["و"]),
            ("", &[""]),
        ];
        for (word, expected) in table {
            let k = match_key(word);
            let got: Vec<&str> = readings(&k).map(|r| r.key).collect();
            assert_eq!(got, *expected, "readings of {word}");
        }
    }

    #[test]
    fn enclitic_table() {
        let table = [
            ("حصارها", Some(("حصار", 4))),
            ("قواته", Some(("قوات", 2))),
            ("قواتهم", Some(("قوات", 4))),
            ("جثتيهما", Some(("جثتي", 6))),
            ("بها", None),
            ("له", None),
        ];
        for (w, expected) in table {
            assert_eq!(strip_enclitic(w), expected, "{w}");
        }
        assert_eq!(ta_marbuta_form("مدينت").as_deref(), Some("مدينه"));
    }
}
