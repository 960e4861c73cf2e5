//! A progress spinner for long batches: it appears once more than a few hundred documents
//! have gone by, and only when stderr is a terminal. Messages printed through it do not
//! tear the bar.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Documents after which the bar appears.
const SHOW_AFTER: u64 = 300;

#[derive(Debug)]
pub struct Progress {
    enabled: bool,
    bar: Option<ProgressBar>,
    count: u64,
}

impl Progress {
    /// A reporter; it stays silent when stderr is not a terminal or `quiet` is set.
    pub fn new(quiet: bool) -> Self {
        Progress {
            enabled: !quiet && std::io::stderr().is_terminal(),
            bar: None,
            count: 0,
        }
    }

    /// Counts one document.
    pub fn tick(&mut self) {
        self.count += 1;
        if !self.enabled {
            return;
        }
        if self.bar.is_none() && self.count > SHOW_AFTER {
            let bar = ProgressBar::new_spinner();
            let style = ProgressStyle::with_template("{spinner} {human_pos} documents ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            bar.set_position(self.count);
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.count);
        }
    }

    /// Prints a line on stderr without disturbing the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
