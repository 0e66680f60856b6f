//! Validates a raw questionnaire into the model, reporting every problem with its location.

use std::collections::HashSet;

use serde_saphyr::Spanned;

use super::model::{
    Check, Choice, Condition, Dimension, Level, Question, Questionnaire, Risk, Rule, Step, UNKNOWN, Verdict,
};
use super::raw::{RawCheck, RawCondition, RawQuestion, RawQuestionnaire, RawRule, RawStep, Text};
use crate::error::Diagnostic;
use crate::yaml::{Pairs, Problems};

pub const SCHEMA_VERSION: u32 = 1;
/// The verdicts msadvise speaks of; machine output promises exactly these.
pub const VERDICTS: [&str; 4] = ["monolith", "modular-monolith", "microservices", "not-ready"];

/// The shared problem list, plus how to check links into the knowledge base.
struct Ctx<'a> {
    problems: Problems<'a>,
    topic_exists: &'a dyn Fn(&str) -> bool,
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
    fn id(&mut self, t: &Text, what: &str, seen: &mut HashSet<String>) -> String {
        if !is_snake(&t.value) {
            self.at(t, format!("{what} id `{}` must be snake_case (a-z, 0-9 and '_')", t.value));
        }
        if !seen.insert(t.value.clone()) {
            self.at(t, format!("{what} id `{}` is defined twice", t.value));
        }
        t.value.clone()
    }

    fn topics(&mut self, topics: Vec<Text>) -> Vec<String> {
        for t in &topics {
            if !(self.topic_exists)(&t.value) {
                self.at(t, format!("topic `{}` does not exist (see `msadvise topics`)", t.value));
            }
        }
        topics.into_iter().map(|t| t.value).collect()
    }

    fn weight(&mut self, w: Option<Spanned<f64>>) -> f64 {
        match w {
            Some(w) if !(w.value.is_finite() && w.value > 0.0) => {
                self.at(&w, format!("weight must be a positive number, not {}", w.value));
                1.0
            }
            Some(w) => w.value,
            None => 1.0,
        }
    }
}

fn is_snake(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Validate a parsed questionnaire from `file`; `topic_exists` checks links into the knowledge base.
pub fn validate(
    raw: RawQuestionnaire,
    file: &str,
    topic_exists: &dyn Fn(&str) -> bool,
) -> Result<Questionnaire, Vec<Diagnostic>> {
    let mut c = Ctx { problems: Problems::new(file), topic_exists };
    if raw.schema_version.value != SCHEMA_VERSION {
        let v = raw.schema_version.value;
        c.at(
            &raw.schema_version,
            format!("schema_version {v} is not supported (this msadvise reads {SCHEMA_VERSION})"),
        );
    }
    let mut seen = HashSet::new();
    let mut dimensions = Vec::new();
    for d in raw.dimensions {
        let id = c.id(&d.id, "dimension", &mut seen);
        let weight = c.weight(d.weight);
        dimensions.push(Dimension {
            id,
            title: c.text(d.title, "title"),
            role: d.role,
            weight,
            summary: c.text(d.summary, "summary"),
        });
    }
    let mut questions: Vec<Question> = Vec::new();
    let mut seen_q = HashSet::new();
    for q in raw.questions {
        if let Some(q) = question(&mut c, q, &dimensions, &questions, &mut seen_q) {
            questions.push(q);
        }
    }
    let levels = levels(&mut c, raw.readiness, &questions);
    let verdicts = verdicts(&mut c, raw.verdicts);
    let rules = rules(&mut c, raw.rules, &dimensions, &questions, &verdicts);
    let mut seen_r = HashSet::new();
    let mut risks = Vec::new();
    for r in raw.risks {
        let id = c.id(&r.id, "risk", &mut seen_r);
        let when = condition(&mut c, r.when, &questions);
        let verdict_refs = r.verdicts.iter().filter_map(|v| verdict_ref(&mut c, v, &verdicts)).collect();
        risks.push(Risk {
            id,
            concern: r.concern,
            severity: r.severity,
            title: c.text(r.title, "title"),
            detail: c.text(r.detail, "detail"),
            when: when.unwrap_or(Condition::All(Vec::new())),
            verdicts: verdict_refs,
            topics: c.topics(r.topics),
        });
    }
    let title = c.text(raw.title, "title");
    if c.problems.diagnostics.is_empty() {
        Ok(Questionnaire { title, dimensions, questions, levels, verdicts, rules, risks })
    } else {
        Err(c.problems.diagnostics)
    }
}

fn question(
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
        if !ch.score.value.is_finite() {
            c.at(&ch.score, "score must be a finite number".to_string());
        }
        let note = ch.note.map(|n| c.text(n, "note"));
        choices.push(Choice { id: cid, label: c.text(ch.label, "label"), score: ch.score.value, note });
    }
    let ask_if = q.ask_if.and_then(|cond| condition(c, cond, earlier));
    let weight = c.weight(q.weight);
    let min_score = choices.iter().map(|ch| ch.score).fold(f64::INFINITY, f64::min);
    let max_score = choices.iter().map(|ch| ch.score).fold(f64::NEG_INFINITY, f64::max);
    let skipped_as = choices.iter().position(|ch| ch.score == min_score).unwrap_or(0);
    Some(Question {
        id,
        dimension: dimension?,
        prompt: c.text(q.prompt, "prompt"),
        help: c.text(q.help, "help"),
        topics: c.topics(q.topics),
        weight,
        multiple: q.multiple,
        ask_if,
        choices,
        skipped_as,
        min_score,
        max_score,
    })
}

/// Conditions may only refer to questions defined before them, which also rules out cycles.
fn condition(c: &mut Ctx<'_>, raw: RawCondition, questions: &[Question]) -> Option<Condition> {
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

fn levels(c: &mut Ctx<'_>, raw: Vec<super::raw::RawLevel>, questions: &[Question]) -> Vec<Level> {
    let mut out: Vec<Level> = Vec::new();
    let mut seen = HashSet::new();
    for l in raw {
        if out.last().is_some_and(|prev| prev.level >= l.level.value) {
            c.at(&l.level, "readiness levels must be listed in increasing order".to_string());
        }
        if l.prerequisite && out.last().is_some_and(|prev| !prev.prerequisite) {
            c.at(&l.level, "a prerequisite level cannot follow a non-prerequisite one".to_string());
        }
        let checks = l.checks.into_iter().map(|k| check(c, k, questions, &mut seen)).collect();
        out.push(Level { level: l.level.value, title: c.text(l.title, "title"), prerequisite: l.prerequisite, checks });
    }
    out
}

fn check(c: &mut Ctx<'_>, k: RawCheck, questions: &[Question], seen: &mut HashSet<String>) -> Check {
    let id = c.id(&k.id, "check", seen);
    let applies_if = k.applies_if.and_then(|x| condition(c, x, questions));
    let pass_if = condition(c, k.pass_if, questions).unwrap_or(Condition::All(Vec::new()));
    Check {
        id,
        title: c.text(k.title, "title"),
        applies_if,
        pass_if,
        plan: c.text(k.plan, "plan"),
        topics: c.topics(k.topics),
    }
}

fn verdicts(c: &mut Ctx<'_>, raw: Vec<super::raw::RawVerdict>) -> Vec<Verdict> {
    let mut out = Vec::new();
    for v in raw {
        if !VERDICTS.contains(&v.id.value.as_str()) {
            c.at(&v.id, format!("unknown verdict `{}` (valid: {})", v.id.value, VERDICTS.join(", ")));
        }
        let next_steps = v
            .next_steps
            .into_iter()
            .map(|s: RawStep| Step { text: c.text(s.text, "text"), topics: c.topics(s.topics) })
            .collect();
        out.push(Verdict {
            id: v.id.value,
            title: c.text(v.title, "title"),
            summary: c.text(v.summary, "summary"),
            next_steps,
        });
    }
    out
}

fn verdict_ref(c: &mut Ctx<'_>, v: &Text, verdicts: &[Verdict]) -> Option<usize> {
    let found = verdicts.iter().position(|x| x.id == v.value);
    if found.is_none() {
        let valid: Vec<&str> = verdicts.iter().map(|x| x.id.as_str()).collect();
        c.at(v, format!("unknown verdict `{}` (valid: {})", v.value, valid.join(", ")));
    }
    found
}

fn rules(
    c: &mut Ctx<'_>,
    raw: Vec<RawRule>,
    dims: &[Dimension],
    questions: &[Question],
    verdicts: &[Verdict],
) -> Vec<Rule> {
    let mut out = Vec::new();
    let count = raw.len();
    for (i, r) in raw.into_iter().enumerate() {
        let unconditional = r.fit_min.is_none()
            && r.fit_max.is_none()
            && r.dimension_min.0.is_empty()
            && r.dimension_max.0.is_empty()
            && r.readiness.is_none()
            && r.answers.is_none();
        if i + 1 == count && !unconditional {
            c.at(
                &r.verdict,
                "the last rule must have no conditions, so every assessment reaches a verdict".to_string(),
            );
        }
        let verdict = verdict_ref(c, &r.verdict, verdicts);
        let dimension_min = dimension_bounds(c, r.dimension_min, dims);
        let dimension_max = dimension_bounds(c, r.dimension_max, dims);
        let answers = r.answers.and_then(|a| condition(c, a, questions));
        let reason = c.text(r.reason, "reason");
        if let Some(verdict) = verdict {
            out.push(Rule {
                verdict,
                reason,
                fit_min: r.fit_min.map(|x| x.value),
                fit_max: r.fit_max.map(|x| x.value),
                dimension_min,
                dimension_max,
                readiness: r.readiness,
                answers,
            });
        }
    }
    if count == 0 {
        c.whole("`rules` must end with an unconditional rule");
    }
    out
}

fn dimension_bounds(c: &mut Ctx<'_>, raw: Pairs<Text, f64>, dims: &[Dimension]) -> Vec<(usize, f64)> {
    let mut out = Vec::new();
    for (k, v) in raw.0 {
        match dims.iter().position(|d| d.id == k.value) {
            Some(i) => out.push((i, v)),
            None => c.at(&k, format!("unknown dimension `{}`", k.value)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    const BROKEN: &str = r#"schema_version: 2
title: Broken
dimensions:
  - {id: org, title: Org, role: fit, summary: s}
questions:
  - id: teams
    dimension: orgs
    prompt: Teams?
    help: h
    ask_if: {question: later, is: [x]}
    choices: [{id: unknown, label: U, score: 0}, {id: many, label: M, score: 1}]
  - id: later
    dimension: org
    prompt: Later?
    help: h
    topics: [no-such-topic]
    choices: [{id: x, label: X, score: 0}, {id: y, label: Y, score: 1}]
readiness: []
verdicts:
  - {id: monolith, title: M, summary: s, next_steps: []}
  - {id: big-ball-of-mud, title: B, summary: s, next_steps: []}
rules:
  - {verdict: monolith, reason: r}
  - {verdict: monolith, fit_min: 10, reason: r}
"#;

    #[test]
    fn every_problem_in_a_questionnaire_is_reported_with_its_location() {
        let found = match crate::assess::load("q.yaml", BROKEN, &|t| t != "no-such-topic") {
            Ok(_) => panic!("accepted"),
            Err(d) => d.iter().map(ToString::to_string).collect::<Vec<_>>(),
        };
        let all = found.join("\n");
        for expected in [
            "q.yaml:1:17: schema_version 2 is not supported",
            "q.yaml:7:16: unknown dimension `orgs` (valid: org)",
            "q.yaml:10:24: condition names question `later`, which is not defined before this point",
            "q.yaml:11:20: choice id `unknown` is reserved",
            "q.yaml:16:14: topic `no-such-topic` does not exist",
            "q.yaml:21:10: unknown verdict `big-ball-of-mud`",
            "q.yaml:24:15: the last rule must have no conditions",
        ] {
            assert!(all.contains(expected), "missing {expected:?} in\n{all}");
        }
    }
}
