//! Writing files safely: a temporary file in the same directory, renamed into place.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Write `contents` to `path` atomically: readers see the old file or the new one, never half of it.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let io_err = |source: std::io::Error| Error::Io { context: format!("cannot write {}", path.display()), source };
    if path.is_dir() {
        return Err(Error::Usage(format!("{} is a directory; give a file name", path.display())));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".to_string());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_err(e));
    }
    Ok(())
}
