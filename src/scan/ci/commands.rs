//! The command lines of a CI file (not its job or step names), and when the file runs.

use serde_json::Value;

use crate::scan::rules::commands::TRAVIS_DEFAULTS;

/// Keys whose value is a command.
const COMMAND_KEYS: &[&str] = &["run", "script", "command", "cmd", "sh", "bat", "bash", "pwsh", "powershell", "inline"];

/// When a CI file runs, as far as the file says.
#[derive(Debug, Clone, Copy, Default)]
pub struct Triggers {
    /// On every push or pull request.
    pub every_change: bool,
    /// On pushes, tags, releases, a schedule or after another workflow: a deploy here is automated.
    pub release: bool,
    /// Started by hand.
    pub manual: bool,
}

/// GitHub Actions says its triggers; the other file-configured systems run on every push by
/// default. Jenkins, Buildkite and Cloud Build are triggered from outside the repository.
pub fn triggers(system: &str, text: &str) -> Triggers {
    match system {
        "GitHub Actions" => {
            let section = top_level_section(text, &["on:", "\"on\":", "'on':", "true:"]);
            let words: Vec<String> = section
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .map(str::to_ascii_lowercase)
                .collect();
            let has = |w: &str| words.iter().any(|x| x == w);
            Triggers {
                every_change: has("push") || has("pull_request") || has("pull_request_target") || has("merge_group"),
                release: has("push") || has("release") || has("schedule") || has("workflow_run"),
                manual: has("workflow_dispatch") || has("repository_dispatch"),
            }
        }
        "Jenkins" | "Buildkite" | "Google Cloud Build" => {
            Triggers { every_change: false, release: true, manual: false }
        }
        _ => Triggers { every_change: true, release: true, manual: false },
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

/// The lines of a CI file that are commands: values of `run:`, `script:`, `command:`..., list
/// items and block-scalar lines. Other `key: value` lines (names, stages, images) are not.
pub fn command_lines(system: &str, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') || line.starts_with("//") {
            continue;
        }
        let body = line.trim_start_matches("- ").trim();
        match key_value(body) {
            Some((key, value)) if COMMAND_KEYS.contains(&key) => {
                let value = value.trim();
                if !value.is_empty() && !matches!(value, "|" | ">" | "|-" | ">-" | "|+") {
                    out.push(value.to_string());
                }
            }
            Some(_) => {}
            None => out.push(body.to_string()),
        }
    }
    match system {
        "Travis CI" => out.extend(travis_default(text)),
        "Google Cloud Build" => out.extend(cloud_build_steps(text)),
        _ => {}
    }
    out
}

/// `key: value` (or `key:`) where the key is a plain word.
fn key_value(body: &str) -> Option<(&str, &str)> {
    let end = body.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))?;
    let rest = &body[end..];
    let value = rest.strip_prefix(':').filter(|v| v.is_empty() || v.starts_with(' '))?;
    (end > 0).then_some((&body[..end], value))
}

/// Travis runs a default script per language when the file gives none.
fn travis_default(text: &str) -> Option<String> {
    if text.lines().any(|l| l.starts_with("script:")) {
        return None;
    }
    let language = text.lines().find_map(|l| l.strip_prefix("language:"))?.trim().trim_matches(['"', '\'']);
    TRAVIS_DEFAULTS.iter().find(|(l, _)| *l == language).map(|(_, script)| script.to_string())
}

/// Cloud Build steps as command lines: the builder (or entrypoint) followed by its arguments.
fn cloud_build_steps(text: &str) -> Vec<String> {
    let Some(value) = crate::scan::compose::parse(text) else { return Vec::new() };
    let Some(steps) = value.get("steps").and_then(Value::as_array) else { return Vec::new() };
    steps
        .iter()
        .filter_map(|step| {
            let builder = step.get("name").and_then(Value::as_str).unwrap_or("");
            let builder = builder.rsplit('/').next().unwrap_or(builder).split(':').next().unwrap_or(builder);
            let program = step.get("entrypoint").and_then(Value::as_str).unwrap_or(builder);
            let args: Vec<&str> = step.get("args")?.as_array()?.iter().filter_map(Value::as_str).collect();
            Some(format!("{program} {}", args.join(" ")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_not_commands() {
        let text = "jobs:\n  test:\n    name: Run the tests\n    steps:\n      - name: go test\n        run: echo testing done\n      - run: |\n          cd api\n          go test ./...\n";
        let lines = command_lines("GitHub Actions", text);
        assert_eq!(lines, ["echo testing done", "cd api", "go test ./..."]);
    }

    #[test]
    fn github_triggers_are_read_from_on_only() {
        assert!(triggers("GitHub Actions", "on: [push]\njobs:\n  a:\n").every_change);
        let pr = triggers("GitHub Actions", "on:\n  pull_request:\n    branches: [main]\njobs: {}\n");
        assert!(pr.every_change && !pr.release);
        let manual = triggers("GitHub Actions", "on:\n  workflow_dispatch:\njobs: {}\n");
        assert!(manual.manual && !manual.release && !manual.every_change);
    }

    #[test]
    fn travis_and_cloud_build_defaults() {
        assert_eq!(command_lines("Travis CI", "language: java\njdk: openjdk8\n"), ["mvn test"]);
        assert!(command_lines("Travis CI", "language: java\nscript: ./run.sh\n").contains(&"./run.sh".to_string()));
        let build = "steps:\n- name: gcr.io/cloud-builders/gcloud\n  args:\n  - deploy\n  - releases\n  - create\n";
        assert!(command_lines("Google Cloud Build", build).contains(&"gcloud deploy releases create".to_string()));
    }
}
