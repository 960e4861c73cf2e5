//! Turning a resolved place (or only an admin context) into a `rasd_core::Location`.

use rasd_core::place::SYRIA_AR;
use rasd_core::{GeoPrecision, Location};

use crate::context::AdminContext;
use crate::gazetteer::Gazetteer;
use crate::keys::key_of;
use crate::model::{Candidate, PlaceIdx, PlaceLevel};

/// Arabic adjectives of nationality (any match-key form) and the country they point to:
/// "القائم العراقية" → العراق.
pub fn country_from_adjective(word: &str) -> Option<&'static str> {
    let k = key_of(word);
    let k = k.strip_prefix("ال").unwrap_or(&k);
    let k = k.strip_suffix('ه').unwrap_or(k);
    Some(match k {
        "عراقي" => "العراق",
        "لبناني" => "لبنان",
        "تركي" => "تركيا",
        "اردني" => "الأردن",
        "اسراييلي" => "إسرائيل",
        "فلسطيني" => "فلسطين",
        "ايراني" => "إيران",
        "سوري" => SYRIA_AR,
        _ => return None,
    })
}

impl Gazetteer {
    /// The location of a resolved place, as `surface_name` spells it in the article, at
    /// `precision`: place id, admin units (Arabic names and P-codes), country, coordinates.
    pub fn location(&self, idx: PlaceIdx, surface_name: &str, precision: GeoPrecision) -> Location {
        let p = self.place(idx);
        let name = surface_name.trim();
        let canonical = (key_of(name) != key_of(&p.name_ar) && !p.name_ar.is_empty())
            .then(|| p.name_ar.clone());
        Location {
            name: name.to_owned(),
            canonical_name: canonical,
            place_id: Some(p.id.clone()),
            admin1: p.admin1.as_ref().map(|u| u.name_ar.clone()),
            admin2: p.admin2.as_ref().map(|u| u.name_ar.clone()),
            admin3: p.admin3.as_ref().map(|u| u.name_ar.clone()),
            admin1_pcode: p.admin1.as_ref().map(|u| u.pcode.clone()),
            admin2_pcode: p.admin2.as_ref().map(|u| u.pcode.clone()),
            admin3_pcode: p.admin3.as_ref().map(|u| u.pcode.clone()),
            country: p.country.to_string(),
            lat: Some(p.lat),
            lon: Some(p.lon),
            geo_precision: precision,
            unresolved: false,
        }
    }

    /// The location of a candidate: its precision (the name's, e.g. 3 for "ريف درعا", or the
    /// place's own), and for a directional countryside ("ريف حلب الشرقي") a point moved
    /// from the capital towards the direction.
    pub fn location_for(&self, candidate: &Candidate, surface_name: &str) -> Location {
        let p = self.place(candidate.idx);
        let precision = candidate.precision.unwrap_or_else(|| p.natural_precision());
        let mut loc = self.location(candidate.idx, surface_name, precision);
        if let Some(dir) = candidate.direction
            && (matches!(p.level, PlaceLevel::Governorate | PlaceLevel::District)
                || candidate.precision.is_some())
        {
            let (lat, lon) = self.context_of(candidate.idx, true, Some(dir)).point();
            loc.lat = Some(lat);
            loc.lon = Some(lon);
        }
        loc
    }

    /// The location of an admin phrase itself ("ريف حلب الشرقي", "شمال درعا"): the unit's
    /// admin names, its representative point, precision 3 for a governorate or region and
    /// 2 otherwise.
    pub fn context_location(&self, ctx: &AdminContext, surface_name: &str) -> Location {
        let mut loc = self.location(ctx.place, surface_name, ctx.precision());
        let (lat, lon) = ctx.point();
        loc.lat = Some(lat);
        loc.lon = Some(lon);
        if ctx.rural || ctx.direction.is_some() {
            loc.geo_precision = loc.geo_precision.coarsest(GeoPrecision::Near);
        }
        loc
    }

    /// A location for a name that followed a place cue but is not in the gazetteer: the
    /// admin units and point of the best context found (precision 3 for a governorate or
    /// region, 2 near a town or in a district), `unresolved: true`. Without context: no
    /// coordinates, precision 3, in Syria.
    pub fn unresolved_location(&self, name: &str, ctx_admin: Option<&AdminContext>) -> Location {
        let mut loc = Location::unresolved(name.trim(), GeoPrecision::Region);
        let Some(ctx) = ctx_admin else {
            return loc;
        };
        let p = self.place(ctx.place);
        let (lat, lon) = ctx.point();
        loc.lat = Some(lat);
        loc.lon = Some(lon);
        loc.geo_precision = ctx.precision();
        loc.country = p.country.to_string();
        loc.admin1 = ctx.admin1.as_ref().map(|u| u.name_ar.clone());
        loc.admin1_pcode = ctx.admin1.as_ref().map(|u| u.pcode.clone());
        if ctx.scope != crate::context::AdminScope::Governorate {
            loc.admin2 = ctx.admin2.as_ref().map(|u| u.name_ar.clone());
            loc.admin2_pcode = ctx.admin2.as_ref().map(|u| u.pcode.clone());
        }
        loc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjectives_table() {
        let table = [
            ("العراقية", Some("العراق")),
            ("العراقي", Some("العراق")),
            ("اللبنانية", Some("لبنان")),
            ("التركية", Some("تركيا")),
            ("الأردنية", Some("الأردن")),
            ("الإسرائيلية", Some("إسرائيل")),
            ("السورية", Some(SYRIA_AR)),
            ("الشرقية", None),
        ];
        for (w, want) in table {
            assert_eq!(country_from_adjective(w), want, "{w}");
        }
    }
}
