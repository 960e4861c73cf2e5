//! Counts over a batch: documents read, kept and rejected by reason; paragraphs kept and
//! removed by reason and by stage.

use std::collections::BTreeMap;
use std::fmt;

use rasd_core::Document;
use serde::Serialize;

use crate::clean::{CleanReport, ReasonCounts};
use crate::error::{IngestError, RejectReason};

/// What a batch amounted to.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Files (and standard input) opened.
    pub files: u64,
    /// Files inside directories left out for their extension.
    pub files_skipped: u64,
    /// Documents and records read: kept plus rejected.
    pub documents_read: u64,
    /// Documents that came out cleaned.
    pub documents_kept: u64,
    /// Rejections by reason.
    pub rejected: BTreeMap<RejectReason, u64>,
    /// Paragraphs kept, over kept documents.
    pub paragraphs_kept: u64,
    /// Paragraphs removed by reason, over kept documents.
    pub paragraphs_removed: ReasonCounts,
    /// Paragraphs removed by each cleaning stage, over kept documents.
    pub stages: CleanReport,
    /// Bytes of text of kept documents.
    pub text_bytes: u64,
}

impl Summary {
    /// Counts one outcome.
    pub fn record(&mut self, result: &Result<Document, IngestError>) {
        self.documents_read += 1;
        match result {
            Ok(doc) => {
                self.documents_kept += 1;
                self.paragraphs_kept += doc.kept.len() as u64;
                for r in &doc.removed {
                    self.paragraphs_removed.add(r.reason, 1);
                }
                self.text_bytes += doc.text.len() as u64;
            }
            Err(e) => *self.rejected.entry(e.reason()).or_default() += 1,
        }
    }

    /// How many were rejected, whatever the reason.
    pub fn rejected_total(&self) -> u64 {
        self.rejected.values().sum()
    }

    pub fn has_rejections(&self) -> bool {
        self.rejected_total() > 0
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "files: {} read, {} skipped (unknown extension)",
            self.files, self.files_skipped
        )?;
        writeln!(
            f,
            "documents: {} read, {} cleaned, {} rejected",
            self.documents_read,
            self.documents_kept,
            self.rejected_total()
        )?;
        for (reason, n) in &self.rejected {
            writeln!(f, "  rejected {reason}: {n}")?;
        }
        writeln!(
            f,
            "paragraphs: {} kept, {} removed",
            self.paragraphs_kept,
            self.paragraphs_removed.total()
        )?;
        for stage in &self.stages.stages {
            let total = stage.removed.total();
            if total > 0 {
                let reasons: Vec<String> = stage
                    .removed
                    .iter()
                    .map(|(r, n)| format!("{} {n}", r.as_str()))
                    .collect();
                writeln!(f, "  stage {}: {}", stage.stage, reasons.join(", "))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasd_core::{ContentHash, DocId, Origin, Removal, RemovalReason, Span};

    #[test]
    fn counts_outcomes() {
        let doc = Document {
            id: DocId("a".into()),
            origin: Origin::default(),
            outlet: None,
            url: None,
            published: None,
            collected: None,
            title: None,
            text: "أ\nب".into(),
            kept: vec![Span::new(0, 2)],
            removed: vec![Removal {
                span: Span::new(3, 5),
                reason: RemovalReason::UiPhrase,
            }],
            encoding: "UTF-8".into(),
            content_hash: ContentHash(String::new()),
            metadata: Default::default(),
        };
        let mut s = Summary::default();
        s.record(&Ok(doc));
        s.record(&Err(IngestError::NoText {
            origin: Origin::default(),
        }));
        s.record(&Err(IngestError::NoText {
            origin: Origin::default(),
        }));
        assert_eq!(
            (s.documents_read, s.documents_kept, s.rejected_total()),
            (3, 1, 2)
        );
        assert_eq!(s.rejected[&RejectReason::NoText], 2);
        assert_eq!(s.paragraphs_removed.get(RemovalReason::UiPhrase), 1);
        assert!(
            s.to_string()
                .contains("documents: 3 read, 1 cleaned, 2 rejected")
        );
    }
}
