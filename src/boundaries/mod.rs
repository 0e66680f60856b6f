//! `msadvise boundaries`: modules, how they change together and who changes them, from git
//! history; groups of modules that change together, and answers for `assess`.

mod cluster;
mod groups;
mod infer;
mod measures;
mod modules;
mod moves;
pub mod report;
mod shared;
pub(crate) mod thresholds;
mod window;

use std::path::Path;

use crate::error::{Error, Result};
use crate::history::git::{self, GitError, Limits};
use crate::history::log::{self, Query};
use measures::{Settings, Tally};
use modules::{ModuleMap, Source};
use moves::Moves;
pub use report::{BoundariesReport, RepositoryBoundaries};
use report::{Clustering, HistorySummary};
pub(crate) use shared::Rider;
pub(crate) use shared::for_scan;
pub use thresholds::Thresholds;

/// At most this many nested repositories are read when the root is a folder of repositories.
const MAX_REPOSITORIES: usize = 50;

/// How to read history; `None` takes the default from the thresholds in use
/// (`knowledge/assessment/history.yaml`, or a pack's).
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// `--module NAME=GLOB` values, unparsed.
    pub modules: Vec<String>,
    pub since: Option<String>,
    pub bulk_limit: Option<usize>,
    pub min_commits: Option<u32>,
    /// Depth of top-level source folders taken as modules when nothing else names them.
    pub depth: usize,
    /// Read history as `git log --no-renames`: changes from before a file moved stay at its
    /// old path.
    pub no_renames: bool,
}

/// Folders of build units and deployables (name, folder) and nested repositories, relative to
/// the root: what a scan's walk finds, handed in so that `scan` does not walk twice.
#[derive(Debug, Default, Clone)]
pub struct Layout {
    pub units: Vec<(String, String)>,
    pub repositories: Vec<String>,
}

/// Read the history of `root` (a repository, a folder inside one, or a folder of repositories).
pub fn analyse(root: &Path, label: &str, options: &Options, t: &Thresholds) -> Result<BoundariesReport> {
    check_root(root, label)?;
    let given: Vec<(String, String)> =
        options.modules.iter().map(|m| modules::parse_option(m)).collect::<Result<_>>()?;
    window::since(options.since.as_deref(), t.defaults.window_months, 0)?; // a bad --since is a usage error
    let in_repo = git::in_repository(root).map_err(|e| Error::Usage(format!("{label}: {e}")))?;
    // A bare repository (a mirror) has history but no files to find modules in.
    let in_repo = in_repo || (is_bare(root) && bare_with_modules(label, &given)?);
    let layout = if given.is_empty() || !in_repo { crate::scan::layout(root) } else { Layout::default() };
    let targets: Vec<String> = if in_repo {
        vec![".".to_string()]
    } else if layout.repositories.is_empty() {
        return Err(Error::Usage(format!(
            "{label} is not in a git repository and holds none: `boundaries` reads git history \
             (clone the repository, or give the folder that holds its `.git`)"
        )));
    } else {
        layout.repositories.iter().take(MAX_REPOSITORIES).cloned().collect()
    };
    let mut repositories = Vec::new();
    for target in &targets {
        let map = module_map(root, target, &given, &layout, options.depth)?;
        let repo = repository(&root.join(target), target, map, options, t, None);
        match repo {
            Ok(r) => repositories.push(r),
            Err(e) if targets.len() > 1 => repositories.push(failed(target, &e)),
            Err(e) => return Err(Error::Usage(format!("{label}: cannot read its history: {e}"))),
        }
    }
    if targets.len() > 1 {
        let note = "a folder of repositories: each has its own graph; coupling across repositories is not measured";
        repositories.iter_mut().for_each(|r| r.notes.push(note.to_string()));
    }
    Ok(BoundariesReport { schema_version: crate::output::SCHEMA_VERSION, root: label.to_string(), repositories })
}

fn check_root(root: &Path, label: &str) -> Result<()> {
    match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(Error::Usage(format!("{label} is not a directory; give the folder of a git repository"))),
        Err(_) => Err(Error::Usage(format!("{label}: no such directory; give the folder of a git repository"))),
    }
}

/// The committer time of `HEAD`, if it has one.
fn newest(dir: &Path) -> Option<i64> {
    let mut cmd = git::command(dir);
    cmd.args(["log", "-1", "--format=%ct"]);
    let out = git::output(cmd, Limits::QUICK).ok()?;
    String::from_utf8_lossy(&out).trim().parse().ok()
}

fn is_bare(dir: &Path) -> bool {
    let head = dir.join("HEAD");
    if !std::fs::metadata(&head).is_ok_and(|m| m.is_file()) || !dir.join("objects").is_dir() {
        return false;
    }
    let mut cmd = git::command(dir);
    cmd.args(["rev-parse", "--is-bare-repository"]);
    git::output(cmd, Limits::QUICK).is_ok_and(|out| String::from_utf8_lossy(&out).trim() == "true")
}

fn bare_with_modules(label: &str, given: &[(String, String)]) -> Result<bool> {
    if given.is_empty() {
        return Err(Error::Usage(format!(
            "{label} is a bare repository: it has history but no files to find modules in; \
             name them with --module NAME=GLOB, or read a clone"
        )));
    }
    Ok(true)
}

fn shallow(dir: &Path) -> bool {
    let mut cmd = git::command(dir);
    cmd.args(["rev-parse", "--is-shallow-repository"]);
    git::output(cmd, Limits::QUICK).is_ok_and(|out| String::from_utf8_lossy(&out).trim() == "true")
}

/// The modules of one repository (`target`, relative to the root).
fn module_map(
    root: &Path,
    target: &str,
    given: &[(String, String)],
    layout: &Layout,
    depth: usize,
) -> Result<ModuleMap> {
    if !given.is_empty() {
        return ModuleMap::from_options(given);
    }
    Ok(found_modules(root, target, layout, depth))
}

/// The modules of one repository found from its build units and deployables, or else its
/// top-level source folders.
fn found_modules(root: &Path, target: &str, layout: &Layout, depth: usize) -> ModuleMap {
    let units: Vec<(String, String)> = if target == "." {
        layout.units.clone()
    } else {
        let prefix = format!("{target}/");
        layout.units.iter().filter_map(|(n, d)| Some((n.clone(), d.strip_prefix(&prefix)?.to_string()))).collect()
    };
    let units: Vec<(String, String)> = units.into_iter().filter(|(_, d)| !d.is_empty() && d != ".").collect();
    if units.len() >= 2 {
        return ModuleMap::from_dirs(Source::Manifests, &units);
    }
    ModuleMap::from_dirs(Source::Folders, &modules::folders(&root.join(target), depth))
}

/// The limits the measures use: the options given, else the thresholds' defaults.
fn settings(options: &Options, t: &Thresholds) -> Settings {
    let d = &t.defaults;
    Settings {
        bulk_limit: options.bulk_limit.unwrap_or(d.bulk_limit).max(2),
        min_module_commits: options.min_commits.unwrap_or(d.min_module_commits).max(1),
        min_shared_commits: options.min_commits.unwrap_or(d.min_shared_commits).max(1),
        min_degree: d.min_degree,
    }
}

/// The history of one repository; `rider`, if any, sees every commit of the same pass over
/// `git log`, read back as far as either needs.
fn repository(
    dir: &Path,
    target: &str,
    mut map: ModuleMap,
    options: &Options,
    t: &Thresholds,
    mut rider: Option<&mut dyn Rider>,
) -> std::result::Result<RepositoryBoundaries, GitError> {
    let d = &t.defaults;
    let settings = settings(options, t);
    // Windows end at the newest commit, so a repository that has gone quiet is still read.
    let since = window::since(options.since.as_deref(), d.window_months, newest(dir).unwrap_or_else(window::now))
        .map_err(|e| GitError::Failed(e.to_string()));
    let since = match since {
        Ok(since) => since,
        Err(e) => {
            rider.iter_mut().for_each(|r| r.done(target, Some(&e)));
            return Err(e);
        }
    };
    let mut tally = Tally::new(map.names.len(), settings);
    let wider = rider.as_ref().map_or(since, |r| shared::wider(since, r.since()));
    let follow = !options.no_renames;
    let query = Query { since: wider, files: Some(settings.bulk_limit), renames: follow, limits: Limits::LOG };
    let mut moves = Moves::default();
    let read = log::each_commit(dir, &query, |c| {
        if let Some(r) = rider.as_mut() {
            r.commit(c);
        }
        if since.is_none_or(|s| c.time >= s) {
            tally.add(c, &mut map, &mut moves);
            moves.learn(c);
        }
    });
    rider.iter_mut().for_each(|r| r.done(target, read.as_ref().err()));
    let mut empty = false;
    match read {
        Ok(()) => {}
        Err(GitError::Failed(why)) if why.contains("does not have any commits") => empty = true,
        Err(e) => return Err(e),
    }
    let measured = tally.finish(&map, settings);
    let (mut history, modules, couplings, edges) =
        (measured.history, measured.modules, measured.couplings, measured.edges);
    history.since = since.map(window::date);
    history.shallow = shallow(dir);
    (history.follows_renames, history.renamed_paths, history.moved_changes) =
        (follow, moves.len() as u64, moves.followed);
    let clustering = groups::clustering(&map, &tally, &modules, &edges);
    let mut repo = RepositoryBoundaries {
        repository: target.to_string(),
        modules_from: map.source.label().to_string(),
        history,
        modules,
        couplings,
        clustering,
        inferred: Vec::new(),
        notes: Vec::new(),
    };
    repo.inferred = infer::answers(std::slice::from_ref(&repo), t);
    repo.notes = notes(&repo, empty, t);
    Ok(repo)
}

fn notes(r: &RepositoryBoundaries, empty: bool, t: &Thresholds) -> Vec<String> {
    let h: &HistorySummary = &r.history;
    let mut notes = Vec::new();
    if empty {
        notes.push("the repository has no commits yet".to_string());
    } else if h.commits_read == 0 {
        notes.push(match &h.since {
            Some(since) => format!("no commits since {since}: widen the window with --since (e.g. --since all)"),
            None => "no commits touch this folder".to_string(),
        });
    }
    if h.commits_read > 0 && h.commits_used == 0 {
        notes.push(format!(
            "none of the {} commits read changed a module (bots, bulk edits and files outside modules are left out)",
            h.commits_read
        ));
    }
    let inside: u64 = r.modules.iter().map(|m| m.churn).sum();
    if h.outside_changes > inside && r.modules_from != modules::Source::Option.label() {
        notes.push(format!(
            "more file changes fell outside every module ({}) than inside ({inside}): the modules found from {} \
             may miss some; check the folders listed as outside, or name modules with --module NAME=GLOB",
            h.outside_changes, r.modules_from
        ));
    }
    if h.shallow {
        notes.push(format!(
            "a shallow clone: only {} commits back to {} were available; fetch the full history \
             (`git fetch --unshallow`) for figures that mean something",
            h.commits_read,
            h.first_commit.as_deref().unwrap_or("?")
        ));
    }
    if r.modules.len() < 2 {
        notes.push(format!(
            "{} module(s) found from {}: nothing to couple; name modules with --module NAME=GLOB",
            r.modules.len(),
            r.modules_from
        ));
    }
    if r.inferred.is_empty() && h.commits_used > 0 {
        let least = t.confidence.last().map_or(0, |b| b.min_commits);
        notes.push(format!(
            "too little history to answer questions: {} commits used, at least {least} needed",
            h.commits_used
        ));
    }
    notes
}

fn failed(target: &str, e: &GitError) -> RepositoryBoundaries {
    RepositoryBoundaries {
        repository: target.to_string(),
        modules_from: String::new(),
        history: HistorySummary::default(),
        modules: Vec::new(),
        couplings: Vec::new(),
        clustering: Clustering::default(),
        inferred: Vec::new(),
        notes: vec![format!("history not read: {e}")],
    }
}
