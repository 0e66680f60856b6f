//! What `boundaries` reports: serialisable, sorted; its JSON and YAML are a contract.

use serde::Serialize;

use crate::scan::Inferred;

/// The whole result of `msadvise boundaries`: one entry per repository read.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BoundariesReport {
    pub schema_version: u32,
    /// The folder given on the command line.
    pub root: String,
    /// One per repository: the root's, or each nested one when the root is a folder of
    /// repositories. Coupling across repositories is not measured.
    pub repositories: Vec<RepositoryBoundaries>,
}

/// Modules, their coupling and groups, as one repository's history shows them.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct RepositoryBoundaries {
    /// The repository's folder relative to the root (`.` for the root itself).
    pub repository: String,
    /// Where the modules came from: `--module`, `build manifests and deployables`, or
    /// `top-level source folders`.
    pub modules_from: String,
    pub history: HistorySummary,
    /// Every module, most commits first.
    pub modules: Vec<ModuleStats>,
    /// Pairs of modules that change together, strongest first (only pairs meeting the minimums).
    pub couplings: Vec<Coupling>,
    pub clustering: Clustering,
    /// Answers to questionnaire questions the history supports (`boundary_changes`, `ownership`).
    pub inferred: Vec<Inferred>,
    /// Things to know when reading the figures (shallow clone, little history, ...).
    pub notes: Vec<String>,
}

/// How much history was read, and what was left out.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct HistorySummary {
    /// Start of the window (`YYYY-MM-DD`), or null for all history.
    pub since: Option<String>,
    /// Dates of the oldest and newest commit read.
    pub first_commit: Option<String>,
    pub last_commit: Option<String>,
    /// Months between the oldest and newest commit read.
    pub months: f64,
    /// True when the repository is a shallow clone: older history was not available.
    pub shallow: bool,
    /// Non-merge commits in the window.
    pub commits_read: u64,
    /// Commits by bots (Renovate, Dependabot, `github-actions[bot]`, ...), left out.
    pub bot_commits: u64,
    /// Commits changing more than `bulk_limit` files (formatting, renames, bumps), left out.
    pub bulk_commits: u64,
    pub bulk_limit: usize,
    /// The minimums a coupling must meet to be reported: commits of each module, shared
    /// commits, and degree.
    pub min_module_commits: u32,
    pub min_shared_commits: u32,
    pub min_degree: f64,
    /// Commits that changed only files outside every module (docs, CI, lock files), left out.
    pub outside_only_commits: u64,
    /// Commits that changed at least one module: the base of every measure.
    pub commits_used: u64,
    /// Commits (among those used) that changed two or more modules.
    pub cross_module_commits: u64,
    /// cross_module_commits / commits_used, or null without commits.
    pub cross_module_ratio: Option<f64>,
    /// Distinct people among the authors of the commits used (bots out, identities merged).
    pub people: u64,
    /// File changes outside every module, and the top-level folders or files they were in.
    pub outside_changes: u64,
    pub outside_examples: Vec<String>,
    /// True when renames were followed (the default; `--no-renames` turns it off): a file's
    /// changes from before it moved count where it is now.
    pub follows_renames: bool,
    /// Paths that files were renamed or moved from, in the window.
    pub renamed_paths: u64,
    /// File changes (bots and bulk edits left out) counted where their file is now, not where
    /// it was when they were made.
    pub moved_changes: u64,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ModuleStats {
    pub name: String,
    /// What the module covers: folders (`dir/`) or the globs given.
    pub paths: Vec<String>,
    /// Commits used that changed the module.
    pub commits: u64,
    /// Distinct people among their authors.
    pub authors: u64,
    /// The most frequent author, and the share of the module's commits they made (code-maat's
    /// main developer by revisions); null without commits.
    pub main_author: Option<String>,
    pub ownership: Option<f64>,
    /// File changes in the module (each file changed by each commit counts once).
    pub churn: u64,
    /// False when it has fewer than `min_module_commits` commits: no coupling is reported for it.
    pub enough_history: bool,
}

/// Two modules that change together.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Coupling {
    pub a: String,
    pub b: String,
    pub shared_commits: u64,
    /// shared_commits / mean of the two modules' commits (code-maat's logical coupling degree).
    pub degree: f64,
}

/// Groups of modules that change together, and the seams between them.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct Clustering {
    /// How the groups were found.
    pub method: String,
    /// Newman's modularity of the groups over the coupling graph (-0.5..1; above about 0.3 the
    /// groups are clearly more connected inside than between); null without couplings.
    pub modularity: Option<f64>,
    pub groups: Vec<Group>,
    /// Pairs of groups with co-changes between them, most first: where the groups touch.
    pub seams: Vec<Seam>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Group {
    /// `G1`, `G2`, ... largest first.
    pub id: String,
    pub modules: Vec<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Seam {
    pub a: String,
    pub b: String,
    /// Shared commits summed over the pairs of modules across the two groups.
    pub shared_commits: u64,
    /// The strongest pair across the seam, as `module-a ~ module-b`, and its degree.
    pub strongest: String,
    pub degree: f64,
}

/// What `scan` reports of a repository's history: enough to judge its two inferred answers.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BoundariesSummary {
    pub repository: String,
    pub modules_from: String,
    pub modules: u64,
    pub commits_used: u64,
    pub cross_module_ratio: Option<f64>,
    pub months: f64,
    pub shallow: bool,
    pub groups: Vec<Group>,
    /// The three strongest couplings; `msadvise boundaries` shows them all.
    pub strongest_couplings: Vec<Coupling>,
}

impl RepositoryBoundaries {
    pub fn summary(&self) -> BoundariesSummary {
        BoundariesSummary {
            repository: self.repository.clone(),
            modules_from: self.modules_from.clone(),
            modules: self.modules.len() as u64,
            commits_used: self.history.commits_used,
            cross_module_ratio: self.history.cross_module_ratio,
            months: self.history.months,
            shallow: self.history.shallow,
            groups: self.clustering.groups.clone(),
            strongest_couplings: self.couplings.iter().take(3).cloned().collect(),
        }
    }
}

impl BoundariesSummary {
    /// One line for a person answering the questionnaire: what the history was read as.
    pub fn line(&self) -> String {
        let ratio = self.cross_module_ratio.map_or(String::new(), |r| format!(", {:.0}% cross-module", r * 100.0));
        let groups: Vec<String> =
            self.groups.iter().map(|g| format!("{} {{{}}}", g.id, g.modules.join(", "))).collect();
        let shallow = if self.shallow { ", shallow clone" } else { "" };
        format!(
            "{}: {} modules from {}, {} commits over {:.0} months{ratio}{shallow}; groups that change together: {}",
            self.repository,
            self.modules,
            self.modules_from,
            self.commits_used,
            self.months,
            if groups.is_empty() { "none".to_string() } else { groups.join(" ") }
        )
    }
}
