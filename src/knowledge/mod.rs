//! The knowledge base: topics embedded from `knowledge/`, parsed, validated and looked up.

pub mod builtin;
mod catalog;
mod glossary;
pub mod index;
mod model;
mod raw;
pub mod search_doc;
pub use crate::text;
mod validate;

pub use catalog::{Catalog, SourceFile};
pub use glossary::{Glossary, Term};
pub use model::{Advantage, Concern, ConcernId, Item, Kind, Misconception, Profile, ProfileRow, Source, Topic};

use include_dir::{Dir, include_dir};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/knowledge");

/// The embedded topic files, named as they are in the repository.
pub fn builtin_topic_files() -> Vec<SourceFile<'static>> {
    let Some(dir) = BUILTIN.get_dir("topics") else {
        return Vec::new();
    };
    let mut files: Vec<SourceFile<'static>> = dir
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "yaml"))
        .map(|f| SourceFile { path: format!("knowledge/{}", f.path().display()), bytes: f.contents() })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Every embedded file (topics, glossary, questionnaire, README), by its path under `knowledge/`.
pub fn builtin_files() -> Vec<(std::path::PathBuf, &'static [u8])> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(std::path::PathBuf, &'static [u8])>) {
        for f in dir.files() {
            out.push((f.path().to_path_buf(), f.contents()));
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut out = Vec::new();
    walk(&BUILTIN, &mut out);
    out.sort();
    out
}
