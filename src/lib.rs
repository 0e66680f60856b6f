//! msadvise: an offline, cited advisor on microservice architecture.
//!
//! `run` is the whole program; `main.rs` only hands it the arguments.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod assess;
pub mod cli;
mod commands;
pub mod error;
mod fsutil;
pub mod knowledge;
pub mod output;
pub mod search;
mod suggest;
mod yaml;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::error::{Error, Exit};
use crate::output::Output;

/// Parse `args`, run the command, print any error once, and return the exit status.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    let mut out = Output::stdout(cli.effective_format(), cli.color, cli.no_pager);
    let result = dispatch(&cli, &mut out);
    // Finish even after an error, so a pager that already shows text is waited for.
    let finished = out.finish();
    let result = result.and(finished);
    match result {
        Ok(()) => ExitCode::from(Exit::Success as u8),
        Err(e) if e.is_broken_pipe() => ExitCode::from(Exit::Success as u8),
        Err(e) => report(&e),
    }
}

fn dispatch(cli: &Cli, out: &mut Output) -> Result<(), Error> {
    match &cli.command {
        Command::Explain(args) => commands::explain::run(args, out),
        Command::Topics => commands::topics::run(out),
        Command::Search(args) => commands::search::run(args, out),
        Command::Compare(args) => commands::compare::run(args, out),
        Command::Glossary(args) => commands::glossary::run(args, out),
        Command::Assess(args) => commands::assess::run(args, out),
        Command::Questions(args) => commands::questions::run(args, out),
    }
}

/// The single place errors reach the user.
fn report(e: &Error) -> ExitCode {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "msadvise: error: {e}");
    ExitCode::from(e.exit() as u8)
}

/// clap prints help and version to stdout and usage errors to stderr, coloured only on a terminal
/// (it honours NO_COLOR); a closed pipe is not an error.
fn clap_exit(e: &clap::Error) -> ExitCode {
    let _ = e.print();
    if e.use_stderr() { ExitCode::from(Exit::Usage as u8) } else { ExitCode::from(Exit::Success as u8) }
}
