//! Settings that name databases: application configuration files (Spring, .NET, Django, Rails,
//! `.env`) flattened to dotted keys, and the environment of Kubernetes workloads, including the
//! ConfigMaps and Secrets they load.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::scan::files::{self, Kind};
use crate::scan::kube::KubeObject;
use crate::scan::manifests;
use crate::scan::walk::TextFile;

/// Files whose settings may name a database.
pub fn is_settings(file: &TextFile) -> bool {
    let (_, name) = manifests::split(&file.rel);
    let lower = name.to_ascii_lowercase();
    if files::incidental(&file.rel) || file.rel.contains("/test/") {
        return false;
    }
    match file.kind {
        Kind::Config => !lower.ends_with(".cs"),
        // Rails' database.yml and files a configuration server serves per service.
        Kind::Yaml => lower == "database.yml" || !file.text.lines().any(|l| l.starts_with("kind:")),
        _ => false,
    }
}

/// `(dotted.key, value)` pairs of a YAML, JSON, properties or Python settings file.
pub fn flatten(rel: &str, text: &str) -> Vec<(String, String)> {
    let lower = rel.to_ascii_lowercase();
    let mut out = Vec::new();
    if lower.ends_with(".properties") || lower.ends_with(".env") || lower.contains(".env.") {
        for line in text.lines().map(str::trim).filter(|l| !l.starts_with('#')) {
            if let Some((k, v)) = line.split_once('=') {
                out.push((k.trim().replace("__", ".").replace('_', "."), v.trim().to_string()));
            }
        }
    } else if lower.ends_with(".py") {
        python(text, &mut out);
    } else if lower.ends_with(".json") {
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            walk("", &value, &mut out);
        }
    } else if let Some(value) = crate::scan::compose::parse(text) {
        walk("", &value, &mut out);
    }
    out
}

fn walk(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                walk(&path, v, out);
            }
        }
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        Value::Number(n) => out.push((prefix.to_string(), n.to_string())),
        _ => {}
    }
}

/// Django's `DATABASES = {'default': {'NAME': ..., 'HOST': ...}}`, read line by line.
fn python(text: &str, out: &mut Vec<(String, String)>) {
    let Some(start) = text.find("DATABASES") else { return };
    for line in text[start..].lines().take(40) {
        let line = line.trim().trim_end_matches(',');
        let Some((key, value)) = line.split_once(':') else { continue };
        let key = key.trim().trim_matches(['"', '\'']);
        let value = value.trim().trim_matches(['"', '\'']);
        if matches!(key, "NAME" | "HOST") && !value.contains('(') {
            out.push((format!("DATABASES.default.{key}"), value.to_string()));
        }
    }
}

/// `KEY: value` pairs of each ConfigMap and Secret (`stringData`), by name.
pub fn config_maps(kube: &[KubeObject]) -> BTreeMap<String, Vec<(String, String)>> {
    let mut out = BTreeMap::new();
    for o in kube.iter().filter(|o| matches!(o.kind.as_str(), "ConfigMap" | "Secret")) {
        let mut pairs = Vec::new();
        let mut inside = false;
        for line in o.text.lines() {
            if !line.starts_with(' ') && !line.trim().is_empty() {
                inside = matches!(line.trim_end(), "data:" | "stringData:");
                continue;
            }
            if inside && let Some((k, v)) = line.trim().split_once(':') {
                pairs.push((k.trim().to_string(), v.trim().trim_matches(['"', '\'']).to_string()));
            }
        }
        out.entry(o.name.clone()).or_insert_with(Vec::new).extend(pairs);
    }
    out
}

/// A workload's environment: `- name: K` / `value: V` pairs and the ConfigMaps and Secrets it
/// loads whole (`configMapRef`, `secretRef`) or by key.
pub fn workload_env(o: &KubeObject, maps: &BTreeMap<String, Vec<(String, String)>>) -> Vec<(String, String)> {
    let mut env = Vec::new();
    let mut name: Option<String> = None;
    let mut refs = Vec::new();
    let mut in_ref = false;
    for line in o.text.lines().map(str::trim) {
        let line = line.trim_start_matches("- ").trim();
        if line.starts_with("configMapRef:") || line.starts_with("secretRef:") || line.ends_with("KeyRef:") {
            in_ref = true;
            continue;
        }
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = value.trim().trim_matches(['"', '\'']).to_string();
        match key.trim() {
            "name" if in_ref => {
                refs.push(value);
                in_ref = false;
            }
            "name" => name = Some(value),
            "value" => {
                if let Some(k) = name.take() {
                    env.push((k, value));
                }
            }
            _ => {}
        }
    }
    for r in refs {
        if let Some(pairs) = maps.get(&r) {
            env.extend(pairs.iter().cloned());
        }
    }
    env
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_yaml_properties_json_and_django() {
        let yaml = flatten(
            "shared/orders.yml",
            "spring:\n  data:\n    mongodb:\n      host: orders-db\n      database: orders\n",
        );
        assert!(yaml.contains(&("spring.data.mongodb.host".to_string(), "orders-db".to_string())));
        let props = flatten("application.properties", "spring.datasource.url=jdbc:postgresql://db/orders\n");
        assert_eq!(props[0].0, "spring.datasource.url");
        let json = flatten("appsettings.json", r#"{"ConnectionStrings":{"Db":"Host=db;Database=x"}}"#);
        assert_eq!(json, [("ConnectionStrings.Db".to_string(), "Host=db;Database=x".to_string())]);
        let django =
            flatten("settings.py", "DATABASES = {\n  'default': {\n    'NAME': 'shop',\n    'HOST': 'db',\n  }\n}\n");
        assert_eq!(django.len(), 2);
    }
}
