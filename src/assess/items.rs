//! Validation of single questionnaire items (questions, conditions, checks, rules) into the model.

use std::collections::HashSet;

use serde_saphyr::Spanned;

use super::model::{
    Check, Choice, Condition, Constant, Dimension, Question, Rule, Situation, Step, StopSign, Str, UNKNOWN, Verdict,
};
use super::raw::{RawCheck, RawCondition, RawConstant, RawQuestion, RawRule, RawSituation, RawStep, RawStopSign, Text};
use crate::yaml::{Pairs, Problems, number};

use super::load::VERDICTS;

/// The shared problem list, plus how to check links into the knowledge base.
pub(super) struct Ctx<'a> {
    pub problems: Problems<'a>,
    pub topic_exists: &'a dyn Fn(&str) -> bool,
}

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = Problems<'a>;
    fn deref(&self) -> &Problems<'a> {
        &self.problems
    }
}

impl std::ops::DerefMut for Ctx<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.problems
    }
}

impl Ctx<'_> {
    pub(super) fn id(&mut self, t: &Text, what: &str, seen: &mut HashSet<String>) -> String {
        if !is_snake(&t.value) {
            self.at(t, format!("{what} id `{}` must be snake_case (a-z, 0-9 and '_')", t.value));
        }
        if !seen.insert(t.value.clone()) {
            self.at(t, format!("{what} id `{}` is defined twice", t.value));
        }
        t.value.clone()
    }

    pub(super) fn topics(&mut self, topics: Vec<Text>) -> Vec<Str> {
        for t in &topics {
            if !(self.topic_exists)(&t.value) {
                self.at(t, format!("topic `{}` does not exist (see `msadvise topics`)", t.value));
            }
        }
        topics.into_iter().map(|t| t.value.into()).collect()
    }

    pub(super) fn weight(&mut self, w: Option<Spanned<f64>>) -> f64 {
        match w {
            Some(w) if !(w.value > 0.0 && w.value <= MAX_WEIGHT) => {
                self.at(&w, format!("weight must be a positive number up to {MAX_WEIGHT}, not {}", number(w.value)));
                1.0
            }
            Some(w) => w.value,
            None => 1.0,
        }
    }
}

/// The largest weight of a question or a dimension: the built-in ones go up to 3. Beyond it a
/// number is a typo (`1e308`), and would make every other answer count for nothing.
pub const MAX_WEIGHT: f64 = 100.0;
/// Choice scores lie within plus or minus this (the built-in ones within 3), for the same reason.
pub const MAX_SCORE: f64 = 100.0;
/// Fit and dimension scores, which rules bound, run from 0 to this.
pub const MAX_BOUND: f64 = 100.0;

pub(super) fn is_snake(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

pub(super) fn question(
    c: &mut Ctx<'_>,
    q: RawQuestion,
    dims: &[Dimension],
    earlier: &[Question],
    seen: &mut HashSet<String>,
) -> Option<Question> {
    let id = c.id(&q.id, "question", seen);
    let dimension = dims.iter().position(|d| d.id == q.dimension.value);
    if dimension.is_none() {
        let valid: Vec<&str> = dims.iter().map(|d| d.id.as_str()).collect();
        c.at(&q.dimension, format!("unknown dimension `{}` (valid: {})", q.dimension.value, valid.join(", ")));
    }
    if q.choices.len() > super::model::MAX_CHOICES {
        c.at(&q.id, format!("question `{id}` has more than {} choices", super::model::MAX_CHOICES));
    }
    if q.choices.len() < 2 {
        c.at(&q.id, format!("question `{id}` needs at least two choices"));
    }
    let mut seen_c = HashSet::new();
    let mut choices = Vec::new();
    for ch in q.choices {
        if ch.id.value == UNKNOWN {
            c.at(&ch.id, format!("choice id `{UNKNOWN}` is reserved: every question accepts it as \"don't know\""));
        }
        let cid = c.id(&ch.id, "choice", &mut seen_c);
        if !(-MAX_SCORE..=MAX_SCORE).contains(&ch.score.value) {
            c.at(
                &ch.score,
                format!("score must be a number from -{MAX_SCORE} to {MAX_SCORE}, not {}", number(ch.score.value)),
            );
        }
        let note = ch.note.map(|n| c.text(n, "note"));
        choices.push(Choice {
            id: cid.into(),
            label: c.text(ch.label, "label").into(),
            score: ch.score.value,
            note: note.map(Str::from),
            kind: ch.kind,
        });
    }
    let ask_if = q.ask_if.and_then(|cond| condition(c, cond, earlier));
    let weight = c.weight(q.weight);
    let min_score = choices.iter().map(|ch| ch.score).fold(f64::INFINITY, f64::min);
    let max_score = choices.iter().map(|ch| ch.score).fold(f64::NEG_INFINITY, f64::max);
    let skipped_as = choices.iter().position(|ch| ch.score == min_score).unwrap_or(0);
    Some(Question {
        id,
        dimension: dimension?,
        prompt: c.text(q.prompt, "prompt").into(),
        help: c.text(q.help, "help").into(),
        topics: c.topics(q.topics),
        weight,
        multiple: q.multiple,
        ask_if,
        kind: q.kind,
        optional: q.optional,
        choices,
        skipped_as,
        min_score,
        max_score,
    })
}

/// Conditions may only refer to questions defined before them, which also rules out cycles.
pub(super) fn condition(c: &mut Ctx<'_>, raw: RawCondition, questions: &[Question]) -> Option<Condition> {
    let forms = usize::from(raw.question.is_some())
        + usize::from(raw.all.is_some())
        + usize::from(raw.any.is_some())
        + usize::from(raw.not.is_some());
    if forms != 1 {
        c.whole("a condition needs exactly one of `question` (with `is`), `all`, `any` or `not`");
        return None;
    }
    if let Some(qid) = raw.question {
        let Some(qi) = questions.iter().position(|q| q.id == qid.value) else {
            c.at(&qid, format!("condition names question `{}`, which is not defined before this point", qid.value));
            return None;
        };
        if raw.is.is_empty() {
            c.at(&qid, "a condition on a question needs `is: [choice, ...]`".to_string());
        }
        let mut choices = Vec::new();
        for ch in &raw.is {
            match questions[qi].choice_index(&ch.value) {
                Some(i) => choices.push(i),
                None => {
                    let valid: Vec<&str> = questions[qi].choices.iter().map(|x| x.id.as_str()).collect();
                    c.at(
                        ch,
                        format!("question `{}` has no choice `{}` (valid: {})", qid.value, ch.value, valid.join(", ")),
                    );
                }
            }
        }
        return Some(Condition::Is { question: qi, choices });
    }
    if let Some(all) = raw.all {
        return Some(Condition::All(all.into_iter().filter_map(|x| condition(c, x, questions)).collect()));
    }
    if let Some(any) = raw.any {
        return Some(Condition::Any(any.into_iter().filter_map(|x| condition(c, x, questions)).collect()));
    }
    raw.not.and_then(|n| condition(c, *n, questions)).map(|n| Condition::Not(Box::new(n)))
}

pub(super) fn check(c: &mut Ctx<'_>, k: RawCheck, questions: &[Question], seen: &mut HashSet<String>) -> Check {
    let id = c.id(&k.id, "check", seen);
    let applies_if = k.applies_if.and_then(|x| condition(c, x, questions));
    let pass_if = condition(c, k.pass_if, questions).unwrap_or(Condition::All(Vec::new()));
    Check {
        id: id.into(),
        title: c.text(k.title, "title").into(),
        applies_if,
        pass_if,
        plan: c.text(k.plan, "plan").into(),
        topics: c.topics(k.topics),
    }
}

pub(super) fn verdicts(c: &mut Ctx<'_>, raw: Vec<super::raw::RawVerdict>) -> Vec<Verdict> {
    let mut out = Vec::new();
    for v in raw {
        if !VERDICTS.contains(&v.id.value.as_str()) {
            c.at(&v.id, format!("unknown verdict `{}` (valid: {})", v.id.value, VERDICTS.join(", ")));
        }
        let next_steps = steps(c, v.next_steps);
        out.push(Verdict {
            id: v.id.value.into(),
            title: c.text(v.title, "title").into(),
            summary: c.text(v.summary, "summary").into(),
            next_steps,
        });
    }
    out
}

pub(super) fn verdict_ref(c: &mut Ctx<'_>, v: &Text, verdicts: &[Verdict]) -> Option<usize> {
    let found = verdicts.iter().position(|x| x.id == v.value);
    if found.is_none() {
        let valid: Vec<&str> = verdicts.iter().map(|x| x.id.as_str()).collect();
        c.at(v, format!("unknown verdict `{}` (valid: {})", v.value, valid.join(", ")));
    }
    found
}

pub(super) fn rules(
    c: &mut Ctx<'_>,
    raw: Vec<RawRule>,
    dims: &[Dimension],
    questions: &[Question],
    verdicts: &[Verdict],
) -> Vec<Rule> {
    let mut out = Vec::new();
    for r in raw {
        let verdict = verdict_ref(c, &r.verdict, verdicts);
        for bound in [&r.fit_min, &r.fit_max].into_iter().flatten() {
            if !(0.0..=MAX_BOUND).contains(&bound.value) {
                c.at(bound, format!("a fit score bound must be from 0 to {MAX_BOUND}, not {}", number(bound.value)));
            }
        }
        let dimension_min = dimension_bounds(c, r.dimension_min, dims);
        let dimension_max = dimension_bounds(c, r.dimension_max, dims);
        let answers = r.answers.and_then(|a| condition(c, a, questions));
        let dimension_known_min = dimension_bounds(c, r.dimension_known_min, dims);
        for share in
            r.known_min.iter().map(|k| (k.value, Some(k))).chain(dimension_known_min.iter().map(|d| (d.1, None)))
        {
            if !(0.0..=1.0).contains(&share.0) {
                match share.1 {
                    Some(at) => c.at(at, format!("a known share must be between 0 and 1, not {}", share.0)),
                    None => c.at(&r.verdict, format!("a known share must be between 0 and 1, not {}", share.0)),
                }
            }
        }
        let reason = c.text(r.reason, "reason");
        if let Some(verdict) = verdict {
            out.push(Rule {
                verdict,
                reason: reason.into(),
                fit_min: r.fit_min.map(|x| x.value),
                fit_max: r.fit_max.map(|x| x.value),
                dimension_min,
                dimension_max,
                readiness: r.readiness,
                answers,
                known_min: r.known_min.map(|k| k.value),
                dimension_known_min,
            });
        }
    }
    out
}

pub(super) fn dimension_bounds(c: &mut Ctx<'_>, raw: Pairs<Text, f64>, dims: &[Dimension]) -> Vec<(usize, f64)> {
    c.repeated_keys(&raw);
    let mut out = Vec::new();
    for (k, v) in raw.0 {
        match dims.iter().position(|d| d.id == k.value) {
            Some(_) if !(0.0..=MAX_BOUND).contains(&v) => {
                c.at(&k, format!("a dimension score bound must be from 0 to {MAX_BOUND}, not {}", number(v)));
            }
            Some(i) => out.push((i, v)),
            None => c.at(&k, format!("unknown dimension `{}`", k.value)),
        }
    }
    out
}

pub(super) fn constant(c: &mut Ctx<'_>, k: RawConstant) -> Constant {
    if !(k.value.value.is_finite() && k.value.value >= 0.0) {
        c.at(&k.value, format!("a constant must be a finite number, 0 or more, not {}", k.value.value));
    }
    Constant {
        value: k.value.value,
        reason: c.text(k.reason, "reason").into(),
        source: c.text(k.source, "source").into(),
    }
}

fn steps(c: &mut Ctx<'_>, raw: Vec<RawStep>) -> Vec<Step> {
    raw.into_iter().map(|s| Step { text: c.text(s.text, "text").into(), topics: c.topics(s.topics) }).collect()
}

pub(super) fn stop_sign(
    c: &mut Ctx<'_>,
    s: RawStopSign,
    questions: &[Question],
    verdicts: &[Verdict],
    seen: &mut HashSet<String>,
) -> Option<StopSign> {
    let id = c.id(&s.id, "stop sign", seen);
    let when = condition(c, s.when, questions);
    let unless = s.unless.and_then(|u| condition(c, u, questions));
    let blocks: Vec<usize> = s.blocks.iter().filter_map(|v| verdict_ref(c, v, verdicts)).collect();
    let verdict = verdict_ref(c, &s.verdict, verdicts);
    if let Some(v) = verdict
        && blocks.contains(&v)
    {
        c.at(&s.verdict, format!("stop sign `{id}` cannot block the verdict it gives"));
    }
    if blocks.is_empty() {
        c.at(&s.id, format!("stop sign `{id}` needs `blocks: [verdict, ...]`"));
    }
    Some(StopSign {
        id: id.into(),
        title: c.text(s.title, "title").into(),
        when: when?,
        unless,
        blocks,
        verdict: verdict?,
        reason: c.text(s.reason, "reason").into(),
        source: c.text(s.source, "source").into(),
        topics: c.topics(s.topics),
    })
}

pub(super) fn situation(
    c: &mut Ctx<'_>,
    s: RawSituation,
    questions: &[Question],
    verdicts: &[Verdict],
    seen: &mut HashSet<String>,
) -> Option<Situation> {
    let id = c.id(&s.id, "situation", seen);
    let when = condition(c, s.when, questions);
    c.repeated_keys(&s.next_steps);
    let mut next_steps = Vec::new();
    for (v, raw) in s.next_steps.0 {
        let list = steps(c, raw);
        if let Some(v) = verdict_ref(c, &v, verdicts) {
            next_steps.push((v, list));
        }
    }
    Some(Situation { id: id.into(), title: c.text(s.title, "title").into(), when: when?, next_steps })
}
