//! No panics anywhere: arbitrary bytes and strings for every parser, arbitrary arguments for the CLI.

use msadvise::assess::{self, answers, builtin_questionnaire};
use msadvise::knowledge::{Catalog, Glossary, SourceFile};
use proptest::prelude::*;

static CATALOG: std::sync::LazyLock<Catalog> = std::sync::LazyLock::new(|| Catalog::builtin().unwrap());
static GLOSSARY: std::sync::LazyLock<Glossary> = std::sync::LazyLock::new(|| Glossary::builtin().unwrap());
static QUESTIONNAIRE: std::sync::LazyLock<assess::Questionnaire> =
    std::sync::LazyLock::new(|| builtin_questionnaire().unwrap());

/// Text that looks enough like YAML to get past the first character.
const YAMLISH: &str = "[a-z_0-9:\\[\\]{}\\-\\n #&*!|>'\",.~\\t]{0,300}";

fn topic_like() -> impl Strategy<Value = String> {
    let field = prop_oneof![
        Just("id: x\n".to_string()),
        Just("title: T\n".to_string()),
        Just("kind: pattern\n".to_string()),
        Just("summary: s\n".to_string()),
        Just("definition: d\n".to_string()),
        Just("sources: [{key: K, title: T, author: A, url: u}]\n".to_string()),
        Just("related: [x, y]\n".to_string()),
        Just("advantages: [{title: a, detail: b, preconditions: [c], sources: [K]}]\n".to_string()),
        YAMLISH.prop_map(|s| s + "\n"),
    ];
    proptest::collection::vec(field, 0..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_answers_parser_never_panics(text in YAMLISH, bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let q = &*QUESTIONNAIRE;
        let _ = answers::parse(q, "a.yaml", &text);
        let _ = answers::parse(q, "a.yaml", &format!("schema_version: 1\nanswers:\n  {text}"));
        let _ = answers::parse(q, "b.yaml", &String::from_utf8_lossy(&bytes));
        let _ = answers::parse_sets(q, &[text.clone(), format!("teams={text}")]);
    }

    #[test]
    fn the_knowledge_loaders_never_panic(topic in topic_like(), bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let files = [
            SourceFile { path: "topics/x.yaml".into(), bytes: topic.as_bytes() },
            SourceFile { path: "topics/y.yaml".into(), bytes: &bytes },
        ];
        let _ = Catalog::from_files(&files);
        let _ = Glossary::parse("glossary.yaml", &topic, &|_| true);
        let _ = assess::load("q.yaml", &topic, &|_| true);
        let base = QUESTIONNAIRE.clone();
        let _ = assess::extend(base, "extend.yaml", &format!("schema_version: 1\n{topic}"), &|_| true);
    }

    #[test]
    fn topic_lookups_and_searches_never_panic(query in "\\PC{0,40}") {
        let _ = CATALOG.find(&query);
        let _ = CATALOG.suggest(&query);
        let _ = msadvise::search::search(&CATALOG, &query, 5);
        let _ = GLOSSARY.search(&query);
    }
}

const WORDS: &[&str] = &[
    "explain",
    "topics",
    "search",
    "compare",
    "glossary",
    "assess",
    "questions",
    "schema",
    "knowledge",
    "validate",
    "export",
    "completions",
    "man",
    "--format",
    "json",
    "yaml",
    "markdown",
    "text",
    "--json",
    "--section",
    "sources",
    "--answers",
    "-",
    "--set",
    "teams=one",
    "--allow-unknown",
    "--fail-on",
    "not-ready",
    "--min-confidence",
    "high",
    "--no-pager",
    "--color",
    "always",
    "-n",
    "0",
    "99999999999999999999",
    "microservices",
    "saga",
    "monolith",
    "",
    "--template",
    "bash",
    "\u{1b}[2J",
    "é",
    "--knowledge",
    "/nonexistent",
    "--output",
    "/proc/version",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_cli_never_panics_whatever_the_arguments(picks in proptest::collection::vec((0..WORDS.len(), any::<bool>(), "\\PC{0,12}"), 0..6)) {
        let args: Vec<String> = picks.iter().map(|(i, raw, s)| if *raw { s.clone() } else { WORDS[*i].to_string() }).collect();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_msadvise"))
            .args(&args)
            .env("MSADVISE_PAGER", "")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        prop_assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        prop_assert!(matches!(out.status.code(), Some(0..=3)), "{args:?}: {:?} {stderr}", out.status);
        prop_assert!(!stderr.contains('\u{1b}'), "{args:?}: raw escape on stderr: {stderr}");
    }
}
