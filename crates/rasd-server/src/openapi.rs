//! `GET /openapi.json`: the API's OpenAPI 3 description, written by hand
//! (`src/openapi.json`); a test checks it lists exactly the router's routes.

use axum::http::{HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};

/// The OpenAPI document.
pub const OPENAPI_JSON: &str = include_str!("openapi.json");

pub async fn handler() -> Response {
    let mut resp = OPENAPI_JSON.into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

/// The operations the document describes: (method, path).
pub fn operations() -> Result<Vec<(Method, String)>, serde_json::Error> {
    let doc: serde_json::Value = serde_json::from_str(OPENAPI_JSON)?;
    let mut out = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(|p| p.as_object()) {
        for (path, item) in paths {
            for (m, _) in item.as_object().into_iter().flatten() {
                if let Ok(method) = Method::from_bytes(m.to_ascii_uppercase().as_bytes())
                    && matches!(
                        method,
                        Method::GET | Method::POST | Method::PUT | Method::DELETE | Method::PATCH
                    )
                {
                    out.push((method, path.clone()));
                }
            }
        }
    }
    out.sort_by(|a, b| (a.1.as_str(), a.0.as_str()).cmp(&(b.1.as_str(), b.0.as_str())));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_is_openapi_3() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI_JSON).unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        assert!(!operations().unwrap().is_empty());
        // Every $ref points at a schema that exists.
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        let mut refs = Vec::new();
        fn collect(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    for (k, x) in m {
                        if k == "$ref" {
                            out.push(x.as_str().unwrap().to_owned());
                        } else {
                            collect(x, out);
                        }
                    }
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
                _ => {}
            }
        }
        collect(&doc, &mut refs);
        for r in refs {
            let name = r.strip_prefix("#/components/").unwrap();
            let (kind, name) = name.split_once('/').unwrap();
            assert!(doc["components"][kind].get(name).is_some(), "dangling {r}");
            if kind == "schemas" {
                assert!(schemas.contains_key(name));
            }
        }
    }
}
