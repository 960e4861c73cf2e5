//! A whole document analysed paragraph by paragraph, as the extractor does: spans are
//! absolute, the weekday cue of one paragraph resolves the dates of the others.

use chrono::{NaiveDate, Weekday};
use rasd_core::{Qualifier, TimePrecision};
use rasd_text::{
    AnalyzedText, DateContext, DateKind, analyze, find_dates, find_quantities, find_today_weekday,
};

/// Excerpts of two seed articles (`seeds/001_…`, `seeds/004_…`), joined as one document.
const DOC: &str = "شددت قوات النظام السوري، اليوم الثلاثاء، حصارها على بلدة كناكر في ريف دمشق الغربي، بفرضها طوقا أمنيا كاملا على البلدة المحاصرة منذ يوم الجمعة الماضي.
وذكرت المصادر أن النظام هدد السكان بضرورة تسليم مطلوبين وإجراء تسوية جديدة لقرابة 200 شخص.

وفي الـ 5 من كانون الأول الجاري قتل 4 عناصر من قوات النظام وأصيب اثنين آخرين بجروح إثر استهداف سيارة لفرع أمن الدولة.";

/// (raw, kind, relative days, value, precision) of a date mention.
type Row<'a> = (
    &'a str,
    DateKind,
    Option<i32>,
    Option<NaiveDate>,
    TimePrecision,
);

fn paragraphs(doc: &str) -> Vec<AnalyzedText<'_>> {
    let mut base = 0;
    doc.split('\n')
        .map(|p| {
            let a = analyze(p, base);
            base += p.len() + 1;
            a
        })
        .collect()
}

#[test]
fn spans_index_the_whole_document() {
    let paras = paragraphs(DOC);
    for a in &paras {
        for t in &a.tokens {
            assert_eq!(DOC.get(t.span.start..t.span.end), Some(a.text(t)));
        }
        for s in &a.sentences {
            assert!(DOC.get(s.span.start..s.span.end).is_some());
        }
    }
    let q: Vec<(u32, Option<Qualifier>, &str)> = paras
        .iter()
        .flat_map(|a| {
            find_quantities(a)
                .into_iter()
                .map(|q| (q.value, q.qualifier, q.span))
        })
        .map(|(v, qual, span)| (v, qual, &DOC[span.start..span.end]))
        .collect();
    assert_eq!(
        q,
        [
            (200, Some(Qualifier::Approximate), "قرابة 200"),
            (4, None, "4"),
            (2, None, "اثنين"),
        ]
    );
}

#[test]
fn one_weekday_cue_resolves_the_document() {
    let paras = paragraphs(DOC);
    let (wd, span) = paras.iter().find_map(find_today_weekday).unwrap();
    assert_eq!(
        (wd, &DOC[span.start..span.end]),
        (Weekday::Tue, "اليوم الثلاثاء")
    );

    // Collected on Wednesday 9 December 2020: the cue moves the publication day back a day.
    let ctx = DateContext::collected(NaiveDate::from_ymd_opt(2020, 12, 9).unwrap())
        .with_today_weekday(Some(wd));
    let dates: Vec<_> = paras.iter().flat_map(|a| find_dates(a, &ctx)).collect();
    let got: Vec<Row<'_>> = dates
        .iter()
        .map(|d| {
            (
                d.raw.as_str(),
                d.kind,
                d.date.relative_days,
                d.date.value,
                d.date.precision,
            )
        })
        .collect();
    let day = |d| NaiveDate::from_ymd_opt(2020, 12, d);
    assert_eq!(
        got,
        [
            (
                "اليوم الثلاثاء",
                DateKind::Today,
                Some(0),
                day(8),
                TimePrecision::Day
            ),
            (
                "منذ يوم الجمعة الماضي",
                DateKind::Weekday,
                Some(-4),
                day(4),
                TimePrecision::Day
            ),
            (
                "الـ 5 من كانون الأول الجاري",
                DateKind::Partial,
                None,
                day(5),
                TimePrecision::Day
            ),
        ]
    );
    assert!(dates[1].since);

    // Without any anchor: relative days from the cue, a partial date for the 5th.
    let ctx = DateContext {
        today_weekday: Some(wd),
        ..Default::default()
    };
    let dates: Vec<_> = paras.iter().flat_map(|a| find_dates(a, &ctx)).collect();
    assert_eq!(dates[1].date.relative_days, Some(-4));
    assert_eq!(dates[1].date.value, None);
    assert_eq!(
        (dates[2].date.month, dates[2].date.day, dates[2].date.year),
        (Some(12), Some(5), None)
    );
    assert_eq!(dates[2].date.value, None);
}
