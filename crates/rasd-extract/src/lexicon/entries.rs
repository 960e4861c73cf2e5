//! The compiled payloads of lexicon entries.

use rasd_core::{Actor, SubEventType, Tag};

/// How a trigger's sub-event type is decided (lexicons/triggers.toml, `role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TriggerRole {
    Event,
    Attack,
    Territory,
    Detention,
    Killing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    pub sub_event_type: SubEventType,
    pub role: TriggerRole,
    pub tags: Vec<Tag>,
    pub confidence: f32,
    /// The trigger states an event only when its paragraph names an actor (a bare اتفاق
    /// may be a business deal).
    pub needs_actor: bool,
    /// The trigger's grammatical subject is the target (تعرضت القاعدة لقصف، تصدت الدفاعات
    /// الجوية لصواريخ): actors before it are actor2, the attacker comes after it.
    pub subject_is_target: bool,
}

/// Weapon classes, in increasing priority: when a clause names several, the greatest
/// decides the sub-event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WeaponClass {
    Firearm,
    Shelling,
    Ied,
    Grenade,
    Air,
    Barrel,
    Suicide,
    Chemical,
}

impl WeaponClass {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "firearm" => WeaponClass::Firearm,
            "shelling" => WeaponClass::Shelling,
            "ied" => WeaponClass::Ied,
            "grenade" => WeaponClass::Grenade,
            "air" => WeaponClass::Air,
            "barrel" => WeaponClass::Barrel,
            "suicide" => WeaponClass::Suicide,
            "chemical" => WeaponClass::Chemical,
            _ => return None,
        })
    }

    /// The sub-event type an attack with this weapon has (None for firearms: the target
    /// decides).
    pub fn sub_event_type(self) -> Option<SubEventType> {
        Some(match self {
            WeaponClass::Firearm => return None,
            WeaponClass::Shelling => SubEventType::ShellingArtilleryMissileAttack,
            WeaponClass::Ied => SubEventType::RemoteExplosiveLandmineIed,
            WeaponClass::Grenade => SubEventType::Grenade,
            WeaponClass::Air | WeaponClass::Barrel => SubEventType::AirDroneStrike,
            WeaponClass::Suicide => SubEventType::SuicideBomb,
            WeaponClass::Chemical => SubEventType::ChemicalWeapon,
        })
    }

    pub fn tag(self) -> Option<Tag> {
        match self {
            WeaponClass::Barrel => Some(Tag::BarrelBomb),
            WeaponClass::Chemical => Some(Tag::Chemical),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weapon {
    pub class: WeaponClass,
    pub standalone: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    pub actor: Actor,
    pub victim: bool,
    pub air_power: bool,
    pub generic: bool,
    /// A nationality adjective (إسرائيلية، أميركي): names an actor only right after an
    /// attack word, a weapon or a target noun (غارات أميركية، شاحنات إيرانية).
    pub nisba: bool,
    /// Attacked, never attacking (a base): fills actor2 only.
    pub target_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CasualtyKind {
    Killed,
    Injured,
    Detained,
    Displaced,
    /// No casualties at all (دون خسائر بشرية).
    NoCasualties,
}

/// Where the number stands relative to a casualty cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberPosition {
    After,
    Before,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CasualtyCue {
    pub kind: CasualtyKind,
    pub position: NumberPosition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModalityEffect {
    NotEvent,
    Unconfirmed,
    Background,
    Aggregate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModalityScope {
    /// The next `window` words of the clause.
    Next(usize),
    Clause,
    /// The rest of the sentence.
    Rest,
    Sentence,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModalityCue {
    pub effect: ModalityEffect,
    pub scope: ModalityScope,
    pub factor: f32,
}

/// What kind of place a cue word announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceCueKind {
    Settlement,
    Neighbourhood,
    Camp,
    Facility,
    Region,
    Governorate,
    Countryside,
    Border,
}

impl PlaceCueKind {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "settlement" => PlaceCueKind::Settlement,
            "neighbourhood" => PlaceCueKind::Neighbourhood,
            "camp" => PlaceCueKind::Camp,
            "facility" => PlaceCueKind::Facility,
            "region" => PlaceCueKind::Region,
            "governorate" => PlaceCueKind::Governorate,
            "countryside" => PlaceCueKind::Countryside,
            "border" => PlaceCueKind::Border,
            _ => return None,
        })
    }
}

/// A compass bearing, in degrees from north.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bearing(pub f64);

impl Bearing {
    pub fn parse(s: &str) -> Option<Self> {
        Some(Bearing(match s {
            "n" => 0.0,
            "ne" => 45.0,
            "e" => 90.0,
            "se" => 135.0,
            "s" => 180.0,
            "sw" => 225.0,
            "w" => 270.0,
            "nw" => 315.0,
            _ => return None,
        }))
    }
}

/// What an anaphor (البلدة) can refer back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnaphorKind {
    Settlement,
    Camp,
    Governorate,
    Any,
}

impl AnaphorKind {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "settlement" => AnaphorKind::Settlement,
            "camp" => AnaphorKind::Camp,
            "governorate" => AnaphorKind::Governorate,
            "any" => AnaphorKind::Any,
            _ => return None,
        })
    }
}
