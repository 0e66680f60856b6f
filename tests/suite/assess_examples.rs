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

/// Every "what would change the verdict" entry of every example, re-run through the command
/// line with `--set`, reaches the verdict it states.
#[test]
fn every_what_would_change_entry_reaches_its_verdict_with_set() {
    let mut checked = 0;
    for folder in ["examples/cases", "examples/profiles"] {
        for file in std::fs::read_dir(folder).unwrap() {
            let path = file.unwrap().path().to_string_lossy().to_string();
            let (_, doc) = verdict(&path);
            for flip in doc["what_would_change"].as_array().unwrap() {
                let sets: Vec<String> = flip["changes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| format!("{}={}", c["question"].as_str().unwrap(), c["to"].as_str().unwrap()))
                    .collect();
                let mut args = vec!["assess", "--answers", path.as_str(), "--format", "json"];
                for s in &sets {
                    args.extend(["--set", s.as_str()]);
                }
                let out = msadvise(&args);
                let after: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                assert_eq!(after["verdict"], flip["verdict"], "{path} with {sets:?}");
                assert_eq!(after["fit_score"], flip["fit_score"], "{path} with {sets:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 30, "only {checked} entries");
}

/// A strong profile whose delivery and operations are unknown is never reported as ready, and a
/// CI gate catches it: `--min-confidence medium` and `--require-verified` exit 3.
#[test]
fn a_strong_profile_with_readiness_unknown_fails_the_ci_gates() {
    let readiness = [
        "ci",
        "deployment",
        "deploy_frequency",
        "lead_time",
        "rollback",
        "change_failure_rate",
        "provisioning",
        "time_to_restore",
        "monitoring",
        "logs_tracing",
        "on_call",
        "platform",
    ];
    let sets: Vec<String> = readiness.iter().map(|q| format!("{q}=unknown")).collect();
    let mut args = vec!["assess", "--answers", "examples/profiles/platform-org.yaml"];
    for s in &sets {
        args.extend(["--set", s.as_str()]);
    }
    let mut json = args.clone();
    json.extend(["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&msadvise(&json).stdout).unwrap();
    assert_eq!(doc["readiness"]["prerequisites"], "unverified");
    assert_eq!(doc["confidence"]["level"], "low");
    assert!(!doc["to_verify"].as_array().unwrap().is_empty());
    let mut gate = args.clone();
    gate.extend(["--fail-on", "not-ready", "--min-confidence", "medium"]);
    let out = msadvise(&gate);
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("TO VERIFY BEFORE RELYING ON THIS VERDICT"), "{text}");
    let mut strict = args.clone();
    strict.push("--require-verified");
    assert_eq!(msadvise(&strict).status.code(), Some(3));
    let ready = msadvise(&["assess", "--answers", "examples/profiles/platform-org.yaml", "--require-verified"]);
    assert_eq!(ready.status.code(), Some(0), "verified prerequisites pass the gate");
}

/// The stop sign that decides the verdict names itself, with its source.
#[test]
fn a_stop_sign_that_decides_names_itself() {
    let out = msadvise(&[
        "assess",
        "--answers",
        "examples/profiles/platform-org.yaml",
        "--set",
        "boundary_changes=constantly",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["verdict"], "modular-monolith");
    assert_eq!(doc["stop_sign"]["id"], "unclear_boundaries");
    assert!(doc["rationale"].as_str().unwrap().contains("distributed monolith"));
    assert!(!doc["stop_sign"]["source"].as_str().unwrap().is_empty());
}

/// Questions added after answers files were written, and questions asked only because their
/// condition rests on a "don't know", are not required: they count as "don't know".
#[test]
fn an_older_answers_file_still_assesses_without_a_terminal() {
    let text = std::fs::read_to_string("examples/profiles/platform-org.yaml").unwrap();
    let added = [
        "services_per_team",
        "distributed_experience",
        "ops_capacity",
        "deployment_model",
        "change_failure_rate",
        "time_to_restore",
    ];
    let older: String = text
        .lines()
        .filter(|l| !l.contains("release_contention") && !added.iter().any(|q| l.contains(q)))
        .map(|l| if l.trim_start().starts_with("teams:") { "  teams: unknown" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    let dir = crate::temp_dir("older-answers");
    let path = dir.join("older.yaml");
    std::fs::write(&path, older).unwrap();
    let (_, doc) = verdict(&path.to_string_lossy());
    let status =
        |id: &str| doc["answers"].as_array().unwrap().iter().find(|a| a["question"] == id).unwrap()["status"].clone();
    assert_eq!(status("release_contention"), "unknown");
    assert_eq!(status("services_per_team"), "unknown");
}
