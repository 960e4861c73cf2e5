//! The date of an event, with ACLED's time precision and the expression it came from.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// ACLED's time precision: 1 the day is known, 2 the week, 3 the month (or worse).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum TimePrecision {
    #[default]
    Day = 1,
    Week = 2,
    Month = 3,
}

impl TimePrecision {
    pub const fn code(self) -> u8 {
        self as u8
    }

    pub const fn from_code(c: u8) -> Option<Self> {
        match c {
            1 => Some(TimePrecision::Day),
            2 => Some(TimePrecision::Week),
            3 => Some(TimePrecision::Month),
            _ => None,
        }
    }
}

impl Serialize for TimePrecision {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.code())
    }
}

impl<'de> Deserialize<'de> for TimePrecision {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let c = u8::deserialize(d)?;
        TimePrecision::from_code(c)
            .ok_or_else(|| serde::de::Error::custom(format!("time precision must be 1-3, got {c}")))
    }
}

/// When an event happened, as far as the article tells.
///
/// Exactly one of these holds: `value` is an absolute date; or `relative_days` is an
/// offset to an unknown publication date; or some of `year`/`month`/`day` form a partial
/// date; or nothing is known (all empty).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EventDate {
    #[serde(default)]
    pub value: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative_days: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    pub precision: TimePrecision,
    /// The expression in the article (`اليوم الثلاثاء`, `الـ 5 من كانون الأول الجاري`), or
    /// empty when the date was inherited from the publication date.
    #[serde(default)]
    pub raw: String,
}

impl EventDate {
    pub fn absolute(value: NaiveDate, precision: TimePrecision, raw: impl Into<String>) -> Self {
        EventDate {
            value: Some(value),
            precision,
            raw: raw.into(),
            ..Default::default()
        }
    }

    pub fn relative(days: i32, precision: TimePrecision, raw: impl Into<String>) -> Self {
        EventDate {
            relative_days: Some(days),
            precision,
            raw: raw.into(),
            ..Default::default()
        }
    }

    /// The absolute date, computing it from `relative_days` when an anchor is given.
    pub fn resolve(&self, anchor: Option<NaiveDate>) -> Option<NaiveDate> {
        if self.value.is_some() {
            return self.value;
        }
        match (self.relative_days, anchor) {
            (Some(d), Some(a)) => a.checked_add_signed(Duration::days(i64::from(d))),
            _ => None,
        }
    }

    pub fn is_unknown(&self) -> bool {
        self.value.is_none()
            && self.relative_days.is_none()
            && self.year.is_none()
            && self.month.is_none()
            && self.day.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_relative_against_anchor() {
        let d = EventDate::relative(-4, TimePrecision::Day, "يوم الجمعة الماضي");
        let anchor = NaiveDate::from_ymd_opt(2020, 12, 8);
        assert_eq!(d.resolve(anchor), NaiveDate::from_ymd_opt(2020, 12, 4));
        assert_eq!(d.resolve(None), None);
        assert!(EventDate::default().is_unknown());
    }

    #[test]
    fn serialises_like_guidelines_section_7() {
        let d = EventDate::relative(0, TimePrecision::Day, "اليوم الثلاثاء");
        let v = serde_json::to_value(&d).unwrap();
        assert_eq!(v["value"], serde_json::Value::Null);
        assert_eq!(v["relative_days"], 0);
        assert_eq!(v["precision"], 1);
        assert!(v.get("year").is_none());
    }
}
