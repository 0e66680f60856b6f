//! The corpus of bad inputs in `tests/bad_inputs/cases.yaml`: each gets its documented exit status
//! and a message saying what, where and how to fix it; none panics or drives the terminal.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    args: Vec<String>,
    #[serde(default)]
    files: BTreeMap<String, FileSpec>,
    stdin: Option<String>,
    /// Standard input made of `text` repeated `times` times (for inputs too large to write out).
    stdin_repeat: Option<Repeat>,
    /// Environment variables set for the run.
    #[serde(default)]
    env: BTreeMap<String, String>,
    status: i32,
    #[serde(default)]
    stderr: Vec<String>,
    #[serde(default)]
    stdout_contains: Vec<String>,
    stdout_format: Option<String>,
    #[serde(default)]
    skip_as_root: bool,
    /// After the run: what each path (relative to the case's directory, or absolute) must be:
    /// `file`, `fifo`, `char_device`, `dir` or `symlink`, optionally with `:MODE` in octal.
    #[serde(default)]
    after: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    text: Option<String>,
    hex: Option<String>,
    repeat: Option<Repeat>,
    nested: Option<usize>,
    alias_bomb: Option<usize>,
    #[serde(default)]
    dir: bool,
    mode: Option<u32>,
    /// Make the file a symbolic link to this target (relative to the case's directory).
    symlink: Option<String>,
    /// Make the file a named pipe (nobody writes to it: reading it would wait for ever).
    #[serde(default)]
    fifo: bool,
}

#[derive(Debug, Deserialize)]
struct Repeat {
    text: String,
    times: usize,
}

fn contents(spec: &FileSpec) -> Vec<u8> {
    if let Some(t) = &spec.text {
        return t.clone().into_bytes();
    }
    if let Some(h) = &spec.hex {
        return (0..h.len()).step_by(2).map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap()).collect();
    }
    if let Some(r) = &spec.repeat {
        return r.text.repeat(r.times).into_bytes();
    }
    if let Some(depth) = spec.nested {
        return format!("schema_version: 1\nanswers:\n  teams: {}one{}\n", "[".repeat(depth), "]".repeat(depth))
            .into_bytes();
    }
    if let Some(levels) = spec.alias_bomb {
        let mut y = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..=levels {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            y.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        y.push_str(&format!("schema_version: 1\nanswers:\n  teams: *a{levels}\n"));
        return y.into_bytes();
    }
    Vec::new()
}

fn prepare(dir: &Path, files: &BTreeMap<String, FileSpec>) {
    use std::os::unix::fs::PermissionsExt;
    for (name, spec) in files {
        let path = dir.join(name);
        if spec.dir {
            std::fs::create_dir_all(&path).unwrap();
            if let Some(mode) = spec.mode {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            }
            continue;
        }
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        if let Some(target) = &spec.symlink {
            std::os::unix::fs::symlink(dir.join(target), &path).unwrap();
            continue;
        }
        if spec.fifo {
            assert!(Command::new("mkfifo").arg(&path).status().unwrap().success());
            continue;
        }
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents(spec)).unwrap();
        if let Some(mode) = spec.mode {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        }
    }
}

fn run(case: &Case, dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    prepare(dir, &case.files);
    let args: Vec<String> = case.args.iter().map(|a| a.replace("{dir}", &dir.display().to_string())).collect();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_msadvise"));
    cmd.args(&args).current_dir(dir).env_remove("NO_COLOR").env_remove("MSADVISE_KNOWLEDGE");
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(f) = &case.stdout_format {
        cmd.args(["--format", f]);
    }
    for (key, value) in &case.env {
        cmd.env(key, value);
    }
    let stdin = match (&case.stdin, &case.stdin_repeat) {
        (Some(text), _) => Some(text.clone().into_bytes()),
        (None, Some(r)) => Some(r.text.repeat(r.times).into_bytes()),
        (None, None) => None,
    };
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let (out, hung) = run_with_deadline(cmd, stdin);
    if hung {
        problems.push(format!("still running after {} s (killed)", DEADLINE.as_secs()));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    if out.status.code() != Some(case.status) {
        problems.push(format!("status {:?}, expected {}", out.status.code(), case.status));
    }
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        problems.push("panicked".to_string());
    }
    if stderr.contains('\u{1b}') {
        problems.push("a raw escape character reached standard error".to_string());
    }
    if case.status != 0 && !stderr.starts_with("msadvise: error: ") && !stderr.starts_with("error: ") {
        problems.push("the error does not start with `msadvise: error:` (or clap's `error:`)".to_string());
    }
    for part in &case.stderr {
        if !stderr.contains(part.as_str()) {
            problems.push(format!("stderr lacks {part:?}"));
        }
    }
    for part in &case.stdout_contains {
        if !stdout.contains(part.as_str()) {
            problems.push(format!("stdout lacks {part:?}"));
        }
    }
    let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if stderr.chars().any(bidi) {
        problems.push("a bidirectional control reached standard error".to_string());
    }
    if case.stdout_format.is_some() && stdout.chars().any(|c| c == '\u{1b}' || c == '\u{7}' || bidi(c)) {
        problems.push("a raw control character from the input reached standard output".to_string());
    }
    for (path, expected) in &case.after {
        let found = describe(&dir.join(path));
        if !found.starts_with(expected.as_str()) {
            problems.push(format!("{path} is {found}, expected {expected}"));
        }
    }
    problems.into_iter().map(|p| format!("{}: {p}\n    stderr: {}", case.name, stderr.trim_end())).collect()
}

/// No case may take longer: an input that hangs msadvise is a failure, not a stuck test run.
const DEADLINE: std::time::Duration = std::time::Duration::from_secs(30);

/// Run `cmd`, feeding it `stdin` from a thread (it may stop reading early), and kill it at the
/// deadline. Returns its output and whether it had to be killed.
fn run_with_deadline(mut cmd: Command, stdin: Option<Vec<u8>>) -> (std::process::Output, bool) {
    let mut child = cmd.spawn().unwrap();
    let feeder = child.stdin.take().zip(stdin).map(|(mut pipe, bytes)| {
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let out = child.wait_with_output().unwrap();
        let _ = tx.send(());
        out
    });
    let hung = rx.recv_timeout(DEADLINE).is_err();
    if hung {
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    }
    let out = waiter.join().unwrap();
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    (out, hung)
}

/// What kind of file `path` is, and its permission bits: `file:644`.
fn describe(path: &Path) -> String {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let Ok(meta) = std::fs::symlink_metadata(path) else { return "missing".to_string() };
    let t = meta.file_type();
    let kind = if t.is_symlink() {
        "symlink"
    } else if t.is_fifo() {
        "fifo"
    } else if t.is_char_device() {
        "char_device"
    } else if t.is_dir() {
        "dir"
    } else {
        "file"
    };
    format!("{kind}:{:o}", meta.permissions().mode() & 0o7777)
}

#[test]
fn every_bad_input_gets_a_clear_error_and_never_a_panic() {
    let cases: Vec<Case> =
        serde_saphyr::from_str(&std::fs::read_to_string("tests/bad_inputs/cases.yaml").unwrap()).unwrap();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let root = std::env::temp_dir().join(format!("msadvise-bad-{}", std::process::id()));
    let root_user = crate::is_root();
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        if case.skip_as_root && root_user {
            continue;
        }
        let dir = root.join(i.to_string());
        std::fs::create_dir_all(&dir).unwrap();
        failures.extend(run(case, &dir));
    }
    let _ = std::fs::remove_dir_all(&root);
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
