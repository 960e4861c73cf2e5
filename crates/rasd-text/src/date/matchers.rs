//! The patterns of date expressions, matched over tokens.

use std::sync::LazyLock;

use chrono::Weekday;
use rasd_core::TimePrecision;

use super::DateKind;
use super::lexicon::{self as lex, Rel};
use super::resolve::{WeekdayMode, When};
use crate::analyze::AnalyzedText;
use crate::clitic;
use crate::lexicon::{self, Set};
use crate::token::{PunctKind, TokenKind, integer_value};

/// A recognised expression: tokens `[start, end)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    /// Absolute start when the first token's proclitics are left out of the span.
    pub pos: Option<usize>,
    pub kind: DateKind,
    pub when: When,
    pub weekday: Option<Weekday>,
    pub since: bool,
}

impl Found {
    pub(super) fn new(
        start: usize,
        end: usize,
        pos: Option<usize>,
        kind: DateKind,
        when: When,
    ) -> Self {
        Found {
            start,
            end,
            pos,
            kind,
            when,
            weekday: None,
            since: false,
        }
    }

    fn from(mut self, start: usize, pos: Option<usize>) -> Self {
        self.start = start;
        self.pos = pos;
        self
    }
}

static TIME_OF_DAY: LazyLock<Set> = LazyLock::new(|| {
    lexicon::set(&[
        "فجر",
        "صباح",
        "ظهر",
        "ظهيرة",
        "عصر",
        "مساء",
        "ليل",
        "ليلة",
        "ضحى",
        "منتصف",
    ])
});
static NIGHT: LazyLock<Set> = LazyLock::new(|| lexicon::set(&["ليل", "ليلة"]));
pub(super) static YESTERDAY: LazyLock<Set> =
    LazyLock::new(|| lexicon::set(&["أمس", "الأمس", "البارحة"]));
static TOMORROW: LazyLock<Set> = LazyLock::new(|| lexicon::set(&["غدا", "الغد"]));
/// Words after `اليوم` that make it "the day" rather than "today".
static NOT_TODAY: LazyLock<Set> = LazyLock::new(|| {
    lexicon::set(&[
        "الأول",
        "الثاني",
        "الثالث",
        "الرابع",
        "الخامس",
        "السادس",
        "السابع",
        "الثامن",
        "التاسع",
        "العاشر",
        "التالي",
        "السابق",
        "الذي",
        "نفسه",
        "ذاته",
        "الوطني",
        "العالمي",
        "الدولي",
        "الأخير",
        "الموعود",
    ])
});
static MODIFIERS: LazyLock<Set> = LazyLock::new(|| {
    lexicon::set(&[
        "مطلع",
        "أوائل",
        "بداية",
        "منتصف",
        "أواسط",
        "أواخر",
        "نهاية",
        "آخر",
        "أول",
    ])
});
static SEASONS: LazyLock<Set> = LazyLock::new(|| lexicon::set(&["صيف", "شتاء", "ربيع", "خريف"]));
static YEAR_CUES: LazyLock<Set> = LazyLock::new(|| {
    lexicon::set(&[
        "عام",
        "العام",
        "سنة",
        "السنة",
        "عامي",
        "الأعوام",
        "أعوام",
        "السنوات",
        "سنوات",
    ])
});
/// Every word a date expression can start with (after a conjunction or preposition);
/// anything else is skipped at once.
static STARTS: LazyLock<Set> = LazyLock::new(|| {
    let mut s = lexicon::set(&[
        "الليلة",
        "أول",
        "بعد",
        "قبل",
        "منذ",
        "يوم",
        "اليوم",
        "غد",
        "هذا",
        "هذه",
        "الأسبوع",
        "الشهر",
        "العام",
        "السنة",
        "ال",
        "في",
        "حتى",
        "شهر",
    ]);
    for set in [
        &TIME_OF_DAY,
        &YESTERDAY,
        &TOMORROW,
        &MODIFIERS,
        &SEASONS,
        &YEAR_CUES,
    ] {
        s.extend(set.iter().cloned());
    }
    s.extend(lex::weekday_and_month_keys());
    s
});

/// Words after which a bare month name is a month (`في أيار`).
static BEFORE_MONTH: LazyLock<Set> =
    LazyLock::new(|| lexicon::set(&["في", "وفي", "خلال", "منذ", "حتى", "قبل", "بعد"]));

pub(super) fn word<'t>(a: &'t AnalyzedText<'_>, i: usize) -> Option<&'t str> {
    let t = a.tokens.get(i)?;
    (t.kind == TokenKind::Word).then(|| a.key(t))
}

pub(super) fn punct(a: &AnalyzedText<'_>, i: usize) -> Option<PunctKind> {
    match a.tokens.get(i)?.kind {
        TokenKind::Punct(p) => Some(p),
        _ => None,
    }
}

pub(super) fn number(a: &AnalyzedText<'_>, i: usize) -> Option<u32> {
    let t = a.tokens.get(i)?;
    (t.kind == TokenKind::Number)
        .then(|| integer_value(a.key(t)))
        .flatten()
}

/// A reading of word `i` (a conjunction or preposition stripped, never the article)
/// accepted by `f`, with its absolute start.
pub(super) fn reading<'t>(
    a: &'t AnalyzedText<'_>,
    i: usize,
    f: impl Fn(&str) -> bool,
) -> Option<(&'t str, usize)> {
    let t = a.tokens.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    let r = clitic::readings(a.key(t)).find(|s| !s.stripped.article && f(s.key))?;
    Some((
        r.key,
        a.key_span(t.key.start + r.prefix_len, t.key.end).start,
    ))
}

pub(super) fn reading_in(a: &AnalyzedText<'_>, i: usize, set: &Set) -> Option<usize> {
    reading(a, i, |k| set.contains(k)).map(|(_, p)| p)
}

pub(super) fn is(a: &AnalyzedText<'_>, i: usize, key: &str) -> bool {
    word(a, i) == Some(key)
}

/// A year number alone (after `منذ`).
fn bare_year(a: &AnalyzedText<'_>, i: usize) -> Option<Found> {
    let y = number(a, i).filter(|&y| lex::is_year(y) && a.key_at(i).len() == 4)?;
    let end = if is(a, i + 1, "م") { i + 2 } else { i + 1 };
    Some(Found::new(
        i,
        end,
        None,
        DateKind::Year,
        When::Year(i32::try_from(y).ok()?),
    ))
}

pub(crate) fn match_at(a: &AnalyzedText<'_>, i: usize) -> Option<Found> {
    let t = a.tokens.get(i)?;
    match t.kind {
        TokenKind::Number => {}
        TokenKind::Word => {
            let start =
                clitic::readings(a.key(t)).any(|r| !r.stripped.article && STARTS.contains(r.key));
            if !start {
                return None;
            }
        }
        _ => return None,
    }
    if let Some(f) = super::duration::duration(a, i) {
        return Some(f);
    }
    if let Some((_, p)) = reading(a, i, |k| k == "منذ") {
        let mut f = core(a, i + 1)
            .or_else(|| bare_year(a, i + 1))?
            .from(i, Some(p));
        f.since = true;
        return Some(f);
    }
    core(a, i)
}

fn core(a: &AnalyzedText<'_>, i: usize) -> Option<Found> {
    time_of_day(a, i)
        .or_else(|| night(a, i))
        .or_else(|| day_word(a, i))
        .or_else(|| relative_period(a, i))
        .or_else(|| explicit(a, i))
        .or_else(|| weekday_expr(a, i))
        .or_else(|| month_expr(a, i))
        .or_else(|| year_expr(a, i))
}

/// `فجر اليوم`، `صباح يوم الجمعة`، `مساء أمس`، `ليلة السبت/الأحد`، `منتصف ليل الأحد`.
fn time_of_day(a: &AnalyzedText<'_>, i: usize) -> Option<Found> {
    let (k, pos) = reading(a, i, |k| TIME_OF_DAY.contains(k))?;
    let mut j = i + 1;
    let mut night = NIGHT.contains(k);
    if k == "منتصف" {
        if !word(a, j).is_some_and(|w| NIGHT.contains(w)) {
            return None;
        }
        night = true;
        j += 1;
    }
    if is(a, j, "يوم") {
        j += 1;
    }
    if night {
        if word(a, j).is_some_and(|w| YESTERDAY.contains(w)) {
            return Some(Found::new(
                i,
                j + 1,
                Some(pos),
                DateKind::LastNight,
                When::Days(0, TimePrecision::Day),
            ));
        }
        if let Some(f) = night_pair(a, j) {
            return Some(f.from(i, Some(pos)));
        }
    }
    let inner = day_word(a, j)
        .or_else(|| weekday_at(a, j, true))
        .or_else(|| explicit(a, j))?;
    Some(inner.from(i, Some(pos)))
}

/// `السبت/الأحد`، `السبت - الأحد`، `السبت على الأحد` after `ليلة`: the later day.
fn night_pair(a: &AnalyzedText<'_>, j: usize) -> Option<Found> {
    let (first, _) = lex::weekday(word(a, j)?)?;
    let sep = matches!(
        punct(a, j + 1),
        Some(PunctKind::Slash | PunctKind::Hyphen | PunctKind::Dash)
    ) || is(a, j + 1, "علي");
    let k = if sep { j + 2 } else { j + 1 };
    let (second, _) = lex::weekday(word(a, k)?)?;
    if second != first.succ() {
        return None;
    }
    let (mode, end) = match word(a, k + 1).and_then(lex::rel_word) {
        Some(Rel::Past) => (WeekdayMode::Last, k + 2),
        _ => (WeekdayMode::OnOrBefore, k + 1),
    };
    let mut f = Found::new(j, end, None, DateKind::Night, When::Weekday(second, mode));
    f.weekday = Some(second);
    Some(f)
}

/// `الليلة الماضية` (0), `الليلة قبل الماضية` (-1).
fn night(a: &AnalyzedText<'_>, i: usize) -> Option<Found> {
    let (_, pos) = reading(a, i, |k| k == "الليله")?;
    let (days, end) = match (word(a, i + 1), word(a, i + 2)) {
        (Some("الماضيه"), _) => (0, i + 2),
        (Some("قبل"), Some("الماضيه")) => (-1, i + 3),
        _ => return None,
    };
    Some(Found::new(
        i,
        end,
        Some(pos),
        DateKind::LastNight,
        When::Days(days, TimePrecision::Day),
    ))
}

/// A weekday in apposition after a day word: `اليوم الثلاثاء`, `اليوم (الاثنين)`,
/// `اليوم، الأربعاء`. Returns the weekday and the end.
fn apposition(a: &AnalyzedText<'_>, j: usize) -> Option<(Weekday, usize)> {
    let (k, bracket) = match punct(a, j) {
        Some(PunctKind::OpenBracket) => (j + 1, true),
        Some(PunctKind::Comma) => (j + 1, false),
        _ => (j, false),
    };
    let (wd, article) = lex::weekday(word(a, k)?)?;
    if !article {
        return None;
    }
    if bracket {
        (punct(a, k + 1) == Some(PunctKind::CloseBracket)).then_some((wd, k + 2))
    } else {
        Some((wd, k + 1))
    }
}

/// `اليوم`، `أمس`، `يوم أمس`، `أول أمس`، `أول من أمس`، `أمس الأول`، `غداً`، `بعد غد`.
fn day_word(a: &AnalyzedText<'_>, i: usize) -> Option<Found> {
    let day = TimePrecision::Day;
    if let Some((_, pos)) = reading(a, i, |k| k == "اول") {
        let j = if is(a, i + 1, "من") { i + 2 } else { i + 1 };
        if word(a, j).is_some_and(|w| YESTERDAY.contains(w)) {
            return Some(Found::new(
                i,
                j + 1,
                Some(pos),
                DateKind::DayBeforeYesterday,
                When::Days(-2, day),
            ));
        }
        return None;
    }
    if let Some((_, pos)) = reading(a, i, |k| k == "بعد") {
        return matches!(word(a, i + 1), Some("غد" | "الغد"))
            .then(|| Found::new(i, i + 2, Some(pos), DateKind::Tomorrow, When::Days(2, day)));
    }
    let (j, yom_pos) = match reading(a, i, |k| k == "يوم") {
        Some((_, p)) => (i + 1, Some(p)),
        None => (i, None),
    };
    let (k, p) = reading(a, j, |k| {
        k == "اليوم" || k == "غد" || YESTERDAY.contains(k) || TOMORROW.contains(k)
    })?;
    let pos = yom_pos.or(Some(p));
    let with_weekday = |kind: DateKind, days: i32| {
        let (weekday, end) = match apposition(a, j + 1) {
            Some((wd, end)) => (Some(wd), end),
            None => (None, j + 1),
        };
        let mut f = Found::new(i, end, pos, kind, When::Days(days, day));
        f.weekday = weekday;
        f
    };
    match k {
        "اليوم" => {
            if yom_pos.is_some() || word(a, j + 1).is_some_and(|w| NOT_TODAY.contains(w)) {
                return None;
            }
            // اليوم (أمس): an editor's correction to yesterday.
            if punct(a, j + 1) == Some(PunctKind::OpenBracket)
                && word(a, j + 2).is_some_and(|w| YESTERDAY.contains(w))
                && punct(a, j + 3) == Some(PunctKind::CloseBracket)
            {
                return Some(Found::new(
                    i,
                    j + 4,
                    pos,
                    DateKind::Yesterday,
                    When::Days(-1, day),
                ));
            }
            Some(with_weekday(DateKind::Today, 0))
        }
        "غد" if yom_pos.is_none() => None,
        "غد" | "غدا" | "الغد" => Some(Found::new(
            i,
            j + 1,
            pos,
            DateKind::Tomorrow,
            When::Days(1, day),
        )),
        _ => {
            match word(a, j + 1) {
                Some("الاول") => {
                    return Some(Found::new(
                        i,
                        j + 2,
                        pos,
                        DateKind::DayBeforeYesterday,
                        When::Days(-2, day),
                    ));
                }
                Some("الحاجه") => return None,
                _ => {}
            }
            Some(with_weekday(DateKind::Yesterday, -1))
        }
    }
}

/// `الأسبوع الماضي`، `هذا الشهر`، `العام الجاري`، `مطلع الشهر الماضي`.
fn relative_period(a: &AnalyzedText<'_>, i: usize) -> Option<Found> {
    let (mut j, mut pos) = (i, None);
    if let Some(p) = reading_in(a, i, &MODIFIERS) {
        j += 1;
        pos = Some(p);
    }
    let mut rel = None;
    if let Some((_, p)) = reading(a, j, |k| k == "هذا" || k == "هذه") {
        pos = pos.or(Some(p));
        rel = Some(Rel::Current);
        j += 1;
    }
    let (unit, p) = reading(a, j, |k| {
        matches!(k, "الاسبوع" | "الشهر" | "العام" | "السنه")
    })?;
    let pos = pos.or(Some(p));
    let end = match rel {
        Some(_) => j + 1,
        None => {
            rel = word(a, j + 1).and_then(lex::rel_word);
            j + 2
        }
    };
    let n = match rel? {
        Rel::Past => 1,
        Rel::Current => 0,
        Rel::Next => -1,
    };
    let (kind, when) = match unit {
        "الاسبوع" => (DateKind::Week, When::Days(-7 * n, TimePrecision::Week)),
        "الشهر" => (DateKind::Month, When::MonthsAgo(n)),
        _ => (DateKind::RelativeYear, When::YearsAgo(n)),
    };
    Some(Found::new(i, end, pos, kind, when))
}

/// A year after a month: `2020`, `عام 2020`, `2020م`. Returns the year and the end.
fn year_after(a: &AnalyzedText<'_>, j: usize) -> Option<(i32, usize)> {
    let (y, e) = match number(a, j) {
        Some(y) => (y, j + 1),
        None => {
            reading_in(a, j, &YEAR_CUES)?;
            (number(a, j + 1)?, j + 2)
        }
    };
    if !lex::is_year(y) {
        return None;
    }
    let e = if is(a, e, "م") { e + 1 } else { e };
    Some((i32::try_from(y).ok()?, e))
}

/// `من العام الجاري` after a month: the month's place.
fn year_rel_after(a: &AnalyzedText<'_>, j: usize) -> Option<(Rel, usize)> {
    if is(a, j, "من") && matches!(word(a, j + 1), Some("العام" | "السنه")) {
        let rel = word(a, j + 2).and_then(lex::rel_word)?;
        return Some((rel, j + 3));
    }
    None
}

/// `20 أيلول 2020`، `الـ 5 من كانون الأول الجاري`، `يوم 15 يونيو (حزيران)`،
/// `في 12 الشهر الجاري`، `25/12/2020`.
fn explicit(a: &AnalyzedText<'_>, i: usize) -> Option<Found> {
    let mut j = i;
    let mut pos = None;
    if let Some((_, p)) = reading(a, j, |k| k == "يوم") {
        pos = Some(p);
        j += 1;
    }
    if is(a, j, "ال") && number(a, j + 1).is_some() {
        j += 1;
    }
    if let Some(f) = numeric_date(a, j) {
        return Some(f.from(i, pos));
    }
    let day = number(a, j).filter(|d| (1..=31).contains(d))?;
    if !a.key_at(j).bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    j += 1;
    if is(a, j, "من") {
        j += 1;
    }
    if let Some(m) = lex::month_name(a, j) {
        let month = m.month;
        let (year, rel, end) = if let Some((y, e)) = year_after(a, m.end) {
            (Some(y), None, e)
        } else if let Some(rel) = word(a, m.end).and_then(lex::rel_word) {
            (None, Some(rel), m.end + 1)
        } else if let Some((rel, e)) = year_rel_after(a, m.end) {
            (None, Some(rel), e)
        } else {
            (None, None, m.end)
        };
        let kind = if year.is_some() {
            DateKind::Explicit
        } else {
            DateKind::Partial
        };
        let when = When::Date {
            year,
            month,
            day: Some(day),
            rel,
        };
        return Some(Found::new(i, end, pos, kind, when));
    }
    if matches!(word(a, j), Some("الشهر" | "شهر")) {
        let months_ago = match word(a, j + 1).and_then(lex::rel_word)? {
            Rel::Past => 1,
            Rel::Current => 0,
            Rel::Next => -1,
        };
        let when = When::DayOfRelativeMonth { day, months_ago };
        return Some(Found::new(i, j + 2, pos, DateKind::Partial, when));
    }
    None
}

/// `25/12/2020`، `25-12-2020`، `2020-12-25`، `25.12.2020`.
fn numeric_date(a: &AnalyzedText<'_>, j: usize) -> Option<Found> {
    let t = a.tokens.get(j)?;
    if t.kind != TokenKind::Number {
        return None;
    }
    let key = a.key(t);
    let (parts, end): (Vec<u32>, usize) = if key.matches('.').count() == 2 {
        (
            key.split('.')
                .map(|p| p.parse().ok())
                .collect::<Option<_>>()?,
            j + 1,
        )
    } else {
        let sep = punct(a, j + 1)?;
        if !matches!(sep, PunctKind::Slash | PunctKind::Hyphen) || punct(a, j + 3) != Some(sep) {
            return None;
        }
        (
            vec![number(a, j)?, number(a, j + 2)?, number(a, j + 4)?],
            j + 5,
        )
    };
    let [x, m, z] = parts[..] else { return None };
    let (year, day) = if lex::is_year(x) { (x, z) } else { (z, x) };
    if !lex::is_year(year) {
        return None;
    }
    let year = i32::try_from(year).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, m, day)?;
    let when = When::Date {
        year: Some(year),
        month: m,
        day: Some(day),
        rel: None,
    };
    Some(Found::new(j, end, None, DateKind::Explicit, when))
}

/// `يوم الجمعة`، `الجمعة الماضية`، `يوم الجمعة 5 أيار`. Without `يوم` the weekday needs
/// the article (`أحد`, `سبت` alone are other words).
fn weekday_expr(a: &AnalyzedText<'_>, i: usize) -> Option<Found> {
    weekday_at(a, i, false)
}

fn weekday_at(a: &AnalyzedText<'_>, i: usize, bare_ok: bool) -> Option<Found> {
    let (j, pos) = match reading(a, i, |k| k == "يوم") {
        Some((_, p)) => (i + 1, Some(p)),
        None => (i, None),
    };
    let (wd, article) = lex::weekday(word(a, j)?)?;
    if !article && pos.is_none() && !bare_ok {
        return None;
    }
    let pos = pos.or_else(|| reading(a, j, |k| lex::weekday(k).is_some()).map(|(_, p)| p));
    if let Some(mut f) = explicit(a, j + 1)
        && matches!(f.kind, DateKind::Explicit | DateKind::Partial)
    {
        f = f.from(i, pos);
        f.weekday = Some(wd);
        return Some(f);
    }
    let (mode, end) = match word(a, j + 1).and_then(lex::rel_word) {
        Some(Rel::Past) => (WeekdayMode::Last, j + 2),
        Some(Rel::Next) => (WeekdayMode::Next, j + 2),
        Some(Rel::Current) => (WeekdayMode::OnOrBefore, j + 2),
        None => (WeekdayMode::OnOrBefore, j + 1),
    };
    let mut f = Found::new(i, end, pos, DateKind::Weekday, When::Weekday(wd, mode));
    f.weekday = Some(wd);
    Some(f)
}

/// `شهر أيار الماضي`، `أيار 2018`، `آذار/مارس الجاري`، `مطلع آذار`، `في أيار`.
fn month_expr(a: &AnalyzedText<'_>, i: usize) -> Option<Found> {
    let (mut j, mut pos) = (i, None);
    if let Some(p) = reading_in(a, j, &MODIFIERS) {
        pos = Some(p);
        j += 1;
    }
    let mut shahr = false;
    if let Some((_, p)) = reading(a, j, |k| k == "شهر") {
        pos = pos.or(Some(p));
        shahr = true;
        j += 1;
    }
    let m = lex::month_name(a, j)?;
    let month = m.month;
    let (year, rel, end) = if let Some((y, e)) = year_after(a, m.end) {
        (Some(y), None, e)
    } else if let Some(rel) = word(a, m.end).and_then(lex::rel_word) {
        (None, Some(rel), m.end + 1)
    } else if let Some((rel, e)) = year_rel_after(a, m.end) {
        (None, Some(rel), e)
    } else {
        let cue = shahr
            || (pos.is_some() && !m.weak)
            || (!m.weak
                && i.checked_sub(1)
                    .is_some_and(|p| BEFORE_MONTH.contains(a.key_at(p))));
        if !cue {
            return None;
        }
        (None, None, m.end)
    };
    let when = When::Date {
        year,
        month,
        day: None,
        rel,
    };
    Some(Found::new(i, end, pos, DateKind::MonthName, when))
}

/// `عام 2018`، `العام 2017`، `في 2019`، `صيف عام 2018`، `مطلع 2019`، `2011م`.
fn year_expr(a: &AnalyzedText<'_>, i: usize) -> Option<Found> {
    let (mut j, mut pos, mut kind) = (i, None, DateKind::Year);
    if let Some(p) = reading_in(a, j, &SEASONS) {
        pos = Some(p);
        kind = DateKind::Season;
        j += 1;
    } else if let Some(p) = reading_in(a, j, &MODIFIERS) {
        pos = Some(p);
        j += 1;
    }
    let found = |y: u32, end: usize, start: usize, pos: Option<usize>| {
        let end = if is(a, end, "م") { end + 1 } else { end };
        let y = i32::try_from(y).ok()?;
        Some(Found::new(start, end, pos, kind, When::Year(y)))
    };
    if let Some(p) = reading_in(a, j, &YEAR_CUES)
        && let Some(y) = number(a, j + 1).filter(|&y| lex::is_year(y))
    {
        return found(y, j + 2, i, pos.or(Some(p)));
    }
    if let Some(y) = number(a, j).filter(|&y| lex::is_year(y)) {
        if j > i || is(a, j + 1, "م") || lex::continues_years(a, j) {
            return found(y, j + 1, i, pos);
        }
        return None;
    }
    // في 2019: the span is the year itself.
    if j == i
        && reading(a, i, |k| matches!(k, "في" | "حتي")).is_some()
        && let Some(y) = number(a, i + 1).filter(|&y| lex::is_year(y))
        && a.key_at(i + 1).len() == 4
    {
        return found(y, i + 2, i + 1, None);
    }
    None
}
