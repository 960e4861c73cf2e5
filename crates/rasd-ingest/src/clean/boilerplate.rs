//! Block rules: the short lines listed under a widget heading, and a trailing run of short
//! lines that is mostly interface text.

use std::sync::Arc;

use rasd_core::RemovalReason;

use super::{CleanContext, Paragraph, Stage, UiPhrases};

/// Most words of a line listed under a widget heading (a headline, a tag).
const MAX_WIDGET_LINE_WORDS: usize = 15;
/// Most words of a line in a trailing boilerplate run.
const MAX_TRAILING_LINE_WORDS: usize = 8;

/// After a widget heading ("الأكثر قراءة", "Related articles", "الوسوم"), removes the short
/// lines that follow — headlines, tags — up to the first line that reads as a sentence or
/// is longer than 15 words.
#[derive(Debug, Clone)]
pub struct WidgetBlockStage {
    phrases: Arc<UiPhrases>,
}

impl WidgetBlockStage {
    pub fn new(phrases: Arc<UiPhrases>) -> Self {
        WidgetBlockStage { phrases }
    }
}

impl Stage for WidgetBlockStage {
    fn name(&self) -> &'static str {
        "widget_block"
    }

    fn apply(&self, _ctx: &CleanContext, paragraphs: &mut [Paragraph<'_>]) {
        let mut in_block = false;
        for p in paragraphs.iter_mut() {
            if !p.is_kept() {
                // Another heading or interface line keeps the block open; a repeat does not
                // break it either.
                if self.phrases.is_heading(&p.words_key) {
                    in_block = true;
                }
                continue;
            }
            if in_block && p.words <= MAX_WIDGET_LINE_WORDS && !p.reads_as_sentence() {
                p.verdict = Some(RemovalReason::WidgetBlock);
            } else {
                in_block = false;
            }
        }
    }
}

/// Removes a trailing run of short lines when at least half of the run is interface text.
///
/// Walking back from the end, the run takes lines already removed as interface text
/// (`ui_phrase`, `link_line`, `no_text`, `widget_block`: these count as UI-like), steps over
/// removed repeats, and takes kept lines of at most 8 words that
/// do not read as a sentence; it stops at the first other line. If the run holds a UI-like
/// line and UI-like lines are at least half of it, its kept lines (a sign-off, a stray
/// label) are removed. A short line standing alone at the end is kept.
#[derive(Debug, Clone, Copy, Default)]
pub struct TrailingBoilerplateStage;

impl Stage for TrailingBoilerplateStage {
    fn name(&self) -> &'static str {
        "trailing_boilerplate"
    }

    fn apply(&self, _ctx: &CleanContext, paragraphs: &mut [Paragraph<'_>]) {
        let mut ui_like = 0usize;
        let mut candidates = Vec::new();
        for (i, p) in paragraphs.iter().enumerate().rev() {
            match p.verdict {
                Some(
                    RemovalReason::UiPhrase
                    | RemovalReason::LinkLine
                    | RemovalReason::NoText
                    | RemovalReason::WidgetBlock
                    | RemovalReason::TrailingBoilerplate,
                ) => ui_like += 1,
                Some(RemovalReason::RepeatedParagraph | RemovalReason::RepeatedTitle) => {}
                None if p.words <= MAX_TRAILING_LINE_WORDS && !p.reads_as_sentence() => {
                    candidates.push(i);
                }
                None => break,
            }
        }
        if ui_like == 0 || candidates.is_empty() || ui_like < candidates.len() {
            return;
        }
        for i in candidates {
            if let Some(p) = paragraphs.get_mut(i) {
                p.verdict = Some(RemovalReason::TrailingBoilerplate);
            }
        }
    }
}
