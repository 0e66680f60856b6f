//! What msadvise writes it reads back, and what it reads it reads within bounds: answers files
//! written by `scan --answers-out` and `--save` (with choice ids YAML readers take for booleans),
//! and a knowledge pack far larger than memory allows.

use std::fs;

use crate::{msadvise, msadvise_env, temp_dir};

#[test]
fn an_answers_file_from_a_scan_that_infers_nothing_is_read_back() {
    let dir = temp_dir("empty-scan");
    fs::create_dir_all(dir.join("repo")).unwrap();
    let answers = dir.join("inferred.yaml");
    let out = msadvise(&["scan", dir.join("repo").to_str().unwrap(), "--answers-out", answers.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(fs::read_to_string(&answers).unwrap().contains("answers: {}"));
    let out = msadvise(&["assess", "--answers", answers.to_str().unwrap(), "--allow-unknown", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn saved_choice_ids_that_look_like_booleans_or_numbers_are_read_back() {
    let dir = temp_dir("tricky-ids");
    fs::create_dir_all(dir.join("pack/assessment")).unwrap();
    let choices = ["no", "yes", "on", "off", "null", "1e3", "y", "n"]
        .iter()
        .enumerate()
        .map(|(i, id)| format!("{{id: \"{id}\", label: L{i}, score: {i}}}"))
        .collect::<Vec<_>>()
        .join(", ");
    let extend = format!(
        "schema_version: 1\nquestions:\n  - id: norway\n    dimension: organisation\n    prompt: P?\n    help: h\n    choices: [{choices}]\n"
    );
    fs::write(dir.join("pack/assessment/extend.yaml"), extend).unwrap();
    let pack = dir.join("pack");
    for id in ["no", "yes", "on", "off", "null", "1e3", "y", "n"] {
        let saved = dir.join("saved.yaml");
        let set = format!("norway={id}");
        let args = ["--knowledge", pack.to_str().unwrap(), "assess", "--set", &set, "--allow-unknown"];
        let out = msadvise(&[&args[..], &["--save", saved.to_str().unwrap(), "--json"]].concat());
        assert!(out.status.success(), "{id}: {}", String::from_utf8_lossy(&out.stderr));
        let first: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let again = ["--knowledge", pack.to_str().unwrap(), "assess", "--answers", saved.to_str().unwrap()];
        let out = msadvise(&[&again[..], &["--allow-unknown", "--json"]].concat());
        assert!(out.status.success(), "{id}: {}", String::from_utf8_lossy(&out.stderr));
        let second: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(first["answers"], second["answers"], "{id}");
    }
    let _ = fs::remove_dir_all(&dir);
}

/// 120 topics of 1 MB each, under a 200 MB address-space limit: refused in words, not aborted.
#[cfg(target_os = "linux")]
#[test]
fn a_pack_too_large_for_memory_is_refused_clearly() {
    let dir = temp_dir("huge-pack");
    fs::create_dir_all(dir.join("topics")).unwrap();
    let line = format!("  {}\n", "word ".repeat(200));
    let body = line.repeat(1_000_000 / line.len());
    for i in 0..120 {
        let topic = format!(
            "id: t{i:03}\ntitle: Topic {i}\nkind: pattern\nsummary: s\ndefinition: |\n{body}sources: [{{key: X, title: T, author: A, url: u}}]\n"
        );
        fs::write(dir.join(format!("topics/t{i:03}.yaml")), topic).unwrap();
    }
    let script = format!("ulimit -v 204800 && exec {} --knowledge \"$1\" topics", env!("CARGO_BIN_EXE_msadvise"));
    let out = std::process::Command::new("sh").args(["-c", &script, "sh", dir.to_str().unwrap()]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("more than the 16 MiB a pack may hold"), "{stderr}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn an_empty_knowledge_variable_means_no_pack() {
    let out = msadvise_env(&["topics", "--json"], &[("MSADVISE_KNOWLEDGE", "")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
