//! The gazetteer's data model: places, their levels, admin units, directions, candidates.

use std::fmt;
use std::sync::Arc;

use rasd_core::place::SYRIA_AR;
use rasd_core::{GeoPrecision, PlaceId};

/// Index of a place inside one [`crate::Gazetteer`]. Only meaningful for the gazetteer
/// that returned it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlaceIdx(pub u32);

impl PlaceIdx {
    pub const fn index(self) -> usize {
        self.0 as usize
    }
}

/// What kind of place an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceLevel {
    /// OCHA admin1 (محافظة).
    Governorate,
    /// OCHA admin2 (منطقة).
    District,
    /// OCHA admin3 (ناحية).
    Subdistrict,
    /// A city quarter (حي), from OCHA's neighbourhood layer or curated.
    Neighbourhood,
    /// A town or village.
    PopulatedPlace,
    /// An abandoned or destroyed village (GeoNames PPLQ).
    Abandoned,
    /// A named area of Syria (الغوطة الشرقية، البادية …): precision 3.
    Region,
    /// A base, airport, crossing, camp, field, dam or prison.
    Facility,
    /// A place outside Syria.
    Foreign,
    /// A whole country other than Syria.
    Country,
}

impl PlaceLevel {
    pub const ALL: [PlaceLevel; 10] = [
        PlaceLevel::Governorate,
        PlaceLevel::District,
        PlaceLevel::Subdistrict,
        PlaceLevel::Neighbourhood,
        PlaceLevel::PopulatedPlace,
        PlaceLevel::Abandoned,
        PlaceLevel::Region,
        PlaceLevel::Facility,
        PlaceLevel::Foreign,
        PlaceLevel::Country,
    ];

    /// The name used in the data files.
    pub const fn as_str(self) -> &'static str {
        match self {
            PlaceLevel::Governorate => "governorate",
            PlaceLevel::District => "district",
            PlaceLevel::Subdistrict => "subdistrict",
            PlaceLevel::Neighbourhood => "neighbourhood",
            PlaceLevel::PopulatedPlace => "populated_place",
            PlaceLevel::Abandoned => "abandoned",
            PlaceLevel::Region => "region",
            PlaceLevel::Facility => "facility",
            PlaceLevel::Foreign => "foreign",
            PlaceLevel::Country => "country",
        }
    }

    pub fn parse(s: &str) -> Option<PlaceLevel> {
        let s = s.trim();
        PlaceLevel::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// Whether this is an OCHA administrative unit.
    pub const fn is_admin(self) -> bool {
        matches!(
            self,
            PlaceLevel::Governorate | PlaceLevel::District | PlaceLevel::Subdistrict
        )
    }

    /// The ACLED precision a mention of such a place has by default.
    pub const fn natural_precision(self) -> GeoPrecision {
        match self {
            PlaceLevel::Governorate | PlaceLevel::Region | PlaceLevel::Country => {
                GeoPrecision::Region
            }
            PlaceLevel::District => GeoPrecision::Near,
            _ => GeoPrecision::Exact,
        }
    }
}

impl fmt::Display for PlaceLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An OCHA administrative unit (governorate, district or sub-district).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminUnit {
    /// OCHA P-code: `SY12` governorate, `SY1203` district, `SY120301` sub-district.
    pub pcode: String,
    pub name_ar: String,
    pub name_en: String,
    /// 1, 2 or 3.
    pub level: u8,
}

/// Where a place's entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceSource {
    /// The generated file built from OCHA / GeoNames / WOF / OpenSyria.
    Embedded,
    /// The hand-curated CSV files shipped with the crate (regions, foreign, landmarks).
    Curated,
    /// A user's CSV loaded at run time.
    User,
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub id: PlaceId,
    pub level: PlaceLevel,
    pub name_ar: String,
    pub name_en: String,
    /// Other Arabic names (spelling variants, older names, aliases).
    pub alt_names: Vec<String>,
    /// Other Latin-script names (for English search).
    pub alt_names_en: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    pub admin1: Option<Arc<AdminUnit>>,
    pub admin2: Option<Arc<AdminUnit>>,
    pub admin3: Option<Arc<AdminUnit>>,
    /// The country, in Arabic (`سوريا` for Syrian places).
    pub country: Arc<str>,
    /// Population where a source gives one (0 = unknown).
    pub population: u64,
    /// Admin seat: 1 governorate capital, 2 district seat, 3 sub-district seat, 0 none.
    pub seat: u8,
    /// The city a neighbourhood (or a landmark placed `near` a town) belongs to.
    pub parent: Option<PlaceIdx>,
    /// A precision the place itself implies (a foreign province: 3), overriding the level's.
    pub precision: Option<GeoPrecision>,
    pub source: PlaceSource,
    /// 0..1, see [`Place::importance`].
    pub(crate) importance: f32,
}

impl Place {
    pub fn is_syrian(&self) -> bool {
        &*self.country == SYRIA_AR
    }

    /// How important the place is, 0..1, for ranking homonyms: governorates 1, districts
    /// 0.8, sub-districts 0.6 (whatever their population); towns by admin seat (capital 1, district seat 0.8,
    /// sub-district seat 0.6) or population (log scale: 1.5M ≈ 0.95, 10k ≈ 0.6, 1k ≈
    /// 0.45); regions 0.8, countries 0.9, facilities 0.5, neighbourhoods 0.3.
    pub fn importance(&self) -> f32 {
        self.importance
    }

    /// The precision a plain mention of the place has.
    pub fn natural_precision(&self) -> GeoPrecision {
        self.precision
            .unwrap_or_else(|| self.level.natural_precision())
    }

    pub(crate) fn compute_importance(&self) -> f32 {
        let base: f32 = match self.level {
            PlaceLevel::Governorate => 1.0,
            PlaceLevel::District => 0.8,
            PlaceLevel::Subdistrict => 0.6,
            PlaceLevel::Region => 0.8,
            PlaceLevel::Country => 0.9,
            PlaceLevel::Facility => 0.5,
            PlaceLevel::Neighbourhood => 0.3,
            PlaceLevel::PopulatedPlace | PlaceLevel::Foreign | PlaceLevel::Abandoned => 0.0,
        };
        let seat: f32 = match self.seat {
            1 => 1.0,
            2 => 0.8,
            3 => 0.6,
            _ => 0.0,
        };
        let pop = if self.population > 1 {
            ((self.population as f64).log10() / 6.5).min(1.0) as f32
        } else {
            0.0
        };
        // an admin unit's population is the unit's, not a town's: rank units by level
        let imp = if self.level.is_admin() {
            base
        } else {
            base.max(seat).max(pop)
        };
        if self.level == PlaceLevel::Abandoned {
            imp * 0.5
        } else {
            imp
        }
    }

    /// All Arabic names: the main one first.
    pub fn names_ar(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name_ar.as_str())
            .chain(self.alt_names.iter().map(String::as_str))
            .filter(|n| !n.is_empty())
    }
}

/// A compass direction named in the text (غرب درعا، ريف حلب الشمالي الشرقي).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    North,
    NorthEast,
    East,
    SouthEast,
    South,
    SouthWest,
    West,
    NorthWest,
}

impl Direction {
    /// Compass bearing in degrees (north 0, east 90).
    pub const fn bearing(self) -> f64 {
        match self {
            Direction::North => 0.0,
            Direction::NorthEast => 45.0,
            Direction::East => 90.0,
            Direction::SouthEast => 135.0,
            Direction::South => 180.0,
            Direction::SouthWest => 225.0,
            Direction::West => 270.0,
            Direction::NorthWest => 315.0,
        }
    }

    /// Combines a north/south word with an east/west word (in either order).
    pub fn combine(a: Direction, b: Direction) -> Option<Direction> {
        use Direction::*;
        match (a, b) {
            (North, East) | (East, North) => Some(NorthEast),
            (North, West) | (West, North) => Some(NorthWest),
            (South, East) | (East, South) => Some(SouthEast),
            (South, West) | (West, South) => Some(SouthWest),
            _ => None,
        }
    }
}

/// How a candidate's key matched the place's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchKind {
    /// A name or alternate name of the place, as written.
    Name,
    /// A curated alias (aliases.csv) or a user alias.
    Alias,
    /// A generated form: `ريف X` / `بادية X` of a district, `محافظة X`, `حي X`, or an alias
    /// followed by a direction.
    Generated,
    /// The name with its leading ال dropped (صنمين for الصنمين).
    WithoutArticle,
    /// The name with its spaces removed (البوكمال for البو كمال).
    WithoutSpaces,
}

/// One place a looked-up key may refer to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub idx: PlaceIdx,
    pub kind: MatchKind,
    /// The precision the matched name implies (ريف درعا → 3), if it implies one.
    pub precision: Option<GeoPrecision>,
    /// The direction the matched name carries (ريف حلب الشرقي → east).
    pub direction: Option<Direction>,
    /// The name is also an ordinary word (data/common_words.csv) or very short: count it
    /// as a place only after a place cue (بلدة، مدينة، قرية، حي، مخيم، في …).
    pub needs_cue: bool,
}
