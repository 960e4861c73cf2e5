//! Cleaning: choosing which paragraphs of a document go on to extraction.
//!
//! The text is split into paragraphs on line breaks ([`split_paragraphs`]); a pipeline of
//! small named [`Stage`]s then marks paragraphs as removed, each with a typed
//! [`RemovalReason`]. A stage only ever marks paragraphs that are still kept, so the first
//! stage to claim a paragraph names the reason. The default pipeline, in order:
//!
//! | stage                  | removes                                                        | reason                |
//! |------------------------|----------------------------------------------------------------|-----------------------|
//! | `no_text`              | lines without a letter (`0`, `***`, emoji)                     | `no_text`             |
//! | `link_line`            | lines that are mostly URLs, e-mails, hashtags; "see also: …"   | `link_line`           |
//! | `ui_phrase`            | known interface phrases (comment forms, share, most read, …)   | `ui_phrase`           |
//! | `repeated_title`       | a repeat of the title near the start of the body               | `repeated_title`      |
//! | `repeated_paragraph`   | exact repeats (same match key) of an earlier paragraph         | `repeated_paragraph`  |
//! | `widget_block`         | the short lines listed under a widget heading ("most read")    | `widget_block`        |
//! | `trailing_boilerplate` | a trailing run of short lines, when most of the run is UI-like | `trailing_boilerplate`|
//!
//! Article prose is protected: phrase and link rules only look at paragraphs of at most
//! [`MAX_UI_WORDS`] words, and the block rules only at short lines that do not read as a
//! sentence. An outlet's sign-off line (`القدس العربي`) at the end is kept when it stands
//! alone, and removed when it sits inside a trailing block that is mostly interface text.

mod boilerplate;
mod links;
mod phrases;
mod repeated;
mod split;
mod ui;

use std::fmt;

use rasd_core::{Removal, RemovalReason, Span};
use serde::{Serialize, Serializer};

pub use boilerplate::{TrailingBoilerplateStage, WidgetBlockStage};
pub use links::LinkLineStage;
pub use phrases::{UiPhrases, words_key};
pub use repeated::{RepeatedParagraphStage, RepeatedTitleStage};
pub use split::split_paragraphs;
pub use ui::{NoTextStage, UiPhraseStage};

/// Paragraphs longer than this (in words) are prose: phrase and link rules leave them alone.
pub const MAX_UI_WORDS: usize = 40;

/// A paragraph as the stages see it.
#[derive(Debug, Clone)]
pub struct Paragraph<'t> {
    /// Byte range into the original text (trimmed of surrounding whitespace).
    pub span: Span,
    pub text: &'t str,
    /// The match key with whitespace runs collapsed: what repeats are compared by.
    pub key: String,
    /// The match key reduced to letters and single spaces: what phrases are compared by.
    /// Empty for paragraphs longer than [`MAX_UI_WORDS`].
    pub words_key: String,
    /// Whitespace-separated tokens holding a letter or digit.
    pub words: usize,
    /// Whether the paragraph holds at least one letter.
    pub has_letter: bool,
    /// Why the paragraph was removed; `None` while it is kept.
    pub verdict: Option<RemovalReason>,
}

impl<'t> Paragraph<'t> {
    pub fn new(text: &'t str, span: Span) -> Self {
        let t = span.slice(text).unwrap_or_default();
        let key = collapse_whitespace(&rasd_text::match_key(t));
        let words = count_words(t);
        let has_letter = t.chars().any(is_letter);
        let words_key = if words <= MAX_UI_WORDS {
            words_key(&key)
        } else {
            String::new()
        };
        Paragraph {
            span,
            text: t,
            key,
            words_key,
            words,
            has_letter,
            verdict: None,
        }
    }

    pub fn is_kept(&self) -> bool {
        self.verdict.is_none()
    }

    /// Whether the paragraph ends like a sentence (`.`, `!`, `?`, `؟`, `…`, possibly inside
    /// closing quotes or brackets).
    pub fn ends_sentence(&self) -> bool {
        let t = self.text.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '*')
        });
        t.ends_with(['.', '!', '?', '؟', '…', '۔'])
    }

    /// Whether the paragraph reads as a sentence of prose: long, or a few words ending with
    /// sentence punctuation.
    pub fn reads_as_sentence(&self) -> bool {
        self.words >= 16 || (self.words >= 3 && self.ends_sentence())
    }
}

/// What the stages know besides the paragraphs.
#[derive(Debug, Clone, Default)]
pub struct CleanContext {
    /// The title's [`words_key`], if the document has a title.
    pub title_key: Option<String>,
    /// Whether the title is also the first line of the text (plain-text files).
    pub title_in_text: bool,
}

/// One cleaning step. A stage sets `verdict` on kept paragraphs it removes; it must not
/// change paragraphs an earlier stage removed (the [`Cleaner`] restores them if it does).
pub trait Stage: fmt::Debug + Send + Sync {
    /// A short stable name (`snake_case`), used in reports.
    fn name(&self) -> &'static str;
    fn apply(&self, ctx: &CleanContext, paragraphs: &mut [Paragraph<'_>]);
}

/// Paragraph counts per removal reason, stored as a fixed vector indexed by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReasonCounts([u64; ReasonCounts::LEN]);

impl ReasonCounts {
    const LEN: usize = 7;
    /// Every reason, in index order.
    pub const REASONS: [RemovalReason; ReasonCounts::LEN] = [
        RemovalReason::RepeatedParagraph,
        RemovalReason::UiPhrase,
        RemovalReason::TrailingBoilerplate,
        RemovalReason::LinkLine,
        RemovalReason::NoText,
        RemovalReason::RepeatedTitle,
        RemovalReason::WidgetBlock,
    ];

    const fn index(r: RemovalReason) -> usize {
        match r {
            RemovalReason::RepeatedParagraph => 0,
            RemovalReason::UiPhrase => 1,
            RemovalReason::TrailingBoilerplate => 2,
            RemovalReason::LinkLine => 3,
            RemovalReason::NoText => 4,
            RemovalReason::RepeatedTitle => 5,
            RemovalReason::WidgetBlock => 6,
        }
    }

    pub fn add(&mut self, reason: RemovalReason, n: u64) {
        self.0[Self::index(reason)] += n;
    }

    pub fn get(&self, reason: RemovalReason) -> u64 {
        self.0[Self::index(reason)]
    }

    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }

    pub fn merge(&mut self, other: &ReasonCounts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }

    /// The non-zero counts, in index order.
    pub fn iter(&self) -> impl Iterator<Item = (RemovalReason, u64)> + '_ {
        Self::REASONS
            .iter()
            .map(|r| (*r, self.get(*r)))
            .filter(|(_, n)| *n > 0)
    }
}

impl Serialize for ReasonCounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter().map(|(r, n)| (r.as_str(), n)))
    }
}

/// What one stage removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageReport {
    pub stage: &'static str,
    pub removed: ReasonCounts,
}

/// What each stage removed from one document (or, merged, from a batch).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CleanReport {
    pub stages: Vec<StageReport>,
}

impl CleanReport {
    /// Adds another report's counts, stage by stage (by name).
    pub fn merge(&mut self, other: &CleanReport) {
        for s in &other.stages {
            match self.stages.iter_mut().find(|m| m.stage == s.stage) {
                Some(m) => m.removed.merge(&s.removed),
                None => self.stages.push(s.clone()),
            }
        }
    }

    /// All removals, whatever the stage.
    pub fn totals(&self) -> ReasonCounts {
        let mut t = ReasonCounts::default();
        for s in &self.stages {
            t.merge(&s.removed);
        }
        t
    }
}

/// The outcome of cleaning one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// Kept paragraphs: ordered, non-overlapping, on character boundaries of the text.
    pub kept: Vec<Span>,
    /// Removed paragraphs with their reasons, in text order.
    pub removed: Vec<Removal>,
    pub report: CleanReport,
}

/// A pipeline of stages.
#[derive(Debug)]
pub struct Cleaner {
    stages: Vec<Box<dyn Stage>>,
}

impl Cleaner {
    /// The default pipeline (see the module documentation) with the given phrase list.
    pub fn new(phrases: UiPhrases) -> Self {
        let phrases = std::sync::Arc::new(phrases);
        Cleaner::with_stages(vec![
            Box::new(NoTextStage),
            Box::new(LinkLineStage::new(phrases.clone())),
            Box::new(UiPhraseStage::new(phrases.clone())),
            Box::new(RepeatedTitleStage),
            Box::new(RepeatedParagraphStage),
            Box::new(WidgetBlockStage::new(phrases)),
            Box::new(TrailingBoilerplateStage),
        ])
    }

    /// A custom pipeline.
    pub fn with_stages(stages: Vec<Box<dyn Stage>>) -> Self {
        Cleaner { stages }
    }

    /// The stage names, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Cleans `text`. `title` is the document's title, if any; `title_in_text` says whether
    /// it is also the first line of `text`.
    pub fn clean(&self, text: &str, title: Option<&str>, title_in_text: bool) -> Cleaned {
        let mut paragraphs: Vec<Paragraph<'_>> = split_paragraphs(text)
            .into_iter()
            .map(|s| Paragraph::new(text, s))
            .collect();
        let ctx = CleanContext {
            title_key: title.map(words_key).filter(|k| !k.is_empty()),
            title_in_text,
        };
        let mut report = CleanReport::default();
        let mut before = Vec::with_capacity(paragraphs.len());
        for stage in &self.stages {
            before.clear();
            before.extend(paragraphs.iter().map(|p| p.verdict));
            stage.apply(&ctx, &mut paragraphs);
            let mut removed = ReasonCounts::default();
            for (p, b) in paragraphs.iter_mut().zip(&before) {
                if b.is_some() {
                    p.verdict = *b;
                } else if let Some(r) = p.verdict {
                    removed.add(r, 1);
                }
            }
            report.stages.push(StageReport {
                stage: stage.name(),
                removed,
            });
        }
        let mut kept = Vec::new();
        let mut removals = Vec::new();
        for p in paragraphs {
            match p.verdict {
                None => kept.push(p.span),
                Some(reason) => removals.push(Removal {
                    span: p.span,
                    reason,
                }),
            }
        }
        Cleaned {
            kept,
            removed: removals,
            report,
        }
    }
}

impl Default for Cleaner {
    fn default() -> Self {
        Cleaner::new(UiPhrases::builtin())
    }
}

pub use rasd_text::chars::{is_letter, is_letter_or_digit};

/// Whitespace-separated tokens that hold a letter or a digit.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(is_letter_or_digit))
        .count()
}

/// Collapses runs of whitespace to one space and trims.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests;
