//! Line-level interface rules: lines without letters, and known interface phrases.

use std::sync::Arc;

use rasd_core::RemovalReason;

use super::{CleanContext, MAX_UI_WORDS, Paragraph, Stage, UiPhrases};

/// Removes lines without a single letter: separators (`***`), lone numbers (`0`), emoji.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoTextStage;

impl Stage for NoTextStage {
    fn name(&self) -> &'static str {
        "no_text"
    }

    fn apply(&self, _ctx: &CleanContext, paragraphs: &mut [Paragraph<'_>]) {
        for p in paragraphs.iter_mut().filter(|p| p.is_kept()) {
            if !p.has_letter {
                p.verdict = Some(RemovalReason::NoText);
            }
        }
    }
}

/// Removes lines of at most [`MAX_UI_WORDS`] words that the phrase list calls interface
/// text: a known line or widget heading, a known prefix, or only button words.
#[derive(Debug, Clone)]
pub struct UiPhraseStage {
    phrases: Arc<UiPhrases>,
}

impl UiPhraseStage {
    pub fn new(phrases: Arc<UiPhrases>) -> Self {
        UiPhraseStage { phrases }
    }
}

impl Stage for UiPhraseStage {
    fn name(&self) -> &'static str {
        "ui_phrase"
    }

    fn apply(&self, _ctx: &CleanContext, paragraphs: &mut [Paragraph<'_>]) {
        for p in paragraphs
            .iter_mut()
            .filter(|p| p.is_kept() && p.words <= MAX_UI_WORDS)
        {
            if self.phrases.is_ui(&p.words_key) {
                p.verdict = Some(RemovalReason::UiPhrase);
            }
        }
    }
}
