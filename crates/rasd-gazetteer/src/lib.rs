//! rasd-gazetteer: the Syria gazetteer of rasd.
//!
//! About 11,400 places — OCHA governorates, districts, sub-districts and city
//! neighbourhoods; GeoNames / Who's On First towns and villages; hand-curated regions
//! (الغوطة الشرقية، البادية …), landmarks (bases, crossings, camps, fields) and places abroad
//! (القائم، عرسال، غازي عنتاب …) — compiled into the binary (see `data/ATTRIBUTION.md`) and
//! indexed by [`rasd_text::match_key`] of every Arabic name and alias, with and without a
//! leading ال and without spaces.
//!
//! ```no_run
//! use rasd_gazetteer::{Gazetteer, PlaceContext, key_of};
//! # fn main() -> Result<(), rasd_gazetteer::GazetteerError> {
//! let g = Gazetteer::embedded()?;
//! let cands = g.lookup(&key_of("كناكر"));
//! let ctx = PlaceContext::new().with_admin(g.admin_context_from("بريف دمشق").unwrap());
//! let r = g.resolve(cands, &ctx).unwrap();
//! let loc = g.location(r.idx, "كناكر", r.precision);
//! assert_eq!(loc.admin1.as_deref(), Some("ريف دمشق"));
//! # Ok(()) }
//! ```
//!
//! The extractor calls [`Gazetteer::lookup`] for windows of 1..=[`Gazetteer::max_name_words`]
//! words, growing a window only while [`Gazetteer::is_prefix_of_longer_name`] says a longer
//! name may follow; candidates flagged [`Candidate::needs_cue`] count only after a place cue.

mod bloom;
mod context;
mod data;
mod error;
mod gazetteer;
mod geo;
mod hash;
mod keys;
mod loader;
mod location;
mod model;
mod search;

pub use context::{AdminContext, AdminScope, PlaceContext, PlaceCue, Resolution, ResolutionReason};
pub use error::GazetteerError;
pub use gazetteer::Gazetteer;
pub use geo::{bearing_deg, distance_km};
pub use keys::{direction_word, key_of, strip_article};
pub use location::country_from_adjective;
pub use model::{
    AdminUnit, Candidate, Direction, MatchKind, Place, PlaceIdx, PlaceLevel, PlaceSource,
};
