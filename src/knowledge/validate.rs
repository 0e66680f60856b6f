//! Turns raw topic files into model topics, collecting every problem with its location.

use std::collections::HashSet;

use serde_saphyr::Spanned;

use super::model::{Advantage, Concern, Item, Misconception, Profile, Source, Topic};
use super::raw::{RawAdvantage, RawConcern, RawItem, RawMisconception, RawProfile, RawSource, RawTopic, Text};
use super::text::Str;
use crate::error::Diagnostic;
use crate::yaml::Problems;

pub const MAX_SUMMARY_CHARS: usize = 160;

/// A name that must resolve to another topic, kept with its location for cross-topic checks.
#[derive(Debug)]
pub struct Reference {
    pub target: Spanned<String>,
    pub field: &'static str,
}

/// A validated topic plus what the cross-topic checks need.
#[derive(Debug)]
pub struct Checked {
    pub topic: Topic,
    pub file: String,
    pub names: Vec<Spanned<String>>,
    pub references: Vec<Reference>,
}

/// The shared problem list, plus the source keys citations must name.
struct Checker<'a> {
    problems: Problems<'a>,
    source_keys: HashSet<String>,
}

impl<'a> std::ops::Deref for Checker<'a> {
    type Target = Problems<'a>;
    fn deref(&self) -> &Problems<'a> {
        &self.problems
    }
}

impl std::ops::DerefMut for Checker<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.problems
    }
}

impl Checker<'_> {
    fn citations(&mut self, keys: Vec<Text>, field: &str) -> Vec<Str> {
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            if !self.source_keys.contains(key.value.as_str()) {
                let listed = sorted(&self.source_keys).join(", ");
                self.at(
                    &key,
                    format!(
                        "`{field}` cites `{}`, which is not in this topic's `sources` (listed: {listed})",
                        key.value
                    ),
                );
            }
            out.push(key.value.into());
        }
        out
    }
}

fn sorted(set: &HashSet<String>) -> Vec<&str> {
    let mut v: Vec<&str> = set.iter().map(String::as_str).collect();
    v.sort_unstable();
    v
}

/// Validate one parsed topic file (`stem` is its name without `.yaml`). The topic comes back even
/// with problems, so that cross-topic checks can still report theirs.
pub fn check(raw: RawTopic, file: &str, stem: &str) -> (Checked, Vec<Diagnostic>) {
    let mut c = Checker { problems: Problems::new(file), source_keys: HashSet::new() };
    let sources = check_sources(&mut c, raw.sources);
    if raw.id.value != stem {
        c.at(&raw.id, format!("topic id `{}` must match its file name `{stem}.yaml`", raw.id.value));
    }
    if !is_kebab(&raw.id.value) {
        c.at(&raw.id, format!("topic id `{}` must be kebab-case (a-z, 0-9 and '-')", raw.id.value));
    }
    let mut names = vec![raw.id.clone()];
    names.extend(raw.aliases.iter().cloned());
    let mut references: Vec<Reference> =
        raw.related.iter().map(|r| Reference { target: r.clone(), field: "related" }).collect();
    for concern in &raw.concerns {
        references.extend(concern.topics.iter().map(|t| Reference { target: t.clone(), field: "concerns.topics" }));
    }
    let summary_at = raw.summary.clone();
    let topic = Topic {
        id: raw.id.value.clone().into(),
        title: c.text(raw.title, "title").into(),
        kind: raw.kind,
        aliases: strs(c.texts(raw.aliases, "aliases")),
        summary: c.text(raw.summary, "summary").into(),
        definition: c.text(raw.definition, "definition").into(),
        characteristics: raw.characteristics.into_iter().map(|i| item(&mut c, i, "characteristics")).collect(),
        advantages: raw.advantages.into_iter().map(|a| advantage(&mut c, a)).collect(),
        disadvantages: raw.disadvantages.into_iter().map(|i| item(&mut c, i, "disadvantages")).collect(),
        misconceptions: raw.misconceptions.into_iter().map(|m| misconception(&mut c, m)).collect(),
        concerns: raw.concerns.into_iter().map(|k| concern(&mut c, k)).collect(),
        addresses: raw.addresses,
        when_to_use: strs(c.texts(raw.when_to_use, "when_to_use")),
        when_not_to_use: strs(c.texts(raw.when_not_to_use, "when_not_to_use")),
        profile: raw.profile.map(|p| profile(&mut c, p)),
        related: raw.related.into_iter().map(|r| r.value.into()).collect(),
        sources,
    };
    if topic.summary.chars().count() > MAX_SUMMARY_CHARS || topic.summary.contains('\n') {
        c.at(&summary_at, format!("`summary` must be one line of at most {MAX_SUMMARY_CHARS} characters"));
    }
    (Checked { topic, file: file.to_string(), names, references }, c.problems.diagnostics)
}

fn check_sources(c: &mut Checker<'_>, raw: Vec<RawSource>) -> Vec<Source> {
    if raw.is_empty() {
        c.whole("`sources` must list at least one source");
    }
    let mut out = Vec::with_capacity(raw.len());
    for s in raw {
        if !c.source_keys.insert(s.key.value.clone()) {
            c.at(&s.key, format!("source key `{}` is listed twice", s.key.value));
        }
        out.push(Source {
            key: c.text(s.key, "sources.key").into(),
            title: c.text(s.title, "sources.title").into(),
            author: c.text(s.author, "sources.author").into(),
            year: s.year,
            url: c.text(s.url, "sources.url").into(),
        });
    }
    out
}

fn item(c: &mut Checker<'_>, raw: RawItem, field: &'static str) -> Item {
    Item {
        title: c.text(raw.title, field).into(),
        detail: c.text(raw.detail, field).into(),
        sources: c.citations(raw.sources, field),
    }
}

fn advantage(c: &mut Checker<'_>, raw: RawAdvantage) -> Advantage {
    if raw.preconditions.is_empty() {
        c.at(&raw.title, "an advantage must list at least one of its `preconditions`".to_string());
    }
    Advantage {
        title: c.text(raw.title, "advantages.title").into(),
        detail: c.text(raw.detail, "advantages.detail").into(),
        preconditions: strs(c.texts(raw.preconditions, "advantages.preconditions")),
        sources: c.citations(raw.sources, "advantages.sources"),
    }
}

fn misconception(c: &mut Checker<'_>, raw: RawMisconception) -> Misconception {
    Misconception {
        claim: c.text(raw.claim, "misconceptions.claim").into(),
        reality: c.text(raw.reality, "misconceptions.reality").into(),
        sources: c.citations(raw.sources, "misconceptions.sources"),
    }
}

fn concern(c: &mut Checker<'_>, raw: RawConcern) -> Concern {
    if raw.practices.is_empty() {
        c.at(&raw.title, "a concern must list at least one of its `practices`".to_string());
    }
    Concern {
        id: raw.id,
        title: c.text(raw.title, "concerns.title").into(),
        detail: c.text(raw.detail, "concerns.detail").into(),
        practices: strs(c.texts(raw.practices, "concerns.practices")),
        sources: c.citations(raw.sources, "concerns.sources"),
        topics: raw.topics.into_iter().map(|t| t.value.into()).collect(),
    }
}

fn profile(c: &mut Checker<'_>, raw: RawProfile) -> Profile {
    Profile {
        team_size: c.text(raw.team_size, "profile.team_size").into(),
        deployment_unit: c.text(raw.deployment_unit, "profile.deployment_unit").into(),
        scaling: c.text(raw.scaling, "profile.scaling").into(),
        data_consistency: c.text(raw.data_consistency, "profile.data_consistency").into(),
        operational_cost: c.text(raw.operational_cost, "profile.operational_cost").into(),
        testing: c.text(raw.testing, "profile.testing").into(),
        failure_isolation: c.text(raw.failure_isolation, "profile.failure_isolation").into(),
        choose_when: c.text(raw.choose_when, "profile.choose_when").into(),
    }
}

/// Checked texts as the model keeps them.
fn strs(texts: Vec<String>) -> Vec<Str> {
    texts.into_iter().map(Str::from).collect()
}

pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
}
