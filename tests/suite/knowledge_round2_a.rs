//! The second round of topics (data migration, service granularity, testing, micro frontends): found by
//! their usual names, sourced, linked both ways, and the corrected citations stay corrected.

use msadvise::knowledge::{Catalog, Glossary, Kind};
use msadvise::search::search;

/// Each new topic and the names a reader is likely to type for it.
const NEW_TOPICS: &[(&str, &[&str])] = &[
    (
        "splitting-the-database",
        &["splitting the database", "database decomposition", "database view", "synchronise then switch"],
    ),
    ("change-data-capture", &["change data capture", "CDC", "transaction log tailing", "Debezium"]),
    ("right-sized-services", &["macroservices", "service-based architecture", "miniservices", "DOMA"]),
    ("consolidating-services", &["consolidating services", "service consolidation", "back to the monolith"]),
    (
        "testing-microservices",
        &["testing microservices", "component tests", "end-to-end tests", "testing in production"],
    ),
    ("micro-frontends", &["micro frontends", "micro-frontend", "microfrontends", "UI composition"]),
];

#[test]
fn search_finds_each_new_topic_first_by_its_usual_names() {
    let catalog = Catalog::builtin().unwrap();
    for (id, names) in NEW_TOPICS {
        for name in *names {
            let hits = search(&catalog, name, 3);
            assert_eq!(hits.first().map(|h| h.topic.id.to_string()), Some(id.to_string()), "searching {name:?}");
        }
    }
}

#[test]
fn each_new_topic_is_sourced_linked_both_ways_and_cited_where_it_claims() {
    let catalog = Catalog::builtin().unwrap();
    for (id, _) in NEW_TOPICS {
        let t = catalog.find(id).unwrap_or_else(|| panic!("{id} is missing"));
        assert!(t.sources.len() >= 3, "{id} has {} sources", t.sources.len());
        assert!(t.related.len() >= 4, "{id} has {} related topics", t.related.len());
        assert!(!t.aliases.is_empty() && !t.concerns.is_empty() && !t.when_to_use.is_empty(), "{id}");
        assert!(t.advantages.iter().all(|a| !a.preconditions.is_empty() && !a.sources.is_empty()), "{id}");
        let claims = t.characteristics.iter().chain(&t.disadvantages).map(|i| &i.sources);
        assert!(claims.into_iter().all(|s| !s.is_empty()), "{id} has an unsourced claim");
        let linked_back = t.related.iter().filter(|r| catalog.find(r).is_some_and(|o| o.related.contains(&t.id)));
        assert!(linked_back.count() >= 2, "{id}: fewer than two related topics link back");
    }
    assert_eq!(catalog.find("right-sized-services").unwrap().kind, Kind::ArchitectureStyle);
    assert!(catalog.find("right-sized-services").unwrap().profile.is_some(), "comparable with `compare`");
}

#[test]
fn the_glossary_explains_the_new_terms_in_their_topics() {
    let g = Glossary::builtin().unwrap();
    for (term, topic) in [
        ("CDC", "change-data-capture"),
        ("Macroservice", "right-sized-services"),
        ("DOMA", "right-sized-services"),
        ("Component test", "testing-microservices"),
        ("Micro frontend", "micro-frontends"),
        ("Synchronise then switch", "splitting-the-database"),
        ("Blast radius", "chaos-engineering"),
    ] {
        let t = g.find(term).unwrap_or_else(|| panic!("{term} is not in the glossary"));
        assert_eq!(t.topic.as_deref(), Some(topic), "{term}");
    }
}

#[test]
fn corrected_citations_point_at_sources_that_make_the_claim() {
    let catalog = Catalog::builtin().unwrap();
    let keys = |id: &str, title: &str| -> Vec<String> {
        let t = catalog.find(id).unwrap();
        let item = t.disadvantages.iter().chain(&t.characteristics).find(|i| i.title == title);
        item.unwrap_or_else(|| panic!("{id}: no item {title:?}")).sources.iter().map(ToString::to_string).collect()
    };
    assert!(!keys("api-gateway", "A single point of failure unless made redundant").contains(&"LF14".to_string()));
    assert!(
        !keys("api-gateway", "An extra network hop and another system to operate").contains(&"MF-TradeOffs".into())
    );
    assert!(!keys("service-mesh", "Another critical system to run").contains(&"LF14".to_string()));
    assert!(keys("strangler-fig", "The routing layer is critical").contains(&"Az-Strangler".to_string()));
    let conway = catalog.find("conways-law").unwrap();
    let url = |key: &str| conway.sources.iter().find(|s| s.key == key).map(|s| s.url.clone());
    assert_ne!(url("LeRoySimons10"), url("ICM-Brownfield"), "two sources, one address");
    let chaos = catalog.find("chaos-engineering").unwrap();
    assert!(chaos.sources.iter().any(|s| s.url.contains("principlesofchaos.org")));
    for t in catalog.topics() {
        for s in &t.sources {
            assert!(!s.url.contains("hacktech.info") && !s.url.contains("businessweek.com"), "{}: {}", t.id, s.url);
            assert!(!s.url.contains("weave.works") && !s.url.contains("faros.ai"), "{}: {}", t.id, s.url);
        }
    }
}

/// The assessment points to the new topics where they apply: risks, stop signs and next steps
/// name them in their `topics` lists (the build checks that every listed topic exists).
#[test]
fn the_assessment_links_the_new_topics() {
    let text = std::fs::read_to_string("knowledge/assessment/questionnaire.yaml").unwrap();
    let listed: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("topics: ["))
        .flat_map(|l| l.trim_end_matches(']').split(", "))
        .collect();
    for id in [
        "splitting-the-database",
        "change-data-capture",
        "right-sized-services",
        "consolidating-services",
        "testing-microservices",
        "load-shedding-and-backpressure",
        "rate-limiting",
        "api-design",
        "service-chassis",
        "messaging-patterns",
        "microservice-anti-patterns",
    ] {
        assert!(listed.contains(&id), "the questionnaire links no risk or next step to `{id}`");
    }
}
