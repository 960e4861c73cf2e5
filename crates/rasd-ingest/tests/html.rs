//! A realistic news page: navigation, article, share buttons, related box, tags, comments,
//! sidebar and footer → only the article's paragraphs.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use std::path::PathBuf;

use rasd_ingest::{IngestConfig, Ingestor, Input};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/article.html")
}

#[test]
fn extracts_only_the_article_paragraphs() {
    let ingestor = Ingestor::new(IngestConfig::default()).unwrap();
    let docs: Vec<_> = ingestor.documents([Input::Path(fixture())]).collect();
    assert_eq!(docs.len(), 1);
    let doc = docs.into_iter().next().unwrap().unwrap();
    let kept: Vec<&str> = doc.kept_paragraphs().map(|(_, p)| p).collect();
    assert_eq!(
        kept,
        [
            "قصفت قوات النظام السوري، صباح اليوم الأربعاء، أطراف مدينة طفس في ريف درعا الغربي بقذائف المدفعية الثقيلة، ما أدى إلى إصابة مدنيين اثنين بجروح.",
            "وقال مراسل الشبكة إن القصف تركز على الأحياء الجنوبية من المدينة، وترافق مع تحليق لطائرات الاستطلاع في سماء المنطقة.",
            "مفاوضات متعثرة",
            "ويأتي التصعيد بعد فشل جولة مفاوضات بين وجهاء المدينة وضباط من الأمن العسكري، طالب خلالها الضباط بتسليم عدد من المطلوبين.",
            "وتخضع محافظة درعا لاتفاق التسوية منذ صيف عام 2018.",
            "ولا تزال المنطقة تشهد عمليات اغتيال متكررة.",
        ]
    );
    // the extraction is the text: nothing else is in it
    assert_eq!(doc.text, kept.join("\n\n"));
    assert!(doc.removed.is_empty());
    assert_eq!(
        doc.title.as_deref(),
        Some("قصف مدفعي على أطراف مدينة طفس في ريف درعا")
    );
    assert_eq!(doc.outlet.as_deref(), Some("شبكة الأخبار المحلية"));
    assert_eq!(
        doc.url.as_deref(),
        Some("https://news.example.org/2023/08/02/tafas-shelling/")
    );
    assert_eq!(
        doc.published.unwrap().to_string(),
        "2023-08-02T14:30:00+03:00"
    );
    assert_eq!(doc.id.as_str(), "article.html");
    for junk in [
        "الرئيسية",
        "فيسبوك",
        "اقرأ أيضاً",
        "اشتباكات بين فصائل",
        "الوسوم",
        "التعليقات",
        "الله يحمي",
        "اترك تعليقاً",
        "الأكثر قراءة",
        "جميع الحقوق",
        "ملفات تعريف الارتباط",
        "loadAd",
        "إعلان",
    ] {
        assert!(!doc.text.contains(junk), "{junk:?} leaked into the text");
    }
}

#[test]
fn a_page_of_only_boilerplate_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.html");
    std::fs::write(
        &p,
        "<html><body><nav>الرئيسية</nav><p>اترك تعليقاً</p><footer>x</footer></body></html>",
    )
    .unwrap();
    let ingestor = Ingestor::new(IngestConfig::default()).unwrap();
    let r: Vec<_> = ingestor.documents([Input::Path(p)]).collect();
    let e = r[0].as_ref().unwrap_err();
    assert!(
        e.to_string()
            .ends_with("empty.html: nothing left after cleaning (1 paragraph(s) removed)"),
        "{e}"
    );
}
