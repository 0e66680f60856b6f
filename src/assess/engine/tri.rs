//! Three-valued (Kleene) logic over answers: "don't know" makes a condition unknown, unless
//! the known parts decide it (a failed part of an `all` fails it, a passed part of an `any`
//! passes it).

use super::State;
use crate::assess::model::{Condition, Question};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
}

impl Truth {
    fn not(self) -> Self {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

/// The truth of a condition; a question not asked counts as its `skipped_as` choice.
pub fn truth(c: &Condition, states: &[State], questions: &[Question]) -> Truth {
    match c {
        Condition::Is { question, choices } => match states.get(*question) {
            Some(State::Chosen(chosen)) => from(choices.iter().any(|&x| chosen.contains(x))),
            Some(State::NotAsked) => from(choices.contains(&questions[*question].skipped_as)),
            _ => Truth::Unknown,
        },
        Condition::All(cs) => {
            let mut out = Truth::True;
            for c in cs {
                match truth(c, states, questions) {
                    Truth::False => return Truth::False,
                    Truth::Unknown => out = Truth::Unknown,
                    Truth::True => {}
                }
            }
            out
        }
        Condition::Any(cs) => {
            let mut out = Truth::False;
            for c in cs {
                match truth(c, states, questions) {
                    Truth::True => return Truth::True,
                    Truth::Unknown => out = Truth::Unknown,
                    Truth::False => {}
                }
            }
            out
        }
        Condition::Not(c) => truth(c, states, questions).not(),
    }
}

fn from(b: bool) -> Truth {
    if b { Truth::True } else { Truth::False }
}
