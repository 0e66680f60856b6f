//! `msadvise schema NAME`: the JSON Schema of a machine-readable document, derived from the types
//! that produce it (so it cannot drift from the code; `schemas/` holds committed copies).

use schemars::{Schema, schema_for};

use crate::cli::{Format, SchemaArgs, SchemaName};
use crate::error::Result;
use crate::output::Output;

/// The schema of one document, with a title saying what it describes.
pub fn schema(name: SchemaName) -> Schema {
    let mut schema = match name {
        SchemaName::Assessment => schema_for!(crate::assess::Report),
        SchemaName::Answers => schema_for!(crate::assess::answers::RawAnswers),
        SchemaName::Topic => schema_for!(crate::output::topic::TopicDocument<'static>),
        SchemaName::Topics => schema_for!(super::topics::TopicList<'static>),
        SchemaName::Questions => schema_for!(super::questions::QuestionList<'static>),
        SchemaName::Search => schema_for!(super::search::SearchResults<'static>),
        SchemaName::Compare => schema_for!(super::compare::Comparison<'static>),
        SchemaName::Glossary => schema_for!(super::glossary::GlossaryDoc<'static>),
        SchemaName::Scan => schema_for!(crate::scan::ScanReport),
        SchemaName::Boundaries => schema_for!(crate::boundaries::BoundariesReport),
    };
    let title = match name {
        SchemaName::Assessment => "msadvise assess --format json",
        SchemaName::Answers => "msadvise answers file (assess --answers)",
        SchemaName::Topic => "msadvise explain --format json",
        SchemaName::Topics => "msadvise topics --format json",
        SchemaName::Questions => "msadvise questions --format json",
        SchemaName::Search => "msadvise search --format json",
        SchemaName::Compare => "msadvise compare --format json",
        SchemaName::Glossary => "msadvise glossary --format json",
        SchemaName::Scan => "msadvise scan --format json",
        SchemaName::Boundaries => "msadvise boundaries --format json",
    };
    schema.insert("title".to_string(), title.into());
    schema
}

pub fn run(args: &SchemaArgs, out: &mut Output) -> Result<()> {
    let schema = schema(args.name);
    match out.format {
        Format::Yaml => out.machine(&schema),
        _ => {
            let text = serde_json::to_string_pretty(&schema).map_err(std::io::Error::other)? + "\n";
            out.write_str(&text)
        }
    }
}
