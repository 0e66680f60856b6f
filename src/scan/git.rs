//! Commit authors from `git log`: the only program a scan runs. It reads history, never the work
//! tree's code, and options that could run a configured command (signature checks, fsmonitor,
//! pagers) are switched off.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use super::report::Authors;

const DAY: u64 = 24 * 60 * 60;
/// At most this many nested repositories are read when the root is a folder of repositories.
pub const MAX_REPOSITORIES: usize = 50;

/// Why there are no author counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    NotARepository,
    NoGit,
    Failed(String),
}

/// Authors of commits in one repository: (committer time, author e-mail) over the last 12 months.
#[derive(Debug, Default)]
pub struct History {
    pub commits: Vec<(u64, String)>,
}

/// Whether `dir` lies inside a git work tree.
pub fn in_repository(dir: &Path) -> Result<bool, Missing> {
    let out = git(dir).args(["rev-parse", "--is-inside-work-tree"]).output().map_err(|_| Missing::NoGit)?;
    Ok(out.status.success() && String::from_utf8_lossy(&out.stdout).trim() == "true")
}

/// The last 12 months of history of the part of the repository under `dir`.
pub fn history(dir: &Path) -> Result<History, Missing> {
    let out = git(dir)
        .args(["log", "--no-show-signature", "--since=12.months.ago", "--format=%ct%x09%aE", "--", "."])
        .output()
        .map_err(|_| Missing::NoGit)?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().next().unwrap_or("").trim_start_matches("fatal: ").to_string();
        return Err(Missing::Failed(first));
    }
    let commits = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(t, e)| Some((t.parse().ok()?, e.trim().to_ascii_lowercase())))
        .collect();
    Ok(History { commits })
}

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(dir)
        .args(["-c", "core.fsmonitor=false", "-c", "log.showSignature=false", "--no-pager"])
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null());
    cmd
}

/// Distinct authors over 90 days and 12 months, across the histories read.
pub fn count(histories: &[(String, History)]) -> Authors {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let authors = |days: u64| {
        let since = now.saturating_sub(days * DAY);
        let set: BTreeSet<&str> = histories
            .iter()
            .flat_map(|(_, h)| &h.commits)
            .filter(|(t, _)| *t >= since)
            .map(|(_, e)| e.as_str())
            .collect();
        set.len() as u64
    };
    Authors {
        available: true,
        last_90_days: Some(authors(90)),
        last_12_months: Some(authors(365)),
        repositories: histories.iter().map(|(r, _)| r.clone()).collect(),
    }
}

impl Missing {
    pub fn explain(&self, root: &str) -> String {
        match self {
            Missing::NotARepository => {
                format!("no git history: {root} is not in a git repository, so commit authors are not counted")
            }
            Missing::NoGit => {
                "no git history read: the `git` program was not found, so commit authors are not counted".to_string()
            }
            Missing::Failed(why) => format!("no git history read ({why}), so commit authors are not counted"),
        }
    }
}
