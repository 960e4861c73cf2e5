//! A readable terminal table, one line per event (the style of `rasd extract --format
//! table`).

use std::io::Write;

use rasd_store::StoredEvent;

use crate::{EventWriter, ExportEvent, Result, Written};

/// The header line.
pub fn header() -> String {
    format!(
        "{:<10} {:<10} {:<34} {:<16} {:<12} {:<42} {:>4} {:>4} {:>3} {}",
        "id",
        "date",
        "sub-event type",
        "place",
        "admin1",
        "actor1 → actor2",
        "dead",
        "conf",
        "src",
        "disagree"
    )
}

/// One line per event.
pub fn row(e: &StoredEvent) -> String {
    let v = &e.values;
    let actors = format!(
        "{} → {}",
        v.actor1
            .as_ref()
            .map_or("?".to_owned(), ToString::to_string),
        v.actor2
            .as_ref()
            .map_or("?".to_owned(), ToString::to_string)
    );
    let mut sub = v.sub_event_type.to_string();
    if !v.tags.is_empty() {
        let tags: Vec<&str> = v.tags.iter().map(|t| t.as_str()).collect();
        sub = format!("{sub} [{}]", tags.join(","));
    }
    let disagree: Vec<&str> = v.disagreements.iter().map(|d| d.field.as_str()).collect();
    format!(
        "{:<10} {:<10} {:<34} {:<16} {:<12} {:<42} {:>4} {:>4.2} {:>3} {}",
        e.id.0,
        v.date.map_or(String::new(), |d| d.to_string()),
        truncate(&sub, 34),
        truncate(&v.location.name, 16),
        truncate(v.location.admin1.as_deref().unwrap_or(""), 12),
        truncate(&actors, 42),
        v.fatalities.map_or(String::new(), |f| f.to_string()),
        v.confidence,
        e.n_sources,
        disagree.join(",")
    )
}

/// Cuts a string to `n` characters, marking the cut with `…`.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n.saturating_sub(1)).chain(['…']).collect()
    }
}

/// Writes the header, then one line per event.
#[derive(Debug)]
pub struct TableWriter<W: Write> {
    out: W,
    written: u64,
}

impl<W: Write> TableWriter<W> {
    pub fn new(mut out: W) -> Result<Self> {
        writeln!(out, "{}", header())?;
        Ok(TableWriter { out, written: 0 })
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> EventWriter for TableWriter<W> {
    fn write(&mut self, e: &ExportEvent) -> Result<()> {
        writeln!(self.out, "{}", row(&e.event))?;
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<Written> {
        self.out.flush()?;
        Ok(Written {
            written: self.written,
            skipped: 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::kanaker;

    #[test]
    fn rows_show_the_consensus_and_disagreements() {
        let mut e = kanaker();
        e.values.disagreements.push(rasd_store::Disagreement {
            field: rasd_core::Field::Actor1,
            chosen: "regime:air-force-intelligence".into(),
            values: vec![],
            rule: "most specific".into(),
        });
        let mut w = TableWriter::new(Vec::new()).unwrap();
        w.write(&ExportEvent::bare(e)).unwrap();
        let text = String::from_utf8(w.into_inner()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("id "));
        assert!(
            lines[1].starts_with("SYR000007  2020-12-08 Other [siege,blockade]"),
            "{}",
            lines[1]
        );
        assert!(lines[1].contains("كناكر"));
        assert!(
            lines[1].contains("regime:air-force-intelligence → civilians"),
            "{}",
            lines[1]
        );
        assert!(lines[1].trim_end().ends_with("2 actor1"), "{}", lines[1]);
    }

    #[test]
    fn truncate_table() {
        for (s, n, want) in [("abc", 3, "abc"), ("abcd", 3, "ab…"), ("كناكر", 4, "كنا…")]
        {
            assert_eq!(truncate(s, n), want);
        }
    }
}
