//! msadvise: an offline, cited advisor on microservice architecture.
//!
//! `run` is the whole program; `main.rs` only hands it the arguments.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod assess;
pub mod boundaries;
pub mod cli;
mod commands;
pub mod error;
mod fsutil;
mod history;
pub mod knowledge;
pub mod output;
pub mod pack;
pub mod sanitize;
pub mod scan;
pub mod search;
mod suggest;
mod yaml;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, Command};
use crate::error::{Error, Exit};
use crate::output::Output;

/// Parse `args`, run the command, print any error once, and return the exit status.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = match parse(&args) {
        Ok(cli) => cli,
        Err(e) if args.iter().any(|a| sanitize::clean(&a.to_string_lossy()) != a.to_string_lossy()) => {
            // clap echoes invalid values as given: render its message uncoloured, then escape them.
            let plain = Cli::command().color(clap::ColorChoice::Never).try_get_matches_from(&args).err().unwrap_or(e);
            return clap_exit(&plain, true);
        }
        Err(e) => return clap_exit(&e, false),
    };
    if cli.dot() && !matches!(cli.command, Command::Boundaries(_)) {
        return report(&Error::Usage("--format dot draws a graph only for `msadvise boundaries`".to_string()));
    }
    // A graph is data for Graphviz: never coloured, never paged.
    let (color, no_pager) = if cli.dot() { (cli::ColorChoice::Never, true) } else { (cli.color, cli.no_pager) };
    let mut out = match &cli.output {
        Some(path) => Output::file(path.clone(), cli.effective_format()),
        None => Output::stdout(cli.effective_format(), color, no_pager),
    };
    let result = dispatch(&cli, &mut out);
    // Finish even after an error, so a pager that already shows text is waited for.
    let complete = result.as_ref().err().is_none_or(Error::output_is_complete);
    let finished = out.finish(complete);
    let result = match (result, finished) {
        (Ok(()), f) => f,
        (Err(e), Err(f)) if e.output_is_complete() => Err(f),
        (Err(e), _) => Err(e),
    };
    match result {
        Ok(()) => ExitCode::from(Exit::Success as u8),
        Err(e) if e.is_broken_pipe() => ExitCode::from(Exit::Success as u8),
        Err(e) => report(&e),
    }
}

fn dispatch(cli: &Cli, out: &mut Output) -> Result<(), Error> {
    let k = pack::Knowledge::new(cli.knowledge.clone());
    let result = match &cli.command {
        Command::Explain(args) => commands::explain::run(args, &k, out),
        Command::Topics => commands::topics::run(&k, out),
        Command::Search(args) => commands::search::run(args, &k, out),
        Command::Compare(args) => commands::compare::run(args, &k, out),
        Command::Glossary(args) => commands::glossary::run(args, &k, out),
        Command::Assess(args) => commands::assess::run(args, &k, out),
        Command::Questions(args) => commands::questions::run(args, &k, out),
        Command::Scan(args) => commands::scan::run(args, &k, out),
        Command::Boundaries(args) => commands::boundaries::run(args, cli.dot(), out),
        Command::Schema(args) => commands::schema::run(args, out),
        Command::Knowledge(command) => commands::knowledge::run(command, out),
        Command::Completions(args) => commands::shell::completions(args, out),
        Command::Man => commands::shell::man(out),
    };
    // The process ends next: freeing the loaded knowledge piece by piece would only cost time.
    std::mem::forget(k);
    result
}

/// `Cli::try_parse_from`, without tearing down clap's command tree: the process ends soon after,
/// and the teardown is a measurable share of start-up.
fn parse(args: &[OsString]) -> Result<Cli, clap::Error> {
    let mut command = Cli::command();
    let parsed = command
        .try_get_matches_from_mut(args)
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut Cli::command())));
    std::mem::forget(command);
    parsed
}

/// The single place errors reach the user.
fn report(e: &Error) -> ExitCode {
    let mut stderr = std::io::stderr().lock();
    // Errors echo what people typed or wrote; none of it may drive the terminal.
    let _ = writeln!(stderr, "msadvise: error: {}", sanitize::clean(&e.to_string()));
    ExitCode::from(e.exit() as u8)
}

/// clap prints help and version to stdout and usage errors to stderr, coloured only on a terminal
/// (it honours NO_COLOR); a closed pipe is not an error.
fn clap_exit(e: &clap::Error, unsafe_args: bool) -> ExitCode {
    if unsafe_args {
        let rendered = e.render().to_string();
        let text = sanitize::clean(&rendered);
        let _ = if e.use_stderr() {
            std::io::stderr().lock().write_all(text.as_bytes())
        } else {
            std::io::stdout().lock().write_all(text.as_bytes())
        };
    } else {
        let _ = e.print();
    }
    if e.use_stderr() { ExitCode::from(Exit::Usage as u8) } else { ExitCode::from(Exit::Success as u8) }
}
