//! The measures, accumulated one commit at a time: memory grows with modules, people and
//! folders, never with commits.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::modules::ModuleMap;
use super::moves::Moves;
use super::report::{Coupling, HistorySummary, ModuleStats};
use crate::history::log::Commit;
use crate::history::people::{self, People};

/// Top-level names kept as examples of changes outside modules.
const MAX_OUTSIDE_NAMES: usize = 1000;

/// A coupling as a graph edge: module indices, shared commits, degree.
pub(crate) type Edge = (usize, usize, u64, f64);

/// Everything measured, once every commit is in.
#[derive(Debug)]
pub(crate) struct Measured {
    pub history: HistorySummary,
    pub modules: Vec<ModuleStats>,
    pub couplings: Vec<Coupling>,
    pub edges: Vec<Edge>,
}

/// Minimums and limits the measures use.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Settings {
    pub bulk_limit: usize,
    pub min_module_commits: u32,
    pub min_shared_commits: u32,
    pub min_degree: f64,
}

#[derive(Debug, Default)]
struct ModuleTally {
    commits: u32,
    churn: u64,
    authors: HashMap<usize, u32>,
}

#[derive(Debug, Default)]
pub(crate) struct Tally {
    modules: Vec<ModuleTally>,
    pairs: HashMap<(u32, u32), u32>,
    people: People,
    authors: HashSet<usize>,
    pub summary: HistorySummary,
    first: Option<i64>,
    last: Option<i64>,
    outside: BTreeMap<String, u64>,
    touched: Vec<u32>,
}

impl Tally {
    pub(crate) fn new(modules: usize, settings: Settings) -> Self {
        let mut t = Tally { modules: (0..modules).map(|_| ModuleTally::default()).collect(), ..Tally::default() };
        t.summary.bulk_limit = settings.bulk_limit;
        t.summary.min_module_commits = settings.min_module_commits;
        t.summary.min_shared_commits = settings.min_shared_commits;
        t.summary.min_degree = settings.min_degree;
        t
    }

    /// Count one commit, each path where its file is now (`moves`).
    pub(crate) fn add(&mut self, c: &Commit<'_>, map: &mut ModuleMap, moves: &mut Moves) {
        let s = &mut self.summary;
        s.commits_read += 1;
        self.first = Some(self.first.map_or(c.time, |f| f.min(c.time)));
        self.last = Some(self.last.map_or(c.time, |l| l.max(c.time)));
        if people::is_bot(c.name, c.email) {
            s.bot_commits += 1;
            return;
        }
        if c.changed > s.bulk_limit {
            s.bulk_commits += 1;
            return;
        }
        self.touched.clear();
        let mut churn: Vec<(u32, u64)> = Vec::new();
        for path in c.files() {
            let path = moves.current(path);
            match map.module_of(path) {
                Some(m) => {
                    let m = m as u32;
                    match churn.iter_mut().find(|(x, _)| *x == m) {
                        Some(entry) => entry.1 += 1,
                        None => churn.push((m, 1)),
                    }
                }
                None => {
                    s.outside_changes += 1;
                    let top = path.split(|&b| b == b'/').next().unwrap_or(path);
                    let top = String::from_utf8_lossy(top).into_owned();
                    if self.outside.len() < MAX_OUTSIDE_NAMES || self.outside.contains_key(&top) {
                        *self.outside.entry(top).or_default() += 1;
                    }
                }
            }
        }
        if churn.is_empty() {
            s.outside_only_commits += 1;
            return;
        }
        s.commits_used += 1;
        let person = self.people.id(c.name, c.email);
        self.authors.insert(person);
        churn.sort_unstable();
        for &(m, files) in &churn {
            let t = &mut self.modules[m as usize];
            t.commits += 1;
            t.churn += files;
            *t.authors.entry(person).or_default() += 1;
        }
        if churn.len() > 1 {
            s.cross_module_commits += 1;
            for (i, &(a, _)) in churn.iter().enumerate() {
                for &(b, _) in &churn[i + 1..] {
                    *self.pairs.entry((a, b)).or_default() += 1;
                }
            }
        }
    }

    /// The summary, per-module figures and couplings, once every commit is in.
    pub(crate) fn finish(&mut self, map: &ModuleMap, settings: Settings) -> Measured {
        let s = &mut self.summary;
        s.first_commit = self.first.map(super::window::date);
        s.last_commit = self.last.map(super::window::date);
        s.months = round(self.first.zip(self.last).map_or(0.0, |(f, l)| super::window::months(f, l)), 1);
        s.cross_module_ratio =
            (s.commits_used > 0).then(|| round(s.cross_module_commits as f64 / s.commits_used as f64, 3));
        s.people = self.people.count(self.authors.iter().copied()) as u64;
        let mut outside: Vec<(&String, &u64)> = self.outside.iter().collect();
        outside.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        s.outside_examples = outside.into_iter().take(10).map(|(n, c)| format!("{n} ({c})")).collect();
        let modules = self.module_stats(map, settings);
        let (couplings, edges) = self.couplings(map, settings);
        Measured { history: std::mem::take(&mut self.summary), modules, couplings, edges }
    }

    fn module_stats(&self, map: &ModuleMap, settings: Settings) -> Vec<ModuleStats> {
        let mut out: Vec<ModuleStats> = self
            .modules
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut by_person: BTreeMap<usize, u32> = BTreeMap::new();
                for (&id, &n) in &t.authors {
                    *by_person.entry(self.people.person(id)).or_default() += n;
                }
                // The most commits, then the earliest-seen person, so ties read the same every run.
                let main = by_person.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)));
                ModuleStats {
                    name: map.names[i].clone(),
                    paths: map.patterns[i].clone(),
                    commits: u64::from(t.commits),
                    authors: by_person.len() as u64,
                    main_author: main.map(|(&id, _)| crate::sanitize::clean(self.people.name(id)).into_owned()),
                    ownership: main.map(|(_, &n)| round(f64::from(n) / f64::from(t.commits), 3)),
                    churn: t.churn,
                    enough_history: t.commits >= settings.min_module_commits,
                }
            })
            .collect();
        out.sort_by(|a, b| b.commits.cmp(&a.commits).then_with(|| a.name.cmp(&b.name)));
        out
    }

    /// Couplings meeting the minimums, and the same as graph edges (module indices).
    fn couplings(&self, map: &ModuleMap, s: Settings) -> (Vec<Coupling>, Vec<Edge>) {
        let mut edges: Vec<Edge> = self
            .pairs
            .iter()
            .filter_map(|(&(a, b), &shared)| {
                let (ca, cb) = (self.modules[a as usize].commits, self.modules[b as usize].commits);
                let enough = ca >= s.min_module_commits && cb >= s.min_module_commits && shared >= s.min_shared_commits;
                let degree = f64::from(shared) / ((f64::from(ca) + f64::from(cb)) / 2.0);
                (enough && degree >= s.min_degree).then_some((a as usize, b as usize, u64::from(shared), degree))
            })
            .collect();
        edges.sort_by(|x, y| y.3.total_cmp(&x.3).then_with(|| y.2.cmp(&x.2)).then_with(|| (x.0, x.1).cmp(&(y.0, y.1))));
        let couplings = edges
            .iter()
            .map(|&(a, b, shared, degree)| {
                let (a, b) = if map.names[a] <= map.names[b] { (a, b) } else { (b, a) };
                (a, b, shared, degree)
            })
            .map(|(a, b, shared, degree)| Coupling {
                a: map.names[a].clone(),
                b: map.names[b].clone(),
                shared_commits: shared,
                degree: round(degree, 3),
            })
            .collect();
        (couplings, edges)
    }

    /// Shared commits of every pair, for the seams between groups.
    pub(crate) fn pair_counts(&self) -> &HashMap<(u32, u32), u32> {
        &self.pairs
    }

    pub(crate) fn module_commits(&self, m: usize) -> u32 {
        self.modules[m].commits
    }
}

pub(crate) fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}
