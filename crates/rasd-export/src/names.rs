//! English names for places and administrative units, from the gazetteer.

use std::sync::Arc;

use rasd_core::{Location, PlaceId};
use rasd_gazetteer::Gazetteer;

/// Turns a location's P-codes and place id into English names. Without a gazetteer (or
/// for units it does not know) the Arabic names pass through unchanged.
#[derive(Debug, Clone, Default)]
pub struct Names {
    gazetteer: Option<Arc<Gazetteer>>,
}

/// A location's names as exported.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LocationNames {
    pub admin1: String,
    pub admin2: String,
    pub admin3: String,
    pub location: String,
}

impl Names {
    pub fn new(gazetteer: Arc<Gazetteer>) -> Self {
        Names {
            gazetteer: Some(gazetteer),
        }
    }

    /// Arabic names only.
    pub fn arabic() -> Self {
        Names { gazetteer: None }
    }

    fn admin(&self, pcode: Option<&str>, arabic: Option<&str>) -> String {
        let english = pcode.and_then(|p| {
            self.gazetteer
                .as_ref()
                .and_then(|g| g.admin_unit(p))
                .map(|u| u.name_en.clone())
                .filter(|n| !n.trim().is_empty())
        });
        english.unwrap_or_else(|| arabic.unwrap_or_default().to_owned())
    }

    fn place(&self, id: Option<&PlaceId>, arabic: &str) -> String {
        let english = id.and_then(|id| {
            let g = self.gazetteer.as_ref()?;
            let place = g.get(g.by_id(id)?)?;
            Some(place.name_en.clone()).filter(|n| !n.trim().is_empty())
        });
        english.unwrap_or_else(|| arabic.to_owned())
    }

    /// The admin1-3 and location names of a location.
    pub fn location(&self, l: &Location) -> LocationNames {
        LocationNames {
            admin1: self.admin(l.admin1_pcode.as_deref(), l.admin1.as_deref()),
            admin2: self.admin(l.admin2_pcode.as_deref(), l.admin2.as_deref()),
            admin3: self.admin(l.admin3_pcode.as_deref(), l.admin3.as_deref()),
            location: self.place(l.place_id.as_ref(), &l.name),
        }
    }
}
