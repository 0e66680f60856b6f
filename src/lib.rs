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
mod help;
mod history;
mod input;
pub mod knowledge;
pub mod output;
pub mod pack;
pub mod sanitize;
pub mod scan;
pub mod search;
mod suggest;
pub mod text;
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
        Err(e) => return clap_exit(&e, &args),
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
    let found_nothing = out.found_nothing;
    // Finish even after an error, so a pager that already shows text is waited for.
    let complete = result.as_ref().err().is_none_or(Error::output_is_complete);
    let finished = out.finish(complete);
    let result = match (result, finished) {
        (Ok(()), f) => f,
        (Err(e), Err(f)) if e.output_is_complete() => Err(f),
        (Err(e), _) => Err(e),
    };
    match result {
        // As grep and ripgrep do, a search that finds nothing exits with 1 (documented in the README).
        Ok(()) if found_nothing => ExitCode::from(1),
        Ok(()) => ExitCode::from(Exit::Success as u8),
        Err(e) if e.is_broken_pipe() => ExitCode::from(Exit::Success as u8),
        Err(e) => report(&e),
    }
}

fn dispatch(cli: &Cli, out: &mut Output) -> Result<(), Error> {
    let k = pack::Knowledge::new(cli.knowledge.clone());
    let result = match &cli.command {
        Command::Explain(args) => commands::explain::run(args, &k, out),
        Command::Topics(args) => commands::topics::run(args, &k, out),
        Command::Search(args) => commands::search::run(args, &k, out),
        Command::Compare(args) => commands::compare::run(args, &k, out),
        Command::Glossary(args) => commands::glossary::run(args, &k, out),
        Command::Assess(args) => commands::assess::run(args, &k, out),
        Command::Questions(args) => commands::questions::run(args, &k, out),
        Command::Scan(args) => commands::scan::run(args, &k, out),
        Command::Boundaries(args) => commands::boundaries::run(args, &k, cli.dot(), out),
        Command::Schema(args) => commands::schema::run(args, out),
        Command::Knowledge(command) => commands::knowledge::run(command, out),
        Command::Completions(args) => commands::shell::completions(args, &k, out),
        Command::Man => commands::shell::man(out),
    };
    // The process ends next: freeing the loaded knowledge piece by piece would only cost time.
    std::mem::forget(k);
    result
}

/// The variable that names a knowledge pack, as `--knowledge` does.
const KNOWLEDGE_ENV: &str = "MSADVISE_KNOWLEDGE";

/// `Cli::try_parse_from`, without tearing down clap's command tree: the process ends soon after,
/// and the teardown is a measurable share of start-up.
fn parse(args: &[OsString]) -> Result<Cli, clap::Error> {
    let mut command = Cli::command();
    // `MSADVISE_KNOWLEDGE=` (set, but empty) means no pack, as an unset variable does; clap would
    // report a missing value for `--knowledge`, which nobody typed.
    if std::env::var_os(KNOWLEDGE_ENV).is_some_and(|v| v.is_empty()) {
        command = command.mut_arg("knowledge", |arg| arg.env(None::<&str>));
    }
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
    // Stopping on purpose is not an error: said as the signal handler says it.
    let label = if matches!(e, Error::Interrupted(_)) { "" } else { "error: " };
    let _ = writeln!(stderr, "msadvise: {label}{}", sanitize::clean(&e.to_string()));
    ExitCode::from(e.exit() as u8)
}

/// clap prints help and version to stdout (coloured only on a terminal; it honours NO_COLOR); a
/// closed pipe is not an error. Its usage errors are shown like every other error, uncoloured, as
/// `msadvise: error: ...` with the tip and usage lines indented under it.
fn clap_exit(e: &clap::Error, args: &[OsString]) -> ExitCode {
    use clap::error::ErrorKind;
    let is_help = matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if is_help {
        // Help echoes a subcommand name as typed: render it plain and escaped when one is unsafe.
        let unsafe_args = args.iter().any(|a| sanitize::clean(&a.to_string_lossy()) != a.to_string_lossy());
        if unsafe_args {
            let text = sanitize::clean(&e.render().to_string()).into_owned();
            let _ = if e.use_stderr() {
                std::io::stderr().lock().write_all(text.as_bytes())
            } else {
                std::io::stdout().lock().write_all(text.as_bytes())
            };
        } else {
            let _ = e.print();
        }
    } else {
        // clap echoes invalid values as given: they are escaped before reaching the terminal.
        let text = clap_message(&e.render().to_string());
        let _ = std::io::stderr().lock().write_all(sanitize::clean(&text).as_bytes());
    }
    if e.use_stderr() { ExitCode::from(Exit::Usage as u8) } else { ExitCode::from(Exit::Success as u8) }
}

/// clap's plain error text in msadvise's style: `msadvise: error:` first, no blank lines, the
/// rest indented by two spaces.
fn clap_message(rendered: &str) -> String {
    let mut out = String::new();
    for line in rendered.lines().filter(|l| !l.trim().is_empty()) {
        if out.is_empty() {
            out.push_str("msadvise: error: ");
            out.push_str(line.strip_prefix("error: ").unwrap_or(line));
        } else {
            out.push_str("  ");
            let line = line.trim_start();
            match line.strip_prefix("Usage: ") {
                Some(usage) => {
                    out.push_str("usage: ");
                    out.push_str(usage);
                }
                None => out.push_str(line),
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_errors_read_like_msadvise_errors() {
        let clap = "error: invalid value 'x' for '--format <FORMAT>'\n  [possible values: text, json]\n\n  tip: a similar value exists: 'text'\n\nUsage: msadvise explain [TOPIC]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            super::clap_message(clap),
            "msadvise: error: invalid value 'x' for '--format <FORMAT>'\n  [possible values: text, json]\n  tip: a similar value exists: 'text'\n  usage: msadvise explain [TOPIC]\n  For more information, try '--help'.\n"
        );
    }
}
