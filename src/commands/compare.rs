//! `msadvise compare STYLE STYLE [...]`: architecture styles side by side, from their profiles.

use serde::Serialize;

use crate::cli::{CompareArgs, Format};
use crate::error::{Error, Result};
use crate::knowledge::{Catalog, Profile, Topic};
use crate::output::{self, Output, SCHEMA_VERSION};
use crate::pack::Knowledge;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Comparison<'a> {
    pub schema_version: u32,
    pub styles: Vec<StyleRef<'a>>,
    pub rows: Vec<Row<'a>>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct StyleRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Row<'a> {
    pub dimension: &'static str,
    pub label: &'static str,
    /// One value per style, in the order of `styles`.
    pub values: Vec<&'a str>,
}

pub fn run(args: &CompareArgs, k: &Knowledge, out: &mut Output) -> Result<()> {
    let catalog = k.catalog()?;
    let mut chosen: Vec<(&Topic, &Profile)> = Vec::new();
    for name in &args.styles {
        let topic = catalog
            .find(name)
            .ok_or_else(|| Error::UnknownTopic { query: name.clone(), suggestions: catalog.suggest(name) })?;
        let Some(profile) = &topic.profile else {
            return Err(Error::Usage(format!(
                "`{}` is a {}, not an architecture style with a comparison profile\n  styles that can be compared: {}",
                topic.id,
                topic.kind.label(),
                comparable(catalog).join(", ")
            )));
        };
        chosen.push((topic, profile));
    }
    let styles = chosen.iter().map(|(t, _)| StyleRef { id: &t.id, title: &t.title }).collect();
    let rows = (0..8)
        .map(|i| {
            let first = chosen[0].1.rows()[i];
            Row {
                dimension: first.key,
                label: first.label,
                values: chosen.iter().map(|(_, p)| p.rows()[i].value).collect(),
            }
        })
        .collect();
    let doc = Comparison { schema_version: SCHEMA_VERSION, styles, rows };
    match out.format {
        Format::Json | Format::Yaml => out.machine(&doc),
        Format::Markdown => out.write_str(&output::compare_markdown(&doc)),
        Format::Text => {
            let text = output::compare_text(&doc, &out.theme, out.width);
            out.write_str(&text)
        }
    }
}

fn comparable(catalog: &Catalog) -> Vec<&str> {
    catalog.entries().into_iter().filter(|e| e.has_profile).map(|e| e.id.as_ref()).collect()
}
