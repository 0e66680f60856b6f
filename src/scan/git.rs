//! Commit authors from `git log`: the only program a scan runs. It reads history, never the work
//! tree's code, through the guarded runner in `history::git`; bots are left out and one person's
//! addresses count once (`history::people`).

use std::collections::HashMap;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use super::report::Authors;
use crate::history::git::{self, GitError, Limits};
use crate::history::log::{self, Query};
use crate::history::people::{self, People};

const DAY: i64 = 24 * 60 * 60;
/// At most this many nested repositories are read when the root is a folder of repositories.
pub const MAX_REPOSITORIES: usize = 50;

/// Why there are no author counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    NotARepository,
    NoGit,
    Failed(String),
}

impl From<GitError> for Missing {
    fn from(e: GitError) -> Self {
        match e {
            GitError::NoGit => Missing::NoGit,
            other => Missing::Failed(other.to_string()),
        }
    }
}

/// The authors of one repository's last 12 months: each identity (name, address) with the time of
/// its latest commit, and how many commits bots made.
#[derive(Debug, Default)]
pub struct History {
    pub latest: HashMap<(String, String), i64>,
    pub bot_commits: u64,
}

/// Whether `dir` lies inside a git work tree.
pub fn in_repository(dir: &Path) -> Result<bool, Missing> {
    Ok(git::in_repository(dir)?)
}

/// The last 12 months of history of the part of the repository under `dir`.
pub fn history(dir: &Path) -> Result<History, Missing> {
    let query = Query { since: Some(now() - 365 * DAY), files: None, limits: Limits::LOG };
    let mut history = History::default();
    let read = log::each_commit(dir, &query, |c| {
        if people::is_bot(c.name, c.email) {
            history.bot_commits += 1;
        } else {
            let latest = history.latest.entry((c.name.to_string(), c.email.to_string())).or_insert(c.time);
            *latest = (*latest).max(c.time);
        }
    });
    match read {
        Ok(()) => {}
        // An empty repository has no history yet, which is not a failure.
        Err(GitError::Failed(why)) if why.contains("does not have any commits") => {}
        Err(e) => return Err(e.into()),
    }
    Ok(history)
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Distinct people (bots left out, identities merged) over 90 days and 12 months, across the
/// histories read.
pub fn count(histories: &[(String, History)]) -> Authors {
    let now = now();
    let mut people = People::default();
    let seen: Vec<(usize, i64)> = histories
        .iter()
        .flat_map(|(_, h)| &h.latest)
        .map(|((name, email), time)| (people.id(name, email), *time))
        .collect();
    let authors = |days: i64| {
        let since = now - days * DAY;
        people.count(seen.iter().filter(|(_, t)| *t >= since).map(|(id, _)| *id)) as u64
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
