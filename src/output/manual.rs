//! The manual page: one roff page that covers every command, built from the clap definition so
//! that options cannot drift from it, plus the sections clap knows nothing about.

use clap::{Arg, Command};
use roff::{Inline, Roff, bold, italic, roman};

/// Exit statuses, as the README lists them.
const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success, also when the reader of a pipe went away."),
    ("1", "search found nothing (as grep), or an unexpected failure: an I/O error, a broken built-in knowledge file."),
    (
        "2",
        "Bad usage or bad input: an unknown topic or option, an invalid answers file or knowledge pack (reported as file:line:column), missing answers without a terminal.",
    ),
    ("3", "assess --fail-on or --min-confidence rejected the result; the report is printed first."),
    ("130", "The questionnaire was stopped with Ctrl-C (143 with SIGTERM); the answers so far are kept."),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    ("MSADVISE_KNOWLEDGE", "A knowledge pack to overlay on the built-in one, as --knowledge."),
    ("MSADVISE_PAGER", "The pager for long text on a terminal; an empty value turns paging off."),
    ("PAGER", "The pager when MSADVISE_PAGER is unset; the default is less -R."),
    ("LESS", "When unset, msadvise runs less with LESS=FRX, so one screen of text does not wait for q."),
    ("NO_COLOR", "When set, --color auto uses no colour."),
    ("CLICOLOR_FORCE", "When set to a value other than 0, --color auto uses colour even into a pipe."),
    (
        "COLUMNS",
        "When exported, the width text is wrapped to (kept between 40 and 100); otherwise the terminal's width, or 80 into a pipe.",
    ),
];

const FILES: &[(&str, &str)] = &[
    (
        "msadvise-answers.partial.yaml",
        "Where assess keeps the answers given so far when the questionnaire is stopped, in the current directory (the --save file instead, when given). Resume with assess --answers FILE.",
    ),
    (
        "answers.yaml",
        "An answers file, written by assess --save, scan --answers-out or questions --template, and read by assess --answers.",
    ),
];

/// The whole page for `cmd`, the top-level command.
pub fn manual(cmd: &Command) -> String {
    let name = cmd.get_name().to_string();
    let version = cmd.get_version().unwrap_or_default();
    let mut r = Roff::new();
    // Written by hand below: the roff crate drops the empty date argument, which shifts the others.
    r.control("TH", [name.to_uppercase().as_str(), "1"]);
    r.control("SH", ["NAME"]);
    r.text([roman(format!("{name} - {}", about(cmd).trim_end_matches('.')))]);
    r.control("SH", ["SYNOPSIS"]);
    r.text([bold(&name), roman(" [GLOBAL OPTIONS] "), italic("COMMAND"), roman(" [OPTIONS] [ARGUMENTS]")]);
    r.control("SH", ["DESCRIPTION"]);
    r.text([roman(
        "msadvise explains microservice architecture, its alternatives and the patterns around it, with sources, \
         and assesses whether a system suits microservices. Everything is embedded in the binary; it reads no network. \
         msadvise COMMAND --help shows a command's options and examples; msadvise --version prints the version.",
    )]);
    r.control("SH", ["GLOBAL OPTIONS"]);
    r.text([roman("These apply to every command and may be given before or after it.")]);
    for arg in cmd.get_arguments().filter(|a| a.is_global_set() && !a.is_hide_set()) {
        option(&mut r, arg);
    }
    r.control("SH", ["COMMANDS"]);
    for sub in visible(cmd) {
        command(&mut r, &name, sub);
    }
    definitions(&mut r, "EXIT STATUS", EXIT_STATUS);
    definitions(&mut r, "ENVIRONMENT", ENVIRONMENT);
    definitions(&mut r, "FILES", FILES);
    if let Some(examples) = cmd.get_after_help() {
        r.control("SH", ["EXAMPLES"]);
        verbatim(&mut r, &examples.to_string());
    }
    let title = format!(".TH {} 1 \"\" \"{name} {version}\" \"User Commands\"", name.to_uppercase());
    r.render().lines().map(|l| if l.starts_with(".TH ") { title.as_str() } else { l }).collect::<Vec<_>>().join("\n")
        + "\n"
}

/// Subcommands worth a section: clap's own `help` command is covered by `--help`.
fn visible(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

fn about(cmd: &Command) -> String {
    cmd.get_about().map(|a| a.to_string()).unwrap_or_default()
}

/// One command: its usage, what it does, its own arguments and options, and its examples;
/// nested commands (`knowledge validate`) follow as commands of their own.
fn command(r: &mut Roff, parent: &str, cmd: &Command) {
    let path = format!("{parent} {}", cmd.get_name());
    if cmd.has_subcommands() {
        for sub in visible(cmd) {
            command(r, &path, sub);
        }
        return;
    }
    r.control("SS", [path.as_str()]);
    let mut usage = vec![bold(&path)];
    for arg in own_args(cmd) {
        usage.push(roman(" "));
        usage.extend(synopsis(arg));
    }
    r.text(usage);
    r.control("PP", []);
    r.text([roman(about(cmd))]);
    for arg in own_args(cmd) {
        option(r, arg);
    }
    if let Some(after) = cmd.get_after_help() {
        r.control("PP", []);
        verbatim(r, &after.to_string());
    }
}

/// A command's arguments without the global ones and `--help`.
fn own_args(cmd: &Command) -> impl Iterator<Item = &Arg> {
    cmd.get_arguments().filter(|a| !a.is_global_set() && !a.is_hide_set() && a.get_id() != "help")
}

fn value_name(arg: &Arg) -> String {
    arg.get_value_names()
        .and_then(|v| v.first())
        .map_or_else(|| arg.get_id().to_string().to_uppercase(), |v| v.to_string())
}

fn takes_value(arg: &Arg) -> bool {
    arg.get_num_args().is_some_and(|n| n.takes_values()) || arg.is_positional()
}

/// How an argument appears in a usage line: `[--long VALUE]`, `TOPIC`, `STYLE...`.
fn synopsis(arg: &Arg) -> Vec<Inline> {
    let mut parts = Vec::new();
    let optional = !arg.is_required_set();
    if optional {
        parts.push(roman("["));
    }
    if let Some(long) = arg.get_long() {
        parts.push(bold(format!("--{long}")));
        if takes_value(arg) {
            parts.push(roman(" "));
        }
    }
    if takes_value(arg) {
        parts.push(italic(value_name(arg)));
        if arg.get_num_args().is_some_and(|n| n.max_values() > 1) {
            parts.push(roman("..."));
        }
    }
    if optional {
        parts.push(roman("]"));
    }
    parts
}

/// One argument as a tagged paragraph: the flags, then the help, possible and default values.
fn option(r: &mut Roff, arg: &Arg) {
    r.control("TP", []);
    let mut tag = Vec::new();
    if let Some(short) = arg.get_short() {
        tag.push(bold(format!("-{short}")));
        tag.push(roman(", "));
    }
    if let Some(long) = arg.get_long() {
        tag.push(bold(format!("--{long}")));
        if takes_value(arg) {
            tag.push(roman(" "));
        }
    }
    if takes_value(arg) {
        tag.push(italic(value_name(arg)));
    }
    r.text(tag);
    let mut help = arg.get_long_help().or_else(|| arg.get_help()).map(|h| h.to_string()).unwrap_or_default();
    let values: Vec<String> =
        arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
    if !values.is_empty() {
        help.push_str(&format!("{}One of: {}", if help.is_empty() { "" } else { ". " }, values.join(", ")));
    }
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() && arg.get_action().takes_values() {
        help.push_str(&format!(". Default: {}", defaults.join(", ")));
    }
    if let Some(env) = arg.get_env() {
        help.push_str(&format!(". Also from ${}", env.to_string_lossy()));
    }
    if !help.is_empty() && !help.ends_with('.') {
        help.push('.');
    }
    r.text([roman(help)]);
}

fn definitions(r: &mut Roff, heading: &str, items: &[(&str, &str)]) {
    r.control("SH", [heading]);
    for (term, text) in items {
        r.control("TP", []);
        r.text([bold(*term)]);
        r.text([roman(*text)]);
    }
}

/// Text whose lines and spacing matter (examples): not filled or adjusted by roff.
fn verbatim(r: &mut Roff, text: &str) {
    r.control("nf", []);
    for line in text.lines() {
        r.text([roman(line)]);
    }
    r.control("fi", []);
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_page_covers_every_command_and_refers_to_no_other_page() {
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let page = super::manual(&cmd);
        for sub in ["explain", "topics", "search", "compare", "glossary", "assess", "questions", "scan", "schema"] {
            assert!(
                page.contains(&format!(".SS \"msadvise {sub}\"")) || page.contains(&format!(".SS msadvise\\ {sub}")),
                "{sub}"
            );
        }
        assert!(page.contains("knowledge validate"));
        for section in ["EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES"] {
            assert!(page.contains(section), "{section}");
        }
        assert!(!page.contains("msadvise-explain(1)"));
        assert!(page.contains("\\-\\-fail\\-on") || page.contains("--fail-on"));
    }
}
