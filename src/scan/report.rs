//! What a scan reports: serialisable, sorted, with evidence paths relative to the scanned root.

use serde::Serialize;

/// The whole result of `msadvise scan`; its JSON and YAML forms are a contract (`schema_version`).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ScanReport {
    pub schema_version: u32,
    /// The scanned directory, as given on the command line.
    pub root: String,
    /// Findings grouped by questionnaire dimension (`delivery`, `operations`, `data`, ...).
    pub dimensions: Vec<DimensionFindings>,
    /// Answers the evidence supports; every other question stays unanswered.
    pub inferred: Vec<Inferred>,
    /// Questions the files say nothing reliable about, left for people to answer.
    pub unanswered: Vec<String>,
    pub deployables: Vec<Deployable>,
    /// Files and physical lines (blank and comment lines included) per language, by file extension.
    pub languages: Vec<LanguageStat>,
    pub authors: Authors,
    /// Modules, how often changes cross them, and groups that change together, from git history
    /// (`msadvise boundaries` shows all of it); one entry per repository read.
    pub boundaries: Vec<crate::boundaries::report::BoundariesSummary>,
    pub stats: Stats,
    pub notes: Vec<Note>,
    /// Candidates that are not deployables (images used as is, datastores, tools, variants,
    /// clients, templates...), each with the reason, so a person can check the count.
    pub excluded: Vec<Excluded>,
    /// When the root is a folder of repositories: one entry per repository, scanned on its own.
    pub systems: Vec<SystemSummary>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DimensionFindings {
    /// A questionnaire dimension id.
    pub dimension: String,
    pub title: String,
    pub findings: Vec<Finding>,
}

/// One observation, with the files that show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Finding {
    /// A stable id such as `ci.github_actions` or `coupling.shared_database`.
    pub id: String,
    pub summary: String,
    /// The files that show it, most direct first; at most ten.
    pub evidence: Vec<String>,
    /// How many files show it in all (more than `evidence` holds when the list was cut).
    pub evidence_total: u64,
}

/// An answer to one questionnaire question, inferred from evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Inferred {
    pub question: String,
    /// The question's dimension id.
    pub dimension: String,
    pub choice: String,
    pub confidence: Confidence,
    /// The files that show it, most direct first; at most ten.
    pub evidence: Vec<String>,
    pub reason: String,
    /// How many files show it in all (more than `evidence` holds when the list was cut).
    pub evidence_total: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
// Named apart from the assessment report's `Confidence`, whose schema also holds this one.
#[schemars(rename = "InferenceConfidence")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// A separately deployable unit: a container image, a compose service, a Kubernetes workload, or
/// (when the repository defines no containers) a package with an entry point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Deployable {
    pub name: String,
    /// The directory it is built from, or the file that declares it when nothing is built here.
    pub path: String,
    /// What declares it: `dockerfile`, `compose`, `kubernetes`, `cargo`, `npm`, `go`, `maven`, ...
    pub kinds: Vec<String>,
    pub language: Option<String>,
    pub evidence: Vec<String>,
    /// Built from code in this repository (false: only an image name in Compose or Kubernetes).
    pub built_here: bool,
}

/// A candidate that is not counted as a deployable, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Excluded {
    pub name: String,
    pub path: String,
    /// `datastore`, `broker`, `observability`, `proxy`, `tooling`, `dev_environment`, `client_app`,
    /// `orchestration_host`, `variant`, `external_image`, `shared_dockerfile`, `template` or `one_off_job`.
    pub category: String,
    pub reason: String,
    pub evidence: Vec<String>,
}

/// One repository of a folder of repositories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SystemSummary {
    /// The repository's folder, relative to the scanned root.
    pub path: String,
    pub deployables: Vec<String>,
    /// CI systems configured in the repository itself.
    pub ci_systems: Vec<String>,
    pub inferred: Vec<Inferred>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LanguageStat {
    pub language: String,
    pub files: u64,
    pub lines: u64,
}

/// Distinct commit authors from `git log`: people, not addresses (bots left out; identities merged
/// after `.mailmap` by address, GitHub no-reply login and name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Authors {
    /// False when there is no git history to read; the counts are then null.
    pub available: bool,
    pub last_90_days: Option<u64>,
    pub last_12_months: Option<u64>,
    /// Repositories read, relative to the root (`.` for the root itself).
    pub repositories: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Stats {
    /// Files the walk reached (after `.gitignore` and the skipped folders).
    pub files_seen: u64,
    /// Files whose content was read, at most 1 MiB each.
    pub files_read: u64,
    /// Files (and folders) that could not be used: unreadable, binary where text was expected, or too large.
    pub files_skipped: u64,
    /// Vendored and generated folders not entered (`node_modules`, `target`, `vendor`, ...).
    pub directories_skipped: u64,
    /// Build units found (Cargo packages, npm packages, Go modules, Maven and Gradle projects, ...).
    pub modules: u64,
    pub elapsed_ms: u64,
    /// Generated source files (by name, marker or `linguist-generated`) left out of `languages`.
    pub generated_files: u64,
    pub generated_lines: u64,
}

/// Something the scan met and worked around, with how often and a few example paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Note {
    pub kind: String,
    pub message: String,
    pub count: u64,
    pub examples: Vec<String>,
}
