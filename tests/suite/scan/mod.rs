//! `msadvise scan` on repositories generated at test time: what it finds, the evidence it gives,
//! the answers it infers, and how it survives hostile trees. The JSON is read through mirror
//! structs with `deny_unknown_fields`, so any change to the contract is deliberate.
#![allow(dead_code)]

mod enclosing;
mod ignore_files;
mod patterns_ci;
mod patterns_data;
mod patterns_deployables;
mod patterns_output;
mod repositories;
mod robustness;

use std::fs;
use std::path::Path;
use std::process::Command;

use serde::Deserialize;

use crate::msadvise;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    schema_version: u32,
    root: String,
    dimensions: Vec<Dimension>,
    inferred: Vec<Inferred>,
    unanswered: Vec<String>,
    deployables: Vec<Deployable>,
    languages: Vec<Language>,
    authors: Authors,
    boundaries: Vec<Boundaries>,
    stats: Stats,
    notes: Vec<Note>,
    excluded: Vec<Excluded>,
    systems: Vec<System>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Excluded {
    name: String,
    path: String,
    category: String,
    reason: String,
    evidence: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct System {
    path: String,
    deployables: Vec<String>,
    ci_systems: Vec<String>,
    inferred: Vec<Inferred>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Dimension {
    dimension: String,
    title: String,
    findings: Vec<Finding>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Finding {
    id: String,
    summary: String,
    evidence: Vec<String>,
    evidence_total: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Inferred {
    question: String,
    dimension: String,
    choice: String,
    confidence: String,
    evidence: Vec<String>,
    reason: String,
    evidence_total: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Deployable {
    name: String,
    path: String,
    kinds: Vec<String>,
    language: Option<String>,
    evidence: Vec<String>,
    built_here: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Language {
    language: String,
    files: u64,
    lines: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Boundaries {
    repository: String,
    modules_from: String,
    modules: u64,
    commits_used: u64,
    cross_module_ratio: Option<f64>,
    months: f64,
    shallow: bool,
    groups: Vec<serde_json::Value>,
    strongest_couplings: Vec<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Authors {
    available: bool,
    last_90_days: Option<u64>,
    last_12_months: Option<u64>,
    repositories: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stats {
    files_seen: u64,
    files_read: u64,
    files_skipped: u64,
    directories_skipped: u64,
    modules: u64,
    elapsed_ms: u64,
    generated_files: u64,
    generated_lines: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Note {
    kind: String,
    message: String,
    count: u64,
    examples: Vec<String>,
}

impl Report {
    fn finding(&self, id: &str) -> Option<&Finding> {
        self.dimensions.iter().flat_map(|d| &d.findings).find(|f| f.id == id)
    }

    fn answer(&self, question: &str) -> Option<&Inferred> {
        self.inferred.iter().find(|i| i.question == question)
    }

    fn note(&self, kind: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.kind == kind)
    }

    fn excluded(&self, name: &str) -> Option<&Excluded> {
        self.excluded.iter().find(|e| e.name == name)
    }

    fn deployable_names(&self) -> Vec<&str> {
        self.deployables.iter().map(|d| d.name.as_str()).collect()
    }

    fn language(&self, name: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.language == name)
    }
}

pub fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Scan a repository made of `files` (path, text); the folder lives as long as the returned guard.
fn fixture(files: &[(&str, &str)]) -> (tempfile::TempDir, Report) {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        write(dir.path(), rel, text);
    }
    let report = scan(dir.path());
    (dir, report)
}

fn scan(root: &Path) -> Report {
    let out = msadvise(&["scan", root.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "scan failed: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "no progress or noise on a piped stderr");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn git(root: &Path, args: &[&str], author: &str, days_ago: u64) {
    let when = format!("{} +0000", now() - days_ago * 86_400);
    let status = Command::new("git")
        .current_dir(root)
        .args(["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", format!("{author}@example.com"))
        .env("GIT_COMMITTER_NAME", author)
        .env("GIT_COMMITTER_EMAIL", format!("{author}@example.com"))
        .env("GIT_AUTHOR_DATE", &when)
        .env("GIT_COMMITTER_DATE", &when)
        .output()
        .unwrap();
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}
