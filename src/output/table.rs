//! The topic listing: one line per topic grouped by kind, or (`--long`) the whole summaries.

use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};

use super::Theme;
use super::text::display_width;
use crate::knowledge::Kind;
use crate::knowledge::index::Entry;

/// Fewest columns worth giving a summary; with less room the lines show ids alone.
const MIN_SUMMARY: usize = 16;

/// One line per topic, fitted to `width`, under a heading per kind, as `just --list` does.
/// `topics` come sorted by kind. The summary is cut at a word with an ellipsis; ids are never cut,
/// since they are what people type next, so a narrow terminal gets the ids alone.
pub fn topics_list(topics: &[&Entry], theme: &Theme, width: usize) -> String {
    let column = topics.iter().map(|t| display_width(&t.id)).max().unwrap_or(0);
    let room = width.saturating_sub(2 + column + 2);
    let mut out = String::new();
    let mut kind = None;
    for t in topics {
        if kind != Some(t.kind) {
            if kind.is_some() {
                out.push('\n');
            }
            out.push_str(&theme.heading(group_title(t.kind)));
            out.push('\n');
            kind = Some(t.kind);
        }
        out.push_str("  ");
        out.push_str(&theme.strong(&t.id));
        if room >= MIN_SUMMARY {
            out.push_str(&" ".repeat(column.saturating_sub(display_width(&t.id)) + 2));
            out.push_str(&truncate(&t.summary, room));
        }
        out.push('\n');
    }
    out
}

/// Every topic with its kind and its whole summary, wrapped in its own column; on a terminal too
/// narrow for three columns, each topic is a block: id and kind, then the summary under them.
pub fn topics_table(topics: &[&Entry], width: usize) -> String {
    let id = topics.iter().map(|t| display_width(&t.id)).max().unwrap_or(0);
    let kind = topics.iter().map(|t| display_width(t.kind.label())).max().unwrap_or(0);
    if id + kind + 6 + MIN_SUMMARY + 8 > width {
        let mut out = String::new();
        for t in topics {
            super::wrap_into(&mut out, &format!("{} · {}", t.id, t.kind.label()), width, "", "  ");
            super::wrap_into(&mut out, &t.summary, width, "  ", "  ");
        }
        return out;
    }
    let mut table = Table::new();
    table
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX))
        .set_header(["ID", "KIND", "SUMMARY"]);
    for t in topics {
        table.add_row([t.id.as_ref(), t.kind.label(), &super::flat(&t.summary)]);
    }
    for i in 0..2 {
        if let Some(c) = table.column_mut(i) {
            c.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    let mut out = String::new();
    for line in table.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn group_title(kind: Kind) -> &'static str {
    match kind {
        Kind::ArchitectureStyle => "ARCHITECTURE STYLES",
        Kind::Pattern => "PATTERNS",
        Kind::Concept => "CONCEPTS",
        Kind::Practice => "PRACTICES",
        Kind::AntiPattern => "ANTI-PATTERNS",
    }
}

/// `text` on one line (each run of white space one space, as `flat` makes it), cut to at most
/// `room` columns at a word boundary, with `…` when anything was cut. Words are measured as they
/// are kept and the walk stops at the first that does not fit: a long summary is neither
/// flattened nor measured in full only to show its first words.
pub fn truncate(text: &str, room: usize) -> String {
    let mut kept = String::new();
    let mut width = 0;
    // Where the words that leave room for the ellipsis end, once a word has not.
    let mut cut: Option<usize> = None;
    for word in text.split_whitespace() {
        let extra = usize::from(!kept.is_empty()) + display_width(word);
        if cut.is_none() && width + extra + 1 > room {
            cut = Some(kept.len());
        }
        if width + extra > room {
            return ellipsis(&kept[..cut.unwrap_or(kept.len())], text, room);
        }
        if !kept.is_empty() {
            kept.push(' ');
        }
        kept.push_str(word);
        width += extra;
    }
    kept
}

/// `kept` (the words that fit) and `…`; when not even the first word fits, as many of its
/// characters as do.
fn ellipsis(kept: &str, text: &str, room: usize) -> String {
    let mut out = kept.to_string();
    if out.is_empty() {
        let mut width = 0;
        for c in text.split_whitespace().next().unwrap_or_default().chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if width + w + 1 > room {
                break;
            }
            out.push(c);
            width += w;
        }
    }
    format!("{}…", out.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_at_words_with_an_ellipsis() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("one two, three four", 12), "one two…");
        assert_eq!(truncate("incomprehensibilities", 6), "incom…");
        assert!(display_width(&truncate("a b c d e f g h i j", 7)) <= 7);
        assert_eq!(truncate("  one\n two\tthree ", 20), "one two three");
    }

    /// The plain way: flatten the whole text, measure it, then keep words while they fit.
    fn reference(text: &str, room: usize) -> String {
        let text = crate::output::flat(text);
        if display_width(&text) <= room {
            return text;
        }
        let mut kept = String::new();
        let mut width = 0;
        for word in text.split(' ') {
            let extra = usize::from(!kept.is_empty()) + display_width(word);
            if width + extra + 1 > room {
                break;
            }
            if !kept.is_empty() {
                kept.push(' ');
            }
            kept.push_str(word);
            width += extra;
        }
        if kept.is_empty() {
            for c in text.chars() {
                let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if width + w + 1 > room {
                    break;
                }
                kept.push(c);
                width += w;
            }
        }
        format!("{}…", kept.trim_end_matches([',', ';', ':', '.', ' ']))
    }

    proptest::proptest! {
        #[test]
        fn cutting_while_walking_equals_flattening_first(
            text in "([a-zé漢]{1,12}[,.;:]?[ \n\t]{1,3}){0,15}",
            room in 0usize..60,
        ) {
            proptest::prop_assert_eq!(truncate(&text, room), reference(&text, room));
        }
    }
}
