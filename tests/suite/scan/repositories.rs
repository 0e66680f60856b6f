//! Fixture repositories: a single service with CI, Compose and Kubernetes services sharing a
//! database, a repository without CI, and this repository itself.

use std::fs;
use std::path::Path;

use super::{git, scan, write};
use crate::msadvise;

const WORKFLOW: &str = "name: CI\non:\n  push:\n  pull_request:\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: cargo build --locked\n      - run: cargo test --locked\n";

/// One Rust service with GitHub Actions that tests, a Dockerfile, and a git history of two authors.
fn single_service(root: &Path) {
    write(
        root,
        "Cargo.toml",
        "[package]\nname = \"shop\"\n\n[dependencies]\ntracing = \"0.1\"\nprometheus = \"0.13\"\n",
    );
    write(root, "src/main.rs", "fn main() {\n    println!(\"shop\");\n}\n");
    write(root, "src/lib.rs", "pub fn price() -> u32 {\n    42\n}\n");
    write(root, "Dockerfile", "FROM rust:1 AS build\nCOPY . .\nRUN cargo build --release\n");
    write(root, ".github/workflows/ci.yml", WORKFLOW);
    write(root, ".gitignore", "/generated/\n");
    write(root, "generated/huge.rs", "fn ignored() {}\n");
    write(root, "target/debug/build.rs", "fn skipped() {}\n");
    write(root, "node_modules/left-pad/index.js", "module.exports = 1;\n");
    write(root, ".devcontainer/Dockerfile", "FROM mcr.microsoft.com/devcontainers/rust\n");
    write(root, "examples/demo/Dockerfile", "FROM scratch\n");
}

#[test]
fn single_service_with_ci_that_tests() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    single_service(root);
    git(root, &["init", "-q"], "ann", 0);
    git(root, &["add", "."], "ann", 0);
    git(root, &["commit", "-q", "-m", "first"], "ann", 200);
    write(root, "src/lib.rs", "pub fn price() -> u32 {\n    43\n}\n");
    git(root, &["commit", "-q", "-am", "second"], "bob", 3);

    let r = scan(root);
    assert_eq!(r.schema_version, 1);
    let ci = r.answer("ci").expect("ci inferred");
    assert_eq!((ci.choice.as_str(), ci.confidence.as_str(), ci.dimension.as_str()), ("full", "high", "delivery"));
    assert_eq!(ci.evidence, [".github/workflows/ci.yml"]);
    assert!(ci.reason.contains("cargo test --locked"), "{}", ci.reason);
    assert_eq!(r.finding("ci.github_actions").unwrap().evidence, [".github/workflows/ci.yml"]);
    assert!(r.finding("ci.deploys.none").is_some());
    assert!(r.answer("deployment").is_none(), "no deploy step, no deployment answer");

    assert_eq!(r.deployables.len(), 1, "development containers and examples are not deployables");
    assert_eq!(r.deployables[0].path, ".");
    assert_eq!(r.deployables[0].kinds, ["dockerfile"]);
    assert_eq!(r.deployables[0].language.as_deref(), Some("Rust"));

    let monitoring = r.answer("monitoring").expect("prometheus client seen");
    assert_eq!((monitoring.choice.as_str(), monitoring.confidence.as_str()), ("technical", "low"));
    assert_eq!(monitoring.evidence, ["Cargo.toml"]);
    assert!(r.answer("logs_tracing").is_none(), "Rust `tracing` alone is not distributed tracing");
    assert_eq!(r.finding("observability.rust_tracing").unwrap().evidence, ["Cargo.toml"]);

    let rust = r.language("Rust").unwrap();
    assert_eq!((rust.files, rust.lines), (2, 6), "gitignored and skipped folders are not counted");
    let skipped = r.note("skipped_directory").unwrap();
    assert_eq!(skipped.examples, ["node_modules", "target"]);
    assert_eq!(r.stats.directories_skipped, 2);

    assert!(r.authors.available);
    assert_eq!((r.authors.last_90_days, r.authors.last_12_months), (Some(1), Some(2)));
    let engineers = r.answer("engineers").unwrap();
    assert_eq!((engineers.choice.as_str(), engineers.confidence.as_str()), ("up_to_5", "medium"));
    assert!(r.unanswered.contains(&"teams".to_string()));
    assert!(!r.unanswered.contains(&"ci".to_string()));
}

/// Three services in Compose and Kubernetes, OpenTelemetry everywhere, two on one database.
pub fn multi_service(root: &Path) {
    let compose = "services:
  orders:
    build: ./services/orders
    environment:
      DATABASE_URL: postgres://app:secret@db:5432/shop
  payments:
    build:
      context: ./services/payments
    environment:
      - DATABASE_URL=postgresql://app:secret@db/shop?sslmode=disable
  reports:
    build: ./services/reports
    env_file: services/reports/.env
  db:
    image: postgres:16
  collector:
    image: otel/opentelemetry-collector:0.90.0
";
    write(root, "docker-compose.yml", compose);
    write(
        root,
        "services/orders/go.mod",
        "module example.com/orders\n\ngo 1.22\n\nrequire (\n\tgo.opentelemetry.io/otel v1.21.0\n)\n",
    );
    write(root, "services/orders/main.go", "package main\n\nfunc main() {}\n");
    write(root, "services/orders/Dockerfile", "FROM golang:1.22\n");
    let package = r#"{"name":"payments","scripts":{"start":"node index.js"},"dependencies":{"@opentelemetry/api":"1.7.0","prom-client":"15.0.0"},"devDependencies":{"@pact-foundation/pact":"12.0.0"}}"#;
    write(root, "services/payments/package.json", package);
    write(root, "services/payments/index.js", "console.log('payments');\n");
    write(root, "services/payments/Dockerfile", "FROM node:20\n");
    write(
        root,
        "services/reports/pyproject.toml",
        "[project]\nname = \"reports\"\ndependencies = [\"opentelemetry-sdk>=1.20\"]\n",
    );
    write(root, "services/reports/app.py", "print('reports')\n");
    write(root, "services/reports/Dockerfile", "FROM python:3.12\n");
    write(root, "services/reports/.env", "DATABASE_URL=postgres://reports@analytics:5432/warehouse\n");
    for name in ["orders", "payments"] {
        let manifest = format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: example/{name}:1\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n"
        );
        write(root, &format!("k8s/{name}.yaml"), &manifest);
    }
    let gitlab = "stages: [test, deploy]\ntest:\n  stage: test\n  script:\n    - make test\ndeploy:\n  stage: deploy\n  script:\n    - kubectl apply -f k8s/\n";
    write(root, ".gitlab-ci.yml", gitlab);
    write(root, "pacts/payments-orders.json", "{}\n");
}

#[test]
fn compose_and_kubernetes_services_sharing_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    multi_service(root);
    let r = scan(root);

    let names: Vec<&str> = r.deployables.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["orders", "payments", "reports"]);
    let orders = &r.deployables[0];
    assert_eq!(orders.path, "services/orders");
    assert_eq!(orders.kinds, ["compose", "dockerfile", "kubernetes"]);
    // Most direct first: the Dockerfile that builds it, then what runs it.
    assert_eq!(orders.evidence, ["services/orders/Dockerfile", "docker-compose.yml", "k8s/orders.yaml"]);
    assert!(orders.built_here);
    assert_eq!(r.excluded("db").unwrap().category, "datastore");
    assert_eq!(r.excluded("collector").unwrap().category, "observability");
    let languages: Vec<Option<&str>> = r.deployables.iter().map(|d| d.language.as_deref()).collect();
    assert_eq!(languages, [Some("Go"), Some("JavaScript"), Some("Python")]);

    let shared = r.answer("shared_database").expect("shared database inferred");
    assert_eq!((shared.choice.as_str(), shared.confidence.as_str()), ("shared_schema", "medium"));
    assert_eq!(shared.evidence, ["docker-compose.yml"]);
    assert!(shared.reason.contains("orders, payments") && shared.reason.contains("db/shop"), "{}", shared.reason);

    // Tracing without log aggregation answers nothing about logs; the finding still says it.
    assert!(r.answer("logs_tracing").is_none());
    let tracing = r.finding("observability.opentelemetry").unwrap();
    for file in [
        "docker-compose.yml",
        "services/orders/go.mod",
        "services/payments/package.json",
        "services/reports/pyproject.toml",
    ] {
        assert!(tracing.evidence.contains(&file.to_string()), "{file} in {:?}", tracing.evidence);
    }
    assert_eq!(r.answer("monitoring").unwrap().evidence, ["services/payments/package.json"]);

    let deployment = r.answer("deployment").unwrap();
    assert_eq!(
        (deployment.choice.as_str(), deployment.evidence.as_slice()),
        ("automated", [".gitlab-ci.yml".to_string()].as_slice())
    );
    assert!(deployment.reason.contains("kubectl apply"), "{}", deployment.reason);
    let ci = r.answer("ci").unwrap();
    assert_eq!((ci.choice.as_str(), ci.confidence.as_str()), ("full", "high"));
    assert_eq!(r.answer("tech_diversity").unwrap().choice, "one_or_two");

    assert_eq!(r.finding("deploy.kubernetes").unwrap().evidence, ["k8s/orders.yaml", "k8s/payments.yaml"]);
    let pact = r.finding("coupling.contract_tests").unwrap();
    assert_eq!(pact.evidence, ["pacts/payments-orders.json", "services/payments/package.json"]);
    assert_eq!(r.stats.modules, 3);

    assert!(!r.authors.available);
    assert_eq!(r.authors.last_90_days, None);
    assert!(r.note("git").unwrap().message.contains("not in a git repository"));
    assert!(r.answer("engineers").is_none());
}

#[test]
fn a_repository_without_ci_says_so_and_infers_nothing_about_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "package.json",
        r#"{"name":"site","scripts":{"start":"node server.js"},"dependencies":{"express":"4"}}"#,
    );
    write(root, "server.js", "const express = require('express');\nexpress().listen(3000);\n");
    write(root, "README.md", "# site\n");
    let r = scan(root);
    let none = r.finding("ci.none").expect("no CI finding");
    assert!(none.summary.contains("GitHub Actions") && none.evidence.is_empty());
    assert!(r.answer("ci").is_none() && r.unanswered.contains(&"ci".to_string()));
    assert!(r.finding("deploy.none").is_some() && r.finding("observability.none").is_some());
    assert!(r.inferred.is_empty(), "{:?}", r.inferred);
    assert_eq!(r.deployables.len(), 1);
    assert_eq!(
        (r.deployables[0].name.as_str(), r.deployables[0].kinds.as_slice()),
        ("site", ["npm".to_string()].as_slice())
    );
    assert_eq!(r.deployables[0].language.as_deref(), Some("JavaScript"));
    assert_eq!(r.language("JavaScript").unwrap().lines, 2);
    assert!(r.note("no_ci").is_none());
}

#[test]
fn answers_out_is_accepted_by_assess() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    multi_service(&root);
    let answers = dir.path().join("answers.yaml");
    let out = msadvise(&["scan", root.to_str().unwrap(), "--answers-out", answers.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = fs::read_to_string(&answers).unwrap();
    assert!(text.contains("  shared_database: shared_schema\n"), "{text}");
    assert!(text.contains("  # evidence: docker-compose.yml\n"), "{text}");
    assert!(!text.contains("  teams:"), "questions not inferred are left out:\n{text}");

    let assessed = msadvise(&["assess", "--answers", answers.to_str().unwrap(), "--allow-unknown", "--format", "json"]);
    assert!(assessed.status.success(), "{}", String::from_utf8_lossy(&assessed.stderr));
    let report: serde_json::Value = serde_json::from_slice(&assessed.stdout).unwrap();
    assert!(report.get("verdict").is_some(), "{report}");
}

#[test]
fn text_and_markdown_group_findings_by_dimension() {
    let dir = tempfile::tempdir().unwrap();
    multi_service(dir.path());
    let root = dir.path().to_str().unwrap();
    let text = String::from_utf8(msadvise(&["scan", root]).stdout).unwrap();
    for heading in ["DELIVERY", "OPERATIONS", "DATA AND COUPLING", "NOT INFERRED", "DEPLOYABLES", "LANGUAGES"] {
        assert!(text.contains(heading), "{heading} in\n{text}");
    }
    assert!(text.contains("shared_database = shared_schema"), "{text}");
    let markdown = String::from_utf8(msadvise(&["scan", root, "--format", "markdown"]).stdout).unwrap();
    assert!(markdown.contains("| `shared_database` | `shared_schema` | medium |"), "{markdown}");
}

#[test]
fn this_repository_reports_its_ci_script_honestly() {
    let r = scan(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(r.finding("ci.none").is_some());
    assert_eq!(r.finding("ci.script_only").unwrap().evidence, [".ci/run"]);
    assert!(r.answer("ci").is_none());
    assert_eq!(r.deployables.len(), 1);
    assert_eq!(r.deployables[0].language.as_deref(), Some("Rust"));
}
