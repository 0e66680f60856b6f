//! A hostile tree: link loops, links out of the root, unreadable, binary and huge files, and a
//! name that is not UTF-8. Each becomes a note; none fails the scan.

use std::fs;

use super::{scan, write};

#[cfg(unix)]
#[test]
fn links_loops_unreadable_binary_huge_and_non_utf8_names_become_notes() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{PermissionsExt, symlink};

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app/main.py", "print('hi')\n");
    symlink("..", root.join("app/up")).unwrap();
    symlink("self", root.join("self")).unwrap();
    symlink(std::env::temp_dir(), root.join("outside")).unwrap();
    write(root, "app/blob.py", "binary\0content\n");
    write(root, "app/huge.py", &"x = 1\n".repeat(200_000));
    fs::write(root.join(OsStr::from_bytes(b"app/caf\xe9.py")), "print(1)\n").unwrap();
    write(root, "app/locked.py", "secret = 1\n");
    fs::set_permissions(root.join("app/locked.py"), fs::Permissions::from_mode(0o000)).unwrap();
    let still_readable = fs::read(root.join("app/locked.py")).is_ok();

    let r = scan(root);
    assert_eq!(r.note("symlink_loop").unwrap().examples, ["app/up", "self"]);
    assert_eq!(r.note("symlink_outside_root").unwrap().examples, ["outside"]);
    assert_eq!(r.note("binary").unwrap().examples, ["app/blob.py"]);
    assert_eq!(r.note("too_large").unwrap().examples, ["app/huge.py"]);
    assert_eq!(r.note("non_utf8_name").unwrap().examples, ["app/caf\u{FFFD}.py"]);
    if !still_readable {
        assert_eq!(r.note("unreadable").unwrap().examples, ["app/locked.py"]);
    }
    let python = r.language("Python").unwrap();
    assert_eq!(python.files, 5);
    assert_eq!(python.lines, 2 + u64::from(still_readable), "only text files under the size cap are counted");
    assert_eq!(r.stats.files_skipped, 2 + u64::from(!still_readable));
    fs::set_permissions(root.join("app/locked.py"), fs::Permissions::from_mode(0o644)).unwrap();
}
