//! `msadvise knowledge validate DIR` and `knowledge export DIR`: authoring knowledge packs.

use std::path::Path;

use crate::cli::KnowledgeCommand;
use crate::error::{Diagnostic, Error, Result};
use crate::fsutil;
use crate::output::Output;
use crate::pack::Knowledge;

pub fn run(command: &KnowledgeCommand, out: &mut Output) -> Result<()> {
    match command {
        KnowledgeCommand::Validate { dir } => {
            let summary = Knowledge::validate(dir)?;
            out.write_str(&summary)
        }
        KnowledgeCommand::Export { dir } => {
            let written = export(dir)?;
            out.write_str(&format!("wrote {written} files of the built-in knowledge pack to {}\n", dir.display()))
        }
    }
}

/// Write every embedded knowledge file under `dir`, which must not exist or be empty.
fn export(dir: &Path) -> Result<usize> {
    let bad = |m: &str| Error::InvalidInput(vec![Diagnostic::new(dir.display().to_string(), m)]);
    if dir.is_file() {
        return Err(bad("is a file; give a directory that does not exist yet or is empty"));
    }
    if dir.is_dir() && std::fs::read_dir(dir).map_err(|e| bad(&e.to_string()))?.next().is_some() {
        return Err(bad("is not empty; export writes into a new or empty directory so nothing is overwritten"));
    }
    let files = crate::knowledge::builtin_files();
    for (path, bytes) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|source| Error::Io { context: format!("cannot create {}", parent.display()), source })?;
        }
        fsutil::write_atomic(&target, bytes)?;
    }
    Ok(files.len())
}
