//! One writer, quiet on closed pipes, colour only where it is allowed.

use std::process::{Command, Stdio};

use crate::{msadvise, msadvise_env};

/// Run msadvise with stdout a pipe whose reader is already closed, so every write fails.
fn into_closed_pipe(args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_msadvise"))
        .args(args)
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    for args in [
        &["explain"][..],
        &["--help"],
        &["topics", "--json"],
        &["assess", "--answers", "examples/profiles/platform-org.yaml"],
    ] {
        let out = into_closed_pipe(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: status {:?}, stderr: {stderr}", out.status);
        assert!(stderr.is_empty(), "{args:?}: stderr: {stderr}");
    }
}

fn has_escapes(bytes: &[u8]) -> bool {
    bytes.contains(&0x1b)
}

#[test]
fn no_colour_when_piped_or_when_no_color_is_set() {
    assert!(!has_escapes(&msadvise(&["explain"]).stdout), "piped output has no escapes");
    let out = msadvise_env(&["explain"], &[("NO_COLOR", "1")]);
    assert!(out.status.success() && !has_escapes(&out.stdout));
    let out = msadvise_env(&["explain", "--color", "auto"], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]);
    assert!(!has_escapes(&out.stdout), "NO_COLOR wins over CLICOLOR_FORCE");
}

#[test]
fn colour_can_be_forced_but_never_in_machine_formats() {
    assert!(has_escapes(&msadvise(&["explain", "--color", "always"]).stdout));
    assert!(has_escapes(&msadvise_env(&["explain"], &[("CLICOLOR_FORCE", "1")]).stdout));
    for format in ["json", "yaml", "markdown"] {
        let out = msadvise(&["explain", "--color", "always", "--format", format]);
        assert!(!has_escapes(&out.stdout), "{format} must never be coloured");
    }
}

#[test]
fn piped_text_is_wrapped_at_a_fixed_width() {
    let out = msadvise(&["explain"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let widest = text.lines().filter(|l| !l.contains("http")).map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest <= 80, "a line of {widest} columns");
    assert!(text.lines().count() > 50);
}
