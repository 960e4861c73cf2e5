use super::*;

#[test]
fn builtin_lexicon_compiles_and_covers_every_table() {
    let lex = Lexicon::builtin().unwrap();
    assert!(lex.triggers.len() > 20);
    assert!(lex.weapons.len() >= 8);
    assert!(lex.actors.len() > 20);
    assert!(!lex.casualties.is_empty());
    assert!(!lex.modality.is_empty());
    assert!(!lex.place_cues.is_empty());
    assert!(!lex.proximity.is_empty());
    assert_eq!(lex.directions.len(), 8);
    assert!(!lex.anaphors.is_empty());
}

#[test]
fn every_guideline_sub_event_type_has_a_trigger() {
    // GUIDELINES §3, the Syrian mapping: each listed sub-type must be reachable from a
    // trigger or a weapon.
    let lex = Lexicon::builtin().unwrap();
    let mut reachable: Vec<SubEventType> = lex
        .triggers
        .entries()
        .map(|(_, t)| t.sub_event_type)
        .collect();
    reachable.extend(
        lex.weapons
            .entries()
            .filter_map(|(_, w)| w.class.sub_event_type()),
    );
    for sub in [
        SubEventType::ShellingArtilleryMissileAttack,
        SubEventType::AirDroneStrike,
        SubEventType::RemoteExplosiveLandmineIed,
        SubEventType::SuicideBomb,
        SubEventType::ArmedClash,
        SubEventType::NonStateActorOvertakesTerritory,
        SubEventType::Arrests,
        SubEventType::AbductionForcedDisappearance,
        SubEventType::Attack,
        SubEventType::Agreement,
        SubEventType::Other,
        SubEventType::ChangeToGroupActivity,
        SubEventType::PeacefulProtest,
        SubEventType::ChemicalWeapon,
        SubEventType::Grenade,
        SubEventType::DisruptedWeaponsUse,
    ] {
        assert!(reachable.contains(&sub), "{sub} has no trigger");
    }
}

#[test]
fn user_entry_replaces_a_builtin_pattern() {
    let user = r#"
[[actor]]
patterns = ["قوات النظام"]
actor = "pro-regime-militia"

[[trigger]]
patterns = ["تفحيط"]
sub_event_type = "Mob violence"
"#;
    let lex = Lexicon::with_user_sources(&[("mine.toml", user)]).unwrap();
    let owners: Vec<&ActorEntry> = lex
        .actors
        .entries()
        .filter(|(pats, _)| pats.iter().any(|p| p.source == "قوات النظام"))
        .map(|(_, a)| a)
        .collect();
    assert_eq!(owners.len(), 1);
    assert_eq!(owners[0].actor.to_string(), "pro-regime-militia");
    assert!(
        lex.triggers
            .entries()
            .any(|(_, t)| t.sub_event_type == SubEventType::MobViolence)
    );
}

#[test]
fn errors_name_the_file_the_entry_and_the_reason() {
    let table = [
        (
            "[[trigger]]\npatterns = [\"x y\"]\nsub_event_type = \"Explosions\"",
            "[[trigger]] entry 1: unknown sub-event type",
        ),
        (
            "[[actor]]\npatterns = [\"قوات\"]\nactor = \"martians\"",
            "unknown actor key",
        ),
        (
            "[[weapon]]\npatterns = [\"_ قصف\"]\nclass = \"air\"",
            "must start with a word",
        ),
        (
            "[[trigger]]\npatterns = []\nsub_event_type = \"Other\"",
            "no patterns",
        ),
        (
            "[[modality]]\npatterns = [\"هدد\"]\neffect = \"maybe\"",
            "unknown effect",
        ),
        ("[[triger]]\npatterns = [\"هدد\"]", "not valid TOML"),
    ];
    for (text, want) in table {
        let err = Lexicon::with_user_sources(&[("user.toml", text)])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("user.toml"), "{err}");
        assert!(err.contains(want), "{err} should mention {want}");
    }
}
