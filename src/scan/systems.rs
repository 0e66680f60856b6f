//! A folder of repositories: each repository scanned as a system of its own, with its own CI
//! (which lives in that repository's root) and deployables.

use std::path::Path;

use super::report::SystemSummary;
use super::walk::{FileRec, TextFile, Tree};
use super::{files, infer};
use crate::assess::Questionnaire;

/// At most this many repositories are scanned one by one.
pub const MAX_SYSTEMS: usize = 500;

/// The repositories below the root, when the root is not one itself and holds two or more.
pub fn repositories(tree: &Tree, root_is_repository: bool) -> Vec<String> {
    if root_is_repository {
        return Vec::new();
    }
    let found: Vec<String> = tree.repositories.iter().filter(|r| *r != ".").take(MAX_SYSTEMS).cloned().collect();
    if found.len() >= 2 { found } else { Vec::new() }
}

/// The part of the tree inside `dir`, with paths relative to it and file kinds decided again
/// (a repository's `.github/workflows` is CI only from its own root).
pub fn subtree(tree: &Tree, dir: &str) -> Tree {
    let prefix = format!("{dir}/");
    let mut sub = Tree::default();
    sub.files = tree
        .files
        .iter()
        .filter_map(|f| f.rel.strip_prefix(&prefix).map(|rel| FileRec { rel: rel.to_string(), ..f.clone() }))
        .collect();
    sub.texts = tree
        .texts
        .iter()
        .filter_map(|t| {
            let rel = t.rel.strip_prefix(&prefix)?;
            let name = rel.rsplit('/').next().unwrap_or(rel);
            let kind = files::kind(rel, name).unwrap_or(t.kind);
            Some(TextFile { rel: rel.to_string(), kind, text: t.text.clone() })
        })
        .collect();
    sub.skipped_dirs = tree.skipped_dirs.iter().filter_map(|d| d.strip_prefix(&prefix).map(str::to_string)).collect();
    sub.files_seen = sub.files.len() as u64;
    sub
}

/// One repository's summary: its deployables, CI systems and inferred answers.
pub fn summary(root: &Path, dir: &str, tree: Tree, q: &Questionnaire) -> SystemSummary {
    let facts = super::detect(&root.join(dir), tree);
    let inferred = infer::infer(&facts).into_iter().filter_map(|i| super::placed(q, i)).collect();
    SystemSummary {
        path: dir.to_string(),
        deployables: facts.deployables.iter().map(|d| d.name.clone()).collect(),
        ci_systems: facts.ci.systems.keys().map(|s| s.to_string()).collect(),
        inferred,
    }
}
