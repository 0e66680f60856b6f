//! `scan --answers-out` then `assess --answers`: answers the scan inferred keep its confidence in
//! the file (`inferred:`) and count by it, until a person confirms them.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::{msadvise_env, temp_dir};

/// A repository whose CI runs the tests, with two services that share one database.
fn shop(root: &Path) {
    let files = [
        (
            ".github/workflows/ci.yml",
            "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: go test ./...\n",
        ),
        (
            "compose.yaml",
            "services:\n  cart:\n    build: ./cart\n    environment:\n      DATABASE_URL: postgres://shop@pg:5432/shop\n  billing:\n    build: ./billing\n    environment:\n      DATABASE_URL: postgres://shop@pg:5432/shop\n  pg:\n    image: postgres:16\n",
        ),
        ("cart/go.mod", "module example.org/cart\n\ngo 1.22\n"),
        ("cart/main.go", "package main\n\nfunc main() {}\n"),
        ("cart/Dockerfile", "FROM golang:1.22\nCOPY . .\nRUN go build -o /cart .\n"),
        ("billing/go.mod", "module example.org/billing\n\ngo 1.22\n"),
        ("billing/main.go", "package main\n\nfunc main() {}\n"),
        ("billing/Dockerfile", "FROM golang:1.22\nCOPY . .\nRUN go build -o /billing .\n"),
    ];
    for (path, text) in files {
        let path = root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

fn run(args: &[&str]) -> String {
    let out = msadvise_env(args, &[]);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Per answered question: (weight, the `inferred` confidence if any).
fn weights(answers: &Path, more: &[&str]) -> Vec<(String, f64, Option<String>)> {
    let mut args = vec!["assess", "--answers", answers.to_str().unwrap(), "--allow-unknown", "--json"];
    args.extend(more);
    let report: Value = serde_json::from_str(&run(&args)).unwrap();
    let answers = report["answers"].as_array().unwrap().iter().filter(|a| a["status"] == "answered");
    answers
        .map(|a| {
            let question = a["question"].as_str().unwrap().to_string();
            (question, a["weight"].as_f64().unwrap(), a["inferred"].as_str().map(str::to_string))
        })
        .collect()
}

fn weight_of(weights: &[(String, f64, Option<String>)], question: &str) -> (f64, Option<String>) {
    let found = weights.iter().find(|w| w.0 == question).unwrap_or_else(|| panic!("{question} in {weights:?}"));
    (found.1, found.2.clone())
}

#[test]
fn inferred_answers_count_by_the_scans_confidence_until_a_person_confirms_them() {
    let dir = temp_dir("inferred-round-trip");
    let repo = dir.join("repo");
    shop(&repo);
    let file = dir.join("shop.yaml");
    let scan: Value = serde_json::from_str(&run(&[
        "scan",
        repo.to_str().unwrap(),
        "--json",
        "--answers-out",
        file.to_str().unwrap(),
    ]))
    .unwrap();
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("delete its line here (or this whole mapping) and it counts fully"), "{text}");
    let q = msadvise::assess::builtin_questionnaire().unwrap();
    let weight = |c: &str| match c {
        "low" => q.scoring.inferred_low.value,
        "medium" => q.scoring.inferred_medium.value,
        _ => q.scoring.inferred_high.value,
    };
    let read = weights(&file, &[]);
    let inferred = scan["inferred"].as_array().unwrap();
    for i in inferred {
        let (question, confidence) = (i["question"].as_str().unwrap(), i["confidence"].as_str().unwrap());
        assert!(text.contains("\ninferred:\n") && text.contains(&format!("\n  {question}: {confidence}\n")), "{text}");
        assert_eq!(weight_of(&read, question), (weight(confidence), Some(confidence.to_string())), "{question}");
    }
    // The fixture gives one answer of each kind the scan is sure of to a different degree.
    let medium = inferred.iter().find(|i| i["confidence"] == "medium").expect("a medium-confidence answer");
    let question = medium["question"].as_str().unwrap();
    assert_eq!(question, "shared_database");
    assert!(inferred.iter().any(|i| i["confidence"] == "high"), "{inferred:?}");

    // The reports say which answers were inferred and how much they count.
    let args = ["assess", "--answers", file.to_str().unwrap(), "--allow-unknown"];
    let counts = format!("(medium confidence, counts ×{})", q.scoring.inferred_medium.value);
    // Words as they read, wherever the lines are broken.
    let text_report = run(&args).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text_report.contains("Inferred by a scan, not confirmed by a person: "), "{text_report}");
    assert!(text_report.contains(&format!("shared_database {counts}")), "{text_report}");
    assert!(text_report.contains("deletes its line under `inferred:`"), "{text_report}");
    let markdown = run(&[&args[..], &["--format", "markdown"]].concat());
    assert!(markdown.contains(&format!("`shared_database` {counts}")), "{markdown}");
    assert!(markdown.contains("(inferred by a scan: medium confidence, counts ×"), "{markdown}");

    // Deleting the line confirms the answer: it counts fully, the others as before.
    let confirmed = dir.join("confirmed.yaml");
    fs::write(&confirmed, text.replace(&format!("\n  {question}: medium\n"), "\n")).unwrap();
    let read = weights(&confirmed, &[]);
    assert_eq!(weight_of(&read, question), (1.0, None));
    assert!(read.iter().filter(|w| w.0 != question).all(|w| w.2.is_some()), "{read:?}");

    // So does a person's answer given with --set; --save keeps the marks of the answers not changed.
    let saved = dir.join("saved.yaml");
    let set = format!("{question}=shared_schema");
    let read = weights(&file, &["--set", &set, "--save", saved.to_str().unwrap()]);
    assert_eq!(weight_of(&read, question), (1.0, None));
    let saved = fs::read_to_string(&saved).unwrap();
    assert!(!saved.contains(&format!("  {question}: medium")), "{saved}");
    for i in inferred.iter().filter(|i| i["question"] != question) {
        assert!(saved.contains(&format!(
            "\n  {}: {}\n",
            i["question"].as_str().unwrap(),
            i["confidence"].as_str().unwrap()
        )));
    }
    let _ = fs::remove_dir_all(&dir);
}
