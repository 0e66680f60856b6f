//! Writing files safely: a regular file is replaced through a temporary file renamed into place;
//! a device or a pipe is written to directly; nothing that msadvise did not create is removed.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Write `contents` to `path`. A regular file (or a new one) is replaced atomically: readers see
/// the old file or the new one, never half of it, and it keeps its permissions. A device, a pipe
/// or a terminal is written to in place, since renaming over it would replace it with a file.
/// A symbolic link is kept: what it points to is written (`-o /dev/stdout` writes to standard
/// output, and replacing the link would destroy it).
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let io_err =
        |source: io::Error| Error::Io { context: format!("cannot write {}", path.display()), source: plain(source) };
    if path.is_dir() {
        return Err(Error::Usage(format!("{} is a directory; give a file name", path.display())));
    }
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => through_link(path, contents),
        Ok(meta) if !meta.is_file() => write_in_place(path, contents),
        Ok(meta) => replace(path, contents, Some(&meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => replace(path, contents, None),
        Err(e) => Err(e),
    }
    .map_err(io_err)
}

/// Through a symbolic link: a regular file at its end is replaced atomically where it is; a
/// device or a pipe (`/dev/stdout`) is written in place; a link to nothing is an error.
fn through_link(path: &Path, contents: &[u8]) -> io::Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => io::Error::new(e.kind(), "a symbolic link to nothing"),
        _ => e,
    })?;
    if !meta.is_file() {
        return write_in_place(path, contents);
    }
    replace(&std::fs::canonicalize(path)?, contents, Some(&meta))
}

/// A device, a pipe or a socket: opened for writing as it is, never created or truncated.
fn write_in_place(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).open(path)?;
    file.write_all(contents)?;
    file.flush()
}

/// Through a temporary file in the same directory: a short random name (so that a name near the
/// file system's limit still has room), created exclusively and retried on a collision; on
/// failure only that temporary file is removed.
fn replace(path: &Path, contents: &[u8], old: Option<&Metadata>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".msadvise-").suffix(".tmp").rand_bytes(8);
    // A new file gets the usual mode for new files (0666 less the umask), not a temporary
    // file's private 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir)?;
    keep_owner_and_mode(tmp.as_file(), old)?;
    tmp.as_file_mut().write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map(drop).map_err(|e| e.error)
}

/// The replaced file's permissions and, where allowed, its owner.
#[cfg(unix)]
fn keep_owner_and_mode(file: &File, old: Option<&Metadata>) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Some(old) = old.filter(|m| m.is_file()) else { return Ok(()) };
    let mine = file.metadata()?;
    if mine.uid() != old.uid() || mine.gid() != old.gid() {
        // Only root may give a file away; anyone else keeps the file as their own.
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
    file.set_permissions(std::fs::Permissions::from_mode(old.mode() & 0o7777))
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &File, old: Option<&Metadata>) -> io::Result<()> {
    match old {
        Some(old) if old.is_file() => file.set_permissions(old.permissions()),
        _ => Ok(()),
    }
}

/// The I/O error in plain words where its own words are unclear ("os error 28").
fn plain(e: io::Error) -> io::Error {
    let words = match e.kind() {
        io::ErrorKind::StorageFull => "no space left on the device",
        io::ErrorKind::PermissionDenied => "permission denied",
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only",
        io::ErrorKind::QuotaExceeded => "the disk quota is exceeded",
        _ => return e,
    };
    io::Error::new(e.kind(), words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};

    #[test]
    fn a_pipe_is_written_to_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"through the pipe\n").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe\n");
        assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[test]
    fn a_link_is_kept_and_what_it_points_to_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("target.txt"), "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("target.txt", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(dir.path().join("target.txt")).unwrap(), b"new");
        std::os::unix::fs::symlink("nowhere", dir.path().join("dangling")).unwrap();
        let err = write_atomic(&dir.path().join("dangling"), b"x").unwrap_err().to_string();
        assert!(err.contains("a symbolic link to nothing"), "{err}");
    }

    #[test]
    fn a_full_device_says_no_space_is_left() {
        let err = write_atomic(Path::new("/dev/full"), b"x").unwrap_err().to_string();
        assert!(err.contains("no space left"), "{err}");
        assert!(std::fs::metadata("/dev/full").unwrap().file_type().is_char_device());
    }

    #[test]
    fn a_replaced_file_keeps_its_mode_and_a_new_one_gets_the_usual_mode() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("secret.yaml");
        std::fs::write(&secret, "old").unwrap();
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&secret, b"new").unwrap();
        assert_eq!(std::fs::read(&secret).unwrap(), b"new");
        assert_eq!(std::fs::metadata(&secret).unwrap().permissions().mode() & 0o777, 0o600);
        let fresh = dir.path().join("fresh.yaml");
        write_atomic(&fresh, b"new").unwrap();
        assert_ne!(std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn a_long_name_fits_and_nothing_else_is_touched() {
        let dir = tempfile::tempdir().unwrap();
        // What an earlier run might have left: its temporary file is not ours to remove.
        let leftover = dir.path().join(format!(".out.txt.{}.tmp", std::process::id()));
        std::fs::write(&leftover, "someone else's").unwrap();
        write_atomic(&dir.path().join("out.txt"), b"one").unwrap();
        let long = dir.path().join("n".repeat(250));
        write_atomic(&long, b"long").unwrap();
        assert_eq!(std::fs::read(&long).unwrap(), b"long");
        assert_eq!(std::fs::read(&leftover).unwrap(), b"someone else's");
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [leftover.file_name().unwrap().to_string_lossy().into_owned(), "n".repeat(250), "out.txt".into()]
        );
    }
}
