//! `msadvise glossary [TERM]`: one-line definitions, each pointing to the topic that explains it.

use serde::Serialize;

use crate::cli::{Format, GlossaryArgs};
use crate::error::{Error, Result};
use crate::knowledge::Term;
use crate::output::{self, Output, SCHEMA_VERSION};
use crate::pack::Knowledge;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct GlossaryDoc<'a> {
    pub schema_version: u32,
    pub query: Option<&'a str>,
    pub terms: Vec<&'a Term>,
}

pub fn run(args: &GlossaryArgs, k: &Knowledge, out: &mut Output) -> Result<()> {
    let glossary = k.glossary()?;
    let terms: Vec<&Term> = match &args.term {
        None => glossary.terms.iter().collect(),
        Some(q) => match glossary.find(q) {
            Some(t) => vec![t],
            None => glossary.search(q),
        },
    };
    if let (Some(q), true) = (&args.term, terms.is_empty()) {
        return Err(Error::Usage(format!(
            "no glossary term matches `{q}`\n  hint: `msadvise glossary` lists every term; `msadvise search {q}` searches the topics"
        )));
    }
    let doc = GlossaryDoc { schema_version: SCHEMA_VERSION, query: args.term.as_deref(), terms };
    match out.format {
        Format::Json | Format::Yaml => out.machine(&doc),
        Format::Markdown => out.write_str(&output::glossary_markdown(&doc)),
        Format::Text => {
            let text = output::glossary_text(&doc, &out.theme, out.width);
            out.write_str(&text)
        }
    }
}
