//! Publication and collection times as they come in metadata: a local date-time, with a
//! UTC offset when the source gives one.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "not a date or date-time: {0:?} (expected e.g. 2024-08-11, 2024-08-11T08:04:31 or 2024-08-11T08:04:31+03:00)"
)]
pub struct ParseTimestampError(pub String);

/// A publication or collection time. The local date is what an article's اليوم means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// The wall-clock time at the outlet.
    pub local: NaiveDateTime,
    /// Offset from UTC in seconds, when the source said.
    pub offset_secs: Option<i32>,
    /// Whether a time of day was given (a bare date is midnight without one).
    pub has_time: bool,
}

impl Timestamp {
    pub fn from_date(date: NaiveDate) -> Self {
        Timestamp {
            local: date.and_time(NaiveTime::MIN),
            offset_secs: None,
            has_time: false,
        }
    }

    /// The local calendar date.
    pub fn date(&self) -> NaiveDate {
        self.local.date()
    }
}

impl FromStr for Timestamp {
    type Err = ParseTimestampError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let err = || ParseTimestampError(s.to_owned());
        if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
            return Ok(Timestamp {
                local: dt.naive_local(),
                offset_secs: Some(dt.offset().local_minus_utc()),
                has_time: true,
            });
        }
        for fmt in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(local) = NaiveDateTime::parse_from_str(t, fmt) {
                return Ok(Timestamp {
                    local,
                    offset_secs: None,
                    has_time: true,
                });
            }
        }
        // A trailing `Z` or an offset without a colon, e.g. `2024-08-11T08:04:31+0300`.
        for fmt in [
            "%Y-%m-%dT%H:%M:%S%z",
            "%Y-%m-%d %H:%M:%S%z",
            "%Y-%m-%dT%H:%M:%SZ",
        ] {
            if let Ok(dt) = DateTime::parse_from_str(t, fmt) {
                return Ok(Timestamp {
                    local: dt.naive_local(),
                    offset_secs: Some(dt.offset().local_minus_utc()),
                    has_time: true,
                });
            }
        }
        for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y"] {
            if let Ok(d) = NaiveDate::parse_from_str(t, fmt) {
                return Ok(Timestamp::from_date(d));
            }
        }
        Err(err())
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.has_time {
            return write!(f, "{}", self.local.format("%Y-%m-%d"));
        }
        write!(f, "{}", self.local.format("%Y-%m-%dT%H:%M:%S"))?;
        if let Some(off) = self.offset_secs {
            let sign = if off < 0 { '-' } else { '+' };
            let a = off.unsigned_abs();
            write!(f, "{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)?;
        }
        Ok(())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_seen_in_metadata() {
        let table = [
            ("2024-08-11T08:04:31+03:00", "2024-08-11", Some(3 * 3600)),
            ("2015-08-03T21:19:33", "2015-08-03", None),
            ("2015-08-03", "2015-08-03", None),
            ("2015-08-03 21:19", "2015-08-03", None),
            ("2023-01-29T23:23:00+02:00", "2023-01-29", Some(7200)),
        ];
        for (s, date, off) in table {
            let t: Timestamp = s.parse().unwrap();
            assert_eq!(t.date().to_string(), date, "{s}");
            assert_eq!(t.offset_secs, off, "{s}");
        }
        assert!("yesterday".parse::<Timestamp>().is_err());
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "2024-08-11T08:04:31+03:00",
            "2015-08-03T21:19:33",
            "2015-08-03",
        ] {
            let t: Timestamp = s.parse().unwrap();
            assert_eq!(t.to_string(), s);
        }
    }
}
