//! Repeats: the title repeated at the start of the body, and exact repeats of an earlier
//! paragraph (compared by match key with whitespace collapsed; the first copy is kept).

use std::collections::HashSet;

use rasd_core::RemovalReason;

use super::{CleanContext, Paragraph, Stage};

/// How many kept paragraphs at the start of the body are compared with the title.
const TITLE_WINDOW: usize = 4;

/// Removes repeats of the title among the first kept paragraphs. When the title is also the
/// first line of the text (plain-text files) its first occurrence is the title itself and
/// stays.
#[derive(Debug, Clone, Copy, Default)]
pub struct RepeatedTitleStage;

impl Stage for RepeatedTitleStage {
    fn name(&self) -> &'static str {
        "repeated_title"
    }

    fn apply(&self, ctx: &CleanContext, paragraphs: &mut [Paragraph<'_>]) {
        let Some(title) = ctx.title_key.as_deref() else {
            return;
        };
        let mut skip_first = ctx.title_in_text;
        for p in paragraphs
            .iter_mut()
            .filter(|p| p.is_kept())
            .take(TITLE_WINDOW)
        {
            if p.words_key == title {
                if skip_first {
                    skip_first = false;
                } else {
                    p.verdict = Some(RemovalReason::RepeatedTitle);
                }
            }
        }
    }
}

/// Removes exact repeats of an earlier kept paragraph.
#[derive(Debug, Clone, Copy, Default)]
pub struct RepeatedParagraphStage;

impl Stage for RepeatedParagraphStage {
    fn name(&self) -> &'static str {
        "repeated_paragraph"
    }

    fn apply(&self, _ctx: &CleanContext, paragraphs: &mut [Paragraph<'_>]) {
        let mut seen = HashSet::new();
        let mut repeats = Vec::new();
        for (i, p) in paragraphs.iter().enumerate() {
            if p.is_kept() && !seen.insert(p.key.as_str()) {
                repeats.push(i);
            }
        }
        drop(seen);
        for i in repeats {
            if let Some(p) = paragraphs.get_mut(i) {
                p.verdict = Some(RemovalReason::RepeatedParagraph);
            }
        }
    }
}
