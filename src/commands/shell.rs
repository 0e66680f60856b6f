//! `msadvise completions SHELL` and `msadvise man`: shell integration generated from the CLI itself.

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Command, CommandFactory};

use crate::assess::model::UNKNOWN;
use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;
use crate::output::Output;
use crate::pack::Knowledge;

/// A static script: the values that come from the knowledge (topic ids, question ids and choices)
/// are written into it, so completion works offline in every shell without calling msadvise back.
pub fn completions(args: &CompletionsArgs, k: &Knowledge, out: &mut Output) -> Result<()> {
    out.text_only("`msadvise completions`", "drop --format; the script is for the shell to read")?;
    let values = Values::new(k)?;
    let mut cmd = values.add_to(Cli::command());
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "msadvise", &mut buf);
    let mut script = String::from_utf8_lossy(&buf).into_owned();
    match args.shell {
        clap_complete::Shell::Bash => script = bash_set_pairs(&script, &values.sets),
        clap_complete::Shell::Fish => script.push_str(&fish_positionals(&values)),
        _ => {}
    }
    out.write_str(&script)
}

/// What completion offers from the knowledge: (value, description) pairs.
struct Values {
    topics: Vec<(String, String)>,
    styles: Vec<(String, String)>,
    sets: Vec<(String, String)>,
}

impl Values {
    fn new(k: &Knowledge) -> Result<Self> {
        let entries = k.catalog()?.entries();
        let pair = |e: &&crate::knowledge::index::Entry| (e.id.to_string(), e.title.to_string());
        let q = k.questionnaire()?;
        let sets = q
            .questions
            .iter()
            .flat_map(|x| {
                let choices = x.choices.iter().map(|c| (c.id.as_str(), c.label.as_str()));
                choices
                    .chain([(UNKNOWN, "Don't know")])
                    .map(|(id, label)| (format!("{}={id}", x.id), label.to_string()))
            })
            .collect();
        Ok(Values {
            topics: entries.iter().map(pair).collect(),
            styles: entries.iter().filter(|e| e.has_profile).map(pair).collect(),
            sets,
        })
    }

    /// The command with topic ids on `explain` and `compare`, and QUESTION=CHOICE pairs on
    /// `assess --set`, as possible values. Only completion scripts use it: parsing keeps accepting
    /// aliases and reports bad answers with its own messages.
    fn add_to(&self, cmd: Command) -> Command {
        let parser = |values: &[(String, String)]| {
            PossibleValuesParser::new(values.iter().map(|(v, help)| PossibleValue::new(v.clone()).help(help.clone())))
        };
        cmd.mut_subcommand("explain", |c| c.mut_arg("topic", |a| a.value_parser(parser(&self.topics))))
            .mut_subcommand("compare", |c| c.mut_arg("styles", |a| a.value_parser(parser(&self.styles))))
            .mut_subcommand("assess", |c| c.mut_arg("sets", |a| a.value_parser(parser(&self.sets))))
    }
}

/// clap's fish script completes options' values but not positional arguments'.
fn fish_positionals(values: &Values) -> String {
    let mut lines = String::from("\n# Topic ids for explain, architecture styles for compare.\n");
    for (command, list) in [("explain", &values.topics), ("compare", &values.styles)] {
        for (value, help) in list {
            lines.push_str(&format!(
                "complete -c msadvise -n \"__fish_msadvise_using_subcommand {command}\" -f -a '{}' -d '{}'\n",
                fish_quote(value),
                fish_quote(help)
            ));
        }
    }
    lines
}

/// Text inside fish single quotes.
fn fish_quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\'', "\\'")
}

/// Bash splits words at `=`, so `--set teams=f` reaches the script as `teams`, `=`, `f`: this
/// puts the pair back together before clap's script runs, and completes the choice.
fn bash_set_pairs(script: &str, pairs: &[(String, String)]) -> String {
    let pairs: Vec<&str> = pairs.iter().map(|(pair, _)| pair.as_str()).collect();
    let fix = format!(
        r#"prev="$3"
    local set_at=$((COMP_CWORD - 2)) set_partial="$cur"
    if [[ "${{COMP_WORDS[COMP_CWORD]}}" == "=" ]]; then set_at=$((COMP_CWORD - 1)); set_partial=""; fi
    if [[ $set_at -ge 1 && "${{COMP_WORDS[set_at - 1]}}" == "--set" && "${{COMP_WORDS[set_at + 1]}}" == "=" ]]; then
        local set_question="${{COMP_WORDS[set_at]}}"
        COMPREPLY=($(compgen -W "{}" -- "${{set_question}}=${{set_partial}}"))
        COMPREPLY=("${{COMPREPLY[@]#"${{set_question}}="}}")
        return 0
    fi"#,
        pairs.join(" ")
    );
    script.replacen(r#"prev="$3""#, &fix, 1)
}

pub fn man(out: &mut Output) -> Result<()> {
    out.text_only("`msadvise man`", "drop --format; the page is roff, e.g. `msadvise man > msadvise.1`")?;
    let mut cmd = Cli::command();
    cmd.build();
    out.write_str(&crate::output::manual(&cmd))
}
