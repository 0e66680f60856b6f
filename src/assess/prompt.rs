//! The terminal prompter: inquire's lists on stderr, fitted to the terminal's width, Esc for back,
//! Ctrl-C to stop and keep the answers.
//!
//! inquire rather than dialoguer: it returns Ctrl-C and Esc as values (so the answers so far can be
//! kept and the cursor is restored by its own cleanup), and it shows a help line under each prompt.

mod layout;

use std::fmt;
use std::io::Write;

use inquire::error::InquireError;
use inquire::list_option::ListOption;
use inquire::ui::{Color, RenderConfig, Styled};
use inquire::{MultiSelect, Select};

use super::answers::Answers;
use super::engine::Answer;
use super::model::{Question, Questionnaire};
use super::quiz::{Progress, Prompter, Reply, Review};

const KEYS: &str = "↑↓ move · enter choose · esc back · ctrl-c stop (answers are kept)";
const MULTI_KEYS: &str = "space toggle · enter done · esc back · ctrl-c stop (answers are kept)";
const REVIEW_KEYS: &str = "↑↓ move · enter choose · ctrl-c stop (answers are kept)";

/// The terminal prompter; `latest` holds the answers so far for the signal handler, and
/// `evidence` what a scan found for a question (shown above it).
#[derive(Debug, Default)]
pub struct TerminalPrompter {
    pub latest: std::sync::Arc<std::sync::Mutex<Answers>>,
    pub evidence: Vec<Option<String>>,
}

/// One entry of a list: its text as echoed once chosen, and as drawn (broken to the width).
struct Opt {
    label: String,
    shown: String,
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

impl Opt {
    fn new(label: String, kind: OptKind, lead: usize, width: usize) -> Self {
        Opt { shown: layout::choice(&label, lead, width), label, kind }
    }
}

impl fmt::Display for Opt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

/// Columns of the terminal the quiz is shown in (80 when there is none).
pub fn columns() -> usize {
    terminal().0
}

/// The terminal's size as stderr sees it, read again at every prompt so a resized window is
/// followed.
fn terminal() -> (usize, usize) {
    terminal_size::terminal_size_of(std::io::stderr()).map_or((80, 24), |(w, h)| (usize::from(w.0), usize::from(h.0)))
}

/// The question's choices, then "Don't know".
fn choice_options(question: &Question, lead: usize, width: usize) -> Vec<Opt> {
    let mut opts: Vec<Opt> = question
        .choices
        .iter()
        .enumerate()
        .map(|(c, ch)| Opt::new(ch.label.to_string(), OptKind::Choice(c), lead, width))
        .collect();
    opts.push(Opt::new("Don't know".to_string(), OptKind::Unknown, lead, width));
    opts
}

/// How many entries fit on the screen below a prompt and help of `taken` lines.
fn page_size(opts: &[Opt], rows: usize, taken: usize) -> usize {
    let tallest = opts.iter().map(|o| o.shown.lines().count()).max().unwrap_or(1).max(1);
    (rows.saturating_sub(taken + 2) / tallest).clamp(3, opts.len().max(3))
}

fn lines(text: &str) -> usize {
    text.lines().count()
}

/// inquire's look, with Esc's effect (`back`) shown as such rather than as `<canceled>`.
fn render_config(back: &'static str) -> RenderConfig<'static> {
    let mut config = RenderConfig::default();
    let back = Styled::new(back);
    config.canceled_prompt_indicator =
        if std::env::var_os("NO_COLOR").is_some() { back } else { back.with_fg(Color::DarkGrey) };
    config
}

/// A line for the person at the terminal, after the quiz.
pub fn note(text: &str) {
    stderr_line(text);
}

fn stderr_line(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{text}");
}

fn interrupted(e: &InquireError) -> bool {
    !matches!(e, InquireError::OperationCanceled)
}

/// Why a question is asked and where to read more, wrapped to `width`.
fn why(q: &Questionnaire, i: usize, width: usize) -> String {
    let question = &q.questions[i];
    let topics = question.topics.iter().map(|t| format!("msadvise explain {t}")).collect::<Vec<_>>().join(" · ");
    let text = layout::block(&question.help, width, "  ");
    format!("{text}\n{}", layout::block(&format!("Read more: {topics}"), width, "  "))
}

impl TerminalPrompter {
    fn ask_one(&self, q: &Questionnaire, i: usize, current: Option<&Answer>, header: &str) -> Reply {
        let question = &q.questions[i];
        let start = match current {
            Some(Answer::Chosen(c)) => c.first().copied().unwrap_or(0),
            Some(Answer::Unknown) => question.choices.len(),
            None => 0,
        };
        loop {
            let (columns, rows) = terminal();
            let width = layout::usable(columns);
            let message = layout::message(header, &question.prompt, width);
            let mut opts = choice_options(question, 2, width);
            opts.push(Opt::new("(?) Why this question matters".to_string(), OptKind::Help, 2, width));
            let keys = layout::help(KEYS, width);
            let echo = |o: ListOption<&&Opt>| {
                let text = if o.value.kind == OptKind::Help { "why?" } else { o.value.label.as_str() };
                layout::echo(&message, text, width)
            };
            let page = page_size(&opts, rows, lines(&message) + lines(&keys));
            let picked = Select::new(&message, opts.iter().collect())
                .with_help_message(&keys)
                .with_formatter(&echo)
                .with_render_config(render_config(layout::BACK))
                .with_starting_cursor(start)
                .without_filtering()
                .with_page_size(page)
                .prompt();
            match picked {
                Ok(o) => match o.kind {
                    OptKind::Choice(c) => return Reply::Answer(Answer::Chosen(vec![c])),
                    OptKind::Unknown => return Reply::Answer(Answer::Unknown),
                    OptKind::Help => stderr_line(&why(q, i, width)),
                    OptKind::Done | OptKind::Change(_) => return Reply::Back,
                },
                Err(e) if interrupted(&e) => return Reply::Interrupted,
                Err(_) => return Reply::Back,
            }
        }
    }

    /// A multiple-choice question shows its "why" in its own help area: printed above it, the
    /// text would read as part of the previous answer.
    fn ask_many(&self, q: &Questionnaire, i: usize, current: Option<&Answer>, header: &str) -> Reply {
        let question = &q.questions[i];
        let (columns, rows) = terminal();
        let width = layout::usable(columns);
        let opts = choice_options(question, layout::CHECKBOX, width);
        let defaults: Vec<usize> = match current {
            Some(Answer::Chosen(c)) => c.clone(),
            Some(Answer::Unknown) => vec![question.choices.len()],
            None => Vec::new(),
        };
        let message = layout::message(header, &question.prompt, width);
        let help = format!("{}\n{}", why(q, i, width - 1).trim_start(), layout::help(MULTI_KEYS, width));
        let echo = |chosen: &[ListOption<&&Opt>]| {
            let labels: Vec<&str> = chosen.iter().map(|o| o.value.label.as_str()).collect();
            let text = if labels.is_empty() { "Don't know".to_string() } else { labels.join(", ") };
            layout::echo(&message, &text, width)
        };
        let page = page_size(&opts, rows, lines(&message) + lines(&help));
        let picked = MultiSelect::new(&message, opts.iter().collect())
            .with_help_message(&help)
            .with_formatter(&echo)
            .with_render_config(render_config(layout::BACK))
            .with_default(&defaults)
            .with_page_size(page)
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

impl Prompter for TerminalPrompter {
    fn answered(&mut self, answers: &Answers) {
        let mut latest = self.latest.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        latest.clone_from(answers);
    }

    fn nothing_before(&mut self, _q: &Questionnaire, _question: usize) {
        stderr_line("  There is no question before this one.");
    }

    fn ask(&mut self, q: &Questionnaire, question: usize, current: Option<&Answer>, progress: Progress) -> Reply {
        if let Some(Some(found)) = self.evidence.get(question) {
            let width = layout::usable(terminal().0);
            stderr_line(&layout::block(&format!("detected: {found}"), width, "  "));
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
        let (columns, rows) = terminal();
        let width = layout::usable(columns);
        let states = super::engine::states(q, &answers.values);
        let mut opts = vec![Opt::new("Score these answers".to_string(), OptKind::Done, 2, width)];
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
            opts.push(Opt::new(format!("{}: {answer}", question.prompt), OptKind::Change(i), 2, width));
            last = i;
        }
        let message = layout::message("Review your answers:", "choose one to change, or score them", width);
        let keys = layout::help(REVIEW_KEYS, width);
        let echo = |o: ListOption<&&Opt>| layout::echo(&message, &o.value.label, width);
        let page = page_size(&opts, rows, lines(&message) + lines(&keys));
        let picked = Select::new(&message, opts.iter().collect())
            .with_help_message(&keys)
            .with_formatter(&echo)
            .with_render_config(render_config(layout::BACK))
            .without_filtering()
            .with_page_size(page)
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

/// Asked when an unfinished quiz was left in `file`: `Some(true)` to resume it, `Some(false)` to
/// start over, `None` when the person stopped instead.
pub fn offer_resume(file: &str, kept: &str) -> Option<bool> {
    let width = layout::usable(terminal().0);
    let message = layout::message("", &format!("An unfinished quiz left {kept} in {file}. Resume it?"), width);
    let opts = [
        Opt::new("Resume: ask only the questions still open".to_string(), OptKind::Done, 2, width),
        Opt::new(format!("Start over (the answers in {file} are kept)"), OptKind::Unknown, 2, width),
    ];
    let echo = |o: ListOption<&&Opt>| layout::echo(&message, &o.value.label, width);
    let keys = layout::help("↑↓ move · enter choose · ctrl-c stop", width);
    let picked = Select::new(&message, opts.iter().collect())
        .with_help_message(&keys)
        .with_formatter(&echo)
        .with_render_config(render_config("start over"))
        .without_filtering()
        .prompt();
    match picked {
        Ok(o) => Some(o.kind == OptKind::Done),
        Err(e) if interrupted(&e) => None,
        Err(_) => Some(false),
    }
}
