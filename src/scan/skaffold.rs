//! Skaffold configurations: the images they build and from which folder and Dockerfile.

use serde_json::Value;

use super::compose::resolve;
use super::files::{self, Kind};
use super::manifests;
use super::walk::Tree;

/// One `build.artifacts` entry.
#[derive(Debug, Clone)]
pub struct Artifact {
    pub file: String,
    pub image: String,
    /// The build context, relative to the root.
    pub context: String,
    /// The Dockerfile, relative to the root; `None` for builders without one (Jib, Buildpacks, Ko).
    pub dockerfile: Option<String>,
}

pub fn artifacts(tree: &Tree) -> Vec<Artifact> {
    let named = |rel: &str| {
        let (_, name) = manifests::split(rel);
        name.starts_with("skaffold") && (name.ends_with(".yaml") || name.ends_with(".yml"))
    };
    let mut out = Vec::new();
    for file in tree.texts.iter().filter(|t| t.kind == Kind::Yaml && named(&t.rel) && !files::incidental(&t.rel)) {
        let (dir, _) = manifests::split(&file.rel);
        for doc in file.text.split("\n---") {
            let Some(value) = crate::scan::compose::parse(doc) else { continue };
            out.extend(from_doc(&file.rel, dir, &value));
        }
    }
    out
}

fn from_doc(file: &str, dir: &str, value: &Value) -> Vec<Artifact> {
    let Some(list) = value.get("build").and_then(|b| b.get("artifacts")).and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|a| {
            let image = a.get("image").and_then(Value::as_str)?.to_string();
            let mut context = resolve(dir, a.get("context").and_then(Value::as_str).unwrap_or("."))?;
            // Jib builds a module of a multi-module project: the module is the code that runs.
            if let Some(project) = a.get("jib").and_then(|j| j.get("project")).and_then(Value::as_str) {
                context = resolve(&context, project)?;
            }
            let docker = a.get("docker");
            let builder = ["jib", "buildpacks", "ko", "bazel", "custom"].iter().any(|b| a.get(b).is_some());
            let dockerfile = if builder && docker.is_none() {
                None
            } else {
                let name = docker.and_then(|d| d.get("dockerfile")).and_then(Value::as_str).unwrap_or("Dockerfile");
                resolve(&context, name)
            };
            Some(Artifact { file: file.to_string(), image, context, dockerfile })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artifacts_with_and_without_a_dockerfile() {
        let text = "apiVersion: skaffold/v4beta1\nkind: Config\nbuild:\n  artifacts:\n  - image: orders\n    context: orders\n  - image: ledger\n    context: ..\n    jib:\n      project: deploy/ledger\n";
        let value = crate::scan::compose::parse(text).unwrap();
        let found = from_doc("deploy/skaffold.yaml", "deploy", &value);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].dockerfile.as_deref(), Some("deploy/orders/Dockerfile"));
        assert_eq!((found[1].context.as_str(), found[1].dockerfile.as_deref()), ("deploy/ledger", None));
    }
}
