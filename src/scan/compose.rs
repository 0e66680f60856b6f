//! Docker Compose files: services, what they build or run, and their environment.

use serde_json::Value;

use super::files::{self, Kind};
use super::manifests;
use super::notes::{NoteKind, NoteLog};
use super::walk::Tree;

#[derive(Debug, Clone)]
pub struct ComposeService {
    pub file: String,
    pub name: String,
    pub image: Option<String>,
    /// The build context, relative to the root; `None` when it runs an image only (or leaves the root).
    pub build: Option<String>,
    /// The Dockerfile it builds with, relative to the root (`<context>/Dockerfile` by default).
    pub dockerfile: Option<String>,
    /// Environment variables, from `environment:` and any `env_file:` found in the tree.
    pub env: Vec<(String, String)>,
}

pub fn services(tree: &Tree, notes: &mut NoteLog) -> Vec<ComposeService> {
    let mut out = Vec::new();
    for file in tree.texts.iter().filter(|t| t.kind == Kind::Compose && !files::incidental(&t.rel)) {
        match parse(&file.text) {
            Some(value) => out.extend(from_file(tree, &file.rel, &value)),
            None => notes.add(NoteKind::Unparsed, file.rel.clone()),
        }
    }
    out
}

pub fn parse(text: &str) -> Option<Value> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = crate::yaml::MAX_DEPTH;
    budget.max_aliases = crate::yaml::MAX_ALIASES;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::LastWins;
    serde_saphyr::from_str_with_options(text, options).ok()
}

fn from_file(tree: &Tree, rel: &str, value: &Value) -> Vec<ComposeService> {
    let (dir, _) = manifests::split(rel);
    let Some(services) = value.get("services").and_then(Value::as_object) else { return Vec::new() };
    services
        .iter()
        .map(|(name, spec)| {
            let context = match spec.get("build") {
                Some(Value::String(s)) => Some(s.as_str()),
                Some(build) => Some(build.get("context").and_then(Value::as_str).unwrap_or(".")),
                None => None,
            };
            let build = context.and_then(|c| resolve(dir, c));
            let dockerfile = spec.get("build").and_then(|b| b.get("dockerfile")).and_then(Value::as_str);
            let dockerfile = build.as_deref().and_then(|c| resolve(c, dockerfile.unwrap_or("Dockerfile")));
            let mut env = environment(spec.get("environment"));
            for env_file in strings(spec.get("env_file")) {
                if let Some(path) = resolve(dir, &env_file) {
                    env.extend(env_file_pairs(tree, &path));
                }
            }
            ComposeService {
                file: rel.to_string(),
                name: name.clone(),
                image: spec.get("image").and_then(Value::as_str).map(str::to_string),
                build,
                dockerfile,
                env,
            }
        })
        .collect()
}

fn environment(value: Option<&Value>) -> Vec<(String, String)> {
    match value {
        Some(Value::Object(map)) => map.iter().map(|(k, v)| (k.clone(), scalar(v))).collect(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.split_once('=').map_or((s.to_string(), String::new()), |(k, v)| (k.to_string(), v.to_string())))
            .collect(),
        _ => Vec::new(),
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().or_else(|| i.get("path").and_then(Value::as_str)))
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// `KEY=value` lines of an env file the walk kept.
pub fn env_file_pairs(tree: &Tree, rel: &str) -> Vec<(String, String)> {
    let Some(file) = tree.texts.iter().find(|t| t.rel == rel) else { return Vec::new() };
    file.text
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.trim_start_matches("export ").split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').trim_matches('\'').to_string()))
        .collect()
}

/// `path` (relative to folder `dir`) as a path relative to the root; `None` if it leaves the root
/// or is a remote build context.
pub fn resolve(dir: &str, path: &str) -> Option<String> {
    if path.contains("://") || path.starts_with('/') || path.starts_with("git@") {
        return None;
    }
    let mut parts: Vec<&str> = if dir == "." { Vec::new() } else { dir.split('/').collect() };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(if parts.is_empty() { ".".to_string() } else { parts.join("/") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_build_contexts() {
        assert_eq!(resolve(".", "./services/orders").as_deref(), Some("services/orders"));
        assert_eq!(resolve("deploy", "../api").as_deref(), Some("api"));
        assert_eq!(resolve(".", "..").as_deref(), None);
        assert_eq!(resolve("deploy", "..").as_deref(), Some("."));
    }

    #[test]
    fn reads_services_and_environment() {
        let text = "services:\n  api:\n    build: ./api\n    environment:\n      DATABASE_URL: postgres://u:p@db:5432/shop\n      PORT: 8080\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_DB=shop\n";
        let value = parse(text).unwrap();
        let services = from_file(&Tree::default(), "docker-compose.yml", &value);
        assert_eq!(services.len(), 2);
        assert_eq!(services[0].build.as_deref(), Some("api"));
        assert!(services[0].env.contains(&("PORT".to_string(), "8080".to_string())));
        assert_eq!(services[1].env, [("POSTGRES_DB".to_string(), "shop".to_string())]);
    }
}
