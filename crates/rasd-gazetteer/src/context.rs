//! Disambiguation: admin units named near a mention, the article's other places and
//! dominant governorates, and the choice among a key's candidates.

use std::sync::Arc;

use rasd_core::GeoPrecision;

use crate::gazetteer::Gazetteer;
use crate::geo::{angle_between, bearing_deg, distance_km, offset};
use crate::keys::{key_of, leading_direction, trailing_direction};
use crate::model::{AdminUnit, Candidate, Direction, MatchKind, Place, PlaceIdx, PlaceLevel};

/// What kind of unit an admin mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdminScope {
    /// A governorate ("ريف دمشق", "محافظة درعا", "ريف حلب الشرقي").
    Governorate,
    /// A district, or the countryside of a district seat ("ريف القامشلي").
    District,
    /// A sub-district ("ناحية جاسم").
    Subdistrict,
    /// A town or city as a reference point ("غرب درعا", "شمال جاسم").
    Town,
    /// A named region ("الغوطة الشرقية").
    Region,
}

/// An admin unit (or a town used as one) named near a mention, with its direction.
#[derive(Debug, Clone, PartialEq)]
pub struct AdminContext {
    /// The governorate, district, town or region named.
    pub place: PlaceIdx,
    pub scope: AdminScope,
    /// "ريف X" / "بادية X": the countryside of X rather than X itself.
    pub rural: bool,
    pub direction: Option<Direction>,
    pub admin1: Option<Arc<AdminUnit>>,
    pub admin2: Option<Arc<AdminUnit>>,
    /// Reference point for distances and directions: the capital for a governorate
    /// (Damascus for Rif Dimashq), the seat for a district, else the place itself.
    pub anchor: (f64, f64),
    /// The place's own point (a governorate's centroid).
    pub centroid: (f64, f64),
}

impl AdminContext {
    pub fn admin1_pcode(&self) -> Option<&str> {
        self.admin1.as_ref().map(|u| u.pcode.as_str())
    }

    /// A representative point: the anchor moved towards the direction when one is given
    /// (25 km for a governorate's countryside, 12 km for a district's, 8 km from a town),
    /// else the governorate's or region's centroid, else the anchor.
    pub fn point(&self) -> (f64, f64) {
        let (lat, lon) = self.anchor;
        match (self.direction, self.scope) {
            (Some(d), AdminScope::Governorate) => offset(lat, lon, d.bearing(), 25.0),
            (Some(d), AdminScope::District | AdminScope::Subdistrict) => {
                offset(lat, lon, d.bearing(), 12.0)
            }
            (Some(d), AdminScope::Town | AdminScope::Region) => offset(lat, lon, d.bearing(), 8.0),
            (None, AdminScope::Governorate | AdminScope::Region) => self.centroid,
            (None, _) => self.anchor,
        }
    }

    /// The precision of a place known only through this context: 3 for a governorate or a
    /// region, 2 otherwise (near a town, part of a district).
    pub fn precision(&self) -> GeoPrecision {
        match self.scope {
            AdminScope::Governorate | AdminScope::Region => GeoPrecision::Region,
            _ => GeoPrecision::Near,
        }
    }
}

/// The cue word before a mention, which says what kind of place it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceCue {
    /// محافظة
    Governorate,
    /// منطقة
    District,
    /// ناحية
    Subdistrict,
    /// مدينة، بلدة، قرية، بلدات، قرى
    Town,
    /// حي، أحياء
    Neighbourhood,
    /// مخيم
    Camp,
    /// مطار، قاعدة، معبر، حقل، سد، سجن، ثكنة، فوج
    Facility,
}

impl PlaceCue {
    /// The cue a word (any spelling; a leading و/ب/ل/ف clitic is allowed) expresses.
    pub fn from_word(word: &str) -> Option<PlaceCue> {
        let k = key_of(word);
        let bare = ["و", "ب", "ل", "ف", "وب", "ول", "فب"]
            .iter()
            .find_map(|p| k.strip_prefix(p).filter(|r| cue_of(r).is_some()));
        cue_of(bare.unwrap_or(&k))
    }
}

fn cue_of(k: &str) -> Option<PlaceCue> {
    let k = k.strip_prefix("ال").unwrap_or(k);
    Some(match k {
        "محافظه" => PlaceCue::Governorate,
        "منطقه" => PlaceCue::District,
        "ناحيه" => PlaceCue::Subdistrict,
        "مدينه" | "بلده" | "قريه" | "بلدات" | "قري" | "مدن" | "قصبه" => {
            PlaceCue::Town
        }
        "حي" | "احياء" => PlaceCue::Neighbourhood,
        "مخيم" | "مخيمات" => PlaceCue::Camp,
        "مطار" | "قاعده" | "معبر" | "منفذ" | "حقل" | "سد" | "سجن" | "ثكنه" | "فوج" => {
            PlaceCue::Facility
        }
        _ => return None,
    })
}

/// What is known around a mention, for [`Gazetteer::resolve`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceContext {
    /// Admin units named near the mention (same sentence), e.g. from
    /// [`Gazetteer::admin_context_from`]`("بريف دمشق الغربي")`.
    pub admins: Vec<AdminContext>,
    /// Places already resolved in the article.
    pub resolved: Vec<PlaceIdx>,
    /// The article's dominant governorates (OCHA P-codes), most dominant first.
    pub dominant_admin1: Vec<String>,
    /// The country the context points to, in Arabic ("العراق" for "القائم العراقية").
    pub country: Option<String>,
    /// The cue word before the mention.
    pub cue: Option<PlaceCue>,
}

impl PlaceContext {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_admin(mut self, admin: AdminContext) -> Self {
        self.admins.push(admin);
        self
    }

    pub fn with_resolved(mut self, idx: PlaceIdx) -> Self {
        self.resolved.push(idx);
        self
    }

    pub fn with_dominant_admin1(mut self, pcode: impl Into<String>) -> Self {
        self.dominant_admin1.push(pcode.into());
        self
    }

    pub fn with_country(mut self, country: impl Into<String>) -> Self {
        self.country = Some(country.into());
        self
    }

    pub fn with_cue(mut self, cue: PlaceCue) -> Self {
        self.cue = Some(cue);
        self
    }
}

/// Why a candidate won.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResolutionReason {
    /// Only one candidate.
    Unique,
    /// The context's country excluded the others.
    Country,
    /// An admin unit named nearby.
    AdminContext,
    /// Closeness to places already resolved in the article.
    Proximity,
    /// The article's dominant governorate.
    DominantGovernorate,
    /// The kind of place (a town over its namesake district; the cue word).
    Level,
    /// The larger or more important place.
    Importance,
    /// Nothing told the candidates apart; the first was taken.
    Tie,
}

/// The chosen candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resolution {
    pub idx: PlaceIdx,
    pub candidate: Candidate,
    pub score: f32,
    /// Score minus the runner-up's (the score itself when there was no runner-up).
    pub margin: f32,
    pub reason: ResolutionReason,
    /// The precision the name implies (ريف درعا → 3) or the place's own.
    pub precision: GeoPrecision,
}

const W_ADMIN: f32 = 8.0;
const W_PROXIMITY: f32 = 3.0;
const W_DOMINANT: f32 = 1.0;
const W_LEVEL: f32 = 2.0;
const W_IMPORTANCE: f32 = 4.0;
const W_MATCH: f32 = 1.0;
const REASONS: [ResolutionReason; 6] = [
    ResolutionReason::AdminContext,
    ResolutionReason::Proximity,
    ResolutionReason::DominantGovernorate,
    ResolutionReason::Level,
    ResolutionReason::Importance,
    ResolutionReason::Level,
];
const WEIGHTS: [f32; 6] = [
    W_ADMIN,
    W_PROXIMITY,
    W_DOMINANT,
    W_LEVEL,
    W_IMPORTANCE,
    W_MATCH,
];

/// How directly the key names the place: its own name or a curated alias beats a variant
/// form, and a variant beats a generated form ("ريف حمص الشمالي" the region over the
/// directional governorate).
fn match_quality(kind: MatchKind) -> f32 {
    match kind {
        MatchKind::Name | MatchKind::Alias => 1.0,
        MatchKind::WithoutSpaces => 0.8,
        MatchKind::WithoutArticle => 0.6,
        MatchKind::Generated => 0.3,
    }
}

/// Words skipped at the start of an admin phrase.
const LEADING_SKIP: [&str; 12] = [
    "في",
    "من",
    "الي",
    "نحو",
    "داخل",
    "قرب",
    "بالقرب",
    "عند",
    "باتجاه",
    "منطقه",
    "ضمن",
    "اطراف",
];

fn level_preference(level: PlaceLevel, cue: Option<PlaceCue>) -> f32 {
    use PlaceLevel as L;
    let base: f32 = match level {
        L::PopulatedPlace => 1.0,
        L::Neighbourhood | L::Facility | L::Region | L::Foreign => 0.9,
        L::Country => 0.7,
        L::Subdistrict => 0.5,
        L::Governorate => 0.4,
        L::District => 0.3,
        L::Abandoned => 0.2,
    };
    let cued = match (cue, level) {
        (Some(PlaceCue::Governorate), L::Governorate) => 2.0,
        (Some(PlaceCue::District), L::District | L::Region) => 1.5,
        (Some(PlaceCue::Subdistrict), L::Subdistrict) => 2.0,
        (Some(PlaceCue::Town), L::PopulatedPlace) => 1.3,
        (Some(PlaceCue::Town), L::Abandoned) => 0.8,
        (Some(PlaceCue::Neighbourhood), L::Neighbourhood) => 1.5,
        (Some(PlaceCue::Camp | PlaceCue::Facility), L::Facility) => 1.5,
        (Some(PlaceCue::Camp), L::Neighbourhood) => 1.2,
        _ => base,
    };
    cued.max(base)
}

impl Gazetteer {
    /// The admin context a phrase names: "ريف دمشق", "بريف دمشق الغربي", "محافظة درعا",
    /// "درعا", "ريف محافظة دير الزور", "شمال درعا", "جنوب غربي درعا", "الريف الشمالي الشرقي
    /// لمحافظة حلب", "ريف القامشلي", "الغوطة الشرقية". None if it names no Syrian unit, town
    /// or region (or an ambiguous village).
    pub fn admin_context_from(&self, phrase: &str) -> Option<AdminContext> {
        let key = key_of(phrase);
        let mut words: Vec<String> = key.split(' ').map(str::to_owned).collect();
        while words
            .first()
            .is_some_and(|w| LEADING_SKIP.contains(&w.as_str()))
        {
            words.remove(0);
        }
        if let Some(w) = words.first_mut() {
            *w = strip_clitic(w);
        }
        let mut rural = false;
        let mut forced: Option<PlaceLevel> = None;
        let mut direction = None;
        // a direction word is part of a name when the words form one ("الغوطة الشرقية")
        let known = |words: &[String]| !self.lookup(&words.join(" ")).is_empty();
        let take_leading = |words: &mut Vec<String>, direction: &mut Option<Direction>| {
            if known(words) {
                return;
            }
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            if let Some((d, n)) = leading_direction(&refs)
                && refs.len() > n
            {
                *direction = direction.or(Some(d));
                words.drain(..n);
            }
        };
        take_leading(&mut words, &mut direction);
        match words.first().map(String::as_str) {
            Some("الريف") => {
                rural = true;
                words.remove(0);
                take_leading(&mut words, &mut direction);
                if let Some(w) = words.first_mut() {
                    // "لمحافظه حلب", "لدرعا", "للرقه"
                    if let Some(rest) = w.strip_prefix("لل") {
                        *w = format!("ال{rest}");
                    } else if let Some(rest) = w.strip_prefix('ل') {
                        *w = rest.to_owned();
                    }
                }
            }
            Some("ريف" | "باديه") => {
                rural = true;
                words.remove(0);
            }
            _ => {}
        }
        match words.first().map(String::as_str) {
            Some("محافظه") => {
                forced = Some(PlaceLevel::Governorate);
                words.remove(0);
            }
            Some("ناحيه") => {
                forced = Some(PlaceLevel::Subdistrict);
                words.remove(0);
            }
            Some("مدينه") => {
                forced = Some(PlaceLevel::PopulatedPlace);
                words.remove(0);
            }
            _ => {}
        }
        if !known(&words) {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            if let Some((d, n)) = trailing_direction(&refs)
                && refs.len() > n
            {
                direction = direction.or(Some(d));
                words.truncate(refs.len() - n);
            }
        }
        if words.is_empty() {
            return None;
        }
        let x = words.join(" ");
        if rural && forced.is_none() {
            let gov = self
                .lookup(&format!("ريف {x}"))
                .iter()
                .map(|c| c.idx)
                .find(|&i| self.place(i).level == PlaceLevel::Governorate);
            if let Some(g) = gov {
                return Some(self.context_of(g, true, direction));
            }
        }
        let cands: Vec<PlaceIdx> = self
            .lookup(&x)
            .iter()
            .map(|c| c.idx)
            .filter(|&i| self.place(i).is_syrian())
            .collect();
        let pick = |levels: &[PlaceLevel]| -> Option<PlaceIdx> {
            let mut best: Option<(f32, PlaceIdx)> = None;
            let mut tie = false;
            for &i in &cands {
                let p = self.place(i);
                if !levels.contains(&p.level) {
                    continue;
                }
                match best {
                    Some((b, _)) if p.importance() < b => {}
                    Some((b, _)) if p.importance() == b => tie = true,
                    _ => {
                        best = Some((p.importance(), i));
                        tie = false;
                    }
                }
            }
            // two homonym villages of equal standing: no usable context
            best.filter(|(b, _)| !(tie && *b < 0.3)).map(|(_, i)| i)
        };
        use PlaceLevel as L;
        let chosen = match forced {
            Some(L::Governorate) => pick(&[L::Governorate]),
            Some(L::Subdistrict) => pick(&[L::Subdistrict]),
            Some(_) => pick(&[L::PopulatedPlace]),
            None if rural => pick(&[L::Governorate])
                .or_else(|| pick(&[L::District]))
                .or_else(|| pick(&[L::PopulatedPlace, L::Subdistrict])),
            None => {
                let syrian: Vec<Candidate> = self
                    .lookup(&x)
                    .iter()
                    .filter(|c| cands.contains(&c.idx))
                    .filter(|c| self.place(c.idx).level != L::Abandoned)
                    .copied()
                    .collect();
                self.resolve(&syrian, &PlaceContext::new())
                    .filter(|r| {
                        // two homonym villages of equal standing: no usable context
                        r.reason != ResolutionReason::Tie || self.place(r.idx).importance() >= 0.3
                    })
                    .map(|r| r.idx)
            }
        }?;
        Some(self.context_of(chosen, rural, direction))
    }

    /// The admin context of a known place (a governorate, district, town or region).
    pub fn context_of(
        &self,
        idx: PlaceIdx,
        rural: bool,
        direction: Option<Direction>,
    ) -> AdminContext {
        let p = self.place(idx);
        let scope = match p.level {
            PlaceLevel::Governorate => AdminScope::Governorate,
            PlaceLevel::District => AdminScope::District,
            PlaceLevel::Subdistrict => AdminScope::Subdistrict,
            PlaceLevel::Region | PlaceLevel::Country => AdminScope::Region,
            _ => AdminScope::Town,
        };
        let anchor_place = match scope {
            AdminScope::Governorate => p.admin1.as_ref().and_then(|u| self.capital_of(&u.pcode)),
            AdminScope::District => self
                .lookup(&format!("ريف {}", key_of(&p.name_ar)))
                .iter()
                .map(|c| c.idx)
                .find(|&i| self.place(i).level == PlaceLevel::PopulatedPlace),
            _ => None,
        };
        let anchor =
            anchor_place.map_or((p.lat, p.lon), |a| (self.place(a).lat, self.place(a).lon));
        AdminContext {
            place: idx,
            scope,
            rural,
            direction,
            admin1: p.admin1.clone(),
            admin2: p.admin2.clone(),
            anchor,
            centroid: (p.lat, p.lon),
        }
    }

    /// The governorates of a list of places, most frequent first (for
    /// [`PlaceContext::dominant_admin1`]).
    pub fn dominant_admin1(&self, places: &[PlaceIdx]) -> Vec<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for p in places.iter().filter_map(|&i| self.get(i)) {
            if let Some(u) = &p.admin1 {
                match counts.iter_mut().find(|(c, _)| *c == u.pcode) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((u.pcode.clone(), 1)),
                }
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        counts.into_iter().map(|(c, _)| c).collect()
    }

    /// Picks one of a key's candidates. Order of evidence: the context's country (a hard
    /// filter), admin units named nearby, closeness to places resolved in the article, the
    /// article's dominant governorate, then the kind of place (the town over its namesake
    /// district or governorate, or what the cue word asks for) and its importance.
    pub fn resolve(&self, candidates: &[Candidate], ctx: &PlaceContext) -> Option<Resolution> {
        let all: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| c.idx.index() < self.places.len())
            .collect();
        let kept: Vec<&Candidate> = match &ctx.country {
            Some(country) => all
                .iter()
                .copied()
                .filter(|c| *self.place(c.idx).country == **country)
                .collect(),
            None => all.clone(),
        };
        let filtered_by_country = kept.len() < all.len();
        let mut scored: Vec<(f32, [f32; 6], &Candidate)> = kept
            .into_iter()
            .map(|c| {
                let comps = self.components(self.place(c.idx), c.kind, ctx);
                let score = comps.iter().zip(WEIGHTS).map(|(c, w)| c * w).sum();
                (score, comps, c)
            })
            .collect();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(
                    self.place(b.2.idx)
                        .importance()
                        .total_cmp(&self.place(a.2.idx).importance()),
                )
                .then(a.2.idx.cmp(&b.2.idx))
        });
        let (score, comps, best) = *scored.first()?;
        let (margin, reason) = match scored.get(1) {
            None if filtered_by_country => (score, ResolutionReason::Country),
            None => (score, ResolutionReason::Unique),
            Some((second, second_comps, _)) => {
                let mut reason = ResolutionReason::Tie;
                let mut gap = 1e-4;
                for k in 0..6 {
                    let g = (comps[k] - second_comps[k]) * WEIGHTS[k];
                    if g > gap {
                        gap = g;
                        reason = REASONS[k];
                    }
                }
                (score - second, reason)
            }
        };
        let place = self.place(best.idx);
        Some(Resolution {
            idx: best.idx,
            candidate: *best,
            score,
            margin,
            reason,
            precision: best.precision.unwrap_or_else(|| place.natural_precision()),
        })
    }

    /// [admin, proximity, dominant governorate, level, importance, match], each about 0..1.
    fn components(&self, p: &Place, kind: MatchKind, ctx: &PlaceContext) -> [f32; 6] {
        let admin = ctx
            .admins
            .iter()
            .map(|a| admin_match(p, a))
            .fold(0.0f32, f32::max);
        let proximity = ctx
            .resolved
            .iter()
            .filter_map(|&i| self.get(i))
            .map(|q| distance_km(p.lat, p.lon, q.lat, q.lon))
            .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.min(d))))
            .map_or(0.0, |d| (1.0 - d / 75.0).max(0.0) as f32);
        let dominant = p
            .admin1
            .as_ref()
            .and_then(|u| ctx.dominant_admin1.iter().position(|c| *c == u.pcode))
            .map_or(0.0, |rank| match rank {
                0 => 1.0,
                1 => 0.6,
                _ => 0.4,
            });
        [
            admin,
            proximity,
            dominant,
            level_preference(p.level, ctx.cue),
            p.importance(),
            match_quality(kind),
        ]
    }
}

/// How well a place agrees with an admin mention, 0..1.25.
fn admin_match(p: &Place, a: &AdminContext) -> f32 {
    let same = |x: &Option<Arc<AdminUnit>>, y: &Option<Arc<AdminUnit>>| match (x, y) {
        (Some(x), Some(y)) => x.pcode == y.pcode,
        _ => false,
    };
    let (alat, alon) = a.anchor;
    let d = distance_km(alat, alon, p.lat, p.lon);
    let same1 = same(&p.admin1, &a.admin1);
    let base: f64 = match a.scope {
        AdminScope::Governorate => f64::from(u8::from(same1)),
        AdminScope::District | AdminScope::Subdistrict => {
            if same(&p.admin2, &a.admin2) {
                1.0
            } else if d < 40.0 {
                0.6
            } else if same1 {
                0.2
            } else {
                0.0
            }
        }
        AdminScope::Town => {
            if d <= 35.0 {
                1.0 - d / 70.0
            } else if same(&p.admin2, &a.admin2) {
                0.4
            } else if same1 {
                0.25
            } else {
                0.0
            }
        }
        AdminScope::Region => {
            let near = (1.0 - d / 120.0).max(0.0);
            if same1 { (near + 0.4).min(1.0) } else { near }
        }
    };
    let mut score = base;
    if let Some(dir) = a.direction
        && base > 0.0
        && d > 1.0
    {
        let diff = angle_between(bearing_deg(alat, alon, p.lat, p.lon), dir.bearing());
        if diff <= 60.0 {
            score += 0.25;
        } else if diff >= 120.0 {
            score -= 0.35;
        }
    }
    score.max(0.0) as f32
}

/// "بريف" → "ريف", "ومحافظه" → "محافظه", "بشمال" → "شمال" (only before a known word).
fn strip_clitic(word: &str) -> String {
    const KNOWN: [&str; 7] = ["ريف", "الريف", "محافظه", "باديه", "مدينه", "ناحيه", "منطقه"];
    for p in ["وب", "ول", "فب", "و", "ب", "ل", "ف"] {
        if let Some(rest) = word.strip_prefix(p)
            && (KNOWN.contains(&rest) || crate::keys::direction_word(rest).is_some())
        {
            return rest.to_owned();
        }
    }
    word.to_owned()
}
