//! History thresholds from a knowledge pack (`assessment/history.yaml`): they change what
//! `boundaries`, `scan` and `assess --detect` infer, and bad values are refused with their place.

use std::path::Path;

use serde_json::Value;

use crate::boundaries::{json, three_areas};
use crate::{msadvise, msadvise_env, temp_dir};

/// A pack holding only `assessment/history.yaml` with `text`.
fn pack(name: &str, text: &str) -> String {
    let dir = temp_dir(name);
    std::fs::create_dir_all(dir.join("assessment")).unwrap();
    std::fs::write(dir.join("assessment/history.yaml"), text).unwrap();
    dir.to_str().unwrap().to_string()
}

fn choice(inferred: &Value, question: &str) -> Option<String> {
    let found = inferred.as_array().unwrap().iter().find(|i| i["question"] == question)?;
    Some(found["choice"].as_str().unwrap().to_string())
}

/// What `boundaries`, `scan` and `assess --detect` infer for `boundary_changes` on `repo`.
fn answers(repo: &Path, pack: Option<&str>) -> [Option<String>; 3] {
    let repo = repo.to_str().unwrap();
    let with = |args: &[&str]| {
        let mut all = pack.map_or(Vec::new(), |p| vec!["--knowledge", p]);
        all.extend_from_slice(args);
        json(&all)
    };
    let boundaries = with(&["boundaries", repo, "--json"]);
    let scan = with(&["scan", repo, "--json"]);
    let assess = with(&["assess", "--detect", repo, "--allow-unknown", "--json"]);
    let detected = assess["answers"].as_array().unwrap().iter().find(|a| a["question"] == "boundary_changes");
    [
        choice(&boundaries["repositories"][0]["inferred"], "boundary_changes"),
        choice(&scan["inferred"], "boundary_changes"),
        detected.and_then(|a| a["choices"][0].as_str()).map(str::to_string),
    ]
}

#[test]
fn a_pack_threshold_changes_the_inferred_answer_everywhere() {
    let r = three_areas("boundaries-pack-bands");
    let some = Some("sometimes".to_string());
    assert_eq!(answers(&r.dir, None), [some.clone(), some.clone(), some], "12 of 60 commits cross: 20%");
    // Only the band the team wants lower is written; every other value stays built in.
    let lower = pack("pack-bands", "boundary_changes:\n  constantly: 0.20\n");
    let constantly = Some("constantly".to_string());
    assert_eq!(answers(&r.dir, Some(&lower)), [constantly.clone(), constantly.clone(), constantly]);
    // Through the variable, as `--knowledge`.
    let out = msadvise_env(&["boundaries", r.dir.to_str().unwrap(), "--json"], &[("MSADVISE_KNOWLEDGE", &lower)]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(choice(&doc["repositories"][0]["inferred"], "boundary_changes").as_deref(), Some("constantly"));
}

#[test]
fn a_pack_window_and_confidence_change_how_much_history_is_read_and_trusted() {
    let r = three_areas("boundaries-pack-window");
    let dir = r.dir.to_str().unwrap();
    // A month back from the newest commit (140 days ago) reaches the commits made 140 to 170 days
    // ago; the one made 170 days ago sits on the edge, depending on the seconds between commits.
    let month = pack("pack-window", "defaults:\n  window_months: 1\n");
    let doc = json(&["--knowledge", &month, "boundaries", dir, "--json"]);
    let read = doc["repositories"][0]["history"]["commits_read"].as_u64().unwrap();
    assert!((30..=31).contains(&read), "{read}");
    assert_eq!(doc["repositories"][0]["inferred"], Value::Array(Vec::new()), "too few commits for the 50 needed");
    let scan = json(&["--knowledge", &month, "scan", dir, "--json"]);
    assert_eq!(scan["boundaries"][0]["commits_used"].as_u64(), Some(read));
    // A pack that trusts less history answers anyway.
    let few = pack(
        "pack-few",
        "defaults:\n  window_months: 1\nconfidence:\n  - {min_commits: 20, min_months: 0, level: low}\n",
    );
    let doc = json(&["--knowledge", &few, "boundaries", dir, "--json"]);
    let inferred = &doc["repositories"][0]["inferred"];
    assert_eq!(choice(inferred, "boundary_changes").as_deref(), Some("sometimes"), "{inferred}");
    assert_eq!(inferred[0]["confidence"], "low");
}

#[test]
fn bad_pack_thresholds_stop_every_command_with_their_place() {
    let r = three_areas("boundaries-pack-bad");
    let dir = r.dir.to_str().unwrap();
    let bad = pack("pack-bad", "ownership:\n  clear_owners: 0.2\n");
    for args in [
        vec!["boundaries", dir],
        vec!["scan", dir],
        vec!["assess", "--detect", dir, "--allow-unknown"],
        vec!["knowledge", "validate", &bad],
    ] {
        let mut all = vec!["--knowledge", bad.as_str()];
        all.extend_from_slice(&args);
        let out = msadvise(&all);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("assessment/history.yaml:2:17: ownership.unclear_owners (0.35) must be below ownership.clear_owners (0.2)"),
            "{args:?}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let fine = pack("pack-fine", "# the built-in values\n");
    let out = msadvise(&["knowledge", "validate", &fine]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("history thresholds: no problems found"));
}
