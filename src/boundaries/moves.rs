//! Where files that moved live now: each older path mapped to its file's path at the newest
//! commit read, learnt from the renames git finds as history is read newest first, so that a
//! module's changes from before a move are counted in the module it is in now.

use std::collections::HashMap;

use crate::history::log::Commit;

/// Old paths and where their files are now; grows with the files renamed, not with commits.
#[derive(Debug, Default)]
pub(crate) struct Moves {
    now: HashMap<Vec<u8>, Vec<u8>>,
    /// File changes counted where their file is now rather than where it was then.
    pub followed: u64,
}

impl Moves {
    /// Where the file at `path` (in a commit older than every rename learnt so far) is now.
    pub(crate) fn current<'a>(&'a mut self, path: &'a [u8]) -> &'a [u8] {
        match self.now.get(path) {
            Some(now) => {
                self.followed += 1;
                now
            }
            None => path,
        }
    }

    /// Learn a commit's renames, once its own changes are counted: the commit changed both the
    /// old and the new path; the commits before it changed the file now at the new path's place.
    pub(crate) fn learn(&mut self, c: &Commit<'_>) {
        for (old, new) in c.renames() {
            let now = self.now.get(new).cloned().unwrap_or_else(|| new.to_vec());
            self.now.insert(old.to_vec(), now);
        }
    }

    /// Paths known to have moved.
    pub(crate) fn len(&self) -> usize {
        self.now.len()
    }
}
