//! Write access: one bearer token, given (`--token`, `RASD_TOKEN`) or generated at first
//! start and kept in a file next to the database (mode 0600).

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

use crate::error::ApiError;
use crate::state::AppState;

/// The shortest token accepted.
pub const MIN_TOKEN_LEN: usize = 16;

/// The secret that write requests must present. Never printed by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(…)")
    }
}

/// Why a token could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the token must be at least {MIN_TOKEN_LEN} characters of visible ASCII")]
    Weak,
    #[error("token file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no randomness for a token: {0}")]
    Random(String),
}

impl Token {
    /// A token from text given by the operator.
    pub fn new(s: impl Into<String>) -> Result<Self, TokenError> {
        let s = s.into().trim().to_owned();
        if s.len() < MIN_TOKEN_LEN || !s.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(TokenError::Weak);
        }
        Ok(Token(s))
    }

    /// A fresh random token (32 bytes, hex).
    pub fn generate() -> Result<Self, TokenError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| TokenError::Random(e.to_string()))?;
        Ok(Token(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Compares in time independent of where the strings differ.
    pub fn matches(&self, presented: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), presented.as_bytes());
        let mut diff = a.len() ^ b.len();
        for (i, x) in a.iter().enumerate() {
            diff |= usize::from(x ^ b.get(i).copied().unwrap_or(0));
        }
        diff == 0
    }
}

/// Where the token in use came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    /// `--token` or `RASD_TOKEN`.
    Given,
    /// Read from this file (generated at an earlier start).
    File(PathBuf),
    /// Generated now and written to this file: show it to the operator once.
    Generated(PathBuf),
}

/// The token file that goes with a database: `rasd.db` → `rasd.db.token`; for a
/// PostgreSQL URL, `rasd-server.token` in the working directory.
pub fn default_token_file(db: &str) -> PathBuf {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        PathBuf::from("rasd-server.token")
    } else {
        let path = db.strip_prefix("sqlite://").unwrap_or(db);
        PathBuf::from(format!("{path}.token"))
    }
}

/// The token to use: the given one, else the one in `file`, else a new one written to
/// `file` with mode 0600.
pub fn resolve_token(given: Option<&str>, file: &Path) -> Result<(Token, TokenSource), TokenError> {
    if let Some(t) = given {
        return Ok((Token::new(t)?, TokenSource::Given));
    }
    let io = |source| TokenError::Io {
        path: file.to_path_buf(),
        source,
    };
    match std::fs::read_to_string(file) {
        Ok(s) => return Ok((Token::new(s)?, TokenSource::File(file.to_path_buf()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    let token = Token::generate()?;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(file).map_err(io)?;
    f.write_all(token.expose().as_bytes()).map_err(io)?;
    f.write_all(b"\n").map_err(io)?;
    Ok((token, TokenSource::Generated(file.to_path_buf())))
}

/// Middleware of the write routes: 401 unless `Authorization: Bearer <token>` matches.
pub async fn require_token(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, rest) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
        });
    match presented {
        Some(t) if state.token().matches(t) => Ok(next.run(req).await),
        _ => Err(ApiError::Unauthorized),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_rules() {
        let table = [
            ("short", false),
            ("0123456789abcdef", true),
            ("  0123456789abcdef\n", true),
            ("0123456789 abcdef0", false),
            ("٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦", false),
        ];
        for (s, ok) in table {
            assert_eq!(Token::new(s).is_ok(), ok, "{s:?}");
        }
        let t = Token::new("0123456789abcdef").unwrap();
        assert!(t.matches("0123456789abcdef"));
        assert!(!t.matches("0123456789abcdeF"));
        assert!(!t.matches("0123456789abcdef0"));
        assert!(!t.matches(""));
        assert_eq!(format!("{t:?}"), "Token(…)");
    }

    #[test]
    fn generated_once_then_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("rasd.db.token");
        let (t1, s1) = resolve_token(None, &file).unwrap();
        assert_eq!(s1, TokenSource::Generated(file.clone()));
        assert_eq!(t1.expose().len(), 64);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let (t2, s2) = resolve_token(None, &file).unwrap();
        assert_eq!(t1, t2);
        assert_eq!(s2, TokenSource::File(file.clone()));
        let (t3, s3) = resolve_token(Some("given-token-0123456789"), &file).unwrap();
        assert_eq!(t3.expose(), "given-token-0123456789");
        assert_eq!(s3, TokenSource::Given);
    }

    #[test]
    fn token_file_names() {
        let table = [
            ("rasd.db", "rasd.db.token"),
            ("sqlite://data/x.db", "data/x.db.token"),
            ("postgres://u@h/db", "rasd-server.token"),
        ];
        for (db, want) in table {
            assert_eq!(default_token_file(db), PathBuf::from(want), "{db}");
        }
    }
}
