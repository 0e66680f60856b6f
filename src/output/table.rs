//! The topic listing: aligned columns, the summary wrapped under its own column.

use super::text::{display_width, wrap_into};
use crate::knowledge::index::Entry;

pub fn topics_table(topics: &[&Entry], width: usize) -> String {
    let id_width = topics.iter().map(|t| display_width(&t.id)).chain([2]).max().unwrap_or(2);
    let kind_width = topics.iter().map(|t| display_width(t.kind.label())).chain([4]).max().unwrap_or(4);
    let indent = " ".repeat(1 + id_width + 2 + kind_width + 2);
    let mut out = format!(" {:<id_width$}  {:<kind_width$}  SUMMARY\n", "ID", "KIND");
    for t in topics {
        let first = format!(" {:<id_width$}  {:<kind_width$}  ", t.id, t.kind.label());
        wrap_into(&mut out, &t.summary, width.max(indent.len() + 20), &first, &indent);
    }
    out
}
