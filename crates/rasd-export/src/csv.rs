//! The ACLED-style CSV: RFC 4180 (quoted where needed, CRLF line ends), UTF-8, with an
//! optional byte-order mark so that Excel reads the Arabic correctly.

use std::io::Write;

use crate::acled::{AcledRow, COLUMNS};
use crate::{EventWriter, ExportEvent, Names, Result, Written};

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes events as CSV rows under ACLED's header.
#[derive(Debug)]
pub struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
    names: Names,
    written: u64,
}

impl<W: Write> CsvWriter<W> {
    /// Writes the (optional) byte-order mark and the header at once, so that even an empty
    /// export is a valid CSV with its columns.
    pub fn new(mut out: W, names: Names, bom: bool) -> Result<Self> {
        if bom {
            out.write_all(BOM)?;
        }
        let mut out = csv::WriterBuilder::new()
            .has_headers(false)
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        out.write_record(COLUMNS)?;
        Ok(CsvWriter {
            out,
            names,
            written: 0,
        })
    }

    /// The underlying writer, flushed.
    pub fn into_inner(self) -> Result<W> {
        self.out
            .into_inner()
            .map_err(|e| crate::ExportError::Io(e.into_error()))
    }
}

impl<W: Write> EventWriter for CsvWriter<W> {
    fn write(&mut self, event: &ExportEvent) -> Result<()> {
        self.out.serialize(AcledRow::new(event, &self.names)?)?;
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

    fn export(bom: bool, n: usize) -> Vec<u8> {
        let mut w = CsvWriter::new(Vec::new(), Names::arabic(), bom).unwrap();
        for _ in 0..n {
            w.write(&export_event(kanaker(), &[("alaraby", "001.txt")]))
                .unwrap();
        }
        assert_eq!(w.finish().unwrap().written, n as u64);
        w.into_inner().unwrap()
    }

    #[test]
    fn the_header_is_acleds_then_rasds_and_matches_the_row_fields() {
        let bytes = export(false, 1);
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
        assert_eq!(header, COLUMNS);
        // The row struct serialises its fields in the same order as the header.
        let mut probe = csv::Writer::from_writer(Vec::new());
        probe
            .serialize(AcledRow::new(&export_event(kanaker(), &[]), &Names::arabic()).unwrap())
            .unwrap();
        let probe = String::from_utf8(probe.into_inner().unwrap()).unwrap();
        assert_eq!(probe.lines().next().unwrap(), COLUMNS.join(","));
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].len(), COLUMNS.len());
        assert_eq!(&rows[0][0], "SYR000007");
        assert_eq!(&rows[0][1], "2020-12-08");
    }

    #[test]
    fn quotes_commas_quotes_and_newlines_and_ends_lines_with_crlf() {
        let bytes = export(false, 2);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("\r\n"));
        assert!(
            text.contains("\"شددت قوات النظام السوري حصارها على بلدة كناكر, \"\"اليوم\"\"\nسطر\""),
            "{text}"
        );
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        let rows: Vec<_> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        assert!(rows[1][27].ends_with("\"اليوم\"\nسطر"));
    }

    #[test]
    fn bom_only_when_asked_and_an_empty_export_still_has_its_header() {
        assert!(export(true, 0).starts_with(BOM));
        let plain = export(false, 0);
        assert!(!plain.starts_with(BOM));
        assert_eq!(
            String::from_utf8(plain).unwrap(),
            format!("{}\r\n", COLUMNS.join(","))
        );
    }
}
