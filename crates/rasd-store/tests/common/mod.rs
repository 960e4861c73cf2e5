//! Test fixtures for store and merge behaviour.
//!
//! The reports here are written by hand: they are fixtures that exercise storing, merging
//! and reviewing, not extraction output (extraction does not exist yet). Each one points at
//! the words of the article that state it, as an extractor's evidence would.

#![allow(dead_code)]

use std::collections::BTreeMap;

use rasd_core::{
    Actor, ContentHash, DocId, Document, Event, EventDate, Evidence, Field, GeoPrecision, Location,
    Origin, PlaceId, Span, SubEventType, Tag, TimePrecision,
};
use rasd_store::DocumentInput;

/// A plain-text document: every non-blank line is kept; the hash is of the cleaned text.
pub fn document(id: &str, text: &str, published: Option<&str>, outlet: Option<&str>) -> Document {
    let mut kept = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_end_matches(['\n', '\r']);
        if !t.trim().is_empty() {
            kept.push(Span::new(pos, pos + t.len()));
        }
        pos += line.len();
    }
    let mut d = Document {
        id: DocId(id.into()),
        origin: Origin {
            path: format!("fixtures/{id}"),
            line: None,
        },
        outlet: outlet.map(str::to_owned),
        url: None,
        published: published.map(|p| p.parse().unwrap()),
        collected: None,
        title: None,
        text: text.to_owned(),
        kept,
        removed: vec![],
        encoding: "UTF-8".into(),
        content_hash: ContentHash(String::new()),
        metadata: BTreeMap::from([("fixture".to_owned(), serde_json::json!(true))]),
    };
    d.content_hash =
        ContentHash(blake3::hash(d.cleaned_text().as_bytes()).to_hex()[..32].to_owned());
    d
}

/// A seed article from examples/seeds.
pub fn seed(name: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seeds/");
    std::fs::read_to_string(format!("{dir}{name}")).unwrap()
}

pub const SEED_000: &str = "000_e24931adec30f976.txt";
pub const SEED_001: &str = "001_ee78328fd94bfc4f.txt";
pub const SEED_002: &str = "002_e0d5436aaee0fdc5.txt";

/// A report of `sub` at `place`, with evidence on the first occurrence of `evidence` in
/// the document's text.
pub fn report(doc: &Document, sub: SubEventType, place: &str, evidence: &str) -> Event {
    let start = doc
        .text
        .find(evidence)
        .unwrap_or_else(|| panic!("{evidence:?} not in {}", doc.id));
    let span = Span::new(start, start + evidence.len());
    Event {
        doc: doc.id.0.clone(),
        event_type: sub.event_type(),
        sub_event_type: sub,
        tags: vec![],
        background: false,
        location: Location::unresolved(place, GeoPrecision::Exact),
        date: None,
        actor1: None,
        actor2: None,
        assoc_actor1: vec![],
        assoc_actor2: vec![],
        fatalities: None,
        fatalities_civilians: None,
        injured: None,
        detained: None,
        displaced: None,
        confidence: 0.8,
        notes: evidence.to_owned(),
        evidence: vec![Evidence::new(
            Field::SubEventType,
            span,
            evidence,
            "fixture",
        )],
    }
}

pub fn with(mut e: Event, f: impl FnOnce(&mut Event)) -> Event {
    f(&mut e);
    e
}

pub fn actor(s: &str) -> Option<Actor> {
    Some(s.parse().unwrap())
}

pub fn relative(days: i32, raw: &str) -> Option<EventDate> {
    Some(EventDate::relative(days, TimePrecision::Day, raw))
}

pub fn absolute(d: &str) -> Option<EventDate> {
    Some(EventDate::absolute(
        d.parse().unwrap(),
        TimePrecision::Day,
        d,
    ))
}

/// Kanaker (Rif Dimashq), resolved.
pub fn at_kanaker(e: &mut Event) {
    e.location.place_id = Some(PlaceId::new("fixture:kanaker"));
    e.location.admin1 = Some("ريف دمشق".into());
    e.location.lat = Some(33.27);
    e.location.lon = Some(36.09);
    e.location.unresolved = false;
}

/// Abu Kamal (Deir ez-Zor), resolved.
pub fn at_abu_kamal(e: &mut Event) {
    e.location.place_id = Some(PlaceId::new("fixture:abu-kamal"));
    e.location.admin1 = Some("دير الزور".into());
    e.location.lat = Some(34.45);
    e.location.lon = Some(40.92);
    e.location.unresolved = false;
}

/// Seed 000 (Orient-style): the arrest of two women by فرع فلسطين, and tank shelling of
/// the town that killed three civilians.
pub fn kanaker_000() -> DocumentInput {
    let d = document(
        SEED_000,
        &seed(SEED_000),
        Some("2020-12-08"),
        Some("orient"),
    );
    let arrest = with(
        report(
            &d,
            SubEventType::Arrests,
            "كناكر",
            "عملية اعتقال امرأتين مع طفلين",
        ),
        |e| {
            e.actor1 = actor("regime:military-intelligence");
            e.actor2 = actor("civilians");
            e.admin1_ish();
        },
    );
    let shelling = with(
        report(
            &d,
            SubEventType::ShellingArtilleryMissileAttack,
            "كناكر",
            "بقصف البلدة بقذائف الدبابات",
        ),
        |e| {
            e.actor1 = actor("regime");
            e.actor2 = actor("civilians");
            e.fatalities = Some(3);
            e.admin1_ish();
        },
    );
    DocumentInput {
        document: d,
        reports: vec![arrest, shelling],
    }
}

/// Seed 001 (Al-Araby Al-Jadeed): the siege tightened "today, Tuesday", and the women
/// detained by an air force intelligence checkpoint.
pub fn kanaker_001() -> DocumentInput {
    let d = document(
        SEED_001,
        &seed(SEED_001),
        Some("2020-12-08"),
        Some("alaraby"),
    );
    let siege = with(
        report(&d, SubEventType::Other, "كناكر", "حصارها على بلدة كناكر"),
        |e| {
            e.tags = vec![Tag::Siege];
            e.actor1 = actor("regime");
            e.date = relative(0, "اليوم الثلاثاء");
            at_kanaker(e);
        },
    );
    let arrest = with(
        report(
            &d,
            SubEventType::Arrests,
            "كناكر",
            "النساء تم توقيفهن من قبل حاجز طيار تابع لفرع المخابرات الجوية",
        ),
        |e| {
            e.actor1 = actor("regime:air-force-intelligence");
            e.actor2 = actor("civilians");
            at_kanaker(e);
        },
    );
    DocumentInput {
        document: d,
        reports: vec![siege, arrest],
    }
}

/// Seed 002 (Al-Quds Al-Arabi): the security cordon around Kanaker, the arrest of three
/// women, and coalition air strikes on Abu Kamal on the night of Saturday to Sunday.
pub fn kanaker_002() -> DocumentInput {
    let d = document(
        SEED_002,
        &seed(SEED_002),
        Some("2020-12-10"),
        Some("alquds"),
    );
    let siege = with(
        report(
            &d,
            SubEventType::Other,
            "كناكر",
            "فرضت طوقاً أمنياً كاملاً على بلدة كناكر",
        ),
        |e| {
            e.tags = vec![Tag::Siege];
            e.actor1 = actor("regime");
        },
    );
    let arrest = with(
        report(&d, SubEventType::Arrests, "كناكر", "اعتقال 3 نساء من كناكر"),
        |e| {
            e.actor1 = actor("regime");
        },
    );
    let strike = with(
        report(
            &d,
            SubEventType::AirDroneStrike,
            "البوكمال",
            "طيران التحالف قصف مواقع الحرس الثوري",
        ),
        |e| {
            e.actor1 = actor("international-coalition");
            e.actor2 = actor("iranian-militias");
            e.date = absolute("2020-12-06");
            e.fatalities = Some(15);
            at_abu_kamal(e);
        },
    );
    DocumentInput {
        document: d,
        reports: vec![siege, arrest, strike],
    }
}

pub fn kanaker() -> Vec<DocumentInput> {
    vec![kanaker_000(), kanaker_001(), kanaker_002()]
}

/// A syndicated copy of `input`: another title, an extra boilerplate line, another outlet;
/// the same reports (their evidence re-pointed into the copy).
pub fn syndicated_copy(input: &DocumentInput, outlet: &str) -> DocumentInput {
    let orig = &input.document.text;
    // A short first line is the title: the copy replaces it.
    let body = match orig.split_once('\n') {
        Some((first, rest)) if first.chars().count() < 150 => rest,
        _ => orig.as_str(),
    };
    let text = format!(
        "عنوان معاد نشره عن الأحداث في بلدة كناكر\n{body}\nتابعونا على قناتنا في تلغرام للمزيد من الأخبار\n"
    );
    let d = document(
        &format!("copy-of-{}", input.document.id),
        &text,
        Some("2020-12-09"),
        Some(outlet),
    );
    let reports = input
        .reports
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.doc = d.id.0.clone();
            for ev in &mut r.evidence {
                let s = d.text.find(&ev.text).unwrap();
                ev.start = s;
                ev.end = s + ev.text.len();
            }
            r
        })
        .collect();
    DocumentInput {
        document: d,
        reports,
    }
}

trait Admin1Ish {
    fn admin1_ish(&mut self);
}

impl Admin1Ish for Event {
    /// Unresolved, but the article says Rif Dimashq.
    fn admin1_ish(&mut self) {
        self.location.admin1 = Some("ريف دمشق".into());
    }
}

/// A tiny deterministic PRNG (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const TOWNS: [(&str, f64, f64); 12] = [
    ("جاسم", 32.99, 36.06),
    ("انخل", 33.01, 36.13),
    ("طفس", 32.74, 36.07),
    ("عدوان", 32.78, 35.98),
    ("كناكر", 33.27, 36.09),
    ("داريا", 33.46, 36.24),
    ("دوما", 33.57, 36.40),
    ("سراقب", 35.86, 36.80),
    ("معرة النعمان", 35.65, 36.67),
    ("الميادين", 35.02, 40.45),
    ("البوكمال", 34.45, 40.92),
    ("منبج", 36.53, 37.95),
];

const WORDS: [&str; 24] = [
    "قوات",
    "النظام",
    "البلدة",
    "مصادر",
    "محلية",
    "أفادت",
    "الأهالي",
    "المنطقة",
    "عناصر",
    "حاجز",
    "الطريق",
    "المدينة",
    "الريف",
    "الجنوبي",
    "الشرقي",
    "اليوم",
    "أمس",
    "مقتل",
    "إصابة",
    "اشتباكات",
    "قصف",
    "غارات",
    "اعتقال",
    "حملة",
];

/// One synthetic incident: a town and a day (towns are far apart, days three apart, so
/// two incidents never match and clustering is order-independent).
pub fn incident(i: usize) -> (usize, chrono::NaiveDate) {
    let town = i % TOWNS.len();
    let day = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap()
        + chrono::Duration::days(3 * (i / TOWNS.len()) as i64);
    (town, day)
}

/// Synthetic document `n`: unique random text reporting 1–2 of `incidents` incidents
/// (each incident is reported by several documents).
pub fn synthetic(n: usize, incidents: usize) -> DocumentInput {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (n as u64 + 1).wrapping_mul(0x1000_0000_01b3));
    let words: Vec<&str> = (0..60)
        .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
        .collect();
    let k = 1 + rng.below(2) as usize;
    let picked: Vec<usize> = (0..k).map(|j| (n * 7 + j * 13) % incidents).collect();
    let mut text = format!("خبر رقم {n}\n{}\n", words.join(" "));
    for &i in &picked {
        text.push_str(&format!("اشتباكات في {} اليوم\n", TOWNS[incident(i).0].0));
    }
    let d = document(
        &format!("synthetic-{n}"),
        &text,
        Some("2021-01-01"),
        Some("synthetic"),
    );
    let mut seen = Vec::new();
    let reports = picked
        .into_iter()
        .filter(|i| {
            let fresh = !seen.contains(i);
            seen.push(*i);
            fresh
        })
        .map(|i| {
            let (town, day) = incident(i);
            let (name, lat, lon) = TOWNS[town];
            with(
                report(
                    &d,
                    SubEventType::ArmedClash,
                    name,
                    &format!("اشتباكات في {name}"),
                ),
                |e| {
                    e.date = Some(EventDate::absolute(day, TimePrecision::Day, ""));
                    e.actor1 = actor("regime");
                    e.location.lat = Some(lat);
                    e.location.lon = Some(lon);
                    e.fatalities = Some(rng.below(5) as u32);
                },
            )
        })
        .collect();
    DocumentInput {
        document: d,
        reports,
    }
}
