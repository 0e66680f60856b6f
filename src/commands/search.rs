//! `msadvise search QUERY`: ranked full-text search over every topic.

use serde::Serialize;

use crate::cli::{Format, SearchArgs};
use crate::error::Result;
use crate::knowledge::Kind;
use crate::output::{self, Output, SCHEMA_VERSION};
use crate::pack::Knowledge;
use crate::search;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct SearchResults<'a> {
    pub schema_version: u32,
    pub query: String,
    pub results: Vec<SearchResult<'a>>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct SearchResult<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub kind: Kind,
    pub score: f64,
    /// The part of the topic that matched best: title, id, alias, summary, definition, or a section.
    pub field: &'static str,
    pub snippet: String,
    #[serde(skip)]
    pub matched: Vec<String>,
}

pub fn run(args: &SearchArgs, k: &Knowledge, out: &mut Output) -> Result<()> {
    let catalog = k.catalog()?;
    let query = args.query.join(" ");
    let results = search::search(catalog, &query, args.limit)
        .into_iter()
        .map(|h| SearchResult {
            id: &h.topic.id,
            title: &h.topic.title,
            kind: h.topic.kind,
            score: h.score,
            field: h.field,
            snippet: h.snippet,
            matched: h.matched,
        })
        .collect();
    let doc = SearchResults { schema_version: SCHEMA_VERSION, query, results };
    out.found_nothing = doc.results.is_empty();
    match out.format {
        Format::Json | Format::Yaml => out.machine(&doc),
        Format::Markdown => out.write_str(&output::search_markdown(&doc)),
        Format::Text => {
            let text = output::search_text(&doc, &out.theme, out.width);
            out.write_str(&text)
        }
    }
}
