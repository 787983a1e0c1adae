//! What an import did (or, in a dry run, would do): per kind of thing, how many were created,
//! updated, matched to what the portal already had, unchanged and skipped; each skipped item
//! and each thing worth an editor's eye (a slug changed, a missing picture) with its line in
//! the export; the shortcodes converted and dropped; the comments left behind.

use std::collections::BTreeMap;
use std::fmt;

/// The kinds of thing an import makes, in the order it makes them.
pub const KINDS: [&str; 6] = [
    "authors",
    "categories",
    "tags",
    "pictures",
    "articles",
    "pages",
];

/// What became of one thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Created,
    Updated,
    /// Mapped onto what the portal already had (an account with the same address, a category
    /// at the same path).
    Matched,
    Unchanged,
    Skipped,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub created: usize,
    pub updated: usize,
    pub matched: usize,
    pub unchanged: usize,
    pub skipped: usize,
}

impl Outcome {
    /// A thing deleted here since the last import is made again: created.
    pub fn or_created(self) -> Outcome {
        if self == Outcome::Skipped {
            Outcome::Created
        } else {
            self
        }
    }
}

impl Counts {
    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Created => self.created += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Matched => self.matched += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Skipped => self.skipped += 1,
        }
    }
}

/// A line of the report about one thing: where it is in the export, what it is, and what
/// happened or why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: u64,
    pub what: String,
    pub why: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, why) = (
            super::run::shortened(&self.what, 200),
            super::run::shortened(&self.why, 400),
        );
        if self.line > 0 {
            write!(f, "line {}: {what}: {why}", self.line)
        } else {
            write!(f, "{what}: {why}")
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The site imported (its address) and its title.
    pub site: String,
    pub title: String,
    pub dry_run: bool,
    pub counts: BTreeMap<&'static str, Counts>,
    /// Items of types the portal does not import (menu items, revisions…), by type.
    pub other_types: BTreeMap<String, usize>,
    pub skipped: Vec<Note>,
    pub notes: Vec<Note>,
    pub shortcodes_converted: BTreeMap<String, usize>,
    pub shortcodes_dropped: BTreeMap<String, usize>,
    /// Comments in the export (under posts and pages).
    pub comments: usize,
    /// Comments brought in (or, in a dry run, that would be).
    pub comments_imported: usize,
    /// Comments an earlier import brought in, left alone.
    pub comments_unchanged: usize,
    /// Pingbacks and trackbacks, left out.
    pub comments_left_out: usize,
    /// Comments an earlier import brought in that were deleted in the newsroom since.
    pub comments_deleted: usize,
    /// Old addresses that now answer 301.
    pub old_links: usize,
    pub seconds: f64,
}

impl Report {
    pub fn count(&mut self, kind: &'static str, outcome: Outcome) {
        self.counts.entry(kind).or_default().add(outcome);
    }

    pub fn counts_of(&self, kind: &str) -> Counts {
        self.counts.get(kind).copied().unwrap_or_default()
    }

    pub fn skip(&mut self, kind: &'static str, line: u64, what: String, why: impl fmt::Display) {
        self.count(kind, Outcome::Skipped);
        self.skipped.push(Note {
            line,
            what,
            why: why.to_string(),
        });
    }

    pub fn note(&mut self, line: u64, what: String, why: impl fmt::Display) {
        self.notes.push(Note {
            line,
            what,
            why: why.to_string(),
        });
    }

    /// The report's sentences besides the table and the lists: the types left out, the
    /// comments, the shortcodes, the redirects (the command line and the newsroom say the same).
    pub fn facts(&self) -> Vec<String> {
        let mut facts = Vec::new();
        if !self.other_types.is_empty() {
            facts.push(format!(
                "Not imported, by type: {}",
                list(&self.other_types)
            ));
        }
        if self.comments > 0 {
            let would = if self.dry_run { "would be " } else { "" };
            let mut fact = format!(
                "Comments: {} in the export; {} {would}imported",
                self.comments, self.comments_imported
            );
            if self.comments_unchanged > 0 {
                fact.push_str(&format!(", {} imported before", self.comments_unchanged));
            }
            if self.comments_deleted > 0 {
                fact.push_str(&format!(
                    ", {} deleted in the newsroom since, not made again",
                    self.comments_deleted
                ));
            }
            if self.comments_left_out > 0 {
                fact.push_str(&format!(
                    ", {} pingbacks and trackbacks left out",
                    self.comments_left_out
                ));
            }
            let elsewhere = self
                .comments
                .saturating_sub(self.comments_imported + self.comments_unchanged)
                .saturating_sub(self.comments_deleted)
                .saturating_sub(self.comments_left_out);
            if elsewhere > 0 {
                fact.push_str(&format!(
                    ", {elsewhere} on pages or on posts not imported, left out"
                ));
            }
            fact.push('.');
            facts.push(fact);
        }
        if !self.shortcodes_converted.is_empty() {
            facts.push(format!(
                "Shortcodes converted: {}",
                list(&self.shortcodes_converted)
            ));
        }
        if !self.shortcodes_dropped.is_empty() {
            facts.push(format!(
                "Shortcodes dropped (their own words kept): {}",
                list(&self.shortcodes_dropped)
            ));
        }
        let would = if self.dry_run { "would be " } else { "" };
        facts.push(format!(
            "Old addresses {would}kept as redirects: {}",
            self.old_links
        ));
        facts
    }

    /// How long a real import took (a dry run says nothing of it).
    pub fn took(&self) -> Option<String> {
        (!self.dry_run).then(|| format!("Took {:.1} s.", self.seconds))
    }

    pub fn shortcodes(&mut self, done: &super::content::Shortcodes) {
        for (name, n) in &done.converted {
            *self.shortcodes_converted.entry(name.clone()).or_default() += n;
        }
        for (name, n) in &done.dropped {
            *self.shortcodes_dropped.entry(name.clone()).or_default() += n;
        }
    }
}

fn list(counts: &BTreeMap<String, usize>) -> String {
    counts
        .iter()
        .map(|(name, n)| format!("{name} ×{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let title = if self.title.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.title)
        };
        writeln!(f, "WordPress import of {}{title}", self.site)?;
        if self.dry_run {
            writeln!(f, "Dry run: nothing was written. What the import would do:")?;
        }
        let would = if self.dry_run { "would be " } else { "" };
        writeln!(
            f,
            "{:<12}{:>9}{:>9}{:>9}{:>11}{:>9}",
            "", "created", "updated", "matched", "unchanged", "skipped"
        )?;
        for kind in KINDS {
            let c = self.counts_of(kind);
            writeln!(
                f,
                "{kind:<12}{:>9}{:>9}{:>9}{:>11}{:>9}",
                c.created, c.updated, c.matched, c.unchanged, c.skipped
            )?;
        }
        writeln!(
            f,
            "(matched: {would}joined to an account or category the portal already had)"
        )?;
        for fact in self.facts() {
            writeln!(f, "{fact}")?;
        }
        if !self.skipped.is_empty() {
            writeln!(f, "Skipped ({}):", self.skipped.len())?;
            for n in &self.skipped {
                writeln!(f, "  {n}")?;
            }
        }
        if !self.notes.is_empty() {
            writeln!(f, "Worth a look ({}):", self.notes.len())?;
            for n in &self.notes {
                writeln!(f, "  {n}")?;
            }
        }
        if let Some(took) = self.took() {
            writeln!(f, "{took}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_reads_as_a_table_then_the_details() {
        let mut r = Report {
            site: "https://old.west.example".into(),
            title: "West Timelines".into(),
            ..Report::default()
        };
        r.count("articles", Outcome::Created);
        r.count("articles", Outcome::Created);
        r.skip(
            "articles",
            120,
            "post “Gone”".into(),
            "in WordPress's trash",
        );
        r.note(
            88,
            "post “Ferries”".into(),
            "the slug ferries was taken: it is ferries-2",
        );
        r.comments = 3;
        let text = r.to_string();
        assert!(text.starts_with("WordPress import of https://old.west.example (West Timelines)\n"));
        assert!(
            text.contains("\narticles            2        0        0          0        1\n"),
            "{text}"
        );
        assert!(text.contains("line 120: post “Gone”: in WordPress's trash"));
        assert!(text.contains("line 88: post “Ferries”: the slug ferries was taken"));
        assert!(text.contains("Comments: 3 in the export; 0 imported, 3 on pages or on posts not imported, left out."), "{text}");
        assert!(!text.contains("Dry run"));

        r.dry_run = true;
        let text = r.to_string();
        assert!(text.contains("Dry run: nothing was written."));
        assert!(text.contains("would be kept as redirects"));
    }
}
