//! The scanned tree's ignore files (`.ignore`, `.gitignore`, `.git/info/exclude`), read by the
//! scan itself rather than by the walker: only regular files inside the tree are opened, never
//! through a link, a pipe or a device, each within a size and pattern limit, and the patterns of
//! the whole tree within a total, so a hostile repository cannot hang or exhaust the scan. A file
//! refused becomes a note and the scan goes on without its patterns.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// An ignore file larger than this is not used (a large hand-written one is a few kilobytes).
pub const MAX_BYTES: u64 = 256 * 1024;
/// An ignore file with more patterns than this is not used.
pub const MAX_PATTERNS: usize = 2_000;
/// Patterns kept across the whole tree; ignore files past this total are not used. Each pattern
/// costs the matcher a compiled glob, so this bounds the memory they take.
pub const MAX_TOTAL_PATTERNS: usize = 10_000;

/// The ignore files of one folder, by precedence.
#[derive(Debug, Default)]
struct Layer {
    dot_ignore: Option<Gitignore>,
    gitignore: Option<Gitignore>,
    exclude: Option<Gitignore>,
    /// The folder holds a `.git`: `.gitignore` files above it do not apply below it.
    has_git: bool,
}

/// The layers that apply in a folder, deepest first.
type Chain = Vec<Arc<Layer>>;

/// Tells one `Ignores` from another in the threads' `LAST`.
static NEXT_ID: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// The folder whose chain this thread used last, with the chain and the `Ignores` it is from.
    /// The walker hands a thread the entries of one folder in a row, so nearly every entry is
    /// decided without the shared lock, a hash of its folder's path, or a reference count that
    /// the threads would pass back and forth.
    static LAST: RefCell<Option<(u64, PathBuf, Arc<Chain>)>> = const { RefCell::new(None) };
}

/// What the walk needs: whether an entry is ignored, and notes on ignore files not used.
#[derive(Debug)]
pub struct Ignores {
    id: u64,
    chains: RwLock<HashMap<PathBuf, Arc<Chain>>>,
    patterns: Mutex<usize>,
    /// Ignore files not used, relative to the root, with the reason.
    refused: Mutex<Vec<(PathBuf, &'static str)>>,
}

impl Default for Ignores {
    fn default() -> Self {
        Ignores {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            chains: RwLock::default(),
            patterns: Mutex::default(),
            refused: Mutex::default(),
        }
    }
}

impl Ignores {
    /// Whether `path` (in folder `parent`) is ignored by the ignore files of the folders above it.
    /// `.ignore` decides before `.gitignore`, which decides before `.git/info/exclude`, and a
    /// deeper folder's file before a shallower one's, as in git and ripgrep; a whitelisting
    /// `!pattern` is a decision too.
    pub fn ignored(&self, parent: &Path, path: &Path, is_dir: bool) -> bool {
        // A folder's chain is made once, before its entries are listed, and never changes.
        LAST.with_borrow_mut(|last| {
            let cached = last.as_ref().is_some_and(|(id, dir, _)| *id == self.id && dir.as_os_str() == parent);
            if !cached {
                let chain = self.chains.read().unwrap_or_else(PoisonError::into_inner).get(parent).cloned();
                *last = chain.map(|chain| (self.id, parent.to_path_buf(), chain));
            }
            last.as_ref().is_some_and(|(_, _, chain)| Self::decide(chain, path, is_dir))
        })
    }

    /// What the chain of a folder decides for `path` in it.
    fn decide(chain: &Chain, path: &Path, is_dir: bool) -> bool {
        let decide = |pick: fn(&Layer) -> Option<&Gitignore>, git_only: bool| {
            let mut saw_git = false;
            for layer in chain.iter() {
                if git_only && saw_git {
                    break;
                }
                match pick(layer).map(|g| g.matched(path, is_dir)) {
                    None | Some(Match::None) => {}
                    Some(m) => return Some(m.is_ignore()),
                }
                saw_git |= layer.has_git;
            }
            None
        };
        decide(|l| l.dot_ignore.as_ref(), false)
            .or_else(|| decide(|l| l.gitignore.as_ref(), true))
            .or_else(|| decide(|l| l.exclude.as_ref(), true))
            .unwrap_or(false)
    }

    /// Read the ignore files of folder `dir` (inside `parent`; `None` for the root), which the
    /// walk is about to enter.
    pub fn enter(&self, parent: Option<&Path>, dir: &Path) {
        let above = parent.and_then(|p| self.chains.read().unwrap_or_else(PoisonError::into_inner).get(p).cloned());
        let has_git = std::fs::symlink_metadata(dir.join(".git")).is_ok_and(|m| m.is_dir());
        let layer = Layer {
            dot_ignore: self.load(dir, &dir.join(".ignore")),
            gitignore: self.load(dir, &dir.join(".gitignore")),
            exclude: if has_git { self.load(dir, &dir.join(".git/info/exclude")) } else { None },
            has_git,
        };
        let empty = layer.dot_ignore.is_none() && layer.gitignore.is_none() && layer.exclude.is_none() && !has_git;
        let chain = match above {
            Some(above) if empty => above,
            above => {
                let mut chain: Chain = vec![Arc::new(layer)];
                chain.extend(above.iter().flat_map(|a| a.iter().cloned()));
                Arc::new(chain)
            }
        };
        self.chains.write().unwrap_or_else(PoisonError::into_inner).insert(dir.to_path_buf(), chain);
    }

    /// The ignore files not used, relative to `root`, with why.
    pub fn refused(&self) -> Vec<(PathBuf, &'static str)> {
        std::mem::take(&mut *self.refused.lock().unwrap_or_else(PoisonError::into_inner))
    }

    fn refuse(&self, path: &Path, why: &'static str) -> Option<Gitignore> {
        self.refused.lock().unwrap_or_else(PoisonError::into_inner).push((path.to_path_buf(), why));
        None
    }

    /// One ignore file's patterns, if it is a regular file within the limits.
    fn load(&self, dir: &Path, path: &Path) -> Option<Gitignore> {
        let text = match read(path) {
            Ok(None) => return None,
            Ok(Some(text)) => text,
            Err(why) => return self.refuse(path, why),
        };
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).collect();
        if lines.is_empty() {
            return None;
        }
        if lines.len() > MAX_PATTERNS {
            return self.refuse(path, "more patterns than an ignore file may hold");
        }
        {
            let mut total = self.patterns.lock().unwrap_or_else(PoisonError::into_inner);
            if *total + lines.len() > MAX_TOTAL_PATTERNS {
                return self.refuse(path, "more patterns in the tree's ignore files than the scan keeps");
            }
            *total += lines.len();
        }
        let mut builder = GitignoreBuilder::new(dir);
        for line in lines {
            // A pattern that is not a valid glob is skipped, as git does.
            let _ = builder.add_line(None, line);
        }
        builder.build().ok()
    }
}

/// The text of the ignore file at `path`: `None` when there is none, an error when it is not a
/// regular file (a link, a pipe, a device, a folder), is too large or cannot be read.
fn read(path: &Path) -> Result<Option<String>, &'static str> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(_) => return Err("could not be read"),
    };
    if meta.file_type().is_symlink() {
        return Err("is a symbolic link; not followed");
    }
    if !meta.is_file() {
        return Err("is not a regular file");
    }
    if meta.len() > MAX_BYTES {
        return Err("is larger than an ignore file may be");
    }
    let file = open_no_follow(path).map_err(|_| "could not be read")?;
    // Checked again on what was opened: the name may have been replaced since.
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err("is not a regular file");
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(|_| "could not be read")?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err("is larger than an ignore file may be");
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Open without following a final symbolic link and without waiting on a pipe, should the name
/// have been replaced by one since it was looked at.
#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chain a thread used last is kept per `Ignores`: another one for the same folder, or
    /// another folder, decides by its own ignore files.
    #[test]
    fn each_folder_and_each_walk_decides_by_its_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        for (sub, pattern) in [(&a, "*.log\n"), (&b, "*.tmp\n")] {
            std::fs::create_dir_all(sub).unwrap();
            std::fs::write(sub.join(".gitignore"), pattern).unwrap();
        }
        let (first, second) = (Ignores::default(), Ignores::default());
        first.enter(None, &a);
        first.enter(None, &b);
        second.enter(None, &b);
        for _ in 0..2 {
            assert!(first.ignored(&a, &a.join("x.log"), false));
            assert!(!first.ignored(&a, &a.join("x.tmp"), false));
            assert!(!second.ignored(&a, &a.join("x.log"), false), "no chain for `a` in the second");
            assert!(first.ignored(&b, &b.join("x.tmp"), false));
            assert!(!first.ignored(&b, &b.join("x.log"), false));
            assert!(second.ignored(&b, &b.join("x.tmp"), false));
        }
    }

    /// Past the total, ignore files are not used, whatever their own size.
    #[test]
    fn the_patterns_of_the_whole_tree_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let per_file: String = (0..MAX_PATTERNS).map(|i| format!("p{i}\n")).collect();
        let files = MAX_TOTAL_PATTERNS / MAX_PATTERNS + 2;
        let ignores = Ignores::default();
        for i in 0..files {
            let sub = dir.path().join(i.to_string());
            std::fs::create_dir_all(&sub).unwrap();
            std::fs::write(sub.join(".gitignore"), &per_file).unwrap();
            ignores.enter(None, &sub);
        }
        let refused = ignores.refused();
        assert_eq!(refused.len(), files - MAX_TOTAL_PATTERNS / MAX_PATTERNS);
        assert!(refused.iter().all(|(_, why)| why.contains("than the scan keeps")), "{refused:?}");
        assert!(*ignores.patterns.lock().unwrap() <= MAX_TOTAL_PATTERNS);
    }
}
