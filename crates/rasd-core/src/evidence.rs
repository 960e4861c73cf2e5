//! Provenance: for every field of an event, the span of the original text it came from,
//! the rule or lexicon entry that produced it, and a confidence.

use serde::{Deserialize, Serialize};

use crate::Span;

/// The event fields that carry evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The whole statement of the event (the sentence or clause).
    Event,
    SubEventType,
    Tags,
    Location,
    Date,
    Actor1,
    Actor2,
    Fatalities,
    Injured,
    Detained,
    Displaced,
    /// Modality: a cue that lowered confidence (نفى، أنباء عن) or marked background.
    Modality,
}

impl Field {
    pub const fn as_str(self) -> &'static str {
        match self {
            Field::Event => "event",
            Field::SubEventType => "sub_event_type",
            Field::Tags => "tags",
            Field::Location => "location",
            Field::Date => "date",
            Field::Actor1 => "actor1",
            Field::Actor2 => "actor2",
            Field::Fatalities => "fatalities",
            Field::Injured => "injured",
            Field::Detained => "detained",
            Field::Displaced => "displaced",
            Field::Modality => "modality",
        }
    }
}

/// Which part of the document a span indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextPart {
    /// The document's text (for a plain-text file: the whole file, title line included).
    #[default]
    Body,
    /// The separate title of a JSONL/CSV/HTML record.
    Title,
}

impl TextPart {
    pub fn is_body(&self) -> bool {
        *self == TextPart::Body
    }
}

/// How a count was read: exactly, from a vague word, as a lower bound, or from a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// عدة، عدد من، بضعة، عشرات، مئات: ACLED's conventional figures.
    Vague,
    /// أكثر من 15 → 15.
    LowerBound,
    /// بين 20 و25 → the low end.
    Range,
    /// حوالي، نحو، قرابة.
    Approximate,
}

/// One piece of evidence for one field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub field: Field,
    #[serde(default, skip_serializing_if = "TextPart::is_body")]
    pub part: TextPart,
    pub start: usize,
    pub end: usize,
    /// The original text of the span.
    pub text: String,
    /// The rule or lexicon entry that produced the value (`trigger:قصف`, `actor:فرع فلسطين`).
    #[serde(default)]
    pub rule: String,
    #[serde(default = "one")]
    pub confidence: f32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
}

fn one() -> f32 {
    1.0
}

impl Evidence {
    pub fn new(field: Field, span: Span, text: impl Into<String>, rule: impl Into<String>) -> Self {
        Evidence {
            field,
            part: TextPart::Body,
            start: span.start,
            end: span.end,
            text: text.into(),
            rule: rule.into(),
            confidence: 1.0,
            qualifier: None,
        }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    pub fn in_part(mut self, part: TextPart) -> Self {
        self.part = part;
        self
    }

    pub fn with_confidence(mut self, c: f32) -> Self {
        self.confidence = c.clamp(0.0, 1.0);
        self
    }

    pub fn with_qualifier(mut self, q: Option<Qualifier>) -> Self {
        self.qualifier = q;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_like_guidelines_section_7() {
        let e = Evidence::new(
            Field::SubEventType,
            Span::new(31, 61),
            "حصارها",
            "trigger:حصار",
        );
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["field"], "sub_event_type");
        assert_eq!(v["start"], 31);
        assert_eq!(v["end"], 61);
        assert!(v.get("part").is_none());
        let t = e.clone().in_part(TextPart::Title);
        assert_eq!(serde_json::to_value(&t).unwrap()["part"], "title");
    }
}
