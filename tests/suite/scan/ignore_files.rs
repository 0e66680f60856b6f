//! Ignore files in a scanned tree are respected when they are plain files, and cannot hang or
//! exhaust the scan when they are not: links (to `/dev/zero`), pipes, huge files and files of
//! tens of thousands of patterns become a note.

use std::fs;
use std::time::Duration;

use super::{Report, scan, write};

/// The scan, failed if it has not ended within a minute (it used to hang on a pipe).
fn scan_in_time(root: &std::path::Path) -> Report {
    let root = root.to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(scan(&root));
    });
    rx.recv_timeout(Duration::from_secs(60)).expect("the scan ended within a minute")
}

#[test]
fn plain_ignore_files_are_respected_with_git_precedence() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "main.py", "a = 1\n");
    write(root, ".gitignore", "ignored/\n*.log\n");
    write(root, "ignored/a.py", "a = 1\n");
    write(root, ".ignore", "hidden.py\n");
    write(root, "hidden.py", "a = 1\n");
    write(root, ".git/info/exclude", "gone.py\n");
    write(root, "gone.py", "a = 1\n");
    write(root, "sub/.gitignore", "*.py\n!keep.py\n");
    write(root, "sub/keep.py", "a = 1\n");
    write(root, "sub/drop.py", "a = 1\n");
    write(root, "link/z.py", "a = 1\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink("../sub/.gitignore", root.join("link/.gitignore")).unwrap();
    let r = scan_in_time(root);
    assert_eq!(r.language("Python").unwrap().files, 3, "main.py, sub/keep.py and link/z.py");
    let note = r.note("ignore_file_not_used").unwrap();
    assert_eq!(note.examples, ["link/.gitignore (is a symbolic link; not followed)"]);
}

#[cfg(unix)]
#[test]
fn hostile_ignore_files_become_notes_and_the_scan_ends() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "main.py", "a = 1\n");
    std::os::unix::fs::symlink("/dev/zero", root.join(".gitignore")).unwrap();
    for (name, _) in [("pipe/.gitignore", ()), ("pipe/.ignore", ()), ("repo/.git/info/exclude", ())] {
        write(root, name, "");
        fs::remove_file(root.join(name)).unwrap();
        assert!(std::process::Command::new("mkfifo").arg(root.join(name)).status().unwrap().success());
    }
    write(root, "huge/.gitignore", &"# padding\n".repeat(100_000));
    let many: String = (0..70_000).map(|i| format!("**/x{i}*[ab]?/**/y{i}*.z\n")).collect();
    write(root, "many/.gitignore", &many);
    let count: String = (0..2_500).map(|i| format!("build{i}/\n")).collect();
    write(root, "count/.gitignore", &count);
    fs::create_dir_all(root.join("folder/.gitignore")).unwrap();
    for dir in ["pipe", "repo", "huge", "many", "count", "folder"] {
        write(root, &format!("{dir}/x.py"), "a = 1\n");
    }
    let r = scan_in_time(root);
    assert_eq!(r.language("Python").unwrap().files, 7);
    let note = r.note("ignore_file_not_used").unwrap();
    assert_eq!(
        note.examples,
        [
            ".gitignore (is a symbolic link; not followed)",
            "count/.gitignore (more patterns than an ignore file may hold)",
            "folder/.gitignore (is not a regular file)",
            "huge/.gitignore (is larger than an ignore file may be)",
            "many/.gitignore (is larger than an ignore file may be)",
        ]
    );
    assert_eq!(note.count, 8, "and pipe/.gitignore, pipe/.ignore, repo/.git/info/exclude");
}
