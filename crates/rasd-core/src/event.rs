//! An event: one sub-event type, at one place, on one day, between one pair of actors.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Actor, EventDate, EventType, Evidence, Field, Location, SubEventType, Tag};

/// A stored event's id (stable across re-extraction and merging).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub String);

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One event extracted from one document: the record of GUIDELINES §7, plus rasd's own
/// fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The document: a file's name, or the record's id.
    pub doc: String,
    pub event_type: EventType,
    pub sub_event_type: SubEventType,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// Recalled from long before publication.
    #[serde(default)]
    pub background: bool,
    pub location: Location,
    #[serde(default)]
    pub date: Option<EventDate>,
    #[serde(default)]
    pub actor1: Option<Actor>,
    #[serde(default)]
    pub actor2: Option<Actor>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assoc_actor1: Vec<Actor>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assoc_actor2: Vec<Actor>,
    /// ACLED's fatalities: the lowest reported figure.
    #[serde(default)]
    pub fatalities: Option<u32>,
    /// The part of the fatalities the article says were civilians.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities_civilians: Option<u32>,
    #[serde(default)]
    pub injured: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detained: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub displaced: Option<u32>,
    /// How sure the extractor is that this event happened as coded, in [0, 1].
    pub confidence: f32,
    /// A one-line summary: the sentence that states the event.
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

impl Event {
    /// The evidence for one field, if any.
    pub fn evidence_for(&self, field: Field) -> impl Iterator<Item = &Evidence> {
        self.evidence.iter().filter(move |e| e.field == field)
    }

    /// Checks the invariants a well-formed event keeps: the event type agrees with the
    /// sub-event type, the confidence lies in [0, 1], and every evidence span is ordered.
    pub fn validate(&self) -> Result<(), String> {
        if self.sub_event_type.event_type() != self.event_type {
            return Err(format!(
                "event type {} does not own sub-event type {}",
                self.event_type, self.sub_event_type
            ));
        }
        if !(0.0..=1.0).contains(&self.confidence) {
            return Err(format!("confidence {} outside [0, 1]", self.confidence));
        }
        if let Some(e) = self.evidence.iter().find(|e| e.start > e.end) {
            return Err(format!("evidence span {}..{} is reversed", e.start, e.end));
        }
        Ok(())
    }
}
