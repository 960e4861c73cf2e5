//! Durations from the publication day or from another event: `منذ يومين`, `قبل ثلاثة أيام`,
//! `منذ نحو 10 أيام`, `منذ أسبوع`, `بعد يومين`, `بعد يومين على إعلان…`.

use std::sync::LazyLock;

use rasd_core::TimePrecision;

use super::DateKind;
use super::lexicon as lex;
use super::matchers::{Found, YESTERDAY, number, reading, word};
use super::resolve::When;
use crate::analyze::AnalyzedText;
use crate::lexicon::{self, Map};
use crate::number::parse_number_words;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn days(self) -> i32 {
        match self {
            Unit::Hour => 0,
            Unit::Day => 1,
            Unit::Week => 7,
            Unit::Month => 30,
            Unit::Year => 365,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Count {
    Singular,
    Dual,
    Plural,
}

static UNITS: LazyLock<Map<(Unit, Count)>> = LazyLock::new(|| {
    use Count::*;
    use Unit::*;
    lexicon::table(&[
        ("ساعة", (Hour, Singular)),
        ("ساعات", (Hour, Plural)),
        ("ساعتين", (Hour, Dual)),
        ("ساعتان", (Hour, Dual)),
        ("دقيقة", (Hour, Singular)),
        ("دقائق", (Hour, Plural)),
        ("دقيقتين", (Hour, Dual)),
        ("يوم", (Day, Singular)),
        ("يوما", (Day, Singular)),
        ("أيام", (Day, Plural)),
        ("يومين", (Day, Dual)),
        ("يومان", (Day, Dual)),
        ("أسبوع", (Week, Singular)),
        ("أسبوعا", (Week, Singular)),
        ("أسابيع", (Week, Plural)),
        ("أسبوعين", (Week, Dual)),
        ("أسبوعان", (Week, Dual)),
        ("شهر", (Month, Singular)),
        ("شهرا", (Month, Singular)),
        ("أشهر", (Month, Plural)),
        ("شهور", (Month, Plural)),
        ("شهرين", (Month, Dual)),
        ("شهران", (Month, Dual)),
        ("سنة", (Year, Singular)),
        ("عام", (Year, Singular)),
        ("عاما", (Year, Singular)),
        ("سنوات", (Year, Plural)),
        ("سنين", (Year, Plural)),
        ("أعوام", (Year, Plural)),
        ("سنتين", (Year, Dual)),
        ("سنتان", (Year, Dual)),
        ("عامين", (Year, Dual)),
        ("عامان", (Year, Dual)),
    ])
});

/// `منذ يومين`، `قبل ثلاثة أيام`، `منذ نحو 10 أيام`، `منذ أسبوع`، `بعد يومين`،
/// `بعد يومين على إعلان…` (from another event).
pub(super) fn duration(a: &AnalyzedText<'_>, i: usize) -> Option<Found> {
    let (k, pos) = reading(a, i, |k| matches!(k, "منذ" | "قبل" | "بعد"))?;
    let sign = if k == "بعد" { 1 } else { -1 };
    let mut j = i + 1;
    let mut approx = false;
    match (word(a, j), word(a, j + 1)) {
        (Some("نحو" | "حوالي" | "قرابه" | "زهاء"), _) => {
            approx = true;
            j += 1;
        }
        (Some("ما"), Some("يقارب" | "يزيد")) | (Some("اكثر"), Some("من")) => {
            approx = true;
            j += if matches!(word(a, j + 2), Some("عن" | "علي")) {
                3
            } else {
                2
            };
        }
        _ => {}
    }
    let mut count = None;
    if let Some(n) = number(a, j) {
        count = Some(n);
        j += 1;
    } else if let Some(w) = word(a, j) {
        if matches!(w, "عده" | "بضعه" | "بضع") {
            approx = true;
            count = Some(3);
            j += 1;
        } else {
            let keys: Vec<&str> = (j..j + 4).map_while(|x| word(a, x)).collect();
            if let Some((n, used)) = parse_number_words(&keys) {
                count = Some(n);
                j += used;
            }
        }
    }
    let &(unit, num) = UNITS.get(word(a, j)?)?;
    let n = match (num, count) {
        (Count::Singular, None) => 1,
        (Count::Dual, None) => 2,
        (Count::Plural, None) => {
            approx = true;
            match unit {
                Unit::Hour => 0,
                Unit::Day => 3,
                Unit::Week => 2,
                Unit::Month | Unit::Year => return None,
            }
        }
        (Count::Dual, Some(_)) => return None,
        (_, Some(n)) => i32::try_from(n).ok()?,
    };
    // منذ يوم الجمعة، منذ عام 2011: not durations.
    let next = j + 1;
    if num == Count::Singular && count.is_none() {
        let next_is_day = word(a, next)
            .is_some_and(|w| lex::weekday(w).is_some() || YESTERDAY.contains(w) || w == "غد");
        if (unit == Unit::Day && next_is_day) || number(a, next).is_some_and(lex::is_year) {
            return None;
        }
    }
    let days = n.checked_mul(unit.days())?;
    let precision = match unit {
        Unit::Hour => TimePrecision::Day,
        Unit::Day if approx && days >= 2 => TimePrecision::Week,
        Unit::Day => TimePrecision::Day,
        Unit::Week => TimePrecision::Week,
        Unit::Month | Unit::Year => TimePrecision::Month,
    };
    let mut f = if k != "منذ" && matches!(word(a, next), Some("من" | "علي")) {
        Found::new(
            i,
            next,
            Some(pos),
            DateKind::RelativeToEvent { days: sign * days },
            When::Unknown,
        )
    } else if sign < 0 {
        Found::new(
            i,
            next,
            Some(pos),
            DateKind::Ago,
            When::Days(-days, precision),
        )
    } else {
        Found::new(
            i,
            next,
            Some(pos),
            DateKind::Later,
            When::Days(days, precision),
        )
    };
    f.since = k == "منذ";
    Some(f)
}
