//! The knowledge base as a whole: size, links, rendering, search, glossary and the pager.

use msadvise::knowledge::{Catalog, Glossary, Kind};
use msadvise::search::search;

use crate::{msadvise, msadvise_env};

#[test]
fn there_are_at_least_35_topics_and_patterns_say_which_concern_they_answer() {
    let catalog = Catalog::builtin().unwrap();
    assert!(catalog.topics().len() >= 35, "{} topics", catalog.topics().len());
    for t in catalog.topics() {
        assert!(!t.sources.is_empty(), "{} has no sources", t.id);
        if matches!(t.kind, Kind::Pattern | Kind::Practice) {
            assert!(!t.addresses.is_empty(), "{} does not say which practical concern it answers", t.id);
        }
    }
}

#[test]
fn every_topic_link_in_the_assessment_resolves_to_a_real_topic() {
    let catalog = Catalog::builtin().unwrap();
    let text = std::fs::read_to_string("knowledge/assessment/questionnaire.yaml").unwrap();
    let q = msadvise::assess::load("questionnaire.yaml", &text, &|id| catalog.find(id).is_some_and(|t| t.id == id))
        .unwrap();
    let linked = q.questions.iter().flat_map(|x| &x.topics).count()
        + q.risks.iter().flat_map(|r| &r.topics).count()
        + q.levels.iter().flat_map(|l| &l.checks).flat_map(|c| &c.topics).count();
    assert!(linked > 50, "{linked} links");
    assert!(q.risks.iter().all(|r| !r.topics.is_empty()), "every risk links to a topic");
    assert!(q.levels.iter().flat_map(|l| &l.checks).all(|c| !c.topics.is_empty()), "every blocker links to a topic");
    assert!(
        q.verdicts.iter().flat_map(|v| &v.next_steps).all(|s| !s.topics.is_empty()),
        "every next step links to a topic"
    );
}

#[test]
fn every_topic_renders_in_every_format() {
    let catalog = Catalog::builtin().unwrap();
    for t in catalog.topics() {
        for format in ["text", "json", "yaml", "markdown"] {
            let out = msadvise(&["explain", &t.id, "--format", format]);
            let body = String::from_utf8(out.stdout).unwrap();
            assert!(out.status.success(), "{} as {format}: {}", t.id, String::from_utf8_lossy(&out.stderr));
            assert!(body.contains(t.title.as_str()) || format == "yaml", "{} as {format} lacks its title", t.id);
        }
        let text = String::from_utf8(msadvise(&["explain", &t.id, "--full"]).stdout).unwrap();
        let short = String::from_utf8(msadvise(&["explain", &t.id]).stdout).unwrap();
        assert!(
            short.contains(&format!("msadvise explain {} --full", t.id)),
            "{}: the short page says how to see all",
            t.id
        );
        if !t.related.is_empty() {
            let see_also = text.rfind("SEE ALSO").unwrap_or_else(|| panic!("{} has no See also", t.id));
            assert!(text.rfind("SOURCES").unwrap() < see_also, "{}: See also ends the page", t.id);
            assert!(short.contains("SEE ALSO"), "{}: the short page has See also", t.id);
        }
    }
}

#[test]
fn each_topic_is_found_by_its_title_and_by_each_alias() {
    let catalog = Catalog::builtin().unwrap();
    for t in catalog.topics() {
        for name in std::iter::once(&t.title).chain(&t.aliases) {
            let hits = search(&catalog, name, 5);
            assert!(
                hits.iter().any(|h| *h.topic.id == *t.id),
                "searching {name:?} does not find {} in the top 5",
                t.id
            );
        }
    }
}

#[test]
fn search_ranks_and_tolerates_typos() {
    let catalog = Catalog::builtin().unwrap();
    assert_eq!(search(&catalog, "independently deployable", 3)[0].topic.id, "microservices");
    assert_eq!(search(&catalog, "circiut breakr", 3)[0].topic.id, "circuit-breaker");
    assert_eq!(search(&catalog, "compensating transactions", 3)[0].topic.id, "saga");
    assert!(search(&catalog, "zzzqqq", 3).is_empty());
    let hit = &search(&catalog, "retry storms", 1)[0];
    assert!(hit.snippet.to_lowercase().contains("retr"), "{}", hit.snippet);
}

#[test]
fn the_glossary_has_40_terms_each_pointing_to_a_real_topic() {
    let catalog = Catalog::builtin().unwrap();
    let g = Glossary::builtin().unwrap();
    assert!(g.terms.len() >= 40);
    for t in &g.terms {
        if let Some(topic) = &t.topic {
            assert!(catalog.find(topic).is_some_and(|x| &x.id == topic), "{} -> {topic}", t.term);
        }
    }
    assert_eq!(g.find("Idempotent").map(|t| t.term.as_str()), Some("Idempotency"));
    assert!(g.search("compensat").iter().any(|t| t.term.contains("Compensating")));
}

fn pager_script(dir: &std::path::Path) -> String {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("pager.sh");
    std::fs::write(&script, format!("#!/bin/sh\ntouch '{}'\ncat\n", dir.join("paged").display())).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script.display().to_string()
}

#[test]
fn the_pager_is_never_used_when_output_is_piped() {
    let dir = std::env::temp_dir().join(format!("msadvise-pager-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = pager_script(&dir);
    let out = msadvise_env(&["explain", "saga"], &[("MSADVISE_PAGER", &script)]);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("Saga"));
    assert!(!dir.join("paged").exists(), "a pager ran although stdout is a pipe");
}

#[test]
fn on_a_terminal_long_text_goes_through_the_pager_unless_no_pager() {
    use rexpect::reader::Options;
    let dir = std::env::temp_dir().join(format!("msadvise-pager-tty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = pager_script(&dir);
    for (args, paged) in
        [(&["explain", "saga", "--full", "--no-pager"][..], false), (&["explain", "saga", "--full"], true)]
    {
        let _ = std::fs::remove_file(dir.join("paged"));
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_msadvise"));
        cmd.args(args).env("MSADVISE_PAGER", &script);
        let mut p = rexpect::session::spawn_with_options(cmd, Options::new().timeout_ms(Some(10_000))).unwrap();
        p.exp_string("SOURCES").unwrap();
        p.exp_eof().unwrap();
        assert_eq!(dir.join("paged").exists(), paged, "{args:?}");
    }
    let formats = rexpect::session::spawn_with_options(
        {
            let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_msadvise"));
            c.args(["explain", "saga", "--json"]).env("MSADVISE_PAGER", &script);
            let _ = std::fs::remove_file(dir.join("paged"));
            c
        },
        Options::new().timeout_ms(Some(10_000)),
    );
    let mut p = formats.unwrap();
    p.exp_eof().unwrap();
    assert!(!dir.join("paged").exists(), "machine formats are never paged");
}
