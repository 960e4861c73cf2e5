//! Extraction rules, one synthetic article each (invented text, not from the evaluation
//! sets): what becomes an event, where, when, by whom, how many.

mod common;

use common::{extract, extract_published, summary};
use rasd_core::{ActorKind, SubEventType};

fn subs(text: &str) -> Vec<(String, String)> {
    summary(&extract(text))
}

fn pair(sub: &str, place: &str) -> (String, String) {
    (sub.to_owned(), place.to_owned())
}

#[test]
fn a_shelling_with_its_weapon_place_and_toll() {
    let events = extract("قصفت قوات النظام بلدة الحراك بقذائف الهاون ما أدى لمقتل أربعة مدنيين.");
    assert_eq!(
        summary(&events),
        vec![pair("Shelling/artillery/missile attack", "الحراك")]
    );
    let e = &events[0];
    assert_eq!(e.fatalities, Some(4));
    assert_eq!(e.fatalities_civilians, Some(4));
    assert_eq!(e.actor1.as_ref().map(|a| a.kind), Some(ActorKind::Regime));
    assert_eq!(
        e.actor2.as_ref().map(|a| a.kind),
        Some(ActorKind::Civilians)
    );
    assert_eq!(e.location.admin1.as_deref(), Some("درعا"));
}

#[test]
fn threats_denials_and_plans_are_not_events() {
    for text in [
        "هددت قوات النظام باقتحام مدينة الرستن خلال الساعات القادمة.",
        "نفى مصدر عسكري قصف مدينة الرستن.",
        "تستعد القوات التركية لشن هجوم على مدينة منبج.",
        "طالب الأهالي بالإفراج عن المعتقلين في مدينة الرستن.",
    ] {
        assert!(subs(text).is_empty(), "{text}: {:?}", subs(text));
    }
}

#[test]
fn an_unconfirmed_report_is_kept_with_less_confidence() {
    let sure = extract("توصل وجهاء مدينة الحارة وضباط النظام إلى اتفاق لوقف التصعيد.");
    let rumour =
        extract("وسط أنباء عن توصل وجهاء مدينة الحارة وضباط النظام إلى اتفاق لوقف التصعيد.");
    assert_eq!(summary(&sure), vec![pair("Agreement", "الحارة")]);
    assert_eq!(summary(&rumour), summary(&sure));
    assert!(rumour[0].confidence < sure[0].confidence);
}

#[test]
fn the_town_is_the_articles_town() {
    // البلدة refers back to the town the article is about, not to the last place named.
    let text = "فرضت قوات النظام طوقاً أمنياً على بلدة الحراك في ريف درعا.\n\
                ونقلت مصادر من مدينة إزرع أن دورية اعتقلت ثلاثة شبان من داخل البلدة أمس.";
    let events = extract(text);
    let arrest = events
        .iter()
        .find(|e| e.sub_event_type == SubEventType::Arrests)
        .expect("arrest");
    assert_eq!(arrest.location.name, "الحراك");
    assert_eq!(arrest.detained, Some(3));
    assert_eq!(arrest.date.as_ref().and_then(|d| d.relative_days), Some(-1));
}

#[test]
fn each_town_of_a_list_is_an_event() {
    let got = subs("استهدفت غارات جوية مدن معرة النعمان وسراقب وأريحا.");
    assert_eq!(
        got,
        vec![
            pair("Air/drone strike", "معرة النعمان"),
            pair("Air/drone strike", "سراقب"),
            pair("Air/drone strike", "أريحا"),
        ]
    );
}

#[test]
fn where_a_party_is_based_is_not_where_it_acted() {
    // The checkpoint is in Izraa; the arrest happened in al-Hirak.
    let got = subs("داهمت دورية من فرع الأمن العسكري في إزرع منازل في بلدة الحراك واعتقلت شابين.");
    assert_eq!(got, vec![pair("Arrests", "الحراك")]);
}

#[test]
fn recalled_events_are_background() {
    let events = extract_published(
        "وكانت مدينة الرستن قد خضعت لاتفاق تسوية عام 2018.",
        "2024-05-02",
    );
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| e.background), "{events:?}");
}

#[test]
fn dates_resolve_against_publication_and_weekday_cues() {
    let e = extract_published(
        "قصف الطيران الحربي مدينة أريحا يوم الجمعة الماضي.",
        "2024-05-07",
    );
    assert_eq!(
        e[0].date
            .as_ref()
            .and_then(|d| d.value)
            .map(|d| d.to_string())
            .as_deref(),
        Some("2024-05-03")
    );
    // A weekday cue moves the day back from a collection date that is a day late.
    let e = extract_published("قصفت قوات النظام اليوم (الاثنين) مدينة أريحا.", "2024-05-07");
    assert_eq!(
        e[0].date
            .as_ref()
            .and_then(|d| d.value)
            .map(|d| d.to_string())
            .as_deref(),
        Some("2024-05-06")
    );
}

#[test]
fn a_sub_type_follows_the_weapon_and_the_agent() {
    assert_eq!(
        subs("استهدف هجوم بطائرة مسيرة قاعدة التنف."),
        vec![pair("Air/drone strike", "قاعدة التنف")]
    );
    assert_eq!(
        subs("انفجرت عبوة ناسفة بسيارة عسكرية في مدينة الصنمين."),
        vec![pair("Remote explosive/landmine/IED", "الصنمين")]
    );
    assert_eq!(
        subs("فجر انتحاري نفسه بحزام ناسف في مدينة الصنمين."),
        vec![pair("Suicide bomb", "الصنمين")]
    );
    // Israel's attacks without a stated weapon are air strikes.
    assert_eq!(
        subs("استهدف العدوان الإسرائيلي مواقع في مدينة مصياف."),
        vec![pair("Air/drone strike", "مصياف")]
    );
}

#[test]
fn territory_changes_hands_by_who_takes_it() {
    assert_eq!(
        subs("سيطرت هيئة تحرير الشام على بلدة كفرنبل."),
        vec![pair("Non-state actor overtakes territory", "كفرنبل")]
    );
    assert_eq!(
        subs("استعادت قوات النظام السيطرة على بلدة كفرنبل."),
        vec![pair("Government regains territory", "كفرنبل")]
    );
}

#[test]
fn abduction_by_armed_groups_and_arrest_by_the_state() {
    assert_eq!(
        subs("اعتقلت قوات النظام خمسة شبان في مدينة جاسم."),
        vec![pair("Arrests", "جاسم")]
    );
    assert_eq!(
        subs("خطف مسلحون مجهولون طبيباً في مدينة جاسم."),
        vec![pair("Abduction/forced disappearance", "جاسم")]
    );
}

#[test]
fn totals_over_long_periods_are_not_events() {
    assert!(
        subs("قتل 3200 عنصر من التنظيم في غارات التحالف على محافظة الرقة منذ بدء الحملة.")
            .is_empty()
    );
}

#[test]
fn events_abroad_are_left_out_by_default() {
    assert!(subs("قصفت الطائرات الإسرائيلية بلدة عيتا الشعب في جنوب لبنان.").is_empty());
}

#[test]
fn a_sentence_of_deaths_joins_the_incident_told_before_it() {
    let events = extract(
        "انفجرت سيارة مفخخة في سوق مدينة أعزاز.\nوأسفر الانفجار عن مقتل 6 أشخاص وإصابة 20 آخرين.",
    );
    assert_eq!(
        summary(&events),
        vec![pair("Remote explosive/landmine/IED", "أعزاز")]
    );
    assert_eq!(events[0].fatalities, Some(6));
    assert_eq!(events[0].injured, Some(20));
}

fn actors(e: &rasd_core::Event) -> (Option<ActorKind>, Option<ActorKind>) {
    (
        e.actor1.as_ref().map(|a| a.kind),
        e.actor2.as_ref().map(|a| a.kind),
    )
}

#[test]
fn the_subject_of_a_passive_or_a_defence_is_the_target() {
    let table = [
        // تعرض … لقصف: the base is hit; the attacker follows.
        (
            "تعرضت القاعدة الأميركية في حقل العمر بريف دير الزور لقصف صاروخي من قبل ميليشيات إيرانية.",
            (Some(ActorKind::IranianMilitias), Some(ActorKind::Usa)),
        ),
        // تصدى … لهجوم: the defenders are actor2, the attackers actor1.
        (
            "تصدت فصائل المعارضة لهجوم شنته قوات النظام على بلدة كفرنبودة في ريف حماة.",
            (Some(ActorKind::Regime), Some(ActorKind::Rebels)),
        ),
    ];
    for (text, want) in table {
        let events = extract(text);
        assert!(!events.is_empty(), "{text}: no event");
        assert_eq!(actors(&events[0]), want, "{text}");
    }
}

#[test]
fn a_nationality_adjective_names_the_attacker_only_after_an_attack_word() {
    let strike = extract("شنت طائرات إسرائيلية غارات على مواقع في محيط مطار الشعيرات بريف حمص.");
    assert_eq!(strike[0].sub_event_type, SubEventType::AirDroneStrike);
    assert_eq!(actors(&strike[0]).0, Some(ActorKind::Israel));
    // "Iranian media" said it; nobody Iranian attacked.
    let media = extract("قصفت قوات النظام بلدة الهبيط في ريف إدلب بحسب وسائل إعلام إيرانية.");
    assert_eq!(actors(&media[0]).0, Some(ActorKind::Regime));
}

#[test]
fn an_attack_with_no_named_attacker_gets_the_unidentified_actor() {
    let events =
        extract("انفجرت عبوة ناسفة بسيارة عسكرية على طريق بلدة اليادودة في ريف درعا الغربي.");
    assert_eq!(
        events[0].sub_event_type,
        SubEventType::RemoteExplosiveLandmineIed
    );
    assert_eq!(
        actors(&events[0]).0,
        Some(ActorKind::UnidentifiedArmedGroup)
    );
}

fn keys(e: &rasd_core::Event) -> (Option<String>, Option<String>, Vec<String>) {
    (
        e.actor1.as_ref().map(|a| a.key()),
        e.actor2.as_ref().map(|a| a.key()),
        e.assoc_actor2.iter().map(|a| a.key()).collect(),
    )
}

#[test]
fn a_detention_names_its_victim_group_and_its_agent_after_the_complements() {
    let events = extract(
        "نفذت قوات النظام عملية اعتقال امرأتين مع طفلين من داخل مدينة جاسم من قبل فرع فلسطين.",
    );
    assert_eq!(summary(&events), vec![pair("Arrests", "جاسم")]);
    assert_eq!(
        keys(&events[0]),
        (
            Some("regime:military-intelligence".into()),
            Some("civilians:women".into()),
            vec!["civilians:children".into()]
        )
    );
    let events = extract("اعتقلت قوات النظام خمسة شبان في مدينة جاسم.");
    assert_eq!(
        keys(&events[0]).1.as_deref(),
        Some("civilians:young-men"),
        "a victim group has no base: the arrest stays in Jasim"
    );
    assert_eq!(summary(&events), vec![pair("Arrests", "جاسم")]);
    // An agent phrase after a time connective belongs to what follows it.
    let by_isis = |text: &str| {
        extract(text)
            .iter()
            .any(|e| e.actor1.as_ref().is_some_and(|a| a.kind == ActorKind::Isis))
    };
    assert!(by_isis(
        "أفاد ناشطون باعتقال شاب في مدينة جاسم من قبل عناصر تنظيم داعش."
    ));
    assert!(!by_isis(
        "أفاد ناشطون باعتقال شاب في مدينة جاسم بعد ملاحقته من قبل عناصر تنظيم داعش."
    ));
}

#[test]
fn an_event_told_as_a_cause_is_kept_as_background() {
    let events =
        extract("هاجم مسلحون حاجزاً لقوات النظام في بلدة الحراك رداً على اعتقال 3 نساء من البلدة.");
    // The detention (an abduction: the armed men of the sentence are its nearest agent).
    let detention = events
        .iter()
        .find(|e| {
            e.actor2
                .as_ref()
                .is_some_and(|a| a.key() == "civilians:women")
        })
        .expect("the detention told as the cause");
    assert!(detention.background);
    assert!(matches!(
        detention.sub_event_type,
        SubEventType::Arrests | SubEventType::AbductionForcedDisappearance
    ));
    assert!(
        events
            .iter()
            .any(|e| !e.background && e.sub_event_type == SubEventType::ArmedClash),
        "{:?}",
        summary(&events)
    );
}
