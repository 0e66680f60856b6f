//! Observability: libraries in build manifests, collector and shipper configuration, and the
//! images of Compose services and Kubernetes workloads.

use std::collections::BTreeSet;

use super::compose::ComposeService;
use super::kube::KubeObject;
use super::manifests::{self, BuildUnit};
use super::walk::Tree;

const TRACERS: &[&str] = &[
    "jaeger",
    "zipkin",
    "dd-trace",
    "ddtrace",
    "datadog",
    "newrelic",
    "elastic-apm",
    "elasticapm",
    "opencensus",
    "skywalking",
    "aws-xray",
    "honeycomb",
    "libhoney",
    "lightstep",
];
const SHIPPER_LIBS: &[&str] = &["logstash", "fluent-logger", "fluentd", "fluent-bit", "loki", "gelf"];
const SHIPPER_IMAGES: &[&str] = &["fluentd", "fluent-bit", "vector", "logstash", "promtail", "filebeat", "alloy"];

/// Names found and the files that show them.
#[derive(Debug, Default, Clone)]
pub struct Hit {
    pub names: BTreeSet<String>,
    pub evidence: BTreeSet<String>,
}

impl Hit {
    pub fn found(&self) -> bool {
        !self.evidence.is_empty()
    }

    fn add(&mut self, name: &str, evidence: &str) {
        self.names.insert(name.to_string());
        self.evidence.insert(evidence.to_string());
    }
}

#[derive(Debug, Default)]
pub struct Observe {
    pub opentelemetry: Hit,
    pub prometheus_client: Hit,
    pub tracers: Hit,
    /// Rust's `tracing`: structured, in-process spans and logs; distributed only with an exporter.
    pub rust_tracing: Hit,
    pub log_shippers: Hit,
    pub prometheus_server: Hit,
    pub alerting: Hit,
}

pub fn detect(tree: &Tree, builds: &[BuildUnit], compose: &[ComposeService], kube: &[KubeObject]) -> Observe {
    let mut o = Observe::default();
    for unit in builds {
        let evidence = &unit.manifests[0];
        for dep in &unit.deps {
            library(&mut o, unit.ecosystem, dep, evidence);
        }
    }
    for file in &tree.texts {
        config(&mut o, &file.rel, &file.text);
    }
    let images = compose
        .iter()
        .filter_map(|s| s.image.as_deref().map(|i| (i, s.file.as_str())))
        .chain(kube.iter().flat_map(|k| k.images.iter().map(|i| (i.as_str(), k.file.as_str()))));
    for (image, file) in images {
        image_hit(&mut o, image, file);
    }
    for object in kube {
        match object.kind.as_str() {
            "ServiceMonitor" | "PodMonitor" => o.prometheus_server.add(&object.kind, &object.file),
            "PrometheusRule" => o.alerting.add(&object.kind, &object.file),
            _ => {}
        }
    }
    o
}

fn library(o: &mut Observe, ecosystem: &str, dep: &str, evidence: &str) {
    if dep.contains("opentelemetry") {
        o.opentelemetry.add(dep, evidence);
    } else if dep == "prom-client" || dep.contains("prometheus") {
        o.prometheus_client.add(dep, evidence);
    } else if TRACERS.iter().any(|t| dep.contains(t)) {
        o.tracers.add(dep, evidence);
    } else if ecosystem == "cargo" && dep == "tracing" {
        o.rust_tracing.add(dep, evidence);
    } else if SHIPPER_LIBS.iter().any(|t| dep.contains(t)) {
        o.log_shippers.add(dep, evidence);
    }
}

fn config(o: &mut Observe, rel: &str, text: &str) {
    let (dir, name) = manifests::split(rel);
    let lower = name.to_ascii_lowercase();
    let yaml = lower.ends_with(".yml") || lower.ends_with(".yaml");
    let shipper =
        ["fluent", "td-agent", "logstash", "vector.", "promtail", "filebeat"].iter().any(|p| lower.starts_with(p))
            || lower.ends_with(".alloy")
            || (manifests::dir_name(dir) == "logstash" && lower.ends_with(".conf"));
    if shipper {
        let tool = lower.split(['.', '-', '_']).next().unwrap_or(&lower).to_string();
        o.log_shippers.add(&tool, rel);
    }
    if yaml && text.contains("receivers:") && text.contains("exporters:") && text.contains("service:") {
        o.opentelemetry.add("collector configuration", rel);
    }
    if yaml && lower.starts_with("prometheus") && text.contains("scrape_configs") {
        o.prometheus_server.add("prometheus", rel);
    }
    if yaml && (lower.starts_with("alertmanager") || (text.contains("- alert:") && text.contains("expr:"))) {
        o.alerting.add("alerting rules", rel);
    }
}

fn image_hit(o: &mut Observe, image: &str, file: &str) {
    let lower = image.to_ascii_lowercase();
    let repo = lower.split([':', '@']).next().unwrap_or(&lower);
    if repo.contains("opentelemetry-collector") || repo.starts_with("otel/") {
        o.opentelemetry.add(repo, file);
    } else if repo.contains("jaeger") || repo.contains("zipkin") || repo.contains("tempo") {
        o.tracers.add(repo, file);
    } else if repo == "prom/prometheus" || repo.ends_with("/prometheus") {
        o.prometheus_server.add(repo, file);
    } else if repo.contains("alertmanager") {
        o.alerting.add(repo, file);
    } else if SHIPPER_IMAGES.iter().any(|s| repo.rsplit('/').next().is_some_and(|last| last.starts_with(s))) {
        o.log_shippers.add(repo, file);
    }
}
