//! Reading the head of each file the scan counts or inspects, in as few system calls as the
//! answer allows: a scan reads tens of thousands of files, and each call costs about as much as
//! counting the lines of a small one.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use super::files::MAX_READ;

/// One walker thread's reader: the buffer is made once and reused for every file.
#[derive(Debug)]
pub struct Reader {
    /// `MAX_READ` bytes and one more, to tell a file of exactly `MAX_READ` bytes from a larger one.
    buf: Box<[u8]>,
    dir: Folder,
}

impl Default for Reader {
    fn default() -> Self {
        Self { buf: vec![0; MAX_READ as usize + 1].into_boxed_slice(), dir: Folder::default() }
    }
}

impl Reader {
    /// The first `MAX_READ` bytes of the file at `path`, and whether it has more.
    pub fn read(&mut self, path: &Path) -> io::Result<(&[u8], bool)> {
        let mut file = self.dir.open(path)?;
        let filled = fill(&mut file, &mut self.buf)?;
        Ok((&self.buf[..filled.min(MAX_READ as usize)], filled > MAX_READ as usize))
    }
}

/// The folder of the last file opened, kept open to open its neighbours by name.
///
/// Opened by its full path, each file costs the kernel a lookup of every folder from the root
/// down (a dozen in the benchmark tree, a third of the time spent opening). The walker hands a
/// thread the files of one folder in a row, so one folder kept open serves nearly all of them
/// (4,320 folders opened for 88,380 files there; with the single read below, system time went
/// from 639 to 535 ms).
#[cfg(unix)]
#[derive(Debug, Default)]
struct Folder {
    open: Option<(std::path::PathBuf, std::os::fd::OwnedFd)>,
}

#[cfg(unix)]
impl Folder {
    fn open(&mut self, path: &Path) -> io::Result<File> {
        use rustix::fs::{Mode, OFlags};
        let (Some(parent), Some(name)) = split(path) else { return File::open(path) };
        let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
        let dir = match self.open.take() {
            Some((open, fd)) if open.as_os_str() == parent.as_os_str() => (open, fd),
            _ => (
                parent.to_path_buf(),
                rustix::fs::open(parent, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())?,
            ),
        };
        // A name listed as a regular file can be swapped for a link or a FIFO before it is
        // opened: a link is not followed, and a FIFO opens (and reads as empty) without waiting
        // for a writer, so the scan never hangs. Neither flag changes how a regular file reads.
        let flags = OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NOFOLLOW | OFlags::NONBLOCK;
        let file = rustix::fs::openat(&dir.1, name, flags, Mode::empty());
        self.open = Some(dir);
        Ok(File::from(file?))
    }
}

/// `path.parent()` and `path.file_name()`, found by the last `/` when the path is as the walker
/// makes them (a folder, one `/`, a plain name): `Path` parses every component from the end, a
/// tenth of the scan's own instructions on the benchmark tree. Other paths go the long way.
#[cfg(unix)]
fn split(path: &Path) -> (Option<&Path>, Option<&std::ffi::OsStr>) {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    match memchr::memrchr(b'/', bytes) {
        Some(slash) if slash > 0 && bytes[slash - 1] != b'/' => {
            let (parent, name) = (&bytes[..slash], &bytes[slash + 1..]);
            if name.is_empty() || name == b"." || name == b".." || parent.ends_with(b"/.") || parent == b"." {
                return (path.parent(), path.file_name());
            }
            (Some(Path::new(std::ffi::OsStr::from_bytes(parent))), Some(std::ffi::OsStr::from_bytes(name)))
        }
        _ => (path.parent(), path.file_name()),
    }
}

#[cfg(not(unix))]
#[derive(Debug, Default)]
struct Folder;

#[cfg(not(unix))]
impl Folder {
    fn open(&mut self, path: &Path) -> io::Result<File> {
        File::open(path)
    }
}

/// Reads into `buf` until it is full or the file ends; returns the bytes read.
///
/// A read of a regular file returns fewer bytes than asked for only at its end (POSIX; on Linux a
/// signal interrupts such a read only when it kills the process). So a short read ends the loop
/// without the usual second call that returns 0: that call was one in five of the scan's system
/// calls (88,380 of 398,500 on the 100,000-file benchmark tree). A file that grows meanwhile is
/// read as it was at that moment, as with any read; one that reaches `buf`'s size is still seen
/// as too large. A FUSE file system that answers short mid-file (a misbehaving one, in
/// `direct_io` mode) would have its files counted short.
fn fill(file: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        let want = buf.len() - filled;
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => {
                filled += n;
                if n < want {
                    break;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short way finds the folder and name `Path` finds, byte for byte where it is taken.
    #[cfg(unix)]
    #[test]
    fn splits_as_path_does() {
        let paths = [
            "a",
            "/a",
            "a/b",
            "/a/b",
            "./a",
            "a/b/c.rs",
            "a//b",
            "a/./b",
            "a/b/",
            "a/b/.",
            "a/..",
            "..",
            ".",
            "/",
            "a b/c d",
            "/tmp/x/.hidden",
            "a/.../b",
            "日本/語.rs",
            "a/b//",
            "//a",
        ];
        for p in paths {
            let path = Path::new(p);
            let (parent, name) = split(path);
            assert_eq!(parent, path.parent(), "{p}");
            assert_eq!(name, path.file_name(), "{p}");
            assert_eq!(parent.map(Path::as_os_str), path.parent().map(Path::as_os_str), "{p}");
        }
    }

    #[test]
    fn reads_whole_files_and_tells_larger_ones() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let mut reader = Reader::default();
        let max = MAX_READ as usize;
        for (len, truncated) in [(0, false), (1, false), (8, false), (max - 1, false), (max, false), (max + 1, true)] {
            let path = dir.path().join(len.to_string());
            let text: Vec<u8> = (0..len).map(|i| b"ab\n"[i % 3]).collect();
            std::fs::write(&path, &text)?;
            let (bytes, more) = reader.read(&path)?;
            assert_eq!((bytes, more), (&text[..len.min(max)], truncated), "{len} bytes");
        }
        std::fs::write(dir.path().join("big"), vec![b'x'; max * 3])?;
        assert_eq!(reader.read(&dir.path().join("big"))?.0.len(), max);
        assert_eq!(reader.read(&dir.path().join("8"))?.0, b"ab\nab\nab");
        Ok(())
    }

    /// Files are found whatever the order of their folders, and a missing one is an error.
    #[test]
    fn opens_files_in_one_folder_after_another() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        for sub in ["a", "b", "a/c"] {
            std::fs::create_dir(dir.path().join(sub))?;
            std::fs::write(dir.path().join(sub).join("f"), sub)?;
        }
        let mut reader = Reader::default();
        for sub in ["a", "a", "b", "a/c", "a", "b"] {
            assert_eq!(reader.read(&dir.path().join(sub).join("f"))?.0, sub.as_bytes());
        }
        assert!(reader.read(&dir.path().join("a/missing")).is_err());
        assert!(reader.read(&dir.path().join("missing/f")).is_err());
        assert_eq!(reader.read(&dir.path().join("b/f"))?.0, b"b");
        // A bare name is in the current folder.
        let here = std::env::current_dir()?;
        let name = here.read_dir()?.flatten().find(|e| e.file_type().is_ok_and(|t| t.is_file()));
        if let Some(entry) = name {
            let expected = std::fs::read(entry.path())?;
            let (bytes, more) = reader.read(Path::new(&entry.file_name()))?;
            assert_eq!(bytes, &expected[..expected.len().min(MAX_READ as usize)]);
            assert_eq!(more, expected.len() > MAX_READ as usize);
        }
        Ok(())
    }

    /// A name swapped for a FIFO after the walk listed it reads as empty at once instead of
    /// waiting for a writer; one swapped for a link is not followed.
    #[cfg(unix)]
    #[test]
    fn a_fifo_does_not_block_and_a_link_is_not_followed() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status()?;
        assert!(made.success());
        let mut reader = Reader::default();
        assert_eq!(reader.read(&fifo)?.0, b"");
        std::fs::write(dir.path().join("target"), "secret")?;
        std::os::unix::fs::symlink(dir.path().join("target"), dir.path().join("link"))?;
        assert!(reader.read(&dir.path().join("link")).is_err());
        Ok(())
    }

    /// Reads that return less than asked for (a pipe, say) are taken as the end: the reader is
    /// only given regular files.
    #[test]
    fn a_short_read_is_the_end() -> io::Result<()> {
        let mut buf = [0u8; 8];
        assert_eq!(fill(&mut io::Cursor::new(b"abc"), &mut buf)?, 3);
        assert_eq!(fill(&mut io::Cursor::new(b"abcdefghij"), &mut buf)?, 8);
        assert_eq!(fill(&mut io::Cursor::new(b""), &mut buf)?, 0);
        Ok(())
    }
}
