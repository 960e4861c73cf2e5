//! The web app, compiled into the binary: every file under `web/` (tested), served with
//! its content type. Nothing is fetched from elsewhere at run time.

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// One embedded file.
#[derive(Debug, Clone, Copy)]
pub struct Asset {
    /// Path under `web/` (and under `/` in URLs).
    pub path: &'static str,
    pub body: &'static [u8],
}

macro_rules! assets {
    ($($path:literal),* $(,)?) => {
        /// The embedded files.
        pub static ASSETS: &[Asset] = &[
            $(Asset {
                path: $path,
                body: include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/web/", $path)),
            }),*
        ];
    };
}

assets!(
    "index.html",
    "favicon.svg",
    "css/app.css",
    "js/main.js",
    "js/api.js",
    "js/i18n.js",
    "js/dom.js",
    "js/state.js",
    "js/map.js",
    "js/timeline.js",
    "js/filters.js",
    "js/list.js",
    "js/event-panel.js",
    "js/highlight.js",
    "js/review.js",
    "js/dossier.js",
    "data/syr_admin1.geojson",
    "data/syr_admin2.geojson",
    "data/ATTRIBUTION.md",
    "vendor/README.md",
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet/LICENSE",
    "vendor/leaflet/images/layers.png",
    "vendor/leaflet/images/layers-2x.png",
    "vendor/leaflet/images/marker-icon.png",
    "vendor/leaflet/images/marker-icon-2x.png",
    "vendor/leaflet/images/marker-shadow.png",
    "vendor/leaflet.markercluster/leaflet.markercluster.js",
    "vendor/leaflet.markercluster/MarkerCluster.css",
    "vendor/leaflet.markercluster/MarkerCluster.Default.css",
    "vendor/leaflet.markercluster/LICENSE",
);

/// The content type of a file, by extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, e)| e) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("geojson") => "application/geo+json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("md") | Some("txt") => "text/plain; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    }
}

pub fn find(path: &str) -> Option<&'static Asset> {
    let path = path.trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    ASSETS.iter().find(|a| a.path == path)
}

/// Serves an embedded file; `/api/…` paths that reached here are unknown routes. With
/// `web_dir` (development), the same files are read from that directory instead, so edits
/// show without a rebuild; only names in [`ASSETS`] are ever read.
pub async fn handler(uri: Uri, web_dir: Option<PathBuf>) -> Response {
    let path = uri.path();
    if path.starts_with("/api/") || path == "/api" {
        return ApiError::not_found(format!("no route {path}")).into_response();
    }
    match find(path) {
        Some(a) => {
            let body = match &web_dir {
                Some(dir) => match tokio::fs::read(dir.join(a.path)).await {
                    Ok(b) => Body::from(b),
                    Err(_) => Body::from(a.body),
                },
                None => Body::from(a.body),
            };
            let mut resp = Response::new(body);
            let h = resp.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(a.path)),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            resp
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file under web/ is embedded, and every embedded file exists.
    #[test]
    fn every_web_file_is_embedded() {
        fn walk(dir: &std::path::Path, base: &std::path::Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, base, out);
                } else {
                    out.push(
                        p.strip_prefix(base)
                            .unwrap()
                            .to_string_lossy()
                            .replace('\\', "/"),
                    );
                }
            }
        }
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("web");
        let mut on_disk = Vec::new();
        walk(&base, &base, &mut on_disk);
        on_disk.sort();
        let mut embedded: Vec<String> = ASSETS.iter().map(|a| a.path.to_owned()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn lookup_and_types() {
        assert!(find("/").unwrap().path == "index.html");
        assert!(find("/js/api.js").is_some());
        assert!(find("/../Cargo.toml").is_none());
        let table = [
            ("a.html", "text/html; charset=utf-8"),
            ("x/y.js", "text/javascript; charset=utf-8"),
            ("d.geojson", "application/geo+json"),
            ("i.png", "image/png"),
        ];
        for (p, want) in table {
            assert_eq!(content_type(p), want, "{p}");
        }
    }
}
