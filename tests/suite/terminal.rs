//! The real binary in a pseudo-terminal: a whole quiz with arrow keys, and Ctrl-C mid-quiz.

use std::process::Command;

use rexpect::reader::Options;

use crate::temp_dir;
use rexpect::session::{PtySession, spawn_with_options};

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const ESC: &str = "\x1b";
/// The active prompt: inquire's `?` marker, then our progress header and the start of the question
/// (answered prompts are echoed with `>` instead, and long questions wrap).
const ACTIVE: &str = r"\?(?:\x1b\[39m)? \[\d+/\d+ [^\]]+\] [^\r\n]+";

fn quiz(dir: &std::path::Path, args: &[&str]) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_msadvise"));
    cmd.arg("assess").args(args).current_dir(dir).env("TERM", "xterm").env("MSADVISE_PAGER", "").env_remove("NO_COLOR");
    spawn_with_options(cmd, Options::new().timeout_ms(Some(20_000)).strip_ansi_escape_codes(false)).unwrap()
}

/// Wait for the next question's prompt and answer it by moving down `downs` times, then Enter.
fn answer(p: &mut PtySession, downs: usize) -> String {
    let (_, question) = p.exp_regex(ACTIVE).unwrap();
    for _ in 0..downs {
        p.send(DOWN).unwrap();
    }
    p.send("\r").unwrap();
    p.flush().unwrap();
    question
}

#[test]
fn a_whole_quiz_with_arrow_keys_going_back_once_ends_in_the_report() {
    let dir = temp_dir("quiz");
    let mut p = quiz(&dir, &["--save", "answers.yaml"]);
    assert!(answer(&mut p, 1).contains("How many engineers"));
    assert!(answer(&mut p, 0).contains("How many teams"));
    // Go back to the teams question and answer "4 to 8 teams" instead.
    p.exp_regex(r"\?(?:\x1b\[39m)? \[3/\d+[^\r\n]+Could each part").unwrap();
    p.exp_string("(answers are kept)").unwrap();
    // A lone ESC is only read as the Esc key once the prompt is waiting for keys.
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send(ESC).unwrap();
    p.flush().unwrap();
    assert!(answer(&mut p, 2).contains("How many teams"));
    assert!(answer(&mut p, 2).contains("wait on each other"), "release contention is asked for several teams");
    for _ in 0..40 {
        match p.exp_regex(&format!("({ACTIVE})|(Review your answers)")).unwrap() {
            (_, m) if m.contains("Review your answers") => break,
            _ => {
                p.send("\r").unwrap();
                p.flush().unwrap();
            }
        }
    }
    p.exp_string("(answers are kept)").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Verdict:").unwrap();
    p.exp_string("WHAT WOULD CHANGE THE VERDICT").unwrap();
    p.exp_eof().unwrap();
    let saved = std::fs::read_to_string(dir.join("answers.yaml")).unwrap();
    assert!(saved.contains("teams: four_to_eight"), "{saved}");
    assert!(saved.contains("engineers: 6_to_15"), "{saved}");
}

#[test]
fn help_on_demand_then_ctrl_c_keeps_the_answers_restores_the_cursor_and_resumes() {
    let dir = temp_dir("interrupt");
    let mut p = quiz(&dir, &[]);
    answer(&mut p, 2);
    answer(&mut p, 1);
    p.exp_regex(r"\?(?:\x1b\[39m)? \[3/\d+").unwrap();
    p.exp_string("(answers are kept)").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    // Up from the first choice wraps to the last entry, the help for this question.
    p.send(UP).unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Read more: msadvise explain").unwrap();
    p.exp_regex(r"\?(?:\x1b\[39m)? \[3/\d+").unwrap();
    p.exp_string("(answers are kept)").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c').unwrap();
    let rest = p.exp_string("resume with: msadvise assess --answers msadvise-answers.partial.yaml").unwrap();
    let status = p.process_mut().wait().unwrap();
    assert!(matches!(status, rexpect::process::WaitStatus::Exited(_, 130)), "{status:?}");
    let hide = rest.rfind("\x1b[?25l");
    let show = rest.rfind("\x1b[?25h");
    assert!(hide.is_none() || show > hide, "the cursor is left hidden");
    let saved = std::fs::read_to_string(dir.join("msadvise-answers.partial.yaml")).unwrap();
    assert!(saved.contains("engineers: 16_to_50") && saved.contains("teams: two_or_three"), "{saved}");
    // Resuming asks only what is missing: the first question now is the third.
    let mut p = quiz(&dir, &["--answers", "msadvise-answers.partial.yaml"]);
    let first = answer(&mut p, 0);
    assert!(!first.contains("How many engineers") && !first.contains("How many teams"), "{first}");
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn sigterm_mid_quiz_restores_the_terminal_keeps_the_answers_and_exits_143() {
    signal_mid_quiz(rexpect::process::Signal::SIGTERM, 143);
}

#[test]
fn sigint_from_kill_mid_quiz_does_the_same_and_exits_130() {
    signal_mid_quiz(rexpect::process::Signal::SIGINT, 130);
}

fn signal_mid_quiz(signal: rexpect::process::Signal, code: i32) {
    let dir = temp_dir(&format!("signal-{code}"));
    let mut p = quiz(&dir, &["--save", "kept.yaml"]);
    answer(&mut p, 1);
    p.exp_regex(r"\?(?:\x1b\[39m)? \[2/\d+").unwrap();
    p.exp_string("(answers are kept)").unwrap();
    p.process_mut().signal(signal).unwrap();
    let rest = p.exp_string("resume with: msadvise assess --answers kept.yaml").unwrap();
    assert!(rest.contains("\x1b[?25h"), "the cursor is shown again");
    let status = p.process_mut().wait().unwrap();
    assert!(matches!(status, rexpect::process::WaitStatus::Exited(_, c) if c == code), "{status:?}");
    let saved = std::fs::read_to_string(dir.join("kept.yaml")).unwrap();
    assert!(saved.contains("engineers: 6_to_15"), "{saved}");
}

/// A repository whose CI builds and tests: enough for the scan to infer `ci`.
fn repo_with_ci(dir: &std::path::Path) -> std::path::PathBuf {
    let repo = dir.join("repo");
    std::fs::create_dir_all(repo.join(".github/workflows")).unwrap();
    std::fs::create_dir_all(repo.join("src")).unwrap();
    std::fs::write(repo.join("Cargo.toml"), "[package]\nname = \"shop\"\nversion = \"0.1.0\"\n").unwrap();
    std::fs::write(repo.join("src/main.rs"), "fn main() {}\n").unwrap();
    let workflow = "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cargo build\n      - run: cargo test\n";
    std::fs::write(repo.join(".github/workflows/ci.yml"), workflow).unwrap();
    repo
}

#[test]
fn detect_shows_what_the_scan_found_and_accepts_a_change() {
    let dir = temp_dir("detect");
    let repo = repo_with_ci(&dir);
    let mut p = quiz(&dir, &["--detect", repo.to_str().unwrap(), "--save", "answers.yaml"]);
    for _ in 0..40 {
        let (_, found) = p.exp_regex(r"(detected: [^\r\n]+)|(\?(?:\x1b\[39m)? \[\d+/\d+ [^\]]+\] [^\r\n]+)").unwrap();
        if found.starts_with("detected:") {
            assert!(found.contains("Built and tested on every change"), "{found}");
            assert!(found.contains(".github/workflows/ci.yml"), "{found}");
            break;
        }
        p.exp_string("(answers are kept)").unwrap();
        p.send("\r").unwrap();
        p.flush().unwrap();
    }
    p.exp_regex(r"Is every change built and tested automatically\?").unwrap();
    p.exp_string("(answers are kept)").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    // The detected answer is preselected; one step up changes it.
    p.send(UP).unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_regex(r"\?(?:\x1b\[39m)? \[\d+/\d+ [^\]]+\] How does a change reach production").unwrap();
    p.exp_string("(answers are kept)").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
    let saved = std::fs::read_to_string(dir.join("answers.yaml")).unwrap();
    assert!(saved.contains("ci: partial"), "the change is kept: {saved}");
}
