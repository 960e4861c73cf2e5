//! Actors: a normalised kind (the keys of GUIDELINES §4) plus an optional unit
//! (`regime:4th-division`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown actor key: {0:?}")]
pub struct ParseActorError(pub String);

/// The kinds of actor rasd codes. The string keys are the ones of the gold guidelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActorKind {
    Regime,
    ProRegimeMilitia,
    Russia,
    Iran,
    IranianMilitias,
    Hezbollah,
    Isis,
    Nusra,
    Rebels,
    FormerRebels,
    LocalArmedGroup,
    UnidentifiedArmedGroup,
    Sdf,
    Turkey,
    TurkishBackedFactions,
    InternationalCoalition,
    Israel,
    Usa,
    Iraq,
    Lebanon,
    Jordan,
    Civilians,
    Protesters,
    Notables,
    Unidentified,
}

/// ACLED's actor categories (the `inter1`/`inter2` codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InterCode {
    StateForces = 1,
    RebelGroups = 2,
    PoliticalMilitias = 3,
    IdentityMilitias = 4,
    Rioters = 5,
    Protesters = 6,
    Civilians = 7,
    ExternalOtherForces = 8,
}

impl ActorKind {
    pub const ALL: &'static [ActorKind] = &[
        ActorKind::Regime,
        ActorKind::ProRegimeMilitia,
        ActorKind::Russia,
        ActorKind::Iran,
        ActorKind::IranianMilitias,
        ActorKind::Hezbollah,
        ActorKind::Isis,
        ActorKind::Nusra,
        ActorKind::Rebels,
        ActorKind::FormerRebels,
        ActorKind::LocalArmedGroup,
        ActorKind::UnidentifiedArmedGroup,
        ActorKind::Sdf,
        ActorKind::Turkey,
        ActorKind::TurkishBackedFactions,
        ActorKind::InternationalCoalition,
        ActorKind::Israel,
        ActorKind::Usa,
        ActorKind::Iraq,
        ActorKind::Lebanon,
        ActorKind::Jordan,
        ActorKind::Civilians,
        ActorKind::Protesters,
        ActorKind::Notables,
        ActorKind::Unidentified,
    ];

    /// The key used in lexicons, gold files and exports.
    pub const fn key(self) -> &'static str {
        use ActorKind::*;
        match self {
            Regime => "regime",
            ProRegimeMilitia => "pro-regime-militia",
            Russia => "russia",
            Iran => "iran",
            IranianMilitias => "iranian-militias",
            Hezbollah => "hezbollah",
            Isis => "isis",
            Nusra => "nusra",
            Rebels => "rebels",
            FormerRebels => "former-rebels",
            LocalArmedGroup => "local-armed-group",
            UnidentifiedArmedGroup => "unidentified-armed-group",
            Sdf => "sdf",
            Turkey => "turkey",
            TurkishBackedFactions => "turkish-backed-factions",
            InternationalCoalition => "international-coalition",
            Israel => "israel",
            Usa => "usa",
            Iraq => "iraq",
            Lebanon => "lebanon",
            Jordan => "jordan",
            Civilians => "civilians",
            Protesters => "protesters",
            Notables => "notables",
            Unidentified => "unidentified",
        }
    }

    /// The actor's name in the style of ACLED's actor list, for the CSV export.
    pub const fn acled_name(self) -> &'static str {
        use ActorKind::*;
        match self {
            Regime => "Military Forces of Syria",
            ProRegimeMilitia => "Pro-Government Militia (Syria)",
            Russia => "Military Forces of Russia",
            Iran => "Military Forces of Iran",
            IranianMilitias => "Iran-backed Militias (Syria)",
            Hezbollah => "Hezbollah",
            Isis => "Islamic State (Syria)",
            Nusra => "Hayat Tahrir al Sham",
            Rebels => "Opposition Rebels (Syria)",
            FormerRebels => "Former Opposition Rebels (Syria)",
            LocalArmedGroup => "Local Armed Group (Syria)",
            UnidentifiedArmedGroup => "Unidentified Armed Group (Syria)",
            Sdf => "SDF: Syrian Democratic Forces",
            Turkey => "Military Forces of Turkey",
            TurkishBackedFactions => "SNA: Syrian National Army",
            InternationalCoalition => "International Coalition",
            Israel => "Military Forces of Israel",
            Usa => "Military Forces of the United States",
            Iraq => "Military Forces of Iraq",
            Lebanon => "Military Forces of Lebanon",
            Jordan => "Military Forces of Jordan",
            Civilians => "Civilians (Syria)",
            Protesters => "Protesters (Syria)",
            Notables => "Notables and Reconciliation Committees (Syria)",
            Unidentified => "Unidentified",
        }
    }

    /// ACLED's actor category.
    pub const fn inter_code(self) -> InterCode {
        use ActorKind::*;
        match self {
            Regime => InterCode::StateForces,
            Russia
            | Iran
            | Turkey
            | InternationalCoalition
            | Israel
            | Usa
            | Iraq
            | Lebanon
            | Jordan => InterCode::ExternalOtherForces,
            ProRegimeMilitia | IranianMilitias | Hezbollah => InterCode::PoliticalMilitias,
            Isis | Nusra | Rebels | Sdf | TurkishBackedFactions => InterCode::RebelGroups,
            FormerRebels | LocalArmedGroup | UnidentifiedArmedGroup | Notables => {
                InterCode::IdentityMilitias
            }
            Civilians => InterCode::Civilians,
            Protesters => InterCode::Protesters,
            Unidentified => InterCode::ExternalOtherForces,
        }
    }

    /// Whether this kind is an armed party (as opposed to civilians, protesters, notables).
    pub const fn is_armed(self) -> bool {
        !matches!(
            self,
            ActorKind::Civilians
                | ActorKind::Protesters
                | ActorKind::Notables
                | ActorKind::Unidentified
        )
    }

    /// Whether this kind is the state or fights for it (used to tell arrests from abductions).
    pub const fn is_state(self) -> bool {
        matches!(self, ActorKind::Regime)
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for ActorKind {
    type Err = ParseActorError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        ActorKind::ALL
            .iter()
            .copied()
            .find(|k| k.key().eq_ignore_ascii_case(t))
            .ok_or_else(|| ParseActorError(s.to_owned()))
    }
}

/// An actor: a kind plus an optional unit (`regime:military-security`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Actor {
    pub kind: ActorKind,
    pub unit: Option<String>,
}

impl Actor {
    pub const fn new(kind: ActorKind) -> Self {
        Self { kind, unit: None }
    }

    pub fn with_unit(kind: ActorKind, unit: impl Into<String>) -> Self {
        Self {
            kind,
            unit: Some(unit.into()),
        }
    }

    /// The full key, `kind` or `kind:unit`.
    pub fn key(&self) -> String {
        self.to_string()
    }
}

impl From<ActorKind> for Actor {
    fn from(kind: ActorKind) -> Self {
        Actor::new(kind)
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.unit {
            Some(u) => write!(f, "{}:{}", self.kind.key(), u),
            None => f.write_str(self.kind.key()),
        }
    }
}

impl FromStr for Actor {
    type Err = ParseActorError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (kind, unit) = match s.split_once(':') {
            Some((k, u)) if !u.trim().is_empty() => (k, Some(u.trim().to_owned())),
            Some((k, _)) => (k, None),
            None => (s, None),
        };
        Ok(Actor {
            kind: kind.parse()?,
            unit,
        })
    }
}

impl Serialize for Actor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Actor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display() {
        let table = [
            ("regime", Actor::new(ActorKind::Regime)),
            (
                "regime:4th-division",
                Actor::with_unit(ActorKind::Regime, "4th-division"),
            ),
            (
                "international-coalition",
                Actor::new(ActorKind::InternationalCoalition),
            ),
            ("regime:", Actor::new(ActorKind::Regime)),
        ];
        for (s, want) in table {
            let got: Actor = s.parse().unwrap();
            assert_eq!(got, want, "{s}");
        }
        assert_eq!(
            Actor::with_unit(ActorKind::Regime, "state-security").to_string(),
            "regime:state-security"
        );
        assert!("martians".parse::<Actor>().is_err());
    }

    #[test]
    fn every_kind_round_trips() {
        for k in ActorKind::ALL {
            assert_eq!(k.key().parse::<ActorKind>(), Ok(*k));
        }
    }

    #[test]
    fn inter_codes() {
        assert_eq!(ActorKind::Regime.inter_code() as u8, 1);
        assert_eq!(ActorKind::Civilians.inter_code() as u8, 7);
        assert_eq!(ActorKind::Protesters.inter_code() as u8, 6);
        assert_eq!(ActorKind::Isis.inter_code() as u8, 2);
    }
}
