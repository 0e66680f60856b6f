//! Answers files (`--answers`), `--set` overrides and the file msadvise writes back (`--save`).

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::engine::Answer;
use super::inferred::{self, Confidence};
use super::model::{Questionnaire, UNKNOWN};
use crate::error::Diagnostic;
use crate::yaml::{self, Pairs, Problems};

mod quick;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAnswers {
    #[schemars(with = "u32")]
    schema_version: Spanned<u32>,
    /// Question id to choice id, or to a list of choice ids for questions that take several.
    #[serde(default, deserialize_with = "yaml::null_as_empty")]
    #[schemars(with = "std::collections::BTreeMap<String, OneOrMany>")]
    answers: Pairs<Spanned<String>, Spanned<OneOrMany>>,
    /// Remarks kept in the report, by question id.
    #[serde(default, deserialize_with = "yaml::null_as_empty")]
    #[schemars(with = "std::collections::BTreeMap<String, String>")]
    notes: Pairs<Spanned<String>, Spanned<String>>,
    /// Answers a scan inferred that no person has confirmed, by question id, with the scan's
    /// confidence: each counts by it (low and medium partly, the rest as "don't know"). Deleting
    /// an entry confirms that answer; an entry for a question the file does not answer is ignored.
    #[serde(default, deserialize_with = "yaml::null_as_empty")]
    #[schemars(with = "std::collections::BTreeMap<String, Confidence>")]
    inferred: Pairs<Spanned<String>, Spanned<String>>,
}

#[derive(Debug, Clone, schemars::JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// A choice id, or a list of them. Numbers and booleans are taken as written, so that the check
/// of the answer can say which choices there are; no value at all is an empty answer. (Written by
/// hand: serde's untagged enums buffer every value first, which made reading an answers file cost
/// more than assessing it, and said only "data did not match any variant".)
impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ChoiceVisitor { list: true })
    }
}

/// One choice id (`list: false`), or one or a list of them.
struct ChoiceVisitor {
    list: bool,
}

impl<'de> serde::de::Visitor<'de> for ChoiceVisitor {
    type Value = OneOrMany;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.list { "a choice id or a list of choice ids" } else { "a choice id" })
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OneOrMany, E> {
        Ok(OneOrMany::One(v.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<OneOrMany, E> {
        Ok(OneOrMany::One(v))
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<OneOrMany, E> {
        Ok(OneOrMany::One(v.to_string()))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<OneOrMany, E> {
        Ok(OneOrMany::One(v.to_string()))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<OneOrMany, E> {
        Ok(OneOrMany::One(v.to_string()))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<OneOrMany, E> {
        Ok(OneOrMany::One(v.to_string()))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<OneOrMany, E> {
        Ok(OneOrMany::One(String::new()))
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<OneOrMany, E> {
        Ok(OneOrMany::One(String::new()))
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<OneOrMany, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
        if !self.list {
            return Err(serde::de::Error::invalid_type(serde::de::Unexpected::Seq, &self));
        }
        let mut ids = Vec::new();
        while let Some(one) = seq.next_element::<OneChoice>()? {
            ids.push(one.0);
        }
        Ok(OneOrMany::Many(ids))
    }
}

/// An element of a list of choice ids.
struct OneChoice(String);

impl<'de> Deserialize<'de> for OneChoice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(ChoiceVisitor { list: false })? {
            OneOrMany::One(id) => Ok(OneChoice(id)),
            OneOrMany::Many(_) => Err(serde::de::Error::custom("a list inside a list of choice ids")),
        }
    }
}

impl OneOrMany {
    fn ids(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// Answers by question index; `None` where the question was not answered at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub values: Vec<Option<Answer>>,
    pub notes: Vec<Option<String>>,
    /// The scan's confidence where a scan inferred the answer and no person has confirmed it (it
    /// then counts by that confidence); `None` for a person's answer and where there is none.
    pub inferred: Vec<Option<Confidence>>,
}

impl Answers {
    pub fn empty(q: &Questionnaire) -> Self {
        let n = q.questions.len();
        Answers { values: vec![None; n], notes: vec![None; n], inferred: vec![None; n] }
    }

    /// A person's answer to question `qi`: it counts fully, whoever answered before.
    pub fn answer(&mut self, qi: usize, answer: Answer) {
        self.values[qi] = Some(answer);
        self.inferred[qi] = None;
    }

    /// Where there is no answer yet, `other`'s, with its mark of inference.
    pub fn fill(&mut self, other: &Answers) {
        let mine = self.values.iter_mut().zip(&mut self.inferred);
        for ((value, inferred), (theirs, marked)) in mine.zip(other.values.iter().zip(&other.inferred)) {
            if value.is_none() {
                value.clone_from(theirs);
                *inferred = *marked;
            }
        }
    }

    /// Mark question `qi`'s answer as one a scan inferred. A mark without an answer is dropped:
    /// deleting an answer to be asked it again should not need a second edit.
    fn mark_inferred(&mut self, qi: usize, confidence: Confidence) {
        if self.values[qi].is_some() {
            self.inferred[qi] = Some(confidence);
        }
    }

    /// Later answers win, with their mark of inference (none for a person's): used for `--set`
    /// over a file.
    pub fn overlay(&mut self, other: &Answers) {
        let mine = self.values.iter_mut().zip(&mut self.inferred);
        for ((value, inferred), (theirs, marked)) in mine.zip(other.values.iter().zip(&other.inferred)) {
            if theirs.is_some() {
                value.clone_from(theirs);
                *inferred = *marked;
            }
        }
        for (mine, theirs) in self.notes.iter_mut().zip(&other.notes) {
            if theirs.is_some() {
                mine.clone_from(theirs);
            }
        }
    }
}

/// The answers file without the locations of its keys and values, which only a problem needs:
/// cheaper to read (`quick`).
#[derive(Debug)]
struct QuickAnswers {
    schema_version: u32,
    answers: Pairs<String, OneOrMany>,
    notes: Pairs<String, String>,
    inferred: Pairs<String, String>,
}

impl QuickAnswers {
    /// The answers, or `None` at the first problem (which `parse` then locates).
    fn resolve(&self, q: &Questionnaire) -> Option<Answers> {
        if self.schema_version != SCHEMA_VERSION
            || !self.answers.repeated_keys().is_empty()
            || !self.notes.repeated_keys().is_empty()
            || !self.inferred.repeated_keys().is_empty()
        {
            return None;
        }
        let mut answers = Answers::empty(q);
        for (key, value) in &self.answers.0 {
            let (qi, answer) = resolve(q, key, &value.ids()).ok()?;
            answers.values[qi] = Some(answer);
        }
        for (key, note) in &self.notes.0 {
            answers.notes[q.question_index(key)?] = Some(crate::sanitize::clean(note).into_owned());
        }
        for (key, confidence) in &self.inferred.0 {
            answers.mark_inferred(q.question_index(key)?, inferred::parse(confidence)?);
        }
        Some(answers)
    }
}

/// Parse and check an answers file, reporting every problem with its location.
pub fn parse(q: &Questionnaire, file: &str, text: &str) -> Result<Answers, Vec<Diagnostic>> {
    // Most files have no problem: read them without locations, and again with them only to say
    // where a problem is. Both readings apply the same checks (`resolve`).
    match quick::read(text).and_then(|quick| quick.resolve(q)) {
        Some(answers) => Ok(answers),
        None => parse_located(q, file, text),
    }
}

fn parse_located(q: &Questionnaire, file: &str, text: &str) -> Result<Answers, Vec<Diagnostic>> {
    let raw: RawAnswers = yaml::parse(file, text).map_err(|d| vec![d])?;
    let mut problems = Problems::new(file);
    if raw.schema_version.value != SCHEMA_VERSION {
        let version = raw.schema_version.value;
        problems.at(
            &raw.schema_version,
            format!("schema_version {version} is not supported (this msadvise reads {SCHEMA_VERSION})"),
        );
    }
    problems.repeated_keys(&raw.answers);
    problems.repeated_keys(&raw.notes);
    problems.repeated_keys(&raw.inferred);
    let mut answers = Answers::empty(q);
    for (key, value) in &raw.answers.0 {
        match resolve(q, &key.value, &value.value.ids()) {
            Ok((qi, answer)) => answers.values[qi] = Some(answer),
            Err((message, true)) => problems.at(value, message),
            Err((message, false)) => problems.at(key, message),
        }
    }
    for (key, note) in raw.notes.0 {
        match q.question_index(&key.value) {
            Some(qi) => answers.notes[qi] = Some(crate::sanitize::clean(&note.value).into_owned()),
            None => problems.at(&key, unknown_question(q, &key.value)),
        }
    }
    for (key, confidence) in &raw.inferred.0 {
        match (q.question_index(&key.value), inferred::parse(&confidence.value)) {
            (Some(qi), Some(c)) => answers.mark_inferred(qi, c),
            (None, _) => problems.at(key, unknown_question(q, &key.value)),
            (Some(_), None) => problems.at(
                confidence,
                format!(
                    "question `{}` is marked inferred with `{}`, which is not a confidence (valid: {}; delete the line to count the answer fully)",
                    key.value,
                    confidence.value,
                    inferred::VALID
                ),
            ),
        }
    }
    let mut diags = problems.diagnostics;
    // In file order: repeated keys are found apart from the other problems.
    diags.sort_by_key(|d| (d.line, d.column));
    if diags.is_empty() { Ok(answers) } else { Err(diags) }
}

/// Parse `--set QUESTION=CHOICE[,CHOICE]` arguments.
pub fn parse_sets(q: &Questionnaire, sets: &[String]) -> Result<Answers, Vec<Diagnostic>> {
    let mut answers = Answers::empty(q);
    let mut diags = Vec::new();
    for set in sets {
        let Some((key, value)) = set.split_once('=') else {
            diags.push(Diagnostic::new("--set", format!("`{set}` is not QUESTION=CHOICE (e.g. --set teams=one)")));
            continue;
        };
        let ids: Vec<&str> = value.split(',').map(str::trim).collect();
        match resolve(q, key.trim(), &ids) {
            Ok((qi, answer)) => answers.answer(qi, answer),
            Err((message, _)) => diags.push(Diagnostic::new("--set", message)),
        }
    }
    if diags.is_empty() { Ok(answers) } else { Err(diags) }
}

/// Check one question's answer; the error says whether it lies in the key (false) or the value (true).
fn resolve(q: &Questionnaire, key: &str, ids: &[&str]) -> Result<(usize, Answer), (String, bool)> {
    let qi = q.question_index(key).ok_or_else(|| (unknown_question(q, key), false))?;
    let question = &q.questions[qi];
    let ids: Vec<&str> = ids.iter().map(|id| as_written(question, id)).collect();
    let ids = ids.as_slice();
    let valid = || {
        let mut v: Vec<&str> = question.choices.iter().map(|c| c.id.as_str()).collect();
        v.push(UNKNOWN);
        v.join(", ")
    };
    if ids.is_empty() || ids.iter().any(|s| s.is_empty()) {
        return Err((format!("question `{key}` needs a choice (valid: {})", valid()), true));
    }
    if ids.contains(&UNKNOWN) {
        return if ids.len() == 1 {
            Ok((qi, Answer::Unknown))
        } else {
            Err((format!("question `{key}`: `{UNKNOWN}` cannot be combined with other choices"), true))
        };
    }
    if ids.len() > 1 && !question.multiple {
        return Err((format!("question `{key}` takes one choice, not {} (valid: {})", ids.len(), valid()), true));
    }
    let mut chosen = Vec::new();
    for id in ids {
        match question.choice_index(id) {
            Some(ci) if chosen.contains(&ci) => {
                return Err((format!("question `{key}`: choice `{id}` is given twice"), true));
            }
            Some(ci) => chosen.push(ci),
            None => {
                let hint = crate::suggest::hint(id, question.choices.iter().map(|c| c.id.as_str()));
                let hint = if hint.is_empty() { read_as_hint(question, id) } else { hint };
                return Err((format!("question `{key}` has no choice `{id}`{hint} (valid: {})", valid()), true));
            }
        }
    }
    chosen.sort_unstable();
    Ok((qi, Answer::Chosen(chosen)))
}

/// For an id that is what YAML makes of an unquoted word (`no` is `false`): which choices read
/// that way, or that it was such a word.
fn read_as_hint(question: &super::model::Question, id: &str) -> String {
    let alike: Vec<String> = question
        .choices
        .iter()
        .filter(|c| read_plain(&c.id).is_some_and(|v| v == id))
        .map(|c| format!("`{}`", c.id))
        .collect();
    if alike.len() > 1 {
        return format!(" (unquoted, {} all read as `{id}`: put the one meant in quotes)", alike.join(", "));
    }
    match id {
        "true" | "false" => " (YAML reads an unquoted yes, no, on or off as true or false)".to_string(),
        _ => String::new(),
    }
}

/// The choice `id` names. A choice such as `no` or `1e3`, written unquoted, reaches us as the
/// value a YAML reader makes of it (`false`, `1000`): it is taken for the one choice read that way.
fn as_written<'q>(question: &'q super::model::Question, id: &'q str) -> &'q str {
    if id == UNKNOWN || question.choice_index(id).is_some() {
        return id;
    }
    let mut read_as = question.choices.iter().filter(|c| read_plain(&c.id).is_some_and(|v| v != c.id && v == id));
    match (read_as.next(), read_as.next()) {
        (Some(choice), None) => &choice.id,
        _ => id,
    }
}

fn unknown_question(q: &Questionnaire, key: &str) -> String {
    let hint = crate::suggest::hint(key, q.questions.iter().map(|x| x.id.as_str()));
    format!("unknown question `{key}`{hint} (run `msadvise questions` to list them)")
}

/// The answers as a file `--answers` reads back, with each question's prompt as a comment. Ids
/// that a YAML reader would take for something else (`no`, `on`, `1e3`, `~`) are quoted.
pub fn to_yaml(q: &Questionnaire, answers: &Answers) -> String {
    let mut out = format!("# msadvise answers for: {}\nschema_version: {SCHEMA_VERSION}\nanswers:", one_line(&q.title));
    let mut any = false;
    for (question, value) in q.questions.iter().zip(&answers.values) {
        let Some(value) = value else { continue };
        let ids: Vec<String> = match value {
            Answer::Unknown => vec![UNKNOWN.to_string()],
            Answer::Chosen(c) => c.iter().map(|&i| scalar(&question.choices[i].id)).collect(),
        };
        let rendered = if question.multiple { format!("[{}]", ids.join(", ")) } else { ids.join(", ") };
        let key = scalar(&question.id);
        out.push_str(&format!("\n  # {}\n  {key}: {rendered}", one_line(&question.prompt)));
        any = true;
    }
    // An empty mapping written as nothing would be read back as null, which is not a mapping.
    out.push_str(if any { "\n" } else { " {}\n" });
    inferred_yaml(q, answers, &mut out);
    let notes: Vec<(&str, &String)> =
        q.questions.iter().zip(&answers.notes).filter_map(|(qq, n)| n.as_ref().map(|n| (qq.id.as_str(), n))).collect();
    if !notes.is_empty() {
        out.push_str("notes:\n");
        for (id, note) in notes {
            out.push_str(&format!("  {}: {}\n", scalar(id), quote(note)));
        }
    }
    out
}

/// The `inferred:` mapping, with what it does and how a person confirms an answer.
fn inferred_yaml(q: &Questionnaire, answers: &Answers, out: &mut String) {
    let marked: Vec<(&str, Confidence)> = (q.questions.iter().zip(&answers.values).zip(&answers.inferred))
        .filter_map(|((question, value), c)| value.as_ref().and(*c).map(|c| (question.id.as_str(), c)))
        .collect();
    if marked.is_empty() {
        return;
    }
    let s = &q.scoring;
    out.push_str(&format!(
        "# Inferred by a scan and not yet confirmed by a person: each of these answers counts by the\n# scan's confidence (low ×{}, medium ×{}, high ×{}; the rest as \"don't know\"). Check or correct\n# the answer, then delete its line here (or this whole mapping) and it counts fully.\ninferred:\n",
        s.inferred_low.value, s.inferred_medium.value, s.inferred_high.value
    ));
    for (id, confidence) in marked {
        out.push_str(&format!("  {}: {}\n", scalar(id), confidence.label()));
    }
}

/// What a plain (unquoted) scalar `s` reads as where a choice id is expected: `no` as `false`,
/// `1e3` as `1000`, `~` as nothing; `None` when it is not a plain scalar at all.
fn read_plain(s: &str) -> Option<String> {
    if s.is_empty() || s.contains(['\n', '\r', '#', ':', '\'', '"']) {
        return None;
    }
    match yaml::parse::<OneOrMany>("", s).ok()? {
        OneOrMany::One(v) => Some(v),
        OneOrMany::Many(_) => None,
    }
}

/// `s` as a YAML scalar that any reader, YAML 1.1 ones included, takes for this very string:
/// plain when it is a simple word that reads as itself, double-quoted otherwise.
fn scalar(s: &str) -> String {
    let simple = s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if simple && !number_like(s) && read_plain(s).as_deref() == Some(s) {
        return s.to_string();
    }
    quote(s)
}

/// Whether a YAML 1.1 reader could take `s` for a number or a date (`1e3`, `0x1f`, `2001-01-01`,
/// `.5`), which this parser may read as text. A word such as `6_to_15` is not.
fn number_like(s: &str) -> bool {
    let starts = s.chars().next().is_none_or(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'));
    let radix = ["0x", "0o", "0b"].iter().any(|p| s.get(..2).is_some_and(|h| h.eq_ignore_ascii_case(p)));
    starts && (radix || s.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | '_' | 'e' | 'E')))
}

/// Text for a one-line comment: what could drive a terminal or reorder the line shown escaped.
fn one_line(s: &str) -> String {
    crate::sanitize::clean(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

/// A YAML double-quoted scalar: JSON string escaping is valid YAML, and so is `\u202e` for a
/// bidirectional control, which would otherwise make the file read differently from what it is.
fn quote(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
    crate::sanitize::bidi(&json, crate::sanitize::json_escape).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick reading accepts a file only with the answers the located one gives, and leaves
    /// every problem to it.
    #[test]
    fn the_quick_reading_agrees_with_the_located_one() {
        let q = crate::knowledge::builtin::questionnaire().unwrap();
        let mut files = 0;
        for dir in ["examples/profiles", "examples/team", "examples/cases"] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "yaml") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let quick = quick::read(&text).unwrap().resolve(&q);
                assert_eq!(quick, Some(parse_located(&q, "a.yaml", &text).unwrap()), "{}", path.display());
                files += 1;
            }
        }
        assert!(files >= 5, "{files} answers files");
        let marked = [
            "schema_version: 1\nanswers: {teams: one, ci: full}\ninferred: {ci: medium, teams: low}\n",
            "schema_version: 1\nanswers: {ci: full}\ninferred:\n",
            "schema_version: 1\nanswers: {ci: full}\ninferred: {ci: high, teams: low}\n",
        ];
        for text in marked {
            let quick = quick::read(text).unwrap().resolve(&q);
            assert_eq!(quick, Some(parse_located(&q, "a.yaml", text).unwrap()), "{text}");
        }
        let ci = q.question_index("ci").unwrap();
        let read = parse(&q, "a.yaml", marked[0]).unwrap();
        assert_eq!(read.inferred[ci], Some(Confidence::Medium));
        assert_eq!(read.inferred.iter().flatten().count(), 2);
        // A mark on a question the file does not answer has nothing to weigh.
        assert_eq!(parse(&q, "a.yaml", marked[2]).unwrap().inferred.iter().flatten().count(), 1);
        let problems = [
            "schema_version: 2\nanswers: {teams: one}\n",
            "schema_version: 1\nanswers: {teams: one, teams: two_or_three}\n",
            "schema_version: 1\nanswers: {teams: uno}\n",
            "schema_version: 1\nanswers: {teamz: one}\n",
            "schema_version: 1\nanswers: {teams: [one, two_or_three]}\n",
            "schema_version: 1\nanswers: {teams: one}\nnotes: {nobody: x}\n",
            "schema_version: 1\nanswers: {teams: one}\nnotes: {teams: x, teams: y}\n",
            "schema_version: 1\nanswers: {teams: one}\ninferred: {teams: sure}\n",
            "schema_version: 1\nanswers: {teams: one}\ninferred: {teams: Low}\n",
            "schema_version: 1\nanswers: {teams: one}\ninferred: {teamz: low}\n",
            "schema_version: 1\nanswers: {teams: one}\ninferred: {teams: low, teams: high}\n",
        ];
        let text = "schema_version: 1\nanswers:\n  teams: uno\n  teams: one\n  engineers: [a, b]\n";
        let lines: Vec<Option<u64>> = parse(&q, "a.yaml", text).unwrap_err().iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(3), Some(4), Some(5)], "every problem, in file order");
        for text in problems {
            let quick = quick::read(text).and_then(|quick| quick.resolve(&q));
            assert_eq!(quick, None, "{text}");
            assert!(parse(&q, "a.yaml", text).is_err(), "{text}");
        }
    }

    /// Every choice id, the tricky ones YAML readers take for something else among them, and the
    /// empty answer set are read back as they were written.
    #[test]
    fn what_is_written_is_read_back() {
        let mut q = crate::knowledge::builtin::questionnaire().unwrap();
        let empty = Answers::empty(&q);
        let text = to_yaml(&q, &empty);
        assert!(text.contains("answers: {}"), "{text}");
        assert_eq!(parse(&q, "a.yaml", &text).unwrap(), empty);
        let tricky = [
            "no",
            "yes",
            "on",
            "off",
            "y",
            "n",
            "NO",
            "True",
            "null",
            "Null",
            "~",
            "1e3",
            "0x10",
            "010",
            "1.0",
            "+1",
            ".inf",
            ".nan",
            "12:30",
            "2001-01-01",
            "-",
            "a b",
            "#x",
            "x: y",
            "'q'",
            "\"d\"",
            "[x]",
            "{x}",
            "*x",
            "&x",
            "!x",
            "@x",
            "%x",
            "|",
            ">",
            "?",
            "-x",
            "x,",
            "\u{202e}x",
            "tab\there",
            "new\nline",
            "0x1f",
            "1_000",
            "6_to_15",
            "0b11",
            ".5",
            "1.2.3",
            "Off",
        ];
        let count = q.questions.len();
        for (i, id) in tricky.iter().enumerate() {
            // Each question keeps its own ids and gains tricky ones, so all are tried together.
            let question = &mut q.questions[i % count];
            let mut extra = question.choices[0].clone();
            extra.id = (*id).to_string().into();
            question.choices.push(extra);
        }
        let rounds = q.questions.iter().map(|qq| qq.choices.len()).max().unwrap();
        for round in 0..rounds {
            let mut answers = Answers::empty(&q);
            for (qi, question) in q.questions.iter().enumerate() {
                answers.values[qi] = Some(Answer::Chosen(vec![round % question.choices.len()]));
                answers.notes[qi] = Some(format!("note: {} \"{}\" #", qi, question.choices[0].id));
                answers.inferred[qi] =
                    [None, Some(Confidence::Low), Some(Confidence::Medium), Some(Confidence::High)][(qi + round) % 4];
            }
            let text = to_yaml(&q, &answers);
            assert_eq!(parse(&q, "a.yaml", &text), Ok(answers), "{text}");
        }
    }

    /// A file written by hand, or by an older msadvise, with `no` unquoted names the choice `no`.
    #[test]
    fn unquoted_ids_read_as_the_choice_they_name() {
        let mut q = crate::knowledge::builtin::questionnaire().unwrap();
        let qi = q.question_index("teams").unwrap();
        for (choice, id) in q.questions[qi].choices.iter_mut().zip(["no", "on", "1e3", "null"]) {
            choice.id = id.to_string().into();
        }
        for (ci, written) in ["no", "on", "1e3", "~"].iter().enumerate() {
            let text = format!("schema_version: 1\nanswers:\n  teams: {written}\n");
            assert_eq!(parse(&q, "a.yaml", &text).unwrap().values[qi], Some(Answer::Chosen(vec![ci])), "{text}");
        }
        // Two choices read alike: neither is guessed, and the error says so.
        q.questions[qi].choices[1].id = "off".to_string().into();
        let err = parse(&q, "a.yaml", "schema_version: 1\nanswers:\n  teams: off\n").unwrap_err()[0].to_string();
        assert!(err.contains("unquoted, `no`, `off` all read as `false`: put the one meant in quotes"), "{err}");
    }

    /// `--set` and the quiz give a person's answer, which drops a scan's mark; a later answer
    /// brings its own mark, or none.
    #[test]
    fn a_persons_answer_drops_the_mark_of_inference() {
        let q = crate::knowledge::builtin::questionnaire().unwrap();
        let text = "schema_version: 1\nanswers: {ci: full, teams: one}\ninferred: {ci: low, teams: medium}\n";
        let mut read = parse(&q, "a.yaml", text).unwrap();
        let (ci, teams) = (q.question_index("ci").unwrap(), q.question_index("teams").unwrap());
        read.overlay(&parse_sets(&q, &["ci=full".to_string()]).unwrap());
        assert_eq!((read.inferred[ci], read.inferred[teams]), (None, Some(Confidence::Medium)));
        let saved = to_yaml(&q, &read);
        assert!(saved.contains("inferred:\n  teams: medium\n") && !saved.contains("ci: low"), "{saved}");
        assert!(saved.contains("delete its line here"), "{saved}");
        read.answer(teams, Answer::Unknown);
        assert!(!to_yaml(&q, &read).contains("inferred:"), "no mark, no mapping");
    }

    #[test]
    fn only_what_a_reader_could_misread_is_quoted() {
        for plain in ["one", "6_to_15", "up_to_5", "x.y", "a-b"] {
            assert_eq!(scalar(plain), plain);
        }
        for quoted in ["no", "Y", "on", "null", "~", "1e3", "0x1f", "2001-01-01", ".5", "1_000", "", "a b"] {
            assert_eq!(scalar(quoted), serde_json::to_string(quoted).unwrap(), "{quoted}");
        }
    }
}
