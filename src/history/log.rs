//! Commits streamed from `git log -z`: one commit at a time, never the whole history in memory.

use std::path::Path;

use super::git::{self, GitError, Limits};

/// Marks the start of a commit's header line in the output (a byte no sane path starts with).
const HEADER: u8 = 0x1e;
/// A token longer than this is not a path git would print; it is dropped.
const MAX_TOKEN: usize = 64 * 1024;

/// What to read.
#[derive(Debug, Clone)]
pub(crate) struct Query {
    /// Commits at or after this time (seconds since the epoch), or all.
    pub since: Option<i64>,
    /// List each commit's changed paths, keeping at most this many per commit.
    pub files: Option<usize>,
    /// With `files`: find renames (`-M`), so a commit that moves a file also says from where.
    pub renames: bool,
    pub limits: Limits,
}

/// Renames looked for in one commit at most: beyond it git gives up on finding them (its own
/// default, stated so that a repository's configuration cannot raise it).
const RENAME_LIMIT: usize = 1000;

/// One non-merge commit, as `each` sees it; its data lives only during the call.
#[derive(Debug)]
pub(crate) struct Commit<'a> {
    /// Committer time, seconds since the epoch.
    pub time: i64,
    /// Author name and address after `.mailmap`.
    pub name: &'a str,
    pub email: &'a str,
    names: &'a [u8],
    ends: &'a [usize],
    /// Paths changed in all, including those beyond the kept ones; a rename changes two.
    pub changed: usize,
    /// Each rename's old path then its new one, all of them (kept or not).
    moved: &'a [u8],
    moved_ends: &'a [usize],
}

impl<'a> Commit<'a> {
    /// The changed paths kept, as bytes (paths need not be UTF-8).
    pub(crate) fn files(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let path = &self.names[start..end];
            start = end;
            path
        })
    }

    /// The files the commit renamed: (old path, new path).
    pub(crate) fn renames(&self) -> impl Iterator<Item = (&'a [u8], &'a [u8])> + '_ {
        self.moved_ends.chunks_exact(2).scan(0, move |start, ends| {
            let pair = (&self.moved[*start..ends[0]], &self.moved[ends[0]..ends[1]]);
            *start = ends[1];
            Some(pair)
        })
    }
}

/// Call `each` for every non-merge commit reachable from `HEAD` in the window that touches
/// `dir`, newest first.
pub(crate) fn each_commit(dir: &Path, query: &Query, mut each: impl FnMut(&Commit<'_>)) -> Result<(), GitError> {
    git::check_head(dir)?;
    let mut cmd = git::command(dir);
    cmd.args(["log", "-z", "--no-merges", "--no-ext-diff", "--no-textconv"]);
    cmd.arg("--format=%x1e%ct%x09%aN%x09%aE");
    let statuses = query.files.is_some() && query.renames;
    if statuses {
        cmd.args(["-M", &format!("-l{RENAME_LIMIT}"), "--name-status"]);
    } else {
        cmd.arg("--no-renames");
        if query.files.is_some() {
            cmd.arg("--name-only");
        }
    }
    if let Some(since) = query.since {
        cmd.arg(format!("--since=@{since}"));
    }
    // Below the top level: paths relative to `dir`, and only commits touching it. At the top
    // level the pathspec is left out, since filtering by it costs git about 15% more time.
    if !at_top_level(dir) {
        cmd.args(["--relative", "--", "."]);
    }
    let mut parser = Parser { keep: query.files.unwrap_or(0), statuses, ..Parser::default() };
    git::stream(&mut cmd, query.limits, |chunk| {
        parser.feed(chunk, &mut each);
        true
    })?;
    parser.finish(&mut each);
    Ok(())
}

fn at_top_level(dir: &Path) -> bool {
    let mut cmd = git::command(dir);
    cmd.args(["rev-parse", "--show-prefix"]);
    git::output(cmd, Limits::QUICK).is_ok_and(|prefix| prefix.trim_ascii().is_empty())
}

/// Splits the `-z` stream into headers and paths across read boundaries. With `--name-status`
/// each change is a status token (`M`, `A`, `D`, `R086`...) then its path, or for a rename or
/// copy its two paths.
#[derive(Debug, Default)]
struct Parser {
    keep: usize,
    statuses: bool,
    token: Vec<u8>,
    oversized: bool,
    header: Option<(i64, String, String)>,
    names: Vec<u8>,
    ends: Vec<usize>,
    changed: usize,
    /// Paths still to come for the current status, and whether they make a rename.
    expected: u8,
    renaming: bool,
    moved: Vec<u8>,
    moved_ends: Vec<usize>,
}

impl Parser {
    fn feed(&mut self, mut chunk: &[u8], each: &mut impl FnMut(&Commit<'_>)) {
        while let Some(nul) = chunk.iter().position(|&b| b == 0) {
            self.push(&chunk[..nul]);
            let token = std::mem::take(&mut self.token);
            let whole = !std::mem::take(&mut self.oversized);
            self.token_done(whole.then_some(token.as_slice()), each);
            self.token = token;
            self.token.clear();
            chunk = &chunk[nul + 1..];
        }
        self.push(chunk);
    }

    fn push(&mut self, bytes: &[u8]) {
        if self.token.len() + bytes.len() > MAX_TOKEN {
            self.oversized = true;
            self.token.clear();
        } else if !self.oversized {
            self.token.extend_from_slice(bytes);
        }
    }

    /// A token ended; `None` when it was too long to keep.
    fn token_done(&mut self, token: Option<&[u8]>, each: &mut impl FnMut(&Commit<'_>)) {
        let token = token.map(|t| t.strip_prefix(b"\n").unwrap_or(t));
        if let Some(header) = token.and_then(|t| t.strip_prefix(&[HEADER])) {
            self.finish(each);
            let text = String::from_utf8_lossy(header);
            let mut parts = text.splitn(3, '\t');
            let time = parts.next().and_then(|t| t.trim().parse().ok()).unwrap_or(0);
            let name = parts.next().unwrap_or("").to_string();
            let email = parts.next().unwrap_or("").to_string();
            self.header = Some((time, name, email));
            return;
        }
        if self.header.is_none() {
            return;
        }
        if !self.statuses {
            if let Some(path) = token.filter(|t| !t.is_empty()) {
                self.path(path);
            }
            return;
        }
        if self.expected == 0 {
            if let Some(&kind) = token.and_then(<[u8]>::first) {
                self.renaming = kind == b'R';
                self.expected = if matches!(kind, b'R' | b'C') { 2 } else { 1 };
            }
            return;
        }
        self.expected -= 1;
        match token {
            Some(path) => {
                self.path(path);
                if self.renaming {
                    self.moved.extend_from_slice(path);
                    self.moved_ends.push(self.moved.len());
                }
            }
            // A path too long to keep still counts as changed; its rename, if any, is dropped.
            None => {
                self.changed += 1;
                if self.renaming && self.moved_ends.len() % 2 == 1 {
                    self.moved_ends.pop();
                    self.moved.truncate(self.moved_ends.last().copied().unwrap_or(0));
                }
                self.renaming = false;
            }
        }
    }

    fn path(&mut self, path: &[u8]) {
        self.changed += 1;
        if self.ends.len() < self.keep {
            self.names.extend_from_slice(path);
            self.ends.push(self.names.len());
        }
    }

    /// Hand over the commit being read, if any.
    fn finish(&mut self, each: &mut impl FnMut(&Commit<'_>)) {
        if let Some((time, name, email)) = self.header.take() {
            each(&Commit {
                time,
                name: &name,
                email: &email,
                names: &self.names,
                ends: &self.ends,
                changed: self.changed,
                moved: &self.moved,
                moved_ends: &self.moved_ends,
            });
        }
        self.names.clear();
        self.ends.clear();
        self.changed = 0;
        self.expected = 0;
        self.renaming = false;
        self.moved.clear();
        self.moved_ends.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(chunks: &[&[u8]], keep: usize) -> Vec<(i64, String, Vec<String>, usize)> {
        let mut parser = Parser { keep, ..Parser::default() };
        let mut got = Vec::new();
        let mut each = |c: &Commit<'_>| {
            let files = c.files().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
            got.push((c.time, c.name.to_string(), files, c.changed));
        };
        for chunk in chunks {
            parser.feed(chunk, &mut each);
        }
        parser.finish(&mut each);
        got
    }

    #[test]
    fn commits_split_across_reads() {
        let whole: &[u8] = b"\x1e20\tB\tb@x\0\na\0d/b\0\x1e10\tA\ta@x\0\x1e5\tC\tc@x\0\nz\0";
        for cut in 0..whole.len() {
            let got = parse(&[&whole[..cut], &whole[cut..]], 10);
            assert_eq!(got.len(), 3, "cut at {cut}");
            assert_eq!(got[0], (20, "B".into(), vec!["a".into(), "d/b".into()], 2));
            assert_eq!(got[1], (10, "A".into(), vec![], 0));
            assert_eq!(got[2].2, vec!["z".to_string()]);
        }
    }

    #[test]
    fn paths_beyond_the_kept_ones_are_counted() {
        let got = parse(&[b"\x1e1\tA\ta@x\0\na\0b\0c\0"], 2);
        assert_eq!(got[0].2.len(), 2);
        assert_eq!(got[0].3, 3);
    }

    #[test]
    fn non_utf8_paths_pass_through() {
        let mut parser = Parser { keep: 5, ..Parser::default() };
        let mut seen = Vec::new();
        parser.feed(b"\x1e1\tA\ta@x\0\n\xffx/y\0", &mut |_| {});
        parser.finish(&mut |c: &Commit<'_>| seen.extend(c.files().map(<[u8]>::to_vec)));
        assert_eq!(seen, vec![b"\xffx/y".to_vec()]);
    }

    /// A commit as the tests see it: paths kept, paths changed, renames.
    type Seen = (Vec<String>, usize, Vec<(String, String)>);

    /// Paths and renames of each commit read with `--name-status`.
    fn statuses(chunks: &[&[u8]], keep: usize) -> Vec<Seen> {
        let mut parser = Parser { keep, statuses: true, ..Parser::default() };
        let mut got = Vec::new();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let mut each = |c: &Commit<'_>| {
            let renames = c.renames().map(|(a, b)| (text(a), text(b))).collect();
            got.push((c.files().map(text).collect(), c.changed, renames));
        };
        for chunk in chunks {
            parser.feed(chunk, &mut each);
        }
        parser.finish(&mut each);
        got
    }

    #[test]
    fn renames_split_across_reads() {
        let whole: &[u8] =
            b"\x1e20\tB\tb@x\0\nM\0a\0R090\0old/x\0new/x\0D\0gone\0\x1e10\tA\ta@x\0\x1e5\tC\tc@x\0\nA\0z\0";
        for cut in 0..whole.len() {
            let got = statuses(&[&whole[..cut], &whole[cut..]], 10);
            assert_eq!(got.len(), 3, "cut at {cut}");
            let files: Vec<String> = ["a", "old/x", "new/x", "gone"].map(String::from).to_vec();
            assert_eq!(got[0], (files, 4, vec![("old/x".into(), "new/x".into())]), "cut at {cut}");
            assert_eq!(got[1], (vec![], 0, vec![]));
            assert_eq!(got[2], (vec!["z".into()], 1, vec![]));
        }
    }

    #[test]
    fn renames_are_kept_beyond_the_kept_paths() {
        let got = statuses(&[b"\x1e1\tA\ta@x\0\nR100\0a\0b\0R100\0c\0d\0C080\0e\0f\0"], 1);
        assert_eq!(got[0].0, vec!["a".to_string()]);
        assert_eq!(got[0].1, 6, "a rename or a copy changes two paths");
        assert_eq!(got[0].2, vec![("a".into(), "b".into()), ("c".into(), "d".into())], "a copy moves nothing");
    }

    #[test]
    fn a_rename_with_a_path_too_long_is_counted_but_not_followed() {
        let long = vec![b'x'; MAX_TOKEN + 1];
        for (old, new) in [(&long[..], &b"b"[..]), (&b"a"[..], &long[..])] {
            let stream = [&b"\x1e1\tA\ta@x\0\nR100\0"[..], old, b"\0", new, b"\0R100\0c\0d\0M\0e\0"].concat();
            let got = statuses(&[&stream], 10);
            assert_eq!(got[0].1, 5);
            assert_eq!(got[0].2, vec![("c".into(), "d".into())]);
            assert_eq!(got[0].0.last().map(String::as_str), Some("e"), "the stream stays in step");
        }
    }
}
