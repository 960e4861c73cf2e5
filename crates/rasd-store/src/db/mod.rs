//! A thin layer over the two database drivers so the store's logic and most of its SQL are
//! written once. SQL here uses `?` placeholders (the PostgreSQL adapter numbers them); every
//! value is bound, never spliced into the text.

pub mod pool;

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{Result, StoreError};

/// The SQL dialect of a connection, for the few statements that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A bound value. Nulls are typed so PostgreSQL can check them against the column.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
    Bool(bool),
    Date(Option<NaiveDate>),
    Time(DateTime<Utc>),
    Blob(Vec<u8>),
    /// An array of integers (PostgreSQL only; used for advisory locks).
    IntArray(Vec<i64>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::Int(v)
    }
}
impl From<u32> for Value {
    fn from(v: u32) -> Self {
        Value::Int(Some(i64::from(v)))
    }
}
impl From<Option<u32>> for Value {
    fn from(v: Option<u32>) -> Self {
        Value::Int(v.map(i64::from))
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Real(Some(v))
    }
}
impl From<Option<f64>> for Value {
    fn from(v: Option<f64>) -> Self {
        Value::Real(v)
    }
}
impl From<f32> for Value {
    fn from(v: f32) -> Self {
        Value::Real(Some(f64::from(v)))
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_owned()))
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        Value::Text(v)
    }
}
impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Self {
        Value::Text(v.map(str::to_owned))
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl From<NaiveDate> for Value {
    fn from(v: NaiveDate) -> Self {
        Value::Date(Some(v))
    }
}
impl From<Option<NaiveDate>> for Value {
    fn from(v: Option<NaiveDate>) -> Self {
        Value::Date(v)
    }
}
impl From<DateTime<Utc>> for Value {
    fn from(v: DateTime<Utc>) -> Self {
        Value::Time(v)
    }
}

/// Builds a `Vec<Value>` from expressions.
macro_rules! vals {
    ($($e:expr),* $(,)?) => { vec![$($crate::db::Value::from($e)),*] };
}
pub(crate) use vals;

/// Builds a `[Value; N]` from expressions (for `&args![…]` parameter slices).
macro_rules! args {
    ($($e:expr),* $(,)?) => { [$($crate::db::Value::from($e)),*] };
}
pub(crate) use args;

/// One result row, by column index.
pub trait Row {
    fn int(&self, i: usize) -> Result<Option<i64>>;
    fn real(&self, i: usize) -> Result<Option<f64>>;
    fn text(&self, i: usize) -> Result<Option<String>>;
    fn boolean(&self, i: usize) -> Result<bool>;
    fn date(&self, i: usize) -> Result<Option<NaiveDate>>;
    fn time(&self, i: usize) -> Result<Option<DateTime<Utc>>>;
    fn blob(&self, i: usize) -> Result<Option<Vec<u8>>>;

    fn req_int(&self, i: usize) -> Result<i64> {
        self.int(i)?
            .ok_or_else(|| StoreError::Corrupt(format!("column {i}: null integer")))
    }
    fn req_text(&self, i: usize) -> Result<String> {
        self.text(i)?
            .ok_or_else(|| StoreError::Corrupt(format!("column {i}: null text")))
    }
    fn req_time(&self, i: usize) -> Result<DateTime<Utc>> {
        self.time(i)?
            .ok_or_else(|| StoreError::Corrupt(format!("column {i}: null time")))
    }
}

/// Decodes a JSON column of a `&dyn Row`.
pub fn json_col<T: serde::de::DeserializeOwned>(row: &dyn Row, i: usize) -> Result<T> {
    Ok(serde_json::from_str(&row.req_text(i)?)?)
}

/// Decodes an optional JSON column.
pub fn opt_json_col<T: serde::de::DeserializeOwned>(row: &dyn Row, i: usize) -> Result<Option<T>> {
    match row.text(i)? {
        Some(s) => Ok(Some(serde_json::from_str(&s)?)),
        None => Ok(None),
    }
}

/// A connection, or a transaction on one.
pub trait Conn {
    fn dialect(&self) -> Dialect;

    /// Executes a statement; returns the number of rows changed.
    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64>;

    /// Runs a query and calls `f` on each row.
    fn query_each(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&dyn Row) -> Result<()>,
    ) -> Result<()>;
}

/// Convenience queries on top of [`Conn`].
pub trait ConnExt: Conn {
    /// Maps every row.
    fn query_map<T>(
        &mut self,
        sql: &str,
        params: &[Value],
        mut f: impl FnMut(&dyn Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.query_each(sql, params, &mut |r| {
            out.push(f(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// Maps the first row, if any.
    fn query_opt<T>(
        &mut self,
        sql: &str,
        params: &[Value],
        mut f: impl FnMut(&dyn Row) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut out = None;
        self.query_each(sql, params, &mut |r| {
            if out.is_none() {
                out = Some(f(r)?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// The first column of the first row as an integer (0 when there is none or it is null).
    fn query_i64(&mut self, sql: &str, params: &[Value]) -> Result<i64> {
        Ok(self
            .query_opt(sql, params, |r| r.int(0))?
            .flatten()
            .unwrap_or(0))
    }
}

impl<C: Conn + ?Sized> ConnExt for C {}

/// `?, ?, ?` for `n` values.
pub fn placeholders(n: usize) -> String {
    let mut s = String::with_capacity(n * 3);
    for i in 0..n {
        if i > 0 {
            s.push_str(", ");
        }
        s.push('?');
    }
    s
}

/// Rewrites `?` placeholders to PostgreSQL's `$1, $2, …` (outside string literals).
pub fn number_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    let mut in_str = false;
    for c in sql.chars() {
        match c {
            '\'' => {
                in_str = !in_str;
                out.push(c);
            }
            '?' if !in_str => {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_placeholders_outside_literals() {
        let table = [
            ("SELECT ?", "SELECT $1"),
            (
                "a = ? AND b LIKE ? ESCAPE '\\'",
                "a = $1 AND b LIKE $2 ESCAPE '\\'",
            ),
            ("x = '?' AND y = ?", "x = '?' AND y = $1"),
            ("IN (?, ?, ?)", "IN ($1, $2, $3)"),
        ];
        for (sql, want) in table {
            assert_eq!(number_placeholders(sql), want);
        }
        assert_eq!(placeholders(3), "?, ?, ?");
        assert_eq!(placeholders(0), "");
    }
}
