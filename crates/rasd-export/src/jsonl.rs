//! JSON Lines: each stored event as the store keeps it (consensus values, disagreements,
//! status, counts) with its sources and their evidence, one per line.

use std::io::Write;

use rasd_store::StoredEvent;
use serde::Serialize;

use crate::{EventWriter, ExportEvent, Result, Source, Written};

#[derive(Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    event: &'a StoredEvent,
    sources: &'a [Source],
}

/// Writes one JSON object per event.
#[derive(Debug)]
pub struct JsonlWriter<W: Write> {
    out: W,
    written: u64,
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(out: W) -> Self {
        JsonlWriter { out, written: 0 }
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> EventWriter for JsonlWriter<W> {
    fn write(&mut self, e: &ExportEvent) -> Result<()> {
        serde_json::to_writer(
            &mut self.out,
            &Line {
                event: &e.event,
                sources: &e.sources,
            },
        )?;
        self.out.write_all(b"\n")?;
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
    use crate::test_support::{export_event, kanaker};

    #[test]
    fn one_event_per_line_with_sources_and_round_trip_values() {
        let mut w = JsonlWriter::new(Vec::new());
        w.write(&export_event(
            kanaker(),
            &[("alaraby", "001.txt"), ("alquds", "002.txt")],
        ))
        .unwrap();
        w.write(&export_event(kanaker(), &[])).unwrap();
        w.finish().unwrap();
        let text = String::from_utf8(w.into_inner()).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["id"], "SYR000007");
        assert_eq!(lines[0]["sub_event_type"], "Other");
        assert_eq!(
            lines[0]["fatalities"],
            serde_json::Value::Null,
            "unknown stays null"
        );
        assert_eq!(lines[0]["sources"].as_array().unwrap().len(), 2);
        assert_eq!(lines[0]["sources"][1]["outlet"], "alquds");
        let back: StoredEvent = serde_json::from_value(lines[0].clone()).unwrap();
        assert_eq!(back, kanaker());
    }
}
