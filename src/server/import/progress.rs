//! How an import shows it is moving: a progress bar on a terminal (`indicatif`), a plain line
//! per phase and per tenth of the work when standard error is not a terminal (a log, a CI
//! job), nothing when the newsroom runs it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub enum Progress {
    Bar(Option<ProgressBar>),
    Lines {
        phase: String,
        total: u64,
        done: u64,
    },
    Silent,
}

impl Progress {
    /// A bar when standard error is a terminal, else plain lines.
    pub fn for_terminal() -> Self {
        if std::io::stderr().is_terminal() {
            Progress::Bar(None)
        } else {
            Progress::Lines {
                phase: String::new(),
                total: 0,
                done: 0,
            }
        }
    }

    pub fn phase(&mut self, name: &str) {
        match self {
            Progress::Bar(_) => eprintln!("{name}…"),
            Progress::Lines { phase, .. } => {
                eprintln!("{name}…");
                *phase = name.to_string();
            }
            Progress::Silent => {}
        }
    }

    /// Starts counting `total` steps of the phase.
    pub fn start(&mut self, total: u64) {
        match self {
            Progress::Bar(bar) => {
                let b = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
                if let Ok(style) =
                    ProgressStyle::with_template("  [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)")
                {
                    b.set_style(style.progress_chars("=> "));
                }
                *bar = Some(b);
            }
            Progress::Lines { total: t, done, .. } => {
                *t = total;
                *done = 0;
            }
            Progress::Silent => {}
        }
    }

    pub fn advance(&mut self) {
        match self {
            Progress::Bar(Some(bar)) => bar.inc(1),
            Progress::Lines { phase, total, done } => {
                *done += 1;
                let tenth = (*total / 10).max(1);
                if *done % tenth == 0 || *done == *total {
                    eprintln!("  {phase}: {done} of {total}");
                }
            }
            _ => {}
        }
    }

    pub fn finish(&mut self) {
        if let Progress::Bar(bar) = self {
            if let Some(b) = bar.take() {
                b.finish_and_clear();
            }
        }
    }
}
