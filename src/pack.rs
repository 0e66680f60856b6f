//! The knowledge in use: the built-in pack, optionally overlaid by a directory (`--knowledge`).
//!
//! A pack directory may hold `topics/<id>.yaml` (new topics, or replacements of built-in ones by
//! id), `glossary.yaml` (terms added, or replaced by name), and in `assessment/` either
//! `questionnaire.yaml` (a whole replacement) or `extend.yaml` (additions), or both, and
//! `history.yaml` (thresholds for reading git history, set over the built-in ones).

use std::path::{Path, PathBuf};

use crate::assess::{self, Questionnaire};
use crate::boundaries::{Thresholds, thresholds};
use crate::error::{Diagnostic, Error, Result};
use crate::knowledge::{self, Catalog, Glossary, SourceFile};

/// Files in a pack larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The topic files of a pack together: more is refused rather than loaded, so a pack is read
/// within bounded memory (the built-in topics come to about half a megabyte).
pub const MAX_TOPICS_BYTES: u64 = 16 * 1024 * 1024;
/// Topic files in a pack (the built-in pack has a few dozen).
pub const MAX_TOPIC_FILES: usize = 2_000;

/// The knowledge a command uses; the catalog is loaded once, when first asked for.
#[derive(Debug, Default)]
pub struct Knowledge {
    dir: Option<PathBuf>,
    catalog: std::sync::OnceLock<Catalog>,
}

/// A file read from a pack: its path as shown to people, and its contents.
struct PackFile {
    path: String,
    stem: String,
    bytes: Vec<u8>,
}

impl Knowledge {
    pub fn new(dir: Option<PathBuf>) -> Self {
        Knowledge { dir, catalog: std::sync::OnceLock::new() }
    }

    fn dir(&self) -> Result<Option<&Path>> {
        match &self.dir {
            None => Ok(None),
            Some(d) if d.is_dir() => match std::fs::read_dir(d) {
                Ok(_) => Ok(Some(d)),
                Err(e) => Err(bad(d, &format!("cannot read the pack folder: {}", crate::input::reason(&e)))),
            },
            Some(d) if d.exists() => Err(bad(d, "is not a directory; a knowledge pack is a directory")),
            Some(d) => Err(bad(d, "no such directory (given with --knowledge or MSADVISE_KNOWLEDGE)")),
        }
    }

    pub fn catalog(&self) -> Result<&Catalog> {
        if let Some(c) = self.catalog.get() {
            return Ok(c);
        }
        let loaded = self.load_catalog()?;
        Ok(self.catalog.get_or_init(|| loaded))
    }

    fn load_catalog(&self) -> Result<Catalog> {
        let Some(dir) = self.dir()? else { return Catalog::builtin() };
        let (pack, mut problems) = read_topics(dir);
        match catalog_with(&pack) {
            Ok(c) if problems.is_empty() => Ok(c),
            Ok(_) => Err(Error::InvalidInput(problems)),
            Err(mut d) => {
                problems.append(&mut d);
                Err(Error::InvalidInput(problems))
            }
        }
    }

    pub fn questionnaire(&self) -> Result<Questionnaire> {
        let Some(dir) = self.dir()? else { return assess::builtin_questionnaire() };
        let catalog = self.catalog()?;
        questionnaire_in(dir, catalog).map_err(Error::InvalidInput)
    }

    pub fn glossary(&self) -> Result<Glossary> {
        let builtin = Glossary::builtin()?;
        let Some(dir) = self.dir()? else { return Ok(builtin) };
        let catalog = self.catalog()?;
        glossary_in(dir, builtin, catalog).map_err(Error::InvalidInput)
    }

    /// The thresholds `boundaries`, `scan` and `assess --detect` read history with.
    pub fn history(&self) -> Result<Thresholds> {
        let Some(dir) = self.dir()? else { return thresholds::builtin() };
        match history_in(dir).map_err(Error::InvalidInput)? {
            Some(t) => Ok(t),
            None => thresholds::builtin(),
        }
    }

    /// Every problem in the pack, across topics, glossary, questionnaire and history thresholds,
    /// and a summary line.
    pub fn validate(dir: &Path) -> Result<String> {
        let k = Knowledge::new(Some(dir.to_path_buf()));
        k.dir()?;
        let (pack, mut problems) = read_topics(dir);
        let catalog = match catalog_with(&pack) {
            Ok(c) => Some(c),
            Err(mut d) => {
                problems.append(&mut d);
                None
            }
        };
        let lookup = catalog.unwrap_or_else(|| {
            Catalog::from_files(&knowledge::builtin_topic_files()).unwrap_or_else(|_| Catalog::empty())
        });
        let glossary = Glossary::builtin().ok().map(|g| glossary_in(dir, g, &lookup));
        let questions = questionnaire_in(dir, &lookup);
        let mut summary = format!("{}: {} topic file(s)", dir.display(), pack.len());
        if let Some(Err(mut d)) = glossary {
            problems.append(&mut d);
        }
        match questions {
            Ok(q) => summary.push_str(&format!(", questionnaire of {} questions", q.questions.len())),
            Err(mut d) => problems.append(&mut d),
        }
        match history_in(dir) {
            Ok(Some(_)) => summary.push_str(", history thresholds"),
            Ok(None) => {}
            Err(mut d) => problems.append(&mut d),
        }
        if problems.is_empty() {
            Ok(format!("{summary}: no problems found\n"))
        } else {
            Err(Error::InvalidInput(problems))
        }
    }
}

fn bad(path: &Path, message: &str) -> Error {
    Error::InvalidInput(vec![Diagnostic::new(path.display().to_string(), message)])
}

/// Read a pack file as UTF-8 text within the size limit, enforced while reading; only a regular
/// file (or a link to one) is read.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    crate::input::regular_file_text(path, MAX_FILE_BYTES)
        .map_err(|p| Diagnostic::new(path.display().to_string(), p.describe("knowledge files")))
}

fn read_topics(dir: &Path) -> (Vec<PackFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let folder = dir.join("topics");
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (files, problems),
        Err(e) => {
            problems.push(unreadable_folder(&folder, &e));
            return (files, problems);
        }
    };
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) if entry.path().extension().is_some_and(|e| e == "yaml") => paths.push(entry.path()),
            Ok(_) => {}
            Err(e) => problems.push(unreadable_folder(&folder, &e)),
        }
        if paths.len() > MAX_TOPIC_FILES {
            let message = format!("holds more than the {MAX_TOPIC_FILES} topic files a pack may hold");
            problems.push(Diagnostic::new(folder.display().to_string(), message));
            return (files, problems);
        }
    }
    paths.sort();
    let mut total = 0;
    for path in paths {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        match read_text(&path) {
            Ok(text) => {
                total += text.len() as u64;
                if total > MAX_TOPICS_BYTES {
                    let message = format!(
                        "the topic files come to more than the {} MiB a pack may hold; not read further",
                        MAX_TOPICS_BYTES >> 20
                    );
                    problems.push(Diagnostic::new(folder.display().to_string(), message));
                    break;
                }
                files.push(PackFile { path: path.display().to_string(), stem, bytes: text.into_bytes() })
            }
            Err(d) => problems.push(d),
        }
    }
    (files, problems)
}

fn unreadable_folder(folder: &Path, e: &std::io::Error) -> Diagnostic {
    let why = match e.kind() {
        std::io::ErrorKind::NotADirectory => "is not a folder".to_string(),
        _ => format!("cannot read the folder: {}", crate::input::reason(e)),
    };
    Diagnostic::new(folder.display().to_string(), why)
}

/// Whether the pack holds the file at `path`; a file that cannot be looked at (an unreadable
/// folder on the way, or `assessment` that is not a folder) is a problem, not an absence, and so
/// is a link to nothing (reading it says so).
fn present(path: &Path) -> Result<bool, Diagnostic> {
    match std::fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => {
            let folder = path.parent().unwrap_or(path);
            Err(match e.kind() {
                std::io::ErrorKind::NotADirectory => Diagnostic::new(folder.display().to_string(), "is not a folder"),
                _ => Diagnostic::new(path.display().to_string(), format!("cannot read: {}", crate::input::reason(&e))),
            })
        }
    }
}

/// Built-in topics overlaid by the pack's: a pack topic replaces the built-in one with its id.
fn catalog_with(pack: &[PackFile]) -> Result<Catalog, Vec<Diagnostic>> {
    let mut files: Vec<SourceFile<'_>> = knowledge::builtin_topic_files()
        .into_iter()
        .filter(|b| !pack.iter().any(|p| b.path.ends_with(&format!("/{}.yaml", p.stem))))
        .collect();
    files.extend(pack.iter().map(|p| SourceFile { path: p.path.clone(), bytes: &p.bytes }));
    Catalog::from_files(&files)
}

fn questionnaire_in(dir: &Path, catalog: &Catalog) -> Result<Questionnaire, Vec<Diagnostic>> {
    let exists = |id: &str| catalog.find(id).is_some_and(|t| t.id == id);
    let whole = dir.join("assessment/questionnaire.yaml");
    let base = if present(&whole).map_err(|d| vec![d])? {
        let text = read_text(&whole).map_err(|d| vec![d])?;
        assess::load(&whole.display().to_string(), &text, &exists)?
    } else {
        assess::builtin_questionnaire().map_err(|e| vec![Diagnostic::new("built-in questionnaire", e.to_string())])?
    };
    let extension = dir.join("assessment/extend.yaml");
    if !present(&extension).map_err(|d| vec![d])? {
        return Ok(base);
    }
    let text = read_text(&extension).map_err(|d| vec![d])?;
    assess::extend(base, &extension.display().to_string(), &text, &exists)
}

fn glossary_in(dir: &Path, mut builtin: Glossary, catalog: &Catalog) -> Result<Glossary, Vec<Diagnostic>> {
    let path = dir.join("glossary.yaml");
    if !present(&path).map_err(|d| vec![d])? {
        return Ok(builtin);
    }
    let text = read_text(&path).map_err(|d| vec![d])?;
    let pack = Glossary::parse(&path.display().to_string(), &text, &|id| catalog.find(id).is_some_and(|t| t.id == id))?;
    for term in pack.terms {
        builtin.terms.retain(|t| !t.term.eq_ignore_ascii_case(&term.term));
        builtin.terms.push(term);
    }
    builtin.terms.sort_by_key(|t| t.term.to_lowercase());
    Ok(builtin)
}

/// The pack's history thresholds over the built-in ones, or `None` if the pack sets none.
fn history_in(dir: &Path) -> Result<Option<Thresholds>, Vec<Diagnostic>> {
    let path = dir.join("assessment/history.yaml");
    if !present(&path).map_err(|d| vec![d])? {
        return Ok(None);
    }
    let text = read_text(&path).map_err(|d| vec![d])?;
    thresholds::with_pack(&path.display().to_string(), &text).map(Some)
}
