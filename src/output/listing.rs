//! Search results, glossary entries and style comparisons, as text and Markdown.

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::Theme;
use super::text::{Doc, display_width, md_cell};
use crate::commands::compare::Comparison;
use crate::commands::glossary::GlossaryDoc;
use crate::commands::search::SearchResults;

/// `text` with every occurrence of the matched words (case-insensitive, word starts) made strong.
fn highlight(theme: &Theme, text: &str, matched: &[String]) -> String {
    if !theme.enabled() {
        return text.to_string();
    }
    text.split(' ')
        .map(|w| {
            let lower = w.to_lowercase();
            let core = lower.trim_matches(|c: char| !c.is_alphanumeric());
            if !core.is_empty() && matched.iter().any(|m| core.starts_with(m.as_str())) {
                theme.strong(w)
            } else {
                w.into()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn search_text(doc: &SearchResults<'_>, theme: &Theme, width: usize) -> String {
    let mut d = Doc::new(theme, width);
    if doc.results.is_empty() {
        d.para(&format!("No topic matches \u{201c}{}\u{201d}.", doc.query), 0);
        d.para(&theme.dim("Try fewer or other words, or `msadvise topics` for the list."), 0);
        return d.finish();
    }
    for (i, r) in doc.results.iter().enumerate() {
        let head = format!("{} {}", theme.strong(r.title), theme.dim(&format!("· {} · {}", r.kind.label(), r.id)));
        d.hanging(0, &format!("{:>2}.", i + 1), &head);
        d.para(&highlight(theme, &r.snippet, &r.matched), 4);
        d.hanging(4, "", &theme.dim(&format!("msadvise explain {}", r.id)));
        d.blank();
    }
    without_last_blank(d.finish())
}

/// Entries are separated by a blank line; the output does not end with one.
fn without_last_blank(mut text: String) -> String {
    while text.ends_with("\n\n") {
        text.pop();
    }
    text
}

pub fn search_markdown(doc: &SearchResults<'_>) -> String {
    let mut m = format!("# Search: {}\n\n", doc.query);
    if doc.results.is_empty() {
        m.push_str("No topic matches.\n");
    }
    for (i, r) in doc.results.iter().enumerate() {
        m.push_str(&format!(
            "{}. **{}** (`{}`, {}): {}\n",
            i + 1,
            r.title,
            r.id,
            r.kind.label(),
            super::flat(&r.snippet)
        ));
    }
    m
}

pub fn glossary_text(doc: &GlossaryDoc<'_>, theme: &Theme, width: usize) -> String {
    let mut d = Doc::new(theme, width);
    for t in &doc.terms {
        let aliases = if t.aliases.is_empty() {
            String::new()
        } else {
            theme.dim(&format!(" (also: {})", t.aliases.join(", "))).into_owned()
        };
        d.hanging(0, "", &format!("{}{aliases}", theme.strong(&t.term)));
        d.para(&t.definition, 2);
        if let Some(topic) = &t.topic {
            d.hanging(2, "", &theme.dim(&format!("→ msadvise explain {topic}")));
        }
        d.blank();
    }
    without_last_blank(d.finish())
}

pub fn glossary_markdown(doc: &GlossaryDoc<'_>) -> String {
    let mut m = String::from("| Term | Definition | Topic |\n|---|---|---|\n");
    for t in &doc.terms {
        let topic = t.topic.as_deref().map(|x| format!("`{x}`")).unwrap_or_default();
        m.push_str(&format!("| {} | {} | {topic} |\n", md_cell(&t.term), md_cell(&t.definition)));
    }
    m
}

/// The label column's widest, so the styles keep most of the room.
const LABEL_COLUMN: usize = 14;

/// Styles side by side when every column can hold its longest word; otherwise (a narrow terminal,
/// many styles) one block per dimension, so that no word is ever split inside a cell.
pub fn compare_text(doc: &Comparison<'_>, theme: &Theme, width: usize) -> String {
    let mut out =
        if side_by_side_fits(doc, width) { compare_table(doc, width) } else { compare_blocks(doc, theme, width) };
    let ids: Vec<&str> = doc.styles.iter().map(|s| s.id).collect();
    out.push('\n');
    super::wrap_into(&mut out, &format!("More on each: msadvise explain {}", ids.join(" | ")), width, "", "  ");
    out
}

fn longest_word(s: &str) -> usize {
    s.split_whitespace().map(display_width).max().unwrap_or(0)
}

/// Whether each column gets at least its longest word, with a column's padding and separator.
fn side_by_side_fits(doc: &Comparison<'_>, width: usize) -> bool {
    let label = doc.rows.iter().map(|r| longest_word(r.label)).max().unwrap_or(0).min(LABEL_COLUMN);
    let styles: usize = (0..doc.styles.len())
        .map(|i| {
            let values = doc.rows.iter().filter_map(|r| r.values.get(i)).map(|v| longest_word(v));
            values.chain([longest_word(doc.styles[i].title)]).max().unwrap_or(0)
        })
        .sum();
    label + styles + 3 * (doc.styles.len() + 1) <= width
}

fn compare_table(doc: &Comparison<'_>, width: usize) -> String {
    let mut table = Table::new();
    let mut header = vec![String::new()];
    header.extend(doc.styles.iter().map(|s| s.title.to_string()));
    table
        .load_style(presets::UTF8_HORIZONTAL_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX))
        .set_header(header);
    if let Some(first) = table.column_mut(0) {
        first.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(LABEL_COLUMN as u16)));
    }
    for row in &doc.rows {
        let mut cells = vec![row.label.to_string()];
        cells.extend(row.values.iter().map(|v| super::flat(v)));
        table.add_row(cells);
    }
    let mut out = String::new();
    for line in table.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn compare_blocks(doc: &Comparison<'_>, theme: &Theme, width: usize) -> String {
    let mut d = Doc::new(theme, width);
    for row in &doc.rows {
        d.heading(row.label);
        for (style, value) in doc.styles.iter().zip(&row.values) {
            d.hanging(2, "-", &format!("{}: {}", theme.strong(style.title), super::flat(value)));
        }
    }
    d.finish()
}

pub fn compare_markdown(doc: &Comparison<'_>) -> String {
    let titles: Vec<&str> = doc.styles.iter().map(|s| s.title).collect();
    let mut m = format!("| | {} |\n|---|{}\n", titles.join(" | "), "---|".repeat(titles.len()));
    for row in &doc.rows {
        let values: Vec<String> = row.values.iter().map(|v| md_cell(v)).collect();
        m.push_str(&format!("| **{}** | {} |\n", row.label, values.join(" | ")));
    }
    m
}
