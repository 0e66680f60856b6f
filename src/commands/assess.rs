//! `msadvise assess`: gather answers (file, `--set`, terminal), score them, report.

use std::io::{IsTerminal, Read};

use crate::assess::quiz::Prompter;
use crate::assess::report::Level;
use crate::assess::team::{self, Person};
use crate::assess::{self, Answer, Answers, Questionnaire, answers, engine, prompt::TerminalPrompter, quiz, signals};
use crate::cli::{AssessArgs, ConfidenceArg, Format};
use crate::error::{Diagnostic, Error, Result};
use crate::fsutil;
use crate::output::{self, Output};
use crate::pack::Knowledge;

/// Where an interrupted quiz keeps its answers when `--save` was not given.
pub const PARTIAL_FILE: &str = "msadvise-answers.partial.yaml";
/// Answers files larger than this are refused before parsing.
pub const MAX_ANSWERS_BYTES: u64 = 1024 * 1024;

/// The `assess` command. Run once per process: it leaves its report to the operating system.
pub fn run(args: &AssessArgs, k: &Knowledge, out: &mut Output) -> Result<()> {
    let q = k.questionnaire()?;
    let people = read_people(&q, &args.answers)?;
    let mut given = match people.as_slice() {
        [] => Answers::empty(&q),
        [one] => one.answers.clone(),
        many => team::combine(&q, many),
    };
    if !args.sets.is_empty() {
        let sets = answers::parse_sets(&q, &args.sets).map_err(Error::InvalidInput)?;
        given.overlay(&sets);
    }
    let detected = args.detect.as_deref().map(|path| detect(&q, path)).transpose()?;
    complete(&q, &mut given, detected, args)?;
    if let Some(path) = &args.save {
        fsutil::write_atomic(path, answers::to_yaml(&q, &given).as_bytes())?;
    }
    let mut report = assess::report::assess(&q, &given.values, &given.notes);
    if people.len() > 1 {
        report.team = Some(team::team(&q, &people, &given));
    }
    match out.format {
        Format::Json | Format::Yaml => out.machine(&report)?,
        Format::Markdown => out.write_str(&output::report_markdown(&report))?,
        Format::Text => {
            let text = output::report_text(&report, &out.theme, out.width);
            out.write_str(&text)?;
        }
    }
    let result = policy(args, &report);
    // The process ends with this command: the operating system takes back the report and the
    // questionnaire at once, which freeing them string by string would cost 4% of the command.
    std::mem::forget((report, q, given, people));
    result
}

/// What a scan (`--detect`) inferred: suggested answers and, per question, the evidence in words.
struct Detected {
    answers: Answers,
    evidence: Vec<Option<String>>,
}

fn detect(q: &Questionnaire, path: &std::path::Path) -> Result<Detected> {
    let report = crate::scan::scan(path, &crate::scan::ScanOptions { questionnaire: Some(q), ..Default::default() })?;
    let answers = crate::scan::inferred_answers(&report, q);
    let mut evidence = vec![None; q.questions.len()];
    for inf in &report.inferred {
        let Some(qi) = q.question_index(&inf.question) else { continue };
        let label = q.questions[qi]
            .choice_index(&inf.choice)
            .map_or(inf.choice.as_str(), |c| q.questions[qi].choices[c].label.as_str());
        let paths = if inf.evidence.is_empty() { String::new() } else { format!(" [{}]", inf.evidence.join(", ")) };
        let confidence = format!("{:?}", inf.confidence).to_lowercase();
        evidence[qi] = Some(format!("\u{201c}{label}\u{201d} ({confidence} confidence): {}{paths}", inf.reason));
    }
    // Answers read from history are shown with the modules and groups they came from.
    let history: Vec<String> =
        report.boundaries.iter().map(|b| crate::sanitize::clean(&b.line()).into_owned()).collect();
    for id in ["boundary_changes", "ownership"] {
        if let Some(Some(found)) = q.question_index(id).and_then(|qi| evidence.get_mut(qi)) {
            found.push_str(&format!("\n  history: {}", history.join("; ")));
        }
    }
    Ok(Detected { answers, evidence })
}

/// Ask for what is missing on a terminal (offering what a scan detected), or take the detected
/// answers and answer the rest "don't know", or say what is missing.
fn complete(q: &Questionnaire, given: &mut Answers, detected: Option<Detected>, args: &AssessArgs) -> Result<()> {
    let from_stdin = args.answers.iter().any(|a| a == "-");
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal() && !from_stdin;
    let detected = detected.unwrap_or_else(|| Detected { answers: Answers::empty(q), evidence: Vec::new() });
    if !interactive {
        for (mine, found) in given.values.iter_mut().zip(&detected.answers.values) {
            if mine.is_none() {
                mine.clone_from(found);
            }
        }
    }
    let missing = missing(q, given);
    if missing.is_empty() {
        return Ok(());
    }
    if interactive {
        let mut prompter = TerminalPrompter { evidence: detected.evidence, ..TerminalPrompter::default() };
        prompter.answered(given);
        let (kept_q, path) = (q.clone(), keep_path(args));
        let _guard = signals::install(prompter.latest.clone(), move |a| keep(&kept_q, a, &path))
            .map_err(|source| Error::Io { context: "cannot watch for interrupt signals".to_string(), source })?;
        if quiz::run_with_suggestions(q, given, &detected.answers, &mut prompter) == quiz::Outcome::Interrupted {
            return Err(Error::Interrupted(keep(q, given, &keep_path(args))));
        }
    } else if args.allow_unknown {
        for i in missing {
            given.values[i] = Some(Answer::Unknown);
        }
    } else {
        return Err(no_terminal(q, &missing, args.answers.is_empty() && args.sets.is_empty() && args.detect.is_none()));
    }
    Ok(())
}

/// `--fail-on` and `--min-confidence`: checked after the report is out, so CI logs show it.
fn policy(args: &AssessArgs, report: &assess::Report) -> Result<()> {
    if let Some(v) = args.fail_on.iter().find(|v| v.id() == report.verdict) {
        return Err(Error::Policy(format!("the verdict is `{}`, which --fail-on rejects", v.id())));
    }
    let level = match report.confidence.level {
        Level::Low => ConfidenceArg::Low,
        Level::Medium => ConfidenceArg::Medium,
        Level::High => ConfidenceArg::High,
    };
    match args.min_confidence {
        Some(min) if level < min => Err(Error::Policy(
            format!(
                "the confidence is {level:?}, below --min-confidence {min:?} ({})",
                report.confidence.why.join("; ")
            )
            .to_lowercase(),
        )),
        _ => Ok(()),
    }
}

/// Each `--answers` file is one person's, named after the file.
fn read_people(q: &Questionnaire, paths: &[String]) -> Result<Vec<Person>> {
    if paths.iter().filter(|p| *p == "-").count() > 1 {
        return Err(Error::Usage("standard input (`-`) can be given to --answers only once".to_string()));
    }
    let mut people = Vec::with_capacity(paths.len());
    let mut problems = Vec::new();
    for path in paths {
        match read_answers(q, path) {
            Ok(answers) => people.push(Person { name: person_name(path), answers }),
            Err(Error::InvalidInput(mut d)) => problems.append(&mut d),
            Err(e) => return Err(e),
        }
    }
    if problems.is_empty() { Ok(people) } else { Err(Error::InvalidInput(problems)) }
}

fn person_name(path: &str) -> String {
    if path == "-" {
        return "stdin".to_string();
    }
    std::path::Path::new(path).file_stem().map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned())
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

/// Where an interrupted quiz keeps its answers: `--save`, or a partial file here.
fn keep_path(args: &AssessArgs) -> std::path::PathBuf {
    args.save.clone().unwrap_or_else(|| PARTIAL_FILE.into())
}

/// Save the answers so far and say how to resume (or why they could not be kept).
fn keep(q: &Questionnaire, given: &Answers, path: &std::path::Path) -> String {
    match fsutil::write_atomic(path, answers::to_yaml(q, given).as_bytes()) {
        Ok(()) => format!(
            "stopped; the answers so far are in {}\n  resume with: msadvise assess --answers {}",
            path.display(),
            path.display()
        ),
        Err(e) => format!("stopped, and the answers could not be kept: {e}"),
    }
}
