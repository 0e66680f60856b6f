//! `msadvise topics`: every topic with its kind and summary.

use serde::Serialize;

use crate::cli::{Format, TopicsArgs};
use crate::error::Result;
use crate::knowledge::Kind;
use crate::knowledge::index::Entry;
use crate::output::{self, Output, SCHEMA_VERSION};
use crate::pack::Knowledge;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct TopicList<'a> {
    schema_version: u32,
    topics: Vec<TopicEntry<'a>>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct TopicEntry<'a> {
    id: &'a str,
    title: &'a str,
    kind: Kind,
    aliases: Vec<&'a str>,
    summary: &'a str,
}

pub fn run(args: &TopicsArgs, k: &Knowledge, out: &mut Output) -> Result<()> {
    let catalog = k.catalog()?;
    let mut topics: Vec<&Entry> = catalog.entries();
    topics.sort_by(|a, b| (a.kind as u8, &a.id).cmp(&(b.kind as u8, &b.id)));
    match out.format {
        Format::Json | Format::Yaml => {
            let entries = topics
                .iter()
                .map(|t| TopicEntry {
                    id: &t.id,
                    title: &t.title,
                    kind: t.kind,
                    aliases: t.aliases().collect(),
                    summary: &t.summary,
                })
                .collect();
            out.machine(&TopicList { schema_version: SCHEMA_VERSION, topics: entries })
        }
        Format::Markdown => {
            let mut m = String::from("| Topic | Kind | Summary |\n|---|---|---|\n");
            for t in &topics {
                m.push_str(&format!("| `{}` | {} | {} |\n", t.id, t.kind.label(), t.summary.replace('|', "\\|")));
            }
            out.write_str(&m)
        }
        Format::Text => {
            let (listing, more) = if args.long {
                (output::topics_table(&topics, out.width), "")
            } else {
                (output::topics_list(&topics, &out.theme, out.width), "; whole summaries with `--long`")
            };
            let mut footer = String::from("\n");
            let text = format!("{} topics. Read one with `msadvise explain ID`{more}.", topics.len());
            output::wrap_into(&mut footer, &text, out.width, "", "");
            out.write_str(&listing)?;
            out.write_str(&out.theme.dim(&footer))
        }
    }
}
