//! What msadvise reads from `git log -z --no-merges --no-renames --name-only`, read with gitoxide.
//!
//! Measurement only, not part of msadvise.
//! Usage: `gix-log REPO [--since SECONDS] [--no-files] [--gix-caches]`.
//! Prints the same bytes per commit as `git log -z --no-merges --no-renames --name-only
//! --format=%x1e%ct%x09%aN%x09%aE` (header and NUL, then a newline and each changed path and a
//! NUL if there are any), so
//! the two outputs compare once split into (commit header, path) records and sorted: the order
//! of commits with equal times and of paths inside a commit differs (git walks trees depth
//! first, gix breadth first).

use std::io::{BufWriter, Write};

use gix::bstr::ByteSlice;
use gix::diff::tree::{recorder::Change, Recorder};
use gix::objs::{FindExt, TreeRefIter};
use gix::revision::walk::Sorting;
use gix::traverse::commit::simple::CommitTimeOrder;

type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() -> Result<(), Error> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: gix-log REPO [--since SECONDS] [--no-files] [--gix-caches]")?;
    let mut since = None;
    let mut files = true;
    let mut git_caches = true;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--since" => since = Some(args.next().ok_or("--since needs SECONDS")?.parse::<i64>()?),
            "--no-files" => files = false,
            "--gix-caches" => git_caches = false,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    // git keeps 96 MiB of delta bases (core.deltaBaseCacheLimit); gix's default is a small
    // fixed-size cache, slower on long delta chains of trees. `--gix-caches` keeps gix's own.
    let mut options = gix::open::Options::default();
    if git_caches {
        options = options.config_overrides(["core.deltaBaseCacheLimit=96m"]);
    }
    let repo = gix::open_opts(dir, options)?;
    let mailmap = repo.open_mailmap();
    let head = repo.head_id()?;
    let order = CommitTimeOrder::NewestFirst;
    let sorting = match since {
        Some(seconds) => Sorting::ByCommitTimeCutoff { order, seconds },
        None => Sorting::ByCommitTime(order),
    };

    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut state = gix::diff::tree::State::default();
    let (mut old_buf, mut new_buf, mut parent_buf) = (Vec::new(), Vec::new(), Vec::new());
    for info in repo.rev_walk([head.detach()]).sorting(sorting).all()? {
        let info = info?;
        if info.parent_ids.len() > 1 {
            continue;
        }
        let commit = info.object()?;
        let time = commit.committer()?.time()?.seconds;
        let author = mailmap.resolve(commit.author()?);
        out.write_all(b"\x1e")?;
        write!(out, "{time}\t")?;
        out.write_all(author.name.as_bytes())?;
        out.write_all(b"\t")?;
        out.write_all(author.email.as_bytes())?;
        out.write_all(b"\0")?;
        if !files {
            continue;
        }
        let new_tree = repo.objects.find_tree_iter(&commit.tree_id()?, &mut new_buf)?;
        let old_tree = match info.parent_ids.first() {
            Some(parent) => {
                let tree = repo.objects.find_commit_iter(parent, &mut parent_buf)?.tree_id()?;
                repo.objects.find_tree_iter(&tree, &mut old_buf)?
            }
            None => TreeRefIter::from_bytes(&[], repo.object_hash()),
        };
        // A fresh recorder per commit: its current path is not reset between diffs.
        let mut recorder = Recorder::default();
        gix::diff::tree(old_tree, new_tree, &mut state, &repo.objects, &mut recorder)?;
        let mut first = true;
        for change in &recorder.records {
            // Trees are listed as changes too; git lists only what is inside them.
            let (path, mode) = match change {
                Change::Addition { path, entry_mode, .. }
                | Change::Deletion { path, entry_mode, .. }
                | Change::Modification { path, entry_mode, .. } => (path, entry_mode),
            };
            if !mode.is_tree() {
                // git starts the path list with a newline, and leaves it out when there is none.
                if std::mem::take(&mut first) {
                    out.write_all(b"\n")?;
                }
                out.write_all(path)?;
                out.write_all(b"\0")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
