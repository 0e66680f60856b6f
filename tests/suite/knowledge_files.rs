//! Knowledge is data, and data is tested: every embedded file loads, and a broken one is located.

use msadvise::knowledge::{Catalog, Kind, SourceFile};

#[test]
fn every_embedded_topic_loads_and_validates() {
    let catalog = Catalog::builtin().unwrap_or_else(|e| panic!("{e}"));
    for id in ["microservices", "monolith", "modular-monolith", "service-oriented-architecture", "serverless"] {
        let topic = catalog.find(id).unwrap_or_else(|| panic!("topic {id} is missing"));
        assert_eq!(topic.kind, Kind::ArchitectureStyle, "{id}");
        assert!(!topic.sources.is_empty(), "{id} has no sources");
    }
}

#[test]
fn microservices_covers_what_the_seed_covers_and_corrects_it() {
    let catalog = Catalog::builtin().unwrap();
    let t = catalog.find("microservices").unwrap();
    assert!(t.advantages.len() >= 4, "advantages: {}", t.advantages.len());
    assert!(t.disadvantages.len() >= 4, "disadvantages: {}", t.disadvantages.len());
    assert!(t.concerns.len() >= 5, "concerns: {}", t.concerns.len());
    let all_text = serde_json::to_string(t).unwrap().to_lowercase();
    assert!(all_text.contains("single point of failure"), "the SPOF overstatement must be corrected");
    assert!(t.misconceptions.iter().any(|m| m.claim.to_lowercase().contains("single point of failure")));
}

#[test]
fn aliases_resolve_case_insensitively() {
    let catalog = Catalog::builtin().unwrap();
    assert_eq!(catalog.find("SOA").map(|t| t.id.as_str()), Some("service-oriented-architecture"));
    assert_eq!(catalog.find("  Microservices ").map(|t| t.id.as_str()), Some("microservices"));
}

#[test]
fn unknown_names_get_close_suggestions() {
    let catalog = Catalog::builtin().unwrap();
    assert!(catalog.find("microservice-architectur").is_none());
    assert_eq!(catalog.suggest("microservise").first().map(String::as_str), Some("microservices"));
}

fn fixture(name: &str) -> (String, Vec<u8>) {
    let path = format!("tests/fixtures/topics/{name}");
    let bytes = std::fs::read(&path).unwrap();
    (path, bytes)
}

fn problems(files: &[(String, Vec<u8>)]) -> Vec<String> {
    let sources: Vec<SourceFile<'_>> = files.iter().map(|(p, b)| SourceFile { path: p.clone(), bytes: b }).collect();
    match Catalog::from_files(&sources) {
        Ok(_) => panic!("the broken fixture was accepted"),
        Err(diagnostics) => diagnostics.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_broken_topic_is_rejected_with_file_line_and_column() {
    let found = problems(&[fixture("broken-syntax.yaml")]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].starts_with("tests/fixtures/topics/broken-syntax.yaml:4:"), "{found:#?}");
}

#[test]
fn an_unknown_field_is_rejected_with_its_location() {
    let found = problems(&[fixture("unknown-field.yaml")]);
    assert!(found[0].starts_with("tests/fixtures/topics/unknown-field.yaml:5:1:"), "{found:#?}");
    assert!(found[0].contains("tagline"), "{found:#?}");
}

#[test]
fn every_semantic_problem_is_reported_with_its_location() {
    let found = problems(&[fixture("bad-references.yaml")]);
    let joined = found.join("\n");
    assert!(joined.contains("bad-references.yaml:1:5: topic id `wrong-id`"), "{joined}");
    assert!(joined.contains("bad-references.yaml:9:15: `advantages.sources` cites `Nobody99`"), "{joined}");
    assert!(joined.contains("bad-references.yaml:11:11: `related` names topic `no-such-topic`"), "{joined}");
    assert_eq!(found.len(), 3, "{joined}");
}

#[test]
fn the_knowledge_directory_on_disk_validates_as_build_rs_requires() {
    let out = crate::msadvise(&["knowledge", "validate", "knowledge"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
