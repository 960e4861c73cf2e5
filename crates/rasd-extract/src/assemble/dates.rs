//! When: the date expression nearest the trigger in its sentence, else the last one
//! earlier in the paragraph, else the article's lead date, else the publication day.

use chrono::{Datelike, NaiveDate};
use rasd_core::{EventDate, Span, TimePrecision};
use rasd_text::{AnalyzedText, DateKind, DateMention};

use super::candidates::Candidate;
use crate::recognize::Mentions;

/// Where an event's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// A date expression in the event's sentence.
    Sentence,
    /// The last date expression of an earlier sentence of the paragraph.
    Paragraph,
    /// The date of the article's lead (اليوم in the first paragraph).
    Lead,
    /// The publication (or collection) day, for lack of anything in the text.
    Publication,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DatePick {
    pub date: EventDate,
    pub span: Option<Span>,
    pub source: DateSource,
    pub kind: Option<DateKind>,
}

impl DatePick {
    /// Whether the date was stated for this event (not carried over from elsewhere).
    pub fn stated(&self) -> bool {
        self.source == DateSource::Sentence
    }
}

/// Dates that say when something happened (not a duration from another event).
fn usable(d: &DateMention) -> bool {
    !matches!(
        d.kind,
        DateKind::RelativeToEvent { .. } | DateKind::Tomorrow | DateKind::Later
    ) && !d.date.is_unknown()
}

pub fn pick_date(
    a: &AnalyzedText<'_>,
    m: &Mentions,
    c: &Candidate,
    lead: Option<&DatePick>,
    previous: Option<&DatePick>,
    publication: Option<NaiveDate>,
) -> DatePick {
    let sentence = &a.sentences[c.sentence];
    // A date before the complementizer that opens the reported clause (أفاد مسؤول، فجر
    // الأحد، بأن هجوماً … أمس السبت) dates the report, not the event.
    let report_end = (sentence.tokens.start..c.tokens.start)
        .rev()
        .find(|&i| matches!(a.key_at(i), "ان" | "بان" | "فان" | "انه" | "بانه" | "وان"))
        .map(|i| a.tokens[i].span.start);
    let in_sentence: Vec<&DateMention> = m
        .dates
        .iter()
        .filter(|d| {
            usable(d) && sentence.span.start <= d.span.start && d.span.start < sentence.span.end
        })
        .collect();
    let trigger = c.span.start as i64;
    let nearest = |ds: &mut dyn Iterator<Item = &&DateMention>| {
        ds.min_by_key(|d| (d.span.start as i64 - trigger).abs())
            .map(|d| from_mention(d, DateSource::Sentence))
    };
    // The reported clause's own date first; the report's date when it has none.
    if let Some(p) = nearest(
        &mut in_sentence
            .iter()
            .filter(|d| report_end.is_none_or(|e| d.span.start > e)),
    ) {
        return p;
    }
    if let Some(p) = nearest(&mut in_sentence.iter()) {
        return p;
    }
    if let Some(d) = m
        .dates
        .iter()
        .rfind(|d| usable(d) && d.span.end <= sentence.span.start && relative(d) && !d.since)
    {
        return from_mention(d, DateSource::Paragraph);
    }
    // The last date of the previous paragraph, when the story runs on.
    if let Some(p) = previous {
        return DatePick {
            source: DateSource::Paragraph,
            ..p.clone()
        };
    }
    if let Some(l) = lead {
        return DatePick {
            source: DateSource::Lead,
            ..l.clone()
        };
    }
    let mut date = EventDate::relative(0, TimePrecision::Day, "");
    date.value = publication;
    DatePick {
        date,
        span: None,
        source: DateSource::Publication,
        kind: None,
    }
}

/// The last narrative date of a paragraph, to carry into the next one.
pub fn last_of(m: &Mentions) -> Option<DatePick> {
    m.dates
        .iter()
        .rfind(|d| usable(d) && relative(d) && !d.since)
        .map(|d| from_mention(d, DateSource::Paragraph))
}

/// Dates that anchor a narrative to the present (اليوم، أمس، يوم الجمعة), which carry over
/// to the following sentences.
fn relative(d: &DateMention) -> bool {
    matches!(
        d.kind,
        DateKind::Today
            | DateKind::Yesterday
            | DateKind::DayBeforeYesterday
            | DateKind::LastNight
            | DateKind::Night
            | DateKind::Weekday
            | DateKind::Explicit
            | DateKind::Partial
    )
}

fn from_mention(d: &DateMention, source: DateSource) -> DatePick {
    DatePick {
        date: d.date.clone(),
        span: Some(d.span),
        source,
        kind: Some(d.kind),
    }
}

/// The article's lead date: the first day-precise relative expression of its first two
/// paragraphs (title included).
pub fn lead_date(mentions: &[Mentions]) -> Option<DatePick> {
    mentions
        .iter()
        .take(3)
        .flat_map(|m| m.dates.iter())
        .find(|d| usable(d) && relative(d) && d.date.precision == TimePrecision::Day)
        .map(|d| from_mention(d, DateSource::Lead))
}

/// How many days before publication an event happened, when known.
pub fn days_before(date: &EventDate, anchor: Option<NaiveDate>) -> Option<i64> {
    if let (Some(v), Some(a)) = (date.value, anchor) {
        return Some((a - v).num_days());
    }
    date.relative_days.map(|d| -i64::from(d))
}

/// Whether a date places the event long before publication (background): more than
/// `max_days` days before it, or in an earlier year, or only a year when nothing
/// anchors the article.
pub fn is_background(pick: &DatePick, anchor: Option<NaiveDate>, max_days: i64) -> bool {
    if !pick.stated() {
        return false;
    }
    if let Some(days) = days_before(&pick.date, anchor) {
        return days > max_days;
    }
    match (pick.date.year, anchor) {
        (Some(y), Some(a)) => y < a.year(),
        (Some(_), None) => matches!(
            pick.kind,
            Some(DateKind::Year | DateKind::Season | DateKind::RelativeYear | DateKind::MonthName)
        ),
        _ => matches!(pick.kind, Some(DateKind::RelativeYear)),
    }
}
