//! Fitting scripts, CI and teams: schemas, policy exit status, files, shell integration, packs.

use std::path::PathBuf;

use crate::{msadvise, msadvise_env};

const SCHEMAS: [&str; 10] =
    ["assessment", "answers", "topic", "topics", "questions", "search", "compare", "glossary", "scan", "boundaries"];

fn stdout(args: &[&str]) -> String {
    let out = msadvise(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn committed_schemas_match_the_code() {
    for name in SCHEMAS {
        let generated = stdout(&["schema", name]);
        let path = PathBuf::from(format!("schemas/{name}.json"));
        if std::env::var_os("MSADVISE_UPDATE_SCHEMAS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            committed, generated,
            "schemas/{name}.json drifted: run MSADVISE_UPDATE_SCHEMAS=1 cargo test --test suite ecosystem"
        );
    }
}

fn validate(schema: &str, instance: &serde_json::Value, what: &str) {
    let schema: serde_json::Value = serde_json::from_str(&stdout(&["schema", schema])).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not match its schema:\n{}", errors.join("\n"));
}

/// A repository of two modules and one commit, so the test does not depend on this checkout's
/// history (a source tarball has none).
fn small_repository() -> String {
    let dir = crate::temp_dir("ecosystem-boundaries");
    for f in ["a/x.rs", "b/y.rs"] {
        std::fs::create_dir_all(dir.join(f).parent().unwrap()).unwrap();
        std::fs::write(dir.join(f), "x").unwrap();
    }
    for args in
        [&["init", "-q"][..], &["add", "-A"], &["-c", "user.name=T", "-c", "user.email=t@x", "commit", "-qm", "x"]]
    {
        let ok = std::process::Command::new("git")
            .arg("-C")
            .arg(&dir)
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .status()
            .unwrap();
        assert!(ok.success(), "git {args:?}");
    }
    dir.to_str().unwrap().to_string()
}

fn json_of(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout(args)).unwrap()
}

#[test]
fn real_output_validates_against_the_schemas() {
    validate("topic", &json_of(&["explain", "--json"]), "explain");
    validate("topic", &json_of(&["explain", "saga", "--json", "-s", "definition"]), "explain --section");
    validate("topics", &json_of(&["topics", "--json"]), "topics");
    validate("questions", &json_of(&["questions", "--json"]), "questions");
    validate("search", &json_of(&["search", "retry", "--json"]), "search");
    validate("compare", &json_of(&["compare", "monolith", "microservices", "--json"]), "compare");
    validate("glossary", &json_of(&["glossary", "--json"]), "glossary");
    validate("scan", &json_of(&["scan", ".", "--json"]), "scan of this repository");
    validate("boundaries", &json_of(&["boundaries", &small_repository(), "--json"]), "boundaries");
    for example in std::fs::read_dir("examples/cases").unwrap().chain(std::fs::read_dir("examples/profiles").unwrap()) {
        let path = example.unwrap().path();
        let p = path.to_str().unwrap();
        validate("assessment", &json_of(&["assess", "--answers", p, "--json"]), p);
        let file: serde_json::Value = serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        validate("answers", &file, p);
    }
    let team = json_of(&["assess", "-a", "examples/team/alice.yaml", "-a", "examples/team/bob.yaml", "--json"]);
    validate("assessment", &team, "team assessment");
}

#[test]
fn a_policy_violation_exits_3_after_the_whole_report() {
    let out = msadvise(&[
        "assess",
        "-a",
        "examples/profiles/services-without-cicd.yaml",
        "--fail-on",
        "not-ready,modular-monolith",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(3));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["verdict"] == "not-ready" || report["verdict"] == "modular-monolith");
    assert!(String::from_utf8_lossy(&out.stderr).contains("policy violated: the verdict is"));
    let ok = msadvise(&[
        "assess",
        "-a",
        "examples/profiles/platform-org.yaml",
        "--fail-on",
        "not-ready",
        "--min-confidence",
        "medium",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    let low = msadvise(&["assess", "-a", "examples/cases/lyft-2015.yaml", "--min-confidence", "high"]);
    assert_eq!(low.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&low.stderr).contains("below --min-confidence high"));
}

fn temp(name: &str) -> PathBuf {
    crate::temp_dir(&format!("eco-{name}"))
}

#[test]
fn output_files_are_written_whole_or_not_at_all() {
    let dir = temp("output");
    let adr = dir.join("0001-architecture.md");
    let out = msadvise(&[
        "assess",
        "-a",
        "examples/profiles/queueing-monolith.yaml",
        "--format",
        "markdown",
        "--output",
        adr.to_str().unwrap(),
    ]);
    assert!(out.status.success() && out.stdout.is_empty());
    let text = std::fs::read_to_string(&adr).unwrap();
    assert!(text.starts_with("# Architecture decision: ") && text.contains("## What would change this decision"));
    std::fs::write(&adr, "old decision\n").unwrap();
    let failed = msadvise(&["explain", "nosuch", "--output", adr.to_str().unwrap()]);
    assert_eq!(failed.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&adr).unwrap(), "old decision\n", "a failed command leaves the old file intact");
    let policy = msadvise(&[
        "assess",
        "-a",
        "examples/profiles/startup-mvp.yaml",
        "--fail-on",
        "monolith",
        "-o",
        adr.to_str().unwrap(),
    ]);
    assert_eq!(policy.status.code(), Some(3));
    assert!(std::fs::read_to_string(&adr).unwrap().starts_with("Verdict: Monolith"), "the report is still written");
    let to_dir = msadvise(&["topics", "--output", dir.to_str().unwrap()]);
    assert_eq!(to_dir.status.code(), Some(2), "a directory is refused");
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left: {leftovers:?}");
}

#[test]
fn completions_and_the_man_page_are_generated() {
    assert!(stdout(&["completions", "bash"]).contains("_msadvise()"));
    assert!(stdout(&["completions", "zsh"]).contains("#compdef msadvise"));
    assert!(stdout(&["completions", "fish"]).contains("complete -c msadvise"));
    assert!(stdout(&["completions", "powershell"]).contains("Register-ArgumentCompleter"));
    assert!(stdout(&["completions", "elvish"]).contains("edit:completion:arg-completer[msadvise]"));
    let man = stdout(&["man"]);
    assert!(man.starts_with(".ie") || man.contains(".TH msadvise"), "{}", &man[..200.min(man.len())]);
    assert!(man.contains("assess") && man.contains("explain"));
}

#[test]
fn a_custom_pack_adds_a_topic_and_questions_used_by_explain_and_assess() {
    let pack = ["--knowledge", "examples/pack"];
    assert!(stdout(&[&pack[..], &["explain", "golden path"]].concat()).starts_with("Our paved road for services"));
    let env = msadvise_env(&["topics", "--json"], &[("MSADVISE_KNOWLEDGE", "examples/pack")]);
    assert!(
        String::from_utf8_lossy(&env.stdout).contains("\"paved-road\""),
        "MSADVISE_KNOWLEDGE works like --knowledge"
    );
    let questions = json_of(&[&pack[..], &["questions", "--json"]].concat());
    assert!(questions["questions"].as_array().unwrap().iter().any(|q| q["id"] == "regulated_data"));
    let report = json_of(&[&pack[..], &["assess", "-a", "examples/pack/answers.yaml", "--json"]].concat());
    assert!(report["risks"].as_array().unwrap().iter().any(|r| r["id"] == "audit_scope"));
    assert!(
        report["readiness"]["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "paved_road_in_use" && c["status"] == "pass")
    );
    assert!(stdout(&[&pack[..], &["glossary", "golden path"]].concat()).contains("Paved road"));
    assert!(!stdout(&["topics"]).contains("paved-road"), "without the pack, nothing changes");
    assert!(stdout(&["knowledge", "validate", "examples/pack"]).contains("no problems found"));
}

#[test]
fn a_broken_pack_reports_every_problem_with_its_location() {
    let out = msadvise(&["knowledge", "validate", "tests/fixtures/broken-pack"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    for expected in [
        "7 problems found",
        "broken-pack/topics/bad-topic.yaml:10:15: `advantages.sources` cites `NOPE`",
        "broken-pack/topics/bad-topic.yaml:11:11: `related` names topic `not-a-topic`",
        "broken-pack/topics/monolith.yaml:6:1: unknown field `colour`",
        "broken-pack/glossary.yaml:4:12: topic `no-such-topic` does not exist",
        "broken-pack/assessment/extend.yaml:3:9: question id `teams` is defined twice",
        "broken-pack/assessment/extend.yaml:9:16: unknown dimension `nowhere`",
        "broken-pack/assessment/extend.yaml:14:12: readiness level 7 is new",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    let used = msadvise(&["--knowledge", "tests/fixtures/broken-pack", "explain"]);
    assert_eq!(used.status.code(), Some(2), "a broken pack is an input error for every command");
}

#[test]
fn export_writes_the_built_in_pack_which_validates_and_never_overwrites() {
    let dir = temp("export").join("pack");
    let out = stdout(&["knowledge", "export", dir.to_str().unwrap()]);
    assert!(out.starts_with("wrote "));
    assert!(dir.join("topics/microservices.yaml").is_file() && dir.join("assessment/questionnaire.yaml").is_file());
    assert!(stdout(&["knowledge", "validate", dir.to_str().unwrap()]).contains("no problems found"));
    let again = msadvise(&["knowledge", "export", dir.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2), "a non-empty directory is refused");
}

#[test]
fn two_people_who_disagree_are_combined_and_the_disagreement_is_shown() {
    let r = json_of(&["assess", "-a", "examples/team/alice.yaml", "-a", "examples/team/bob.yaml", "--json"]);
    let team = &r["team"];
    assert_eq!(team["people"], serde_json::json!(["alice", "bob"]));
    let d = team["disagreements"].as_array().unwrap();
    let monitoring = d.iter().find(|x| x["question"] == "monitoring").unwrap();
    assert_eq!(monitoring["combined"], serde_json::json!(["little"]), "a tie goes to the more cautious answer");
    assert_eq!(monitoring["changes_verdict"], true);
    let verdicts: Vec<&str> =
        monitoring["views"].as_array().unwrap().iter().map(|v| v["verdict"].as_str().unwrap()).collect();
    assert!(verdicts.contains(&"not-ready") && verdicts.contains(&"microservices"), "{verdicts:?}");
    let text = stdout(&["assess", "-a", "examples/team/alice.yaml", "-a", "examples/team/bob.yaml"]);
    assert!(text.contains("WHERE THE TEAM DISAGREES") && text.contains("changes the verdict"));
    let single = json_of(&["assess", "-a", "examples/team/alice.yaml", "--json"]);
    assert!(single["team"].is_null());
}

#[test]
fn a_write_that_fails_leaves_the_old_file_and_no_temporary_file() {
    if crate::is_root() {
        // Root writes into any directory whose mode forbids it; /proc is read-only for everyone.
        let target = format!("/proc/msadvise-test-{}.txt", std::process::id());
        let out = msadvise(&["topics", "--output", &target]);
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = temp("readonly");
    let target = dir.join("topics.txt");
    std::fs::write(&target, "old\n").unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = msadvise(&["topics", "--output", target.to_str().unwrap()]);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file is left behind");
}

#[test]
fn detect_without_a_terminal_uses_the_inferred_answers() {
    let dir = temp("detect");
    std::fs::create_dir_all(dir.join(".gitlab")).unwrap();
    std::fs::write(dir.join(".gitlab-ci.yml"), "test:\n  script:\n    - make test\n").unwrap();
    std::fs::write(dir.join("Makefile"), "test:\n\ttrue\n").unwrap();
    let r = json_of(&["assess", "--detect", dir.to_str().unwrap(), "--allow-unknown", "--json"]);
    let ci = r["answers"].as_array().unwrap().iter().find(|a| a["question"] == "ci").unwrap();
    assert_eq!(ci["status"], "answered", "{ci}");
    let set = json_of(&["assess", "--detect", dir.to_str().unwrap(), "--set", "ci=none", "--allow-unknown", "--json"]);
    let ci = set["answers"].as_array().unwrap().iter().find(|a| a["question"] == "ci").unwrap();
    assert_eq!(ci["choices"], serde_json::json!(["none"]), "--set wins over detection");
}
