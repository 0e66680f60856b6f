//! One integration-test binary (as just does): each module covers one concern.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod assess_examples;
mod assess_properties;
mod assess_quiz;
mod bad_inputs;
mod cli_cases;
mod ecosystem;
mod json_contract;
mod knowledge_base;
mod knowledge_files;
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
