//! English names from the embedded gazetteer.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use rasd_core::{GeoPrecision, Location, PlaceId};
use rasd_export::Names;
use rasd_export::names::LocationNames;
use rasd_gazetteer::Gazetteer;

fn kanaker() -> Location {
    let mut l = Location::unresolved("كناكر", GeoPrecision::Exact);
    l.place_id = Some(PlaceId::new("geonames:168579"));
    l.admin1 = Some("ريف دمشق".into());
    l.admin1_pcode = Some("SY03".into());
    l.admin2 = Some("قطنا".into());
    l.admin2_pcode = Some("SY0308".into());
    l.admin3 = Some("سعسع".into());
    l.admin3_pcode = Some("SY030802".into());
    l.unresolved = false;
    l
}

#[test]
fn pcodes_and_place_ids_become_english_names() {
    let names = Names::new(Gazetteer::embedded().unwrap());
    let got = names.location(&kanaker());
    assert_eq!(got.admin1, "Rural Damascus");
    assert!(got.admin2.is_ascii() && !got.admin2.is_empty(), "{got:?}");
    assert!(got.admin3.is_ascii() && !got.admin3.is_empty(), "{got:?}");
    assert!(got.location.to_lowercase().starts_with("kanak"), "{got:?}");
}

#[test]
fn unknown_units_keep_their_arabic_names() {
    let names = Names::new(Gazetteer::embedded().unwrap());
    let mut l = kanaker();
    l.place_id = None;
    l.admin1_pcode = Some("XX99".into());
    l.admin2_pcode = None;
    l.admin3 = None;
    l.admin3_pcode = None;
    assert_eq!(
        names.location(&l),
        LocationNames {
            admin1: "ريف دمشق".into(),
            admin2: "قطنا".into(),
            admin3: String::new(),
            location: "كناكر".into(),
        }
    );
    assert_eq!(Names::arabic().location(&kanaker()).admin1, "ريف دمشق");
}
