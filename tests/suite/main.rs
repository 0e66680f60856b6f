//! One integration-test binary (as just does): each module covers one concern.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod assess_change_bound;
mod assess_delta;
mod assess_examples;
mod assess_inferred;
mod assess_properties;
mod assess_quiz;
mod assess_rules;
mod bad_inputs;
mod bench_harness;
mod boundaries;
mod boundaries_pack;
mod cli_cases;
mod ecosystem;
mod first_contact;
mod json_contract;
mod knowledge_base;
mod knowledge_files;
mod knowledge_round2_a;
mod knowledge_round2_b;
mod nothing_lost;
mod output_discipline;
mod robustness;
mod scan;
mod terminal;

use std::process::{Command, Output};

/// Run the built binary with `args`, stdout and stderr captured, no colour-forcing variables inherited.
pub fn msadvise(args: &[&str]) -> Output {
    msadvise_env(args, &[])
}

pub fn msadvise_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_msadvise"));
    cmd.args(args).env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").env_remove("CLICOLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the msadvise binary runs")
}

/// A fresh, empty directory for one test, named after it.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("msadvise-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

/// Whether the tests run as root (as CI does), for which file permissions do not apply.
pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| s.lines().any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0")))
        .unwrap_or(false)
}
