//! `msadvise assess`: gather answers (file, `--set`, terminal), score them, report.

use std::io::{IsTerminal, Read};

use crate::assess::{self, Answer, Answers, Questionnaire, answers, engine, prompt::TerminalPrompter, quiz};
use crate::cli::{AssessArgs, Format};
use crate::error::{Diagnostic, Error, Result};
use crate::fsutil;
use crate::output::{self, Output};

/// Where an interrupted quiz keeps its answers when `--save` was not given.
pub const PARTIAL_FILE: &str = "msadvise-answers.partial.yaml";
/// Answers files larger than this are refused before parsing.
pub const MAX_ANSWERS_BYTES: u64 = 1024 * 1024;

pub fn run(args: &AssessArgs, out: &mut Output) -> Result<()> {
    let q = assess::builtin_questionnaire()?;
    let mut given = match &args.answers {
        Some(path) => read_answers(&q, path)?,
        None => Answers::empty(&q),
    };
    if !args.sets.is_empty() {
        let sets = answers::parse_sets(&q, &args.sets).map_err(Error::InvalidInput)?;
        given.overlay(&sets);
    }
    let missing = missing(&q, &given);
    let interactive =
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal() && args.answers.as_deref() != Some("-");
    if !missing.is_empty() {
        if interactive {
            if quiz::run(&q, &mut given, &mut TerminalPrompter) == quiz::Outcome::Interrupted {
                return Err(interrupted(&q, &given, args));
            }
        } else if args.allow_unknown {
            for i in missing {
                given.values[i] = Some(Answer::Unknown);
            }
        } else {
            return Err(no_terminal(&q, &missing, args.answers.is_none() && args.sets.is_empty()));
        }
    }
    if let Some(path) = &args.save {
        fsutil::write_atomic(path, answers::to_yaml(&q, &given).as_bytes())?;
    }
    let report = assess::report::assess(&q, &given.values, &given.notes);
    match out.format {
        Format::Json | Format::Yaml => out.machine(&report),
        Format::Markdown => out.write_str(&output::report_markdown(&report)),
        Format::Text => {
            let text = output::report_text(&report, &out.theme, out.width);
            out.write_str(&text)
        }
    }
}

fn read_answers(q: &Questionnaire, path: &str) -> Result<Answers> {
    let (name, text) = if path == "-" {
        let mut buf = String::new();
        std::io::stdin()
            .take(MAX_ANSWERS_BYTES + 1)
            .read_to_string(&mut buf)
            .map_err(|e| Error::InvalidInput(vec![Diagnostic::new("<stdin>", format!("cannot read answers: {e}"))]))?;
        ("<stdin>".to_string(), buf)
    } else {
        (path.to_string(), read_file(path)?)
    };
    if text.len() as u64 > MAX_ANSWERS_BYTES {
        return Err(Error::InvalidInput(vec![Diagnostic::new(
            &name,
            format!("larger than the {MAX_ANSWERS_BYTES}-byte limit for answers files"),
        )]));
    }
    if text.trim().is_empty() {
        let hint = "is empty; start from `msadvise questions --template`";
        return Err(Error::InvalidInput(vec![Diagnostic::new(&name, hint)]));
    }
    answers::parse(q, &name, &text).map_err(Error::InvalidInput)
}

fn read_file(path: &str) -> Result<String> {
    let bad = |msg: String| Error::InvalidInput(vec![Diagnostic::new(path, msg)]);
    let meta = std::fs::metadata(path).map_err(|e| bad(format!("cannot read answers file: {}", io_reason(&e))))?;
    if meta.is_dir() {
        return Err(bad("is a directory, not an answers file".to_string()));
    }
    if meta.len() > MAX_ANSWERS_BYTES {
        return Err(bad(format!("larger than the {MAX_ANSWERS_BYTES}-byte limit for answers files")));
    }
    let bytes = std::fs::read(path).map_err(|e| bad(format!("cannot read answers file: {}", io_reason(&e))))?;
    String::from_utf8(bytes)
        .map_err(|e| bad(format!("is not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Questions that will be asked (given the answers so far) but have no answer.
fn missing(q: &Questionnaire, given: &Answers) -> Vec<usize> {
    engine::states(q, &given.values)
        .iter()
        .enumerate()
        .filter(|(i, s)| matches!(s, engine::State::Unknown) && given.values[*i].is_none())
        .map(|(i, _)| i)
        .collect()
}

fn no_terminal(q: &Questionnaire, missing: &[usize], nothing_given: bool) -> Error {
    if nothing_given {
        return Error::Usage(
            "no answers given and no terminal to ask in\n  hint: `msadvise questions --template > answers.yaml`, fill it in, then `msadvise assess --answers answers.yaml`"
                .to_string(),
        );
    }
    let ids: Vec<&str> = missing.iter().map(|&i| q.questions[i].id.as_str()).collect();
    Error::Usage(format!(
        "{} unanswered question(s) and no terminal to ask them in: {}\n  hint: answer them in the file or with --set QUESTION=CHOICE, or pass --allow-unknown to answer \"don't know\"",
        ids.len(),
        ids.join(", ")
    ))
}

fn interrupted(q: &Questionnaire, given: &Answers, args: &AssessArgs) -> Error {
    let path = args.save.clone().unwrap_or_else(|| PARTIAL_FILE.into());
    match fsutil::write_atomic(&path, answers::to_yaml(q, given).as_bytes()) {
        Ok(()) => Error::Interrupted(format!(
            "stopped; the answers so far are in {}\n  resume with: msadvise assess --answers {}",
            path.display(),
            path.display()
        )),
        Err(e) => Error::Interrupted(format!("stopped, and the answers could not be kept: {e}")),
    }
}
