//! The quiz flow with a scripted prompter: order, conditions, going back (with the earlier answer
//! offered again), numbering, review, interruption.

use std::collections::VecDeque;

use msadvise::assess::quiz::{self, Outcome, Progress, Prompter, Reply, Review};
use msadvise::assess::{Answer, Answers, Questionnaire, builtin_questionnaire};

#[derive(Default)]
struct Script {
    replies: VecDeque<Reply>,
    reviews: VecDeque<Review>,
    asked: Vec<(String, usize, usize)>,
    /// The answer offered (preselected) at each prompt.
    offered: Vec<Option<Answer>>,
    /// Questions at which Esc found nothing before.
    nothing_before: Vec<String>,
}

impl Prompter for Script {
    fn ask(&mut self, q: &Questionnaire, question: usize, current: Option<&Answer>, p: Progress) -> Reply {
        self.asked.push((q.questions[question].id.clone(), p.position, p.total));
        self.offered.push(current.cloned());
        self.replies.pop_front().unwrap_or(Reply::Answer(Answer::Chosen(vec![0])))
    }
    fn review(&mut self, _: &Questionnaire, _: &Answers) -> Review {
        self.reviews.pop_front().unwrap_or(Review::Done)
    }
    fn nothing_before(&mut self, q: &Questionnaire, question: usize) {
        self.nothing_before.push(q.questions[question].id.clone());
    }
}

fn first_choice_everywhere(q: &Questionnaire, script: &mut Script) -> Answers {
    let mut answers = Answers::empty(q);
    assert_eq!(quiz::run(q, &mut answers, script), Outcome::Completed);
    answers
}

#[test]
fn asks_every_question_in_order_and_skips_those_that_do_not_apply() {
    let q = builtin_questionnaire().unwrap();
    let mut script = Script::default();
    let answers = first_choice_everywhere(&q, &mut script);
    let ids: Vec<&str> = script.asked.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(ids[0], "engineers");
    assert!(!ids.contains(&"release_contention"), "one team: nobody queues");
    assert!(!ids.contains(&"platform"), "five engineers: no platform question");
    assert_eq!(script.asked.last().map(|(_, pos, total)| (*pos, *total)), Some((ids.len(), ids.len())));
    assert!(
        answers
            .values
            .iter()
            .enumerate()
            .all(|(i, a)| a.is_some() || ["release_contention", "platform"].contains(&q.questions[i].id.as_str()))
    );
}

#[test]
fn going_back_re_asks_the_previous_question_and_conditions_follow_the_new_answer() {
    let q = builtin_questionnaire().unwrap();
    let teams = q.question_index("teams").unwrap();
    let many = q.questions[teams].choice_index("nine_or_more").unwrap();
    let replies = VecDeque::from(vec![
        Reply::Answer(Answer::Chosen(vec![0])), // engineers
        Reply::Answer(Answer::Chosen(vec![0])), // teams: one
        Reply::Back,                            // back to teams
        Reply::Answer(Answer::Chosen(vec![many])),
    ]);
    let mut script = Script { replies, ..Script::default() };
    let answers = first_choice_everywhere(&q, &mut script);
    let ids: Vec<&str> = script.asked.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(&ids[..5], ["engineers", "teams", "ownership", "teams", "release_contention"]);
    assert_eq!(answers.values[teams], Some(Answer::Chosen(vec![many])));
}

#[test]
fn the_review_can_change_any_answer() {
    let q = builtin_questionnaire().unwrap();
    let ci = q.question_index("ci").unwrap();
    let mut script = Script { reviews: VecDeque::from(vec![Review::Change(ci), Review::Done]), ..Script::default() };
    let asked_before = q.questions.len();
    script.replies = (0..asked_before).map(|_| Reply::Answer(Answer::Chosen(vec![0]))).collect();
    // The review's change: answer `ci` with its last choice.
    let last = q.questions[ci].choices.len() - 1;
    let n = first_choice_everywhere(&q, &mut Script::default()).values.iter().flatten().count();
    script.replies.truncate(n);
    script.replies.push_back(Reply::Answer(Answer::Chosen(vec![last])));
    let answers = first_choice_everywhere(&q, &mut script);
    assert_eq!(answers.values[ci], Some(Answer::Chosen(vec![last])));
}

#[test]
fn only_missing_answers_are_asked_and_an_interruption_keeps_what_was_given() {
    let q = builtin_questionnaire().unwrap();
    let mut answers = Answers::empty(&q);
    answers.values[0] = Some(Answer::Chosen(vec![1]));
    let replies = VecDeque::from(vec![Reply::Answer(Answer::Unknown), Reply::Interrupted]);
    let mut script = Script { replies, ..Script::default() };
    assert_eq!(quiz::run(&q, &mut answers, &mut script), Outcome::Interrupted);
    assert_eq!(script.asked[0].0, "teams", "the answered question is not asked again");
    assert_eq!(answers.values[0], Some(Answer::Chosen(vec![1])));
    assert_eq!(answers.values[1], Some(Answer::Unknown));
    assert_eq!(answers.values.iter().flatten().count(), 2);
}

#[test]
fn going_back_offers_the_earlier_answer_again() {
    let q = builtin_questionnaire().unwrap();
    let replies = VecDeque::from(vec![
        Reply::Answer(Answer::Chosen(vec![2])), // first question
        Reply::Answer(Answer::Chosen(vec![1])), // second question
        Reply::Back,                            // at the third: back to the second
        Reply::Back,                            // and back to the first
        Reply::Answer(Answer::Chosen(vec![2])), // the first again, as it was
    ]);
    let mut script = Script { replies, ..Script::default() };
    first_choice_everywhere(&q, &mut script);
    let (first, second) = (&script.asked[0].0, &script.asked[1].0);
    assert_eq!(&script.asked[3].0, second);
    assert_eq!(script.offered[3], Some(Answer::Chosen(vec![1])), "the second question's answer is preselected");
    assert_eq!(&script.asked[4].0, first);
    assert_eq!(script.offered[4], Some(Answer::Chosen(vec![2])), "the first question's answer is preselected");
    assert_eq!(script.offered[5], Some(Answer::Chosen(vec![1])), "still offered when its question comes round");
    assert!(script.nothing_before.is_empty());
}

#[test]
fn esc_on_the_first_question_says_there_is_nothing_before_it() {
    let q = builtin_questionnaire().unwrap();
    let replies = VecDeque::from(vec![Reply::Back, Reply::Answer(Answer::Unknown)]);
    let mut script = Script { replies, ..Script::default() };
    let answers = first_choice_everywhere(&q, &mut script);
    assert_eq!(script.nothing_before, [q.questions[0].id.clone()]);
    assert_eq!(script.asked[0].0, script.asked[1].0, "the same question is asked again");
    assert_eq!(answers.values[0], Some(Answer::Unknown));
}

#[test]
fn a_resumed_quiz_numbers_questions_as_in_the_whole_questionnaire() {
    let q = builtin_questionnaire().unwrap();
    let mut whole = Script::default();
    first_choice_everywhere(&q, &mut whole);
    // Stop after four answers, then resume from them.
    let replies = (0..4).map(|_| Reply::Answer(Answer::Chosen(vec![0]))).chain([Reply::Interrupted]).collect();
    let mut answers = Answers::empty(&q);
    let mut first = Script { replies, ..Script::default() };
    assert_eq!(quiz::run(&q, &mut answers, &mut first), Outcome::Interrupted);
    let mut resumed = Script::default();
    assert_eq!(quiz::run(&q, &mut answers, &mut resumed), Outcome::Completed);
    assert_eq!(resumed.asked[0].0, whole.asked[4].0);
    assert_eq!((resumed.asked[0].1, resumed.asked[0].2), (5, whole.asked[4].2), "[5/N], not [1/N-4]");
    assert_eq!(resumed.asked.last().map(|a| (a.1, a.2)), whole.asked.last().map(|a| (a.1, a.2)));
}

#[test]
fn stopping_after_going_back_keeps_the_answer_taken_back() {
    let q = builtin_questionnaire().unwrap();
    let replies = VecDeque::from(vec![
        Reply::Answer(Answer::Chosen(vec![1])),
        Reply::Answer(Answer::Chosen(vec![1])),
        Reply::Back,
        Reply::Interrupted,
    ]);
    let mut answers = Answers::empty(&q);
    let mut script = Script { replies, ..Script::default() };
    assert_eq!(quiz::run(&q, &mut answers, &mut script), Outcome::Interrupted);
    assert_eq!(answers.values.iter().flatten().count(), 2, "going back is not forgetting");
}
