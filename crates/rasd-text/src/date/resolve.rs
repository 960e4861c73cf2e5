//! Resolution of a recognised date expression against a [`DateContext`].

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rasd_core::{EventDate, TimePrecision};

use super::DateContext;
use super::lexicon::Rel;

/// How a weekday name is placed relative to the publication day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekdayMode {
    /// `يوم الجمعة`: the last such day on or before the publication day.
    OnOrBefore,
    /// `يوم الجمعة الماضي`: the last such day strictly before it.
    Last,
    /// `يوم الجمعة المقبل`: the next such day strictly after it.
    Next,
}

/// What an expression says, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    /// Days from the publication day.
    Days(i32, TimePrecision),
    Weekday(Weekday, WeekdayMode),
    /// Stated parts of a date; `rel` places a month without a year.
    Date {
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
        rel: Option<Rel>,
    },
    /// A day of a month given relative to the publication month (`12 الشهر الجاري` is
    /// `months_ago` 0).
    DayOfRelativeMonth {
        day: u32,
        months_ago: i32,
    },
    Year(i32),
    YearsAgo(i32),
    MonthsAgo(i32),
    /// Nothing resolvable (an offset from another event).
    Unknown,
}

pub(crate) fn publication_day(ctx: &DateContext) -> Option<NaiveDate> {
    let anchor = ctx.anchor?;
    let Some(wd) = ctx.today_weekday else {
        return Some(anchor);
    };
    let offsets: &[i64] = if ctx.anchor_is_collection {
        &[0, -1, -2, -3, -4, -5, -6]
    } else {
        &[0, -1, 1, -2, 2, -3, 3]
    };
    offsets
        .iter()
        .filter_map(|&o| anchor.checked_add_signed(Duration::days(o)))
        .find(|d| d.weekday() == wd)
        .or(Some(anchor))
}

/// Days from a publication day on weekday `today` to the weekday `wd` placed by `mode`:
/// publication Tuesday, `يوم الجمعة الماضي` (`Last`) → -4.
pub fn weekday_offset(today: Weekday, wd: Weekday, mode: WeekdayMode) -> i32 {
    let t = today.num_days_from_monday() as i32;
    let w = wd.num_days_from_monday() as i32;
    let back = (t - w).rem_euclid(7);
    match mode {
        WeekdayMode::OnOrBefore => -back,
        WeekdayMode::Last => {
            if back == 0 {
                -7
            } else {
                -back
            }
        }
        WeekdayMode::Next => {
            let fwd = (w - t).rem_euclid(7);
            if fwd == 0 { 7 } else { fwd }
        }
    }
}

fn add_days(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::days(days))
}

fn relative(days: i32, precision: TimePrecision, today: Option<NaiveDate>, raw: &str) -> EventDate {
    let mut e = EventDate::relative(days, precision, raw);
    e.value = today.and_then(|t| add_days(t, i64::from(days)));
    e
}

/// The 15th of a month, or `today` if that is earlier in the same month.
fn mid_month(year: i32, month: u32, today: Option<NaiveDate>) -> Option<NaiveDate> {
    let mid = NaiveDate::from_ymd_opt(year, month, 15)?;
    Some(match today {
        Some(t) if t.year() == year && t.month() == month && t < mid => t,
        _ => mid,
    })
}

/// The year of a month (and day) stated without one.
fn infer_year(today: NaiveDate, month: u32, day: Option<u32>, rel: Option<Rel>) -> i32 {
    let y = today.year();
    match rel {
        Some(Rel::Current) => y,
        Some(Rel::Past) => {
            if month < today.month() {
                y
            } else {
                y - 1
            }
        }
        Some(Rel::Next) => {
            if month > today.month() {
                y
            } else {
                y + 1
            }
        }
        None => {
            // The latest such date not after the publication day (a day's slack).
            let candidate = NaiveDate::from_ymd_opt(y, month, day.unwrap_or(1));
            let limit = add_days(today, 1).unwrap_or(today);
            match candidate {
                Some(c) if c > limit => y - 1,
                _ => y,
            }
        }
    }
}

/// The year and month `n` months before the publication day's month.
fn shift_month(today: NaiveDate, n: i32) -> (i32, u32) {
    let idx = today.year() * 12 + today.month0() as i32 - n;
    (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
}

pub(crate) fn resolve(when: &When, ctx: &DateContext, raw: &str) -> EventDate {
    let today = ctx.publication_day();
    let unknown = || EventDate {
        raw: raw.to_string(),
        ..Default::default()
    };
    match *when {
        When::Days(d, p) => relative(d, p, today, raw),
        When::Weekday(wd, mode) => match ctx.weekday_of_today() {
            Some(t) => relative(weekday_offset(t, wd, mode), TimePrecision::Day, today, raw),
            None => unknown(),
        },
        When::Date {
            year,
            month,
            day,
            rel,
        } => {
            let precision = if day.is_some() {
                TimePrecision::Day
            } else {
                TimePrecision::Month
            };
            let y = year.or_else(|| today.map(|t| infer_year(t, month, day, rel)));
            let value = y.and_then(|y| match day {
                Some(d) => NaiveDate::from_ymd_opt(y, month, d),
                None => mid_month(y, month, today),
            });
            EventDate {
                value,
                year,
                month: Some(month),
                day,
                precision,
                raw: raw.to_string(),
                ..Default::default()
            }
        }
        When::DayOfRelativeMonth { day, months_ago } => match today {
            Some(t) => {
                let (y, m) = shift_month(t, months_ago);
                EventDate {
                    value: NaiveDate::from_ymd_opt(y, m, day),
                    day: Some(day),
                    precision: TimePrecision::Day,
                    raw: raw.to_string(),
                    ..Default::default()
                }
            }
            None => EventDate {
                day: Some(day),
                precision: TimePrecision::Day,
                raw: raw.to_string(),
                ..Default::default()
            },
        },
        When::Year(y) => EventDate {
            year: Some(y),
            precision: TimePrecision::Month,
            raw: raw.to_string(),
            ..Default::default()
        },
        When::YearsAgo(n) => match today {
            Some(t) => EventDate {
                year: Some(t.year() - n),
                precision: TimePrecision::Month,
                raw: raw.to_string(),
                ..Default::default()
            },
            None => EventDate::relative(-365 * n, TimePrecision::Month, raw),
        },
        When::MonthsAgo(n) => match today {
            Some(t) => {
                let (y, m) = shift_month(t, n);
                match mid_month(y, m, today) {
                    Some(v) => {
                        let days = (v - t).num_days();
                        let mut e =
                            EventDate::relative(days as i32, TimePrecision::Month, raw.to_string());
                        e.value = Some(v);
                        e
                    }
                    None => unknown(),
                }
            }
            None => EventDate::relative(-30 * n, TimePrecision::Month, raw),
        },
        When::Unknown => unknown(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_offsets() {
        use Weekday::*;
        let table = [
            (Tue, Fri, WeekdayMode::Last, -4),
            (Tue, Fri, WeekdayMode::OnOrBefore, -4),
            (Fri, Fri, WeekdayMode::OnOrBefore, 0),
            (Fri, Fri, WeekdayMode::Last, -7),
            (Sun, Sat, WeekdayMode::Last, -1),
            (Sun, Mon, WeekdayMode::Next, 1),
            (Mon, Mon, WeekdayMode::Next, 7),
        ];
        for (today, wd, mode, expected) in table {
            assert_eq!(
                weekday_offset(today, wd, mode),
                expected,
                "{today:?} {wd:?} {mode:?}"
            );
        }
    }

    #[test]
    fn publication_day_follows_the_weekday_cue() {
        let tue = NaiveDate::from_ymd_opt(2020, 12, 8).unwrap();
        let mon = NaiveDate::from_ymd_opt(2020, 12, 7).unwrap();
        let ctx = DateContext::collected(tue).with_today_weekday(Some(Weekday::Mon));
        assert_eq!(ctx.publication_day(), Some(mon));
        let ctx = DateContext::published(tue).with_today_weekday(Some(Weekday::Wed));
        assert_eq!(ctx.publication_day(), NaiveDate::from_ymd_opt(2020, 12, 9));
        let ctx = DateContext::collected(tue).with_today_weekday(Some(Weekday::Wed));
        assert_eq!(ctx.publication_day(), NaiveDate::from_ymd_opt(2020, 12, 2));
        assert_eq!(DateContext::published(tue).publication_day(), Some(tue));
        assert_eq!(DateContext::default().publication_day(), None);
    }

    #[test]
    fn years_and_months() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(
            infer_year(d(2020, 12, 10), 12, Some(5), Some(Rel::Current)),
            2020
        );
        assert_eq!(
            infer_year(d(2020, 12, 10), 8, Some(3), Some(Rel::Past)),
            2020
        );
        assert_eq!(
            infer_year(d(2020, 3, 10), 8, Some(3), Some(Rel::Past)),
            2019
        );
        assert_eq!(infer_year(d(2020, 3, 10), 3, None, Some(Rel::Past)), 2019);
        assert_eq!(infer_year(d(2020, 3, 10), 6, Some(15), None), 2019);
        assert_eq!(infer_year(d(2020, 3, 10), 3, Some(11), None), 2020);
        assert_eq!(shift_month(d(2020, 1, 10), 1), (2019, 12));
        assert_eq!(shift_month(d(2020, 1, 10), 0), (2020, 1));
        assert_eq!(mid_month(2020, 1, Some(d(2020, 1, 3))), Some(d(2020, 1, 3)));
        assert_eq!(
            mid_month(2019, 12, Some(d(2020, 1, 3))),
            Some(d(2019, 12, 15))
        );
    }
}
