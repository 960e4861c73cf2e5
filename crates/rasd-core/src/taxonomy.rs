//! ACLED's event taxonomy (event types and sub-event types, in ACLED's order of
//! precedence) and rasd's tags for Syrian reporting.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what}: {value:?}")]
pub struct ParseTaxonomyError {
    pub what: &'static str,
    pub value: String,
}

/// Implements `as_str`, `ALL`, `Display`, `FromStr` and string serde for a field-less enum
/// whose variants each have one canonical name.
macro_rules! named_enum {
    ($ty:ident, $what:literal, { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The canonical name, as written in exports and lexicons.
            pub const fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $ty {
            type Err = ParseTaxonomyError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let t = s.trim();
                $ty::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(t))
                    .ok_or_else(|| ParseTaxonomyError { what: $what, value: s.to_owned() })
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// ACLED event types, in ACLED's order of precedence (earlier wins when one incident fits
/// several).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventType {
    Battles,
    Protests,
    Riots,
    ExplosionsRemoteViolence,
    ViolenceAgainstCivilians,
    StrategicDevelopments,
}

named_enum!(EventType, "event type", {
    Battles => "Battles",
    Protests => "Protests",
    Riots => "Riots",
    ExplosionsRemoteViolence => "Explosions/Remote violence",
    ViolenceAgainstCivilians => "Violence against civilians",
    StrategicDevelopments => "Strategic developments",
});

impl EventType {
    /// ACLED's `disorder_type` column.
    pub const fn disorder_type(self) -> &'static str {
        match self {
            EventType::Battles
            | EventType::ExplosionsRemoteViolence
            | EventType::ViolenceAgainstCivilians => "Political violence",
            EventType::Protests | EventType::Riots => "Demonstrations",
            EventType::StrategicDevelopments => "Strategic developments",
        }
    }
}

/// ACLED sub-event types, grouped by event type and in ACLED's order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SubEventType {
    GovernmentRegainsTerritory,
    NonStateActorOvertakesTerritory,
    ArmedClash,
    ExcessiveForceAgainstProtesters,
    ProtestWithIntervention,
    PeacefulProtest,
    ViolentDemonstration,
    MobViolence,
    ChemicalWeapon,
    AirDroneStrike,
    SuicideBomb,
    ShellingArtilleryMissileAttack,
    RemoteExplosiveLandmineIed,
    Grenade,
    SexualViolence,
    Attack,
    AbductionForcedDisappearance,
    Agreement,
    Arrests,
    ChangeToGroupActivity,
    DisruptedWeaponsUse,
    HeadquartersOrBaseEstablished,
    LootingPropertyDestruction,
    NonViolentTransferOfTerritory,
    Other,
}

named_enum!(SubEventType, "sub-event type", {
    GovernmentRegainsTerritory => "Government regains territory",
    NonStateActorOvertakesTerritory => "Non-state actor overtakes territory",
    ArmedClash => "Armed clash",
    ExcessiveForceAgainstProtesters => "Excessive force against protesters",
    ProtestWithIntervention => "Protest with intervention",
    PeacefulProtest => "Peaceful protest",
    ViolentDemonstration => "Violent demonstration",
    MobViolence => "Mob violence",
    ChemicalWeapon => "Chemical weapon",
    AirDroneStrike => "Air/drone strike",
    SuicideBomb => "Suicide bomb",
    ShellingArtilleryMissileAttack => "Shelling/artillery/missile attack",
    RemoteExplosiveLandmineIed => "Remote explosive/landmine/IED",
    Grenade => "Grenade",
    SexualViolence => "Sexual violence",
    Attack => "Attack",
    AbductionForcedDisappearance => "Abduction/forced disappearance",
    Agreement => "Agreement",
    Arrests => "Arrests",
    ChangeToGroupActivity => "Change to group/activity",
    DisruptedWeaponsUse => "Disrupted weapons use",
    HeadquartersOrBaseEstablished => "Headquarters or base established",
    LootingPropertyDestruction => "Looting/property destruction",
    NonViolentTransferOfTerritory => "Non-violent transfer of territory",
    Other => "Other",
});

impl SubEventType {
    /// The event type this sub-event type belongs to.
    pub const fn event_type(self) -> EventType {
        use SubEventType::*;
        match self {
            GovernmentRegainsTerritory | NonStateActorOvertakesTerritory | ArmedClash => {
                EventType::Battles
            }
            ExcessiveForceAgainstProtesters | ProtestWithIntervention | PeacefulProtest => {
                EventType::Protests
            }
            ViolentDemonstration | MobViolence => EventType::Riots,
            ChemicalWeapon
            | AirDroneStrike
            | SuicideBomb
            | ShellingArtilleryMissileAttack
            | RemoteExplosiveLandmineIed
            | Grenade => EventType::ExplosionsRemoteViolence,
            SexualViolence | Attack | AbductionForcedDisappearance => {
                EventType::ViolenceAgainstCivilians
            }
            Agreement
            | Arrests
            | ChangeToGroupActivity
            | DisruptedWeaponsUse
            | HeadquartersOrBaseEstablished
            | LootingPropertyDestruction
            | NonViolentTransferOfTerritory
            | Other => EventType::StrategicDevelopments,
        }
    }

    /// Rank in ACLED's precedence: lower wins when one incident has several triggers.
    pub fn precedence(self) -> usize {
        SubEventType::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(usize::MAX)
    }

    /// Whether the sub-type is political violence (it can have fatalities).
    pub const fn is_violent(self) -> bool {
        matches!(
            self.event_type(),
            EventType::Battles
                | EventType::ExplosionsRemoteViolence
                | EventType::ViolenceAgainstCivilians
        )
    }
}

/// rasd's tags for Syrian reporting, added to ACLED's sub-event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tag {
    Siege,
    Blockade,
    WaterCut,
    Curfew,
    Reinforcement,
    Displacement,
    Negotiation,
    HostageTaking,
    Assassination,
    Release,
    Execution,
    Kidnapping,
    Chemical,
    BarrelBomb,
    PrisonerExchange,
}

named_enum!(Tag, "tag", {
    Siege => "siege",
    Blockade => "blockade",
    WaterCut => "water-cut",
    Curfew => "curfew",
    Reinforcement => "reinforcement",
    Displacement => "displacement",
    Negotiation => "negotiation",
    HostageTaking => "hostage-taking",
    Assassination => "assassination",
    Release => "release",
    Execution => "execution",
    Kidnapping => "kidnapping",
    Chemical => "chemical",
    BarrelBomb => "barrel-bomb",
    PrisonerExchange => "prisoner-exchange",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in SubEventType::ALL {
            assert_eq!(s.as_str().parse::<SubEventType>(), Ok(*s));
        }
        for t in EventType::ALL {
            assert_eq!(t.as_str().parse::<EventType>(), Ok(*t));
        }
        for t in Tag::ALL {
            assert_eq!(t.as_str().parse::<Tag>(), Ok(*t));
        }
    }

    #[test]
    fn sub_types_belong_to_their_type() {
        let table = [
            (SubEventType::ArmedClash, EventType::Battles),
            (SubEventType::PeacefulProtest, EventType::Protests),
            (SubEventType::MobViolence, EventType::Riots),
            (
                SubEventType::AirDroneStrike,
                EventType::ExplosionsRemoteViolence,
            ),
            (
                SubEventType::AbductionForcedDisappearance,
                EventType::ViolenceAgainstCivilians,
            ),
            (SubEventType::Arrests, EventType::StrategicDevelopments),
            (SubEventType::Other, EventType::StrategicDevelopments),
        ];
        for (sub, ty) in table {
            assert_eq!(sub.event_type(), ty, "{sub}");
        }
    }

    #[test]
    fn precedence_follows_acled_order() {
        assert!(SubEventType::ArmedClash.precedence() < SubEventType::AirDroneStrike.precedence());
        assert!(SubEventType::SuicideBomb.precedence() < SubEventType::Attack.precedence());
        assert!(SubEventType::Agreement.precedence() < SubEventType::Other.precedence());
    }

    #[test]
    fn serde_uses_acled_names() {
        let json = serde_json::to_string(&SubEventType::RemoteExplosiveLandmineIed).unwrap();
        assert_eq!(json, "\"Remote explosive/landmine/IED\"");
        let back: SubEventType = serde_json::from_str(&json).unwrap();
        assert_eq!(back, SubEventType::RemoteExplosiveLandmineIed);
        assert!(serde_json::from_str::<Tag>("\"nonsense\"").is_err());
    }
}
