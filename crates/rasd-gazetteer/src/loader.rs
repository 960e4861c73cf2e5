//! Building a gazetteer: the embedded table, the curated CSVs, the index, user CSVs.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::{Arc, OnceLock};

use rasd_core::place::SYRIA_AR;
use rasd_core::{GeoPrecision, PlaceId};

use crate::data::{self, AliasRow, PlaceRow};
use crate::error::GazetteerError;
use crate::gazetteer::Gazetteer;
use crate::geo::{Grid, distance_km};
use crate::hash::{FxBuild, FxHashMap, FxHashSet};
use crate::keys::{DIRECTION_SUFFIXES, key_of, strip_article, without_spaces, word_count};
use crate::model::{
    AdminUnit, Candidate, Direction, MatchKind, Place, PlaceIdx, PlaceLevel, PlaceSource,
};

/// How far (km) a curated or user place may be from the gazetteer town whose admin units
/// it takes.
const ADMIN_FROM_NEAREST_KM: f64 = 30.0;

impl Gazetteer {
    fn empty() -> Gazetteer {
        Gazetteer {
            places: Vec::new(),
            by_id: FxHashMap::with_capacity_and_hasher(12_000, FxBuild),
            index: FxHashMap::with_capacity_and_hasher(160_000, FxBuild),
            prefixes: FxHashSet::with_capacity_and_hasher(40_000, FxBuild),
            first_words: Default::default(),
            max_words: 0,
            admin_units: HashMap::new(),
            admin_places: HashMap::new(),
            capitals: HashMap::new(),
            stop_keys: FxHashSet::default(),
            grid: Grid::default(),
            search: OnceLock::new(),
            syria: Arc::from(SYRIA_AR),
        }
    }

    /// Loads the embedded data (a fresh instance; [`Gazetteer::embedded`] shares one).
    pub fn load_embedded() -> Result<Gazetteer, GazetteerError> {
        let started = std::time::Instant::now();
        let mut g = Gazetteer::empty();
        for (name, exact) in data::parse_common_words(data::COMMON_WORDS_CSV)? {
            let k = key_of(&name);
            if exact {
                g.stop_keys.insert(k.into());
                continue;
            }
            let bare = strip_article(&k).to_owned();
            if !k.starts_with("ال") {
                g.stop_keys.insert(format!("ال{k}").into());
            }
            g.stop_keys.insert(bare.into());
            g.stop_keys.insert(k.into());
        }
        let text = data::embedded_places_text()?;
        g.load_table(&data::parse_places_tsv(&text)?)?;
        for (file, text) in [
            ("regions.csv", data::REGIONS_CSV),
            ("foreign.csv", data::FOREIGN_CSV),
            ("landmarks.csv", data::LANDMARKS_CSV),
        ] {
            let rows = data::parse_place_csv(text.as_bytes(), file)?;
            g.add_place_rows(rows, PlaceSource::Curated, file)?;
        }
        let aliases = data::parse_aliases_csv(data::ALIASES_CSV.as_bytes(), "aliases.csv")?;
        g.add_alias_rows(&aliases, "aliases.csv")?;
        g.add_generated_keys();
        tracing::debug!(
            places = g.places.len(),
            keys = g.index.len(),
            ms = started.elapsed().as_millis() as u64,
            "gazetteer loaded"
        );
        Ok(g)
    }

    /// Adds the places and aliases of a user CSV (UTF-8, comma-separated, `#` comment
    /// lines, a header row). Columns, in any order (unknown columns are ignored):
    ///
    /// | column | |
    /// |---|---|
    /// | `name_ar` | required: the Arabic name |
    /// | `lat`, `lon` | WGS84 decimal degrees (required unless `near` or `alias_of`) |
    /// | `admin1` | governorate, Arabic name or P-code (optional; else from the nearest town) |
    /// | `alt_names` | other Arabic names, `|`-separated |
    /// | `name_en` | English name |
    /// | `level` | `populated_place` (default), `neighbourhood`, `facility`, `region`, `foreign`, … |
    /// | `country` | Arabic country name (default سوريا) |
    /// | `near` | a place id: take its coordinates and admin units |
    /// | `alias_of` | a place id: the row's names become aliases of that place |
    /// | `id` | a place id (default `user:<name_ar>`) |
    /// | `population`, `precision` | number; ACLED precision 1-3 |
    ///
    /// Errors name the line. Returns the number of rows added.
    pub fn load_user_csv<R: Read>(&mut self, reader: R) -> Result<usize, GazetteerError> {
        self.load_user_csv_named(reader, "user CSV")
    }

    pub(crate) fn load_user_csv_named<R: Read>(
        &mut self,
        reader: R,
        source_name: &str,
    ) -> Result<usize, GazetteerError> {
        let rows = data::parse_place_csv(reader, source_name)?;
        let n = rows.len();
        self.add_place_rows(rows, PlaceSource::User, source_name)?;
        self.search = OnceLock::new();
        Ok(n)
    }

    fn load_table(&mut self, rows: &[data::TsvPlace<'_>]) -> Result<(), GazetteerError> {
        let bad = |message: String| GazetteerError::Embedded {
            file: "places.tsv.gz",
            message,
        };
        for r in rows.iter().filter(|r| r.level.is_admin()) {
            let level = match r.level {
                PlaceLevel::Governorate => 1,
                PlaceLevel::District => 2,
                _ => 3,
            };
            let pcode = r.adm[level - 1].to_owned();
            let unit = AdminUnit {
                pcode: pcode.clone(),
                name_ar: r.name_ar.to_owned(),
                name_en: r.name_en.to_owned(),
                level: level as u8,
            };
            self.admin_units.insert(pcode, Arc::new(unit));
        }
        let unit = |pcode: &str| -> Option<Arc<AdminUnit>> {
            (!pcode.is_empty())
                .then(|| self.admin_units.get(pcode).cloned())
                .flatten()
        };
        let mut places = Vec::with_capacity(rows.len() + 400);
        for r in rows {
            places.push(Place {
                id: PlaceId::new(r.id),
                level: r.level,
                name_ar: r.name_ar.to_owned(),
                name_en: r.name_en.to_owned(),
                alt_names: data::split_list(r.alt_ar).map(str::to_owned).collect(),
                alt_names_en: data::split_list(r.alt_en).map(str::to_owned).collect(),
                lat: r.lat,
                lon: r.lon,
                admin1: unit(r.adm[0]),
                admin2: unit(r.adm[1]),
                admin3: unit(r.adm[2]),
                country: self.syria.clone(),
                population: r.population,
                seat: r.seat,
                parent: None,
                precision: None,
                source: PlaceSource::Embedded,
                importance: 0.0,
            });
        }
        for p in places {
            self.push_place(p).map_err(bad)?;
        }
        for (i, r) in rows.iter().enumerate() {
            if !r.parent.is_empty() {
                let parent = self.by_id(&PlaceId::new(r.parent));
                self.places[i].parent = parent;
            }
        }
        // admin places and capitals
        for (i, p) in self.places.iter().enumerate() {
            let idx = PlaceIdx(i as u32);
            let own = match p.level {
                PlaceLevel::Governorate => p.admin1.as_ref(),
                PlaceLevel::District => p.admin2.as_ref(),
                PlaceLevel::Subdistrict => p.admin3.as_ref(),
                _ => None,
            };
            if let Some(u) = own {
                self.admin_places.insert(u.pcode.clone(), idx);
            }
        }
        let mut capitals: HashMap<String, PlaceIdx> = HashMap::new();
        for (i, p) in self.places.iter().enumerate() {
            if p.level == PlaceLevel::PopulatedPlace
                && p.seat == 1
                && let Some(a1) = &p.admin1
            {
                let better = capitals
                    .get(&a1.pcode)
                    .is_none_or(|c| self.places[c.index()].population < p.population);
                if better {
                    capitals.insert(a1.pcode.clone(), PlaceIdx(i as u32));
                }
            }
        }
        // a governorate without a capital of its own ("ريف دمشق") takes that of the
        // governorate whose name its name contains ("دمشق")
        for (pcode, &gov) in &self.admin_places {
            let gp = &self.places[gov.index()];
            if gp.level != PlaceLevel::Governorate || capitals.contains_key(pcode) {
                continue;
            }
            let found = capitals.iter().find(|(other, _)| {
                self.admin_units.get(*other).is_some_and(|u| {
                    gp.name_ar.contains(u.name_ar.as_str()) && u.name_ar != gp.name_ar
                })
            });
            if let Some((_, &c)) = found {
                capitals.insert(pcode.clone(), c);
            }
        }
        self.capitals = capitals;
        Ok(())
    }

    /// Adds a place (grid, id map, name index).
    fn push_place(&mut self, mut p: Place) -> Result<PlaceIdx, String> {
        let idx = PlaceIdx(self.places.len() as u32);
        if self.by_id.contains_key(&p.id) {
            return Err(format!("duplicate place id {}", p.id));
        }
        p.importance = p.compute_importance();
        self.by_id.insert(p.id.clone(), idx);
        self.grid.insert(idx, p.lat, p.lon);
        let keys: Vec<String> = p.names_ar().map(key_of).collect();
        self.places.push(p);
        for k in keys {
            self.index_name(&k, idx, MatchKind::Name, None, None);
        }
        Ok(idx)
    }

    /// Indexes a key and its variant forms (without ال, without spaces).
    fn index_name(
        &mut self,
        key: &str,
        idx: PlaceIdx,
        kind: MatchKind,
        precision: Option<GeoPrecision>,
        direction: Option<Direction>,
    ) {
        if key.is_empty() {
            return;
        }
        self.insert_key(key, idx, kind, precision, direction);
        let bare = strip_article(key);
        if bare.len() != key.len() {
            self.insert_key(bare, idx, MatchKind::WithoutArticle, precision, direction);
        }
        if let Some(joined) = without_spaces(key) {
            self.insert_key(&joined, idx, MatchKind::WithoutSpaces, precision, direction);
            let bare = strip_article(&joined);
            if bare.len() != joined.len() {
                self.insert_key(bare, idx, MatchKind::WithoutSpaces, precision, direction);
            }
        }
    }

    fn insert_key(
        &mut self,
        key: &str,
        idx: PlaceIdx,
        kind: MatchKind,
        precision: Option<GeoPrecision>,
        direction: Option<Direction>,
    ) {
        let words = word_count(key);
        let needs_cue = self.stop_keys.contains(key) || (words == 1 && key.chars().count() <= 2);
        let cand = Candidate {
            idx,
            kind,
            precision,
            direction,
            needs_cue,
        };
        if let Some(v) = self.index.get_mut(key) {
            if let Some(old) = v.iter_mut().find(|c| c.idx == idx) {
                // keep the most direct match; take a precision or direction the new one adds
                if rank(kind) < rank(old.kind) {
                    old.kind = kind;
                }
                old.precision = old.precision.or(precision);
                old.direction = old.direction.or(direction);
            } else {
                v.push(cand);
            }
            return;
        }
        self.index.insert(key.into(), smallvec::smallvec![cand]);
        self.first_words
            .insert(key.split(' ').next().unwrap_or(key));
        self.max_words = self.max_words.max(words);
        for (i, _) in key.match_indices(' ') {
            self.prefixes.insert(key[..i].into());
        }
    }

    fn resolve_admin1(&self, text: &str) -> Option<Arc<AdminUnit>> {
        let pcode = self
            .governorate(text)
            .and_then(|p| p.admin1.as_ref().map(|u| u.pcode.clone()))?;
        self.admin_units.get(&pcode).cloned()
    }

    /// The Syrian town nearest to a point (within `max_km`, in `admin1` if given) that has
    /// sub-district admin units.
    pub(crate) fn nearest_admin_source(
        &self,
        lat: f64,
        lon: f64,
        admin1: Option<&str>,
        max_km: f64,
    ) -> Option<PlaceIdx> {
        let mut best: Option<(f64, PlaceIdx)> = None;
        self.grid.for_each_near(lat, lon, max_km, |i| {
            let p = &self.places[i.index()];
            let ok = matches!(
                p.level,
                PlaceLevel::PopulatedPlace | PlaceLevel::Neighbourhood
            ) && p.admin3.is_some()
                && admin1.is_none_or(|a| p.admin1.as_ref().is_some_and(|u| u.pcode == a));
            if ok {
                let d = distance_km(lat, lon, p.lat, p.lon);
                if d <= max_km && best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, i));
                }
            }
        });
        best.map(|(_, i)| i)
    }

    pub(crate) fn add_place_rows(
        &mut self,
        rows: Vec<PlaceRow>,
        source: PlaceSource,
        source_name: &str,
    ) -> Result<(), GazetteerError> {
        for row in rows {
            let line = row.line;
            let err = |message: String| GazetteerError::Csv {
                source_name: source_name.to_owned(),
                line,
                message,
            };
            if let Some(target) = &row.alias_of {
                let idx = self
                    .by_id(&PlaceId::new(target.as_str()))
                    .ok_or_else(|| err(format!("alias_of: unknown place id {target:?}")))?;
                for name in std::iter::once(&row.name_ar).chain(&row.alt_names) {
                    self.add_alias(idx, name, MatchKind::Alias, row.precision, None);
                }
                continue;
            }
            let place = self.place_from_row(&row, source).map_err(err)?;
            self.push_place(place).map_err(err)?;
        }
        Ok(())
    }

    fn place_from_row(&self, row: &PlaceRow, source: PlaceSource) -> Result<Place, String> {
        let level = row.level.unwrap_or(PlaceLevel::PopulatedPlace);
        let country: Arc<str> = match (&row.country, level) {
            (Some(c), _) => Arc::from(c.as_str()),
            (None, PlaceLevel::Foreign | PlaceLevel::Country) => {
                return Err(format!("level {level} needs a country"));
            }
            (None, _) => self.syria.clone(),
        };
        let syrian = *country == *SYRIA_AR;
        let admin1 = match &row.admin1 {
            Some(a) => Some(
                self.resolve_admin1(a)
                    .ok_or_else(|| format!("unknown admin1 {a:?}"))?,
            ),
            None => None,
        };
        let id = match (&row.id, source) {
            (Some(id), _) => id.clone(),
            (None, PlaceSource::User) => {
                let base = format!("user:{}", row.name_ar);
                let mut id = base.clone();
                let mut n = 2;
                while self.by_id.contains_key(&PlaceId::new(id.as_str())) {
                    id = format!("{base}#{n}");
                    n += 1;
                }
                id
            }
            (None, _) => return Err("missing id".into()),
        };
        let near = match &row.near {
            Some(n) => Some(
                self.by_id(&PlaceId::new(n.as_str()))
                    .ok_or_else(|| format!("near: unknown place id {n:?}"))?,
            ),
            None => None,
        };
        let (lat, lon) = match (row.lat_lon, near) {
            (Some(ll), _) => ll,
            (None, Some(n)) => (self.places[n.index()].lat, self.places[n.index()].lon),
            (None, None) => return Err("needs lat and lon, or near".into()),
        };
        let mut place = Place {
            id: PlaceId::new(id),
            level,
            name_ar: row.name_ar.clone(),
            name_en: row.name_en.clone(),
            alt_names: row.alt_names.clone(),
            alt_names_en: Vec::new(),
            lat,
            lon,
            admin1: admin1.clone(),
            admin2: None,
            admin3: None,
            country,
            population: row.population,
            seat: 0,
            parent: near,
            precision: row.precision,
            source,
            importance: 0.0,
        };
        let admin_source = match near {
            Some(n) => Some(n),
            None if syrian && !matches!(level, PlaceLevel::Region | PlaceLevel::Country) => self
                .nearest_admin_source(
                    lat,
                    lon,
                    admin1.as_ref().map(|u| u.pcode.as_str()),
                    ADMIN_FROM_NEAREST_KM,
                ),
            None => None,
        };
        if let Some(s) = admin_source {
            let s = &self.places[s.index()];
            if admin1.is_none() || admin1 == s.admin1 {
                place.admin1 = s.admin1.clone();
                place.admin2 = s.admin2.clone();
                place.admin3 = s.admin3.clone();
            }
        }
        Ok(place)
    }

    /// Adds `name` as an alias of the place at `idx` (index and the place's alt names).
    pub(crate) fn add_alias(
        &mut self,
        idx: PlaceIdx,
        name: &str,
        kind: MatchKind,
        precision: Option<GeoPrecision>,
        direction: Option<Direction>,
    ) {
        let key = key_of(name);
        self.index_name(&key, idx, kind, precision, direction);
        let place = &mut self.places[idx.index()];
        if key_of(&place.name_ar) != key && !place.alt_names.iter().any(|a| key_of(a) == key) {
            place.alt_names.push(name.to_owned());
        }
    }

    fn add_alias_rows(
        &mut self,
        rows: &[AliasRow],
        source_name: &str,
    ) -> Result<(), GazetteerError> {
        for row in rows {
            let idx = self
                .by_id(&PlaceId::new(row.target.as_str()))
                .ok_or_else(|| GazetteerError::Csv {
                    source_name: source_name.to_owned(),
                    line: row.line,
                    message: format!("unknown target {:?}", row.target),
                })?;
            if !row.target_name.is_empty() {
                let loose = |s: &str| strip_article(&key_of(s)).replace(' ', "");
                let want = loose(&row.target_name);
                if !self.places[idx.index()]
                    .names_ar()
                    .any(|n| loose(n) == want)
                {
                    return Err(GazetteerError::Csv {
                        source_name: source_name.to_owned(),
                        line: row.line,
                        message: format!(
                            "target {} is {:?}, not {:?}",
                            row.target,
                            self.places[idx.index()].name_ar,
                            row.target_name
                        ),
                    });
                }
            }
            self.add_alias(idx, &row.alias, MatchKind::Alias, row.precision, None);
            if row.directional {
                let key = key_of(&row.alias);
                for (suffix, dir) in DIRECTION_SUFFIXES {
                    let k = format!("{key} {suffix}");
                    self.insert_key(&k, idx, MatchKind::Generated, row.precision, Some(dir));
                }
            }
        }
        Ok(())
    }

    /// `محافظة X` for governorates; `ريف X` / `بادية X` (and directional `ريف X الشمالي` …)
    /// for district seats; `حي X` for neighbourhoods. A key a curated file already holds is
    /// left alone.
    fn add_generated_keys(&mut self) {
        let mut new: Vec<(String, PlaceIdx, Option<GeoPrecision>, Option<Direction>)> = vec![];
        let gov_keys: HashSet<String> = self
            .places
            .iter()
            .filter(|p| p.level == PlaceLevel::Governorate)
            .map(|p| key_of(&p.name_ar))
            .collect();
        for (i, p) in self.places.iter().enumerate() {
            let idx = PlaceIdx(i as u32);
            match p.level {
                PlaceLevel::Governorate => {
                    let name = key_of(&p.name_ar);
                    new.push((format!("محافظه {name}"), idx, None, None));
                    new.push((
                        format!("باديه {name}"),
                        idx,
                        Some(GeoPrecision::Region),
                        None,
                    ));
                }
                PlaceLevel::District => {
                    let name = key_of(&p.name_ar);
                    let name = name.strip_prefix("مركز ").unwrap_or(&name).to_owned();
                    if gov_keys.contains(&name) {
                        continue;
                    }
                    let target = self.district_seat(p).unwrap_or(idx);
                    let near = Some(GeoPrecision::Near);
                    new.push((format!("ريف {name}"), target, near, None));
                    new.push((format!("باديه {name}"), target, near, None));
                    for (suffix, dir) in DIRECTION_SUFFIXES {
                        new.push((format!("ريف {name} {suffix}"), target, near, Some(dir)));
                    }
                }
                PlaceLevel::Neighbourhood => {
                    for n in p.names_ar() {
                        new.push((format!("حي {}", key_of(n)), idx, None, None));
                    }
                }
                _ => {}
            }
        }
        for (key, idx, precision, direction) in new {
            if self
                .index
                .get(key.as_str())
                .is_some_and(|v| v.iter().any(|c| c.idx != idx))
            {
                continue;
            }
            self.insert_key(&key, idx, MatchKind::Generated, precision, direction);
        }
    }

    /// The town that is the seat of a district (largest populated place with seat 2 in it).
    fn district_seat(&self, district: &Place) -> Option<PlaceIdx> {
        let pcode = &district.admin2.as_ref()?.pcode;
        self.places
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.level == PlaceLevel::PopulatedPlace
                    && p.seat <= 2
                    && p.seat > 0
                    && p.admin2.as_ref().is_some_and(|u| &u.pcode == pcode)
            })
            .max_by_key(|(_, p)| (3 - p.seat, p.population))
            .map(|(i, _)| PlaceIdx(i as u32))
    }
}

/// Lower is a more direct match.
fn rank(kind: MatchKind) -> u8 {
    match kind {
        MatchKind::Name => 0,
        MatchKind::Alias => 1,
        MatchKind::Generated => 2,
        MatchKind::WithoutArticle => 3,
        MatchKind::WithoutSpaces => 4,
    }
}
