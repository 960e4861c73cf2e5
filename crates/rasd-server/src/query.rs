//! Query-string parameters: filters, pages and sorting, with errors that name the
//! parameter. Unknown parameters are refused (a typo must not silently widen a query).

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;
use rasd_core::{EventType, SubEventType, Tag};
use rasd_store::{BBox, EventFilter, ReviewStatus, Sort};

use crate::error::ApiError;

/// Largest page of events.
pub const MAX_LIMIT: u32 = 500;
/// Page size when none is asked for.
pub const DEFAULT_LIMIT: u32 = 100;

/// The parameters of one request, taken one by one; what is left over is an error.
#[derive(Debug, Default)]
pub struct Params {
    map: BTreeMap<String, Vec<String>>,
}

/// The filter parameters shared by `/api/events` and `/api/stats`.
pub const FILTER_PARAMS: &[&str] = &[
    "since",
    "until",
    "place",
    "admin1",
    "type",
    "sub_type",
    "tag",
    "actor",
    "text",
    "min_confidence",
    "bbox",
    "status",
];

impl Params {
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in pairs {
            map.entry(k).or_default().push(v);
        }
        Params { map }
    }

    /// The single value of a parameter (an empty value counts as absent).
    pub fn one(&mut self, name: &str) -> Result<Option<String>, ApiError> {
        match self.map.remove(name) {
            None => Ok(None),
            Some(mut v) if v.len() == 1 => {
                let s = v.pop().unwrap_or_default().trim().to_owned();
                Ok((!s.is_empty()).then_some(s))
            }
            Some(_) => Err(ApiError::bad_request(format!(
                "parameter {name} given more than once"
            ))),
        }
    }

    /// Every value of a repeatable, comma-separated parameter.
    pub fn list(&mut self, name: &str) -> Vec<String> {
        self.map
            .remove(name)
            .unwrap_or_default()
            .iter()
            .flat_map(|v| v.split(','))
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    }

    pub fn parsed<T: FromStr>(&mut self, name: &str, what: &str) -> Result<Option<T>, ApiError> {
        self.one(name)?
            .map(|s| {
                s.parse::<T>().map_err(|_| {
                    ApiError::bad_request(format!("{name}: expected {what}, got {s:?}"))
                })
            })
            .transpose()
    }

    /// Refuses parameters nobody took.
    pub fn finish(self) -> Result<(), ApiError> {
        match self.map.keys().next() {
            None => Ok(()),
            Some(k) => Err(ApiError::bad_request(format!("unknown parameter {k:?}"))),
        }
    }
}

fn parse_list<T: FromStr>(name: &str, values: Vec<String>) -> Result<Vec<T>, ApiError> {
    values
        .into_iter()
        .map(|v| {
            v.parse::<T>()
                .map_err(|_| ApiError::bad_request(format!("{name}: unknown value {v:?}")))
        })
        .collect()
}

fn parse_date(name: &str, s: Option<String>) -> Result<Option<NaiveDate>, ApiError> {
    s.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|_| ApiError::bad_request(format!("{name}: expected YYYY-MM-DD, got {s:?}")))
    })
    .transpose()
}

/// `min_lon,min_lat,max_lon,max_lat` (GeoJSON order, as Leaflet's `toBBoxString`).
pub fn parse_bbox(s: &str) -> Result<BBox, ApiError> {
    let err = || {
        ApiError::bad_request(format!(
            "bbox: expected min_lon,min_lat,max_lon,max_lat in degrees, got {s:?}"
        ))
    };
    let v: Vec<f64> = s
        .split(',')
        .map(|x| x.trim().parse::<f64>().map_err(|_| err()))
        .collect::<Result<_, _>>()?;
    let [min_lon, min_lat, max_lon, max_lat] = v[..] else {
        return Err(err());
    };
    let lat_ok = |x: f64| (-90.0..=90.0).contains(&x);
    let lon_ok = |x: f64| (-180.0..=180.0).contains(&x);
    if !(lat_ok(min_lat) && lat_ok(max_lat) && lon_ok(min_lon) && lon_ok(max_lon))
        || min_lat > max_lat
        || min_lon > max_lon
    {
        return Err(err());
    }
    Ok(BBox {
        min_lat,
        min_lon,
        max_lat,
        max_lon,
    })
}

/// The event filter from the [`FILTER_PARAMS`].
pub fn filter(p: &mut Params) -> Result<EventFilter, ApiError> {
    let mut f = EventFilter {
        since: parse_date("since", p.one("since")?)?,
        until: parse_date("until", p.one("until")?)?,
        place: p.one("place")?,
        admin1: p.one("admin1")?,
        event_types: parse_list::<EventType>("type", p.list("type"))?,
        sub_event_types: parse_list::<SubEventType>("sub_type", p.list("sub_type"))?,
        tags: parse_list::<Tag>("tag", p.list("tag"))?,
        actor: p.one("actor")?,
        text: p.one("text")?,
        ..EventFilter::default()
    };
    if let Some(c) = p.parsed::<f32>("min_confidence", "a number in [0, 1]")? {
        if !(0.0..=1.0).contains(&c) {
            return Err(ApiError::bad_request(
                "min_confidence: expected a number in [0, 1]",
            ));
        }
        f.min_confidence = Some(c);
    }
    if let Some(b) = p.one("bbox")? {
        f.bbox = Some(parse_bbox(&b)?);
    }
    match p.one("status")?.as_deref() {
        None => {}
        Some("all") => f.include_rejected = true,
        Some(s) => {
            f.review_status = Some(ReviewStatus::parse(s).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "status: expected unreviewed, confirmed, edited, rejected or all, got {s:?}"
                ))
            })?);
        }
    }
    if let (Some(a), Some(b)) = (f.since, f.until)
        && a > b
    {
        return Err(ApiError::bad_request("since is after until"));
    }
    Ok(f)
}

/// How `/api/events` orders its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// `sort=-date` (the default): newest first.
    DateDesc,
    /// `sort=date`: oldest first.
    DateAsc,
    /// `sort=confidence` (or `-confidence`): most confident first.
    Confidence,
    /// `sort=fatalities` (or `-fatalities`): most fatalities first.
    Fatalities,
}

impl SortKey {
    pub fn parse(s: &str) -> Option<SortKey> {
        Some(match s {
            "-date" => SortKey::DateDesc,
            "date" => SortKey::DateAsc,
            "confidence" | "-confidence" => SortKey::Confidence,
            "fatalities" | "-fatalities" => SortKey::Fatalities,
            _ => return None,
        })
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            SortKey::DateDesc => "-date",
            SortKey::DateAsc => "date",
            SortKey::Confidence => "confidence",
            SortKey::Fatalities => "fatalities",
        }
    }

    /// The store's order, when it has one.
    pub fn store_sort(self) -> Option<Sort> {
        match self {
            SortKey::DateDesc => Some(Sort::DateDesc),
            SortKey::DateAsc => Some(Sort::DateAsc),
            SortKey::Confidence => Some(Sort::ConfidenceDesc),
            SortKey::Fatalities => None,
        }
    }
}

/// `limit`, `offset` and `sort` of `/api/events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageParams {
    pub limit: u32,
    pub offset: u32,
    pub sort: SortKey,
}

pub fn page(p: &mut Params) -> Result<PageParams, ApiError> {
    let limit = p
        .parsed::<u32>("limit", "a whole number")?
        .unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::bad_request(format!(
            "limit: expected 1 to {MAX_LIMIT}"
        )));
    }
    let offset = p.parsed::<u32>("offset", "a whole number")?.unwrap_or(0);
    let sort = match p.one("sort")? {
        None => SortKey::DateDesc,
        Some(s) => SortKey::parse(&s).ok_or_else(|| {
            ApiError::bad_request(format!(
                "sort: expected date, -date, confidence or fatalities, got {s:?}"
            ))
        })?,
    };
    Ok(PageParams {
        limit,
        offset,
        sort,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(q: &[(&str, &str)]) -> Params {
        Params::new(
            q.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn filters_from_parameters() {
        let mut p = params(&[
            ("since", "2020-12-01"),
            ("type", "Battles,Protests"),
            ("type", "riots"),
            ("sub_type", "Arrests"),
            ("actor", "regime"),
            ("bbox", "35.5,32.3,37.0,34.0"),
            ("status", "confirmed"),
            ("min_confidence", "0.7"),
        ]);
        let f = filter(&mut p).unwrap();
        p.finish().unwrap();
        assert_eq!(f.since, NaiveDate::from_ymd_opt(2020, 12, 1));
        assert_eq!(
            f.event_types,
            vec![EventType::Battles, EventType::Protests, EventType::Riots]
        );
        assert_eq!(f.sub_event_types, vec![SubEventType::Arrests]);
        assert_eq!(f.actor.as_deref(), Some("regime"));
        let b = f.bbox.unwrap();
        assert_eq!(
            (b.min_lon, b.min_lat, b.max_lon, b.max_lat),
            (35.5, 32.3, 37.0, 34.0)
        );
        assert_eq!(f.review_status, Some(ReviewStatus::Confirmed));
        assert_eq!(f.min_confidence, Some(0.7));
    }

    #[test]
    fn bad_parameters_are_named() {
        let table: &[(&[(&str, &str)], &str)] = &[
            (&[("since", "yesterday")], "since"),
            (&[("type", "Picnics")], "type"),
            (&[("bbox", "1,2,3")], "bbox"),
            (&[("bbox", "40,2,30,3")], "bbox"),
            (&[("status", "maybe")], "status"),
            (&[("min_confidence", "2")], "min_confidence"),
            (&[("since", "2021-01-02"), ("until", "2021-01-01")], "since"),
            (&[("place", "a"), ("place", "b")], "place"),
        ];
        for (q, name) in table {
            let e = filter(&mut params(q)).unwrap_err();
            assert!(e.to_string().contains(name), "{q:?}: {e}");
        }
        let mut p = params(&[("colour", "red")]);
        filter(&mut p).unwrap();
        assert!(p.finish().unwrap_err().to_string().contains("colour"));
    }

    type PageCase<'a> = (&'a [(&'a str, &'a str)], Option<(u32, u32, SortKey)>);

    #[test]
    fn pages() {
        let table: &[PageCase<'_>] = &[
            (&[], Some((100, 0, SortKey::DateDesc))),
            (
                &[("limit", "500"), ("offset", "20"), ("sort", "date")],
                Some((500, 20, SortKey::DateAsc)),
            ),
            (
                &[("sort", "fatalities")],
                Some((100, 0, SortKey::Fatalities)),
            ),
            (&[("limit", "501")], None),
            (&[("limit", "0")], None),
            (&[("offset", "-1")], None),
            (&[("sort", "colour")], None),
        ];
        for (q, want) in table {
            let got = page(&mut params(q))
                .ok()
                .map(|p| (p.limit, p.offset, p.sort));
            assert_eq!(got, *want, "{q:?}");
        }
    }
}
