//! The second round of topics on load management, API design, the service chassis, messaging and anti-patterns.

use msadvise::knowledge::{Catalog, Glossary, Kind};
use msadvise::search::search;

/// Each new topic, and the names a reader is likely to type for it.
const TOPICS: &[(&str, &[&str])] = &[
    ("rate-limiting", &["rate limiting", "throttling", "token bucket", "too many requests"]),
    ("load-shedding-and-backpressure", &["load shedding", "backpressure", "graceful degradation", "overload"]),
    (
        "queue-based-load-leveling",
        &["queue-based load leveling", "queue based load levelling", "load leveling", "asynchronous request-reply"],
    ),
    ("api-design", &["REST", "gRPC", "GraphQL", "OpenAPI", "schema-first", "contract first"]),
    (
        "service-chassis",
        &["service template", "microservice chassis", "externalized configuration", "health check", "paved road"],
    ),
    (
        "messaging-patterns",
        &[
            "dead letter queue",
            "competing consumers",
            "poison message",
            "ordering per partition",
            "event-carried state transfer",
        ],
    ),
    ("microservice-anti-patterns", &["nanoservices", "microservice envy", "entity service", "anti-patterns"]),
];

/// The topics the issue asks `search` to find first by their most common name.
const FIRST_HITS: &[(&str, &str)] = &[
    ("load shedding", "load-shedding-and-backpressure"),
    ("queue-based load leveling", "queue-based-load-leveling"),
    ("rate limiting", "rate-limiting"),
    ("dead letter queue", "messaging-patterns"),
    ("nanoservices", "microservice-anti-patterns"),
    ("service template", "service-chassis"),
];

#[test]
fn search_finds_each_new_topic_by_its_usual_names() {
    let catalog = Catalog::builtin().unwrap();
    for (id, names) in TOPICS {
        for name in *names {
            let hits = search(&catalog, name, 3);
            assert!(
                hits.iter().any(|h| h.topic.id == *id),
                "searching {name:?} does not find {id} in the top 3: {:?}",
                hits.iter().map(|h| h.topic.id.to_string()).collect::<Vec<_>>()
            );
        }
    }
    for (query, id) in FIRST_HITS {
        assert_eq!(search(&catalog, query, 1)[0].topic.id, *id, "first hit for {query:?}");
    }
}

#[test]
fn every_new_topic_is_sourced_linked_both_ways_and_complete() {
    let catalog = Catalog::builtin().unwrap();
    for (id, _) in TOPICS {
        let t = catalog.find(id).filter(|t| t.id == *id).unwrap_or_else(|| panic!("{id} is missing"));
        assert!(t.sources.len() >= 3, "{id} has {} sources", t.sources.len());
        assert!(t.sources.iter().all(|s| s.url.starts_with("https://")), "{id} cites a source without an https URL");
        assert!(t.related.len() >= 5, "{id} links only {} related topics", t.related.len());
        assert!(!t.aliases.is_empty() && !t.concerns.is_empty() && !t.misconceptions.is_empty(), "{id} is incomplete");
        assert!(
            matches!(t.kind, Kind::AntiPattern) || t.advantages.iter().all(|a| !a.preconditions.is_empty()),
            "{id} states an advantage without the conditions under which it holds"
        );
        let back = catalog.topics().into_iter().filter(|o| o.related.iter().any(|r| r == id)).count();
        assert!(back >= 2, "only {back} topics link back to {id}");
        let cited = t
            .characteristics
            .iter()
            .chain(&t.disadvantages)
            .flat_map(|i| &i.sources)
            .chain(t.advantages.iter().flat_map(|a| &a.sources))
            .chain(t.misconceptions.iter().flat_map(|m| &m.sources))
            .chain(t.concerns.iter().flat_map(|c| &c.sources))
            .collect::<Vec<_>>();
        for s in &t.sources {
            assert!(cited.contains(&&s.key), "{id} lists source {} but no claim cites it", s.key);
        }
    }
}

#[test]
fn the_glossary_defines_the_new_terms_and_points_to_the_new_topics() {
    let g = Glossary::builtin().unwrap();
    for (term, topic) in [
        ("load shedding", "load-shedding-and-backpressure"),
        ("backpressure", "load-shedding-and-backpressure"),
        ("queue-based load leveling", "queue-based-load-leveling"),
        ("rate limiting", "rate-limiting"),
        ("token bucket", "rate-limiting"),
        ("DLQ", "messaging-patterns"),
        ("competing consumers", "messaging-patterns"),
        ("event-carried state transfer", "messaging-patterns"),
        ("GraphQL", "api-design"),
        ("schema-first design", "api-design"),
        ("service template", "service-chassis"),
        ("externalized configuration", "service-chassis"),
        ("golden path", "service-chassis"),
        ("microservice envy", "microservice-anti-patterns"),
        ("entity service", "microservice-anti-patterns"),
    ] {
        let found = g.find(term).unwrap_or_else(|| panic!("the glossary lacks {term:?}"));
        assert_eq!(found.topic.as_deref(), Some(topic), "{term}");
    }
}

/// A glossary term that names a topic (its id or one of its aliases) links to that topic, not to
/// a broader one that only mentions it.
#[test]
fn glossary_terms_named_by_a_topic_link_to_it() {
    let catalog = Catalog::builtin().unwrap();
    let glossary = Glossary::builtin().unwrap();
    let mut wrong = Vec::new();
    for term in &glossary.terms {
        let Some(named) = std::iter::once(&term.term).chain(&term.aliases).find_map(|n| catalog.find(n)) else {
            continue;
        };
        if term.topic.as_deref() != Some(&*named.id) {
            wrong.push(format!("{} -> {:?}, but topic {} is named by it", term.term, term.topic, named.id));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
