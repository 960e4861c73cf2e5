//! Tables per cleaning stage, the whole pipeline, and properties of the cleaner.

use std::sync::Arc;

use proptest::prelude::*;
use rasd_core::RemovalReason::{self, *};

use super::*;

/// Runs `stages` over the lines of `text` (one paragraph per line) and returns, per
/// paragraph, its verdict.
fn run(
    stages: Vec<Box<dyn Stage>>,
    text: &str,
    title: Option<&str>,
    title_in_text: bool,
) -> Vec<Option<RemovalReason>> {
    let cleaner = Cleaner::with_stages(stages);
    let c = cleaner.clean(text, title, title_in_text);
    let mut all: Vec<(Span, Option<RemovalReason>)> = c.kept.iter().map(|s| (*s, None)).collect();
    all.extend(c.removed.iter().map(|r| (r.span, Some(r.reason))));
    all.sort_by_key(|(s, _)| *s);
    all.into_iter().map(|(_, v)| v).collect()
}

fn phrases() -> Arc<UiPhrases> {
    Arc::new(UiPhrases::builtin())
}

#[test]
fn no_text_stage_table() {
    let table: [(&str, &[Option<RemovalReason>]); 4] = [
        ("0\n***\n💡\n— 12 —", &[Some(NoText); 4]),
        ("قصف\n0", &[None, Some(NoText)]),
        ("12:30 ت م", &[None]),
        ("Next", &[None]),
    ];
    for (text, want) in table {
        assert_eq!(
            run(vec![Box::new(NoTextStage)], text, None, false),
            want,
            "{text}"
        );
    }
}

#[test]
fn link_line_stage_table() {
    let long_with_url = format!(
        "{} www.syriahr.com",
        "وقال المرصد في تقرير نشره على موقعه إن القصف أسفر عن قتلى"
    );
    let table: Vec<(String, Vec<Option<RemovalReason>>)> = vec![
        (
            "شاهد أيضاً : زيادة التوتر في دير الزور .. الدفاع الوطني ضد الميليشيات الإيرانية".into(),
            vec![Some(LinkLine)],
        ),
        (
            "رابط الخبر بصحيفة الوئام: تركيا: أكراد سوريا ليسو ضمن أهدافنا".into(),
            vec![Some(LinkLine)],
        ),
        (
            "لمراسلة الكاتب: turki@alriyadh.net".into(),
            vec![Some(LinkLine)],
        ),
        ("https://example.com/x".into(), vec![Some(LinkLine)]),
        (long_with_url, vec![None]),
        ("اقرأ الخبر كاملاً في الصحيفة".into(), vec![None]),
    ];
    for (text, want) in table {
        let got = run(
            vec![Box::new(LinkLineStage::new(phrases()))],
            &text,
            None,
            false,
        );
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn ui_phrase_stage_table() {
    let table: [(&str, Option<RemovalReason>); 12] = [
        ("اترك تعليقاً", Some(UiPhrase)),
        (
            "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
            Some(UiPhrase),
        ),
        (
            "هذا الموقع يستخدم Akismet للحدّ من التعليقات المزعجة والغير مرغوبة. تعرّف على كيفية معالجة بيانات تعليقك.",
            Some(UiPhrase),
        ),
        ("التعليقات (0)", Some(UiPhrase)),
        ("💡 أهم المواضيع", Some(UiPhrase)),
        ("زر الذهاب إلى الأعلى", Some(UiPhrase)),
        ("// انتهى //", Some(UiPhrase)),
        ("Next Previous", Some(UiPhrase)),
        (
            "We use cookies to improve your experience. By continuing you accept.",
            Some(UiPhrase),
        ),
        ("القدس العربي", None),
        ("قتل ثلاثة مدنيين في قصف على درعا", None),
        ("شارك العشرات في تظاهرة في مدينة إدلب", None),
    ];
    for (text, want) in table {
        let got = run(
            vec![Box::new(UiPhraseStage::new(phrases()))],
            text,
            None,
            false,
        );
        assert_eq!(got, [want], "{text}");
    }
}

#[test]
fn ui_phrases_never_touch_long_prose() {
    let prose = format!(
        "لن يتم نشر عنوان بريدك الإلكتروني {}",
        "ولكن الجملة تستمر في وصف الأحداث ".repeat(10)
    );
    let got = run(
        vec![Box::new(UiPhraseStage::new(phrases()))],
        &prose,
        None,
        false,
    );
    assert_eq!(got, [None]);
}

#[test]
fn repeated_title_stage_table() {
    type Row<'a> = (&'a str, Option<&'a str>, bool, &'a [Option<RemovalReason>]);
    let table: [Row<'_>; 5] = [
        (
            "عنوان الخبر\n\nعنوان الخبر\nنص",
            Some("عنوان الخبر"),
            true,
            &[None, Some(RepeatedTitle), None],
        ),
        (
            "عنوانُ الخبرِ\nنص",
            Some("عنوان الخبر"),
            false,
            &[Some(RepeatedTitle), None],
        ),
        (
            "نص\nعنوان الخبر",
            Some("عنوان الخبر"),
            false,
            &[None, Some(RepeatedTitle)],
        ),
        ("نص\nعنوان الخبر", None, false, &[None, None]),
        (
            "أ\nب\nج\nد\nعنوان الخبر",
            Some("عنوان الخبر"),
            false,
            &[None, None, None, None, None],
        ),
    ];
    for (text, title, in_text, want) in table {
        assert_eq!(
            run(vec![Box::new(RepeatedTitleStage)], text, title, in_text),
            want,
            "{text}"
        );
    }
}

#[test]
fn repeated_paragraph_stage_table() {
    let table: [(&str, &[Option<RemovalReason>]); 4] = [
        ("أ ب\nج\nأ ب", &[None, None, Some(RepeatedParagraph)]),
        (
            "أ  ب\nأ ب\nأَ ب",
            &[None, Some(RepeatedParagraph), Some(RepeatedParagraph)],
        ),
        ("قتل 3\nقتل 4", &[None, None]),
        ("إدلب\nادلب", &[None, Some(RepeatedParagraph)]),
    ];
    for (text, want) in table {
        assert_eq!(
            run(vec![Box::new(RepeatedParagraphStage)], text, None, false),
            want,
            "{text}"
        );
    }
}

#[test]
fn widget_block_stage_table() {
    let stages = || -> Vec<Box<dyn Stage>> {
        vec![
            Box::new(UiPhraseStage::new(phrases())),
            Box::new(WidgetBlockStage::new(phrases())),
        ]
    };
    let text = "نص الخبر الأول.\nالأكثر قراءة\nمقتل قيادي في درعا\nغارات على إدلب\nاقرأ أيضاً\nوتابع المصدر أن القصف استمر حتى ساعات الصباح الأولى وأدى إلى دمار واسع في المنازل.";
    assert_eq!(
        run(stages(), text, None, false),
        [
            None,
            Some(UiPhrase),
            Some(WidgetBlock),
            Some(WidgetBlock),
            Some(UiPhrase),
            None
        ]
    );
    // without a heading nothing is a widget
    let text = "نص الخبر الأول.\nمقتل قيادي في درعا\nغارات على إدلب";
    assert_eq!(run(stages(), text, None, false), [None, None, None]);
}

#[test]
fn trailing_boilerplate_stage_table() {
    let stages = || -> Vec<Box<dyn Stage>> {
        vec![
            Box::new(NoTextStage),
            Box::new(UiPhraseStage::new(phrases())),
            Box::new(TrailingBoilerplateStage),
        ]
    };
    let body = "وتخضع محافظة درعا لاتفاق التسوية الذي فرضته روسيا منذ سيطرتها على المنطقة بعملية عسكرية واسعة في صيف عام 2018.";
    let table: Vec<(String, Vec<Option<RemovalReason>>)> = vec![
        // the sign-off inside a UI block goes
        (
            format!("{body}\nالقدس العربي\nاترك تعليقاً\nلن يتم نشر عنوان بريدك الإلكتروني."),
            vec![
                None,
                Some(TrailingBoilerplate),
                Some(UiPhrase),
                Some(UiPhrase),
            ],
        ),
        // a sign-off alone at the end stays
        (format!("{body}\nالقدس العربي"), vec![None, None]),
        // a short last sentence stays even before UI lines
        (
            format!("{body}\nوقتل ثلاثة مدنيين.\nاترك تعليقاً"),
            vec![None, None, Some(UiPhrase)],
        ),
        // more plain short lines than UI lines: kept
        (
            format!("{body}\nقصف على درعا\nمقتل مدنيين\nاشتباكات في إدلب\nاترك تعليقاً"),
            vec![None, None, None, None, Some(UiPhrase)],
        ),
        // the run stops at the long paragraph; a short line before it is not touched
        (
            format!("عنوان فرعي\n{body}\nمراسلنا\n0"),
            vec![None, None, Some(TrailingBoilerplate), Some(NoText)],
        ),
    ];
    for (text, want) in table {
        assert_eq!(run(stages(), &text, None, false), want, "{text}");
    }
}

#[test]
fn pipeline_cleans_a_seed_like_article() {
    let text = "سوريا\n\nعنوان الخبر عن درعا اليوم\n\nعنوان الخبر عن درعا اليوم\n\nقصفت قوات النظام مدينة طفس بالمدفعية الثقيلة صباح اليوم ما أدى إلى إصابة مدنيين.\nقصفت قوات النظام مدينة طفس بالمدفعية الثقيلة صباح اليوم ما أدى إلى إصابة مدنيين.\n\n \n\nالتعليقات (0)\n\n    0\n\n    الأكثر قراءة\n\n    💡 أهم المواضيع\n";
    let c = Cleaner::default().clean(text, Some("عنوان الخبر عن درعا اليوم"), true);
    let kept: Vec<&str> = c.kept.iter().map(|s| s.slice(text).unwrap()).collect();
    assert_eq!(
        kept,
        [
            "سوريا",
            "عنوان الخبر عن درعا اليوم",
            "قصفت قوات النظام مدينة طفس بالمدفعية الثقيلة صباح اليوم ما أدى إلى إصابة مدنيين."
        ]
    );
    let reasons: Vec<RemovalReason> = c.removed.iter().map(|r| r.reason).collect();
    assert_eq!(
        reasons,
        [
            RepeatedTitle,
            RepeatedParagraph,
            UiPhrase,
            NoText,
            UiPhrase,
            UiPhrase
        ]
    );
    let totals = c.report.totals();
    assert_eq!(totals.total(), 6);
    assert_eq!(totals.get(UiPhrase), 3);
    let names: Vec<&str> = c.report.stages.iter().map(|s| s.stage).collect();
    assert_eq!(names, Cleaner::default().stage_names());
}

/// A stage that misbehaves: it tries to resurrect removed paragraphs.
#[derive(Debug)]
struct Resurrect;

impl Stage for Resurrect {
    fn name(&self) -> &'static str {
        "resurrect"
    }
    fn apply(&self, _ctx: &CleanContext, paragraphs: &mut [Paragraph<'_>]) {
        for p in paragraphs {
            p.verdict = None;
        }
    }
}

#[test]
fn stages_cannot_undo_earlier_removals() {
    let got = run(
        vec![Box::new(NoTextStage), Box::new(Resurrect)],
        "0\nنص",
        None,
        false,
    );
    assert_eq!(got, [Some(NoText), None]);
}

#[test]
fn reason_counts_cover_every_reason() {
    let mut c = ReasonCounts::default();
    for (i, r) in ReasonCounts::REASONS.iter().enumerate() {
        c.add(*r, i as u64 + 1);
    }
    for (i, r) in ReasonCounts::REASONS.iter().enumerate() {
        assert_eq!(c.get(*r), i as u64 + 1);
    }
    assert_eq!(c.total(), 28);
    let json = serde_json::to_value(c).unwrap();
    assert_eq!(json["widget_block"], 7);
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("\n".to_owned()),
            Just("\r\n".to_owned()),
            Just("\u{2029}".to_owned()),
            Just("اترك تعليقاً".to_owned()),
            Just("الأكثر قراءة".to_owned()),
            Just("قصف على درعا.".to_owned()),
            Just(" \u{00A0}\u{200F}".to_owned()),
            Just("0".to_owned()),
            Just("https://x.y/z".to_owned()),
            any::<String>(),
            "[\\p{Arabic} .،]{0,40}",
        ],
        0..30,
    );
    pieces.prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn cleaner_spans_are_well_formed(text in arbitrary_text(), title in proptest::option::of("[\\p{Arabic} ]{0,20}"), in_text: bool) {
        let c = Cleaner::default().clean(&text, title.as_deref(), in_text);
        let mut all: Vec<Span> = c.kept.clone();
        all.extend(c.removed.iter().map(|r| r.span));
        all.sort();
        for w in c.kept.windows(2) {
            prop_assert!(w[0].end <= w[1].start, "kept spans overlap or are unordered: {:?}", w);
        }
        for w in all.windows(2) {
            prop_assert!(w[0].end <= w[1].start, "spans overlap: {:?}", w);
        }
        for s in &all {
            prop_assert!(s.start < s.end && s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            prop_assert!(s.slice(&text).is_some());
        }
        prop_assert_eq!(all.len(), split_paragraphs(&text).len());
        prop_assert_eq!(c.report.totals().total() as usize, c.removed.len());
    }
}
