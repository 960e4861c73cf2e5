//! Event queries: filters, sorting and paging.

use chrono::NaiveDate;
use rasd_core::{EventType, SubEventType, Tag};
use serde::{Deserialize, Serialize};

use crate::model::ReviewStatus;

/// A bounding box in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    pub min_lat: f64,
    pub min_lon: f64,
    pub max_lat: f64,
    pub max_lon: f64,
}

/// A circle: events within `radius_km` of a point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Near {
    pub lat: f64,
    pub lon: f64,
    pub radius_km: f64,
}

impl Near {
    /// The box around the circle (a cheap pre-filter).
    pub fn bbox(&self) -> BBox {
        let dlat = self.radius_km / KM_PER_DEGREE;
        let dlon = self.radius_km / (KM_PER_DEGREE * self.lat.to_radians().cos().max(0.01));
        BBox {
            min_lat: self.lat - dlat,
            min_lon: self.lon - dlon,
            max_lat: self.lat + dlat,
            max_lon: self.lon + dlon,
        }
    }
}

/// Kilometres per degree of latitude.
pub const KM_PER_DEGREE: f64 = 111.195;

/// Which events to return. Every set field narrows the result; the default is every active,
/// non-rejected event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EventFilter {
    /// Events on or after this date.
    pub since: Option<NaiveDate>,
    /// Events on or before this date.
    pub until: Option<NaiveDate>,
    /// A place id, or a place name matched (normalised) against the location and the
    /// admin1/2/3 names.
    pub place: Option<String>,
    /// Governorate name (normalised) or pcode.
    pub admin1: Option<String>,
    pub event_types: Vec<EventType>,
    pub sub_event_types: Vec<SubEventType>,
    /// Events with all these tags.
    pub tags: Vec<Tag>,
    /// An actor key prefix matched against actor1 and actor2: `regime` matches `regime` and
    /// `regime:4th-division`; `regime:4th-division` matches only that unit.
    pub actor: Option<String>,
    /// Full-text query over the events' source documents.
    pub text: Option<String>,
    pub bbox: Option<BBox>,
    pub near: Option<Near>,
    pub min_confidence: Option<f32>,
    pub review_status: Option<ReviewStatus>,
    /// Include rejected events (excluded by default).
    #[serde(default)]
    pub include_rejected: bool,
    /// Include merged and retired events (excluded by default).
    #[serde(default)]
    pub include_inactive: bool,
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Newest first (undated last), then id.
    #[default]
    DateDesc,
    /// Oldest first (place dossiers), then id.
    DateAsc,
    /// Most recently changed first.
    UpdatedDesc,
    ConfidenceDesc,
    /// Creation order.
    Id,
}

/// A page of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub limit: u32,
    pub offset: u32,
    pub sort: Sort,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            limit: 100,
            offset: 0,
            sort: Sort::DateDesc,
        }
    }
}

impl Page {
    pub fn first(limit: u32) -> Self {
        Page {
            limit,
            ..Page::default()
        }
    }

    pub fn sorted(mut self, sort: Sort) -> Self {
        self.sort = sort;
        self
    }
}
