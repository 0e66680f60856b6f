//! Notes on what the scan worked around, counted per kind with a few example paths.

use std::collections::BTreeMap;

use super::report::Note;

/// Examples kept per kind while walking; the report shows the first few in path order.
const KEEP: usize = 1000;
/// Examples shown per note.
const SHOW: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteKind {
    Unreadable,
    Binary,
    TooLarge,
    NonUtf8Name,
    SymlinkLoop,
    SymlinkOutside,
    Symlink,
    SkippedDirectory,
    IgnoreFile,
    Unparsed,
    NoCi,
    Git,
}

impl NoteKind {
    fn id(self) -> &'static str {
        match self {
            NoteKind::Unreadable => "unreadable",
            NoteKind::Binary => "binary",
            NoteKind::TooLarge => "too_large",
            NoteKind::NonUtf8Name => "non_utf8_name",
            NoteKind::SymlinkLoop => "symlink_loop",
            NoteKind::SymlinkOutside => "symlink_outside_root",
            NoteKind::Symlink => "symlink",
            NoteKind::SkippedDirectory => "skipped_directory",
            NoteKind::IgnoreFile => "ignore_file_not_used",
            NoteKind::Unparsed => "unparsed",
            NoteKind::NoCi => "no_ci",
            NoteKind::Git => "git",
        }
    }

    fn message(self) -> &'static str {
        match self {
            NoteKind::Unreadable => "could not be read (permission or I/O error); skipped",
            NoteKind::Binary => "binary content where text was expected; not read further or counted",
            NoteKind::TooLarge => "larger than 1 MiB: only the first 1 MiB was read and lines were not counted",
            NoteKind::NonUtf8Name => "names that are not valid UTF-8; shown with \u{FFFD} in their place",
            NoteKind::SymlinkLoop => "symbolic links that form a loop; not followed",
            NoteKind::SymlinkOutside => "symbolic links pointing outside the scanned folder; not followed",
            NoteKind::Symlink => "symbolic links; not followed (the scan never follows links)",
            NoteKind::SkippedDirectory => "vendored or generated folders not scanned",
            NoteKind::IgnoreFile => {
                "ignore files not used (links, pipes, devices, too large or too many patterns): their patterns were not applied"
            }
            NoteKind::Unparsed => "files that could not be parsed; only their presence was used",
            NoteKind::NoCi => "scripts that look like CI, but no configuration of a known CI system runs them",
            NoteKind::Git => "git history",
        }
    }
}

#[derive(Debug, Default)]
pub struct NoteLog {
    entries: BTreeMap<NoteKind, (u64, Vec<String>, Option<String>)>,
}

impl NoteLog {
    pub fn add(&mut self, kind: NoteKind, path: impl Into<String>) {
        let entry = self.entries.entry(kind).or_default();
        entry.0 += 1;
        if entry.1.len() < KEEP {
            entry.1.push(path.into());
        }
    }

    /// A note whose message is specific to this scan (e.g. why git history is missing).
    pub fn say(&mut self, kind: NoteKind, message: impl Into<String>) {
        let entry = self.entries.entry(kind).or_default();
        entry.0 += 1;
        entry.2 = Some(message.into());
    }

    pub fn count(&self, kinds: &[NoteKind]) -> u64 {
        kinds.iter().filter_map(|k| self.entries.get(k)).map(|e| e.0).sum()
    }

    pub fn merge(&mut self, other: NoteLog) {
        for (kind, (count, paths, message)) in other.entries {
            let entry = self.entries.entry(kind).or_default();
            entry.0 += count;
            entry.1.extend(paths);
            entry.1.truncate(KEEP);
            if message.is_some() {
                entry.2 = message;
            }
        }
    }

    pub fn into_notes(self) -> Vec<Note> {
        self.entries
            .into_iter()
            .map(|(kind, (count, mut paths, message))| {
                paths.sort();
                paths.dedup();
                paths.truncate(SHOW);
                Note {
                    kind: kind.id().to_string(),
                    message: message.unwrap_or_else(|| kind.message().to_string()),
                    count,
                    examples: paths,
                }
            })
            .collect()
    }
}
