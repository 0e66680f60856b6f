//! Tables for listings, drawn with comfy-table at the output width.

use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};

use crate::knowledge::Topic;

pub fn topics_table(topics: &[&Topic], width: usize) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX))
        .set_header(vec!["ID", "KIND", "SUMMARY"]);
    for i in 0..2 {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    for t in topics {
        table.add_row(vec![t.id.clone(), t.kind.label().to_string(), t.summary.clone()]);
    }
    let mut out = String::new();
    for line in table.to_string().lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
