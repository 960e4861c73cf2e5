//! rasd-text: the Arabic text core.
//!
//! Pure functions only: no IO, no clock. Nothing here rewrites the original text; every
//! derived form carries an offset map back to the original's bytes.

pub mod normalize;

pub use normalize::{Normalized, OffsetMap, display_form, match_key};
