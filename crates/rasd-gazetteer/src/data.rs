//! Parsers of the data files: the generated places table (gzip TSV) and the CSV formats
//! (places, aliases, common words).

use std::io::Read;

use rasd_core::GeoPrecision;

use crate::error::GazetteerError;
use crate::model::PlaceLevel;

pub(crate) const PLACES_TSV_GZ: &[u8] = include_bytes!("../data/places.tsv.gz");
pub(crate) const REGIONS_CSV: &str = include_str!("../data/regions.csv");
pub(crate) const FOREIGN_CSV: &str = include_str!("../data/foreign.csv");
pub(crate) const LANDMARKS_CSV: &str = include_str!("../data/landmarks.csv");
pub(crate) const ALIASES_CSV: &str = include_str!("../data/aliases.csv");
pub(crate) const COMMON_WORDS_CSV: &str = include_str!("../data/common_words.csv");

const TSV_HEADER: &str = "id\tlevel\tname_ar\tname_en\talt_ar\talt_en\tlat\tlon\tadm1\tadm2\tadm3\tpopulation\tseat\tparent";

/// One row of places.tsv.
#[derive(Debug)]
pub(crate) struct TsvPlace<'a> {
    pub id: &'a str,
    pub level: PlaceLevel,
    pub name_ar: &'a str,
    pub name_en: &'a str,
    pub alt_ar: &'a str,
    pub alt_en: &'a str,
    pub lat: f64,
    pub lon: f64,
    pub adm: [&'a str; 3],
    pub population: u64,
    pub seat: u8,
    pub parent: &'a str,
}

pub(crate) fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|x| !x.is_empty())
}

/// Decompresses the embedded table.
pub(crate) fn embedded_places_text() -> Result<String, GazetteerError> {
    let mut out = String::with_capacity(1_600_000);
    flate2::read::GzDecoder::new(PLACES_TSV_GZ)
        .read_to_string(&mut out)
        .map_err(|e| GazetteerError::Embedded {
            file: "places.tsv.gz",
            message: e.to_string(),
        })?;
    Ok(out)
}

/// Parses places.tsv (first line a `#` version comment, then the header, then rows).
pub(crate) fn parse_places_tsv(text: &str) -> Result<Vec<TsvPlace<'_>>, GazetteerError> {
    let bad = |line: usize, message: String| GazetteerError::Embedded {
        file: "places.tsv.gz",
        message: format!("line {line}: {message}"),
    };
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#'));
    match lines.next() {
        Some((_, h)) if h == TSV_HEADER => {}
        other => {
            return Err(bad(
                other.map_or(0, |(i, _)| i + 1),
                "unexpected header".into(),
            ));
        }
    }
    let mut out = Vec::with_capacity(11_500);
    for (i, line) in lines {
        if line.is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 14 {
            return Err(bad(i + 1, format!("{} columns, expected 14", c.len())));
        }
        let level = PlaceLevel::parse(c[1]).ok_or_else(|| bad(i + 1, format!("level {}", c[1])))?;
        let num = |s: &str| {
            s.parse::<f64>()
                .map_err(|_| bad(i + 1, format!("number {s:?}")))
        };
        out.push(TsvPlace {
            id: c[0],
            level,
            name_ar: c[2],
            name_en: c[3],
            alt_ar: c[4],
            alt_en: c[5],
            lat: num(c[6])?,
            lon: num(c[7])?,
            adm: [c[8], c[9], c[10]],
            population: c[11].parse().map_err(|_| bad(i + 1, "population".into()))?,
            seat: c[12].parse().map_err(|_| bad(i + 1, "seat".into()))?,
            parent: c[13],
        });
    }
    Ok(out)
}

/// One row of a place CSV (regions.csv, foreign.csv, landmarks.csv, or a user's file).
#[derive(Debug, Clone, Default)]
pub(crate) struct PlaceRow {
    pub line: u64,
    pub id: Option<String>,
    pub name_ar: String,
    pub alt_names: Vec<String>,
    pub name_en: String,
    pub level: Option<PlaceLevel>,
    pub lat_lon: Option<(f64, f64)>,
    pub near: Option<String>,
    pub admin1: Option<String>,
    pub country: Option<String>,
    pub population: u64,
    pub precision: Option<GeoPrecision>,
    pub alias_of: Option<String>,
}

struct Columns {
    names: Vec<String>,
}

impl Columns {
    fn get<'r>(&self, rec: &'r csv::StringRecord, name: &str) -> Option<&'r str> {
        let i = self.names.iter().position(|n| n == name)?;
        rec.get(i).map(str::trim).filter(|s| !s.is_empty())
    }
}

fn csv_reader<R: Read>(reader: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(reader)
}

fn csv_error(source_name: &str, e: &csv::Error) -> GazetteerError {
    let line = e.position().map_or(0, csv::Position::line);
    GazetteerError::Csv {
        source_name: source_name.to_owned(),
        line,
        message: e.to_string(),
    }
}

fn headers<R: Read>(
    rdr: &mut csv::Reader<R>,
    source_name: &str,
    required: &[&str],
) -> Result<Columns, GazetteerError> {
    let h = rdr.headers().map_err(|e| csv_error(source_name, &e))?;
    let names: Vec<String> = h
        .iter()
        .map(|s| s.trim().trim_start_matches('\u{feff}').to_owned())
        .collect();
    for r in required {
        if !names.iter().any(|n| n == r) {
            return Err(GazetteerError::Csv {
                source_name: source_name.to_owned(),
                line: 1,
                message: format!("missing column `{r}` (columns: {})", names.join(", ")),
            });
        }
    }
    Ok(Columns { names })
}

/// Parses a place CSV. Required column: `name_ar`; each row needs `lat` and `lon`, or
/// `near` (a place id), or `alias_of` (a place id the names are added to).
pub(crate) fn parse_place_csv<R: Read>(
    reader: R,
    source_name: &str,
) -> Result<Vec<PlaceRow>, GazetteerError> {
    let mut rdr = csv_reader(reader);
    let cols = headers(&mut rdr, source_name, &["name_ar"])?;
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_error(source_name, &e))?;
        let line = rec.position().map_or(0, csv::Position::line);
        let err = |message: String| GazetteerError::Csv {
            source_name: source_name.to_owned(),
            line,
            message,
        };
        let get = |name: &str| cols.get(&rec, name);
        let name_ar = get("name_ar")
            .ok_or_else(|| err("empty name_ar".into()))?
            .to_owned();
        let parse_f = |name: &str| -> Result<Option<f64>, GazetteerError> {
            get(name)
                .map(|s| {
                    s.parse::<f64>()
                        .map_err(|_| err(format!("{name} is not a number: {s:?}")))
                })
                .transpose()
        };
        let lat_lon = match (parse_f("lat")?, parse_f("lon")?) {
            (Some(lat), Some(lon)) => {
                if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                    return Err(err(format!("coordinates out of range: {lat}, {lon}")));
                }
                Some((lat, lon))
            }
            (None, None) => None,
            _ => return Err(err("lat and lon must be given together".into())),
        };
        let level = get("level")
            .map(|s| PlaceLevel::parse(s).ok_or_else(|| err(format!("unknown level {s:?}"))))
            .transpose()?;
        let precision = get("precision")
            .map(|s| {
                s.parse::<u8>()
                    .ok()
                    .and_then(GeoPrecision::from_code)
                    .ok_or_else(|| err(format!("precision must be 1, 2 or 3: {s:?}")))
            })
            .transpose()?;
        let population = get("population")
            .map(|s| {
                s.parse::<u64>()
                    .map_err(|_| err(format!("population {s:?}")))
            })
            .transpose()?
            .unwrap_or(0);
        let row = PlaceRow {
            line,
            id: get("id").map(str::to_owned),
            alt_names: get("alt_names")
                .map(|s| split_list(s).map(str::to_owned).collect())
                .unwrap_or_default(),
            name_en: get("name_en").unwrap_or("").to_owned(),
            level,
            lat_lon,
            near: get("near").map(str::to_owned),
            admin1: get("admin1").map(str::to_owned),
            country: get("country").map(str::to_owned),
            population,
            precision,
            alias_of: get("alias_of").map(str::to_owned),
            name_ar,
        };
        if row.alias_of.is_none() && row.lat_lon.is_none() && row.near.is_none() {
            return Err(err(
                "needs lat and lon, or near (a place id), or alias_of".into()
            ));
        }
        out.push(row);
    }
    Ok(out)
}

/// One row of aliases.csv.
#[derive(Debug, Clone)]
pub(crate) struct AliasRow {
    pub line: u64,
    pub alias: String,
    pub target: String,
    pub target_name: String,
    pub precision: Option<GeoPrecision>,
    pub directional: bool,
}

pub(crate) fn parse_aliases_csv<R: Read>(
    reader: R,
    source_name: &str,
) -> Result<Vec<AliasRow>, GazetteerError> {
    let mut rdr = csv_reader(reader);
    let cols = headers(&mut rdr, source_name, &["alias", "target"])?;
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_error(source_name, &e))?;
        let line = rec.position().map_or(0, csv::Position::line);
        let err = |message: String| GazetteerError::Csv {
            source_name: source_name.to_owned(),
            line,
            message,
        };
        let get = |name: &str| cols.get(&rec, name);
        let precision = get("precision")
            .map(|s| {
                s.parse::<u8>()
                    .ok()
                    .and_then(GeoPrecision::from_code)
                    .ok_or_else(|| err(format!("precision must be 1, 2 or 3: {s:?}")))
            })
            .transpose()?;
        let directional = match get("directional") {
            None | Some("no") => false,
            Some("yes") => true,
            Some(s) => return Err(err(format!("directional must be yes or empty: {s:?}"))),
        };
        out.push(AliasRow {
            line,
            alias: get("alias")
                .ok_or_else(|| err("empty alias".into()))?
                .to_owned(),
            target: get("target")
                .ok_or_else(|| err("empty target".into()))?
                .to_owned(),
            target_name: get("target_name").unwrap_or("").to_owned(),
            precision,
            directional,
        });
    }
    Ok(out)
}

/// The names of common_words.csv, each with whether only that exact form is meant.
pub(crate) fn parse_common_words(text: &str) -> Result<Vec<(String, bool)>, GazetteerError> {
    let mut rdr = csv_reader(text.as_bytes());
    let cols = headers(&mut rdr, "common_words.csv", &["name"])?;
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_error("common_words.csv", &e))?;
        if let Some(n) = cols.get(&rec, "name") {
            out.push((n.to_owned(), cols.get(&rec, "form") == Some("exact")));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_parses() {
        let text = embedded_places_text().unwrap();
        let rows = parse_places_tsv(&text).unwrap();
        assert!(rows.len() > 11_000, "{}", rows.len());
        assert!(rows.iter().any(|r| r.id == "geonames:168579"));
    }

    #[test]
    fn place_csv_errors_name_the_line() {
        let table = [
            (
                "name_ar,lat,lon\nكناكر,33.2,36.0\n,33.3,36.1\n",
                3,
                "empty name_ar",
            ),
            (
                "# comment\nname_ar,lat,lon\nكناكر,33.2,x\n",
                3,
                "lon is not a number",
            ),
            ("name_ar,lat,lon\nكناكر,33.2,\n", 2, "together"),
            ("name_ar,lat,lon\nكناكر,,\n", 2, "needs lat and lon"),
            (
                "name_ar,lat,lon,level\nكناكر,33.2,36.0,town\n",
                2,
                "unknown level",
            ),
            ("name_ar,lat,lon\nكناكر,133.2,36.0\n", 2, "out of range"),
            ("name_ar,lat,lon\nا,1,2\nب,1\n", 3, ""),
        ];
        for (text, line, msg) in table {
            match parse_place_csv(text.as_bytes(), "user.csv") {
                Err(GazetteerError::Csv {
                    line: l, message, ..
                }) => {
                    assert_eq!(l, line, "{text:?}: {message}");
                    assert!(message.contains(msg), "{text:?}: {message}");
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
        let missing = parse_place_csv("name,lat,lon\nx,1,2\n".as_bytes(), "u.csv");
        assert!(
            matches!(missing, Err(GazetteerError::Csv { line: 1, .. })),
            "{missing:?}"
        );
    }

    #[test]
    fn place_csv_minimal_and_full_rows() {
        let text = "name_ar,lat,lon,admin1,alt_names,precision\nتل الزعتر,33.1,36.2,درعا,تل زعتر|الزعتر,2\nقرية,33,36,,,\n";
        let rows = parse_place_csv(text.as_bytes(), "u.csv").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].alt_names, vec!["تل زعتر", "الزعتر"]);
        assert_eq!(rows[0].admin1.as_deref(), Some("درعا"));
        assert_eq!(rows[0].precision, Some(GeoPrecision::Near));
        assert_eq!(rows[1].lat_lon, Some((33.0, 36.0)));
        assert_eq!(rows[1].admin1, None);
    }
}
