//! Building the extractor from command-line options: the built-in lexicons and gazetteer,
//! plus the user's own lexicon files and places.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::Args;
use rasd_extract::{ExtractConfig, Extractor, Lexicon};
use rasd_gazetteer::Gazetteer;

/// Options that shape extraction (shared by `extract`, `eval`, `ingest`, `serve`).
#[derive(Debug, Clone, Args)]
pub struct ExtractOptions {
    /// A directory of extra lexicon files (*.toml), read after the built-in ones; an entry
    /// with the same pattern as a built-in one replaces it.
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,
    /// A CSV of extra places and aliases (columns as in the gazetteer's README).
    #[arg(long, value_name = "FILE")]
    pub places: Option<PathBuf>,
    /// Drop events below this confidence (0-1).
    #[arg(long, value_name = "X", default_value_t = ExtractConfig::default().min_confidence)]
    pub min_confidence: f32,
    /// Keep events placed outside Syria (dropped by default).
    #[arg(long)]
    pub include_foreign: bool,
}

impl ExtractOptions {
    pub fn extractor(&self) -> Result<Extractor> {
        let lexicon = match &self.lexicons {
            Some(dir) => load_lexicons(dir)?,
            None => Lexicon::builtin().context("the built-in lexicons")?,
        };
        let gazetteer = match &self.places {
            Some(p) => Arc::new(
                Gazetteer::with_user_places(p)
                    .with_context(|| format!("reading places from {}", p.display()))?,
            ),
            None => Gazetteer::embedded().context("loading the embedded gazetteer")?,
        };
        if !(0.0..=1.0).contains(&self.min_confidence) {
            anyhow::bail!(
                "--min-confidence must lie in [0, 1], got {}",
                self.min_confidence
            );
        }
        let config = ExtractConfig {
            min_confidence: self.min_confidence,
            include_foreign: self.include_foreign,
            ..ExtractConfig::default()
        };
        Ok(Extractor::new(Arc::new(lexicon), gazetteer, config))
    }
}

/// The built-in lexicons followed by every `*.toml` of `dir`, in name order.
fn load_lexicons(dir: &Path) -> Result<Lexicon> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading the lexicon directory {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .map(|t| (p.display().to_string(), t))
                .with_context(|| format!("reading {}", p.display()))
        })
        .collect::<Result<_>>()?;
    let sources: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Ok(Lexicon::with_user_sources(&sources)?)
}
