//! Builds a questionnaire from a whole file, or extends one with a knowledge pack's additions,
//! reporting every problem with its location.

use std::collections::HashSet;

use super::items::{self, Ctx};
use super::model::{Condition, ConfidenceModel, Dimension, Level, Questionnaire, Risk, Scoring};
use super::raw::{RawCheck, RawDimension, RawExtension, RawQuestion, RawQuestionnaire, RawRisk, RawStopSign, Text};
use crate::error::Diagnostic;
use crate::yaml::Problems;

pub const SCHEMA_VERSION: u32 = 1;
/// The verdicts msadvise speaks of; machine output promises exactly these.
pub const VERDICTS: [&str; 4] = ["monolith", "modular-monolith", "microservices", "not-ready"];

/// Ids already taken, so that additions cannot silently redefine something.
#[derive(Default)]
struct Seen {
    dimensions: HashSet<String>,
    questions: HashSet<String>,
    checks: HashSet<String>,
    risks: HashSet<String>,
    stop_signs: HashSet<String>,
}

impl Seen {
    fn of(q: &Questionnaire) -> Self {
        Seen {
            dimensions: q.dimensions.iter().map(|d| d.id.clone()).collect(),
            questions: q.questions.iter().map(|x| x.id.clone()).collect(),
            checks: q.levels.iter().flat_map(|l| &l.checks).map(|c| c.id.to_string()).collect(),
            risks: q.risks.iter().map(|r| r.id.to_string()).collect(),
            stop_signs: q.stop_signs.iter().map(|s| s.id.to_string()).collect(),
        }
    }
}

fn version(c: &mut Ctx<'_>, v: &serde_saphyr::Spanned<u32>) {
    if v.value != SCHEMA_VERSION {
        let found = v.value;
        c.at(v, format!("schema_version {found} is not supported (this msadvise reads {SCHEMA_VERSION})"));
    }
}

/// Validate a whole questionnaire read from `file`; `topic_exists` checks links into the knowledge base.
pub fn validate(
    raw: RawQuestionnaire,
    file: &str,
    topic_exists: &dyn Fn(&str) -> bool,
) -> Result<Questionnaire, Vec<Diagnostic>> {
    let mut c = Ctx { problems: Problems::new(file), topic_exists };
    version(&mut c, &raw.schema_version);
    match raw.rules.last() {
        None => c.whole("`rules` must end with a rule that has no conditions"),
        Some(last) if !last.is_unconditional() => {
            c.at(&last.verdict, "the last rule must have no conditions, so every assessment reaches a verdict")
        }
        Some(_) => {}
    }
    let scoring = Scoring {
        score_scale: items::constant(&mut c, raw.scoring.score_scale),
        inferred_low: items::constant(&mut c, raw.scoring.inferred_low),
        inferred_medium: items::constant(&mut c, raw.scoring.inferred_medium),
        inferred_high: items::constant(&mut c, raw.scoring.inferred_high),
        verifies_min: items::constant(&mut c, raw.scoring.verifies_min),
    };
    if scoring.score_scale.value <= 0.0 {
        c.whole("scoring.score_scale must be more than 0");
    }
    let k = raw.confidence;
    let confidence = ConfidenceModel {
        margin_low: items::constant(&mut c, k.margin_low),
        margin_medium: items::constant(&mut c, k.margin_medium),
        swing_medium: items::constant(&mut c, k.swing_medium),
        swing_low: items::constant(&mut c, k.swing_low),
        deciding_unknowns_low: items::constant(&mut c, k.deciding_unknowns_low),
    };
    let mut q = Questionnaire {
        title: c.text(raw.title, "title").into(),
        dimensions: Vec::new(),
        questions: Vec::new(),
        levels: Vec::new(),
        verdicts: Vec::new(),
        rules: Vec::new(),
        risks: Vec::new(),
        scoring,
        confidence,
        stop_signs: Vec::new(),
        situations: Vec::new(),
    };
    let mut seen = Seen::default();
    add_dimensions(&mut c, &mut q, &mut seen, raw.dimensions);
    add_questions(&mut c, &mut q, &mut seen, raw.questions);
    for level in raw.readiness {
        let title = Some(level.title);
        add_checks(&mut c, &mut q, &mut seen, level.level, title, Some(level.prerequisite), level.checks);
    }
    q.verdicts = items::verdicts(&mut c, raw.verdicts);
    q.rules = items::rules(&mut c, raw.rules, &q.dimensions, &q.questions, &q.verdicts);
    add_risks(&mut c, &mut q, &mut seen, raw.risks);
    add_stop_signs(&mut c, &mut q, &mut seen, raw.stop_signs);
    let mut situations = HashSet::new();
    for s in raw.situations {
        if let Some(s) = items::situation(&mut c, s, &q.questions, &q.verdicts, &mut situations) {
            q.situations.push(s);
        }
    }
    finish(c, q)
}

fn add_stop_signs(c: &mut Ctx<'_>, q: &mut Questionnaire, seen: &mut Seen, raw: Vec<RawStopSign>) {
    for s in raw {
        if let Some(s) = items::stop_sign(c, s, &q.questions, &q.verdicts, &mut seen.stop_signs) {
            q.stop_signs.push(s);
        }
    }
}

/// Add a knowledge pack's questionnaire additions to `base`. Its rules come first.
pub fn extend(
    mut q: Questionnaire,
    raw: RawExtension,
    file: &str,
    topic_exists: &dyn Fn(&str) -> bool,
) -> Result<Questionnaire, Vec<Diagnostic>> {
    let mut c = Ctx { problems: Problems::new(file), topic_exists };
    version(&mut c, &raw.schema_version);
    let mut seen = Seen::of(&q);
    add_dimensions(&mut c, &mut q, &mut seen, raw.dimensions);
    add_questions(&mut c, &mut q, &mut seen, raw.questions);
    for level in raw.readiness {
        add_checks(&mut c, &mut q, &mut seen, level.level, level.title, level.prerequisite, level.checks);
    }
    let mut rules = items::rules(&mut c, raw.rules, &q.dimensions, &q.questions, &q.verdicts);
    rules.append(&mut q.rules);
    q.rules = rules;
    add_risks(&mut c, &mut q, &mut seen, raw.risks);
    add_stop_signs(&mut c, &mut q, &mut seen, raw.stop_signs);
    finish(c, q)
}

fn finish(c: Ctx<'_>, q: Questionnaire) -> Result<Questionnaire, Vec<Diagnostic>> {
    if c.problems.diagnostics.is_empty() { Ok(q) } else { Err(c.problems.diagnostics) }
}

fn add_dimensions(c: &mut Ctx<'_>, q: &mut Questionnaire, seen: &mut Seen, raw: Vec<RawDimension>) {
    for d in raw {
        let id = c.id(&d.id, "dimension", &mut seen.dimensions);
        let weight = c.weight(d.weight);
        let dimension = Dimension {
            id,
            title: c.text(d.title, "title"),
            role: d.role,
            weight,
            summary: c.text(d.summary, "summary").into(),
        };
        q.dimensions.push(dimension);
    }
}

fn add_questions(c: &mut Ctx<'_>, q: &mut Questionnaire, seen: &mut Seen, raw: Vec<RawQuestion>) {
    for x in raw {
        if let Some(question) = items::question(c, x, &q.dimensions, &q.questions, &mut seen.questions) {
            q.questions.push(question);
        }
    }
}

/// Add checks to readiness level `number`, creating the level (in order) when it is new.
fn add_checks(
    c: &mut Ctx<'_>,
    q: &mut Questionnaire,
    seen: &mut Seen,
    number: serde_saphyr::Spanned<u8>,
    title: Option<Text>,
    prerequisite: Option<bool>,
    raw: Vec<RawCheck>,
) {
    let checks: Vec<_> = raw.into_iter().map(|k| items::check(c, k, &q.questions, &mut seen.checks)).collect();
    if let Some(level) = q.levels.iter_mut().find(|l| l.level == number.value) {
        level.checks.extend(checks);
        return;
    }
    let (Some(title), Some(prerequisite)) = (title, prerequisite) else {
        c.at(&number, format!("readiness level {} is new, so it needs a `title` and `prerequisite`", number.value));
        return;
    };
    let at = q.levels.iter().position(|l| l.level > number.value).unwrap_or(q.levels.len());
    let below_optional = q.levels[..at].iter().any(|l| !l.prerequisite);
    let above_prerequisite = q.levels[at..].iter().any(|l| l.prerequisite);
    if (prerequisite && below_optional) || (!prerequisite && above_prerequisite) {
        c.at(&number, "prerequisite levels must all come before the recommended ones".to_string());
    }
    let title = c.text(title, "title");
    q.levels.insert(at, Level { level: number.value, title: title.into(), prerequisite, checks });
}

fn add_risks(c: &mut Ctx<'_>, q: &mut Questionnaire, seen: &mut Seen, raw: Vec<RawRisk>) {
    for r in raw {
        let id = c.id(&r.id, "risk", &mut seen.risks);
        let when = items::condition(c, r.when, &q.questions);
        let verdicts = r.verdicts.iter().filter_map(|v| items::verdict_ref(c, v, &q.verdicts)).collect();
        q.risks.push(Risk {
            id: id.into(),
            concern: r.concern,
            severity: r.severity,
            title: c.text(r.title, "title").into(),
            detail: c.text(r.detail, "detail").into(),
            when: when.unwrap_or(Condition::All(Vec::new())),
            verdicts,
            topics: c.topics(r.topics),
        });
    }
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
        let text = format!("{BROKEN}{}", crate::assess::engine::tests::CONSTANTS);
        let found = match crate::assess::load("q.yaml", &text, &|t| t != "no-such-topic") {
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
