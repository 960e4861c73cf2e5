//! rasd-core: the domain types every other rasd crate speaks.
//!
//! Nothing here does IO. Strings appear only at the serde edge: inside, an event type is an
//! enum, an actor is a kind plus an optional unit, a span is a pair of byte offsets into the
//! document's original text.

pub mod actor;
pub mod date;
pub mod document;
pub mod event;
pub mod evidence;
pub mod place;
pub mod span;
pub mod taxonomy;
pub mod time;

pub use actor::{Actor, ActorKind, ParseActorError};
pub use date::{EventDate, TimePrecision};
pub use document::{ContentHash, DocId, Document, Origin, Removal, RemovalReason};
pub use event::{Event, EventId};
pub use evidence::{Evidence, Field, Qualifier, TextPart};
pub use place::{GeoPrecision, Location, PlaceId};
pub use span::Span;
pub use taxonomy::{EventType, ParseTaxonomyError, SubEventType, Tag};
pub use time::{ParseTimestampError, Timestamp};
