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
    let mut cmd = with_knowledge_values(Cli::command(), k)?;
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "msadvise", &mut buf);
    let mut script = String::from_utf8_lossy(&buf).into_owned();
    if args.shell == clap_complete::Shell::Bash {
        script = bash_set_pairs(&script, &set_pairs(&k.questionnaire()?));
    }
    out.write_str(&script)
}

/// Bash splits words at `=`, so `--set teams=f` reaches the script as `teams`, `=`, `f`: this
/// puts the pair back together before clap's script runs, and completes the choice.
fn bash_set_pairs(script: &str, pairs: &[String]) -> String {
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

/// Every `QUESTION=CHOICE` that `assess --set` accepts, "don't know" included.
fn set_pairs(q: &crate::assess::Questionnaire) -> Vec<String> {
    q.questions
        .iter()
        .flat_map(|x| x.choices.iter().map(|c| c.id.as_str()).chain([UNKNOWN]).map(move |c| format!("{}={c}", x.id)))
        .collect()
}

/// The command with topic ids on `explain` and `compare`, and QUESTION=CHOICE pairs on
/// `assess --set`, as possible values. Only completion scripts use it: parsing keeps accepting
/// aliases and reports bad answers with its own messages.
fn with_knowledge_values(cmd: Command, k: &Knowledge) -> Result<Command> {
    let catalog = k.catalog()?;
    let entries = catalog.entries();
    let topics: Vec<PossibleValue> = entries.iter().map(|e| value(e.id.to_string(), &e.title)).collect();
    let styles: Vec<PossibleValue> =
        entries.iter().filter(|e| e.has_profile).map(|e| value(e.id.to_string(), &e.title)).collect();
    let q = k.questionnaire()?;
    let sets: Vec<PossibleValue> = q
        .questions
        .iter()
        .flat_map(|x| {
            let choices = x.choices.iter().map(|c| (c.id.as_str(), c.label.as_str())).chain([(UNKNOWN, "Don't know")]);
            choices.map(|(id, label)| value(format!("{}={id}", x.id), label)).collect::<Vec<_>>()
        })
        .collect();
    Ok(cmd
        .mut_subcommand("explain", |c| c.mut_arg("topic", |a| a.value_parser(PossibleValuesParser::new(topics))))
        .mut_subcommand("compare", |c| c.mut_arg("styles", |a| a.value_parser(PossibleValuesParser::new(styles))))
        .mut_subcommand("assess", |c| c.mut_arg("sets", |a| a.value_parser(PossibleValuesParser::new(sets)))))
}

fn value(name: String, help: &str) -> PossibleValue {
    PossibleValue::new(name).help(help.to_string())
}

pub fn man(out: &mut Output) -> Result<()> {
    out.text_only("`msadvise man`", "drop --format; the page is roff, e.g. `msadvise man > msadvise.1`")?;
    let mut cmd = Cli::command();
    cmd.build();
    out.write_str(&crate::output::manual(&cmd))
}
