//! Places: gazetteer ids, ACLED geo precision, and the location of an event.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A gazetteer place id, e.g. `geonames:168579`, `ocha-adm3:SY120301`, `ocha-nbhd:N0006`,
/// `region:eastern-ghouta`, or `user:…` for places an analyst added.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PlaceId(pub String);

impl PlaceId {
    pub fn new(s: impl Into<String>) -> Self {
        PlaceId(s.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PlaceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// ACLED's geo precision: 1 the place itself, 2 near it or part of a district, 3 a region
/// or a governorate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum GeoPrecision {
    #[default]
    Exact = 1,
    Near = 2,
    Region = 3,
}

impl GeoPrecision {
    pub const fn code(self) -> u8 {
        self as u8
    }

    pub const fn from_code(c: u8) -> Option<Self> {
        match c {
            1 => Some(GeoPrecision::Exact),
            2 => Some(GeoPrecision::Near),
            3 => Some(GeoPrecision::Region),
            _ => None,
        }
    }

    /// The coarser of two precisions.
    pub fn coarsest(self, other: GeoPrecision) -> GeoPrecision {
        self.max(other)
    }
}

impl Serialize for GeoPrecision {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.code())
    }
}

impl<'de> Deserialize<'de> for GeoPrecision {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let c = u8::deserialize(d)?;
        GeoPrecision::from_code(c)
            .ok_or_else(|| serde::de::Error::custom(format!("geo precision must be 1-3, got {c}")))
    }
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The place's name as the article spells it (minus a leading بلدة/مدينة/قرية).
    pub name: String,
    /// The gazetteer's name for the place, when resolved and different from `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_name: Option<String>,
    #[serde(default)]
    pub place_id: Option<PlaceId>,
    #[serde(default)]
    pub admin1: Option<String>,
    #[serde(default)]
    pub admin2: Option<String>,
    #[serde(default)]
    pub admin3: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1_pcode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin2_pcode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin3_pcode: Option<String>,
    /// The country, in Arabic (`سوريا` unless the article places the event elsewhere).
    pub country: String,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    pub geo_precision: GeoPrecision,
    /// The name followed a place cue but is not in the gazetteer: coordinates and admin
    /// units come from the surrounding context, not from the place itself.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unresolved: bool,
}

/// The Arabic name of Syria used as the default country.
pub const SYRIA_AR: &str = "سوريا";

impl Location {
    /// A location with only a name, in Syria, unresolved.
    pub fn unresolved(name: impl Into<String>, geo_precision: GeoPrecision) -> Self {
        Location {
            name: name.into(),
            canonical_name: None,
            place_id: None,
            admin1: None,
            admin2: None,
            admin3: None,
            admin1_pcode: None,
            admin2_pcode: None,
            admin3_pcode: None,
            country: SYRIA_AR.to_owned(),
            lat: None,
            lon: None,
            geo_precision,
            unresolved: true,
        }
    }

    pub fn is_syria(&self) -> bool {
        self.country == SYRIA_AR
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geo_precision_serialises_as_number() {
        assert_eq!(serde_json::to_string(&GeoPrecision::Near).unwrap(), "2");
        assert_eq!(
            serde_json::from_str::<GeoPrecision>("3").unwrap(),
            GeoPrecision::Region
        );
        assert!(serde_json::from_str::<GeoPrecision>("4").is_err());
        assert_eq!(
            GeoPrecision::Exact.coarsest(GeoPrecision::Region),
            GeoPrecision::Region
        );
    }
}
