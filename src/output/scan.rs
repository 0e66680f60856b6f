//! How a repository scan reads: a terminal report grouped by dimension, Markdown for a wiki
//! page, and the progress line shown on stderr while a long scan runs.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::Theme;
use super::markdown::code;
use super::text::{Doc, md_cell};
use crate::scan::{Inferred, ScanReport};

/// At most this many evidence paths are shown per line in text.
const SHOW_EVIDENCE: usize = 4;

pub fn scan_text(r: &ScanReport, theme: &Theme, width: usize) -> String {
    let mut d = Doc::new(theme, width);
    d.line(&theme.title(&format!("Scan of {}", r.root)));
    d.line(&theme.dim(&overview(r)));
    for dim in &r.dimensions {
        d.heading(&dim.title);
        for f in &dim.findings {
            d.hanging(2, "•", &f.summary);
            evidence_line(&mut d, &f.evidence, f.evidence_total);
        }
        for i in r.inferred.iter().filter(|i| i.dimension == dim.dimension) {
            inferred_text(&mut d, i);
        }
    }
    d.heading("Not inferred");
    d.para(&format!("{}. Answer them with `msadvise assess`.", r.unanswered.join(", ")), 2);
    if !r.deployables.is_empty() || !r.excluded.is_empty() {
        d.heading(&format!("Deployables ({})", r.deployables.len()));
        for u in &r.deployables {
            let language = u.language.as_deref().unwrap_or("language not visible");
            d.hanging(2, "•", &format!("{} · {} · {} · {language}", theme.strong(&u.name), u.path, u.kinds.join(", ")));
        }
        if !r.excluded.is_empty() {
            d.hanging(2, "∘", &theme.dim(&excluded_summary(r)));
        }
    }
    if !r.systems.is_empty() {
        d.heading(&format!("Systems ({})", r.systems.len()));
        for s in &r.systems {
            d.hanging(2, "•", &system_line(s));
        }
    }
    if !r.boundaries.is_empty() {
        d.heading("History (details: msadvise boundaries)");
        for b in &r.boundaries {
            d.hanging(2, "•", &crate::sanitize::clean(&b.line()));
        }
    }
    if !r.languages.is_empty() {
        d.heading("Languages");
        let name_width = r.languages.iter().map(|l| l.language.chars().count()).max().unwrap_or(8).max(8);
        d.line(&theme.dim(&format!("  {:<name_width$}  {:>7}  {:>9}", "language", "files", "lines")));
        for l in &r.languages {
            d.line(&format!("  {:<name_width$}  {:>7}  {:>9}", l.language, l.files, l.lines));
        }
    }
    if !r.notes.is_empty() {
        d.heading("Notes");
        for n in &r.notes {
            let count = if n.examples.is_empty() { String::new() } else { format!(" ({})", n.count) };
            d.hanging(2, "•", &format!("{}{count}", capitalised(&n.message)));
            evidence_line(&mut d, &n.examples, n.count);
        }
    }
    d.finish()
}

/// "1 deployable", "2 deployables".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The excluded candidates folded into one line: how many of each kind, and a few names.
fn excluded_summary(r: &ScanReport) -> String {
    let mut by: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for e in &r.excluded {
        *by.entry(e.category.as_str()).or_default() += 1;
    }
    let kinds: Vec<String> = by.iter().map(|(c, n)| format!("{} {n}", c.replace('_', " "))).collect();
    let names: Vec<&str> = r.excluded.iter().take(6).map(|e| e.name.as_str()).collect();
    let more = r.excluded.len().saturating_sub(names.len());
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    format!(
        "Not counted: {} ({}): {}{more}. Each with its reason in `--format json` (`excluded`).",
        plural(r.excluded.len(), "candidate", "candidates"),
        kinds.join(", "),
        names.join(", ")
    )
}

fn system_line(s: &crate::scan::SystemSummary) -> String {
    let ci = if s.ci_systems.is_empty() { "no CI".to_string() } else { s.ci_systems.join(", ") };
    let answers: Vec<String> = s.inferred.iter().map(|i| format!("{}={}", i.question, i.choice)).collect();
    format!(
        "{} · {} · {ci} · {}",
        s.path,
        plural(s.deployables.len(), "deployable", "deployables"),
        if answers.is_empty() { "nothing inferred".to_string() } else { answers.join(", ") }
    )
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn overview(r: &ScanReport) -> String {
    let authors = match (r.authors.last_90_days, r.authors.last_12_months) {
        (Some(a), Some(b)) => format!("{a} commit authors in 90 days ({b} in 12 months)"),
        _ => "no git history".to_string(),
    };
    let systems = if r.systems.is_empty() {
        String::new()
    } else {
        format!("{} · ", plural(r.systems.len(), "system", "systems"))
    };
    format!(
        "{} · {systems}{} · {} · {authors} · {} ms",
        plural(r.stats.files_seen as usize, "file", "files"),
        plural(r.deployables.len(), "deployable", "deployables"),
        plural(r.stats.modules as usize, "module", "modules"),
        r.stats.elapsed_ms
    )
}

fn inferred_text(d: &mut Doc<'_>, i: &Inferred) {
    let theme = *d.theme;
    let head = format!("{} = {}", i.question, i.choice);
    let text = format!("{} ({} confidence): {}", theme.strong(&head), i.confidence.label(), i.reason);
    d.hanging(2, &theme.good("→"), &text);
    evidence_line(d, &i.evidence, i.evidence_total);
}

/// The first evidence paths (most direct first), and how many more there are in all.
fn evidence_line(d: &mut Doc<'_>, evidence: &[String], total: u64) {
    if evidence.is_empty() {
        return;
    }
    let mut shown: Vec<&str> = evidence.iter().take(SHOW_EVIDENCE).map(String::as_str).collect();
    let total = usize::try_from(total).unwrap_or(usize::MAX).max(evidence.len());
    let more = total.saturating_sub(shown.len());
    let more_text = format!("and {more} more");
    if more > 0 {
        shown.push(&more_text);
    }
    let theme = *d.theme;
    d.hanging(4, "", &theme.dim(&shown.join(", ")));
}

pub fn scan_markdown(r: &ScanReport) -> String {
    let mut m = format!("# Repository scan: {}\n\n{}\n", code(&r.root), md_cell(&overview(r)));
    m.push_str("\n## Inferred answers\n\n| Question | Answer | Confidence | Why | Evidence |\n|---|---|---|---|---|\n");
    for i in &r.inferred {
        m.push_str(&format!(
            "| `{}` | `{}` | {} | {} | {} |\n",
            i.question,
            i.choice,
            i.confidence.label(),
            md_cell(&i.reason),
            code_list_total(&i.evidence, i.evidence_total)
        ));
    }
    m.push_str(&format!(
        "\nNot inferred: {}.\n",
        r.unanswered.iter().map(|q| format!("`{q}`")).collect::<Vec<_>>().join(", ")
    ));
    for dim in &r.dimensions {
        m.push_str(&format!("\n## {}\n\n", dim.title));
        for f in &dim.findings {
            let evidence = if f.evidence.is_empty() {
                String::new()
            } else {
                format!(" ({})", code_list_total(&f.evidence, f.evidence_total))
            };
            m.push_str(&format!("- {}{evidence}\n", md_cell(&f.summary)));
        }
    }
    if !r.deployables.is_empty() {
        m.push_str(&format!(
            "\n## Deployables ({})\n\n| Name | Path | Declared by | Language |\n|---|---|---|---|\n",
            r.deployables.len()
        ));
        for u in &r.deployables {
            let language = u.language.as_deref().unwrap_or("–");
            m.push_str(&format!(
                "| {} | {} | {} | {language} |\n",
                md_cell(&u.name),
                code(&u.path),
                u.kinds.join(", ")
            ));
        }
    }
    if !r.excluded.is_empty() {
        m.push_str("\n<details><summary>");
        m.push_str(&md_cell(&plural(r.excluded.len(), "candidate", "candidates")));
        m.push_str(" not counted as deployables</summary>\n\n| Name | Path | Category | Reason |\n|---|---|---|---|\n");
        for e in &r.excluded {
            m.push_str(&format!(
                "| {} | `{}` | {} | {} |\n",
                md_cell(&e.name),
                md_cell(&e.path).replace('`', "'"),
                e.category,
                md_cell(&e.reason)
            ));
        }
        m.push_str("\n</details>\n");
    }
    if !r.systems.is_empty() {
        m.push_str("\n## Systems\n\n");
        for s in &r.systems {
            m.push_str(&format!("- {}\n", md_cell(&system_line(s))));
        }
    }
    if !r.boundaries.is_empty() {
        m.push_str(
            "\n## History\n\nFrom `msadvise boundaries`, which shows the modules, couplings and groups in full.\n\n",
        );
        for b in &r.boundaries {
            m.push_str(&format!("- {}\n", md_cell(&crate::sanitize::clean(&b.line()))));
        }
    }
    if !r.notes.is_empty() {
        m.push_str("\n## Notes\n\n");
        for n in &r.notes {
            let examples = if n.examples.is_empty() { String::new() } else { format!(" ({})", code_list(&n.examples)) };
            m.push_str(&format!("- {} ({}){examples}\n", capitalised(&md_cell(&n.message)), n.count));
        }
    }
    m
}

/// Paths as code, with "and N more" when the list was cut.
fn code_list_total(paths: &[String], total: u64) -> String {
    let more = usize::try_from(total).unwrap_or(usize::MAX).saturating_sub(paths.len());
    let list = code_list(paths);
    if more > 0 { format!("{list} and {more} more") } else { list }
}

fn code_list(paths: &[String]) -> String {
    paths.iter().map(|p| code(p)).collect::<Vec<_>>().join(", ")
}

/// A "scanning… N files" line on stderr, drawn only once the scan has run for a noticeable time.
/// Callers start it only when stderr is a terminal.
#[derive(Debug)]
pub struct ScanProgress {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

const DELAY: Duration = Duration::from_millis(300);
const TICK: Duration = Duration::from_millis(100);

impl ScanProgress {
    pub fn start(counter: Arc<AtomicU64>) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let handle = std::thread::spawn(move || draw(&counter, &flag));
        ScanProgress { stop, handle: Some(handle) }
    }

    /// Stop drawing and clear the line.
    pub fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

fn draw(counter: &AtomicU64, stop: &AtomicBool) {
    if !wait(stop, DELAY) {
        return;
    }
    loop {
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r\x1b[2Kscanning… {} files", counter.load(Ordering::Relaxed));
        let _ = stderr.flush();
        drop(stderr);
        if !wait(stop, TICK) {
            break;
        }
    }
    let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
}

/// Sleep for `duration` in short steps; false as soon as `stop` is set.
fn wait(stop: &AtomicBool, duration: Duration) -> bool {
    let until = Instant::now() + duration;
    while Instant::now() < until {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    !stop.load(Ordering::Relaxed)
}
