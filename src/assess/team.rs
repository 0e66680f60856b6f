//! Combining several people's answers, and showing where they disagree and what it changes.
//!
//! Per question: "don't know" and no answer give way to anyone who answered; the most common
//! answer wins; a tie goes to the more cautious answer (lowest mean score: on fit questions the
//! one that favours splitting least, on readiness questions the less mature practice), because
//! people tend to be optimistic about their own delivery and operations. An answer a scan
//! inferred (marked `inferred:` in a file) gives way to a person's; where only scans answered,
//! the combined answer keeps the most confident mark among those who gave it.

use serde::Serialize;

use super::answers::Answers;
use super::engine::{self, Answer};
use super::model::Questionnaire;

/// Someone's answers, named after their answers file.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub answers: Answers,
}

impl Person {
    /// A person named after their answers file: the name on one line, with control characters and
    /// bidirectional controls shown escaped, since a file name can hold anything.
    pub fn new(name: &str, answers: Answers) -> Self {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        Person { name: crate::sanitize::clean(&name).into_owned(), answers }
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Team {
    pub people: Vec<String>,
    /// How answers were combined, in one sentence.
    pub rule: &'static str,
    pub disagreements: Vec<Disagreement>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Disagreement {
    pub question: String,
    pub prompt: String,
    pub views: Vec<View>,
    /// The combined answer, as choice ids.
    pub combined: Vec<String>,
    /// True when the verdict depends on which of the views is taken.
    pub changes_verdict: bool,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct View {
    pub people: Vec<String>,
    pub choices: Vec<String>,
    pub labels: Vec<String>,
    /// The verdict if this view were taken for this question, all else combined.
    pub verdict: String,
}

pub const RULE: &str = "most common answer per question; ties go to the more cautious answer; \"don't know\" gives way to any answer, and an answer a scan inferred to a person's";

fn mean_score(q: &Questionnaire, qi: usize, chosen: &[usize]) -> f64 {
    chosen.iter().map(|&c| q.questions[qi].choices[c].score).sum::<f64>() / chosen.len().max(1) as f64
}

/// The distinct definite answers to question `qi`, each with who gave it, most common first.
fn views(q: &Questionnaire, qi: usize, people: &[Person]) -> Vec<(Vec<usize>, Vec<String>)> {
    views_of(q, qi, people.iter())
}

fn views_of<'p>(
    q: &Questionnaire,
    qi: usize,
    people: impl Iterator<Item = &'p Person>,
) -> Vec<(Vec<usize>, Vec<String>)> {
    let mut out: Vec<(Vec<usize>, Vec<String>)> = Vec::new();
    for p in people {
        if let Some(Some(Answer::Chosen(c))) = p.answers.values.get(qi) {
            match out.iter_mut().find(|(x, _)| x == c) {
                Some((_, names)) => names.push(p.name.clone()),
                None => out.push((c.clone(), vec![p.name.clone()])),
            }
        }
    }
    out.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(mean_score(q, qi, &a.0).total_cmp(&mean_score(q, qi, &b.0))));
    out
}

/// The team's combined answers (see the module documentation for the rule).
pub fn combine(q: &Questionnaire, people: &[Person]) -> Answers {
    let mut combined = Answers::empty(q);
    for qi in 0..q.questions.len() {
        let own = |p: &&Person| p.answers.inferred[qi].is_none();
        let mut top = views_of(q, qi, people.iter().filter(own)).into_iter().next();
        if top.is_none() {
            top = views_of(q, qi, people.iter().filter(|p| !own(p))).into_iter().next();
            let gave = |p: &&Person| matches!((&p.answers.values[qi], &top), (Some(Answer::Chosen(c)), Some((t, _))) if c == t);
            combined.inferred[qi] = people.iter().filter(gave).filter_map(|p| p.answers.inferred[qi]).max();
        }
        combined.values[qi] = match top {
            Some((chosen, _)) => Some(Answer::Chosen(chosen)),
            None if people.iter().any(|p| p.answers.values[qi] == Some(Answer::Unknown)) => Some(Answer::Unknown),
            None => None,
        };
        let notes: Vec<String> =
            people.iter().filter_map(|p| p.answers.notes[qi].as_ref().map(|n| format!("{}: {n}", p.name))).collect();
        combined.notes[qi] = (!notes.is_empty()).then(|| notes.join("; "));
    }
    combined
}

/// Questions the people answered differently, with the verdict each view would give.
pub fn team(q: &Questionnaire, people: &[Person], combined: &Answers) -> Team {
    let base = engine::evaluate(q, &combined.values).verdict;
    let mut disagreements = Vec::new();
    for (qi, question) in q.questions.iter().enumerate() {
        let vs = views(q, qi, people);
        if vs.len() < 2 {
            continue;
        }
        let mut views = Vec::new();
        for (chosen, names) in vs {
            let mut alt = combined.values.clone();
            alt[qi] = Some(Answer::Chosen(chosen.clone()));
            let verdict = engine::evaluate(q, &alt).verdict;
            views.push(View {
                people: names,
                choices: chosen.iter().map(|&c| question.choices[c].id.to_string()).collect(),
                labels: chosen.iter().map(|&c| question.choices[c].label.to_string()).collect(),
                verdict: q.verdicts[verdict].id.to_string(),
            });
        }
        let changes_verdict = views.iter().any(|v| v.verdict != q.verdicts[base].id);
        let combined_ids = match &combined.values[qi] {
            Some(Answer::Chosen(c)) => c.iter().map(|&x| question.choices[x].id.to_string()).collect(),
            _ => Vec::new(),
        };
        disagreements.push(Disagreement {
            question: question.id.clone(),
            prompt: question.prompt.to_string(),
            views,
            combined: combined_ids,
            changes_verdict,
        });
    }
    Team { people: people.iter().map(|p| p.name.clone()).collect(), rule: RULE, disagreements }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::inferred::Confidence;

    fn person(q: &Questionnaire, name: &str, text: &str) -> Person {
        Person::new(name, crate::assess::answers::parse(q, "a.yaml", text).unwrap())
    }

    /// A scan's answer gives way to a person's, however many scans agree; where only scans
    /// answered, the combined answer keeps the most confident mark among those who gave it.
    #[test]
    fn an_inferred_answer_gives_way_to_a_persons() {
        let q = crate::knowledge::builtin::questionnaire().unwrap();
        let scanned = "schema_version: 1\nanswers: {ci: none, teams: one}\ninferred: {ci: low, teams: low}\n";
        let also = "schema_version: 1\nanswers: {ci: none, teams: one}\ninferred: {ci: low, teams: medium}\n";
        let people = [
            person(&q, "scan", scanned),
            person(&q, "scan2", also),
            person(&q, "ana", "schema_version: 1\nanswers: {ci: full, teams: unknown}\n"),
        ];
        let combined = combine(&q, &people);
        let (ci, teams) = (q.question_index("ci").unwrap(), q.question_index("teams").unwrap());
        let full = q.questions[ci].choice_index("full").unwrap();
        assert_eq!(combined.values[ci], Some(Answer::Chosen(vec![full])));
        assert_eq!(combined.inferred[ci], None, "a person's answer counts fully");
        assert_eq!(combined.inferred[teams], Some(Confidence::Medium), "\"don't know\" gives way to a scan");
    }
}
