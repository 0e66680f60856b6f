//! CI judged by what its commands do, and deployment only to a lasting environment.

use super::fixture;

fn workflow(on: &str, steps: &str) -> String {
    format!(
        "name: CI\non:\n{on}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n{steps}"
    )
}

const PUSH: &str = "  push:\n    branches: [main]\n  pull_request:\n";

fn ci_choice(files: &[(&str, &str)]) -> Option<String> {
    let (_d, r) = fixture(files);
    r.answer("ci").map(|a| a.choice.clone())
}

#[test]
fn a_job_named_test_that_only_builds_images_is_partial() {
    let steps = "      - name: Run the tests\n        run: docker-compose build\n";
    assert_eq!(ci_choice(&[(".github/workflows/test.yml", &workflow(PUSH, steps))]).as_deref(), Some("partial"));
}

#[test]
fn echo_is_not_a_test() {
    let steps = "      - run: echo testing done\n      - run: echo \"go test ./...\"\n";
    assert_eq!(ci_choice(&[(".github/workflows/ci.yml", &workflow(PUSH, steps))]).as_deref(), Some("partial"));
}

#[test]
fn build_commands_that_run_tests_by_default_are_full() {
    for command in [
        "./mvnw -B verify",
        "mvn package",
        "./gradlew build",
        "cargo test",
        "go test ./...",
        "dotnet test",
        "pytest -q",
        "npm test",
    ] {
        let steps = format!("      - run: {command}\n");
        let choice = ci_choice(&[(".github/workflows/ci.yml", &workflow(PUSH, &steps))]);
        assert_eq!(choice.as_deref(), Some("full"), "{command}");
    }
    let skipped = "      - run: mvn package -DskipTests\n";
    assert_eq!(ci_choice(&[(".github/workflows/ci.yml", &workflow(PUSH, skipped))]).as_deref(), Some("partial"));
}

#[test]
fn scripts_the_job_calls_are_followed_one_level() {
    let steps = "      - name: build\n        run: ./scripts/check.sh\n";
    let (_d, r) = fixture(&[
        (".github/workflows/ci.yml", &workflow(PUSH, steps)),
        ("scripts/check.sh", "#!/bin/sh\nset -e\npython -m pytest tests\n"),
    ]);
    let ci = r.answer("ci").unwrap();
    assert_eq!((ci.choice.as_str(), ci.evidence[0].as_str()), ("full", "scripts/check.sh"));
}

#[test]
fn labels_path_filters_and_pr_workflows_are_not_deployments() {
    let labeller = "name: Label\non:\n  pull_request:\n    paths:\n      - 'terraform/**'\n      - 'charts/**'\njobs:\n  label:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/labeler@v5\n        with:\n          labels: helm-update-required, test deployment\n";
    let (_d, r) = fixture(&[(".github/workflows/label.yml", labeller)]);
    assert!(r.answer("deployment").is_none(), "{:?}", r.answer("deployment"));
}

#[test]
fn deploying_into_a_cluster_made_in_the_same_job_is_a_test() {
    let steps = "      - uses: helm/kind-action@v1\n      - run: kind create cluster --name ci\n      - run: kubectl apply -f k8s/\n      - run: helm upgrade --install shop charts/shop\n";
    let (_d, r) = fixture(&[(".github/workflows/e2e.yml", &workflow(PUSH, steps))]);
    assert!(r.answer("deployment").is_none());
    assert!(r.finding("ci.deploys_to_test_cluster").is_some());
}

#[test]
fn deploys_on_pushes_to_main_are_automated_and_by_hand_are_scripted() {
    let steps = "      - run: helm upgrade --install shop charts/shop --namespace prod\n";
    let (_d, r) = fixture(&[(".github/workflows/deploy.yml", &workflow("  push:\n    branches: [main]\n", steps))]);
    assert_eq!(r.answer("deployment").unwrap().choice, "automated");
    let (_d, r) = fixture(&[(".github/workflows/deploy.yml", &workflow("  workflow_dispatch:\n", steps))]);
    assert_eq!(r.answer("deployment").unwrap().choice, "scripted");
    let (_d, r) = fixture(&[(".github/workflows/deploy.yml", &workflow("  pull_request:\n", steps))]);
    assert!(r.answer("deployment").is_none());
}

#[test]
fn cloud_deploy_actions_and_travis_defaults_are_recognised() {
    let steps = "      - uses: google-github-actions/deploy-cloudrun@v2\n        with:\n          service: shop\n";
    let (_d, r) = fixture(&[(".github/workflows/deploy.yml", &workflow("  push:\n    tags: ['v*']\n", steps))]);
    assert_eq!(r.answer("deployment").unwrap().choice, "automated");
    assert_eq!(ci_choice(&[(".travis.yml", "language: java\njdk: openjdk17\n")]).as_deref(), Some("full"));
}
