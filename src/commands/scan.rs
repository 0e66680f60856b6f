//! `msadvise scan [PATH]`: read a repository, report findings and inferred answers.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use crate::cli::{Format, ScanArgs};
use crate::error::Result;
use crate::fsutil;
use crate::output::{self, Output};
use crate::pack::Knowledge;
use crate::scan::{self, ScanOptions};

pub fn run(args: &ScanArgs, k: &Knowledge, out: &mut Output) -> Result<()> {
    let q = k.questionnaire()?;
    let history = k.history()?;
    let counter = Arc::new(AtomicU64::new(0));
    let progress = std::io::stderr().is_terminal().then(|| output::ScanProgress::start(Arc::clone(&counter)));
    let options =
        ScanOptions { threads: 0, progress: Some(&counter), questionnaire: Some(&q), history: Some(&history) };
    let report = scan::scan(&args.path, &options);
    if let Some(progress) = progress {
        progress.finish();
    }
    let report = report?;
    if let Some(path) = &args.answers_out {
        fsutil::write_atomic(path, scan::answers_file(&report, &q).as_bytes())?;
    }
    match out.format {
        Format::Json | Format::Yaml => out.machine(&report),
        Format::Markdown => out.write_str(&output::scan_markdown(&report)),
        Format::Text => {
            let text = output::scan_text(&report, &out.theme, out.width);
            out.write_str(&text)
        }
    }
}
