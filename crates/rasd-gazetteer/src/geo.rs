//! Distances, bearings and a grid index of points.

use crate::hash::FxHashMap;
use crate::model::PlaceIdx;

const EARTH_RADIUS_KM: f64 = 6371.0;

/// Great-circle distance in km.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Initial compass bearing from point 1 to point 2, degrees in [0, 360).
pub fn bearing_deg(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dl = (lon2 - lon1).to_radians();
    let y = dl.sin() * p2.cos();
    let x = p1.cos() * p2.sin() - p1.sin() * p2.cos() * dl.cos();
    (y.atan2(x).to_degrees() + 360.0) % 360.0
}

/// Smallest difference between two bearings, degrees in [0, 180].
pub fn angle_between(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(360.0);
    if d > 180.0 { 360.0 - d } else { d }
}

/// The point `km` away from (lat, lon) along `bearing` (flat-earth approximation, fine for
/// tens of km).
pub fn offset(lat: f64, lon: f64, bearing: f64, km: f64) -> (f64, f64) {
    let b = bearing.to_radians();
    let dlat = km * b.cos() / 111.2;
    let dlon = km * b.sin() / (111.2 * lat.to_radians().cos().max(0.01));
    (lat + dlat, lon + dlon)
}

const CELL_DEG: f64 = 0.1;

/// Points bucketed in 0.1° cells (~11 km).
#[derive(Debug, Clone, Default)]
pub struct Grid {
    cells: FxHashMap<(i32, i32), Vec<PlaceIdx>>,
    len: usize,
}

fn cell(lat: f64, lon: f64) -> (i32, i32) {
    (
        (lat / CELL_DEG).floor() as i32,
        (lon / CELL_DEG).floor() as i32,
    )
}

impl Grid {
    pub fn insert(&mut self, idx: PlaceIdx, lat: f64, lon: f64) {
        self.cells.entry(cell(lat, lon)).or_default().push(idx);
        self.len += 1;
    }

    /// Calls `f` with every point that may lie within `radius_km` of (lat, lon) (a superset:
    /// the caller checks the distance).
    pub fn for_each_near(&self, lat: f64, lon: f64, radius_km: f64, mut f: impl FnMut(PlaceIdx)) {
        let dlat = radius_km / 111.2;
        let dlon = radius_km / (111.2 * lat.to_radians().cos().max(0.01));
        let (lo_r, lo_c) = cell(lat - dlat, lon - dlon);
        let (hi_r, hi_c) = cell(lat + dlat, lon + dlon);
        let n_cells = (hi_r - lo_r + 1) as i64 * (hi_c - lo_c + 1) as i64;
        if n_cells > self.cells.len() as i64 {
            for v in self.cells.values() {
                v.iter().copied().for_each(&mut f);
            }
            return;
        }
        for r in lo_r..=hi_r {
            for c in lo_c..=hi_c {
                if let Some(v) = self.cells.get(&(r, c)) {
                    v.iter().copied().for_each(&mut f);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_bearings() {
        // Damascus → Daraa is about 90 km, roughly south-south-west
        let d = distance_km(33.5102, 36.2913, 32.6189, 36.1021);
        assert!((95.0..=105.0).contains(&d), "{d}");
        let b = bearing_deg(33.5102, 36.2913, 32.6189, 36.1021);
        assert!((185.0..=200.0).contains(&b), "{b}");
        assert!((angle_between(350.0, 10.0) - 20.0).abs() < 1e-9);
        assert!((angle_between(90.0, 270.0) - 180.0).abs() < 1e-9);
        let (lat, lon) = offset(33.5, 36.3, 270.0, 20.0);
        assert!((lat - 33.5).abs() < 1e-9 && lon < 36.3);
        assert!((distance_km(33.5, 36.3, lat, lon) - 20.0).abs() < 0.5);
    }

    #[test]
    fn grid_finds_points_nearby_only() {
        let mut g = Grid::default();
        g.insert(PlaceIdx(0), 33.51, 36.29);
        for i in 1..60 {
            g.insert(PlaceIdx(i), 32.0 + f64::from(i) * 0.1, 38.0);
        }
        let mut found = vec![];
        g.for_each_near(33.5, 36.3, 15.0, |i| found.push(i));
        assert_eq!(found, vec![PlaceIdx(0)]);
    }
}
