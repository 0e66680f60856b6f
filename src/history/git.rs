//! Running `git` on a repository nobody vetted: stdin closed, a clean environment (no system or
//! global configuration, no pager, hooks, fsmonitor, signature checks or external diff), output
//! capped, and the child killed when it runs too long or goes silent (a FIFO as `.git/HEAD`).

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long a git child may run, how long it may stay silent, and how much it may print.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// The whole run.
    pub total: Duration,
    /// Time without a byte on stdout (a blocked open of a FIFO prints nothing).
    pub idle: Duration,
    /// Bytes of stdout kept by `output` (streams pass everything to their reader).
    pub max_bytes: usize,
}

impl Limits {
    /// For short questions (`rev-parse`): answered in milliseconds on any sane repository.
    pub const QUICK: Limits =
        Limits { total: Duration::from_secs(20), idle: Duration::from_secs(10), max_bytes: 1 << 20 };
    /// For reading history: big repositories take minutes, but git never stays silent that long.
    pub const LOG: Limits =
        Limits { total: Duration::from_secs(30 * 60), idle: Duration::from_secs(60), max_bytes: 1 << 20 };
}

/// Why git gave no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GitError {
    /// The `git` program could not be started.
    NoGit,
    /// Git ran and failed; the first line of what it said.
    Failed(String),
    /// Killed after running longer than allowed, or staying silent.
    TimedOut(Duration),
    /// The repository itself is unsafe to hand to git (say why).
    Unsafe(String),
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GitError::NoGit => f.write_str("the `git` program was not found"),
            GitError::Failed(why) => f.write_str(why),
            GitError::TimedOut(after) => write!(f, "git was stopped after {} s without finishing", after.as_secs()),
            GitError::Unsafe(why) => f.write_str(why),
        }
    }
}

/// `git -C dir` with the configuration a repository could use to run a program switched off.
pub(crate) fn command(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.env_clear();
    for keep in ["PATH", "SYSTEMROOT", "TMPDIR"] {
        if let Some(v) = std::env::var_os(keep) {
            cmd.env(keep, v);
        }
    }
    cmd.envs([
        ("GIT_CONFIG_NOSYSTEM", "1"),
        ("GIT_CONFIG_GLOBAL", "/dev/null"),
        ("GIT_TERMINAL_PROMPT", "0"),
        ("GIT_OPTIONAL_LOCKS", "0"),
        ("GIT_PAGER", "cat"),
        ("PAGER", "cat"),
        ("GIT_NO_REPLACE_OBJECTS", "1"),
        ("LC_ALL", "C"),
    ]);
    if let Some(ceiling) = ceiling(dir) {
        cmd.env("GIT_CEILING_DIRECTORIES", ceiling);
    }
    cmd.arg("-C").arg(dir).arg("--no-pager");
    for setting in [
        "core.fsmonitor=false",
        "core.hooksPath=/dev/null",
        "core.pager=cat",
        "log.showSignature=false",
        "diff.external=",
        "core.quotePath=false",
    ] {
        cmd.args(["-c", setting]);
    }
    cmd.stdin(Stdio::null());
    cmd
}

/// The folder above the nearest one (from `dir` up) that holds a `.git` entry. Git skips a `.git`
/// it cannot read (an empty folder, say) and climbs on to an enclosing repository, whose history
/// is not the one asked for; with this as its ceiling it stops at the `.git` it cannot read.
fn ceiling(dir: &Path) -> Option<std::path::PathBuf> {
    let dir = std::fs::canonicalize(dir).ok()?;
    let holder = dir.ancestors().find(|a| std::fs::symlink_metadata(a.join(".git")).is_ok())?;
    holder.parent().map(Path::to_path_buf)
}

/// Whether `dir` lies inside a git work tree (false when git says it does not, or fails).
pub(crate) fn in_repository(dir: &Path) -> Result<bool, GitError> {
    match inside_work_tree(dir) {
        Err(GitError::Failed(_)) => Ok(false),
        answer => answer,
    }
}

/// Whether `dir` lies inside a git work tree; `GitError::Failed` with git's reason when git
/// finds no repository it can read there.
pub(crate) fn inside_work_tree(dir: &Path) -> Result<bool, GitError> {
    check_head(dir)?;
    let mut cmd = command(dir);
    cmd.args(["rev-parse", "--is-inside-work-tree"]);
    Ok(String::from_utf8_lossy(&output(cmd, Limits::QUICK)?).trim() == "true")
}

/// Refuse a repository whose `HEAD` is not a plain file: git would block opening a FIFO or device.
pub(crate) fn check_head(dir: &Path) -> Result<(), GitError> {
    // A bare repository keeps HEAD at its top.
    if dir.join("objects").is_dir() && std::fs::metadata(dir.join("HEAD")).is_ok_and(|m| !m.is_file()) {
        return Err(GitError::Unsafe(format!(
            "{} is not a regular file, so git is not run on this repository",
            dir.join("HEAD").display()
        )));
    }
    for ancestor in dir.ancestors() {
        let dot_git = ancestor.join(".git");
        let Ok(meta) = std::fs::symlink_metadata(&dot_git) else { continue };
        if !meta.is_dir() {
            return Ok(()); // a `gitdir:` file (worktree, submodule): git reads it with care
        }
        return match std::fs::metadata(dot_git.join("HEAD")) {
            Ok(head) if !head.is_file() => Err(GitError::Unsafe(format!(
                "{} is not a regular file, so git is not run on this repository",
                dot_git.join("HEAD").display()
            ))),
            _ => Ok(()),
        };
    }
    Ok(())
}

/// Run git and return its standard output, at most `limits.max_bytes` of it.
pub(crate) fn output(mut cmd: Command, limits: Limits) -> Result<Vec<u8>, GitError> {
    let mut out = Vec::new();
    stream(&mut cmd, limits, |chunk| {
        let room = limits.max_bytes.saturating_sub(out.len());
        out.extend_from_slice(&chunk[..chunk.len().min(room)]);
        out.len() < limits.max_bytes
    })?;
    Ok(out)
}

/// Run git and hand its standard output to `sink` as it arrives; `sink` returns false to stop
/// early (the child is then killed, which is not an error).
pub(crate) fn stream(cmd: &mut Command, limits: Limits, mut sink: impl FnMut(&[u8]) -> bool) -> Result<(), GitError> {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|_| GitError::NoGit)?;
    let (Some(mut stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(GitError::Failed("git's output could not be read".to_string()));
    };
    let child = Mutex::new(child);
    let started = Instant::now();
    let last_byte = AtomicU64::new(0);
    let (done, timed_out, stopped) = (AtomicBool::new(false), AtomicBool::new(false), AtomicBool::new(false));
    let (status, message) = std::thread::scope(|s| {
        let watchdog = s.spawn(|| watch(&child, limits, started, &last_byte, &done, &timed_out));
        let errors = s.spawn(|| first_line(stderr));
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match stdout.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
                    last_byte.store(ms, Ordering::Relaxed);
                    if !sink(&buf[..n]) {
                        stopped.store(true, Ordering::Relaxed);
                        kill(&child);
                        break;
                    }
                }
            }
        }
        drop(stdout);
        done.store(true, Ordering::Relaxed);
        watchdog.thread().unpark();
        let _ = watchdog.join();
        let status = child.lock().map(|mut c| c.wait()).ok().and_then(Result::ok);
        (status, errors.join().unwrap_or_default())
    });
    if timed_out.load(Ordering::Relaxed) {
        return Err(GitError::TimedOut(started.elapsed()));
    }
    if stopped.load(Ordering::Relaxed) || status.is_some_and(|s| s.success()) {
        return Ok(());
    }
    let why = if message.is_empty() { "git failed".to_string() } else { message };
    Err(GitError::Failed(why))
}

fn watch(
    child: &Mutex<Child>,
    limits: Limits,
    started: Instant,
    last_byte: &AtomicU64,
    done: &AtomicBool,
    timed_out: &AtomicBool,
) {
    while !done.load(Ordering::Relaxed) {
        let elapsed = started.elapsed();
        let silent = elapsed.saturating_sub(Duration::from_millis(last_byte.load(Ordering::Relaxed)));
        if elapsed > limits.total || silent > limits.idle {
            timed_out.store(true, Ordering::Relaxed);
            kill(child);
            return;
        }
        std::thread::park_timeout(Duration::from_millis(50));
    }
}

fn kill(child: &Mutex<Child>) {
    if let Ok(mut c) = child.lock() {
        let _ = c.kill();
    }
}

/// The first line of git's complaint, without `fatal: `, from the first 64 KiB; the rest is read
/// and dropped, so a chatty child never blocks on a full pipe.
fn first_line(mut stderr: impl Read) -> String {
    let mut text = Vec::new();
    let _ = (&mut stderr).take(64 * 1024).read_to_end(&mut text);
    let _ = std::io::copy(&mut stderr, &mut std::io::sink());
    let text = String::from_utf8_lossy(&text);
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    crate::sanitize::clean(line.trim_start_matches("fatal: ").trim_start_matches("error: ")).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_silent_child_is_killed() {
        let mut cmd = Command::new("sleep");
        cmd.arg("30").stdin(Stdio::null());
        let limits = Limits { total: Duration::from_secs(5), idle: Duration::from_millis(300), max_bytes: 10 };
        let started = Instant::now();
        let got = stream(&mut cmd, limits, |_| true);
        assert!(matches!(got, Err(GitError::TimedOut(_))), "{got:?}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn output_is_capped() {
        let mut cmd = Command::new("yes");
        cmd.stdin(Stdio::null());
        let limits = Limits { total: Duration::from_secs(5), idle: Duration::from_secs(5), max_bytes: 1000 };
        assert_eq!(output(cmd, limits).unwrap().len(), 1000);
    }

    #[test]
    fn the_environment_is_clean() {
        let cmd = command(Path::new("."));
        let envs: Vec<_> = cmd.get_envs().map(|(k, v)| (k.to_owned(), v.map(|v| v.to_owned()))).collect();
        let has = |k: &str, v: &str| envs.iter().any(|(a, b)| a == k && b.as_deref() == Some(v.as_ref()));
        assert!(has("GIT_CONFIG_NOSYSTEM", "1") && has("GIT_CONFIG_GLOBAL", "/dev/null"));
        let args: Vec<_> = cmd.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
        assert!(args.contains(&"core.hooksPath=/dev/null".to_string()));
        assert!(args.contains(&"core.fsmonitor=false".to_string()));
    }
}
