//! rasd-extract: events from Arabic news, with evidence for every field.
//!
//! Pure: no IO, no clock. Lexicons come in as text ([`Lexicon`]), documents as
//! [`rasd_core::Document`], events go out as [`rasd_core::Event`].
//!
//! The pipeline for one document: every kept paragraph (and a separate title) is analysed
//! by rasd-text; the recognisers ([`recognize`]) find triggers, weapons, actors, places,
//! dates, counts and modality cues; the assembly ([`assemble`]) turns each trigger that
//! states an event into a candidate, gives it a place, a date, actors and counts, merges
//! the candidates that describe one incident, and writes the events with the span, rule
//! and confidence of every field.

pub mod assemble;
pub mod error;
pub mod extractor;
pub mod lexicon;
pub mod recognize;
pub mod stats;

pub use error::LexiconError;
pub use extractor::{ExtractConfig, Extraction, Extractor};
pub use lexicon::Lexicon;
pub use stats::{DropReason, Stats};
