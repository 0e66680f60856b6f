//! The terminal prompter: inquire's select lists on stderr, Esc for back, Ctrl-C to stop and save.
//!
//! inquire rather than dialoguer: it returns Ctrl-C and Esc as values (so the answers so far can be
//! kept and the cursor is restored by its own cleanup), and it shows a help line under each prompt.

use std::fmt;
use std::io::Write;

use inquire::error::InquireError;
use inquire::{MultiSelect, Select};

use super::answers::Answers;
use super::engine::Answer;
use super::model::{Question, Questionnaire};
use super::quiz::{Progress, Prompter, Reply, Review};

const KEYS: &str = "↑↓ move · enter choose · esc back · ctrl-c stop (answers are kept)";
const MULTI_KEYS: &str = "space toggle · enter done · esc back · ctrl-c stop (answers are kept)";

/// The terminal prompter; `latest` holds the answers so far for the signal handler, and
/// `evidence` what a scan found for a question (shown above it).
#[derive(Debug, Default)]
pub struct TerminalPrompter {
    pub latest: std::sync::Arc<std::sync::Mutex<Answers>>,
    pub evidence: Vec<Option<String>>,
}

struct Opt {
    label: String,
    kind: OptKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum OptKind {
    Choice(usize),
    Unknown,
    Help,
    Done,
    Change(usize),
}

impl fmt::Display for Opt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// The question's choices, then "Don't know".
fn choice_options(question: &Question) -> Vec<Opt> {
    let mut opts: Vec<Opt> = question
        .choices
        .iter()
        .enumerate()
        .map(|(c, ch)| Opt { label: ch.label.clone(), kind: OptKind::Choice(c) })
        .collect();
    opts.push(Opt { label: "Don't know".to_string(), kind: OptKind::Unknown });
    opts
}

fn stderr_line(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{text}");
}

fn interrupted(e: &InquireError) -> bool {
    !matches!(e, InquireError::OperationCanceled)
}

impl TerminalPrompter {
    fn ask_one(&self, q: &Questionnaire, i: usize, current: Option<&Answer>, header: &str) -> Reply {
        let question = &q.questions[i];
        let mut opts = choice_options(question);
        opts.push(Opt { label: "(?) Why this question matters".to_string(), kind: OptKind::Help });
        let start = match current {
            Some(Answer::Chosen(c)) => c.first().copied().unwrap_or(0),
            Some(Answer::Unknown) => question.choices.len(),
            None => 0,
        };
        let message = format!("{header} {}", question.prompt);
        loop {
            let picked = Select::new(&message, opts.iter().collect())
                .with_help_message(KEYS)
                .with_starting_cursor(start)
                .without_filtering()
                .with_page_size(12)
                .prompt();
            match picked {
                Ok(o) => match o.kind {
                    OptKind::Choice(c) => return Reply::Answer(Answer::Chosen(vec![c])),
                    OptKind::Unknown => return Reply::Answer(Answer::Unknown),
                    OptKind::Help => show_help(q, i),
                    OptKind::Done | OptKind::Change(_) => return Reply::Back,
                },
                Err(e) if interrupted(&e) => return Reply::Interrupted,
                Err(_) => return Reply::Back,
            }
        }
    }

    fn ask_many(&self, q: &Questionnaire, i: usize, current: Option<&Answer>, header: &str) -> Reply {
        let question = &q.questions[i];
        show_help(q, i);
        let opts = choice_options(question);
        let defaults: Vec<usize> = match current {
            Some(Answer::Chosen(c)) => c.clone(),
            Some(Answer::Unknown) => vec![question.choices.len()],
            None => Vec::new(),
        };
        let message = format!("{header} {}", question.prompt);
        let picked = MultiSelect::new(&message, opts.iter().collect())
            .with_help_message(MULTI_KEYS)
            .with_default(&defaults)
            .with_page_size(12)
            .prompt();
        match picked {
            Ok(chosen) => {
                let ids: Vec<usize> = chosen
                    .iter()
                    .filter_map(|o| if let OptKind::Choice(c) = o.kind { Some(c) } else { None })
                    .collect();
                if ids.is_empty() { Reply::Answer(Answer::Unknown) } else { Reply::Answer(Answer::Chosen(ids)) }
            }
            Err(e) if interrupted(&e) => Reply::Interrupted,
            Err(_) => Reply::Back,
        }
    }
}

fn show_help(q: &Questionnaire, i: usize) {
    let question = &q.questions[i];
    let topics = question.topics.iter().map(|t| format!("msadvise explain {t}")).collect::<Vec<_>>().join(" · ");
    let mut text = String::new();
    crate::output::wrap_into(&mut text, &crate::output::flat(&question.help), 78, "  ", "  ");
    let text = text.trim_end();
    stderr_line(&format!("{text}\n  Read more: {topics}"));
}

impl Prompter for TerminalPrompter {
    fn answered(&mut self, answers: &Answers) {
        let mut latest = self.latest.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        latest.clone_from(answers);
    }

    fn ask(&mut self, q: &Questionnaire, question: usize, current: Option<&Answer>, progress: Progress) -> Reply {
        if let Some(Some(found)) = self.evidence.get(question) {
            stderr_line(&format!("  detected: {found}"));
        }
        let dimension = &q.dimensions[q.questions[question].dimension].title;
        let header = format!("[{}/{} · {dimension}]", progress.position, progress.total);
        if q.questions[question].multiple {
            self.ask_many(q, question, current, &header)
        } else {
            self.ask_one(q, question, current, &header)
        }
    }

    fn review(&mut self, q: &Questionnaire, answers: &Answers) -> Review {
        let states = super::engine::states(q, &answers.values);
        let mut opts = vec![Opt { label: "Score these answers".to_string(), kind: OptKind::Done }];
        let mut last = 0;
        for (i, question) in q.questions.iter().enumerate() {
            if matches!(states[i], super::engine::State::NotAsked) {
                continue;
            }
            let answer = match &answers.values[i] {
                Some(Answer::Chosen(c)) => {
                    c.iter().map(|&x| question.choices[x].label.as_str()).collect::<Vec<_>>().join(", ")
                }
                _ => "Don't know".to_string(),
            };
            opts.push(Opt { label: format!("{}: {answer}", question.prompt), kind: OptKind::Change(i) });
            last = i;
        }
        let picked = Select::new("Review your answers: choose one to change, or score them", opts.iter().collect())
            .with_help_message("↑↓ move · enter choose · ctrl-c stop (answers are kept)")
            .without_filtering()
            .with_page_size(15)
            .prompt();
        match picked {
            Ok(o) => match o.kind {
                OptKind::Change(i) => Review::Change(i),
                _ => Review::Done,
            },
            Err(e) if interrupted(&e) => Review::Interrupted,
            Err(_) => Review::Change(last),
        }
    }
}
