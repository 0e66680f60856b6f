//! Kubernetes-style YAML documents (plain manifests, Helm templates, Argo CD and Flux objects),
//! read line by line so that templated files still count.

use super::files::{self, Kind};
use super::manifests;
use super::walk::Tree;

/// One document with a top-level `kind:`.
#[derive(Debug, Clone)]
pub struct KubeObject {
    pub file: String,
    pub kind: String,
    pub api_version: String,
    pub name: String,
    pub images: Vec<String>,
    /// Its name is a template (Helm): `name` is then the chart's folder or the file's stem.
    pub templated: bool,
    /// The document's text, for connection strings in its environment.
    pub text: String,
}

impl KubeObject {
    pub fn is_workload(&self) -> bool {
        matches!(self.kind.as_str(), "Deployment" | "StatefulSet" | "DaemonSet" | "CronJob")
    }
}

pub fn objects(tree: &Tree) -> Vec<KubeObject> {
    let mut out = Vec::new();
    for file in tree.texts.iter().filter(|t| t.kind == Kind::Yaml && !files::incidental(&t.rel)) {
        for doc in documents(&file.text) {
            if let Some(object) = object(&file.rel, &doc) {
                out.push(object);
            }
        }
    }
    out
}

fn documents(text: &str) -> Vec<String> {
    let mut docs = vec![String::new()];
    for line in text.lines() {
        if line.starts_with("---") {
            docs.push(String::new());
        } else if let Some(doc) = docs.last_mut() {
            doc.push_str(line);
            doc.push('\n');
        }
    }
    docs
}

fn object(file: &str, doc: &str) -> Option<KubeObject> {
    let kind = top_level(doc, "kind")?;
    let api_version = top_level(doc, "apiVersion")?;
    let declared = metadata_name(doc);
    let templated = declared.as_ref().is_none_or(|n| n.contains("{{"));
    let name = declared.filter(|n| !n.contains("{{")).unwrap_or_else(|| fallback_name(file));
    let images = doc
        .lines()
        .filter_map(|l| l.trim().trim_start_matches("- ").strip_prefix("image:"))
        .map(|v| clean(v).to_string())
        .filter(|v| !v.is_empty())
        .collect();
    Some(KubeObject { file: file.to_string(), kind, api_version, name, images, templated, text: doc.to_string() })
}

/// `key: value` at the start of a line (no indentation).
fn top_level(doc: &str, key: &str) -> Option<String> {
    let prefix = format!("{key}:");
    doc.lines().find_map(|l| l.strip_prefix(&prefix)).map(clean).filter(|v| !v.is_empty()).map(str::to_string)
}

/// `name:` directly under the top-level `metadata:`.
fn metadata_name(doc: &str) -> Option<String> {
    let mut inside = false;
    let mut indent = None;
    for line in doc.lines() {
        if !line.starts_with(' ') && !line.trim().is_empty() {
            inside = line.trim_end() == "metadata:";
            continue;
        }
        if !inside {
            continue;
        }
        let depth = line.len() - line.trim_start().len();
        if *indent.get_or_insert(depth) == depth
            && let Some(v) = line.trim().strip_prefix("name:")
        {
            return Some(clean(v).to_string()).filter(|v| !v.is_empty());
        }
    }
    None
}

/// A templated name is replaced by the Helm chart's folder, or the file's stem.
fn fallback_name(file: &str) -> String {
    if let Some((chart, _)) = file.split_once("/templates/") {
        return manifests::dir_name(chart).to_string();
    }
    let (_, name) = manifests::split(file);
    name.split('.').next().unwrap_or(name).to_string()
}

fn clean(value: &str) -> &str {
    let value = value.split(" #").next().unwrap_or(value);
    value.trim().trim_matches('"').trim_matches('\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_kind_name_and_images() {
        let doc = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    name: x\n  name: orders\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: \"acme/orders:1\"\n";
        let o = object("k8s/orders.yaml", doc).unwrap();
        assert_eq!((o.kind.as_str(), o.name.as_str()), ("Deployment", "orders"));
        assert_eq!(o.images, ["acme/orders:1"]);
        assert!(o.is_workload());
    }

    #[test]
    fn templated_names_fall_back_to_the_chart() {
        let doc = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"x\" . }}\n";
        assert_eq!(object("charts/billing/templates/deploy.yaml", doc).unwrap().name, "billing");
    }
}
