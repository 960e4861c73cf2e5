use chrono::{NaiveDate, Weekday};
use rasd_core::TimePrecision::{self, *};

use super::*;
use crate::analyze;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Tuesday 8 December 2020.
fn tuesday() -> DateContext {
    DateContext::published(ymd(2020, 12, 8))
}

fn dates(s: &str, ctx: &DateContext) -> Vec<DateMention> {
    let a = analyze(s, 0);
    let out = find_dates(&a, ctx);
    for m in &out {
        assert_eq!(a.span_text(m.span), m.raw);
        assert_eq!(m.date.raw, m.raw);
    }
    out
}

/// The single mention of `s`.
fn only(s: &str, ctx: &DateContext) -> DateMention {
    let v = dates(s, ctx);
    assert_eq!(v.len(), 1, "{s}: {v:#?}");
    v.into_iter().next().unwrap()
}

/// (raw, kind, relative_days, value, precision)
type Rel = (
    &'static str,
    DateKind,
    Option<i32>,
    Option<NaiveDate>,
    TimePrecision,
);

#[test]
fn relative_expressions_against_a_tuesday() {
    let d = |day| Some(ymd(2020, 12, day));
    let table: Vec<(&str, Rel)> = vec![
        (
            "شددت قوات النظام، اليوم الثلاثاء، حصارها",
            ("اليوم الثلاثاء", DateKind::Today, Some(0), d(8), Day),
        ),
        (
            "انتزعت اليوم (الاثنين) السيطرة",
            ("اليوم (الاثنين)", DateKind::Today, Some(0), d(8), Day),
        ),
        (
            "شددت اليوم طوق الحصار",
            ("اليوم", DateKind::Today, Some(0), d(8), Day),
        ),
        (
            "أقدم أمس على تفجير نفسه",
            ("أمس", DateKind::Yesterday, Some(-1), d(7), Day),
        ),
        (
            "ويوم أمس منعت قوات النظام",
            ("يوم أمس", DateKind::Yesterday, Some(-1), d(7), Day),
        ),
        (
            "وقعت بالأمس",
            ("الأمس", DateKind::Yesterday, Some(-1), d(7), Day),
        ),
        (
            "البارحة",
            ("البارحة", DateKind::Yesterday, Some(-1), d(7), Day),
        ),
        (
            "في بيان وصل أول أمس",
            ("أول أمس", DateKind::DayBeforeYesterday, Some(-2), d(6), Day),
        ),
        (
            "أول من أمس",
            (
                "أول من أمس",
                DateKind::DayBeforeYesterday,
                Some(-2),
                d(6),
                Day,
            ),
        ),
        (
            "بالاتفاق أمس الأول",
            (
                "أمس الأول",
                DateKind::DayBeforeYesterday,
                Some(-2),
                d(6),
                Day,
            ),
        ),
        ("غداً", ("غداً", DateKind::Tomorrow, Some(1), d(9), Day)),
        (
            "بعد غد",
            ("بعد غد", DateKind::Tomorrow, Some(2), d(10), Day),
        ),
        (
            "الليلة الماضية",
            ("الليلة الماضية", DateKind::LastNight, Some(0), d(8), Day),
        ),
        (
            "الليلة قبل الماضية",
            (
                "الليلة قبل الماضية",
                DateKind::LastNight,
                Some(-1),
                d(7),
                Day,
            ),
        ),
        (
            "ليلة أمس",
            ("ليلة أمس", DateKind::LastNight, Some(0), d(8), Day),
        ),
        (
            "فجر اليوم",
            ("فجر اليوم", DateKind::Today, Some(0), d(8), Day),
        ),
        (
            "صباح اليوم",
            ("صباح اليوم", DateKind::Today, Some(0), d(8), Day),
        ),
        (
            "مساء أمس",
            ("مساء أمس", DateKind::Yesterday, Some(-1), d(7), Day),
        ),
        (
            "ظهر اليوم",
            ("ظهر اليوم", DateKind::Today, Some(0), d(8), Day),
        ),
        (
            "المحاصرة منذ يوم الجمعة الماضي",
            (
                "منذ يوم الجمعة الماضي",
                DateKind::Weekday,
                Some(-4),
                d(4),
                Day,
            ),
        ),
        (
            "طوقت البلدة يوم الجمعة الماضي،",
            ("يوم الجمعة الماضي", DateKind::Weekday, Some(-4), d(4), Day),
        ),
        (
            "الجمعة الماضية",
            ("الجمعة الماضية", DateKind::Weekday, Some(-4), d(4), Day),
        ),
        (
            "يوم الجمعة",
            ("يوم الجمعة", DateKind::Weekday, Some(-4), d(4), Day),
        ),
        (
            "يوم الثلاثاء",
            ("يوم الثلاثاء", DateKind::Weekday, Some(0), d(8), Day),
        ),
        (
            "الثلاثاء الماضي",
            ("الثلاثاء الماضي", DateKind::Weekday, Some(-7), d(1), Day),
        ),
        (
            "الإثنين الماضي",
            ("الإثنين الماضي", DateKind::Weekday, Some(-1), d(7), Day),
        ),
        (
            "الاربعاء الماضي",
            ("الاربعاء الماضي", DateKind::Weekday, Some(-6), d(2), Day),
        ),
        (
            "فجر الجمعة",
            ("فجر الجمعة", DateKind::Weekday, Some(-4), d(4), Day),
        ),
        (
            "صباح يوم الأحد",
            ("صباح يوم الأحد", DateKind::Weekday, Some(-2), d(6), Day),
        ),
        (
            "ليلة السبت/الأحد",
            ("ليلة السبت/الأحد", DateKind::Night, Some(-2), d(6), Day),
        ),
        (
            "ليل السبت - الأحد",
            ("ليل السبت - الأحد", DateKind::Night, Some(-2), d(6), Day),
        ),
        (
            "الأسبوع الماضي",
            ("الأسبوع الماضي", DateKind::Week, Some(-7), d(1), Week),
        ),
        (
            "منذ يومين",
            ("منذ يومين", DateKind::Ago, Some(-2), d(6), Day),
        ),
        (
            "قبل يومين",
            ("قبل يومين", DateKind::Ago, Some(-2), d(6), Day),
        ),
        (
            "منذ ثلاثة أيام",
            ("منذ ثلاثة أيام", DateKind::Ago, Some(-3), d(5), Day),
        ),
        (
            "قبل 3 أيام",
            ("قبل 3 أيام", DateKind::Ago, Some(-3), d(5), Day),
        ),
        (
            "منذ أسبوع،",
            ("منذ أسبوع", DateKind::Ago, Some(-7), d(1), Week),
        ),
        (
            "منذ نحو 10 أيام",
            (
                "منذ نحو 10 أيام",
                DateKind::Ago,
                Some(-10),
                Some(ymd(2020, 11, 28)),
                Week,
            ),
        ),
        (
            "بدأت منذ ساعات الصباح",
            ("منذ ساعات", DateKind::Ago, Some(0), d(8), Day),
        ),
        (
            "بعد يومين",
            ("بعد يومين", DateKind::Later, Some(2), d(10), Day),
        ),
    ];
    for (input, (raw, kind, rel, value, precision)) in table {
        let m = only(input, &tuesday());
        assert_eq!(
            (
                m.raw.as_str(),
                m.kind,
                m.date.relative_days,
                m.date.value,
                m.date.precision
            ),
            (raw, kind, rel, value, precision),
            "{input}"
        );
    }
}

#[test]
fn without_anchor_relative_days_only() {
    let ctx = DateContext {
        today_weekday: Some(Weekday::Tue),
        ..Default::default()
    };
    let table = [
        ("يوم الجمعة الماضي", Some(-4)),
        ("أمس", Some(-1)),
        ("أول أمس", Some(-2)),
        ("ليلة السبت/الأحد", Some(-2)),
        ("اليوم الثلاثاء", Some(0)),
    ];
    for (input, rel) in table {
        let m = only(input, &ctx);
        assert_eq!(m.date.relative_days, rel, "{input}");
        assert_eq!(m.date.value, None, "{input}");
    }
    // No anchor and no weekday: a weekday cannot be placed, but is reported.
    let m = only("يوم الجمعة الماضي", &DateContext::default());
    assert!(m.date.is_unknown());
    assert_eq!(m.weekday, Some(Weekday::Fri));
}

#[test]
fn explicit_dates() {
    // (input, raw, kind, (year, month, day), value with the Tuesday anchor, value without)
    type Row = (
        &'static str,
        &'static str,
        DateKind,
        (Option<i32>, Option<u32>, Option<u32>),
        Option<NaiveDate>,
        Option<NaiveDate>,
    );
    let table: Vec<Row> = vec![
        (
            "في 20 أيلول 2020 قتل",
            "20 أيلول 2020",
            DateKind::Explicit,
            (Some(2020), Some(9), Some(20)),
            Some(ymd(2020, 9, 20)),
            Some(ymd(2020, 9, 20)),
        ),
        (
            "وفي الـ 5 من كانون الأول الجاري قتل 4",
            "الـ 5 من كانون الأول الجاري",
            DateKind::Partial,
            (None, Some(12), Some(5)),
            Some(ymd(2020, 12, 5)),
            None,
        ),
        (
            "5 كانون الأول",
            "5 كانون الأول",
            DateKind::Partial,
            (None, Some(12), Some(5)),
            Some(ymd(2020, 12, 5)),
            None,
        ),
        (
            "في 3 آب الماضي",
            "3 آب الماضي",
            DateKind::Partial,
            (None, Some(8), Some(3)),
            Some(ymd(2020, 8, 3)),
            None,
        ),
        (
            "في 25/12/2020",
            "25/12/2020",
            DateKind::Explicit,
            (Some(2020), Some(12), Some(25)),
            Some(ymd(2020, 12, 25)),
            Some(ymd(2020, 12, 25)),
        ),
        (
            "2020-12-25",
            "2020-12-25",
            DateKind::Explicit,
            (Some(2020), Some(12), Some(25)),
            Some(ymd(2020, 12, 25)),
            Some(ymd(2020, 12, 25)),
        ),
        (
            "وفي 19 آذار/مارس الجاري",
            "19 آذار/مارس الجاري",
            DateKind::Partial,
            (None, Some(3), Some(19)),
            Some(ymd(2020, 3, 19)),
            None,
        ),
        (
            "و26 تشرين الأول/أكتوبر الجاري",
            "26 تشرين الأول/أكتوبر الجاري",
            DateKind::Partial,
            (None, Some(10), Some(26)),
            Some(ymd(2020, 10, 26)),
            None,
        ),
        (
            "يوم 15 يونيو (حزيران)",
            "يوم 15 يونيو (حزيران)",
            DateKind::Partial,
            (None, Some(6), Some(15)),
            Some(ymd(2020, 6, 15)),
            None,
        ),
        (
            "منذ 23 سبتمبر 2014،",
            "منذ 23 سبتمبر 2014",
            DateKind::Explicit,
            (Some(2014), Some(9), Some(23)),
            Some(ymd(2014, 9, 23)),
            Some(ymd(2014, 9, 23)),
        ),
        (
            "في 12 الشهر الجاري",
            "12 الشهر الجاري",
            DateKind::Partial,
            (None, None, Some(12)),
            Some(ymd(2020, 12, 12)),
            None,
        ),
        (
            "يوم الجمعة 4 كانون الأول",
            "يوم الجمعة 4 كانون الأول",
            DateKind::Partial,
            (None, Some(12), Some(4)),
            Some(ymd(2020, 12, 4)),
            None,
        ),
    ];
    for (input, raw, kind, (y, m, d), with_anchor, without) in table {
        let got = only(input, &tuesday());
        assert_eq!(got.raw, raw, "{input}");
        assert_eq!(got.kind, kind, "{input}");
        assert_eq!(
            (got.date.year, got.date.month, got.date.day),
            (y, m, d),
            "{input}"
        );
        assert_eq!(got.date.value, with_anchor, "{input}");
        assert_eq!(got.date.precision, Day, "{input}");
        let got = only(input, &DateContext::default());
        assert_eq!(got.date.value, without, "{input} without anchor");
        assert_eq!(got.date.relative_days, None, "{input}");
    }
}

#[test]
fn months_and_years() {
    // (input, raw, kind, year, month, value with the Tuesday anchor)
    let table = [
        (
            "خضعت لاتفاق التسوية في العام 2017،",
            "العام 2017",
            DateKind::Year,
            Some(2017),
            None,
            None,
        ),
        (
            "في البلدة عام 2018،",
            "عام 2018",
            DateKind::Year,
            Some(2018),
            None,
            None,
        ),
        (
            "بعملية عسكرية واسعة في صيف عام 2018،",
            "صيف عام 2018",
            DateKind::Season,
            Some(2018),
            None,
            None,
        ),
        (
            "حدث في 2019 أن",
            "2019",
            DateKind::Year,
            Some(2019),
            None,
            None,
        ),
        (
            "شهر أيار الماضي",
            "شهر أيار الماضي",
            DateKind::MonthName,
            None,
            Some(5),
            Some(ymd(2020, 5, 15)),
        ),
        (
            "في أيار 2018",
            "أيار 2018",
            DateKind::MonthName,
            Some(2018),
            Some(5),
            Some(ymd(2018, 5, 15)),
        ),
        (
            "مطلع آذار/مارس الحالي",
            "مطلع آذار/مارس الحالي",
            DateKind::MonthName,
            None,
            Some(3),
            Some(ymd(2020, 3, 15)),
        ),
        (
            "خلال يوليو الحالي",
            "يوليو الحالي",
            DateKind::MonthName,
            None,
            Some(7),
            Some(ymd(2020, 7, 15)),
        ),
        (
            "نهاية يوليو الماضي",
            "نهاية يوليو الماضي",
            DateKind::MonthName,
            None,
            Some(7),
            Some(ymd(2020, 7, 15)),
        ),
        (
            "في كانون الأول",
            "كانون الأول",
            DateKind::MonthName,
            None,
            Some(12),
            Some(ymd(2020, 12, 8)),
        ),
        (
            "منذ عام 2011",
            "منذ عام 2011",
            DateKind::Year,
            Some(2011),
            None,
            None,
        ),
        (
            "منذ 2011،",
            "منذ 2011",
            DateKind::Year,
            Some(2011),
            None,
            None,
        ),
    ];
    for (input, raw, kind, year, month, value) in table {
        let m = only(input, &tuesday());
        assert_eq!((m.raw.as_str(), m.kind), (raw, kind), "{input}");
        assert_eq!(
            (m.date.year, m.date.month, m.date.value),
            (year, month, value),
            "{input}"
        );
        assert_eq!(m.date.precision, Month, "{input}");
    }
    let m = only("الشهر الماضي", &tuesday());
    assert_eq!(
        (m.kind, m.date.value, m.date.precision),
        (DateKind::Month, Some(ymd(2020, 11, 15)), Month)
    );
    let m = only("الشهر الماضي", &DateContext::default());
    assert_eq!((m.date.relative_days, m.date.value), (Some(-30), None));
    let m = only("العام الماضي", &tuesday());
    assert_eq!((m.kind, m.date.year), (DateKind::RelativeYear, Some(2019)));
}

#[test]
fn weekday_cue_moves_the_collection_date() {
    // Collected on a Tuesday, the text says today is Monday: the event day is the Monday.
    let s = "انتزعت الوحدات اليوم (الاثنين) السيطرة على بلدة، بعد اشتباكات أمس.";
    let a = analyze(s, 0);
    let (wd, span) = find_today_weekday(&a).unwrap();
    assert_eq!((wd, a.span_text(span)), (Weekday::Mon, "اليوم (الاثنين)"));
    let ctx = DateContext::collected(ymd(2015, 7, 28)).with_today_weekday(Some(wd));
    let got = find_dates(&a, &ctx);
    assert_eq!(got.len(), 2);
    assert_eq!(
        (got[0].date.relative_days, got[0].date.value),
        (Some(0), Some(ymd(2015, 7, 27)))
    );
    assert_eq!(
        (got[1].date.relative_days, got[1].date.value),
        (Some(-1), Some(ymd(2015, 7, 26)))
    );
}

#[test]
fn today_weekday_cues() {
    let table = [
        ("قال اليوم الخميس إن", Some(Weekday::Thu)),
        ("أفاد مراسل، اليوم الأحدـ، بتجدد", Some(Weekday::Sun)),
        ("قالت، اليوم، الأربعاء، إن", Some(Weekday::Wed)),
        ("من صباح اليوم الثلاثاء", Some(Weekday::Tue)),
        ("استهدف، أمس السبت، قاعدة", Some(Weekday::Sun)),
        ("قال اليوم إن يوم الجمعة", None),
    ];
    for (input, expected) in table {
        let a = analyze(input, 0);
        assert_eq!(find_today_weekday(&a).map(|x| x.0), expected, "{input}");
    }
}

#[test]
fn relative_to_another_event_and_since() {
    let m = only("جاء بعد يومين على إعلان لجنة التفاوض", &tuesday());
    assert_eq!(
        (m.raw.as_str(), m.kind),
        ("بعد يومين", DateKind::RelativeToEvent { days: 2 })
    );
    assert!(m.date.is_unknown());
    let m = only("وشهدت البلدة قبل ساعات من الهجوم", &tuesday());
    assert_eq!(m.kind, DateKind::RelativeToEvent { days: 0 });
    let m = only("منعت قوات النظام، منذ الجمعة، إدخال", &tuesday());
    assert_eq!(
        (m.raw.as_str(), m.since, m.date.relative_days),
        ("منذ الجمعة", true, Some(-4))
    );
}

#[test]
fn not_dates() {
    let table = [
        "في أمس الحاجة",
        "اليوم الأول من المعركة",
        "فجر نفسه بحزام ناسف",
        "قتل أحد الشبان",
        "قال أب الضحية",
        "مارس الضغط",
        "باب توما",
        "قبل أن يصل",
        "الساعة 01:49",
        "اللواء 121",
        "وزارة الدفاع",
    ];
    for input in table {
        assert_eq!(dates(input, &tuesday()), vec![], "{input}");
    }
}

#[test]
fn spans_are_absolute() {
    let s = "قتل 4 عناصر أمس";
    let a = analyze(s, 40);
    let d = find_dates(&a, &tuesday());
    assert_eq!(
        d[0].span,
        Span::new(40 + s.find("أمس").unwrap(), 40 + s.len())
    );
}

#[test]
fn lists_of_years() {
    let got: Vec<(String, Option<i32>)> = dates("في الأعوام 2016 و2018 و2019،", &tuesday())
        .into_iter()
        .map(|d| (d.raw, d.date.year))
        .collect();
    let expected = [("الأعوام 2016", 2016), ("2018", 2018), ("2019", 2019)];
    let expected: Vec<(String, Option<i32>)> = expected
        .iter()
        .map(|(r, y)| (r.to_string(), Some(*y)))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn more_forms() {
    // (input, raw, kind, relative_days, value) against Tuesday 8 December 2020
    let d = |y, m, day| Some(ymd(y, m, day));
    let table = [
        (
            "مساء يوم الجمعة الماضي",
            "مساء يوم الجمعة الماضي",
            DateKind::Weekday,
            Some(-4),
            d(2020, 12, 4),
        ),
        (
            "ليلة الخميس - الجمعة",
            "ليلة الخميس - الجمعة",
            DateKind::Night,
            Some(-4),
            d(2020, 12, 4),
        ),
        (
            "الاثنين 7 كانون الأول 2020",
            "الاثنين 7 كانون الأول 2020",
            DateKind::Explicit,
            None,
            d(2020, 12, 7),
        ),
        (
            "في 7-12-2020",
            "7-12-2020",
            DateKind::Explicit,
            None,
            d(2020, 12, 7),
        ),
        (
            "أمس، الاثنين،",
            "أمس، الاثنين",
            DateKind::Yesterday,
            Some(-1),
            d(2020, 12, 7),
        ),
        (
            "خلال الأسبوع الماضي",
            "الأسبوع الماضي",
            DateKind::Week,
            Some(-7),
            d(2020, 12, 1),
        ),
        (
            "منذ مطلع العام الجاري",
            "منذ مطلع العام الجاري",
            DateKind::RelativeYear,
            None,
            None,
        ),
        (
            "أواخر عام 2018",
            "أواخر عام 2018",
            DateKind::Year,
            None,
            None,
        ),
        ("مساء اليوم نفسه", "", DateKind::Today, None, None),
    ];
    for (input, raw, kind, rel, value) in table {
        let got = dates(input, &tuesday());
        if raw.is_empty() {
            assert_eq!(got, vec![], "{input}");
            continue;
        }
        assert_eq!(got.len(), 1, "{input}: {got:#?}");
        let m = &got[0];
        assert_eq!(
            (m.raw.as_str(), m.kind, m.date.relative_days, m.date.value),
            (raw, kind, rel, value),
            "{input}"
        );
    }
}
