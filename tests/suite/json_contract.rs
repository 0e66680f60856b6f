//! The JSON output is a contract: mirror structs with `deny_unknown_fields` catch any change.
//! Their fields exist to be deserialised, so not every one is read.
#![allow(dead_code)]

use serde::Deserialize;

use crate::msadvise;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExplainDoc {
    schema_version: u32,
    id: String,
    title: String,
    kind: String,
    aliases: Vec<String>,
    summary: String,
    addresses: Vec<String>,
    definition: Option<String>,
    characteristics: Option<Vec<Item>>,
    advantages: Option<Vec<Advantage>>,
    disadvantages: Option<Vec<Item>>,
    misconceptions: Option<Vec<Misconception>>,
    concerns: Option<Vec<Concern>>,
    when_to_use: Option<Vec<String>>,
    when_not_to_use: Option<Vec<String>>,
    profile: Option<Option<Profile>>,
    related: Option<Vec<Related>>,
    sources: Option<Vec<Source>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    title: String,
    detail: String,
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Advantage {
    title: String,
    detail: String,
    preconditions: Vec<String>,
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Misconception {
    claim: String,
    reality: String,
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Concern {
    id: String,
    title: String,
    detail: String,
    practices: Vec<String>,
    sources: Vec<String>,
    topics: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Profile {
    team_size: String,
    deployment_unit: String,
    scaling: String,
    data_consistency: String,
    operational_cost: String,
    testing: String,
    failure_isolation: String,
    choose_when: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Related {
    id: String,
    title: String,
    summary: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    key: String,
    title: String,
    author: String,
    year: Option<u16>,
    url: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicList {
    schema_version: u32,
    topics: Vec<TopicEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicEntry {
    id: String,
    title: String,
    kind: String,
    aliases: Vec<String>,
    summary: String,
}

fn json<T: serde::de::DeserializeOwned>(args: &[&str]) -> T {
    let out = msadvise(args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.ends_with("}\n"), "pretty JSON ends with a newline");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

#[test]
fn explain_json_has_every_section_under_its_key() {
    let doc: ExplainDoc = json(&["explain", "--format", "json"]);
    assert_eq!(doc.schema_version, 1);
    assert_eq!(doc.id, "microservices");
    assert_eq!(doc.kind, "architecture-style");
    assert!(!doc.title.is_empty() && !doc.summary.is_empty());
    assert!(doc.definition.is_some_and(|d| !d.is_empty()));
    assert!(doc.advantages.is_some_and(|a| a.iter().all(|a| !a.preconditions.is_empty())));
    assert!(doc.disadvantages.is_some_and(|d| d.len() >= 4));
    assert!(doc.concerns.is_some_and(|c| c.iter().all(|c| !c.practices.is_empty())));
    assert!(doc.sources.is_some_and(|s| s.iter().all(|s| s.url.starts_with("http"))));
    assert!(doc.related.is_some_and(|r| !r.is_empty()));
}

#[test]
fn explain_json_with_sections_keeps_only_those() {
    let doc: ExplainDoc = json(&["--json", "explain", "soa", "--section", "definition", "--section", "sources"]);
    assert_eq!(doc.id, "service-oriented-architecture");
    assert!(doc.definition.is_some() && doc.sources.is_some());
    assert!(doc.advantages.is_none() && doc.concerns.is_none() && doc.related.is_none());
}

#[test]
fn topics_json_lists_every_topic() {
    let list: TopicList = json(&["topics", "--format", "json"]);
    assert_eq!(list.schema_version, 1);
    assert!(list.topics.len() >= 5);
    assert!(list.topics.iter().any(|t| t.id == "microservices" && t.kind == "architecture-style"));
    assert!(list.topics.iter().all(|t| !t.title.is_empty() && !t.summary.is_empty()));
}

#[test]
fn yaml_output_carries_the_same_document() {
    let out = msadvise(&["explain", "monolith", "--format", "yaml"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("schema_version: 1\n"), "{}", &text[..80.min(text.len())]);
    assert!(text.contains("\nid: monolith\n"));
}

#[test]
fn questions_list_every_question_with_a_dont_know_choice_in_every_format() {
    let list: serde_json::Value = json(&["questions", "--format", "json"]);
    assert_eq!(list["schema_version"], 1);
    let questions = list["questions"].as_array().unwrap();
    assert!((20..=40).contains(&questions.len()), "{} questions", questions.len());
    for q in questions {
        let choices = q["choices"].as_array().unwrap();
        assert!(choices.iter().any(|c| c["id"] == "unknown" && c["score"].is_null()), "{}", q["id"]);
        assert!(!q["help"].as_str().unwrap().is_empty() && !q["topics"].as_array().unwrap().is_empty());
    }
    assert!(questions.iter().any(|q| !q["asked_if"].is_null()), "some questions are conditional");
    for format in ["yaml", "markdown", "text"] {
        let out = msadvise(&["questions", "--format", format]);
        assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("engineers"), "{format}");
    }
}
