//! Reading JSON Lines the way score.py's `load_jsonl` does: the file is UTF-8 read with
//! universal newlines (`\n`, `\r\n` and a lone `\r` end a line), each line is
//! `str.strip()`ped, blank lines are skipped, and the rest go through Python's
//! `json.loads`. The parser here accepts exactly what Python's accepts and builds the
//! value Python would (`-0` is the int 0, floats are correctly rounded, a repeated key
//! keeps its last value); what Python accepts but a `serde_json::Value` cannot hold is
//! reported as [`LineError::Unrepresentable`], never silently changed.

use std::path::Path;

use serde_json::{Map, Number, Value};

use crate::error::LoadError;
use crate::pyunicode;

/// Python's json decoder gives up with RecursionError beyond this many nested
/// containers when called from score.py (measured with Python 3.11).
pub(crate) const MAX_DEPTH: usize = 993;

/// Why one line was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineError {
    NotJson(String),
    Unrepresentable(String),
}

/// `json.loads(line)` for one (already stripped) line.
pub(crate) fn parse_line(line: &str) -> Result<Value, LineError> {
    let mut p = Parser {
        s: line,
        b: line.as_bytes(),
        i: 0,
    };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.i != p.b.len() {
        return Err(p.not_json("Extra data"));
    }
    Ok(v)
}

/// The non-blank lines of a JSON Lines text as `(line number, value)`.
pub(crate) fn parse_lines(text: &str, path: &Path) -> Result<Vec<(usize, Value)>, LoadError> {
    let mut out = Vec::new();
    for (k, raw) in universal_lines(text).enumerate() {
        let line = pyunicode::strip(raw);
        if line.is_empty() {
            continue;
        }
        match parse_line(line) {
            Ok(v) => out.push((k + 1, v)),
            Err(LineError::NotJson(message)) => {
                return Err(LoadError::NotJson {
                    path: path.to_owned(),
                    line: k + 1,
                    message,
                });
            }
            Err(LineError::Unrepresentable(message)) => {
                return Err(LoadError::Unrepresentable {
                    path: path.to_owned(),
                    line: k + 1,
                    message,
                });
            }
        }
    }
    Ok(out)
}

/// Reads a file as score.py's `open(path, encoding="utf-8")` does.
pub(crate) fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        LoadError::NotUtf8 {
            path: path.to_owned(),
            line: universal_lines(&text).count().max(1),
        }
    })
}

/// Lines as Python's text mode with `newline=None` yields them (terminators dropped).
pub(crate) fn universal_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.find(['\n', '\r']) {
            None => {
                let line = rest;
                rest = "";
                Some(line)
            }
            Some(k) => {
                let line = &rest[..k];
                let skip = if rest[k..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[k + skip..];
                Some(line)
            }
        }
    })
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn not_json(&self, what: &str) -> LineError {
        let col = self.s.get(..self.i).map_or(self.i, |p| p.chars().count()) + 1;
        LineError::NotJson(format!("{what}: column {col} (char {})", col - 1))
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.b[self.i..].starts_with(lit.as_bytes()) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, LineError> {
        match self.peek() {
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'n') if self.eat("null") => Ok(Value::Null),
            Some(b't') if self.eat("true") => Ok(Value::Bool(true)),
            Some(b'f') if self.eat("false") => Ok(Value::Bool(false)),
            Some(b'N') if self.eat("NaN") => Err(unrepresentable("NaN")),
            Some(b'I') if self.eat("Infinity") => Err(unrepresentable("Infinity")),
            Some(b'-') if self.b[self.i..].starts_with(b"-Infinity") => {
                Err(unrepresentable("-Infinity"))
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.not_json("Expecting value")),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Value, LineError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.not_json("Expecting value")),
        }
        let mut is_float = false;
        if self.peek() == Some(b'.') && matches!(self.b.get(self.i + 1), Some(b'0'..=b'9')) {
            self.i += 1;
            self.digits();
            is_float = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            let e_start = self.i;
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() > 0 {
                is_float = true;
            } else {
                self.i = e_start;
            }
        }
        let text = &self.s[start..self.i];
        if is_float {
            let f: f64 = text
                .parse()
                .map_err(|_| LineError::NotJson(format!("bad number {text}")))?;
            return Number::from_f64(f).map(Value::Number).ok_or_else(|| {
                unrepresentable(&format!("{text} (a float beyond f64: Python reads inf)"))
            });
        }
        if let Ok(i) = text.parse::<i64>() {
            Ok(Value::from(i))
        } else if let Ok(u) = text.parse::<u64>() {
            Ok(Value::from(u))
        } else {
            Err(unrepresentable(&format!(
                "{text} (an integer beyond 64 bits)"
            )))
        }
    }

    fn hex4(&mut self) -> Result<u32, LineError> {
        let h = self
            .s
            .get(self.i..self.i + 4)
            .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.not_json("Invalid \\uXXXX escape"))?;
        self.i += 4;
        Ok(h)
    }

    fn string(&mut self) -> Result<String, LineError> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while matches!(self.peek(), Some(c) if c != b'"' && c != b'\\' && c >= 0x20) {
                self.i += 1;
            }
            out.push_str(&self.s[start..self.i]);
            match self.peek() {
                None => return Err(self.not_json("Unterminated string starting at")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let esc = self.peek();
                    self.i += 1;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        _ => {
                            self.i -= 1;
                            return Err(self.not_json("Invalid \\escape"));
                        }
                    }
                }
                Some(_) => return Err(self.not_json("Invalid control character at")),
            }
        }
    }

    fn unicode_escape(&mut self) -> Result<char, LineError> {
        let c = self.hex4()?;
        if (0xD800..0xDC00).contains(&c) && self.b[self.i..].starts_with(b"\\u") {
            self.i += 2;
            let c2 = self.hex4()?;
            if (0xDC00..0xE000).contains(&c2) {
                let joined = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
                return char::from_u32(joined).ok_or_else(|| unrepresentable("surrogate"));
            }
            return Err(unrepresentable(&format!("lone surrogate \\u{c:04x}")));
        }
        char::from_u32(c).ok_or_else(|| unrepresentable(&format!("lone surrogate \\u{c:04x}")))
    }

    fn nested(&self, depth: usize) -> Result<(), LineError> {
        if depth > MAX_DEPTH {
            Err(unrepresentable(
                "nesting beyond Python's recursion limit (RecursionError)",
            ))
        } else {
            Ok(())
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, LineError> {
        self.nested(depth)?;
        self.i += 1;
        let mut out = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Value::Array(out));
        }
        loop {
            out.push(self.value(depth)?);
            self.ws();
            match self.peek() {
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::Array(out));
                }
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                }
                _ => return Err(self.not_json("Expecting ',' delimiter")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, LineError> {
        self.nested(depth)?;
        self.i += 1;
        let mut out = Map::new();
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Value::Object(out));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.not_json("Expecting property name enclosed in double quotes"));
            }
            let key = self.string()?;
            self.ws();
            if self.peek() != Some(b':') {
                return Err(self.not_json("Expecting ':' delimiter"));
            }
            self.i += 1;
            self.ws();
            let v = self.value(depth)?;
            // dict(pairs): a repeated key keeps its first place and its last value.
            out.insert(key, v);
            self.ws();
            match self.peek() {
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Value::Object(out));
                }
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                }
                _ => return Err(self.not_json("Expecting ',' delimiter")),
            }
        }
    }
}

fn unrepresentable(what: &str) -> LineError {
    LineError::Unrepresentable(what.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn accepts_what_python_accepts() {
        for (line, want) in [
            ("{\"a\": 1}", json!({"a": 1})),
            (
                "[1, 2.5, -0, -0.0, 1e2, 1E-400]",
                json!([1, 2.5, 0, -0.0, 100.0, 0.0]),
            ),
            ("\"\\ud83d\\ude00\\u00e9\\/\"", json!("😀é/")),
            ("{\"a\": 1, \"a\": 2}", json!({"a": 2})),
            ("  [ ]\t", json!([])),
            ("18446744073709551615", json!(18446744073709551615_u64)),
            ("-9223372036854775808", json!(-9223372036854775808_i64)),
            ("\"\u{7f}دمشق\"", json!("\u{7f}دمشق")),
        ] {
            assert_eq!(parse_line(line), Ok(want), "{line}");
        }
        let v = parse_line("-0").ok();
        assert_eq!(v.and_then(|v| v.as_i64()), Some(0));
    }

    #[test]
    fn rejects_what_python_rejects() {
        for line in [
            "{\"a\": 1,}",
            "[1,]",
            "01",
            "1.",
            ".5",
            "1e",
            "+1",
            "\"a\tb\"",
            "\"\\x\"",
            "\"\\u12\"",
            "{'a': 1}",
            "nul",
            "[1] x",
            "\u{feff}{}",
            "{\"a\" 1}",
            "-",
        ] {
            assert!(
                matches!(parse_line(line), Err(LineError::NotJson(_))),
                "{line}"
            );
        }
    }

    #[test]
    fn flags_what_value_cannot_hold() {
        for line in [
            "NaN",
            "[Infinity]",
            "-Infinity",
            "1e400",
            "18446744073709551616",
            "-9223372036854775809",
            "\"\\ud800\"",
            "\"\\udc00x\"",
            "\"\\ud800\\u0041\"",
        ] {
            assert!(
                matches!(parse_line(line), Err(LineError::Unrepresentable(_))),
                "{line}"
            );
        }
        let deep = |d: usize| format!("{}{}", "[".repeat(d), "]".repeat(d));
        assert!(parse_line(&deep(MAX_DEPTH)).is_ok());
        assert!(matches!(
            parse_line(&deep(MAX_DEPTH + 1)),
            Err(LineError::Unrepresentable(_))
        ));
    }

    #[test]
    fn universal_newlines() {
        let lines: Vec<&str> = universal_lines("a\r\nb\rc\n\nd\u{2028}e").collect();
        assert_eq!(lines, ["a", "b", "c", "", "d\u{2028}e"]);
        assert_eq!(universal_lines("a\n").count(), 1);
    }
}
