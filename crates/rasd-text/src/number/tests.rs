use rasd_core::Qualifier::{self, *};

use super::*;
use crate::analyze;

/// (value, high, qualifier, text of the span) of every quantity.
fn quantities(s: &str) -> Vec<(u32, Option<u32>, Option<Qualifier>, String)> {
    let a = analyze(s, 0);
    find_quantities(&a)
        .into_iter()
        .map(|q| {
            assert_eq!(q.value, q.low);
            (
                q.value,
                q.high,
                q.qualifier,
                a.span_text(q.span).to_string(),
            )
        })
        .collect()
}

fn one(
    v: u32,
    q: Option<Qualifier>,
    text: &str,
) -> Vec<(u32, Option<u32>, Option<Qualifier>, String)> {
    vec![(v, None, q, text.to_string())]
}

#[test]
fn seed_phrases() {
    let table = [
        ("قتل 4 عناصر من قوات النظام", one(4, None, "4")),
        ("رداً على اعتقال 3 نساء من كناكر", one(3, None, "3")),
        ("ما أدى لارتقاء ثلاثة مدنيين", one(3, None, "ثلاثة")),
        ("واحتجزوا أربعة عناصر", one(4, None, "أربعة")),
        (
            "أسفرت عن مقتل وجرح أكثر من 15 عراقياً",
            one(15, Some(LowerBound), "أكثر من 15"),
        ),
        (
            "لمقتل وجرح حوالي 15 عنصراً",
            one(15, Some(Approximate), "حوالي 15"),
        ),
        ("تحتوي على عشرات العناصر", one(12, Some(Vague), "عشرات")),
        (
            "تسوية جديدة لقرابة 200 شخص",
            one(200, Some(Approximate), "قرابة 200"),
        ),
        (
            "ما يقارب 18000 نسمة",
            one(18000, Some(Approximate), "ما يقارب 18000"),
        ),
        ("عملية اعتقال امرأتين", one(2, None, "امرأتين")),
        ("وأصيب اثنين آخرين بجروح", one(2, None, "اثنين")),
        ("بسبب طلب الأخيرة تسليم عشرة شبان", one(10, None, "عشرة")),
        (
            "نفذ الساعة الثانية بعد منتصف الليل ثلاث غارات جوية",
            one(3, None, "ثلاث"),
        ),
        ("كما نفذ الطيران غارتين", one(2, None, "غارتين")),
        (
            "خروج عدد من الأشخاص (6 مطلوبين)",
            vec![
                (3, None, Some(Vague), "عدد من".to_string()),
                (6, None, None, "6".to_string()),
            ],
        ),
        ("والبالغ عددهم 30 بين عنصر وضابط", one(30, None, "30")),
        ("لاعتقال أحد الشبان", one(1, None, "أحد")),
        ("ووفق بعض المصادر", one(3, Some(Vague), "بعض")),
        ("اتفاق على نقاط عدة أساسية", one(3, Some(Vague), "عدة")),
        ("تحاصر البلدة عدة وحدات", one(3, Some(Vague), "عدة")),
        (
            "ما يزيد على الثمانية قتلى",
            one(8, Some(LowerBound), "ما يزيد على الثمانية"),
        ),
        (
            "وما يفوق العشرين جريحا",
            one(20, Some(LowerBound), "ما يفوق العشرين"),
        ),
        (
            "قتل 25 مقاتلا من المعارضة على الأقل",
            one(25, Some(LowerBound), "25"),
        ),
        ("قتل شرطيين تركيين", one(2, None, "شرطيين")),
        ("داخل إحدى قواعدها", one(1, None, "إحدى")),
        ("وإحدى الطائرات", one(1, None, "إحدى")),
    ];
    for (input, expected) in table {
        assert_eq!(quantities(input), expected, "{input}");
    }
}

#[test]
fn ranges_and_bounds() {
    let range = |lo, hi, text: &str| vec![(lo, Some(hi), Some(Range), text.to_string())];
    let table = [
        ("قتل بين 20 و25 شخصا", range(20, 25, "بين 20 و25")),
        ("قتل ما بين 20 و 25 شخصا", range(20, 25, "ما بين 20 و 25")),
        ("من 20 إلى 25 قتيلا", range(20, 25, "من 20 إلى 25")),
        ("20-25 قتيلا", range(20, 25, "20-25")),
        ("ثلاثة أو أربعة عناصر", range(3, 4, "ثلاثة أو أربعة")),
        ("بين عشرة وعشرين", range(10, 20, "بين عشرة وعشرين")),
        (
            "ما لا يقل عن 15 مدنيا",
            one(15, Some(LowerBound), "ما لا يقل عن 15"),
        ),
        ("أزيد من 40", one(40, Some(LowerBound), "أزيد من 40")),
        ("بأكثر من عشرين", one(20, Some(LowerBound), "أكثر من عشرين")),
        ("منذ نحو 10 أيام", one(10, Some(Approximate), "نحو 10")),
        ("مقتل 7 أشخاص تقريبا", one(7, Some(Approximate), "7")),
        ("بين عنصر وضابط", vec![]),
        (
            "من 25 إلى 20",
            one(25, None, "25")
                .into_iter()
                .chain(one(20, None, "20"))
                .collect(),
        ),
    ];
    for (input, expected) in table {
        assert_eq!(quantities(input), expected, "{input}");
    }
}

#[test]
fn vague_and_scaled() {
    let table = [
        ("مقتل عشرات المدنيين", one(12, Some(Vague), "عشرات")),
        ("ونزوح مئات العائلات", one(100, Some(Vague), "مئات")),
        ("نزح آلاف المدنيين", one(1000, Some(Vague), "آلاف")),
        ("نزح عشرات الآلاف", one(10_000, Some(Vague), "عشرات الآلاف")),
        ("وعدداً من الجرحى", one(3, Some(Vague), "عدداً من")),
        ("بضعة أشخاص", one(3, Some(Vague), "بضعة")),
        ("نزوح 3 آلاف شخص", one(3000, None, "3 آلاف")),
        ("نزوح ١٫٥ مليون", one(1_500_000, None, "١٫٥ مليون")),
        ("نزوح ٢٬٥٠٠ شخص", one(2500, None, "٢٬٥٠٠")),
        ("مقتل 3042 من داعش", one(3042, None, "3042")),
        ("ثلاثة آلاف وخمسمئة نازح", one(3500, None, "ثلاثة آلاف وخمسمئة")),
        ("خمسة وعشرون قتيلا", one(25, None, "خمسة وعشرون")),
        ("والطفلين", one(2, None, "الطفلين")),
        ("قتل شخصين اثنين", one(2, None, "شخصين اثنين")),
    ];
    for (input, expected) in table {
        assert_eq!(quantities(input), expected, "{input}");
    }
}

#[test]
fn non_counts_are_skipped() {
    let table = [
        "في العام 2017",
        "عام 2018",
        "في صيف عام 2018",
        "الساعة 01:49",
        "الساعة الـ01:49 من صباح اليوم",
        "في 25/12/2020",
        "في 2020-12-25",
        "وفي الـ 5 من كانون الأول الجاري",
        "يوم 15 يونيو (حزيران)",
        "في 3 آب الماضي",
        "في 19 آذار/مارس الجاري",
        "نسبة 50%",
        "بنسبة 50 في المئة",
        "القرن التاسع عشر",
        "الساعة الثانية",
        "الطابق الثالث",
        "يوم الاثنين",
        "يوم الأحد",
        "في 12 الشهر الجاري",
        "في 12 من الشهر الجاري",
        "مدنيين",
        "مقاتلين",
        "في الأعوام 2016 و2018 و2019",
        "عامي 2016 و2018",
        "استشهاد المستشار بهروز واحدي وجرح",
    ];
    for input in table {
        assert_eq!(quantities(input), vec![], "{input}");
    }
}

#[test]
fn spans_and_tokens() {
    let s = "قتل 4 عناصر وأصيب اثنين";
    let a = analyze(s, 50);
    let q = find_quantities(&a);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].tokens, 1..2);
    assert_eq!(a.key_at(q[0].tokens.end), "عناصر");
    assert_eq!(q[1].span.start, 50 + s.find("اثنين").unwrap());
    assert_eq!(
        (q[0].kind, q[1].kind),
        (QuantityKind::Digits, QuantityKind::Words)
    );
}

#[test]
fn counted_tokens() {
    let table = [
        ("قتل 4 عناصر", "عناصر"),
        ("عملية اعتقال امرأتين مع طفلين", "امرأتين"),
        ("تحتوي على عشرات العناصر", "العناصر"),
        ("خروج عدد من الأشخاص", "الأشخاص"),
        ("لقرابة 200 شخص", "شخص"),
        ("أكثر من 15 عراقياً", "عراقياً"),
    ];
    for (input, noun) in table {
        let a = analyze(input, 0);
        let q = &find_quantities(&a)[0];
        let t = &a.tokens[q.counted_token()];
        assert_eq!(a.text(t), noun, "{input}");
    }
}
