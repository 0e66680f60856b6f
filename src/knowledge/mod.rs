//! The knowledge base: topics embedded from `knowledge/`, parsed, validated and looked up.

mod catalog;
mod glossary;
mod model;
mod raw;
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

/// An embedded file by its path under `knowledge/`, if it exists and is UTF-8.
pub fn builtin_file(path: &str) -> Option<&'static str> {
    BUILTIN.get_file(path).and_then(|f| f.contents_utf8())
}

/// Whether an embedded topic file with this id exists (cheap: no parsing).
pub fn builtin_topic_exists(id: &str) -> bool {
    BUILTIN.get_file(format!("topics/{id}.yaml")).is_some()
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
