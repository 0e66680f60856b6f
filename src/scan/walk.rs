//! The parallel walk: every file once, ignore files respected (read safely), links never
//! followed, text kept only for the files the detectors need.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};

use super::files::{self, Kind};
use super::ignores::Ignores;
use super::notes::{NoteKind, NoteLog};
use super::reader::Reader;
use super::rules::generated;

/// Everything the detectors learn from the files themselves.
#[derive(Debug, Default)]
pub struct Tree {
    /// Sorted by path (`has_file` and `files_under` rely on it).
    pub files: Vec<FileRec>,
    pub texts: Vec<TextFile>,
    /// Skipped vendored or generated folders, relative to the root.
    pub skipped_dirs: Vec<String>,
    /// Folders holding a `.git` directory or file: repositories, when the root is a folder of them.
    pub repositories: Vec<String>,
    pub notes: NoteLog,
    pub files_seen: u64,
    pub files_read: u64,
}

impl Tree {
    /// Whether `rel` is one of the files.
    pub fn has_file(&self, rel: &str) -> bool {
        self.files.binary_search_by(|f| f.rel.as_str().cmp(rel)).is_ok()
    }

    /// The files strictly inside folder `dir` (every file for the root, `.`). `files` is sorted by
    /// path, so they are adjacent: two binary searches instead of a pass over the whole tree.
    pub fn files_under(&self, dir: &str) -> &[FileRec] {
        if dir == "." {
            return &self.files;
        }
        let prefix = format!("{dir}/");
        let start = self.files.partition_point(|f| f.rel < prefix);
        let len = self.files[start..].partition_point(|f| f.rel.starts_with(&prefix));
        &self.files[start..start + len]
    }
}

/// A regular file: its path relative to the root, and its language and line count if known.
#[derive(Debug, Clone)]
pub struct FileRec {
    pub rel: String,
    pub lang: Option<&'static str>,
    pub lines: Option<u64>,
    pub go_main: bool,
    /// A "generated, do not edit" marker in its first lines (for the languages that use one),
    /// found in the bytes read for counting, so the file is not opened again.
    pub generated_marker: bool,
    /// A source file whose name says it is generated (`*.pb.go`...), decided on the walker
    /// threads rather than in the single-threaded count after the walk.
    pub generated_name: bool,
}

/// A file whose text a detector reads (at most `files::MAX_READ` bytes, lossily decoded).
#[derive(Debug, Clone)]
pub struct TextFile {
    pub rel: String,
    pub kind: Kind,
    pub text: String,
}

/// Walk `root` on `threads` threads (0: one per core), counting files into `progress`.
pub fn walk(root: &Path, threads: usize, progress: Option<&AtomicU64>) -> Tree {
    let skipped = Arc::new(Mutex::new(Vec::new()));
    let recorder = Arc::clone(&skipped);
    // The walker would open ignore files itself, through links and pipes and whatever their size:
    // they are read by `Ignores` instead, which refuses all that.
    let ignores = Arc::new(Ignores::default());
    ignores.enter(None, root);
    let filter = Arc::clone(&ignores);
    let mut builder = WalkBuilder::new(root);
    builder.standard_filters(false).follow_links(false).threads(threads);
    builder.filter_entry(move |dent| {
        let Some(parent) = dent.path().parent().filter(|_| dent.depth() > 0) else { return true };
        let is_dir = dent.file_type().is_some_and(|t| t.is_dir());
        if filter.ignored(parent, dent.path(), is_dir) {
            return false;
        }
        let skip = is_dir && dent.file_name().to_str().is_some_and(|n| files::SKIP_DIRS.contains(&n));
        if skip {
            recorder.lock().unwrap_or_else(PoisonError::into_inner).push(dent.path().to_path_buf());
        } else if is_dir {
            filter.enter(Some(parent), dent.path());
        }
        !skip
    });
    let root_canon = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let done = Mutex::new(Vec::new());
    let mut visitors = Builder { root, root_canon: &root_canon, progress, done: &done };
    builder.build_parallel().visit(&mut visitors);
    let mut tree = Tree::default();
    let (mut files, mut texts) = (Vec::new(), Vec::new());
    for mut part in done.into_inner().unwrap_or_else(PoisonError::into_inner) {
        files.push(std::mem::take(&mut part.files));
        texts.push(std::mem::take(&mut part.texts));
        merge(&mut tree, part);
    }
    // Each thread sorted its part; merging them is all that is left of sorting.
    tree.files = merge_sorted(files, |a, b| a.rel < b.rel);
    tree.texts = merge_sorted(texts, |a, b| a.rel < b.rel);
    let skipped = std::mem::take(&mut *skipped.lock().unwrap_or_else(PoisonError::into_inner));
    record_skipped(root, &mut tree, skipped);
    for (path, why) in ignores.refused() {
        tree.notes.add(NoteKind::IgnoreFile, format!("{} ({why})", relative(root, &path).0));
    }
    tree.skipped_dirs.sort();
    tree
}

/// Sorted lists merged into one sorted list, two at a time; on equal items the earlier list's
/// come first, as a stable sort of their concatenation would have it. Into a list made once at
/// its full size: extending one list by the others and sorting that took about twice as long
/// (two growths, then a scratch buffer of half the files), all on one thread after the walk.
fn merge_sorted<T>(mut lists: Vec<Vec<T>>, less: impl Fn(&T, &T) -> bool + Copy) -> Vec<T> {
    while lists.len() > 1 {
        let mut pairs = lists.into_iter();
        let mut merged = Vec::new();
        while let Some(a) = pairs.next() {
            merged.push(match pairs.next() {
                Some(b) => merge_two(a, b, less),
                None => a,
            });
        }
        lists = merged;
    }
    lists.pop().unwrap_or_default()
}

fn merge_two<T>(a: Vec<T>, b: Vec<T>, less: impl Fn(&T, &T) -> bool) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let from_b = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => less(y, x),
            (Some(_), None) => {
                out.extend(a);
                return out;
            }
            (None, _) => {
                out.extend(b);
                return out;
            }
        };
        out.extend(if from_b { b.next() } else { a.next() });
    }
}

/// Version-control folders mark repositories; the others are noted as skipped.
fn record_skipped(root: &Path, tree: &mut Tree, skipped: Vec<PathBuf>) {
    for dir in skipped {
        let (rel, _) = relative(root, &dir);
        let (parent, name) = super::manifests::split(&rel);
        match name {
            ".git" => tree.repositories.push(parent.to_string()),
            ".hg" | ".svn" => {}
            _ => {
                tree.notes.add(NoteKind::SkippedDirectory, rel.clone());
                tree.skipped_dirs.push(rel);
            }
        }
    }
    // A `.git` file marks a worktree or a submodule.
    // A suffix test, not a split of every path: this pass runs on one thread after the walk.
    let git_files = tree.files.iter().filter(|f| f.rel == ".git" || f.rel.ends_with("/.git"));
    let git_files: Vec<String> = git_files.map(|f| super::manifests::split(&f.rel).0.to_string()).collect();
    tree.repositories.extend(git_files);
    tree.repositories.sort();
    tree.repositories.dedup();
}

fn merge(tree: &mut Tree, part: Tree) {
    tree.files.extend(part.files);
    tree.texts.extend(part.texts);
    tree.notes.merge(part.notes);
    tree.files_seen += part.files_seen;
    tree.files_read += part.files_read;
}

/// `path` relative to `root`, `/`-separated, and whether its name had to be decoded lossily.
/// Control characters and bidirectional controls are replaced so a hostile name cannot break a
/// terminal or an answers file, or read as another name.
pub fn relative(root: &Path, path: &Path) -> (String, bool) {
    // This runs for every file, and most paths need no work beyond a copy.
    if let Some(s) = text_below(root, path)
        && is_plain(s)
    {
        return (s.to_string(), false);
    }
    by_components(root, path)
}

/// `relative` the long way, part by part.
fn by_components(root: &Path, path: &Path) -> (String, bool) {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut lossy = false;
    let parts: Vec<String> = rel
        .components()
        .map(|c| {
            let s = c.as_os_str();
            lossy |= s.to_str().is_none();
            s.to_string_lossy().chars().map(|ch| if unsafe_name_char(ch) { '\u{FFFD}' } else { ch }).collect()
        })
        .collect();
    let joined = parts.join("/");
    (if joined.is_empty() { ".".to_string() } else { joined }, lossy)
}

/// The text of `path` after `root` and a `/`, when the root's text starts it, as it does for the
/// walker's paths: they are made by appending names to the root.
fn text_below<'p>(root: &Path, path: &'p Path) -> Option<&'p str> {
    let root = root.as_os_str().as_encoded_bytes();
    let rest = path.as_os_str().as_encoded_bytes().strip_prefix(root)?;
    let rest = if root.ends_with(b"/") { rest } else { rest.strip_prefix(b"/")? };
    std::str::from_utf8(rest).ok()
}

/// Whether `s`, below the root, is already what `relative` makes of it: names (none empty or `.`)
/// joined by `/`, without control characters.
fn is_plain(s: &str) -> bool {
    // Printable ASCII has no control or bidirectional character: most paths are checked a byte
    // at a time instead of decoded.
    let safe = s.bytes().all(|b| (b' '..=b'~').contains(&b)) || !s.chars().any(unsafe_name_char);
    cfg!(unix) && !s.is_empty() && safe && s.split('/').all(|p| !p.is_empty() && p != ".")
}

/// Control characters and bidirectional controls: a name could drive a terminal or read
/// differently from what it is.
fn unsafe_name_char(c: char) -> bool {
    c.is_control() || crate::sanitize::is_bidi(c)
}

struct Builder<'s> {
    root: &'s Path,
    root_canon: &'s Path,
    progress: Option<&'s AtomicU64>,
    done: &'s Mutex<Vec<Tree>>,
}

impl<'s> ParallelVisitorBuilder<'s> for Builder<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Visitor {
            root: self.root,
            root_canon: self.root_canon,
            progress: self.progress,
            done: self.done,
            tree: Tree::default(),
            reader: Reader::default(),
            uncounted: 0,
        })
    }
}

/// One walker thread's state; handed over to `done` when the thread finishes.
struct Visitor<'s> {
    root: &'s Path,
    root_canon: &'s Path,
    progress: Option<&'s AtomicU64>,
    done: &'s Mutex<Vec<Tree>>,
    tree: Tree,
    /// Reads files into one buffer, reused for every file this thread reads.
    reader: Reader,
    /// Files seen but not yet added to `progress`.
    uncounted: u64,
}

/// Files seen between updates of the shared progress counter, so threads seldom contend for it.
const PROGRESS_BATCH: u64 = 64;

impl Drop for Visitor<'_> {
    fn drop(&mut self) {
        self.count_progress();
        let mut tree = std::mem::take(&mut self.tree);
        // Sorted here, on the walker threads, `walk` only has to merge the sorted parts. Unstable
        // and in place: a stable sort takes a scratch buffer of half the files, megabytes of
        // fresh pages on a large tree, and paths are unique but for names made alike by lossy
        // decoding, whose order the walk (with its threads) never fixed anyway.
        tree.files.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
        tree.texts.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
        self.done.lock().unwrap_or_else(PoisonError::into_inner).push(tree);
    }
}

impl ParallelVisitor for Visitor<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        match entry {
            Ok(dent) => self.entry(&dent),
            Err(err) => {
                let what = error_path(&err)
                    .map(|p| relative(self.root, &p).0)
                    .unwrap_or_else(|| err.to_string().split_whitespace().collect::<Vec<_>>().join(" "));
                self.tree.notes.add(NoteKind::Unreadable, what);
            }
        }
        WalkState::Continue
    }
}

impl Visitor<'_> {
    fn entry(&mut self, dent: &DirEntry) {
        if dent.depth() == 0 {
            return;
        }
        let (rel, lossy) = relative(self.root, dent.path());
        if lossy {
            self.tree.notes.add(NoteKind::NonUtf8Name, rel.clone());
        }
        if dent.path_is_symlink() {
            let kind = symlink_kind(self.root_canon, dent.path());
            self.tree.notes.add(kind, rel);
            return;
        }
        if !dent.file_type().is_some_and(|t| t.is_file()) {
            return;
        }
        self.tree.files_seen += 1;
        self.uncounted += 1;
        if self.uncounted == PROGRESS_BATCH {
            self.count_progress();
        }
        self.file(dent.path(), rel);
    }

    fn count_progress(&mut self) {
        if let Some(counter) = self.progress {
            counter.fetch_add(self.uncounted, Ordering::Relaxed);
        }
        self.uncounted = 0;
    }

    fn file(&mut self, path: &Path, rel: String) {
        // memchr's vector search, for every file (`rsplit` goes a word at a time).
        let name = memchr::memrchr(b'/', rel.as_bytes()).map_or(rel.as_str(), |slash| &rel[slash + 1..]);
        let lang = files::language(name);
        let kind = files::kind(&rel, name);
        let generated_name = lang.is_some() && generated::by_name(name);
        let mut rec = FileRec { rel, lang, lines: None, go_main: false, generated_marker: false, generated_name };
        if lang.is_some() || kind.is_some() {
            self.read(path, &mut rec, kind);
        }
        self.tree.files.push(rec);
    }

    fn read(&mut self, path: &Path, rec: &mut FileRec, kind: Option<Kind>) {
        let notes = &mut self.tree.notes;
        let (bytes, truncated) = match self.reader.read(path) {
            Ok(read) => read,
            Err(_) => return notes.add(NoteKind::Unreadable, rec.rel.clone()),
        };
        self.tree.files_read += 1;
        if files::is_binary(bytes) {
            return notes.add(NoteKind::Binary, rec.rel.clone());
        }
        if truncated {
            notes.add(NoteKind::TooLarge, rec.rel.clone());
        } else if rec.lang.is_some() {
            rec.lines = Some(files::count_lines(bytes));
        }
        rec.go_main = rec.lang == Some("Go") && files::is_go_main(bytes);
        rec.generated_marker = rec.lines.is_some()
            && rec.lang.is_some_and(|l| generated::MARKER_LANGUAGES.contains(&l))
            && generated::by_marker(bytes);
        if let Some(kind) = kind {
            let text = String::from_utf8_lossy(bytes).into_owned();
            self.tree.texts.push(TextFile { rel: rec.rel.clone(), kind, text });
        }
    }
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        _ => None,
    }
}

/// `ELOOP`: too many levels of symbolic links (`io::ErrorKind::FilesystemLoop` is not stable yet).
#[cfg(target_os = "linux")]
const ELOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
const ELOOP: i32 = 62;

/// Why a link was not followed: it loops, leaves the root, or is simply a link.
fn symlink_kind(root_canon: &Path, path: &Path) -> NoteKind {
    match std::fs::canonicalize(path) {
        Err(e) if e.raw_os_error() == Some(ELOOP) => NoteKind::SymlinkLoop,
        Err(_) => NoteKind::Symlink,
        Ok(target) if !target.starts_with(root_canon) => NoteKind::SymlinkOutside,
        Ok(target) => {
            let parent = path.parent().and_then(|p| std::fs::canonicalize(p).ok());
            if parent.is_some_and(|p| p.starts_with(&target)) { NoteKind::SymlinkLoop } else { NoteKind::Symlink }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_takes_the_short_way_only_where_it_agrees() {
        let roots = ["repo", "repo/", "./repo", "repo/.", "/abs/repo", "/", ".", "..", "a/../repo"];
        let below = ["a", "a/b.rs", "a b/c", "../x", "a/./b", "a//b", "./a", "a/", "a/.", "x\u{7}y/z", ".hidden/f"];
        for root in roots {
            for rel in below {
                let path = Path::new(root).join(rel);
                assert_eq!(relative(Path::new(root), &path), by_components(Path::new(root), &path), "{root} + {rel}");
            }
            assert_eq!(relative(Path::new(root), Path::new(root)), (".".to_string(), false));
        }
        assert_eq!(relative(Path::new("repo"), Path::new("elsewhere/a")).0, "elsewhere/a");
    }

    /// Merging sorted lists gives what a stable sort of them end to end gives.
    #[test]
    fn sorted_lists_merge_as_a_stable_sort_would_order_them() {
        let lists: Vec<Vec<(u32, usize)>> = vec![
            vec![(1, 0), (3, 0), (3, 1), (9, 0)],
            vec![(0, 1), (3, 2), (4, 1)],
            vec![],
            vec![(2, 3), (3, 3), (10, 3)],
            vec![(3, 4)],
        ];
        let mut expected: Vec<(u32, usize)> = lists.concat();
        expected.sort_by_key(|x| x.0);
        assert_eq!(merge_sorted(lists, |a, b| a.0 < b.0), expected);
        assert_eq!(merge_sorted(Vec::<Vec<u8>>::new(), |a, b| a < b), Vec::<u8>::new());
        assert_eq!(merge_sorted(vec![vec![2, 1]], |a, b| a < b), [2, 1], "one list is left as it is");
    }

    #[test]
    fn files_under_a_folder_are_found_in_the_sorted_list() {
        let mut tree = Tree::default();
        for rel in ["a-b/x", "a.rs", "a/b/c.rs", "a/d.rs", "a0", "ab/e.rs", "b/a/f.rs"] {
            tree.files.push(FileRec {
                rel: rel.to_string(),
                lang: None,
                lines: None,
                go_main: false,
                generated_marker: false,
                generated_name: false,
            });
        }
        let under = |dir: &str| tree.files_under(dir).iter().map(|f| f.rel.as_str()).collect::<Vec<_>>();
        assert_eq!(under("a"), ["a/b/c.rs", "a/d.rs"]);
        for dir in [".", "a", "a/b", "a/d.rs", "a-b", "ab", "b", "c", "", "a/"] {
            let inside = tree.files.iter().filter(|f| crate::scan::manifests::contains(dir, &f.rel) && f.rel != dir);
            assert_eq!(under(dir), inside.map(|f| f.rel.as_str()).collect::<Vec<_>>(), "{dir}");
        }
        assert!(tree.has_file("a/d.rs") && tree.has_file("a0") && !tree.has_file("a") && !tree.has_file("a/b"));
    }
}
