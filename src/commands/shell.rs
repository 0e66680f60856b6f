//! `msadvise completions SHELL` and `msadvise man`: shell integration generated from the CLI itself.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;
use crate::output::Output;

pub fn completions(args: &CompletionsArgs, out: &mut Output) -> Result<()> {
    out.text_only("`msadvise completions`", "drop --format; the script is for the shell to read")?;
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "msadvise", &mut buf);
    out.write_str(&String::from_utf8_lossy(&buf))
}

pub fn man(out: &mut Output) -> Result<()> {
    out.text_only("`msadvise man`", "drop --format; the page is roff, e.g. `msadvise man > msadvise.1`")?;
    let mut cmd = Cli::command();
    cmd.build();
    out.write_str(&crate::output::manual(&cmd))
}
