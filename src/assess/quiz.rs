//! The order of an interactive assessment: which question next, going back, the final review.
//! The terminal itself sits behind `Prompter`, so the flow is tested with a scripted prompter.

use super::answers::Answers;
use super::engine::{self, Answer, State};
use super::model::Questionnaire;

/// What the person did at one prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Answer(Answer),
    /// Return to the previous question.
    Back,
    /// Ctrl-C, Ctrl-D or a closed terminal: stop and keep what was answered.
    Interrupted,
}

/// What the person chose on the review screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    Done,
    Change(usize),
    Interrupted,
}

/// Where a question sits in the quiz, for the progress line.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub position: usize,
    pub total: usize,
}

pub trait Prompter {
    fn ask(&mut self, q: &Questionnaire, question: usize, current: Option<&Answer>, progress: Progress) -> Reply;
    fn review(&mut self, q: &Questionnaire, answers: &Answers) -> Review;
    /// Told when Esc is pressed on the first question asked: there is nothing to go back to.
    fn nothing_before(&mut self, _q: &Questionnaire, _question: usize) {}
    /// Told after every change, so the answers so far can be kept if the process is stopped.
    fn answered(&mut self, _answers: &Answers) {}
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Completed,
    Interrupted,
}

/// Questions that are asked given the answers so far (conditions re-evaluated as answers change).
fn asked(q: &Questionnaire, answers: &Answers) -> Vec<usize> {
    engine::states(q, &answers.values)
        .iter()
        .enumerate()
        .filter(|(_, s)| !matches!(s, State::NotAsked))
        .map(|(i, _)| i)
        .collect()
}

/// Ask every relevant question that has no answer yet (all of them when `answers` is empty),
/// allowing the person to go back, then review everything before returning.
pub fn run(q: &Questionnaire, answers: &mut Answers, prompter: &mut dyn Prompter) -> Outcome {
    run_with_suggestions(q, answers, &Answers::empty(q), prompter)
}

/// As `run`, with `suggested` answers (say, inferred by a scan) offered as each question's default.
pub fn run_with_suggestions(
    q: &Questionnaire,
    answers: &mut Answers,
    suggested: &Answers,
    prompter: &mut dyn Prompter,
) -> Outcome {
    let initially_missing: Vec<bool> = answers.values.iter().map(Option::is_none).collect();
    let mut history: Vec<usize> = Vec::new();
    // Answers taken back with Esc, offered again when their question comes round.
    let mut recalled: Vec<Option<Answer>> = vec![None; answers.values.len()];
    loop {
        let todo = asked(q, answers);
        let next = todo.iter().copied().find(|&i| initially_missing[i] && answers.values[i].is_none());
        let Some(question) = next else {
            match prompter.review(q, answers) {
                Review::Done => return Outcome::Completed,
                Review::Interrupted => return Outcome::Interrupted,
                Review::Change(i) => {
                    if change_one(q, answers, prompter, i) == Outcome::Interrupted {
                        return Outcome::Interrupted;
                    }
                    continue;
                }
            }
        };
        // Numbered among every question asked, answered earlier or not, so a resumed quiz goes on
        // from where it stopped.
        let progress = progress_of(&todo, question);
        let offered = recalled[question].as_ref().or_else(|| suggested.values.get(question).and_then(Option::as_ref));
        match prompter.ask(q, question, offered, progress) {
            Reply::Answer(a) => {
                answers.answer(question, a);
                history.push(question);
                prompter.answered(answers);
            }
            Reply::Back => match history.pop() {
                // The prompter's copy keeps the answer: stopped now, the person loses nothing.
                Some(previous) => recalled[previous] = answers.values[previous].take(),
                None => prompter.nothing_before(q, question),
            },
            Reply::Interrupted => {
                for (answer, kept) in answers.values.iter_mut().zip(recalled) {
                    if answer.is_none() {
                        *answer = kept;
                    }
                }
                return Outcome::Interrupted;
            }
        }
    }
}

fn progress_of(asked: &[usize], question: usize) -> Progress {
    let position = asked.iter().position(|&i| i == question).unwrap_or(0) + 1;
    Progress { position, total: asked.len() }
}

fn change_one(q: &Questionnaire, answers: &mut Answers, prompter: &mut dyn Prompter, i: usize) -> Outcome {
    let progress = progress_of(&asked(q, answers), i);
    match prompter.ask(q, i, answers.values[i].as_ref(), progress) {
        Reply::Answer(a) => {
            answers.answer(i, a);
            prompter.answered(answers);
            Outcome::Completed
        }
        Reply::Back => Outcome::Completed,
        Reply::Interrupted => Outcome::Interrupted,
    }
}
