//! Continuous integration: which known system is configured, and what its commands do. A job
//! runs tests when a command runs a test runner (or a build command that runs tests by default);
//! it deploys when a command changes a lasting environment on a push, tag, release or schedule.
//! Commands in repository scripts a CI file calls are followed one level; job and step names and
//! `echo` never count.

mod commands;

use std::collections::BTreeMap;

use super::files::Kind;
use super::rules::commands::{self as table, DEPLOY_COMMANDS, TEST_RUNNERS, THROWAWAY_CLUSTERS};
use super::walk::{TextFile, Tree};
use commands::{Triggers, command_lines, triggers};

pub const KNOWN_SYSTEMS: &str = "GitHub Actions, GitLab CI, Jenkins, CircleCI, Azure Pipelines, Buildkite, \
     Bitbucket Pipelines, Travis CI, Drone, Woodpecker, AppVeyor, Google Cloud Build";

const BUILD_WORDS: &[&str] = &[
    "build", "compile", "cargo", "npm", "yarn", "pnpm", "go", "mvn", "mvnw", "gradle", "gradlew", "make", "dotnet",
    "docker", "bazel", "msbuild", "poetry", "bundle", "tsc", "skaffold",
];

/// What the CI configuration shows.
#[derive(Debug, Default)]
pub struct Ci {
    /// System name to its configuration files.
    pub systems: BTreeMap<&'static str, Vec<String>>,
    pub builds: Option<Signal>,
    pub tests: Option<Signal>,
    /// Tests run by a file that runs on every push or pull request.
    pub tests_on_every_change: bool,
    /// Deploy commands run on pushes, tags, releases or a schedule.
    pub deploys: Option<Signal>,
    /// Deploy commands in pipelines started only by hand.
    pub manual_deploys: Option<Signal>,
    /// Deploy commands aimed at a cluster created in the same job: a test, not a release.
    pub cluster_tests: Option<Signal>,
    /// Some configuration runs on every push or pull request.
    pub on_every_change: bool,
    /// Scripts that look like CI, listed when no known system is configured.
    pub orphan_scripts: Vec<String>,
}

/// A command that shows a capability, and the files it was seen in (the first one ran it).
#[derive(Debug, Clone)]
pub struct Signal {
    pub line: String,
    pub files: Vec<String>,
}

pub fn detect(tree: &Tree) -> Ci {
    let scripts: BTreeMap<&str, &TextFile> =
        tree.texts.iter().filter(|t| t.kind == Kind::Script).map(|t| (t.rel.as_str(), t)).collect();
    let mut ci = Ci::default();
    for file in tree.texts.iter().filter(|t| t.kind == Kind::Ci) {
        let system = system(&file.rel);
        ci.systems.entry(system).or_default().push(file.rel.clone());
        let when = triggers(system, &file.text);
        ci.on_every_change |= when.every_change;
        let mut lines: Vec<(String, &str)> =
            command_lines(system, &file.text).into_iter().map(|l| (l, file.rel.as_str())).collect();
        for script in called_scripts(&lines, &scripts) {
            lines.extend(script_lines(&script.text).into_iter().map(|l| (l, script.rel.as_str())));
        }
        judge(&mut ci, &file.text, &lines, when);
    }
    if ci.systems.is_empty() {
        ci.orphan_scripts = scripts.keys().filter(|p| looks_like_ci(p)).map(|p| p.to_string()).collect();
        for script in ci.orphan_scripts.iter().filter_map(|p| scripts.get(p.as_str())) {
            let lines: Vec<(String, &str)> =
                script_lines(&script.text).into_iter().map(|l| (l, script.rel.as_str())).collect();
            if let Some((line, file)) = lines.iter().find(|(l, _)| table::find(l, TEST_RUNNERS).is_some()) {
                note(&mut ci.tests, line, file);
            }
        }
    }
    ci
}

/// What one CI file's commands (with the scripts it calls) do.
fn judge(ci: &mut Ci, raw: &str, lines: &[(String, &str)], when: Triggers) {
    let step = |steps: &[&str]| {
        raw.lines().map(str::trim).find(|l| !l.starts_with('#') && steps.iter().any(|s| l.contains(s)))
    };
    let first = |commands: &[table::Command]| lines.iter().find(|(l, _)| table::find(l, commands).is_some());
    let file = lines.first().map_or("", |(_, f)| *f);
    let tests =
        first(TEST_RUNNERS).map(|(l, f)| (l.as_str(), *f)).or_else(|| step(table::TEST_STEPS).map(|l| (l, file)));
    if let Some((line, f)) = tests {
        note(&mut ci.tests, line, f);
        ci.tests_on_every_change |= when.every_change;
    }
    if let Some((line, f)) = lines.iter().find(|(l, _)| has_word(l, BUILD_WORDS)) {
        note(&mut ci.builds, line, f);
    }
    let deploy =
        first(DEPLOY_COMMANDS).map(|(l, f)| (l.as_str(), *f)).or_else(|| step(table::DEPLOY_STEPS).map(|l| (l, file)));
    let Some((line, f)) = deploy else { return };
    let throwaway = first(THROWAWAY_CLUSTERS).is_some() || step(table::THROWAWAY_STEPS).is_some();
    let target = if throwaway {
        &mut ci.cluster_tests
    } else if when.release {
        &mut ci.deploys
    } else if when.manual {
        &mut ci.manual_deploys
    } else {
        return;
    };
    note(target, line, f);
}

fn note(signal: &mut Option<Signal>, line: &str, file: &str) {
    let signal = signal.get_or_insert_with(|| Signal { line: shorten(line), files: Vec::new() });
    if !signal.files.iter().any(|f| f == file) {
        signal.files.push(file.to_string());
    }
}

/// The system whose configuration is `file`, or calls it as a script (the first configured).
pub fn system_of(file: &str, systems: &BTreeMap<&'static str, Vec<String>>) -> &'static str {
    systems
        .iter()
        .find(|(_, files)| files.iter().any(|f| f == file))
        .or_else(|| systems.iter().next())
        .map_or("CI", |(s, _)| *s)
}

fn system(rel: &str) -> &'static str {
    let lower = rel.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    match () {
        _ if rel.starts_with(".github/") => "GitHub Actions",
        _ if rel.starts_with(".gitlab") => "GitLab CI",
        _ if name.starts_with("jenkinsfile") => "Jenkins",
        _ if rel.starts_with(".circleci/") => "CircleCI",
        _ if name.starts_with("azure-pipelines") || rel.starts_with(".azure-pipelines/") => "Azure Pipelines",
        _ if rel.starts_with(".buildkite/") => "Buildkite",
        _ if rel == "bitbucket-pipelines.yml" => "Bitbucket Pipelines",
        _ if rel == ".travis.yml" => "Travis CI",
        _ if rel == ".drone.yml" => "Drone",
        _ if rel == "appveyor.yml" => "AppVeyor",
        _ if name.starts_with("cloudbuild") => "Google Cloud Build",
        _ => "Woodpecker",
    }
}

/// Repository scripts the command lines call by path (`./scripts/test.sh`, `bash ci/run`).
fn called_scripts<'a>(lines: &[(String, &str)], scripts: &BTreeMap<&str, &'a TextFile>) -> Vec<&'a TextFile> {
    let mut found: Vec<&TextFile> = Vec::new();
    for (line, _) in lines {
        for token in line.split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ';' | '&' | '|' | '(' | ')')) {
            let path = token.trim_start_matches("./");
            if let Some(script) = scripts.get(path)
                && !found.iter().any(|f| f.rel == script.rel)
            {
                found.push(*script);
            }
        }
    }
    found
}

/// A script's command lines: every line but comments.
fn script_lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !is_comment(l)).map(str::to_string).collect()
}

fn looks_like_ci(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    rel.starts_with(".ci/") || rel.starts_with("ci/") || name == "ci.sh" || name == "ci"
}

fn is_comment(line: &str) -> bool {
    line.starts_with('#') || line.starts_with("//")
}

fn has_word(line: &str, vocabulary: &[&str]) -> bool {
    line.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| !w.is_empty() && vocabulary.contains(&w.to_ascii_lowercase().as_str()))
}

fn shorten(line: &str) -> String {
    let line = line.trim();
    if line.chars().count() <= 60 {
        line.to_string()
    } else {
        format!("{}…", line.chars().take(59).collect::<String>())
    }
}
