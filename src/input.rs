//! Reading what users give (answers files, standard input, knowledge packs) within a size limit,
//! enforced while reading: a device, a pipe or a growing file is cut at the limit, not trusted.

use std::io::{self, Read};
use std::path::Path;

/// Why a text could not be read.
#[derive(Debug)]
pub enum Problem {
    Io(io::Error),
    /// More than the limit (in bytes).
    TooLarge(u64),
    /// Invalid UTF-8 at this byte offset.
    NotUtf8(usize),
    /// A directory, a device, a pipe: where only a regular file will do.
    NotRegular,
}

impl Problem {
    /// The problem in words, for a file of `what` ("answers files", "knowledge files").
    pub fn describe(&self, what: &str) -> String {
        match self {
            Problem::Io(e) => format!("cannot read: {}", reason(e)),
            Problem::TooLarge(limit) => format!("larger than the {limit}-byte limit for {what}"),
            Problem::NotUtf8(offset) => format!("is not UTF-8 text (invalid byte at offset {offset})"),
            Problem::NotRegular => "is not a regular file".to_string(),
        }
    }
}

/// At most `limit` bytes of `reader`; `TooLarge` as soon as one byte more arrives.
pub fn bytes(reader: impl Read, limit: u64) -> Result<Vec<u8>, Problem> {
    let mut buf = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut buf).map_err(Problem::Io)?;
    if buf.len() as u64 > limit {
        return Err(Problem::TooLarge(limit));
    }
    Ok(buf)
}

/// At most `limit` bytes of `reader` as UTF-8 text. The size is checked first, so a text cut by
/// the limit inside a character is reported as too large.
pub fn text(reader: impl Read, limit: u64) -> Result<String, Problem> {
    let buf = bytes(reader, limit)?;
    String::from_utf8(buf).map_err(|e| Problem::NotUtf8(e.utf8_error().valid_up_to()))
}

/// The file at `path` as UTF-8 text of at most `limit` bytes. A directory is refused; a device or
/// a pipe (`/dev/stdin`, `<(...)`) is read up to the limit.
pub fn file_text(path: &Path, limit: u64) -> Result<String, Problem> {
    let file = std::fs::File::open(path).map_err(Problem::Io)?;
    if file.metadata().map_err(Problem::Io)?.is_dir() {
        return Err(Problem::Io(io::Error::new(io::ErrorKind::IsADirectory, "is a directory")));
    }
    text(file, limit)
}

/// The regular file at `path` (a link to one is followed) as UTF-8 text of at most `limit`
/// bytes. Anything else is refused without waiting: a pipe is opened without blocking and
/// checked once open, so swapping the file for a pipe cannot make msadvise wait for ever.
pub fn regular_file_text(path: &Path, limit: u64) -> Result<String, Problem> {
    let file = open_without_waiting(path).map_err(Problem::Io)?;
    if !file.metadata().map_err(Problem::Io)?.is_file() {
        return Err(Problem::NotRegular);
    }
    text(file, limit)
}

#[cfg(unix)]
fn open_without_waiting(path: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// An I/O error in plain words.
pub fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endless_input_stops_one_byte_past_the_limit() {
        assert!(matches!(bytes(io::repeat(b'a'), 1024), Err(Problem::TooLarge(1024))));
        assert!(matches!(file_text(Path::new("/dev/zero"), 1 << 20), Err(Problem::TooLarge(_))));
        assert_eq!(bytes(&b"abc"[..], 3).unwrap(), b"abc");
        assert!(matches!(regular_file_text(Path::new("/dev/zero"), 8), Err(Problem::NotRegular)));
    }

    #[test]
    fn utf8_cut_by_the_limit_is_too_large_not_broken() {
        let text_over = "é".repeat(10);
        assert!(matches!(text(text_over.as_bytes(), 7), Err(Problem::TooLarge(7))));
        assert!(matches!(text(&b"ab\xffc"[..], 7), Err(Problem::NotUtf8(2))));
    }
}
