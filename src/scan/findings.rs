//! Findings in words, grouped by questionnaire dimension, each with the files that show it.

use super::Facts;
use super::ci::{self, Signal};
use super::infer::MAX_EVIDENCE;
use super::observe::Hit;
use super::report::Finding;

/// (dimension id, findings) in report order.
pub fn all(f: &Facts) -> Vec<(&'static str, Vec<Finding>)> {
    vec![
        ("delivery", delivery(f)),
        ("operations", operations(f)),
        ("data", data(f)),
        ("technology", technology(f)),
        ("organisation", organisation(f)),
        ("load", load(f)),
    ]
}

/// A finding whose evidence comes most direct first; the order is kept and the list cut at
/// `MAX_EVIDENCE`, with the total kept.
pub fn finding<S: AsRef<str>>(id: &str, summary: String, evidence: impl IntoIterator<Item = S>) -> Finding {
    let (evidence, evidence_total) = ranked(evidence.into_iter().map(|s| s.as_ref().to_string()));
    Finding { id: id.to_string(), summary, evidence, evidence_total }
}

/// Evidence without repeats, in the order given (most direct first), cut at `MAX_EVIDENCE`; and
/// how many there were.
pub fn ranked(evidence: impl IntoIterator<Item = String>) -> (Vec<String>, u64) {
    let mut seen = std::collections::BTreeSet::new();
    let mut out: Vec<String> = evidence.into_iter().filter(|e| seen.insert(e.clone())).collect();
    let total = out.len() as u64;
    out.truncate(MAX_EVIDENCE);
    (out, total)
}

fn delivery(f: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    for (system, files) in &f.ci.systems {
        let id = format!("ci.{}", system.to_ascii_lowercase().replace(' ', "_"));
        out.push(finding(&id, format!("{system} is configured ({})", plural(files.len(), "file", "files")), files));
    }
    if f.ci.systems.is_empty() {
        out.push(finding("ci.none", format!("No configuration of a known CI system ({})", ci::KNOWN_SYSTEMS), none()));
        if !f.ci.orphan_scripts.is_empty() {
            let runs = f.ci.tests.as_ref().map(|t| format!(" and runs tests (`{}`)", t.line)).unwrap_or_default();
            let verb = if f.ci.orphan_scripts.len() == 1 { "looks" } else { "look" };
            let summary = format!(
                "{} {verb} like a CI script{runs}, but nothing in the repository shows a CI system running it",
                f.ci.orphan_scripts.join(", ")
            );
            out.push(finding("ci.script_only", summary, &f.ci.orphan_scripts));
        }
    } else {
        out.push(signal("ci.tests", "CI runs tests", &f.ci.tests, "No test step found in the CI configuration"));
        out.push(signal(
            "ci.deploys",
            "CI deploys on pushes, tags, releases or a schedule",
            &f.ci.deploys,
            "No CI command deploys to a lasting environment on its own",
        ));
        if let Some(s) = &f.ci.manual_deploys {
            out.push(finding(
                "ci.deploys_by_hand",
                format!("A pipeline started by hand deploys (`{}`)", s.line),
                &s.files,
            ));
        }
        if let Some(s) = &f.ci.cluster_tests {
            let summary = format!("CI deploys into a cluster it creates in the same job, a test (`{}`)", s.line);
            out.push(finding("ci.deploys_to_test_cluster", summary, &s.files));
        }
    }
    let d = &f.deploy;
    let kinds = [
        ("deploy.helm", "Helm charts", &d.helm),
        ("deploy.kubernetes", "Kubernetes manifests (Deployment, StatefulSet, DaemonSet or Service)", &d.kubernetes),
        ("deploy.terraform", "Terraform files", &d.terraform),
        ("deploy.bicep", "Bicep files", &d.bicep),
        ("deploy.pulumi", "Pulumi projects", &d.pulumi),
        ("deploy.gitops", "GitOps objects (Argo CD Application or Flux Kustomization/HelmRelease)", &d.gitops),
        ("deploy.serverless", "Serverless Framework configuration", &d.serverless),
    ];
    for (id, what, files) in kinds.into_iter().filter(|(_, _, files)| !files.is_empty()) {
        out.push(finding(id, format!("{what}: {}", plural(files.len(), "file", "files")), files));
    }
    if f.ci.deploys.is_none() && d.gitops.is_empty() && d.as_code().is_empty() {
        let summary = "No deployment automation found (deploy jobs, Helm, Kubernetes, Terraform, Pulumi, Argo CD, \
                       Flux or Serverless files)";
        out.push(finding("deploy.none", summary.to_string(), none()));
    }
    out
}

fn signal(id: &str, what: &str, signal: &Option<Signal>, missing: &str) -> Finding {
    match signal {
        Some(s) => finding(id, format!("{what} (`{}`)", s.line), &s.files),
        None => finding(&format!("{id}.none"), missing.to_string(), none()),
    }
}

fn operations(f: &Facts) -> Vec<Finding> {
    let o = &f.observe;
    let hits: [(&str, &str, &Hit); 8] = [
        ("observability.opentelemetry", "OpenTelemetry", &o.opentelemetry),
        ("observability.tracing_library", "Distributed tracing libraries or backends", &o.tracers),
        ("observability.log_shipping", "Log shipping", &o.log_shippers),
        ("observability.prometheus_client", "Prometheus client libraries", &o.prometheus_client),
        ("observability.prometheus", "Prometheus scraping configuration", &o.prometheus_server),
        ("observability.alerting", "Alerting rules", &o.alerting),
        ("observability.error_tracking", "Error tracking (not tracing or log aggregation)", &o.errors),
        (
            "observability.rust_tracing",
            "Rust `tracing` (in-process spans and structured logs; not distributed tracing without an exporter)",
            &o.rust_tracing,
        ),
    ];
    let mut out: Vec<Finding> = hits
        .into_iter()
        .filter(|(_, _, hit)| hit.found())
        .map(|(id, what, hit)| {
            let names: Vec<&str> = hit.names.iter().map(String::as_str).take(6).collect();
            let more = hit.names.len().saturating_sub(names.len());
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            finding(id, format!("{what}: {}{more}", names.join(", ")), &hit.evidence)
        })
        .collect();
    if out.is_empty() {
        let summary = "No observability libraries or configuration found (OpenTelemetry, Prometheus clients, tracing \
                       libraries, log shippers)";
        out.push(finding("observability.none", summary.to_string(), none()));
    }
    out
}

fn data(f: &Facts) -> Vec<Finding> {
    let c = &f.coupling;
    let mut out = Vec::new();
    // One database seen under several hosts (a development and a production setting) by the same
    // deployables is one finding.
    let mut shared: std::collections::BTreeMap<(&str, Vec<&str>), SharedDb<'_>> = Default::default();
    for (db, users, files) in c.shared_databases() {
        let name = db.rsplit_once('/').map_or(db.as_str(), |(_, n)| n);
        let entry = shared.entry((name, users.iter().map(String::as_str).collect())).or_default();
        entry.0.push(db);
        entry.1.extend(files);
    }
    for ((_, users), (dbs, files)) in shared {
        let dbs: Vec<String> = dbs.iter().map(|d| format!("`{d}`")).collect();
        let summary = format!(
            "{} deployables point at the same database {}: {}",
            users.len(),
            dbs.join(" and "),
            users.join(", ")
        );
        out.push(finding("coupling.shared_database", summary, files));
    }
    if !c.databases.is_empty() {
        let mut named: Vec<String> = c
            .databases
            .iter()
            .take(NAMES_IN_SUMMARY * 2)
            .map(|(db, (users, _))| format!("{db} ({})", join_set(users)))
            .collect();
        if c.databases.len() > named.len() {
            named.push(format!("and {} more", c.databases.len() - named.len()));
        }
        let files: Vec<&String> = c.databases.values().flat_map(|(_, files)| files).collect();
        let summary = format!("Databases named in connection settings: {}", named.join(", "));
        out.push(finding("coupling.databases", summary, files));
    }
    for (lib, dirs) in c.shared_vendored() {
        let summary = format!(
            "`{lib}` is vendored into {} folders; copies drift, and if it is your own library the deployables are coupled through it",
            dirs.len()
        );
        out.push(finding("coupling.vendored_library", summary, dirs));
    }
    if !c.pact.is_empty() {
        out.push(finding("coupling.contract_tests", "Consumer-driven contract tests (Pact)".to_string(), &c.pact));
    }
    if out.is_empty() {
        let summary = "No database connection settings, vendored libraries or contract tests found";
        out.push(finding("coupling.none", summary.to_string(), none()));
    }
    out
}

/// The `host/name` forms of one shared database, and the files that show them.
type SharedDb<'a> = (Vec<&'a str>, Vec<&'a String>);

fn join_set(items: &std::collections::BTreeSet<String>) -> String {
    items.iter().map(String::as_str).collect::<Vec<_>>().join(", ")
}

fn none() -> Vec<String> {
    Vec::new()
}

fn technology(f: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    let top: Vec<String> = f.languages.iter().take(8).map(|l| format!("{} {} lines", l.language, l.lines)).collect();
    if !top.is_empty() {
        out.push(finding("size.languages", format!("Lines by language: {}", top.join(", ")), none()));
    }
    // Counted per language, not listed per deployable: the names are in the list of deployables.
    let mut by_language: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for d in &f.deployables {
        *by_language.entry(d.language.as_deref().unwrap_or("language not visible")).or_default() += 1;
    }
    if f.deployables.len() > 1 {
        let stacks: Vec<String> = by_language.iter().map(|(l, n)| format!("{l} ×{n}")).collect();
        let paths = f.deployables.iter().map(|d| d.path.clone());
        out.push(finding("technology.stacks", format!("Deployables by language: {}", stacks.join(", ")), paths));
    }
    out
}

fn organisation(f: &Facts) -> Vec<Finding> {
    let a = &f.authors;
    let mut out = Vec::new();
    match (a.available, a.last_90_days, a.last_12_months) {
        (true, Some(d90), Some(m12)) => {
            let summary = format!(
                "{} in the last 90 days, {m12} in the last 12 months (git log, by e-mail address)",
                plural(d90 as usize, "distinct commit author", "distinct commit authors")
            );
            out.push(finding("team.authors", summary, &a.repositories));
        }
        _ => out.push(finding("team.no_history", "No git history: commit authors not counted".to_string(), none())),
    }
    let modules: Vec<&String> = f.builds.iter().filter(|b| !b.grouping_only).map(|b| &b.manifests[0]).collect();
    if !modules.is_empty() {
        out.push(finding(
            "size.modules",
            format!("{} (packages, modules or projects)", plural(modules.len(), "build unit", "build units")),
            modules,
        ));
    }
    out
}

/// Names are listed here only for a handful; a long list lives under the deployables.
const NAMES_IN_SUMMARY: usize = 8;

fn load(f: &Facts) -> Vec<Finding> {
    let n = f.deployables.len();
    let paths = f.deployables.iter().map(|d| d.path.clone());
    let names: Vec<&str> = f.deployables.iter().map(|d| d.name.as_str()).collect();
    let excluded = if f.excluded.is_empty() {
        String::new()
    } else {
        format!(
            "; {} not counted (images used as is, datastores, tools...)",
            plural(f.excluded.len(), "candidate", "candidates")
        )
    };
    let summary = match n {
        0 => format!(
            "No deployable unit recognised (no Dockerfile, Compose service, Kubernetes workload or program){excluded}"
        ),
        1 => format!("One deployable unit: {}{excluded}", names.join(", ")),
        _ if n <= NAMES_IN_SUMMARY => format!(
            "{n} deployable units: {}{excluded}. How they divide the domain cannot be seen in files",
            names.join(", ")
        ),
        _ => format!(
            "{n} deployable units (listed under Deployables){excluded}. How they divide the domain cannot be seen in files"
        ),
    };
    vec![finding("deployables", summary, paths)]
}

/// "1 file", "2 files".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
