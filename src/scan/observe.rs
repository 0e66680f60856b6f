//! Observability: libraries in build manifests, collector and shipper configuration, and the
//! images of Compose services and Kubernetes workloads.

use std::collections::BTreeSet;

use super::compose::ComposeService;
use super::kube::KubeObject;
use super::manifests::{self, BuildUnit};
use super::rules::images;
use super::rules::vendors::{self, Signal};
use super::walk::Tree;

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
        // Template text (`{{ .Values.image }}`, `${image}`) is not a name.
        if !name.contains("{{") && !name.contains("${") && !name.contains("}}") {
            self.names.insert(name.to_string());
        }
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
    /// Error tracking (Sentry and the like): not tracing, not log aggregation.
    pub errors: Hit,
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
    if ecosystem == "cargo" && dep == "tracing" {
        return o.rust_tracing.add(dep, evidence);
    }
    let Some((vendor, signal)) = vendors::find(dep, true) else { return };
    let hit = match signal {
        Signal::Tracing if vendor == "OpenTelemetry" => &mut o.opentelemetry,
        Signal::Tracing | Signal::Apm => &mut o.tracers,
        Signal::Metrics => &mut o.prometheus_client,
        Signal::Logs => &mut o.log_shippers,
        Signal::Errors => &mut o.errors,
    };
    hit.add(dep, evidence);
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
    if !yaml {
        return;
    }
    // Only active configuration counts: commented lines are dropped, and a file that switches
    // its rules off (`enabled: false`) shows no alerting.
    let active: String = text.lines().filter(|l| !l.trim_start().starts_with('#')).collect::<Vec<_>>().join("\n");
    if active.contains("receivers:") && active.contains("exporters:") && active.contains("service:") {
        o.opentelemetry.add("collector configuration", rel);
        if active.contains("logs:") {
            o.log_shippers.add("OpenTelemetry Collector (logs pipeline)", rel);
        }
    }
    if lower.starts_with("prometheus") && active.contains("scrape_configs") {
        o.prometheus_server.add("prometheus", rel);
    }
    let rules = active.contains("- alert:") && active.contains("expr:");
    let switched_off = active.contains("enabled: false") && !active.contains("enabled: true");
    if (lower.starts_with("alertmanager") || rules) && !switched_off {
        o.alerting.add("alerting rules", rel);
    }
}

fn image_hit(o: &mut Observe, image: &str, file: &str) {
    let repo = images::repository(image);
    if repo.is_empty() || repo.contains("{{") {
        return;
    }
    if repo.contains("alertmanager") {
        return o.alerting.add(&repo, file);
    }
    if repo == "prom/prometheus" || repo.ends_with("/prometheus") {
        return o.prometheus_server.add(&repo, file);
    }
    let Some((vendor, signal)) = vendors::find(&repo, false) else { return };
    let hit = match signal {
        Signal::Tracing if vendor == "OpenTelemetry" => &mut o.opentelemetry,
        Signal::Tracing | Signal::Apm => &mut o.tracers,
        Signal::Logs => &mut o.log_shippers,
        Signal::Errors => &mut o.errors,
        Signal::Metrics => return,
    };
    hit.add(&repo, file);
}
