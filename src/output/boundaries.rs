//! How `boundaries` reads: text for a terminal, Markdown with a Mermaid graph for a decision
//! record, and a Graphviz graph (`--format dot`): modules as nodes, coupling as weighted edges,
//! groups as clusters.

use super::Theme;
use super::text::{Doc, md_cell};
use crate::boundaries::report::{BoundariesReport, HistorySummary, RepositoryBoundaries};
use crate::sanitize::clean;

/// At most this many modules and couplings are listed in text and Markdown (JSON has them all).
const SHOW: usize = 25;
/// Seams between groups listed in text: the strongest, where a split would cost most.
const SHOW_SEAMS: usize = 8;

pub fn boundaries_text(r: &BoundariesReport, theme: &Theme, width: usize) -> String {
    let mut d = Doc::new(theme, width);
    d.line(&theme.title(&format!("Boundaries from the history of {}", clean(&r.root))));
    for repo in &r.repositories {
        if r.repositories.len() > 1 {
            d.heading(&format!("Repository {}", clean(&repo.repository)));
        }
        repository_text(&mut d, repo);
    }
    d.finish()
}

fn repository_text(d: &mut Doc<'_>, r: &RepositoryBoundaries) {
    let theme = *d.theme;
    d.para(&history_line(&r.history), 0);
    if let Some(ratio) = r.history.cross_module_ratio {
        d.para(
            &format!(
                "{} of commits change two or more modules ({} of {}).",
                theme.strong(&percent(ratio)),
                r.history.cross_module_commits,
                r.history.commits_used
            ),
            0,
        );
    }
    d.heading(&format!("Modules ({}, from {})", r.modules.len(), r.modules_from));
    let name_width = r.modules.iter().take(SHOW).map(|m| m.name.chars().count()).max().unwrap_or(6).clamp(6, 32);
    d.line(&theme.dim(&format!(
        "  {:<name_width$}  {:>7}  {:>7}  {:>6}  main author (share)",
        "module", "commits", "authors", "churn"
    )));
    for m in r.modules.iter().take(SHOW) {
        let owner = match (&m.main_author, m.ownership) {
            (Some(a), Some(s)) => format!("{} ({})", clean(a), percent(s)),
            _ => "–".to_string(),
        };
        d.line(&format!(
            "  {:<name_width$}  {:>7}  {:>7}  {:>6}  {owner}",
            tail(&clean(&m.name), name_width),
            m.commits,
            m.authors,
            m.churn
        ));
    }
    more(d, r.modules.len(), "modules");
    d.heading("Strongest couplings (shared commits / mean of the two modules' commits)");
    if r.couplings.is_empty() {
        let h = &r.history;
        d.para(
            &format!(
                "None meets the minimums: {} commits each, {} shared, a degree of {}.",
                h.min_module_commits,
                h.min_shared_commits,
                percent(h.min_degree)
            ),
            2,
        );
    }
    for c in r.couplings.iter().take(SHOW) {
        d.hanging(
            2,
            "•",
            &format!("{} ~ {}: {} ({} shared)", clean(&c.a), clean(&c.b), percent(c.degree), c.shared_commits),
        );
    }
    more(d, r.couplings.len(), "couplings");
    let q = r.clustering.modularity.map_or("no couplings to cluster".to_string(), |q| format!("modularity {q:.2}"));
    d.heading(&format!("Groups that change together ({q})"));
    for g in &r.clustering.groups {
        let names: Vec<String> = g.modules.iter().map(|m| clean(m).into_owned()).collect();
        d.hanging(2, &format!("{}:", g.id), &names.join(", "));
    }
    for s in r.clustering.seams.iter().take(SHOW_SEAMS) {
        d.hanging(
            2,
            "↔",
            &format!(
                "{}–{}: {} co-changes; strongest {} ({})",
                s.a,
                s.b,
                s.shared_commits,
                clean(&s.strongest),
                percent(s.degree)
            ),
        );
    }
    if !r.inferred.is_empty() {
        d.heading("Answers for `msadvise assess`");
        for i in &r.inferred {
            let head = format!("{} = {}", i.question, i.choice);
            d.hanging(
                2,
                &theme.good("→"),
                &format!("{} ({} confidence): {}", theme.strong(&head), i.confidence.label(), clean(&i.reason)),
            );
        }
    }
    if !r.notes.is_empty() {
        d.heading("Notes");
        for n in &r.notes {
            d.hanging(2, "•", &clean(n));
        }
    }
}

fn history_line(h: &HistorySummary) -> String {
    let span = match (&h.first_commit, &h.last_commit) {
        (Some(f), Some(l)) => format!(" from {f} to {l} ({:.1} months)", h.months),
        _ => String::new(),
    };
    let since = h.since.as_deref().map_or("in all history".to_string(), |s| format!("since {s}"));
    let shallow = if h.shallow { " in a shallow clone" } else { "" };
    let outside = if h.outside_examples.is_empty() {
        String::new()
    } else {
        format!(" (changes outside modules: {})", clean(&h.outside_examples.join(", ")))
    };
    let moved = if h.moved_changes > 0 {
        format!(
            " Renames followed: {} file changes counted where their files are now ({} paths renamed).",
            h.moved_changes, h.renamed_paths
        )
    } else {
        String::new()
    };
    format!(
        "{} commits {since}{span}{shallow}; {} used. Left out: {} by bots, {} bulk (over {} files), {} only outside modules{outside}; {} people.{moved}",
        h.commits_read, h.commits_used, h.bot_commits, h.bulk_commits, h.bulk_limit, h.outside_only_commits, h.people
    )
}

fn more(d: &mut Doc<'_>, total: usize, what: &str) {
    if total > SHOW {
        let theme = *d.theme;
        d.line(&theme.dim(&format!("  … and {} more {what} (all in --format json)", total - SHOW)));
    }
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

pub fn boundaries_markdown(r: &BoundariesReport) -> String {
    let mut m = format!("# Boundaries from history: `{}`\n", md_cell(&clean(&r.root)));
    for repo in &r.repositories {
        if r.repositories.len() > 1 {
            m.push_str(&format!("\n## Repository `{}`\n", md_cell(&clean(&repo.repository))));
        }
        repository_markdown(&mut m, repo);
    }
    m
}

fn repository_markdown(m: &mut String, r: &RepositoryBoundaries) {
    m.push_str(&format!("\n{}\n", md_cell(&history_line(&r.history))));
    if let Some(ratio) = r.history.cross_module_ratio {
        m.push_str(&format!(
            "\n**Cross-module change ratio: {}** of commits change two or more modules.\n",
            percent(ratio)
        ));
    }
    m.push_str(&format!("\n### Modules (from {})\n\n| Module | Commits | Authors | Churn | Main author (share) |\n|---|---:|---:|---:|---|\n", r.modules_from));
    for x in r.modules.iter().take(SHOW) {
        let owner = match (&x.main_author, x.ownership) {
            (Some(a), Some(s)) => format!("{} ({})", md_cell(&clean(a)), percent(s)),
            _ => "–".to_string(),
        };
        m.push_str(&format!(
            "| {} | {} | {} | {} | {owner} |\n",
            md_cell(&clean(&x.name)),
            x.commits,
            x.authors,
            x.churn
        ));
    }
    m.push_str("\n### Couplings\n\n| Modules | Degree | Shared commits |\n|---|---:|---:|\n");
    for c in r.couplings.iter().take(SHOW) {
        m.push_str(&format!(
            "| {} ~ {} | {} | {} |\n",
            md_cell(&clean(&c.a)),
            md_cell(&clean(&c.b)),
            percent(c.degree),
            c.shared_commits
        ));
    }
    let q = r.clustering.modularity.map_or("no couplings".to_string(), |q| format!("modularity {q:.2}"));
    m.push_str(&format!("\n### Groups ({}; {q})\n\n", r.clustering.method));
    for g in &r.clustering.groups {
        let names: Vec<String> = g.modules.iter().map(|x| md_cell(&clean(x))).collect();
        m.push_str(&format!("- **{}**: {}\n", g.id, names.join(", ")));
    }
    m.push_str("\n```mermaid\n");
    m.push_str(&mermaid(r));
    m.push_str("```\n");
    if !r.inferred.is_empty() {
        m.push_str("\n### Answers for `msadvise assess`\n\n");
        for i in &r.inferred {
            m.push_str(&format!(
                "- `{}` = `{}` ({} confidence): {}\n",
                i.question,
                i.choice,
                i.confidence.label(),
                md_cell(&clean(&i.reason))
            ));
        }
    }
    if !r.notes.is_empty() {
        m.push_str("\n### Notes\n\n");
        for n in &r.notes {
            m.push_str(&format!("- {}\n", md_cell(&clean(n))));
        }
    }
}

/// A Mermaid flowchart: groups as subgraphs, couplings as labelled links.
fn mermaid(r: &RepositoryBoundaries) -> String {
    let id = |name: &str| r.modules.iter().position(|x| x.name == name).map_or("x".to_string(), |i| format!("m{i}"));
    let label = |s: &str| clean(s).replace('"', "#quot;").replace(['<', '>', '`'], " ");
    let mut g = String::from("graph LR\n");
    for group in &r.clustering.groups {
        g.push_str(&format!("  subgraph {}[\"{}\"]\n", group.id, group.id));
        for name in &group.modules {
            g.push_str(&format!("    {}[\"{}\"]\n", id(name), label(name)));
        }
        g.push_str("  end\n");
    }
    for c in &r.couplings {
        g.push_str(&format!("  {} ---|\"{}\"| {}\n", id(&c.a), percent(c.degree), id(&c.b)));
    }
    // Stronger coupling, thicker line.
    for (i, c) in r.couplings.iter().enumerate() {
        g.push_str(&format!("  linkStyle {i} stroke-width:{:.1}px\n", 1.0 + 4.0 * c.degree));
    }
    g
}

/// Graphviz: `msadvise boundaries --format dot | dot -Tsvg > boundaries.svg`.
pub fn boundaries_dot(r: &BoundariesReport) -> String {
    let mut g = String::from(
        "graph boundaries {\n  graph [rankdir=LR, fontname=\"Helvetica\"];\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\"];\n",
    );
    for (ri, repo) in r.repositories.iter().enumerate() {
        let prefix = if r.repositories.len() > 1 { format!("{}/", repo.repository) } else { String::new() };
        g.push_str(&format!("  subgraph cluster_repo{ri} {{\n    label={};\n", quote(&repo.repository)));
        for group in &repo.clustering.groups {
            g.push_str(&format!(
                "    subgraph cluster_{ri}_{} {{\n      label={};\n      style=dashed;\n",
                group.id,
                quote(&group.id)
            ));
            for name in &group.modules {
                let commits = repo.modules.iter().find(|x| &x.name == name).map_or(0, |x| x.commits);
                g.push_str(&format!(
                    "      {} [label={}];\n",
                    quote(&format!("{prefix}{name}")),
                    quote(&format!("{name}\n{commits} commits"))
                ));
            }
            g.push_str("    }\n");
        }
        for c in &repo.couplings {
            g.push_str(&format!(
                "    {} -- {} [label={}, penwidth={:.1}];\n",
                quote(&format!("{prefix}{}", c.a)),
                quote(&format!("{prefix}{}", c.b)),
                quote(&format!("{} ({})", percent(c.degree), c.shared_commits)),
                1.0 + 4.0 * c.degree
            ));
        }
        g.push_str("  }\n");
    }
    g.push_str("}\n");
    g
}

/// A DOT string literal: quotes and backslashes escaped, newlines as `\n`, control characters out.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    let lines: Vec<String> = s.split('\n').map(|l| clean(l).into_owned()).collect();
    for c in lines.join("\n").chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The end of a name too long for its column, after an ellipsis: the end of a module's path says
/// most about it (`…/Payments/Tests/UnitTests`), and the whole name is in the JSON.
fn tail(name: &str, width: usize) -> String {
    let count = name.chars().count();
    if count <= width {
        return name.to_string();
    }
    let kept: String = name.chars().skip(count + 1 - width).collect();
    format!("…{kept}")
}

#[cfg(test)]
mod tests {
    use super::tail;

    #[test]
    fn a_long_name_keeps_its_end_within_the_width() {
        assert_eq!(tail("src/Modules/Payments/Infrastructure", 20), "…ents/Infrastructure");
        assert_eq!(tail("backend", 20), "backend");
        assert_eq!(tail("abcdef", 4).chars().count(), 4);
        assert!(tail("abcdef", 4).ends_with("def"));
    }
}
