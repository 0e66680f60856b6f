//! Continuous integration: which known system is configured, and whether it builds, tests and
//! deploys (by the commands in its files and in the repository scripts they call).

use std::collections::BTreeMap;

use super::files::Kind;
use super::walk::{TextFile, Tree};

pub const KNOWN_SYSTEMS: &str = "GitHub Actions, GitLab CI, Jenkins, CircleCI, Azure Pipelines, Buildkite, \
     Bitbucket Pipelines, Travis CI, Drone, Woodpecker, AppVeyor";

const TEST_WORDS: &[&str] =
    &["test", "tests", "testing", "pytest", "tox", "rspec", "jest", "vitest", "mocha", "phpunit", "ctest", "nextest"];
const BUILD_WORDS: &[&str] = &[
    "build", "compile", "cargo", "npm", "yarn", "pnpm", "go", "mvn", "mvnw", "gradle", "gradlew", "make", "dotnet",
    "docker", "bazel", "msbuild", "poetry", "bundle", "tsc",
];
const DEPLOY_WORDS: &[&str] = &[
    "deploy",
    "deploys",
    "deploying",
    "deployment",
    "kubectl",
    "helm",
    "terraform",
    "pulumi",
    "argocd",
    "serverless",
    "sls",
    "heroku",
    "flyctl",
    "kamal",
    "skaffold",
    "capistrano",
];

/// What the CI configuration shows.
#[derive(Debug, Default)]
pub struct Ci {
    /// System name to its configuration files.
    pub systems: BTreeMap<&'static str, Vec<String>>,
    pub builds: Option<Signal>,
    pub tests: Option<Signal>,
    pub deploys: Option<Signal>,
    /// Some configuration runs on every push or pull request.
    pub on_every_change: bool,
    /// Scripts that look like CI, listed when no known system is configured.
    pub orphan_scripts: Vec<String>,
}

/// A line that shows a capability, and the files it was seen in.
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
        ci.on_every_change |= runs_on_every_change(system, &file.text);
        let mut sources = vec![file];
        sources.extend(called_scripts(&file.text, &scripts));
        for source in sources {
            note(&mut ci.builds, source, BUILD_WORDS);
            note(&mut ci.tests, source, TEST_WORDS);
            note(&mut ci.deploys, source, DEPLOY_WORDS);
        }
    }
    if ci.systems.is_empty() {
        ci.orphan_scripts = scripts.keys().filter(|p| looks_like_ci(p)).map(|p| p.to_string()).collect();
        for script in ci.orphan_scripts.iter().filter_map(|p| scripts.get(p.as_str())) {
            note(&mut ci.tests, script, TEST_WORDS);
        }
    }
    ci
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
        _ => "Woodpecker",
    }
}

/// GitHub Actions says its triggers; the other file-configured systems run on every push by
/// default. Jenkins and Buildkite are triggered from outside the repository, so we cannot tell.
fn runs_on_every_change(system: &str, text: &str) -> bool {
    match system {
        "GitHub Actions" => {
            let triggers = top_level_section(text, &["on:", "\"on\":", "'on':", "true:"]);
            words(&triggers).iter().any(|w| w == "push" || w == "pull" || w == "merge")
        }
        "Jenkins" | "Buildkite" => false,
        _ => true,
    }
}

/// The text of the top-level YAML key (any of `keys`) up to the next top-level key.
fn top_level_section(text: &str, keys: &[&str]) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        if !line.starts_with([' ', '\t', '#', '-']) && !line.trim().is_empty() {
            inside = keys.iter().any(|k| line.starts_with(k));
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Repository scripts a CI file calls by path (`./scripts/test.sh`, `.ci/run`).
fn called_scripts<'a>(text: &str, scripts: &BTreeMap<&str, &'a TextFile>) -> Vec<&'a TextFile> {
    let mut found = Vec::new();
    for token in text.split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ';' | '&' | '|' | '(' | ')')) {
        let path = token.trim_start_matches("./");
        if let Some(script) = scripts.get(path)
            && !found.iter().any(|f: &&TextFile| f.rel == script.rel)
        {
            found.push(*script);
        }
    }
    found
}

fn looks_like_ci(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    rel.starts_with(".ci/") || rel.starts_with("ci/") || name == "ci.sh" || name == "ci"
}

/// Record the first line of `file` that contains one of `vocabulary`'s words.
fn note(signal: &mut Option<Signal>, file: &TextFile, vocabulary: &[&str]) {
    let matching = || file.text.lines().map(str::trim).filter(|l| !is_comment(l) && has_word(l, vocabulary));
    // A command (`cargo test`) says more than a job or stage name (`test:`), so it is preferred.
    let Some(line) = matching().find(|l| is_command(l)).or_else(|| matching().next()) else {
        return;
    };
    let signal = signal.get_or_insert_with(|| Signal { line: shorten(line), files: Vec::new() });
    if !signal.files.contains(&file.rel) {
        signal.files.push(file.rel.clone());
    }
}

/// Not a bare YAML key such as `test:`, `stage: test` or `stages: [test, deploy]`.
fn is_command(line: &str) -> bool {
    let body = strip_step(line);
    let key_len =
        body.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))).unwrap_or(body.len());
    !(key_len > 0 && body[key_len..].starts_with(':'))
}

/// A step's command without its list marker and `run:`/`script:`/`command:` key.
fn strip_step(line: &str) -> &str {
    let line = line.trim_start_matches("- ").trim();
    ["run:", "script:", "command:"].iter().find_map(|k| line.strip_prefix(k)).unwrap_or(line).trim()
}

fn is_comment(line: &str) -> bool {
    line.starts_with('#') || line.starts_with("//")
}

fn has_word(line: &str, vocabulary: &[&str]) -> bool {
    words(line).iter().any(|w| vocabulary.contains(&w.as_str()))
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect()
}

fn shorten(line: &str) -> String {
    let line = strip_step(line);
    if line.chars().count() <= 60 {
        line.to_string()
    } else {
        format!("{}…", line.chars().take(59).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_whole() {
        assert!(has_word("run: cargo test --locked", TEST_WORDS));
        assert!(has_word("npm run unit-test", TEST_WORDS));
        assert!(!has_word("image: rust:latest", TEST_WORDS));
        assert!(has_word("kubectl apply -f k8s/", DEPLOY_WORDS));
    }

    #[test]
    fn github_triggers_are_read_from_on_only() {
        assert!(runs_on_every_change("GitHub Actions", "on: [push]\njobs:\n  a:\n"));
        assert!(runs_on_every_change("GitHub Actions", "on:\n  pull_request:\n    branches: [main]\njobs: {}\n"));
        let nightly =
            "on:\n  schedule:\n    - cron: '0 3 * * *'\njobs:\n  a:\n    steps:\n      - run: docker push x\n";
        assert!(!runs_on_every_change("GitHub Actions", nightly));
    }

    #[test]
    fn commands_are_not_keys() {
        assert!(is_command("- run: cargo test --locked"));
        assert!(is_command("- make test"));
        assert!(!is_command("test:"));
        assert!(!is_command("stages: [test, deploy]"));
        assert!(!is_command("name: Test"));
    }
}
