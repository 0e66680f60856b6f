//! Deployable units. Where the repository defines containers (Dockerfiles, Compose services that
//! build, Kubernetes workloads) those are the units; otherwise packages that build a program are.

use std::collections::BTreeMap;

use super::compose::ComposeService;
use super::files::{self, Kind};
use super::kube::KubeObject;
use super::manifests::{self, BuildUnit};
use super::report::Deployable;
use super::walk::Tree;

/// Images that are infrastructure someone else builds: backing services, not the system's own units.
const INFRA_IMAGES: &[&str] = &[
    "postgres",
    "postgis",
    "mysql",
    "mariadb",
    "mongo",
    "redis",
    "valkey",
    "memcached",
    "rabbitmq",
    "kafka",
    "zookeeper",
    "nats",
    "elasticsearch",
    "opensearch",
    "kibana",
    "nginx",
    "traefik",
    "haproxy",
    "envoy",
    "caddy",
    "jaeger",
    "zipkin",
    "prometheus",
    "grafana",
    "loki",
    "tempo",
    "otel",
    "opentelemetry",
    "fluent",
    "vector",
    "logstash",
    "promtail",
    "localstack",
    "minio",
    "consul",
    "vault",
    "keycloak",
    "mailhog",
    "mailpit",
    "adminer",
    "pgadmin",
    "cassandra",
    "mssql",
    "sqlserver",
    "influxdb",
    "clickhouse",
    "etcd",
    "wiremock",
];

pub fn is_infrastructure(image: &str) -> bool {
    let repo = image.split([':', '@']).next().unwrap_or(image);
    let last = repo.rsplit('/').next().unwrap_or(repo).to_ascii_lowercase();
    INFRA_IMAGES.iter().any(|i| last.starts_with(i) || repo.to_ascii_lowercase().contains(&format!("{i}/")))
}

/// The deployables, sorted by path; `root_name` names a unit built from the root folder.
pub fn deployables(
    tree: &Tree,
    compose: &[ComposeService],
    kube: &[KubeObject],
    builds: &[BuildUnit],
    root_name: &str,
) -> Vec<Deployable> {
    let mut units: BTreeMap<String, Deployable> = BTreeMap::new();
    for file in tree.texts.iter().filter(|t| t.kind == Kind::Dockerfile && !files::incidental(&t.rel)) {
        let (dir, _) = manifests::split(&file.rel);
        let name = if dir == "." { root_name } else { manifests::dir_name(dir) };
        add(&mut units, dir, name, "dockerfile", &file.rel);
    }
    for service in compose {
        match (&service.build, &service.image) {
            (Some(dir), _) => add(&mut units, dir, &service.name, "compose", &service.file),
            (None, Some(image)) if !is_infrastructure(image) => {
                add(&mut units, &format!("compose:{}", service.name), &service.name, "compose", &service.file);
            }
            _ => {}
        }
    }
    for object in kube.iter().filter(|o| o.is_workload()) {
        let key = units.iter().find(|(_, u)| u.name == object.name).map(|(k, _)| k.clone());
        let key = key.unwrap_or_else(|| format!("kubernetes:{}", object.name));
        add(&mut units, &key, &object.name, "kubernetes", &object.file);
    }
    if units.is_empty() {
        let own = |u: &&BuildUnit| u.entry_point && !u.grouping_only && !files::incidental(&u.manifests[0]);
        for unit in builds.iter().filter(own) {
            add(&mut units, &unit.dir, &unit.name, unit.ecosystem, &unit.manifests[0]);
        }
    }
    let mut out: Vec<Deployable> = units.into_values().collect();
    for unit in &mut out {
        unit.language = language(tree, builds, unit);
        unit.kinds.sort();
        unit.kinds.dedup();
        unit.evidence.sort();
        unit.evidence.dedup();
    }
    out
}

fn add(units: &mut BTreeMap<String, Deployable>, key: &str, name: &str, kind: &str, evidence: &str) {
    let path = if key.contains(':') { evidence } else { key };
    let unit = units.entry(key.to_string()).or_insert_with(|| Deployable {
        name: name.to_string(),
        path: path.to_string(),
        kinds: Vec::new(),
        language: None,
        evidence: Vec::new(),
    });
    // A Compose service name says more than a folder name.
    if kind == "compose" {
        unit.name = name.to_string();
    }
    unit.kinds.push(kind.to_string());
    unit.evidence.push(evidence.to_string());
}

/// The main programming language of a unit's folder: most lines of code, else its build system's.
fn language(tree: &Tree, builds: &[BuildUnit], unit: &Deployable) -> Option<String> {
    if tree.has_file(&unit.path) {
        // Declared by name only (an image or a workload): its path is the file that declares it.
        return None;
    }
    let mut lines: BTreeMap<&str, u64> = BTreeMap::new();
    for file in tree.files_under(&unit.path) {
        if let Some(lang) = file.lang.filter(|l| is_programming(l)) {
            *lines.entry(lang).or_default() += file.lines.unwrap_or(0).max(1);
        }
    }
    let best = lines.into_iter().max_by_key(|(_, n)| *n).map(|(l, _)| l.to_string());
    best.or_else(|| builds.iter().find(|b| b.dir == unit.path).map(|b| default_language(b.ecosystem).to_string()))
}

pub fn is_programming(language: &str) -> bool {
    !matches!(
        language,
        "YAML"
            | "TOML"
            | "Markdown"
            | "HTML"
            | "CSS"
            | "SQL"
            | "Shell"
            | "Dockerfile"
            | "Makefile"
            | "HCL"
            | "Protocol Buffers"
    )
}

fn default_language(ecosystem: &str) -> &'static str {
    match ecosystem {
        "cargo" => "Rust",
        "npm" => "JavaScript",
        "go" => "Go",
        "maven" | "gradle" => "Java",
        "python" => "Python",
        "ruby" => "Ruby",
        "dotnet" => "C#",
        "elixir" => "Elixir",
        _ => "PHP",
    }
}
