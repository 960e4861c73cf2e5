//! Weekday and month names, and the words around dates.

use std::sync::LazyLock;

use chrono::Weekday;

use crate::analyze::AnalyzedText;
use crate::clitic;
use crate::lexicon::{self, Map, Set};
use crate::token::{PunctKind, TokenKind};

static WEEKDAYS: LazyLock<Map<Weekday>> = LazyLock::new(|| {
    lexicon::grouped(&[
        (Weekday::Sun, &["الأحد", "احد"][..]),
        (Weekday::Mon, &["الاثنين", "الإثنين", "اثنين", "إثنين"]),
        (Weekday::Tue, &["الثلاثاء", "ثلاثاء"]),
        (Weekday::Wed, &["الأربعاء", "الاربعاء", "أربعاء"]),
        (Weekday::Thu, &["الخميس", "خميس"]),
        (Weekday::Fri, &["الجمعة", "جمعة"]),
        (Weekday::Sat, &["السبت", "سبت"]),
    ])
});

/// A weekday name at the match key `key`, with or without the article, after an optional
/// conjunction or preposition (`والجمعة`). Returns the weekday and whether it had the
/// article (without it, `أحد`/`اثنين`/`سبت` are usually not weekdays).
pub(crate) fn weekday(key: &str) -> Option<(Weekday, bool)> {
    clitic::readings(key).find_map(|s| {
        if s.stripped.article {
            return None;
        }
        let wd = *WEEKDAYS.get(s.key)?;
        Some((wd, s.key.starts_with("ال")))
    })
}

/// The match keys of weekday names and of the first words of month names.
pub(crate) fn weekday_and_month_keys() -> impl Iterator<Item = String> {
    WEEKDAYS
        .keys()
        .chain(MONTHS.keys())
        .cloned()
        .chain(["كانون".to_string(), "تشرين".to_string()])
}

/// Single-word month names (Levantine and the others).
static MONTHS: LazyLock<Map<u32>> = LazyLock::new(|| {
    lexicon::grouped(&[
        (1, &["يناير", "جانفي"][..]),
        (2, &["شباط", "فبراير", "فيفري"]),
        (3, &["آذار", "مارس"]),
        (4, &["نيسان", "أبريل", "إبريل", "أفريل"]),
        (5, &["أيار", "مايو", "ماي"]),
        (6, &["حزيران", "يونيو", "يونيه", "جوان"]),
        (7, &["تموز", "يوليو", "يوليه", "جويلية"]),
        (8, &["آب", "أغسطس", "اغسطس", "أوت"]),
        (9, &["أيلول", "سبتمبر"]),
        (10, &["أكتوبر"]),
        (11, &["نوفمبر"]),
        (12, &["ديسمبر"]),
    ])
});

/// Month names that are also common words (آب/أب "father", مارس "he practised"): they
/// count only next to a day number, `شهر`, a year or another month name.
static WEAK_MONTHS: LazyLock<Set> = LazyLock::new(|| lexicon::set(&["آب", "مارس", "ماي", "أوت"]));

/// A month name starting at token `i`: `أيار`, `كانون الأول`, `تشرين ثاني`, with an
/// alternative name after `/` or in brackets (`آذار/مارس`, `يونيو (حزيران)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MonthName {
    pub month: u32,
    /// Token index after the name (and its alternative).
    pub end: usize,
    /// The name is also a common word (see [`WEAK_MONTHS`]) and no alternative confirmed it.
    pub weak: bool,
}

fn single_month(a: &AnalyzedText<'_>, i: usize) -> Option<(u32, usize, bool)> {
    let t = a.tokens.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    let key = a.key(t);
    // كانون / تشرين + الأول / الثاني
    for s in clitic::readings(key) {
        if s.stripped.article {
            continue;
        }
        let base = match s.key {
            "كانون" => Some((12, 1)),
            "تشرين" => Some((10, 11)),
            _ => None,
        };
        if let Some((first, second)) = base {
            let next = a.key_at(i + 1);
            let m = match next {
                "الاول" | "اول" => first,
                "الثاني" | "ثاني" => second,
                _ => return None,
            };
            return Some((m, i + 2, false));
        }
        if let Some(&m) = MONTHS.get(s.key) {
            let weak = WEAK_MONTHS.contains(s.key);
            if weak && s.prefix_len > 0 {
                return None;
            }
            return Some((m, i + 1, weak));
        }
    }
    None
}

pub(crate) fn month_name(a: &AnalyzedText<'_>, i: usize) -> Option<MonthName> {
    let (month, end, weak) = single_month(a, i)?;
    let mut name = MonthName { month, end, weak };
    // An alternative name: آذار/مارس, يونيو (حزيران).
    let punct = |j: usize| match a.tokens.get(j).map(|t| t.kind) {
        Some(TokenKind::Punct(p)) => Some(p),
        _ => None,
    };
    match punct(end) {
        Some(PunctKind::Slash) => {
            if let Some((m2, e2, _)) = single_month(a, end + 1)
                && m2 == month
            {
                name = MonthName {
                    month,
                    end: e2,
                    weak: false,
                };
            }
        }
        Some(PunctKind::OpenBracket) => {
            if let Some((m2, e2, _)) = single_month(a, end + 1)
                && m2 == month
                && punct(e2) == Some(PunctKind::CloseBracket)
            {
                name = MonthName {
                    month,
                    end: e2 + 1,
                    weak: false,
                };
            }
        }
        _ => {}
    }
    Some(name)
}

/// How a month, week or year is placed relative to the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    /// الجاري، الحالي، هذا
    Current,
    /// الماضي، المنصرم، الفائت، السابق
    Past,
    /// المقبل، القادم
    Next,
}

static RELS: LazyLock<Map<Rel>> = LazyLock::new(|| {
    lexicon::grouped(&[
        (
            Rel::Current,
            &["الجاري", "الحالي", "الجارية", "الحالية"][..],
        ),
        (
            Rel::Past,
            &[
                "الماضي",
                "الماضية",
                "المنصرم",
                "المنصرمة",
                "الفائت",
                "الفائتة",
                "السابق",
            ],
        ),
        (Rel::Next, &["المقبل", "المقبلة", "القادم", "القادمة"]),
    ])
});

/// A relative word (`الماضي`, `الجاري`, `المقبل`) at the match key `key`.
pub(crate) fn rel_word(key: &str) -> Option<Rel> {
    RELS.get(key).copied()
}

/// Whether the match key is a year cue before a bare year number (`عام 2018`).
pub(crate) fn is_year_word(key: &str) -> bool {
    clitic::readings(key).any(|s| {
        matches!(
            s.key,
            "عام"
                | "العام"
                | "سنه"
                | "السنه"
                | "عامي"
                | "اعوام"
                | "الاعوام"
                | "سنوات"
                | "السنوات"
        )
    })
}

/// Whether the number token at `i` continues a list of years (`2016 و2018`, `2016، 2018`).
pub(crate) fn continues_years(a: &AnalyzedText<'_>, i: usize) -> bool {
    let year_at = |j: usize| {
        a.tokens.get(j).is_some_and(|t| {
            t.kind == TokenKind::Number
                && crate::token::integer_value(a.key(t)).is_some_and(is_year)
        })
    };
    let joiner = i
        .checked_sub(1)
        .and_then(|j| a.tokens.get(j))
        .is_some_and(|t| a.key(t) == "و" || t.kind == TokenKind::Punct(PunctKind::Comma));
    year_at(i) && joiner && i.checked_sub(2).is_some_and(year_at)
}

/// Whether a number is a plausible year.
pub(crate) fn is_year(v: u32) -> bool {
    (1900..=2100).contains(&v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, match_key};

    #[test]
    fn weekday_table() {
        let table = [
            ("الجمعة", Some((Weekday::Fri, true))),
            ("والجمعة", Some((Weekday::Fri, true))),
            ("الإثنين", Some((Weekday::Mon, true))),
            ("الاربعاء", Some((Weekday::Wed, true))),
            ("الأربعاء", Some((Weekday::Wed, true))),
            ("جمعة", Some((Weekday::Fri, false))),
            ("الأحد", Some((Weekday::Sun, true))),
            ("الجمعات", None),
            ("الثالث", None),
        ];
        for (w, expected) in table {
            assert_eq!(weekday(&match_key(w)), expected, "{w}");
        }
    }

    #[test]
    fn month_table() {
        let table = [
            ("أيلول", Some((9, 1, false))),
            ("كانون الأول", Some((12, 2, false))),
            ("كانون الثاني", Some((1, 2, false))),
            ("تشرين الأول", Some((10, 2, false))),
            ("تشرين ثاني", Some((11, 2, false))),
            ("آذار/مارس", Some((3, 3, false))),
            ("أكتوبر/تشرين الأول", Some((10, 4, false))),
            ("يونيو (حزيران)", Some((6, 4, false))),
            ("آب", Some((8, 1, true))),
            ("مارس", Some((3, 1, true))),
            ("باب", None),
            ("كانون", None),
            ("أبريل", Some((4, 1, false))),
            ("ابريل", Some((4, 1, false))),
            ("اغسطس", Some((8, 1, false))),
        ];
        for (s, expected) in table {
            let a = analyze(s, 0);
            let got = month_name(&a, 0).map(|m| (m.month, m.end, m.weak));
            assert_eq!(got, expected, "{s}");
        }
    }
}
