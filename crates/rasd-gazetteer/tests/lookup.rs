//! Lookup, resolution and location of the places Syrian war reporting names.

use std::sync::Arc;

use rasd_core::{GeoPrecision, PlaceId};
use rasd_gazetteer::{
    AdminScope, Candidate, Direction, Gazetteer, PlaceContext, PlaceCue, PlaceIdx, PlaceLevel,
    ResolutionReason, key_of,
};

fn gaz() -> Arc<Gazetteer> {
    Gazetteer::embedded().expect("embedded gazetteer loads")
}

fn ids(g: &Gazetteer, cands: &[Candidate]) -> Vec<String> {
    cands
        .iter()
        .map(|c| g.place(c.idx).id.to_string())
        .collect()
}

fn idx(g: &Gazetteer, id: &str) -> PlaceIdx {
    g.by_id(&PlaceId::new(id))
        .unwrap_or_else(|| panic!("no place {id}"))
}

/// Resolves `name` with an optional admin phrase as context; returns (place id, admin1).
fn resolve(g: &Gazetteer, name: &str, admin: Option<&str>) -> (String, Option<String>, String) {
    let mut ctx = PlaceContext::new();
    if let Some(a) = admin {
        ctx = ctx.with_admin(
            g.admin_context_from(a)
                .unwrap_or_else(|| panic!("context {a}")),
        );
    }
    let r = g
        .resolve(g.lookup(&key_of(name)), &ctx)
        .unwrap_or_else(|| panic!("{name}"));
    let loc = g.location(r.idx, name, r.precision);
    (g.place(r.idx).id.to_string(), loc.admin1, loc.country)
}

#[test]
fn embedded_data_is_large_and_shared() {
    let g = gaz();
    assert!(g.len() > 10_000, "{}", g.len());
    assert!(Arc::ptr_eq(&g, &gaz()));
    let levels = |l| g.places().filter(|(_, p)| p.level == l).count();
    assert_eq!(levels(PlaceLevel::Governorate), 14);
    assert_eq!(levels(PlaceLevel::District), 62);
    assert_eq!(levels(PlaceLevel::Subdistrict), 272);
    assert!(levels(PlaceLevel::Neighbourhood) > 400);
    assert!(levels(PlaceLevel::Region) > 30);
    assert!(levels(PlaceLevel::Foreign) > 80);
}

#[test]
fn resolution_table_without_context() {
    let g = gaz();
    // (name, place id, admin1 as gold writes it, country)
    let table = [
        ("كناكر", "geonames:168579", Some("ريف دمشق"), "سوريا"),
        ("طفس", "geonames:163806", Some("درعا"), "سوريا"),
        ("جاسم", "geonames:165997", Some("درعا"), "سوريا"),
        ("إنخل", "geonames:169375", Some("درعا"), "سوريا"),
        ("انخل", "geonames:169375", Some("درعا"), "سوريا"),
        ("الصنمين", "geonames:172469", Some("درعا"), "سوريا"),
        ("صنمين", "geonames:172469", Some("درعا"), "سوريا"),
        ("سعسع", "geonames:164773", Some("ريف دمشق"), "سوريا"),
        ("البوكمال", "geonames:174448", Some("دير الزور"), "سوريا"),
        ("البو كمال", "geonames:174448", Some("دير الزور"), "سوريا"),
        ("بوكمال", "geonames:174448", Some("دير الزور"), "سوريا"),
        ("المزة", "ocha-nbhd:N0056", Some("دمشق"), "سوريا"),
        ("دمشق", "geonames:170654", Some("دمشق"), "سوريا"),
        ("درعا", "geonames:170905", Some("درعا"), "سوريا"),
        ("ريف دمشق", "ocha-adm1:SY03", Some("ريف دمشق"), "سوريا"),
        ("دير الزور", "geonames:170794", Some("دير الزور"), "سوريا"),
        ("ديرالزور", "geonames:170794", Some("دير الزور"), "سوريا"),
        ("إدلب", "geonames:169389", Some("إدلب"), "سوريا"),
        ("حماه", "geonames:170017", Some("حماة"), "سوريا"),
        ("الحسكه", "geonames:173811", Some("الحسكة"), "سوريا"),
        ("تدمر", "geonames:163808", Some("حمص"), "سوريا"),
        ("جسر الشغور", "geonames:169023", Some("إدلب"), "سوريا"),
        (
            "الغوطة الغربية",
            "region:western-ghouta",
            Some("ريف دمشق"),
            "سوريا",
        ),
        (
            "الغوطة الشرقية",
            "region:eastern-ghouta",
            Some("ريف دمشق"),
            "سوريا",
        ),
        ("البادية", "region:badia", None, "سوريا"),
        ("البادية السورية", "region:badia", None, "سوريا"),
        ("القائم", "foreign:iq-qaim", None, "العراق"),
        ("عرسال", "foreign:lb-arsal", None, "لبنان"),
        ("الزعتري", "foreign:jo-zaatari", None, "الأردن"),
        ("كوباني", "geonames:172256", Some("حلب"), "سوريا"),
        ("الشدادي", "geonames:172837", Some("الحسكة"), "سوريا"),
        ("القامشلي", "geonames:173377", Some("الحسكة"), "سوريا"),
        ("الرقة", "geonames:172955", Some("الرقة"), "سوريا"),
        ("اللاذقية", "geonames:173576", Some("اللاذقية"), "سوريا"),
        ("طرطوس", "geonames:163345", Some("طرطوس"), "سوريا"),
    ];
    for (name, id, admin1, country) in table {
        let (got, a1, c) = resolve(&g, name, None);
        assert_eq!(got, id, "{name}");
        assert_eq!(a1.as_deref(), admin1, "{name}");
        assert_eq!(c, country, "{name}");
    }
}

#[test]
fn kanaker_has_two_candidates_and_context_picks() {
    let g = gaz();
    let cands = g.lookup(&key_of("كناكر"));
    let mut got = ids(&g, cands);
    got.sort();
    assert_eq!(got, ["geonames:168579", "geonames:168580"]);
    let table = [
        ("ريف دمشق", "geonames:168579"),
        ("بريف دمشق الغربي", "geonames:168579"),
        ("ريف دمشق الغربي الجنوبي", "geonames:168579"),
        ("محافظة السويداء", "geonames:168580"),
        ("ريف السويداء", "geonames:168580"),
    ];
    for (admin, want) in table {
        let ctx = PlaceContext::new().with_admin(g.admin_context_from(admin).unwrap());
        let r = g.resolve(cands, &ctx).unwrap();
        assert_eq!(g.place(r.idx).id.as_str(), want, "{admin}");
        assert_eq!(r.reason, ResolutionReason::AdminContext, "{admin}");
    }
}

#[test]
fn other_context_sources_decide_homonyms() {
    let g = gaz();
    let adwan = g.lookup(&key_of("عدوان"));
    assert!(adwan.len() >= 2);
    // "عدوان غرب درعا": the Daraa Adwan
    let ctx = PlaceContext::new().with_admin(g.admin_context_from("غرب درعا").unwrap());
    assert_eq!(
        g.place(g.resolve(adwan, &ctx).unwrap().idx).id.as_str(),
        "geonames:174197"
    );
    // proximity to a place already resolved in the article (Tafas)
    let ctx = PlaceContext::new().with_resolved(idx(&g, "geonames:163806"));
    let r = g.resolve(adwan, &ctx).unwrap();
    assert_eq!(g.place(r.idx).id.as_str(), "geonames:174197");
    assert_eq!(r.reason, ResolutionReason::Proximity);
    // the article's dominant governorate: Idleb
    let ctx = PlaceContext::new().with_dominant_admin1("SY07");
    let r = g.resolve(adwan, &ctx).unwrap();
    assert_eq!(g.place(r.idx).admin1.as_ref().unwrap().name_ar, "إدلب");
    assert_eq!(r.reason, ResolutionReason::DominantGovernorate);
    // the Daraa Mzerea exists only as a curated entry next to Tafas
    let mz = g.lookup(&key_of("المزيرعة"));
    assert!(mz.len() >= 3, "{:?}", ids(&g, mz));
    let ctx = PlaceContext::new().with_admin(g.admin_context_from("ريف درعا الغربي").unwrap());
    assert_eq!(
        g.place(g.resolve(mz, &ctx).unwrap().idx).id.as_str(),
        "landmark:mzeirah-daraa"
    );
}

#[test]
fn country_context_never_picks_a_homonym_abroad_or_at_home() {
    let g = gaz();
    let tyre = g.lookup(&key_of("صور"));
    let lb = PlaceContext::new().with_country("لبنان");
    assert_eq!(
        g.place(g.resolve(tyre, &lb).unwrap().idx).country.as_ref(),
        "لبنان"
    );
    let deir = PlaceContext::new().with_admin(g.admin_context_from("ريف دير الزور").unwrap());
    assert!(g.place(g.resolve(tyre, &deir).unwrap().idx).is_syrian());
    let qaim = g.lookup(&key_of("القائم"));
    let syria = PlaceContext::new().with_country("سوريا");
    assert!(
        g.resolve(qaim, &syria).is_none(),
        "no Syrian القائم may be forced"
    );
    let iq = PlaceContext::new()
        .with_country(rasd_gazetteer::country_from_adjective("العراقية").unwrap());
    assert_eq!(
        g.resolve(qaim, &iq).unwrap().reason,
        ResolutionReason::Unique
    );
}

#[test]
fn city_by_default_governorate_after_its_cue() {
    let g = gaz();
    let cands = g.lookup(&key_of("درعا"));
    let levels: Vec<PlaceLevel> = cands.iter().map(|c| g.place(c.idx).level).collect();
    assert!(
        levels.contains(&PlaceLevel::PopulatedPlace) && levels.contains(&PlaceLevel::Governorate)
    );
    let r = g.resolve(cands, &PlaceContext::new()).unwrap();
    assert_eq!(g.place(r.idx).level, PlaceLevel::PopulatedPlace);
    assert_eq!(r.precision, GeoPrecision::Exact);
    let cue = PlaceCue::from_word("بمحافظة").unwrap();
    let r = g
        .resolve(cands, &PlaceContext::new().with_cue(cue))
        .unwrap();
    assert_eq!(g.place(r.idx).id.as_str(), "ocha-adm1:SY12");
    assert_eq!(r.precision, GeoPrecision::Region);
    let table = [
        ("درعا", "ocha-adm1:SY12"),
        ("محافظة درعا", "ocha-adm1:SY12"),
        ("دمشق", "ocha-adm1:SY01"),
        ("ريف دمشق", "ocha-adm1:SY03"),
        ("حماه", "ocha-adm1:SY05"),
        ("SY09", "ocha-adm1:SY09"),
    ];
    for (text, want) in table {
        assert_eq!(
            g.governorate(text).map(|p| p.id.as_str()),
            Some(want),
            "{text}"
        );
    }
    assert!(g.governorate("كناكر").is_none());
}

#[test]
fn rural_and_region_names_are_precision_three() {
    let g = gaz();
    let table = [
        ("ريف دمشق", "ocha-adm1:SY03", None),
        ("ريف درعا", "ocha-adm1:SY12", None),
        ("ريف حلب الشمالي", "ocha-adm1:SY02", Some(Direction::North)),
        ("ريف إدلب الجنوبي", "ocha-adm1:SY07", Some(Direction::South)),
        (
            "ريف دمشق الغربي الجنوبي",
            "ocha-adm1:SY03",
            Some(Direction::SouthWest),
        ),
        ("الغوطة الغربية", "region:western-ghouta", None),
        ("البادية", "region:badia", None),
        ("ريف حمص الشمالي", "region:northern-homs-countryside", None),
        ("العراق", "foreign:iq", None),
    ];
    for (name, id, dir) in table {
        let cands = g.lookup(&key_of(name));
        let r = g.resolve(cands, &PlaceContext::new()).unwrap();
        assert_eq!(g.place(r.idx).id.as_str(), id, "{name}");
        assert_eq!(r.precision, GeoPrecision::Region, "{name}");
        assert_eq!(r.candidate.direction, dir, "{name}");
        let loc = g.location_for(&r.candidate, name);
        assert_eq!(loc.geo_precision, GeoPrecision::Region, "{name}");
        assert!(loc.lat.is_some(), "{name}");
    }
    // a district seat's countryside is precision 2 at the town
    let r = g
        .resolve(g.lookup(&key_of("ريف القامشلي")), &PlaceContext::new())
        .unwrap();
    assert_eq!(g.place(r.idx).id.as_str(), "geonames:173377");
    assert_eq!(r.precision, GeoPrecision::Near);
}

#[test]
fn admin_context_table() {
    let g = gaz();
    // (phrase, place id, scope, rural, direction)
    let table = [
        (
            "ريف دمشق",
            "ocha-adm1:SY03",
            AdminScope::Governorate,
            true,
            None,
        ),
        (
            "ريف دمشق الغربي",
            "ocha-adm1:SY03",
            AdminScope::Governorate,
            true,
            Some(Direction::West),
        ),
        (
            "بريف دمشق الغربي الجنوبي",
            "ocha-adm1:SY03",
            AdminScope::Governorate,
            true,
            Some(Direction::SouthWest),
        ),
        (
            "محافظة درعا",
            "ocha-adm1:SY12",
            AdminScope::Governorate,
            false,
            None,
        ),
        (
            "في محافظة درعا",
            "ocha-adm1:SY12",
            AdminScope::Governorate,
            false,
            None,
        ),
        ("درعا", "geonames:170905", AdminScope::Town, false, None),
        (
            "ريف محافظة دير الزور",
            "ocha-adm1:SY09",
            AdminScope::Governorate,
            true,
            None,
        ),
        (
            "شمال درعا",
            "geonames:170905",
            AdminScope::Town,
            false,
            Some(Direction::North),
        ),
        (
            "جنوب غربي درعا",
            "geonames:170905",
            AdminScope::Town,
            false,
            Some(Direction::SouthWest),
        ),
        (
            "الريف الشمالي الشرقي لمحافظة حلب",
            "ocha-adm1:SY02",
            AdminScope::Governorate,
            true,
            Some(Direction::NorthEast),
        ),
        (
            "الريف الغربي لدرعا",
            "ocha-adm1:SY12",
            AdminScope::Governorate,
            true,
            Some(Direction::West),
        ),
        (
            "ريف القامشلي",
            "ocha-adm2:SY0802",
            AdminScope::District,
            true,
            None,
        ),
        (
            "الغوطة الشرقية",
            "region:eastern-ghouta",
            AdminScope::Region,
            false,
            None,
        ),
        (
            "ناحية جاسم",
            "ocha-adm3:SY120301",
            AdminScope::Subdistrict,
            false,
            None,
        ),
    ];
    for (phrase, id, scope, rural, dir) in table {
        let a = g
            .admin_context_from(phrase)
            .unwrap_or_else(|| panic!("{phrase}"));
        assert_eq!(g.place(a.place).id.as_str(), id, "{phrase}");
        assert_eq!(
            (a.scope, a.rural, a.direction),
            (scope, rural, dir),
            "{phrase}"
        );
    }
    for phrase in ["", "قوات النظام", "كناكر الجديدة"] {
        assert!(g.admin_context_from(phrase).is_none(), "{phrase}");
    }
}

#[test]
fn neighbourhoods_belong_to_their_city() {
    let g = gaz();
    let damascus = idx(&g, "geonames:170654");
    for name in [
        "المزة",
        "كفرسوسة",
        "جوبر",
        "القابون",
        "برزة",
        "الميدان",
        "باب توما",
        "ركن الدين",
    ] {
        let r = g
            .resolve(g.lookup(&key_of(name)), &PlaceContext::new())
            .unwrap();
        let p = g.place(r.idx);
        assert_eq!(p.level, PlaceLevel::Neighbourhood, "{name}: {}", p.id);
        assert_eq!(p.admin1.as_ref().unwrap().name_ar, "دمشق", "{name}");
        if p.id.as_str().starts_with("ocha-nbhd") {
            assert_eq!(g.parent_city(r.idx), Some(damascus), "{name}");
        }
    }
    // Aleppo's al-Midan with Aleppo in context
    let ctx = PlaceContext::new().with_admin(g.admin_context_from("حلب").unwrap());
    let r = g.resolve(g.lookup(&key_of("الميدان")), &ctx).unwrap();
    assert_eq!(g.place(r.idx).admin1.as_ref().unwrap().name_ar, "حلب");
}

#[test]
fn common_words_need_a_cue_and_windows_can_be_pruned() {
    let g = gaz();
    for (name, cue) in [
        ("الباب", true),
        ("عدوان", true),
        ("الثورة", true),
        ("طفس", false),
        ("كناكر", false),
    ] {
        let cands = g.lookup(&key_of(name));
        assert!(!cands.is_empty(), "{name}");
        assert!(cands.iter().all(|c| c.needs_cue == cue), "{name}");
    }
    assert!(g.is_prefix_of_longer_name("دير"));
    assert!(g.is_prefix_of_longer_name("ريف"));
    assert!(g.is_prefix_of_longer_name("الغوطه"));
    assert!(!g.is_prefix_of_longer_name("طفس"));
    assert!(!g.is_prefix_of_longer_name("قوات"));
    assert!(
        (4..=8).contains(&g.max_name_words()),
        "{}",
        g.max_name_words()
    );
    assert!(g.lookup("").is_empty());
    // the fallbacks: an ال the name lacks (الدوما → دوما), spaces the name lacks
    assert!(g.lookup_exact(&key_of("الدوما")).is_empty());
    assert_eq!(g.lookup(&key_of("الدوما")), g.lookup(&key_of("دوما")));
    assert!(g.lookup_exact(&key_of("جسر الشغور")).len() == g.lookup(&key_of("جسرالشغور")).len());
}

#[test]
fn locations_and_unresolved_locations() {
    let g = gaz();
    let kanaker = idx(&g, "geonames:168579");
    let loc = g.location(kanaker, "بلدة كناكر ", GeoPrecision::Exact);
    assert_eq!(loc.name, "بلدة كناكر");
    assert_eq!(loc.place_id, Some(PlaceId::new("geonames:168579")));
    assert_eq!(loc.admin1.as_deref(), Some("ريف دمشق"));
    assert_eq!(loc.admin1_pcode.as_deref(), Some("SY03"));
    assert_eq!(loc.admin2.as_deref(), Some("قطنا"));
    assert_eq!(loc.country, "سوريا");
    assert!(!loc.unresolved);
    let ctx = g.admin_context_from("ريف درعا الغربي").unwrap();
    let u = g.unresolved_location("تل الزعتر", Some(&ctx));
    assert!(u.unresolved);
    assert_eq!(u.admin1.as_deref(), Some("درعا"));
    assert_eq!(u.geo_precision, GeoPrecision::Region);
    let (lat, lon) = (u.lat.unwrap(), u.lon.unwrap());
    assert!(
        lon < 36.11 && (32.4..33.0).contains(&lat),
        "west of Daraa city: {lat} {lon}"
    );
    let near_town = g.admin_context_from("شمال جاسم").unwrap();
    let u = g.unresolved_location("تل الزعتر", Some(&near_town));
    assert_eq!(u.geo_precision, GeoPrecision::Near);
    assert_eq!(u.admin2.as_deref(), Some("ازرع"));
    let bare = g.unresolved_location("تل الزعتر", None);
    assert!(bare.unresolved && bare.lat.is_none() && bare.admin1.is_none());
}

#[test]
fn search_and_nearby() {
    let g = gaz();
    let top = |q: &str| -> Vec<String> {
        g.search(q, 5)
            .into_iter()
            .map(|(i, _)| g.place(i).id.to_string())
            .collect()
    };
    assert_eq!(top("كناكر")[0], "geonames:168579");
    assert!(
        top("Damascus").contains(&"geonames:170654".to_owned()),
        "{:?}",
        top("Damascus")
    );
    assert!(
        top("deir ez-zor").contains(&"geonames:170794".to_owned()),
        "{:?}",
        top("deir ez-zor")
    );
    assert!(
        top("دير الز").contains(&"geonames:170794".to_owned()),
        "{:?}",
        top("دير الز")
    );
    assert!(
        top("hama").contains(&"geonames:170017".to_owned()),
        "{:?}",
        top("hama")
    );
    assert!(g.search("", 5).is_empty());
    assert!(g.search("zzzzqqq", 5).is_empty());
    let near = g.nearby(33.5102, 36.2913, 3.0);
    assert_eq!(g.place(near[0]).id.as_str(), "geonames:170654");
    assert!(near.iter().all(|&i| {
        let p = g.place(i);
        rasd_gazetteer::distance_km(33.5102, 36.2913, p.lat, p.lon) <= 3.0
    }));
    assert!(
        near.iter()
            .any(|&i| g.place(i).level == PlaceLevel::Neighbourhood)
    );
    assert_eq!(
        g.by_id(&PlaceId::new("region:badia"))
            .map(|i| g.place(i).level),
        Some(PlaceLevel::Region)
    );
}
