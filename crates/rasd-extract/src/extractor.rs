//! The public entry point: an [`Extractor`] holds the compiled lexicon and the gazetteer
//! and turns documents into events.

use std::sync::Arc;

use rasd_core::{Document, Event, TextPart};
use rasd_gazetteer::Gazetteer;
use rasd_text::{AnalyzedText, DateContext};

use crate::assemble::{DocView, assemble};
use crate::lexicon::{Lexicon, TokenStems};
use crate::recognize::{Mentions, recognize};
use crate::stats::Stats;

/// How many paragraphs (title included) are searched for the day of publication.
const LEAD_PARAGRAPHS: usize = 4;

/// Settings of extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractConfig {
    /// Events below this confidence are dropped.
    pub min_confidence: f32,
    /// Keep events placed outside Syria (dropped by default: rasd codes Syria).
    pub include_foreign: bool,
    /// Events dated more than this many days before publication are background.
    pub background_days: i64,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        ExtractConfig {
            min_confidence: 0.55,
            include_foreign: false,
            background_days: 30,
        }
    }
}

/// The events of one document and what was dropped on the way.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub events: Vec<Event>,
    pub stats: Stats,
}

/// Extracts events from documents. Cheap to share across threads (`Arc` inside).
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: Arc<Lexicon>,
    gazetteer: Arc<Gazetteer>,
    config: ExtractConfig,
}

impl Extractor {
    pub fn new(lexicon: Arc<Lexicon>, gazetteer: Arc<Gazetteer>, config: ExtractConfig) -> Self {
        Extractor {
            lexicon,
            gazetteer,
            config,
        }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    pub fn config(&self) -> &ExtractConfig {
        &self.config
    }

    /// The events of a document, in reading order.
    pub fn extract(&self, doc: &Document) -> Extraction {
        let mut stats = Stats {
            documents: 1,
            ..Stats::default()
        };
        let mut parts: Vec<TextPart> = Vec::new();
        let mut paras: Vec<AnalyzedText<'_>> = Vec::new();
        if let Some(title) = doc.title.as_deref().filter(|t| !t.trim().is_empty()) {
            // A plain-text file's title line is part of its text already.
            let in_body = doc
                .kept
                .first()
                .and_then(|s| s.slice(&doc.text))
                .is_some_and(|p| p.trim_start().starts_with(title.trim()));
            if !in_body {
                parts.push(TextPart::Title);
                paras.push(rasd_text::analyze(title, 0));
            }
        }
        for (span, text) in doc.kept_paragraphs() {
            parts.push(TextPart::Body);
            paras.push(rasd_text::analyze(text, span.start));
        }
        for a in &mut paras {
            crate::recognize::split_glued(a, &self.lexicon.word_freq, &self.gazetteer);
        }
        stats.paragraphs = paras.len();
        stats.sentences = paras.iter().map(|a| a.sentences.len()).sum();
        // "اليوم (الاثنين)" dates the article; it stands in the title or the lead.
        let today_weekday = paras
            .iter()
            .take(LEAD_PARAGRAPHS)
            .find_map(rasd_text::find_today_weekday)
            .map(|(w, _)| w);
        let dates = DateContext {
            anchor: doc.anchor_date(),
            anchor_is_collection: doc.anchor_is_collection(),
            today_weekday,
        };
        let stems: Vec<TokenStems<'_>> = paras.iter().map(TokenStems::new).collect();
        let mentions: Vec<Mentions> = paras
            .iter()
            .zip(&stems)
            .map(|(a, st)| recognize(a, st, &self.lexicon, &self.gazetteer, &dates))
            .collect();
        let sentence_offsets: Vec<usize> = paras
            .iter()
            .scan(0, |acc, a| {
                let start = *acc;
                *acc += a.sentences.len();
                Some(start)
            })
            .collect();
        let title_line = parts.first() == Some(&TextPart::Body) && doc.title.is_some();
        let view = DocView {
            title_line,
            sentence_offsets: &sentence_offsets,
            doc_id: doc.id.as_str(),
            parts: &parts,
            paras: &paras,
            mentions: &mentions,
            anchor: doc.anchor_date(),
            publication: dates.publication_day(),
        };
        let events = assemble(&view, &self.gazetteer, &self.config, &mut stats);
        Extraction { events, stats }
    }
}
