//! Commit authors from `git log` (history, never the work tree's code), read in the pass the
//! history summary makes (`boundaries::Rider`) through the guarded runner in `history::git`; bots
//! are left out and one person's addresses count once (`history::people`).

use std::collections::HashMap;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use super::notes::{NoteKind, NoteLog};
use super::report::Authors;
use crate::boundaries::Rider;
use crate::history::git::{self, GitError};
use crate::history::log::Commit;
use crate::history::people::{self, People};

const DAY: i64 = 24 * 60 * 60;

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

/// Where the scanned folder stands with git.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Inside a work tree.
    Inside,
    /// Not inside one: with git's reason when git found no repository it could read.
    Outside(Option<String>),
}

/// Whether `dir` lies inside a git work tree.
pub fn standing(dir: &Path) -> Result<Standing, Missing> {
    match git::inside_work_tree(dir) {
        Ok(true) => Ok(Standing::Inside),
        Ok(false) => Ok(Standing::Outside(None)),
        Err(GitError::Failed(why)) => Ok(Standing::Outside(Some(why))),
        Err(e) => Err(e.into()),
    }
}

/// The authors of each repository read: every commit of the last 12 months, taken from the pass
/// over `git log` that reads the history summary (`boundaries::Rider`), so history is walked once.
#[derive(Debug)]
pub struct Reader {
    since: i64,
    current: History,
    histories: Vec<(String, History)>,
    failures: Vec<(String, Missing)>,
}

impl Reader {
    pub fn new() -> Self {
        Reader { since: now() - 365 * DAY, current: History::default(), histories: Vec::new(), failures: Vec::new() }
    }

    /// The authors counted over the repositories read; each one that could not be read is noted.
    pub fn authors(self, log: &mut NoteLog) -> Authors {
        for (target, why) in &self.failures {
            log.say(NoteKind::Git, why.explain(target));
        }
        if self.histories.is_empty() { Authors::default() } else { count(&self.histories) }
    }
}

impl Rider for Reader {
    fn since(&self) -> Option<i64> {
        Some(self.since)
    }

    fn commit(&mut self, c: &Commit<'_>) {
        if c.time < self.since {
            return;
        }
        if people::is_bot(c.name, c.email) {
            self.current.bot_commits += 1;
        } else {
            let latest = self.current.latest.entry((c.name.to_string(), c.email.to_string())).or_insert(c.time);
            *latest = (*latest).max(c.time);
        }
    }

    fn done(&mut self, target: &str, error: Option<&GitError>) {
        let history = std::mem::take(&mut self.current);
        match error {
            // An empty repository has no history yet, which is not a failure.
            Some(GitError::Failed(why)) if why.contains("does not have any commits") => {}
            Some(e) => return self.failures.push((target.to_string(), e.clone().into())),
            None => {}
        }
        self.histories.push((target.to_string(), history));
    }
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
