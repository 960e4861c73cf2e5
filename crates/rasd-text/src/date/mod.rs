//! Date expressions and their resolution against the publication date (GUIDELINES §5).
//!
//! [`find_dates`] reads relative expressions (`اليوم`, `أمس`, `أول أمس`, `الليلة الماضية`,
//! `يوم الجمعة الماضي`, `ليلة السبت/الأحد`, `منذ يومين`, `الأسبوع الماضي`, `الشهر الماضي`),
//! explicit dates in both month series (`20 أيلول 2020`, `الـ 5 من كانون الأول الجاري`,
//! `19 آذار/مارس الجاري`, `25/12/2020`), months (`شهر أيار الماضي`) and years (`عام 2018`,
//! `صيف عام 2018`), and resolves each to a [`rasd_core::EventDate`]:
//!
//! * relative expressions always carry `relative_days` (to the publication day), and also
//!   `value` when the publication day is known;
//! * explicit parts are kept as stated (`year`, `month`, `day`); `value` is set when the
//!   year is stated or can be inferred from the publication day; no year is ever guessed
//!   without one;
//! * a year alone gives only `year` (precision 3); a month gives precision 3, and its
//!   `value` is the 15th (or the publication day, if earlier in that month);
//! * precision follows ACLED: 1 day, 2 week, 3 month or worse.
//!
//! A weekday stated with `اليوم` (`اليوم (الاثنين)`, `اليوم الثلاثاء`, or `أمس الأحد` for a
//! Monday) wins over a publication date that disagrees with it: scan the document with
//! [`find_today_weekday`] first and put the weekday into [`DateContext::today_weekday`];
//! [`DateContext::publication_day`] then moves the anchor to the nearest matching day
//! (backwards only, for a collection date), and every relative expression is resolved
//! against that day.
//!
//! Nights: `الليلة الماضية` and `ليلة أمس` are the night ending today (0); `ليلة السبت/الأحد`
//! is the night ending on the Sunday; `ليلة الجمعة` alone is read as the Friday.

mod duration;
pub(crate) mod lexicon;
mod matchers;
mod resolve;

use chrono::{Datelike, NaiveDate, Weekday};
use rasd_core::{EventDate, Span};

use crate::analyze::AnalyzedText;

pub use resolve::{WeekdayMode, weekday_offset};

/// What the dates of a document are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateContext {
    /// The publication date, or the collection date (see `anchor_is_collection`).
    pub anchor: Option<NaiveDate>,
    /// The anchor is when the article was collected; the article may be older.
    pub anchor_is_collection: bool,
    /// The weekday of the publication day, from an `اليوم (الاثنين)` cue in the document
    /// (see [`find_today_weekday`]).
    pub today_weekday: Option<Weekday>,
}

impl DateContext {
    /// A context with a publication date.
    pub fn published(anchor: NaiveDate) -> Self {
        DateContext {
            anchor: Some(anchor),
            ..Default::default()
        }
    }

    /// A context with a collection date (the article may be older).
    pub fn collected(anchor: NaiveDate) -> Self {
        DateContext {
            anchor: Some(anchor),
            anchor_is_collection: true,
            today_weekday: None,
        }
    }

    /// Adds the weekday of the publication day.
    pub fn with_today_weekday(mut self, wd: Option<Weekday>) -> Self {
        self.today_weekday = wd;
        self
    }

    /// The publication day: the anchor, moved to the nearest day with `today_weekday` when
    /// that is given (for a collection date: 0 to 6 days back; for a publication date:
    /// 0, -1, +1, -2, +2, -3, +3 days, in that order).
    pub fn publication_day(&self) -> Option<NaiveDate> {
        resolve::publication_day(self)
    }

    /// The weekday of the publication day, from the cue or from the anchor.
    pub fn weekday_of_today(&self) -> Option<Weekday> {
        self.today_weekday
            .or_else(|| self.publication_day().map(|d| d.weekday()))
    }
}

/// What kind of expression a date mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateKind {
    /// اليوم، فجر اليوم، اليوم الثلاثاء
    Today,
    /// أمس، البارحة، مساء أمس، أمس الأحد
    Yesterday,
    /// أول أمس، أول من أمس، أمس الأول
    DayBeforeYesterday,
    /// غداً، يوم غد، بعد غد
    Tomorrow,
    /// الليلة الماضية، ليلة أمس، الليلة قبل الماضية
    LastNight,
    /// ليلة السبت/الأحد، ليل السبت - الأحد
    Night,
    /// يوم الجمعة، الجمعة الماضية، فجر الأحد
    Weekday,
    /// الأسبوع الماضي، هذا الأسبوع
    Week,
    /// الشهر الماضي، الشهر الجاري
    Month,
    /// العام الماضي، العام الجاري
    RelativeYear,
    /// A day and month with the year stated: `20 أيلول 2020`, `25/12/2020`.
    Explicit,
    /// A day and month without a stated year: `5 كانون الأول`, `الـ 5 من كانون الأول الجاري`,
    /// `في 12 الشهر الجاري`.
    Partial,
    /// A month: `شهر أيار الماضي`, `أيار 2018`, `مطلع آذار`.
    MonthName,
    /// A year: `عام 2018`, `العام 2017`, `في 2019`.
    Year,
    /// A season of a year: `صيف عام 2018`.
    Season,
    /// A duration back from the publication day: `منذ يومين`, `قبل ثلاثة أيام`,
    /// `منذ نحو 10 أيام`, `منذ أسبوع`.
    Ago,
    /// A duration forward from the publication day: `بعد يومين`.
    Later,
    /// A duration from another event (`بعد يومين على إعلان…`, `قبل ساعات من الهجوم`):
    /// `days` is the signed offset from that event; the date itself is unknown here.
    RelativeToEvent { days: i32 },
}

/// A date expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Absolute span of the expression (without leading proclitics).
    pub span: Span,
    /// The original text of the span.
    pub raw: String,
    pub date: EventDate,
    pub kind: DateKind,
    /// The expression follows `منذ` ("since"): the event started then and may continue.
    pub since: bool,
    /// The weekday the expression names, if any (even when it cannot be resolved for
    /// lack of an anchor).
    pub weekday: Option<Weekday>,
}

/// All date expressions of an analysed text, in order, not overlapping.
pub fn find_dates(a: &AnalyzedText<'_>, ctx: &DateContext) -> Vec<DateMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < a.tokens.len() {
        match matchers::match_at(a, i) {
            Some(f) => {
                i = f.end.max(i + 1);
                out.push(mention(a, &f, ctx));
            }
            None => i += 1,
        }
    }
    out
}

/// The weekday of the publication day stated in the text: `اليوم (الاثنين)`,
/// `اليوم الثلاثاء`, `صباح اليوم الأربعاء`, or `أمس الأحد` (which makes today a Monday).
/// Returns the first such cue and its span.
pub fn find_today_weekday(a: &AnalyzedText<'_>) -> Option<(Weekday, Span)> {
    let mut i = 0;
    while i < a.tokens.len() {
        if let Some(f) = matchers::match_at(a, i) {
            if let Some(wd) = f.weekday {
                match f.kind {
                    DateKind::Today => return Some((wd, span_of(a, &f))),
                    DateKind::Yesterday => return Some((wd.succ(), span_of(a, &f))),
                    _ => {}
                }
            }
            i = f.end.max(i + 1);
        } else {
            i += 1;
        }
    }
    None
}

fn span_of(a: &AnalyzedText<'_>, f: &matchers::Found) -> Span {
    let start = f
        .pos
        .unwrap_or_else(|| a.tokens.get(f.start).map_or(0, |t| t.span.start));
    let end = a
        .tokens
        .get(f.end.saturating_sub(1))
        .map_or(start, |t| t.span.end);
    Span::new(start, end.max(start))
}

fn mention(a: &AnalyzedText<'_>, f: &matchers::Found, ctx: &DateContext) -> DateMention {
    let span = span_of(a, f);
    let raw = a.span_text(span).to_string();
    let date = resolve::resolve(&f.when, ctx, &raw);
    DateMention {
        span,
        raw,
        date,
        kind: f.kind,
        since: f.since,
        weekday: f.weekday,
    }
}

#[cfg(test)]
mod tests;
