//! The five seed articles (examples/seeds): five documents, repeats once, boilerplate gone,
//! every article sentence intact, kept ranges slicing the original text exactly.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use std::path::PathBuf;

use rasd_core::{Document, RemovalReason};
use rasd_ingest::{IngestConfig, Ingestor, Input};

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

fn ingest_seeds() -> Vec<Document> {
    let ingestor = Ingestor::new(IngestConfig::default()).unwrap();
    let mut docs = ingestor.documents([Input::Path(seeds_dir())]);
    let out: Vec<Document> = docs.by_ref().map(|r| r.unwrap()).collect();
    let summary = docs.summary();
    assert_eq!(summary.files_skipped, 1, "SOURCE.md is left out");
    assert_eq!(summary.rejected_total(), 0);
    out
}

fn kept_text(doc: &Document) -> String {
    doc.cleaned_text()
}

const BOILERPLATE: &[&str] = &[
    "اترك تعليقاً",
    "لن يتم نشر عنوان بريدك الإلكتروني",
    "الحقول الإلزامية مشار إليها",
    "هذا الموقع يستخدم Akismet",
    "التعليقات (0)",
    "الأكثر قراءة",
    "أهم المواضيع",
    "أهم التصنيفات",
    "زر الذهاب إلى الأعلى",
    "شاهد أيضاً",
];

/// Full article sentences (first, middle and last paragraphs) per seed.
const SENTENCES: &[(&str, &[&str])] = &[
    (
        "000_e24931adec30f976.txt",
        &[
            "يتواصل التوتر الأمني في بلدة كناكر بريف دمشق الغربي الجنوبي، رغم الإعلان عن التوصل لاتفاق تسوية، عقب الانتهاكات التي ارتكبها نظام الأسد وحملات الاعتقالات التي شنها بحق أبناء البلدة خلال الأيام الماضية.",
            "ولفت المصدر أن الميليشيات الإيرانية تحاول فرض هيمنتها في منطقة ريف دمشق الغربي الجنوبي، وتجنيد الشباب ضمن صفوفها.",
            "ويذكر أن بلدة كناكر خضعت لاتفاق التسوية مع نظام الأسد في العام 2017، وقضى الاتفاق حينها بخروج المقاتلين ضمن الفصائل الثورية ومن يرغب إلى مناطق الشمال السوري، في حين توجه قسم كبير حينها من الأهالي إلى مناطق درعا التي كانت تحت سيطرة الفصائل.",
        ],
    ),
    (
        "001_ee78328fd94bfc4f.txt",
        &[
            "وقالت مصادر، لـ\"العربي الجديد\"، إن قوات النظام السوري شددت اليوم طوق الحصار الأمني على بلدة كناكر ومنعت الدخول والخروج بشكل كلي بالتزامن مع حشد مجموعات من المليشيات في محيط البلدة وعلى مداخلها ومخارجها.",
            "منعت قوات النظام، منذ الجمعة، إدخال المواد الأساسية والغذائية والأدوية، ما دفع معظم المحال التجارية في البلدة إلى إغلاق أبوابها",
            "وكانت البلدة قد شهدت سابقا عدة أحداث مشابهة تلتها هجمات ضد عناصر النظام والدوريات التابعة له.",
            "وخضعت بلدة كناكر لسيطرة النظام السوري عام 2018 بعد توقيع المعارضة اتفاق مصالحة وتسوية نص على تهجير المعارضين للاتفاق نحو الشمال السوري.",
        ],
    ),
    (
        "002_e0d5436aaee0fdc5.txt",
        &[
            "موقف المعارضة؟",
            "وأضاف «لا أجد مبرراً لصمت المعارضة حتى اللحظة دون الدفع في اتجاه حماية من تمثلهم في المحافل الدولية».",
            "كما نفذ الطيران غارتين استهدفتا موقعاً للمليشيات الإيرانية على الحدود العراقية غرب عكاشات خلفت قتلى وجرحى.",
            "وأضاف في تغريدة على موقع «تويتر» الأحد، أن «قوة المهام المشتركة – عملية العزم الصلب، استخدمت القوة الجوية لضرب قلب «داعش» صباح اليوم وتدمير معسكرات تدريب الإرهابيين في صحراء البادية النائية في سوريا».",
        ],
    ),
    (
        "003_af73a84b27fc74b5.txt",
        &[
            "وأضافت المصادر أن الميليشيا تحاول اقتحام المدينة بقصف تمهيدي مكثف براجمات الصواريخ والمدفعية والرشاشات الثقيلة (الشيلكا)، في ظل أنباء عن إصابات في صفوف المدنيين وحالة من الرعب تسود المدينة نتيجة القصف المكثف.",
            "القضاء على زعيم داعشي",
            "سيناريو مشابه في درعا البلد",
            "وتخضع محافظة درعا لاتفاق التسوية الذي فرضته روسيا وميليشيا أسد منذ سيطرتهم على المنطقة بعملية عسكرية واسعة في صيف عام 2018، ورغم توقيع الاتفاق حينها، تعرضت بلدات ومناطق درعا لعمليات تهديد واقتحام وعلميات عسكرية أمنية عديدة خلال الأعوام الماضية، إذ تعمد ميليشيا أسد بين الحين والآخر للتلويح بعملية عسكرية تجاه أي منطقة لتسليم المطلوبين مقابل التهديد بالاقتحام والقصف والاعتقالات، حيث تشهد المحافظة عمليات أمنية متواصلة تتمثل باغتيالات وهجمات تطال ميليشيا أسد وأرتالها والمتعاونين معها، مقابل عمليات أخرى لملاحقة واغتيال المعارضين.",
        ],
    ),
    (
        "004_03e1891f34e8350d.txt",
        &[
            "كشفت مصادر محلية عن توصل وجهاء مدينة جاسم في ريف درعا وضباط النظام إلى اتفاق يقضي بفك الحصار المفروض على المدينة.",
            "ويوم أمس منعت قوات النظام أهالي جاسم من الدخول أو الخروج إلى المدينة، بعد استقدامها تعزيزات عسكرية إلى محيطها.",
            "وفي الـ 5 من كانون الأول الجاري قتل 4 عناصر من قوات النظام وأصيب اثنين آخرين بجروح إثر استهداف سيارة لفرع أمن الدولة من نوع هايلوكس بعبوة ناسفة على طريق إنخل – جاسم.",
            "وزادت عمليات استهداف قوات النظام والميليشيات الموالية لها مؤخرًا كنتيجة رد فعل على انتهاكات تتسبب بها تلك الميليشيات بحق أهالي المنطقة من فرض الإتاوات وتنفيذ عمليات الاعتقال والاغتيال بحق أبناء المنطقة.",
        ],
    ),
];

#[test]
fn five_seeds_give_five_clean_documents() {
    let docs = ingest_seeds();
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, SENTENCES.iter().map(|(id, _)| *id).collect::<Vec<_>>());
    for doc in &docs {
        let kept = kept_text(doc);
        for b in BOILERPLATE {
            assert!(!kept.contains(b), "{}: boilerplate {b:?} survived", doc.id);
        }
        assert_eq!(doc.encoding, "UTF-8");
        assert_eq!(doc.content_hash.0.len(), 32);
    }
}

#[test]
fn article_sentences_are_intact() {
    let docs = ingest_seeds();
    for (id, sentences) in SENTENCES {
        let doc = docs.iter().find(|d| d.id.as_str() == *id).unwrap();
        let paragraphs: Vec<&str> = doc.kept_paragraphs().map(|(_, p)| p).collect();
        for s in *sentences {
            assert!(
                paragraphs.iter().any(|p| p.contains(s)),
                "{id}: sentence missing: {s}"
            );
        }
        // Every long line of the original that is not boilerplate (article prose) is kept
        // whole.
        let original = std::fs::read_to_string(seeds_dir().join(id)).unwrap();
        let prose = original
            .lines()
            .map(str::trim)
            .filter(|l| l.split_whitespace().count() >= 16)
            .filter(|l| !BOILERPLATE.iter().any(|b| l.contains(b)));
        for line in prose {
            assert!(
                paragraphs.contains(&line),
                "{id}: prose line not kept: {line}"
            );
        }
    }
}

#[test]
fn repeated_paragraphs_appear_once() {
    let docs = ingest_seeds();
    let doc = docs
        .iter()
        .find(|d| d.id.as_str().starts_with("001_"))
        .unwrap();
    let repeated = [
        "وكانت قوات النظام قد طوقت البلدة يوم الجمعة الماضي، وسمحت منذ ذلك الوقت بالدخول والخروج فقط للموظفين في الدوائر الحكومية التابعة للنظام وبعض الفئات الأخرى.",
        "وذكرت المصادر أن النظام هدد السكان في البلدة بضرورة تسليم مطلوبين وإجراء تسوية جديدة لقرابة 200 شخص يتهمهم النظام بحمل السلاح ضده ومواجهة قواته مؤخرا في المنطقة.",
    ];
    for r in repeated {
        assert_eq!(
            doc.text.matches(r).count(),
            2,
            "the original holds the repeat"
        );
        assert_eq!(kept_text(doc).matches(r).count(), 1, "kept once: {r}");
    }
    let reasons: Vec<RemovalReason> = doc.removed.iter().map(|r| r.reason).collect();
    assert_eq!(reasons, [RemovalReason::RepeatedParagraph; 2]);
    // 003 repeats its title as the third line
    let doc = docs
        .iter()
        .find(|d| d.id.as_str().starts_with("003_"))
        .unwrap();
    let title = doc.title.as_deref().unwrap();
    assert_eq!(doc.text.matches(title).count(), 2);
    assert_eq!(kept_text(doc).matches(title).count(), 1);
}

#[test]
fn kept_ranges_slice_the_original_exactly() {
    for doc in ingest_seeds() {
        let original = std::fs::read_to_string(seeds_dir().join(doc.id.as_str())).unwrap();
        assert_eq!(
            doc.text, original,
            "{}: text is the file as decoded",
            doc.id
        );
        let mut last_end = 0;
        let mut spans: Vec<_> = doc.kept.iter().copied().map(|s| (s, true)).collect();
        spans.extend(doc.removed.iter().map(|r| (r.span, false)));
        spans.sort_by_key(|(s, _)| *s);
        for (span, _) in &spans {
            assert!(span.start >= last_end, "{}: overlapping spans", doc.id);
            let slice = original.get(span.start..span.end).unwrap();
            assert_eq!(slice, slice.trim(), "{}: span not trimmed", doc.id);
            assert!(!slice.is_empty());
            last_end = span.end;
        }
        // Kept and removed paragraphs together cover every non-blank line.
        let lines = original.lines().filter(|l| !l.trim().is_empty()).count();
        assert_eq!(spans.len(), lines, "{}", doc.id);
    }
}

#[test]
fn titles_of_plain_text_seeds() {
    let docs = ingest_seeds();
    let titles: Vec<Option<&str>> = docs.iter().map(|d| d.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            Some(
                "نظام الأسد يتهم أبناء بلدة كناكر بالوقوف وراء عمليات التفجيرات لتستمر التوترات الأمنية رغم اتفاق التسوية"
            ),
            None,
            Some(
                "اتفاق تسوية في «كناكر» جنوب غربي دمشق يقضي بتهجير مقاتلين معارضين مع عائلاتهم إلى إدلب"
            ),
            Some("رغم تنفيذ المطالب.. ميليشيا أسد تحاول اقتحام طفس وزعيم داعش بدرعا يفجر نفسه"),
            Some("استمرار التوتر في جاسم شمال درعا.. وأنباء عن التوصل لاتفاق مع قوات النظام"),
        ]
    );
    // the title stays in the text and in the kept paragraphs
    for d in &docs {
        if let Some(t) = &d.title {
            assert!(d.kept_paragraphs().any(|(_, p)| p == t), "{}", d.id);
        }
    }
}
