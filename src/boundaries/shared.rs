//! The history summary `scan` reports, read in the same pass over `git log` as whatever else the
//! scan reads from history (its author counts), so that history is walked once.

use std::path::Path;

use super::{Layout, MAX_REPOSITORIES, Options, RepositoryBoundaries, Thresholds, found_modules, infer, repository};
use crate::history::git::GitError;
use crate::history::log::Commit;

/// Another reader of the pass over `git log` that `boundaries` makes for each repository.
pub(crate) trait Rider {
    /// The oldest commit time it needs, or `None` for all history.
    fn since(&self) -> Option<i64>;
    /// Each commit read, in the wider of its window and the boundaries' one; it keeps the ones
    /// in its own window.
    fn commit(&mut self, c: &Commit<'_>);
    /// The reading of the repository `target` ended, with git's error if it failed.
    fn done(&mut self, target: &str, error: Option<&GitError>);
}

/// The window reaching further back of two (`None` is all history).
pub(super) fn wider(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    Some(a?.min(b?))
}

/// The summary `scan` reports and the answers it infers from history, using the scan's layout;
/// `rider`, if any, reads every repository's history in the same pass.
pub(crate) fn for_scan(
    root: &Path,
    layout: &Layout,
    in_repo: bool,
    t: &Thresholds,
    mut rider: Option<&mut dyn Rider>,
) -> (Vec<RepositoryBoundaries>, Vec<crate::scan::Inferred>) {
    let targets: Vec<String> = if in_repo {
        vec![".".to_string()]
    } else {
        layout.repositories.iter().take(MAX_REPOSITORIES).cloned().collect()
    };
    let options = Options { depth: 1, ..Options::default() };
    let repos: Vec<RepositoryBoundaries> = targets
        .iter()
        .filter_map(|target| {
            let map = found_modules(root, target, layout, 1);
            let rider = rider.as_mut().map(|r| &mut **r as &mut dyn Rider);
            repository(&root.join(target), target, map, &options, t, rider).ok()
        })
        .collect();
    let answers = infer::answers(&repos, t);
    (repos, answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wider_window_reaches_further_back() {
        assert_eq!(wider(Some(10), Some(5)), Some(5));
        assert_eq!(wider(None, Some(5)), None);
        assert_eq!(wider(Some(10), None), None);
    }
}
