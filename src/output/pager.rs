//! Long text on a terminal goes through a pager, as `rustc --explain` does; never when piped.

use std::io::{self, Write};
use std::process::{Child, Command, Stdio};

/// The pager command: `MSADVISE_PAGER`, else `PAGER`, else `less -R`; an empty value means none.
pub fn command() -> Option<Vec<String>> {
    let chosen =
        std::env::var("MSADVISE_PAGER").or_else(|_| std::env::var("PAGER")).unwrap_or_else(|_| "less -R".to_string());
    let words: Vec<String> = chosen.split_whitespace().map(str::to_string).collect();
    (!words.is_empty()).then_some(words)
}

/// Start the pager with its standard input as the returned writer; `None` if it cannot start.
pub fn spawn(words: &[String]) -> Option<(Child, Box<dyn Write>)> {
    let (program, args) = words.split_first()?;
    let mut cmd = Command::new(program);
    cmd.args(args).stdin(Stdio::piped());
    // Without LESS set, let less quit on one screen of text and keep the text on screen after.
    if std::env::var_os("LESS").is_none() {
        cmd.env("LESS", "FRX");
    }
    let mut child = cmd.spawn().ok()?;
    let stdin = child.stdin.take()?;
    Some((child, Box::new(io::BufWriter::new(stdin))))
}
