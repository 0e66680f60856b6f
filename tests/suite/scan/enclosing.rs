//! Which history a scan reads when the scanned folder sits inside another repository.

use std::path::Path;

use super::{git, scan, write};

/// A repository with two commits by ann, the second one inside `inner/`.
fn outer(root: &Path) {
    write(root, "README.md", "outer\n");
    git(root, &["init", "-q"], "ann", 0);
    git(root, &["add", "."], "ann", 0);
    git(root, &["commit", "-q", "-m", "first"], "ann", 20);
    write(root, "inner/src/main.rs", "fn main() {}\n");
    git(root, &["add", "."], "ann", 0);
    git(root, &["commit", "-q", "-m", "second"], "ann", 10);
}

#[test]
fn an_unreadable_git_folder_does_not_lend_the_enclosing_history() {
    let dir = tempfile::tempdir().unwrap();
    outer(dir.path());
    // An empty `.git` is no repository git can read: git would climb past it to the outer one.
    std::fs::create_dir(dir.path().join("inner/.git")).unwrap();
    let r = scan(&dir.path().join("inner"));
    assert!(!r.authors.available, "{:?}", r.authors);
    assert!(r.boundaries.is_empty(), "{:?}", r.boundaries);
    assert!(r.note("git").unwrap().message.contains("no git history read"), "{:?}", r.notes);
}

#[test]
fn a_plain_folder_inside_a_repository_reads_that_repository() {
    let dir = tempfile::tempdir().unwrap();
    outer(dir.path());
    let r = scan(&dir.path().join("inner"));
    assert!(r.authors.available, "{:?}", r.authors);
    assert_eq!(r.authors.last_90_days, Some(1));
    assert_eq!(r.boundaries.len(), 1);
    assert_eq!(r.boundaries[0].commits_used, 1, "only the commit touching the folder");
    assert!(r.note("git").is_none(), "{:?}", r.notes);
}
