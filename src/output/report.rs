//! How an assessment reads: a terminal report, and Markdown shaped as a decision record.

use super::Theme;
use super::text::{Doc, md_cell};
use crate::assess::change::Direction;
use crate::assess::engine::CheckStatus;
use crate::assess::model::{Kind, Role};
use crate::assess::report::{AnswerItem, AnswerStatus, Level, PrerequisiteState, Report};

const BAR: usize = 20;

fn bar(score: Option<u8>) -> String {
    match score {
        Some(s) => {
            let filled = (usize::from(s) * BAR + 50) / 100;
            format!("{}{} {s:>3}", "█".repeat(filled), "░".repeat(BAR - filled))
        }
        None => format!("{}   –", "·".repeat(BAR)),
    }
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Low => "low",
        Level::Medium => "medium",
        Level::High => "high",
    }
}

fn status_word(theme: &Theme, s: CheckStatus) -> std::borrow::Cow<'static, str> {
    match s {
        CheckStatus::Pass => theme.good("pass"),
        CheckStatus::Fail => theme.bad("FAIL"),
        CheckStatus::Unknown => theme.warning("  ? "),
        CheckStatus::NotApplicable => theme.dim(" n/a"),
    }
}

fn topics_line(topics: &[impl std::fmt::Display]) -> String {
    topics.iter().map(|t| format!("msadvise explain {t}")).collect::<Vec<_>>().join(" · ")
}

pub fn report_text(r: &Report, theme: &Theme, width: usize) -> String {
    let mut d = Doc::new(theme, width);
    let banner = format!("Verdict: {}", r.verdict_title);
    d.line(&theme.title(&banner));
    d.line(&theme.dim(&format!(
        "fit {}/100 · confidence {} · readiness level {}",
        r.fit_score,
        level(r.confidence.level),
        r.readiness.level_reached
    )));
    d.blank();
    d.para(&r.summary, 0);
    d.blank();
    d.para(&format!("Why: {}", r.rationale), 0);
    if let Some(s) = &r.stop_sign {
        d.blank();
        d.para(&format!("{} {} (source: {})", theme.warning("Stop sign:"), theme.strong(&s.title), s.source), 0);
    }
    for s in r.stop_signs_applying.iter().filter(|s| r.stop_sign.as_ref().is_none_or(|d| d.id != s.id)) {
        d.blank();
        d.para(&format!("{} {}: {}", theme.dim("Also a stop sign:"), s.title, s.reason), 0);
    }
    d.heading("Dimensions");
    let name_width = r.dimensions.iter().map(|x| x.title.chars().count()).max().unwrap_or(10);
    for dim in &r.dimensions {
        let role = match dim.role {
            Role::Fit => format!("fit ×{}", dim.weight),
            Role::Readiness => "readiness".to_string(),
        };
        let unknown = if dim.unknown > 0 { format!(", {} unknown", dim.unknown) } else { String::new() };
        d.line(&format!(
            "  {:<name_width$}  {}  {}",
            dim.title,
            bar(dim.score),
            theme.dim(&format!("{role}{unknown}"))
        ));
    }
    readiness_text(&mut d, r);
    reasons_text(&mut d, r);
    if !r.blockers.is_empty() {
        d.heading("Blockers to running services");
        for (i, b) in r.blockers.iter().enumerate() {
            d.hanging(2, &format!("{}.", i + 1), &theme.strong(&b.title));
            d.para(&b.plan, 5);
            d.hanging(5, "", &theme.dim(&format!("Read: {}", topics_line(&b.topics))));
        }
    }
    if r.rests_on_unverified {
        d.heading("To verify before relying on this verdict");
        for (i, b) in r.to_verify.iter().enumerate() {
            d.hanging(2, &format!("{}.", i + 1), &theme.strong(&b.title));
            d.para(&b.plan, 5);
        }
    }
    if !r.risks.is_empty() {
        d.heading("Risks");
        for risk in &r.risks {
            let sev = format!("[{}]", serde_plain(&risk.severity));
            d.hanging(2, &theme.warning(&sev), &format!("{} ({})", theme.strong(&risk.title), risk.concern.label()));
            d.para(&risk.detail, 5);
            d.hanging(5, "", &theme.dim(&format!("Read: {}", topics_line(&risk.topics))));
        }
    }
    change_text(&mut d, r);
    team_text(&mut d, r);
    match &r.situation {
        Some(s) => d.heading(&format!("Next steps · {}", s.title.to_lowercase())),
        None => d.heading("Next steps"),
    }
    for (i, s) in r.next_steps.iter().enumerate() {
        d.hanging(2, &format!("{}.", i + 1), &s.text);
        d.hanging(5, "", &theme.dim(&format!("Read: {}", topics_line(&s.topics))));
    }
    d.heading("Confidence");
    d.hanging(2, "", &format!("{}: {}.", level(r.confidence.level), r.confidence.why.join("; ")));
    if let Some(line) = inferred_line(r, str::to_string) {
        d.hanging(2, "", &line);
    }
    for s in &r.stop_signs_unresolved {
        d.hanging(
            2,
            "",
            &format!("Not ruled out: stop sign \u{201c}{}\u{201d} (an unknown answer leaves it open).", s.title),
        );
    }
    d.finish()
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Improvement => "an improvement",
        Direction::Deterioration => "a deterioration",
        Direction::TowardsSplitting => "towards splitting",
        Direction::AwayFromSplitting => "away from splitting",
        Direction::Mixed => "mixed",
    }
}

fn serde_plain<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn readiness_text(d: &mut Doc<'_>, r: &Report) {
    let state = match r.readiness.prerequisites {
        PrerequisiteState::Met => "prerequisites met",
        PrerequisiteState::Failing => "prerequisites failing",
        PrerequisiteState::Unverified => "prerequisites not all verified",
    };
    d.heading(&format!("Readiness · {state}"));
    let mut current = 0;
    for c in &r.readiness.checks {
        if c.level != current {
            current = c.level;
            let tag = if c.prerequisite { "prerequisite" } else { "recommended" };
            d.line(&format!("  Level {} · {} ({tag})", c.level, c.level_title));
        }
        let word = status_word(d.theme, c.status);
        d.hanging(4, &word, &c.title);
    }
}

fn reasons_text(d: &mut Doc<'_>, r: &Report) {
    for (title, reasons) in [
        ("For splitting into services", &r.reasons.towards_services),
        ("For keeping one deployable", &r.reasons.against),
    ] {
        if reasons.is_empty() {
            continue;
        }
        d.heading(title);
        for reason in reasons {
            let points = format!("{:+.1}", reason.contribution);
            d.hanging(
                2,
                &d.theme.strong(&format!("{points:>5}")),
                &format!("{} {}", reason.answer, d.theme.dim(&format!("({})", reason.question))),
            );
            if let Some(note) = &reason.note {
                d.para(note, 8);
            }
        }
    }
}

fn team_text(d: &mut Doc<'_>, r: &Report) {
    let Some(team) = &r.team else { return };
    d.heading(&format!("Where the team disagrees · {} people", team.people.len()));
    d.hanging(2, "", &d.theme.dim(&format!("{}: {}.", team.people.join(", "), team.rule)));
    if team.disagreements.is_empty() {
        d.hanging(2, "", "Everyone who answered gave the same answers.");
    }
    for x in &team.disagreements {
        let mark = if x.changes_verdict {
            d.theme.warning("changes the verdict")
        } else {
            d.theme.dim("same verdict either way")
        };
        d.hanging(2, "-", &format!("{} · {mark}", d.theme.strong(&x.question)));
        for v in &x.views {
            let line = format!("\u{201c}{}\u{201d} ({}) → {}", v.labels.join(", "), v.people.join(", "), v.verdict);
            d.hanging(6, "", &line);
        }
    }
}

fn change_text(d: &mut Doc<'_>, r: &Report) {
    d.heading("What would change the verdict");
    if r.what_would_change.is_empty() {
        d.para("No change of one or two answers changes the verdict.", 2);
        return;
    }
    if r.what_would_change.iter().all(|f| f.kind != Kind::Lever) {
        d.para("No change the team can make to one or two answers changes the verdict.", 2);
    }
    for (kind, title) in [(Kind::Lever, "What the team can change"), (Kind::Fact, "If the situation were different")] {
        let flips: Vec<_> = r.what_would_change.iter().filter(|f| f.kind == kind).collect();
        if flips.is_empty() {
            continue;
        }
        d.line(&format!("  {title}"));
        for flip in flips {
            let changes: Vec<String> = flip
                .changes
                .iter()
                .map(|c| {
                    if let Some(added) = &c.adds {
                        format!("{} adds \u{201c}{added}\u{201d}", c.question)
                    } else if let Some(removed) = &c.removes {
                        format!("{} drops \u{201c}{removed}\u{201d}", c.question)
                    } else if c.from == crate::assess::model::UNKNOWN {
                        format!("{} turns out \u{201c}{}\u{201d}", c.question, c.to_label)
                    } else {
                        format!("{}: \u{201c}{}\u{201d} → \u{201c}{}\u{201d}", c.question, c.from_label, c.to_label)
                    }
                })
                .collect();
            d.hanging(
                4,
                &format!("→ {}", d.theme.strong(&flip.verdict)),
                &format!(
                    "(fit {}, {}{}) if {}",
                    flip.fit_score,
                    direction(flip.direction),
                    flip.stop_sign.as_deref().map_or(String::new(), |s| format!(", stop sign {s}")),
                    changes.join(" and ")
                ),
            );
        }
    }
}

/// An architecture decision record a team can commit under `docs/adr/`.
pub fn report_markdown(r: &Report) -> String {
    let mut m = format!("# Architecture decision: {}\n\n", r.verdict_title);
    m.push_str(&format!("- Status: proposed\n- Verdict: `{}` (fit {}/100, confidence {}, readiness level {})\n- Assessed with: msadvise, questionnaire \"{}\"\n", r.verdict, r.fit_score, level(r.confidence.level), r.readiness.level_reached, r.questionnaire));
    m.push_str("\n## Context\n\n| Dimension | Score |\n|---|---|\n");
    for dim in &r.dimensions {
        let s = dim.score.map_or("–".to_string(), |s| s.to_string());
        m.push_str(&format!("| {} ({}) | {s} |\n", dim.title, serde_plain(&dim.role)));
    }
    m.push_str("\n<details><summary>Answers</summary>\n\n| Question | Answer | Note |\n|---|---|---|\n");
    for a in r.answers.iter().filter(|a| a.status != AnswerStatus::NotAsked) {
        let mut answer = if a.labels.is_empty() { "–".to_string() } else { a.labels.join(", ") };
        if let Some(counts) = inferred_counts(a) {
            answer.push_str(&format!(" (inferred by a scan: {counts})"));
        }
        m.push_str(&format!(
            "| {} | {} | {} |\n",
            md_cell(&a.prompt),
            md_cell(&answer),
            md_cell(a.note.as_deref().unwrap_or(""))
        ));
    }
    m.push_str("\n</details>\n\n## Decision\n\n");
    m.push_str(&format!("{}\n\n{}\n", r.summary, r.rationale));
    if let Some(s) = &r.stop_sign {
        m.push_str(&format!("\nStop sign: **{}** (source: {}).\n", s.title, md_cell(&s.source)));
    }
    if r.rests_on_unverified {
        m.push_str("\nTo verify before relying on this verdict:\n\n");
        for b in &r.to_verify {
            m.push_str(&format!("- **{}**: {}\n", b.title, md_cell(&b.plan)));
        }
    }
    m.push_str("\n## Consequences\n\n");
    for (title, reasons) in [("For splitting", &r.reasons.towards_services), ("For one deployable", &r.reasons.against)]
    {
        for reason in reasons {
            m.push_str(&format!(
                "- {title} ({:+.1}): {} — {}\n",
                reason.contribution,
                md_cell(&reason.prompt),
                md_cell(&reason.answer)
            ));
        }
    }
    for risk in &r.risks {
        m.push_str(&format!(
            "- Risk ({}, {}): **{}** {}\n",
            serde_plain(&risk.severity),
            risk.concern.label(),
            risk.title,
            md_cell(&risk.detail)
        ));
    }
    if !r.blockers.is_empty() {
        m.push_str("\n### Blockers\n\n");
        for b in &r.blockers {
            m.push_str(&format!("- **{}**: {}\n", b.title, md_cell(&b.plan)));
        }
    }
    m.push_str("\n## What would change this decision\n\n");
    if r.what_would_change.is_empty() {
        m.push_str("No change of one or two answers changes the verdict.\n");
    }
    let mut flips: Vec<_> = r.what_would_change.iter().collect();
    // Levers the team can pull first, then facts of its situation.
    flips.sort_by_key(|f| f.kind != Kind::Lever);
    for flip in flips {
        let changes: Vec<String> = flip
            .changes
            .iter()
            .map(|c| format!("`{}` from \"{}\" to \"{}\"", c.question, c.from_label, c.to_label))
            .collect();
        m.push_str(&format!(
            "- `{}` (fit {}; {}, {}): {}\n",
            flip.verdict,
            flip.fit_score,
            serde_plain(&flip.kind),
            direction(flip.direction),
            changes.join(" and ")
        ));
    }
    if let Some(team) = &r.team {
        m.push_str(&format!("\n## Where the team disagrees\n\n{} answered; {}.\n\n", people(&team.people), team.rule));
        m.push_str("| Question | Views (who → verdict if taken) | Changes the verdict |\n|---|---|---|\n");
        for x in &team.disagreements {
            let views: Vec<String> = x
                .views
                .iter()
                .map(|v| format!("{} ({} → `{}`)", v.labels.join(", "), people(&v.people), v.verdict))
                .collect();
            let changes = if x.changes_verdict { "yes" } else { "no" };
            m.push_str(&format!("| {} | {} | {changes} |\n", md_cell(&x.prompt), md_cell(&views.join("; "))));
        }
    }
    m.push_str("\n## Next steps\n\n");
    for (i, s) in r.next_steps.iter().enumerate() {
        let topics: Vec<String> = s.topics.iter().map(|t| format!("`msadvise explain {t}`")).collect();
        m.push_str(&format!("{}. {} (see {})\n", i + 1, s.text, topics.join(", ")));
    }
    m.push_str(&format!("\n## Confidence\n\n{}: {}.\n", level(r.confidence.level), r.confidence.why.join("; ")));
    if let Some(line) = inferred_line(r, super::markdown::code) {
        m.push_str(&format!("\n{line}\n"));
    }
    m
}

/// For an answer a scan inferred and no person confirmed: its confidence and how much it counts.
fn inferred_counts(a: &AnswerItem) -> Option<String> {
    let confidence = a.inferred?.label();
    let counts = if a.weight < 1.0 { format!("counts ×{}", a.weight) } else { "counts fully".to_string() };
    Some(format!("{confidence} confidence, {counts}"))
}

/// Which answers a scan inferred and no person confirmed, how much each counts and why, and how a
/// person makes one count fully; `id` shows a question id.
fn inferred_line(r: &Report, id: impl Fn(&str) -> String) -> Option<String> {
    let marked: Vec<String> = r
        .answers
        .iter()
        .filter(|a| a.status == AnswerStatus::Answered)
        .filter_map(|a| inferred_counts(a).map(|counts| format!("{} ({counts})", id(&a.question))))
        .collect();
    if marked.is_empty() {
        return None;
    }
    Some(format!(
        "Inferred by a scan, not confirmed by a person: {}. Each counts by the scan's confidence, the rest as \"don't know\", because a scan reads signs in files, not the team's situation; it counts fully once a person answers it (with `--set` or in the quiz) or deletes its line under `inferred:` in an answers file.",
        marked.join("; ")
    ))
}

/// People's names (taken from file names) as Markdown text.
fn people(names: &[String]) -> String {
    names.iter().map(|n| super::markdown::inline(n)).collect::<Vec<_>>().join(", ")
}
