//! The gazetteer: places, the name index and the lookups the extractor calls.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rasd_core::PlaceId;

use crate::error::GazetteerError;
use crate::geo::Grid;
use crate::hash::{FxHashMap, FxHashSet};
use crate::keys::{key_of, strip_article, without_spaces};
use crate::model::{AdminUnit, Candidate, Place, PlaceIdx, PlaceLevel};
use crate::search::SearchIndex;

/// The Syria gazetteer: ~11,000 places from OCHA / GeoNames / Who's On First / OpenSyria,
/// curated regions, landmarks and foreign places, and the match-key index over all their
/// names.
///
/// Load the shared embedded instance once with [`Gazetteer::embedded`]; a copy with a
/// user's own places comes from [`Gazetteer::with_user_places`] or
/// [`Gazetteer::load_user_csv`].
#[derive(Debug, Clone)]
pub struct Gazetteer {
    pub(crate) places: Vec<Place>,
    pub(crate) by_id: FxHashMap<PlaceId, PlaceIdx>,
    pub(crate) index: FxHashMap<Box<str>, CandidateList>,
    /// Every proper word-prefix of a multi-word key ("دير" for "دير الزور").
    pub(crate) prefixes: FxHashSet<Box<str>>,
    /// The first word of every key (a Bloom filter).
    pub(crate) first_words: crate::bloom::FirstWords,
    pub(crate) max_words: usize,
    /// OCHA units by P-code, and the place each unit is.
    pub(crate) admin_units: HashMap<String, Arc<AdminUnit>>,
    pub(crate) admin_places: HashMap<String, PlaceIdx>,
    /// Governorate P-code → its capital city (Rif Dimashq → Damascus).
    pub(crate) capitals: HashMap<String, PlaceIdx>,
    /// Keys of data/common_words.csv, with and without ال.
    pub(crate) stop_keys: FxHashSet<Box<str>>,
    pub(crate) grid: Grid,
    pub(crate) search: OnceLock<SearchIndex>,
    pub(crate) syria: Arc<str>,
}

/// The candidates of one key (almost always one or two).
pub(crate) type CandidateList = smallvec::SmallVec<[Candidate; 2]>;

static EMBEDDED: OnceLock<Result<Arc<Gazetteer>, GazetteerError>> = OnceLock::new();

impl Gazetteer {
    /// The embedded gazetteer, loaded on first use and shared afterwards.
    pub fn embedded() -> Result<Arc<Gazetteer>, GazetteerError> {
        EMBEDDED
            .get_or_init(|| Gazetteer::load_embedded().map(Arc::new))
            .clone()
    }

    /// The embedded gazetteer plus the places and aliases of a user CSV file (see
    /// [`Gazetteer::load_user_csv`] for the format).
    pub fn with_user_places(path: impl AsRef<Path>) -> Result<Gazetteer, GazetteerError> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|e| GazetteerError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let mut g = Gazetteer::embedded()?.as_ref().clone();
        g.load_user_csv_named(file, &path.display().to_string())?;
        Ok(g)
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The place at `idx`. Panics if `idx` comes from another gazetteer and is out of range;
    /// see [`Gazetteer::get`].
    pub fn place(&self, idx: PlaceIdx) -> &Place {
        &self.places[idx.index()]
    }

    pub fn get(&self, idx: PlaceIdx) -> Option<&Place> {
        self.places.get(idx.index())
    }

    /// All places with their index.
    pub fn places(&self) -> impl Iterator<Item = (PlaceIdx, &Place)> {
        self.places
            .iter()
            .enumerate()
            .map(|(i, p)| (PlaceIdx(i as u32), p))
    }

    pub fn by_id(&self, id: &PlaceId) -> Option<PlaceIdx> {
        self.by_id.get(id).copied()
    }

    /// The candidates for a match key (as [`crate::key_of`] or `rasd_text::match_key`
    /// makes it; several words separated by single spaces). Also finds the name when the
    /// key has a leading ال the name lacks, or spaces the name lacks. Empty if none.
    pub fn lookup(&self, key: &str) -> &[Candidate] {
        if let Some(v) = self.index.get(key) {
            return v;
        }
        let bare = strip_article(key);
        if bare.len() != key.len()
            && let Some(v) = self.index.get(bare)
        {
            return v;
        }
        if let Some(joined) = without_spaces(key) {
            if let Some(v) = self.index.get(joined.as_str()) {
                return v;
            }
            if let Some(v) = self.index.get(strip_article(&joined)) {
                return v;
            }
        }
        &[]
    }

    /// The candidates of exactly this key, without the fallbacks of [`Gazetteer::lookup`]
    /// (the index itself already holds every name with and without its ال and without
    /// spaces; the fallbacks add names that lack an ال the key has: "الرميلان" → رميلان).
    pub fn lookup_exact(&self, key: &str) -> &[Candidate] {
        self.index.get(key).map_or(&[], |v| v.as_slice())
    }

    /// [`Gazetteer::lookup`] of any text (the key is computed here).
    pub fn lookup_text(&self, text: &str) -> &[Candidate] {
        self.lookup(&key_of(text))
    }

    /// Whether some indexed name may start with this word (a Bloom filter: false means
    /// certainly not; true means look it up). The cheap first test for scanners.
    pub fn may_start_name(&self, word: &str) -> bool {
        self.first_words.may_contain(word)
    }

    /// Whether some indexed name is longer than `key` and starts with its words: the
    /// caller's window ("دير") may still grow into a name ("دير الزور").
    pub fn is_prefix_of_longer_name(&self, key: &str) -> bool {
        self.prefixes.contains(key) || {
            let bare = strip_article(key);
            bare.len() != key.len() && self.prefixes.contains(bare)
        }
    }

    /// The largest number of words of an indexed name: windows longer than this never match.
    pub fn max_name_words(&self) -> usize {
        self.max_words
    }

    /// The governorate a text names: "درعا", "محافظة درعا", "ريف دمشق", "حماه", or a P-code
    /// ("SY12").
    pub fn governorate(&self, text: &str) -> Option<&Place> {
        let upper = text.trim().to_ascii_uppercase();
        if let Some(idx) = self.admin_places.get(&upper) {
            let p = self.place(*idx);
            return (p.level == PlaceLevel::Governorate).then_some(p);
        }
        let key = key_of(text);
        let key = key.strip_prefix("محافظه ").unwrap_or(&key);
        self.lookup(key)
            .iter()
            .map(|c| self.place(c.idx))
            .find(|p| p.level == PlaceLevel::Governorate)
    }

    /// The OCHA unit with this P-code.
    pub fn admin_unit(&self, pcode: &str) -> Option<&Arc<AdminUnit>> {
        self.admin_units.get(pcode)
    }

    /// The place that is the OCHA unit with this P-code.
    pub fn admin_place(&self, pcode: &str) -> Option<PlaceIdx> {
        self.admin_places.get(pcode).copied()
    }

    /// The capital city of a governorate (by P-code); Damascus for Rif Dimashq.
    pub fn capital_of(&self, adm1_pcode: &str) -> Option<PlaceIdx> {
        self.capitals.get(adm1_pcode).copied()
    }

    /// The city a neighbourhood (or a landmark placed at a town) belongs to.
    pub fn parent_city(&self, idx: PlaceIdx) -> Option<PlaceIdx> {
        self.get(idx).and_then(|p| p.parent)
    }

    /// Whether the key (with or without ال) is on the common-words stop-list.
    pub fn is_common_word(&self, key: &str) -> bool {
        self.stop_keys.contains(key)
    }
}
