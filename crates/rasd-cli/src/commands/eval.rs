//! `rasd eval`: score extraction against gold events exactly as the reference scorer does
//! (GUIDELINES §6), with each article's missed and extra events.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Args;
use rasd_eval::{Anchors, load_anchors, load_jsonl, score};
use serde_json::Value;

use super::extract::extract_all;
use super::input::InputArgs;
use super::setup::ExtractOptions;
use crate::{Globals, Outcome};

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 success; 2 some input was rejected (listed on stderr); 1 fatal error.\n\n\
The figures agree with the reference scorer (score.py) to the last digit. Relative dates are \
compared through each article's publication (or collection) date, taken from the articles \
themselves or from --articles."
)]
pub struct EvalArgs {
    /// Gold events (JSON Lines, GUIDELINES §2).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Score these predicted events (JSON Lines) instead of extracting from PATHs.
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    pub predicted: Option<PathBuf>,
    /// Articles (JSONL with id, published/collected) giving the dates relative dates are
    /// compared through; by default the documents' own dates.
    #[arg(long, value_name = "FILE")]
    pub articles: Option<PathBuf>,
    /// Print the report as JSON (the same document as score.py --json).
    #[arg(long)]
    pub json: bool,
    /// Leave out each article's missed and extra events.
    #[arg(long)]
    pub brief: bool,
    /// Documents to extract from: files, directories, or `-` for standard input.
    #[arg(value_name = "PATH", required_unless_present = "predicted")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub extract: ExtractOptions,
}

pub fn run(args: EvalArgs, globals: Globals) -> Result<Outcome> {
    let gold = load_jsonl(&args.gold)
        .with_context(|| format!("reading gold events from {}", args.gold.display()))?;
    let mut own_anchors: HashMap<String, Option<NaiveDate>> = HashMap::new();
    let mut rejected = false;
    let predicted: Vec<Value> = match &args.predicted {
        Some(p) => load_jsonl(p)
            .with_context(|| format!("reading predicted events from {}", p.display()))?,
        None => {
            let extractor = args.extract.extractor()?;
            let mut out = Vec::new();
            let (_, r) = extract_all(
                &args.paths,
                &args.input,
                &extractor,
                globals,
                |doc, events| {
                    own_anchors.insert(doc.id.to_string(), doc.anchor_date());
                    for e in events {
                        out.push(serde_json::to_value(&e)?);
                    }
                    Ok(())
                },
            )?;
            rejected = r;
            out
        }
    };
    let anchors: Anchors = match &args.articles {
        Some(a) => load_anchors(a)
            .with_context(|| format!("reading article dates from {}", a.display()))?,
        None => Anchors::from(own_anchors),
    };
    let report = score(&gold, &predicted, &anchors).context("scoring")?;
    if args.json {
        println!("{}", report.to_json());
    } else {
        print!("{}", report.to_text(!args.brief));
    }
    Ok(if rejected {
        Outcome::Rejections
    } else {
        Outcome::Success
    })
}
