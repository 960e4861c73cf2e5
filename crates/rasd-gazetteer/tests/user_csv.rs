//! User places and aliases loaded at run time.

use rasd_core::{GeoPrecision, PlaceId};
use rasd_gazetteer::{Gazetteer, GazetteerError, PlaceContext, PlaceLevel, PlaceSource, key_of};

fn fresh() -> Gazetteer {
    Gazetteer::embedded().expect("embedded").as_ref().clone()
}

#[test]
fn user_places_and_aliases_are_indexed() {
    let mut g = fresh();
    let before = g.len();
    let csv = "\
# my places
name_ar,lat,lon,admin1,alt_names,alias_of,level,note
تل الزعتر,32.79,36.02,درعا,تل زعتر,,,a hill west of Daraa
حاجز المثلث,33.30,36.10,,,,facility,
كناكر البلد,,,,,geonames:168579,,
";
    assert_eq!(g.load_user_csv(csv.as_bytes()).unwrap(), 3);
    assert_eq!(g.len(), before + 2);
    let tel = g.by_id(&PlaceId::new("user:تل الزعتر")).unwrap();
    let p = g.place(tel);
    assert_eq!(p.source, PlaceSource::User);
    assert_eq!(p.admin1.as_ref().unwrap().name_ar, "درعا");
    assert!(p.admin3.is_some(), "admin units from the nearest town");
    for name in ["تل الزعتر", "تل زعتر"] {
        assert_eq!(
            g.lookup(&key_of(name)).first().map(|c| c.idx),
            Some(tel),
            "{name}"
        );
    }
    let checkpoint = g.lookup(&key_of("حاجز المثلث"));
    let r = g.resolve(checkpoint, &PlaceContext::new()).unwrap();
    assert_eq!(g.place(r.idx).level, PlaceLevel::Facility);
    assert_eq!(g.place(r.idx).admin1.as_ref().unwrap().name_ar, "ريف دمشق");
    let alias = g.lookup(&key_of("كناكر البلد"));
    assert_eq!(g.place(alias[0].idx).id.as_str(), "geonames:168579");
    // search sees the new names
    assert_eq!(g.search("تل الزعتر", 1)[0].0, tel);
    let loc = g.location(tel, "تل الزعتر", GeoPrecision::Exact);
    assert_eq!(loc.admin1.as_deref(), Some("درعا"));
}

#[test]
fn user_csv_errors_name_the_line() {
    let table = [
        ("name_ar,lat,lon\nا,33,36\nب,33,\n", 3, "together"),
        (
            "name_ar,lat,lon,admin1\nا,33,36,أورشليم\n",
            2,
            "unknown admin1",
        ),
        ("name_ar,alias_of\nا,geonames:0\n", 2, "unknown place id"),
        ("name_ar,near\nا,nowhere:1\n", 2, "unknown place id"),
        (
            "name_ar,lat,lon,level\nا,33,36,foreign\n",
            2,
            "needs a country",
        ),
        (
            "#c\n#c\nname_ar,lat,lon\nا,33,36\nب,x,36\n",
            5,
            "not a number",
        ),
        (
            "name_ar,lat,lon,id\nا,33,36,geonames:168579\n",
            2,
            "duplicate place id",
        ),
    ];
    for (csv, line, msg) in table {
        let mut g = fresh();
        match g.load_user_csv(csv.as_bytes()) {
            Err(GazetteerError::Csv {
                line: l, message, ..
            }) => {
                assert_eq!(l, line, "{csv:?}: {message}");
                assert!(message.contains(msg), "{csv:?}: {message}");
            }
            other => panic!("{csv:?}: {other:?}"),
        }
    }
}

#[test]
fn with_user_places_reads_a_file() {
    let dir = std::env::temp_dir().join(format!("rasd-gaz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("places.csv");
    std::fs::write(&path, "name_ar,lat,lon\nمزرعة الاختبار,35.0,38.0\n").unwrap();
    let g = Gazetteer::with_user_places(&path).unwrap();
    assert!(!g.lookup(&key_of("مزرعة الاختبار")).is_empty());
    assert!(
        Gazetteer::embedded()
            .unwrap()
            .lookup(&key_of("مزرعة الاختبار"))
            .is_empty()
    );
    let missing = Gazetteer::with_user_places(dir.join("none.csv"));
    assert!(
        matches!(missing, Err(GazetteerError::Io { .. })),
        "{missing:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
