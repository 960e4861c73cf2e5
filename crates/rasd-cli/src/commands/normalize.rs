//! `rasd normalize`: the display form and the match key of a text, line by line.

use std::io::{self, BufRead, Write};

use anyhow::{Context, Result};
use clap::Args;
use rasd_text::Normalized;
use serde::Serialize;

use crate::Outcome;

/// Arguments of `rasd normalize`.
#[derive(Debug, Args)]
#[command(
    after_help = "Each input line gives two output lines, `display: …` and `key: …` \
(or one JSON object with --json). The display form drops harakat, tatweel and bidi marks and \
folds digits to ASCII; the match key also folds letter variants (أ إ آ → ا, ة → ه, ى → ي)."
)]
pub struct NormalizeArgs {
    /// The text to normalise (default: read standard input).
    #[arg(long)]
    pub text: Option<String>,
    /// One JSON object per line: {"text", "display", "key"}.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct Line<'a> {
    text: &'a str,
    display: &'a str,
    key: &'a str,
}

fn write_line(out: &mut impl Write, text: &str, json: bool) -> Result<()> {
    let n = Normalized::new(text);
    if json {
        serde_json::to_writer(
            &mut *out,
            &Line {
                text,
                display: &n.display,
                key: &n.key,
            },
        )?;
        writeln!(out)?;
    } else {
        writeln!(out, "display: {}", n.display)?;
        writeln!(out, "key:     {}", n.key)?;
    }
    Ok(())
}

pub fn run(args: NormalizeArgs) -> Result<Outcome> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match &args.text {
        Some(t) => {
            for line in t.lines() {
                write_line(&mut out, line, args.json)?;
            }
        }
        None => {
            for line in io::stdin().lock().lines() {
                let line = line.context("reading standard input")?;
                write_line(&mut out, &line, args.json)?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_both_forms() {
        let mut out = Vec::new();
        write_line(&mut out, "إدلبُ ٣", false).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "display: إدلب 3\nkey:     ادلب 3\n"
        );
        let mut out = Vec::new();
        write_line(&mut out, "مستشفى", true).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["key"], "مستشفي");
        assert_eq!(v["display"], "مستشفى");
    }
}
