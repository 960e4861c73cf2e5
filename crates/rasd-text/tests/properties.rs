//! Properties of the text core on arbitrary input: normalisation is idempotent, analysis
//! never panics, and every span it returns lies inside the original on character
//! boundaries.

use chrono::{Duration, NaiveDate, Weekday};
use proptest::prelude::*;
use rasd_core::Span;
use rasd_text::{
    AnalyzedText, DateContext, Normalized, analyze, display_form, find_dates, find_quantities,
    find_today_weekday, match_key,
};

/// Characters that exercise the normaliser and tokenizer: Arabic letters and their
/// variants, harakat, tatweel, both digit scripts, separators, punctuation, bidi controls,
/// presentation forms and ligatures, Latin letters, emoji.
const CHARS: &[char] = &[
    'ا', 'أ', 'إ', 'آ', 'ٱ', 'ب', 'ت', 'ة', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص',
    'ض', 'ط', 'ظ', 'ع', 'غ', 'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ؤ', 'ي', 'ى', 'ئ', 'ء', 'ک',
    'ی', 'ھ', 'ۀ', 'ٵ', '\u{064B}', '\u{064E}', '\u{0650}', '\u{0651}', '\u{0652}', '\u{0670}',
    'ـ', '٠', '١', '٥', '٩', '۱', '۵', '٫', '٬', '٪', '0', '1', '2', '5', '9', ',', '.', '،', '؛',
    '؟', '?', '!', ':', ';', '"', '\'', '«', '»', '“', '”', '(', ')', '[', ']', '-', '–', '—', '/',
    ' ', ' ', ' ', '\n', '\r', '\t', '\u{200F}', '\u{200E}', '\u{200C}', '\u{FEFF}', 'ﻻ', 'ﷲ', 'ﻷ',
    'ﺑ', 'ﹰ', 'A', 'z', 'é', 'e', '\u{0301}', '💡', '…', '%', '\u{2028}',
];

/// Words that reach the number and date matchers.
const WORDS: &[&str] = &[
    "اليوم",
    "أمس",
    "الأمس",
    "أول",
    "من",
    "يوم",
    "الجمعة",
    "الاثنين",
    "الإثنين",
    "السبت",
    "الأحد",
    "الماضي",
    "الماضية",
    "الجاري",
    "المقبل",
    "منذ",
    "قبل",
    "بعد",
    "يومين",
    "أيام",
    "أسبوع",
    "الأسبوع",
    "الشهر",
    "العام",
    "عام",
    "صيف",
    "مطلع",
    "شهر",
    "أيار",
    "آب",
    "كانون",
    "الأول",
    "الثاني",
    "تشرين",
    "آذار/مارس",
    "يونيو",
    "(حزيران)",
    "ليلة",
    "ليل",
    "الليلة",
    "فجر",
    "مساء",
    "غداً",
    "البارحة",
    "نحو",
    "حوالي",
    "أكثر",
    "ما",
    "لا",
    "يقل",
    "عن",
    "بين",
    "و",
    "إلى",
    "قتل",
    "3",
    "٥",
    "12",
    "25/12/2020",
    "2020-12-25",
    "2018",
    "18000",
    "1,000",
    "3.5",
    "الـ",
    "عشرات",
    "مئات",
    "آلاف",
    "عدة",
    "عدد",
    "بعض",
    "ثلاثة",
    "وعشرون",
    "عشر",
    "مئة",
    "ألف",
    "عنصرين",
    "امرأتين",
    "اثنين",
    "على",
    "الأقل",
    "تقريبا",
    "-",
    "/",
    "،",
    ".",
    "\n",
    ":",
    "%",
    "الساعة",
    "01:49",
    "في",
    "المئة",
    "التاسع",
    "(",
    ")",
    "للقوات",
    "وبالقرب",
    "فيها",
];

fn text_from(chars: Vec<char>) -> String {
    chars.into_iter().collect()
}

fn arabic_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CHARS), 0..120).prop_map(text_from)
}

fn word_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (prop::sample::select(WORDS), prop::bool::weighted(0.8)),
        0..40,
    )
    .prop_map(|ws| {
        let mut s = String::new();
        for (w, space) in ws {
            s.push_str(w);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), arabic_text(), word_text()]
}

fn context() -> impl Strategy<Value = DateContext> {
    let weekday = prop::option::of((0u8..7).prop_map(|d| match d {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        _ => Weekday::Sun,
    }));
    let anchor =
        prop::option::of((0i64..40_000).prop_map(|d| {
            NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default() + Duration::days(d)
        }));
    (anchor, any::<bool>(), weekday).prop_map(|(anchor, anchor_is_collection, today_weekday)| {
        DateContext {
            anchor,
            anchor_is_collection,
            today_weekday,
        }
    })
}

/// The span lies inside `a.original` (after removing the base) on char boundaries.
fn check_span(a: &AnalyzedText<'_>, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start >= a.base && span.end >= span.start,
        "{what}: {span:?}"
    );
    let local = (span.start - a.base)..(span.end - a.base);
    prop_assert!(
        a.original.get(local).is_some(),
        "{what}: {span:?} in {:?}",
        a.original
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn offset_map_matches_a_per_byte_reference(s in prop_oneof![arabic_text(), any::<String>()]) {
        // Reference: every derived byte knows the original character it came from.
        let mut starts = Vec::new();
        let mut ends = Vec::new();
        for (i, c) in s.char_indices() {
            let d = display_form(c.encode_utf8(&mut [0u8; 4]));
            for _ in 0..d.len() {
                starts.push(i);
                ends.push(i + c.len_utf8());
            }
        }
        let n = Normalized::new(&s);
        prop_assert_eq!(n.key.len(), starts.len());
        let bounds: Vec<usize> =
            n.key.char_indices().map(|(i, _)| i).chain(std::iter::once(n.key.len())).collect();
        for (x, &a) in bounds.iter().enumerate() {
            for &b in &bounds[x + 1..] {
                let expected = (starts[a], ends[b - 1]);
                prop_assert_eq!(n.key_to_original(a, b), expected, "key {}..{}", a, b);
            }
        }
    }

    #[test]
    fn normalisation_is_idempotent(s in any_text()) {
        let d = display_form(&s);
        prop_assert_eq!(display_form(&d), d.clone());
        let k = match_key(&s);
        prop_assert_eq!(match_key(&k), k.clone());
        prop_assert_eq!(match_key(&d), k.clone());
        let n = Normalized::new(&s);
        prop_assert_eq!(&n.display, &d);
        prop_assert_eq!(&n.key, &k);
        prop_assert_eq!(n.key.len(), n.display.len());
    }

    #[test]
    fn key_map_is_monotone_and_in_bounds(s in any_text()) {
        let n = Normalized::new(&s);
        let bounds: Vec<usize> =
            n.key.char_indices().map(|(i, _)| i).chain(std::iter::once(n.key.len())).collect();
        let mut last = 0;
        for w in bounds.windows(2) {
            let (a, b) = n.key_to_original(w[0], w[1]);
            prop_assert!(a <= b && b <= s.len());
            prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
            prop_assert!(a >= last, "start {a} before previous {last}");
            last = a;
            let (c, _) = n.key_to_original(w[0], n.key.len());
            prop_assert_eq!(c, a);
        }
        // Arbitrary (even mid-character) positions stay in bounds.
        for p in 0..=n.key.len() + 2 {
            let (a, b) = n.key_to_original(p.min(n.key.len()), p + 1);
            prop_assert!(a <= b && b <= s.len());
            prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
        }
    }

    #[test]
    fn analysis_never_panics_and_spans_are_valid(
        s in any_text(),
        base in 0usize..100_000,
        ctx in context(),
    ) {
        let a = analyze(&s, base);
        let mut prev_end = base;
        for (i, t) in a.tokens.iter().enumerate() {
            check_span(&a, t.span, "token")?;
            prop_assert!(t.span.start >= prev_end, "tokens overlap or go backwards");
            prev_end = t.span.end;
            prop_assert!(a.norm.key.get(t.key.clone()).is_some());
            let sentence = &a.sentences[t.sentence];
            prop_assert!(sentence.tokens.contains(&i));
            for st in a.stems(t) {
                check_span(&a, a.stem_span(t, &st), "stem")?;
            }
            let _ = a.strip_enclitic(t);
        }
        let mut next = 0;
        for sentence in &a.sentences {
            check_span(&a, sentence.span, "sentence")?;
            prop_assert_eq!(sentence.tokens.start, next);
            next = sentence.tokens.end;
        }
        prop_assert_eq!(next, a.tokens.len());
        let mut prev = 0;
        for q in find_quantities(&a) {
            check_span(&a, q.span, "quantity")?;
            prop_assert!(q.tokens.start >= prev && q.tokens.end <= a.tokens.len());
            prop_assert!(q.tokens.start < q.tokens.end);
            prop_assert!(q.low == q.value && q.high.is_none_or(|h| h > q.low));
            prev = q.tokens.end;
        }
        if let Some((_, span)) = find_today_weekday(&a) {
            check_span(&a, span, "weekday cue")?;
        }
        let mut prev = base;
        for d in find_dates(&a, &ctx) {
            check_span(&a, d.span, "date")?;
            prop_assert!(d.span.start >= prev, "dates overlap");
            prev = d.span.end;
            prop_assert_eq!(a.span_text(d.span), d.raw.as_str());
        }
    }
}
