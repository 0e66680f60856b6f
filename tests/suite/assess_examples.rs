//! Every answers file in `examples/` loads, and gets a verdict a good advisor would defend.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::msadvise;

#[derive(Debug, Deserialize)]
struct Expected {
    cases: BTreeMap<String, Entry>,
    profiles: BTreeMap<String, Entry>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    acceptable: Vec<String>,
    #[allow(dead_code)]
    why: String,
}

fn expected() -> Expected {
    let text = std::fs::read_to_string("examples/expected.yaml").unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

fn verdict(path: &str) -> (String, serde_json::Value) {
    let out = msadvise(&["assess", "--answers", path, "--format", "json"]);
    assert!(out.status.success(), "{path}: {}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (doc["verdict"].as_str().unwrap().to_string(), doc)
}

fn check_folder(folder: &str, entries: &BTreeMap<String, Entry>) {
    let mut seen = 0;
    for file in std::fs::read_dir(folder).unwrap() {
        let path = file.unwrap().path();
        let id = path.file_stem().unwrap().to_string_lossy().to_string();
        let entry =
            entries.get(&id).unwrap_or_else(|| panic!("{id} has no expected verdicts in examples/expected.yaml"));
        let (got, doc) = verdict(&path.to_string_lossy());
        assert!(
            entry.acceptable.contains(&got),
            "{id}: verdict {got} (fit {}) is not one of {:?}",
            doc["fit_score"],
            entry.acceptable
        );
        seen += 1;
    }
    assert_eq!(seen, entries.len(), "every expected entry in {folder} has a file");
}

#[test]
fn calibration_cases_get_an_acceptable_verdict() {
    let e = expected();
    assert_eq!(e.cases.len(), 8);
    check_folder("examples/cases", &e.cases);
}

#[test]
fn typical_profiles_get_a_sensible_verdict() {
    check_folder("examples/profiles", &expected().profiles);
}

#[test]
fn the_report_explains_itself() {
    let (v, doc) = verdict("examples/profiles/services-without-cicd.yaml");
    assert!(["not-ready", "modular-monolith"].contains(&v.as_str()));
    for key in [
        "fit_score",
        "confidence",
        "dimensions",
        "readiness",
        "reasons",
        "blockers",
        "risks",
        "what_would_change",
        "next_steps",
        "answers",
    ] {
        assert!(doc.get(key).is_some(), "report lacks {key}");
    }
    let blockers = doc["blockers"].as_array().unwrap();
    assert!(blockers.iter().any(|b| b["check"] == "automated_deployment"), "missing CI/CD is a blocker");
    assert!(
        blockers.iter().all(|b| !b["plan"].as_str().unwrap().is_empty() && !b["topics"].as_array().unwrap().is_empty())
    );
    assert!(!doc["what_would_change"].as_array().unwrap().is_empty());
}

#[test]
fn text_and_markdown_reports_render() {
    let out = msadvise(&["assess", "--answers", "examples/profiles/queueing-monolith.yaml"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Verdict: "), "{text}");
    for heading in ["DIMENSIONS", "READINESS", "WHAT WOULD CHANGE THE VERDICT", "NEXT STEPS"] {
        assert!(text.contains(heading), "text report lacks {heading}");
    }
    let out = msadvise(&["assess", "--answers", "examples/profiles/queueing-monolith.yaml", "--format", "markdown"]);
    let md = String::from_utf8(out.stdout).unwrap();
    for heading in [
        "# Architecture decision:",
        "## Context",
        "## Decision",
        "## Consequences",
        "## What would change this decision",
    ] {
        assert!(md.contains(heading), "decision record lacks {heading}");
    }
}
