//! `msadvise assess`: gather answers (file, `--set`, terminal), score them, report.

mod keep;

use std::io::IsTerminal;

use crate::assess::quiz::Prompter;
use crate::assess::report::Level;
use crate::assess::team::{self, Person};
use crate::assess::{self, Answer, Answers, Questionnaire, answers, engine, prompt::TerminalPrompter, quiz, signals};
use crate::cli::{AssessArgs, ConfidenceArg, Format};
use crate::error::{Diagnostic, Error, Result};
use crate::output::{self, Output};
use crate::pack::Knowledge;
use crate::{fsutil, input};

pub use keep::{ANSWERS_FILE, PARTIAL_FILE};
/// Answers files larger than this are refused before parsing.
pub const MAX_ANSWERS_BYTES: u64 = 1024 * 1024;

/// The `assess` command. Run once per process: it leaves its report to the operating system.
pub fn run(args: &AssessArgs, k: &Knowledge, out: &mut Output) -> Result<()> {
    let q = k.questionnaire()?;
    let people = read_people(&q, &args.answers)?;
    let resumed = if people.is_empty() && interactive(args) { offer_resume(&q)? } else { None };
    let mut given = match people.as_slice() {
        [] => resumed.clone().unwrap_or_else(|| Answers::empty(&q)),
        [one] => one.answers.clone(),
        many => team::combine(&q, many),
    };
    if !args.sets.is_empty() {
        let sets = answers::parse_sets(&q, &args.sets).map_err(Error::InvalidInput)?;
        given.overlay(&sets);
    }
    let detected = args.detect.as_deref().map(|path| detect(&q, k, path)).transpose()?;
    let asked = complete(&q, &mut given, detected, args, resumed.is_some())?;
    save(&q, &given, args, asked, resumed.is_some())?;
    let mut report = assess::report::assess_answers(&q, &given);
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

/// What a scan (`--detect`) inferred: suggested answers, each marked with the scan's confidence,
/// and per question the evidence in words.
struct Detected {
    answers: Answers,
    evidence: Vec<Option<String>>,
}

fn detect(q: &Questionnaire, k: &Knowledge, path: &std::path::Path) -> Result<Detected> {
    let history = k.history()?;
    let options = crate::scan::ScanOptions { questionnaire: Some(q), history: Some(&history), ..Default::default() };
    let report = crate::scan::scan(path, &options)?;
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
/// answers and answer the rest "don't know", or say what is missing. Returns whether a quiz was
/// held (and finished). A detected answer taken without a person confirming it keeps the scan's
/// mark, so it counts by its confidence. `offered` says the quiz resumes the partial file.
fn complete(
    q: &Questionnaire,
    given: &mut Answers,
    detected: Option<Detected>,
    args: &AssessArgs,
    offered: bool,
) -> Result<bool> {
    let interactive = interactive(args);
    let detected = detected.unwrap_or_else(|| Detected { answers: Answers::empty(q), evidence: Vec::new() });
    if !interactive {
        given.fill(&detected.answers);
    }
    let missing = missing(q, given);
    if missing.is_empty() {
        return Ok(false);
    }
    if interactive {
        ask(q, given, detected, args, offered)?;
        return Ok(true);
    } else if args.allow_unknown {
        for i in missing {
            given.answer(i, Answer::Unknown);
        }
    } else {
        return Err(no_terminal(q, &missing, args.answers.is_empty() && args.sets.is_empty() && args.detect.is_none()));
    }
    Ok(false)
}

/// The quiz itself, with the answers so far kept if it is stopped by a key or a signal.
fn ask(q: &Questionnaire, given: &mut Answers, detected: Detected, args: &AssessArgs, offered: bool) -> Result<()> {
    let mut prompter = TerminalPrompter { evidence: detected.evidence, ..TerminalPrompter::default() };
    prompter.answered(given);
    // Whether the file that keeps a stopped quiz's answers is the one this quiz started from.
    let keep_to = args.save.clone().unwrap_or_else(|| PARTIAL_FILE.into());
    let resumed = (offered && args.save.is_none()) || args.answers.iter().any(|a| std::path::Path::new(a) == keep_to);
    let (kept_q, save) = (q.clone(), args.save.clone());
    let _guard =
        signals::install(prompter.latest.clone(), move |a| keep::keep_stopped(&kept_q, a, save.as_deref(), resumed))
            .map_err(|source| Error::Io { context: "cannot watch for interrupt signals".to_string(), source })?;
    if quiz::run_with_suggestions(q, given, &detected.answers, &mut prompter) == quiz::Outcome::Interrupted {
        return Err(Error::Interrupted(keep::keep_stopped(q, given, args.save.as_deref(), resumed)));
    }
    Ok(())
}

/// A quiz needs a terminal on both ends, and standard input free of an answers file.
fn interactive(args: &AssessArgs) -> bool {
    let from_stdin = args.answers.iter().any(|a| a == "-");
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal() && !from_stdin
}

/// With no answers given, an unfinished quiz left here is offered for resuming.
fn offer_resume(q: &Questionnaire) -> Result<Option<Answers>> {
    let keep::Held::Answers(kept) = keep::held(q, std::path::Path::new(PARTIAL_FILE)) else { return Ok(None) };
    let n = keep::count(&kept);
    if n == 0 {
        return Ok(None);
    }
    match crate::assess::prompt::offer_resume(PARTIAL_FILE, &keep::answers_word(n)) {
        Some(true) => Ok(Some(kept)),
        Some(false) => Ok(None),
        None => Err(Error::Interrupted(format!("stopped; {PARTIAL_FILE} is as it was"))),
    }
}

/// `--save`, or after a finished quiz the default answers file (unless `--no-save`), then a word
/// on where the answers are and how to see them again.
fn save(q: &Questionnaire, given: &Answers, args: &AssessArgs, asked: bool, resumed: bool) -> Result<()> {
    let path = match &args.save {
        Some(path) => {
            fsutil::write_atomic(path, answers::to_yaml(q, given).as_bytes())?;
            path.clone()
        }
        None if asked && !args.no_save => {
            keep::keep_finished(q, given, std::path::Path::new(ANSWERS_FILE), &args.answers)?
        }
        None => return Ok(()),
    };
    let partial = std::path::Path::new(PARTIAL_FILE);
    if asked && (resumed || args.answers.iter().any(|a| std::path::Path::new(a) == partial)) && path != partial {
        keep::retire_partial(q, given, partial);
    }
    if asked {
        let file = keep::shell_word(&path);
        crate::assess::prompt::note(&format!(
            "msadvise: answers saved in {file}\n  another format: msadvise assess --answers {file} --format markdown"
        ));
    }
    Ok(())
}

/// `--fail-on` and `--min-confidence`: checked after the report is out, so CI logs show it.
fn policy(args: &AssessArgs, report: &assess::Report) -> Result<()> {
    if let Some(v) = args.fail_on.iter().find(|v| v.id() == report.verdict) {
        return Err(Error::Policy(format!("the verdict is `{}`, which --fail-on rejects", v.id())));
    }
    if args.require_verified && !report.to_verify.is_empty() {
        let checks: Vec<&str> = report.to_verify.iter().map(|c| c.check.as_str()).collect();
        return Err(Error::Policy(format!(
            "prerequisites cannot be verified from the answers ({}), which --require-verified rejects",
            checks.join(", ")
        )));
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
            Ok(answers) => people.push(Person::new(&person_name(path), answers)),
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
    let name = if path == "-" { "<stdin>" } else { path };
    let text = if path == "-" {
        input::text(std::io::stdin().lock(), MAX_ANSWERS_BYTES)
    } else {
        input::file_text(std::path::Path::new(path), MAX_ANSWERS_BYTES)
    };
    let text = text.map_err(|problem| {
        let message = match problem {
            input::Problem::Io(e) if e.kind() == std::io::ErrorKind::IsADirectory => {
                "is a directory, not an answers file".to_string()
            }
            input::Problem::Io(e) => format!("cannot read answers file: {}", input::reason(&e)),
            other => other.describe("answers files"),
        };
        Error::InvalidInput(vec![Diagnostic::new(name, message)])
    })?;
    if text.trim().is_empty() {
        let hint = "is empty; start from `msadvise questions --template`";
        return Err(Error::InvalidInput(vec![Diagnostic::new(name, hint)]));
    }
    answers::parse(q, name, &text).map_err(Error::InvalidInput)
}

/// Questions that will be asked (given the answers so far) but have no answer. Not required
/// (they count as "don't know"): questions added after answers files were written, and those
/// asked only because their condition rests on a "don't know".
fn missing(q: &Questionnaire, given: &Answers) -> Vec<usize> {
    let states = engine::states(q, &given.values);
    let surely_asked = |question: &assess::model::Question| {
        question.ask_if.as_ref().is_none_or(|c| engine::truth(c, &states, &q.questions) == engine::Truth::True)
    };
    states
        .iter()
        .enumerate()
        .filter(|(i, s)| matches!(s, engine::State::Unknown) && given.values[*i].is_none())
        .filter(|(i, _)| !q.questions[*i].optional && surely_asked(&q.questions[*i]))
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
