//! GeoJSON (RFC 7946): one FeatureCollection of Point features, `[longitude, latitude]`,
//! written as a stream. Properties are the ACLED row's fields. Events without coordinates
//! are left out and counted.

use std::io::Write;

use serde::Serialize;

use crate::acled::AcledRow;
use crate::{EventWriter, ExportEvent, Names, Result, Written};

#[derive(Serialize)]
struct Point {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
}

#[derive(Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    geometry: Point,
    properties: AcledRow,
}

/// Writes a FeatureCollection.
#[derive(Debug)]
pub struct GeoJsonWriter<W: Write> {
    out: W,
    names: Names,
    written: u64,
    skipped: u64,
    done: bool,
}

impl<W: Write> GeoJsonWriter<W> {
    pub fn new(mut out: W, names: Names) -> Result<Self> {
        out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
        Ok(GeoJsonWriter {
            out,
            names,
            written: 0,
            skipped: 0,
            done: false,
        })
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> EventWriter for GeoJsonWriter<W> {
    fn write(&mut self, event: &ExportEvent) -> Result<()> {
        let l = &event.event.values.location;
        let (Some(lat), Some(lon)) = (l.lat, l.lon) else {
            self.skipped += 1;
            return Ok(());
        };
        if !(lat.is_finite() && lon.is_finite()) {
            self.skipped += 1;
            return Ok(());
        }
        let feature = Feature {
            kind: "Feature",
            id: &event.event.id.0,
            geometry: Point {
                kind: "Point",
                coordinates: [lon, lat],
            },
            properties: AcledRow::new(event, &self.names)?,
        };
        self.out
            .write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut self.out, &feature)?;
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<Written> {
        if !self.done {
            self.out.write_all(b"\n]}\n")?;
            self.done = true;
        }
        self.out.flush()?;
        Ok(Written {
            written: self.written,
            skipped: self.skipped,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{export_event, kanaker};

    #[test]
    fn a_feature_collection_of_points_in_lon_lat_order() {
        let mut w = GeoJsonWriter::new(Vec::new(), Names::arabic()).unwrap();
        w.write(&export_event(kanaker(), &[("alaraby", "001.txt")]))
            .unwrap();
        let mut nowhere = kanaker();
        nowhere.values.location.lat = None;
        w.write(&export_event(nowhere, &[])).unwrap();
        w.write(&export_event(kanaker(), &[])).unwrap();
        assert_eq!(
            w.finish().unwrap(),
            Written {
                written: 2,
                skipped: 1
            }
        );
        let v: serde_json::Value = serde_json::from_slice(&w.into_inner()).unwrap();
        assert_eq!(v["type"], "FeatureCollection");
        let f = v["features"].as_array().unwrap();
        assert_eq!(f.len(), 2);
        assert_eq!(f[0]["type"], "Feature");
        assert_eq!(f[0]["geometry"]["type"], "Point");
        assert_eq!(f[0]["geometry"]["coordinates"][0], 36.09625);
        assert_eq!(f[0]["geometry"]["coordinates"][1], 33.26664);
        assert_eq!(f[0]["properties"]["event_id_cnty"], "SYR000007");
        assert_eq!(f[0]["properties"]["interaction"], 17);
        assert_eq!(f[0]["properties"]["fatalities"], 0);
    }

    #[test]
    fn an_empty_collection_is_valid() {
        let mut w = GeoJsonWriter::new(Vec::new(), Names::arabic()).unwrap();
        w.finish().unwrap();
        w.finish().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&w.into_inner()).unwrap();
        assert_eq!(v["features"].as_array().unwrap().len(), 0);
    }
}
